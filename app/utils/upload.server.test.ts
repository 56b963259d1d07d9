import { describe, expect, it } from 'vitest';
import { parseUploadForm } from './upload.server';

function multipart(parts: Array<[string, string] | [string, Uint8Array<ArrayBuffer>, string]>) {
  const form = new FormData();
  for (const part of parts) {
    if (part.length === 2) form.append(part[0], part[1]);
    else form.append(part[0], new Blob([part[1]]), part[2]);
  }
  return new Request('http://localhost/upload', { method: 'POST', body: form });
}

describe('parseUploadForm', () => {
  it('hands the file to the callback as a stream, with the fields that came before it', async () => {
    const seen: Array<{ fields: Record<string, string>; name: string; size: number }> = [];
    const { fields, result } = await parseUploadForm(
      multipart([
        ['question', 'Q2'],
        ['indicator', '1.1'],
        ['file', new Uint8Array(300_000).fill(65), 'a.pdf'],
        ['after', 'x'],
      ]),
      'file',
      async (f, file) => {
        let size = 0;
        for await (const chunk of file.data) size += chunk.length;
        seen.push({ fields: f, name: file.fileName, size });
        return 'stored';
      },
    );
    expect(seen).toEqual([{ fields: { question: 'Q2', indicator: '1.1' }, name: 'a.pdf', size: 300_000 }]);
    expect(result).toBe('stored');
    expect(fields.after).toBe('x');
  });

  it('keeps parsing when the callback reads only part of the file and the store drains the rest', async () => {
    const { fields } = await parseUploadForm(
      multipart([
        ['question', 'Q3'],
        ['file', new Uint8Array(500_000), 'big.pdf'],
        ['extra', 'still read'],
      ]),
      'file',
      async (_f, file) => {
        const iterator = file.data[Symbol.asyncIterator]();
        await iterator.next(); // stop early, as a capped store does…
        for (let step = await iterator.next(); !step.done; step = await iterator.next()); // …then drain
        return 'refused';
      },
    );
    expect(fields).toEqual({ question: 'Q3', extra: 'still read' });
  });

  it('refuses an over-long text field instead of buffering it', async () => {
    const failure = await parseUploadForm(
      multipart([['summary', 'x'.repeat(200_000)]]),
      'file',
      async () => 'never',
    ).catch((error: unknown) => error);
    expect((failure as Response).status).toBe(413);
  });
});

describe('parseUploadForm on odd input', () => {
  it.each(['a=b.pdf', 'x;y.pdf', 'ñandú; informe=final.pdf'])('reads a file named %s', async (name) => {
    const { result, fields } = await parseUploadForm(
      multipart([
        ['question', 'Q2'],
        ['file', new Uint8Array([37, 80, 68, 70]), name],
      ]),
      'file',
      async (_f, file) => {
        let size = 0;
        for await (const chunk of file.data) size += chunk.length;
        return `${file.fileName}:${size}`;
      },
    );
    expect(result).toBe(`${name}:4`);
    expect(fields).toEqual({ question: 'Q2' });
  });

  it('cleans text fields and file names of NUL, control characters and bidi overrides', async () => {
    const { fields, result } = await parseUploadForm(
      multipart([
        ['summary', 'a\u0000b\u0007c'],
        ['file', new Uint8Array([1]), 'cv\u202Efdp.exe'],
      ]),
      'file',
      async (_f, file) => file.fileName,
    );
    expect(fields.summary).toBe('abc');
    expect(result).toBe('cvfdp.exe');
  });

  it('answers 400 for a body that is not the multipart form it claims to be', async () => {
    const request = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
    });
    const failure = await parseUploadForm(request, 'file', async () => 'never').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Response);
    expect((failure as Response).status).toBe(400);
  });

  it('ignores a part without a name instead of failing the request', async () => {
    const body =
      '--b\r\nContent-Disposition: form-data; name=""\r\n\r\nv\r\n--b\r\nContent-Disposition: form-data; name="question"\r\n\r\nQ2\r\n--b--\r\n';
    const request = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      body,
    });
    const { fields, sawFile } = await parseUploadForm(request, 'file', async () => 'never');
    expect(fields).toEqual({ question: 'Q2' });
    expect(sawFile).toBe(false);
  });

  it('answers 400, without hanging, for a malformed part header (a NUL in the field name)', async () => {
    const body =
      '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsubmit\r\n--b\r\nContent-Disposition: form-data; name="\u0000"\r\n\r\nQ9\r\n--b--\r\n';
    const request = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
      body,
    });
    const failure = await parseUploadForm(request, 'file', async () => 'never').catch((error: unknown) => error);
    expect((failure as Response).status).toBe(400);
  });

  it('answers 400 when the boundary is missing', async () => {
    const request = new Request('http://localhost/upload', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data' },
      body: 'x',
    });
    const failure = await parseUploadForm(request, 'file', async () => 'never').catch((error: unknown) => error);
    expect((failure as Response).status).toBe(400);
  });

  it.each([
    ['the expected file', 'file'],
    ['a file of another input (discarded)', 'other'],
  ])('answers 400 for a body that ends inside %s, and the server process survives', async (_what, field) => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const body = `--b\r\nContent-Disposition: form-data; name="question"\r\n\r\nQ2\r\n--b\r\nContent-Disposition: form-data; name="${field}"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then nothing`;
      const request = new Request('http://localhost/upload', {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
        body,
      });
      const failure = await parseUploadForm(request, 'file', async (_fields, file) => {
        for await (const chunk of file.data) void chunk; // a store reading to the end, as the real ones do
        return 'stored';
      }).catch((error: unknown) => error);
      expect((failure as Response).status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 50)); // an escaped stream error surfaces on a later tick
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
  });

  it('reports the callback failure after reading the rest of the body', async () => {
    const failure = await parseUploadForm(
      multipart([
        ['file', new Uint8Array(200_000), 'a.pdf'],
        ['after', 'x'],
      ]),
      'file',
      async () => {
        throw new Error('store down');
      },
    ).catch((error: unknown) => error);
    expect((failure as Error).message).toBe('store down');
  });
});
