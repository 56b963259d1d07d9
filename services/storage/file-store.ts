import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/**
 * Where attachment bytes live. The database keeps the metadata and a storage key; the store keeps the bytes.
 * The disk store is the default (DATA_DIR/attachments); an object store could implement the same interface.
 *
 * `stage` always consumes the whole input, even past the limit (discarding the excess): the multipart parser
 * reading the rest of the form needs the part drained, and nothing beyond the limit is ever kept.
 */
export interface StagedFile {
  size: number;
  /** Hex SHA-256, computed while the bytes streamed in. */
  sha256: string;
  /** The staged bytes (at most the limit), for content sniffing. */
  bytes(): Promise<Uint8Array>;
  /** Moves the staged bytes under their final key: a file is either complete under its key or absent. */
  commit(key: string): Promise<void>;
  discard(): Promise<void>;
}

export type StageResult = { ok: true; file: StagedFile } | { ok: false; reason: 'too_large' };

export interface FileStore {
  stage(data: AsyncIterable<Uint8Array>, options: { maxBytes: number }): Promise<StageResult>;
  open(key: string): Promise<Readable | null>;
  remove(key: string): Promise<void>;
}

/** The storage key of an attachment: `<first 2 hex of id>/<id>`, so no directory grows to millions of entries. */
export const storageKeyFor = (id: string) => `${id.slice(0, 2)}/${id}`;
const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** Reads an async iterable to the end with a manual iterator, so stopping early never closes the source. */
async function consume(
  data: AsyncIterable<Uint8Array>,
  maxBytes: number,
  onChunk: (chunk: Uint8Array) => Promise<void> | void,
) {
  const iterator = data[Symbol.asyncIterator]();
  const hash = createHash('sha256');
  let size = 0;
  let tooLarge = false;
  for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
    const chunk = step.value;
    size += chunk.length;
    if (tooLarge) continue; // drain without keeping anything
    if (size > maxBytes) {
      tooLarge = true;
      continue;
    }
    hash.update(chunk);
    await onChunk(chunk);
  }
  return { size, tooLarge, sha256: hash.digest('hex') };
}

export function createDiskFileStore(root: string): FileStore {
  const tmpDir = path.join(root, 'tmp');
  const resolve = (key: string) => {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return path.join(root, key);
  };
  return {
    async stage(data, { maxBytes }) {
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      const out = createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
      let error: Error | null = null;
      out.on('error', (e) => (error = e));
      const write = (chunk: Uint8Array) =>
        new Promise<void>((resolveWrite, reject) => {
          if (error) return reject(error);
          if (out.write(chunk)) resolveWrite();
          else out.once('drain', () => (error ? reject(error) : resolveWrite()));
        });
      let result;
      try {
        result = await consume(data, maxBytes, write);
      } catch (e) {
        out.destroy();
        await rm(tmp, { force: true });
        throw e;
      }
      await new Promise<void>((done, reject) => out.end(() => (error ? reject(error) : done())));
      if (result.tooLarge) {
        await rm(tmp, { force: true });
        return { ok: false, reason: 'too_large' };
      }
      const { size, sha256 } = result;
      return {
        ok: true,
        file: {
          size,
          sha256,
          bytes: async () => new Uint8Array(await readFile(tmp)),
          async commit(key) {
            const target = resolve(key);
            await mkdir(path.dirname(target), { recursive: true });
            await rename(tmp, target);
          },
          discard: () => rm(tmp, { force: true }),
        },
      };
    },
    async open(key) {
      const file = resolve(key);
      try {
        await stat(file);
      } catch {
        return null;
      }
      return createReadStream(file);
    },
    async remove(key) {
      await rm(resolve(key), { force: true });
    },
  };
}

/** Keeps bytes in memory: for tests and for service instances built without a data directory. */
export function createMemoryFileStore(): FileStore & { keys(): string[] } {
  const files = new Map<string, Uint8Array>();
  return {
    keys: () => [...files.keys()],
    async stage(data, { maxBytes }) {
      const chunks: Uint8Array[] = [];
      const result = await consume(data, maxBytes, (chunk) => {
        chunks.push(chunk);
      });
      if (result.tooLarge) return { ok: false, reason: 'too_large' };
      const bytes = Buffer.concat(chunks);
      return {
        ok: true,
        file: {
          size: result.size,
          sha256: result.sha256,
          bytes: async () => new Uint8Array(bytes),
          commit: async (key) => {
            if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
            files.set(key, new Uint8Array(bytes));
          },
          discard: async () => {},
        },
      };
    },
    async open(key) {
      const bytes = files.get(key);
      return bytes ? Readable.from([Buffer.from(bytes)]) : null;
    },
    async remove(key) {
      files.delete(key);
    },
  };
}

/** An async iterable over a byte array in chunks, like a multipart part's data (tests, demo seed). */
export async function* chunksOf(bytes: Uint8Array, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Reads and drops everything: a refused upload must still be read off the request for the rest of the form. */
export async function discardAll(data: AsyncIterable<Uint8Array>): Promise<void> {
  const iterator = data[Symbol.asyncIterator]();
  for (let step = await iterator.next(); !step.done; step = await iterator.next());
}
