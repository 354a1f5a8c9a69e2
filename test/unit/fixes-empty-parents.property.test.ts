// Property: every fix the engine offers (manifest, Kubernetes and suppression fixes) works when a parent key it
// writes under is there but empty: `key:` with nothing, `~`, `null`, or only a comment, at any level (nodeSelector,
// the affinity chain, securityContext/capabilities/add, env and an env var's value, the manifest's restore and
// onIncompatibleCpu), in a Deployment and in an OpenLibertyApplication (whose fixes write spec.affinity.architecture,
// spec.affinity.nodeAffinityLabels, spec.env and spec.securityContext). Applied, every touched file still parses (no
// duplicate key), the finding is gone, no new finding appears, every comment is still there, and the file's line
// endings are kept.
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

// An OpenLibertyApplication (apps.openliberty.io v1 and v1beta2) keeps everything in its spec: the fixes write
// spec.affinity.architecture and spec.affinity.nodeAffinityLabels (not nodeSelector or nodeAffinity), spec.env and
// spec.securityContext. Its own empty parents: annotations, affinity and each of its keys, env, the securityContext
// chain. Beside the four empty values, a comment alone on the line below the key, a flow `{}`/`[]`, and one whose
// closer is alone on the next line at the key's column (JSON-minded hand-written YAML); spec and
// affinity keys come in any order (the empty one last in the file, or followed by others), with LF or CRLF endings
// and with or without a final newline.
type OlaEmpty = Empty | 'comment-below' | 'flow' | 'flow-lines';
const olaEmpty = fc.constantFrom<OlaEmpty>(...EMPTY, 'comment-below', 'flow', 'flow-lines');

const olaDoc = fc.record({
  apiVersion: fc.constantFrom('apps.openliberty.io/v1', 'apps.openliberty.io/v1beta2'),
  unit: fc.constantFrom(2, 4),
  eol: fc.constantFrom('\n', '\r\n'),
  finalNewline: fc.boolean(),
  /** One instance, replicas: 3, or an autoscaler (both scaled). */
  scale: fc.constantFrom('one', 'replicas', 'autoscaling'),
  /** metadata.annotations: absent, empty, or naming the guard the image runs (the manifest's policy then takes effect). */
  annotations: fc.constantFrom('absent', 'empty', 'guard'),
  annotationsState: olaEmpty,
  /** affinity: absent, empty, or holding the keys below (empty when none is there). */
  affinity: fc.constantFrom('absent', 'empty', 'keys'),
  affinityState: olaEmpty,
  /** affinity.architecture: absent, empty, a pin (arm64 is the wrong one, in flow or block style), or a scalar (not a list). */
  architecture: fc.constantFrom('absent', 'empty', 'amd64', 'arm64', 'arm64-block', 'scalar'),
  architectureState: olaEmpty,
  /** affinity.nodeAffinityLabels: absent, empty, or one label that covers part of the manifest's features. */
  labels: fc.constantFrom('absent', 'empty', 'partial'),
  labelsState: olaEmpty,
  /** The operator also takes a plain affinity.nodeAffinity: present and empty, the fixes leave it alone. */
  nodeAffinity: fc.boolean(),
  nodeAffinityState: olaEmpty,
  affinityOrder: fc.shuffledSubarray(['architecture', 'nodeAffinity', 'labels'], { minLength: 3, maxLength: 3 }),
  /** securityContext → capabilities → add: 0 none, up to 3 the empty level, 4 complete. */
  capsDepth: fc.integer({ min: 0, max: 4 }),
  capsState: olaEmpty,
  /** allowPrivilegeEscalation: false in the securityContext (its own fix). */
  escalation: fc.boolean(),
  /** env: 0 absent, 1 empty, 2 CRIU_RESTORE_DISABLE_RECOVERY with an empty value, 3 set to "true". */
  envDepth: fc.integer({ min: 0, max: 3 }),
  envState: olaEmpty,
  /** The variable's item in block style, in flow style (`- {name: …, value: ~}`), or without its value key. */
  envItem: fc.constantFrom('block', 'flow', 'no-value'),
  /** The empty parents' keys quoted (`"env":`), as JSON-minded generators write them. */
  quoted: fc.boolean(),
  /** The application as the item of a `kind: List`. */
  list: fc.boolean(),
  order: fc.shuffledSubarray(['env', 'securityContext', 'affinity', 'scale'], { minLength: 4, maxLength: 4 }),
  manifest: manifestDoc.map((m) => ({ ...m, runtime: 'liberty' as const })),
});

