// Completion from the cached Analysis and the text of the lines around the cursor (no re-parse): keys valid at
// the cursor (schema), feature and microarchitecture names of the manifest's arch, policy/arch/runtime values,
// and a whole-manifest snippet in an empty *.criu.yaml. The parent path comes from indentation, so it works
// while the line being typed does not parse yet.
import type { Analysis } from '../analyze';
import type { Position, Range } from '../types';
import type { CompletionEntry } from '../kube/completion';
import { kubeCompletions } from '../kube/completion';
import { manifestAt } from '../index';
import { baselineNames, featuresOf, lookupFeature, lookupMicroarchitecture, microarchitecturesOf, normalizeArch } from '../catalog';
import type { Arch } from '../catalog/types';
import { baselineFeatureIds, missingOnMicroarchitecture, targetFeatureIds } from '../manifest/requirements';
import type { ManifestContext } from '../manifest/context';
import { schemaAt } from '../manifest/schema';
import { JVM_OPTIONS, jvmOptionDoc } from '../catalog/jvmOptions';
import { archDoc, POLICY_DOCS, vendorName } from './docs';
import { listText } from '../rules/describe';
import { flowItems, siblingItems, siblingKeys } from './siblings';

export type { CompletionEntry };

const FEATURE_KEYS = new Set(['requires', 'checkpoint.jitFeatures', 'checkpoint.host.features', 'restore.targets.*.features']);
const MICRO_KEYS = new Set(['checkpoint.host.microarchitecture', 'restore.targets.*.microarchitecture']);

export const NEW_MANIFEST_SNIPPET = [
  'apiVersion: criu-portability/v1',
  'kind: CheckpointManifest',
  'metadata:',
  '  name: ${1:my-service}',
  'runtime: ${2|openj9,liberty,crac|}',
  'arch: ${3|x86_64,aarch64,ppc64le,s390x|}',
  'baseline: ${4:openj9-portable}',
  'restore:',
  '  onIncompatibleCpu: ${5|exit,cold-start|}',
  '  targets:',
  '    - name: ${6:pool-a}',
  '      microarchitecture: ${7:ivybridge}',
  '$0',
].join('\n');

export function completions(analysis: Analysis, pos: Position): CompletionEntry[] {
  const text = analysis.text;
  if (analysis.isManifestFile && text.trim() === '') {
    return [{ label: 'CRIU checkpoint manifest', kind: 'snippet', detail: 'A new criu-portability/v1 manifest', insertText: NEW_MANIFEST_SNIPPET, isSnippet: true, sortText: '0' }];
  }
  const ctx = manifestAt(analysis, pos.line);
  if (!ctx && !analysis.isManifestFile) return kubeCompletions(analysis, pos) ?? [];
  const starts = analysis.yaml.lineCounter.lineStarts;
  const lineAt = (n: number) => {
    const end = n + 1 < starts.length ? starts[n + 1] : text.length;
    return text.slice(starts[n], end).replace(/\r?\n$/, '');
  };
  if (pos.line >= starts.length) return [];
  const lineText = lineAt(pos.line);
  const prefix = lineText.slice(0, pos.character);
  if (/(^|\s)#/.test(prefix)) return [];
  const options = jvmOptionCompletions(lineAt, pos, prefix, ctx?.manifest.runtime);
  if (options) return options;
  const word = /[\w.-]*$/.exec(prefix)![0];
  const range: Range = { start: { line: pos.line, character: pos.character - word.length }, end: pos };
  const arch = ctx?.manifest.arch ?? guessArch(text);
  const baseline = ctx ? baselineFeatureIds(ctx.manifest) : undefined;
  const baselineName = ctx?.manifest.baseline?.name;

  // `key: value`, `key: [a, b`, `- key: value`
  const value = /^(\s*)(?:-\s+)?([\w.-]+):\s+(\[[^\]]*)?[\w.-]*$/.exec(prefix);
  if (value) {
    const inItem = /^\s*-\s/.test(prefix);
    const path = [...parentPath(lineAt, pos.line, value[1].length), ...(inItem ? ['*'] : []), value[2]].join('.');
    if (value[3] !== undefined) {
      return FEATURE_KEYS.has(path) && arch ? features(arch, baseline, baselineName, range, flowItems(lineText, pos.character), ctx) : [];
    }
    return valuesFor(path, arch, range, ctx);
  }
  // `- name` in a block list, or a key being typed.
  const item = /^(\s*)-\s+[\w.-]*$/.exec(prefix);
  const key = /^(\s*)(-\s+)?[\w-]*$/.exec(prefix);
  if (item) {
    const parent = parentPath(lineAt, pos.line, item[1].length).join('.');
    if (FEATURE_KEYS.has(parent)) {
      return arch ? features(arch, baseline, baselineName, range, siblingItems(lineAt, starts.length, pos.line, item[1].length), ctx) : [];
    }
  }
  if (key) {
    const path = parentPath(lineAt, pos.line, key[1].length);
    if (key[2]) path.push('*');
    const col = key[1].length + (key[2]?.length ?? 0);
    return keysAt(path, range, siblingKeys(lineAt, starts.length, pos.line, col, !!key[2]));
  }
  return [];
}

/**
 * The keys enclosing a line, from indentation: walk up to lines indented less than `limit`. A `key:` line there
 * is a parent; a `- ` line whose key column is ours means we are a sibling key inside that list item.
 */
function parentPath(lineAt: (n: number) => string, line: number, limit: number): string[] {
  const path: string[] = [];
  for (let n = line - 1; n >= 0 && limit > 0; n--) {
    const l = lineAt(n);
    const trimmed = l.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed === '---') continue;
    const indent = l.length - l.trimStart().length;
    const dash = /^(\s*)-\s+/.exec(l);
    const keyCol = dash ? dash[0].length : indent;
    if (dash && indent < limit && keyCol >= limit) {
      path.unshift('*');
      limit = indent;
      continue;
    }
    if (keyCol >= limit) continue;
    const k = /^\s*(?:-\s+)?([\w.-]+):/.exec(l);
    if (k) path.unshift(k[1]);
    if (dash) {
      path.unshift('*');
      limit = indent;
    } else limit = keyCol;
  }
  return path;
}

