// Engine tests of the Kubernetes rules: the done-when cases, each rule and each fix.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { NFD_DENYLIST } from '../../server/src/engine/catalog';
import type { Finding, Fix, WorkspaceView } from '../../server/src/engine';
import { applyEdits } from '../helpers/fixes';
import { applyFix, codes, deployment, lint, PINNED, uriOf, workspaceOf } from './kube-helpers';

const FIX = join(__dirname, '..', 'fixtures', 'kube');
const MANIFEST_PATH = join(FIX, 'restore', 'orders.criu.yaml');
const MANIFEST = readFileSync(MANIFEST_PATH, 'utf8');
const DEPLOY_URI = uriOf(join(FIX, 'restore', 'deploy.yaml'));

function ws(manifest = MANIFEST, uri = uriOf(MANIFEST_PATH)): WorkspaceView {
  return workspaceOf({ [uri]: manifest });
}

function parses(text: string): void {
  for (const d of parseAllDocuments(text) as unknown as { errors: unknown[] }[]) assert.deepEqual(d.errors, [], text);
}

/** Lint, take the first finding of a rule, and return its fixes. */
function fixesFor(text: string, ruleId: string, w: WorkspaceView | undefined = ws()): { finding: Finding; fixes: Fix[] } {
  const { analysis, findings } = lint(DEPLOY_URI, text, w);
  const finding = findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `expected ${ruleId} in ${codes(findings)}`);
  return { finding, fixes: kubeFixes(analysis, finding, w) };
}

function afterFix(text: string, ruleId: string, w: WorkspaceView | undefined = ws(), index = 0): { text: string; codes: string[] } {
  const { fixes } = fixesFor(text, ruleId, w);
  assert.ok(fixes[index], `no fix ${index} for ${ruleId}`);
  const out = applyFix(text, fixes[index]);
  parses(out);
  return { text: out, codes: codes(lint(DEPLOY_URI, out, w).findings) };
}

