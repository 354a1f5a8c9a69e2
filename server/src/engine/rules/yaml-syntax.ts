import type { RuleMeta } from '../types';

/** YAML parse errors; reported by the engine for every YAML file it validates (ranges cut at end of line). */
export const meta: RuleMeta = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  description: 'The YAML does not parse.',
  fileKind: 'manifest',
  fixable: false,
};
