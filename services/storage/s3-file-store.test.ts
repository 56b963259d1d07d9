import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksOf, storageKeyFor, type FileStore } from './file-store';
import { createS3FileStore } from './s3-file-store';

/*
 * The S3 store against a real S3-compatible server on loopback (s3rver, from the npm registry: MinIO cannot be
 * installed here), speaking the S3 REST protocol with signed requests, as AWS S3, MinIO or Garage would.
 */
const root = mkdtempSync(path.join(os.tmpdir(), 'minka-s3-'));
let server: S3rver;
let endpoint: string;
const id = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';
const read = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
};

beforeAll(async () => {
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(root, 's3'),
    configureBuckets: [{ name: 'minka' }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A "node": its own staging directory, the shared bucket. */
const node = (name: string, prefix = 'attachments/'): FileStore =>
  createS3FileStore({
    bucket: 'minka',
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    prefix,
    stagingDir: path.join(root, name),
  });

describe('S3-compatible file store', () => {
  it('stages and hashes locally, commits to the bucket, and another node reads the same bytes', async () => {
    const a = node('node-a');
    const b = node('node-b');
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    const staged = await a.stage(chunksOf(bytes, 4096), { maxBytes: 1_000_000 });
    if (!staged.ok) throw new Error('refused');
    expect(staged.file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await b.open(storageKeyFor(id))).toBeNull(); // nothing in the bucket before commit
    await staged.file.commit(storageKeyFor(id));
    expect((await read((await b.open(storageKeyFor(id)))!)).equals(Buffer.from(bytes))).toBe(true);
    // The staging area keeps nothing once the object is in the bucket.
    expect(readdirSync(path.join(root, 'node-a', 'tmp'))).toEqual([]);
    await b.remove(storageKeyFor(id));
    expect(await a.open(storageKeyFor(id))).toBeNull();
    await b.remove(storageKeyFor(id)); // removing twice is fine
  });

  it('refuses more than the limit without sending anything to the bucket', async () => {
    const a = node('node-c');
    const staged = await a.stage(chunksOf(new Uint8Array(5000), 1000), { maxBytes: 4000 });
    expect(staged).toEqual({ ok: false, reason: 'too_large' });
    expect(await a.open(storageKeyFor(id))).toBeNull();
  });

  it('keeps installations apart by prefix and refuses keys that are not storage keys', async () => {
    const one = node('node-d', 'one/');
    const two = node('node-e', 'two/');
    const staged = await one.stage(chunksOf(new TextEncoder().encode('only in one')), { maxBytes: 100 });
    if (!staged.ok) throw new Error('refused');
    await staged.file.commit(storageKeyFor(id));
    expect(await two.open(storageKeyFor(id))).toBeNull();
    expect((await read((await one.open(storageKeyFor(id)))!)).toString()).toBe('only in one');
    await expect(one.open('../etc/passwd')).rejects.toThrow(/invalid storage key/);
  });

  it('reports an unreachable bucket as an error, never as a missing file', async () => {
    const wrong = createS3FileStore({
      bucket: 'no-such-bucket',
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      stagingDir: path.join(root, 'node-f'),
    });
    await expect(wrong.open(storageKeyFor(id))).rejects.toThrow();
  });
});
