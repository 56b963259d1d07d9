import { describe, expect, it } from 'vitest';
import { makePdf } from '../storage/pdf';
import { chunksOf, createMemoryFileStore } from '../storage/file-store';
import { cleanFileName, formatBytes, stageUpload } from './uploads.server';

describe('cleanFileName', () => {
  it('drops path parts, control and bidirectional-override characters, and keeps the extension when shortening', () => {
    expect(cleanFileName('C:\\Users\\me\\Desktop\\Informe final.pdf', 'pdf')).toBe('Informe final.pdf');
    expect(cleanFileName('../../etc/passwd', 'csv')).toBe('passwd');
    expect(cleanFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.exe');
    expect(cleanFileName('line\r\nbreak\u0000.pdf', 'pdf')).toBe('linebreak.pdf');
    expect(cleanFileName('...hidden', 'pdf')).toBe('hidden');
    expect(cleanFileName('  \u0007 ', 'docx')).toBe('document.docx');
    const long = cleanFileName(`${'a'.repeat(300)}.xlsx`, 'xlsx');
    expect(long).toHaveLength(200);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('formats limits in the units people know', () => {
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(64 * 1024)).toBe('64 KB');
  });
});

describe('stageUpload refuses scripts and pages disguised as documents (issue 12)', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const upload = (fileName: string, bytes: Uint8Array) =>
    stageUpload(createMemoryFileStore(), 1024 * 1024, { fileName, data: chunksOf(bytes, 64) });
  const csv = enc('mandate,progress\r\n1,advanced\r\n');

  it.each([
    'invoice.bat',
    'run.ps1',
    'page.html',
    'pic.svg',
    'setup.exe',
    'tool.cmd',
    'x.sh',
    'a.js',
    'a.mjs',
    'a.vbs',
    'a.htm',
    'a.xml',
    'a.xhtml',
    'a.php',
    'a.jar',
    'a.msi',
    'a.com',
    'a.scr',
  ])('refuses CSV text named %s', async (name) => {
    const result = await upload(name, csv);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toBe(
        'This type of file is not accepted. Attach a PDF, Word (.doc, .docx), Excel (.xls, .xlsx), OpenDocument (.odt, .ods, .odp), CSV, PNG, JPEG, GIF or WebP file.',
      );
  });

  it('refuses a CSV line followed by a script, and a PDF + MZ polyglot named .exe', async () => {
    expect((await upload('page.csv', enc('a,b\n<script>alert(1)</script>\n'))).ok).toBe(false);
    const polyglot = new Uint8Array([...enc('%PDF-1.4\n'), ...enc('MZ'), ...new Uint8Array(64)]);
    const refused = await upload('report.exe', polyglot);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('program');
    expect((await upload('report.pdf', polyglot)).ok).toBe(false);
  });

  it('still accepts real documents under their names', async () => {
    const ok = await upload('Informe.pdf', makePdf('Informe'));
    expect(ok.ok && ok.value.mediaType).toBe('application/pdf');
    const sheet = await upload('datos.csv', csv);
    expect(sheet.ok && sheet.value.fileName).toBe('datos.csv');
  });
});
