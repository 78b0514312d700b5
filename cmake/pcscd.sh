#!/bin/sh
# Makes sure a pcscd with the vsmartcard-vpcd driver answers on this machine's pcscd socket
# (reuses the one listening there; `make demo`). A pcscd elsewhere (another container or
# namespace) does not count: it is found by its listening socket, never by process name.
# Usage: pcscd.sh ensure   — prints "started PID" or "reused"
set -eu

socket=/run/pcscd/pcscd.comm

if ss -Hxl src "$socket" 2>/dev/null | grep -q .; then
    echo reused
    exit 0
fi

if [ ! -e /etc/reader.conf.d/vpcd ]; then
    echo "pcscd.sh: /etc/reader.conf.d/vpcd missing: install vsmartcard-vpcd (make deps)" >&2
    exit 1
fi

# A socket left by a pcscd that died would make the new one refuse to start.
if [ -e "$socket" ]; then rm -f "$socket"; fi

pcscd --foreground >/tmp/els-kiosk-pcscd.log 2>&1 &
pid=$!
i=0
while [ ! -S "$socket" ]; do
    i=$((i + 1))
    if [ $i -gt 50 ]; then
        echo "pcscd.sh: pcscd did not start; see /tmp/els-kiosk-pcscd.log" >&2
        exit 1
    fi
    sleep 0.1
done
echo "started $pid"
