import type { KubeRule } from './types';
import { kubeMeta } from './types';
import { EditBuilder } from '../../kube/edits';
import { IGNORE_UNRECOGNIZED_RESTORE as IGNORE, removeToken, restoreProblem } from '../../kube/jvmChecks';
import type { Fix } from '../../types';

// OpenJ9's wording when a restore option cannot be applied (domain-facts §1.4; openj9-docs criusupport.md).
const FAILS = 'the restore fails with JVMRestoreException ("The JVM could not enable all the restore options specified")';

export const rule: KubeRule = {
  meta: kubeMeta('restore-option-unsupported', 'warning', 'OPENJ9_RESTORE_JAVA_OPTIONS has an option OpenJ9 does not accept at restore.'),
  check(ctx, report) {
    for (const rc of ctx.restore) {
      rc.options.forEach((o, i) => {
        const p = restoreProblem(rc, o);
        if (!p) return;
        if (p.agent) {
          report({
            message: `${o.text} at restore needs -XX:+DebugOnRestore in the checkpoint's options (Liberty: WLP_DEBUG_ON_RESTORE when the checkpoint is taken), which ${rc.manifest ? 'the linked manifest\'s jvm.options do not list' : 'nothing here shows'}: OpenJ9 then fails the restore, whatever -XX:+IgnoreUnrecognizedRestoreOptions says (eclipse-openj9/openj9 runtime/vm/CRIUHelpers.cpp). Remove it, or checkpoint with -XX:+DebugOnRestore.`,
            span: o.span,
            data: { container: rc.container.index, option: i },
          });
          return;
        }
        // A misspelling is said here, once: jvm-option-invalid leaves this variable alone.
        const what = p.misspelt ? misspelling(o.text, p.misspelt, !!p.replacement) : `OpenJ9 does not accept ${o.text} at restore`;
        const fixHint = p.replacement ? `Replace it with ${p.replacement}, remove it` : 'Remove it';
        report({
          message: `${what}: ${FAILS}${rc.runtime === 'liberty' ? ' and Liberty falls back to a cold start or exits' : ''}. ${fixHint}, or add ${IGNORE}.`,
          span: o.span,
          data: { container: rc.container.index, option: i, replacement: p.replacement },
        });
      });
    }
  },
  fixes(ctx, finding) {
    const rc = ctx.restore.find((r) => r.container.index === finding.data?.container);
    const o = rc?.options[finding.data?.option as number];
    if (!rc || !o) return [];
    const out: Fix[] = [];
    const replacement = finding.data?.replacement;
    if (typeof replacement === 'string') {
      const b = new EditBuilder(ctx.analysis.yaml);
      b.replaceSpan(o.span, replacement);
      out.push({ title: `Replace with ${replacement}`, edits: b.edits });
    }
    const remove = new EditBuilder(ctx.analysis.yaml);
    removeToken(remove, o);
    out.push({ title: `Remove ${o.text}`, edits: remove.edits });
    const add = new EditBuilder(ctx.analysis.yaml);
    const env = o.env;
    if (env.valueNode && env.value !== undefined) {
      add.replaceScalar(env.valueNode, `${env.value.trimEnd()} ${IGNORE}`);
      out.push({ title: `Add ${IGNORE} (ignore options OpenJ9 cannot apply at restore)`, edits: add.edits });
    }
    out[0].isPreferred = true;
    return out;
  },
};

/** `X does not exist (the option is Y, which OpenJ9 does not accept at restore either)`; Y is left to the fix hint when accepted. */
function misspelling(token: string, m: { reason: string; replacement?: string }, replacementAccepted: boolean): string {
  if (!m.replacement || replacementAccepted) return `${token} ${m.reason}`;
  const note = `the option is ${m.replacement}, which OpenJ9 does not accept at restore either`;
  return m.reason.endsWith(')') ? `${token} ${m.reason.slice(0, -1)}; ${note})` : `${token} ${m.reason} (${note})`;
}
