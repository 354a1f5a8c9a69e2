// What makes a container a restore container (docs/kubernetes.md), after the review: only JVM options that turn
// checkpoint/restore on count, init/ephemeral containers need their own evidence, and policy rules need a
// known runtime.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JVM_OPTIONS } from '../../server/src/engine/catalog/jvmOptions';
import { ENABLING_OPTIONS, enablesRestore } from '../../server/src/engine/kube/link';
import { codes, deployment, lint, PINNED, uriOf, workspaceOf } from './kube-helpers';

const FIX = join(__dirname, '..', 'fixtures', 'kube');
const MANIFEST_PATH = join(FIX, 'restore', 'orders.criu.yaml');
const DEPLOY_URI = uriOf(join(FIX, 'restore', 'deploy.yaml'));
const ws = (policy = 'cold-start') => workspaceOf({ [uriOf(MANIFEST_PATH)]: readFileSync(MANIFEST_PATH, 'utf8').replace('cold-start', policy) });

/** A one-container Deployment with a JAVA_TOOL_OPTIONS value and extra container lines. */
const withOptions = (options: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: app
          image: example/app:1
          env:
            - name: JAVA_TOOL_OPTIONS
              value: "${options}"
${extra}`;

const found = (text: string) => codes(lint(DEPLOY_URI, text, ws()).findings);

describe('JVM options as restore evidence', () => {
  test('the Flink Deployment (state checkpoints, CRIU support off) is ordinary', () => {
    const text = readFileSync(join(FIX, 'ordinary', 'flink.yaml'), 'utf8');
    assert.deepEqual(found(text), []);
  });

  test('options that only mention checkpoint, criu or crac do not count', () => {
    for (const o of ['-XX:-EnableCRIUSupport', '-Dstate.checkpoints.dir=s3://b/c', '-Dcrac.mode=off', '-XX:-CRaCIgnoreRestoreIfUnavailable', '-XX:+CRIURestoreNonPortableMode', '-XX:CheckpointGCThreads=2']) {
      assert.equal(enablesRestore(o), false, o);
      assert.deepEqual(found(withOptions(o)), [], o);
    }
  });

  test('enabling options count, in their + or value form (and known misspellings of them)', () => {
    for (const o of ['-XX:+EnableCRIUSupport', '-XX:CRaCCheckpointTo=/cr', '-XX:CRaCRestoreFrom=/cr', '-XX:+EnableCRIU', '-XX:+enableCRIUSupport']) {
      assert.equal(enablesRestore(o), true, o);
      assert.ok(found(withOptions(o)).length > 0, o);
    }
  });

  test('every enabling option is a catalogue option', () => {
    for (const name of ENABLING_OPTIONS) assert.ok(JVM_OPTIONS.some((o) => o.name === name), name);
  });

  test('a misspelt CRIU option in a container with CHECKPOINT_RESTORE is still jvm-option-invalid', () => {
    const caps = '          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE, SETPCAP]\n';
    assert.ok(found(withOptions('-XX:-EnableCRIUSuport', caps)).includes('jvm-option-invalid'));
    assert.ok(!found(withOptions('-XX:-EnableCRIUSuport')).includes('jvm-option-invalid'));
  });
});

describe('init containers', () => {
  const SAFE = `          env:
            - name: CRIU_RESTORE_DISABLE_RECOVERY
              value: "true"
          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SETPCAP]
`;
  const withInit = (initExtra: string) =>
    deployment(`${PINNED}      initContainers:\n        - name: migrate\n          image: registry.example.com/orders:2.3-instanton\n          command: ["/opt/app/bin/migrate"]\n${initExtra}`, SAFE, 1);
  // Manifest policy exit: a linked Liberty container without CRIU_RESTORE_DISABLE_RECOVERY=true mismatches.
  const initFindings = (text: string) => lint(DEPLOY_URI, text, ws('exit')).findings.filter((f) => f.data?.container === 1).map((f) => f.ruleId);

  test('an init container running the app image is no restore container', () => {
    const { findings } = lint(DEPLOY_URI, withInit(''), ws('exit'));
    assert.ok(findings.length > 0, 'the main container still links the manifest');
    assert.deepEqual(initFindings(withInit('')), []);
  });

  test('an init container that adds CHECKPOINT_RESTORE is one, and links by image', () => {
    const own = withInit('          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE]\n');
    // No guard runs before it either: the manifest's exit is not carried out.
    assert.deepEqual(initFindings(own).sort(), ['restore-capabilities-missing', 'restore-policy-mismatch', 'restore-policy-unset']);
  });

  test('the migrate Deployment of the ordinary corpus is silent', () => {
    assert.deepEqual(found(readFileSync(join(FIX, 'ordinary', 'migrate-init.yaml'), 'utf8')), []);
  });
});

describe('runtime known before policy rules', () => {
  const agent = readFileSync(join(FIX, 'restore', 'criu-agent-daemonset.yaml'), 'utf8');
  const POLICY_RULES = ['restore-policy-unset', 'restore-policy-mismatch', 'scaled-cold-start'];

  test('CHECKPOINT_RESTORE alone, with no sign of a JVM (a CRIU or eBPF agent), is no restore container: no finding at all', () => {
    assert.deepEqual(found(agent), []);
  });

  test('the same container with JVM options is a JVM: capability and policy findings', () => {
    const jvm = agent.replace('            - name: CRIU_LOG_LEVEL\n', '            - name: JAVA_TOOL_OPTIONS\n              value: -Xmx512m\n            - name: CRIU_LOG_LEVEL\n');
    const f = lint(DEPLOY_URI, jvm, ws()).findings;
    assert.ok(codes(f).includes('restore-capabilities-missing'), String(codes(f)));
    assert.match(f.find((x) => x.ruleId === 'restore-policy-unset')?.message ?? '', /OpenJ9 restores it anyway and the JVM crash-loops with SIGILL/);
  });

  test('Liberty env makes the runtime known', () => {
    const liberty = agent.replace('CRIU_LOG_LEVEL\n              value: "4"', 'WLP_LOGGING_CONSOLE_FORMAT\n              value: json');
    assert.match(lint(DEPLOY_URI, liberty, ws()).findings.find((x) => x.ruleId === 'restore-policy-unset')?.message ?? '', /Liberty restores it anyway \(criu restore --cpu-cap=none\)/);
  });

  test('an annotation naming a manifest outside the workspace: other rules, no policy rules', () => {
    const annotated = agent.replace('  namespace: kube-system\n', '  namespace: kube-system\n  annotations:\n    criu-portability.io/manifest: missing.criu.yaml\n');
    const c = found(annotated);
    assert.ok(c.includes('arch-not-pinned'), String(c));
    for (const id of POLICY_RULES) assert.ok(!c.includes(id), id);
  });
});
