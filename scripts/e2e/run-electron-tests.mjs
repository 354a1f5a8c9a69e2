// The same VS Code e2e suite (test/e2e/vscode) in a desktop VS Code downloaded by @vscode/test-electron, for
// contributors whose machines can reach update.code.visualstudio.com. CI cannot (no network but the package
// registries), so it runs the suite in the VS Code server instead (scripts/e2e/run-vscode-tests.sh).
//   node scripts/e2e/run-electron-tests.mjs [--version 1.100.3|stable]     (after `npm run build`)
// On a Linux machine without a display, run it under `xvfb-run -a`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(import.meta.dirname, '../..');
const versionArg = process.argv.indexOf('--version');
const version = versionArg !== -1 ? process.argv[versionArg + 1] : '1.100.3';

const built = spawnSync(process.execPath, [path.join(root, 'scripts/e2e/build-vscode-tests.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

try {
  await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/e2e/index.js'),
    launchArgs: [
      path.join(root, 'test/e2e/workspace'),
      '--disable-extensions',
      '--disable-workspace-trust',
      `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'criu-vscode-'))}`,
    ],
  });
} catch (err) {
  console.error(`VS Code tests failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
