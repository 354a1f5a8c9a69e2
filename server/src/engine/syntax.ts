// Which YAML parse errors become `yaml-syntax` findings. A checkpoint manifest is ours: every error counts.
// Other YAML is someone else's (Helm values, CI configs, OpenAPI documents, ordinary workloads): a file
// without a Kubernetes object gets nothing, and in Kubernetes YAML a document that does not parse gets one
// finding (its first error, saying how many follow), since no rule can run on it. Duplicate keys there are
// the API server's business, except in a document holding a restore workload, where which value wins
// decides what the restore sees.
import type { Document } from 'yaml';
import type { Analysis } from './analyze';
import type { Finding } from './types';
import type { YamlError } from './yaml/parse';
import { asMap, getValue, textOf } from './yaml/nodes';

const DUPLICATE_KEY = 'DUPLICATE_KEY';

/** `restoreDocuments` is asked only when a document's sole errors are duplicate keys. */
export function syntaxFindings(analysis: Analysis, restoreDocuments: () => ReadonlySet<Document.Parsed>): Finding[] {
  const errors = analysis.yaml.errors;
  if (errors.length === 0) return [];
  if (analysis.isManifestFile) return errors.map((e) => finding(e));
  const manifestDocuments = new Set(analysis.manifests.map((m) => m.document));
  const byDocument = new Map<Document.Parsed, YamlError[]>();
  const out: Finding[] = [];
  for (const e of errors) {
    if (manifestDocuments.has(e.document)) {
      out.push(finding(e));
      continue;
    }
    const list = byDocument.get(e.document);
    if (list) list.push(e);
    else byDocument.set(e.document, [e]);
  }
  if (byDocument.size === 0 || !analysis.otherDocuments.some(isKubernetesObject)) return out;
  for (const [document, list] of byDocument) {
    if (list.every((e) => e.code === DUPLICATE_KEY)) {
      if (restoreDocuments().has(document)) for (const e of list) out.push(finding(e)); // not push(...): one per duplicate key
      continue;
    }
    const first = list.find((e) => e.code !== DUPLICATE_KEY)!;
    out.push(finding(first, list.length - 1));
  }
  return out;
}

function finding(e: YamlError, more = 0): Finding {
  const rest = more === 0 ? '' : ` (${more} more error${more === 1 ? '' : 's'} in this document follow${more === 1 ? 's' : ''})`;
  const data: Record<string, unknown> = { yamlCode: e.code };
  if (more) data.moreErrors = more;
  return { ruleId: 'yaml-syntax', severity: 'error', message: `YAML syntax: ${e.message}${rest}`, range: e.range, data };
}

/** A top-level mapping with `apiVersion` and `kind`: what kubectl would send to an API server. */
export function isKubernetesObject(document: Document.Parsed): boolean {
  const root = asMap(document.contents);
  return !!root && textOf(getValue(root, 'apiVersion')) !== undefined && textOf(getValue(root, 'kind')) !== undefined;
}
