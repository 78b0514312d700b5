#!/bin/sh
# Short libFuzzer run over the card-data parser and verifier, in its own clang build.
# Usage: tests/fuzz/smoke.sh BUILD_DIR [SECONDS]   (exits non-zero on any crash)
set -eu
build=${1:?usage: smoke.sh BUILD_DIR [SECONDS]}
seconds=${2:-30}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)

CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build" -G Ninja -DELS_FUZZ=ON -DELS_BUILD_UI=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "${JOBS:-2}" --target els-fuzz-card els-fuzz-seeds

work="$build/fuzz-smoke"
rm -rf "$work"
mkdir -p "$work/crashes"
"$build/bin/els-fuzz-seeds" "$work"
echo "fuzzing for ${seconds}s (corpus $work/corpus)"
ELS_FUZZ_ANCHORS="$work/ca.pem" "$build/bin/els-fuzz-card" -max_total_time="$seconds" \
    -artifact_prefix="$work/crashes/" -print_final_stats=1 "$work/corpus" 2>"$work/fuzz.log" || {
    tail -n 40 "$work/fuzz.log" >&2
    echo "fuzz smoke: FAILED, reproducer in $work/crashes/" >&2
    exit 1
}
grep -E "^stat::number_of_executed_units|^Done" "$work/fuzz.log" || true
echo "fuzz smoke: no crash in ${seconds}s"
