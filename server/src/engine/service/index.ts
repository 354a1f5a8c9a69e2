// The manifest language service: pure hover, completion and code lenses over a cached Analysis.
export { hover, type Hover, type HoverOptions } from './hover';
export { completions, NEW_MANIFEST_SNIPPET, type CompletionEntry } from './completion';
export { codeLenses, type Lens } from './codeLens';
export { locate, type Located } from './locate';
