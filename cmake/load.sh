#!/bin/bash
# Runs a command with every core busy: one CPU-burning process per core, at the same priority as
# the command, started here and stopped (by PID) when the command ends, whatever its outcome.
# Run once before a release, so that no test depends on the machine's speed:
#   make test-under-load                                    (the whole `make test`)
#   cmake/load.sh ./cmake/isolated.sh ctest --test-dir build -R 'Card|Kiosk|Pcscd'
# Usage: cmake/load.sh [--burners N] COMMAND [ARGS...]     (N defaults to the number of cores)
# Exits with the command's status.
set -euo pipefail

burners=$(nproc)
if [ "${1:-}" = --burners ]; then
    burners=$2
    shift 2
fi
[ $# -ge 1 ] || { echo "usage: $0 [--burners N] COMMAND [ARGS...]" >&2; exit 2; }

pids=()
stop_burners() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_burners EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq "$burners"); do
    bash -c 'while :; do :; done' &
    pids+=($!)
done
echo "load.sh: $burners CPU burner(s) running (PIDs ${pids[*]}) on $(nproc) core(s)" >&2

status=0
"$@" || status=$?
exit $status
