// criu-portability: the CLI adapter over the engine (DESIGN §6). Exit codes: 0 no error-severity finding,
// 1 at least one, 2 usage or internal error (3 is check-host's "cannot restore").
import { runLint } from './lint';

const USAGE = `Usage: criu-portability <command> [options]

Commands:
  lint [--format text|json] PATHS...   Check checkpoint manifests and Kubernetes YAML
  help                                 Show this help
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return runLint(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case undefined:
      process.stderr.write(USAGE);
      return 2;
    default:
      process.stderr.write(`criu-portability: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`criu-portability: internal error: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
