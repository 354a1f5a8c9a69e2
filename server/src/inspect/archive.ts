// `docker save` / `podman save` archives (docker-archive: manifest.json naming layer tars; oci-archive and
// Docker 25+'s save: an OCI image layout in a tar) and OCI image layout directories, streamed once: every
// layer is scanned as it passes (layerScan.ts) and the small JSON entries (manifests, index) are kept; the
// layer order is known only at the end (manifest.json usually comes last), so layers are merged then.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { interestOf, type CollectedFile } from '../engine/criu/evidence';
import { NotATarError, normalizePath, peek, scanBanner, scanLayer, type LayerScan, type TarEntry } from './layerScan';
import { mergeLayers } from './merge';
import { InspectInputError } from './errors';
import { decompressorFor, sniffCompression } from './decompress';

const MAX_JSON = 4 << 20;

export interface ImageFiles {
  kind: 'docker-archive' | 'oci-archive' | 'oci-layout' | 'rootfs-tar';
  files: CollectedFile[];
  notes: string[];
}

/** An image archive (tar, or a gzip/zstd-compressed tar) at `file`. */
export async function scanArchive(file: string): Promise<ImageFiles> {
  const { head, stream } = await peek(fs.createReadStream(file, { highWaterMark: 1 << 20 }));
  const c = sniffCompression(head);
  if (c === 'unknown') throw new InspectInputError(`${file}: not a CRIU image, a CRIU image directory, an OCI image layout or an image archive (tar)`);
  const dec = decompressorFor(c);
  const extract = tar.extract();
  if (dec) stream.pipe(dec).pipe(extract);
  else stream.pipe(extract);
  const streamError = new Promise<never>((_, reject) => {
    stream.on('error', reject);
    dec?.on('error', reject);
  });
  streamError.catch(() => undefined);
  const layers = new Map<string, LayerScan>();
  const json = new Map<string, string>();
  let jsonBytes = 0;
  const rootfs: LayerScan = { files: [], whiteouts: [], opaque: [] };
  const rootfsOrigin = 'the archive';
  try {
    for await (const entry of iterate(extract, streamError)) {
      const name = normalizePath(entry.header.name);
      if (entry.header.type !== 'file' && entry.header.type !== 'contiguous-file') {
        await collectRootfs(entry, name, rootfs, rootfsOrigin);
        continue;
      }
      const size = entry.header.size ?? 0;
      if (name.endsWith('.json') || name === 'oci-layout' || (name.startsWith('blobs/') && size <= MAX_JSON && size > 0)) {
        const { head: h, stream: s } = await peek(entry, 1);
        if (h[0] === 0x7b /* { */ || h[0] === 0x5b /* [ */) {
          if ((jsonBytes += size) > 64 * MAX_JSON) throw new InspectInputError(`${file}: too many JSON entries for an image archive`);
          json.set(name, await readAll(s));
          continue;
        }
        if (await tryLayer(s, name, layers)) continue;
        continue;
      }
      if (name.endsWith('.tar') || name.startsWith('blobs/') || /(^|\/)layer\.tar$/.test(name)) {
        if (await tryLayer(entry, name, layers)) continue;
        continue;
      }
      await collectRootfs(entry, name, rootfs, rootfsOrigin);
    }
  } catch (e) {
    if (e instanceof InspectInputError) throw e;
    throw new InspectInputError(`${file}: ${truncatedOr(e)}`);
  }
  const order = layerOrder(json, layers, file);
  if (!order) {
    if (rootfs.files.length === 0 && layers.size === 0) throw new InspectInputError(`${file}: a tar, but neither an image archive (no manifest.json, no index.json) nor a root file system holding a checkpoint`);
    return { kind: 'rootfs-tar', files: mergeLayers([rootfs]), notes: [] };
  }
  return { kind: order.kind, files: mergeLayers(order.layers.map((l, i) => relabel(l.scan, `layer ${i + 1}/${order.layers.length} (${l.label})`))), notes: order.notes };
}