/** Keys the schema allows at path, less those the mapping already has (a second one is a duplicate key). */
function keysAt(path: string[], range: Range, present: ReadonlySet<string>): CompletionEntry[] {
  const pointer = path.map((s) => `/${s === '*' ? '0' : s}`).join('');
  const node = schemaAt(pointer);
  const props = node?.properties as Record<string, Record<string, unknown>> | undefined;
  if (!props) return [];
  return Object.entries(props).flatMap(([k, s], i) => {
    if (present.has(k)) return [];
    const nested = s.type === 'object' || s.type === 'array';
    return [{
      label: k,
      kind: 'property' as const,
      detail: typeof s.description === 'string' ? s.description.split(/(?<=\.)\s/)[0] : undefined,
      documentation: typeof s.description === 'string' ? s.description : undefined,
      insertText: nested ? `${k}:` : `${k}: `,
      range,
      sortText: String(i).padStart(2, '0'),
    }];
  });
}

function valuesFor(path: string, arch: Arch | undefined, range: Range, ctx?: ManifestContext): CompletionEntry[] {
  const v = (label: string, detail?: string, documentation?: string, sortText?: string): CompletionEntry => ({ label, kind: 'value', detail, documentation, range, sortText });
  if (path === 'restore.onIncompatibleCpu') {
    return [v('exit', 'fail fast: right for scaled deployments', POLICY_DOCS.exit, '0'), v('cold-start', 'keep serving, slowly: a lone instance', POLICY_DOCS['cold-start'], '1')];
  }
  if (path === 'arch') return ['x86_64', 'aarch64', 'ppc64le', 's390x'].map((a, i) => v(a, archDoc(a), undefined, String(i)));
  if (path === 'runtime' || path === 'apiVersion' || path === 'kind') {
    const s = schemaAt(`/${path}`)!;
    const values = (s.enum as string[] | undefined) ?? [s.const as string];
    return values.map((x, i) => v(x, undefined, typeof s.description === 'string' ? s.description : undefined, String(i)));
  }
  if (!arch) return [];
  if (path === 'baseline') {
    return baselineNames(arch).map((n, i) => {
      const u = lookupMicroarchitecture(n);
      return v(n, u ? `${vendorName(u.vendor)}${u.displayName ? ` · ${u.displayName}` : ''}` : 'OpenJ9\'s portable JIT set', undefined, String(i).padStart(3, '0'));
    });
  }
  if (MICRO_KEYS.has(path)) {
    // A restore target's microarchitecture: say whether a target of that kind would pass, and offer those first.
    const judge = path === 'restore.targets.*.microarchitecture' && ctx ? ctx : undefined;
    return microarchitecturesOf(arch).map((u, i) => {
      const lacks = judge ? missingOnMicroarchitecture(judge.requirements, u) : undefined;
      const verdict = lacks === undefined ? '' : lacks.length === 0 ? ' · ✓ would pass: has every feature the checkpoint needs' : ` · ✗ would lack ${listText(lacks, 4)}`;
      const order = `${lacks && lacks.length > 0 ? 1 : 0}${String(i).padStart(3, '0')}`;
      return { ...v(u.name, `${vendorName(u.vendor)}${u.displayName ? ` · ${u.displayName}` : ''}${verdict}`, undefined, order), kind: 'keyword' as const };
    });
  }
  return [];
}

