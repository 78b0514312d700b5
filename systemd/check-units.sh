#!/bin/sh
# Checks the shipped systemd files without a running systemd: unit syntax and references
# (systemd-analyze verify), the kiosk unit's exposure score (must be <= 2.5), and that
# sysusers.d/tmpfiles.d apply cleanly — all against a throw-away root so that nothing on this
# machine changes and binaries that are not installed yet (cage, els-kiosk) can be stubbed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
max_exposure=${MAX_EXPOSURE:-2.5}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/usr/bin" "$root/usr/local/bin" "$root/usr/sbin" "$root/usr/lib/systemd" "$root/etc/systemd/system"
cp -a /lib/systemd/system "$root/usr/lib/systemd/"
mkdir -p "$root/bin"
for b in bin/sh usr/bin/env usr/bin/cage usr/bin/els-kiosk usr/bin/kioskctl usr/local/bin/usos-sim; do
    printf '#!/bin/sh\n' > "$root/$b"
    chmod +x "$root/$b"
done
: > "$root/usr/sbin/nologin"
units="els-kiosk.service els-kiosk-metrics.service els-kiosk-metrics.timer"
for u in $units; do cp "$here/$u" "$root/etc/systemd/system/"; done
# The demo set (systemd/demo/, not packaged): the simulator's unit and the kiosk's drop-in.
cp "$here/demo/els-usos-sim.service" "$root/etc/systemd/system/"
cp -r "$here/demo/els-kiosk.service.d" "$root/etc/systemd/system/"
units="$units els-usos-sim.service"

# verify prints findings on stderr and may still exit 0: treat any output as failure.
out=$(cd "$root" && systemd-analyze verify --man=no --root="$root" $units 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
echo "verify: ok ($units)"

exposure() {
    systemd-analyze security --offline=true --root="$root" "$1" 2>&1 |
        sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
}
for u in els-kiosk.service els-kiosk-metrics.service els-usos-sim.service; do
    e=$(exposure "$u")
    [ -n "$e" ] || { echo "security: no score for $u"; exit 1; }
    echo "security: $u exposure $e"
    if ! awk -v e="$e" -v m="$max_exposure" 'BEGIN { exit !(e <= m) }'; then
        echo "security: $u exposure $e is above $max_exposure"; exit 1
    fi
done

: > "$root/etc/passwd"; : > "$root/etc/group"; : > "$root/etc/shadow"; : > "$root/etc/gshadow"
systemd-sysusers --root="$root" "$here/sysusers.d/els-kiosk.conf" >/dev/null
uid=$(awk -F: '$1 == "els-kiosk" && $6 == "/var/lib/els-kiosk" && $7 == "/usr/sbin/nologin" { print $3 }' "$root/etc/passwd")
[ -n "$uid" ] || { echo "sysusers: els-kiosk user not created as expected"; exit 1; }
errs=$(systemd-tmpfiles --root="$root" --create "$here/tmpfiles.d/els-kiosk.conf" 2>&1 || true)
[ -z "$errs" ] || { echo "tmpfiles: $errs"; exit 1; }
[ "$(stat -c '%a %u' "$root/var/lib/els-kiosk")" = "700 $uid" ] && [ -d "$root/etc/els-kiosk/trust" ] \
    || { echo "tmpfiles: state or trust directory not created as expected"; exit 1; }
echo "sysusers/tmpfiles: ok"
