// Bundles the VS Code e2e suite (test/e2e/vscode) into out/e2e/ for the extension host to load.
// `vscode` comes from the host; mocha is required at run time from node_modules (it does dynamic requires).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'test/e2e/vscode');
const outdir = path.join(root, 'out/e2e');
rmSync(outdir, { recursive: true, force: true });
const suites = readdirSync(path.join(src, 'suite')).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(src, 'suite', f));
await esbuild.build({
  entryPoints: [path.join(src, 'index.ts'), ...suites],
  outdir,
  outbase: src,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`built ${suites.length} e2e suite(s) into ${path.relative(root, outdir)}/`);
