#!/bin/sh
# Inspects the .deb made by `make package`: the files a terminal needs are in it at Debian's
# paths, the simulator and test tools are not, /etc files are conffiles, and lintian has no
# error or warning beyond the overrides shipped in the package (each one explained there).
set -eu
build=${1:-build}
deb=$(ls -t "$build"/els-kiosk_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "package-test: no els-kiosk_*.deb in $build (run make package)"; exit 1; }
echo "package-test: $deb"

contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|')
fail=0
expect() {
    if ! printf '%s\n' "$contents" | grep -qx "$1"; then echo "missing: $1"; fail=1; fi
}
for f in /lib/systemd/system/els-kiosk.service /lib/systemd/system/els-kiosk-metrics.service \
         /lib/systemd/system/els-kiosk-metrics.timer /usr/lib/sysusers.d/els-kiosk.conf \
         /usr/lib/tmpfiles.d/els-kiosk.conf /etc/els-kiosk/kiosk.conf /etc/els-kiosk/trust/README \
         /usr/share/doc/els-kiosk/copyright /usr/share/doc/els-kiosk/changelog.Debian.gz; do
    expect "$f"
done
for program in kioskctl els-kiosk; do
    if [ -x "$build/bin/$program" ]; then expect "/usr/bin/$program"; fi
done
# kioskctl execs its Qt half for every command but readers/read-card.
if [ -x "$build/libexec/els-kiosk/kioskctl-admin" ]; then
    expect /usr/libexec/els-kiosk/kioskctl-admin
fi
if printf '%s\n' "$contents" | grep -E '/(usos-sim|els-card-sim|els-card-make)$|_tests$'; then
    echo "package-test: test or demo programs must not be in the package"; fail=1
fi
conffiles=$(dpkg-deb -f "$deb" Package >/dev/null && dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
for f in /etc/els-kiosk/kiosk.conf /etc/els-kiosk/trust/README; do
    printf '%s\n' "$conffiles" | grep -qx "$f" || { echo "not a conffile: $f"; fail=1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in pcscd cage qt6-wayland tzdata libcurl4; do
    printf '%s\n' "$depends" | grep -q "\\b$d\\b" || { echo "Depends lacks $d"; fail=1; }
done
echo "Depends: $depends"

if command -v lintian >/dev/null; then
    # Run as root in CI containers; lintian refuses that without the flag.
    findings=$(lintian --allow-root --tag-display-limit 0 "$deb" 2>&1 || true)
    echo "lintian: ${findings:-clean}"
    if printf '%s\n' "$findings" | grep -qE '^[EW]: '; then
        echo "package-test: lintian errors or warnings"; fail=1
    fi
else
    echo "package-test: lintian not installed (cmake/install-deps.sh installs it)"; fail=1
fi
[ "$fail" = 0 ] && echo "package-test: ok"
exit "$fail"
