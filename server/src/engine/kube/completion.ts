// Completion inside Kubernetes YAML (NFD label keys, kubernetes.io/arch values), from the text before the cursor:
// while typing, the YAML is often incomplete, so the line and its parent key decide.
import type { Analysis } from '../analyze';
import type { Position } from '../types';
import { ARCHES, NFD_CPUID_LABEL_PREFIX, NFD_LEVELS, featuresOf, nfdPublishedByDefault, type Arch } from '../catalog';
import { GOARCH } from './constraints';
import { nfdLabelDoc } from './hover';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value' | 'feature' | 'snippet' | 'keyword';
  detail?: string;
  documentation?: string;
  insertText?: string;
  isSnippet?: boolean;
  range?: import('../types').Range;
  sortText?: string;
}

export function kubeCompletions(analysis: Analysis, pos: Position): CompletionEntry[] | undefined {
  if (analysis.isManifestFile) return undefined;
  const lines = analysis.text.split('\n');
  const line = (lines[pos.line] ?? '').replace(/\r$/, '');
  const before = line.slice(0, pos.character);
  const arch = archOf(analysis.text);
  let m = /^(\s*(?:-\s+)?)key:\s*(\S*)$/.exec(before);
  if (m && nearby(lines, pos.line, /matchExpressions:/)) {
    return labelEntries(arch, false, replaceRange(pos, m[2].length)).concat(archLabel(replaceRange(pos, m[2].length)));
  }
  m = /(?:kubernetes\.io\/arch:\s*|^\s*-\s*)(\S*)$/.exec(before);
  if (m && (/kubernetes\.io\/arch:/.test(before) || parentKey(lines, pos.line) === 'architecture' || valuesOfArchExpression(lines, pos.line))) {
    return archValues(replaceRange(pos, m[1].length));
  }
  m = /^(\s*)([\w./-]*)$/.exec(before);
  const parent = parentKey(lines, pos.line);
  if (m && (parent === 'nodeSelector' || parent === 'nodeAffinityLabels')) {
    return labelEntries(arch, true, replaceRange(pos, m[2].length)).concat(archLabel(replaceRange(pos, m[2].length), true));
  }
  return undefined;
}

function replaceRange(pos: Position, typed: number) {
  return { start: { line: pos.line, character: pos.character - typed }, end: pos };
}

function labelEntries(arch: Arch, asMapEntry: boolean, range: CompletionEntry['range']): CompletionEntry[] {
  const names = [
    ...(arch === 'x86_64' ? NFD_LEVELS.map((l) => ({ name: l, sort: '0' })) : []),
    ...featuresOf(arch).filter((f) => f.nfd && nfdPublishedByDefault(f.nfd)).map((f) => ({ name: f.nfd!, sort: '1' })),
  ];
  return names.map(({ name, sort }) => ({
    label: NFD_CPUID_LABEL_PREFIX + name,
    kind: 'property' as const,
    detail: `NFD cpuid label (${arch})`,
    documentation: nfdLabelDoc(name),
    insertText: asMapEntry ? `${NFD_CPUID_LABEL_PREFIX}${name}: "true"` : NFD_CPUID_LABEL_PREFIX + name,
    range,
    sortText: `${sort}${name}`,
  }));
}

function archLabel(range: CompletionEntry['range'], asMapEntry = false): CompletionEntry[] {
  return [{ label: 'kubernetes.io/arch', kind: 'property', detail: 'node architecture (runtime.GOARCH)', insertText: asMapEntry ? 'kubernetes.io/arch: ' : 'kubernetes.io/arch', range, sortText: '00' }];
}

function archValues(range: CompletionEntry['range']): CompletionEntry[] {
  return ARCHES.map((a) => ({ label: GOARCH[a], kind: 'value' as const, detail: a, range, sortText: GOARCH[a] }));
}

function archOf(text: string): Arch {
  const m = /(?:kubernetes\.io\/arch|architecture)[^\n]*?\b(amd64|arm64|ppc64le|s390x)\b/.exec(text);
  const found = m ? ARCHES.find((a) => GOARCH[a] === m[1]) : undefined;
  return found ?? 'x86_64';
}

function indentOf(l: string): number {
  return l.length - l.trimStart().length;
}

/** The key of the nearest line above with less indentation. */
function parentKey(lines: string[], lineNo: number): string | undefined {
  const cur = lines[lineNo] ?? '';
  const indent = cur.trim() ? indentOf(cur) : cur.length;
  for (let i = lineNo - 1; i >= 0 && i > lineNo - 200; i--) {
    const l = lines[i];
    if (!l.trim() || l.trim().startsWith('#')) continue;
    if (indentOf(l) < indent) return /^\s*(?:-\s+)?([\w./-]+):/.exec(l)?.[1];
  }
  return undefined;
}

function nearby(lines: string[], lineNo: number, re: RegExp): boolean {
  for (let i = lineNo; i >= 0 && i > lineNo - 6; i--) if (re.test(lines[i])) return true;
  return false;
}

function valuesOfArchExpression(lines: string[], lineNo: number): boolean {
  return parentKey(lines, lineNo) === 'values' && nearby(lines, lineNo, /key:\s*kubernetes\.io\/arch/);
}
