// OPENJ9_RESTORE_JAVA_OPTIONS: each bad token is reported once, as restore-option-unsupported, in restore words,
// and no offered fix brings a new finding (a replacement is offered only when OpenJ9 accepts it at restore).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import type { Finding } from '../../server/src/engine';
import { applyFix, lint, restoring, uriOf } from './kube-helpers';

const DEPLOY_URI = uriOf(join(__dirname, '..', 'fixtures', 'kube', 'restore', 'deploy.yaml'));

const liberty = (name: string, value: string, extraEnv = '') =>
  restoring(`            - name: CRIU_RESTORE_DISABLE_RECOVERY\n              value: "true"\n${extraEnv}            - name: ${name}\n              value: ${value}\n`);

const JVM_RULES = ['jvm-option-invalid', 'restore-option-unsupported'];
const RESTORE = liberty('OPENJ9_RESTORE_JAVA_OPTIONS', '"-Xshareclasses:portable -XX:+EnableCRIU -Xmx512m"');

const sig = (f: Finding) => `${f.ruleId}: ${f.message}`;
const at = (text: string, f: Finding) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);

function jvmFindings(text: string): Finding[] {
  return lint(DEPLOY_URI, text).findings.filter((f) => JVM_RULES.includes(f.ruleId));
}

describe('bad options in OPENJ9_RESTORE_JAVA_OPTIONS', () => {
  test('each token is reported once: -X options as restore-option-unsupported, an unknown -XX: option (ignored at restore) as jvm-option-invalid', () => {
    const found = jvmFindings(RESTORE);
    assert.deepEqual(found.map((f) => `${f.ruleId} ${at(RESTORE, f)}`), [
      'restore-option-unsupported -Xshareclasses:portable',
      'jvm-option-invalid -XX:+EnableCRIU',
      'restore-option-unsupported -Xmx512m',
    ]);
    assert.match(found[1].message, /OpenJ9 ignores an unrecognised -XX: option/);
  });

  test('messages speak of the restore and name the misspelling', () => {
    const [shared, , xmx] = jvmFindings(RESTORE);
    for (const f of [shared, xmx]) {
      assert.match(f.message, /JVMRestoreException/);
      assert.match(f.message, /The JVM could not enable all the restore options specified/);
      assert.doesNotMatch(f.message, /refuses to start/);
    }
    assert.match(shared.message, /does not exist/);
    assert.match(shared.message, /-XX:\+PortableSharedCache/);
    assert.doesNotMatch(xmx.message, /does not exist|misspelt/);
  });

  test('checkpoint-only replacements are not offered: removal is preferred, or IgnoreUnrecognizedRestoreOptions', () => {
    const { analysis, findings } = lint(DEPLOY_URI, RESTORE);
    const shared = findings.find((f) => f.ruleId === 'restore-option-unsupported')!;
    const fixes = kubeFixes(analysis, shared, undefined);
    assert.deepEqual(fixes.map((f) => [f.title, !!f.isPreferred]), [
      ['Remove -Xshareclasses:portable', true],
      ['Add -XX:+IgnoreUnrecognizedRestoreOptions (ignore options OpenJ9 cannot apply at restore)', false],
    ]);
  });

  test('a misspelt restore option gets its restore-accepted spelling as the preferred fix', () => {
    const text = liberty('OPENJ9_RESTORE_JAVA_OPTIONS', '"-Xshareclasses:disableonrestore"');
    const { analysis, findings } = lint(DEPLOY_URI, text);
    const f = findings.filter((x) => JVM_RULES.includes(x.ruleId));
    assert.deepEqual(f.map((x) => x.ruleId), ['restore-option-unsupported']);
    assert.match(f[0].message, /-Xshareclasses:disableOnRestore/);
    const fixes = kubeFixes(analysis, f[0], undefined);
    assert.equal(fixes[0].title, 'Replace with -Xshareclasses:disableOnRestore');
    assert.equal(fixes[0].isPreferred, true);
    assert.deepEqual(jvmFindings(applyFix(text, fixes[0])), []);
  });

  test('every offered fix removes its finding and brings no new one', () => {
    const { analysis, findings } = lint(DEPLOY_URI, RESTORE);
    const before = new Set(findings.map(sig));
    for (const f of findings.filter((x) => JVM_RULES.includes(x.ruleId))) {
      const fixes = kubeFixes(analysis, f, undefined);
      assert.ok(fixes.length > 0, sig(f));
      for (const fix of fixes) {
        const after = lint(DEPLOY_URI, applyFix(RESTORE, fix)).findings;
        const added = after.map(sig).filter((s) => !before.has(s));
        assert.deepEqual(added, [], `${fix.title} adds findings`);
        assert.ok(after.length < findings.length, `${fix.title} clears nothing`);
      }
    }
  });

  test('under IgnoreUnrecognizedRestoreOptions OpenJ9 skips what it cannot apply: neither rule speaks', () => {
    const text = liberty('OPENJ9_RESTORE_JAVA_OPTIONS', '"-XX:+IgnoreUnrecognizedRestoreOptions -Xshareclasses:portable -Xmx512m"');
    assert.deepEqual(jvmFindings(text), []);
  });

  test('outside the restore variable the JVM start wording stays', () => {
    const text = liberty('OPENJ9_JAVA_OPTIONS', '"-Xshareclasses:portable"');
    const f = jvmFindings(text);
    assert.deepEqual(f.map((x) => x.ruleId), ['jvm-option-invalid']);
    assert.match(f[0].message, /refuses to start/);
  });
});

test('JITServer client options are accepted at restore (the Open Liberty Operator sets them there)', async () => {
  const { isRestoreAccepted } = await import('../../server/src/engine/catalog/jvmOptions');
  assert.ok(isRestoreAccepted('-XX:+UseJITServer'));
  assert.ok(isRestoreAccepted('-XX:JITServerAddress=jitserver.svc'));
  assert.ok(!isRestoreAccepted('-XX:+EnableCRIUSupport'));
});
