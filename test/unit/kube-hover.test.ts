// Hover and completion in Kubernetes YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { kubeHover } from '../../server/src/engine/kube/hover';
import { kubeCompletions } from '../../server/src/engine/kube/completion';

const TEXT = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  nodeSelector:
    kubernetes.io/arch: amd64
    feature.node.kubernetes.io/cpu-cpuid.SSE42: "true"
    
  containers:
    - name: c
      image: x
      env:
        - name: CRIU_RESTORE_DISABLE_RECOVERY
          value: "true"
        - name: JAVA_TOOL_OPTIONS
          value: "-Xmx1g -XX:+EnableCRIUSupport"
      securityContext:
        capabilities:
          add: [CHECKPOINT_RESTORE, SETPCAP]
`;
const a = analyze('file:///w/pod.yaml', TEXT);
const at = (needle: string, delta = 1) => {
  const i = TEXT.indexOf(needle) + delta;
  const before = TEXT.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

test('hover on an NFD label says it is not published by default and which level implies it', () => {
  const h = kubeHover(a, at('feature.node'));
  assert.match(h!.contents, /Not published by default/);
  assert.match(h!.contents, /X86_64_V2/);
});

test('hover on capabilities, env vars, JVM options and arch values', () => {
  assert.match(kubeHover(a, at('SETPCAP'))!.contents, /SETPCAP/);
  const recovery = kubeHover(a, at('CRIU_RESTORE_DISABLE_RECOVERY'))!.contents;
  // The hover tells what the variable really covers: a failing criu restore, compared with exactly "true"; not a CPU.
  assert.match(recovery, /Exactly `true`/);
  assert.match(recovery, /does not cover an incompatible CPU/);
  const opt = kubeHover(a, at('-XX:+EnableCRIUSupport', 5))!;
  assert.match(opt.contents, /Enables OpenJ9 CRIU support/);
  assert.equal(opt.range!.start.character, TEXT.split('\n')[16].indexOf('-XX:+Enable'));
  assert.match(kubeHover(a, at('amd64'))!.contents, /x86_64/);
  assert.equal(kubeHover(a, at('name: p', 6)), undefined);
});

test('completion offers NFD label keys in nodeSelector (no denylisted names) and arch values', () => {
  const items = kubeCompletions(a, { line: 8, character: 4 })!;
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('feature.node.kubernetes.io/cpu-cpuid.AVX2'));
  assert.ok(labels.includes('feature.node.kubernetes.io/cpu-cpuid.X86_64_V2'));
  assert.ok(!labels.includes('feature.node.kubernetes.io/cpu-cpuid.SSE42'));
  const values = kubeCompletions(a, { line: 6, character: 24 })!.map((i) => i.label);
  assert.deepEqual(values.sort(), ['amd64', 'arm64', 'ppc64le', 's390x']);
});
