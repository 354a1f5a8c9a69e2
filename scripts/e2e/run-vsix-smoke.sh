#!/usr/bin/env bash
# The packaged extension, as users get it: scripts/e2e/check-vsix.mjs packages and checks the .vsix (contents,
# size), then it is installed into a fresh VS Code server with --install-extension and the workbench smoke test
# runs against the installed copy (no development path): language mode, grammar, diagnostics, hover.
# Exit code = failed checks of both steps.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VSIX=$ROOT/test-results/e2e/criu-portability.vsix
node "$ROOT/scripts/e2e/check-vsix.mjs" "$VSIX"; pack=$?
[ -f "$VSIX" ] || { echo "no .vsix was produced" >&2; exit 2; }
set -e
source "$ROOT/scripts/e2e/vscode-server.sh"
INSTALL_VSIX=$VSIX start_vscode_server
set +e
installed=$(ls -d "$RUN"/ext/criu-portability.criu-portability-* 2>/dev/null | head -1)
if [ -n "$installed" ] && [ -f "$installed/dist/extension.js" ]; then
  echo "PASS installed: ${installed#$RUN/}"
else
  echo "FAIL installed: no criu-portability in $RUN/ext"; pack=$((pack + 1))
fi
HOME=$RUN/home node "$ROOT/scripts/e2e/workbench-smoke.cjs" "$ORIGIN" "$ROOT/test/e2e/workspace" - problems.criu.yaml \
  "$ROOT/test-results/e2e/installed"; ui=$?
rc=$((pack + ui))
keep_or_clean_run "$rc"
exit "$rc"
