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

Every write is recorded in an undo log, so :func:`unpatch_pydicom` puts back exactly what was
there: the same values, the same inner dict objects, keys that did not exist removed again.
Only the ``.dmap`` binary is read (never ``tags.csv``).
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable, List, Tuple, Union
from typing import Dict as TDict

from dicom_map._native import Dict

__all__ = ["patch_pydicom", "unpatch_pydicom", "is_patched"]

_MODES = ("fill", "override")
_MISSING = object()
_lock = threading.RLock()
# The undo log of the patches applied so far, oldest first; each item undoes one write.
_undo: List[Callable[[], None]] = []


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
    old = d.get(key, _MISSING)
    if old is _MISSING:
        _undo.append(lambda: d.pop(key, None))
    else:
        _undo.append(lambda: d.__setitem__(key, old))
    d[key] = value


def _append(lst: List[Any], value: Any) -> None:
    """``lst.append(value)``, recording how to undo it."""
    lst.append(value)

    def undo() -> None:
        # Remove the last occurrence: the one appended here.
        for i in range(len(lst) - 1, -1, -1):
            if lst[i] == value:
                del lst[i]
                return

    _undo.append(undo)


def _pydicom_mask(key: str) -> Tuple[int, int]:
    """The ``(mask1, mask2)`` pair pydicom's ``datadict.masks`` holds for a repeater key."""
    mask1 = int(key.replace("x", "0"), 16)
    mask2 = int("".join("F0"[c == "x"] for c in key), 16)
    return mask1, mask2


def _key(pattern: str) -> str:
    """``"(0019,xx0C)"`` -> ``"0019xx0C"``."""
    return pattern.strip("()").replace(",", "")


def _open(dictionary: Union[Dict, str, "os.PathLike[str]", None]) -> Dict:
    if dictionary is None:
        return Dict()
    if isinstance(dictionary, Dict):
        return dictionary
    return Dict(dictionary)


def patch_pydicom(
    dictionary: Union[Dict, str, "os.PathLike[str]", None] = None, mode: str = "fill"
) -> int:
    """Add the entries of a ``.dmap`` dictionary to pydicom's data dictionaries, in place.

    ``dictionary`` is an open :class:`dicom_map.Dict`, a path to a ``.dmap`` file, or ``None`` for
    the bundled dictionary. ``mode="fill"`` adds only what pydicom lacks (public tags, repeating
    groups, private entries of each creator); ``mode="override"`` also replaces pydicom's entries
    where the ``.dmap`` file says something different. Private entries go under every known
    spelling of their creator, keyed the way ``pydicom.datadict.get_private_entry`` looks them up;
    a private entry of a repeating group that pydicom cannot express (a group pattern other than
    ``ggxx``, or block-specific) is left out.

    Returns the number of entries written (added, or replaced in ``"override"`` mode). Patching
    again adds to the earlier patch; :func:`unpatch_pydicom` undoes all of them at once.

    Raises ``ValueError`` for another mode, ``ImportError`` without pydicom, and the errors of
    :func:`dicom_map.open` for a bad path.
    """
    if mode not in _MODES:
        raise ValueError(f"mode must be 'fill' or 'override', not {mode!r}")
    dd = _datadict()
    dmap = _open(dictionary)
    override = mode == "override"
    spellings: TDict[str, List[str]] = {
        c["name"]: list(dict.fromkeys([c["name"], *c["spellings"]])) for c in dmap.creators()
    }
    with _lock:
        written = 0
        for e in dmap:
            kind = e["kind"]
            vr = e["vr"]
            vm = e["vm"] or "1"
            retired = "Retired" if e["retired"] else ""
            if kind == "public":
                tag = (e["group"] << 16) | e["element"]
                written += _public(dd, tag, (vr, vm, e["name"], retired, e["keyword"]), override)
            elif kind == "repeater":
                written += _repeater(
                    dd, _key(e["pattern"]), (vr, vm, e["name"], retired, e["keyword"]), override
                )
            elif kind in ("private", "private-repeater"):
                key = _key(e["pattern"])
                if kind == "private-repeater" and not (
                    key[2:4] == "xx" and "x" not in key[:2] and key[4:6] == "xx"
                ):
                    continue  # pydicom matches repeating private groups only as ggxxxxEE
                name = e["name"] if e["has_real_name"] and e["name"] else "Unknown"
                value = (vr, vm, name, retired)
                canonical = e["creator"]
                if canonical is None:  # pragma: no cover - every private entry has a creator
                    continue
                for creator in spellings.get(canonical, [canonical]):
                    written += _private(dd, creator, key, value, override)
        return written


def _public(dd: Any, tag: int, value: Tuple[str, str, str, str, str], override: bool) -> int:
    old = dd.DicomDictionary.get(tag)
    if old == value or (old is not None and not override):
        return 0
    _set(dd.DicomDictionary, tag, value)
    keyword = value[4]
    if old is not None and old[4] != keyword and dd.keyword_dict.get(old[4]) == tag:
        # The keyword changed: the old one no longer names this tag.
        _undo.append(lambda: dd.keyword_dict.__setitem__(old[4], tag))
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


def _private(
    dd: Any, creator: str, key: str, value: Tuple[str, str, str, str], override: bool
) -> int:
    entries = dd.private_dictionaries.get(creator)
    if entries is None:
        entries = {}
        _set(dd.private_dictionaries, creator, entries)
    old = entries.get(key)
    if old == value or (old is not None and not override):
        return 0
    _set(entries, key, value)
    return 1


def unpatch_pydicom() -> None:
    """Undo every :func:`patch_pydicom` since the last unpatch: pydicom's dictionaries get back
    exactly the keys, values and inner objects they had. A no-op when nothing is patched."""
    with _lock:
        while _undo:
            _undo.pop()()


def is_patched() -> bool:
    """Whether a patch is in place (some entry was written and not yet undone)."""
    return bool(_undo)
