// Sample manifests shared by hover, completion, code-lens and protocol tests.
export const MANIFEST_URI = 'file:///work/orders-service.criu.yaml';

/** requires avx2 + fma over openj9-portable; pool-a (ivybridge) lacks them, pool-b (haswell) can restore. */
export const SAMPLE = `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: orders-service
runtime: liberty
jvm:
  release: 0.51.0
arch: x86_64
baseline: openj9-portable
requires: [avx2, fma]
restore:
  onIncompatibleCpu: exit
  targets:
    - name: pool-a
      microarchitecture: ivybridge
    - name: pool-b
      microarchitecture: haswell
    - name: pool-p
      microarchitecture: power9le
`;

/** An OpenJ9 manifest of `image` checkpointed on skylake, restored on haswell or exiting: one link target for a Deployment. */
export const ordersExitManifest = (image: string) => `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: orders
runtime: openj9
arch: x86_64
image: ${image}
checkpoint:
  host: {microarchitecture: skylake}
restore:
  onIncompatibleCpu: exit
  targets:
    - {microarchitecture: haswell}
`;

/** Position of the n-th occurrence of `needle` in text (+ offset into it). */
export function positionOf(text: string, needle: string, offset = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
