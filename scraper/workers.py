"""Each file in a process of its own, with a time and a memory limit: a bad file costs only itself.

A PDF can make a parser loop for minutes (a content stream inflating to one huge comment) or eat all
memory (a stream inflating to gigabytes). So every file is read in a fresh worker process whose
address space is capped (``RLIMIT_AS``) and which is killed, with anything it started, when its
wall-clock time runs out. A worker that dies (killed, out of memory, a crash in native code) fails
its own file with the reason; the other files, running or queued, are not touched, because no pool
is shared: there is nothing to break.

Workers come from a fork server that has already imported the scraper, so starting one costs a fork
(milliseconds), not a fresh interpreter (~0.4 s); where there is no fork server (not POSIX), they are
spawned. Results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from .document import scrape_file
from .records import FileResult, Reject

try:
    import resource
except ImportError:  # pragma: no cover - not POSIX: no address-space limit
    resource = None  # type: ignore[assignment]

#: Default wall-clock limit per file, seconds (a 150-page statement takes under ten).
DEFAULT_TIMEOUT = 120.0
#: Default address-space limit per worker, MiB (a worker reading a big statement uses ~300).
DEFAULT_MEMORY = 2048


@dataclass(frozen=True)
class Limits:
    """Per-file limits: wall-clock seconds and address space in MiB (``0`` means no limit)."""

    timeout: float = DEFAULT_TIMEOUT
    memory: int = DEFAULT_MEMORY


def _context() -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["scraper.document"])
        return context
    return multiprocessing.get_context("spawn")


def _work(path: str, memory: int, explain: bool, page_jobs: int, conn: Connection) -> None:
    """The worker: cap its own address space, read the file, send the result back."""
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # so that a timeout kills the page readers this worker may start as well
    if memory and resource is not None:
        limit = memory * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send(run_one(Path(path), memory, explain, page_jobs))
    conn.close()


def run_one(path: Path, memory: int = 0, explain: bool = False, page_jobs: int = 1) -> FileResult:
    """Read one file; a memory error or a scraper bug becomes the file's failure, never a raise."""
    try:
        return scrape_file(path, page_jobs, explain=explain)
    except MemoryError:
        return failed(path, "memory", f"the memory limit ({memory} MiB) was reached")
    except Exception as err:  # noqa: BLE001 - a scraper bug on one file must not stop the batch
        return failed(path, "internal", f"the scraper failed: {type(err).__name__}: {err}")


def failed(path: Path, kind: str, reason: str) -> FileResult:
    """A result for a file that could not be read, with its ``file`` reject."""
    result = FileResult(path=str(path), error=kind)
    result.rejects.append(Reject("file", path.name, reason))
    return result


@dataclass
class _Running:
    index: int
    path: Path
    process: BaseProcess
    conn: Connection
    deadline: float


def scrape_limited(
    paths: Sequence[Path], jobs: int, limits: Limits, explain: bool = False
) -> Iterator[FileResult]:
    """Scrape every path in its own limited worker, ``jobs`` at a time; results in input order."""
    context = _context()
    page_jobs = jobs if len(paths) == 1 else 1  # one big file: its pages are split over the cores
    queue = list(enumerate(paths))
    queue.reverse()
    running: list[_Running] = []
    done: dict[int, FileResult] = {}
    following = 0
    while queue or running:
        while queue and len(running) < max(1, jobs):
            index, path = queue.pop()
            receive, send = context.Pipe(duplex=False)
            process = context.Process(  # type: ignore[attr-defined]
                target=_work,
                args=(str(path), limits.memory, explain, page_jobs, send),
                daemon=False,
            )
            process.start()
            send.close()
            deadline = time.monotonic() + limits.timeout if limits.timeout else float("inf")
            running.append(_Running(index, path, process, receive, deadline))
        _wait(running)
        now = time.monotonic()
        for item in list(running):
            result = _collect(item, now, limits)
            if result is not None:
                running.remove(item)
                done[item.index] = result
        while following in done:
            yield done.pop(following)
            following += 1


def _wait(running: list[_Running]) -> None:
    soonest = min(item.deadline for item in running)
    timeout = max(0.0, soonest - time.monotonic()) if soonest != float("inf") else None
    handles: list[object] = [item.conn for item in running]
    handles += [item.process.sentinel for item in running]
    wait(handles, timeout)  # type: ignore[arg-type]


def _collect(item: _Running, now: float, limits: Limits) -> FileResult | None:
    """The worker's result if it has finished, failed or run out of time; ``None`` while it runs."""
    if item.conn.poll():
        try:
            result: FileResult = item.conn.recv()
        except (EOFError, OSError):
            result = _died(item, limits)
        item.process.join()
        item.conn.close()
        return result
    if not item.process.is_alive():
        item.process.join()
        item.conn.close()
        return _died(item, limits)
    if now >= item.deadline:
        _kill(item.process)
        item.conn.close()
        return failed(
            item.path, "timeout", f"the time limit ({limits.timeout:g} s) was reached: killed"
        )
    return None


def _died(item: _Running, limits: Limits) -> FileResult:
    code = item.process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        why = f"the worker was killed by {name}"
        if -code == signal.SIGKILL and limits.memory:
            why += " (out of memory?)"
    else:
        why = f"the worker exited with status {code} without a result"
    return failed(item.path, "crashed", why)


def _kill(process: BaseProcess) -> None:
    pid = process.pid
    if pid is not None and hasattr(os, "killpg"):
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    process.kill()
    process.join()
