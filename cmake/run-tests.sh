#!/bin/bash
# `make test`: every test of the project, against real pcscd + vpcd, a real HTTPS simulator
# and real SQLite files. Exits non-zero on any failure.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Every test runs in private namespaces with a pcscd of its own (cmake/isolated.sh): no other
# pcscd on the machine, its readers or its vpcd ports can make a reader test skip, pass or fail.
if [ "${ELS_TEST_ISOLATED:-}" != 1 ]; then
    exec ./cmake/isolated.sh "$0" "$@"
fi

export QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software

echo "== unit and integration tests (ctest) =="
ctest --test-dir "$build" --output-on-failure -j 2 --timeout 300

echo "== sanitizers: the same tests in an ASan + UBSan build (without the screen) =="
sanitize_build="${build}-asan"
cmake -S . -B "$sanitize_build" -G Ninja -DELS_SANITIZE=ON -DELS_BUILD_UI=OFF \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$sanitize_build" -j 2
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$sanitize_build" --output-on-failure -j 2 --timeout 900 -LE qt-tls
# Programs using Qt's TLS: OpenSSL's per-thread state is freed after the leak check (see file).
LSAN_OPTIONS=suppressions=$root/tests/sanitizer/lsan.supp \
    ctest --test-dir "$sanitize_build" --output-on-failure -j 2 --timeout 900 -L qt-tls

if [ -x tests/fuzz/smoke.sh ]; then
    echo "== fuzz smoke run =="
    tests/fuzz/smoke.sh "${build}-fuzz" 10
fi
