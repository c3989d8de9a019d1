"""The compiled module ``dicom_map._native`` (Rust, PyO3). Import from ``dicom_map`` instead.

Checked against the built module by ``python -m mypy.stubtest dicom_map`` (``make test-python``).
"""

import os
import sys
from types import TracebackType
from typing import AbstractSet, Any, Iterable, Iterator, List, Optional, Tuple, Type, Union, final

from dicom_map._types import CreatorDict, EntryDict, InfoDict

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

__all__ = ["Dict", "EntryIter", "FormatError", "FORMAT_VERSION", "__version__"]

__version__: str
FORMAT_VERSION: int
"""The ``.dmap`` format version this reader reads (and refuses newer ones)."""

class FormatError(ValueError):
    """The file is not a valid ``.dmap`` dictionary (truncated, damaged, another format or a newer
    version). The message names the file and says what is wrong."""

@final
class Dict:
    """A DICOM data dictionary read from a ``.dmap`` file.

    ``Dict()`` is the dictionary bundled in the package; ``Dict(path)`` reads a file into memory
    and, unless ``verify=False``, checks all of it (checksums, every reference). Raises
    ``FileNotFoundError`` (or another ``OSError``) when the file cannot be read, at once for a
    FIFO, socket, device or directory, and for a file over 64 MiB (``errno.EFBIG``), and
    :class:`FormatError` when it is not a valid ``.dmap`` file.

    ``Dict(path, mmap=True)`` memory-maps the file instead of copying it. Only do this for a file
    that is never truncated while open (replace it by renaming a new file over it): if another
    process truncates a mapped file, the next lookup kills the whole Python process with
    ``SIGBUS`` (exit status 135), which no ``try`` can catch. Files on network shares or in
    folders a sync tool manages should be opened without ``mmap``.

    Tags are two ``int`` arguments, ``group`` and ``element``, each 0 to 0xFFFF (``ValueError``
    otherwise; ``TypeError`` for a ``bool`` or a non-integer). A private element is looked up with
    its ``creator``, the value of the ``(gggg,00BB)`` element that reserved its block: pass the
    element as found in the file (``0x100C``) or as the low byte (``0x0C``).

    One ``Dict`` can be shared between threads. It is a context manager: leaving the ``with``
    block (or ``close()``) releases the bytes (or the mapping), after which every method raises
    ``ValueError("dictionary is closed")``. It pickles by path (the bundled one as ``Dict()``).
    """

    def __new__(
        cls,
        path: Union[str, "os.PathLike[str]", None] = None,
        *,
        verify: bool = True,
        mmap: bool = False,
    ) -> Self: ...
    @property
    def path(self) -> Optional[str]:
        """The absolute path of the file; ``None`` for the bundled dictionary."""
    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
    @property
    def edition(self) -> str:
        """The PS3.6 edition the dictionary was built from (e.g. ``2025b``)."""
    def lookup(
        self, group: int, element: int, creator: Optional[str] = None
    ) -> Optional[EntryDict]:
        """Everything the dictionary knows about ``(group, element)``, or ``None``.

        The dict is new on every call, so a caller may change it; what it shares with other
        calls for the same entry cannot be changed: ``sources``, ``vendors``, ``candidates`` and
        ``vrs`` are tuples, and the source and candidate dicts in them are read-only
        (``dicom_map._readonly.ReadOnlyDict``: a ``dict`` that refuses changes;
        ``copy.deepcopy`` gives editable ones). ``tag`` is ``(GGGG,EEEE)`` as asked, except for a
        private entry asked for by its low byte (``0x0C``), where it is the pattern
        ``(0019,xx0C)``. An exception raised by an argument's ``__index__`` propagates as is.

        The rules, first match wins: the public tag; in a private group (odd, above 0x0008, not
        0xFFFF) the group length ``(gggg,0000)``, then, with a ``creator``, that creator's entry
        (the creator normalised by stripping spaces and NULs, matched exactly, else ignoring case
        and whitespace; a block-specific entry before the any-block one before a repeating-group
        one), then ``(gggg,0010-00FF)`` as a private creator element (``LO``), while elements
        0001-000F and 0100-0FFF match nothing; then repeating groups (``(60xx,3000)``, ...); then
        the group length of any group.

        So a private data element without its creator (``lookup(0x0019, 0x100C)``,
        ``lookup(0x0019, 0x0C)``) gives ``None``: :meth:`creators_for` lists the creators to try.
        """
    def vr(self, group: int, element: int, creator: Optional[str] = None) -> Optional[str]:
        """The VR(s) of the entry :meth:`lookup` finds (``CS``, ``US or SS``), or ``None``,
        without building the entry dict."""
    def keyword(self, group: int, element: int, creator: Optional[str] = None) -> Optional[str]:
        """The keyword of the entry :meth:`lookup` finds, or ``None``, without building the
        entry dict."""
    def lookup_text(self, text: str, creator: Optional[str] = None) -> Optional[EntryDict]:
        """Look up a tag written as text (``(0019,100C)``, ``0019 xx0C``, ``00080005``,
        ``0x8,0x5``) or a keyword, by the rules of :meth:`lookup`. ``ValueError`` for text that is
        neither."""
    def lookup_keyword(self, keyword: str, creator: Optional[str] = None) -> Optional[EntryDict]:
        """The entry with exactly this keyword (with a ``creator``: among that creator's)."""
    def lookup_many(
        self, queries: Iterable[Tuple[int, int, Optional[str]]]
    ) -> List[Optional[EntryDict]]:
        """:meth:`lookup` for many ``(group, element, creator)`` queries: one result per query, in
        order. The dictionary is searched without holding the interpreter lock, so other Python
        threads run meanwhile (``explain`` uses it for all the elements of a file)."""
    def creators_for(self, group: int, element: int) -> List[str]:
        """The creators (canonical names) under which the private element ``(group, element)``
        (as found in a file, e.g. ``0x1010``, or its low byte ``0x0C``; ``0x0010`` to ``0x00FF``
        are the creator elements, so give ``0x1010`` for ``xx10``) has an entry: what to offer
        when the creator is missing or anonymised. Empty for a public or reserved group."""
    def _pydicom_public_rows(
        self, public: dict[int, Any], repeaters: dict[str, Any]
    ) -> List[Tuple[str, Any, Tuple[str, str, str, str, str]]]:
        """For ``patch_pydicom``: the public and repeater entries whose pydicom entry differs
        from ``public`` / ``repeaters``, as ``("public", tag, entry)`` / ``("repeater", key,
        entry)``."""
    def _pydicom_patch_private(
        self,
        private: dict[str, dict[str, Any]],
        undo: List[Tuple[Any, Any, Any]],
        missing: object,
        placeholders: AbstractSet[str],
        overwrite: bool,
    ) -> int:
        """For ``patch_pydicom``: writes the private entries into pydicom's
        ``private_dictionaries``, logging each write to ``undo``; the number written."""
    def tag_for_keyword(self, keyword: str) -> Optional[int]:
        """``group << 16 | element`` of the entry with exactly this keyword, public entries
        first; a repeating-group entry gives its pattern's value (``OverlayData`` ->
        ``0x60003000``), a private one ``0xgggg00EE`` or ``0xggggBBEE``. Answers are remembered
        per dictionary (up to 65,536 keywords), so asking again is one dict probe."""
    def search(self, text: str, limit: Optional[int] = None) -> List[EntryDict]:
        """Entries whose name or keyword contains ``text``, ignoring case, best match first: the
        name or keyword is the text (``b value`` is ``BValue``), then the text is a whole phrase
        of the name, then whole words of the keyword, then any substring; file order within
        each. The scan runs without holding the interpreter lock."""
    def creators(self) -> List[CreatorDict]:
        """Every private creator, with its vendor and spellings."""
    def creator(self, name: str) -> List[CreatorDict]:
        """The creators ``name`` resolves to (exact spelling, else folded); empty if unknown."""
    def entries_for_creator(self, creator: str) -> List[EntryDict]:
        """Every entry of the creator(s) ``creator`` resolves to."""
    def info(self) -> InfoDict:
        """Counts, edition, metadata, sources and path."""
    def verify(self) -> None:
        """Check all of the file again (checksums, every reference, sort orders);
        :class:`FormatError` if anything is wrong."""
    def close(self) -> None:
        """Release the mapping. Calls in flight in other threads finish first; later calls raise
        ``ValueError``. Closing twice is harmless."""
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc_value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> bool: ...
    def __len__(self) -> int:
        """The number of entries (public, repeating-group and private)."""
    def __iter__(self) -> "EntryIter":
        """Every entry, as entry dicts, in file order."""
    def __reduce__(self) -> Tuple[Type["Dict"], Tuple[Optional[str]]]: ...

@final
class EntryIter(Iterator[EntryDict]):
    """Iterator over the entries of a :class:`Dict` (raises ``ValueError`` once it is closed)."""

    def __iter__(self) -> Self: ...
    def __next__(self) -> EntryDict: ...
    def __length_hint__(self) -> int: ...
