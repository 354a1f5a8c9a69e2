// The bundles carry yaml's ES module build (esbuild.mjs), the tests on sources its Node build; they differ in how
// `!!binary` decodes. The engine parses with its own !!binary tag (engine/yaml/binaryTag.ts), so the bundled CLI
// reads it as yaml's Node build does: bytes, a type error where text is expected, no syntax error for characters
// outside base64 (which atob would refuse).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { cli, json, tempProject } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const manifest = (directive: string) => `${directive}apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: !!binary aGVsbG8=
arch: x86_64
image: !!binary "@@@!"
jvm:
  release: "0.46.0"
restore:
  onIncompatibleCpu: exit
`;

for (const [label, directive] of [['YAML 1.2', ''], ['a %YAML 1.1 directive', '%YAML 1.1\n---\n']]) {
  test(`!!binary in a manifest (${label}): a value of the wrong type, never a YAML syntax error`, () => {
    const dir = tempProject({ 'a.criu.yaml': manifest(directive) });
    dirs.push(dir);
    const r = cli(['lint', '-f', 'json', 'a.criu.yaml'], { cwd: dir });
    const found = json(r).files.flatMap((f) => f.diagnostics.map((d) => `${d.range.start.line}:${d.code}`));
    const line = directive ? 2 : 0;
    assert.ok(!found.some((f) => f.endsWith(':yaml-syntax')), r.stdout);
    assert.ok(found.includes(`${line + 3}:invalid-value`) && found.includes(`${line + 5}:invalid-value`), r.stdout);
  });
}
