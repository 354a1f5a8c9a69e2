// `criu-portability explain NAME`: the docs the editor shows in hovers and rule pages, in the terminal.
// NAME is a rule id, a CPU feature (any spelling), a microarchitecture, a JVM option (including the OMR
// -Xjit:disable* options), an environment variable or an NFD cpu-cpuid label.
import {
  ARCHES, NFD_CPUID_LABEL_PREFIX, OPENJ9_PORTABLE, addedOverParents, ancestorsOf, featuresOf, firstMicroarchitecturesWith, lookupFeatureAnyArch,
  aliasLabel, lookupMicroarchitecture, microarchitecturesOf, nfdLevelImplying, nfdPublishedByDefault, resolveBaseline, spellingsOf, x86Level,
  type FeatureInfo, type Microarchitecture,
} from '../engine/catalog/index';
import { caseInsensitiveMatch, JVM_OPTIONS, KNOWN_MISSPELLINGS, lookupJvmOption, type JvmOptionDoc } from '../engine/catalog/jvmOptions';
import { ENV_VARS, lookupEnvVar, type EnvVarDoc } from '../engine/catalog/envVars';
import { allRuleMetas, ruleMeta } from '../engine/rules/index';
import { closestNames } from '../engine/rules/describe';
import { distance } from 'fastest-levenshtein';
import { explainJitDisableOption, JIT_DISABLE_OPTIONS } from './explainJitDisable';
import { explainNfdName, lookupNfdAnyArch, nfdCpuidName } from './explainNfd';
import type { RuleMeta } from '../engine/types';
import { rulePage, ruleHelpUri } from './docs';
import { EXIT_OK, UsageError } from './usage';

export const EXPLAIN_USAGE = `Usage: criu-portability explain <rule | feature | microarchitecture | option | env var | NFD label>

Examples:
  criu-portability explain target-missing-features
  criu-portability explain avx2          (any spelling: sse3, pni, SSE4, OMR_FEATURE_X86_AVX2)
  criu-portability explain haswell
  criu-portability explain -XX:+EnableCRIUSupport
  criu-portability explain -Xjit:disableAVX2
  criu-portability explain OPENJ9_RESTORE_JAVA_OPTIONS
  criu-portability explain feature.node.kubernetes.io/cpu-cpuid.X86_64_V2
`;

/** Every explanation for a name (a name can be, say, a feature on two architectures). */
export function explain(name: string): string[] {
  const out: string[] = [];
  const rule = ruleMeta(name);
  if (rule) out.push(explainRule(rule));
  const u = lookupMicroarchitecture(name);
  if (u) out.push(explainMicroarchitecture(u, aliasLabel(name)));
  for (const f of lookupFeatureAnyArch(name)) out.push(explainFeature(f));
  const option = findOption(name);
  if (option) out.push(explainOption(option, name));
  const jitDisable = explainJitDisableOption(name);
  if (jitDisable) out.push(jitDisable);
  const envVar = lookupEnvVar(name) ?? lookupEnvVar(name.toUpperCase());
  if (envVar) out.push(explainEnvVar(envVar));
  const nfdName = nfdCpuidName(name);
  if (nfdName) {
    for (const hit of lookupNfdAnyArch(nfdName)) {
      out.push(hit.kind === 'feature' ? `${explainNfdName(hit)}\n${explainFeature(hit.feature)}` : explainNfdName(hit));
    }
  }
  return out;
}

export function explainEnvVar(e: EnvVarDoc): string {
  return `${e.name} (environment variable)\n\n${e.doc}\n\nSource: ${e.source}\n`;
}

export function explainRule(meta: RuleMeta): string {
  const uri = ruleHelpUri(meta.id);
  return rulePage(meta.id) ?? `# ${meta.id}\n\n${meta.description}\n\n- Default severity: ${meta.defaultSeverity}\n${uri ? `- Docs: ${uri}\n` : ''}`;
}

export function explainFeature(f: FeatureInfo): string {
  const lines = [`${f.id} (${f.arch} CPU feature)`, '', f.description, ''];
  lines.push(`Names:        ${spellingsOf(f).join(', ')}`);
  lines.push(`Where:        ${f.bit}`);
  if (f.nfd) {
    const label = `${NFD_CPUID_LABEL_PREFIX}${f.nfd}`;
    lines.push(`NFD label:    ${label}${nfdPublishedByDefault(f.nfd) ? '' : ' (not published by NFD by default)'}`);
  }
  lines.push(`OpenJ9 JIT:   ${f.jitUtilized ? 'uses it' : 'does not use it'}`);
  const first = firstMicroarchitecturesWith(f.arch, f.id);
  if (first.length) {
    lines.push('First microarchitectures with it:');
    for (const { vendor, names } of first) lines.push(`  ${vendor}: ${names.join(', ')}`);
  } else lines.push('First microarchitectures with it: none in the catalogue');
  const baselines = baselinesIncluding(f);
  lines.push(`Baselines and levels including it: ${baselines.length ? baselines.join(', ') : 'none'}`);
  return lines.join('\n') + '\n';
}

function baselinesIncluding(f: FeatureInfo): string[] {
  const out: string[] = [];
  const portable = resolveBaseline(f.arch, OPENJ9_PORTABLE);
  if (portable?.features.has(f.id)) out.push(OPENJ9_PORTABLE);
  if (f.arch === 'x86_64') {
    for (const level of ['x86_64_v2', 'x86_64_v3', 'x86_64_v4']) if (resolveBaseline('x86_64', level)?.features.has(f.id)) out.push(level);
    const nfd = nfdLevelImplying(f.id);
    if (nfd) out.push(`NFD ${NFD_CPUID_LABEL_PREFIX}${nfd}`);
  }
  return out;
}

