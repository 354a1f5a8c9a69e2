// What the engine knows about one manifest document after analysis: the model, its requirement set and its schema
// issues. Models, rules and services all read it; it lives with the model so that models never import rules.
import type { Document } from 'yaml';
import type { ParsedYaml } from '../yaml/parse';
import type { Manifest } from './model';
import type { Requirements } from './requirements';
import type { SchemaIssue } from './schema';

export interface FileContext {
  uri: string;
  yaml: ParsedYaml;
}

export interface ManifestContext extends FileContext {
  document: Document.Parsed;
  manifest: Manifest;
  requirements: Requirements;
  schema: SchemaIssue[];
  /** The document has YAML errors: rules about absent things stay quiet until it parses. */
  parseErrors: boolean;
}
