import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chunksOf, createDiskFileStore, createMemoryFileStore, storageKeyFor } from './file-store';

const root = mkdtempSync(path.join(os.tmpdir(), 'minka-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const id = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';
const read = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
};

describe.each([
  ['disk', () => createDiskFileStore(root)],
  ['memory', () => createMemoryFileStore()],
])('%s file store', (_name, make) => {
  it('stages with a SHA-256 computed while streaming, then commits under <2 hex>/<id>', async () => {
    const store = make();
    const bytes = new TextEncoder().encode('a'.repeat(200_000));
    const staged = await store.stage(chunksOf(bytes, 1000), { maxBytes: 200_000 });
    if (!staged.ok) throw new Error('refused');
    expect(staged.file.size).toBe(200_000);
    expect(staged.file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(storageKeyFor(id)).toBe(`3f/${id}`);
    await staged.file.commit(storageKeyFor(id));
    const stream = await store.open(storageKeyFor(id));
    expect((await read(stream!)).equals(Buffer.from(bytes))).toBe(true);
    await store.remove(storageKeyFor(id));
    expect(await store.open(storageKeyFor(id))).toBeNull();
  });

  it('refuses more than the limit, keeps nothing, and still drains the input', async () => {
    const store = make();
    let chunksRead = 0;
    async function* big() {
      for (let i = 0; i < 50; i++) {
        chunksRead += 1;
        yield new Uint8Array(1000);
      }
    }
    expect(await store.stage(big(), { maxBytes: 10_000 })).toEqual({ ok: false, reason: 'too_large' });
    expect(chunksRead).toBe(50);
  });

  it('refuses keys that could leave its directory', async () => {
    const store = make();
    const staged = await store.stage(chunksOf(new Uint8Array([1])), { maxBytes: 10 });
    if (!staged.ok) throw new Error('refused');
    await expect(staged.file.commit('../../etc/passwd')).rejects.toThrow(/invalid storage key/);
    await staged.file.discard();
  });
});

it('the disk store leaves no temporary file behind once committed or refused', async () => {
  const store = createDiskFileStore(root);
  const staged = await store.stage(chunksOf(new Uint8Array([1, 2, 3])), { maxBytes: 10 });
  if (!staged.ok) throw new Error('refused');
  await staged.file.commit(storageKeyFor(id));
  await store.stage(chunksOf(new Uint8Array(100)), { maxBytes: 10 });
  expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
  expect([...readFileSync(path.join(root, '3f', id))]).toEqual([1, 2, 3]);
});
