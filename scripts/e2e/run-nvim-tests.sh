#!/usr/bin/env bash
# Drives `node dist/server.js --stdio` from headless Neovim (scripts/e2e/setup.sh installs it) with
# test/e2e/nvim/lsp_test.lua: diagnostics, hover, a quick fix applied. Each check prints PASS/FAIL; the exit code
# is the number of failed checks (124 on a hang).
# Usage: scripts/e2e/run-nvim-tests.sh [manifest]   Env: LSP_SERVER (default dist/server.js), LSP_TIMEOUT_MS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FILE=$(readlink -f "${1:-$ROOT/test/e2e/workspace/problems.criu.yaml}")
export LSP_SERVER=$(readlink -f "${LSP_SERVER:-$ROOT/dist/server.js}")
command -v nvim >/dev/null || { echo "nvim not found: run scripts/e2e/setup.sh" >&2; exit 2; }
[ -f "$LSP_SERVER" ] || { echo "$LSP_SERVER missing: run npm run build" >&2; exit 2; }
# A private HOME/XDG tree keeps the user's config, shada and LSP log out of the run.
RUN=$(mktemp -d); trap 'rm -rf "$RUN"' EXIT
cd "$(dirname "$FILE")"
echo "Neovim $(nvim --version | head -1 | cut -d' ' -f2) against $LSP_SERVER on $(basename "$FILE")"
rc=0
HOME=$RUN XDG_CONFIG_HOME=$RUN/config XDG_DATA_HOME=$RUN/data XDG_STATE_HOME=$RUN/state XDG_CACHE_HOME=$RUN/cache \
  timeout 120 nvim --headless --clean -n -c "luafile $ROOT/test/e2e/nvim/lsp_test.lua" "$FILE" || rc=$?
exit "$rc"
