"""dicom_map: the DICOM Atlas in Python.

An open registry of public and private DICOM tags, compiled from many sources with per-tag
provenance, read from one memory-mapped ``.dmap`` file. The package bundles a dictionary, so no
path is needed::

    >>> import dicom_map
    >>> d = dicom_map.open()
    >>> d.vr(0x0008, 0x0005)
    'CS'
    >>> d.lookup(0x0019, 0x100C, "SIEMENS MR HEADER")["pattern"]
    '(0019,xx0C)'

- :func:`open` returns a :class:`Dict`: ``lookup`` (a dict of everything known about a tag),
  the fast paths ``vr`` and ``keyword``, ``tag_for_keyword``, ``search``, iteration, ``info``.
- :func:`explain` tells what every private element of a DICOM file is
  (``python -m dicom_map explain FILE``); it needs pydicom, imported only when called.
- :func:`census` counts the private tags of a whole archive (files and folders), in local
  processes or on a Dask cluster, into CSV, JSON lines or Parquet reports
  (``python -m dicom_map census PATH... -o REPORT``); :func:`census_partition` and
  :func:`census_finish` are its two halves, for other engines (Spark: see the README).
- :func:`patch_pydicom` / :func:`unpatch_pydicom` teach pydicom the dictionary's tags (and
  forget them again).

Errors: ``FileNotFoundError`` (and other ``OSError``) for a file that cannot be read,
:class:`FormatError` (a ``ValueError``) for one that is not a valid ``.dmap``, ``ValueError`` for a
group or element outside 0-0xFFFF.
"""

from __future__ import annotations

import os
from typing import Optional, Union

from dicom_map._census import Census, CensusRow, census, census_partition
from dicom_map._census import finish as census_finish
from dicom_map._explain import REASONS, ExplainRecord, explain
from dicom_map._native import FORMAT_VERSION, Dict, EntryIter, FormatError
from dicom_map._native import __version__ as __version__
from dicom_map._pydicom import patch_pydicom, unpatch_pydicom
from dicom_map._types import (
    CandidateDict,
    CreatorDict,
    EntryDict,
    InfoDict,
    InfoSourceDict,
    SourceDict,
)

__all__ = [
    "FORMAT_VERSION",
    "REASONS",
    "CandidateDict",
    "Census",
    "CensusRow",
    "CreatorDict",
    "Dict",
    "EntryDict",
    "EntryIter",
    "ExplainRecord",
    "FormatError",
    "InfoDict",
    "InfoSourceDict",
    "SourceDict",
    "census",
    "census_finish",
    "census_partition",
    "explain",
    "open",
    "patch_pydicom",
    "unpatch_pydicom",
]


def open(
    path: Optional[Union[str, "os.PathLike[str]"]] = None,
    *,
    verify: bool = True,
    mmap: bool = False,
) -> Dict:
    """Open a ``.dmap`` dictionary: the file at ``path``, or the bundled one when ``path`` is None.

    The file is read into memory (so replacing or truncating it later has no effect) and, unless
    ``verify=False``, fully checked (checksums, every reference; about a millisecond for the
    bundled dictionary), so a damaged file fails here with :class:`FormatError` rather than later.
    A missing file raises ``FileNotFoundError``; a FIFO, socket, device or directory raises
    ``OSError`` at once, and a file over 64 MiB ``OSError`` with ``errno.EFBIG``.

    ``mmap=True`` memory-maps the file instead of copying it. Use it only for files that are never
    truncated while open: if another process truncates a mapped file, the next lookup kills the
    whole Python process with ``SIGBUS``, which no ``try`` can catch.
    """
    return Dict(path, verify=verify, mmap=mmap)
