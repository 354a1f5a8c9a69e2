// Parse YAML once, with positions. `yaml`'s Parser + Composer (via parseAllDocuments) with a LineCounter:
// offsets are JavaScript string indices, i.e. UTF-16 code units, exactly what LSP positions count.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Position, Range } from '../types';

export interface YamlError {
  message: string;
  range: Range;
  code: string;
}

export interface ParsedYaml {
  text: string;
  lineCounter: LineCounter;
  documents: Document.Parsed[];
  errors: YamlError[];
  /** Offset → LSP position. */
  pos(offset: number): Position;
  range(start: number, end: number): Range;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  // uniqueKeys: duplicate keys are reported as YAML errors, as most YAML tools do.
  const parsed = parseAllDocuments(text, { lineCounter, keepSourceTokens: false, prettyErrors: false, uniqueKeys: true });
  const documents = Array.isArray(parsed) ? (parsed as Document.Parsed[]) : [];
  const pos = (offset: number): Position => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const { line, col } = lineCounter.linePos(clamped);
    return { line: line - 1, character: col - 1 };
  };
  const range = (start: number, end: number): Range => ({ start: pos(start), end: pos(Math.max(start, end)) });
  const errors: YamlError[] = [];
  for (const doc of documents) {
    for (const e of doc.errors) {
      const [start, end] = e.pos;
      errors.push({ message: firstLine(e.message), code: e.code, range: cutAtEndOfLine(text, start, end, pos) });
    }
  }
  return { text, lineCounter, documents, errors, pos, range };
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
