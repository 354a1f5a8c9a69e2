// Shapes shared by the whole engine. Positions are LSP-style: 0-based lines, UTF-16 code-unit
// columns (JavaScript string indices), so they pass through to LSP and the CLI's JSON unchanged.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** An edit to a file other than the one the finding is in (cross-file fixes). */
export interface FileEdit {
  uri: string;
  edits: TextEdit[];
}

export interface Fix {
  title: string;
  /** Edits to the document the finding is in. */
  edits: TextEdit[];
  /** Edits to other documents (for example the manifest a workload links to). */
  otherFiles?: FileEdit[];
  isPreferred?: boolean;
}

export interface RelatedInformation {
  /** Absent when it is in the same document. */
  uri?: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedInformation[];
  /** What the rule's fixes need; JSON-serialisable (it travels as LSP Diagnostic.data). */
  data?: Record<string, unknown>;
}

export type FileKind = 'manifest' | 'kubernetes';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule checks. */
  description: string;
  fileKind: FileKind;
  fixable: boolean;
}
