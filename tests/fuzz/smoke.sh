#!/bin/sh
# libFuzzer runs of every fuzz target in its own clang build (ASan + UBSan).
#   tests/fuzz/smoke.sh BUILD_DIR [SECONDS] [TARGET...]
# SECONDS per target (default 10; the card verifier, the slowest, gets twice that). Each target
# starts from its committed seeds (corpus/<target>/) plus what earlier runs in BUILD_DIR found,
# in one process (no -jobs: the machine is shared). Prints executions and coverage per target; exits
# non-zero on any crash, leak, timeout or sanitizer report, with the reproducer's path.
# `make test` runs it briefly; `make fuzz` (FUZZ_SECONDS, default 600) for long runs.
set -eu
build=${1:?usage: smoke.sh BUILD_DIR [SECONDS] [TARGET...]}
seconds=${2:-10}
[ $# -ge 2 ] && shift 2 || shift $#
targets=${*:-els-fuzz-card els-fuzz-apdu els-fuzz-usos-json els-fuzz-config els-fuzz-http}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)

CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build" -G Ninja -DELS_FUZZ=ON -DELS_BUILD_UI=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" -j "${JOBS:-2}" --target els-fuzz-seeds $targets >/dev/null

work="$build/fuzz"
mkdir -p "$work"
failed=0
for target in $targets; do
    dir="$work/$target"
    mkdir -p "$dir/corpus" "$dir/crashes"
    env=""
    budget=$seconds
    if [ "$target" = els-fuzz-card ]; then
        # Its seeds are signed at run time by a throw-away CA that the target then trusts.
        [ -f "$dir/ca.pem" ] || "$build/bin/els-fuzz-seeds" "$dir" >/dev/null
        env="ELS_FUZZ_ANCHORS=$dir/ca.pem"
        budget=$((seconds * 2))
    else
        cp "$source_dir/tests/fuzz/corpus/$target/"* "$dir/corpus/"
    fi
    # shellcheck disable=SC2086
    if env $env "$build/bin/$target" -max_total_time="$budget" \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$dir/crashes/" -print_final_stats=1 \
        "$dir/corpus" >"$dir/fuzz.log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log")
        cov=$(grep -o 'cov: [0-9]*' "$dir/fuzz.log" | tail -n 1)
        echo "$target: ${runs:-?} executions in ${budget}s, $cov, no finding"
    else
        tail -n 30 "$dir/fuzz.log" >&2
        echo "$target: FAILED, reproducer in $dir/crashes/" >&2
        failed=1
    fi
done
exit $failed
