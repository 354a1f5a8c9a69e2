// One build for the bundles (ARCHITECTURE.md#contracts). `--watch` rebuilds on change; `--dev` skips minifying.
// scripts/bundle-report.mjs imports the options to say what each bundle is made of.
import * as esbuild from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dev = process.argv.includes('--dev') || process.argv.includes('--watch');
export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
  // yaml's ES module build (its package's "default" export, which platform 'node' passes over for the CommonJS
  // "node" one): ES modules bundle without CommonJS wrappers and tree-shake, 18 KB less in each bundle. It differs
  // from the Node build in three places, none of which reaches us: !!binary decodes with atob (the engine parses
  // with its own !!binary tag, server/src/engine/yaml/binaryTag.ts), warnings go to console.warn rather than
  // process.emitWarning (the engine's one toJS runs with logLevel 'error'), and the LOG_TOKENS/LOG_STREAM debug
  // variables are not read (in the server, LOG_STREAM's console.dir wrote to stdout, the protocol stream).
  alias: { yaml: fileURLToPath(new URL('node_modules/yaml/browser/index.js', import.meta.url)) },
};

export const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // Large documents validate in a worker thread the server starts from this file (server/src/lsp/offThread.ts).
  { entryPoints: ['server/src/lsp/validationWorker.ts'], outfile: 'dist/validationWorker.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--watch')) {
    for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
  } else {
    await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  }
}
