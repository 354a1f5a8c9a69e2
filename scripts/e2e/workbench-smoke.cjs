// node workbench-smoke.cjs <serverOrigin> <workspaceDir> <extensionDevelopmentPath|-> <file> <screenshotDir>
// UI-level check in the real VS Code web workbench (headless chromium): opens <file> through Quick Open, then
// checks the status bar language, the manifest grammar's colours, the Problems panel and a hover on a feature,
// and saves screenshots (problems.png, hover.png). `-` as the development path: test the installed extension.
// Prints PASS/FAIL per check; exit code = number of failures (100 on a harness error).
const { chromium } = require('playwright-core');
const path = require('node:path');
const fs = require('node:fs');

const [origin, ws, edp, file, shots] = process.argv.slice(2);
const host = new URL(origin).host;
const payload = edp === '-' ? [] : [['extensionDevelopmentPath', `vscode-remote://${host}${edp}`]];
const url = `${origin}/?folder=${encodeURIComponent(ws)}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
const t0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
let failures = 0;
const report = (name, ok, detail) => { if (!ok) failures++; console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${detail}`); };

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: 60000 });
    log('workbench loaded');

    // Quick Open (Ctrl+P) → file → Enter. Retried as a whole: right after load, a key press can land before focus
    // is ready, and the file search can come back empty while the workspace is still being indexed.
    const name = path.basename(file);
    await waitUntil(async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      const open = await page.waitForSelector('.quick-input-widget input', { timeout: 3000 }).then(() => true, () => false);
      if (!open) return false;
      await page.keyboard.type(name);
      return page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 5000 })
        .then(() => true, () => false);
    }, 45000, `Quick Open to list ${name}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tabs-container .tab[aria-label*="${name}"]`, { timeout: 20000 });
    log('file opened');

    const mode = await page.waitForFunction(() => {
      const t = document.querySelector('#status\\.editor\\.mode')?.textContent?.trim();
      return t && t !== 'Plain Text' ? t : false;
    }, null, { timeout: 20000 }).then((h) => h.jsonValue(), () => 'none');
    report('language mode', mode === 'CRIU Checkpoint Manifest', `status bar says "${mode}"`);

    // The grammar is active when a manifest value (arch x86_64 → constant.language.arch) and a plain string
    // (orders-service → string.unquoted.plain) render in different colours; without it both are default text.
    const colours = await page.waitForFunction(() => {
      const colourOf = (text) => {
        const span = [...document.querySelectorAll('.monaco-editor .view-lines span span')].find((s) => s.textContent === text);
        return span ? getComputedStyle(span).color : undefined;
      };
      const c = { arch: colourOf('x86_64'), plain: colourOf('orders-service'), key: colourOf('metadata') };
      return c.arch && c.plain && c.key && c.arch !== c.plain && c.key !== c.plain ? c : false;
    }, null, { timeout: 20000 }).then((h) => h.jsonValue(), () => undefined);
    report('grammar colours', !!colours, colours ? JSON.stringify(colours) : 'manifest tokens not coloured apart');

    await page.keyboard.press('Control+Shift+M');
    const rows = await page.waitForFunction(() => {
      const labels = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((e) => e.textContent);
      const text = labels.join('\n');
      return text.includes('feature-outside-baseline') && text.includes('restore-policy-missing') ? labels : false;
    }, null, { timeout: 30000 }).then((h) => h.jsonValue(), async () =>
      page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.textContent)));
    const found = rows.join('\n');
    report('problems panel', found.includes('feature-outside-baseline') && found.includes('restore-policy-missing'),
      rows.length ? `\n  ${rows.map((r) => r.replace(/\s+/g, ' ')).join('\n  ')}` : 'no rows');
    await page.screenshot({ path: path.join(shots, 'problems.png'), clip: await boxOf(page, ['.part.editor', '.part.panel']) });
    log(`screenshot ${path.join(shots, 'problems.png')}`);

    // Hover: the mouse over the `avx2` token of `requires: [avx2]` (a token of its own; the comment's avx2 is
    // inside a longer comment token) shows the feature's documentation, which names Haswell.
    const hover = await waitUntil(async () => {
      const token = page.locator('.monaco-editor .view-lines span span', { hasText: /^avx2$/ }).first();
      if (!(await token.count())) return false;
      await page.mouse.move(0, 0);
      await token.hover();
      return page.waitForFunction(() => {
        const h = [...document.querySelectorAll('.monaco-hover')].find((e) => e.offsetParent !== null && /haswell/i.test(e.textContent));
        return h ? h.textContent : false;
      }, null, { timeout: 5000 }).then((h) => h.jsonValue(), () => false);
    }, 30000, 'a hover on avx2').catch(() => undefined);
    report('hover', !!hover, hover ? hover.replace(/\s+/g, ' ').slice(0, 160) : 'no hover naming Haswell on avx2');
    // The hover fades in: wait for its animations to finish so the screenshot is not half transparent.
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].every((e) =>
      e.getAnimations({ subtree: true }).every((a) => a.playState === 'finished')), null, { timeout: 5000 }).catch(() => {});
    await page.screenshot({ path: path.join(shots, 'hover.png'), clip: await boxOf(page, ['.part.editor']) });
    log(`screenshot ${path.join(shots, 'hover.png')}`);
  } finally {
    await browser.close();
  }
  console.log(`UI_DONE failures=${failures}`);
  process.exitCode = failures;
})().catch((e) => { console.error('FAIL harness', e); process.exitCode = 100; });

/** The box around the given workbench parts (screenshots show the editor and panel, not the whole window). */
async function boxOf(page, selectors) {
  const boxes = (await Promise.all(selectors.map((s) => page.locator(s).first().boundingBox()))).filter(Boolean);
  if (boxes.length === 0) return undefined;
  const x = Math.min(...boxes.map((b) => b.x)), y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width)), bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** Polls an async probe until it returns something truthy, which is returned. */
async function waitUntil(probe, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}
