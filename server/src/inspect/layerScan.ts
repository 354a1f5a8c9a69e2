// Streams one file-system layer (a tar, possibly gzip or zstd) and keeps only what inspect needs: the files
// interestOf() names (small ones whole, libc.so.6 reduced to its glibc banner) and the layer's whiteouts
// (OCI image-spec layer.md: `.wh.NAME` deletes NAME from lower layers, `.wh..wh..opq` hides a directory's
// lower contents). Memory stays flat whatever the layer's size: content is never buffered beyond a few KB.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { glibcFromBanner, interestOf, type CollectedFile } from '../engine/criu/evidence';
import { decompressorFor, sniffCompression } from './decompress';

/** An entry of tar-stream's extract: a readable stream of the file's bytes with its header. */
export type TarEntry = tar.Extract extends AsyncIterable<infer S> ? S : never;

/** Small files are kept whole up to this size; bigger ones of those kinds are not what inspect looks for. */
const MAX_KEPT = 1 << 20;

export interface LayerScan {
  files: CollectedFile[];
  /** Paths deleted from lower layers. */
  whiteouts: string[];
  /** Directories whose lower-layer contents are hidden. */
  opaque: string[];
}

export class NotATarError extends Error {}

export function normalizePath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

/** Reads the first bytes of a stream without losing them. */
export async function peek(source: AsyncIterable<unknown>, n = 512): Promise<{ head: Uint8Array; stream: Readable }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const it = source[Symbol.asyncIterator]();
  while (size < n) {
    const r = await it.next();
    if (r.done) break;
    const c = Buffer.from(r.value as Uint8Array);
    chunks.push(c);
    size += c.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest() {
    if (head.length) yield head;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value as Uint8Array;
    }
  }
  return { head, stream: Readable.from(rest(), { objectMode: false }) };
}

/** Scans a layer stream; `origin` labels where its files came from. */
export async function scanLayer(source: AsyncIterable<unknown>, origin: string): Promise<LayerScan> {
  const { head, stream } = await peek(source);
  const compression = sniffCompression(head);
  if (compression === 'unknown') throw new NotATarError(`${origin}: not a tar, gzip or zstd layer`);
  const extract = tar.extract();
  const scan: LayerScan = { files: [], whiteouts: [], opaque: [] };
  const decompressor = decompressorFor(compression);
  const feeding = decompressor ? pipeline(stream, decompressor, extract) : pipeline(stream, extract);
  feeding.catch(() => undefined); // reported through the iteration below or the await at the end
  for await (const entry of extract) {
    await readEntry(entry, scan, origin);
  }
  await feeding;
  return scan;
}

async function readEntry(entry: TarEntry, scan: LayerScan, origin: string): Promise<void> {
  const h = entry.header;
  const path = normalizePath(h.name);
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  if (base === '.wh..wh..opq') scan.opaque.push(dir);
  else if (base.startsWith('.wh.')) scan.whiteouts.push(dir ? `${dir}/${base.slice(4)}` : base.slice(4));
  const kind = interestOf(path);
  if (!kind || base.startsWith('.wh.')) return drain(entry);
  if (h.type === 'symlink' || h.type === 'link') {
    scan.files.push({ path, origin, kind, linkTarget: h.linkname ?? '' });
    return drain(entry);
  }
  if (h.type !== 'file' && h.type !== 'contiguous-file') return drain(entry);
  if (kind === 'libc') {
    const banner = await scanBanner(entry);
    scan.files.push(banner ? { path, origin, kind, glibcBanner: banner } : { path, origin, kind });
    return;
  }
  if ((h.size ?? 0) > MAX_KEPT) return drain(entry);
  const chunks: Buffer[] = [];
  for await (const c of entry) chunks.push(c as Buffer);
  scan.files.push({ path, origin, kind, bytes: new Uint8Array(Buffer.concat(chunks)) });
}

async function drain(entry: TarEntry): Promise<void> {
  for await (const _ of entry); // eslint-disable-line @typescript-eslint/no-unused-vars
}

/** The glibc banner in a stream of libc bytes; a window of the previous chunk's tail catches a split banner. */
export async function scanBanner(source: AsyncIterable<unknown>): Promise<string | undefined> {
  let tail = '';
  let found: string | undefined;
  for await (const c of source) {
    if (found) continue;
    const text = tail + (c as Buffer).toString('latin1');
    found = glibcFromBanner(text);
    tail = text.slice(-300);
  }
  return found;
}
