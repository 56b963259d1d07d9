import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { cleanText } from '../../services/text';

export interface UploadPart {
  fileName: string;
  data: AsyncIterable<Uint8Array>;
}

const MAX_FIELD_BYTES = 100_000;
const MAX_FIELDS = 200;

const FIELD_TOO_LONG = 'A form field is too long.';
const UNREADABLE_FORM = 'The form could not be read. Reload the page and send it again.';

export const isMultipart = (request: Request) =>
  (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data');

/**
 * Reads a multipart form with one file input placed after its other fields. The file is never buffered here: it
 * goes, as a stream, to `onFile` together with the fields read so far, so the service authorizes and validates
 * before storing a byte, caps the size while streaming, and the route still gets every field back.
 *
 * Parsed with busboy rather than Remix's `unstable_parseMultipartFormData`, whose parser throws on a quoted file
 * name containing `=` or `;` (`a=b.pdf`), turning an ordinary upload into a 500. Text fields are cleaned like
 * every other form field (NUL, control characters, lone surrogates, bidi overrides); a form that cannot be parsed
 * is answered with 400, an over-long field with 413 (both thrown as Responses, which Remix sends as they are).
 */
export async function parseUploadForm<T>(
  request: Request,
  fileField: string,
  onFile: (fields: Record<string, string>, file: UploadPart) => Promise<T>,
) {
  const fields: Record<string, string> = {};
  let result: T | undefined;
  let sawFile = false;
  if (!request.body) throw new Response(UNREADABLE_FORM, { status: 400 });

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': request.headers.get('Content-Type') ?? '' },
      // Browsers send file names as raw UTF-8 inside the quotes.
      defParamCharset: 'utf8',
      limits: { fieldSize: MAX_FIELD_BYTES, fields: MAX_FIELDS, files: 5 },
    });
  } catch {
    throw new Response(UNREADABLE_FORM, { status: 400 }); // no or malformed boundary
  }

  await new Promise<void>((resolve, reject) => {
    let failure: unknown;
    let pendingFile: Promise<void> = Promise.resolve();
    const fail = (error: unknown) => {
      failure ??= error;
    };
    // An exception thrown inside a parser callback would otherwise escape into the stream and leave the request
    // unanswered: record it, and let the parser run to the end of the body.
    const guarded =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        try {
          handler(...args);
        } catch (error) {
          fail(error);
        }
      };

    parser.on(
      'field',
      guarded((name: string | undefined, value: string | undefined, info: busboy.FieldInfo) => {
        if (info.valueTruncated) return fail(new Response(FIELD_TOO_LONG, { status: 413 }));
        // A part may come without a name or a value (hand-made bodies do); it is then no field of ours.
        if (typeof name !== 'string' || typeof value !== 'string') return;
        fields[cleanText(name)] = cleanText(value);
      }),
    );
    parser.on(
      'file',
      guarded((name: string | undefined, stream: Readable, info: busboy.FileInfo) => {
        // A body that ends inside a file part ("Unexpected end of form") errors the file's stream as well as the
        // parser: unheard, that error is an uncaught exception that stops the whole server (found by the form fuzz).
        stream.on('error', () => fail(new Response(UNREADABLE_FORM, { status: 400 })));
        if (name !== fileField || sawFile || failure) {
          stream.resume(); // discard: only the first file of the expected input is read
          return;
        }
        sawFile = true;
        pendingFile = Promise.resolve()
          .then(() => onFile({ ...fields }, { fileName: cleanText(info.filename ?? ''), data: stream }))
          .then(
            (value) => {
              result = value;
              stream.resume(); // whatever the callback left unread, so the parser reaches the end
            },
            (error: unknown) => {
              stream.resume(); // keep the parser going to the end of the body, then report
              fail(error);
            },
          );
      }),
    );
    const body = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      void pendingFile.then(() => (failure ? reject(failure) : resolve()));
    };
    parser.on('fieldsLimit', () => fail(new Response('The form has too many fields.', { status: 413 })));
    // busboy emits 'error' without 'close' on a malformed part: stop feeding it, drain the rest, answer.
    parser.on('error', () => {
      fail(new Response(UNREADABLE_FORM, { status: 400 }));
      body.unpipe(parser);
      body.resume();
      settle();
    });
    parser.on('close', settle);
    body.on('error', (error) => {
      fail(error);
      parser.destroy();
      settle();
    });
    body.pipe(parser);
  });
  return { fields, result, sawFile };
}