/** An OCI image layout directory: index.json, then its manifest's layers in order, each streamed from blobs/. */
export async function scanOciLayout(dir: string): Promise<ImageFiles> {
  const readJson = (p: string): unknown => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, p), 'utf8'));
    } catch (e) {
      throw new InspectInputError(`${path.join(dir, p)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  const json = new Map<string, string>();
  const load = (p: string): string | undefined => {
    try {
      return fs.readFileSync(path.join(dir, p), 'utf8');
    } catch {
      return undefined;
    }
  };
  readJson('index.json');
  const { manifest, notes } = ociManifest((p) => json.get(p) ?? load(p), `${dir}`);
  const layers: LayerScan[] = [];
  const digests = manifestLayers(manifest, dir);
  for (const [i, digest] of digests.entries()) {
    const blob = blobPath(digest);
    const origin = `layer ${i + 1}/${digests.length} (${short(digest)})`;
    try {
      layers.push(await scanLayer(fs.createReadStream(path.join(dir, blob), { highWaterMark: 1 << 20 }), origin));
    } catch (e) {
      throw new InspectInputError(`${path.join(dir, blob)}: ${truncatedOr(e)}`);
    }
  }
  return { kind: 'oci-layout', files: mergeLayers(layers), notes };
}

async function tryLayer(entry: AsyncIterable<unknown>, name: string, layers: Map<string, LayerScan>): Promise<boolean> {
  try {
    layers.set(name, await scanLayer(entry, name));
    return true;
  } catch (e) {
    if (!(e instanceof NotATarError)) throw e;
    await drainStream(entry);
    return false;
  }
}

/** Entries of a plain root file system tar (`docker export`, a tar of a directory). */
async function collectRootfs(entry: TarEntry, name: string, rootfs: LayerScan, origin: string): Promise<void> {
  const kind = interestOf(name);
  const h = entry.header;
  if (!kind) return drainStream(entry);
  if (h.type === 'symlink' || h.type === 'link') {
    rootfs.files.push({ path: name, origin, kind, linkTarget: h.linkname ?? '' });
    return drainStream(entry);
  }
  if (h.type !== 'file' && h.type !== 'contiguous-file') return drainStream(entry);
  if (kind === 'libc') {
    const banner = await scanBanner(entry);
    rootfs.files.push(banner ? { path: name, origin, kind, glibcBanner: banner } : { path: name, origin, kind });
    return;
  }
  if ((h.size ?? 0) > 1 << 20) return drainStream(entry);
  rootfs.files.push({ path: name, origin, kind, bytes: new Uint8Array(Buffer.from(await readAll(entry), 'latin1')) }); // latin1 round-trips bytes
}

function relabel(scan: LayerScan, origin: string): LayerScan {
  return { ...scan, files: scan.files.map((f) => ({ ...f, origin })) };
}

interface Order {
  kind: 'docker-archive' | 'oci-archive';
  layers: { scan: LayerScan; label: string }[];
  notes: string[];
}

function layerOrder(json: Map<string, string>, layers: Map<string, LayerScan>, file: string): Order | undefined {
  const notes: string[] = [];
  const pick = (names: string[]): { scan: LayerScan; label: string }[] =>
    names.map((n) => {
      const scan = layers.get(n);
      if (!scan) throw new InspectInputError(`${file}: the image's manifest names layer ${n}, which the archive does not hold (or is not a tar)`);
      return { scan, label: n.startsWith('blobs/') ? short(n.replace(/^blobs\/(\w+)\//, '$1:')) : n };
    });
  const docker = json.get('manifest.json');
  if (docker) {
    let m: unknown;
    try {
      m = JSON.parse(docker);
    } catch {
      throw new InspectInputError(`${file}: manifest.json is not valid JSON`);
    }
    if (!Array.isArray(m) || m.length === 0 || !Array.isArray((m[0] as { Layers?: unknown }).Layers)) throw new InspectInputError(`${file}: manifest.json is not a docker-archive manifest (no Layers)`);
    if (m.length > 1) notes.push(`The archive holds ${m.length} images; the first (${((m[0] as { RepoTags?: string[] }).RepoTags ?? []).join(', ') || 'untagged'}) is inspected.`);
    return { kind: 'docker-archive', layers: pick(((m[0] as { Layers: string[] }).Layers).map(normalizePath)), notes };
  }
  if (json.has('index.json')) {
    const { manifest, notes: n } = ociManifest((p) => json.get(p), file);
    return { kind: 'oci-archive', layers: pick(manifestLayers(manifest, file).map(blobPath)), notes: n };
  }
  return undefined;
}

interface OciManifest {
  layers?: { digest?: string }[];
}

/** index.json -> the image manifest (through nested indexes), per the OCI image-spec image-layout.md. */
function ociManifest(read: (p: string) => string | undefined, where: string): { manifest: OciManifest; notes: string[] } {
  const notes: string[] = [];
  let doc = parse(read('index.json'), `${where}: index.json`) as { manifests?: { digest?: string; mediaType?: string }[]; layers?: unknown };
  for (let depth = 0; depth < 4; depth++) {
    if (Array.isArray(doc.layers)) return { manifest: doc as OciManifest, notes };
    const ms = doc.manifests ?? [];
    if (ms.length === 0 || !ms[0]!.digest) throw new InspectInputError(`${where}: the OCI index names no manifest`);
    if (ms.length > 1) notes.push(`The OCI index names ${ms.length} manifests; the first (${short(ms[0]!.digest!)}) is inspected.`);
    const p = blobPath(ms[0]!.digest!);
    doc = parse(read(p), `${where}: ${p}`) as typeof doc;
  }
  throw new InspectInputError(`${where}: OCI indexes nested too deep`);
}

function manifestLayers(m: OciManifest, where: string): string[] {
  const digests = (m.layers ?? []).map((l) => l.digest);
  if (digests.some((d) => typeof d !== 'string')) throw new InspectInputError(`${where}: an OCI manifest layer has no digest`);
  return digests as string[];
}

function parse(text: string | undefined, what: string): unknown {
  if (text === undefined) throw new InspectInputError(`${what}: missing (a truncated archive?)`);
  try {
    return JSON.parse(text);
  } catch {
    throw new InspectInputError(`${what}: not valid JSON`);
  }
}

function blobPath(digest: string): string {
  const m = /^(\w+):([0-9a-f]+)$/i.exec(digest);
  if (!m) throw new InspectInputError(`bad OCI digest ${JSON.stringify(digest)}`);
  return `blobs/${m[1]}/${m[2]}`;
}

function short(digest: string): string {
  return digest.replace(/^(\w+:)?([0-9a-f]{12})[0-9a-f]*$/i, '$1$2');
}

async function readAll(s: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

async function drainStream(s: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of s); // eslint-disable-line @typescript-eslint/no-unused-vars
}

/** tar-stream's entries, failing when the input stream fails (a truncated gzip, an unreadable file). */
async function* iterate(extract: tar.Extract, failure: Promise<never>): AsyncGenerator<TarEntry> {
  const it = extract[Symbol.asyncIterator]();
  for (;;) {
    const r = await Promise.race([it.next(), failure]);
    if (r.done) return;
    yield r.value;
  }
}

function truncatedOr(e: unknown): string {
  const m = (e as Error).message ?? String(e);
  if (/unexpected end|premature|truncated|incorrect header|unexpected eof|stream was destroyed/i.test(m)) return `truncated or corrupt (${m})`;
  return m;
}
