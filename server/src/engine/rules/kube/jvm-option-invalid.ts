import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { invalidOption, isRestoreOption } from '../../kube/jvmChecks';

export const rule: KubeRule = {
  meta: kubeMeta('jvm-option-invalid', 'warning', 'A CRIU/CRaC JVM option that does not exist or is misspelt.'),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      rc.options.forEach((o, i) => {
        // Restore options are restore-option-unsupported's: a bad one fails the restore, not the JVM start.
        if (o.dynamic || isRestoreOption(o)) return;
        const bad = invalidOption(o.text);
        if (!bad) return;
        report({
          message: `${o.text} in ${o.variable} ${bad.reason}: the JVM refuses to start ("Unrecognized option") unless -XX:+IgnoreUnrecognizedVMOptions hides it, and then the intended setting silently has no effect.${bad.replacement ? ` Did you mean ${bad.replacement}?` : ''}`,
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
