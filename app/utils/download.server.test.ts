import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { downloadFileName, downloadResponse } from './download.server';

const file = (fileName: string, mediaType: string) => ({
  fileName,
  mediaType,
  sizeBytes: 3,
  sha256: 'abc',
  stream: Readable.from([Buffer.from('a,b')]),
});

describe('downloads (issue 12)', () => {
  it('serve under the sniffed type’s extension, not the uploader’s', () => {
    expect(downloadFileName('invoice.bat', 'text/csv')).toBe('invoice.csv');
    expect(downloadFileName('run.ps1', 'text/csv')).toBe('run.csv');
    expect(downloadFileName('pic.svg', 'text/csv')).toBe('pic.csv');
    expect(downloadFileName('report.exe', 'application/pdf')).toBe('report.pdf');
    expect(downloadFileName('Informe final.pdf', 'application/pdf')).toBe('Informe final.pdf');
    expect(downloadFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(downloadFileName('notes', 'text/csv')).toBe('notes.csv');
    expect(downloadFileName('Informe v1.2', 'application/pdf')).toBe('Informe v1.2.pdf');
    expect(downloadFileName('odd', 'application/x-unknown')).toBe('odd.bin');
  });

  it('send a sandbox CSP and the corrected name on every response', async () => {
    const res = downloadResponse(new Request('http://x/attachments/1'), {
      ok: true,
      value: file('invoice.bat', 'text/csv'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toBe('sandbox');
    expect(res.headers.get('Content-Disposition')).toBe("attachment; filename*=UTF-8''invoice.csv");
    expect(res.headers.get('Content-Disposition')).not.toContain('.bat');
    await res.text();
    const cached = downloadResponse(new Request('http://x/attachments/1', { headers: { 'If-None-Match': '"abc"' } }), {
      ok: true,
      value: file('a.html', 'text/csv'),
    });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('Content-Security-Policy')).toBe('sandbox');
    const missing = downloadResponse(new Request('http://x/attachments/1'), { ok: false });
    expect(missing.headers.get('Content-Security-Policy')).toBe('sandbox');
  });
});
