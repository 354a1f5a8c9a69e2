// The main job: lint the examples. Exit 1 from the linter means "found problems", which the examples are meant
// to show; only a usage or internal error (2) fails the demo.
import { spawnSync } from 'node:child_process';
const r = spawnSync(process.execPath, ['dist/cli.js', 'lint', 'examples/'], { stdio: 'inherit' });
if (r.status !== 0 && r.status !== 1) process.exit(r.status ?? 2);
console.log('\nThe problems above are deliberate: see examples/README.md.');
