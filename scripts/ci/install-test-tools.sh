#!/usr/bin/env bash
# Debian packages `npm test` needs, installed with one apt-get update: dash and busybox (the shells the
# generated guard script is tested under, test/cli/guard-shells.test.ts; busybox's sh and applets stand in for
# an Alpine image), criu (its `crit` encodes and decodes the CRIU images the inspect tests use as the
# reference) and zstd (the tests build zstd-compressed image layers). Run as root; safe to run again.
# Tests that need them fail under CI=true when they are missing (test/helpers/criu.ts).
set -euo pipefail
need=()
command -v dash >/dev/null || need+=(dash)
command -v busybox >/dev/null || need+=(busybox)
command -v crit >/dev/null || need+=(criu)
command -v zstd >/dev/null || need+=(zstd)
if [ ${#need[@]} -gt 0 ]; then
  echo "apt-get install ${need[*]}"
  apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi
crit --help >/dev/null
