// Settings reach the server (synchronised section `criuPortability`): a rule set to "off" disappears, and
// comes back when the setting is removed. User (global) settings, so the fixture folder stays untouched.
import * as vscode from 'vscode';
import { openFile, ourDiagnostics, ruleId, waitFor, waitForCodes, describeDiagnostics } from './helpers';

suite('settings', () => {
  const config = () => vscode.workspace.getConfiguration('criuPortability');

  suiteTeardown(async () => {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Global);
  });

  test('criuPortability.rules can turn a rule off and back on', async () => {
    const doc = await openFile('problems.criu.yaml');
    await waitForCodes(doc.uri, ['feature-outside-baseline', 'restore-policy-missing']);

    await config().update('rules', { 'restore-policy-missing': 'off' }, vscode.ConfigurationTarget.Global);
    await waitFor('restore-policy-missing to disappear while feature-outside-baseline stays', () => {
      const codes = ourDiagnostics(doc.uri).map(ruleId);
      return !codes.includes('restore-policy-missing') && codes.includes('feature-outside-baseline') ? true : undefined;
    }).catch((e: Error) => {
      throw new Error(`${e.message}; diagnostics now:\n${describeDiagnostics(doc.uri)}`);
    });

    await config().update('rules', undefined, vscode.ConfigurationTarget.Global);
    await waitForCodes(doc.uri, ['feature-outside-baseline', 'restore-policy-missing']);
  });
});
