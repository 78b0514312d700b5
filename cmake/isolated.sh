#!/bin/bash
# Runs a command in private mount, network and PID namespaces with a pcscd (+ vsmartcard-vpcd)
# of its own, so that nothing else on the machine can reach the tests' readers and nothing of
# theirs leaks out: another pcscd elsewhere (another container, namespace, the system's own),
# its socket, vpcd's TCP ports 35963-35964 or files in /tmp. Everything started inside dies with
# the command (the namespace's PID 1 is this script's shell).
#
# Usage: cmake/isolated.sh COMMAND [ARGS...]
# Inside: loopback up, a tmpfs on /run/pcscd and on /tmp, pcscd -f (its log in /tmp/pcscd.log),
# ELS_TEST_ISOLATED=1 and ELS_TEST_MAY_RESTART_PCSCD=1 (the pcscd restart tests may stop it: it
# is this run's). Needs root, or user namespaces for an unprivileged user.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
if [ ! -e /etc/reader.conf.d/vpcd ]; then
    echo "isolated.sh: /etc/reader.conf.d/vpcd missing: install vsmartcard-vpcd (make deps)" >&2
    exit 1
fi

as_root=()
if [ "$(id -u)" != 0 ]; then as_root=(--map-root-user); fi

# shellcheck disable=SC2016 # expanded by the inner shell
exec unshare "${as_root[@]}" --mount --net --pid --fork --mount-proc bash -c '
set -euo pipefail
ip link set lo up
mkdir -p /run/pcscd
mount -t tmpfs -o mode=0755 tmpfs /run/pcscd
mount -t tmpfs -o mode=1777 tmpfs /tmp
/usr/sbin/pcscd --foreground >/tmp/pcscd.log 2>&1 &
export ELS_TEST_ISOLATED=1 ELS_TEST_MAY_RESTART_PCSCD=1
for _ in $(seq 100); do [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.1; done
if [ ! -S /run/pcscd/pcscd.comm ]; then
    echo "isolated.sh: pcscd did not start:" >&2
    cat /tmp/pcscd.log >&2
    exit 1
fi
# Not exec: this shell stays PID 1 of the namespace and reaps what the tests leave behind.
status=0
"$@" || status=$?
exit $status' isolated "$@"
