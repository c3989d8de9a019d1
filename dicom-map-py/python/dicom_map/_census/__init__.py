"""``census``: what private tags a whole archive holds, on one machine or a Dask cluster.

    >>> import dicom_map
    >>> c = dicom_map.census(["/archive"], workers=8)      # doctest: +SKIP
    >>> c.to_parquet("census.parquet"); print(c.summary())  # doctest: +SKIP

The pieces, one job each:

- ``_walk``: the files under the paths given;
- ``_header``: a lightweight reader of each file's header (elements up to the pixel data);
- ``_partition``: :func:`census_partition`, counts per key for a list of files, and the
  order-independent merge of its results (the unit of work of every runner, Spark's too);
- ``_run``: runners (this process, a local process pool, Dask) and the progress bar;
- ``_resolve``: one dictionary lookup per distinct key, after the merge;
- ``_model``, ``_writers``, ``_summary``: the rows, the CSV/JSONL/Parquet reports and the harvest
  for the compiler, the text summary.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Iterable, Optional, Union

from dicom_map._census._model import COLUMNS, Census, CensusRow
from dicom_map._census._partition import TOTALS, Partial, census_partition
from dicom_map._census._resolve import resolve_rows
from dicom_map._census._run import Progress, default_workers, run_dask, run_local
from dicom_map._census._walk import check_roots, iter_files, partitions
from dicom_map._native import Dict

__all__ = [
    "COLUMNS",
    "TOTALS",
    "Census",
    "CensusRow",
    "Partial",
    "census",
    "census_partition",
    "finish",
]

PathLike = Union[str, "os.PathLike[str]"]

#: Files per partition: small enough for a smooth progress bar and even load, large enough that
#: a task's overhead (a pickled list in, a small result out) is negligible.
LOCAL_PARTITION = 64
DASK_PARTITION = 512


def finish(partial: Partial, dictionary: Union[Dict, PathLike, None] = None) -> Census:
    """Resolve a merged :class:`Partial` against a dictionary (a :class:`~dicom_map.Dict`, a
    ``.dmap`` path, or ``None`` for the bundled one) into a :class:`Census`: what a Spark job
    calls on the reduced result of ``census_partition`` (see the README)."""
    dmap = dictionary if isinstance(dictionary, Dict) else Dict(dictionary)
    return Census(
        resolve_rows(dmap, partial.keys),
        dict(partial.totals),
        sorted(partial.damaged),
        sorted(partial.not_dicom),
        dmap.edition,
    )


def census(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    workers: Optional[int] = None,
    client: Any = None,
    public: bool = False,
    dictionary: Union[Dict, PathLike, None] = None,
    progress: Optional[bool] = None,
    partition_size: Optional[int] = None,
) -> Census:
    """Census of the DICOM files at ``paths`` (files, and folders walked recursively).

    Runs in ``workers`` processes (default: one per CPU available; 1: in this process), or, with
    ``client`` (a ``distributed.Client``), as Dask tasks of ``partition_size`` files each; the
    result is the same either way. ``public`` adds a row per public tag. ``dictionary`` is a
    :class:`~dicom_map.Dict`, a ``.dmap`` path or ``None`` (bundled). ``progress`` shows a bar on
    standard error (default: when it is a terminal).

    Files that are not DICOM are skipped and counted; damaged ones are listed in
    :attr:`Census.damaged` and the census goes on. Raises ``FileNotFoundError`` for a path that
    does not exist and ``ValueError`` for bad arguments.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    roots = check_roots(paths)
    if workers is not None and (isinstance(workers, bool) or workers < 1):
        raise ValueError(f"workers must be a positive integer, not {workers!r}")
    if partition_size is not None and partition_size < 1:
        raise ValueError(f"partition_size must be a positive integer, not {partition_size!r}")
    if client is not None and workers is not None:
        raise ValueError("give workers (local processes) or client (Dask), not both")
    dmap = dictionary if isinstance(dictionary, Dict) else Dict(dictionary)  # fail early
    walk_errors = Partial()

    def on_error(path: str, reason: str) -> None:
        walk_errors.damaged.append((path, reason))
        walk_errors.totals["damaged"] += 1

    files = iter_files(roots, on_error)
    bar = Progress(sys.stderr.isatty() if progress is None else progress)
    try:
        if client is not None:
            parts = partitions(files, partition_size or DASK_PARTITION)
            total = run_dask(parts, client, public, bar)
        else:
            parts = partitions(files, partition_size or LOCAL_PARTITION)
            total = run_local(parts, workers or default_workers(), public, bar)
    finally:
        bar.close()
    return finish(total.merge(walk_errors), dmap)
