import { describe, expect, it } from 'vitest';
import { makePdf } from './pdf';
import { ALLOWED_TYPES_TEXT, sniff, zipEntryNames } from './sniff';

const enc = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A stored (uncompressed) zip built by hand: local headers, central directory, end record. CRCs are not checked by the sniffer. */
function makeZip(entries: Array<[string, string]>): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const n = enc(name);
    const c = enc(content);
    const local = new Uint8Array(30 + n.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(8, 0, true); // stored
    lv.setUint32(18, c.length, true);
    lv.setUint32(22, c.length, true);
    lv.setUint16(26, n.length, true);
    local.set(n, 30);
    const central = new Uint8Array(46 + n.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint32(20, c.length, true);
    cv.setUint32(24, c.length, true);
    cv.setUint16(28, n.length, true);
    cv.setUint32(42, offset, true);
    central.set(n, 46);
    locals.push(local, c);
    centrals.push(central);
    offset += local.length + c.length;
  }
  const centralSize = centrals.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  return concat(...locals, ...centrals, end);
}

/** An OLE2 compound file with one directory sector holding the root entry and a stream of the given name. */
function makeOle2(streamName: string): Uint8Array {
  const bytes = new Uint8Array(512 * 3);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const view = new DataView(bytes.buffer);
  const entry = (at: number, name: string, type: number) => {
    for (let i = 0; i < name.length; i++) view.setUint16(at + i * 2, name.charCodeAt(i), true);
    view.setUint16(at + 64, (name.length + 1) * 2, true);
    bytes[at + 66] = type;
  };
  entry(512, 'Root Entry', 5);
  entry(512 + 128, streamName, 2);
  return bytes;
}

const mediaTypeOf = (bytes: Uint8Array) => {
  const result = sniff(bytes);
  return result.ok ? result.type.mediaType : result.reason;
};

