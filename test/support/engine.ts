// Helpers for engine tests: validate a string, find findings by rule, read the text a range covers.
import { validateText, type Finding, type ValidateOptions } from '../../server/src/engine';

export const MANIFEST_URI = 'file:///work/orders.criu.yaml';

export function lint(text: string, options: ValidateOptions = {}, uri = MANIFEST_URI): Finding[] {
  return validateText(uri, text, options);
}

export function byRule(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

export function ids(findings: Finding[]): string[] {
  return findings.map((f) => f.ruleId).sort();
}

/** The source text a single-line range covers. */
export function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  const { start, end } = f.range;
  if (start.line !== end.line) return lines.slice(start.line, end.line + 1).join('\n');
  return lines[start.line].slice(start.character, end.character);
}

/**
 * A clean x86_64 manifest to start from; `extra` is appended at the end. It states an OpenJ9 release whose JIT is
 * portable (last, so positions above stay put), unless head or extra says something about the JVM itself.
 */
export function x86(extra = '', head = ''): string {
  const jvm = /^jvm:|^runtime: crac/m.test(head + extra) ? '' : `${extra && !extra.endsWith('\n') ? '\n' : ''}jvm:\n  release: 0.51.0\n`;
  return `${x86Body(extra, head)}${jvm}`;
}

function x86Body(extra: string, head: string): string {
  return `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: orders-service
arch: x86_64
baseline: openj9-portable
${head}restore:
  onIncompatibleCpu: exit
  targets:
    - name: pool-a
      microarchitecture: sandybridge
${extra}`;
}

/** Issue 2's scenario: openj9-portable, `requires: [avx2]`, an Ivy Bridge target (OpenJ9 0.51.0: portable JIT). */
export const AVX2_ON_IVYBRIDGE = `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: orders-service
arch: x86_64
baseline: openj9-portable
requires: [avx2]
restore:
  onIncompatibleCpu: exit
  targets:
    - name: pool-a
      microarchitecture: ivybridge
jvm:
  release: 0.51.0
`;

/** A Liberty manifest without a policy, and a Deployment running its image with `replicas` replicas. */
export const LIBERTY_NO_POLICY = `apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: orders
image: registry.example.com/shop/orders:2.3
runtime: liberty
arch: x86_64
`;

export function ordersDeployment(replicas: number, image = 'registry.example.com/shop/orders:2.3'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: orders } }
  template:
    metadata: { labels: { app: orders } }
    spec:
      containers:
        - name: app
          image: ${image}
`;
}
