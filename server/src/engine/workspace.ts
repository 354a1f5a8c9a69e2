// What the engine may know about other files: the manifests of the workspace, kept by the server's index or
// the CLI's file walk. The engine never reads files itself.
import type { ManifestContext } from './manifest/context';

export interface WorkspaceManifest {
  uri: string;
  context: ManifestContext;
  /**
   * The manifest's `image` when it is known without reading `context`: present for a large document validated
   * off the server's main thread, whose context is then parsed only when a rule needs it (linking by image does not).
   */
  image?: string | null;
}

export interface WorkspaceView {
  /** Every manifest document known in the workspace (open documents win over files on disk). */
  manifests(): Iterable<WorkspaceManifest>;
  /**
   * Changes whenever manifests() would answer differently. When present, the engine memoises per Analysis what it
   * linked (validate, then recordLinks, hover and code actions ask the same question of the same text).
   */
  readonly generation?: number;
}
