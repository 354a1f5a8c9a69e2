// JVM option checks shared by the jvm-* rules: misspellings and the token-removal edit.
import { distance } from 'fastest-levenshtein';
import { JVM_OPTIONS, KNOWN_MISSPELLINGS, caseInsensitiveMatch, isRestoreAccepted, lookupJvmOption, optionName } from '../catalog/jvmOptions';
import { RESTORE_OPTIONS_VAR } from '../catalog/envVars';
import type { EditBuilder } from './edits';
import type { JvmOption, RestoreContainer } from './link';

export const IGNORE_UNRECOGNIZED_RESTORE = '-XX:+IgnoreUnrecognizedRestoreOptions';

const CRIU_LIKE = /criu|crac|checkpoint|restore/i;

/** undefined when the token is fine or not ours to judge; else the reason and, when known, the real option. */
export function invalidOption(token: string): { reason: string; replacement?: string } | undefined {
  const known = KNOWN_MISSPELLINGS[token.toLowerCase()];
  if (known) return { reason: 'does not exist', replacement: known };
  if (lookupJvmOption(token)) return undefined;
  const name = optionName(token);
  const value = token.slice(name.length);
  const ci = caseInsensitiveMatch(token);
  if (ci) {
    const sign = /^-XX:[+-]/.test(name) ? name[4] : '';
    const real = ci.boolean && sign ? ci.name.replace(/^-XX:[+-]/, `-XX:${sign}`) : ci.name;
    return { reason: 'is misspelt (JVM options are case-sensitive)', replacement: real + value };
  }
  const m = /^-XX:([+-]?)([A-Za-z0-9_]+)$/.exec(name);
  if (!m || !CRIU_LIKE.test(m[2])) return undefined;
  // Boolean option written without + or -, or a value option written with one.
  for (const o of JVM_OPTIONS) {
    const bare = o.name.replace(/^-XX:[+-]?/, '');
    if (bare !== m[2]) continue;
    if (o.boolean && !m[1]) return { reason: 'needs + or - after -XX:', replacement: `-XX:+${bare}${value}` };
    if (!o.boolean && m[1]) return { reason: 'takes a value, not + or -', replacement: `-XX:${bare}=` };
  }
  let best: { name: string; d: number } | undefined;
  for (const o of JVM_OPTIONS) {
    if (!o.name.startsWith('-XX:')) continue;
    const bare = o.name.replace(/^-XX:[+-]?/, '');
    const d = distance(m[2].toLowerCase(), bare.toLowerCase());
    if (d <= Math.max(3, Math.floor(bare.length / 3)) && (!best || d < best.d)) best = { name: o.boolean ? `-XX:${m[1] || '+'}${bare}` : o.name, d };
  }
  // EnableCRIU is a prefix of EnableCRIUSupport: prefixes count as misspellings too.
  if (!best) {
    const pre = JVM_OPTIONS.find((o) => o.name.replace(/^-XX:[+-]?/, '').toLowerCase().startsWith(m[2].toLowerCase()) && m[2].length >= 6);
    if (pre) best = { name: pre.boolean ? `-XX:${m[1] || '+'}${pre.name.replace(/^-XX:[+-]?/, '')}` : pre.name, d: 0 };
  }
  return { reason: 'is not an OpenJ9 or CRaC option', replacement: best ? best.name + (best.name.endsWith('=') ? '' : value) : undefined };
}

/** Remove a token and one side of its surrounding spaces. */
export function removeToken(b: EditBuilder, o: JvmOption): void {
  const text = b.text;
  let [s, e] = o.span;
  if (/[ \t]/.test(text[e] ?? '')) while (/[ \t]/.test(text[e] ?? '')) e++;
  else while (s > 0 && /[ \t]/.test(text[s - 1])) s--;
  b.replaceSpan([s, e], '');
}

/** Options OpenJ9 reads when restoring: their problems are restore failures, not JVM start failures. */
export function isRestoreOption(o: JvmOption): boolean {
  return o.variable === RESTORE_OPTIONS_VAR;
}

/**
 * Why OpenJ9 cannot apply a restore option (undefined when it can, or when -XX:+IgnoreUnrecognizedRestoreOptions
 * makes it skip what it cannot apply): the misspelling, if any, and a replacement only when that one is accepted
 * at restore (the real spelling of a checkpoint option would fail the restore just the same).
 */
export function restoreProblem(rc: RestoreContainer, o: JvmOption): { misspelt?: { reason: string; replacement?: string }; replacement?: string; agent?: boolean } | undefined {
  if (!isRestoreOption(o) || o.dynamic) return undefined;
  // A JDWP agent at restore needs -XX:+DebugOnRestore at checkpoint, whatever IgnoreUnrecognizedRestoreOptions says:
  // CRIUHelpers.cpp consumes the first -Xrunjdwp/-agentlib:/-agentpath:, prints J9NLS_VM_CRIU_FAILED_TO_ENABLE_JDWP_RESTORE_OPTION
  // and fails the restore (jdwpFoundButIgnored). The checkpoint's options are the linked manifest's jvm.options.
  if (/^(-agentlib:|-agentpath:|-Xrunjdwp)/.test(o.text)) {
    const checkpointOptions = rc.manifest?.context.manifest.jvm?.options?.items.map((i) => i.value) ?? [];
    return checkpointOptions.includes('-XX:+DebugOnRestore') ? undefined : { agent: true };
  }
  // An unrecognised -XX: option is ignored (checkArgsConsumed in runtime/vm/jvminit.c: IgnoreUnrecognizedXXColonOptions
  // is on unless -XX:-IgnoreUnrecognizedXXColonOptions comes last).
  if (o.text.startsWith('-XX:') && !rc.options.some((x) => x.text === '-XX:-IgnoreUnrecognizedXXColonOptions')) return undefined;
  if (isRestoreAccepted(o.text)) return undefined;
  if (rc.options.some((x) => x.text === IGNORE_UNRECOGNIZED_RESTORE)) return undefined;
  const misspelt = invalidOption(o.text);
  const replacement = misspelt?.replacement && isRestoreAccepted(misspelt.replacement) ? misspelt.replacement : undefined;
  return { misspelt, replacement };
}
