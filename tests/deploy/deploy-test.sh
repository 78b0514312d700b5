#!/bin/bash
# make deploy-test: the .deb on a blank Debian 12, the way a technician installs it, booted.
#
#  1. builds the package (kioskctl, els-kiosk, docs; cpack) and the test tools;
#  2. a blank Debian 12 root (debootstrap --variant=minbase plus what any booting Debian has:
#     systemd, dbus), cached in $ELS_DEPLOY_CACHE keyed by the package lists, with the .debs
#     the package and the test need already downloaded (apt installs them offline);
#  3. boots it with `systemd-nspawn -b --private-network` (its own network namespace: its
#     pcscd/vpcd and usos-sim never meet another test's) and, inside, as README says:
#     `apt-get install -y ./els-kiosk_*.deb`, `kioskctl provision ... --enable`, reboot;
#  4. checks the kiosk under cage (headless wlroots output, pixman renderer: the test's only
#     drop-in besides a short watchdog and no tty), grim screenshots in portrait and
#     landscape, a card session up to the QR (zbarimg), a clean stop, the watchdog, doctor,
#     the metrics timer's file, then upgrade / remove / reinstall / purge.
# Every step prints its name; the first failure names its step and exits non-zero.
# Needs root (debootstrap, nspawn). Usage: tests/deploy/deploy-test.sh [BUILD_DIR]
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
cache=${ELS_DEPLOY_CACHE:-/var/cache/els-kiosk-test}
suite=bookworm
mirror=${ELS_DEPLOY_MIRROR:-http://deb.debian.org/debian}
base_include=systemd,systemd-sysv,dbus,libpam-systemd
# Test-only packages, never in the kiosk's Depends: the virtual reader driver, grim (screenshots
# from outside the app, inside the container) and node_exporter (owns the textfile folder).
test_packages="vsmartcard-vpcd grim prometheus-node-exporter"
seed=$src/platform/usos-sim/seed/demo-students.json
work=$build/deploy-test
root=$work/root
started=$(date +%s)
step_name="setup"
nspawn_pid=""
leader=""
bg_pid=""
sim_pid=""
card_pid=""

step() {
    step_name=$*
    echo "== deploy-test [$(($(date +%s) - started))s] $*"
}
fail() {
    echo "deploy-test: FAILED in step \"$step_name\": $*" >&2
    exit 1
}
on_exit() {
    rc=$?
    set +e
    if [ "$rc" != 0 ]; then
        echo "deploy-test: FAILED in step \"$step_name\" (exit $rc)" >&2
        if [ -n "$leader" ]; then
            echo "--- journal of the container (last 60 lines)" >&2
            in_ct journalctl --no-pager -n 60 >&2
        fi
    fi
    for pid in $card_pid $sim_pid; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    stop_container
    if mountpoint -q "$root" 2>/dev/null; then umount "$root"; fi
    echo "deploy-test: $([ "$rc" = 0 ] && echo ok || echo FAILED) after $(($(date +%s) - started))s"
}
trap on_exit EXIT

# Runs a command inside the booted container (all its namespaces, a clean environment).
in_ct() {
    nsenter -t "$leader" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}
# Runs a host program in the container's network namespace only (host files and libraries),
# in the background; its PID lands in $bg_pid. nsenter execs the program (one namespace, no
# fork), so that PID is the program's own and `kill` reaches it.
in_ct_net_bg() {
    local log=$1
    shift
    nsenter -t "$leader" -n "$@" >>"$log" 2>&1 &
    bg_pid=$!
}
# wait_until SECONDS DESCRIPTION COMMAND...: polls a condition (the container is a separate
# system; there is no event to wait on from outside).
wait_until() {
    local limit=$1 what=$2 i=0
    shift 2
    until "$@" >/dev/null 2>&1; do
        i=$((i + 1))
        [ $i -le $((limit * 5)) ] || fail "timed out after ${limit}s waiting for: $what"
        sleep 0.2
    done
}

boot_container() {
    systemd-nspawn -q -D "$root" -b --console=read-only --register=no --keep-unit \
        --private-network --hostname=els-kiosk-test >"$work/console.log" 2>&1 &
    nspawn_pid=$!
    leader=""
    local i=0
    while [ -z "$leader" ]; do
        # The container's PID 1: nspawn's child that is PID 1 in its own PID namespace.
        for p in $(pgrep -P "$nspawn_pid" 2>/dev/null); do
            if awk '$1 == "NSpid:" && $NF == 1 { found = 1 } END { exit !found }' "/proc/$p/status" 2>/dev/null &&
                [ "$(cat "/proc/$p/comm")" = systemd ]; then leader=$p; fi
        done
        i=$((i + 1))
        [ $i -le 150 ] || fail "systemd did not start in the container"
        [ -n "$leader" ] || sleep 0.2
    done
    wait_until 60 "the container's boot to finish" container_booted
}
container_booted() {
    local state
    state=$(in_ct systemctl is-system-running 2>/dev/null || true)
    [ "$state" = running ] || [ "$state" = degraded ]
}
stop_container() {
    if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
        if [ -n "$leader" ]; then in_ct systemctl poweroff --no-block >/dev/null 2>&1 || true; fi
        local i=0
        while kill -0 "$nspawn_pid" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.2; i=$((i + 1)); done
        if kill -0 "$nspawn_pid" 2>/dev/null; then
            # Still up: end the container's init (our nspawn's child), then nspawn.
            if [ -n "$leader" ]; then kill -KILL "$leader" 2>/dev/null || true; fi
            kill "$nspawn_pid" 2>/dev/null || true
        fi
        wait "$nspawn_pid" 2>/dev/null || true
    fi
    nspawn_pid=""
    leader=""
}

# ---------------------------------------------------------------------------------------------
step "build the package and the test tools"
for tool in systemd-nspawn debootstrap nsenter zbarimg jq; do
    command -v "$tool" >/dev/null || fail "$tool missing (cmake/install-deps.sh installs it)"
done
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, systemd-nspawn)"
cmake --build "$build" -j "${JOBS:-2}" --target kioskctl els-kiosk els-package-docs usos-sim \
    els-card-sim els-card-make
