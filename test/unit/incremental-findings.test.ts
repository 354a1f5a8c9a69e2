// The incremental parse hands unchanged documents over as the same objects, and the Kubernetes model is memoised
// per document and node: after any chain of edits, findings must equal those of a fresh parse of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, validate, type Analysis, type WorkspaceView } from '../../server/src/engine';
import { reusingParse } from '../../server/src/engine/yaml/parse';

const dirs = ['test/fixtures/kube/restore', 'examples/kubernetes'];
const files = dirs.flatMap((d) => readdirSync(d).map((f) => join(d, f)));
const manifests = files.filter((f) => f.endsWith('.criu.yaml')).map((f) => analyze(`file:///w/${f}`, readFileSync(f, 'utf8')));
const workspace: WorkspaceView & { generation: number } = {
  manifests: () => manifests.flatMap((a) => a.manifests.map((context) => ({ uri: a.uri, context }))),
  generation: 1,
};
const deployments = files.filter((f) => f.endsWith('.yaml') && !f.endsWith('.criu.yaml')).map((f) => readFileSync(f, 'utf8'));
const base = deployments.join('\n---\n');

function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const strip = (a: Analysis) => validate(a, { workspace }).map((f) => ({ ...f, related: undefined }));

test('findings after random edit chains equal those of a fresh parse', () => {
  assert.ok(strip(analyze('file:///w/d.yaml', base)).length > 5, 'the base text has findings to compare');
  const rnd = random(42);
  const pieces = ['1', ' ', '\n', '- ', ': ', 'x', '---\n', 'CHECKPOINT_RESTORE', 'replicas: 3\n', '#'];
  for (let chain = 0; chain < 8; chain++) {
    let text = base;
    let prev = analyze('file:///w/d.yaml', text);
    strip(prev);
    for (let step = 0; step < 25; step++) {
      const at = Math.floor(rnd() * text.length);
      const del = rnd() < 0.4 ? Math.floor(rnd() * 6) : 0;
      const ins = rnd() < 0.7 ? pieces[Math.floor(rnd() * pieces.length)] : '';
      text = text.slice(0, at) + ins + text.slice(at + del);
      const next = reusingParse(prev.yaml, () => analyze('file:///w/d.yaml', text));
      assert.deepEqual(strip(next), strip(analyze('file:///w/d.yaml', text)), `chain ${chain} step ${step}`);
      prev = next;
    }
  }
});
