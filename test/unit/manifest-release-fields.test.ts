// The manifest's release fields: `jvm.release`, `jvm.options`, `checkpoint.glibc` — schema, model, hover, completion.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine';
import { completions, hover } from '../../server/src/engine/service';
import { byRule, covered, lint, x86 } from '../support/engine';
import { applyEdits, findings, fixesFor } from '../helpers/fixes';
import { MANIFEST_URI, positionOf } from '../helpers/manifests';

const JVM = 'runtime: openj9\njvm:\n  release: 0.46.0\n  options: [-XX:+EnableCRIUSupport, -XX:+JVMPortableRestoreMode]\n';
const GLIBC = 'checkpoint:\n  glibc: "2.34"\n';

describe('jvm.release, jvm.options, checkpoint.glibc in the schema and the model', () => {
  test('a manifest stating them is valid', () => {
    assert.deepEqual(lint(x86('', JVM + GLIBC)).filter((f) => ['unknown-key', 'invalid-value'].includes(f.ruleId)), []);
  });

  test('the model reads them, keeping each value node', () => {
    const m = analyze(MANIFEST_URI, x86('', JVM + GLIBC)).manifests[0].manifest;
    assert.equal(m.runtime, 'openj9');
    assert.equal(m.jvm?.release?.value, '0.46.0');
    assert.deepEqual(m.jvm?.options?.items.map((o) => o.value), ['-XX:+EnableCRIUSupport', '-XX:+JVMPortableRestoreMode']);
    assert.equal(m.glibc?.value, '2.34');
  });

  test('an unquoted two-part release keeps its digits in the model (0.50 is not 0.5)', () => {
    const m = analyze(MANIFEST_URI, x86('', 'jvm:\n  release: 0.50\n')).manifests[0].manifest;
    assert.equal(m.jvm?.release?.value, '0.50');
  });

  test('an unquoted glibc release is a number: invalid-value, fixed by quoting it', () => {
    const text = x86('', 'checkpoint:\n  glibc: 2.40   # keep: glibc\n');
    const [{ finding, fixes }] = fixesFor(MANIFEST_URI, text, 'invalid-value');
    assert.equal(covered(text, finding), '2.40');
    const quote = fixes.find((x) => x.title === 'Quote it: "2.40"');
    assert.ok(quote, fixes.map((x) => x.title).join());
    const fixed = applyEdits(text, quote.edits);
    assert.match(fixed, /glibc: "2\.40"   # keep: glibc/);
    assert.deepEqual(findings(MANIFEST_URI, fixed).filter((x) => x.ruleId === 'invalid-value'), []);
  });

  test('a release that is not a number gets invalid-value saying the expected form', () => {
    const text = x86('', 'jvm:\n  release: latest\ncheckpoint:\n  glibc: "two"\n');
    const found = byRule(lint(text), 'invalid-value');
    assert.deepEqual(found.map((f) => covered(text, f)).sort(), ['"two"', 'latest']);
    assert.match(found.find((f) => covered(text, f) === 'latest')!.message, /not a release number for jvm\.release.*`0\.46\.0`/);
    assert.match(found.find((f) => covered(text, f) === '"two"')!.message, /`2\.34`/);
  });

  test('runtime accepts openj9, liberty and crac only', () => {
    for (const r of ['openj9', 'liberty', 'crac']) assert.deepEqual(byRule(lint(x86('', `runtime: ${r}\n`)), 'invalid-value'), [], r);
    assert.equal(byRule(lint(x86('', 'runtime: hotspot\n')), 'invalid-value').length, 1);
  });

  test('unknown keys under jvm are flagged', () => {
    const text = x86('', 'jvm:\n  relase: 0.46.0\n');
    const [f] = byRule(lint(text), 'unknown-key');
    assert.equal(covered(text, f), 'relase');
  });
});

describe('hover and completion of the release fields', () => {
  const text = x86('', JVM + GLIBC);
  const hoverAt = (needle: string, offset = 1) => hover(analyze(MANIFEST_URI, text), positionOf(text, needle, offset))?.contents ?? '';

  test('keys: jvm, release, options, glibc describe themselves', () => {
    assert.match(hoverAt('jvm:'), /\*\*jvm\*\*[\s\S]*0\.41 to 0\.49/);
    assert.match(hoverAt('release:'), /\*\*release\*\*[\s\S]*CRaC JDK version/);
    assert.match(hoverAt('options:'), /\*\*options\*\*[\s\S]*in force when the checkpoint was taken/);
    assert.match(hoverAt('glibc:'), /\*\*glibc\*\*[\s\S]*glibc release/);
  });

  test('an option in jvm.options gets the option\'s own docs', () => {
    assert.match(hoverAt('-XX:+JVMPortableRestoreMode', 5), /\*\*-XX:\+JVMPortableRestoreMode\*\*/);
  });

  const labels = (withCursor: string) => {
    const at = withCursor.indexOf('|');
    const t = withCursor.replace('|', '');
    const before = t.slice(0, at);
    return completions(analyze(MANIFEST_URI, t), { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 });
  };

  test('keys jvm and glibc are offered where they belong', () => {
    const bare = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: a\narch: x86_64\n';
    assert.ok(labels(`${bare}jv|\n`).some((e) => e.label === 'jvm'));
    assert.deepEqual(labels(x86('', 'jvm:\n  |\n')).map((e) => e.label), ['release', 'options']);
    assert.ok(labels(x86('', 'checkpoint:\n  gl|\n')).some((e) => e.label === 'glibc'));
  });

  test('jvm.options offers the runtime\'s checkpoint options (block and flow), replacing the typed word', () => {
    const block = labels(x86('', 'runtime: openj9\njvm:\n  options:\n    - -XX:+JVM|\n'));
    const portable = block.find((e) => e.label === '-XX:+JVMPortableRestoreMode');
    assert.ok(portable, block.map((e) => e.label).join());
    assert.equal(portable.range!.end.character - portable.range!.start.character, '-XX:+JVM'.length);
    assert.ok(!block.some((e) => e.label.startsWith('-XX:CPUFeatures')), 'CRaC option offered for openj9');
    assert.ok(!block.some((e) => e.label === '-XX:+IgnoreUnrecognizedRestoreOptions'), 'a restore-only option offered');
    const crac = labels(x86('', 'runtime: crac\njvm:\n  options: [-XX:CRaCCheckpointTo=/cr, |]\n'));
    assert.ok(crac.some((e) => e.label === '-XX:CPUFeatures='), crac.map((e) => e.label).join());
    assert.ok(!crac.some((e) => e.label === '-XX:+EnableCRIUSupport'));
  });
});
