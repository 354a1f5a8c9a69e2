// Container images built in tests the way real tools lay them out, with real layer tarballs (GNU tar, gzip,
// zstd): an OCI image layout (image-spec image-layout.md), an oci-archive (that layout in a tar, as podman
// save --format oci-archive writes it) and a docker-archive (docker save: <id>/layer.tar + manifest.json last).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A layer: files (path -> content, or { symlink }) and whiteouts, written as a real tar. */
export type LayerFiles = Record<string, string | Buffer | { symlink: string }>;

export function writeTree(dir: string, files: LayerFiles): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) fs.symlinkSync(content.symlink, p);
    else fs.writeFileSync(p, content);
  }
}

/** A layer tarball (plain, gzip or zstd) of `files`; returns its bytes. */
export function layerTar(work: string, files: LayerFiles, compression: 'none' | 'gzip' | 'zstd' = 'gzip'): Buffer {
  const root = fs.mkdtempSync(path.join(work, 'layer-'));
  writeTree(root, files);
  const tarFile = `${root}.tar`;
  execFileSync('tar', ['-C', root, '-cf', tarFile, '.']);
  if (compression === 'gzip') execFileSync('gzip', ['-n', '-f', tarFile]);
  if (compression === 'zstd') execFileSync('zstd', ['-q', '-f', '--rm', tarFile]);
  const out = compression === 'gzip' ? `${tarFile}.gz` : compression === 'zstd' ? `${tarFile}.zst` : tarFile;
  const bytes = fs.readFileSync(out);
  fs.rmSync(out);
  fs.rmSync(root, { recursive: true, force: true });
  return bytes;
}

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** An OCI image layout directory at `dir` with these layers (bottom first). */
export function ociLayout(dir: string, layers: Buffer[], compression: 'gzip' | 'zstd' | 'none' = 'gzip'): void {
  const blobs = path.join(dir, 'blobs', 'sha256');
  fs.mkdirSync(blobs, { recursive: true });
  const put = (b: Buffer | string): string => {
    const h = sha(b);
    fs.writeFileSync(path.join(blobs, h), b);
    return `sha256:${h}`;
  };
  const media = compression === 'gzip' ? '+gzip' : compression === 'zstd' ? '+zstd' : '';
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(config), size: config.length },
    layers: layers.map((l) => ({ mediaType: `application/vnd.oci.image.layer.v1.tar${media}`, digest: put(l), size: l.length })),
  });
  const mdigest = put(manifest);
  fs.writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: mdigest, size: manifest.length }] }));
}

/** That layout as a tar (oci-archive). */
export function ociArchive(work: string, out: string, layers: Buffer[], compression: 'gzip' | 'zstd' | 'none' = 'gzip'): void {
  const dir = fs.mkdtempSync(path.join(work, 'oci-'));
  ociLayout(dir, layers, compression);
  execFileSync('tar', ['-C', dir, '-cf', out, 'oci-layout', 'index.json', 'blobs']);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A docker-archive: each layer as <id>/layer.tar (uncompressed, as docker save writes them), manifest.json last. */
export function dockerArchive(work: string, out: string, layers: Buffer[]): void {
  const dir = fs.mkdtempSync(path.join(work, 'docker-'));
  const names: string[] = [];
  for (const l of layers) {
    const id = sha(l);
    fs.mkdirSync(path.join(dir, id));
    fs.writeFileSync(path.join(dir, id, 'layer.tar'), l);
    names.push(`${id}/layer.tar`);
  }
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux' });
  fs.writeFileSync(path.join(dir, `${sha(config)}.json`), config);
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify([{ Config: `${sha(config)}.json`, RepoTags: ['orders:instanton'], Layers: names }]));
  // Layers first, manifest.json last: the order docker save streams them in.
  execFileSync('tar', ['-C', dir, '-cf', out, ...names.map((n) => path.dirname(n)), `${sha(config)}.json`, 'manifest.json']);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A libc.so.6 stand-in: `size` bytes of filler with glibc's banner (csu/version.c) far from the start. */
export function fakeLibc(release: string, size = 3 << 20): Buffer {
  const banner = Buffer.from(`GNU C Library (Ubuntu GLIBC ${release}-0ubuntu3.6) stable release version ${release}.\n`);
  const b = Buffer.alloc(size, 0x90);
  b.write('\x7fELF', 0, 'latin1');
  // Straddling a 64 KiB boundary, so a scanner that reads chunk by chunk must join them.
  banner.copy(b, (1 << 16) * 20 - 17);
  return b;
}

export function jdkRelease(javaVersion: string, openj9?: string): string {
  return [
    'IMPLEMENTOR="IBM Corporation"',
    `JAVA_VERSION="${javaVersion}"`,
    `SOURCE=".:git:a0b1c2d3e4f5${openj9 ? ' OpenJ9:b4cc246 OMR:162e6f7' : ''}"`,
    `JVM_VARIANT="${openj9 ? 'Openj9' : 'Hotspot'}"`,
    ...(openj9 ? [`JVM_VERSION="openj9-${openj9}"`] : []),
    'IMAGE_TYPE="JRE"',
    '',
  ].join('\n');
}
