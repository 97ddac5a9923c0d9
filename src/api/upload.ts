import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../kernel/errors.js';
import { ulid } from '../kernel/ids.js';

/** An uploaded file spooled to disk: large imports never sit in memory. */
export class Upload {
  constructor(
    readonly path: string,
    readonly sha256: string,
    readonly bytes: number,
    /** Newlines seen: an estimate of the row count for progress. */
    readonly lines: number,
  ) {}

  discard() {
    return rm(this.path, { force: true });
  }
}

export const UPLOAD_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

/**
 * Registers a content-type parser that streams CSV bodies to `dir` while hashing them (for
 * idempotency) and counting lines. Only routes with `config: { upload: true }` accept it.
 */
export function registerUploadParser(app: FastifyInstance, dir: string, maxBytes: number) {
  app.addContentTypeParser(UPLOAD_TYPES, { bodyLimit: maxBytes }, (req, payload, done) => {
    if (!(req.routeOptions.config as { upload?: boolean }).upload) {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'This endpoint takes application/json'), undefined);
      return;
    }
    const path = join(dir, `${ulid()}.upload`);
    const hash = createHash('sha256');
    let bytes = 0;
    let lines = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          cb(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes (LASTMILE_IMPORT_MAX_BYTES)`));
          return;
        }
        hash.update(chunk);
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        cb(null, chunk);
      },
    });
    pipeline(payload, tap, createWriteStream(path)).then(
      () => done(null, new Upload(path, hash.digest('hex'), bytes, lines)),
      async (e: unknown) => {
        await rm(path, { force: true });
        done(e instanceof AppError ? e : new AppError('VALIDATION_FAILED', `Upload failed: ${(e as Error).message}`), undefined);
      },
    );
  });
}

export function requireUpload(body: unknown): Upload {
  if (body instanceof Upload && body.bytes > 0) return body;
  throw new AppError('VALIDATION_FAILED', 'Send the CSV file as the request body with Content-Type: text/csv', {
    errors: [{ path: 'body', message: 'an empty or missing file' }],
  });
}
