#!/usr/bin/env bash
# UI-level smoke test in the real VS Code web workbench: language mode, manifest grammar colours, the Problems
# panel and a hover for a manifest, plus screenshots in test-results/e2e/ (UPDATE_DOC_IMAGES=1 copies them to
# docs/images/). Expects `npm run build`. Exit code = failed checks.
# Usage: scripts/e2e/run-ui-smoke.sh [extensionDevelopmentPath] [workspaceDir] [file]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/scripts/e2e/vscode-server.sh"
EDP=$(readlink -f "${1:-$ROOT}")
WS=$(readlink -f "${2:-$ROOT/test/e2e/workspace}")
FILE=${3:-problems.criu.yaml}
[ -f "$EDP/dist/extension.js" ] || { echo "$EDP/dist/extension.js missing: run npm run build" >&2; exit 2; }
start_vscode_server
# The smoke test edits files in the editor; it works on a copy so that whatever VS Code writes back never reaches
# the committed fixtures (an edited orders.criu.yaml once landed in a commit that way).
cp -r "$WS" "$RUN/workspace"
rc=0
HOME=$RUN/home node "$ROOT/scripts/e2e/workbench-smoke.cjs" "$ORIGIN" "$RUN/workspace" "$EDP" "$FILE" "$ROOT/test-results/e2e" || rc=$?
# UPDATE_DOC_IMAGES=1: refresh the README's screenshots from a passing run.
if [ "$rc" -eq 0 ] && [ "${UPDATE_DOC_IMAGES:-}" = 1 ]; then
  mkdir -p "$ROOT/docs/images"
  cp "$ROOT/test-results/e2e/problems.png" "$ROOT/docs/images/vscode-problems.png"
  cp "$ROOT/test-results/e2e/hover.png" "$ROOT/docs/images/vscode-hover.png"
  echo "updated docs/images/vscode-problems.png, docs/images/vscode-hover.png"
fi
keep_or_clean_run "$rc"
exit "$rc"