describe('sniff', () => {
  it('recognises PDF, PNG, JPEG, GIF and WebP from their signatures', () => {
    expect(mediaTypeOf(makePdf('hello'))).toBe('application/pdf');
    expect(mediaTypeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe(
      'image/png',
    );
    expect(mediaTypeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('image/jpeg');
    expect(mediaTypeOf(enc('GIF89a\x01\x00\x01\x00'))).toBe('image/gif');
    expect(mediaTypeOf(enc('GIF87a\x01\x00\x01\x00'))).toBe('image/gif');
    expect(mediaTypeOf(concat(enc('RIFF'), new Uint8Array([4, 0, 0, 0]), enc('WEBPVP8 ')))).toBe('image/webp');
  });

  it('tells Word from Excel inside legacy OLE2 files, and refuses other OLE2 files', () => {
    expect(mediaTypeOf(makeOle2('WordDocument'))).toBe('application/msword');
    expect(mediaTypeOf(makeOle2('Workbook'))).toBe('application/vnd.ms-excel');
    expect(mediaTypeOf(makeOle2('Book'))).toBe('application/vnd.ms-excel');
    expect(mediaTypeOf(makeOle2('PowerPoint Document'))).toBe('unknown');
  });

  it('tells .docx from .xlsx by their parts, and refuses other zips', () => {
    const docx = makeZip([
      ['[Content_Types].xml', '<Types/>'],
      ['_rels/.rels', '<Relationships/>'],
      ['word/document.xml', '<w:document/>'],
    ]);
    const xlsx = makeZip([
      ['[Content_Types].xml', '<Types/>'],
      ['xl/workbook.xml', '<workbook/>'],
    ]);
    expect(zipEntryNames(docx)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(mediaTypeOf(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mediaTypeOf(xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(
      mediaTypeOf(
        makeZip([
          ['[Content_Types].xml', '<Types/>'],
          ['ppt/presentation.xml', '<p/>'],
        ]),
      ),
    ).toBe('unknown');
    expect(mediaTypeOf(makeZip([['payload.exe', 'MZ']]))).toBe('unknown');
    // A zip whose directory is cut off is not trusted.
    expect(mediaTypeOf(docx.subarray(0, docx.length - 30))).toBe('unknown');
  });

  it('reads OpenDocument types from the uncompressed mimetype entry that comes first', () => {
    const odf = (type: string) =>
      makeZip([
        ['mimetype', type],
        ['content.xml', '<office:document-content/>'],
      ]);
    expect(mediaTypeOf(odf('application/vnd.oasis.opendocument.text'))).toBe('application/vnd.oasis.opendocument.text');
    expect(mediaTypeOf(odf('application/vnd.oasis.opendocument.spreadsheet'))).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
    expect(mediaTypeOf(odf('application/vnd.oasis.opendocument.presentation'))).toBe(
      'application/vnd.oasis.opendocument.presentation',
    );
    expect(mediaTypeOf(odf('application/vnd.oasis.opendocument.graphics'))).toBe('unknown');
  });

  it('accepts CSV as plain UTF-8 text with balanced quotes', () => {
    expect(mediaTypeOf(enc('mandate,progress\r\n1,"C, advanced"\r\n2,"said ""yes"""\r\n'))).toBe('text/csv');
    expect(mediaTypeOf(enc('\ufeffmandato;avance\n1;Sí\n'))).toBe('text/csv');
    expect(mediaTypeOf(enc('a,"unterminated\n'))).toBe('unknown');
    expect(mediaTypeOf(enc('a,"closed"junk\n'))).toBe('unknown');
    expect(mediaTypeOf(enc('<!DOCTYPE html><script>alert(1)</script>'))).toBe('unknown');
    expect(mediaTypeOf(new Uint8Array([0x61, 0x2c, 0xff, 0xfe]))).toBe('unknown'); // not UTF-8
    expect(mediaTypeOf(enc('   \n'))).toBe('unknown');
  });

  it('refuses text with NUL bytes, empty files and executables whatever their name', () => {
    expect(mediaTypeOf(enc('a,b\n1,\u00002\n'))).toBe('unknown');
    expect(sniff(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
    expect(mediaTypeOf(concat(enc('MZ'), new Uint8Array(64), enc('This program cannot be run in DOS mode')))).toBe(
      'executable',
    );
    expect(mediaTypeOf(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBe('executable');
    expect(mediaTypeOf(enc('#!/bin/sh\nrm -rf /\n'))).toBe('executable');
    expect(mediaTypeOf(new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBe('executable');
    expect(ALLOWED_TYPES_TEXT).toContain('PDF');
  });
});

describe('polyglots and scripts disguised as documents (issue 12)', () => {
  it('refuses a PDF header followed by an executable', () => {
    expect(mediaTypeOf(concat(enc('%PDF-1.4\n'), enc('MZ'), new Uint8Array(64)))).toBe('executable');
    expect(
      mediaTypeOf(
        concat(enc('%PDF-1.4\n%junk'), enc('MZ'), new Uint8Array(64), enc('This program cannot be run in DOS mode')),
      ),
    ).toBe('executable');
    expect(mediaTypeOf(concat(enc('%PDF-1.4\n'), new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1])))).toBe(
      'executable',
    );
    expect(mediaTypeOf(enc('%PDF-1.4\n#!/bin/sh\nrm -rf /\n'))).toBe('executable');
    expect(mediaTypeOf(enc('%PDF-1.4\n<script>alert(1)</script>'))).toBe('executable');
    expect(mediaTypeOf(enc('%PDF-1.4\n<?php system($_GET["c"]); ?>'))).toBe('executable');
    expect(
      mediaTypeOf(concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), enc('<SCRIPT src=x>'))),
    ).toBe('executable');
    // A real PDF still passes.
    expect(mediaTypeOf(makePdf('Informe final'))).toBe('application/pdf');
  });

  it('refuses a CSV line followed by a page or a script', () => {
    expect(mediaTypeOf(enc('a,b\n1,2\n<script>alert(document.cookie)</script>\n'))).toBe('executable');
    expect(mediaTypeOf(enc('a,b\n<html><body onload=alert(1)>\n'))).toBe('executable');
    expect(mediaTypeOf(enc('a,b\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n'))).toBe('executable');
    expect(mediaTypeOf(enc('a,b\n<?php echo 1; ?>\n'))).toBe('executable');
    expect(mediaTypeOf(enc('a,b\n#!/bin/sh\nrm -rf /\n'))).toBe('executable');
    // Plain CSV that merely mentions a less-than sign is still CSV.
    expect(mediaTypeOf(enc('a,b\n1,"x < 3"\n'))).toBe('text/csv');
  });
});
