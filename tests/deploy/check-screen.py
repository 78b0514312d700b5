#!/usr/bin/python3
"""check-screen.py SHOT.ppm WIDTH HEIGHT: a grim screenshot of cage's output shows the kiosk
full-screen: the output's size, mostly the white background, under 5% black (no band of an
undersized window, no empty output), and the header's blue across the whole top row (no title
bar, window at x=0 spanning the width)."""
import re
import sys
data = open(sys.argv[1], "rb").read()
# Header tokens, then exactly one whitespace byte before the pixels (which may start with
# bytes that look like whitespace).
m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
if not m:
    sys.exit("not a binary PPM")
w, h, pixels = int(m.group(1)), int(m.group(2)), data[m.end():]
want = (int(sys.argv[2]), int(sys.argv[3]))
if (w, h) != want:
    sys.exit(f"size {w}x{h}, expected {want[0]}x{want[1]}")
n = w * h
black = white = 0
for i in range(0, 3 * n, 3 * 7):  # every 7th pixel is plenty
    r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
    if r < 16 and g < 16 and b < 16:
        black += 1
    elif r > 240 and g > 240 and b > 240:
        white += 1
sampled = (n + 6) // 7
print(f"  {w}x{h}: {100 * white // sampled}% white, {100 * black // sampled}% black")
# A black band (a window narrower than the output) or an empty output fails here.
if black * 20 > sampled:
    sys.exit("more than 5% black")
if white * 2 < sampled:
    sys.exit("less than half white background")
# Each column's top row must be the header's blue: the window starts at x=0 and spans the width.
row = pixels[: 3 * w]
for x in (0, w // 2, w - 1):
    r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
    if not (b > r + 40 and b > 60):
        sys.exit(f"top row at x={x} is not the header ({r},{g},{b}): decorations or offset")
