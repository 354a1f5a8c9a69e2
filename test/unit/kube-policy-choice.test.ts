// What happens on a CPU that cannot run the image, as the policy rules tell it. Nothing in OpenJ9 or Liberty checks
// the CPU before the restore (Liberty: criu restore --cpu-cap=none; criu returns 0 once the tasks resume), so without
// a pre-restore guard the JVM crash-loops with SIGILL whatever the manifest or CRIU_RESTORE_DISABLE_RECOVERY say:
// restore-policy-unset says so, and its fix puts the guard in front of a Liberty container. scaled-cold-start speaks
// only about a cold start that happens (a guard carrying out cold-start, or CRaC's option), so the two never speak
// together.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { applyFix, codes, lint, workspaceOf } from './kube-helpers';
import { LIBERTY_NO_POLICY } from '../support/engine';

const URI = 'file:///w/deploy.yaml';
const POLICY_RULES = ['restore-policy-mismatch', 'restore-policy-unset', 'scaled-cold-start'];
const GUARD = '          command: ["/bin/sh", "/opt/criu-guard/criu-guard.sh"]\n';

const liberty = (replicas: number, env = '', image = 'icr.io/example/catalog-instanton:1', command = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  replicas: ${replicas}
  template:
    spec:
      nodeSelector:
        kubernetes.io/arch: amd64
      containers:
        - name: catalog
${command}          image: ${image}
${env}          securityContext:
            capabilities:
              add: [CHECKPOINT_RESTORE, SETPCAP]
`;
const recoveryEnv = (v: string) => `          env:\n            - name: CRIU_RESTORE_DISABLE_RECOVERY\n              value: "${v}"\n`;
const HPA = `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: catalog\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: catalog\n  maxReplicas: 5\n`;
const policyCodes = (text: string, w?: Parameters<typeof lint>[2]) => codes(lint(URI, text, w).findings).filter((c) => POLICY_RULES.includes(c));
const manifest = (policy: string) => `${LIBERTY_NO_POLICY}restore:\n  onIncompatibleCpu: ${policy}\n`;
const ORDERS = 'registry.example.com/shop/orders:2.3';

function unset(text: string, w?: Parameters<typeof lint>[2]) {
  const { analysis, findings } = lint(URI, text, w);
  const finding = findings.find((f) => f.ruleId === 'restore-policy-unset');
  assert.ok(finding, String(codes(findings)));
  return { finding, fixes: kubeFixes(analysis, finding, w) };
}

/** Every rule id that fires after applying the fix but did not fire before. */
const newFindings = (text: string, fix: Parameters<typeof applyFix>[1], w?: Parameters<typeof lint>[2]) => {
  const before = new Set(codes(lint(URI, text, w).findings));
  return codes(lint(URI, applyFix(text, fix), w).findings).filter((c) => !before.has(c));
};

describe('no guard: restore-policy-unset tells the crash loop', () => {
  test('Liberty: restored anyway with --cpu-cap=none and crash-loops with SIGILL, whatever CRIU_RESTORE_DISABLE_RECOVERY says', () => {
    for (const env of ['', recoveryEnv('true'), recoveryEnv('false')]) {
      const text = liberty(1, env);
      assert.deepEqual(policyCodes(text), ['restore-policy-unset']);
      const { finding } = unset(text);
      assert.match(finding.message, /Liberty restores it anyway \(criu restore --cpu-cap=none\) and the JVM crash-loops with SIGILL/);
      assert.doesNotMatch(finding.message, /falls back to a slow cold start \(its default\)/);
      if (env) assert.match(finding.message, /whatever CRIU_RESTORE_DISABLE_RECOVERY says/);
    }
  });

  test('a manifest policy is not carried out without a guard', () => {
    for (const policy of ['exit', 'cold-start']) {
      const w = workspaceOf({ 'file:///w/orders.criu.yaml': manifest(policy) });
      const { finding } = unset(liberty(1, policy === 'exit' ? recoveryEnv('true') : '', ORDERS), w);
      assert.match(finding.message, new RegExp(`The manifest's restore policy is ${policy}, but nothing carries it out`));
      assert.match(finding.message, /criu-portability guard/);
    }
  });

  test('replicas: 3: names the replicas; the only fix is the guard with exit', () => {
    const text = liberty(3);
    const { finding, fixes } = unset(text);
    assert.match(finding.message, /replicas: 3/);
    assert.deepEqual(fixes.map((f) => f.title), ['Run the pre-restore guard (exit): /opt/criu-guard/criu-guard.sh from ConfigMap catalog-criu-guard, and CRIU_RESTORE_DISABLE_RECOVERY=true']);
    assert.ok(fixes[0]!.isPreferred);
  });

  test('an autoscaler counts as scaled: no cold-start fix', () => {
    const { finding, fixes } = unset(liberty(1) + HPA);
    assert.match(finding.message, /HorizontalPodAutoscaler/);
    assert.deepEqual(fixes.map((f) => f.title.split(':')[0]), ['Run the pre-restore guard (exit)']);
  });

  test('a lone instance: cold-start preferred, exit offered', () => {
    const { finding, fixes } = unset(liberty(1));
    assert.doesNotMatch(finding.message, /replicas/);
    assert.deepEqual(fixes.map((f) => f.title.split(':')[0]), ['Run the pre-restore guard (cold-start)', 'Run the pre-restore guard (exit)']);
    assert.deepEqual(fixes.filter((f) => f.isPreferred).length, 1);
  });

  test('a linked manifest without a policy: the fix records it too', () => {
    const w = workspaceOf({ 'file:///w/orders.criu.yaml': LIBERTY_NO_POLICY });
    const { fixes } = unset(liberty(3, '', ORDERS), w);
    assert.match(fixes[0]?.title ?? '', /^Run the pre-restore guard \(exit\).*; set exit in the manifest$/);
    assert.match(fixes[0]?.otherFiles?.[0]?.edits[0]?.newText ?? '', /onIncompatibleCpu: exit/);
  });

  test('a container with its own command gets no fix (the guard goes in front of it by hand)', () => {
    const text = liberty(1, '', undefined, '          command: ["/opt/ol/wlp/bin/server", "run"]\n');
    const { fixes } = unset(text);
    assert.deepEqual(fixes, []);
  });
});

