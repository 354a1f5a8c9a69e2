// Large generated Kubernetes files for the protocol tests that measure limits and responsiveness.

/** Deployments with restore containers (each with findings), up to `maxChars` characters. */
export function restoreDeployments(maxChars: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const doc = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d${i}
  labels: &l${i} {app: d${i}, tier: web}
spec:
  replicas: 3
  selector: {matchLabels: *l${i}}
  template:
    metadata: {labels: *l${i}}
    spec:
      containers:
      - name: c
        image: registry.example.com/orders:1.0
        env: [{name: JAVA_TOOL_OPTIONS, value: "-XX:+EnableCRIUSupport -Xmx1g"}]
        securityContext: {capabilities: {add: [CHECKPOINT_RESTORE]}}
`;
    if (size + doc.length > maxChars) return parts.join('');
    parts.push(doc);
    size += doc.length;
  }
}
