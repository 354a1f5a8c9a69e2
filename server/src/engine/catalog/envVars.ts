// Environment variables that matter to checkpoint/restore (domain-facts §1.4, §1.6, §5.3, §5.4, §7).

export interface EnvVarDoc {
  name: string;
  doc: string;
  source: string;
}

/** Variables whose values are JVM option strings (docs/kubernetes.md). */
export const JVM_OPTION_VARS: readonly string[] = [
  'JAVA_TOOL_OPTIONS', 'OPENJ9_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'OPENJ9_RESTORE_JAVA_OPTIONS', 'JVM_ARGS',
];

export const RESTORE_OPTIONS_VAR = 'OPENJ9_RESTORE_JAVA_OPTIONS';
export const LIBERTY_RECOVERY_VAR = 'CRIU_RESTORE_DISABLE_RECOVERY';

export const ENV_VARS: readonly EnvVarDoc[] = [
  { name: LIBERTY_RECOVERY_VAR, source: 'OpenLiberty/open-liberty dev/com.ibm.ws.kernel.boot.ws-server/publish/bin/server (restoreServer, run|debug|start)',
    doc: 'Open Liberty InstantOn: what the `server` script does when `criu restore` itself fails (a missing capability, seccomp, a changed file). Exactly `true` (the script tests `= "true"`; `TRUE` or `True` do not count): the server does not launch (CWWKE0964E). Anything else, or unset: CWWKE0961I and a launch without the checkpoint. It does not cover an incompatible CPU: Liberty restores with `criu restore --cpu-cap=none`, which succeeds, and the JVM then dies with SIGILL; only a pre-restore guard (`criu-portability guard`) carries the `exit` or `cold-start` policy out there.' },
  { name: RESTORE_OPTIONS_VAR, source: 'openj9-docs criusupport.md; openj9 CRIUHelpers.cpp',
    doc: 'Read by OpenJ9 on restore to add JVM options. Only options OpenJ9 supports at restore are allowed (-Xverbosegclog, -XcompilationThreads, -Xjit/-Xaot sub-options, -Xnoaot, -Xnojit, -Xtrace, -Xdump, -Xgcthreads, restore-only options); any other option fails the restore with JVMRestoreException unless -XX:+IgnoreUnrecognizedRestoreOptions is set.' },
  { name: 'GLIBC_TUNABLES', source: 'glibc manual "Tunables"; Open Liberty bin/server criuEnvDefaults()',
    doc: 'glibc tunables. `glibc.cpu.hwcaps=-AVX2,...` keeps glibc from selecting routines for CPU features newer than the baseline, so a checkpoint does not carry them to the restore host. Liberty sets `glibc.cpu.hwcaps=z14,-arch_3_00,-arch_3_1,-XSAVEC,-XSAVE,-AVX2,-ERMS,-AVX,-AVX_Fast_Unaligned_Load:glibc.pthread.rseq=0` at checkpoint and restore.' },
  { name: 'JAVA_TOOL_OPTIONS', source: 'JVM TI specification; OpenJ9 docs',
    doc: 'JVM options every JVM in the container picks up (printed as "Picked up JAVA_TOOL_OPTIONS"). At restore the checkpointed JVM does not re-read it: restore-time options go in OPENJ9_RESTORE_JAVA_OPTIONS.' },
  { name: 'OPENJ9_JAVA_OPTIONS', source: 'openj9-docs cmdline_specifying.md',
    doc: 'OpenJ9-specific JVM options read at JVM start (before the checkpoint). Restore-time options go in OPENJ9_RESTORE_JAVA_OPTIONS.' },
  { name: 'JDK_JAVA_OPTIONS', source: 'OpenJDK java launcher',
    doc: 'Options the `java` launcher (JDK 9+) prepends to its command line; CRaC options (-XX:CRaCCheckpointTo, -XX:CRaCRestoreFrom, -XX:+CRaCIgnoreRestoreIfUnavailable) often go here.' },
  { name: 'JVM_ARGS', source: 'Open Liberty server script; ci.docker checkpoint.sh',
    doc: 'JVM options the Liberty `server` script adds; Liberty\'s checkpoint.sh adds -XX:+JVMPortableRestoreMode to it on ppc64le and s390x.' },
];

export function lookupEnvVar(name: string): EnvVarDoc | undefined {
  return ENV_VARS.find((e) => e.name === name);
}
