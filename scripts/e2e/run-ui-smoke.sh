#!/usr/bin/env bash
# UI-level smoke test in the real VS Code web workbench: language mode, manifest grammar colours and the Problems
# panel for a manifest, plus a screenshot in test-results/e2e/. Expects `npm run build`. Exit code = failed checks.
# Usage: scripts/e2e/run-ui-smoke.sh [extensionDevelopmentPath] [workspaceDir] [file]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/scripts/e2e/vscode-server.sh"
EDP=$(readlink -f "${1:-$ROOT}")
WS=$(readlink -f "${2:-$ROOT/test/e2e/workspace}")
FILE=${3:-problems.criu.yaml}
[ -f "$EDP/dist/extension.js" ] || { echo "$EDP/dist/extension.js missing: run npm run build" >&2; exit 2; }
start_vscode_server
rc=0
HOME=$RUN/home node "$ROOT/scripts/e2e/workbench-smoke.cjs" "$ORIGIN" "$WS" "$EDP" "$FILE" "$ROOT/test-results/e2e" || rc=$?
keep_or_clean_run "$rc"
exit "$rc"
