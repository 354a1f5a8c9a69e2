// `criu-portability.io/ignore-<id>: "<reason>"` on a workload or its pod template: the rules it suppresses, the
// ones that suppressed nothing (reported like unused suppression comments), and the fix that removes one.
import type { Pair, Scalar, YAMLMap } from 'yaml';
import type { Analysis } from '../analyze';
import type { Finding, Fix, Severity } from '../types';
import { removePair } from '../edit/map';
import { asMap, asScalar, getPair, isPair, keyText, nodeSpan } from '../yaml/nodes';
import { readWorkloads, type Workload } from './model';

export const IGNORE_ANNOTATION_PREFIX = 'criu-portability.io/ignore-';

export interface IgnoreAnnotation {
  /** The rule id after the prefix. */
  id: string;
  keyNode: Scalar;
  pair: Pair<unknown, unknown>;
  /** The `annotations` map, and the metadata map holding it. */
  annotations: YAMLMap<unknown, unknown>;
  metadata: YAMLMap<unknown, unknown>;
}

/** Ignore annotations of the object and of its pod template, in source order. */
export function ignoreAnnotations(w: Workload): IgnoreAnnotation[] {
  const out: IgnoreAnnotation[] = [];
  for (const metadata of [w.objectMetadata, w.templateMetadata]) {
    const annotations = asMap(getPair(metadata, 'annotations')?.value);
    if (!metadata || !annotations) continue;
    for (const pair of annotations.items) {
      const key = isPair(pair) ? keyText(pair) : undefined;
      const keyNode = asScalar(pair.key);
      if (!key?.startsWith(IGNORE_ANNOTATION_PREFIX) || !keyNode) continue;
      out.push({ id: key.slice(IGNORE_ANNOTATION_PREFIX.length), keyNode, pair, annotations, metadata });
    }
  }
  return out;
}

/**
 * unused-suppression findings for the ignore annotations whose rule reported nothing on their workload (or that
 * name no Kubernetes rule). `fired` holds, per workload index, the ids of the rules that reported on it.
 */
export function unusedAnnotationFindings(analysis: Analysis, fired: ReadonlyMap<number, ReadonlySet<string>>, isRule: (id: string) => boolean, severity: Severity): Finding[] {
  const out: Finding[] = [];
  for (const w of readWorkloads(analysis.otherDocuments)) {
    for (const a of ignoreAnnotations(w)) {
      if (fired.get(w.index)?.has(a.id)) continue;
      const span = nodeSpan(a.keyNode);
      if (!span) continue;
      const why = isRule(a.id) ? `${a.id} reports nothing on ${w.kind}${w.name ? ` "${w.name}"` : ''}` : `"${a.id}" is not a Kubernetes rule`;
      out.push({
        ruleId: 'unused-suppression',
        severity,
        message: `The annotation ${IGNORE_ANNOTATION_PREFIX}${a.id} suppresses nothing: ${why}.`,
        range: analysis.yaml.range(span[0], span[1]),
        data: { ids: [a.id], annotation: true },
      });
    }
  }
  return out;
}

/** "Remove this annotation" for an unused-suppression finding at an annotation key; the map too when it empties. */
export function removeAnnotationFixes(analysis: Analysis, finding: Finding): Fix[] {
  const { line, character } = finding.range.start;
  for (const w of readWorkloads(analysis.otherDocuments)) {
    for (const a of ignoreAnnotations(w)) {
      const p = analysis.yaml.pos(a.keyNode.range![0]);
      if (p.line !== line || p.character !== character) continue;
      const edit = a.annotations.items.length === 1
        ? removePair(analysis.yaml, a.metadata, getPair(a.metadata, 'annotations')!)
        : removePair(analysis.yaml, a.annotations, a.pair);
      return [{ title: 'Remove this annotation', edits: [edit], isPreferred: true }];
    }
  }
  return [];
}
