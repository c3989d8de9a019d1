"""Write a merge result as ``.dmap`` v1 bytes.

Everything is packed with explicit little-endian ``struct`` formats at the offsets the specification
gives, and every table is sorted by a total order, so the same merge result always gives the same
bytes, on any host.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from .. import vr
from ..merge import Candidate, Entry, MergeResult, Provenance
from ..normalise import PrivateKey, PublicKey, RepeaterKey
from . import layout as L
from .strings import StringPool


@dataclass(frozen=True)
class SourceRecord:
    """One row of ``SRCS``."""

    id: str
    title: str
    version: str
    url: str
    license: str
    weight: int
    copy: bool


@dataclass(frozen=True)
class Synthetic:
    """A keyless entry of ``SYNT`` (group length, private creator)."""

    name: str
    keyword: str
    vrs: frozenset[str]
    vm: str
    retired: bool
    provenance: tuple[Provenance, ...]


class WriteError(ValueError):
    """The merge result cannot be represented in a v1 file (too many creators, a bad page ...)."""


def _popcount(x: int) -> int:
    return bin(x).count("1")


def _public(e: Entry) -> PublicKey:
    assert isinstance(e.key, PublicKey)
    return e.key


def _repeater(e: Entry) -> RepeaterKey:
    assert isinstance(e.key, RepeaterKey)
    return e.key


def _private(e: Entry) -> PrivateKey:
    assert isinstance(e.key, PrivateKey)
    return e.key


class _Tables:
    """Interning of types and provenance sets into their tables."""

    def __init__(self, pool: StringPool, source_index: dict[str, int]):
        self.pool = pool
        self.source_index = source_index
        self.types: dict[tuple[int, str], int] = {}
        self.provs: dict[tuple[Provenance, ...], int] = {}

    def type_id(self, vrs: frozenset[str], vm: str) -> int:
        key = (vr.vr_bits(vrs or frozenset({"UN"})), vm)
        if key not in self.types:
            self.types[key] = len(self.types)
            self.pool.add(vm)
        return self.types[key]

    def prov_id(self, prov: tuple[Provenance, ...]) -> int:
        if not prov:
            raise WriteError("an entry without any source")
        if prov not in self.provs:
            self.provs[prov] = len(self.provs)
            for p in prov:
                if p.source not in self.source_index:
                    raise WriteError(f"provenance names unknown source {p.source!r}")
                if not 0 <= p.page <= 0xFFFF:
                    raise WriteError(f"page {p.page} out of range")
                self.pool.add(p.document)
            self.pool.add(_summary(prov))
        return self.provs[prov]


def _stored_keyword(e: Entry) -> str:
    """The keyword as stored: empty when generated (readers derive it, see ``keywords.derive``)."""
    return "" if e.keyword_generated else e.keyword


def _summary(prov: tuple[Provenance, ...]) -> str:
    seen: list[str] = []
    for p in prov:
        if p.source not in seen:
            seen.append(p.source)
    return ";".join(seen)


def write(
    result: MergeResult,
    sources: list[SourceRecord],
    synthetic: list[Synthetic],
    meta: dict[str, str],
    edition: str,
) -> bytes:
    """The ``.dmap`` bytes of a merge result."""
    if len(synthetic) != 2:
        raise WriteError("SYNT needs exactly 2 entries: group length, private creator")
    ed = edition.encode("ascii")
    if len(ed) > 8:
        raise WriteError(f"edition {edition!r} longer than 8 bytes")
    if len(result.creators) > 0xFFFF:
        raise WriteError(f"{len(result.creators)} creators: at most 65535")

    pool = StringPool()
    source_index = {s.id: i for i, s in enumerate(sources)}
    tables = _Tables(pool, source_index)

    creator_id = {c.folded: i for i, c in enumerate(result.creators)}
    public = sorted(
        (e for e in result.entries if isinstance(e.key, PublicKey)), key=lambda e: _public(e).tag
    )
    repeaters = sorted(
        (e for e in result.entries if isinstance(e.key, RepeaterKey)),
        key=lambda e: (-_popcount(_repeater(e).mask), _repeater(e).value, _repeater(e).mask),
    )
    private = [(e, e.key) for e in result.entries if isinstance(e.key, PrivateKey)]
    priv = [
        e
        for e, k in sorted(
            ((e, k) for e, k in private if k.group_mask == 0xFFFF),
            key=lambda ek: (ek[1].group, creator_id[ek[1].creator], ek[1].element, ek[1].block),
        )
    ]
    prpt = [
        e
        for e, k in sorted(
            ((e, k) for e, k in private if k.group_mask != 0xFFFF),
            key=lambda ek: (
                creator_id[ek[1].creator],
                ek[1].element,
                ek[1].block,
                ek[1].group,
                ek[1].group_mask,
            ),
        )
    ]
    ordered = public + repeaters + priv + prpt

    # Collect strings and intern tables in a fixed order.
    for e in ordered:
        for s in (e.name, _stored_keyword(e), e.description):
            pool.add(s)
        tables.type_id(e.vrs, e.vm)
        tables.prov_id(e.provenance)
    for syn in synthetic:
        pool.add(syn.name)
        pool.add(syn.keyword)
        tables.type_id(syn.vrs, syn.vm)
        tables.prov_id(syn.provenance)
    cand_rows: list[tuple[int, Candidate]] = []
    for i, e in enumerate(ordered):
        if e.conflict:
            for c in e.candidates:
                tables.type_id(c.vrs, c.vm)
                tables.prov_id(c.provenance)
                cand_rows.append((i, c))
    for cr in result.creators:
        for text in (cr.canonical, cr.vendor, cr.folded, *cr.aliases):
            pool.add(text)
    for src in sources:
        for f in (src.id, src.title, src.version, src.url, src.license):
            pool.add(f)
    for k, v in meta.items():
        pool.add(k)
        pool.add(v)
    strs = pool.freeze()
    ref = pool.ref

    def payload(name: str, keyword: str, prov: int, type_id: int, flags: int) -> bytes:
        return struct.pack("<IIIHH", ref(name), ref(keyword), prov, type_id, flags)

    def entry_payload(e: Entry) -> bytes:
        flags = (
            (L.FLAG_RETIRED if e.retired else 0)
            | (L.FLAG_CONFLICT if e.conflict else 0)
            | (L.FLAG_KEYWORD_GENERATED if e.keyword_generated else 0)
            | (L.FLAG_NO_REAL_NAME if e.no_real_name else 0)
            | (L.FLAG_KEYWORD_SUFFIXED if e.keyword_generated and e.keyword_suffixed else 0)
            | (L.FLAG_HAS_DESCRIPTION if e.description else 0)
            | (max(0, min(100, e.confidence)) << L.CONFIDENCE_SHIFT)
        )
        return payload(
            e.name,
            _stored_keyword(e),
            tables.prov_id(e.provenance),
            tables.type_id(e.vrs, e.vm),
            flags,
        )

    def private_key(e: Entry) -> bytes:
        k = _private(e)
        return struct.pack(
            "<HHHBB", k.group, k.group_mask, creator_id[k.creator], k.element, k.block
        )

    sections: dict[bytes, bytes] = {}
    sections[b"PUBL"] = b"".join(
        struct.pack("<I", _public(e).tag) + entry_payload(e) for e in public
    )
    sections[b"RPTR"] = b"".join(
        struct.pack("<II", _repeater(e).mask, _repeater(e).value) + entry_payload(e)
        for e in repeaters
    )
    sections[b"PRIV"] = b"".join(private_key(e) + entry_payload(e) for e in priv)
    sections[b"PRPT"] = b"".join(private_key(e) + entry_payload(e) for e in prpt)
    sections[b"SYNT"] = b"".join(
        payload(
            s.name,
            s.keyword,
            tables.prov_id(s.provenance),
            tables.type_id(s.vrs, s.vm),
            (L.FLAG_RETIRED if s.retired else 0) | (100 << L.CONFIDENCE_SHIFT),
        )
        for s in synthetic
    )
    sections[b"CAND"] = b"".join(
        struct.pack(
            "<IIHH",
            i,
            tables.prov_id(c.provenance),
            tables.type_id(c.vrs, c.vm),
            L.CAND_FLAG_CHOSEN if c.chosen else 0,
        )
        for i, c in sorted(cand_rows, key=lambda ic: (ic[0], tables.type_id(ic[1].vrs, ic[1].vm)))
    )
    kw = sorted((e.keyword.encode(), i) for i, e in enumerate(ordered) if _stored_keyword(e))
    sections[b"KWIX"] = b"".join(struct.pack("<I", i) for _, i in kw)
    sections[b"DESC"] = b"".join(
        struct.pack("<II", i, ref(e.description)) for i, e in enumerate(ordered) if e.description
    )

    sections[b"CRTR"] = b"".join(
        struct.pack("<II", ref(c.canonical), ref(c.vendor)) for c in result.creators
    )
    spell = sorted(
        (s.encode(), i) for i, c in enumerate(result.creators) for s in (c.canonical, *c.aliases)
    )
    if len({s for s, _ in spell}) != len(spell):
        raise WriteError("one creator spelling belongs to two creators")
    sections[b"CSPL"] = b"".join(struct.pack("<II", ref(s.decode()), i) for s, i in spell)
    fold = sorted((c.folded.encode(), i) for i, c in enumerate(result.creators))
    sections[b"CFLD"] = b"".join(struct.pack("<II", ref(f.decode()), i) for f, i in fold)

    types = sorted(tables.types.items(), key=lambda kv: kv[1])
    sections[b"TYPE"] = b"".join(struct.pack("<QII", bits, ref(vm), 0) for (bits, vm), _ in types)
    provs = sorted(tables.provs.items(), key=lambda kv: kv[1])
    prov_bytes, item_bytes, n_items = bytearray(), bytearray(), 0
    for prov, _ in provs:
        prov_bytes += struct.pack("<III", n_items, len(prov), ref(_summary(prov)))
        for p in prov:
            item_bytes += struct.pack("<HHI", source_index[p.source], p.page, ref(p.document))
        n_items += len(prov)
    sections[b"PROV"] = bytes(prov_bytes)
    sections[b"PITM"] = bytes(item_bytes)
    sections[b"SRCS"] = b"".join(
        struct.pack(
            "<IIIIIHH",
            ref(s.id),
            ref(s.title),
            ref(s.version),
            ref(s.url),
            ref(s.license),
            s.weight,
            L.SOURCE_FLAG_COPY if s.copy else 0,
        )
        for s in sources
    )
    sections[b"META"] = b"".join(
        struct.pack("<II", ref(k), ref(v))
        for k, v in sorted(meta.items(), key=lambda kv: kv[0].encode())
    )
    sections[b"STRS"] = strs

    return _assemble(
        sections,
        counts=(len(public), len(repeaters), len(priv) + len(prpt), len(result.creators)),
        flags=L.FILE_FLAG_HAS_PRIVATE if private else 0,
        edition=ed,
    )


def _assemble(
    sections: dict[bytes, bytes], counts: tuple[int, int, int, int], flags: int, edition: bytes
) -> bytes:
    ids = L.SECTION_ORDER
    table_end = L.HEADER_LEN + L.SECTION_ENTRY_LEN * len(ids)
    offset = -(-table_end // L.ALIGN) * L.ALIGN
    table = bytearray()
    body = bytearray(offset - L.HEADER_LEN)  # table placeholder + padding, filled below
    placed = []
    for sid in ids:
        data = sections[sid]
        size = L.RECORD_SIZES[sid]
        if len(data) % size:
            raise WriteError(f"section {sid.decode()} length {len(data)} not a multiple of {size}")
        placed.append((sid, size, offset, len(data)))
        body += data
        offset += len(data)
        pad = -offset % L.ALIGN
        body += bytes(pad)
        offset += pad
    for sid, size, off, length in placed:
        table += struct.pack("<4sIQQ", sid, size, off, length)
    body[0 : len(table)] = table
    file_len = L.HEADER_LEN + len(body)
    head = struct.pack(
        "<8sIIIIQIIIII8s",
        L.MAGIC,
        L.ENDIAN,
        L.VERSION,
        flags,
        len(ids),
        file_len,
        zlib.crc32(body) & 0xFFFFFFFF,
        *counts,
        edition.ljust(8, b"\x00"),
    )
    assert len(head) == 60
    head += struct.pack("<I", zlib.crc32(head) & 0xFFFFFFFF)
    return head + bytes(body)
