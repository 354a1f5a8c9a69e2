// `criu-portability guard`: a dependency-free POSIX sh script that carries the manifest's restore-failure policy
// out before the restore. Nothing in OpenJ9 or Liberty does it: Liberty's bin/server restores with
// `criu restore --cpu-cap=none` and falls back to a cold start only when `criu restore` itself fails, and CRIU
// returns 0 once the restored tasks resume; a CPU that lacks a feature the image uses shows up afterwards as
// SIGILL (docs/policy.md has the sources). The script compares this CPU with the requirement set R and then
// execs the restore command, exits 3, or execs the cold-start command.
//
// The script needs only sh, sed, grep and tr (Debian dash, Alpine busybox, UBI bash); it reads the capture the
// way the engine's probe parser does (probes.ts), so its verdict on a capture equals `check-host --from`.
import type { ManifestContext } from '../manifest/context';
import { reasonText } from '../rules/describe';
import { featureProbe, type FeatureProbe } from './probes';
import { shComment, shQuote } from './quote';

export type GuardPolicy = 'exit' | 'cold-start';

export interface GuardOptions {
  /** Overrides the manifest's restore.onIncompatibleCpu. */
  policy?: GuardPolicy;
  /** The command that restores (run when the CPU fits and no command is given at run time). */
  restoreCommand?: readonly string[];
  /** The command that starts the application without the checkpoint (policy cold-start). */
  coldStartCommand?: readonly string[];
  /** Who wrote the script, for its header (e.g. `criu-portability 0.1.0`). */
  generator?: string;
}

export type GuardResult = { ok: true; script: string; policy: GuardPolicy; notes: string[] } | { ok: false; error: string };

/**
 * The Open Liberty container images' own start command: ENTRYPOINT docker-server.sh, CMD `server run
 * defaultServer` (OpenLiberty/ci.docker releases/26.0.0.6/full/Dockerfile.ubi.openjdk21). With a checkpoint in
 * the image, docker-server.sh execs restore-server.sh, which runs bin/server, which runs `criu restore`.
 */
export const LIBERTY_RESTORE_COMMAND: readonly string[] = ['/opt/ol/helpers/runtime/docker-server.sh', '/opt/ol/wlp/bin/server', 'run', 'defaultServer'];
/**
 * The same with `--clean`: Liberty's bin/server `restoreServer` returns 104 ("never restore if --clean is
 * specified") and the server launches normally, without the checkpoint (OpenLiberty/open-liberty
 * dev/com.ibm.ws.kernel.boot.ws-server/publish/bin/server).
 */
export const LIBERTY_COLD_START_COMMAND: readonly string[] = [...LIBERTY_RESTORE_COMMAND, '--clean'];

export function generateGuard(ctx: ManifestContext, options: GuardOptions = {}): GuardResult {
  const m = ctx.manifest;
  const name = m.name?.value ?? '(unnamed manifest)';
  if (!m.arch) return { ok: false, error: `manifest ${name} has no valid arch; run criu-portability lint on it` };
  const declared = m.policy?.value === 'exit' || m.policy?.value === 'cold-start' ? m.policy.value : undefined;
  const notes: string[] = [];
  let policy = options.policy ?? declared;
  if (!policy) {
    policy = 'exit';
    notes.push(`the manifest sets no restore.onIncompatibleCpu: the script exits 3 on an incompatible CPU (--policy cold-start to start cold instead)`);
  }
  const liberty = m.runtime === 'liberty';
  const restore = options.restoreCommand ?? (liberty ? LIBERTY_RESTORE_COMMAND : undefined);
  const coldStart = options.coldStartCommand ?? (liberty ? LIBERTY_COLD_START_COMMAND : undefined);
  if (policy === 'cold-start' && !coldStart) {
    return {
      ok: false,
      error: `policy cold-start needs the command that starts ${name} without the checkpoint: --cold-start-command '["java","-jar","/app.jar"]'${
        m.runtime === 'crac' ? ' (or let CRaC do it: -XX:+CRaCIgnoreRestoreIfUnavailable with the main class on the restore command line)' : ''}`,
    };
  }
  for (const cmd of [restore, coldStart]) {
    if (cmd && (cmd.length === 0 || cmd[0] === '')) return { ok: false, error: 'a command needs at least a program name' };
    if (cmd?.some((w) => w.includes('\0'))) return { ok: false, error: 'a command word cannot hold a NUL character' };
  }
  const required = [...ctx.requirements.keys()].sort();
  const probes = required.map((id) => featureProbe(m.arch!, id));
  const why = (id: string) => [...new Set((ctx.requirements.get(id) ?? []).map((r) => reasonText(r, ctx.yaml)))].join('; ');
  const script = [
    header(name, m.arch, m.runtime, policy, options.generator, required, why),
    settings(name, m.arch, policy, restore, coldStart),
    LIBRARY,
    checks(m.arch, probes),
    MAIN,
  ].join('\n');
  return { ok: true, script, policy, notes };
}

