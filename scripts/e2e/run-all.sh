#!/usr/bin/env bash
# `npm run test:e2e`: the VS Code suite, the VS Code UI smoke test, the Neovim client test and the packaged .vsix
# (contents, size, installed and smoke-tested); all always run.
# Expects dist/ built.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
bash "$ROOT/scripts/e2e/run-vscode-tests.sh"; vscode=$?
bash "$ROOT/scripts/e2e/run-ui-smoke.sh"; ui=$?
bash "$ROOT/scripts/e2e/run-nvim-tests.sh"; nvim=$?
bash "$ROOT/scripts/e2e/run-vsix-smoke.sh"; vsix=$?
echo "e2e: vscode rc=$vscode, ui rc=$ui, nvim rc=$nvim, vsix rc=$vsix"
[ "$vscode" -eq 0 ] && [ "$ui" -eq 0 ] && [ "$nvim" -eq 0 ] && [ "$vsix" -eq 0 ]
