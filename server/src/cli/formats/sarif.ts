// SARIF 2.1.0 for code-scanning platforms (GitHub code scanning); rules and results built with node-sarif-builder,
// the log written result by result (a run's keys in any order: results first, then tool and artifacts). Every rule
// is described (short and full description, the rule page as help, default level), not only the rules that
// fired, so a platform can show docs for any alert. Links (helpUri, informationUri) only when package.json
// names a real repository: a placeholder would put dead links in every alert.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Result } from 'sarif';
import { allRuleMetas } from '../../engine/rules/index';
import type { RuleMeta, Severity } from '../../engine/types';
import pkg from '../../../../package.json';
import { repositoryUrl, rulePage, ruleHelpUri } from '../docs';
import { inputLocation } from '../helm';
import type { FileResult } from '../results';
import { collect, nestedJson, type FormatWriter } from './writer';

const SCHEMA = 'http://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The base id relative result URIs resolve against: the directory the CLI ran in. */
export const SRCROOT = 'SRCROOT';

export function sarifWriter(write: (s: string) => void, repo: string | undefined = repositoryUrl(), cwd = process.cwd()): FormatWriter {
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: 'criu-portability',
    toolDriverVersion: pkg.version,
    url: repo,
  });
  const metas = allRuleMetas();
  for (const meta of metas) run.addRule(ruleFor(meta, repo));
  const ruleIndex = new Map(metas.map((m, i) => [m.id, i]));
  // Listed at the end (JSON keys have no order): each distinct file once, indexed in the order first seen.
  const artifacts = new Map<string, { location: { uri: string; uriBaseId?: string }; index: number }>();
  let count = 0;
  write(`{\n  "$schema": ${JSON.stringify(SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [`);
  return {
    file(r) {
      r.findings.forEach((f, i) => {
        // A rule a colleague adds later without metadata still gets a descriptor (SARIF wants one per ruleId).
        if (!ruleIndex.has(f.ruleId)) {
          ruleIndex.set(f.ruleId, ruleIndex.size);
          run.addRule(ruleFor({ id: f.ruleId, defaultSeverity: f.severity, description: f.ruleId, fileKind: 'manifest', fixable: false }, repo));
        }
        // Helm-rendered findings point at the rendered input, never at a line of the template file.
        const at = inputLocation(r, i);
        const location = artifactLocation(at.path, cwd);
        let artifact = artifacts.get(location.uri);
        if (!artifact) {
          artifact = { location, index: artifacts.size };
          artifacts.set(location.uri, artifact);
        }
        const result = new SarifResultBuilder().initSimple({
          level: LEVEL[f.severity],
          messageText: at.message,
          ruleId: f.ruleId,
          fileUri: location.uri,
          startLine: at.range.start.line + 1,
          startColumn: at.range.start.character + 1,
          endLine: at.range.end.line + 1,
          // SARIF columns are 1-based and the end column is exclusive, as LSP's end character is.
          endColumn: at.range.end.character + 1,
        }).result;
        result.ruleIndex = ruleIndex.get(f.ruleId);
        const physical = result.locations?.[0]?.physicalLocation;
        if (physical) physical.artifactLocation = { ...location, index: artifact.index };
        write(`${count++ ? ',' : ''}\n${nestedJson(result, 4)}`);
      });
    },
    end() {
      const rest = {
        ...run.run,
        results: undefined,
        originalUriBaseIds: { [SRCROOT]: { uri: srcRootUri(cwd) } },
        artifacts: [...artifacts.values()].map(({ location }) => ({
          location,
          ...(/\.ya?ml$/i.test(location.uri) ? { sourceLanguage: 'YAML' } : {}),
        })),
      };
      write(`${count ? '\n      ' : ''}]${nestedJson(rest, 3).replace(/^ *\{/, ',')}\n  ]\n}\n`);
    },
  };
}

export const formatSarif = (results: readonly FileResult[], repo: string | undefined = repositoryUrl(), cwd = process.cwd()): string =>
  collect((w) => sarifWriter(w, repo, cwd), results);

/** The cwd as a file:// URI ending in `/` (SARIF §3.14.14: a base URI must end with a slash). */
function srcRootUri(cwd: string): string {
  const href = pathToFileURL(path.resolve(cwd)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * A file under the cwd: a relative (percent-encoded) URI against SRCROOT; anywhere else an absolute file://
 * URI with no base id (a relative-looking `/tmp/x` against SRCROOT resolves to nothing a platform can find).
 */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = pathToFileURL(path.resolve(cwd, file)).href;
  const base = srcRootUri(cwd);
  return absolute.startsWith(base) ? { uri: absolute.slice(base.length), uriBaseId: SRCROOT } : { uri: absolute };
}

function ruleFor(meta: RuleMeta, repo: string | undefined): SarifRuleBuilder {
  const helpUri = ruleHelpUri(meta.id, repo);
  const rule = new SarifRuleBuilder().initSimple({
    ruleId: meta.id,
    shortDescriptionText: meta.description,
    fullDescriptionText: fullDescription(meta),
    helpUri,
  });
  const page = rulePage(meta.id);
  rule.rule.name = meta.id.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase());
  // Platforms render `markdown` (the whole rule page); `text` is the plain fallback.
  rule.rule.help = { text: helpUri ? `${meta.description} See ${helpUri}` : meta.description, ...(page ? { markdown: page } : {}) };
  rule.rule.defaultConfiguration = { level: LEVEL[meta.defaultSeverity] };
  rule.rule.properties = {
    tags: ['criu', 'portability', meta.fileKind === 'kubernetes' ? 'kubernetes' : 'checkpoint-manifest'],
    precision: 'high',
    'problem.severity': meta.defaultSeverity === 'error' ? 'error' : meta.defaultSeverity === 'warning' ? 'warning' : 'recommendation',
  };
  return rule;
}

/** The rule page's first paragraph (under its heading), else the one-line description. */
function fullDescription(meta: RuleMeta): string {
  const page = rulePage(meta.id);
  const paragraph = page?.split(/\n\s*\n/).map((p) => p.trim()).find((p) => p && !p.startsWith('#'));
  return paragraph ? paragraph.replace(/\s*\n\s*/g, ' ') : meta.description;
}
