// language-configuration.json's onEnterRules, evaluated as VS Code does (the first rule whose beforeText matches the
// text before the cursor): Enter after `- name: x` in a target list keeps the cursor inside the item (at the
// key column); Enter after a scalar item starts the next item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Rule { beforeText: string; action: { indent: string; appendText?: string } }
const config = JSON.parse(readFileSync(join(__dirname, '..', '..', 'language-configuration.json'), 'utf8')) as { onEnterRules: Rule[] };

/** The new line's text after Enter at the end of `line` (indent "none": the line's own indentation, then appendText). */
function enter(line: string): string {
  const indent = /^\s*/.exec(line)![0];
  const rule = config.onEnterRules.find((r) => new RegExp(r.beforeText).test(line));
  return rule ? indent + (rule.action.appendText ?? '') : indent;
}

test('Enter after `- name: x` lands at the key column inside the item', () => {
  const line = '    - name: pool-a';
  const next = enter(line);
  assert.equal(next.length, line.indexOf('name'));
  assert.equal(enter('  - name: pool-a   # blue'), '    ');
});

test('Enter after a scalar list item starts the next item; plain keys keep their indentation', () => {
  assert.equal(enter('  - avx2'), '  - ');
  assert.equal(enter('  onIncompatibleCpu: exit'), '  ');
});
