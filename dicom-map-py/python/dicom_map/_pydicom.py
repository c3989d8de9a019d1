"""The pydicom adapter: teach pydicom 3 the tags of a ``.dmap`` dictionary, and forget them again.

pydicom binds some lookups at import time (``from pydicom.datadict import dictionary_VR`` in its
reader and hooks), so replacing its functions would not reach every caller. This adapter writes
into the dictionaries those functions read, in place, through the same slots pydicom's own
``add_dict_entries`` and ``add_private_dict_entries`` use:

``pydicom.datadict.DicomDictionary``
    ``{tag: (VR, VM, Name, Retired, Keyword)}``; public tags, ``Retired`` is ``"Retired"`` or ``""``.
``pydicom.datadict.keyword_dict``
    ``{keyword: tag}``, built from ``DicomDictionary`` when pydicom was imported.
``pydicom.datadict.RepeatersDictionary``, ``masks``, ``REPEATER_KEYWORDS``
    repeating groups keyed ``"60xx3000"``; ``masks`` and ``REPEATER_KEYWORDS`` are derived from
    it at import, so a new repeater is added to all three.
``pydicom.datadict.private_dictionaries``
    ``{creator: {key: (VR, VM, Name, Retired)}}``. ``get_private_entry`` tries, in order, the keys
    ``ggggBBEE`` (the element as found, so a block-specific entry), ``ggggxxEE`` (any block) and
    ``ggxxxxEE`` (a repeating private group), comparing the creator exactly. Entries are written
    under those keys only (pydicom never matches a ``gggg00EE`` key), and under every spelling the
    ``.dmap`` file knows for the creator.

An *undecided* private entry (its sources tie, so its VR is a union such as ``SH or ST``) gives
pydicom one VR by the rule of :mod:`dicom_map._single_vr` (the member, or the wider text VR, that
holds every candidate's values; else pydicom's own ambiguous VR such as ``US or SS``; else ``UN``,
raw bytes), never the first one listed.

The private entries (about 18,000 writes) and the sweep of pydicom's placeholders are written by
``Dict._pydicom_patch_private`` in Rust, by the rules spelled out here; Python decides the few
public and repeater entries that differ from pydicom's.

Every write is recorded in an undo log, so :func:`unpatch_pydicom` puts back exactly what was
there: the same values, the same inner dict objects, keys that did not exist removed again.
Only the ``.dmap`` binary is read (never ``tags.csv``).
"""

from __future__ import annotations

import gc
import os
import threading
from typing import Any, List, Tuple, Union
from typing import Dict as TDict

from dicom_map._native import Dict

__all__ = ["PLACEHOLDER_NAMES", "patch_pydicom", "unpatch_pydicom", "is_patched"]

_MODES = ("fill", "override")
_MISSING = object()
_lock = threading.RLock()
# The undo log of the patches applied so far, oldest first. Each item undoes one write:
# `(dict, key, old value or _MISSING)`, or `(list, _APPENDED, value)` for a list append. Plain
# tuples rather than closures: a patch writes thousands of them. The entries of an inner dict the
# patch created are not logged one by one: removing that dict's key undoes them all.
_APPENDED = object()
_undo: List[Tuple[Any, Any, Any]] = []


def _datadict() -> Any:
    try:
        from pydicom import datadict
    except ImportError as exc:  # pragma: no cover - pydicom is a test dependency
        raise ImportError(
            "dicom_map.patch_pydicom needs pydicom 3 (pip install 'dicom-map[pydicom]')"
        ) from exc
    return datadict


def _set(d: TDict[Any, Any], key: Any, value: Any) -> None:
    """``d[key] = value``, recording how to undo it."""
    _undo.append((d, key, d.get(key, _MISSING)))
    d[key] = value


def _append(lst: List[Any], value: Any) -> None:
    """``lst.append(value)``, recording how to undo it."""
    lst.append(value)
    _undo.append((lst, _APPENDED, value))


def _undo_one(container: Any, key: Any, old: Any) -> None:
    if key is _APPENDED:
        # Remove the last occurrence: the one appended.
        for i in range(len(container) - 1, -1, -1):
            if container[i] == old:
                del container[i]
                return
    elif old is _MISSING:
        container.pop(key, None)
    else:
        container[key] = old


def _pydicom_mask(key: str) -> Tuple[int, int]:
    """The ``(mask1, mask2)`` pair pydicom's ``datadict.masks`` holds for a repeater key."""
    mask1 = int(key.replace("x", "0"), 16)
    mask2 = int("".join("F0"[c == "x"] for c in key), 16)
    return mask1, mask2


def _open(dictionary: Union[Dict, str, "os.PathLike[str]", None]) -> Dict:
    if dictionary is None:
        return Dict()
    if isinstance(dictionary, Dict):
        return dictionary
    return Dict(dictionary)


