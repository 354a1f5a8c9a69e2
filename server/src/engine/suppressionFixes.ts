// Quick fixes around suppression comments: remove one that suppresses nothing, and suppress a finding on its line
// (ESLint's "disable for this line"), merging into a suppression comment already above it.
import { visit, isScalar, Scalar, type Document } from 'yaml';
import type { Analysis } from './analyze';
import type { Finding, Fix } from './types';
import { suppressionOnLine } from './suppressions';

const NOT_SUPPRESSIBLE = new Set(['yaml-syntax', 'file-skipped', 'unused-suppression']);

/** A document's lines, read through the parse's line index: code actions ask for a few lines, not all of them. */
interface Lines {
  count: number;
  at(line: number): string;
}

function linesOf(analysis: Analysis): Lines {
  const starts = analysis.yaml.lineCounter.lineStarts;
  const text = analysis.text;
  return {
    count: starts.length,
    at: (line) => {
      const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
      return text.slice(starts[line], end);
    },
  };
}

export function suppressionFixes(analysis: Analysis, finding: Finding): Fix[] {
  const lines = linesOf(analysis);
  const line = finding.range.start.line;
  if (finding.ruleId === 'unused-suppression') {
    if (finding.data?.annotation) return []; // an annotation: kubeFixes removes it
    const kept = (finding.data?.kept as string[] | undefined) ?? [];
    return [kept.length ? keepOnly(lines, finding, kept) : removeComment(lines, finding)];
  }
  if (NOT_SUPPRESSIBLE.has(finding.ruleId) || line >= lines.count || insideBlockScalar(analysis, finding)) return [];
  const title = `Suppress ${finding.ruleId} on this line`;
  const above = line > 0 ? suppressionOnLine(lines.at(line - 1), line - 1) : undefined;
  if (above) {
    if (above.ids.includes(finding.ruleId)) return [];
    const end = lines.at(line - 1).replace(/\r$/, '').trimEnd().length;
    const at = { line: line - 1, character: end };
    return [{ title, edits: [{ range: { start: at, end: at }, newText: `, ${finding.ruleId}` }] }];
  }
  const text = lines.at(line);
  const indent = /^[ \t]*/.exec(text)![0];
  // The line's own ending; the last line has none, so the one before it says (a CRLF file gets no lone LF).
  const ending = line + 1 < lines.count ? text : line > 0 ? lines.at(line - 1) : '';
  const eol = ending.endsWith('\r') ? '\r\n' : '\n';
  const at = { line, character: 0 };
  return [{ title, edits: [{ range: { start: at, end: at }, newText: `${indent}# criu-portability-disable-next-line ${finding.ruleId}${eol}` }] }];
}

function removeComment(lines: Lines, finding: Finding): Fix {
  const { line, character } = finding.range.start;
  const raw = lines.at(line);
  const text = raw.replace(/\r$/, '');
  const before = text.slice(0, character);
  const wholeLine = before.trim() === '';
  const range = wholeLine
    ? { start: { line, character: 0 }, end: line + 1 < lines.count ? { line: line + 1, character: 0 } : { line, character: raw.length } }
    : { start: { line, character: before.trimEnd().length }, end: { line, character: text.length } };
  return { title: 'Remove this unused suppression comment', edits: [{ range, newText: '' }], isPreferred: true };
}

/** Rewrites a suppression comment to name only the ids that still suppress something. */
function keepOnly(lines: Lines, finding: Finding, kept: string[]): Fix {
  const { line, character } = finding.range.start;
  const text = lines.at(line).replace(/\r$/, '');
  // The directive runs to the end of the line or to a second `#` (a comment on the comment).
  const hash = text.indexOf('#', character + 1);
  const end = hash === -1 ? text.length : text.slice(0, hash).trimEnd().length;
  const removed = ((finding.data?.ids as string[] | undefined) ?? []).join(', ');
  return {
    title: `Remove ${removed} from this suppression`,
    edits: [{ range: { start: { line, character }, end: { line, character: end } }, newText: `# criu-portability-disable-next-line ${kept.join(', ')}` }],
    isPreferred: true,
  };
}

/** A comment line inserted inside a `|` or `>` block scalar would become part of its text. */
function insideBlockScalar(analysis: Analysis, finding: Finding): boolean {
  const offset = analysis.yaml.lineCounter.lineStarts[finding.range.start.line] ?? 0;
  const doc = documentAt(analysis.yaml.documents, offset);
  if (!doc) return false;
  // Binary search among the document's block scalars (in document order): one lookup per finding, so code actions
  // for thousands of diagnostics stay linear (a walk of the document per finding made them quadratic).
  const blocks = blockScalars(doc);
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = blocks[mid].range!;
    if (offset <= start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The document whose range holds the offset (documents are in text order). */
function documentAt(documents: readonly Document.Parsed[], offset: number): Document.Parsed | undefined {
  let lo = 0;
  let hi = documents.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, , end] = documents[mid].range;
    if (offset < start) hi = mid - 1;
    else if (offset > end) lo = mid + 1;
    else return documents[mid];
  }
  return undefined;
}

// Per parsed document (the incremental parse hands unchanged documents over as the same objects, shifting their
// nodes' ranges, so the nodes are kept, never offsets). Block scalars do not nest: their ranges are disjoint.
const blockMemo = new WeakMap<Document.Parsed, Scalar[]>();

function blockScalars(doc: Document.Parsed): Scalar[] {
  let blocks = blockMemo.get(doc);
  if (!blocks) {
    const found: Scalar[] = [];
    visit(doc, {
      Scalar(_key, node) {
        if (isScalar(node) && node.range && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)) found.push(node);
      },
    });
    blocks = found.sort((a, b) => a.range![0] - b.range![0]);
    blockMemo.set(doc, blocks);
  }
  return blocks;
}
