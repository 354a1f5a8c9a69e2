// The "Probe Host CPU" page (client/src/probe/reportHtml.ts, pure): links instead of raw file:// paths, a question
// that names the checkpoints, one-line verdicts, and why the microarchitecture is shown twice.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/engine';
import { hostReport, parseAny } from '../../server/src/engine/probe';
import { manifestsQuestion, renderReportHtml, reportRows, verdictLine } from '../../client/src/probe/reportHtml';
import { x86 } from '../support/engine';

const zen3 = readFileSync('test/fixtures/cpuinfo/linux-ubuntu20.04-zen3', 'utf8');
const hidden = parseAny(zen3.split(' abm ').join(' '));
const manifests = [
  ...analyze('file:///w/orders.criu.yaml', x86('', 'requires: [avx2]\n')).manifests,
  ...analyze('file:///w/ledger.criu.yaml', x86('', 'requires: [avx512f, avx512bw, avx512cd, avx512dq, avx512vl]\n').replace('orders-service', 'ledger')).manifests,
];
const ctx = { cspSource: 'vscode-resource:', nonce: 'n0nce', label: (uri: string) => uri.replace('file:///w/', '') };

describe('probe page', () => {
  const report = hostReport(hidden, manifests);
  const html = renderReportHtml(report, ctx);

  test('the question names the checkpoints', () => {
    assert.equal(manifestsQuestion(report), 'Can this host restore these 2 checkpoints (orders-service and ledger)?');
    assert.match(html, /<h2>Can this host restore these 2 checkpoints \(orders-service and ledger\)\?<\/h2>/);
    assert.doesNotMatch(html, /restore them\?/);
  });

  test('manifests are links with a workspace-relative label, never raw file:// text', () => {
    assert.match(html, /<a data-open="file:\/\/\/w\/orders\.criu\.yaml" href="#">orders\.criu\.yaml<\/a>/);
    assert.doesNotMatch(html.replace(/data-open="[^"]*"/g, ''), /file:\/\//);
  });

  test('verdicts are short, on one line, the full list in the tooltip', () => {
    const [orders, ledger] = report.manifests;
    assert.equal(verdictLine(orders), 'yes');
    assert.match(verdictLine(ledger), /^no: lacks avx512bw, avx512cd, avx512dq, avx512f and 1 more$/);
    assert.match(html, /class="verdict bad" title="avx512bw, avx512cd, avx512dq, avx512f, avx512vl"/);
    assert.match(html, /\.verdict \{ white-space: nowrap;/);
  });

  test('the microarchitecture shown twice says why: the hidden flag', () => {
    const rows = Object.fromEntries(reportRows(report));
    assert.equal(rows.Microarchitecture, 'x86_64_v2, not zen3: this host lacks abm (a hypervisor or the firmware may hide it)');
    assert.equal(rows['x86-64 level'], 'x86_64_v2 (the same: no AMD model\'s full feature set is present, see above)');
    const plain = Object.fromEntries(reportRows(hostReport(parseAny(zen3), manifests)));
    assert.equal(plain.Microarchitecture, 'zen3');
    assert.equal(plain['x86-64 level'], 'x86_64_v3');
  });

  test('one manifest: the question names it', () => {
    assert.equal(manifestsQuestion(hostReport(hidden, manifests.slice(0, 1))), 'Can this host restore orders-service?');
  });
});
