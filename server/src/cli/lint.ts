// `criu-portability lint`: read files (the CLI is the only layer that does I/O), run the engine, print.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateText, type Finding } from '../engine';

export interface FileResult {
  path: string;
  findings: Finding[];
}

export async function runLint(args: string[]): Promise<number> {
  let format = 'text';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a === '-f') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else if (a.startsWith('-') && a !== '-') return usage(`unknown option '${a}'`);
    else paths.push(a);
  }
  if (format !== 'text' && format !== 'json') return usage(`unknown format '${format}' (text, json)`);
  if (paths.length === 0) return usage('no paths given');
  const files: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) return usage(`no such file or directory: ${p}`);
    collect(p, files);
  }
  const results: FileResult[] = files.map((file) => ({
    path: file,
    findings: validateText(pathToFileURL(path.resolve(file)).href, fs.readFileSync(file, 'utf8')),
  }));
  process.stdout.write(format === 'json' ? formatJson(results) : formatText(results));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function collect(p: string, out: string[]): void {
  const st = fs.statSync(p);
  if (st.isFile()) {
    out.push(p);
    return;
  }
  for (const entry of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const child = path.join(p, entry.name);
    if (entry.isDirectory()) collect(child, out);
    else if (/\.ya?ml$/i.test(entry.name)) out.push(child);
  }
}

export function formatJson(results: FileResult[]): string {
  const files = results.map((r) => ({
    path: r.path,
    diagnostics: r.findings.map((f) => ({ code: f.ruleId, severity: f.severity, message: f.message, range: f.range })),
  }));
  return JSON.stringify({ files }, null, 2) + '\n';
}

export function formatText(results: FileResult[]): string {
  let out = '';
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    if (r.findings.length === 0) continue;
    out += `${r.path}\n`;
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      out += `  ${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleId}\n`;
    }
    out += '\n';
  }
  const total = results.reduce((n, r) => n + r.findings.length, 0);
  out += total === 0 ? `No problems in ${results.length} file(s).\n` : `${total} problem(s) (${errors} error(s), ${warnings} warning(s)) in ${results.length} file(s).\n`;
  return out;
}

function usage(message: string): number {
  process.stderr.write(`criu-portability lint: ${message}\nUsage: criu-portability lint [--format text|json] PATHS...\n`);
  return 2;
}
