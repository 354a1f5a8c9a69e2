// Hover docs inside Kubernetes YAML (NFD labels, capabilities, env vars, JVM options, arch values).
import type { Analysis } from '../analyze';
import type { Position } from '../types';
import type { WorkspaceView } from '../workspace';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range?: import('../types').Range;
}

export function kubeHover(_analysis: Analysis, _pos: Position, _workspace?: WorkspaceView): HoverResult | undefined {
  return undefined;
}
