// Completion inside Kubernetes YAML (NFD label keys, kubernetes.io/arch values).
import type { Analysis } from '../analyze';
import type { Position } from '../types';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value' | 'feature' | 'snippet' | 'keyword';
  detail?: string;
  documentation?: string;
  insertText?: string;
  isSnippet?: boolean;
  range?: import('../types').Range;
  sortText?: string;
}

export function kubeCompletions(_analysis: Analysis, _pos: Position): CompletionEntry[] | undefined {
  return undefined;
}
