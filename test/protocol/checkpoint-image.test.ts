// The hover on checkpoint.host says whether the host the manifest states matches the checkpoint image it names
// (checkpoint.image), read by the real server through the CLI's inspect (run `npm run build` first).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { critEncode, critMissing, x86CpuinfoJson } from '../helpers/criu';
import { LspClient } from '../helpers/lspClient';

const CPUINFO = path.join(__dirname, '..', 'fixtures', 'cpuinfo');
const skip = critMissing();

describe('hover on checkpoint.host: the checkpoint image', { skip }, () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criu-hover-image-'));
    critEncode(x86CpuinfoJson(fs.readFileSync(path.join(CPUINFO, 'linux-rhel7-haswell'), 'utf8')).json, path.join(dir, 'ckpt', 'cpuinfo.img'));
    critEncode({ magic: 'INVENTORY', entries: [{ img_version: 2 }] }, path.join(dir, 'ckpt', 'inventory.img'));
    client = await LspClient.start({ rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hoverOnHost = async (name: string, text: string): Promise<string> => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    await client.open(uri, text);
    const line = text.split('\n').findIndex((l) => /^\s+host:/.test(l));
    // The first hover may still be reading the image; the answer comes on a later one.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const h = await client.hover(uri, { line, character: text.split('\n')[line]!.indexOf('host') + 1 });
      const value = (h?.contents as MarkupContent | undefined)?.value ?? '';
      if (!/still reading/.test(value)) return value;
      if (Date.now() > deadline) throw new Error('the hover never finished reading the image');
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  test('a stale hand-typed host: the differences, and how to import', async () => {
    const value = await hoverOnHost(
      'stale.criu.yaml',
      'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: stale\narch: x86_64\ncheckpoint:\n  image: ckpt\n  host:\n    model: "typed by hand"\n    microarchitecture: sandybridge\n    features: [fpu, sse2]\n',
    );
    assert.match(value, /\*\*Does not match the checkpoint image\*\* `ckpt`/);
    assert.match(value, /microarchitecture: the image's CPU is haswell, the manifest says sandybridge/);
    assert.match(value, /features: \d+ the image records are not listed \(.*avx2/);
    assert.match(value, /Import Checkpoint from Image/);
  });

  test('a host written by inspect --manifest: it matches', async () => {
    const file = path.join(dir, 'fresh.criu.yaml');
    const r = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'cli.js'), 'inspect', path.join(dir, 'ckpt'), '--manifest', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /image: ckpt/);
    const value = await hoverOnHost('fresh.criu.yaml', text);
    assert.match(value, /\*\*Matches the checkpoint image\*\* `ckpt` \(checkpoint `.*ckpt`\): haswell, \d+ features/);
  });

  test('an image that is not there: said so', async () => {
    const value = await hoverOnHost('gone.criu.yaml', 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: gone\narch: x86_64\ncheckpoint:\n  image: nowhere.tar\n  host:\n    microarchitecture: haswell\n');
    assert.match(value, /\*\*Checkpoint image\*\* `nowhere\.tar`: not found/);
  });
});
