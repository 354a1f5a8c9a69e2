// Messages between the server and its validation worker (plain data: they are structured-cloned).
import type { Finding, SeveritySetting } from '../engine/types';

export interface OffThreadJob {
  id: number;
  uri: string;
  text: string;
  severities: Readonly<Record<string, SeveritySetting | undefined>>;
  /** The workspace's manifest files other than this one, as texts. */
  manifests: { uri: string; text: string }[];
  /** At most this many findings come back (the most severe: mostSevere.ts); `hidden` counts the rest. */
  maxFindings: number;
}

export interface OffThreadResult {
  id: number;
  findings?: Finding[];
  /** Findings left out past maxFindings. */
  hidden?: number;
  /** Manifest uris this file's workloads link to, and what a manifest must match to link (WorkspaceIndex). */
  linked?: string[];
  keys?: { images: string[]; annotated: string[] };
  /** One entry per manifest document of the file: its image (null when it names none). */
  manifestImages?: (string | null)[];
  /** The validation threw: its stack. */
  error?: string;
}
