// Where the shipped rule pages are, and the public URL of each (SARIF helpUri, JSON, explain).
import * as fs from 'node:fs';
import * as path from 'node:path';
import pkg from '../../../package.json';

/** The project's home page: package.json `repository.url` without `.git`. */
export function repositoryUrl(): string {
  return String((pkg as { repository?: { url?: string } }).repository?.url ?? 'https://example.invalid/criu-portability').replace(/\.git$/, '');
}

/** Rule pages as published with the repository. */
export function ruleHelpUri(ruleId: string): string {
  return `${repositoryUrl()}/blob/main/docs/rules/${ruleId}.md`;
}

let docsDir: string | null | undefined;

/** docs/rules beside the bundle (dist/cli.js → ../docs/rules) or in the source tree when run with tsx. */
export function rulesDocsDir(): string | undefined {
  if (docsDir === undefined) {
    docsDir = null;
    for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'docs', 'rules');
      if (fs.existsSync(candidate)) {
        docsDir = candidate;
        break;
      }
    }
  }
  return docsDir ?? undefined;
}

/** The markdown page of a rule, when shipped. */
export function rulePage(ruleId: string): string | undefined {
  const dir = rulesDocsDir();
  if (!dir || !/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  try {
    return fs.readFileSync(path.join(dir, `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
