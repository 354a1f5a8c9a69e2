// `helm template` output names each rendered document's template in a `# Source: chart/templates/x.yaml`
// comment (helm pkg/action/action.go). Findings in such input are grouped per template under
// "<template> (rendered)", with lines counted from that template's `# Source:` comment (line 0, as in
// `helm template --show-only`). They are about the rendered output, never about a line of the template file
// itself (which holds `{{ }}` and unexpanded values), so formats that annotate real files use `inputLocation`.
import type { Finding, Range } from '../engine/types';
import type { FileResult } from './results';

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

export const renderedPath = (template: string) => `${template} (rendered)`;

/**
 * One result per rendered template (templates without findings too, so a clean render shows what was
 * checked); findings before the first `# Source:` stay with the input itself.
 */
export function splitRendered(sections: readonly HelmSection[], findings: readonly Finding[], inputPath: string, chartDir?: string): FileResult[] {
  const results = new Map<string, FileResult>();
  const resultFor = (section: HelmSection | undefined): FileResult => {
    const template = section && (chartDir === undefined ? section.source : templateFile(chartDir, section.source));
    const key = template ? renderedPath(template) : inputPath;
    let r = results.get(key);
    if (!r) {
      r = { path: key, findings: [], ...(template ? { rendered: { inputPath, documentLines: [], ...(chartDir === undefined ? {} : { templateFile: template }) } } : {}) };
      results.set(key, r);
    }
    return r;
  };
  for (const f of findings) {
    const section = sectionAt(sections, f.range.start.line);
    const r = resultFor(section);
    if (!section) {
      r.findings.push(f);
      continue;
    }
    // A template can render several documents, each with its own comment: lines count from the finding's own.
    r.findings.push({ ...f, range: shift(f.range, -section.commentLine) });
    r.rendered?.documentLines.push(section.commentLine);
  }
  for (const s of sections) resultFor(s);
  return [...results.values()];
}

/**
 * Where the finding `r.findings[i]` is in the file actually read, for formats that annotate files (github,
 * SARIF): a rendered template's finding goes on the input at its own line, its message naming the template.
 */
export function inputLocation(r: FileResult, i: number): { path: string; range: Range; message: string; template?: string } {
  const f = r.findings[i];
  if (!r.rendered) return { path: r.path, range: f.range, message: f.message };
  if (r.rendered.templateFile) {
    const top = { line: 0, character: 0 };
    return { path: r.rendered.templateFile, range: { start: top, end: top }, message: `${r.path}, line ${f.range.start.line + 1}: ${f.message}`, template: r.path };
  }
  return {
    path: r.rendered.inputPath,
    range: shift(f.range, r.rendered.documentLines[i] ?? 0),
    message: `${r.path}: ${f.message}`,
    template: r.path,
  };
}

/**
 * The template file a `# Source:` names, for a chart rendered from `chartDir`: the source starts with the chart's
 * name (Chart.yaml `name`, not necessarily its folder's), subcharts under it (`shop/charts/db/templates/x.yaml`).
 */
export function templateFile(chartDir: string, source: string): string {
  const slash = source.indexOf('/');
  return slash === -1 ? source : `${chartDir.replace(/[\\/]+$/, '')}/${source.slice(slash + 1)}`;
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
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: Math.max(0, r.end.line + lines), character: r.end.character } };
}
