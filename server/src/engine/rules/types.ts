// The contract between the engine and its rules. One file per rule exports a `rule` object: its meta beside its
// logic (check) and its quick fixes (fixes), ESLint-style. Fixes are chosen by the finding's rule id and `data`,
// never by message text.
import type { Document } from 'yaml';
import type { Finding, Fix, Range, RelatedInformation, RuleMeta } from '../types';
import type { ParsedYaml } from '../yaml/parse';
import type { Manifest } from '../manifest/model';
import type { Requirements } from '../manifest/requirements';
import type { SchemaIssue } from '../manifest/schema';
import type { LinkedWorkload } from '../kube/scale';
import type { Arch } from '../catalog/types';

export interface ReportInput {
  message: string;
  /** Source offsets [start, end); or give `range`. */
  span?: [number, number];
  range?: Range;
  data?: Record<string, unknown>;
  related?: RelatedInformation[];
}

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

/** What fixes may know beyond the document: the workloads (in open Kubernetes files) that link to this manifest. */
export interface FixEnvironment {
  linkedWorkloads?: readonly LinkedWorkload[];
  /** The project's defaults (.criu-portability.yaml), for fixes that must pick a value. */
  defaults?: { arch?: Arch; baseline?: string };
}

export interface ManifestRule {
  meta: RuleMeta;
  check(ctx: ManifestContext, report: (r: ReportInput) => void): void;
  fixes?(ctx: ManifestContext, finding: Finding, env?: FixEnvironment): Fix[];
}
