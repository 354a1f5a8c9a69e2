// What a bundle is made of: bytes in the minified output per package and per source file, from esbuild's metafile,
// built with esbuild.mjs's own options (nothing is written to dist/). `--why <path part>` prints the chain of
// imports that brings a module in.
//   node scripts/bundle-report.mjs [server|cli|validationWorker|extension] [--top N] [--why node_modules/ignore]
import * as esbuild from 'esbuild';
import { builds, common } from '../esbuild.mjs';

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const name = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'server';
const build = builds.find((b) => b.outfile === `dist/${name}.js`);
if (!build) throw new Error(`no bundle dist/${name}.js in esbuild.mjs`);

const result = await esbuild.build({ ...common, ...build, write: false, metafile: true, logLevel: 'error' });
const [output] = Object.values(result.metafile.outputs);
const total = result.outputFiles[0].contents.length;
const packageOf = (file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
const byPackage = new Map();
for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
  const key = packageOf(file) ?? file;
  byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
}
const own = Object.entries(output.inputs).filter(([file]) => !packageOf(file)).reduce((s, [, i]) => s + i.bytesInOutput, 0);
console.log(`${build.outfile}: ${total} B (${(total / 1024).toFixed(0)} KiB); source files of this repository ${own} B`);
for (const [key, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, Number(option('--top') ?? 30))) {
  console.log(`${String(bytes).padStart(9)}  ${(100 * bytes / total).toFixed(1).padStart(5)}%  ${key}`);
}

const why = option('--why');
if (why) {
  // Breadth-first from the entry point: the shortest chain of imports to the first module whose path contains `why`.
  const inputs = result.metafile.inputs;
  const entry = build.entryPoints[0];
  const from = new Map([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    for (const { path } of inputs[file]?.imports ?? []) {
      if (!inputs[path] || from.has(path)) continue;
      from.set(path, file);
      queue.push(path);
    }
  }
  const target = [...from.keys()].find((f) => f.includes(why));
  if (!target) console.log(`\nnothing in ${build.outfile} matches ${why}`);
  else {
    const chain = [];
    for (let f = target; f; f = from.get(f)) chain.unshift(f);
    console.log(`\n${chain.join('\n  imports ')}`);
  }
}
