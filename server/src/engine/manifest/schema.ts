// Structure checks against the shipped JSON Schema (ajv, compiled ahead of time by scripts/gen-validators.mjs), with each error mapped back to the YAML node it is
// about. The manifest is converted to plain data by our own walk (aliases are not expanded, so alias bombs
// cost nothing); only when the data fails is each error's JSON pointer walked back to its node (recording a
// pointer for every node up front cost more than the schema check itself on a manifest of 5,000 targets).
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
  const data = toPlain(root, 0);
  if (validateManifest(data)) return [];
  const issues: SchemaIssue[] = [];
  for (const e of validateManifest.errors ?? []) issues.push(toIssue(e, root));
  return dedupe(issues);
}

export { schema as manifestSchema };

function toIssue(e: ErrorObject, root: Node): SchemaIssue {
  const loc = nodeAtPointer(root, e.instancePath);
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

function toPlain(node: unknown, depth: number): unknown {
  if (isAlias(node)) return null;
  if (isScalar(node)) return node.value ?? null;
  if (depth >= MAX_DEPTH) return isSeq(node) ? [] : isMap(node) ? {} : null;
  if (isSeq(node)) return node.items.map((item) => toPlain(item, depth + 1));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      out[String(item.key.value)] = toPlain(item.value, depth + 1);
    }
    return out;
  }
  return null;
}

const hasRange = (node: unknown): node is Node => !!node && typeof node === 'object' && 'range' in node;

/**
 * The node a JSON pointer of the plain data came from, walked as toPlain built it: a map's last pair of that key
 * (later duplicates win, as in the data), a pair without a value by its key, nothing inside an alias or past
 * MAX_DEPTH.
 */
function nodeAtPointer(root: Node, pointer: string): { node: Node; pair?: Pair<unknown, unknown> } | undefined {
  if (pointer === '') return { node: root };
  const segments = pointer.split('/').slice(1);
  if (segments.length > MAX_DEPTH) return undefined;
  let cur: unknown = root;
  let hit: { node: Node; pair?: Pair<unknown, unknown> } | undefined;
  for (const segment of segments) {
    if (isSeq(cur)) {
      const item = /^(0|[1-9]\d*)$/.test(segment) ? cur.items[Number(segment)] : undefined;
      if (!hasRange(item)) return undefined;
      hit = { node: item };
      cur = item;
    } else if (isMap(cur)) {
      let found: Pair<unknown, unknown> | undefined;
      for (const item of cur.items) if (isPair(item) && isScalar(item.key) && escapePointer(String(item.key.value)) === segment) found = item as Pair<unknown, unknown>;
      if (!found) return undefined;
      const value = found.value;
      if (value === null || value === undefined) hit = { node: found.key as Node, pair: found };
      else if (hasRange(value)) hit = { node: value, pair: found };
      else return undefined;
      cur = value;
    } else return undefined;
  }
  return hit;
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
