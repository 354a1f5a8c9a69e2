// Engine vs parse, in process: a full validation (analyze + validate, with a WorkspaceView holding the linked
// manifests) against the bare `yaml` parseAllDocuments of the same text. Median of several runs after warm-up.
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { analyze, validate, type WorkspaceView } from '../server/src/engine';
import type { WorkspaceManifest } from '../server/src/engine/workspace';
import { kubeFileOfBytes, manifestText, ORDERS_IMAGE, ORDERS_MANIFEST, PAYMENTS_MANIFEST } from './generate';
import { collectGarbage, median, progress } from './stats';

export const BENCH_ROOT_URI = 'file:///bench';

export interface EngineResult {
  label: string;
  kind: 'kubernetes' | 'manifest';
  bytes: number;
  documents: number;
  /** Workloads (kubernetes) or restore targets (manifest). */
  items: number;
  findings: number;
  parseMs: number;
  validateMs: number;
  ratio: number;
  parseMsPerMB: number;
  validateMsPerMB: number;
}

/** The workspace the Kubernetes files link to: `orders` by image, `payments` by annotation. */
export function benchWorkspace(): WorkspaceView {
  const manifests: WorkspaceManifest[] = [];
  const sources: Array<[string, string]> = [
    [ORDERS_MANIFEST, manifestText('orders-service', ORDERS_IMAGE, 4)],
    [PAYMENTS_MANIFEST, manifestText('payments-service', 'registry.example.com/shop/payments', 4)],
  ];
  for (const [file, text] of sources) {
    const uri = `${BENCH_ROOT_URI}/${file}`;
    for (const context of analyze(uri, text).manifests) manifests.push({ uri, context });
  }
  return { manifests: () => manifests };
}

const bytesOf = (text: string) => Buffer.byteLength(text);

// No forced GC between runs: a full gc() before each run made the next parse 2-3x slower (it shrinks the young
// generation and flushes compiled code), which is not how an editor runs. Collected once per input instead.
function timeOnce(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function measure(label: string, kind: EngineResult['kind'], uri: string, text: string, items: number, runs: number, workspace: WorkspaceView): EngineResult {
  const fullValidation = () => validate(analyze(uri, text), { workspace });
  const bareParse = () => parseAllDocuments(text);
  collectGarbage();
  const findings = fullValidation().length;
  // Warm-up (JIT, inline caches); the largest inputs warm up once to keep the whole bench under 3 minutes.
  for (let i = 0; i < (bytesOf(text) > 2e6 ? 1 : 2); i++) {
    bareParse();
    fullValidation();
  }
  const parse: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate the order so neither side always runs on a warmer heap.
    if (i % 2) {
      full.push(timeOnce(fullValidation));
      parse.push(timeOnce(bareParse));
    } else {
      parse.push(timeOnce(bareParse));
      full.push(timeOnce(fullValidation));
    }
  }
  const bytes = bytesOf(text);
  const documents = text.split(/^---$/m).length;
  const parseMs = median(parse);
  const validateMs = median(full);
  const mb = bytes / 1e6;
  progress(`engine ${label}: parse ${parseMs.toFixed(1)} ms, validate ${validateMs.toFixed(1)} ms (x${(validateMs / parseMs).toFixed(2)})`);
  return { label, kind, bytes, documents, items, findings, parseMs, validateMs, ratio: validateMs / parseMs, parseMsPerMB: parseMs / mb, validateMsPerMB: validateMs / mb };
}

export function runEngineBench(): EngineResult[] {
  const workspace = benchWorkspace();
  const results: EngineResult[] = [];
  const sizes: Array<[string, number, number]> = [
    ['0.1 MB', 100_000, 21],
    ['1 MB', 1_000_000, 9],
    ['5 MB', 5_000_000, 3],
  ];
  for (const [label, bytes, runs] of sizes) {
    const file = kubeFileOfBytes(bytes);
    results.push(measure(`k8s ${label}`, 'kubernetes', `${BENCH_ROOT_URI}/deploy.yaml`, file.text, file.workloads, runs, workspace));
  }
  for (const targets of [1000, 5000]) {
    const text = manifestText('fleet', ORDERS_IMAGE, targets);
    results.push(measure(`manifest ${targets} targets`, 'manifest', `${BENCH_ROOT_URI}/fleet.criu.yaml`, text, targets, 7, workspace));
  }
  return results;
}
