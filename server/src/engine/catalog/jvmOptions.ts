// OpenJ9 CRIU and CRaC JVM options with docs (domain-facts §1.4, §7), and the options OpenJ9 accepts at restore.
// Sources: eclipse-openj9/openj9-docs docs/criusupport.md ("New options", "Existing options" table, commit
// 053cb46a), xxenablecriusupport.md, xxignoreunrecognizedrestoreoptions.md, xxportablesharedcache.md;
// openj9 runtime/oti/jvminit.h + runtime/vm/jvminit.c (defaults); CRaC/docs cpu-features.md.

export type OptionPhase = 'checkpoint' | 'restore' | 'both';

export interface JvmOptionDoc {
  /** Canonical spelling without the value: `-XX:+EnableCRIUSupport`, `-XX:CRaCCheckpointTo`. */
  name: string;
  runtime: 'openj9' | 'crac' | 'both';
  /** `=<value>` expected after the name. */
  takesValue?: boolean;
  /** A boolean `-XX:+X` option also accepts `-XX:-X`. */
  boolean?: boolean;
  phase: OptionPhase;
  doc: string;
  source: string;
}

export const JVM_OPTIONS: readonly JvmOptionDoc[] = [
  { name: '-XX:+EnableCRIUSupport', runtime: 'openj9', boolean: true, phase: 'checkpoint', source: 'openj9-docs xxenablecriusupport.md',
    doc: 'Enables OpenJ9 CRIU support (off by default). Before the checkpoint the JIT emits only portable code (x86: the Sandy Bridge-like set; Power: POWER8; Z: z10). Linux x86-64, ppc64le, aarch64 and s390x only; incompatible with -Xgcpolicy:balanced/metronome and a security manager, and with -XX:CRaCCheckpointTo.' },
  { name: '-XX:+CRIURestoreNonPortableMode', runtime: 'openj9', boolean: true, phase: 'checkpoint', source: 'openj9-docs xxcriurestorenonportablemode.md',
    doc: 'On by default. After restore the JIT/AOT may generate non-portable code for the restore host; only one checkpoint per JVM lifetime. `-XX:-CRIURestoreNonPortableMode` keeps portable code after restore and allows several checkpoints.' },
  { name: '-XX:+JVMPortableRestoreMode', runtime: 'openj9', boolean: true, phase: 'checkpoint', source: 'openj9 commit f17d58b02b (not in openj9-docs)',
    doc: 'Off by default, undocumented: keeps the JIT in portable mode after restore regardless of CRIURestoreNonPortableMode. Liberty adds it on ppc64le and s390x (ci.docker checkpoint.sh).' },
  { name: '-XX:+CRIUSecProvider', runtime: 'openj9', boolean: true, phase: 'checkpoint', source: 'openj9-docs xxcriusecprovider.md',
    doc: 'On by default (Java 11+): CRIUSECProvider is the only security provider during the checkpoint phase; the original providers return after a non-portable restore.' },
  { name: '-XX:+IgnoreUnrecognizedRestoreOptions', runtime: 'openj9', boolean: true, phase: 'restore', source: 'openj9-docs xxignoreunrecognizedrestoreoptions.md, criusupport.md',
    doc: 'Off by default. Restore only: without it an option OpenJ9 does not support at restore makes the restore fail with JVMRestoreException ("The JVM could not enable all the restore options specified").' },
  { name: '-XX:CheckpointGCThreads', runtime: 'openj9', takesValue: true, phase: 'checkpoint', source: 'openj9-docs xxcheckpointgcthread.md',
    doc: 'GC threads kept when the checkpoint is taken (default 4), to speed up the restore.' },
  { name: '-Dorg.eclipse.openj9.criu.ImmutableEnvVars', runtime: 'openj9', takesValue: true, phase: 'checkpoint', source: 'openj9-docs dorgeclipseopenj9criuimmutableenvvars.md',
    doc: 'Environment variables the VM sees unchanged across checkpoint and restore (LANG, LC_ALL, LC_CTYPE always included).' },
  { name: '-XX:+DebugOnRestore', runtime: 'openj9', boolean: true, phase: 'checkpoint', source: 'openj9 jvminit.h; openj9-docs xrunjdwp.md',
    doc: 'Off by default: allows JDWP to be enabled on restore (Liberty WLP_DEBUG_ON_RESTORE).' },
  { name: '-XX:+EnableTimeCompensation', runtime: 'openj9', boolean: true, phase: 'checkpoint', source: 'openj9 jvminit.h (not in openj9-docs)',
    doc: 'On by default: compensates timers for the time between checkpoint and restore.' },
  { name: '-XX:+ThrowOnDelayedCheckpointOperation', runtime: 'openj9', boolean: true, phase: 'checkpoint', source: 'openj9 jvminit.h (not in openj9-docs)',
    doc: 'On by default.' },
  { name: '-XX:+PortableSharedCache', runtime: 'openj9', boolean: true, phase: 'both', source: 'openj9-docs xxportablesharedcache.md',
    doc: 'On in containers, off outside: AOT code in the shared classes cache is generated for the portable processor. Must be given to every JVM that uses the cache. (There is no `-Xshareclasses:portable`.)' },
  { name: '-Xshareclasses:disableOnRestore', runtime: 'openj9', phase: 'restore', source: 'openj9-docs xshareclassesdisableonrestore.md',
    doc: 'Restore only: stops using the shared classes cache after restore.' },
  { name: '-Xrs:onRestore', runtime: 'openj9', phase: 'restore', source: 'openj9-docs xrsonrestoresynconrestore.md', doc: 'Restore only: disables signal handling on restore (like -Xrs).' },
  { name: '-Xrs:syncOnRestore', runtime: 'openj9', phase: 'restore', source: 'openj9-docs xrsonrestoresynconrestore.md', doc: 'Restore only: disables synchronous signal handling on restore (like -Xrs:sync).' },
  { name: '-XX:CRaCCheckpointTo', runtime: 'crac', takesValue: true, phase: 'checkpoint', source: 'CRaC docs; openj9 J9NLS_VM_CRIU_CRAC_INCOMPATIBLE_SETTING',
    doc: 'CRaC: directory the checkpoint image is written to. OpenJ9 refuses it together with -XX:+EnableCRIUSupport ("The command line options -XX:+EnableCRIUSupport and -XX:CRaCCheckpointTo=[DIR] are not compatible").' },
  { name: '-XX:CRaCRestoreFrom', runtime: 'crac', takesValue: true, phase: 'restore', source: 'CRaC docs; OpenJ9 JDK launcher (openj9#19261)',
    doc: 'CRaC: restore from the checkpoint image in this directory.' },
  { name: '-XX:+CRaCIgnoreRestoreIfUnavailable', runtime: 'crac', boolean: true, phase: 'restore', source: 'CRaC docs (docs/policy.md)',
    doc: 'CRaC: when the image is found unusable before it runs (its CPU check, -XX:CheckCPUFeatures, refusing this CPU, among other causes), continue starting the JVM normally (the main class on the same command line) instead of exiting: the `cold-start` policy. Without it CRaC exits (`exit`). It covers only this early verification (openjdk/crac globals.hpp).' },
  { name: '-XX:CPUFeatures', runtime: 'crac', takesValue: true, phase: 'checkpoint', source: 'CRaC/docs cpu-features.md',
    doc: 'CRaC: the CPU features the checkpointed JVM may use: `<hex>,<hex>`, `generic` or `native`. On restore to a CPU missing recorded features CRaC prints the missing features and exits.' },
  { name: '-XX:+ShowCPUFeatures', runtime: 'crac', boolean: true, phase: 'both', source: 'CRaC/docs cpu-features.md', doc: 'CRaC: prints the CPU features the JVM detected and uses.' },
  { name: '-XX:+IgnoreCPUFeatures', runtime: 'crac', boolean: true, phase: 'restore', source: 'CRaC/docs cpu-features.md',
    doc: 'CRaC (experimental, needs -XX:+UnlockExperimentalVMOptions): restore even when the CPU lacks recorded features. It can crash with SIGILL.' },
  { name: '-XX:CheckCPUFeatures', runtime: 'crac', takesValue: true, phase: 'restore', source: 'openjdk/crac src/hotspot/share/runtime/globals.hpp; crac.cpp crac::restore',
    doc: 'CRaC: how the restoring JVM checks this CPU against the features recorded in the image, before the image runs: `compatible` (the default: the image must be runnable here), `exact` (the very same features), `skip` (no check; needs -XX:+UnlockExperimentalVMOptions; a mismatch then crashes with SIGILL). It is the built-in pre-restore guard: the `exit` policy, or `cold-start` with -XX:+CRaCIgnoreRestoreIfUnavailable.' },
];

