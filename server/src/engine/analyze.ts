// Parse once, build every model once: the Analysis of one (uri, text) is shared by diagnostics, hover,
// completion and code actions (the server caches it per uri and version).
import type { Document } from 'yaml';
import { parseYaml, type ParsedYaml } from './yaml/parse';
import { withLineFeeds } from './yaml/lineEndings';
import { hasYamlErrors } from './yaml/duplicateKeys';
import { isManifestUri, looksLikeManifest, readManifest } from './manifest/model';
import { requirementsOf } from './manifest/requirements';
import { schemaIssues } from './manifest/schema';
import type { ManifestContext } from './manifest/context';

export interface Analysis {
  uri: string;
  text: string;
  yaml: ParsedYaml;
  manifests: ManifestContext[];
  /** Documents that are not manifests: candidates for the Kubernetes model. */
  otherDocuments: Document.Parsed[];
  /** Documents of a manifest file that are not a mapping (a scalar or a list). */
  notMappings: Document.Parsed[];
  isManifestFile: boolean;
}

/** `source` may end its lines with `\n`, `\r\n` or a lone `\r`; `Analysis.text` has the lone ones as `\n`. */
export function analyze(uri: string, source: string): Analysis {
  const text = withLineFeeds(source);
  const yaml = parseYaml(text);
  const isManifestFile = isManifestUri(uri);
  const manifests: ManifestContext[] = [];
  const otherDocuments: Document.Parsed[] = [];
  const notMappings: Document.Parsed[] = [];
  for (const document of yaml.documents) {
    if (!looksLikeManifest(document, isManifestFile)) {
      otherDocuments.push(document);
      continue;
    }
    const manifest = readManifest(document);
    if (!manifest) {
      notMappings.push(document); // a scalar or a list where a manifest should be
      continue;
    }
    // A document that does not parse has an unreliable structure: absence and type checks (missing fields,
    // unknown keys, the policy) would only echo the syntax error, so they wait until it parses.
    const parseErrors = hasYamlErrors(document);
    manifests.push({
      uri,
      yaml,
      document,
      manifest,
      requirements: requirementsOf(manifest),
      schema: parseErrors || !document.contents ? [] : schemaIssues(document.contents),
      parseErrors,
    });
  }
  return { uri, text, yaml, manifests, otherDocuments, notMappings, isManifestFile };
}
