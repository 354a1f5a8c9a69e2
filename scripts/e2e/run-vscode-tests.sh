#!/usr/bin/env bash
# Runs the VS Code e2e suite (test/e2e/vscode) inside a real VS Code: the VS Code server shipped in the npm package
# code-server plus its web workbench in headless chromium (scripts/e2e/setup.sh installs both). Expects
# `npm run build` to have written dist/. Exit code = the suite's.
# Usage: scripts/e2e/run-vscode-tests.sh [extensionDevelopmentPath] [extensionTestsPath.js] [workspaceDir]
# Env: VSCODE_SERVER_MAIN (server-main.js of another VS Code), TEST_TIMEOUT_MS, E2E_GREP (mocha grep; reaches the
# extension host through the server's environment), VERBOSE.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/scripts/e2e/vscode-server.sh"
EDP=$(readlink -f "${1:-$ROOT}")
ETP=$(realpath -m "${2:-$ROOT/out/e2e/index.js}")
WS=$(readlink -f "${3:-$ROOT/test/e2e/workspace}")
[ -f "$EDP/dist/extension.js" ] || { echo "$EDP/dist/extension.js missing: run npm run build" >&2; exit 2; }
if [ -z "${2:-}" ]; then # our own suite: type-check (esbuild does not) and bundle it
  (cd "$ROOT" && npx tsc -p test/e2e/vscode) && node "$ROOT/scripts/e2e/build-vscode-tests.mjs"
fi
start_vscode_server
rc=0
HOME=$RUN/home node "$ROOT/scripts/e2e/run-ext-tests.cjs" "$ORIGIN" "$WS" "$EDP" "$ETP" || rc=$?
keep_or_clean_run "$rc"
exit "$rc"
