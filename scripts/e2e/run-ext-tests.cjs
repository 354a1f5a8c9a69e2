// node run-ext-tests.cjs <serverOrigin> <workspaceDir> <extensionDevelopmentPath> <extensionTestsPath>
// Opens the VS Code server's web workbench in headless Debian chromium with the extension-test payload, so the
// tests run inside the real Node extension host; exits with the tests' exit code (1 on timeout, 2 on error).
const { chromium } = require('playwright-core');
const util = require('node:util');

const [origin, ws, edp, etp] = process.argv.slice(2);
if (!origin || !ws || !edp || !etp) {
  console.error('usage: run-ext-tests.cjs <serverOrigin> <workspaceDir> <extensionDevelopmentPath> <extensionTestsPath>');
  process.exit(2);
}
const host = new URL(origin).host;
const remote = (p) => `vscode-remote://${host}${p}`;
// The code-server CLI rejects --extensionDevelopmentPath/--extensionTestsPath; the web workbench takes them
// from the URL payload instead.
const payload = [['extensionDevelopmentPath', remote(edp)], ['extensionTestsPath', remote(etp)]];
const url = `${origin}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 180000);
const t0 = Date.now();

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    // Clipboard permissions: "Copy node affinity" writes the clipboard and the suite reads it back.
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    let resolveDone;
    const done = new Promise((r) => (resolveDone = r));
    // The workbench calls codeAutomationExit(code) when the extension tests finish and forwards the
    // extension host's console output to codeAutomationLog(type, args).
    await page.exposeFunction('codeAutomationExit', (code) => resolveDone(code));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...args);
      console.log(type === 'log' || type === 'info' ? text : `[${type}] ${text}`);
    });
    if (process.env.VERBOSE) page.on('console', (m) => console.log('[browser]', m.text()));
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(url);
    let timer;
    const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); });
    const code = await Promise.race([done, timeout]);
    clearTimeout(timer);
    console.log(`EXIT CODE ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    process.exitCode = code === 0 ? 0 : 1;
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error('FAIL', e);
  process.exitCode = 2;
});
