// Deterministic inputs for the benchmark: multi-document Kubernetes files of a target size (varied workloads,
// restore containers linked to a manifest by image and by annotation, anchors and aliases, comments) and
// checkpoint manifests with many targets. Same seed, same text: runs are comparable across commits.

export const ORDERS_IMAGE = 'registry.example.com/shop/orders:2.3-instanton';
export const ORDERS_MANIFEST = 'orders.criu.yaml';
export const PAYMENTS_MANIFEST = 'payments.criu.yaml';

const X86_MICROARCHITECTURES = [
  'sandybridge', 'ivybridge', 'haswell', 'broadwell', 'skylake', 'skylake_avx512', 'cascadelake', 'icelake',
  'zen', 'zen2', 'zen3', 'zen4', 'sapphirerapids',
];
const HOST_FEATURES =
  'fpu, cx8, cmov, mmx, fxsr, sse, sse2, pni, ssse3, sse4_1, sse4_2, popcnt, aes, pclmulqdq, avx, f16c, rdrand, ' +
  'fma, avx2, bmi1, bmi2, abm, movbe, xsave, xsavec, xsaveopt, adx, rdseed, avx512f, avx512dq, avx512cd, ' +
  'avx512bw, avx512vl, avx512_vnni, clflushopt, clwb, cx16, lahf_lm';
const TARGET_FEATURES = 'fpu, cx8, cmov, mmx, fxsr, sse, sse2, pni, ssse3, sse4_1, sse4_2, popcnt, aes, pclmulqdq, avx, cx16';

/** A manifest linked by image (`orders`) with `targets` restore targets (a few use explicit feature lists). */
export function manifestText(name: string, image: string, targets: number): string {
  let out = `# Checkpoint manifest of ${name}, generated for the benchmark.
apiVersion: criu-portability/v1
kind: CheckpointManifest
metadata:
  name: ${name}
  description: Generated for npm run bench
image: ${image}
runtime: liberty
arch: x86_64
baseline: openj9-portable
checkpoint:
  host:
    model: "Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz"
    microarchitecture: cascadelake
    features: [${HOST_FEATURES}]
  glibcTunables: "glibc.cpu.hwcaps=-XSAVEC,-XSAVE,-AVX2,-ERMS,-AVX,-AVX_Fast_Unaligned_Load"
restore:
  onIncompatibleCpu: exit   # scaled deployments: fail fast
  targets:
`;
  for (let i = 0; i < targets; i++) {
    if (i % 10 === 9) out += `    - name: pool-${i}   # explicit feature list\n      features: [${TARGET_FEATURES}]\n`;
    else out += `    - name: pool-${i}\n      microarchitecture: ${X86_MICROARCHITECTURES[i % X86_MICROARCHITECTURES.length]}\n`;
  }
  return out;
}

interface Workload {
  text: string;
  isWorkload: boolean;
}

const jvmEnv = (restore: boolean) => `            - name: JAVA_TOOL_OPTIONS
              value: "${restore ? '-XX:+EnableCRIUSupport ' : ''}-Xshareclasses:name=orders"
            - name: WLP_LOGGING_CONSOLE_FORMAT
              value: json
            - name: TZ
              value: UTC`;

function podSpec(i: number, link: 'image' | 'annotation' | 'none', indent: string): string {
  const image = link === 'image' ? ORDERS_IMAGE : link === 'annotation' ? `registry.example.com/shop/payments:5.${i % 9}` : `nginx:1.27.${i % 5}`;
  const restore = link !== 'none';
  const body = `spec:
  # Pinned to CPUs that can restore the checkpoint (NFD labels).
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions:
              - key: kubernetes.io/arch
                operator: In
                values: [amd64]
              - key: feature.node.kubernetes.io/cpu-cpuid.AVX
                operator: In
                values: ["true"]
  containers:
    - name: app
      image: ${image}
      imagePullPolicy: IfNotPresent
      env: &env
${jvmEnv(restore).replace(/^ {4}/gm, '')}
      ports:
        - containerPort: 9080
          name: http
      resources: &resources
        requests: { cpu: 500m, memory: 512Mi }
        limits: { cpu: "2", memory: 1Gi }
      securityContext:
        allowPrivilegeEscalation: ${restore}
        capabilities:
          add: ${restore ? '[CHECKPOINT_RESTORE, SETPCAP]' : '[]'}
          drop: [ALL]
      readinessProbe:
        httpGet: { path: /health/ready, port: 9080 }
        periodSeconds: 5
    - name: log-shipper   # sidecar, never restored
      image: fluent/fluent-bit:3.${i % 4}
      env: *env
      resources: *resources`;
  return body.replace(/^/gm, indent);
}

function annotations(link: 'image' | 'annotation' | 'none'): string {
  const a = link === 'annotation' ? `\n    criu-portability.io/manifest: ./${PAYMENTS_MANIFEST}` : '';
  return `  annotations:\n    team.example.com/owner: shop${a}`;
}

