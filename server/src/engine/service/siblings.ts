// What is already written next to the cursor, read from indentation (like completion's parentPath), so
// completion can leave it out: offering a key the mapping already has breaks the YAML (duplicate key), offering
// a feature the list already has adds a duplicate-feature warning. Works while the cursor line does not parse.

export type LineAt = (n: number) => string;

const KEY = /^\s*(?:-\s+)?([\w.-]+)\s*:(?:\s|$)/;

/** Indentation of a line and the column its key starts at (after `- ` on a list item's first line). */
function columns(l: string): { indent: number; keyCol: number; dash: boolean } {
  const indent = l.length - l.trimStart().length;
  const dash = /^\s*-(?:\s+|$)/.exec(l);
  return { indent, keyCol: dash ? dash[0].length : indent, dash: !!dash };
}

const skip = (l: string) => {
  const t = l.trim();
  return !t || t.startsWith('#');
};
const docBreak = (l: string) => /^(---|\.\.\.)(\s|$)/.test(l);

/**
 * Keys of the mapping the cursor line belongs to, the cursor line's own key excepted. `col` is the column keys
 * of that mapping start at; `newItem` says the cursor line opens a list item (`- |`), so nothing above is in it.
 */
export function siblingKeys(lineAt: LineAt, lineCount: number, line: number, col: number, newItem: boolean): Set<string> {
  const keys = new Set<string>();
  const take = (l: string) => {
    const k = KEY.exec(l);
    if (k) keys.add(k[1]);
  };
  if (!newItem) {
    for (let n = line - 1; n >= 0; n--) {
      const l = lineAt(n);
      if (docBreak(l)) break;
      if (skip(l)) continue;
      const c = columns(l);
      if (c.indent < col) {
        if (c.dash && c.keyCol === col) take(l); // the first key of our list item, on its `- ` line
        break;
      }
      if (c.keyCol === col && !c.dash) take(l);
    }
  }
  for (let n = line + 1; n < lineCount; n++) {
    const l = lineAt(n);
    if (docBreak(l)) break;
    if (skip(l)) continue;
    const c = columns(l);
    if (c.indent < col) break; // the mapping (or list item) ends, e.g. at the next `- `
    if (c.keyCol === col && !c.dash) take(l);
  }
  return keys;
}

/** Scalars of the other items of the block list whose `- ` is at `dashCol` on the cursor line. */
export function siblingItems(lineAt: LineAt, lineCount: number, line: number, dashCol: number): string[] {
  const items: string[] = [];
  const walk = (from: number, step: number) => {
    for (let n = from; n >= 0 && n < lineCount; n += step) {
      const l = lineAt(n);
      if (docBreak(l)) break;
      if (skip(l)) continue;
      const c = columns(l);
      if (c.indent < dashCol || (c.indent === dashCol && !c.dash)) break;
      const item = c.indent === dashCol ? /^\s*-\s+([^\s#:,[\]{}]+)\s*(?:#.*)?$/.exec(l) : null;
      if (item) items.push(item[1]);
    }
  };
  walk(line - 1, -1);
  walk(line + 1, 1);
  return items;
}

/**
 * The other items of the flow list open at the cursor (`[avx2, f|, fma]`): every item on the cursor line between
 * `[` and `]` except the one under the cursor, which is being typed.
 */
export function flowItems(lineText: string, character: number): string[] {
  const open = lineText.lastIndexOf('[', character - 1);
  if (open < 0) return [];
  const close = lineText.indexOf(']', character);
  const body = lineText.slice(open + 1, close < 0 ? lineText.length : close);
  const at = character - open - 1;
  const items: string[] = [];
  let start = 0;
  for (const part of body.split(',')) {
    const end = start + part.length;
    if (!(at >= start && at <= end)) items.push(part.trim().replace(/\s*#.*$/, ''));
    start = end + 1;
  }
  return items.filter((s) => s !== '');
}
