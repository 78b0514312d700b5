#!/bin/bash
# `make bench`: runs every benchmark program the build made (build/bin/*-bench: card reading,
# verification, kiosk session, kiosk screen) with its default settings and prints its figures.
# Needs pcscd with vsmartcard-vpcd (started here if none runs). Exits non-zero if one fails.
set -uo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

./cmake/pcscd.sh ensure >/dev/null || exit 1
export QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software

status=0
found=0
for bench in "$build"/bin/*-bench; do
    [ -x "$bench" ] || continue
    found=1
    echo "== $(basename "$bench") =="
    "$bench" || { echo "$(basename "$bench") failed" >&2; status=1; }
    echo
done
[ "$found" = 1 ] || { echo "no benchmark programs in $build/bin (build first)" >&2; exit 1; }
exit $status
