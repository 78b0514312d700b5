#!/bin/bash
# `make bench`: runs every benchmark program the build made (build/bin/*-bench: card reading,
# verification, kiosk session, kiosk screen) with its default settings and prints its figures,
# then `kioskctl read-card` against a pyscard + openssl reference reader (bench-read-card.sh).
# Runs in private namespaces with a pcscd + vsmartcard-vpcd of its own (cmake/isolated.sh).
# Exits non-zero if one fails.
set -uo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ "${ELS_TEST_ISOLATED:-}" != 1 ]; then
    exec ./cmake/isolated.sh "$0" "$@"
fi
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
echo "== kioskctl read-card vs a pyscard + openssl reference reader =="
./cmake/bench-read-card.sh "$build" || { echo "bench-read-card failed" >&2; status=1; }
exit $status
