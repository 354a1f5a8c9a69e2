// HTML of the "CRIU: Probe Host CPU" webview. Pure (no vscode import) so it can be rendered anywhere; every value
// from the server is escaped, and the page runs only its own nonce'd script (CSP below).
import type { HostReport, ManifestVerdict } from '../../../server/src/engine/probe/report';

/** Messages the page posts to the extension; one per action button. */
export type ProbeAction = 'createManifest' | 'addTarget' | 'copyAffinity' | 'refresh';

export interface PageContext {
  /** `webview.cspSource`: where the page may load styles from. */
  cspSource: string;
  nonce: string;
  /** How a manifest's uri is shown (the workspace-relative path); the uri itself otherwise. */
  label?: (uri: string) => string;
}

/** What a click on a manifest link posts: the page opens nothing itself. */
export interface OpenMessage {
  open: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One short line per manifest (the full list of missing features goes into the cell's tooltip). */
export function verdictLine(v: ManifestVerdict): string {
  if (v.archMismatch) return `no: the image is ${v.archMismatch}`;
  if (v.ok) return 'yes';
  const shown = v.missing.slice(0, 4).join(', ');
  return `no: lacks ${shown}${v.missing.length > 4 ? ` and ${v.missing.length - 4} more` : ''}`;
}

const VENDORS: Record<string, string> = { GenuineIntel: 'Intel', AuthenticAMD: 'AMD' };

/** "x86_64_v2, not zen3: this host lacks abm (a hypervisor or the firmware may hide it)". */
function microarchitectureText(report: HostReport): string {
  const { detection } = report;
  const near = detection.nearMiss;
  if (!near) return detection.microarchitecture;
  return `${detection.microarchitecture}, not ${near.microarchitecture}: this host lacks ${near.missing.join(', ')} (a hypervisor or the firmware may hide ${near.missing.length === 1 ? 'it' : 'them'})`;
}

/** The x86-64 level row; when it repeats the microarchitecture, why. */
function levelText(report: HostReport): string | undefined {
  const { detection, host } = report;
  if (!detection.x86Level) return undefined;
  if (detection.x86Level !== detection.microarchitecture) return detection.x86Level;
  const vendor = VENDORS[host.vendor] ?? host.vendor;
  return `${detection.x86Level} (the same: no ${vendor ? `${vendor} ` : ''}model's full feature set is present${detection.nearMiss ? ', see above' : ''})`;
}

/** "orders-service and inventory", "a, b and 3 more". */
function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  const shown = names.slice(0, 3);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The question the manifest table answers, naming what "them" is. */
export function manifestsQuestion(report: HostReport): string {
  const names = [...new Set(report.manifests.map((m) => m.name))];
  const n = report.manifests.length;
  return n === 1 ? `Can this host restore ${names[0]}?` : `Can this host restore these ${n} checkpoints (${namesText(names)})?`;
}

/** The report as plain rows, shared by the page and by anyone who wants text (tests, the output channel). */
export function reportRows(report: HostReport): Array<[string, string]> {
  const { host, detection } = report;
  const rows: Array<[string, string]> = [
    ['Architecture', host.arch],
    ['Model', host.model || '(unknown)'],
    ['Vendor', host.vendor || '(unknown)'],
    ['Microarchitecture', microarchitectureText(report)],
  ];
  const level = levelText(report);
  if (level) rows.push(['x86-64 level', level]);
  if (host.machineType) rows.push(['Machine type', host.machineType]);
  if (host.platform) rows.push(['Platform', host.platform]);
  rows.push(['openj9-portable baseline', detection.satisfiesPortable ? 'satisfied' : 'NOT satisfied']);
  rows.push(['Probe source', host.source]);
  return rows;
}

function page(ctx: PageContext, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${ctx.cspSource} 'unsafe-inline'; script-src 'nonce-${ctx.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Host CPU</title>
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 2em; }
  th { text-align: left; padding-right: 1.5em; font-weight: 600; }
  td, th { vertical-align: top; padding-bottom: .2em; }
  .ok { color: var(--vscode-testing-iconPassed, green); }
  .verdict { white-space: nowrap; padding-right: 1.5em; }
  a { color: var(--vscode-textLink-foreground); cursor: pointer; }
  .bad { color: var(--vscode-errorForeground, red); }
  .features code { display: inline-block; margin: 0 .4em .3em 0; }
  .baseline { font-weight: 700; }
  button { margin: 0 .5em .5em 0; color: var(--vscode-button-foreground); background: var(--vscode-button-background);
    border: none; padding: .4em .9em; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
</style></head>
<body>${body}</body></html>`;
}

export function renderReportHtml(report: HostReport, ctx: PageContext): string {
  const { host } = report;
  const info = reportRows(report)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const baseline = new Set(report.baselineFeatures);
  const features = host.features
    .map((f) => (baseline.has(f) ? `<code class="baseline" title="in the openj9-portable baseline">${escapeHtml(f)}*</code>` : `<code>${escapeHtml(f)}</code>`))
    .join(' ');
  const unknown = host.unknownFeatures.length
    ? `<p>Not in the catalogue (${host.unknownFeatures.length}): ${host.unknownFeatures.map((f) => `<code>${escapeHtml(f)}</code>`).join(' ')}</p>`
    : '';
  const notes = host.notes.length ? `<h2>Notes</h2><ul>${host.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const label = ctx.label ?? ((uri: string) => uri);
  const manifests = report.manifests.length
    ? `<h2>${escapeHtml(manifestsQuestion(report))}</h2><table id="manifests">${report.manifests
        .map((m) => `<tr><th>${escapeHtml(m.name)}</th>`
          + `<td class="verdict ${m.ok ? 'ok' : 'bad'}" title="${escapeHtml(m.missing.join(', '))}">${escapeHtml(verdictLine(m))}</td>`
          + `<td><a data-open="${escapeHtml(m.uri)}" href="#">${escapeHtml(label(m.uri))}</a></td></tr>`)
        .join('')}</table>`
    : '<h2>Can this host restore your checkpoints?</h2><p>No checkpoint manifests are open. Open a <code>*.criu.yaml</code> file and refresh.</p>';
  const body = `
<h1>Host CPU</h1>
<table id="host">${info}</table>
<p>
  <button data-action="createManifest">Create checkpoint manifest from this host</button>
  <button data-action="addTarget">Add this host as a restore target</button>
  <button data-action="copyAffinity">Copy node affinity for this host's features</button>
  <button data-action="refresh">Refresh</button>
</p>
${manifests}
<h2>Features (${host.features.length})</h2>
<p><small>* = in the openj9-portable baseline (${report.baselineFeatures.length} of them on this host)</small></p>
<p class="features">${features}</p>
${unknown}
${notes}
<script nonce="${ctx.nonce}">
  const vscode = acquireVsCodeApi();
  for (const b of document.querySelectorAll('button[data-action]')) {
    b.addEventListener('click', () => vscode.postMessage({ action: b.dataset.action }));
  }
  for (const a of document.querySelectorAll('a[data-open]')) {
    a.addEventListener('click', (e) => { e.preventDefault(); vscode.postMessage({ open: a.dataset.open }); });
  }
</script>`;
  return page(ctx, body);
}

export function renderErrorHtml(message: string, ctx: PageContext): string {
  return page(ctx, `
<h1>Host CPU</h1>
<p class="bad">The host probe failed: ${escapeHtml(message)}</p>
<p><button data-action="refresh">Try again</button></p>
<script nonce="${ctx.nonce}">
  const vscode = acquireVsCodeApi();
  document.querySelector('button').addEventListener('click', () => vscode.postMessage({ action: 'refresh' }));
</script>`);
}