const SAFE_CONTAINER = `          env:
            - name: CRIU_RESTORE_DISABLE_RECOVERY
              value: "true"
          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SETPCAP]
`;
const EXIT_MANIFEST = MANIFEST.replace('cold-start', 'exit');
describe('done-when: Liberty InstantOn Deployment', () => {
  const text = readFileSync(join(FIX, 'restore', 'liberty-cold-start.yaml'), 'utf8');

  test('gets the four findings', () => {
    const found = codes(lint(DEPLOY_URI, text, ws()).findings);
    for (const id of ['restore-capabilities-missing', 'arch-not-pinned', 'cpu-node-affinity-missing', 'scaled-cold-start']) assert.ok(found.includes(id), `${id} in ${found}`);
  });

  test('the message says what the guard does under the policy, and the SIGILL crash loop without a guard', () => {
    const f = lint(DEPLOY_URI, text, ws()).findings.find((x) => x.ruleId === 'cpu-node-affinity-missing')!;
    assert.match(f.message, /silently start cold and slow/);
    const exit = lint(DEPLOY_URI, text, ws(EXIT_MANIFEST)).findings.find((x) => x.ruleId === 'cpu-node-affinity-missing')!;
    assert.match(exit.message, /stop before the restore/);
    const unguarded = text.replace(/ *command: .*criu-guard.sh.*\n/, '');
    for (const manifest of [undefined, EXIT_MANIFEST]) {
      const m = lint(DEPLOY_URI, unguarded, ws(manifest)).findings.find((x) => x.ruleId === 'cpu-node-affinity-missing')!;
      assert.match(m.message, /restored anyway and crash-loop with SIGILL/);
    }
  });

  test('the affinity fix parses, requires AVX2, no denylisted label, clears the finding', () => {
    const out = afterFix(text, 'cpu-node-affinity-missing');
    assert.match(out.text, /feature\.node\.kubernetes\.io\/cpu-cpuid\.AVX2\b/);
    assert.match(out.text, /cpu-cpuid\.X86_64_V2/);
    assert.match(out.text, /cpu-cpuid\.AESNI/);
    for (const m of out.text.matchAll(/cpu-cpuid\.([A-Z0-9_]+)/g)) assert.ok(!NFD_DENYLIST.has(m[1]), m[1]);
    assert.ok(!out.codes.includes('cpu-node-affinity-missing'));
    assert.ok(!out.codes.includes('cpu-node-affinity-incomplete'));
    assert.match(out.text, /# the manifest's image/); // comments kept
  });
});

describe('NFD labels', () => {
  const withLabel = (name: string) => deployment(`${PINNED}      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - key: feature.node.kubernetes.io/cpu-cpuid.${name}
                    operator: In
                    values: ["true"]
`, SAFE_CONTAINER);

  test('SSE42 is denylisted; the fix uses X86_64_V2 and says it is stricter', () => {
    const { finding, fixes } = fixesFor(withLabel('SSE42'), 'nfd-label-denylisted');
    assert.match(finding.message, /X86_64_V2/);
    assert.match(fixes[0].title, /stricter/);
    const out = applyFix(withLabel('SSE42'), fixes[0]);
    assert.match(out, /cpu-cpuid\.X86_64_V2\n/);
    assert.ok(!codes(lint(DEPLOY_URI, out, ws()).findings).includes('nfd-label-denylisted'));
  });

  test('the stricter list leaves out the X86_64_V1 set every x86-64 CPU has', () => {
    const { finding, fixes } = fixesFor(withLabel('SSE42'), 'nfd-label-denylisted');
    for (const text of [finding.message, fixes[0].title]) {
      assert.match(text, /POPCNT/);
      for (const v1 of ['CMOV', 'CMPXCHG8', 'FXSR', 'MMX', 'X87', 'SSE,', 'SSE2']) assert.ok(!text.includes(v1), `${v1} in ${text}`);
    }
    const cmov = fixesFor(withLabel('CMOV'), 'nfd-label-denylisted');
    assert.equal(cmov.fixes[0].title, 'Replace with cpu-cpuid.X86_64_V1');
  });

  test('AVX-2 is unknown and the fix suggests AVX2', () => {
    const { finding, fixes } = fixesFor(withLabel('AVX-2'), 'nfd-label-unknown');
    assert.deepEqual(finding.data?.suggestions, ['AVX2']);
    const out = applyFix(withLabel('AVX-2'), fixes[0]);
    assert.match(out, /cpu-cpuid\.AVX2\n/);
    assert.ok(!codes(lint(DEPLOY_URI, out, ws()).findings).includes('nfd-label-unknown'));
  });

  test('lower-case avx2 is unknown (labels are case-sensitive); AVX10_VERSION is a known attribute', () => {
    assert.ok(codes(lint(DEPLOY_URI, withLabel('avx2'), ws()).findings).includes('nfd-label-unknown'));
    assert.ok(!codes(lint(DEPLOY_URI, withLabel('AVX10_VERSION'), ws()).findings).includes('nfd-label-unknown'));
  });

  test('incomplete constraints: the fix merges into every term', () => {
    const twoTerms = deployment(`${PINNED}      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - key: feature.node.kubernetes.io/cpu-cpuid.AVX
                    operator: In
                    values: ["true"]
              - matchExpressions:
                  - key: feature.node.kubernetes.io/cpu-cpuid.AVX
                    operator: Exists
`, SAFE_CONTAINER);
    const out = afterFix(twoTerms, 'cpu-node-affinity-incomplete', ws(EXIT_MANIFEST));
    assert.equal(out.text.match(/cpu-cpuid\.AVX2/g)?.length, 2);
    assert.ok(!out.codes.includes('cpu-node-affinity-incomplete'), String(out.codes));
  });

  test('OpenLibertyApplication: the fix writes spec.affinity.nodeAffinityLabels', () => {
    const ola = `apiVersion: apps.openliberty.io/v1
kind: OpenLibertyApplication
metadata:
  name: orders
  annotations:
    criu-portability.io/guard: /opt/criu-guard.sh   # the image's entrypoint runs the pre-restore guard
spec:
  applicationImage: registry.example.com/orders:2.3-instanton
  env:
    - name: CRIU_RESTORE_DISABLE_RECOVERY
      value: "true"
  securityContext:
    capabilities:
      add: [CHECKPOINT_RESTORE, SETPCAP]
  affinity:
    architecture: [amd64]
`;
    const out = afterFix(ola, 'cpu-node-affinity-missing', ws(EXIT_MANIFEST));
    assert.match(out.text, /nodeAffinityLabels:\n      feature\.node\.kubernetes\.io\/cpu-cpuid\.X86_64_V2: "true"/);
    assert.deepEqual(out.codes, []);
  });
});

describe('placement and security rules', () => {
  test('capabilities fix adds SETPCAP to a flow list and to a missing securityContext', () => {
    const flow = deployment(PINNED, `          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE]\n`);
    const a = afterFix(flow, 'restore-capabilities-missing');
    assert.match(a.text, /add: \[CHECKPOINT_RESTORE, SETPCAP\]/);
    assert.ok(!a.codes.includes('restore-capabilities-missing'));
    const none = deployment(PINNED, '', 2, 'registry.example.com/orders:2.3-instanton\n          env:\n            - name: X\n              value: y');
    const b = afterFix(none, 'restore-capabilities-missing');
    assert.ok(!b.codes.includes('restore-capabilities-missing'), b.text);
  });

  test('privileged containers need no capabilities', () => {
    const priv = deployment(PINNED, '          securityContext:\n            privileged: true\n');
    assert.ok(!codes(lint(DEPLOY_URI, priv, ws()).findings).includes('restore-capabilities-missing'));
  });

  test('allowPrivilegeEscalation: false is reported and fixed to true', () => {
    const t = deployment(PINNED, `          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              add: [CHECKPOINT_RESTORE, SETPCAP]\n`);
    const out = afterFix(t, 'restore-privilege-escalation-disabled');
    assert.match(out.text, /allowPrivilegeEscalation: true/);
    assert.ok(!out.codes.includes('restore-privilege-escalation-disabled'));
  });

  test('arch-not-pinned fix pins amd64; arch-mismatch fix replaces arm64', () => {
    const out = afterFix(deployment('', SAFE_CONTAINER), 'arch-not-pinned');
    assert.match(out.text, /nodeSelector:\n        kubernetes.io\/arch: amd64/);
    assert.ok(!out.codes.includes('arch-not-pinned'));
    const wrong = deployment('      nodeSelector:\n        kubernetes.io/arch: arm64\n', SAFE_CONTAINER);
    const fixed = afterFix(wrong, 'arch-mismatch');
    assert.match(fixed.text, /kubernetes.io\/arch: amd64/);
    assert.ok(!fixed.codes.includes('arch-mismatch'));
  });
});

describe('restore-failure policy', () => {
  test('mismatch: manifest exit, env false; env fix and cross-file manifest fix', () => {
    const t = deployment(PINNED, SAFE_CONTAINER.replace('"true"', '"false"'));
    const { fixes } = fixesFor(t, 'restore-policy-mismatch', ws(EXIT_MANIFEST));
    const envFixed = applyFix(t, fixes[0]);
    assert.match(envFixed, /value: "true"/);
    assert.ok(!codes(lint(DEPLOY_URI, envFixed, ws(EXIT_MANIFEST)).findings).includes('restore-policy-mismatch'));
    const cross = fixes[1];
    assert.equal(cross.otherFiles?.[0].uri, uriOf(MANIFEST_PATH));
    const newManifest = applyEdits(EXIT_MANIFEST, cross.otherFiles![0].edits);
    assert.match(newManifest, /onIncompatibleCpu: cold-start/);
    assert.ok(!codes(lint(DEPLOY_URI, t, ws(newManifest)).findings).includes('restore-policy-mismatch'));
  });

  test('Liberty with policy exit and no env: mismatch (Liberty falls back by default)', () => {
    const t = deployment(PINNED, `          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE, SETPCAP]\n`);
    const out = afterFix(t, 'restore-policy-mismatch', ws(EXIT_MANIFEST));
    assert.match(out.text, /CRIU_RESTORE_DISABLE_RECOVERY\n\s+value: "true"/);
  });

  test('unset: a CHECKPOINT_RESTORE container with no manifest; fixes run the guard with cold-start or exit', () => {
    const t = deployment(PINNED, SAFE_CONTAINER.replace(/ {10}env:\n.*\n.*\n/, ''), 1, 'icr.io/other/liberty-app:1');
    const { fixes } = fixesFor(t, 'restore-policy-unset', undefined);
    assert.equal(fixes.length, 2);
    for (const fix of fixes) {
      const out = applyFix(t, fix);
      parses(out);
      assert.match(out, /command: \[\/bin\/sh, \/opt\/criu-guard\/criu-guard.sh\]/);
      assert.ok(!codes(lint(DEPLOY_URI, out, undefined).findings).includes('restore-policy-unset'));
    }
    assert.match(applyFix(t, fixes[1]!), /CRIU_RESTORE_DISABLE_RECOVERY\n\s+value: "true"/);
  });

  test('scaled-cold-start: fix switches the manifest and the container to exit', () => {
    const t = deployment(PINNED, `          command: ["/bin/sh", "/opt/criu-guard/criu-guard.sh"]\n          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE, SETPCAP]\n`, 6);
    const { fixes } = fixesFor(t, 'scaled-cold-start');
    const manifest = applyEdits(MANIFEST, fixes[0].otherFiles![0].edits);
    const deploy = applyFix(t, fixes[0]);
    const after = codes(lint(DEPLOY_URI, deploy, ws(manifest)).findings);
    assert.ok(!after.includes('scaled-cold-start') && !after.includes('restore-policy-mismatch'), String(after));
  });

  test('a single replica with cold-start is fine; an HPA makes it scaled', () => {
    const one = deployment(PINNED, '          command: ["/bin/sh", "/opt/criu-guard/criu-guard.sh"]\n', 1);
    assert.ok(!codes(lint(DEPLOY_URI, one, ws()).findings).includes('scaled-cold-start'));
    const hpa = `${one}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: orders-hpa\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: orders\n  maxReplicas: 5\n`;
    assert.ok(codes(lint(DEPLOY_URI, hpa, ws()).findings).includes('scaled-cold-start'));
  });

  test('CRaC: -XX:+CRaCIgnoreRestoreIfUnavailable is cold-start', () => {
    const crac = MANIFEST.replace('runtime: liberty', 'runtime: crac').replace('cold-start', 'exit');
    const t = deployment(PINNED, `          env:\n            - name: JDK_JAVA_OPTIONS\n              value: "-XX:CRaCRestoreFrom=/cr  -XX:+CRaCIgnoreRestoreIfUnavailable"\n          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE, SETPCAP]\n`);
    const out = afterFix(t, 'restore-policy-mismatch', ws(crac));
    assert.match(out.text, /-XX:-CRaCIgnoreRestoreIfUnavailable/);
    assert.ok(!out.codes.includes('restore-policy-mismatch'));
  });
});

describe('JVM options', () => {
  const withOpts = (name: string, value: string) => deployment(PINNED, `          env:\n            - name: CRIU_RESTORE_DISABLE_RECOVERY\n              value: "true"\n            - name: ${name}\n              value: ${value}\n          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE, SETPCAP]\n`);

  test('-Xshareclasses:portable and -XX:+EnableCRIU are invalid, with the real option', () => {
    const t = withOpts('OPENJ9_JAVA_OPTIONS', `"-Xmx1g   -Xshareclasses:portable '-Dname=a b' $(EXTRA)"`);
    const out = afterFix(t, 'jvm-option-invalid', ws(EXIT_MANIFEST));
    assert.match(out.text, /-Xmx1g {3}-XX:\+PortableSharedCache '-Dname=a b' \$\(EXTRA\)/);
    const { finding } = fixesFor(withOpts('JAVA_TOOL_OPTIONS', '-XX:+EnableCRIU'), 'jvm-option-invalid', ws(EXIT_MANIFEST));
    assert.equal(finding.data?.replacement, '-XX:+EnableCRIUSupport');
    assert.equal(finding.range.start.character, 21);
  });

  test('a typo alone makes a container a restore container (no manifest)', () => {
    const t = deployment('', '          env:\n            - name: JAVA_TOOL_OPTIONS\n              value: -XX:+EnableCRIU\n', 1, 'example/app:1');
    assert.ok(codes(lint(DEPLOY_URI, t, undefined).findings).includes('jvm-option-invalid'));
  });

  test('EnableCRIUSupport with CRaCCheckpointTo conflicts; each fix removes one', () => {
    const t = withOpts('JAVA_TOOL_OPTIONS', '"-XX:+EnableCRIUSupport -XX:CRaCCheckpointTo=/cr"');
    const { fixes } = fixesFor(t, 'jvm-options-conflict', ws(EXIT_MANIFEST));
    assert.equal(fixes.length, 2);
    assert.match(applyFix(t, fixes[0]), /value: "-XX:\+EnableCRIUSupport"/);
    assert.match(applyFix(t, fixes[1]), /value: "-XX:CRaCCheckpointTo=\/cr"/);
  });

  test('OPENJ9_RESTORE_JAVA_OPTIONS: unsupported options reported unless ignored', () => {
    const t = withOpts('OPENJ9_RESTORE_JAVA_OPTIONS', '"-Xverbosegclog:/tmp/gc.log -Xmx2g -Xjit:count=0"');
    const { finding, fixes } = fixesFor(t, 'restore-option-unsupported', ws(EXIT_MANIFEST));
    assert.match(finding.message, /-Xmx2g/);
    assert.match(applyFix(t, fixes[0]), /value: "-Xverbosegclog:\/tmp\/gc.log -Xjit:count=0"/);
    const ignored = afterFix(t, 'restore-option-unsupported', ws(EXIT_MANIFEST), 1);
    assert.ok(!ignored.codes.includes('restore-option-unsupported'), ignored.text);
  });
});

describe('linking and silence', () => {
  test('the ordinary corpus produces zero diagnostics', () => {
    const dir = join(FIX, 'ordinary');
    const files = readdirSync(dir);
    assert.ok(files.length >= 5);
    for (const f of files) assert.deepEqual(lint(uriOf(join(dir, f)), readFileSync(join(dir, f), 'utf8'), ws()).findings, [], f);
  });

  test('images link through docker.io defaults, tags and digests', async () => {
    const { imageMatches } = await import('../../server/src/engine/kube/images');
    assert.ok(imageMatches('nginx', 'docker.io/library/nginx:1.27'));
    assert.ok(imageMatches('docker.io/library/nginx:1.27', 'nginx:1.27'));
    assert.ok(!imageMatches('nginx:1.27', 'nginx:1.26'));
    assert.ok(imageMatches('nginx:latest', 'nginx'));
    assert.ok(imageMatches('r.io/a@sha256:abc', 'r.io/a:1@sha256:abc'));
    assert.ok(!imageMatches('r.io/a@sha256:abc', 'r.io/a:1'));
    assert.ok(!imageMatches('r.io/a', 'other.io/a'));
  });

  test('the manifest annotation links by relative path, only inside the workspace', () => {
    const t = deployment('', '', 6, 'example/unrelated:1').replace('  name: orders\n', '  name: orders\n  annotations:\n    criu-portability.io/manifest: orders.criu.yaml\n');
    assert.ok(codes(lint(DEPLOY_URI, t, ws()).findings).includes('cpu-node-affinity-missing'));
    const outside = t.replace('orders.criu.yaml', '../../../../etc/orders.criu.yaml');
    assert.ok(!codes(lint(DEPLOY_URI, outside, ws()).findings).includes('cpu-node-affinity-missing'));
  });

  test('a manifest in the same file links by image', () => {
    const t = `${MANIFEST}---\n${deployment('', '')}`;
    assert.ok(codes(lint(DEPLOY_URI, t, undefined).findings).includes('cpu-node-affinity-missing'));
  });

  test('ignore annotation and disable comment suppress', () => {
    const t = readFileSync(join(FIX, 'restore', 'liberty-cold-start.yaml'), 'utf8');
    const ann = t.replace('  name: orders\n', '  name: orders\n  annotations:\n    criu-portability.io/ignore-arch-not-pinned: "single-arch cluster"\n');
    const found = codes(lint(DEPLOY_URI, ann, ws()).findings);
    assert.ok(!found.includes('arch-not-pinned') && found.includes('scaled-cold-start'));
  });

  test('CronJob, Knative, List items and init containers (by their own evidence) are workloads', () => {
    const cron = `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: c\n              image: registry.example.com/orders:2.3-instanton\n`;
    assert.ok(codes(lint(DEPLOY_URI, cron, ws()).findings).includes('restore-capabilities-missing'));
    const kn = `apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: k\nspec:\n  template:\n    spec:\n      containers:\n        - image: registry.example.com/orders:2.3-instanton\n          args: [/bin/sh, /g/criu-guard.sh]\n`;
    assert.ok(codes(lint(DEPLOY_URI, kn, ws()).findings).includes('scaled-cold-start'));
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: p\n    spec:\n      initContainers:\n        - name: i\n          image: registry.example.com/orders:2.3-instanton\n          securityContext:\n            capabilities:\n              add: [CHECKPOINT_RESTORE]\n      containers:\n        - name: c\n          image: busybox\n`;
    assert.ok(codes(lint(DEPLOY_URI, list, ws()).findings).includes('restore-capabilities-missing'));
  });
});
