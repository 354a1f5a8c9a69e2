// The baseline of the lint benchmark: walk the same tree, read every YAML file and parse it with the bare `yaml`
// parseAllDocuments, nothing else. `node bench/parseRepo.mjs DIR` prints the number of documents parsed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

let documents = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.ya?ml$/i.test(e.name)) documents += parseAllDocuments(readFileSync(p, 'utf8')).length;
  }
};
walk(process.argv[2]);
process.stdout.write(`${documents}\n`);
