"""A lightweight DICOM header reader: every data element up to the pixel data, nothing else.

The census needs, for each element of a file, its tag, the VR the file wrote (explicit-VR files),
whether it sits in a sequence, and for private elements the creator that reserved its block. It
needs no values but the private creators' and the transfer syntax's, so this reader walks the
element headers with ``struct`` and slices, skipping every value, and never decodes anything
else. It is several times faster than ``pydicom.dcmread(stop_before_pixels=True)`` and reads the
file only up to the end of the header (the caller hands it a prefix and grows it on
:class:`NeedMore`).

What it reads:

- Part 10 files (the ``DICM`` prefix at offset 128), and files without the preamble whose first
  element is a group 0002 or 0008 element (old ACR-NEMA-style datasets, raw datasets written by
  some tools); everything else is :class:`NotDicom`.
- The file meta group (always explicit VR little endian; a meta group written implicitly is read
  too), then the dataset in its transfer syntax: implicit VR little endian, explicit VR little
  endian (every other syntax), explicit VR big endian, or deflated (inflated first).
- Sequences of defined and undefined length, items of both kinds, sequences in ``UN`` elements
  (undefined length, or a defined-length value that starts with an item) read as implicit VR
  little endian, as PS3.5 6.2.2 says; in implicit-VR datasets a defined-length element is a
  sequence when the dictionary says ``SQ`` or its value starts with an item.
- It stops at the top-level pixel data (``(7FE0,0010)``, float and double float pixel data), as
  ``stop_before_pixels`` does; pixel data nested in an item (icons) is stepped over.

Anything inconsistent (a length past the end of the file, a VR that is not two letters, an item
where none may be, nesting deeper than :data:`MAX_DEPTH`) raises :class:`DamagedFile` with the
offset: the caller counts the file as damaged and goes on.
"""

from __future__ import annotations

import struct
import zlib
from typing import Dict, List, Optional, Tuple

__all__ = [
    "DamagedFile",
    "Element",
    "Header",
    "NeedMore",
    "NotDicom",
    "read_header",
]

#: Sequences nested deeper than this are treated as damage (a hostile file cannot recurse forever).
MAX_DEPTH = 64

IMPLICIT_LE = "1.2.840.10008.1.2"
EXPLICIT_BE = "1.2.840.10008.1.2.2"
DEFLATED = ("1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.8.1")

_ITEM = 0xFFFEE000
_ITEM_END = 0xFFFEE00D
_SEQ_END = 0xFFFEE0DD
_UNDEFINED = 0xFFFFFFFF
_PIXELS = frozenset((0x7FE00010, 0x7FE00008, 0x7FE00009))
_ITEM_LE = b"\xfe\xff\x00\xe0"
_ITEM_BE = b"\xff\xfe\xe0\x00"

#: Explicit VRs with a 2-byte reserved field and a 4-byte length.
_LONG_VRS = frozenset(
    vr.encode()
    for vr in ("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV")
)
_SHORT_VRS = frozenset(
    vr.encode() for vr in ("AE AS AT CS DA DS DT FD FL IS LO LT PN SH SL SS ST TM UI UL US").split()
)
_VRS = _LONG_VRS | _SHORT_VRS

#: One element as the census sees it: (tag, VR as written or None in implicit VR, creator, depth).
#: ``creator`` is only set for private data elements ``(gggg,BBEE)``, ``BB`` >= 0x10: the text of
#: ``(gggg,00BB)`` in the same dataset (``""`` empty, ``None`` missing); for a private creator
#: element ``(gggg,00BB)`` it is the element's own value.
Element = Tuple[int, Optional[str], Optional[str], int]


class NotDicom(Exception):
    """Not a DICOM file: no ``DICM`` prefix and no plausible dataset at offset 0."""


class NeedMore(Exception):
    """The header continues past the bytes given: call again with more of the file."""


class DamagedFile(ValueError):
    """The file is DICOM but cannot be read to the end of its header; the message says where."""


