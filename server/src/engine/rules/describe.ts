// Wording shared by rule messages, so every diagnostic names things the same way.
import { closest, distance } from 'fastest-levenshtein';
import type { FeatureInfo } from '../catalog/types';
import { lookupFeatureAnyArch } from '../catalog';
import type { Reason } from '../manifest/requirements';
import type { ParsedYaml } from '../yaml/parse';

/** `avx2`; `pni (sse3)` when OpenJ9 calls it differently. */
export function featureLabel(f: FeatureInfo | string): string {
  if (typeof f === 'string') return f;
  return f.omr && f.omr !== f.id ? `${f.id} (${f.omr})` : f.id;
}

export function listText(items: readonly string[], max = 8): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** "requires (line 14)", 1-based as people count lines. */
export function reasonText(reason: Reason, yaml: ParsedYaml): string {
  const start = reason.node?.range?.[0];
  return start === undefined ? reason.label : `${reason.label} (line ${yaml.pos(start).line + 1})`;
}

/**
 * Why a feature is needed, as a predicate: "listed in requires (line 14)", "in the baseline haswell (line 7)",
 * "used by glibc on the checkpoint host (not masked by glibcTunables)". Reads after "avx2 is".
 */
export function reasonPhrase(reason: Reason, yaml: ParsedYaml): string {
  const text = reasonText(reason, yaml);
  switch (reason.kind) {
    case 'requires':
    case 'jitFeatures':
      return `listed in ${text}`;
    case 'baseline':
      return `in ${text}`;
    case 'glibc':
    case 'jit':
      return `used by ${text}`;
  }
}

/** Close matches among candidates: edit distance within a third of the length, best first. */
export function closestNames(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  const limit = Math.max(1, Math.ceil(needle.length / 3));
  const scored = candidates
    .map((c) => ({ c, d: distance(needle, c.toLowerCase()) - (c.toLowerCase().startsWith(needle.slice(0, 3)) ? 0.5 : 0) }))
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  const out = scored.slice(0, max).map((s) => s.c);
  if (out.length === 0 && candidates.length > 0) {
    const best = closest(needle, candidates as string[]);
    if (distance(needle, best.toLowerCase()) <= limit + 1) out.push(best);
  }
  return out;
}

export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  return ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(', ').replace(/, ([^,]*)$/, ' or $1')}?`;
}

/** "avx2 is an x86_64 feature" hints for names that belong to another architecture. */
export function otherArchOf(name: string, arch: string): string | undefined {
  const hits = lookupFeatureAnyArch(name).filter((f) => f.arch !== arch);
  return hits[0]?.arch;
}

/** The sentence-initial form of a phrase: its first letter capitalised. */
export function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "an x86_64", "an aarch64", "a ppc64le", "an s390x": as the names are read aloud. */
export function withArticle(arch: string): string {
  return `${/^(x|a|s)/.test(arch) ? 'an' : 'a'} ${arch}`;
}

/** A user's name as a message may quote it: control characters escaped, long names cut. */
export function shown(name: string, max = 40): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
