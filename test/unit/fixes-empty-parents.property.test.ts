// Property: every fix the engine offers (manifest, Kubernetes and suppression fixes) works when a parent key it
// writes under is there but empty: `key:` with nothing, `~`, `null`, or only a comment, at any level (nodeSelector,
// the affinity chain, securityContext/capabilities/add, env and an env var's value, the manifest's restore and
// onIncompatibleCpu). Applied, every touched file still parses (no duplicate key), the finding is gone, no new
// finding appears, and every comment is still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, manifestFixes, suppressionFixes, validate, type Finding, type Fix, type WorkspaceView } from '../../server/src/engine';
import { kubeFixes, kubeRules } from '../../server/src/engine/rules/kube';

const KUBE_RULE_IDS = new Set(kubeRules.map((r) => r.meta.id));
import { applyEdits } from '../helpers/fixes';

const KUBE_URI = 'file:///w/deploy.yaml';
const MANIFEST_URI = 'file:///w/orders.criu.yaml';
const IMAGE = 'registry.example.com/orders:2.3-instanton';

type Empty = 'empty' | 'tilde' | 'null' | 'comment';
const EMPTY: Empty[] = ['empty', 'tilde', 'null', 'comment'];
const empty = fc.constantFrom(...EMPTY);
/** What follows `key:` for an empty value. */
const tail = (e: Empty): string => ({ empty: '', tilde: ' ~', null: ' null', comment: '   # fill me in' })[e];

/** Lines at a depth (in indentation units) turned into text with a unit. */
const render = (lines: [number, string][], unit: number): string => lines.map(([d, l]) => `${' '.repeat(d * unit)}${l}\n`).join('');

const manifestDoc = fc.record({
  runtime: fc.constantFrom('liberty', 'crac', 'openj9'),
  /** How deep the restore policy goes: 0 no restore, 1 restore empty, 2 onIncompatibleCpu empty, 3 a policy. */
  policyDepth: fc.integer({ min: 0, max: 3 }),
  policy: fc.constantFrom('exit', 'cold-start'),
  state: empty,
  sameFile: fc.boolean(),
});

const kubeDoc = fc.record({
  unit: fc.constantFrom(2, 4),
  replicas: fc.constantFrom(1, 3),
  /** nodeSelector: absent, empty, or holding the arch pin. */
  selector: fc.constantFrom('absent', 'empty', 'pinned'),
  selectorState: empty,
  /** How far the affinity chain goes before its empty level (0: no affinity at all). */
  affinityDepth: fc.integer({ min: 0, max: 5 }),
  affinityState: empty,
  /** How far securityContext → capabilities → add goes before its empty level (0: none; 4: complete). */
  capsDepth: fc.integer({ min: 0, max: 4 }),
  capsState: empty,
  /** env: 0 absent, 1 empty, 2 the recovery variable with an empty value, 3 the variable set. */
  envDepth: fc.integer({ min: 0, max: 3 }),
  envState: empty,
  /** A pre-restore guard in command (the policy then takes effect), or volumeMounts/volumes empty for its fix. */
  guard: fc.constantFrom('none', 'command', 'empty-mounts'),
  guardState: empty,
  manifest: manifestDoc,
});

type KubeDoc = typeof kubeDoc extends fc.Arbitrary<infer T> ? T : never;
type ManifestDoc = KubeDoc['manifest'];

function manifestText(m: ManifestDoc): string {
  const lines: [number, string][] = [
    [0, 'apiVersion: criu-portability/v1'], [0, 'kind: CheckpointManifest'], [0, 'metadata:'], [1, 'name: orders'],
    [0, `image: ${IMAGE}`], [0, `runtime: ${m.runtime}`], [0, 'arch: x86_64'], [0, 'requires: [avx2]'],
  ];
  if (m.policyDepth === 1) lines.push([0, `restore:${tail(m.state)}`]);
  if (m.policyDepth === 2) lines.push([0, 'restore:'], [1, `onIncompatibleCpu:${tail(m.state)}`]);
  if (m.policyDepth === 3) lines.push([0, 'restore:'], [1, `onIncompatibleCpu: ${m.policy}`]);
  return render(lines, 2);
}

