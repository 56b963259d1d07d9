import { describe, expect, it } from 'vitest';
import { cleanFileName, formatBytes } from './uploads.server';

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
