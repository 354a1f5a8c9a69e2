// inspect on a large image archive: a docker-archive of about 500 MB (a 480 MB layer of incompressible file
// content, a small gzip layer holding a CRIU checkpoint), generated here with tar-stream, streamed by the real
// CLI; then the same with the big layer gzip-compressed. Throughput (archive MB / wall-clock s) and the CLI's peak RSS, which must not grow with the archive.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';
import { progress } from './stats';

export interface InspectBenchResult {
  archiveMB: number;
  seconds: number;
  inspectArchiveMBps: number;
  inspectArchivePeakRssMB: number;
  /** The same content with the big layer gzip-compressed (as registries and podman's oci-archive ship it). */
  gzip: { archiveMB: number; seconds: number; mbps: number; peakRssMB: number };
}

/** CRIU cpuinfo.img and inventory.img bytes (little-endian framing; payloads as protobuf), built without crit. */
function criuImages(): { cpuinfo: Buffer; inventory: Buffer } {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n = Math.floor(n / 128);
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const field = (id: number, v: number): number[] => [...varint((id << 3) | 0), ...varint(v)];
  const caps = [0x178bfbff, 0x2c100800, 0, 0, 0x7ffafbff, 0, 0x121, 0, 0, 0x19c07ab, 0x1, 0, 0, 0, 0, 0, 0, 0, 0];
  const x86 = [...field(1, 1), ...field(2, 6), ...field(3, 63), ...field(4, 2), ...field(5, 2), ...caps.flatMap((c) => field(6, c >>> 0)), ...field(9, 832), ...field(10, 832)];
  const entry = Buffer.from([...varint((1 << 3) | 2), ...varint(x86.length), ...x86]);
  const frame = (magics: number[], payload: Buffer): Buffer => {
    const head = Buffer.alloc(magics.length * 4 + 4);
    magics.forEach((m, i) => head.writeUInt32LE(m, i * 4));
    head.writeInt32LE(payload.length, magics.length * 4);
    return Buffer.concat([head, payload]);
  };
  return { cpuinfo: frame([0x54564319, 0x61404013], entry), inventory: frame([0x58313116], Buffer.from(field(1, 2))) };
}

async function packTo(file: string, entries: { name: string; size: number; body: () => Readable | Buffer }[]): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack as unknown as Readable, fs.createWriteStream(file));
  for (const e of entries) {
    const body = e.body();
    if (Buffer.isBuffer(body)) {
      await new Promise<void>((res, rej) => pack.entry({ name: e.name, size: body.length }, body, (err) => (err ? rej(err) : res())));
    } else {
      const sink = pack.entry({ name: e.name, size: e.size });
      await pipeline(body, sink as unknown as NodeJS.WritableStream);
    }
  }
  pack.finalize();
  await done;
}

/** `size` bytes of incompressible content, 1 MiB at a time. */
function filler(size: number): Readable {
  const block = randomBytes(1 << 20);
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(block.subarray(0, n));
    },
  });
}

export async function runInspectBench(repoRoot: string): Promise<InspectBenchResult> {
  const plain = await measure(repoRoot, false);
  const gz = await measure(repoRoot, true);
  return {
    archiveMB: plain.archiveMB,
    seconds: plain.seconds,
    inspectArchiveMBps: plain.mbps,
    inspectArchivePeakRssMB: plain.peakRssMB,
    gzip: gz,
  };
}

async function measure(repoRoot: string, gzipLayer: boolean): Promise<{ archiveMB: number; seconds: number; mbps: number; peakRssMB: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-bench-inspect-'));
  try {
    // CRIU_BENCH_INSPECT_MB sets the archive size (default 500) to show that memory does not follow it.
    const totalMB = Number(process.env.CRIU_BENCH_INSPECT_MB ?? 500);
    progress(`inspect: generating a ${totalMB} MB docker-archive${gzipLayer ? ' (gzip layers)' : ''}`);
    const big = Math.max(1, totalMB - 20) * 2 ** 20;
    const layer1 = path.join(dir, 'layer1.tar');
    await packTo(layer1, [
      { name: 'opt/java/openjdk/release', size: 0, body: () => Buffer.from('JAVA_VERSION="17.0.11"\nJVM_VARIANT="Openj9"\nJVM_VERSION="openj9-0.46.0"\n') },
      { name: 'usr/lib/x86_64-linux-gnu/libc.so.6', size: 2 ** 20, body: () => Buffer.concat([Buffer.from('GNU C Library (GNU libc) stable release version 2.39.\n'), Buffer.alloc(2 ** 20 - 54)]) },
      { name: 'app/data.bin', size: big, body: () => filler(big) },
    ]);
    if (gzipLayer) {
      await pipeline(fs.createReadStream(layer1), zlib.createGzip({ level: 1 }), fs.createWriteStream(`${layer1}.gz`));
      fs.renameSync(`${layer1}.gz`, layer1);
    }
    const { cpuinfo, inventory } = criuImages();
    const layer2Tar = path.join(dir, 'layer2.tar');
    await packTo(layer2Tar, [
      { name: 'cr/inventory.img', size: 0, body: () => inventory },
      { name: 'cr/cpuinfo.img', size: 0, body: () => cpuinfo },
    ]);
    const layer2 = zlib.gzipSync(fs.readFileSync(layer2Tar));
    const manifest = Buffer.from(JSON.stringify([{ Config: 'config.json', RepoTags: ['bench:latest'], Layers: ['l1/layer.tar', 'l2/layer.tar'] }]));
    const archive = path.join(dir, 'image.tar');
    await packTo(archive, [
      { name: 'l1/layer.tar', size: fs.statSync(layer1).size, body: () => fs.createReadStream(layer1) as unknown as Readable },
      { name: 'l2/layer.tar', size: 0, body: () => layer2 },
      { name: 'config.json', size: 0, body: () => Buffer.from('{"architecture":"amd64","os":"linux"}') },
      { name: 'manifest.json', size: 0, body: () => manifest },
    ]);
    fs.rmSync(layer1);
    const archiveMB = fs.statSync(archive).size / 1e6;
    progress(`inspect: streaming ${archiveMB.toFixed(0)} MB`);
    const rssFile = path.join(dir, 'rss');
    const started = performance.now();
    const r = spawnSync(process.execPath, ['--require', path.join(repoRoot, 'bench/maxrss.cjs'), path.join(repoRoot, 'dist/cli.js'), 'inspect', archive, '--json'], {
      env: { ...process.env, BENCH_MAXRSS_FILE: rssFile },
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    });
    const seconds = (performance.now() - started) / 1000;
    if (r.status !== 0) throw new Error(`inspect failed (exit ${r.status}): ${r.stderr}`);
    const report = JSON.parse(r.stdout) as { checkpoints: { cpu?: { microarchitecture: string } }[]; glibc?: { value: string } };
    if (report.checkpoints.length !== 1 || report.glibc?.value !== '2.39') throw new Error(`inspect read the bench archive wrongly: ${r.stdout.slice(0, 400)}`);
    const peakMB = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    progress(`inspect: ${archiveMB.toFixed(0)} MB in ${seconds.toFixed(1)} s (${(archiveMB / seconds).toFixed(0)} MB/s), peak RSS ${peakMB.toFixed(0)} MB`);
    return { archiveMB, seconds, mbps: archiveMB / seconds, peakRssMB: peakMB };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
