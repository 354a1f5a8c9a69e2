// The checkpoint side: a Job (or CronJob, or bare Pod) that takes the checkpoint rather than restoring one. Its node's
// CPU becomes the image's checkpoint host, so restore rules do not apply to it; where it may run does matter.
import type { Container, Workload } from './model';
import { asSeq, getValue, textOf } from '../yaml/nodes';

const CHECKPOINT_KINDS = new Set(['Job', 'CronJob', 'Pod']);

/**
 * A container that creates a checkpoint: CRaC's -XX:CRaCCheckpointTo without -XX:CRaCRestoreFrom (CRaC docs), or
 * Open Liberty's `checkpoint.sh` / `server checkpoint` (OpenLiberty/ci.docker helpers/build/checkpoint.sh) in its
 * command or args, in a run-to-completion workload.
 */
export function isCheckpointContainer(w: Workload, c: Container, options: readonly { text: string }[]): boolean {
  if (!CHECKPOINT_KINDS.has(w.kind)) return false;
  const cracCheckpoint = options.some((o) => o.text.startsWith('-XX:CRaCCheckpointTo'));
  const cracRestore = options.some((o) => o.text.startsWith('-XX:CRaCRestoreFrom'));
  if (cracCheckpoint && !cracRestore) return true;
  const words = ['command', 'args'].flatMap((k) => (asSeq(getValue(c.node, k))?.items ?? []).map((i) => textOf(i) ?? ''));
  const line = words.join(' ');
  return /(^|[\s/])checkpoint\.sh(\s|$)/.test(line) || /(^|[\s/])server\s+checkpoint(\s|$)/.test(line) || /-XX:CRaCCheckpointTo=/.test(line) && !/-XX:CRaCRestoreFrom=/.test(line);
}
