// The manifest language service: pure hover, completion and code lenses over a cached Analysis.
export { hover, type Hover, type HoverOptions } from './hover';
export { completions, NEW_MANIFEST_SNIPPET, type CompletionEntry } from './completion';
export { codeLenses, type Lens } from './codeLens';
export { locate, type Located } from './locate';
export { documentSymbols, documentLinks, definition, references, linkHover, kubeCodeLenses, relativePath, type DocumentSymbolEntry, type SymbolKindName, type LinkEntry, type LocationEntry, type KubeLens } from './navigation';
