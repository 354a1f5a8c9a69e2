// Layer compression, recognised by its first bytes (OCI image-spec media types +gzip and +zstd; Docker's
// layer.tar is plain): gzip through node's zlib, zstd through fzstd (pure JavaScript, streaming: Node 20's zlib
// has no zstd).
import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';

export type Compression = 'gzip' | 'zstd' | 'tar' | 'unknown';

export function sniffCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') return 'tar';
  return 'unknown';
}

/** A Transform that inflates a zstd stream, chunk by chunk. */
export function createZstdDecompress(): Transform {
  let push: ((chunk: Uint8Array) => void) | undefined;
  const zstd = new Decompress((chunk) => push?.(chunk));
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      push = (c) => this.push(c);
      try {
        zstd.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        cb();
      } catch (e) {
        cb(new Error(`zstd: ${(e as Error).message}`));
      }
    },
    flush(cb: TransformCallback) {
      push = (c) => this.push(c);
      try {
        zstd.push(new Uint8Array(0), true);
        cb();
      } catch (e) {
        cb(new Error(`zstd: ${(e as Error).message}`));
      }
    },
  });
}

export function decompressorFor(c: Compression): Transform | undefined {
  if (c === 'gzip') return zlib.createGunzip();
  if (c === 'zstd') return createZstdDecompress();
  return undefined;
}
