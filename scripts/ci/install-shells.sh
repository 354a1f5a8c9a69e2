#!/usr/bin/env bash
# The shells the generated guard script is tested under (test/cli/guard-shells.test.ts): Debian's dash and
# busybox (its sh and applets stand in for an Alpine image). Run as root; does nothing when both are there.
set -euo pipefail
need=()
command -v dash >/dev/null || need+=(dash)
command -v busybox >/dev/null || need+=(busybox)
if [ ${#need[@]} -gt 0 ]; then
  echo "apt-get install ${need[*]}"
  apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi
