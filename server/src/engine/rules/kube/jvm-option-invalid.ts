import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { invalidOption, isRestoreOption } from '../../kube/jvmChecks';

export const rule: KubeRule = {
  meta: kubeMeta('jvm-option-invalid', 'warning', 'A CRIU/CRaC JVM option that does not exist or is misspelt.'),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      rc.options.forEach((o, i) => {
        // Restore options are restore-option-unsupported's (a bad one fails the restore), except -XX: ones, which
        // OpenJ9 ignores at restore too: misspelt, they silently do nothing.
        if (o.dynamic || (isRestoreOption(o) && !o.text.startsWith('-XX:'))) return;
        const bad = invalidOption(o.text);
        if (!bad) return;
        report({
          message: `${o.text} in ${o.variable} ${bad.reason}: ${effect(rc.runtime, o.text)}${bad.replacement ? ` Did you mean ${bad.replacement}?` : ''}`,
          span: o.span,
          data: { container: rc.container.index, option: i, replacement: bad.replacement },
        });
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    const o = rc?.options[finding.data?.option as number];
    const replacement = finding.data?.replacement;
    if (!o || typeof replacement !== 'string') return [];
    const b = new EditBuilder(ctx.analysis.yaml);
    b.replaceSpan(o.span, replacement);
    return [{ title: `Replace with ${replacement}`, edits: b.edits, isPreferred: true }];
  },
};

/**
 * What the JVM does with it: OpenJ9 ignores an unrecognised -XX: option (checkArgsConsumed in
 * eclipse-openj9/openj9 runtime/vm/jvminit.c: IgnoreUnrecognizedXXColonOptions is on by default) and refuses other
 * unknown options; HotSpot (CRaC) refuses any unknown -XX: option unless -XX:+IgnoreUnrecognizedVMOptions.
 */
function effect(runtime: string, token: string): string {
  if (runtime === 'crac') return 'HotSpot refuses to start ("Unrecognized VM option") unless -XX:+IgnoreUnrecognizedVMOptions hides it, and then the intended setting silently has no effect.';
  if (token.startsWith('-XX:')) return 'OpenJ9 ignores an unrecognised -XX: option (IgnoreUnrecognizedXXColonOptions is on by default), so the intended setting silently has no effect.';
  return 'OpenJ9 refuses to start ("Command-line option unrecognised") unless -XX:+IgnoreUnrecognizedVMOptions hides it, and then the intended setting silently has no effect.';
}
