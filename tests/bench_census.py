"""Census throughput and memory against a plain pydicom loop, side by side in one run.

    .venv/bin/python tests/bench_census.py [--files 20000] [--rounds 1] [--corpus DIR]

The corpus: every real DICOM file of pydicom's and nibabel's test data (``.venv``; nibabel's
gzipped ones unzipped) that pydicom reads, replicated by hard links (copies across file systems)
into folders of 1,000 until there are ``--files`` of them. Each round times, in turn:

- ``pydicom loop``: one process, ``dcmread(stop_before_pixels=True)`` for each file, then the name
  of every private element (``iterall``, pydicom's own private dictionary), the baseline the
  issue names;
- ``census, 1 worker`` (in this process) and ``census, 2 workers`` (a process pool, start-up
  included): ``dicom_map.census(corpus, workers=N)``.

It prints files per second, the ratio to the pydicom loop, the CPU time per file (user + system,
pool workers included: what a run costs, however loaded the shared machine is), and the peak
resident memory: of this
process for the loop and the one-worker census (measured in a fresh child process each, so the
numbers are each run's own; ``VmHWM``), and of the largest pool worker for two workers
(polled while it runs). The ratios are the
result (the machine is shared); BENCHMARKS.md records a run.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List

HERE = Path(__file__).resolve()


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, f"{name} is not installed (make venv)"
    return Path(spec.origin).parent


def real_files(work: Path) -> List[Path]:
    """The real DICOM files pydicom reads (nibabel's gzipped ones unzipped into ``work``)."""
    import pydicom

    candidates = [
        p
        for p in sorted((_package_dir("pydicom") / "data" / "test_files").rglob("*"))
        if p.is_file()
    ]
    for gz in sorted((_package_dir("nibabel")).rglob("*.dcm.gz")):
        out = work / gz.name[: -len(".gz")]
        out.write_bytes(gzip.decompress(gz.read_bytes()))
        candidates.append(out)
    candidates += sorted(_package_dir("nibabel").rglob("*.dcm"))
    keep = []
    for p in candidates:
        with open(p, "rb") as f:
            head = f.read(132)
        if head[128:132] != b"DICM":
            continue
        try:
            pydicom.dcmread(p, stop_before_pixels=True)
        except Exception:
            continue
        keep.append(p)
    return keep


def build_corpus(root: Path, n: int) -> int:
    root.mkdir(parents=True, exist_ok=True)
    sources = real_files(root)
    for i in range(n):
        folder = root / f"{i // 1000:04d}"
        folder.mkdir(exist_ok=True)
        src = sources[i % len(sources)]
        dest = folder / f"{i:06d}_{src.name}"
        try:
            os.link(src, dest)
        except OSError:
            shutil.copyfile(src, dest)
    return len(sources)


def pydicom_loop(root: str) -> Dict[str, float]:
    """The baseline: read every header with pydicom and name its private elements."""
    import warnings

    import pydicom

    files = names = 0
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for folder, _, entries in os.walk(root):
            for entry in entries:
                try:
                    ds = pydicom.dcmread(os.path.join(folder, entry), stop_before_pixels=True)
                    for el in ds.iterall():
                        if el.tag.is_private:
                            names += bool(el.name)
                except Exception:
                    continue
                files += 1
    return {
        "seconds": time.perf_counter() - t0,
        "files": files,
        "names": names,
        "cpu_seconds": _cpu_seconds(),
    }


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children: what a run costs,
    however loaded the machine is."""
    import resource

    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_kib(pid: int) -> int:
    """The peak resident memory of a process (``VmHWM``; reset by exec, unlike ``ru_maxrss``,
    which a spawned child inherits from its parent's fork)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class _ChildPeaks(threading.Thread):
    """Polls the peak memory of this process's children (the pool workers) until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: Dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.done.wait(0.05):
            for task in Path(f"/proc/{me}/task").iterdir():
                try:
                    children = (task / "children").read_text().split()
                except OSError:
                    continue
                for child in map(int, children):
                    self.peaks[child] = max(self.peaks.get(child, 0), _peak_kib(child))


def run_census(root: str, workers: int) -> Dict[str, float]:
    import dicom_map

    watch = _ChildPeaks()
    watch.start()
    t0 = time.perf_counter()
    c = dicom_map.census([root], workers=workers, progress=False)
    seconds = time.perf_counter() - t0
    watch.done.set()
    watch.join()
    return {
        "seconds": seconds,
        "files": c.totals["paths"],
        "keys": len(c),
        "worker_peak_kib": max(watch.peaks.values(), default=0),
        "cpu_seconds": _cpu_seconds(),
    }


def _child(kind: str, root: str, workers: int) -> Dict[str, float]:
    """Run one measurement in a fresh interpreter (its own peak memory)."""
    code = (
        "import json, os, sys; sys.path.insert(0, sys.argv[1]); import bench_census as b; "
        "r = b.pydicom_loop(sys.argv[3]) if sys.argv[2] == 'loop' else "
        "b.run_census(sys.argv[3], int(sys.argv[4])); "
        "r['self_peak_kib'] = b._peak_kib(os.getpid()); "
        "print(json.dumps(r))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(HERE.parent), kind, root, str(workers)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--files", type=int, default=20000)
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--corpus", type=Path, default=None, help="build the corpus here (kept)")
    args = p.parse_args()
    tmp = None
    if args.corpus is None:
        tmp = tempfile.mkdtemp(prefix="census-corpus-", dir=HERE.parents[1] / "target")
        corpus = Path(tmp)
    else:
        corpus = args.corpus
    try:
        if not any(corpus.glob("*/*")):
            distinct = build_corpus(corpus, args.files)
            print(f"corpus: {args.files} files from {distinct} distinct real files in {corpus}")
        print(f"load average at start: {os.getloadavg()}")
        for r in range(args.rounds):
            loop = _child("loop", str(corpus), 1)
            one = _child("census", str(corpus), 1)
            two = _child("census", str(corpus), 2)
            base = loop["files"] / loop["seconds"]
            print(f"round {r + 1} (load average {os.getloadavg()[0]:.1f}):")
            print(
                f"  pydicom loop       {base:8.0f} files/s  1.00x  "
                f"CPU {1000 * loop['cpu_seconds'] / loop['files']:5.2f} ms/file  "
                f"peak RSS {loop['self_peak_kib'] / 1024:6.1f} MiB  ({loop['files']} files)"
            )
            for label, m, rss in (
                ("census, 1 worker ", one, one["self_peak_kib"]),
                ("census, 2 workers", two, two["worker_peak_kib"]),
            ):
                rate = m["files"] / m["seconds"]
                print(
                    f"  {label}  {rate:8.0f} files/s  {rate / base:4.2f}x  "
                    f"CPU {1000 * m['cpu_seconds'] / m['files']:5.2f} ms/file  "
                    f"peak RSS {rss / 1024:6.1f} MiB{' per worker' if m is two else ''}  "
                    f"({m['files']} files, {m['keys']} keys)"
                )
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