class Header:
    """What :func:`read_header` found in one file."""

    __slots__ = ("elements", "explicit", "preamble", "syntax", "count", "end")

    def __init__(self) -> None:
        self.elements: List[Element] = []
        """The elements the census keeps (see :func:`read_header`), in file order per dataset
        (the private data elements of a dataset after its other elements)."""
        self.explicit = True
        """Whether the dataset is explicit VR (its VRs are the file's)."""
        self.preamble = True
        """Whether the file had the ``DICM`` prefix."""
        self.syntax = ""
        """The transfer syntax UID (``""`` without a file meta group)."""
        self.count = 0
        """Every data element read, at every depth, file meta included (items and delimiters
        are not elements)."""
        self.end = 0
        """Where reading stopped: the offset of the pixel data, or the end of the dataset."""


def _text(raw: bytes) -> str:
    return raw.decode("latin-1").strip(" \x00")


class _Reader:
    __slots__ = ("buf", "end", "complete", "header", "public")

    def __init__(self, buf: bytes, complete: bool, public: bool, header: Header) -> None:
        self.buf = buf
        self.end = len(buf)
        self.complete = complete
        self.header = header
        self.public = public

    def need(self, pos: int) -> None:
        """``pos`` is past the bytes held: ask for more, or the file is truncated."""
        if self.complete:
            raise DamagedFile(f"truncated: an element needs byte {pos}, the file has {self.end}")
        raise NeedMore(pos)

    def dataset(
        self, pos: int, stop: int, explicit: bool, little: bool, depth: int, top: bool
    ) -> int:
        """Read elements from ``pos`` to ``stop`` (an item's end; -1: up to an item delimiter or
        the end of the file). Returns the position after the dataset (after its delimiter)."""
        if depth > MAX_DEPTH:
            raise DamagedFile(f"sequences nested deeper than {MAX_DEPTH} at byte {pos}")
        buf = self.buf
        header = self.header
        kept = header.elements
        public = self.public
        unpack_tag = struct.Struct("<HH" if little else ">HH").unpack_from
        u16 = struct.Struct("<H" if little else ">H").unpack_from
        u32 = struct.Struct("<I" if little else ">I").unpack_from
        item_tag = _ITEM_LE if little else _ITEM_BE
        creators: Dict[int, str] = {}  # group << 8 | block -> the creator's text
        pending: List[Tuple[int, Optional[str], int]] = []
        limit = stop if stop >= 0 else self.end
        while pos < limit:
            if pos + 8 > self.end:
                self.need(pos + 8)
            group, element = unpack_tag(buf, pos)
            tag = group << 16 | element
            if group == 0xFFFE:
                if element == 0xE00D and stop < 0 and depth > 0:
                    pos += 8
                    break
                raise DamagedFile(f"unexpected item tag (FFFE,{element:04X}) at byte {pos}")
            if top and tag in _PIXELS:
                break
            vr: Optional[bytes] = None
            if explicit:
                vr = buf[pos + 4 : pos + 6]
                if vr in _LONG_VRS:
                    if pos + 12 > self.end:
                        self.need(pos + 12)
                    (length,) = u32(buf, pos + 8)
                    pos += 12
                elif vr in _SHORT_VRS:
                    (length,) = u16(buf, pos + 6)
                    pos += 8
                else:
                    raise DamagedFile(
                        f"invalid VR {vr!r} of ({group:04X},{element:04X}) at byte {pos}"
                    )
            else:
                (length,) = u32(buf, pos + 4)
                pos += 8
            header.count += 1
            start = pos
            # What the element is, for the census.
            vr_text = vr.decode() if vr is not None else None
            if group & 1:
                if group <= 0x0008 or group == 0xFFFF:
                    kept.append((tag, vr_text, None, depth))  # groups that may not be private
                elif 0x0010 <= element <= 0x00FF:
                    if length == _UNDEFINED:
                        raise DamagedFile(
                            f"private creator ({group:04X},{element:04X}) of undefined length"
                        )
                    if start + length > self.end:
                        self.need(start + length)
                    creator = _text(buf[start : start + length])
                    creators[group << 8 | element] = creator
                    kept.append((tag, vr_text, creator, depth))
                elif element >= 0x1000:
                    pending.append((tag, vr_text, depth))
                else:
                    kept.append((tag, vr_text, None, depth))
            elif public:
                kept.append((tag, vr_text, None, depth))
            # Step over the value, or into it when it holds items.
            if vr == b"SQ":
                pos = self.sequence(start, length, explicit, little, depth)
            elif length == _UNDEFINED:
                if vr is None or vr == b"UN":
                    if tag in _PIXELS:  # encapsulated pixel data in an item (an icon)
                        pos = self.fragments(start, little)
                    else:  # implicit VR or UN: a sequence, its items implicit VR little endian
                        pos = self.sequence(start, length, False, True, depth)
                elif vr in (b"OB", b"OW"):
                    pos = self.fragments(start, little)
                else:
                    raise DamagedFile(
                        f"({group:04X},{element:04X}) {vr_text} has undefined length at byte {start}"
                    )
            else:
                pos = start + length
                if length >= 8 and (vr is None or vr == b"UN") and tag not in _PIXELS:
                    if pos > self.end:
                        self.need(pos)
                    if buf[start : start + 4] == (item_tag if vr is None else _ITEM_LE):
                        # A sequence the dictionary would call SQ, or one written as UN: items
                        # are implicit VR, little endian for UN (PS3.5 6.2.2).
                        little_items = little if vr is None else True
                        pos = self.try_sequence(start, length, little_items, depth)
            if stop < 0 and pos > self.end:
                self.need(pos)
        else:
            if stop >= 0:
                if pos != stop:
                    raise DamagedFile(
                        f"an element runs past the end of its item (byte {pos} > {stop})"
                    )
            elif depth > 0 or not self.complete:
                self.need(pos + 8)  # more of the file, or an item with no delimiter
        for tag, vr_text, d in pending:
            group, element = tag >> 16, tag & 0xFFFF
            kept.append((tag, vr_text, creators.get(group << 8 | element >> 8), d))
        return pos

    def try_sequence(self, start: int, length: int, little: bool, depth: int) -> int:
        """A defined-length value that may hold items: read it as a sequence if it parses as one,
        else it is an opaque value (``UN`` or implicit VR)."""
        mark = len(self.header.elements), self.header.count
        try:
            return self.sequence(start, length, False, little, depth)
        except DamagedFile:
            del self.header.elements[mark[0] :]
            self.header.count = mark[1]
            return start + length

    def sequence(self, pos: int, length: int, explicit: bool, little: bool, depth: int) -> int:
        """Read the items of a sequence whose value starts at ``pos``; returns the position after
        it."""
        u32 = struct.Struct("<I" if little else ">I").unpack_from
        tags = struct.Struct("<HH" if little else ">HH").unpack_from
        stop = pos + length if length != _UNDEFINED else -1
        while stop < 0 or pos < stop:
            if pos + 8 > self.end:
                self.need(pos + 8)
            group, element = tags(self.buf, pos)
            (item_len,) = u32(self.buf, pos + 4)
            pos += 8
            if group == 0xFFFE and element == 0xE0DD and stop < 0:
                return pos
            if group != 0xFFFE or element != 0xE000:
                raise DamagedFile(
                    f"expected an item, found ({group:04X},{element:04X}) at byte {pos - 8}"
                )
            if item_len == _UNDEFINED:
                pos = self.dataset(pos, -1, explicit, little, depth + 1, False)
            else:
                if stop >= 0 and pos + item_len > stop:
                    raise DamagedFile(
                        f"an item runs past the end of its sequence at byte {pos - 8}"
                    )
                pos = self.dataset(pos, pos + item_len, explicit, little, depth + 1, False)
        if pos != stop:
            raise DamagedFile(f"a sequence's items overrun its length (byte {pos} > {stop})")
        return pos

    def fragments(self, pos: int, little: bool) -> int:
        """Step over encapsulated pixel data (items up to the sequence delimiter)."""
        u32 = struct.Struct("<I" if little else ">I").unpack_from
        tags = struct.Struct("<HH" if little else ">HH").unpack_from
        while True:
            if pos + 8 > self.end:
                self.need(pos + 8)
            group, element = tags(self.buf, pos)
            (length,) = u32(self.buf, pos + 4)
            pos += 8
            if (group, element) == (0xFFFE, 0xE0DD):
                return pos
            if (group, element) != (0xFFFE, 0xE000) or length == _UNDEFINED:
                raise DamagedFile(f"bad fragment of encapsulated pixel data at byte {pos - 8}")
            pos += length


