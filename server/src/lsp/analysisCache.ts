// One Analysis per (uri, version), shared by diagnostics, hover, completion and code actions; evicted when the
// document closes. Bounded besides: a parsed YAML tree costs about 20 times its text in heap (`npm run bench`:
// 200 open documents, 5.6 MB of text, held 110 MB of analyses and pushed the server past 200 MB RSS), so only
// the most recently used analyses are kept; a document whose analysis was dropped is parsed again when next
// asked for, which is what an edit does anyway. A new version reuses the parse of the version it replaces
// (unchanged documents of a multi-document file are not parsed again: engine/yaml/incremental.ts).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../engine';
import { reusingParse } from '../engine/yaml/parse';

export interface AnalysisCacheLimits {
  /** At most this many analyses. */
  maxEntries: number;
  /** At most this many UTF-16 code units of analysed text (the newest entry is kept whatever its size). */
  maxChars: number;
}

export const DEFAULT_CACHE_LIMITS: AnalysisCacheLimits = { maxEntries: 24, maxChars: 2_000_000 };

export class AnalysisCache {
  // Map order is recency order: a hit moves its entry to the end.
  private readonly entries = new Map<string, { version: number; analysis: Analysis }>();
  private chars = 0;

  constructor(private readonly limits: AnalysisCacheLimits = DEFAULT_CACHE_LIMITS) {}

  get(doc: TextDocument): Analysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) {
      this.entries.delete(doc.uri);
      this.entries.set(doc.uri, hit);
      return hit.analysis;
    }
    // Dropped before analysing: the new parse takes over its documents, so it must never be served again.
    this.evict(doc.uri);
    const analysis = reusingParse(hit?.analysis.yaml, () => analyze(doc.uri, doc.getText()));
    this.entries.set(doc.uri, { version: doc.version, analysis });
    this.chars += analysis.text.length;
    this.trim();
    return analysis;
  }

  /** The analysis of this version if cached; never parses. */
  peek(doc: TextDocument): Analysis | undefined {
    const hit = this.entries.get(doc.uri);
    return hit && hit.version === doc.version ? hit.analysis : undefined;
  }

  evict(uri: string): void {
    const e = this.entries.get(uri);
    if (!e) return;
    this.chars -= e.analysis.text.length;
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }

  private trim(): void {
    for (const uri of this.entries.keys()) {
      if (this.entries.size <= 1) return;
      if (this.entries.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) return;
      this.evict(uri);
    }
  }
}
