# Sourced by the VS Code e2e scripts: start_vscode_server starts the VS Code server (server-main.js of the npm
# package code-server, installed by setup.sh) on a free port with private state, and arranges for its whole process
# group to be killed at exit (env INSTALL_VSIX: install that .vsix first). Sets ROOT, RUN (state dir), PORT,
# ORIGIN, SRV_PID. keep_or_clean_run <rc> at the end.
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
VSCODE_SERVER_MAIN=${VSCODE_SERVER_MAIN:-$ROOT/.tools/code-server/node_modules/code-server/lib/vscode/out/server-main.js}

stop_vscode_server() {
  [ -n "${SRV_PID:-}" ] || return 0
  kill -- "-$SRV_PID" 2>/dev/null || true
  wait "$SRV_PID" 2>/dev/null || true
  SRV_PID=
}

start_vscode_server() {
  [ -f "$VSCODE_SERVER_MAIN" ] || { echo "VS Code server not found at $VSCODE_SERVER_MAIN: run scripts/e2e/setup.sh" >&2; exit 2; }
  mkdir -p "$ROOT/.tools/runs"; RUN=$(mktemp -d "$ROOT/.tools/runs/vscode.XXXX"); mkdir -p "$RUN/home"
  # INSTALL_VSIX: install a packaged extension into the private extensions folder first (the --install-extension
  # path users take), so the workbench runs the installed copy.
  if [ -n "${INSTALL_VSIX:-}" ]; then
    HOME=$RUN/home TMPDIR=$RUN node "$VSCODE_SERVER_MAIN" --install-extension "$INSTALL_VSIX" --accept-server-license-terms \
      --server-data-dir "$RUN/server" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext" > "$RUN/install.log" 2>&1 \
      || { cat "$RUN/install.log"; echo "installing $INSTALL_VSIX failed" >&2; exit 2; }
    grep -h "successfully installed" "$RUN/install.log"
  fi
  PORT=${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
  ORIGIN="http://127.0.0.1:$PORT"
  # Private HOME/TMPDIR keep the server's state, logs and IPC sockets inside $RUN. --enable-smoke-test-driver makes
  # newer workbenches honour the URL payload (1.100.3 does anyway); --disable-workspace-trust avoids a modal.
  # setsid: the server leads its own process group, so one kill reaches the extension host, our language server
  # and the file watcher (a plain kill leaves them orphaned).
  HOME=$RUN/home TMPDIR=$RUN setsid node "$VSCODE_SERVER_MAIN" --host 127.0.0.1 --port "$PORT" \
    --without-connection-token --accept-server-license-terms --enable-smoke-test-driver --disable-workspace-trust \
    --telemetry-level off --server-data-dir "$RUN/server" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext" \
    > "$RUN/server.log" 2>&1 &
  SRV_PID=$!
  trap stop_vscode_server EXIT
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "$ORIGIN/" && break
    kill -0 "$SRV_PID" 2>/dev/null || { cat "$RUN/server.log"; echo "VS Code server exited" >&2; exit 2; }
    sleep 0.1
  done
  echo "VS Code server $(node -p "require('$(dirname "$VSCODE_SERVER_MAIN")/../package.json').version") on port $PORT (state: $RUN)"
}

keep_or_clean_run() {
  if [ "$1" -eq 0 ]; then stop_vscode_server; rm -rf "$RUN"; else echo "logs kept in $RUN" >&2; fi
}