function kubeText(g: KubeDoc): string {
  const pod: [number, string][] = [];
  if (g.selector === 'empty') pod.push([0, `nodeSelector:${tail(g.selectorState)}`]);
  if (g.selector === 'pinned') pod.push([0, 'nodeSelector:'], [1, 'kubernetes.io/arch: amd64']);
  const chain = ['affinity:', 'nodeAffinity:', 'requiredDuringSchedulingIgnoredDuringExecution:', 'nodeSelectorTerms:'];
  for (let i = 0; i < Math.min(g.affinityDepth, 4); i++) pod.push([i, chain[i] + (i === g.affinityDepth - 1 ? tail(g.affinityState) : '')]);
  if (g.affinityDepth === 5) pod.push([4, `- matchExpressions:${tail(g.affinityState)}`]);
  // The container's keys sit 2 past its dash (depth 4); an env item's keys 2 past theirs.
  const key = 4 * g.unit + 2;
  const container: string[] = [`${' '.repeat(4 * g.unit)}- name: orders`];
  const at = (column: number, line: string) => container.push(' '.repeat(column) + line);
  at(key, `image: ${IMAGE}`);
  if (g.guard === 'command') at(key, 'command: [/bin/sh, /opt/criu-guard/criu-guard.sh]');
  if (g.guard === 'empty-mounts') at(key, `volumeMounts:${tail(g.guardState)}`);
  if (g.envDepth === 1) at(key, `env:${tail(g.envState)}`);
  if (g.envDepth >= 2) {
    const crac = g.manifest.runtime === 'crac';
    at(key, 'env:');
    at(key + g.unit, `- name: ${crac ? 'JAVA_TOOL_OPTIONS' : 'CRIU_RESTORE_DISABLE_RECOVERY'}`);
    at(key + g.unit + 2, g.envDepth === 2 ? `value:${tail(g.envState)}` : `value: ${crac ? '"-XX:CRaCRestoreFrom=/opt/crac"' : '"false"'}`);
  }
  const caps = ['securityContext:', 'capabilities:', 'add:'];
  if (g.capsDepth < 4) for (let i = 0; i < g.capsDepth; i++) at(key + i * g.unit, caps[i] + (i === g.capsDepth - 1 ? tail(g.capsState) : ''));
  if (g.capsDepth === 4) ['securityContext:', 'capabilities:', 'add: [CHECKPOINT_RESTORE, SETPCAP]'].forEach((l, i) => at(key + i * g.unit, l));
  const lines: [number, string][] = [
    [0, 'apiVersion: apps/v1'], [0, 'kind: Deployment'], [0, 'metadata:'], [1, 'name: orders'], [0, 'spec:'], [1, `replicas: ${g.replicas}`],
    [1, 'template:'], [2, 'spec:'], ...pod.map(([d, l]): [number, string] => [d + 3, l]),
    ...(g.guard === 'empty-mounts' ? [[3, `volumes:${tail(g.guardState)}`] as [number, string]] : []), [3, 'containers:'],
  ];
  return render(lines, g.unit) + container.map((l) => `${l}\n`).join('');
}

/** The files of one case: the Deployment, and the manifest in the same file (second document) or its own. */
function filesOf(g: KubeDoc): Map<string, string> {
  const kube = kubeText(g);
  const manifest = manifestText(g.manifest);
  return g.manifest.sameFile ? new Map([[KUBE_URI, `${kube}---\n${manifest}`]]) : new Map([[KUBE_URI, kube], [MANIFEST_URI, manifest]]);
}

function workspaceOf(files: Map<string, string>): WorkspaceView {
  const analyses = [...files].map(([uri, text]) => analyze(uri, text));
  return { *manifests() { for (const a of analyses) for (const context of a.manifests) yield { uri: a.uri, context }; } };
}

/** Findings per file and rule: lines move and messages follow the policy, so findings are compared by count. */
function lintAll(files: Map<string, string>): Map<string, Map<string, number>> {
  const workspace = workspaceOf(files);
  const out = new Map<string, Map<string, number>>();
  for (const [uri, text] of files) {
    const counts = new Map<string, number>();
    for (const f of validate(analyze(uri, text), { workspace })) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    out.set(uri, counts);
  }
  return out;
}

