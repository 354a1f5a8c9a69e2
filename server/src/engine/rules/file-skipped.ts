import type { RuleMeta } from '../types';

/** Files past the size cap are not validated; one finding says so instead of silently showing nothing. */
export const meta: RuleMeta = {
  id: 'file-skipped',
  defaultSeverity: 'info',
  description: 'The file is larger than the size cap and was not validated.',
  fileKind: 'manifest',
  fixable: false,
};
