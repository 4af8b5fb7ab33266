#!/usr/bin/env bash
# Install the system packages in scripts/system-packages.txt that this Debian/Ubuntu machine lacks:
# with apt-get as root, through sudo otherwise; say clearly what to run where neither works.
# Run by `make` before the virtual environment is built, and by .ci/run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; install the equivalents of $here/system-packages.txt yourself (see README)" >&2
  exit 0
fi
need=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done < "$here/system-packages.txt"
[ ${#need[@]} -eq 0 ] && exit 0
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1; then
  # sudo asks for a password on a terminal; without one it fails and says why
  { sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; } || {
    echo "system-deps: could not install with sudo; as root run: apt-get install ${need[*]}" >&2
    exit 1
  }
else
  echo "system-deps: these system packages are missing and I cannot install them (not root, no sudo):" >&2
  echo "  apt-get install ${need[*]}" >&2
  echo "Run that as root, then run make again." >&2
  exit 1
fi