const comments = (text: string) => (text.match(/#[^\n]*/g) ?? []).sort();

function fixesOf(files: Map<string, string>): { uri: string; finding: Finding; fix: Fix }[] {
  const workspace = workspaceOf(files);
  const out: { uri: string; finding: Finding; fix: Fix }[] = [];
  for (const [uri, text] of files) {
    const analysis = analyze(uri, text);
    for (const finding of validate(analysis, { workspace })) {
      const fixes = [...manifestFixes(analysis, finding), ...kubeFixes(analysis, finding, workspace), ...suppressionFixes(analysis, finding)];
      for (const fix of fixes) out.push({ uri, finding, fix });
    }
  }
  return out;
}

/** Choosing cold-start for a scaled workload is offered on purpose (the user picks it) and warned about as such. */
const consequence = (fix: Fix, rule: string) => rule === 'scaled-cold-start' && /cold-start/.test(fix.title);

/** Applies the fix to every file it touches and checks the property; returns how many fixes were checked. */
function checkEveryFix(files: Map<string, string>): number {
  for (const [uri, text] of files) assert.deepEqual(analyze(uri, text).yaml.errors, [], `generator produced invalid YAML:\n${text}`);
  const before = lintAll(files);
  let checked = 0;
  for (const { uri, finding, fix } of fixesOf(files)) {
    const after = new Map(files);
    after.set(uri, applyEdits(files.get(uri)!, fix.edits));
    for (const other of fix.otherFiles ?? []) after.set(other.uri, applyEdits(files.get(other.uri) ?? '', other.edits));
    const shown = [...after].map(([u, t]) => `--- ${u}\n${t}`).join('');
    const what = `"${fix.title}" for ${finding.ruleId}`;
    for (const [u, t] of after) {
      const errors = analyze(u, t).yaml.errors.map((e) => `${e.code} ${e.message}`);
      assert.deepEqual(errors, [], `${what} broke ${u}:\n${shown}`);
      assert.deepEqual(comments(t).filter((c) => !/criu-portability-disable/.test(c)), comments(files.get(u)!), `${what} lost a comment:\n${shown}`);
    }
    const linted = lintAll(after);
    const count = (m: Map<string, Map<string, number>>, u: string, rule: string) => m.get(u)?.get(rule) ?? 0;
    assert.ok(count(linted, uri, finding.ruleId) < count(before, uri, finding.ruleId), `${what}: the finding stays:\n${shown}`);
    // In the files the fix edits. A manifest fix's policy can raise findings in a Deployment linked to it (same
    // file or not), which that Deployment's own fixes then address: the policy taking effect, not a broken fix.
    const touched = [uri, ...(fix.otherFiles ?? []).map((o) => o.uri)];
    const manifestOnly = !KUBE_RULE_IDS.has(finding.ruleId) && !fix.otherFiles;
    for (const [u, rules] of linted) {
      if (!touched.includes(u)) continue;
      const more = [...rules.keys()].filter((rule) => !(manifestOnly && KUBE_RULE_IDS.has(rule)) && !consequence(fix, rule) && count(linted, u, rule) > count(before, u, rule));
      assert.deepEqual(more, [], `${what}: new findings in ${u}:\n${shown}`);
    }
    checked++;
  }
  return checked;
}

test('every fix on a Deployment and its manifest with empty parent keys: valid YAML, finding gone, nothing new, comments kept', () => {
  let checked = 0;
  fc.assert(
    fc.property(kubeDoc, (g) => {
      checked += checkEveryFix(filesOf(g));
    }),
    { numRuns: 120, seed: 15015, includeErrorInReport: true },
  );
  assert.ok(checked > 400, `only ${checked} fixes were exercised`);
});

test('every fix on a manifest with an empty restore or onIncompatibleCpu', () => {
  let checked = 0;
  fc.assert(
    fc.property(manifestDoc, (m) => {
      checked += checkEveryFix(new Map([[MANIFEST_URI, manifestText(m)]]));
    }),
    { numRuns: 60, seed: 15016, includeErrorInReport: true },
  );
  assert.ok(checked > 60, `only ${checked} fixes were exercised`);
});
