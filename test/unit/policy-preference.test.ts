// Issue 3: the restore-policy fix prefers exit for scaled deployments and cold-start when every linked workload
// is a single instance; exit when nothing links to the manifest.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, manifestFixes, validate, workloadsLinkedTo, type WorkspaceView } from '../../server/src/engine';
import { LIBERTY_NO_POLICY, ordersDeployment } from '../support/engine';

const MANIFEST_URI = 'file:///w/orders.criu.yaml';
const manifest = analyze(MANIFEST_URI, LIBERTY_NO_POLICY);
const workspace: WorkspaceView = { manifests: () => manifest.manifests.map((context) => ({ uri: MANIFEST_URI, context })) };
const deployment = (replicas: number, image?: string) => analyze('file:///w/deploy.yaml', ordersDeployment(replicas, image));

function policyFixes(linked: ReturnType<typeof workloadsLinkedTo> | undefined) {
  const finding = validate(manifest).find((f) => f.ruleId === 'restore-policy-missing')!;
  return manifestFixes(manifest, finding, linked ? { linkedWorkloads: linked } : undefined);
}
const preferred = (fixes: ReturnType<typeof policyFixes>) => fixes.filter((f) => f.isPreferred).map((f) => f.title);

describe('restore-policy-missing: which policy is preferred', () => {
  test('nothing linked: exit', () => {
    assert.deepEqual(preferred(policyFixes(undefined)), ['Set restore policy to exit (fail fast)']);
    assert.deepEqual(preferred(policyFixes([])), ['Set restore policy to exit (fail fast)']);
  });
  test('a linked Deployment with replicas: 6: exit, saying why', () => {
    const linked = workloadsLinkedTo(MANIFEST_URI, [deployment(6)], workspace);
    assert.deepEqual(linked, [{ name: 'Deployment/orders', scaled: 'replicas: 6' }]);
    assert.deepEqual(preferred(policyFixes(linked)), ['Set restore policy to exit (fail fast; Deployment/orders has replicas: 6)']);
  });
  test('a lone linked instance: cold-start, saying why', () => {
    const linked = workloadsLinkedTo(MANIFEST_URI, [deployment(1)], workspace);
    assert.deepEqual(preferred(policyFixes(linked)), ['Set restore policy to cold-start (keep serving, slowly; Deployment/orders is a single instance)']);
  });
  test('a workload running another image does not count', () => {
    assert.deepEqual(workloadsLinkedTo(MANIFEST_URI, [deployment(6, 'nginx:1.27')], workspace), []);
  });
});

describe('project defaults in fixes', () => {
  test('missing arch: the project default arch is the preferred insertion', () => {
    const a = analyze('file:///w/n.criu.yaml', 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: n\n');
    const finding = validate(a).find((f) => f.ruleId === 'missing-field' && f.data?.field === 'arch')!;
    const withDefault = manifestFixes(a, finding, { defaults: { arch: 's390x' } });
    assert.deepEqual(withDefault.filter((f) => f.isPreferred).map((f) => f.title), ['Insert arch: s390x']);
    assert.deepEqual(manifestFixes(a, finding).filter((f) => f.isPreferred), []);
  });
});
