"""Which files a census reads: the files given, and every file under the folders given.

Folders are walked with ``os.scandir`` (no sorting: the merge does not depend on the order),
without following symbolic links to folders (a link loop cannot trap the walk); links to files
are read. A folder that cannot be listed is reported through ``on_error`` and the walk goes on.
A path that does not exist is an error before anything is read.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator, List, Sequence, Set, Union

__all__ = ["check_roots", "iter_files", "partitions"]

PathLike = Union[str, "os.PathLike[str]"]


def check_roots(paths: Iterable[PathLike]) -> List[str]:
    """The paths as strings, without repeats and without paths inside another one given (so no
    file is counted twice); ``FileNotFoundError`` for one that does not exist, ``ValueError`` for
    none at all."""
    roots = [os.fspath(p) for p in paths]
    if not roots:
        raise ValueError("census: no paths given")
    for root in roots:
        if not os.path.exists(root):
            raise FileNotFoundError(2, "No such file or directory", root)
    real = [os.path.realpath(r) for r in roots]
    folders = {here for here in real if os.path.isdir(here)}
    keep, seen = [], set()
    for root, here in zip(roots, real):
        if here in seen or _inside(here, folders):
            continue
        seen.add(here)
        keep.append(root)
    return keep


def _inside(path: str, folders: Set[str]) -> bool:
    """Whether a strict parent folder of ``path`` is in ``folders`` (O(depth), not O(roots))."""
    parent = os.path.dirname(path)
    while parent and parent != path:
        if parent in folders:
            return True
        path, parent = parent, os.path.dirname(parent)
    return False


def iter_files(roots: Sequence[str], on_error: Callable[[str, str], None]) -> Iterator[str]:
    """Every file under ``roots`` (a root that is a file is yielded as is)."""
    for root in roots:
        if not os.path.isdir(root):
            yield root
            continue
        stack = [root]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                stack.append(entry.path)
                            elif entry.is_file():
                                yield entry.path
                        except OSError as exc:
                            on_error(entry.path, f"cannot stat it: {exc.strerror or exc}")
            except OSError as exc:
                on_error(folder, f"cannot list the folder: {exc.strerror or exc}")


def partitions(files: Iterable[str], size: int) -> Iterator[List[str]]:
    """``files`` in lists of ``size``."""
    chunk: List[str] = []
    for path in files:
        chunk.append(path)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
