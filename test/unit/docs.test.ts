// The rule pages (docs/rules/<id>.md) and the engine agree: every rule has a page in the fixed format, its
// bullets match the rule's metadata, its failing example fires the rule, its passing example is clean,
// and every relative link in the docs resolves.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { suppressionFixes, analyze, manifestFixes, validateText, type Finding, type Fix, type ValidateOptions, type WorkspaceView } from '../../server/src/engine';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { allRuleMetas } from '../../server/src/engine/rules';
import type { RuleMeta } from '../../server/src/engine/types';

const root = join(__dirname, '..', '..');
const rulesDir = join(root, 'docs', 'rules');

const SECTIONS = ['What it checks', 'Why it matters', 'Failing example', 'Passing example', 'Fixes', 'Suppressing'];
const BULLETS = ['Default severity', 'Applies to', 'Quick fixes'];
const APPLIES_TO: Record<RuleMeta['fileKind'], string> = { manifest: 'Checkpoint manifests', kubernetes: 'Kubernetes YAML' };

/**
 * Page claims the engine does not (yet) honour: `<rule id>:<check>` -> why the assertion is a todo.
 * Each entry is listed in the report to the engine owner; remove it once the engine is fixed.
 */
const ENGINE_GAPS: Record<string, string> = {};

interface Page {
  lines: string[];
  /** `## ` headings outside code fences, in order. */
  headings: string[];
  /** Section body lines by heading. */
  sections: Map<string, string[]>;
}

function readPage(id: string): Page | undefined {
  const file = join(rulesDir, `${id}.md`);
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').split('\n');
  const headings: string[] = [];
  const sections = new Map<string, string[]>();
  let fenced = false;
  let current: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && line.startsWith('## ')) {
      const heading = line.slice(3);
      headings.push(heading);
      current = [];
      sections.set(heading, current);
      continue;
    }
    current?.push(line);
  }
  return { lines, headings, sections };
}

/** The ```yaml blocks of a section. */
function yamlBlocks(body: readonly string[]): string[] {
  const blocks: string[] = [];
  let block: string[] | undefined;
  for (const line of body) {
    if (block) {
      if (line.startsWith('```')) {
        blocks.push(block.join('\n') + '\n');
        block = undefined;
      } else block.push(line);
    } else if (line === '```yaml') block = [];
  }
  return blocks;
}

function example(page: Page, heading: 'Failing example' | 'Passing example'): string {
  const blocks = yamlBlocks(page.sections.get(heading) ?? []);
  assert.equal(blocks.length, 1, `exactly one yaml block under "## ${heading}"`);
  return blocks[0]!;
}

function bullet(page: Page, name: string): string {
  const prefix = `- ${name}: `;
  const line = page.lines.find((l) => l.startsWith(prefix));
  assert.ok(line, `bullet "${prefix}"`);
  return line.slice(prefix.length);
}

/** A single checkpoint manifest is linted as a `.criu.yaml` file, anything else (Kubernetes + manifest) as `.yaml`. */
function uriFor(text: string): string {
  const documents = text.split(/^---[ \t]*$/m).filter((d) => d.trim() !== '');
  const singleManifest = documents.length === 1 && /^kind:\s*CheckpointManifest\s*$/m.test(documents[0]!);
  return singleManifest ? 'file:///docs/example.criu.yaml' : 'file:///docs/example.yaml';
}

interface Linted {
  findings: Finding[];
  fixesOf(f: Finding): Fix[];
}

/**
 * Lint an example as the CLI would lint it alone: the workspace holds the manifests of the same text (the
 * pages link the Kubernetes objects to the manifest document by `image`). Unused suppressions are reported,
 * so a stale suppression comment in an example shows up too.
 */
function lintExample(text: string, options: ValidateOptions & { maxChars?: number } = {}): Linted {
  const uri = uriFor(text);
  const analysis = analyze(uri, text);
  const workspace: WorkspaceView = { manifests: () => analysis.manifests.map((context) => ({ uri, context })) };
  const findings = validateText(uri, text, { workspace, reportUnusedSuppressions: 'warning', ...options });
  // The rule's own fixes; "suppress on this line" is offered for every rule and says nothing about the page.
  const own = (f: Finding) => suppressionFixes(analysis, f).filter((x) => !x.title.startsWith('Suppress '));
  return { findings, fixesOf: (f) => [...manifestFixes(analysis, f), ...kubeFixes(analysis, f, workspace), ...own(f)] };
}

/** file-skipped's failing example stands for a file past the cap: lint it with a cap just below its length. */
function failingOptions(id: string, text: string): { maxChars?: number } {
  return id === 'file-skipped' ? { maxChars: text.length - 1 } : {};
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}: ${f.message}`).join('\n') || '(none)';
}

/** Put `# criu-portability-disable-next-line <id>` above every line where the rule fires. */
function withSuppressions(text: string, id: string, findings: readonly Finding[]): string {
  const lines = text.split('\n');
  const targets = [...new Set(findings.filter((f) => f.ruleId === id).map((f) => f.range.start.line))].sort((a, b) => b - a);
  for (const line of targets) {
    const indent = /^\s*/.exec(lines[line] ?? '')![0];
    lines.splice(line, 0, `${indent}# criu-portability-disable-next-line ${id}`);
  }
  return lines.join('\n');
}

