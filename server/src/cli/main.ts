// criu-portability: the CLI adapter over the engine (ARCHITECTURE.md#contracts). Exit codes: 0 no error-severity finding,
// 1 at least one, 2 usage or internal error, 3 check-host's "this host cannot restore the image".
import pkg from '../../../package.json';
import { runCheckHost } from './checkHost';
import { runExplain } from './explain';
import { runGuard } from './guard';
import { runInspect } from './inspect';
import { runLint } from './lint';
import { runProbe } from './probe';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage';

const USAGE = `Usage: criu-portability <command> [options]

Commands:
  lint [options] PATHS...|-          Check checkpoint manifests and Kubernetes YAML (lint --help)
  explain NAME                       Docs for a rule, CPU feature, microarchitecture or JVM option
  probe [--from FILE] [--json]       Describe this machine's CPU (or a captured one)
  check-host --manifest FILE|--image PATH [--from FILE]
                                     Exit 0 if this host can restore the manifest's image, 3 if not
  guard --manifest FILE [options]    Print a POSIX sh pre-restore guard that carries out the policy
  inspect PATH [--json] [--manifest FILE]
                                     Read a checkpoint (CRIU images, OCI layout, docker/podman archive)
  help, --version

Exit codes: 0 clean, 1 errors found, 2 usage or internal error, 3 check-host: cannot restore.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await runLint(rest);
      case 'explain':
        return runExplain(rest);
      case 'probe':
        return await runProbe(rest);
      case 'check-host':
        return await runCheckHost(rest);
      case 'guard':
        return runGuard(rest);
      case 'inspect':
        return await runInspect(rest);
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return EXIT_OK;
      case '--version':
      case '-v':
        process.stdout.write(`${pkg.version}\n`);
        return EXIT_OK;
      case undefined:
        process.stderr.write(USAGE);
        return EXIT_USAGE;
      default:
        throw new UsageError(`unknown command '${command}'\n\n${USAGE}`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`criu-portability${command ? ` ${command}` : ''}: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

if (require.main === module) {
  // `criu-portability ... | head`: a closed pipe ends the output, not the process with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      // One line: an I/O error names its call and path (EACCES, open 'x'); anything else is our bug, whose stack
      // CRIU_PORTABILITY_DEBUG=1 shows.
      const e = err as NodeJS.ErrnoException;
      const line = e?.syscall ? `${e.code ?? 'error'}: ${e.syscall}${e.path ? ` ${e.path}` : ''}` : `internal error: ${e?.message ?? String(err)}`;
      process.stderr.write(`criu-portability: ${process.env.CRIU_PORTABILITY_DEBUG ? (e?.stack ?? line) : line}\n`);
      process.exitCode = 2;
    },
  );
}
