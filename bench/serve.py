"""The editor's loop: how long after an edit `mkdocs serve` serves the changed page (issue 24).

    python bench/serve.py PROJECT [--edits 5] [--modes plain,dirty] [--port 8765]

PROJECT is a project whose cache is warm (bench/perf.py makes one under its --work folder:
WORK/project, with the synthetic sources linked in). For each mode it starts a real `mkdocs serve`
(`plain`: as MkDocs serves by default, every page built and written again; `dirty`: `--dirty`,
where the hook leaves unchanged pages on disk), waits for the first build, then --edits times: picks
a document, adds a sentence inside a paragraph its page shows, and polls the served page until the
sentence is there (edit -> page served), then waits for the build to end (edit -> build done).
It prints each time and the medians, and restores every source it edited. Wall-clock time on a
shared machine: read it with the load average it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

BIN = Path(sys.executable).parent
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SENTENCE = re.compile(r"[A-Z][^.!?<>]{40,200}[.!?]")


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["NO_MKDOCS_2_WARNING"] = "1"
    e.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return e


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


class Server:
    """A `mkdocs serve` child and the count of builds it has finished."""

    def __init__(self, project: Path, port: int, dirty: bool) -> None:
        args = [str(BIN / "mkdocs"), "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
        self.proc = subprocess.Popen(
            args + (["--dirty"] if dirty else []),
            cwd=project,
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.builds: list[float] = []
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.log.append(line)
            found = BUILT.search(line)
            if found:
                self.builds.append(float(found.group(1)))

    def wait_builds(self, n: int, timeout: float = 1800) -> None:
        end = time.monotonic() + timeout
        while len(self.builds) < n:
            if self.proc.poll() is not None or time.monotonic() > end:
                sys.exit("bench: mkdocs serve stopped or hung:\n" + "".join(self.log[-40:]))
            time.sleep(0.05)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def candidates(project: Path) -> list[Path]:
    """UTF-8 text sources, in a fixed order spread over the corpus."""
    found = []
    for path in sorted((project / "sources").iterdir()):
        if path.suffix != ".txt":
            continue
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        found.append(path)
    return found[len(found) // 7 :: max(1, len(found) // 11)]


def edit_point(source: Path, page: str) -> str | None:
    """An English sentence the page shows that the source holds verbatim (once)."""
    text = source.read_text(encoding="utf-8")
    shown = BeautifulSoup(page, "html.parser").select_one(".dz-doc")
    if shown is None:
        return None
    for sentence in SENTENCE.findall(shown.get_text(" ")):
        if text.count(sentence) == 1:
            return sentence
    return None


def run(project: Path, mode: str, edits: int, port: int) -> dict:
    server = Server(project, port, dirty=mode == "dirty")
    base = f"http://127.0.0.1:{port}/"
    times, done = [], []
    restore: dict[Path, bytes] = {}
    try:
        server.wait_builds(1)
        first = server.builds[0]
        sources = candidates(project)
        made = 0
        for source in sources:
            if made == edits:
                break
            url = f"{base}texts/{source.stem}/"
            page = fetch(url)
            point = edit_point(source, page or "")
            if point is None:
                continue
            mark = f"Edited for the benchmark at {time.time_ns()}."
            restore.setdefault(source, source.read_bytes())
            before = len(server.builds)
            start = time.perf_counter()
            source.write_text(
                source.read_text(encoding="utf-8").replace(point, f"{point} {mark}"), encoding="utf-8"
            )
            while mark not in (fetch(url) or ""):
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            server.wait_builds(before + 1)
            done.append(time.perf_counter() - start)
            made += 1
            print(
                f"{mode}: {source.name}: page served after {times[-1]:.2f} s, build done after {done[-1]:.2f} s",
                flush=True,
            )
            time.sleep(1)  # (the watcher settles before the next edit)
    finally:
        server.stop()
        for path, data in restore.items():
            path.write_bytes(data)
    return {
        "mode": mode,
        "first_build_s": first,
        "edits": len(times),
        "page_served_s": times,
        "build_done_s": done,
        "median_page_served_s": statistics.median(times) if times else -1,
        "median_build_done_s": statistics.median(done) if done else -1,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--modes", default="plain,dirty")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    results = []
    for i, mode in enumerate(args.modes.split(",")):
        load = os.getloadavg()[0]
        out = run(args.project.resolve(), mode, args.edits, args.port + i)
        out["load_average"] = load
        results.append(out)
        print(json.dumps(out), flush=True)
    print("\n| `mkdocs serve` after one edit (s, median) | " + " | ".join(r["mode"] for r in results) + " |")
    print("|---|" + "---|" * len(results))
    print(
        "| edit -> changed page served | "
        + " | ".join(f"{r['median_page_served_s']:.2f}" for r in results)
        + " |"
    )
    print("| edit -> build done | " + " | ".join(f"{r['median_build_done_s']:.2f}" for r in results) + " |")
    print("| first build in the process | " + " | ".join(f"{r['first_build_s']:.1f}" for r in results) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