describe('restore-policy-unset fixes: clean YAML, the finding gone, nothing new', () => {
  const cases: [string, string, Parameters<typeof lint>[2]?][] = [
    ['lone instance', liberty(1)],
    ['replicas: 2', liberty(2)],
    ['with env and volumes already there', liberty(1, recoveryEnv('false')).replace('      containers:', '      volumes:\n        - name: data\n          emptyDir: {}\n      containers:')],
    ['linked manifest without a policy', liberty(2, '', ORDERS), workspaceOf({ 'file:///w/orders.criu.yaml': LIBERTY_NO_POLICY })],
  ];
  for (const [label, text, w] of cases) {
    test(label, () => {
      const { fixes } = unset(text, w);
      assert.ok(fixes.length > 0);
      for (const fix of fixes) {
        const out = applyFix(text, fix);
        const docs = out.split(/^---$/m).map((d) => parse(d));
        const container = docs[0].spec.template.spec.containers[0];
        assert.deepEqual(container.command, ['/bin/sh', '/opt/criu-guard/criu-guard.sh'], out);
        assert.ok(container.volumeMounts.some((m: { name: string; mountPath: string }) => m.name === 'criu-guard' && m.mountPath === '/opt/criu-guard'), out);
        assert.ok(docs[0].spec.template.spec.volumes.some((v: { configMap?: { name: string } }) => v.configMap?.name === 'catalog-criu-guard'), out);
        if (/\(exit\)/.test(fix.title)) assert.equal(container.env.find((e: { name: string }) => e.name === 'CRIU_RESTORE_DISABLE_RECOVERY')?.value, 'true', out);
        assert.ok(!codes(lint(URI, out, w).findings).includes('restore-policy-unset'), out);
        assert.deepEqual(newFindings(text, fix, w), [], fix.title);
      }
    });
  }
});

