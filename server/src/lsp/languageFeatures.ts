// Hover, completion and code lenses: handlers that call the engine's language service on the cached Analysis.
import {
  CompletionItemKind, InsertTextFormat, MarkupKind,
  type CodeLens, type CompletionItem, type Connection, type Hover, type Position,
} from 'vscode-languageserver';
import type { Analysis } from '../engine';
import { codeLenses, completions, hover, kubeCodeLenses, type CompletionEntry } from '../engine/service';
import type { WorkspaceView } from '../engine/workspace';
import { documentUri, positionParam } from './params';

const KINDS: Record<CompletionEntry['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  feature: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  keyword: CompletionItemKind.Keyword,
};

export interface LanguageFeatureOptions {
  /** This machine's features, once the host probe has run (hover says whether the host has a feature). */
  hostFeatures?: () => ReadonlySet<string> | undefined;
  /** The workspace's manifests, for Kubernetes hovers that name the linked manifest. */
  workspace?: WorkspaceView;
  /** More hover text from outside the engine (the checkpoint image a manifest names). */
  hoverExtra?: (analysis: Analysis, position: Position) => Promise<string | undefined>;
}

/** `analysisOf` answers undefined for documents the server does not analyse (not YAML, or past the size cap). */
export function registerLanguageFeatures(connection: Connection, analysisOf: (uri: string) => Analysis | undefined, options: LanguageFeatureOptions = {}): void {
  connection.onHover(async (params, token): Promise<Hover | null> => {
    const analysis = analysisOf(documentUri(params, 'textDocument/hover'));
    if (!analysis || token.isCancellationRequested) return null;
    const position = positionParam(params, 'textDocument/hover', analysis.yaml.lineCounter.lineStarts.length);
    const h = hover(analysis, position, { hostFeatures: options.hostFeatures?.(), workspace: options.workspace });
    const extra = h && options.hoverExtra ? await options.hoverExtra(analysis, position) : undefined;
    if (token.isCancellationRequested) return null;
    return h ? { contents: { kind: MarkupKind.Markdown, value: extra ? `${h.contents}\n\n---\n\n${extra}` : h.contents }, range: h.range } : null;
  });

  connection.onCompletion((params, token): CompletionItem[] => {
    const analysis = analysisOf(documentUri(params, 'textDocument/completion'));
    if (!analysis || token.isCancellationRequested) return [];
    return completions(analysis, positionParam(params, 'textDocument/completion', analysis.yaml.lineCounter.lineStarts.length)).map(toItem);
  });

  connection.onCodeLens((params, token): CodeLens[] => {
    const analysis = analysisOf(documentUri(params, 'textDocument/codeLens'));
    if (!analysis || token.isCancellationRequested) return [];
    // VS Code requires a command object; an empty command id makes the lens a label that runs nothing.
    const lenses = [...codeLenses(analysis), ...kubeCodeLenses(analysis, options.workspace)];
    return lenses.map((l) => ({ range: l.range, command: { title: l.title, command: '' } }));
  });
}

function toItem(e: CompletionEntry): CompletionItem {
  const item: CompletionItem = { label: e.label, kind: KINDS[e.kind] };
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  if (e.sortText) item.sortText = e.sortText;
  const insert = e.insertText ?? e.label;
  if (e.isSnippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (e.range) item.textEdit = { range: e.range, newText: insert };
  else item.insertText = insert;
  return item;
}