def _plausible_start(buf: bytes, pos: int) -> Optional[bool]:
    """Whether a dataset (or meta group) starts at ``pos``: a group 0002 or 0008 element, little
    endian (explicit or implicit VR; returns True) or explicit VR big endian (returns False);
    ``None`` when neither."""
    if len(buf) < pos + 8:
        return None
    explicit = buf[pos + 4 : pos + 6] in _VRS
    for little, fmt in ((True, "<HHI"), (False, ">HH")):
        group, element = struct.unpack_from(fmt[:3], buf, pos)
        if group not in (0x0002, 0x0008) or element > 0x1000:
            continue
        if explicit:
            return little
        if little:
            (length,) = struct.unpack_from("<I", buf, pos + 4)
            if length < 0x10000 or length == _UNDEFINED:
                return True
    return None


def _explicit_at(buf: bytes, pos: int) -> bool:
    return buf[pos + 4 : pos + 6] in _VRS


def read_header(
    buf: bytes,
    *,
    complete: bool,
    public: bool = False,
) -> Header:
    """Read the header of a DICOM file whose first bytes are ``buf``.

    ``complete`` says whether ``buf`` is the whole file (else :class:`NeedMore` asks for more).
    The returned :attr:`Header.elements` hold every element of an odd group above 0008 (private
    creators, private data elements, and the reserved elements of private groups) and, with
    ``public``, every element of an even group too, file meta included.


    Raises :class:`NotDicom`, :class:`DamagedFile` or :class:`NeedMore`.
    """
    header = Header()
    little = True
    if len(buf) >= 132 and buf[128:132] == b"DICM":
        pos = 132
    elif _plausible_start(buf, 0) is not None:
        pos = 0
        header.preamble = False
        little = bool(_plausible_start(buf, 0))
    elif not complete and len(buf) < 132:
        raise NeedMore(132)
    else:
        raise NotDicom("no DICM prefix at byte 128 and no DICOM dataset at byte 0")
    reader = _Reader(buf, complete, public, header)
    # The file meta group: explicit VR little endian (a few writers use implicit VR).
    while True:
        if pos + 8 > len(buf):
            if complete:
                break
            reader.need(pos + 8)
        group, element = struct.unpack_from("<HH", buf, pos)
        if group != 0x0002:
            break
        vr: Optional[bytes] = buf[pos + 4 : pos + 6]
        if vr in _LONG_VRS:
            if pos + 12 > len(buf):
                reader.need(pos + 12)
            length, size = struct.unpack_from("<I", buf, pos + 8)[0], 12
        elif vr in _SHORT_VRS:
            length, size = struct.unpack_from("<H", buf, pos + 6)[0], 8
        else:
            vr = None
            length, size = struct.unpack_from("<I", buf, pos + 4)[0], 8
        if length == _UNDEFINED:
            raise DamagedFile(f"file meta element (0002,{element:04X}) of undefined length")
        if pos + size + length > len(buf):
            reader.need(pos + size + length)
        if element == 0x0010:
            header.syntax = _text(buf[pos + size : pos + size + length])
        header.count += 1
        if public:
            header.elements.append((0x00020000 | element, vr.decode() if vr else None, None, 0))
        pos += size + length
    syntax = header.syntax
    if syntax:
        little = syntax != EXPLICIT_BE
    if syntax in DEFLATED:
        if not complete:
            raise NeedMore(-1)  # the whole file, to inflate it
        try:
            body = zlib.decompressobj(-zlib.MAX_WBITS).decompress(buf[pos:])
        except zlib.error as exc:
            raise DamagedFile(f"deflated dataset does not inflate: {exc}") from exc
        reader = _Reader(body, True, public, header)
        pos = 0
    if pos + 8 <= reader.end:
        # Trust the bytes over the label, as pydicom does: two VR letters where an implicit-VR
        # length would be (a first element of 16,000+ bytes) mean explicit VR, and none, implicit.
        explicit = _explicit_at(reader.buf, pos)
    else:
        explicit = syntax != "" and syntax != IMPLICIT_LE
    header.explicit = explicit
    header.end = reader.dataset(pos, -1, explicit, little, 0, True)
    return header
