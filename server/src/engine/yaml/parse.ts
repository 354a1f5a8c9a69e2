// Parse YAML once, with positions. `yaml`'s Parser + Composer with a LineCounter: offsets are JavaScript
// string indices, i.e. UTF-16 code units, exactly what LSP positions count. Multi-document files are parsed per
// chunk (incremental.ts), so that the parse of the previous version of the same document can be reused.
import { LineCounter, parseAllDocuments, visit, type Alias, type Document } from 'yaml';
import type { Position, Range } from '../types';
import { chunkBounds, reparseChunks, type ComposeOptions, type YamlChunk } from './incremental';
import { duplicateKeys } from './duplicateKeys';
import { estimateNodes, overBudget } from './budget';
import { withNodeBinaryTag } from './binaryTag';

// Duplicate keys are reported as YAML errors, as most YAML tools do, by duplicateKeys (linear) rather than yaml's
// uniqueKeys (quadratic in the keys of a map).
const OPTIONS: ComposeOptions = { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, customTags: withNodeBinaryTag };

export interface YamlError {
  message: string;
  range: Range;
  code: string;
  /** The document the error is in (the engine treats manifests and other YAML differently). */
  document: Document.Parsed;
}

export interface ParsedYaml {
  text: string;
  lineCounter: LineCounter;
  documents: Document.Parsed[];
  errors: YamlError[];
  /** Offset → LSP position. */
  pos(offset: number): Position;
  range(start: number, end: number): Range;
  /** Per-chunk documents, for reuse by the parse of the next version (undefined once reused, or when parsed whole). */
  chunks?: YamlChunk[];
  /** Set when the text holds more YAML nodes than the budget (budget.ts): nothing was parsed, this says why. */
  overBudget?: string;
}

let donor: ParsedYaml | undefined;

/**
 * Runs `fn` (which parses the next version of the same document, e.g. through `analyze`) reusing `previous`:
 * its unchanged documents are taken over, so `previous` must not be used afterwards. The LSP analysis cache
 * calls this with the analysis it is about to replace.
 */
export function reusingParse<T>(previous: ParsedYaml | undefined, fn: () => T): T {
  donor = previous;
  try {
    return fn();
  } finally {
    donor = undefined;
  }
}

export function parseYaml(text: string): ParsedYaml {
  const previous = donor;
  donor = undefined;
  const over = overBudget(estimateNodes(text));
  if (over) {
    if (previous) previous.chunks = undefined;
    return { ...positionsOf(text), documents: [], errors: [], overBudget: over };
  }
  const bounds = chunkBounds(text);
  let documents: Document.Parsed[];
  let chunks: YamlChunk[] | undefined;
  if (bounds) chunks = reparseChunks(text, bounds, previous?.text, previous?.chunks, OPTIONS);
  // An error running into the next `---` (an unclosed quote or bracket) is recovered differently by a whole
  // parse: there, parse whole so that results never depend on how the text was reached.
  if (chunks?.some(endsInError)) chunks = undefined;
  if (chunks) {
    documents = chunks.length === 1 ? chunks[0].documents : chunks.flatMap((c) => c.documents);
  } else {
    const parsed = parseAllDocuments(text, OPTIONS);
    documents = Array.isArray(parsed) ? (parsed as Document.Parsed[]) : [];
  }
  if (previous) previous.chunks = undefined; // consumed: some of its documents now belong to this parse
  const { lineCounter, pos, range } = positionsOf(text);
  const errors: YamlError[] = [];
  for (const doc of documents) {
    let tooDeep = false;
    for (const e of doc.errors) {
      const [start, end] = e.pos;
      // yaml's composer recurses per nesting level: past the stack it reports an overflow at every node left.
      // Say it once, in words a user can act on.
      if (/Maximum call stack size exceeded/.test(e.message)) {
        if (tooDeep) continue;
        tooDeep = true;
        errors.push({ message: 'nesting is too deep to validate', code: 'NESTING_TOO_DEEP', range: cutAtEndOfLine(text, start, end, pos), document: doc });
        continue;
      }
      errors.push({ message: firstLine(e.message), code: e.code, range: cutAtEndOfLine(text, start, end, pos), document: doc });
    }
    for (const key of duplicateKeys(doc)) {
      const start = key.range?.[0] ?? doc.range[0];
      errors.push({ message: 'Map keys must be unique', code: 'DUPLICATE_KEY', range: cutAtEndOfLine(text, start, start + 1, pos), document: doc });
    }
    for (const a of unresolvedAliases(doc, text)) {
      errors.push({ message: `alias *${a.source} names no anchor in this document (anchors do not cross \`---\`)`, code: 'BAD_ALIAS', range: cutAtEndOfLine(text, a.start, a.end, pos), document: doc });
    }
  }
  return { text, lineCounter, documents, errors, pos, range, chunks };
}

