// `helm template` output names each rendered document's template in a `# Source: chart/templates/x.yaml`
// comment (helm pkg/action/action.go). Findings in such input are reported against those template names,
// with lines counted from the start of that template's rendered document.
import type { Finding, Range } from '../engine/types';

export interface HelmSection {
  source: string;
  /** 0-based line of the `# Source:` comment. */
  commentLine: number;
}

const SOURCE = /^# Source: (\S.*?)\s*$/;

export function helmSections(text: string): HelmSection[] {
  if (!text.includes('# Source: ')) return [];
  const out: HelmSection[] = [];
  text.split('\n').forEach((line, i) => {
    const m = SOURCE.exec(line.replace(/\r$/, ''));
    if (m) out.push({ source: m[1], commentLine: i });
  });
  return out;
}

/** Groups findings by template; findings before the first `# Source:` stay with `fallbackPath`. */
export function mapToTemplates(sections: readonly HelmSection[], findings: readonly Finding[], fallbackPath: string): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  const push = (p: string, f: Finding) => byPath.set(p, [...(byPath.get(p) ?? []), f]);
  for (const f of findings) {
    const section = sectionAt(sections, f.range.start.line);
    if (!section) {
      push(fallbackPath, f);
      continue;
    }
    const first = section.commentLine; // The comment is line 0 of the rendered template, as in `helm template --show-only`.
    push(section.source, { ...f, range: shift(f.range, first) });
  }
  return byPath;
}

function sectionAt(sections: readonly HelmSection[], line: number): HelmSection | undefined {
  let found: HelmSection | undefined;
  for (const s of sections) {
    if (s.commentLine <= line) found = s;
    else break;
  }
  return found;
}

function shift(r: Range, lines: number): Range {
  return { start: { line: r.start.line - lines, character: r.start.character }, end: { line: Math.max(0, r.end.line - lines), character: r.end.character } };
}
