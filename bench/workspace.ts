// The benchmark's workspace on disk: the linked manifests and the Kubernetes files, in a fresh temp directory,
// so a server that scans its workspace finds the same manifests the engine benchmark's WorkspaceView holds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kubeFileOfBytes, kubeFileOfLines, manifestText, ORDERS_IMAGE, ORDERS_MANIFEST, PAYMENTS_MANIFEST } from './generate';

export interface BenchFile {
  name: string;
  uri: string;
  text: string;
  /** The language id VS Code gives it. */
  languageId: 'yaml' | 'criu-manifest';
}

export interface BenchWorkspace {
  dir: string;
  rootUri: string;
  orders: BenchFile;
  payments: BenchFile;
  /** The 5,000-line Kubernetes file of the edit benchmark. */
  lines5000: BenchFile;
  kube100KB: BenchFile;
  kube1MB: BenchFile;
  fleet1000: BenchFile;
  uriOf(name: string): string;
  dispose(): void;
}

export function createBenchWorkspace(): BenchWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'criu-bench-'));
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;
  const file = (name: string, text: string): BenchFile => {
    writeFileSync(join(dir, name), text);
    return { name, uri: uriOf(name), text, languageId: /\.criu\.ya?ml$/.test(name) ? 'criu-manifest' : 'yaml' };
  };
  return {
    dir,
    rootUri: pathToFileURL(dir).href,
    orders: file(ORDERS_MANIFEST, manifestText('orders-service', ORDERS_IMAGE, 4)),
    payments: file(PAYMENTS_MANIFEST, manifestText('payments-service', 'registry.example.com/shop/payments', 4)),
    lines5000: file('deploy-5000-lines.yaml', kubeFileOfLines(5000).text),
    kube100KB: file('deploy-100KB.yaml', kubeFileOfBytes(100_000).text),
    kube1MB: file('deploy-1MB.yaml', kubeFileOfBytes(1_000_000).text),
    fleet1000: file('fleet-1000.criu.yaml', manifestText('fleet', ORDERS_IMAGE, 1000)),
    uriOf,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
