// One build for the three bundles (ARCHITECTURE.md#contracts). `--watch` rebuilds on change; `--dev` skips minifying.
import * as esbuild from 'esbuild';

const dev = process.argv.includes('--dev') || process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // Large documents validate in a worker thread the server starts from this file (server/src/lsp/offThread.ts).
  { entryPoints: ['server/src/lsp/validationWorker.ts'], outfile: 'dist/validationWorker.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (process.argv.includes('--watch')) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
