// Dependencies point one way: rules use the manifest and Kubernetes models; models never import rules, and no
// module of the engine imports itself back through others (type imports included: they tie modules together too).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve('server/src/engine');

function engineFiles(dir = ROOT, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) engineFiles(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Relative imports and re-exports of a file (static and type-only), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms), ...text.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => m[1]);
  const out: string[] = [];
  for (const spec of specs) {
    const base = resolve(dirname(file), spec);
    const hit = [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c));
    if (hit) out.push(hit);
  }
  return out;
}

const rel = (p: string) => relative(ROOT, p);
const graph = new Map(engineFiles().map((f) => [f, importsOf(f)]));

describe('engine layering', () => {
  test('models (kube/, manifest/, catalog/, yaml/) and analyze.ts never import rules/', () => {
    const models = [...graph.keys()].filter((f) => /^(kube|manifest|catalog|yaml)\//.test(rel(f)) || rel(f) === 'analyze.ts');
    assert.ok(models.length > 20, 'model files found');
    const bad = models.flatMap((f) => graph.get(f)!.filter((d) => rel(d).startsWith('rules/')).map((d) => `${rel(f)} -> ${rel(d)}`));
    assert.deepEqual(bad, []);
  });

  test('no import cycle in the engine', () => {
    // Tarjan's strongly connected components: any component of more than one module is a cycle.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(rel(w));
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const v of graph.keys()) if (!index.has(v)) visit(v);
    assert.deepEqual(cycles, []);
  });
});
