// kustomize: kustomization files and the patches they name are build inputs, not workloads, so `lint DIR` leaves
// them out; the objects kustomize builds are linted from standard input (`kubectl kustomize DIR | lint -`), here
// with the real kubectl 1.33.9 (kustomize v5.6.0) from the devDependency that ships it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { cli, FIXTURES, json, ROOT } from './helpers';
import { toolsOrSkip } from '../support/k8sTools';

const OVERLAYS = path.join(FIXTURES, 'kustomize');
const DEMO = path.join(ROOT, 'test', 'corpus', 'GoogleCloudPlatform+microservices-demo', 'kustomize');

const build = (kubectl: string, dir: string) => execFileSync(kubectl, ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const codes = (r: ReturnType<typeof cli>) => json(r).files.flatMap((f) => f.diagnostics.map((d) => d.code));

describe('kustomize', () => {
  test('lint DIR leaves out kustomization files and patches (a patch is a fragment, not a workload)', () => {
    const r = cli(['lint', '-f', 'json', path.relative(ROOT, OVERLAYS)]);
    assert.equal(r.code, 0, r.stderr);
    // The restore patch alone looks like a restore Deployment with nothing pinned: it must not be judged.
    assert.deepEqual(json(r).files.map((f) => f.path), ['test/fixtures/cli/kustomize/base/deployment.yaml']);
    assert.deepEqual(codes(r), []);
  });

  test('kubectl kustomize OVERLAY | lint -: the built restore Deployment gets its findings', async (t) => {
    const kubectl = (await toolsOrSkip(t))?.kubectl;
    if (!kubectl) return;
    const restore = cli(['lint', '-f', 'json', '-'], { input: build(kubectl, path.join(OVERLAYS, 'overlays', 'restore')) });
    assert.ok(codes(restore).includes('arch-not-pinned'), restore.stdout);
    // The overlay on top pins the architecture: that finding goes, the rest of the verdict stays.
    const pinned = cli(['lint', '-f', 'json', '-'], { input: build(kubectl, path.join(OVERLAYS, 'overlays', 'pinned')) });
    assert.ok(!codes(pinned).includes('arch-not-pinned'), pinned.stdout);
  });

  test('a real overlay (microservices-demo, base and components) builds and lints clean', async (t) => {
    const kubectl = (await toolsOrSkip(t))?.kubectl;
    if (!kubectl) return;
    const built = build(kubectl, DEMO);
    assert.ok(built.split(/^---$/m).length > 20, 'the demo builds into many objects');
    const r = cli(['lint', '-f', 'json', '-'], { input: built });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(codes(r), []);
  });
});
