#!/bin/sh
# Installs every Debian 12 package els-kiosk needs to build, test, demo and package, and for
# `make deploy-test` (debootstrap, systemd-nspawn from systemd-container).
# Idempotent and non-interactive: does nothing when all packages are already present.
set -eu

PACKAGES="
build-essential cmake ninja-build ccache pkg-config git ca-certificates
clang libclang-rt-14-dev
pcscd libpcsclite-dev vsmartcard-vpcd
libssl-dev openssl
qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qtquick-templates
qml6-module-qttest qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6
libqt6opengl6-dev libgl-dev qt6-networkauth-dev
libqrencode-dev libsqlitecpp-dev libsqlite3-dev sqlite3
libgtest-dev libgmock-dev
libsystemd-dev systemd
tzdata zbar-tools procps lintian jq iproute2 util-linux
python3-pyscard hyperfine
libcurl4-openssl-dev python3-aiosmtpd
xvfb xdotool imagemagick
qt6-speech-dev qt6-speech-speechd-plugin speech-dispatcher speech-dispatcher-espeak-ng espeak-ng sox
libasound2-dev
debootstrap systemd-container
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

echo "els-kiosk: installing Debian packages:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