type OlaDoc = typeof olaDoc extends fc.Arbitrary<infer T> ? T : never;

function olaText(g: OlaDoc): string {
  /** `key:` holding nothing at a depth; `pad` for an env item's keys (2 past the dash, whatever the unit). */
  const emptyKey = (depth: number, key: string, e: OlaEmpty, flowText?: string, pad = ''): [number, string][] => {
    if (g.quoted) key = `"${key}"`;
    if (e === 'comment-below') return [[depth, `${pad}${key}:`], [depth + 1, `${pad}# fill me in`]];
    if (e === 'flow' && flowText) return [[depth, `${pad}${key}: ${flowText}`]];
    if (e === 'flow-lines' && flowText) return [[depth, `${pad}${key}: ${flowText[0]}`], [depth, `${pad}${flowText[1]}`]];
    return [[depth, `${pad}${key}:${tail(e === 'flow' || e === 'flow-lines' ? 'empty' : e)}`]];
  };
  const blocks: Record<string, [number, string][]> = { env: [], securityContext: [], affinity: [], scale: [] };
  if (g.scale === 'replicas') blocks.scale.push([1, 'replicas: 3']);
  if (g.scale === 'autoscaling') blocks.scale.push([1, 'autoscaling:'], [2, 'maxReplicas: 3']);
  if (g.envDepth === 1) blocks.env.push(...emptyKey(1, 'env', g.envState, '[]'));
  if (g.envDepth >= 2) {
    const flowValue = g.envDepth === 2 ? ({ empty: '', tilde: ' ~', null: ' null' } as Record<string, string>)[g.envState] ?? '' : ' "true"';
    blocks.env.push([1, 'env:']);
    if (g.envItem === 'no-value' && g.envDepth === 2) blocks.env.push([2, '- name: CRIU_RESTORE_DISABLE_RECOVERY']);
    else if (g.envItem === 'flow') blocks.env.push([2, `- {name: CRIU_RESTORE_DISABLE_RECOVERY, value:${flowValue}}`]);
    else {
      blocks.env.push([2, '- name: CRIU_RESTORE_DISABLE_RECOVERY']);
      blocks.env.push(...(g.envDepth === 2 ? emptyKey(2, 'value', g.envState, undefined, '  ') : [[2, '  value: "true"'] as [number, string]]));
    }
  }
  const sc = blocks.securityContext;
  const capsDepth = g.escalation ? Math.max(g.capsDepth, 1) : g.capsDepth;
  if (capsDepth === 1 && !g.escalation) sc.push(...emptyKey(1, 'securityContext', g.capsState, '{}'));
  else if (capsDepth >= 1) sc.push([1, 'securityContext:']);
  if (g.escalation) sc.push([2, 'allowPrivilegeEscalation: false']);
  if (capsDepth === 2) sc.push(...emptyKey(2, 'capabilities', g.capsState, '{}'));
  if (capsDepth === 3) sc.push([2, 'capabilities:'], ...emptyKey(3, 'add', g.capsState, '[]'));
  if (capsDepth === 4) sc.push([2, 'capabilities:'], [3, 'add: [CHECKPOINT_RESTORE, SETPCAP]']);
  const affinityKeys: Record<string, [number, string][]> = { architecture: [], nodeAffinity: [], labels: [] };
  const arch = affinityKeys.architecture;
  if (g.architecture === 'empty') arch.push(...emptyKey(2, 'architecture', g.architectureState, '[]'));
  if (g.architecture === 'amd64' || g.architecture === 'arm64') arch.push([2, `architecture: [${g.architecture}]`]);
  if (g.architecture === 'arm64-block') arch.push([2, 'architecture:'], [3, '- arm64']);
  if (g.architecture === 'scalar') arch.push([2, 'architecture: amd64']);
  if (g.nodeAffinity) affinityKeys.nodeAffinity.push(...emptyKey(2, 'nodeAffinity', g.nodeAffinityState, '{}'));
  if (g.labels === 'empty') affinityKeys.labels.push(...emptyKey(2, 'nodeAffinityLabels', g.labelsState, '{}'));
  if (g.labels === 'partial') affinityKeys.labels.push([2, 'nodeAffinityLabels:'], [3, 'feature.node.kubernetes.io/cpu-cpuid.AESNI: "true"']);
  const keys = g.affinityOrder.flatMap((k) => affinityKeys[k]);
  if (g.affinity === 'empty' || (g.affinity === 'keys' && keys.length === 0)) blocks.affinity.push(...emptyKey(1, 'affinity', g.affinityState, '{}'));
  else if (g.affinity === 'keys') blocks.affinity.push([1, 'affinity:'], ...keys);
  const lines: [number, string][] = [[0, `apiVersion: ${g.apiVersion}`], [0, 'kind: OpenLibertyApplication'], [0, 'metadata:'], [1, 'name: orders']];
  if (g.annotations === 'empty') lines.push(...emptyKey(1, 'annotations', g.annotationsState, '{}'));
  if (g.annotations === 'guard') lines.push([1, 'annotations:'], [2, 'criu-portability.io/guard: /opt/criu-guard.sh']);
  lines.push([0, 'spec:'], [1, `applicationImage: ${IMAGE}`], ...g.order.flatMap((k) => blocks[k]));
  const text = render(lines, g.unit);
  if (!g.list) return text;
  // The item's keys sit 2 past its dash: every line 2 deeper, the first one behind the dash.
  return `apiVersion: v1\nkind: List\nitems:\n${text.replace(/^(?=.)/gm, '  ').replace(/^ {2}/, '- ')}`;
}

