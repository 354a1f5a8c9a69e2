#!/usr/bin/env bash
# One-time setup for the editor end-to-end tests (`npm run test:e2e`): Debian packages (headless chromium for
# the VS Code web workbench, neovim for the Neovim client test, and the build needs of code-server's native
# modules), then code-server into .tools/code-server. Run as root. Safe to run again.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v nvim >/dev/null || need+=(neovim)
command -v rg >/dev/null || need+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
command -v g++ >/dev/null || need+=(g++ make python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "apt-get install ${need[*]}"
  apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi
"$ROOT/scripts/e2e/install-code-server.sh" "$ROOT/.tools/code-server"
