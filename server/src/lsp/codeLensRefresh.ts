// Code lenses follow the analysis: after diagnostics are published the lenses may say something else (a target now
// passes, a summary count changed, a linked manifest changed in another file), so ask the client to re-request them
// (`workspace/codeLens/refresh`, LSP 3.16). VS Code otherwise re-asks only on its own timer, and a summary lens
// stayed stale for seconds next to per-target lenses that had already changed. Bursts (a workspace scan publishes
// many files) become one refresh.
import { CodeLensRefreshRequest, type Connection } from 'vscode-languageserver';

const COALESCE_MS = 50;

export class CodeLensRefresher {
  private timer: NodeJS.Timeout | undefined;
  supported = false;

  constructor(private readonly connection: Connection) {}

  schedule(): void {
    if (!this.supported || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }, COALESCE_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