rm -f "$build"/els-kiosk_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/els-kiosk_*.deb)
echo "package: $deb"

step "blank Debian 12 root (cached)"
depends=$(dpkg-deb -f "$deb" Depends | sed 's/([^)]*)//g; s/,/ /g; s/|[^,]*//g')
key=$(printf '%s\n' "$suite" "$base_include" "$depends" "$test_packages" | sha256sum | cut -c1-16)
base=$cache/base-$key
if [ ! -f "$base/.complete" ]; then
    echo "creating $base (debootstrap $suite, downloading the packages; once per package list)"
    # One base at a time: an older package list's root is no longer needed.
    rm -rf "$cache"/base-*
    mkdir -p "$cache"
    debootstrap --variant=minbase --include="$base_include" "$suite" "$base" "$mirror" \
        >"$cache/debootstrap-$key.log" 2>&1 || { tail -20 "$cache/debootstrap-$key.log"; fail "debootstrap"; }
    # Only downloads: the root stays blank; apt inside the offline container finds the files.
    # shellcheck disable=SC2086
    systemd-nspawn -q -D "$base" --register=no --keep-unit --pipe sh -c \
        "apt-get update -qq && apt-get install -y -qq --download-only $depends $test_packages" \
        >"$cache/download-$key.log" 2>&1 || { tail -20 "$cache/download-$key.log"; fail "apt download"; }
    touch "$base/.complete"
fi
if mountpoint -q "$root" 2>/dev/null; then umount "$root"; fi
rm -rf "$work"
mkdir -p "$work/upper" "$work/overlay-work" "$root"
# The run's root: an overlay on the cached base (copying ~400 MB took two minutes here).
if ! mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/overlay-work" "$root"; then
    echo "no overlayfs: copying the base"
    cp -a "$base/." "$root/"
