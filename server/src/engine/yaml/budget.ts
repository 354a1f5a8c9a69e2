// How much YAML a file may hold before it is not parsed. yaml builds a whole document's syntax tree before composing
// it (about 500 bytes per node at its peak), so memory follows the number of nodes, not the number of bytes: a
// 5 MB list of short names is a million nodes and half a gigabyte. An upper estimate of the nodes, counted in one
// pass over the text, keeps memory a bounded multiple of the input: past the budget the file is reported skipped.

/** Nodes of one document (one `---` section): its syntax tree is held whole while it is composed. */
export const MAX_NODES_PER_DOCUMENT = 200_000;
/** Nodes of the whole file: every composed document is kept for the rules. */
export const MAX_NODES_PER_FILE = 1_000_000;

export interface NodeEstimate {
  /** Estimated nodes of the largest document and of the file. */
  largest: number;
  total: number;
}

// The last text estimated: the server asks twice of the same version (where to validate it, then the parse).
let last: { text: string; estimate: NodeEstimate } | undefined;

/** Lines and flow separators (`,` `[` `{`) bound the number of nodes from above, closely enough for a budget. */
export function estimateNodes(text: string): NodeEstimate {
  if (last?.text === text) return last.estimate;
  const estimate = countNodes(text);
  last = { text, estimate };
  return estimate;
}

function countNodes(text: string): NodeEstimate {
  let largest = 0;
  let total = 0;
  let current = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart && c === 45 /* - */ && text.startsWith('---', i)) {
      if (current > largest) largest = current;
      current = 0;
    }
    lineStart = c === 10;
    if (c === 10 || c === 44 /* , */ || c === 91 /* [ */ || c === 123 /* { */) {
      current++;
      total++;
    }
  }
  return { largest: Math.max(largest, current) + 1, total: total + 1 };
}

/** Why a file is over the budget, in words for the file-skipped finding; undefined when it is not. */
export function overBudget(estimate: NodeEstimate): string | undefined {
  if (estimate.largest > MAX_NODES_PER_DOCUMENT) return `a document of about ${estimate.largest.toLocaleString('en-US')} YAML nodes, more than the limit of ${MAX_NODES_PER_DOCUMENT.toLocaleString('en-US')}`;
  if (estimate.total > MAX_NODES_PER_FILE) return `about ${estimate.total.toLocaleString('en-US')} YAML nodes, more than the limit of ${MAX_NODES_PER_FILE.toLocaleString('en-US')}`;
  return undefined;
}
