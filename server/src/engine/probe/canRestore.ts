// Can this host run an image that requires these features?
import type { HostCpu } from './types';

/** `required` holds canonical ids; `missing` lists those the host lacks, sorted. */
export function canRestore(host: HostCpu, required: Iterable<string>): { ok: boolean; missing: string[] } {
  const have = new Set(host.features);
  const missing = [...new Set(required)].filter((f) => !have.has(f)).sort();
  return { ok: missing.length === 0, missing };
}
