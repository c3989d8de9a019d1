"""malaterre's dicom-private-dicts: private-tag tables extracted from vendor conformance statements.

Layout (``dicom-private-dicts/``): one folder per vendor (``agfa fuji gems hitachi other pms siemens
toshiba``) and ``legacy/<vendor>/`` for older documents. A folder holds ``lists.txt`` (the PDFs'
URLs), ``lists.md5`` (``md5  folder/name.pdf``) and one XML per table extracted from a PDF
(``<PDF name>_<n>.xml``; older files are one XML per PDF, ``<PDF name>.xml``).

What is read, and what is not (to count every table once):

* **read**: every per-PDF XML in the vendor and ``legacy/`` folders;
* **not read**: the top-level ``agfa.xml`` ... ``toshiba.xml``: each is a merge of its folder's
  per-PDF files, already normalised by the author's scripts (``1001`` → ``xx01``, ``OB/US`` → ``UN``,
  duplicate rows) and without the PDF of each row; every key in them is in the per-PDF files of
  their folder (checked: 0 keys missing). ``priv.xml`` is the union of those merges and
  ``private.xml`` a subset of it; ``legacy/private.xml`` a GDCM-style merge of ``legacy/``;
  ``empty.xml`` and ``index.xml`` files hold no rows;
* **not read here**: the XML conversions of vendor dictionaries (``pms/PMS-R32-dict.xml``,
  ``gems/DICT_DAT.xml``, ``legacy/gems/DICT.DAT.xml``, ``siemens/diction.xml``,
  ``legacy/siemens/diction.xml``, ``siemens/syngo_fV.xml``): the dictionaries themselves are read
  in their own formats by :mod:`.vendor_dicts` under their own source ids;
* **not read**: ``legacy/other/d3t.xml``, a 2006 dump of dicom3tools' dictionary (a copy of the
  ``dicom3tools`` source, read from its current templates; only 6 ``ELSCINT1`` keys of the dump are
  gone from them) — :data:`COPIES`;
* **byte-identical copies**: 20 files of ``legacy/`` are identical to a file of the vendor folder,
  and one table of the Ventri PDF was written twice (``_4`` and ``_16``); each content is read
  once, the vendor-folder copy first (:func:`plan` lists the others in ``duplicates``).

The ``document`` of a row is the URL of its PDF: the ``url`` attribute of ``<dicts>`` when present,
else the URL in the folder's ``lists.txt`` whose file name matches the XML's (``_<n>`` table suffix
removed, URL-decoded, case-insensitive; ``lists.md5`` pairs a renamed PDF with its URL by line
order), else the ``wget`` URL in the file's leading comment; failing all three, the XML's own path
(with a note). The PDF's md5 from ``lists.md5`` is noted when known. ``<dict ref= name=>`` (the
table of the PDF) is noted too.

Entries: ``<entry group= element= vr= vm= name= [owner=]>``, the owner inherited from the nearest
``<dict owner=...>`` when the entry has none. Also seen: ``VR=`` for ``vr=``, ``desc=``,
``retired="true"``, child ``<description>``/``<definition>`` text (→ ``description``).

Elements, translated to the canonical spelling of ``rows.py``:

* ``EE`` (two digits), ``xxEE``, ``XXEE`` → ``xxEE``; ``yyEE``, ``YYEE``, ``zzEE``, ``ZZEE`` (other
  letters for the block) → ``xxEE`` with a note;
* ``00xx`` (and ``00yy``, ``00YY``, ``00ZZ``, ``00zz``, ``00XX``): the creator reservation →
  ``00xx``; ``10xx``: as written. ``normalise`` rejects both;
* ``00EE``: ambiguous in this collection. Tables copied from a PDF write the reservation row
  ``(gggg,0010) Private Creator``; files written by hand in GDCM's convention use ``00EE`` for the
  block offset (``other/ims.xml``, ``legacy/other/spi.xml``...). So ``00EE`` stays as written (a
  reservation row, rejected later) when its name mentions a creator, owner, reservation or
  identification code, and otherwise becomes ``xxEE`` with a note;
* ``BBEE`` (``BB`` ≥ ``10``), as a PDF shows the element in the block the vendor's files use: when
  the creator's full elements in that group (in that file) all use one block, the block is just where
  the creator's one block landed: ``xxEE``, with a note; when they use several blocks (Philips'
  ``PHILIPS MR/PART`` style), the blocks mean different things: ``BBEE`` as written, with a note.

Files that are not XML at all (raw text pasted from a PDF) or are cut short: the complete entries
before the break are salvaged as rows (with a note) and the file gets an :class:`Unreadable` saying
why; a raw-text file gives one :class:`Unreadable` per line that shows a tag.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from ..rows import RawRow, Unreadable
from ._common import Node, hex_spelling, parse_xml, read_text, salvage_entries

SOURCE_ID = "dicom-private-dicts"
SUBDIR = "dicom-private-dicts"
VENDORS = ("agfa", "fuji", "gems", "hitachi", "other", "pms", "siemens", "toshiba")
AGGREGATES = tuple(f"{v}.xml" for v in VENDORS) + (
    "priv.xml",
    "private.xml",
    "empty.xml",
    "legacy/private.xml",
    "legacy/index.xml",
)
#: Files that are copies of another source read in its own right.
COPIES = {
    # a 2006 dump of dicom3tools' dictionary (Clunie's licence header): 5,674 keys, all but 6
    # (ELSCINT1) in the current dicom3tools templates, which the dicom3tools adapter reads
    "legacy/other/d3t.xml": "dicom3tools",
}
VENDOR_DICT_CONVERSIONS = (
    "pms/PMS-R32-dict.xml",
    "gems/DICT_DAT.xml",
    "legacy/gems/DICT.DAT.xml",
    "siemens/diction.xml",
    "legacy/siemens/diction.xml",
    "siemens/syngo_fV.xml",
)

SOURCE: dict[str, Any] = {
    "id": SOURCE_ID,
    "title": "dicom-private-dicts: private tags extracted from vendor conformance statements",
    "url": "https://github.com/malaterre/dicom-private-dicts",
    "commit": "1833fe7683b79e4e2648a199f573c9d1057683e8",
    "version": "1833fe7683b79e4e2648a199f573c9d1057683e8",
    "license": "BSD-3-Clause (Mathieu Malaterre)",
    # Filled by files(): every per-PDF XML read plus the lists; static part here.
    "files": [f"{SUBDIR}/LICENSE"],
    "kind": "documents",
}

_CREATORISH = re.compile(r"creator|owner|reserv|identification code|private code", re.I)
_HEX2 = re.compile(r"^[0-9A-Fa-f]{2}$")
_HEX4 = re.compile(r"^[0-9A-Fa-f]{4}$")
_LETTERS_EE = re.compile(r"^([xXyYzZ])\1([0-9A-Fa-f]{2})$")
_RESERVATION = re.compile(r"^([0-9A-Fa-f]{2})([xXyYzZ])\2$")
_WGET_URL = re.compile(r"https?://\S+?\.pdf", re.I)
_TAG_IN_TEXT = re.compile(r"[(<]\s*[0-9A-Fa-f]{4}\s*,\s*[0-9A-Fa-fxX]{2,4}\s*[)>]")


@dataclass(frozen=True)
class Plan:
    """Which XML files are read, and which are skipped as copies."""

    read: tuple[str, ...]
    duplicates: dict[str, str]  # skipped legacy path -> the identical path that is read


def plan(base: Path) -> Plan:
    """Choose the per-PDF XML files under ``base`` (the ``dicom-private-dicts`` folder)."""
    candidates = []
    for folder in [*VENDORS, *(f"legacy/{v}" for v in VENDORS)]:
        d = base / folder
        if not d.is_dir():
            continue
        for p in sorted(d.glob("*.xml")):
            rel = p.relative_to(base).as_posix()
            if (
                p.name == "index.xml"
                or rel in AGGREGATES
                or rel in VENDOR_DICT_CONVERSIONS
                or rel in COPIES
            ):
                continue
            candidates.append(rel)
    if not candidates:
        raise FileNotFoundError(f"no per-PDF XML files under {base}")
    by_hash: dict[str, str] = {}
    duplicates: dict[str, str] = {}
    read = []
    # vendor folders first, so that an identical legacy copy is the one skipped
    for rel in sorted(candidates, key=lambda r: (r.startswith("legacy/"), r)):
        digest = hashlib.sha256((base / rel).read_bytes()).hexdigest()
        if digest in by_hash:
            duplicates[rel] = by_hash[digest]
            continue
        by_hash[digest] = rel
        read.append(rel)
    return Plan(tuple(read), duplicates)


def _stem(name: str) -> str:
    return unquote(name).lower().removesuffix(".pdf").removesuffix(".xml")


@dataclass
class _Pdf:
    url: str
    md5: str = ""


def _pdf_index(base: Path) -> dict[str, dict[str, _Pdf]]:
    """Per folder: PDF stem (lower-case, URL-decoded) → URL and md5."""
    out: dict[str, dict[str, _Pdf]] = {}
    for lists in sorted(base.glob("**/lists.txt")):
        folder = lists.parent.relative_to(base).as_posix()
        urls = [u.strip() for u in read_text(lists).splitlines() if u.strip()]
        md5_path = lists.parent / "lists.md5"
        md5s: list[tuple[str, str]] = []
        if md5_path.is_file():
            for line in read_text(md5_path).splitlines():
                parts = line.strip().split(None, 1)
                if len(parts) == 2:
                    md5s.append((parts[0], parts[1].strip().lstrip("*")))
        index: dict[str, _Pdf] = {}
        for url in urls:
            index.setdefault(_stem(urlsplit(url).path.rsplit("/", 1)[-1]), _Pdf(url))
        if len(md5s) == len(urls):
            for (md5, path), url in zip(md5s, urls):
                index.setdefault(_stem(path.rsplit("/", 1)[-1]), _Pdf(url)).md5 = md5
        else:
            for md5, path in md5s:
                pdf = index.get(_stem(path.rsplit("/", 1)[-1]))
                if pdf:
                    pdf.md5 = md5
        out[folder] = index
    return out


def _document(
    rel: str, text: str, root_url: str | None, pdfs: dict[str, dict[str, _Pdf]]
) -> tuple[str, tuple[str, ...]]:
    folder, name = rel.rsplit("/", 1)
    stem = _stem(name)
    pdf = None
    # its own folder first, then the same vendor's other folder (legacy/X <-> X), then any
    twin = folder.removeprefix("legacy/") if folder.startswith("legacy/") else f"legacy/{folder}"
    for f in [folder, twin, *sorted(pdfs)]:
        index = pdfs.get(f, {})
        pdf = index.get(stem) or index.get(re.sub(r"_[0-9]+$", "", stem))
        if pdf:
            break
    if root_url:
        md5 = pdf.md5 if pdf and pdf.url == root_url else ""
        return root_url, ((f"pdf md5 {md5}",) if md5 else ())
    if pdf:
        return pdf.url, ((f"pdf md5 {pdf.md5}",) if pdf.md5 else ())
    head = text[:4000]
    m = _WGET_URL.search(head)
    if m:
        return m.group(0), ("PDF URL from the file's header comment",)
    return f"{SUBDIR}/{rel}", ("no PDF URL known for this file",)


@dataclass
class _Entry:
    attrib: dict[str, str]
    line: int
    owner: str | None
    description: str
    table: str


def _entries_of(root: Node) -> list[_Entry]:
    out = []
    for node in root.iter("entry"):
        owner = node.attrib.get("owner")
        if owner is None:
            owner = node.ancestor_attr("owner")
        texts = [c.text.strip() for c in node.children if c.tag in ("description", "definition")]
        desc = node.attrib.get("desc", "").strip()
        description = " ".join(t for t in [desc, *texts] if t)
        table = ""
        parent = node.parent
        while parent is not None and parent.tag not in ("dict", "table"):
            parent = parent.parent
        if parent is not None and (parent.attrib.get("ref") or parent.attrib.get("name")):
            table = " ".join(
                x for x in (parent.attrib.get("ref", ""), parent.attrib.get("name", "")) if x
            )
        out.append(_Entry(node.attrib, node.line, owner, description, table))
    return out


def translate_group(group: str) -> tuple[str | None, str]:
    """``0019`` → ``0019``; ``60xx`` → ``60xx``; ``60nn``/``70yy`` (other letters for the repeating
    digits) → ``60xx`` with a note; anything else → ``None``."""
    m = re.fullmatch(r"([0-9A-Fa-f]{2})([0-9A-Fa-f]{2}|([nNxXyYzZ])\3)", group)
    if not m:
        return None, ""
    if m.group(3) is None:
        return group.upper(), ""
    note = "" if m.group(3) in "xX" else f"group written {group}: repeating group"
    return m.group(1).upper() + "xx", note


def translate_element(element: str, name: str, blocks: set[str]) -> tuple[str, str]:
    """One element spelling → (canonical element, note or ``""``); see the module doc.

    ``blocks``: the block bytes of this creator's full ``BBEE`` elements in this group and file.
    """
    e = element.strip()
    if _HEX2.match(e):
        return "xx" + e.upper(), ""
    m = _LETTERS_EE.match(e)
    if m:
        note = "" if m.group(1) in "xX" else f"element written {e}: block offset"
        return "xx" + m.group(2).upper(), note
    m = _RESERVATION.match(e)
    if m:
        note = "" if m.group(2) in "xX" else f"element written {e}: creator reservation"
        return m.group(1).upper() + "xx", note
    if _HEX4.match(e):
        high, low = e[:2].upper(), e[2:].upper()
        if high == "00":
            if _CREATORISH.search(name):
                return high + low, ""
            return "xx" + low, f"element written {e}: block offset (GDCM's 00EE convention)"
        if len(blocks) > 1:
            return (
                high + low,
                f"element written {e}: creator uses blocks {','.join(sorted(blocks))} here, block-specific",
            )
        return "xx" + low, f"element written {e}: the creator's one block, read as block offset"
    return hex_spelling(e), f"element spelling {e!r} not recognised, passed through"


def _rows(
    rel: str, entries: list[_Entry], document: str, doc_notes: tuple[str, ...], extra_note: str = ""
) -> Iterator[RawRow | Unreadable]:
    blocks: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for e in entries:
        el = e.attrib.get("element", "").strip()
        if _HEX4.match(el) and el[:2] != "00":
            blocks[(e.owner, e.attrib.get("group", "").strip().upper())].add(el[:2].upper())
    for e in entries:
        a = e.attrib
        locator = f"{rel} line {e.line}"
        group, element = a.get("group", "").strip(), a.get("element", "").strip()
        group_c, group_note = translate_group(group)
        if group_c is None or not element:
            yield Unreadable(
                SOURCE_ID, document, locator, f"bad group or element {group!r},{element!r}", str(a)
            )
            continue
        name = a.get("name", "")
        element_c, note = translate_element(element, name, blocks[(e.owner, group.upper())])
        notes = list(doc_notes)
        if group_note:
            notes.append(group_note)
        if e.table:
            notes.append(f"table: {e.table}")
        if note:
            notes.append(note)
        if e.owner is None:
            notes.append("no owner in the file")
        if extra_note:
            notes.append(extra_note)
        yield RawRow(
            source=SOURCE_ID,
            document=document,
            locator=locator,
            group=group_c,
            element=element_c,
            creator=e.owner,
            vr=a.get("vr", a.get("VR", "")),
            vm=a.get("vm", ""),
            name=name,
            description=e.description,
            retired=a.get("retired", "").lower() == "true",
            notes=tuple(notes),
        )


def read_xml(
    base: Path, rel: str, pdfs: dict[str, dict[str, _Pdf]]
) -> Iterator[RawRow | Unreadable]:
    """Rows of one per-PDF XML file ``rel`` (relative to ``base``)."""
    data = (base / rel).read_bytes()
    text = read_text(base / rel)
    try:
        root = parse_xml(data)
    except expat.ExpatError as exc:
        root_url_m = re.search(r'<dicts\b[^>]*\burl="([^"]*)"', text)
        document, doc_notes = _document(
            rel, text, root_url_m.group(1) if root_url_m else None, pdfs
        )
        salvaged = salvage_entries(text)
        if salvaged:
            entries = [
                _Entry(
                    s.attrib,
                    s.line,
                    s.attrib.get("owner", s.dict_owner),
                    " ".join(re.sub(r"<[^>]*>", " ", s.inner).split()),
                    "",
                )
                for s in salvaged
            ]
            yield Unreadable(
                SOURCE_ID,
                document,
                f"{rel} line {exc.lineno}",
                f"not well-formed XML ({exc}); {len(entries)} complete entries before it salvaged",
            )
            yield from _rows(
                rel, entries, document, doc_notes, "salvaged from a file that is not well-formed"
            )
            return
        tag_lines = [
            (n, line) for n, line in enumerate(text.splitlines(), 1) if _TAG_IN_TEXT.search(line)
        ]
        if not tag_lines:
            yield Unreadable(
                SOURCE_ID, document, f"{rel} line {exc.lineno}", f"not XML ({exc}) and no tag in it"
            )
        for n, line in tag_lines:
            yield Unreadable(
                SOURCE_ID,
                document,
                f"{rel} line {n}",
                "raw text pasted from the PDF, not XML: no owner/VR/VM columns to read",
                line.strip(),
            )
        return
    root_url = None
    for node in root.children:
        root_url = node.attrib.get("url")
    document, doc_notes = _document(rel, text, root_url, pdfs)
    yield from _rows(rel, _entries_of(root), document, doc_notes)


def files(shared_sources: Path) -> list[str]:
    """Every input file read, relative to the shared sources directory (for ``sources.json``)."""
    base = shared_sources / SUBDIR
    lists = sorted(p.relative_to(shared_sources).as_posix() for p in base.glob("**/lists.*"))
    return [*SOURCE["files"], *lists, *(f"{SUBDIR}/{r}" for r in plan(base).read)]


def read(shared_sources: Path) -> Iterator[RawRow | Unreadable]:
    """Rows of every per-PDF XML file chosen by :func:`plan`."""
    base = shared_sources / SUBDIR
    p = plan(base)
    pdfs = _pdf_index(base)
    for rel in p.read:
        yield from read_xml(base, rel, pdfs)
