// One Analysis per (uri, version), shared by diagnostics, hover, completion and code actions; evicted when the
// document closes, so the cache never outgrows the open documents.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../engine';

export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; analysis: Analysis }>();

  get(doc: TextDocument): Analysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    const analysis = analyze(doc.uri, doc.getText());
    this.entries.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  evict(uri: string): void {
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}
