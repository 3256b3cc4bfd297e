#!/usr/bin/env python3
"""Edit-to-written time of `minhbach serve`: saves a report N times and measures how long the
rebuilt page takes to appear in the served folder, and how long until the whole rebuild is done
(the moment open tabs are told to reload).

    bench/edit_to_written.py --site DIR [--edits 20] [--minhbach target/release/minhbach]

The site folder is edited in place (one report gets a paragraph per edit) and restored at the
end: give it a copy. Prints the median, minimum and maximum of each measure.
"""
import argparse
import os
import pathlib
import queue
import re
import statistics
import subprocess
import sys
import threading
import time


def approved_report(site: pathlib.Path) -> pathlib.Path:
    """The first approved report, in sorted order (deterministic)."""
    for p in sorted((site / "content" / "schools").glob("*/*.md")):
        head = p.read_text(encoding="utf-8").split("+++")[1]
        if re.search(r'^status\s*=\s*"approved"', head, re.M):
            return p
    sys.exit("no approved report in " + str(site))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True, type=pathlib.Path)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--minhbach", default="target/release/minhbach")
    args = ap.parse_args()

    report = approved_report(args.site)
    original = report.read_bytes()
    slug, year = report.parent.name, report.stem
    server = subprocess.Popen(
        [args.minhbach, "serve", "--port", "0", "--root", str(args.site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: "queue.Queue[tuple[float, str]]" = queue.Queue()

    def read() -> None:
        for line in server.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))

    threading.Thread(target=read, daemon=True).start()
    served = None
    while served is None:
        _, line = lines.get(timeout=600)
        m = re.search(r"thư mục tạm (.+?)\)", line)
        if m:
            served = pathlib.Path(m.group(1))
    page = served / "truong" / slug / year / "index.html"
    written, finished, server_ms = [], [], []
    try:
        for i in range(args.edits):
            marker = f"SUA-THU-{os.getpid()}-{i}"
            text = original + f"\n\nĐoạn sửa thử {marker}.\n".encode()
            while not lines.empty():
                lines.get()
            t0 = time.perf_counter()
            with open(report, "wb") as f:
                f.write(text)
            # Polls the file's time (a cheap stat), reading it only when it changed, so that
            # the benchmark does not take the CPU the rebuild needs.
            seen = None
            while True:
                st = page.stat().st_mtime_ns if page.exists() else None
                if st != seen:
                    seen = st
                    if marker.encode() in page.read_bytes():
                        break
                if time.perf_counter() - t0 > 10:
                    sys.exit(f"the page {page} did not change within 10 s")
                time.sleep(0.0005)
            written.append((time.perf_counter() - t0) * 1000)
            while True:
                at, line = lines.get(timeout=10)
                m = re.search(r"trong (\d+) ms", line)
                if m:
                    finished.append((at - t0) * 1000)
                    server_ms.append(int(m.group(1)))
                    break
            time.sleep(0.3)
    finally:
        report.write_bytes(original)
        server.send_signal(2)
        server.wait(timeout=10)

    def show(name: str, xs: list) -> None:
        print(f"  {name:<44} median {statistics.median(xs):7.1f} ms   min {min(xs):7.1f}   max {max(xs):7.1f}")

    print(f"{args.site} ({os.cpu_count()} cores), {args.edits} edits of {report.relative_to(args.site)}:")
    show("save → report page written", written)
    show("save → whole rebuild done (tabs reload)", finished)
    show("rebuild itself, after 30 ms of quiet", server_ms)


if __name__ == "__main__":
    main()
