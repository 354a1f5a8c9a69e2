// Where the shipped rule pages are, and the public URL of each (SARIF helpUri, JSON, explain).
import * as fs from 'node:fs';
import * as path from 'node:path';
import pkg from '../../../package.json';

// Hosts reserved for examples (RFC 2606, RFC 6761): a link there is dead, so it is better left out.
const PLACEHOLDER_HOST = /(^|\.)(invalid|example|test|localhost)$|^example\.(com|net|org)$/i;

/** A repository URL as published (`git+` and `.git` dropped), or undefined for a placeholder or non-URL. */
export function publishedUrl(url: string | undefined): string | undefined {
  const cleaned = url?.trim().replace(/^git\+/, '').replace(/\.git$/, '');
  if (!cleaned) return undefined;
  let host: string;
  try {
    const parsed = new URL(cleaned);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    host = parsed.hostname;
  } catch {
    return undefined;
  }
  return PLACEHOLDER_HOST.test(host) ? undefined : cleaned;
}

/** The project's home page from package.json `repository.url`; undefined while that is a placeholder. */
export function repositoryUrl(): string | undefined {
  return publishedUrl((pkg as { repository?: { url?: string } }).repository?.url);
}

/** A rule's page as published with the repository; undefined without a published repository. */
export function ruleHelpUri(ruleId: string, repo: string | undefined = repositoryUrl()): string | undefined {
  return repo ? `${repo}/blob/main/docs/rules/${ruleId}.md` : undefined;
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
