/**
 * What a file is, decided from its bytes only: the name and the browser's Content-Type are the uploader's claims,
 * and an executable renamed `report.pdf` must not become a "PDF" that the platform serves to others.
 * Pure (no I/O, no dependencies), so every rule is unit-tested on hand-made bytes.
 */

export interface SniffedType {
  mediaType: string;
  /** Short human name, shown beside the download link. */
  label: string;
  extension: string;
}

export type SniffResult = { ok: true; type: SniffedType } | { ok: false; reason: 'empty' | 'executable' | 'unknown' };

/** Named in every refusal, so the person knows what to upload instead. */
export const ALLOWED_TYPES_TEXT =
  'PDF, Word (.doc, .docx), Excel (.xls, .xlsx), OpenDocument (.odt, .ods, .odp), CSV, PNG, JPEG, GIF or WebP';

const T = {
  pdf: { mediaType: 'application/pdf', label: 'PDF', extension: 'pdf' },
  doc: { mediaType: 'application/msword', label: 'Word', extension: 'doc' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word',
    extension: 'docx',
  },
  xls: { mediaType: 'application/vnd.ms-excel', label: 'Excel', extension: 'xls' },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel',
    extension: 'xlsx',
  },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text', extension: 'odt' },
  ods: {
    mediaType: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument spreadsheet',
    extension: 'ods',
  },
  odp: {
    mediaType: 'application/vnd.oasis.opendocument.presentation',
    label: 'OpenDocument presentation',
    extension: 'odp',
  },
  csv: { mediaType: 'text/csv', label: 'CSV', extension: 'csv' },
  png: { mediaType: 'image/png', label: 'PNG image', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', label: 'JPEG image', extension: 'jpg' },
  gif: { mediaType: 'image/gif', label: 'GIF image', extension: 'gif' },
  webp: { mediaType: 'image/webp', label: 'WebP image', extension: 'webp' },
} satisfies Record<string, SniffedType>;

export const ALLOWED_MEDIA_TYPES: ReadonlySet<string> = new Set(Object.values(T).map((t) => t.mediaType));

/** The extension of a stored media type, for the name a download is served under; `bin` for anything else. */
export function extensionOf(mediaType: string): string {
  return Object.values(T).find((t) => t.mediaType === mediaType)?.extension ?? 'bin';
}

/**
 * Extensions that make a file run or render as a page when opened, whatever it holds. A text file named like this
 * is refused at upload, and every download is served under the extension of the sniffed type anyway.
 */
export const DANGEROUS_EXTENSIONS: ReadonlySet<string> = new Set([
  'bat',
  'cmd',
  'com',
  'exe',
  'scr',
  'pif',
  'cpl',
  'msi',
  'msp',
  'msc',
  'dll',
  'sys',
  'drv',
  'ocx',
  'reg',
  'inf',
  'lnk',
  'url',
  'scf',
  'ps1',
  'ps1xml',
  'ps2',
  'psm1',
  'psd1',
  'psc1',
  'sh',
  'bash',
  'zsh',
  'csh',
  'ksh',
  'command',
  'app',
  'run',
  'bin',
  'out',
  'elf',
  'so',
  'dylib',
  'js',
  'mjs',
  'cjs',
  'jse',
  'vbs',
  'vbe',
  'vb',
  'wsf',
  'wsh',
  'ws',
  'wsc',
  'sct',
  'hta',
  'jar',
  'class',
  'py',
  'pyw',
  'pl',
  'rb',
  'php',
  'phtml',
  'phar',
  'asp',
  'aspx',
  'jsp',
  'cgi',
  'html',
  'htm',
  'xhtml',
  'shtml',
  'mht',
  'mhtml',
  'svg',
  'svgz',
  'xml',
  'xsl',
  'xslt',
  'swf',
  'appx',
  'msix',
  'gadget',
  'application',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'apk',
  'deb',
  'rpm',
  'dmg',
  'pkg',
]);

/** The extension of a file name, lower-cased, or '' when it has none. */
export function extensionOfName(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim().replace(/[.\s]+$/, ''));
  return m ? m[1].toLowerCase() : '';
}

/** A short label for a stored media type (the type itself was sniffed at upload). */
export function labelOf(mediaType: string): string {
  return Object.values(T).find((t) => t.mediaType === mediaType)?.label ?? mediaType;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;

export function sniff(bytes: Uint8Array): SniffResult {
  const result = sniffType(bytes);
  // Polyglots: a document whose body also carries a program or a script (a PDF header, then an executable).
  if (result.ok && carriesExecutable(bytes)) return { ok: false, reason: 'executable' };
  return result;
}

function sniffType(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  // Executables and scripts first, named as such: the refusal then says why.
  if (startsWith(bytes, ascii('MZ')) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(bytes, ascii('#!')))
    return { ok: false, reason: 'executable' };
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ]) {
    if (startsWith(bytes, magic)) return { ok: false, reason: 'executable' };
  }
  if (startsWith(bytes, ascii('%PDF-'))) return { ok: true, type: T.pdf };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: T.png };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, type: T.jpeg };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { ok: true, type: T.gif };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { ok: true, type: T.webp };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle2(bytes);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  return sniffCsv(bytes);
}

/** How far into a file the polyglot check looks: executable headers hidden in a document sit near its start. */
const POLYGLOT_WINDOW = 4096;

/**
 * True when the first bytes hold an executable header or a script: ELF or Mach-O magic, a DOS/PE header (`MZ` at a
 * line start or with its `PE\0\0` signature where `e_lfanew` points), a `#!` line, `<script` or `<?php`.
 */
