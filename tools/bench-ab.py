#!/usr/bin/env python3
"""Compares two `bench_render` builds: runs them in turn, pair by pair, and prints the
median of each figure and of its pairwise ratios (B / A), with their spread.

    python3 tools/bench-ab.py A B [PAIRS]

A and B are `bench_render` binaries, e.g. two commits built in detached worktrees with
their own CARGO_TARGET_DIR and copied to /dev/shm. Each run gets TMPDIR=/dev/shm when it
exists (tmpfs: the disk's noise stays out), and the pairs alternate which runs first, so a
machine that slows down or speeds up mid-way weighs on both alike. Extra arguments after
PAIRS go to both binaries (`20 520 15`, the default archive). Standard library only.
"""

import os
import re
import statistics
import subprocess
import sys

FIGURES = [
    ("cold wall", r"cold render: ([\d.]+)s wall"),
    ("cold user", r"cold render: [\d.]+s wall \(([\d.]+)s user"),
    ("cold sys", r"cold render: [\d.]+s wall \([\d.]+s user, ([\d.]+)s system"),
    ("warm wall", r"warm render \(nothing changed\): ([\d.]+)s wall"),
    ("warm user", r"warm render \(nothing changed\): [\d.]+s wall \(([\d.]+)s user"),
    ("peak kB", r"peak memory \(VmHWM, whole process\): (\d+) kB"),
]


def run(binary, args):
    env = dict(os.environ)
    if os.path.isdir("/dev/shm"):
        env["TMPDIR"] = "/dev/shm"
    out = subprocess.run([binary, *args], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{binary} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    text = out.stdout + out.stderr
    values = {}
    for name, pattern in FIGURES:
        m = re.search(pattern, text)
        if m:
            values[name] = float(m.group(1))
    return values


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    a, b = (os.path.abspath(p) for p in sys.argv[1:3])
    pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    args = sys.argv[4:]
    results = ([], [])
    for i in range(pairs):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        for side in order:
            results[side].append(run((a, b)[side], args))
        print(f"pair {i + 1}/{pairs} done", file=sys.stderr)
    print(f"A = {sys.argv[1]}, B = {sys.argv[2]}, {pairs} pairs; medians, and B/A per pair")
    for name, _ in FIGURES:
        xs = [r.get(name) for r in results[0]]
        ys = [r.get(name) for r in results[1]]
        if None in xs or None in ys:
            continue
        ratios = [y / x for x, y in zip(xs, ys) if x]
        print(
            f"{name:10} A {statistics.median(xs):10.3f}  B {statistics.median(ys):10.3f}  "
            f"ratio ×{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})"
        )


if __name__ == "__main__":
    main()