fi
rm -f "$root/.complete"
# Test-only speed-up: dpkg skips fsync (a throw-away root; what is installed is the same).
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/deploy-test-unsafe-io"

step "boot the blank system (systemd-nspawn -b, private network)"
boot_container
in_ct systemctl is-system-running || true

step "install the package as README says: apt-get install -y ./els-kiosk_*.deb"
cp "$deb" "$root/root/"
in_ct sh -c "cd /root && apt-get install -y ./$(basename "$deb") </dev/null" >"$work/apt-install.log" 2>&1 ||
    { tail -30 "$work/apt-install.log"; fail "apt-get install of the package"; }
in_ct dpkg-query -W -f='${Status}\n' els-kiosk | grep -qx "install ok installed" || fail "not installed"
if in_ct dpkg-query -W xwayland >/dev/null 2>&1; then fail "xwayland was installed; cage must run without it"; fi
in_ct test -f /usr/share/doc/els-kiosk/systemd/README.md || fail "systemd/README.md not shipped"
[ "$(in_ct systemctl is-enabled els-kiosk.service || true)" = disabled ] || fail "kiosk enabled before provisioning"
echo "installed; xwayland not installed"

step "test-only packages: vpcd (virtual reader), grim, node_exporter"
in_ct sh -c "apt-get install -y $test_packages </dev/null" >"$work/apt-test.log" 2>&1 ||
    { tail -30 "$work/apt-test.log"; fail "apt-get install of the test packages"; }
# pcscd (socket-activated) read its drivers before vpcd was installed: as after plugging a
# reader driver in on a real terminal, stop it so the next client starts it with vpcd.
in_ct systemctl stop pcscd.service
in_ct kioskctl readers | grep -q "Virtual PCD" || fail "pcscd does not list the virtual reader"

step "test PKI, the demo student's card, usos-sim in the container's network"
mkdir -p "$root/root/deploy-test"
t=$root/root/deploy-test
"$build/bin/els-card-make" pki --out "$t/pki" >/dev/null
seed_date() {
    case $1 in
    today*) date -d "${1#today} days" +%F ;;
    *) echo "$1" ;;
    esac
}
student=100001
chip() { jq -r --arg id "$student" ".students[] | select(.id == \$id) | .chip.$1" "$seed"; }
set -- --pki "$t/pki" --out "$t/card" --album "$(chip album_number)" --pesel "$(chip pesel)" \
    --chip-serial "$(chip chip_serial)" --university "$(chip university)" \
    --university-code "$(chip university_code)" --valid-until "$(seed_date "$(chip valid_until)")"
while IFS= read -r s; do set -- "$@" --surname "$s"; done < <(jq -r --arg id "$student" '.students[] | select(.id == $id) | .chip.surnames[]' "$seed")
while IFS= read -r g; do set -- "$@" --given-name "$g"; done < <(jq -r --arg id "$student" '.students[] | select(.id == $id) | .chip.given_names[]' "$seed")
"$build/bin/els-card-make" card "$@" >/dev/null
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$t/consumer-secret"
chmod 600 "$t/consumer-secret"
# One TLS identity for the whole run (usos-sim's own throw-away CA would change at every start,
# and the kiosk keeps the CA it loaded): a self-signed certificate for 127.0.0.1 is the CA.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=usos-sim-deploy-test \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$t/usos-key.pem" -out "$t/usos-ca.pem" 2>/dev/null
start_usos_sim() {
    in_ct_net_bg "$work/usos-sim.log" "$build/bin/usos-sim" --port 8443 --cert "$t/usos-ca.pem" \
        --key "$t/usos-key.pem" --consumer-key deploy-test-kiosk \
        --consumer-secret-file "$t/consumer-secret" --advance timed --advance-seconds 2
    sim_pid=$bg_pid
    wait_until 20 "usos-sim listening" grep -q "listening on" "$work/usos-sim.log"
}
: >"$work/usos-sim.log"
start_usos_sim