export function carriesExecutable(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, POLYGLOT_WINDOW);
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    const lineStart = i === 0 || bytes[i - 1] === 0x0a || bytes[i - 1] === 0x0d;
    if (b === 0x7f && startsWith(bytes, [0x45, 0x4c, 0x46], i + 1)) return true;
    if (b === 0x4d && bytes[i + 1] === 0x5a) {
      if (lineStart) return true;
      if (i + 0x40 <= bytes.length) {
        const pe = i + u32(bytes, i + 0x3c);
        if (pe > i && startsWith(bytes, [0x50, 0x45, 0, 0], pe)) return true;
      }
      // The DOS stub's message follows the header closely (at 0x4e in linkers' default stub).
      for (let k = i + 2; k < Math.min(bytes.length, i + 256); k++)
        if (bytes[k] === 0x54 && startsWith(bytes, ascii('This program cannot'), k)) return true;
    }
    if (lineStart && b === 0x23 && bytes[i + 1] === 0x21) return true;
    if (b === 0x3c && (startsWithNoCase(bytes, '<script', i) || startsWithNoCase(bytes, '<?php', i))) return true;
  }
  return false;
}

function startsWithNoCase(bytes: Uint8Array, text: string, at: number): boolean {
  if (at + text.length > bytes.length) return false;
  for (let k = 0; k < text.length; k++) {
    const c = bytes[at + k];
    const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (lower !== text.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Legacy Office (OLE2 compound file): Word keeps a stream named "WordDocument", Excel "Workbook" (or "Book" before
 * Excel 97). Directory entries are 128 bytes and sectors are multiples of 512, so every entry starts at a file
 * offset divisible by 128: scanning those offsets finds the names without following the FAT chains.
 */
function sniffOle2(bytes: Uint8Array): SniffResult {
  const names = new Set<string>();
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    const nameBytes = u16(bytes, at + 64);
    const type = bytes[at + 66];
    if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0 || type !== 2) continue; // 2: a stream
    let name = '';
    for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(u16(bytes, at + i));
    names.add(name);
  }
  if (names.has('WordDocument')) return { ok: true, type: T.doc };
  if (names.has('Workbook') || names.has('Book')) return { ok: true, type: T.xls };
  return { ok: false, reason: 'unknown' };
}

/** The entry names of a zip, from its central directory (found through the end-of-central-directory record). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= min; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || !startsWith(bytes, [0x50, 0x4b, 0x01, 0x02], at)) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const ODF: Record<string, SniffedType> = {
  'application/vnd.oasis.opendocument.text': T.odt,
  'application/vnd.oasis.opendocument.spreadsheet': T.ods,
  'application/vnd.oasis.opendocument.presentation': T.odp,
};

function sniffZip(bytes: Uint8Array): SniffResult {
  // OpenDocument: the first entry is an uncompressed file named "mimetype" holding the type (ODF 1.2, part 3, 3.3).
  const firstNameLength = u16(bytes, 26);
  const firstExtraLength = u16(bytes, 28);
  const firstName = new TextDecoder().decode(bytes.subarray(30, 30 + firstNameLength));
  if (firstName === 'mimetype' && u16(bytes, 8) === 0) {
    const size = u32(bytes, 18);
    const start = 30 + firstNameLength + firstExtraLength;
    const mimetype = new TextDecoder().decode(bytes.subarray(start, start + Math.min(size, 100)));
    if (ODF[mimetype]) return { ok: true, type: ODF[mimetype] };
    return { ok: false, reason: 'unknown' };
  }
  // Office Open XML: a [Content_Types].xml part, and the main part under word/ or xl/.
  const names = zipEntryNames(bytes);
  if (!names || !names.includes('[Content_Types].xml')) return { ok: false, reason: 'unknown' };
  if (names.some((n) => n.startsWith('word/'))) return { ok: true, type: T.docx };
  if (names.some((n) => n.startsWith('xl/'))) return { ok: true, type: T.xlsx };
  return { ok: false, reason: 'unknown' };
}

/**
 * CSV has no signature: accept plain UTF-8 text without NUL or other control characters (tab and line breaks
 * aside) whose quotes balance. Markup is refused: an HTML page is "text" too, and is not a spreadsheet.
 */
function sniffCsv(bytes: Uint8Array): SniffResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'unknown' };
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  if (!text.trim()) return { ok: false, reason: 'unknown' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { ok: false, reason: 'unknown' };
  if (text.trimStart().startsWith('<')) return { ok: false, reason: 'unknown' };
  // A CSV line then a page or a script ("page.html"): anywhere in the text, not only in the first bytes.
  if (/<\s*(script|\?php|html|body|svg|iframe|object|embed|!doctype)\b/i.test(text))
    return { ok: false, reason: 'executable' };
  if (/(^|[\r\n])#!/.test(text)) return { ok: false, reason: 'executable' };
  return csvParses(text) ? { ok: true, type: T.csv } : { ok: false, reason: 'unknown' };
}

/** RFC 4180 structure: a quoted field is closed, and after its closing quote comes a separator or a line end. */
function csvParses(text: string): boolean {
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i += 1;
        else {
          inQuotes = false;
          const next = text[i + 1];
          if (next !== undefined && next !== ',' && next !== ';' && next !== '\t' && next !== '\r' && next !== '\n')
            return false;
        }
      }
      continue;
    }
    if (c === '"' && fieldStart) inQuotes = true;
    fieldStart = c === ',' || c === ';' || c === '\t' || c === '\n' || c === '\r';
  }
  return !inQuotes;
}
