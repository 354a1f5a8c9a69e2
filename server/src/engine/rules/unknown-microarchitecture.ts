import type { ManifestRule } from './types';
import type { TextValue } from '../manifest/model';
import { baselineNames, lookupMicroarchitecture, resolveBaseline, suggestMicroarchitectures } from '../catalog';
import { closestNames, didYouMean, withArticle, shown } from './describe';
import { nodeSpan } from '../yaml/nodes';
import { replaceWithEach, textValueAt } from '../edit';

export const rule: ManifestRule = {
  meta: {
    id: 'unknown-microarchitecture',
    defaultSeverity: 'error',
    description: 'A baseline or microarchitecture name that is unknown or of another architecture.',
    fileKind: 'manifest',
    fixable: true,
  },
  check(ctx, report) {
    const m = ctx.manifest;
    const arch = m.arch;
    if (!arch) return;
    if (m.baselineValue && !resolveBaseline(arch, m.baselineValue.value)) {
      const other = lookupMicroarchitecture(m.baselineValue.value);
      const suggestions = closestNames(m.baselineValue.value, baselineNames(arch));
      report(problem(m.baselineValue, 'baseline', other && other.arch !== arch ? `${other.name} is ${withArticle(other.arch)} microarchitecture` : undefined, suggestions));
    }
    const hostArch = m.host?.microarchitecture;
    if (hostArch) {
      const found = lookupMicroarchitecture(hostArch.value);
      if (!found || found.arch !== arch) {
        report(problem(hostArch, 'checkpoint.host.microarchitecture', found ? `${found.name} is ${withArticle(found.arch)} microarchitecture` : undefined, suggestMicroarchitectures(arch, hostArch.value)));
      }
    }
    for (const t of m.targets) {
      // A target of another arch is target-arch-mismatch's to report; here only names nobody knows.
      if (t.microarchitecture && !t.resolved) {
        report(problem(t.microarchitecture, `restore target ${t.name?.value ?? t.index + 1}`, undefined, suggestMicroarchitectures(arch, t.microarchitecture.value)));
      }
    }

    function problem(value: TextValue, what: string, otherArch: string | undefined, suggestions: string[]) {
      const why = otherArch ? `${otherArch}, not ${arch}` : `not a known ${arch} microarchitecture or baseline`;
      return {
        message: `\`${shown(value.value)}\` (${what}) is ${why}.${didYouMean(suggestions)}`,
        span: nodeSpan(value.node),
        data: { name: value.value, suggestions },
      };
    }
  },
  fixes(ctx, finding) {
    const m = ctx.manifest;
    const value = textValueAt([m.baselineValue, m.host?.microarchitecture, ...m.targets.map((t) => t.microarchitecture)], ctx, finding.range);
    if (!value) return [];
    return replaceWithEach(ctx, value.node, (finding.data?.suggestions as string[] | undefined) ?? [], false);
  },
};