step "provision as README says (kioskctl provision, doctor, provision --enable)"
install -m 0644 "$t/usos-ca.pem" "$root/etc/els-kiosk-test-usos-ca.pem"
provision() {
    in_ct sh -c "kioskctl provision --base-url https://127.0.0.1:8443/ --consumer-key deploy-test-kiosk \
        --secret-stdin --trust /root/deploy-test/pki/ca.pem $* </root/deploy-test/consumer-secret &&
        kioskctl config set usos.ca_file /etc/els-kiosk-test-usos-ca.pem"
}
provision || fail "kioskctl provision"
in_ct test -f /etc/els-kiosk/kiosk.conf || fail "no /etc/els-kiosk/kiosk.conf"
in_ct sh -c 'test "$(stat -c %a:%U /etc/els-kiosk/consumer-secret)" = 600:els-kiosk' || fail "secret not 0600 els-kiosk"

step "kioskctl doctor as root: every line ok"
if in_ct kioskctl doctor >"$work/doctor.txt" 2>&1; then doctor_rc=0; else doctor_rc=$?; fi
sed 's/^/  /' "$work/doctor.txt"
[ "$doctor_rc" = 0 ] || fail "kioskctl doctor exit $doctor_rc"

step "test drop-ins: headless output, no tty, short watchdog, auto-confirm, fast timer"
mkdir -p "$root/etc/systemd/system/els-kiosk.service.d" "$root/etc/systemd/system/els-kiosk-metrics.timer.d"
cat >"$root/etc/systemd/system/els-kiosk.service.d/deploy-test.conf" <<'EOF'
# deploy-test only: no panel, no tty in a container.
[Service]
Environment=WLR_BACKENDS=headless
Environment=CAGE_OPTIONS=-r
TTYPath=/dev/console
StandardInput=null
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
WatchdogSec=5s
# No input device in a headless output: the existing demo/test flag confirms the order.
ExecStart=
ExecStart=/usr/bin/env -u WATCHDOG_PID /usr/bin/cage -d $CAGE_OPTIONS -- /usr/bin/els-kiosk --config /etc/els-kiosk/kiosk.conf --auto-confirm
EOF
cat >"$root/etc/systemd/system/els-kiosk-metrics.timer.d/deploy-test.conf" <<'EOF'
[Timer]
OnActiveSec=2s
EOF
in_ct systemctl daemon-reload
provision --enable >/dev/null || fail "kioskctl provision --enable"
[ "$(in_ct systemctl is-enabled els-kiosk.service)" = enabled ] || fail "kiosk not enabled"

step "reboot: the kiosk comes up by itself (READY under cage, portrait 720x1280)"
# usos-sim lives in the container's network namespace: it goes down with it.
kill "$sim_pid" 2>/dev/null || true
wait "$sim_pid" 2>/dev/null || true
sim_pid=""
stop_container
boot_container
mv "$work/usos-sim.log" "$work/usos-sim.log.1"
start_usos_sim
kiosk_active() { [ "$(in_ct systemctl show -p ActiveState --value els-kiosk.service)" = active ]; }
# kiosk_logged TEXT: the current run of the kiosk (this invocation) logged TEXT.
kiosk_logged() {
    local id
    id=$(in_ct systemctl show -p InvocationID --value els-kiosk.service)
    in_ct journalctl -o cat "_SYSTEMD_INVOCATION_ID=$id" | grep -q "$1"
}
wait_until 90 "els-kiosk.service active (READY=1)" kiosk_active

# shot NAME: a PPM screenshot of cage's output, taken by grim as a separate Wayland client
# (cage's socket is in the unit's runtime folder, its XDG_RUNTIME_DIR).
shot() {
    in_ct env XDG_RUNTIME_DIR=/run/els-kiosk WAYLAND_DISPLAY=wayland-0 grim -t ppm "/root/deploy-test/$1.ppm"
    cp "$root/root/deploy-test/$1.ppm" "$work/$1.ppm"
}
# check_screen NAME WIDTH HEIGHT: the picture is the output's size and laid out (mostly the
# white background, a dark-blue header band, not black).
check_screen() {
    /usr/bin/python3 "$src/tests/deploy/check-screen.py" "$work/$1.ppm" "$2" "$3" ||
        fail "screen $1 is not a full-screen kiosk picture"
}

