#!/usr/bin/env bash
# Runs the VS Code e2e suite (test/e2e/vscode) inside a real VS Code: the VS Code server shipped in the npm package
# code-server (lib/vscode/out/server-main.js) plus its web workbench in headless chromium (scripts/e2e/setup.sh
# installs both). Expects `npm run build` to have written dist/. Exit code = the suite's.
# Usage: scripts/e2e/run-vscode-tests.sh [extensionDevelopmentPath] [extensionTestsPath.js] [workspaceDir]
# Env: VSCODE_SERVER_MAIN (server-main.js of another VS Code), TEST_TIMEOUT_MS, E2E_GREP (mocha grep), VERBOSE.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EDP=$(readlink -f "${1:-$ROOT}")
ETP=$(realpath -m "${2:-$ROOT/out/e2e/index.js}")
WS=$(readlink -f "${3:-$ROOT/test/e2e/workspace}")
MAIN=${VSCODE_SERVER_MAIN:-$ROOT/.tools/code-server/node_modules/code-server/lib/vscode/out/server-main.js}
[ -f "$MAIN" ] || { echo "VS Code server not found at $MAIN: run scripts/e2e/setup.sh" >&2; exit 2; }
[ -f "$EDP/dist/extension.js" ] || { echo "$EDP/dist/extension.js missing: run npm run build" >&2; exit 2; }
if [ -z "${2:-}" ]; then node "$ROOT/scripts/e2e/build-vscode-tests.mjs"; fi

mkdir -p "$ROOT/.tools/runs"; RUN=$(mktemp -d "$ROOT/.tools/runs/vscode.XXXX"); mkdir -p "$RUN/home"
PORT=${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
# Private HOME/TMPDIR keep the server's state, logs and IPC sockets inside $RUN. --enable-smoke-test-driver makes
# newer workbenches honour the URL payload (1.100.3 does anyway); --disable-workspace-trust avoids a modal.
# setsid: the server leads its own process group, so one kill reaches the extension host, our language server and
# the file watcher (a plain kill leaves them orphaned).
HOME=$RUN/home TMPDIR=$RUN setsid node "$MAIN" --host 127.0.0.1 --port "$PORT" --without-connection-token \
  --accept-server-license-terms --enable-smoke-test-driver --disable-workspace-trust --telemetry-level off \
  --server-data-dir "$RUN/server" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext" \
  > "$RUN/server.log" 2>&1 &
SRV_PID=$!
cleanup() { kill -- "-$SRV_PID" 2>/dev/null || true; wait "$SRV_PID" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
  kill -0 "$SRV_PID" 2>/dev/null || { cat "$RUN/server.log"; echo "VS Code server exited" >&2; exit 2; }
  sleep 0.1
done
echo "VS Code server $(node -p "require('$(dirname "$MAIN")/../package.json').version") on port $PORT (state: $RUN)"
rc=0
HOME=$RUN/home node "$ROOT/scripts/e2e/run-ext-tests.cjs" "http://127.0.0.1:$PORT" "$WS" "$EDP" "$ETP" || rc=$?
if [ "$rc" -eq 0 ]; then cleanup; rm -rf "$RUN"; else echo "logs kept in $RUN" >&2; fi
exit "$rc"
