// `inspect --manifest`: writes what a checkpoint image says into a manifest — checkpoint.host (model,
// microarchitecture, features), runtime, jvm.release, checkpoint.glibc — with the engine's text edits, so the
// file's comments, key order, indentation and list style stay as they were. Pure: text in, text out.
import { isSeq, isScalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { analyze } from '../analyze';
import type { Arch } from '../catalog/types';
import { columnOf, eolOf, insertAtPath, lineStartOf, offsetAt, renderScalar, indentUnit } from '../edit/index';
import type { ManifestContext } from '../manifest/context';
import type { TextEdit } from '../types';
import { asMap, getPair } from '../yaml/nodes';
import type { Runtime } from './evidence';

/** What a manifest learns from an image. */
export interface ManifestFacts {
  arch: Arch;
  model: string;
  microarchitecture: string;
  features: readonly string[];
  runtime?: Runtime;
  jvmRelease?: string;
  glibc?: string;
  /** `checkpoint.image`: where the facts came from, relative to the manifest. */
  image?: string;
}

export class ManifestUpdateError extends Error {}

export interface ManifestUpdate {
  text: string;
  /** What changed, one line each (`checkpoint.glibc: "2.31" -> "2.35"`). */
  changes: string[];
}

/** Updates the manifest document `index` (default: the only one) of `text` with `facts`. */
export function updateManifest(uri: string, text: string, facts: ManifestFacts, index = 0): ManifestUpdate {
  const changes: string[] = [];
  const steps: ((ctx: ManifestContext) => { edit?: TextEdit; change?: string })[] = [
    (ctx) => archStep(ctx, facts.arch),
    (ctx) => scalarStep(ctx, ['runtime'], facts.runtime, false),
    (ctx) => scalarStep(ctx, ['jvm', 'release'], facts.jvmRelease, true),
    (ctx) => scalarStep(ctx, ['checkpoint', 'image'], facts.image, false),
    (ctx) => scalarStep(ctx, ['checkpoint', 'host', 'model'], facts.model || undefined, true),
    (ctx) => scalarStep(ctx, ['checkpoint', 'host', 'microarchitecture'], facts.microarchitecture, false),
    (ctx) => featuresStep(ctx, facts.features),
    (ctx) => scalarStep(ctx, ['checkpoint', 'glibc'], facts.glibc, true),
  ];
  let current = text;
  for (const step of steps) {
    const ctx = contextOf(uri, current, index);
    const { edit, change } = step(ctx);
    if (!edit) continue;
    current = apply(ctx, current, edit);
    if (change) changes.push(change);
  }
  return { text: current, changes };
}

function contextOf(uri: string, text: string, index: number): ManifestContext {
  const analysis = analyze(uri, text);
  if (analysis.yaml.errors.length) throw new ManifestUpdateError(`the manifest has YAML errors (line ${analysis.yaml.errors[0]!.range.start.line + 1}: ${analysis.yaml.errors[0]!.message}); fix them first`);
  const ctx = analysis.manifests[index];
  if (!ctx) throw new ManifestUpdateError(analysis.manifests.length === 0 ? 'the file holds no checkpoint manifest (kind: CheckpointManifest)' : `the file holds ${analysis.manifests.length} manifests, not ${index + 1}`);
  return ctx;
}

function apply(ctx: ManifestContext, text: string, e: TextEdit): string {
  return text.slice(0, offsetAt(ctx.yaml, e.range.start)) + e.newText + text.slice(offsetAt(ctx.yaml, e.range.end));
}

function archStep(ctx: ManifestContext, arch: Arch): { edit?: TextEdit; change?: string } {
  const m = ctx.manifest;
  if (m.archValue) {
    if (m.arch !== arch) throw new ManifestUpdateError(`the manifest is for ${m.archValue.value}, the checkpoint was taken on ${arch}`);
    return {};
  }
  return { edit: insertAtPath(ctx.yaml, m.root, [], 'arch', arch), change: `arch: ${arch} (added)` };
}

/** Sets the scalar at `path` (creating parents); `quote` for values YAML would read as numbers (`"2.35"`). */
function scalarStep(ctx: ManifestContext, path: string[], value: string | undefined, quote: boolean): { edit?: TextEdit; change?: string } {
  if (value === undefined) return {};
  const key = path[path.length - 1]!;
  const parent = walk(ctx.manifest.root, path.slice(0, -1));
  const pair = parent ? (getPair(parent, key) as Pair<unknown, unknown> | undefined) : undefined;
  const node = pair?.value;
  if (pair && isScalar(node) && node.range) {
    const old = typeof node.value === 'number' && typeof node.source === 'string' ? node.source : String(node.value ?? '');
    if (old === value) return {};
    return { edit: { range: ctx.yaml.range(node.range[0], node.range[1]), newText: renderScalar(value, node, false) }, change: `${path.join('.')}: ${old} -> ${value}` };
  }
  const rendered = quote ? JSON.stringify(value) : renderScalar(value, undefined, false);
  const e = insertAtPath(ctx.yaml, ctx.manifest.root, path.slice(0, -1), key, rendered);
  if (!e) throw new ManifestUpdateError(`cannot write ${path.join('.')}: ${path.slice(0, -1).join('.')} is not a mapping`);
  return { edit: e, change: `${path.join('.')}: ${value} (added)` };
}

/** Replaces checkpoint.host.features, in the list's own style (flow `[...]` or block `- item`). */
function featuresStep(ctx: ManifestContext, features: readonly string[]): { edit?: TextEdit; change?: string } {
  const host = walk(ctx.manifest.root, ['checkpoint', 'host']);
  const pair = host ? (getPair(host, 'features') as Pair<unknown, unknown> | undefined) : undefined;
  const text = ctx.yaml.text;
  const eol = eolOf(text);
  const seq = pair?.value;
  if (pair && isSeq(seq) && seq.range) {
    const old = (seq as YAMLSeq<unknown>).items.map((i) => (isScalar(i) ? String(i.value) : '')).join(' ');
    if (old === features.join(' ')) return {};
    const change = `checkpoint.host.features: ${features.length} features (were ${(seq as YAMLSeq<unknown>).items.length})`;
    if ((seq as YAMLSeq<unknown>).flow || (seq as YAMLSeq<unknown>).items.length === 0) {
      const col = columnOf(text, seq.range[0]);
      return { edit: { range: ctx.yaml.range(seq.range[0], seq.range[1]), newText: flowList(features, col, eol) }, change };
    }
    const first = (seq as YAMLSeq<unknown>).items[0] as { range?: [number, number, number] };
    const dashLine = lineStartOf(text, first.range![0]);
    const dashCol = text.indexOf('-', dashLine) - dashLine;
    const last = (seq as YAMLSeq<unknown>).items[(seq as YAMLSeq<unknown>).items.length - 1] as { range?: [number, number, number] };
    const pad = ' '.repeat(dashCol);
    const block = features.map((f, i) => `${i === 0 ? '' : pad}- ${f}`).join(eol);
    return { edit: { range: ctx.yaml.range(text.indexOf('-', dashLine), last.range![1]), newText: block }, change };
  }
  if (pair && seq && !isScalar(seq)) throw new ManifestUpdateError('checkpoint.host.features is not a list');
  const keyCol = host && host.items.length ? columnOf(text, ((host.items[0] as Pair<unknown, unknown>).key as { range: [number, number, number] }).range[0]) : 4;
  const value = flowList(features, keyCol + 'features: '.length, eol);
  if (pair) {
    const node = pair.value as { range?: [number, number, number] } | null;
    if (node?.range) return { edit: { range: ctx.yaml.range(node.range[0], node.range[1]), newText: value }, change: `checkpoint.host.features: ${features.length} features` };
  }
  const e = insertAtPath(ctx.yaml, ctx.manifest.root, ['checkpoint', 'host'], 'features', host ? value : flowList(features, 2 * indentUnit(text) + 'features: '.length, eol));
  if (!e) throw new ManifestUpdateError('cannot write checkpoint.host.features: checkpoint.host is not a mapping');
  return { edit: e, change: `checkpoint.host.features: ${features.length} features (added)` };
}

/** `[a, b, c,` wrapped at 110 columns, continuation lines aligned after the bracket. */
function flowList(items: readonly string[], column: number, eol: string): string {
  const lines: string[] = [];
  let line = '[';
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? ',' : '');
    if (line.length > 1 && column + line.length + 1 + piece.length > 110) {
      lines.push(line.trimEnd());
      line = ' '.repeat(column + 1);
    } else if (line.length > 1 && !line.endsWith(' ')) line += ' ';
    line += piece;
  });
  return lines.concat(line + ']').join(eol);
}

function walk(root: YAMLMap<unknown, unknown>, path: readonly string[]): YAMLMap<unknown, unknown> | undefined {
  let map: YAMLMap<unknown, unknown> | undefined = root;
  for (const key of path) {
    map = asMap(getPair(map, key)?.value);
    if (!map) return undefined;
  }
  return map;
}