function header(
  name: string, arch: string, runtime: string, policy: GuardPolicy, generator: string | undefined,
  required: readonly string[], why: (id: string) => string,
): string {
  const lines = [
    '#!/bin/sh',
    `# Pre-restore CPU guard for the checkpoint manifest ${shComment(name)} (${arch}, runtime ${runtime}).`,
    `# Written by ${shComment(generator ?? 'criu-portability')} guard; generate it again when the manifest changes.`,
    '#',
    '# On a CPU that lacks a feature the checkpointed image uses, neither OpenJ9 nor Liberty refuses the restore:',
    '# the process dies with SIGILL after it resumes (a crash loop). This script checks first, then:',
    '#   the CPU has everything  -> exec the restore command',
    `#   something is missing    -> ${policy === 'exit' ? 'exit 3, naming the missing features (policy exit)' : 'exec the cold-start command (policy cold-start)'}`,
    '#',
    '# Usage: sh guard.sh [--policy exit|cold-start] [[--] RESTORE-COMMAND [ARG...]]',
    '#        sh guard.sh --check-only [--cpuinfo FILE]   judge this CPU or a capture: exit 0 fits, 3 does not',
    '# A command given on the command line replaces the built-in restore command. Exit 2: usage or capture error.',
    '# Needs only sh, sed, grep and tr (dash, busybox, bash). Docs: docs/guard.md.',
    '#',
    `# Features the checkpoint needs, ${required.length} (the same set check-host uses):`,
    ...required.map((id) => `#   ${shComment(id)}: ${shComment(why(id) || 'required')}`),
    '',
  ];
  return lines.join('\n');
}

function settings(name: string, arch: string, policy: GuardPolicy, restore?: readonly string[], coldStart?: readonly string[]): string {
  const words = (cmd: readonly string[]) => cmd.map(shQuote).join(' ');
  return [
    `guard_name=${shQuote(name)}`,
    `guard_arch=${shQuote(arch)}`,
    `guard_policy=${shQuote(policy)}`,
    '',
    '# The built-in commands (exec replaces this shell: the JVM or criu gets its signals and its exit code).',
    restore
      ? `guard_restore() { exec ${words(restore)}; }`
      : `guard_restore() { guard_say 'no restore command: give it after --, e.g. sh guard.sh -- criu restore ...'; exit 2; }`,
    coldStart
      ? `guard_cold_start() { exec ${words(coldStart)}; }`
      : `guard_cold_start() { guard_say 'no cold-start command was given when this script was generated (--cold-start-command)'; exit 2; }`,
    '',
  ].join('\n');
}