step "idle screen, portrait: grim shot is 720x1280, full-screen, no title bar"
wait_until 30 "the first frame" kiosk_logged "event=first_frame"
wait_until 30 "the virtual reader" kiosk_logged "type=reader-added"
shot idle-portrait
check_screen idle-portrait 720 1280

step "card session to the QR (card in the virtual reader, order confirmed, ready)"
in_ct_net_bg "$work/card-sim.log" "$build/bin/els-card-sim" --image "$t/card" --slot 0
card_pid=$bg_pid
wait_until 90 "the ready screen drawn" kiosk_logged "screen_drawn screen=ready"
shot ready-portrait
codes=$(zbarimg -q --raw "$work/ready-portrait.ppm" 2>/dev/null) || fail "zbarimg found no QR code on the ready screen"
# The screen has two codes: the order's and the small link to the mObywatel app.
qr=$(printf '%s\n' "$codes" | grep -v '^https://www.gov.pl/' | head -n 1)
[ -n "$qr" ] || fail "only the app link was decoded, not the order's QR"
echo "  order QR decoded (${#qr} characters; content not printed)"
kill "$card_pid" 2>/dev/null || true
wait "$card_pid" 2>/dev/null || true
card_pid=""

step "systemctl stop is clean (no 6/ABRT)"
in_ct systemctl stop els-kiosk.service
result=$(in_ct systemctl show -p Result --value els-kiosk.service)
[ "$result" = success ] || fail "Result=$result after stop"
if in_ct sh -c "journalctl -u els-kiosk -o cat | grep -E 'Assertion|status=6/ABRT|core-dump'"; then
    fail "cage or the app aborted on stop"
fi
echo "  Result=success"

step "landscape (cage -r -r: 1280x720): the screen full-screen; restart is clean too"
sed -i 's/^Environment=CAGE_OPTIONS=-r$/Environment="CAGE_OPTIONS=-r -r"/' \
    "$root/etc/systemd/system/els-kiosk.service.d/deploy-test.conf"
in_ct systemctl daemon-reload
in_ct systemctl start els-kiosk.service
wait_until 60 "els-kiosk.service active again" kiosk_active
in_ct systemctl restart els-kiosk.service
wait_until 60 "els-kiosk.service active after restart" kiosk_active
[ "$(in_ct systemctl show -p Result --value els-kiosk.service)" = success ] || fail "restart not clean"
wait_until 30 "the first frame" kiosk_logged "event=first_frame"
wait_until 30 "the virtual reader" kiosk_logged "type=reader-added"
shot idle-landscape
check_screen idle-landscape 1280 720

step "metrics: the timer writes node_exporter's file; strict Prometheus text-format parse"
prom=/var/lib/prometheus/node-exporter/els_kiosk.prom
# The boot's first run wrote one already; only the timer may write the next.
rm -f "$root$prom"
in_ct systemctl restart els-kiosk-metrics.timer
wait_until 30 "$prom" in_ct test -s "$prom"
[ "$(in_ct systemctl show -p Result --value els-kiosk-metrics.service)" = success ] || fail "metrics service failed"
cp "$root$prom" "$work/els_kiosk.prom"
/usr/bin/python3 "$src/tests/deploy/check-prometheus.py" "$work/els_kiosk.prom" || fail "metrics file is not valid"

step "watchdog restarts a frozen app (SIGSTOP, WatchdogSec=5)"
restarts=$(in_ct systemctl show -p NRestarts --value els-kiosk.service)
cage_pid=$(in_ct systemctl show -p MainPID --value els-kiosk.service)
app_pid=$(in_ct cat "/proc/$cage_pid/task/$cage_pid/children")
in_ct kill -STOP $app_pid
restarted() { [ "$(in_ct systemctl show -p NRestarts --value els-kiosk.service)" -gt "$restarts" ]; }
wait_until 40 "a watchdog restart" restarted
in_ct sh -c "journalctl -u els-kiosk -o cat | grep -q 'Watchdog timeout'" || fail "restart was not the watchdog's"
wait_until 60 "els-kiosk.service active after the watchdog" kiosk_active