export function explainMicroarchitecture(u: Microarchitecture, cloudName?: string): string {
  const { over, added } = addedOverParents(u);
  const lines = [`${u.name}${u.displayName ? ` (${u.displayName})` : ''}: ${u.arch} microarchitecture`, ''];
  if (cloudName) lines.splice(1, 0, `${cloudName} has ${u.name} cores.`);
  lines.push(`Vendor:       ${u.vendor}`);
  if (u.aliases.length) lines.push(`Also known as: ${u.aliases.join(', ')}`);
  if (u.cpuPart) lines.push(`CPU part:     ${u.cpuPart}`);
  if (!u.detectable && u.arch !== 's390x') lines.push('Not in archspec: detection names the nearest entry archspec lists.');
  lines.push(`Parents:      ${u.parents.length ? u.parents.join(', ') : 'none (the root)'}`);
  const ancestors = ancestorsOf(u.name);
  if (ancestors.length > u.parents.length) lines.push(`Ancestors:    ${ancestors.join(', ')}`);
  if (u.generation) lines.push(`Generation:   ${u.generation}`);
  if (u.machineTypes?.length) lines.push(`Machine types: ${u.machineTypes.join(', ')}`);
  if (u.arch === 'x86_64') lines.push(`x86-64 level: ${x86Level(u.features) ?? 'below x86-64-v1'}`);
  const portable = resolveBaseline(u.arch, OPENJ9_PORTABLE);
  if (portable && !portable.hostDefined) {
    lines.push(`${OPENJ9_PORTABLE}: ${[...portable.features].every((f) => u.features.has(f)) ? 'satisfied' : 'NOT satisfied'}`);
  }
  lines.push(`Features added over ${over.map((p) => p.name).join(', ') || 'nothing'} (${added.length}): ${added.join(' ') || 'none'}`);
  lines.push(`All features (${u.features.size}): ${[...u.features].sort().join(' ')}`);
  return lines.join('\n') + '\n';
}

function findOption(name: string): JvmOptionDoc | undefined {
  if (name.startsWith('-')) {
    const exact = lookupJvmOption(name) ?? caseInsensitiveMatch(name);
    if (exact) return exact;
    const real = KNOWN_MISSPELLINGS[name.toLowerCase()];
    return real ? JVM_OPTIONS.find((o) => o.name === real.replace(/=.*$/, '')) : undefined;
  }
  // A bare name (`EnableCRIUSupport`) finds the option too.
  const bare = name.toLowerCase();
  return JVM_OPTIONS.find((o) => stripOptionPrefix(o.name).toLowerCase() === bare);
}

const stripOptionPrefix = (n: string) => n.replace(/^-XX:[+-]?|^-X/, '');

export function explainOption(o: JvmOptionDoc, asked: string): string {
  const lines: string[] = [];
  const real = KNOWN_MISSPELLINGS[asked.toLowerCase()];
  if (real) lines.push(`${asked} is not a real JVM option; the real one is ${real}.`, '');
  lines.push(`${o.name}${o.takesValue ? '=<value>' : ''} (JVM option, ${o.runtime === 'both' ? 'OpenJ9 and CRaC' : o.runtime === 'crac' ? 'CRaC' : 'OpenJ9'}, ${o.phase === 'both' ? 'checkpoint and restore' : o.phase})`, '');
  lines.push(o.doc, '', `Source: ${o.source}`);
  return lines.join('\n') + '\n';
}

function allNames(): string[] {
  const names = new Set<string>(allRuleMetas().map((m) => m.id));
  for (const arch of ARCHES) {
    for (const u of microarchitecturesOf(arch)) names.add(u.name);
    for (const f of featuresOf(arch)) names.add(f.id);
  }
  for (const o of JVM_OPTIONS) names.add(o.name);
  for (const o of JIT_DISABLE_OPTIONS) names.add(o);
  for (const e of ENV_VARS) names.add(e.name);
  return [...names];
}

/** Names within a small edit distance (at most a third of the length, at least 1): nothing beats a far guess. */
export function suggestionsFor(name: string): string[] {
  const limit = Math.max(1, name.length / 3);
  return closestNames(name, allNames(), 5).filter((c) => distance(name.toLowerCase(), c.toLowerCase()) <= limit);
}

export function runExplain(args: string[]): number {
  if (args.length === 0) throw new UsageError(`explain needs a name\n\n${EXPLAIN_USAGE}`);
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    process.stdout.write(EXPLAIN_USAGE);
    return EXIT_OK;
  }
  const unknown: string[] = [];
  const pages: string[] = [];
  // `explain -- -XX:Foo`: `--` ends options, it is not a name.
  const names = args[0] === '--' ? args.slice(1) : args;
  if (names.length === 0) throw new UsageError(`explain needs a name\n\n${EXPLAIN_USAGE}`);
  for (const name of names) {
    const found = explain(name);
    if (found.length === 0) unknown.push(name);
    pages.push(...found);
  }
  if (unknown.length) {
    const lines = unknown.map((name) => {
      const near = suggestionsFor(name);
      return `'${name}' is not a rule, CPU feature, microarchitecture, JVM option, environment variable or NFD label known to criu-portability.${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}`;
    });
    throw new UsageError(lines.join('\n'));
  }
  process.stdout.write(pages.join('\n---\n\n'));
  return EXIT_OK;
}