/**
 * JVM option names in `jvm.options` (a block item or the flow list after `options: [`): those of the manifest's
 * runtime, OpenJ9's for openj9 and liberty, CRaC's for crac. Option words hold `:`, `+` and `=`, so they have their
 * own word pattern.
 */
function jvmOptionCompletions(lineAt: (n: number) => string, pos: Position, prefix: string, runtime: string | undefined): CompletionEntry[] | undefined {
  const block = /^(\s*)-\s+(-[\w:+.=-]*|)$/.exec(prefix);
  const flow = /^(\s*)options:\s*\[(?:[^\]]*,)?\s*(-[\w:+.=-]*|)$/.exec(prefix);
  const m = block ?? flow;
  if (!m) return undefined;
  const path = [...parentPath(lineAt, pos.line, m[1].length), ...(flow ? ['options'] : [])].join('.');
  if (path !== 'jvm.options') return undefined;
  const word = m[2];
  const range: Range = { start: { line: pos.line, character: pos.character - word.length }, end: pos };
  const wanted = runtime === 'crac' ? 'crac' : 'openj9';
  const listed = new Set(flow ? flowItems(lineAt(pos.line), pos.character) : []);
  return JVM_OPTIONS.filter((o) => (o.runtime === wanted || o.runtime === 'both') && o.phase !== 'restore' && !listed.has(o.name)).map((o, i) => ({
    label: o.name + (o.takesValue ? '=' : ''),
    kind: 'value' as const,
    detail: o.doc.split(/(?<=\.)\s/)[0],
    documentation: jvmOptionDoc(o),
    range,
    sortText: String(i).padStart(2, '0'),
  }));
}

/**
 * Features of the arch, less those the list already has in any spelling (`sse3` is `pni`): a second is a duplicate.
 * Ordered by usefulness: the features outside the baseline first (listing one inside it changes nothing), those that
 * more restore targets have before those fewer have; each says which targets have it.
 */
function features(arch: Arch, baseline: ReadonlySet<string> | undefined, baselineName: string | undefined, range: Range, listed: readonly string[], ctx?: ManifestContext): CompletionEntry[] {
  const present = new Set(listed.map((n) => lookupFeature(arch, n)?.id).filter((id): id is string => !!id));
  const targets = (ctx?.manifest.targets ?? [])
    .filter((t) => !t.resolved || t.resolved.arch === arch)
    .map((t) => ({ name: t.name?.value ?? `target ${t.index + 1}`, has: targetFeatureIds(t) }))
    .filter((t): t is { name: string; has: Set<string> } => t.has !== undefined);
  return featuresOf(arch).filter((f) => !present.has(f.id)).map((f) => {
    const inside = baseline?.has(f.id);
    const where = baseline ? (inside ? `inside the baseline ${baselineName}` : `outside the baseline ${baselineName}`) : '';
    const having = targets.filter((t) => t.has.has(f.id)).map((t) => t.name);
    const who = targets.length === 0 || inside ? '' : having.length === 0 ? 'no restore target has it' : having.length === targets.length ? 'every restore target has it' : `${listText(having, 3)} ${having.length === 1 ? 'has' : 'have'} it`;
    return {
      label: f.id,
      kind: 'feature' as const,
      detail: [f.description, where, who].filter(Boolean).join(' · '),
      documentation: `${f.description}\n\nBit: \`${f.bit}\`${f.omr && f.omr !== f.id ? `\n\nOpenJ9: \`${f.omr}\`` : ''}${targets.length ? `\n\nRestore targets that have it: ${having.length ? having.join(', ') : 'none'}.` : ''}`,
      range,
      sortText: inside ? `1${f.id}` : `0${String(999 - having.length).padStart(3, '0')}${f.id}`,
    };
  });
}

/** Before the manifest parses well enough to have an arch: the `arch:` line, if any. */
function guessArch(text: string): Arch | undefined {
  const m = /^arch:\s*([\w-]+)/m.exec(text);
  return m ? normalizeArch(m[1]) : undefined;
}
