// Generated hostile inputs (issue 15): huge finding counts, huge single values, many lines, one huge line,
// generated-chart markers. Each case is a file's text and the uri that decides how it is read (manifest or not).
export interface HostileCase {
  name: string;
  uri: string;
  text: string;
}

const MANIFEST_HEAD = 'apiVersion: criu-portability/v1\nkind: CheckpointManifest\nmetadata:\n  name: hostile\nruntime: openj9\narch: x86_64\n';

/** A block list of unknown feature names: one finding per line, about `bytes` long. */
function manyUnknownFeatures(bytes: number): string {
  const parts = [MANIFEST_HEAD, 'requires:\n'];
  let size = parts[0].length + parts[1].length;
  for (let i = 0; size < bytes; i++) {
    const line = `  - zz${i.toString(36)}\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

/** A flow list of unknown feature names on one line. */
function oneLineManifest(bytes: number): string {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = `q${i.toString(36)}`;
    items.push(item);
    size += item.length + 2;
  }
  return `${MANIFEST_HEAD.replace(/\n/g, '\n')}requires: [${items.join(', ')}]\n`;
}

/** A Deployment restoring a checkpoint whose JAVA_TOOL_OPTIONS holds `tokens` options. */
function hugeJavaToolOptions(tokens: number): string {
  const opts: string[] = [];
  for (let i = 0; i < tokens; i++) opts.push(i % 3 === 0 ? `-XX:+CRIURestoreNonPortableMode` : i % 3 === 1 ? `-Dp${i}=v` : `-XX:Foo${i}`);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: orders
          image: registry.example.com/orders:2.3-instanton
          env:
            - name: JAVA_TOOL_OPTIONS
              value: "-XX:+EnableCRIUSupport ${opts.join(' ')}"
`;
}

/** Helm output: a `# Source:` line before each of `count` small documents. */
function helmSources(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`---\n# Source: chart/templates/cm-${i}.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`);
  return parts.join('');
}

/** `lines` lines of one manifest (unknown keys: a finding each). */
function manyLines(lines: number): string {
  const parts = [MANIFEST_HEAD];
  for (let i = 0; i < lines; i++) parts.push(`k${i}: v\n`);
  return parts.join('');
}

/** A multi-document Kubernetes file of restore Deployments, about `bytes` long. */
function bigKubernetes(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const doc = `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: c\n          image: registry.example.com/orders:2.3-instanton\n          env:\n            - name: CRIU_RESTORE_DISABLE_RECOVERY\n              value: "false"\n`;
    parts.push(doc);
    size += doc.length;
  }
  return parts.join('');
}

/** Deep flow nesting: `[[[[...]]]]`. */
function deepNesting(depth: number): string {
  return `${MANIFEST_HEAD}requires: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/** Scale 1 is the size the issue names; the fast suite runs smaller scales. */
export function hostileCases(scale = 1): HostileCase[] {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  return [
    { name: `manifest with ~${n(1_000_000)} findings (5.2 MB at scale 1)`, uri: 'file:///h/many.criu.yaml', text: manyUnknownFeatures(n(5_200_000)) },
    // Always the 1 MB: ~150,000 findings, past the ~125,000 arguments a push(...findings) overflowed at.
    { name: 'one-line 1 MB manifest', uri: 'file:///h/oneline.criu.yaml', text: oneLineManifest(1_000_000) },
    { name: `JAVA_TOOL_OPTIONS of ${n(150_000)} tokens`, uri: 'file:///h/jto.yaml', text: hugeJavaToolOptions(n(150_000)) },
    { name: `${n(130_000)} # Source: lines`, uri: 'file:///h/helm.yaml', text: helmSources(n(130_000)) },
    { name: `${n(100_000)}-line manifest`, uri: 'file:///h/lines.criu.yaml', text: manyLines(n(100_000)) },
    { name: 'Kubernetes file', uri: 'file:///h/kube.yaml', text: bigKubernetes(n(10_000_000)) },
    { name: 'deep flow nesting', uri: 'file:///h/deep.criu.yaml', text: deepNesting(n(50_000)) },
  ];
}
