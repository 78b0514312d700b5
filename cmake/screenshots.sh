#!/bin/bash
# `make screenshots`: the README's screen pictures taken again from real journeys — els-kiosk on
# Xvfb in portrait (1080x1920) and landscape (1920x1080), Polish and English, driven through every
# student-facing screen with seeded fake students (tests/journey/journey-gallery.cpp) — copied to
# ui/screenshots/ under stable names, and the README's table between the screenshots markers
# written again from them. Runs in private namespaces with a pcscd of its own (cmake/isolated.sh):
# the gallery unplugs the reader by stopping that pcscd.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ "${ELS_TEST_ISOLATED:-}" != 1 ]; then
    cmake --build "$build" -j "${JOBS:-2}" --target journey-gallery
    exec ./cmake/isolated.sh "$0" "$@"
fi

shots=$(mktemp -d) # the namespace's private /tmp
started=$(date +%s)
ELS_GALLERY_DIR="$shots" "$build/bin/journey-gallery"
echo "screenshots: the gallery took $(($(date +%s) - started)) s"

rm -f ui/screenshots/*.png
cp "$shots"/*.png ui/screenshots/

# A table of three columns from "caption file" lines: a caption row, then a picture row.
table() {
    awk '
        { caption[n] = $1; gsub(/_/, " ", caption[n]); file[n] = $2; n++ }
        END {
            for (row = 0; row < n; row += 3) {
                captions = "|"; pictures = "|"
                for (i = row; i < row + 3; i++) {
                    if (i < n) {
                        captions = captions (row == 0 ? " " caption[i] " |" : " **" caption[i] "** |")
                        pictures = pictures " ![" caption[i] "](ui/screenshots/" file[i] ") |"
                    } else {
                        captions = captions " |"; pictures = pictures " |"
                    }
                }
                print captions
                if (row == 0) print "|---|---|---|"
                print pictures
            }
        }'
}

# Screens in the order a student meets them; only pictures the gallery took.
screens="idle reading confirm-order order-in-progress ready existing-order confirm-cancel
confirm-revoke goodbye problem service-unavailable reader-missing"
entries() { # $1 = language-orientation
    for screen in $screens; do
        [ -f "ui/screenshots/$screen-$1.png" ] && echo "${screen//-/_} $screen-$1.png"
    done
    return 0
}

block=$(mktemp)
{
    echo "<!-- screenshots:begin (written by \`make screenshots\`: cmake/screenshots.sh) -->"
    echo
    entries pl-portrait | table
    echo
    echo "English, landscape:"
    echo
    entries en-landscape | grep -E '^(idle|confirm_order|ready|problem|existing_order|service_unavailable) ' | table
    echo
    echo "Every screen in both languages and orientations: \`ui/screenshots/\`" \
        "(\`<screen>-<pl|en>-<portrait|landscape>.png\`)."
    echo
    echo "<!-- screenshots:end -->"
} >"$block"

grep -q '<!-- screenshots:begin' README.md || { echo "README.md: no screenshots markers" >&2; exit 1; }
awk -v block="$block" '
    /<!-- screenshots:begin/ { while ((getline line < block) > 0) print line; skip = 1; next }
    /<!-- screenshots:end -->/ { skip = 0; next }
    !skip { print }' README.md >"$block.readme"
cat "$block.readme" >README.md
echo "screenshots: $(ls "$shots"/*.png | wc -l) pictures in ui/screenshots/, README.md table rewritten"
