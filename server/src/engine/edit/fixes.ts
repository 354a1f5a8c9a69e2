// Small builders shared by the rules' fixes() functions.
import type { Fix, TextEdit } from '../types';
import type { ManifestContext } from '../manifest/context';
import type { TextValue } from '../manifest/model';
import { offsetAt, renderScalar } from './text';
import { replaceNode } from './map';
import type { Range } from '../types';

export function fix(title: string, edits: (TextEdit | undefined)[], isPreferred = false): Fix | undefined {
  const real = edits.filter((e): e is TextEdit => !!e);
  if (real.length === 0) return undefined;
  return isPreferred ? { title, edits: real, isPreferred: true } : { title, edits: real };
}

export function compact(fixes: (Fix | undefined)[]): Fix[] {
  return fixes.filter((f): f is Fix => !!f);
}

/** "Replace with x" for each suggestion, the first (closest) preferred. */
export function replaceWithEach(ctx: ManifestContext, node: { range?: [number, number, number] | null } & object, suggestions: readonly string[], inFlow: boolean): Fix[] {
  return compact(
    suggestions.map((s, i) => fix(`Replace with ${s}`, [replaceNode(ctx.yaml, node, renderScalar(s, node, inFlow))], i === 0)),
  );
}

/** The manifest's text value (baseline, host or target microarchitecture) that starts at a finding's range. */
export function textValueAt(values: (TextValue | undefined)[], ctx: ManifestContext, range: Range): TextValue | undefined {
  const offset = offsetAt(ctx.yaml, range.start);
  return values.find((v) => v?.node.range?.[0] === offset);
}

/** A metadata.name placeholder from the file name: `orders-service.criu.yaml` → `orders-service`. */
export function nameFromUri(uri: string): string {
  const base = decodeURIComponent(uri.split(/[\\/]/).pop() ?? '').replace(/\.criu\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
  const slug = base.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return slug || 'my-service';
}

/** Whether a node sits inside a flow collection (`[a, b]`): plain scalars there may not hold commas. */
export function inFlowCollection(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /[[{]/.test(before.replace(/#.*/, ''));
}
