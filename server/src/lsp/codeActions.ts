// Quick fixes: each diagnostic of ours is turned back into a finding and its rule's fixes(), chosen by rule id.
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { manifestFixes, type Analysis, type FixEnvironment, type WorkspaceView } from '../engine';
import { kubeFixes } from '../engine/rules/kube';
import { suppressionFixes } from '../engine/suppressionFixes';
import type { Fix } from '../engine/types';
import { toFinding } from './convert';

export function codeActions(doc: TextDocument, analysis: Analysis, diagnostics: Diagnostic[], workspace?: WorkspaceView, env?: FixEnvironment): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const finding = toFinding(d);
    if (!finding) continue;
    const fixes = [...manifestFixes(analysis, finding, env), ...kubeFixes(analysis, finding, workspace), ...suppressionFixes(analysis, finding)];
    for (const fix of fixes) actions.push(toAction(doc.uri, fix, d));
  }
  return actions;
}

export function toAction(uri: string, fix: Fix, diagnostic: Diagnostic): CodeAction {
  const edit: WorkspaceEdit = { changes: { [uri]: fix.edits } };
  for (const other of fix.otherFiles ?? []) edit.changes![other.uri] = [...(edit.changes![other.uri] ?? []), ...other.edits];
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit };
}
