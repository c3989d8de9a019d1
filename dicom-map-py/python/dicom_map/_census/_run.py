"""Running :func:`~dicom_map._census._partition.census_partition` over partitions of files: in this
process, in a local process pool, or on a Dask cluster, with a progress bar.

Every runner feeds partitions as the walk produces them, keeps a bounded number in flight (the
walk of a million files is never held in memory at once), and merges each result as it arrives;
the merge is order-independent, so all runners give the same census.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Iterable, List, Optional, Set

from dicom_map._census._partition import Partial, census_partition

__all__ = ["Progress", "default_workers", "run_dask", "run_local"]


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class Progress:
    """A tqdm bar on standard error (files, files/s, elements, errors), or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.bar: Any = None
        self.elements = 0
        self.errors = 0
        if enabled:
            try:
                from tqdm import tqdm  # type: ignore[import-untyped]
            except ImportError:  # pragma: no cover - tqdm is optional: no bar, same census
                return
            self.bar = tqdm(desc="census", unit=" files", file=sys.stderr, dynamic_ncols=True)

    def update(self, part: Partial) -> None:
        if self.bar is None:
            return
        self.elements += part.totals["elements"]
        self.errors += part.totals["damaged"]
        self.bar.set_postfix(elements=self.elements, errors=self.errors, refresh=False)
        self.bar.update(part.totals["paths"])

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_local(
    parts: Iterable[List[str]], workers: int, public: bool, progress: Progress
) -> Partial:
    """In this process (``workers`` 1) or a pool of ``workers`` processes (spawned: no state of
    the caller is inherited)."""
    total = Partial()
    if workers <= 1:
        for chunk in parts:
            part = census_partition(chunk, public)
            progress.update(part)
            total.merge(part)
        return total
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: Set["Future[Partial]"] = set()

        def collect(futures: Set["Future[Partial]"]) -> None:
            for future in futures:
                part = future.result()
                progress.update(part)
                total.merge(part)

        for chunk in parts:
            pending.add(pool.submit(census_partition, chunk, public))
            if len(pending) >= 3 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                collect(done)
        collect(wait(pending).done)
    return total


def run_dask(parts: Iterable[List[str]], client: Any, public: bool, progress: Progress) -> Partial:
    """One Dask task per partition on ``client`` (a ``distributed.Client``). The workers must see
    the files at the same paths."""
    from distributed import as_completed

    in_flight = max(4, 3 * sum(client.nthreads().values()))
    total = Partial()
    ac = as_completed()  # type: ignore[no-untyped-call]
    submitted = 0
    queue = iter(parts)

    def submit_next() -> bool:
        chunk: Optional[List[str]] = next(queue, None)
        if chunk is None:
            return False
        ac.add(client.submit(census_partition, chunk, public, pure=False))  # type: ignore[no-untyped-call]
        return True

    while submitted < in_flight and submit_next():
        submitted += 1
    for future in ac:
        part = future.result()
        future.release()
        progress.update(part)
        total.merge(part)
        submit_next()
    return total