#: Names pydicom's own dictionaries use for "nobody knows": an entry carrying one is treated as
#: absent by ``mode="fill"``, so that it is replaced (and restored by :func:`unpatch_pydicom`).
PLACEHOLDER_NAMES = frozenset(("", "?", "unknown", "[unknown]", "private tag data", "private"))


def _is_placeholder(value: Any) -> bool:
    """Whether a pydicom entry ``(VR, VM, Name, ...)`` names nothing."""
    return value is not None and str(value[2]).strip().lower() in PLACEHOLDER_NAMES


def patch_pydicom(
    dictionary: Union[Dict, str, "os.PathLike[str]", None] = None, mode: str = "fill"
) -> int:
    """Add the entries of a ``.dmap`` dictionary to pydicom's data dictionaries, in place.

    ``dictionary`` is an open :class:`dicom_map.Dict`, a path to a ``.dmap`` file, or ``None`` for
    the bundled dictionary. ``mode="fill"`` adds what pydicom lacks (public tags, repeating
    groups, private entries of each creator) and replaces pydicom's placeholder entries (named
    ``Unknown``, ``?`` or nothing, see :data:`PLACEHOLDER_NAMES`), so that every private element
    the ``.dmap`` file can name is named; ``mode="override"`` also replaces pydicom's real entries
    where the ``.dmap`` file says something different. Private entries go under every known
    spelling of their creator, keyed the way ``pydicom.datadict.get_private_entry`` looks them up;
    block-specific placeholders of pydicom's that would hide an entry (``get_private_entry`` tries
    ``ggggBBEE`` first) are replaced by that entry too. A private entry of a repeating group that
    pydicom cannot express (a group pattern other than ``ggxx``, or block-specific) is left out.

    Returns the number of entries written (added, or replaced). Patching again adds to the
    earlier patch; :func:`unpatch_pydicom` undoes all of them at once.

    Raises ``ValueError`` for another mode, ``ImportError`` without pydicom, and the errors of
    :func:`dicom_map.open` for a bad path.
    """
    if mode not in _MODES:
        raise ValueError(f"mode must be 'fill' or 'override', not {mode!r}")
    dd = _datadict()
    dmap = _open(dictionary)
    override = mode == "override"
    with _lock:
        written = 0
        # Rust drops the public entries pydicom already has as they are (most of them).
        for kind, where, value in dmap._pydicom_public_rows(
            dd.DicomDictionary, dd.RepeatersDictionary
        ):
            if kind == "public":
                written += _public(dd, where, value, override)
            else:
                written += _repeater(dd, where, value, override)
        # The ~18,000 private entries and the placeholder sweep, by the rules above, in Rust
        # (dicom-map-py/src/pydicom_patch.rs): as Python bytecode they alone took over 50 ms.
        # The tuples it makes would trigger collections that walk all of pydicom's dictionaries
        # (a sixth of the time): none is garbage, so the collector waits until it is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            written += dmap._pydicom_patch_private(
                dd.private_dictionaries, _undo, _MISSING, PLACEHOLDER_NAMES, override
            )
        finally:
            if collecting:
                gc.enable()
        return written


def _public(dd: Any, tag: int, value: Tuple[str, str, str, str, str], override: bool) -> int:
    old = dd.DicomDictionary.get(tag)
    if old == value:
        return 0
    if old is not None and not override and not _replaces(old, value):
        return 0
    _set(dd.DicomDictionary, tag, value)
    keyword = value[4]
    if old is not None and old[4] != keyword and dd.keyword_dict.get(old[4]) == tag:
        # The keyword changed: the old one no longer names this tag.
        _undo.append((dd.keyword_dict, old[4], tag))
        del dd.keyword_dict[old[4]]
    if keyword and (override or keyword not in dd.keyword_dict):
        _set(dd.keyword_dict, keyword, tag)
    return 1


def _repeater(dd: Any, key: str, value: Tuple[str, str, str, str, str], override: bool) -> int:
    old = dd.RepeatersDictionary.get(key)
    if old == value or (old is not None and not override):
        return 0
    _set(dd.RepeatersDictionary, key, value)
    if key not in dd.masks:
        _set(dd.masks, key, _pydicom_mask(key))
    if value[4] and value[4] not in dd.REPEATER_KEYWORDS:
        _append(dd.REPEATER_KEYWORDS, value[4])
    return 1


def _replaces(old: Any, value: Any) -> bool:
    """fill mode: a placeholder is not knowledge, so a named entry replaces it."""
    return _is_placeholder(old) and not _is_placeholder(value)


def unpatch_pydicom() -> None:
    """Undo every :func:`patch_pydicom` since the last unpatch: pydicom's dictionaries get back
    exactly the keys, values and inner objects they had. A no-op when nothing is patched."""
    with _lock:
        while _undo:
            _undo_one(*_undo.pop())


def is_patched() -> bool:
    """Whether a patch is in place (some entry was written and not yet undone)."""
    return bool(_undo)
