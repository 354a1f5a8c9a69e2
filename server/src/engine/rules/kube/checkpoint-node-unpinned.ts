// The checkpoint side: the node a checkpoint Job runs on gives the image its checkpoint host.
import type { RuleMeta } from '../../types';
import type { ReportInput } from '../types';
import type { CheckpointWorkload } from '../../kube';
import { kubeMeta } from './types';
import { containerSpan } from '../../kube/fixes';

/** Labels that choose an architecture or OS but not a CPU generation. */
const NOT_A_PIN = new Set(['kubernetes.io/arch', 'beta.kubernetes.io/arch', 'kubernetes.io/os', 'beta.kubernetes.io/os']);

export const meta: RuleMeta = kubeMeta(
  'checkpoint-node-unpinned',
  'warning',
  'A Job that takes a checkpoint can run on any node: that node\'s CPU becomes the image\'s checkpoint host.',
  false,
);

export function check(cw: CheckpointWorkload, report: (r: ReportInput) => void): void {
  if (cw.constraints.all.some((r) => !NOT_A_PIN.has(r.key))) return;
  const c = cw.containers[0];
  report({
    message: `${cw.workload.kind} "${cw.workload.name ?? ''}" takes a checkpoint on whatever node the scheduler picks, and that node's CPU becomes the image's checkpoint host: the JIT code (OpenJ9 0.41 to 0.49 without -XX:+JVMPortableRestoreMode, CRaC without -XX:CPUFeatures) and glibc's routines are chosen for it, so a checkpoint taken on the newest node crashes on older ones. Pin it with a nodeSelector or required node affinity (a node pool, an instance type, or NFD cpu labels of the oldest CPU you restore on).`,
    span: containerSpan(c),
    data: { container: c.index },
  });
}