/** Misspellings users meet, with the real option (domain-facts §1.4: `-Xshareclasses:portable` never shipped). */
export const KNOWN_MISSPELLINGS: Readonly<Record<string, string>> = {
  '-xshareclasses:portable': '-XX:+PortableSharedCache',
  '-xx:+enablecriu': '-XX:+EnableCRIUSupport',
  '-xx:+criusupport': '-XX:+EnableCRIUSupport',
  '-xx:+enablecrac': '-XX:CRaCCheckpointTo=<dir>',
};

/**
 * Existing options OpenJ9 supports when running a restored VM (openj9-docs criusupport.md, "Existing options"
 * table) plus the restore-only new options. Prefixes: `-Xjit` covers `-Xjit:count=...`.
 */
export const RESTORE_ACCEPTED_PREFIXES: readonly string[] = [
  '-Xverbosegclog', '-XcompilationThreads', '-XsamplingExpirationTime', '-XX:+PrintCodeCache', '-XX:-PrintCodeCache',
  '-Xtrace', '-Xdump', '-Xgcthreads', '-Xjit', '-Xaot', '-Xnoaot', '-Xnojit',
  '-XX:+IgnoreUnrecognizedRestoreOptions', '-XX:-IgnoreUnrecognizedRestoreOptions',
  // checkArgsConsumed (runtime/vm/jvminit.c) consumes these while deciding whether unknown -XX: options are ignored.
  '-XX:+IgnoreUnrecognizedXXColonOptions', '-XX:-IgnoreUnrecognizedXXColonOptions',
  '-Xshareclasses:disableOnRestore', '-Xrs:onRestore', '-Xrs:syncOnRestore',
  // JITServer client options: the VM connects to the server at the restore point (openj9-docs xxenablecriusupport.md);
  // the Open Liberty Operator puts them in OPENJ9_RESTORE_JAVA_OPTIONS (internal/controller/semeru_compiler.go).
  '-XX:+UseJITServer', '-XX:JITServerAddress',
  // Consumed after restore (some only to be ignored): runtime/compiler/control/OptionsPostRestore.cpp
  // (iterateOverExternalOptions) and -Xsoftmx by the GC's gcParseReconfigurableCommandLine (mmparse.cpp, from
  // openj9-0.42.0), -Xrs:asyncOnRestore by criuRestoreInitializeXrs (runtime/vm/CRIUHelpers.cpp).
  '-Xsoftmx', '-Xrs:asyncOnRestore', '-Xnodfpbd', '-Xdfpbd', '-Xhysteresis', '-Xquickstart', '-Xnoquickstart',
  '-XtlhPrefetch', '-XnotlhPrefetch', '-XlockReservation', '-XjniAcc', '-Xnoclassgc', '-Xlp', '-Xlpcodecache',
  '-Xcodecache', '-Xcodecachetotal', '-Xlockword', '-Xtuneelastic',
  // System properties: not in the docs table, but set on restore by Liberty and by users; accepted to avoid false alarms.
  '-D',
];

