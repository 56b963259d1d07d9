import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { createDiskFileStore, type FileStore, type StagedFile } from './file-store';

export interface S3FileStoreOptions {
  bucket: string;
  /** Region of the bucket; S3-compatible servers usually accept any. */
  region: string;
  /** An S3-compatible server (MinIO, Ceph, Garage, …); absent for AWS S3 itself. */
  endpoint?: string;
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /** Static credentials; without them the SDK's default chain applies (environment, instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Prefix of every object key, so one bucket can hold several installations or other data. */
  prefix?: string;
  /** Local directory for staging uploads before they are sent (checked and hashed there first). */
  stagingDir: string;
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/**
 * Attachment bytes in an S3-compatible object store, so several Minka nodes share the same files (an upload on one
 * node downloads from another). Uploads are staged on the local disk first, exactly as in the disk store (streamed,
 * capped, hashed, sniffed by the caller), and sent to the bucket only on `commit`: a refused or discarded upload
 * never reaches the bucket, and an object is either complete under its key or absent (S3 PUT is atomic).
 */
export function createS3FileStore(options: S3FileStoreOptions, client?: S3Client): FileStore {
  const s3 =
    client ??
    new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? !!options.endpoint,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Checksums only where S3 requires them: the SDK's default (aws-chunked bodies with checksum trailers, since
      // 3.729) is not understood by many S3-compatible servers, which then store the chunk framing as the file.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const staging = createDiskFileStore(options.stagingDir);
  const objectKey = (key: string) => {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return `${options.prefix ?? ''}${key}`;
  };

  return {
    async stage(data, limits) {
      const staged = await staging.stage(data, limits);
      if (!staged.ok) return staged;
      const local = staged.file;
      const file: StagedFile = {
        size: local.size,
        sha256: local.sha256,
        bytes: () => local.bytes(),
        async commit(key) {
          const target = objectKey(key);
          // Committed locally under the same key, sent from there, then removed: the staging area keeps nothing.
          await local.commit(key);
          try {
            const body = await staging.open(key);
            if (!body) throw new Error(`staged file ${key} vanished before upload`);
            await s3.send(
              new PutObjectCommand({
                Bucket: options.bucket,
                Key: target,
                Body: body,
                ContentLength: local.size,
                ContentType: 'application/octet-stream',
              }),
            );
          } finally {
            await staging.remove(key);
          }
        },
        discard: () => local.discard(),
      };
      return { ok: true, file };
    },

    async open(key) {
      try {
        const result = await s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
        const body = result.Body;
        if (!body) return null;
        // In Node the SDK's body is an http.IncomingMessage (a Readable); other runtimes give a web stream.
        return body instanceof Readable
          ? body
          : Readable.fromWeb(body.transformToWebStream() as unknown as NodeWebReadableStream);
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async remove(key) {
      // S3 answers 204 whether or not the object existed, like `rm -f`.
      await s3.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
    },
  };
}

/** Only a missing object is "no such file"; a missing bucket or refused credentials are errors to report. */
function isMissing(error: unknown): boolean {
  return (error as { name?: string })?.name === 'NoSuchKey';
}
