import { discardAll, type FileStore, type StagedFile } from '../storage/file-store';
import { ALLOWED_TYPES_TEXT, DANGEROUS_EXTENSIONS, extensionOfName, sniff } from '../storage/sniff';
import { invalid, ok, tooLarge, type Outcome } from '../outcome';

/** A file as it arrives from a multipart form: the name the browser sent and the bytes, streamed. */
export interface UploadedFile {
  fileName: string;
  data: AsyncIterable<Uint8Array>;
}

export interface CheckedUpload {
  file: StagedFile;
  fileName: string;
  mediaType: string;
}

export const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * The name as shown and sent back in Content-Disposition: no path parts, no control or bidirectional-override
 * characters (which can disguise "exe.pdf" as "fdp.exe"), bounded length, the extension kept.
 */
export function cleanFileName(raw: string, extension: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (!cleaned) return `document.${extension}`;
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

/** Streams an upload into the store (capped), then checks what it really is. Nothing is committed here. */
export async function stageUpload(
  store: FileStore,
  maxBytes: number,
  upload: UploadedFile,
  field = 'file',
): Promise<Outcome<CheckedUpload>> {
  if (!upload.fileName.trim()) {
    await discardAll(upload.data);
    return invalid('Choose a file to attach.', { [field]: ['Choose a file to attach.'] });
  }
  const staged = await store.stage(upload.data, { maxBytes });
  if (!staged.ok) {
    const message = `The file is larger than ${formatBytes(maxBytes)}, the limit for an attached document. Attach a smaller file (for example a PDF saved at a lower resolution), or split it into parts.`;
    return tooLarge(message, { [field]: [message] });
  }
  const sniffed = sniff(await staged.file.bytes());
  if (!sniffed.ok) {
    await staged.file.discard();
    const message =
      sniffed.reason === 'empty'
        ? 'The file is empty. Choose the document again.'
        : sniffed.reason === 'executable'
          ? `This file is a program, not a document, whatever its name says. Attach a ${ALLOWED_TYPES_TEXT} file.`
          : `This type of file is not accepted. Attach a ${ALLOWED_TYPES_TEXT} file.`;
    return invalid(message, { [field]: [message] });
  }
  // A program's or a page's name on a document ("invoice.bat", "page.html", "pic.svg") is refused whatever it holds:
  // opened from a download folder, the name decides what runs it.
  const claimed = extensionOfName(cleanFileName(upload.fileName, sniffed.type.extension));
  if (DANGEROUS_EXTENSIONS.has(claimed)) {
    await staged.file.discard();
    // The catalogue's sentence (services/messages/es.ts has it in Spanish); the test names the refused extensions.
    const message = `This type of file is not accepted. Attach a ${ALLOWED_TYPES_TEXT} file.`;
    return invalid(message, { [field]: [message] });
  }
  return ok({
    file: staged.file,
    fileName: cleanFileName(upload.fileName, sniffed.type.extension),
    mediaType: sniffed.type.mediaType,
  });
}