function gap(key: string): { todo?: string } {
  return ENGINE_GAPS[key] ? { todo: ENGINE_GAPS[key] } : {};
}

const metas = allRuleMetas();

test('the registry lists each rule once, and every page in docs/rules belongs to a rule', () => {
  const ids = metas.map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length);
  const pages = readdirSync(rulesDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(pages, [...ids].sort());
});

for (const meta of metas) {
  describe(`docs/rules/${meta.id}.md`, () => {
    const page = readPage(meta.id);

    test('exists with the fixed header, bullets and sections', () => {
      assert.ok(page, `docs/rules/${meta.id}.md is missing`);
      assert.equal(page.lines[0], `# ${meta.id}`);
      assert.equal(page.lines[1], '');
      assert.match(page.lines[2]!, /^[^#\-\s].*\S$/, 'a one-line summary under the title');
      assert.equal(page.lines[3], '');
      assert.deepEqual(page.lines.slice(4, 7).map((l) => /^- ([^:]+): \S/.exec(l)?.[1]), BULLETS);
      assert.deepEqual(page.headings, SECTIONS);
      assert.equal(yamlBlocks(page.sections.get('Failing example')!).length, 1, 'one yaml block in the failing example');
      assert.equal(yamlBlocks(page.sections.get('Passing example')!).length, 1, 'one yaml block in the passing example');
    });

    test('bullets match the rule metadata', () => {
      assert.ok(page);
      assert.equal(/^\w+/.exec(bullet(page, 'Default severity'))?.[0], meta.defaultSeverity);
      assert.ok(bullet(page, 'Applies to').includes(APPLIES_TO[meta.fileKind]), `"Applies to" names ${APPLIES_TO[meta.fileKind]}`);
      assert.equal(bullet(page, 'Quick fixes') === 'none', !meta.fixable, `"Quick fixes: none" iff the rule is not fixable (fixable: ${meta.fixable})`);
    });

    test('the failing example fires the rule', () => {
      assert.ok(page);
      const text = example(page, 'Failing example');
      const { findings } = lintExample(text, failingOptions(meta.id, text));
      assert.ok(findings.some((f) => f.ruleId === meta.id), `no ${meta.id} finding; got:\n${describeFindings(findings)}`);
    });

    test('the passing example has no finding at all', () => {
      assert.ok(page);
      const { findings } = lintExample(example(page, 'Passing example'));
      assert.deepEqual(findings, [], describeFindings(findings));
    });

    test('the failing example offers a quick fix iff the page lists one', gap(`${meta.id}:quick fix`), () => {
      assert.ok(page);
      const text = example(page, 'Failing example');
      const linted = lintExample(text, failingOptions(meta.id, text));
      const fixes = linted.findings.filter((f) => f.ruleId === meta.id).flatMap((f) => linted.fixesOf(f));
      assert.equal(fixes.length > 0, meta.fixable, `fixes offered: ${fixes.map((f) => f.title).join(' | ') || '(none)'}`);
    });

    test('severity off hides the rule', gap(`${meta.id}:severity off`), () => {
      assert.ok(page);
      const text = example(page, 'Failing example');
      const { findings } = lintExample(text, { ...failingOptions(meta.id, text), severities: { [meta.id]: 'off' } });
      assert.ok(!findings.some((f) => f.ruleId === meta.id), describeFindings(findings));
    });

    // A suppression comment cannot cover a file that is never parsed, nor the unused-suppression report itself.
    if (meta.id !== 'file-skipped' && meta.id !== 'unused-suppression') {
      test('a disable-next-line comment above each finding suppresses it', () => {
        assert.ok(page);
        const text = example(page, 'Failing example');
        const suppressed = withSuppressions(text, meta.id, lintExample(text).findings);
        const { findings } = lintExample(suppressed);
        assert.ok(!findings.some((f) => f.ruleId === meta.id || f.ruleId === 'unused-suppression'), describeFindings(findings));
      });
    }
  });
}

test('the unused-suppression failing example is quiet unless the report is enabled', () => {
  const page = readPage('unused-suppression');
  assert.ok(page);
  const text = example(page, 'Failing example');
  const uri = uriFor(text);
  assert.deepEqual(validateText(uri, text), []);
  assert.deepEqual(validateText(uri, text, { severities: { 'unused-suppression': 'hint' } }).map((f) => [f.ruleId, f.severity]), [['unused-suppression', 'hint']]);
});

test('file-skipped: its failing example fires only because of the cap (under the default cap it is clean)', () => {
  const page = readPage('file-skipped');
  assert.ok(page);
  const text = example(page, 'Failing example');
  assert.deepEqual(lintExample(text).findings, [], 'under the default cap the same text is validated');
});

describe('relative links in docs', () => {
  const files = [
    ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f)),
    ...readdirSync(rulesDir).filter((f) => f.endsWith('.md')).map((f) => join(rulesDir, f)),
  ];
  for (const file of files) {
    test(file.slice(root.length + 1), () => {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      const targets = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
      const relative = targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
      const broken = relative.filter((t) => !existsSync(resolve(dirname(file), decodeURI(t.split('#')[0]!))));
      assert.deepEqual(broken, []);
    });
  }
});
