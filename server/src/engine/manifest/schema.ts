// Structure checks against the shipped JSON Schema (ajv, compiled ahead of time by scripts/gen-validators.mjs), with each error mapped back to the YAML node it is
// about. The manifest is converted to plain data by our own walk (aliases are not expanded, so alias bombs
// cost nothing), recording which node every JSON pointer came from.
import type { ErrorObject } from 'ajv';
import { validateManifest } from '../generated/validators';
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import schema from '../../../../schemas/criu-manifest.schema.json';

export interface SchemaIssue {
  keyword: string;
  /** JSON pointer of the instance (`/restore/targets/0`). */
  pointer: string;
  params: Record<string, unknown>;
  /** The value node at the pointer, and the pair whose value it is (absent for the root). */
  node?: Node;
  pair?: Pair<unknown, unknown>;
}


export function schemaIssues(root: Node): SchemaIssue[] {
  const where = new Map<string, { node: Node; pair?: Pair<unknown, unknown> }>();
  const data = toPlain(root, '', where, undefined, 0);
  if (validateManifest(data)) return [];
  const issues: SchemaIssue[] = [];
  for (const e of validateManifest.errors ?? []) issues.push(toIssue(e, where));
  return dedupe(issues);
}

export { schema as manifestSchema };

function toIssue(e: ErrorObject, where: Map<string, { node: Node; pair?: Pair<unknown, unknown> }>): SchemaIssue {
  const loc = where.get(e.instancePath);
  return { keyword: e.keyword, pointer: e.instancePath, params: e.params as Record<string, unknown>, node: loc?.node, pair: loc?.pair };
}

// `enum` on a union also yields `type` errors and vice versa; keep one issue per (pointer, keyword family).
function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.pointer}|${i.keyword}|${JSON.stringify(i.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Past this depth no path of the schema reaches (its deepest is /restore/targets/0/features/0): a deeper collection
 * becomes an empty one of its kind, so recursion and pointer lengths stay bounded however deep the input nests.
 */
const MAX_DEPTH = 12;

function toPlain(
  node: unknown,
  pointer: string,
  where: Map<string, { node: Node; pair?: Pair<unknown, unknown> }>,
  pair: Pair<unknown, unknown> | undefined,
  depth: number,
): unknown {
  if (node && typeof node === 'object' && 'range' in node) where.set(pointer, { node: node as Node, pair });
  if (isAlias(node)) return null;
  if (isScalar(node)) return node.value ?? null;
  if (depth >= MAX_DEPTH) return isSeq(node) ? [] : isMap(node) ? {} : null;
  if (isSeq(node)) return node.items.map((item, i) => toPlain(item, `${pointer}/${i}`, where, undefined, depth + 1));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      out[key] = toPlain(item.value, `${pointer}/${escapePointer(key)}`, where, item as Pair<unknown, unknown>, depth + 1);
      if (item.value === null || item.value === undefined) where.set(`${pointer}/${escapePointer(key)}`, { node: item.key as Node, pair: item as Pair<unknown, unknown> });
    }
    return out;
  }
  return null;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The schema node at a JSON pointer of the instance (array indices step into `items`). */
export function schemaAt(pointer: string): Record<string, unknown> | undefined {
  let cur: Record<string, unknown> | undefined = schema as Record<string, unknown>;
  for (const seg of pointer.split('/').slice(1)) {
    if (!cur) return undefined;
    if (/^\d+$/.test(seg) && cur.items) cur = cur.items as Record<string, unknown>;
    else cur = (cur.properties as Record<string, Record<string, unknown>> | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}
