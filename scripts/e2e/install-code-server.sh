#!/usr/bin/env bash
# Offline-safe install (npm registry + Debian apt only) of code-server 4.100.3, i.e. the VS Code 1.100.3
# server, which runs on Node 20. Idempotent: does nothing when that version is already installed.
# Usage: scripts/e2e/install-code-server.sh [dir]   (default: .tools/code-server; as root; apt-get update done)
set -euo pipefail
VERSION=4.100.3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${1:-$ROOT/.tools/code-server}; mkdir -p "$DIR"; DIR=$(readlink -f "$DIR")
PKG="$DIR/node_modules/code-server/package.json"
if [ -f "$PKG" ] && [ "$(node -p "require('$PKG').version")" = "$VERSION" ] \
  && [ -f "$DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  echo "code-server $VERSION already installed in $DIR"; exit 0
fi
if ! command -v rg >/dev/null || [ ! -f /usr/include/gssapi/gssapi.h ] || ! command -v g++ >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ripgrep libkrb5-dev python3 make g++ >/dev/null
fi
# @vscode/ripgrep 1.15.11's postinstall downloads rg from GitHub (unreachable): pre-seed its download cache
# (under $TMPDIR) with Debian's rg, using the asset name postinstall.js looks for.
export TMPDIR="$DIR/.tmp"; C="$TMPDIR/vscode-ripgrep-cache-1.15.11"; mkdir -p "$C"
tar czf "$C/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
cd "$DIR"; [ -f package.json ] || npm init -y >/dev/null
# unsafe_perm: code-server's postinstall.sh refuses to run as root without it.
# yes: node-pty's post-install runs `npx node-gyp ...`; an npmrc with yes=false would make npx refuse.
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --foreground-scripts \
  "code-server@$VERSION" > install.log 2>&1 || { tail -40 install.log; exit 1; }
mkdir -p "$DIR/.home"
echo "installed: $(HOME="$DIR/.home" "$DIR/node_modules/.bin/code-server" --version 2>/dev/null | tail -1)"
