"""The read-only dict that ``Dict.lookup()`` shares between calls for nested sources and candidates.

``lookup()`` keeps one template dict per entry and returns a fresh copy of it on every call (that
is what makes it faster than pydicom's ``get_private_entry``). The top-level dict and its lists
are new on every call, so a caller may change them freely; the source and candidate dicts inside
the lists are shared by every call for that entry, so they refuse changes rather than let one
caller's edit show up in another caller's result. They are still ``dict`` instances, so
``json.dumps``, ``dict(...)``, ``==`` and ``isinstance(x, dict)`` work; ``copy.copy``,
``copy.deepcopy`` and pickling give plain, editable dicts.
"""

from __future__ import annotations

from typing import Any, Dict, NoReturn, Tuple, Type

__all__ = ["ReadOnlyDict"]


def _refuse(self: "ReadOnlyDict", *args: Any, **kwargs: Any) -> NoReturn:
    raise TypeError(
        "this dict is shared between lookups and cannot be changed; copy it first (dict(d))"
    )


class ReadOnlyDict(Dict[str, Any]):
    """A ``dict`` whose contents cannot be changed (see the module docs)."""

    __slots__ = ()

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def __reduce__(self) -> Tuple[Type[Dict[str, Any]], Tuple[Dict[str, Any]]]:
        # copy, deepcopy and pickle give a plain dict with the same items.
        return (dict, (dict(self),))

    def __copy__(self) -> Dict[str, Any]:
        return dict(self)

    def __deepcopy__(self, memo: Dict[int, Any]) -> Dict[str, Any]:
        import copy

        return {k: copy.deepcopy(v, memo) for k, v in self.items()}
