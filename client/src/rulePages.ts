// Rule pages open rendered (the Markdown preview), not as the extension's own editable .md file. Diagnostics link
// to docs/rules/<id>.md (codeDescription.href, also used by the CLI's SARIF and other editors); in VS Code the
// link becomes a command URI (the Problems panel and the hover open links with commands allowed), and the command
// shows the page in the built-in Markdown preview.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const SHOW_RULE_COMMAND = 'criuPortability.showRule';
const RULE_PAGE = /\/docs\/rules\/([a-z0-9-]+)\.md$/;

/** The rule ids that have a page, from the files shipped with the extension. */
export async function ruleIds(extensionUri: vscode.Uri): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(extensionUri, 'docs', 'rules'));
  return entries.map(([name]) => name).filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)).sort();
}

/** Shows a rule's page rendered; asks for the rule when none is given (palette). Returns the page's uri. */
export async function showRule(extensionUri: vscode.Uri, id?: string): Promise<vscode.Uri | undefined> {
  id ??= await vscode.window.showQuickPick(await ruleIds(extensionUri), { title: 'Show rule documentation', placeHolder: 'rule id' });
  if (!id || !/^[a-z0-9-]+$/.test(id)) return undefined;
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return page;
}

export function ruleCommandUri(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`);
}

/** Rewrites our diagnostics' rule links to the command that shows the page rendered. */
export const rulePageMiddleware: Middleware = {
  handleDiagnostics(uri, diagnostics, next) {
    for (const d of diagnostics) {
      const code = d.code;
      if (typeof code !== 'object' || !code || !('target' in code)) continue;
      const id = RULE_PAGE.exec(code.target.path)?.[1];
      if (id) d.code = { value: code.value, target: ruleCommandUri(id) };
    }
    next(uri, diagnostics);
  },
};
