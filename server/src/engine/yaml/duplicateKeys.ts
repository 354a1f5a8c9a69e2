// Duplicate keys, found in linear time. yaml's own check (uniqueKeys) compares each key with every earlier key of
// its map: quadratic, minutes on a generated 100,000-key map. Same verdict here (scalar keys equal by value, other
// keys never equal), with a Set per map and an explicit stack instead of recursion (nesting depth is input).
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

/** The key nodes that repeat an earlier key of their map, memoised per document (reused documents keep theirs). */
const memo = new WeakMap<Document.Parsed, Node[]>();

export function duplicateKeys(doc: Document.Parsed): Node[] {
  let found = memo.get(doc);
  if (found) return found;
  found = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const item of node.items as Pair<unknown, unknown>[]) {
        if (!isPair(item)) continue;
        const key = item.key;
        if (isScalar(key)) {
          if (seen.has(key.value)) found.push(key);
          else seen.add(key.value);
        }
        stack.push(key, item.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  memo.set(doc, found);
  return found;
}

/** Whether a document has a YAML error: yaml's own, or a duplicate key (which yaml no longer checks, see above). */
export function hasYamlErrors(doc: Document.Parsed): boolean {
  return doc.errors.length > 0 || duplicateKeys(doc).length > 0;
}
