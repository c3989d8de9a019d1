"""Threads against the interpreter lock: the same work split over 1, 2, 4 and 8 threads.

Run as a script (BENCHMARKS.md has the command); prints, per operation, the wall time of each
thread count and its speed-up over one thread. What releases the lock: ``search`` (a scan of every
entry), ``lookup_many`` (a batch of lookups, as ``explain`` makes), opening and ``verify``. A
single ``lookup`` is shorter than releasing and taking the lock again, so it keeps it: its row
shows what holding the lock costs. The machine has as many cores as ``os.cpu_count()`` says;
the speed-up cannot pass that.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time
from typing import Callable, List

import dicom_map

D = dicom_map.open()
ENTRIES = list(D)
RNG = random.Random(1)
QUERIES = [
    (e["group"], e["element"] if e["element"] > 0xFF else 0x1000 | e["element"], e["creator"])
    for e in RNG.sample(ENTRIES, 2000)
]
WORDS = ["value", "b value", "siemens", "patient", "image", "sequence", "date", "private"]


def _search(n: int) -> None:
    for i in range(n):
        D.search(WORDS[i % len(WORDS)], 1)


def _lookup_many(n: int) -> None:
    for _ in range(n):
        D.lookup_many(QUERIES)


def _lookup(n: int) -> None:
    for _ in range(n):
        for q in QUERIES:
            D.lookup(*q)


def _verify(n: int) -> None:
    for _ in range(n):
        D.verify()


def timed(work: Callable[[int], None], total: int, threads: int) -> float:
    per = total // threads
    ts = [threading.Thread(target=work, args=(per,)) for _ in range(threads)]
    start = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - start


def progress_during(call: Callable[[], None]) -> float:
    """How far a pure-Python counting thread gets while ``call`` runs, per second of the call,
    relative to how far it gets while the main thread sleeps (1.0: the call never blocks it; near
    0: the call holds the interpreter lock throughout). Needs no spare core to show the lock."""

    def rate(block: Callable[[], None]) -> float:
        count = [0]
        stop = threading.Event()

        def counter() -> None:
            while not stop.is_set():
                count[0] += 1

        t = threading.Thread(target=counter)
        t.start()
        time.sleep(0.05)
        before, start = count[0], time.perf_counter()
        block()
        after, elapsed = count[0], time.perf_counter() - start
        stop.set()
        t.join()
        return (after - before) / elapsed

    reference = rate(lambda: time.sleep(0.3))
    return rate(call) / reference


def main(argv: List[str]) -> int:
    print("Progress of a Python thread during one long call (1.0 = not blocked at all):")
    print("| call | progress |")
    print("| --- | --- |")
    for name, call in [
        (
            "search('no such words') x20: the scan",
            lambda: [D.search("zq xj") for _ in range(20)] and None,
        ),
        (
            "search('value') x20: scan + 3,000 dicts",
            lambda: [D.search("value") for _ in range(20)] and None,
        ),
        (
            "lookup_many(2000 queries) x5",
            lambda: [D.lookup_many(QUERIES) for _ in range(5)] and None,
        ),
        ("verify() x20", lambda: [D.verify() for _ in range(20)] and None),
        (
            "creators() x20 (713 dicts each, keeping the lock)",
            lambda: [D.creators() for _ in range(20)] and None,
        ),
    ]:
        print(f"| {name} | {progress_during(call):.2f} |")
    print()
    cases = [("search", _search, 64), ("lookup_many", _lookup_many, 16), ("verify", _verify, 64)]
    cases.append(("lookup (keeps the lock)", _lookup, 16))
    print(f"cpu_count={os.cpu_count()}  (times in s; speed-up = 1 thread / n threads)")
    print("| operation | 1 thread | 2 threads | 4 threads | 8 threads | speed-up at 2 / 8 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, work, total in cases:
        work(2)  # warm up (indexes, caches)
        times = {n: min(timed(work, total, n) for _ in range(3)) for n in (1, 2, 4, 8)}
        cells = " | ".join(f"{times[n]:.3f}" for n in (1, 2, 4, 8))
        print(f"| {name} | {cells} | {times[1] / times[2]:.2f}x / {times[1] / times[8]:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
