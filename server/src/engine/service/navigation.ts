// Navigation over a cached Analysis: document symbols (outline, breadcrumbs), links and definitions from a Kubernetes
// file to the manifests its restore containers restore (the `criu-portability.io/manifest` annotation, a linked
// `image:`), references back from a manifest, hovers on those links and a code lens per restore container. Pure:
// the other files come in as the WorkspaceView and as other Analyses.
import type { Node, Scalar } from 'yaml';
import type { Analysis } from '../analyze';
import type { ManifestContext } from '../manifest/context';
import type { FeatureList, Target } from '../manifest/model';
import { missingOnTarget } from '../manifest/requirements';
import { offsetOnLine } from '../edit/text';
import type { Position, Range } from '../types';
import type { WorkspaceView } from '../workspace';
import { workloadContexts } from '../kube';
import { MANIFEST_ANNOTATION, sameUri, type LinkedManifest, type RestoreContainer } from '../kube/link';
import { annotationsOf, readWorkloads, type Container, type Workload } from '../kube/model';

/** LSP's SymbolKind names that the adapter maps to numbers. */
export type SymbolKindName = 'file' | 'module' | 'class' | 'object' | 'array' | 'enumMember' | 'struct' | 'property' | 'constant';

export interface DocumentSymbolEntry {
  name: string;
  detail?: string;
  kind: SymbolKindName;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbolEntry[];
}

export interface LinkEntry {
  /** Where the link is in this file: the annotation value or the image. */
  range: Range;
  /** The manifest's file uri. */
  target: string;
  /** The manifest's metadata.name (or its start) in its own file. */
  targetRange: Range;
  tooltip: string;
}

export interface LocationEntry {
  uri: string;
  range: Range;
}

// ---------------------------------------------------------------------------------------------------------------
// Document symbols

export function documentSymbols(analysis: Analysis, workspace?: WorkspaceView): DocumentSymbolEntry[] {
  const out = analysis.manifests.map(manifestSymbol);
  const restoreByContainer = new Map<Container, RestoreContainer>();
  for (const ctx of workloadContexts(analysis, workspace)) for (const r of ctx.restore) restoreByContainer.set(r.container, r);
  for (const w of readWorkloads(analysis.otherDocuments)) {
    const s = workloadSymbol(analysis, w, restoreByContainer);
    if (s) out.push(s);
  }
  return out;
}

function span(analysis: { yaml: Analysis['yaml'] }, node: unknown): Range | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? analysis.yaml.range(r[0], r[1]) : undefined;
}

/** A range that contains `inner` (LSP requires selectionRange ⊆ range; a key sits before its value's node). */
function covering(outer: Range, inner: Range): Range {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return { start: before(outer.start, inner.start) ? outer.start : inner.start, end: before(inner.end, outer.end) ? outer.end : inner.end };
}

function pairSymbol(ctx: ManifestContext, pair: { key: unknown; value: unknown }, name: string, kind: SymbolKindName, detail?: string, children?: DocumentSymbolEntry[]): DocumentSymbolEntry | undefined {
  const key = span(ctx, pair.key);
  if (!key) return undefined;
  const value = span(ctx, pair.value);
  return { name, detail, kind, range: value ? covering(value, key) : key, selectionRange: key, children };
}

/** A feature list as an array symbol with one child per feature; its detail is the count (`3`, or `3 features`). */
function featureListSymbol(ctx: ManifestContext, list: FeatureList | undefined, name: string, unit = ''): DocumentSymbolEntry | undefined {
  if (!list) return undefined;
  const children = list.items.flatMap((ref) => {
    const r = span(ctx, ref.node);
    return r ? [{ name: ref.raw, detail: ref.feature && ref.feature.id !== ref.raw ? ref.feature.id : undefined, kind: 'enumMember' as const, range: r, selectionRange: r }] : [];
  });
  return pairSymbol(ctx, list.pair, name, 'array', `${list.items.length}${unit}`, children);
}

function targetSymbol(ctx: ManifestContext, t: Target): DocumentSymbolEntry | undefined {
  const range = span(ctx, t.node);
  if (!range) return undefined;
  const selection = span(ctx, t.name?.node) ?? range;
  const features = featureListSymbol(ctx, t.features, 'features');
  return {
    name: t.name?.value ?? `target ${t.index + 1}`,
    detail: t.microarchitecture?.value ?? (t.features ? `${t.features.items.length} features` : undefined),
    kind: 'struct',
    range: covering(range, selection),
    selectionRange: selection,
    children: features ? [features] : undefined,
  };
}

