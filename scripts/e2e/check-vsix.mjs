// node scripts/e2e/check-vsix.mjs [out.vsix]
// Packages the extension (`npm run package`, i.e. build + `vsce package --no-dependencies`) and checks the .vsix:
// only shipping files (an allowlist of patterns), every file package.json points at is inside, no node_modules,
// TypeScript or tests, and the size budgets of docs/benchmarks.md (< 1.5 MB; dist/server.js < 600 KB). Prints
// PASS/FAIL per check; exit code = number of failures. Installing it into the VS Code server is
// scripts/e2e/run-vsix-smoke.sh's job.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const vsix = path.resolve(process.argv[2] ?? path.join(root, 'test-results/e2e/criu-portability.vsix'));
const MAX_BYTES = 1.5 * 1000 * 1000;
const MAX_SERVER_BYTES = 600 * 1000;

/** What may ship, relative to the extension folder. Anything else in the .vsix is a failure. */
const ALLOWED = [
  /^package\.json$/,
  /^dist\/(extension|server|cli|validationWorker)\.js$/,
  /^syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^schemas\/[\w.-]+\.schema\.json$/,
  /^language-configuration\.json$/,
  /^docs\/rules\/[\w-]+\.md$/,
  /^docs\/[\w-]+\.md$/,
  /^(readme|changelog)\.md$/i,
  /^(license|notice)(\.txt|\.md)?$/i,
  /^images\/icon\.png$/,
  /^docs\/images\/[\w-]+\.png$/,
  /^walkthrough\/[\w-]+\.md$/,
  /^data\/archspec\/(NOTICE|COPYRIGHT|LICENSE-MIT|LICENSE-APACHE)$/,
];
const FORBIDDEN = [/(^|\/)node_modules\//, /\.tsx?$/, /^test\//, /\.map$/, /(^|\/)\.tools\//, /\.vsix$/];

let failures = 0;
const check = (name, ok, detail = '') => {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};

/** Entry names and sizes from a zip's central directory (a .vsix is a zip); no unzip binary needed. */
export function listZip(buf) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip: no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), size });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Files package.json makes VS Code load: each must be in the package. */
function referencedFiles(pkg) {
  const rel = (p) => path.posix.normalize(p.replace(/^\.\//, ''));
  const c = pkg.contributes ?? {};
  return [
    rel(pkg.main),
    pkg.icon && rel(pkg.icon),
    ...(c.languages ?? []).map((l) => l.configuration && rel(l.configuration)),
    ...(c.grammars ?? []).map((g) => rel(g.path)),
    ...(c.yamlValidation ?? []).map((v) => rel(v.url)),
    'dist/server.js', // started by the client (client/src/serverOptions.ts)
    'dist/validationWorker.js', // the worker thread the server validates large documents in
    'docs/rules/restore-policy-missing.md', // diagnostics link to their rule page beside dist/
    'README.md', 'CHANGELOG.md', 'LICENSE', 'NOTICE',
  ].filter(Boolean);
}

mkdirSync(path.dirname(vsix), { recursive: true });
console.log(`npm run package -> ${path.relative(root, vsix)}`);
try {
  execFileSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  check('npm run package', true);
} catch (error) {
  // Reported, then packaged without README link rewriting (the usual cause: relative links and a repository vsce
  // cannot map to a web address) so the remaining checks still say something.
  check('npm run package', false, String(error.stderr ?? error).trim().split('\n').pop());
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const bytes = statSync(vsix).size;
const entries = listZip(readFileSync(vsix));
const files = entries.filter((e) => e.name.startsWith('extension/')).map((e) => ({ ...e, name: e.name.slice('extension/'.length) }));
const outside = entries.filter((e) => !e.name.startsWith('extension/')).map((e) => e.name);
console.log(`${files.length} files, ${(bytes / 1000).toFixed(0)} kB packed, ${(files.reduce((s, f) => s + f.size, 0) / 1000).toFixed(0)} kB unpacked`);

check('vsix metadata only beside extension/', outside.every((n) => /^(\[Content_Types\]\.xml|extension\.vsixmanifest)$/.test(n)), outside.join(', '));
const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f.name))).map((f) => f.name);
check('only shipping files', unexpected.length === 0, unexpected.slice(0, 20).join(', '));
const forbidden = files.filter((f) => FORBIDDEN.some((re) => re.test(f.name))).map((f) => f.name);
check('no node_modules, TypeScript, source maps or tests', forbidden.length === 0, forbidden.slice(0, 20).join(', '));
// vsce stores README.md as readme.md and LICENSE as LICENSE.txt; VS Code finds them either way.
const names = new Set(files.map((f) => f.name.toLowerCase()));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const absent = referencedFiles(pkg).filter((f) => !names.has(f.toLowerCase()) && !names.has(`${f.toLowerCase()}.txt`));
check('everything package.json and the server load is inside', absent.length === 0, absent.join(', '));
const ruleDocs = [...names].filter((n) => n.startsWith('docs/rules/')).length;
check('rule pages', ruleDocs >= 10, `${ruleDocs} pages`);
check('size < 1.5 MB (docs/benchmarks.md#budgets)', bytes < MAX_BYTES, `${bytes} bytes`);
const server = files.find((f) => f.name === 'dist/server.js');
check('dist/server.js < 600 KB (docs/benchmarks.md#budgets)', !!server && server.size < MAX_SERVER_BYTES, `${server?.size} bytes`);

console.log(`VSIX_DONE failures=${failures} ${vsix}`);
process.exitCode = failures;