/** One line per required feature: any of its spellings, a numeric HWCAP bit, STFLE facilities, or its POWER generation. */
function checks(arch: string, probes: readonly FeatureProbe[]): string {
  const lines = ['# Each feature of R, in every form the capture can show it.', 'guard_check_features() {'];
  if (probes.length === 0) lines.push('  :');
  for (const p of probes) {
    const alternatives: string[] = [];
    if (p.tokens.length) alternatives.push(`guard_token ${p.tokens.join(' ')}`);
    if (p.hwcap) alternatives.push(`guard_hwcap ${p.hwcap.word} ${p.hwcap.bit}`);
    if (p.facilities?.length) alternatives.push(`guard_facilities ${p.facilities.join(' ')}`);
    if (arch === 'ppc64le' && p.powerGenerations?.length) alternatives.push(`guard_generation ${p.powerGenerations.join(' ')}`);
    alternatives.push(`guard_lacks ${shQuote(p.id)}`);
    lines.push(`  ${alternatives.join(' || ')}`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

// The fixed part. Reads the capture like probe/linuxCpuinfo.ts: first value of each `key : value`, the arch sniffed
// from which keys exist, tokens lower-cased with `-./` as `_` (catalog normalizeName).
const LIBRARY = String.raw`guard_say() { printf 'criu-portability guard: %s\n' "$*" >&2; }
guard_usage() { guard_say "$*"; guard_say 'usage: sh guard.sh [--policy exit|cold-start] [[--] COMMAND...] | --check-only [--cpuinfo FILE]'; exit 2; }

# First value of a cpuinfo key (the first processor's), trimmed.
guard_value() {
  printf '%s\n' "$guard_text" | sed -n "s/^[[:space:]]*$1[[:space:]]*:[[:space:]]*//p" | sed -n '1s/[[:space:]]*$//p'
}
guard_has_key() { printf '%s\n' "$guard_text" | grep -q "^[[:space:]]*$1[[:space:]]*:"; }

# Which architecture printed the capture (probe/linuxCpuinfo.ts sniffCpuinfoArch).
guard_sniff() {
  if [ "$(guard_value vendor_id)" = 'IBM/S390' ] || { guard_has_key facilities && guard_has_key features; }; then echo s390x
  elif guard_has_key 'CPU implementer' || { guard_has_key Features && guard_has_key 'CPU part'; }; then echo aarch64
  elif guard_value cpu | grep -qi 'POWER[0-9]' || guard_value AT_PLATFORM | grep -qi '^power[0-9]'; then echo ppc64le
  elif guard_has_key flags && guard_has_key vendor_id; then echo x86_64
  fi
}

# A number as glibc prints AT_HWCAP where it has no names (0x... or decimal).
guard_numeric() {
  case $1 in
    0x?*|0X?*) case ${"$"}{1#0[xX]} in *[!0-9a-fA-F]*) return 1 ;; esac ;;
    ''|*[!0-9]*) return 1 ;;
  esac
}

# Reads the host's tokens, numeric HWCAP words, s390x facilities and POWER generation.
guard_read_host() {
  guard_tokens= guard_hwcap0= guard_hwcap1= guard_facility_list= guard_power= guard_auxv=no
  case $guard_host in
    x86_64) guard_tokens=$(guard_value flags) ;;
    s390x) guard_tokens=$(guard_value features); guard_facility_list=$(guard_value facilities) ;;
    aarch64|ppc64le)
      if [ "$guard_host" = aarch64 ]; then guard_tokens=$(guard_value Features)
      elif guard_value cpu | grep -qi 'altivec supported'; then guard_tokens=altivec
      fi
      if guard_has_key AT_HWCAP || guard_has_key AT_HWCAP2 || guard_has_key AT_PLATFORM; then guard_auxv=yes; fi
      guard_w=$(guard_value AT_HWCAP)
      if guard_numeric "$guard_w"; then guard_hwcap0=$guard_w; else guard_tokens="$guard_tokens $guard_w"; fi
      guard_w=$(guard_value AT_HWCAP2)
      if guard_numeric "$guard_w"; then guard_hwcap1=$guard_w; else guard_tokens="$guard_tokens $guard_w"; fi
      if [ "$guard_host" = ppc64le ] && [ $guard_auxv = no ]; then
        # No auxiliary vector: a generation's common features stand in (as check-host does).
        guard_w=$(guard_value cpu | tr 'A-Z' 'a-z')
        while :; do
          case $guard_w in
            *power*) guard_w=${"$"}{guard_w#*power}; guard_power=${"$"}{guard_w%%[!0-9]*}; [ -n "$guard_power" ] && break ;;
            *) break ;;
          esac
        done
      fi ;;
  esac
  guard_tokens=" $(printf '%s\n' "$guard_tokens" | tr 'A-Z\t' 'a-z ' | sed 's/[-./]/_/g') "
}

guard_token() {
  for guard_t; do
    case $guard_tokens in *" $guard_t "*) return 0 ;; esac
  done
  return 1
}
guard_hwcap() {
  if [ "$1" = 0 ]; then guard_w=$guard_hwcap0; else guard_w=$guard_hwcap1; fi
  [ -n "$guard_w" ] && [ $(( ($guard_w >> $2) & 1 )) -eq 1 ]
}
guard_facilities() {
  [ -n "$guard_facility_list" ] || return 1
  for guard_t; do
    case " $guard_facility_list " in *" $guard_t "*) ;; *) return 1 ;; esac
  done
}
guard_generation() {
  [ $guard_auxv = no ] && [ -n "$guard_power" ] || return 1
  for guard_t; do [ "$guard_t" = "$guard_power" ] && return 0; done
  return 1
}
guard_lacks() { guard_missing="$guard_missing $1"; }
`;

const MAIN = String.raw`guard_check_only=false
guard_cpuinfo=
while [ $# -gt 0 ]; do
  case $1 in
    --check-only) guard_check_only=true ;;
    --cpuinfo) [ $# -ge 2 ] || guard_usage '--cpuinfo needs a FILE'; guard_cpuinfo=$2; shift ;;
    --cpuinfo=*) guard_cpuinfo=${"$"}{1#--cpuinfo=} ;;
    --policy) [ $# -ge 2 ] || guard_usage '--policy needs exit or cold-start'; guard_policy=$2; shift ;;
    --policy=*) guard_policy=${"$"}{1#--policy=} ;;
    -h|--help) sed -n '2,/^# Features the checkpoint needs/p' "$0" 2>/dev/null | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    -*) guard_usage "unknown option $1" ;;
    *) break ;;
  esac
  shift
done
case $guard_policy in exit|cold-start) ;; *) guard_usage "--policy must be exit or cold-start, not $guard_policy" ;; esac

# The capture: a file, or this machine's /proc/cpuinfo (plus, on POWER, glibc's LD_SHOW_AUXV output).
guard_text=
if [ -n "$guard_cpuinfo" ]; then
  [ -r "$guard_cpuinfo" ] && [ ! -d "$guard_cpuinfo" ] || guard_usage "cannot read $guard_cpuinfo"
  guard_text=$(tr -d '\r' < "$guard_cpuinfo") || guard_usage "cannot read $guard_cpuinfo"
else
  guard_text=$(cat /proc/cpuinfo 2>/dev/null)
fi
guard_host=$(guard_sniff)
if [ -z "$guard_cpuinfo" ] && [ "$guard_host" = ppc64le ]; then
  guard_text="$guard_text
$(LD_SHOW_AUXV=1 /bin/true 2>/dev/null)"
fi

guard_missing=
guard_problem=
if [ -z "$guard_host" ]; then
  [ -n "$guard_cpuinfo" ] && guard_usage "$guard_cpuinfo is not a Linux /proc/cpuinfo capture"
  $guard_check_only && guard_usage 'cannot read /proc/cpuinfo (give a capture with --cpuinfo FILE)'
  guard_problem='cannot read this CPU from /proc/cpuinfo, so cannot tell whether it can run the image'
elif [ "$guard_host" != "$guard_arch" ]; then
  guard_problem="the image is $guard_arch, this host is $guard_host"
else
  guard_read_host
  guard_check_features
  [ -n "$guard_missing" ] && guard_problem="this CPU lacks$guard_missing"
fi

if $guard_check_only; then
  if [ -z "$guard_problem" ]; then
    printf '%s: this host (%s) can restore it.\n' "$guard_name" "$guard_host"
    exit 0
  fi
  printf '%s: this host cannot restore it: %s.\n' "$guard_name" "$guard_problem"
  exit 3
fi

if [ -z "$guard_problem" ]; then
  if [ $# -gt 0 ]; then exec "$@"; fi
  guard_restore
fi
if [ "$guard_policy" = cold-start ]; then
  guard_say "$guard_name: $guard_problem; starting without the checkpoint (policy cold-start)"
  guard_cold_start
fi
guard_say "$guard_name: $guard_problem; not restoring (policy exit)"
exit 3
`;
