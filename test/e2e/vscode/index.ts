// Extension-host entry for the VS Code end-to-end suite: VS Code loads this file (extensionTestsPath,
// built to out/e2e/index.js) and calls run(); a rejection makes the workbench exit with code 1.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const suiteDir = path.join(__dirname, 'suite');
  // Sorted so the suites run in a known order (activation first); grep narrows runs while debugging.
  for (const file of readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(suiteDir, file));
  }
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`MOCHA_DONE failures=${failures}`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
