#!/bin/bash
# `make screenshots`: the README's screen pictures taken again from real journeys — els-kiosk on
# Xvfb in portrait (1080x1920) and landscape (1920x1080), Polish and English, driven through every
# student-facing screen with seeded fake students (tests/journey/journey-gallery.cpp) — all of
# them in $build/gallery/, the README's choice (every screen in Polish portrait, the main ones in
# English landscape) copied to ui/screenshots/ under stable names, and the README's table between
# the screenshots markers written again from them. Runs in private namespaces with a pcscd of its own (cmake/isolated.sh):
# the gallery unplugs the reader by stopping that pcscd.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ "${ELS_TEST_ISOLATED:-}" != 1 ]; then
    cmake --build "$build" -j "${JOBS:-2}" --target journey-gallery
    exec ./cmake/isolated.sh "$0" "$@"
fi

shots="$build/gallery"
rm -rf "$shots"
mkdir -p "$shots"
started=$(date +%s)
ELS_GALLERY_DIR="$shots" "$build/bin/journey-gallery"
echo "screenshots: the gallery took $(($(date +%s) - started)) s"


# A table of three columns from "caption file" lines: a caption row, then a picture row.
table() {
    awk '
        BEGIN { n = 0 }
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
screens="idle help reading confirm-order order-in-progress ready existing-order order-sent
existing-order-activated confirm-cancel confirm-revoke goodbye take-card problem
service-unavailable reader-missing"
english="idle confirm-order ready existing-order problem service-unavailable"
entries() { # $1 = language-orientation, $2 = the screens
    for screen in $2; do
        [ -f "$shots/$screen-$1.png" ] && echo "${screen//-/_} $screen-$1.png"
    done
    return 0
}

rm -f ui/screenshots/*.png
for entry in $(entries pl-portrait "$screens" | cut -d' ' -f2) \
    $(entries en-landscape "$english" | cut -d' ' -f2); do
    cp "$shots/$entry" ui/screenshots/
done

block=$(mktemp)
{
    echo "<!-- screenshots:begin (written by \`make screenshots\`: cmake/screenshots.sh) -->"
    echo
    entries pl-portrait "$screens" | table
    echo
    echo "English, landscape:"
    echo
    entries en-landscape "$english" | table
    echo
    echo "Every screen in both languages and orientations: \`make screenshots\` leaves them in" \
        "\`build/gallery/\` (\`<screen>-<pl|en>-<portrait|landscape>.png\`)."
    echo
    echo "<!-- screenshots:end -->"
} >"$block"

grep -q '<!-- screenshots:begin' README.md || { echo "README.md: no screenshots markers" >&2; exit 1; }
awk -v block="$block" '
    /<!-- screenshots:begin/ { while ((getline line < block) > 0) print line; skip = 1; next }
    /<!-- screenshots:end -->/ { skip = 0; next }
    !skip { print }' README.md >"$block.readme"
cat "$block.readme" >README.md
echo "screenshots: $(ls "$shots"/*.png | wc -l) pictures in $shots/, $(ls ui/screenshots/*.png | wc -l) of them in ui/screenshots/, README.md table rewritten"