step "upgrade to a rebuilt package with a changed template: apt-get -y, no prompt, settings kept"
conf_before=$(in_ct sha256sum /etc/els-kiosk/kiosk.conf)
rm -rf "$work/repack"
dpkg-deb -R "$deb" "$work/repack"
echo "# deploy-test: a changed template" >>"$work/repack/usr/share/els-kiosk/kiosk.conf.example"
version=$(dpkg-deb -f "$deb" Version)
sed -i "s/^Version: .*/Version: $version+upgrade1/" "$work/repack/DEBIAN/control"
(cd "$work/repack" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
dpkg-deb -b --root-owner-group "$work/repack" "$root/root/els-kiosk-upgrade.deb" >/dev/null
in_ct sh -c "cd /root && apt-get install -y ./els-kiosk-upgrade.deb </dev/null" >"$work/apt-upgrade.log" 2>&1 ||
    { tail -30 "$work/apt-upgrade.log"; fail "unattended upgrade failed"; }
[ "$(in_ct dpkg-query -W -f='${Version}' els-kiosk)" = "$version+upgrade1" ] || fail "not upgraded"
[ "$(in_ct sha256sum /etc/els-kiosk/kiosk.conf)" = "$conf_before" ] || fail "the upgrade changed kiosk.conf"
wait_until 60 "els-kiosk.service active after the upgrade" kiosk_active
echo "  upgraded to $version+upgrade1, kiosk.conf unchanged, kiosk active"

step "apt remove, reinstall, kioskctl provision --enable"
in_ct sh -c "apt-get remove -y els-kiosk </dev/null" >"$work/apt-remove.log" 2>&1 || fail "apt-get remove"
in_ct sh -c "cd /root && apt-get install -y ./$(basename "$deb") </dev/null" >"$work/apt-reinstall.log" 2>&1 ||
    fail "reinstall after remove"
provision --enable >/dev/null || fail "provision --enable after remove + reinstall"
[ "$(in_ct systemctl is-enabled els-kiosk.service)" = enabled ] || fail "kiosk not enabled after reinstall"
in_ct systemctl start els-kiosk.service
wait_until 60 "els-kiosk.service active after the reinstall" kiosk_active

step "apt purge leaves no secret, anchors, state or links; a reinstall is disabled and quiet"
in_ct sh -c "apt-get purge -y els-kiosk </dev/null" >"$work/apt-purge.log" 2>&1 || fail "apt-get purge"
for path in /etc/els-kiosk /var/lib/els-kiosk /var/cache/els-kiosk "$prom" \
    /etc/systemd/system/graphical.target.wants/els-kiosk.service \
    /etc/systemd/system/timers.target.wants/els-kiosk-metrics.timer \
    /etc/systemd/system/els-kiosk.service /etc/systemd/system/els-kiosk-metrics.timer; do
    if in_ct test -e "$path" -o -L "$path"; then fail "$path left after purge"; fi
done
rm -rf "$root/etc/systemd/system/els-kiosk.service.d" "$root/etc/systemd/system/els-kiosk-metrics.timer.d"
in_ct sh -c "cd /root && apt-get install -y ./$(basename "$deb") </dev/null" >"$work/apt-after-purge.log" 2>&1 ||
    fail "reinstall after purge"
[ "$(in_ct systemctl is-enabled els-kiosk.service || true)" = disabled ] || fail "enabled after purge + reinstall"
in_ct systemctl daemon-reload
# Even started by hand, an unprovisioned kiosk is skipped (condition), not a restart loop.
in_ct systemctl start els-kiosk.service || true
[ "$(in_ct systemctl show -p ActiveState --value els-kiosk.service)" = inactive ] || fail "unprovisioned kiosk runs"
[ "$(in_ct systemctl show -p NRestarts --value els-kiosk.service)" = 0 ] || fail "unprovisioned kiosk restarts"

step "done"
