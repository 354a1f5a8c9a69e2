// `criu-portability guard --manifest FILE`: prints (or writes) the POSIX sh pre-restore guard for a manifest.
// The script is the engine's (engine/guard/script.ts); this adapter reads files and options.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import pkg from '../../../package.json';
import { analyze } from '../engine';
import { generateGuard, type GuardPolicy } from '../engine/guard/script';
import { EXIT_OK, parseOptions, UsageError } from './usage';

export const GUARD_USAGE = `Usage: criu-portability guard --manifest FILE [options] > guard.sh

Prints a POSIX sh script (dash, busybox, bash; no Node.js or Java needed in the image) that checks this
CPU against the features the manifest's image requires, then execs the restore command, or on a CPU that
cannot run the image exits 3 (policy exit) or execs the cold-start command (policy cold-start).

Options:
  --manifest FILE               the checkpoint manifest (required)
  --name NAME                   which manifest, when FILE holds several (metadata.name)
  --policy exit|cold-start      overrides the manifest's restore.onIncompatibleCpu
  --restore-command CMD         the command that restores (default for runtime liberty: the Open Liberty
                                image's own docker-server.sh server run defaultServer)
  --cold-start-command CMD      the command that starts without the checkpoint (default for liberty:
                                the same with --clean, which makes Liberty skip the checkpoint)
  --output FILE                 write the script to FILE (mode 0755) instead of standard output

CMD is a JSON array of words ('["criu","restore","-D","/cr"]') or a plain string split at spaces.
Run the script as: sh guard.sh [[--] COMMAND...]   (a command given here replaces --restore-command)
                   sh guard.sh --check-only [--cpuinfo FILE]   (exit 0 fits, 3 does not)
See docs/guard.md.
`;

export function runGuard(args: string[]): number {
  const { values } = parseOptions({
    args,
    strict: true,
    options: {
      manifest: { type: 'string', short: 'm' },
      name: { type: 'string' },
      policy: { type: 'string' },
      'restore-command': { type: 'string' },
      'cold-start-command': { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(GUARD_USAGE);
    return EXIT_OK;
  }
  if (!values.manifest) throw new UsageError('--manifest FILE is required');
  const policy = values.policy;
  if (policy !== undefined && policy !== 'exit' && policy !== 'cold-start') throw new UsageError(`--policy must be exit or cold-start, not ${policy}`);
  const ctx = pickManifest(values.manifest, values.name);
  const result = generateGuard(ctx, {
    policy: policy as GuardPolicy | undefined,
    restoreCommand: commandOption('--restore-command', values['restore-command']),
    coldStartCommand: commandOption('--cold-start-command', values['cold-start-command']),
    generator: `criu-portability ${pkg.version}`,
  });
  if (!result.ok) throw new UsageError(result.error);
  for (const n of result.notes) process.stderr.write(`criu-portability guard: note: ${n}\n`);
  if (values.output) {
    try {
      fs.writeFileSync(values.output, result.script, { mode: 0o755 });
      fs.chmodSync(values.output, 0o755);
    } catch (e) {
      throw new UsageError(`cannot write ${values.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else process.stdout.write(result.script);
  return EXIT_OK;
}

/** `["a","b c"]` as JSON words, or `a b` split at white space. */
export function commandOption(flag: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (value.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (e) {
      throw new UsageError(`${flag}: not a JSON array of strings: ${(e as Error).message}`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((w) => typeof w === 'string')) {
      throw new UsageError(`${flag}: expected a non-empty JSON array of strings, e.g. ["java","-jar","/app.jar"]`);
    }
    return parsed as string[];
  }
  const words = value.split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new UsageError(`${flag} is empty`);
  return words;
}

function pickManifest(file: string, name: string | undefined) {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const uri = pathToFileURL(path.resolve(file === '-' ? 'stdin.criu.yaml' : file)).href;
  const manifests = analyze(uri, text).manifests;
  if (manifests.length === 0) throw new UsageError(`${file} holds no checkpoint manifest (kind: CheckpointManifest)`);
  if (name !== undefined) {
    const hit = manifests.find((m) => m.manifest.name?.value === name);
    if (!hit) throw new UsageError(`${file} has no manifest named ${name}`);
    return hit;
  }
  if (manifests.length > 1) {
    throw new UsageError(`${file} holds ${manifests.length} manifests; choose one with --name (${manifests.map((m) => m.manifest.name?.value ?? '?').join(', ')})`);
  }
  return manifests[0]!;
}
