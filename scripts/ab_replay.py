#!/usr/bin/env python3
"""Compare the replay of one stream by several iwmo binaries, alternated, in one run.

Usage:
  scripts/ab_replay.py --stream /dev/shm/g100 --lists /dev/shm/g100-lists \
      --rounds 5 OLD_BINARY NEW_BINARY [ENV=VALUE,...@BINARY ...]

Each round replays the stream once with each binary, in turn, into OUT/ab-<i> (default OUT:
the stream's parent folder), with every check on: --gemeenten (the CBS list) and the product
code and tariff lists that `iwmo generate --lists` wrote. Before each run the previous run's
folder is removed, the file system synced, and the script sleeps --settle seconds, so that
every run starts from the same state of the machine's memory. Prints each run's wall time,
CPU time (user + system) and peak RSS, then per binary the median wall time, the median rate
and the peak RSS. A binary may be prefixed with environment settings for its runs only:
`IWMO_ENGINE_BATCH=512@target/release/iwmo`. Needs GNU time (/usr/bin/time).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time


def seconds(clock: str) -> float:
    parts = [float(x) for x in clock.split(":")]
    total = 0.0
    for p in parts:
        total = total * 60 + p
    return total


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stream", required=True)
    ap.add_argument("--lists", required=True, help="folder with productcodes.csv and tariffs.csv")
    ap.add_argument("--gemeenten", default=os.path.join(here, "../../shared/reference/codelists/cbs-gemeenten-2026.csv"))
    ap.add_argument("--out", help="where the runs write (default: the stream's parent folder)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--settle", type=float, default=5.0)
    ap.add_argument("--warmup", type=int, default=0,
                    help="unmeasured rounds first: on a fresh VM the first runs are slow while the "
                         "kernel's caches grow and the host backs the guest's memory")
    ap.add_argument("binaries", nargs="+")
    a = ap.parse_args()
    out_root = a.out or os.path.dirname(os.path.abspath(a.stream))
    inputs = sum(1 for n in os.listdir(a.stream) if n != "stream.toml" and not n.startswith("README"))
    env = dict(os.environ,
               IWMO_LISTS_PRODUCTCODES=os.path.join(a.lists, "productcodes.csv"),
               IWMO_LISTS_TARIFFS=os.path.join(a.lists, "tariffs.csv"))
    runs = {spec: [] for spec in a.binaries}
    for r in range(1 - a.warmup, a.rounds + 1):
        for i, spec in enumerate(a.binaries):
            settings, _, binary = spec.rpartition("@")
            extra = dict(kv.split("=", 1) for kv in settings.split(",")) if settings else {}
            out = os.path.join(out_root, f"ab-{i}")
            subprocess.run(["rm", "-rf", out], check=True)
            subprocess.run(["sync"], check=True)
            time.sleep(a.settle)
            p = subprocess.run(["/usr/bin/time", "-v", binary, "replay", a.stream, "--out", out,
                                "--gemeenten", a.gemeenten],
                               env=dict(env, **extra), capture_output=True, text=True)
            if p.returncode != 0:
                print(f"{spec}: exit {p.returncode}\n{p.stderr[-3000:]}", file=sys.stderr)
                return 1
            t = p.stderr
            wall = seconds(re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1))
            cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", t).group(1)) for k in ("User", "System"))
            rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
            label = f"round {r}" if r > 0 else "warm-up"
            if r > 0:
                runs[spec].append((wall, cpu, rss))
            print(f"{label} {spec}: {wall:.2f} s, {inputs / wall:,.0f} inputs/s, cpu {cpu:.2f} s, rss {rss:.0f} MB", flush=True)
    for spec, rs in runs.items():
        wall = statistics.median(x[0] for x in rs)
        cpu = statistics.median(x[1] for x in rs)
        print(f"{spec}: median {wall:.2f} s, {inputs / wall:,.0f} inputs/s, cpu {cpu:.2f} s, peak rss {max(x[2] for x in rs):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
