// Outline, links, definition and references: handlers that call the engine's navigation service on the cached
// Analysis. Other open documents (for references) come from `openAnalyses`.
import { SymbolKind, type Connection, type DocumentLink, type DocumentSymbol, type Location, type LocationLink } from 'vscode-languageserver';
import type { Analysis } from '../engine';
import { definition, documentLinks, documentSymbols, references, type DocumentSymbolEntry, type SymbolKindName } from '../engine/service';
import type { WorkspaceView } from '../engine/workspace';

const KINDS: Record<SymbolKindName, SymbolKind> = {
  file: SymbolKind.File,
  module: SymbolKind.Module,
  class: SymbolKind.Class,
  object: SymbolKind.Object,
  array: SymbolKind.Array,
  enumMember: SymbolKind.EnumMember,
  struct: SymbolKind.Struct,
  property: SymbolKind.Property,
  constant: SymbolKind.Constant,
};

export const NAVIGATION_CAPABILITIES = {
  documentSymbolProvider: { label: 'CRIU Portability' },
  documentLinkProvider: { resolveProvider: false },
  definitionProvider: true,
  referencesProvider: true,
} as const;

function toSymbol(s: DocumentSymbolEntry): DocumentSymbol {
  const out: DocumentSymbol = { name: s.name || ' ', kind: KINDS[s.kind], range: s.range, selectionRange: s.selectionRange };
  if (s.detail) out.detail = s.detail;
  if (s.children?.length) out.children = s.children.map(toSymbol);
  return out;
}

export function registerNavigation(
  connection: Connection,
  analysisOf: (uri: string) => Analysis | undefined,
  openAnalyses: () => Analysis[],
  workspace: WorkspaceView,
  /** The client understands LocationLink (definition.linkSupport): the whole link is then underlined. */
  linkSupport: () => boolean,
): void {
  connection.onDocumentSymbol((params, token): DocumentSymbol[] => {
    const analysis = analysisOf(params.textDocument.uri);
    if (!analysis || token.isCancellationRequested) return [];
    return documentSymbols(analysis, workspace).map(toSymbol);
  });

  connection.onDocumentLinks((params, token): DocumentLink[] => {
    const analysis = analysisOf(params.textDocument.uri);
    if (!analysis || token.isCancellationRequested) return [];
    // The target opens at the manifest's name: `#L<line>` is VS Code's fragment for a line (1-based).
    return documentLinks(analysis, workspace).map((l) => ({ range: l.range, target: `${l.target}#L${l.targetRange.start.line + 1}`, tooltip: l.tooltip }));
  });

  connection.onDefinition((params, token): Location | LocationLink[] | null => {
    const analysis = analysisOf(params.textDocument.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const d = definition(analysis, params.position, workspace);
    if (!d) return null;
    if (!linkSupport()) return { uri: d.uri, range: d.range };
    const link = documentLinks(analysis, workspace).find((l) => l.target === d.uri && contains(l.range, params.position));
    return [{ targetUri: d.uri, targetRange: d.range, targetSelectionRange: d.range, originSelectionRange: link?.range }];
  });

  connection.onReferences((params, token): Location[] | null => {
    const analysis = analysisOf(params.textDocument.uri);
    if (!analysis || token.isCancellationRequested) return null;
    const others = openAnalyses().filter((a) => a.uri !== analysis.uri);
    const refs = references(analysis, params.position, others, workspace);
    return refs ? refs.map((r) => ({ uri: r.uri, range: r.range })) : null;
  });
}

function contains(r: { start: { line: number; character: number }; end: { line: number; character: number } }, p: { line: number; character: number }): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}
