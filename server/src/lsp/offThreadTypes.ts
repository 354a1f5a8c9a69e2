// Messages between the server and its validation worker (plain data: they are structured-cloned).
import type { Finding, SeveritySetting } from '../engine/types';

export interface OffThreadJob {
  id: number;
  uri: string;
  text: string;
  severities: Readonly<Record<string, SeveritySetting | undefined>>;
  /** The workspace's manifest files other than this one, as texts. */
  manifests: { uri: string; text: string }[];
}

export interface OffThreadResult {
  id: number;
  findings?: Finding[];
  /** Manifest uris this file's workloads link to, and what a manifest must match to link (WorkspaceIndex). */
  linked?: string[];
  keys?: { images: string[]; annotated: string[] };
  hasManifests?: boolean;
  /** The validation threw: its stack. */
  error?: string;
}