function deployment(i: number, link: 'image' | 'annotation' | 'none'): Workload {
  return {
    isWorkload: true,
    text: `# Deployment ${i}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-${i}
  namespace: shop
  labels: &labels
    app: orders-${i}
    tier: backend
${annotations(link)}
spec:
  replicas: ${1 + (i % 9)}
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
${podSpec(i, link, '    ')}
`,
  };
}

function statefulSet(i: number, link: 'image' | 'annotation' | 'none'): Workload {
  return {
    isWorkload: true,
    text: `# StatefulSet ${i}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ledger-${i}
  labels: &labels
    app: ledger-${i}
${annotations(link)}
spec:
  serviceName: ledger-${i}
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
${podSpec(i, link, '    ')}
  volumeClaimTemplates:
    - metadata: { name: data }
      spec:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 10Gi } }
`,
  };
}

function cronJob(i: number, link: 'image' | 'annotation' | 'none'): Workload {
  return {
    isWorkload: true,
    text: `# CronJob ${i}: nightly report
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report-${i}
${annotations(link)}
spec:
  schedule: "${i % 60} 2 * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        metadata:
          labels: { job: report-${i} }
${podSpec(i, link, '        ').replace(/^( {8}spec:)$/m, '$1\n          restartPolicy: OnFailure')}
`,
  };
}

function libertyApp(i: number, link: 'image' | 'annotation' | 'none'): Workload {
  const image = link === 'image' ? ORDERS_IMAGE : `registry.example.com/shop/catalog:1.${i % 7}`;
  return {
    isWorkload: true,
    text: `# Open Liberty InstantOn application ${i}
apiVersion: apps.openliberty.io/v1
kind: OpenLibertyApplication
metadata:
  name: catalog-${i}
${annotations(link)}
spec:
  applicationImage: ${image}
  replicas: ${1 + (i % 4)}
  affinity:
    architecture: [amd64]
    nodeAffinityLabels:
      feature.node.kubernetes.io/cpu-cpuid.AVX: "true"
      feature.node.kubernetes.io/cpu-cpuid.AESNI: "true"
  env:
    - name: OPENJ9_RESTORE_JAVA_OPTIONS
      value: "-Xmx512m"
    - name: CRIU_RESTORE_DISABLE_RECOVERY
      value: "true"
  securityContext:
    allowPrivilegeEscalation: true
    capabilities:
      add: [CHECKPOINT_RESTORE, SETPCAP]
      drop: [ALL]
  autoscaling:
    minReplicas: 2
    maxReplicas: 10
    targetCPUUtilizationPercentage: 70
`,
  };
}

function service(i: number): Workload {
  return {
    isWorkload: false,
    text: `apiVersion: v1
kind: Service
metadata:
  name: orders-${i}
spec:
  selector: { app: orders-${i} }
  ports:
    - name: http
      port: 80
      targetPort: 9080
`,
  };
}

function configMap(i: number): Workload {
  const lines = Array.from({ length: 12 }, (_, k) => `    logging.level.com.example.module${k}=INFO`).join('\n');
  return {
    isWorkload: false,
    text: `# Application settings ${i}
apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-config-${i}
data:
  server.env: |
    WLP_LOGGING_CONSOLE_LOGLEVEL=info
${lines}
  feature-flags: '{"checkout": true, "recommendations": false}'
`,
  };
}

const LINKS: Array<'image' | 'annotation' | 'none'> = ['image', 'annotation', 'none', 'image', 'none'];

/** Documents cycle through workload kinds; 3 of 5 workloads hold a restore container. */
export function nthDocument(n: number): Workload {
  const link = LINKS[n % LINKS.length];
  switch (n % 8) {
    case 0: case 3: return deployment(n, link);
    case 1: return service(n);
    case 2: return statefulSet(n, link);
    case 4: return cronJob(n, link);
    case 5: return configMap(n);
    case 6: return libertyApp(n, link);
    default: return deployment(n, link);
  }
}

export interface KubeFile {
  text: string;
  documents: number;
  workloads: number;
  lines: number;
}

/** Documents until the text reaches `bytes` (UTF-8; the text is ASCII, so also UTF-16 code units). */
export function kubeFileOfBytes(bytes: number): KubeFile {
  return build((length) => length >= bytes);
}

/** Documents until the text reaches `lines` lines. */
export function kubeFileOfLines(lines: number): KubeFile {
  let count = 0;
  return build((_length, added) => (count += added) >= lines);
}

function build(done: (length: number, addedLines: number) => boolean): KubeFile {
  const parts: string[] = [];
  let length = 0;
  let workloads = 0;
  let lines = 0;
  for (let n = 0; ; n++) {
    const doc = nthDocument(n);
    const part = (n === 0 ? '' : '---\n') + doc.text;
    parts.push(part);
    length += part.length;
    const added = countLines(part);
    lines += added;
    if (doc.isWorkload) workloads++;
    if (done(length, added)) {
      return { text: parts.join(''), documents: n + 1, workloads, lines };
    }
  }
}

function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
