// The contract between the engine and its rules. One file per rule exports a `rule` object: its meta beside its
// logic (check) and its quick fixes (fixes), ESLint-style. Fixes are chosen by the finding's rule id and `data`,
// never by message text.
import type { Finding, Fix, Range, RelatedInformation, RuleMeta } from '../types';
import type { ManifestContext } from '../manifest/context';
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

export type { FileContext, ManifestContext } from '../manifest/context';

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
