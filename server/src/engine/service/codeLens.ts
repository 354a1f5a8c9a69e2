// A verdict per restore target (`✓ can restore` / `✗ lacks avx2, fma`) and one per manifest
// (`2 of 3 restore targets can restore this image`). Titles only: lenses execute nothing.
import type { Analysis } from '../analyze';
import type { Range } from '../types';
import { missingOnTarget } from '../manifest/requirements';
import { listText } from '../rules/describe';
import { targetSpan } from '../rules/target-missing-features';

export interface Lens {
  range: Range;
  title: string;
}

export function codeLenses(analysis: Analysis): Lens[] {
  const lenses: Lens[] = [];
  for (const ctx of analysis.manifests) {
    const m = ctx.manifest;
    if (!m.arch || m.targets.length === 0) continue;
    const targets: Lens[] = [];
    let pass = 0;
    let judged = 0;
    for (const t of m.targets) {
      const span = targetSpan(t);
      if (!span) continue;
      const range = ctx.yaml.range(span[0], span[0]);
      if (t.resolved && t.resolved.arch !== m.arch) {
        judged++;
        targets.push({ range, title: `✗ ${t.resolved.arch} machine, ${m.arch} image` });
        continue;
      }
      const missing = missingOnTarget(ctx.requirements, t);
      if (!missing) {
        targets.push({ range, title: '? unknown microarchitecture' });
        continue;
      }
      judged++;
      if (missing.length === 0) pass++;
      targets.push({ range, title: missing.length ? `✗ lacks ${listText(missing, 6)}` : '✓ can restore' });
    }
    const start = ctx.document.range[0];
    const first = ctx.yaml.range(start, start);
    const n = m.targets.length;
    const unknown = n - judged;
    lenses.push({ range: first, title: `${pass} of ${n} restore target${n === 1 ? '' : 's'} can restore this image${unknown ? ` (${unknown} unknown)` : ''}` }, ...targets);
  }
  return lenses;
}