function manifestSymbol(ctx: ManifestContext): DocumentSymbolEntry {
  const m = ctx.manifest;
  const [start, , end] = ctx.document.range;
  const range = ctx.yaml.range(start, end);
  const children: DocumentSymbolEntry[] = [];
  const add = (s: DocumentSymbolEntry | undefined) => s && children.push(s);
  if (m.baselineValue) add(pairSymbol(ctx, m.baselineValue.pair, 'baseline', 'constant', m.baselineValue.value));
  add(featureListSymbol(ctx, m.requires, 'requires', ' features'));
  if (m.host) {
    const hostChildren = [featureListSymbol(ctx, m.host.features, 'features')];
    add(pairSymbol(ctx, m.host.pair, 'checkpoint host', 'object', m.host.microarchitecture?.value, hostChildren.filter((s): s is DocumentSymbolEntry => !!s)));
  }
  add(featureListSymbol(ctx, m.jitFeatures, 'jitFeatures', ' features'));
  if (m.policy) add(pairSymbol(ctx, m.policy.pair, 'onIncompatibleCpu', 'property', m.policy.value));
  if (m.targetsPair) {
    const targets = m.targets.map((t) => targetSymbol(ctx, t)).filter((s): s is DocumentSymbolEntry => !!s);
    add(pairSymbol(ctx, m.targetsPair, 'restore targets', 'array', `${m.targets.length}`, targets));
  }
  const selection = span(ctx, m.name?.node) ?? ctx.yaml.range(start, start);
  return {
    name: m.name?.value ?? 'checkpoint manifest',
    detail: [m.arch, m.runtime].filter(Boolean).join(' · '),
    kind: 'module',
    range: covering(range, selection),
    selectionRange: selection,
    children,
  };
}

function workloadSymbol(analysis: Analysis, w: Workload, restore: ReadonlyMap<Container, RestoreContainer>): DocumentSymbolEntry | undefined {
  const range = span(analysis, w.root);
  if (!range) return undefined;
  const nameNode = w.objectMetadata?.get('name', true) as Scalar | undefined;
  const selection = span(analysis, nameNode) ?? range;
  const children = w.containers.flatMap((c): DocumentSymbolEntry[] => {
    const r = span(analysis, c.node);
    if (!r) return [];
    const rc = restore.get(c);
    const linked = rc?.manifest ? ` · restores ${relativePath(analysis.uri, rc.manifest.uri)}` : rc ? ' · restore container' : '';
    const sel = span(analysis, c.nameNode) ?? r;
    return [{ name: c.name ?? (c.role === 'ola' ? 'application' : `container ${c.index + 1}`), detail: `${c.image ?? ''}${linked}`.trim() || undefined, kind: 'object', range: covering(r, sel), selectionRange: sel }];
  });
  return { name: `${w.kind} ${w.name ?? ''}`.trim(), detail: w.apiVersion, kind: 'class', range: covering(range, selection), selectionRange: selection, children };
}

// ---------------------------------------------------------------------------------------------------------------
// Links, definition, hover, lenses

interface LinkSite {
  node: Scalar;
  manifest: LinkedManifest;
  container?: RestoreContainer;
  via: 'annotation' | 'image';
}

/** The annotation values and linked images of the file, each with the manifest it leads to. */
function linkSites(analysis: Analysis, workspace: WorkspaceView | undefined): LinkSite[] {
  const out: LinkSite[] = [];
  for (const ctx of workloadContexts(analysis, workspace)) {
    const annotation = annotationsOf(ctx.workload).get(MANIFEST_ANNOTATION);
    const annotated = ctx.restore.find((r) => r.manifest && r.reasons.includes('annotation'));
    if (annotation && annotated?.manifest) out.push({ node: annotation, manifest: annotated.manifest, container: annotated, via: 'annotation' });
    for (const r of ctx.restore) {
      if (r.manifest && r.reasons.includes('image') && r.container.imageNode) out.push({ node: r.container.imageNode, manifest: r.manifest, container: r, via: 'image' });
    }
  }
  return out;
}

function targetRangeOf(m: LinkedManifest): Range {
  const ctx = m.context;
  return span(ctx, ctx.manifest.name?.node) ?? ctx.yaml.range(ctx.document.range[0], ctx.document.range[0]);
}

export function documentLinks(analysis: Analysis, workspace?: WorkspaceView): LinkEntry[] {
  return linkSites(analysis, workspace).flatMap((s) => {
    const range = span(analysis, s.node);
    if (!range || sameUri(s.manifest.uri, analysis.uri)) return [];
    const name = s.manifest.context.manifest.name?.value;
    return [{ range, target: s.manifest.uri, targetRange: targetRangeOf(s.manifest), tooltip: `Open the checkpoint manifest${name ? ` ${name}` : ''} (${relativePath(analysis.uri, s.manifest.uri)})` }];
  });
}

function siteAt(analysis: Analysis, pos: Position, workspace: WorkspaceView | undefined): LinkSite | undefined {
  const offset = offsetOnLine(analysis.yaml, pos);
  if (offset === undefined) return undefined;
  return linkSites(analysis, workspace).find((s) => s.node.range && offset >= s.node.range[0] && offset <= s.node.range[1]);
}

/** Go to Definition on an annotation value or a linked image: the manifest's name in its own file. */
export function definition(analysis: Analysis, pos: Position, workspace?: WorkspaceView): LocationEntry | undefined {
  const s = siteAt(analysis, pos, workspace);
  return s ? { uri: s.manifest.uri, range: targetRangeOf(s.manifest) } : undefined;
}

