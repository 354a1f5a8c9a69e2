// Helpers for the Kubernetes engine tests: the orders Deployment, a workspace view over manifest files, lint with a
// workspace (the Analysis is returned for kubeFixes), fix application through the shared applyEdits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { kubeFixes } from '../../server/src/engine/rules/kube';
import { pathToFileURL } from 'node:url';
import { analyze, validate, type Analysis, type Finding, type Fix, type WorkspaceView } from '../../server/src/engine';
import { applyEdits } from '../helpers/fixes';

/** The orders Deployment (one container, `orders`), with lines added to its pod spec and to its container. */
export const deployment = (podSpecExtra: string, containerExtra = '', replicas = 2, image = 'registry.example.com/orders:2.3-instanton') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  replicas: ${replicas}
  template:
    spec:
${podSpecExtra}      containers:
        - name: orders
          image: ${image}
${containerExtra}`;

/** Pod spec lines that pin a workload to amd64 nodes. */
export const PINNED = '      nodeSelector:\n        kubernetes.io/arch: amd64\n';

/** The orders Deployment pinned to amd64 with one replica: a restoring container with these env entries. */
export const restoring = (env: string, image = 'icr.io/example/orders-instanton:1', caps = '[CHECKPOINT_RESTORE, SETPCAP]') =>
  deployment(PINNED, `          env:\n${env}          securityContext:\n            capabilities:\n              add: ${caps}\n`, 1, image);

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** A workspace holding the manifests of these (uri, text) files. */
export function workspaceOf(files: Record<string, string>): WorkspaceView {
  const analyses = Object.entries(files).map(([uri, text]) => analyze(uri, text));
  return { *manifests() { for (const a of analyses) for (const context of a.manifests) yield { uri: a.uri, context }; } };
}

export function workspaceFromPaths(paths: string[]): WorkspaceView {
  return workspaceOf(Object.fromEntries(paths.map((p) => [uriOf(p), readFileSync(p, 'utf8')])));
}

export function lint(uri: string, text: string, workspace?: WorkspaceView): { analysis: Analysis; findings: Finding[] } {
  const analysis = analyze(uri, text);
  return { analysis, findings: validate(analysis, { workspace }) };
}

export function codes(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** The fix a Kubernetes finding offers (the first, or the one whose title matches); fails the test when absent. */
export function pickKubeFix(uri: string, text: string, ruleId: string, title?: RegExp): Fix {
  const { analysis, findings } = lint(uri, text);
  const finding = findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${ruleId} in ${codes(findings)}`);
  const fixes = kubeFixes(analysis, finding, undefined);
  const chosen = title ? fixes.find((f) => title.test(f.title)) : fixes[0];
  assert.ok(chosen, fixes.map((f) => f.title).join('; '));
  return chosen;
}

/** Applies that fix and checks the result: YAML that parses, and the finding gone. */
export function applyKubeFix(uri: string, text: string, ruleId: string, title?: RegExp): string {
  const out = applyFix(text, pickKubeFix(uri, text, ruleId, title));
  for (const d of parseAllDocuments(out) as unknown as { errors: unknown[] }[]) assert.deepEqual(d.errors, [], out);
  assert.ok(!codes(lint(uri, out).findings).includes(ruleId), out);
  return out;
}
