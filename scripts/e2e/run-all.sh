#!/usr/bin/env bash
# `npm run test:e2e`: the VS Code suite, then the Neovim client test; both always run. Expects dist/ built.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
bash "$ROOT/scripts/e2e/run-vscode-tests.sh"; vscode=$?
bash "$ROOT/scripts/e2e/run-nvim-tests.sh"; nvim=$?
echo "e2e: vscode rc=$vscode, nvim rc=$nvim"
[ "$vscode" -eq 0 ] && [ "$nvim" -eq 0 ]
