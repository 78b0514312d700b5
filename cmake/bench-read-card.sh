#!/bin/bash
# `make bench`, read-card part: `kioskctl read-card` as a whole process (start, read, verify,
# print) against a reference reader made of Debian's python3-pyscard and `openssl cms -verify`
# (tests/bench/reference-reader.py), on the same signed virtual card through pcscd + vpcd, timed
# by hyperfine. Prints both side by side and the ratio (target: kioskctl >= 5x faster).
# Needs a pcscd with vsmartcard-vpcd on the socket: run it under cmake/isolated.sh (bench.sh does).
#
# Usage: cmake/bench-read-card.sh BUILD [RUNS]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
runs=${2:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$build/bin
slot=0
reader="Virtual PCD 00 0$slot"

for tool in hyperfine jq openssl; do
    command -v $tool >/dev/null || { echo "bench-read-card: $tool missing (make deps)" >&2; exit 1; }
done
/usr/bin/python3 -c 'import smartcard' 2>/dev/null ||
    { echo "bench-read-card: python3-pyscard missing (make deps)" >&2; exit 1; }

work=$(mktemp -d)
sim=
cleanup() {
    if [ -n "$sim" ]; then kill "$sim" 2>/dev/null || true; wait "$sim" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/els-card-make" pki --out "$work/pki" >/dev/null
"$bin/els-card-make" card --pki "$work/pki" --out "$work/card" >/dev/null
"$bin/els-card-sim" --image "$work/card" --slot $slot >"$work/card-sim.log" 2>&1 &
sim=$!
mkdir -p "$work/reference"
kioskctl=("$bin/kioskctl" read-card --reader "$reader" --trust "$work/pki/ca.pem" --json)
reference=(/usr/bin/python3 "$root/tests/bench/reference-reader.py" "$reader" "$work/pki/ca.pem"
    "$work/reference")

# Both must read and verify the card before they are timed (the card takes a moment to appear).
for _ in $(seq 50); do "${kioskctl[@]}" >/dev/null 2>&1 && break; sleep 0.1; done
"${kioskctl[@]}" >/dev/null || { echo "bench-read-card: kioskctl read-card failed" >&2; exit 1; }
"${reference[@]}" >/dev/null || { echo "bench-read-card: reference reader failed" >&2; exit 1; }

quoted() { printf '%q ' "$@"; }
hyperfine --shell=none --warmup 5 --runs "$runs" --style none \
    --export-json "$work/times.json" \
    --command-name "kioskctl read-card" "$(quoted "${kioskctl[@]}")" \
    --command-name "pyscard + openssl cms" "$(quoted "${reference[@]}")" >/dev/null

jq -r --argjson runs "$runs" '
  def ms: . * 1000 | . * 10 | round / 10;
  .results as $r
  | ($r[1].median / $r[0].median) as $ratio
  | "read-card as a whole process, same signed card (vpcd), \($runs) runs each:",
    "  \("kioskctl read-card" | .+"                       " | .[0:24]) median \($r[0].median | ms) ms  mean \($r[0].mean | ms) ms ± \($r[0].stddev | ms)",
    "  \("pyscard + openssl cms" | .+"                       " | .[0:24]) median \($r[1].median | ms) ms  mean \($r[1].mean | ms) ms ± \($r[1].stddev | ms)",
    "  kioskctl is \($ratio * 10 | round / 10)x faster (medians; target >= 5x: \(if $ratio >= 5 then "met" else "NOT met" end))"
' "$work/times.json"