function positionsOf(text: string): Pick<ParsedYaml, 'text' | 'lineCounter' | 'pos' | 'range'> {
  const lineCounter = lineCounterOf(text);
  const pos = (offset: number): Position => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const { line, col } = lineCounter.linePos(clamped);
    return { line: line - 1, character: col - 1 };
  };
  const range = (start: number, end: number): Range => ({ start: pos(start), end: pos(Math.max(start, end)) });
  return { text, lineCounter, pos, range };
}

// yaml composes an alias to an unknown anchor without an error (it resolves to nothing); kubectl rejects the file.
// Memoised per document (the incremental parse hands unchanged documents over as the same objects); the memo
// keeps the alias nodes, whose ranges the incremental parse shifts, never offsets.
const aliasMemo = new WeakMap<Document.Parsed, Alias[]>();

function unresolvedAliases(doc: Document.Parsed, text: string): { source: string; start: number; end: number }[] {
  let bad = aliasMemo.get(doc);
  if (!bad) {
    bad = [];
    const [from, , to] = doc.range;
    if (mayHaveUnresolvedAlias(text.slice(from, to))) {
      const anchors = new Set<string>();
      const aliases: Alias[] = [];
      visit(doc, {
        Alias: (_k, node) => void aliases.push(node),
        Node: (_k, node) => void (node.anchor && anchors.add(node.anchor)),
      });
      bad = aliases.filter((a) => !anchors.has(a.source));
    }
    aliasMemo.set(doc, bad);
  }
  return bad.flatMap((a) => (a.range ? [{ source: a.source, start: a.range[0], end: a.range[1] }] : []));
}

/** A text-only pre-check: every `*name` has a `&name` in the same document text (the usual case) means no walk. */
function mayHaveUnresolvedAlias(source: string): boolean {
  if (!source.includes('*')) return false;
  const anchors = new Set<string>();
  for (const m of source.matchAll(/&([^\s,[\]{}]+)/g)) anchors.add(m[1]);
  for (const m of source.matchAll(/\*([^\s,[\]{}]+)/g)) if (!anchors.has(m[1])) return true;
  return false;
}

function endsInError(chunk: YamlChunk): boolean {
  return chunk.documents.some((d) => d.errors.some((e) => e.pos[1] >= chunk.end - 1));
}

/** Line starts as yaml's Parser reports them: offset 0 and after every `\n`. */
function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/** Parse errors can span to the end of the file; editors want them on the line where they start. */
function cutAtEndOfLine(text: string, start: number, end: number, pos: (o: number) => Position): Range {
  let eol = text.indexOf('\n', start);
  if (eol === -1) eol = text.length;
  if (eol > start && text[eol - 1] === '\r') eol--;
  let stop = Math.min(Math.max(end, start), eol);
  if (stop === start && eol > start) stop = Math.min(start + 1, eol);
  return { start: pos(start), end: pos(stop) };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl === -1 ? message : message.slice(0, nl)).replace(/ at line \d+, column \d+:?$/, '');
}
