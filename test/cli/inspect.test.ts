// `criu-portability inspect` end to end on real CRIU images (crit encode) inside real container images: OCI
// layouts, oci-archives and docker-archives with real layer tarballs (plain, gzip, zstd), whiteouts included.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { critEncode, critMissing, x86CpuinfoJson } from '../helpers/criu';
import { dockerArchive, fakeLibc, jdkRelease, layerTar, ociArchive, ociLayout } from '../helpers/images';
import { CPUINFO, cli } from './helpers';

const skip = critMissing();
const LIBERTY_CKPT = 'opt/ol/wlp/usr/servers/defaultServer/workarea/checkpoint/image';

interface Report {
  kind: string;
  checkpoints: { dir: string; where: string; cpu?: { microarchitecture: string; features: string[]; model: string; xsave?: { size: number } } }[];
  runtime?: { value: string; where: string };
  jvmRelease?: { value: string; where: string };
  javaVersion?: { value: string; where: string };
  libertyVersion?: { value: string; where: string };
  glibc?: { value: string; where: string };
  notes: string[];
}

describe('inspect', { skip }, () => {
  let work: string;
  const img: Record<string, Buffer> = {};
  let libertyLayers: (c: 'none' | 'gzip' | 'zstd') => Buffer[];

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-inspect-'));
    for (const uarch of ['haswell', 'ivybridge']) {
      const f = path.join(work, uarch, 'cpuinfo.img');
      critEncode(x86CpuinfoJson(fs.readFileSync(path.join(CPUINFO, `linux-rhel7-${uarch}`), 'utf8')).json, f);
      img[uarch] = fs.readFileSync(f);
    }
    critEncode({ magic: 'INVENTORY', entries: [{ img_version: 2, fdinfo_per_id: true, lsmtype: 'NO_LSM' }] }, path.join(work, 'inventory.img'));
    img.inventory = fs.readFileSync(path.join(work, 'inventory.img'));
    libertyLayers = (c) => [
      layerTar(work, { 'usr/lib/x86_64-linux-gnu/libc.so.6': fakeLibc('2.35'), 'opt/java/openjdk/release': jdkRelease('17.0.11', '0.44.0') }, c),
      layerTar(work, { 'opt/ol/wlp/lib/versions/openliberty.properties': 'com.ibm.websphere.productId=io.openliberty\ncom.ibm.websphere.productVersion=24.0.0.3\n' }, c),
      layerTar(work, { [`${LIBERTY_CKPT}/inventory.img`]: img.inventory!, [`${LIBERTY_CKPT}/cpuinfo.img`]: img.ivybridge! }, c),
      // A second checkpoint run replaced the first: the old image directory is whited out, a new one written.
      layerTar(work, { [`${path.dirname(LIBERTY_CKPT)}/.wh.image`]: '', [`${LIBERTY_CKPT}/inventory.img`]: img.inventory!, [`${LIBERTY_CKPT}/cpuinfo.img`]: img.haswell! }, c),
    ];
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  const inspect = (p: string): Report => {
    const r = cli(['inspect', p, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Report;
  };

  const assertLiberty = (r: Report): void => {
    assert.deepEqual(r.checkpoints.map((c) => c.dir), [LIBERTY_CKPT], 'the whited-out first checkpoint is gone');
    const cpu = r.checkpoints[0]!.cpu!;
    assert.equal(cpu.microarchitecture, 'haswell');
    assert.match(cpu.model, /E5-2680 v3/);
    assert.match(r.checkpoints[0]!.where, /^layer 4\/4 /);
    assert.equal(r.runtime?.value, 'liberty');
    assert.match(r.runtime!.where, /^layer 2\/4 .*: \/opt\/ol\/wlp\/lib\/versions\/openliberty\.properties/);
    assert.equal(r.libertyVersion?.value, '24.0.0.3');
    assert.equal(r.jvmRelease?.value, '0.44.0');
    assert.match(r.jvmRelease!.where, /^layer 1\/4 .*: \/opt\/java\/openjdk\/release \(JVM_VERSION\)$/);
    assert.equal(r.javaVersion?.value, '17.0.11');
    assert.equal(r.glibc?.value, '2.35');
    assert.match(r.glibc!.where, /^layer 1\/4 .*: \/usr\/lib\/x86_64-linux-gnu\/libc\.so\.6 \(its "release version" banner\)$/);
  };

  it('an OCI image layout directory (gzip layers)', () => {
    const dir = path.join(work, 'layout-gzip');
    ociLayout(dir, libertyLayers('gzip'), 'gzip');
    const r = inspect(dir);
    assert.equal(r.kind, 'oci-layout');
    assertLiberty(r);
  });

  it('an oci-archive (podman save --format oci-archive) with zstd layers', () => {
    const out = path.join(work, 'liberty-oci.tar');
    ociArchive(work, out, libertyLayers('zstd'), 'zstd');
    const r = inspect(out);
    assert.equal(r.kind, 'oci-archive');
    assertLiberty(r);
  });

  it('a docker-archive (docker save: plain layer.tar entries, manifest.json last)', () => {
    const out = path.join(work, 'liberty-docker.tar');
    dockerArchive(work, out, libertyLayers('none'));
    const r = inspect(out);
    assert.equal(r.kind, 'docker-archive');
    assertLiberty(r);
    const text = cli(['inspect', out]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Microarchitecture:\s+haswell/);
    assert.match(text.stdout, /XSAVE area:\s+832 bytes/);
    assert.match(text.stdout, /glibc:\s+2\.35\s+\(layer 1\/4/);
  });

  it('a CRaC image: the JDK with lib/criuengine, the checkpoint directory, glibc from the libc.so.6 symlink; an opaque whiteout', () => {
    const layers = [
      layerTar(work, {
        'lib/x86_64-linux-gnu/libc-2.31.so': fakeLibc('2.31', 4096).fill(0x90, 0),
        'lib/x86_64-linux-gnu/libc.so.6': { symlink: 'libc-2.31.so' },
        'opt/crac-jdk/release': jdkRelease('21.0.2'),
        'opt/crac-jdk/lib/criuengine': '#!ELF',
        'app/cr/inventory.img': img.inventory!,
        'app/cr/cpuinfo.img': img.ivybridge!,
      }),
      layerTar(work, { 'app/cr/.wh..wh..opq': '', 'app/cr/inventory.img': img.inventory!, 'app/cr/cpuinfo.img': img.haswell! }),
    ];
    const dir = path.join(work, 'crac-layout');
    ociLayout(dir, layers);
    const r = inspect(dir);
    assert.deepEqual(r.checkpoints.map((c) => [c.dir, c.cpu?.microarchitecture]), [['app/cr', 'haswell']]);
    assert.equal(r.runtime?.value, 'crac');
    assert.match(r.runtime!.where, /\/opt\/crac-jdk\/lib\/criuengine/);
    assert.equal(r.jvmRelease?.value, '21.0.2');
    assert.equal(r.glibc?.value, '2.31');
    assert.match(r.glibc!.where, /symlink to libc-2\.31\.so/);
  });

  it('a CRIU image directory and a cpuinfo.img alone', () => {
    const dir = path.join(work, 'criu-dir');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'inventory.img'), img.inventory!);
    fs.writeFileSync(path.join(dir, 'cpuinfo.img'), img.ivybridge!);
    const r = inspect(dir);
    assert.equal(r.kind, 'criu-directory');
    assert.equal(r.checkpoints[0]!.cpu!.microarchitecture, 'ivybridge');
    assert.equal(r.runtime, undefined);
    const one = inspect(path.join(dir, 'cpuinfo.img'));
    assert.equal(one.kind, 'cpuinfo-image');
    assert.equal(one.checkpoints[0]!.cpu!.microarchitecture, 'ivybridge');
  });

  it('an aarch64 checkpoint (CRIU writes no cpuinfo.img there): reported without a CPU; --manifest refuses', () => {
    const dir = path.join(work, 'arm-layout');
    ociLayout(dir, [layerTar(work, { 'app/cr/inventory.img': img.inventory!, 'opt/java/openjdk/release': jdkRelease('21.0.3', '0.46.0') })]);
    const r = inspect(dir);
    assert.deepEqual(r.checkpoints.map((c) => [c.dir, c.cpu]), [['app/cr', undefined]]);
    assert.equal(r.runtime?.value, 'openj9');
    const text = cli(['inspect', dir]);
    assert.match(text.stdout, /CPU:\s+not recorded \(no cpuinfo\.img/);
    const file = path.join(work, 'arm-out.criu.yaml');
    const m = cli(['inspect', dir, '--manifest', file]);
    assert.equal(m.code, 2);
    assert.match(m.stderr, /records no CPU \(no cpuinfo\.img\)/);
    assert.equal(fs.existsSync(file), false);
  });

  describe('--manifest', () => {
    const MANIFEST = `# Orders service, checkpointed in CI
apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: orders   # keep this name
arch: x86_64
checkpoint:
    host:
        model: "typed by hand"     # stale
        microarchitecture: sandybridge
        features:
          - fpu
          - sse2
restore:
    onIncompatibleCpu: exit   # guard exits 3
    targets: []
`;
    it('updates checkpoint.host, runtime, jvm.release and checkpoint.glibc, keeping comments and layout', () => {
      const archive = path.join(work, 'm-docker.tar');
      dockerArchive(work, archive, libertyLayers('none'));
      const file = path.join(work, 'orders.criu.yaml');
      fs.writeFileSync(file, MANIFEST);
      const r = cli(['inspect', archive, '--manifest', file]);
      assert.equal(r.code, 0, r.stderr);
      const out = fs.readFileSync(file, 'utf8');
      for (const comment of ['# Orders service, checkpointed in CI', '# keep this name', '# stale', '# guard exits 3']) assert.ok(out.includes(comment), `${comment} kept:\n${out}`);
      assert.match(out, /^runtime: liberty$/m);
      assert.match(out, /^jvm:\n {2}release: "0\.44\.0"$/m);
      assert.match(out, /^ {8}model: "Intel\(R\) Xeon\(R\) CPU E5-2680 v3 @ 2\.50GHz" {5}# stale$/m);
      assert.match(out, /^ {8}microarchitecture: haswell$/m);
      assert.match(out, /^ {10}- avx2$/m, 'block list style kept');
      assert.match(out, /^ {4}glibc: "2\.35"$/m);
      assert.match(out, /^checkpoint:\n {4}image: m-docker\.tar\n {4}host:$/m, 'the image is recorded relative to the manifest');
      assert.match(r.stdout, /Updated .*orders\.criu\.yaml/);
      const lint = cli(['lint', '--format', 'json', file]);
      const codes = (JSON.parse(lint.stdout) as { files: { diagnostics: { code: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.code));
      assert.ok(!codes.includes('yaml-syntax') && !codes.includes('schema'), codes.join(', '));
      // Again: nothing left to change.
      const again = cli(['inspect', archive, '--manifest', file]);
      assert.equal(again.code, 0);
      assert.match(again.stdout, /unchanged/);
      assert.equal(fs.readFileSync(file, 'utf8'), out);
    });

    it('--manifest - (what the VS Code command runs): the text from standard input, the updated text printed, no file written', () => {
      const dir = path.join(work, 'stdin-layout');
      ociLayout(dir, libertyLayers('gzip'));
      const named = path.join(work, 'editor', 'orders.criu.yaml');
      const r = cli(['inspect', dir, '--manifest', '-', '--manifest-path', named, '--json'], { input: MANIFEST });
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { manifest: { text: string; changes: string[] } };
      assert.match(out.manifest.text, /^ {4}image: \.\.\/stdin-layout$/m, 'relative to the manifest the editor holds');
      assert.match(out.manifest.text, /microarchitecture: haswell/);
      assert.ok(out.manifest.changes.some((c) => c.startsWith('checkpoint.host.microarchitecture: sandybridge -> haswell')), out.manifest.changes.join('\n'));
      assert.equal(fs.existsSync(named), false);
    });

    it('creates the manifest when the file does not exist', () => {
      const dir = path.join(work, 'm-layout');
      ociLayout(dir, libertyLayers('gzip'));
      const file = path.join(work, 'new', 'orders.criu.yaml');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const r = cli(['inspect', dir, '--manifest', file]);
      assert.equal(r.code, 0, r.stderr);
      const out = fs.readFileSync(file, 'utf8');
      assert.match(out, /^ {2}name: orders$/m);
      assert.match(out, /microarchitecture: haswell/);
      assert.match(out, /^runtime: liberty$/m);
      assert.match(out, /release: "0\.44\.0"/);
      assert.match(out, /glibc: "2\.35"/);
    });

    it('an image of another architecture than the manifest: exit 2, nothing written', () => {
      const file = path.join(work, 'arm.criu.yaml');
      const text = MANIFEST.replace('arch: x86_64', 'arch: aarch64');
      fs.writeFileSync(file, text);
      const r = cli(['inspect', path.join(work, 'haswell', 'cpuinfo.img'), '--manifest', file]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /the manifest is for aarch64, the checkpoint was taken on x86_64; nothing written/);
      assert.equal(fs.readFileSync(file, 'utf8'), text);
    });
  });

  describe('bad input: one clear message, exit 2, nothing written', () => {
    const cases: [string, () => string, RegExp][] = [
      ['a truncated cpuinfo.img', () => write('cut.img', img.haswell!.subarray(0, img.haswell!.length - 7)), /truncated CRIU cpuinfo image/],
      ['a foreign file', () => write('notes.txt', 'just some text, no image here\n'), /not a CRIU image, a CRIU image directory, an OCI image layout or an image archive/],
      ['a tar with no checkpoint', () => tarOf('empty.tar', { 'etc/hostname': 'box\n' }), /no checkpoint in this image|nor a root file system holding a checkpoint/],
      ['an unknown capability_ver', () => unknownVer(), /unknown capability_ver 7/],
      ['a truncated gzip image archive', () => truncatedArchive(), /truncated or corrupt/],
    ];
    const write = (name: string, content: string | Buffer): string => {
      const p = path.join(work, 'bad', name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
      return p;
    };
    const tarOf = (name: string, files: Record<string, string>): string => write(name, layerTar(work, files, 'none'));
    const unknownVer = (): string => {
      const json = x86CpuinfoJson(fs.readFileSync(path.join(CPUINFO, 'linux-rhel7-haswell'), 'utf8')).json as { entries: { x86_entry: { capability_ver: number }[] }[] };
      json.entries[0]!.x86_entry[0]!.capability_ver = 7;
      const p = path.join(work, 'bad', 'v7', 'cpuinfo.img');
      critEncode(json, p);
      return p;
    };
    const truncatedArchive = (): string => {
      const full = path.join(work, 'bad', 'full.tar');
      fs.mkdirSync(path.dirname(full), { recursive: true });
      ociArchive(work, full, libertyLayers('gzip'));
      const b = fs.readFileSync(full);
      // Cut inside the content, not in tar's zero padding at the end (which a complete archive may lack).
      let end = b.length;
      while (end > 0 && b[end - 1] === 0) end--;
      return write('cut-archive.tar', b.subarray(0, Math.floor(end * 0.6)));
    };
    for (const [name, make, message] of cases) {
      it(name, () => {
        const input = make();
        const manifest = path.join(work, 'bad', `${name.replace(/\W+/g, '-')}.criu.yaml`);
        const r = cli(['inspect', input, '--manifest', manifest]);
        assert.equal(r.code, 2, r.stdout);
        assert.match(r.stderr, message);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(fs.existsSync(manifest), false, 'nothing written');
      });
    }
  });
});