export function isRestoreAccepted(token: string): boolean {
  return RESTORE_ACCEPTED_PREFIXES.some((p) => token.startsWith(p) && prefixBoundary(token, p));
}

function prefixBoundary(token: string, prefix: string): boolean {
  if (token.length === prefix.length || prefix === '-D') return true;
  const next = token[prefix.length];
  return next === ':' || next === '=' || next === ',' || /\d/.test(next);
}

const byName = new Map<string, JvmOptionDoc>();
for (const o of JVM_OPTIONS) {
  byName.set(o.name.toLowerCase(), o);
  if (o.boolean) byName.set(o.name.replace('-XX:+', '-XX:-').toLowerCase(), o);
}

/** The option a token is (value stripped): `-XX:CRaCCheckpointTo=/cr` -> that option. Case-sensitive as the JVM is. */
export function lookupJvmOption(token: string): JvmOptionDoc | undefined {
  const bare = optionName(token);
  const o = byName.get(bare.toLowerCase());
  if (!o) return undefined;
  const spelled = o.boolean ? [o.name, o.name.replace('-XX:+', '-XX:-')] : [o.name];
  return spelled.includes(bare) ? o : undefined;
}

/** Hover text of an option: its spellings, what it does, when it applies and where that is documented. */
export function jvmOptionDoc(o: JvmOptionDoc): string {
  const also = o.boolean ? ` (also \`${o.name.replace('-XX:+', '-XX:-')}\`)` : '';
  return `**${o.name}**${also}\n\n${o.doc}\n\nPhase: ${o.phase}. Source: ${o.source}`;
}

/** A token without its `=value`. */
export function optionName(token: string): string {
  const eq = token.indexOf('=');
  return eq === -1 ? token : token.slice(0, eq);
}

/** Same spelling up to case: the JVM rejects it, the closest real spelling is this one. */
export function caseInsensitiveMatch(token: string): JvmOptionDoc | undefined {
  return byName.get(optionName(token).toLowerCase());
}
