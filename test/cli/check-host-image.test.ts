// `check-host --image`: this host (or a capture, or the restore host's own CRIU cpuinfo.img) judged against the
// real checkpoint, its XSAVE state included.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { critEncode, critMissing, x86CpuinfoJson } from '../helpers/criu';
import { fakeLibc, jdkRelease, layerTar, ociLayout } from '../helpers/images';
import { CPUINFO, cli } from './helpers';

const skip = critMissing();

describe('check-host --image', { skip }, () => {
  let work: string;
  const cap = (name: string): string => path.join(CPUINFO, name);
  const encode = (capture: string, file: string, xsave: { xsaveSize: number; xfeatures: number }): string => {
    critEncode(x86CpuinfoJson(fs.readFileSync(cap(capture), 'utf8'), xsave).json, file);
    return file;
  };
  let spr: string;
  let haswellImg: string;
  let layout: string;

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-check-image-'));
    // Sapphire Rapids: AVX-512 and PKRU state in its XSAVE area (XCR0 0x2e7, 2696 bytes).
    spr = encode('linux-unknown-sapphirerapids', path.join(work, 'spr', 'cpuinfo.img'), { xsaveSize: 2696, xfeatures: 0x2e7 });
    haswellImg = encode('linux-rhel7-haswell', path.join(work, 'hsw', 'cpuinfo.img'), { xsaveSize: 832, xfeatures: 0x7 });
    critEncode({ magic: 'INVENTORY', entries: [{ img_version: 2 }] }, path.join(work, 'inventory.img'));
    layout = path.join(work, 'layout');
    ociLayout(layout, [
      layerTar(work, { 'lib/x86_64-linux-gnu/libc.so.6': fakeLibc('2.35', 1 << 20), 'opt/java/openjdk/release': jdkRelease('17.0.11', '0.46.0') }),
      layerTar(work, { 'app/cr/inventory.img': fs.readFileSync(path.join(work, 'inventory.img')), 'app/cr/cpuinfo.img': fs.readFileSync(haswellImg) }),
    ]);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('a host with every feature the checkpoint needs: exit 0', () => {
    const r = cli(['check-host', '--image', layout, '--from', cap('linux-unknown-sapphirerapids')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Checkpoint: \/app\/cr in/);
    assert.match(r.stdout, /can restore it/);
  });

  it('an older host than the checkpoint: exit 3, the missing features named', () => {
    // The manifest's baseline is the checkpoint host's own microarchitecture: R is what the image recorded.
    const manifest = path.join(work, 'haswell.criu.yaml');
    fs.writeFileSync(manifest, 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: h\narch: x86_64\nbaseline: haswell\n');
    const r = cli(['check-host', '--image', layout, '--manifest', manifest, '--from', cap('linux-rhel7-ivybridge'), '--json']);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as { manifests: { ok: boolean; missing: { feature: string }[] }[]; image: { checkpoint: string } };
    assert.equal(out.image.checkpoint, '/app/cr');
    assert.equal(out.manifests[0]!.ok, false);
    assert.ok(out.manifests[0]!.missing.some((m) => m.feature === 'avx2'), JSON.stringify(out.manifests[0]!.missing));
  });

  it('an XSAVE area with AVX-512 state on a host without AVX-512: exit 3, even when the features alone would pass', () => {
    // Portable JIT code (OpenJ9 0.51) and glibc's AVX-512 routines masked: no feature of R is missing, yet
    // the registers cannot be restored.
    const manifest = path.join(work, 'portable.criu.yaml');
    // The image's glibc (2.35) is stated: with no release the glibc model assumes 2.26, which has no XSAVEC tunable.
    const text = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: p\narch: x86_64\nruntime: openj9\njvm:\n  release: "0.51.0"\ncheckpoint:\n  glibc: "2.35"\n  glibcTunables: "glibc.cpu.hwcaps=-AVX512F,-AVX512BW,-AVX512CD,-AVX512DQ,-AVX512VL,-XSAVEC"\n';
    fs.writeFileSync(manifest, text);
    const r = cli(['check-host', '--image', spr, '--manifest', manifest, '--from', cap('linux-rhel7-haswell')]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /can restore it/, 'the feature verdict alone passes');
    assert.match(r.stdout, /cannot restore the checkpoint's registers: the checkpoint's XSAVE area holds AVX-512 \(opmask, ZMM_Hi256, Hi16_ZMM\) state \(XCR0 bits 5, 6, 7\), which this host cannot load \(no avx512f\)/);
    assert.equal(fs.readFileSync(manifest, 'utf8'), text, 'the manifest file is not changed');
  });

  it('the restore host given as its own CRIU cpuinfo.img: an XSAVE area larger than the host\'s', () => {
    const small = encode('linux-unknown-sapphirerapids', path.join(work, 'spr-small', 'cpuinfo.img'), { xsaveSize: 2440, xfeatures: 0x2e7 });
    const manifest = path.join(work, 'p2.criu.yaml');
    fs.writeFileSync(manifest, 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: p\narch: x86_64\nruntime: openj9\njvm:\n  release: "0.51.0"\n');
    const r = cli(['check-host', '--image', spr, '--manifest', manifest, '--from', small, '--json']);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as { image: { xsave: { ok: boolean; problems: string[] } } };
    assert.deepEqual(out.image.xsave.problems, ["the checkpoint's XSAVE area (2696 bytes) is larger than this host's (2440 bytes)"]);
  });

  it('bad input: exit 2, one message', () => {
    const r = cli(['check-host', '--image', path.join(work, 'nope.tar')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read .*nope\.tar: ENOENT/);
  });
});
