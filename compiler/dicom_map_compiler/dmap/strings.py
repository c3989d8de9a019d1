"""The interned string pool (section ``STRS``): every distinct string once, NUL-terminated.

A string that is the tail of a longer one (``Length`` in ``Group Length``) is not stored again: its
reference points into the longer string. Layout and references depend only on the set of strings,
never on the order they were added, so the output is reproducible.
"""

from __future__ import annotations


class StringPool:
    """Collects strings, then freezes into bytes and a string → reference map."""

    def __init__(self) -> None:
        self._strings: set[str] = set()
        self._refs: dict[str, int] | None = None
        self._bytes = b""

    def add(self, s: str) -> None:
        if self._refs is not None:
            raise RuntimeError("string pool already frozen")
        if "\x00" in s:
            raise ValueError(f"NUL inside a string: {s!r}")
        if s:
            self._strings.add(s)

    def freeze(self) -> bytes:
        """Lay the pool out; afterwards :meth:`ref` answers."""
        encoded = {s: s.encode("utf-8") for s in self._strings}
        # Sorted by reversed bytes, longest extension first: a tail follows the string it ends.
        by_tail = sorted(self._strings, key=lambda s: encoded[s][::-1], reverse=True)
        owner_of: dict[str, str] = {}
        prev: str | None = None
        for s in by_tail:
            if prev is not None and encoded[prev].endswith(encoded[s]):
                owner_of[s] = owner_of.get(prev, prev)
            prev = s
        owners = sorted((s for s in self._strings if s not in owner_of), key=lambda s: encoded[s])
        out = bytearray(b"\x00")
        refs: dict[str, int] = {"": 0}
        for s in owners:
            refs[s] = len(out)
            out += encoded[s] + b"\x00"
        for s, owner in owner_of.items():
            refs[s] = refs[owner] + len(encoded[owner]) - len(encoded[s])
        self._refs = refs
        self._bytes = bytes(out)
        return self._bytes

    def ref(self, s: str) -> int:
        if self._refs is None:
            raise RuntimeError("string pool not frozen yet")
        return self._refs[s]