/** The OpenLibertyApplication's files with its line endings, the last document without a final newline when asked. */
function olaFilesOf(g: OlaDoc): Map<string, string> {
  const files = filesOf(olaText(g), g.manifest);
  for (const [uri, text] of files) {
    const last = g.finalNewline ? text : text.replace(/\n$/, '');
    files.set(uri, last.replace(/\n/g, g.eol));
  }
  return files;
}

/** The files of one case: the workload, and the manifest in the same file (second document) or its own. */
function filesOf(kube: string, m: ManifestDoc): Map<string, string> {
  const manifest = manifestText(m);
  return m.sameFile ? new Map([[KUBE_URI, `${kube}---\n${manifest}`]]) : new Map([[KUBE_URI, kube], [MANIFEST_URI, manifest]]);
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

const comments = (text: string) => (text.match(/#[^\r\n]*/g) ?? []).sort();

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
function checkEveryFix(files: Map<string, string>, rules?: Set<string>): number {
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
      const crlf = (files.get(u) ?? '').includes('\r\n');
      assert.ok(crlf ? !/[^\r]\n|^\n/.test(t) : !t.includes('\r'), `${what} mixed line endings in ${u}:\n${JSON.stringify(t)}`);
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
    rules?.add(finding.ruleId);
    checked++;
  }
  return checked;
}

test('every fix on a Deployment and its manifest with empty parent keys: valid YAML, finding gone, nothing new, comments kept', () => {
  let checked = 0;
  fc.assert(
    fc.property(kubeDoc, (g) => {
      checked += checkEveryFix(filesOf(kubeText(g), g.manifest));
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

test('every fix on an OpenLibertyApplication and its manifest with empty parent keys: valid YAML, finding gone, nothing new, comments and line endings kept', () => {
  let checked = 0;
  const rules = new Set<string>();
  fc.assert(
    fc.property(olaDoc, (g) => {
      checked += checkEveryFix(olaFilesOf(g), rules);
    }),
    { numRuns: 80, seed: 15017, includeErrorInReport: true },
  );
  assert.ok(checked > 300, `only ${checked} fixes were exercised`);
  // Every rule whose fix writes into an OpenLibertyApplication's spec had its fixes applied.
  const writers = ['arch-mismatch', 'arch-not-pinned', 'cpu-node-affinity-incomplete', 'cpu-node-affinity-missing', 'restore-capabilities-missing', 'restore-policy-mismatch', 'restore-privilege-escalation-disabled', 'scaled-cold-start'];
  assert.deepEqual(writers.filter((r) => !rules.has(r)), [], `rules whose fixes were never applied`);
});