/** "2 of 3 restore targets can restore it" (undefined when the manifest lists none). */
function targetsVerdict(ctx: ManifestContext): { pass: number; total: number } | undefined {
  const m = ctx.manifest;
  if (m.targets.length === 0) return undefined;
  const pass = m.targets.filter((t) => (!t.resolved || t.resolved.arch === m.arch) && missingOnTarget(ctx.requirements, t)?.length === 0).length;
  return { pass, total: m.targets.length };
}

/** Hover on an annotation value or a linked image: which manifest it is and what it says. */
export function linkHover(analysis: Analysis, pos: Position, workspace?: WorkspaceView): { contents: string; range: Range } | undefined {
  const s = siteAt(analysis, pos, workspace);
  const range = s && span(analysis, s.node);
  if (!s || !range) return undefined;
  const m = s.manifest.context.manifest;
  const path = relativePath(analysis.uri, s.manifest.uri);
  const verdict = targetsVerdict(s.manifest.context);
  const lines = [
    `**${path}** · checkpoint manifest${m.name ? ` \`${m.name.value}\`` : ''}`,
    '',
    s.via === 'annotation'
      ? `This workload's restore container${s.container?.container.name ? ` \`${s.container.container.name}\`` : ''} restores it (annotation \`${MANIFEST_ANNOTATION}\`).`
      : `This container restores it: the manifest's \`image\` is \`${m.image?.value ?? ''}\`.`,
    '',
    `Architecture \`${m.arch ?? '?'}\`, runtime \`${m.runtime}\`, restore policy \`${m.policy?.value ?? 'unset'}\`; the checkpoint needs ${s.manifest.context.requirements.size} CPU features.`,
  ];
  if (verdict) lines.push('', `${verdict.pass} of ${verdict.total} restore target${verdict.total === 1 ? '' : 's'} can restore it.`);
  lines.push('', 'Ctrl+click or Go to Definition opens it.');
  return { contents: lines.join('\n'), range };
}

export interface KubeLens {
  range: Range;
  title: string;
  /** The manifest to open. */
  target?: string;
}

/** One lens per restore container: "restores orders.criu.yaml · 2 of 3 node pools can run it". */
export function kubeCodeLenses(analysis: Analysis, workspace?: WorkspaceView): KubeLens[] {
  const out: KubeLens[] = [];
  for (const ctx of workloadContexts(analysis, workspace)) {
    for (const r of ctx.restore) {
      const at = span(analysis, r.container.nameNode) ?? span(analysis, r.container.node);
      if (!at) continue;
      const range = { start: at.start, end: at.start };
      if (!r.manifest) {
        out.push({ range, title: 'restore container · no checkpoint manifest linked (annotate criu-portability.io/manifest)' });
        continue;
      }
      const verdict = targetsVerdict(r.manifest.context);
      const pools = verdict
        ? `${verdict.pass} of ${verdict.total} node pool${verdict.total === 1 ? '' : 's'} can run it`
        : 'no restore targets listed';
      out.push({ range, title: `restores ${relativePath(analysis.uri, r.manifest.uri)} · ${pools}`, target: r.manifest.uri });
    }
  }
  return out;
}

/**
 * Find All References on a manifest: the restore containers (in the given analyses: the open files) that restore
 * it, at their annotation or image. Undefined when the position is not inside a manifest.
 */
export function references(analysis: Analysis, pos: Position, others: readonly Analysis[], workspace?: WorkspaceView): LocationEntry[] | undefined {
  const offset = offsetOnLine(analysis.yaml, pos);
  const ctx = offset === undefined ? undefined : analysis.manifests.find((c) => offset >= c.document.range[0] && offset <= c.document.range[2]);
  if (!ctx) {
    // On a link site: the references of the manifest it leads to.
    const s = siteAt(analysis, pos, workspace);
    return s ? referencesTo(s.manifest.uri, s.manifest.context, [analysis, ...others], workspace) : undefined;
  }
  return referencesTo(analysis.uri, ctx, others, workspace);
}

function referencesTo(uri: string, ctx: ManifestContext, files: readonly Analysis[], workspace: WorkspaceView | undefined): LocationEntry[] {
  const out: LocationEntry[] = [];
  for (const a of files) {
    for (const s of linkSites(a, workspace)) {
      // The index may hold another parse of the same file: a multi-document file's manifests are told apart by name.
      const linked = s.manifest.context.manifest.name?.value;
      if (!sameUri(s.manifest.uri, uri) || (linked !== undefined && linked !== ctx.manifest.name?.value)) continue;
      const range = span(a, s.node);
      if (range) out.push({ uri: a.uri, range });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/** `orders.criu.yaml`, `../manifests/orders.criu.yaml`: the manifest's path as seen from the YAML file. */
export function relativePath(fromUri: string, toUri: string): string {
  const from = decodePath(fromUri).split('/').slice(0, -1);
  const to = decodePath(toUri).split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

function decodePath(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
