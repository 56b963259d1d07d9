import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';

export interface UploadPart {
  fileName: string;
  data: AsyncIterable<Uint8Array>;
}

const MAX_FIELD_BYTES = 100_000;

async function readField(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.length;
    if (size > MAX_FIELD_BYTES) throw new Response('A form field is too long.', { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function discard(data: AsyncIterable<Uint8Array>) {
  const iterator = data[Symbol.asyncIterator]();
  for (let step = await iterator.next(); !step.done; step = await iterator.next());
}

export const isMultipart = (request: Request) => (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data');

/**
 * Reads a multipart form with one file input placed after its other fields. The file is never buffered here: it
 * goes, as a stream, to `onFile` together with the fields read so far, so the service authorizes and validates
 * before storing a byte, caps the size while streaming, and the route still gets every field back.
 */
export async function parseUploadForm<T>(request: Request, fileField: string, onFile: (fields: Record<string, string>, file: UploadPart) => Promise<T>) {
  const fields: Record<string, string> = {};
  let result: T | undefined;
  let sawFile = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      fields[name] = await readField(data);
      return fields[name];
    }
    if (name !== fileField || sawFile) {
      await discard(data);
      return undefined;
    }
    sawFile = true;
    result = await onFile({ ...fields }, { fileName: filename, data });
    return undefined;
  };
  await unstable_parseMultipartFormData(request, handler);
  return { fields, result, sawFile };
}
