#!/usr/bin/python3
"""Strict check of a Prometheus text-format file (exposition format 0.0.4), as node_exporter's
textfile collector reads it: HELP/TYPE before a family's samples, each family once, valid
metric and label names, escaped label values, float values, a final newline. Stands in for
`promtool check metrics` (Debian's prometheus package is ~100 MB for one check).
Usage: check-prometheus.py FILE; exit 1 with the first error."""
import re
import sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(
    rf"^({NAME})(?:\{{((?:{LABEL})(?:,{LABEL})*)?,?\}})? (\S+)(?: (-?\d+))?$"
)
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


def fail(line_no, message):
    sys.exit(f"{sys.argv[1]}:{line_no}: {message}")


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    if not text.endswith("\n"):
        fail(0, "no final newline")
    typed = {}
    helped = set()
    seen_samples = set()
    finished = set()
    current = None
    samples = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not line:
            fail(n, "empty line")
        if line.startswith("#"):
            parts = line.split(" ", 3)
            if len(parts) >= 3 and parts[1] in ("HELP", "TYPE"):
                name = parts[2]
                if not re.fullmatch(NAME, name):
                    fail(n, f"bad metric name {name!r}")
                if name in finished:
                    fail(n, f"{name} appears again after other families")
                if current and current != name:
                    finished.add(current)
                current = name
                if parts[1] == "TYPE":
                    if name in typed:
                        fail(n, f"second TYPE for {name}")
                    if len(parts) != 4 or parts[3] not in TYPES:
                        fail(n, f"bad TYPE line {line!r}")
                    typed[name] = parts[3]
                else:
                    if name in helped:
                        fail(n, f"second HELP for {name}")
                    helped.add(name)
            continue
        m = SAMPLE.match(line)
        if not m:
            fail(n, f"not a sample line: {line!r}")
        name, labels, value = m.group(1), m.group(2) or "", m.group(3)
        family = name
        if name not in typed:
            for suffix in ("_bucket", "_sum", "_count"):
                if name.endswith(suffix) and name[: -len(suffix)] in typed:
                    family = name[: -len(suffix)]
        if family not in typed:
            fail(n, f"sample {name} before its TYPE")
        if family != current:
            fail(n, f"sample {name} outside its family block")
        if typed[family] == "counter" and not (name.endswith("_total") or family != name):
            fail(n, f"counter {name} does not end in _total")
        try:
            v = float(value)
        except ValueError:
            fail(n, f"bad value {value!r}")
        if typed[family] == "counter" and v < 0:
            fail(n, f"negative counter {name}")
        names = re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="', labels)
        if len(names) != len(set(names)):
            fail(n, f"repeated label in {line!r}")
        key = (name, tuple(sorted(re.findall(LABEL, labels))))
        if key in seen_samples:
            fail(n, f"duplicate sample {line!r}")
        seen_samples.add(key)
        samples += 1
    if not samples:
        fail(0, "no samples")
    print(f"  {sys.argv[1]}: {len(typed)} families, {samples} samples, valid")


main()
