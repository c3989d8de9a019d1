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
  (``python -m dicom_map explain FILE``).
- :func:`patch_pydicom` / :func:`unpatch_pydicom` teach pydicom the dictionary's tags.

Errors: ``FileNotFoundError`` (and other ``OSError``) for a file that cannot be read,
:class:`FormatError` (a ``ValueError``) for one that is not a valid ``.dmap``, ``ValueError`` for a
group or element outside 0-0xFFFF.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, BinaryIO, Iterator, Optional, Union

from dicom_map._native import FORMAT_VERSION, Dict, FormatError
from dicom_map._native import __version__ as __version__

if TYPE_CHECKING:  # pragma: no cover
    from pydicom.dataset import Dataset

    from dicom_map.explain import ExplainRecord

__all__ = [
    "FORMAT_VERSION",
    "Dict",
    "FormatError",
    "explain",
    "open",
    "patch_pydicom",
    "unpatch_pydicom",
]

PathArg = Union[str, "os.PathLike[str]"]


def open(path: Optional[PathArg] = None, *, verify: bool = True) -> Dict:
    """Open a ``.dmap`` dictionary: the file at ``path``, or the bundled one when ``path`` is None.

    The file is memory-mapped and, unless ``verify=False``, fully checked (checksums, every
    reference; about a millisecond for the bundled dictionary), so a damaged file fails here with
    :class:`FormatError` rather than later. A missing file raises ``FileNotFoundError``.
    """
    return Dict(path, verify=verify)


def explain(
    dataset_or_path: Union["Dataset", PathArg, BinaryIO],
    dictionary: Union[Dict, PathArg, None] = None,
    *,
    force: bool = False,
) -> Iterator["ExplainRecord"]:
    """One record per private element of a DICOM file (nested sequences included): its creator,
    keyword, name, the VR in the file and in the dictionary, the sources, and why it could not
    be resolved when it could not. Needs pydicom. See :mod:`dicom_map.explain`."""
    from dicom_map.explain import explain as _explain

    return _explain(dataset_or_path, dictionary, force=force)


def patch_pydicom(dictionary: Union[Dict, PathArg, None] = None, mode: str = "fill") -> int:
    """Add the dictionary's entries to pydicom's data dictionaries in place (``mode="fill"``: only
    what pydicom lacks; ``"override"``: also replace what differs). Returns the number of entries
    written. Needs pydicom. See :mod:`dicom_map._pydicom`."""
    from dicom_map._pydicom import patch_pydicom as _patch

    return _patch(dictionary, mode)


def unpatch_pydicom() -> None:
    """Undo :func:`patch_pydicom`: pydicom's dictionaries are exactly as before."""
    from dicom_map._pydicom import unpatch_pydicom as _unpatch

    _unpatch()
