// LSP counts `\n`, `\r\n` and a lone `\r` as line endings; the engine must too, or a lone-CR file is one long
// line (no findings) and mixed endings give ranges past the end of a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, validateText, type Range } from '../../server/src/engine';
import { completions, hover } from '../../server/src/engine/service';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const FILES = [
  join(EXAMPLES, 'payments-avx2.criu.yaml'),
  join(EXAMPLES, 'orders-instanton.criu.yaml'),
  ...readdirSync(join(EXAMPLES, 'kubernetes')).map((f) => join(EXAMPLES, 'kubernetes', f)),
];
const lspLines = (t: string) => t.split(/\r\n|\r|\n/);
const summary = (t: string, uri: string) => validateText(uri, t).map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);

test('the payments example gets the same findings with \\n, \\r\\n and lone \\r endings', () => {
  const lf = readFileSync(FILES[0], 'utf8');
  const uri = 'file:///w/payments-avx2.criu.yaml';
  const expected = summary(lf, uri);
  assert.equal(expected.length, 6);
  assert.deepEqual(summary(lf.replace(/\n/g, '\r\n'), uri), expected);
  assert.deepEqual(summary(lf.replace(/\n/g, '\r'), uri), expected);
});

test('every example with random endings and control characters: ranges inside their line, no crash in hover or completion', () => {
  const controls = ['\x00', '\x01', '\x08', '\t', '\x0b', '\x0c', '\x1b', '\x7f', '\x85', '\u2028', '\u2029', '\r', '\r\n', '\n', '\ufeff'];
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  for (let iter = 0; iter < 300; iter++) {
    const file = FILES[rnd(FILES.length)];
    let text = readFileSync(file, 'utf8');
    if (rnd(3) > 0) text = text.replace(/\n/g, () => ['\n', '\r\n', '\r'][rnd(3)]);
    for (let k = rnd(4); k > 0; k--) {
      const at = rnd(text.length + 1);
      text = text.slice(0, at) + controls[rnd(controls.length)] + text.slice(at);
    }
    const uri = `file:///w/${file.split('/').pop()}`;
    const lines = lspLines(text);
    const inside = (r: Range, what: string) => {
      for (const p of [r.start, r.end]) {
        assert.ok(p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length, `${what} ${JSON.stringify(r)} in ${JSON.stringify(text)}`);
      }
    };
    for (const f of validateText(uri, text)) {
      inside(f.range, f.ruleId);
      for (const r of f.related ?? []) if (!r.uri) inside(r.range, `${f.ruleId} related`);
    }
    const analysis = analyze(uri, text);
    lines.forEach((l, line) => {
      const position = { line, character: Math.min(4, l.length) };
      completions(analysis, position);
      hover(analysis, position, {});
    });
  }
});