describe('a guard counts', () => {
  test('criu-guard.sh in command or args', () => {
    assert.deepEqual(policyCodes(liberty(1, '', undefined, GUARD)), []);
    assert.deepEqual(policyCodes(liberty(1, '', undefined, '          args: ["/bin/sh", "/guard/criu-guard.sh", "--", "server", "run"]\n')), []);
  });

  test('the criu-portability.io/guard annotation: the path in command, or no command (the image runs it)', () => {
    const annotated = (text: string) => text.replace('  template:\n', '  template:\n    metadata:\n      annotations:\n        criu-portability.io/guard: /usr/local/bin/pre-restore\n');
    assert.deepEqual(policyCodes(annotated(liberty(1))), []);
    assert.deepEqual(policyCodes(annotated(liberty(1, '', undefined, '          command: ["/usr/local/bin/pre-restore", "--"]\n'))), []);
    // Another command: the image's entrypoint (and so the guard) does not run.
    assert.deepEqual(policyCodes(annotated(liberty(1, '', undefined, '          command: ["/opt/ol/wlp/bin/server", "run"]\n'))), ['restore-policy-unset']);
  });

  test("CRaC's own check counts, unless switched off", () => {
    const crac = (opts: string) => liberty(1, `          env:\n            - name: JAVA_TOOL_OPTIONS\n              value: "-XX:CRaCRestoreFrom=/cr ${opts}"\n`, 'registry.example.com/app-crac:1');
    assert.deepEqual(policyCodes(crac('')), []);
    const off = unset(crac('-XX:+UnlockExperimentalVMOptions -XX:CheckCPUFeatures=skip'));
    assert.match(off.finding.message, /-XX:CheckCPUFeatures=skip switches CRaC's CPU check off/);
  });
});

describe('scaled-cold-start: a cold start that happens', () => {
  test('the guard carrying out a manifest cold-start on replicas: 3', () => {
    const w = workspaceOf({ 'file:///w/orders.criu.yaml': manifest('cold-start') });
    assert.deepEqual(policyCodes(liberty(3, '', ORDERS, GUARD), w), ['scaled-cold-start']);
  });

  test('CRIU_RESTORE_DISABLE_RECOVERY=false alone makes no cold start on an incompatible CPU', () => {
    assert.deepEqual(policyCodes(liberty(3, recoveryEnv('false'))), ['restore-policy-unset']);
  });

  test('exit carried out: nothing', () => {
    const w = workspaceOf({ 'file:///w/orders.criu.yaml': manifest('exit') });
    assert.deepEqual(policyCodes(liberty(3, recoveryEnv('true'), ORDERS, GUARD), w), []);
  });
});

describe('CRIU_RESTORE_DISABLE_RECOVERY is compared as Liberty compares it: exactly "true"', () => {
  for (const value of ['TRUE', 'True', ' true']) {
    test(`"${value}" leaves Liberty's recovery on: a manifest exit is contradicted`, () => {
      const w = workspaceOf({ 'file:///w/orders.criu.yaml': manifest('exit') });
      const text = liberty(1, recoveryEnv(value), ORDERS, GUARD);
      const { analysis, findings } = lint(URI, text, w);
      const f = findings.find((x) => x.ruleId === 'restore-policy-mismatch');
      assert.ok(f, String(codes(findings)));
      assert.match(f.message, /compares it with exactly "true"/);
      const fix = kubeFixes(analysis, f, w).find((x) => x.isPreferred)!;
      const out = applyFix(text, fix);
      assert.match(out, /value: "true"/);
      assert.ok(!codes(lint(URI, out, w).findings).includes('restore-policy-mismatch'));
    });
  }
});

describe('an init container that runs the check counts as a guard (docs/check-host.md)', () => {
  const withInit = (command: string) => liberty(3).replace('      containers:\n', `      initContainers:\n        - name: cpu-guard\n          image: node:20-slim\n          command: ${command}\n      containers:\n`);
  test('check-host or the guard with --check-only: exit in force, nothing to say', () => {
    assert.deepEqual(policyCodes(withInit('["node", "/guard/cli.js", "check-host", "--manifest", "/guard/m.criu.yaml"]')), []);
    assert.deepEqual(policyCodes(withInit('["/bin/sh", "/guard/criu-guard.sh", "--check-only"]')), []);
  });
  test('any other init container does not', () => {
    assert.deepEqual(policyCodes(withInit('["/bin/migrate"]')), ['restore-policy-unset']);
  });
});
