// Kubernetes verdicts true to the runtimes' code: what counts as a JVM restore, CRaC's capabilities, which options
// OpenJ9 accepts (or ignores) at restore. Each case here was reported wrongly before.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, lint, restoring } from './kube-helpers';

const URI = 'file:///work/deploy.yaml';

/** Grafana Beyla's DaemonSet shape: an eBPF agent that adds CHECKPOINT_RESTORE among its capabilities. */
const EBPF_AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: beyla
  namespace: beyla
spec:
  selector:
    matchLabels: { instrumentation: beyla }
  template:
    metadata:
      labels: { instrumentation: beyla }
    spec:
      hostPID: true
      containers:
        - name: beyla
          image: grafana/beyla:1.9
          securityContext:
            runAsUser: 0
            capabilities:
              add: [BPF, SYS_PTRACE, NET_RAW, CHECKPOINT_RESTORE, DAC_READ_SEARCH, PERFMON]
`;


const findingsOf = (text: string, rule: string) => lint(URI, text).findings.filter((f) => f.ruleId === rule);

describe('a restore container needs evidence of a JVM restore', () => {
  test('an eBPF agent adding CHECKPOINT_RESTORE gets no finding at all (no restore-capabilities-missing, no arch-not-pinned)', () => {
    assert.deepEqual(codes(lint(URI, EBPF_AGENT).findings), []);
  });

  test('the same capability on a Liberty image is a restore container', () => {
    const liberty = EBPF_AGENT.replace('grafana/beyla:1.9', 'icr.io/appcafe/open-liberty:24.0.0.6-kernel-slim-java17-openj9-ubi');
    assert.ok(codes(lint(URI, liberty).findings).includes('restore-capabilities-missing'));
  });
});

describe('CRaC restores with CHECKPOINT_RESTORE and SYS_PTRACE, not SETPCAP', () => {
  const crac = (caps: string) => restoring('            - name: JAVA_TOOL_OPTIONS\n              value: -XX:CRaCRestoreFrom=/crac\n', 'ghcr.io/example/pricing:5.0-crac', caps);
  test('CHECKPOINT_RESTORE + SYS_PTRACE is enough', () => {
    assert.deepEqual(findingsOf(crac('[CHECKPOINT_RESTORE, SYS_PTRACE]'), 'restore-capabilities-missing'), []);
  });
  test('without SYS_PTRACE the finding asks for it, not for SETPCAP', () => {
    const [f] = findingsOf(crac('[CHECKPOINT_RESTORE]'), 'restore-capabilities-missing');
    assert.ok(f);
    assert.deepEqual(f.data?.missing, ['SYS_PTRACE']);
    assert.doesNotMatch(f.message, /SETPCAP/);
  });
});

describe('OpenJ9 restore options, as CRIUHelpers.cpp and OptionsPostRestore.cpp take them', () => {
  const restoreOptions = (value: string) => restoring(`            - name: OPENJ9_RESTORE_JAVA_OPTIONS\n              value: "${value}"\n`);

  test('-Xsoftmx, -Xrs:asyncOnRestore, JITServer options and unknown -XX: options are accepted or ignored: no finding', () => {
    const text = restoreOptions('-Xsoftmx1g -Xrs:asyncOnRestore -XX:+UseJITServer -XX:JITServerAddress=jitserver -XX:JITServerPort=38400 -XX:+SomeFutureOption');
    assert.deepEqual(findingsOf(text, 'restore-option-unsupported'), []);
  });

  test('an unknown -XX: option fails the restore once -XX:-IgnoreUnrecognizedXXColonOptions is given', () => {
    const text = restoreOptions('-XX:-IgnoreUnrecognizedXXColonOptions -XX:+SomeFutureOption');
    assert.equal(findingsOf(text, 'restore-option-unsupported').length, 1);
  });

  test('-agentlib:jdwp at restore without -XX:+DebugOnRestore at checkpoint fails the restore, even with IgnoreUnrecognizedRestoreOptions', () => {
    const text = restoreOptions('-XX:+IgnoreUnrecognizedRestoreOptions -agentlib:jdwp=transport=dt_socket,server=y,suspend=n');
    const [f] = findingsOf(text, 'restore-option-unsupported');
    assert.ok(f, 'the JDWP agent must be flagged');
    assert.match(f.message, /-XX:\+DebugOnRestore/);
    assert.match(f.message, /CRIUHelpers\.cpp/);
  });

  test('jvm-option-invalid no longer claims OpenJ9 refuses to start on an unknown -XX: option', () => {
    const text = restoring('            - name: OPENJ9_JAVA_OPTIONS\n              value: "-XX:+EnableCRIU"\n');
    const [f] = findingsOf(text, 'jvm-option-invalid');
    assert.ok(f);
    assert.doesNotMatch(f.message, /refuses to start/);
    assert.match(f.message, /OpenJ9 ignores an unrecognised -XX: option/);
  });
});
