"""``python -m dicom_map``: look tags up and explain the private elements of DICOM files.

    python -m dicom_map explain FILE [--json] [--wide] [--force] [--strict]
    python -m dicom_map lookup TAG [CREATOR] [--json]       TAG: (0019,100C), 0019 100C, keyword
    python -m dicom_map search TEXT [--limit N] [--json]
    python -m dicom_map creator NAME [--json]
    python -m dicom_map info [--json]
    python -m dicom_map verify [--json]
    python -m dicom_map census PATH... -o REPORT.{csv,jsonl,parquet}  (see dicom_map._census)
    python -m dicom_map --version

Every command takes ``--file PATH`` (else ``$DMAP_FILE``, else the bundled dictionary). Data goes
to stdout, diagnostics to stderr. ``--json`` prints the JSON contract shared with the Rust
``dicom-lookup`` (DEVELOPMENT.md, "The JSON contract"): one compact object per line, keys sorted,
byte for byte what ``dicom-lookup --json`` prints for the same question. Exit codes, as for
``dicom-lookup``: 0 success (a tag found, a file explained, the dictionary valid), 3 not found
(``lookup``; ``search`` without a hit; ``explain --strict`` when an element could not be
resolved), 2 usage error, 1 any other error (one line on stderr: a missing or unreadable file, not
DICOM, a damaged dictionary, output that cannot be written). A closed pipe (``| head``) ends the
run quietly with 0.

Each subcommand is one ``_add_<name>`` function (its arguments) and one ``_cmd_<name>`` function
(what it does), registered in :data:`SUBCOMMANDS`; adding one is adding a pair there.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Any, Callable, Optional, Sequence, TextIO, Tuple
from typing import Dict as TDict

from dicom_map._native import Dict, FormatError
from dicom_map._native import __version__ as VERSION
from dicom_map._types import EntryDict

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3

_HEX_PART = re.compile(r"^(0[xX])?[0-9A-Fa-f]{1,4}$|^[xX]{2}[0-9A-Fa-f]{2}$")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 with one line, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _common() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--file",
        metavar="PATH",
        help="a .dmap file (default: $DMAP_FILE, else the bundled dictionary)",
    )
    return common


def _add_explain(sub: Any, common: argparse.ArgumentParser) -> None:
    e = sub.add_parser(
        "explain", parents=[common], help="what every private element of a DICOM file is"
    )
    e.add_argument("dicom_file", metavar="FILE")
    e.add_argument("--json", action="store_true", help="JSON lines, one record per element")
    e.add_argument(
        "--wide", action="store_true", help="one line per element, however long (no wrapping)"
    )
    e.add_argument("--force", action="store_true", help="read files without the DICM preamble")
    e.add_argument("--strict", action="store_true", help="exit 3 if any element is unresolved")


def _add_lookup(sub: Any, common: argparse.ArgumentParser) -> None:
    lk = sub.add_parser(
        "lookup",
        parents=[common],
        help="look one tag or keyword up",
        description="Look one tag or keyword up; for a private tag, give its creator after it.",
        usage="%(prog)s [-h] [--file PATH] [--json] TAG [ELEMENT] [CREATOR]",
    )
    lk.add_argument(
        "args",
        nargs="+",
        metavar="TAG [ELEMENT] [CREATOR]",
        help="(0019,100C) | 0019 100C | 00190010 | 0019 xx0C | a keyword, then the private "
        "creator (quoted); one tag per run",
    )
    lk.add_argument("--json", action="store_true", help="the JSON contract, one line")


def _add_search(sub: Any, common: argparse.ArgumentParser) -> None:
    s = sub.add_parser(
        "search",
        parents=[common],
        help="entries whose name or keyword contains TEXT, best match first",
    )
    s.add_argument("text")
    s.add_argument("--limit", type=int, default=None)
    s.add_argument("--json", action="store_true", help="JSON lines, one entry per line")


def _add_creator(sub: Any, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser("creator", parents=[common], help="a private creator and its entries")
    c.add_argument("name")
    c.add_argument("--json", action="store_true")


def _add_info(sub: Any, common: argparse.ArgumentParser) -> None:
    i = sub.add_parser("info", parents=[common], help="describe the dictionary")
    i.add_argument("--json", action="store_true")


def _add_verify(sub: Any, common: argparse.ArgumentParser) -> None:
    v = sub.add_parser("verify", parents=[common], help="check the whole dictionary file")
    v.add_argument("--json", action="store_true")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=_PROG,
        description="The DICOM Atlas: public and private DICOM tags.",
        epilog="exit codes: 0 success; 3 not found (lookup, search; explain --strict with an "
        "unresolved element); 2 usage error; 1 any other error (one line on stderr)",
    )
    p.add_argument(
        "--version",
        action="store_true",
        help="print the package version and the dictionary's edition and build",
    )
    p.add_argument("--file", metavar="PATH", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    common = _common()
    for add, _ in SUBCOMMANDS.values():
        add(sub, common)
    return p


def _open(path: Optional[str]) -> Dict:
    path = path or os.environ.get("DMAP_FILE") or None
    return Dict(path)


def _json_line(value: Any) -> str:
    """One line of the JSON contract: compact, keys sorted, non-ASCII as UTF-8 (the same bytes as
    ``dicom-lookup --json``, whose serde_json writes maps in key order)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def _split_lookup(args: Sequence[str]) -> "tuple[str, Optional[str]]":
    """``[TAG] [CREATOR]`` or ``[GROUP, ELEMENT] [CREATOR]`` -> (tag text, creator)."""
    if len(args) >= 2 and _HEX_PART.match(args[0]) and _HEX_PART.match(args[1]):
        rest = args[2:]
        tag = f"{args[0]} {args[1]}"
    else:
        rest = args[1:]
        tag = args[0]
    if len(rest) > 1:
        raise ValueError(
            f"unexpected argument {rest[1]!r}: one tag per run, then at most one private "
            "creator (quote it if it has spaces)"
        )
    return tag, (rest[0] if rest else None)


def _entry_text(e: TDict[str, Any]) -> str:
    lines = [
        f"{e['tag']}  {e['pattern']}  {e['kind']}",
        f"  keyword     {e['keyword']}" + ("  (generated)" if e["keyword_generated"] else ""),
        f"  name        {e['name'] or '-'}",
        f"  vr, vm      {e['vr'] or '-'}  {e['vm'] or '-'}",
    ]
    if e["creator"] is not None:
        creator = e["creator"] + (
            " (matched ignoring case and spaces)" if e["creator_match"] == "folded" else ""
        )
        lines.append(f"  creator     {creator}")
    if e["vendors"]:
        lines.append(f"  vendor      {', '.join(e['vendors'])}")
    if e["retired"]:
        lines.append("  retired     yes")
    if e["description"]:
        lines.append(f"  description {e['description']}")
    undecided = e["conflict"] and not any(c["chosen"] for c in e["candidates"])
    disagree = "  (sources disagree)" if e["conflict"] else ""
    if undecided:
        disagree = "  (undecided: the sources tie, the VR is the union of the tied candidates)"
    lines.append(f"  confidence  {e['confidence']}{disagree}")
    for c in e["candidates"]:
        ids = ", ".join(dict.fromkeys(s["id"] for s in c["sources"]))
        tied = undecided and set(c["vr"].split(" or ")) <= set(e["vrs"])
        mark = "*" if c["chosen"] else "=" if tied else " "
        lines.append(f"    {mark} {c['vr']} {c['vm']}  ({ids}){'  tied' if tied else ''}")
    for s in e["sources"]:
        page = f" p.{s['page']}" if s["page"] else ""
        lines.append(f"  source      {s['id']}  {s['document']}{page}")
    return "\n".join(lines)


def _is_private_group(group: int) -> bool:
    """Odd, and not one of the reserved groups 0001-0007 and FFFF."""
    return bool(group & 1) and 0x0007 < group < 0xFFFF


def _tag_parts(tag: str) -> Optional["tuple[int, int, bool]"]:
    """``(group, element, low_byte)`` of a tag written as text (``0019 100C``, ``(0019,xx0C)``,
    ``0019xx0C``, ``0x19 0xC``), where ``low_byte`` says the element was written with ``xx``;
    ``None`` for a keyword or anything else."""
    parts = [p for p in re.split(r"[\s(),]+", tag) if p]
    if len(parts) == 1 and len(parts[0]) == 8:
        parts = [parts[0][:4], parts[0][4:]]
    if len(parts) != 2:
        return None
    group, element = (re.sub(r"^0[xX](?=[0-9A-Fa-f])", "", p) for p in parts)
    low = re.fullmatch(r"[xX]{2}([0-9A-Fa-f]{2})", element)
    hex4 = re.compile(r"[0-9A-Fa-f]{1,4}")
    if not hex4.fullmatch(group) or not (low or hex4.fullmatch(element)):
        return None
    return int(group, 16), int(low.group(1) if low else element, 16), low is not None


def _missing_creator(dmap: Dict, group: int, element: int, low_byte: bool) -> Optional[str]:
    """For a private data element asked for without a creator, ``(gggg,BBEE)`` or by its low
    byte (``xxEE`` written, or an element 0001-000F, which no private group uses: ``0019 0C``):
    the element as asked, why it cannot be answered, and which creators define ``(gggg,xxEE)``
    (the same text as ``dicom-lookup``). ``None`` for any other question."""
    if not _is_private_group(group):
        return None
    low = element & 0xFF
    pattern = f"({group:04X},xx{low:02X})"
    if element >= 0x1000:
        shown = f"({group:04X},{element:04X})"
        creator_element = f"({group:04X},00{element >> 8:02X})"
        ask = element
    elif element <= 0x00FF and (low_byte or 0x01 <= element <= 0x0F):
        # The block is unknown: list the creators of block 10's element, as for `gggg 10EE`.
        shown = pattern
        creator_element = f"the ({group:04X},0010-00FF) element that reserves its block"
        ask = 0x1000 | low
    else:
        return None
    head = (
        f"{shown}: not found without a creator: a private element needs its creator, the value "
        f"of {creator_element} in the file: give it after the tag"
    )
    creators = dmap.creators_for(group, ask)
    if not creators:
        return f"{head}; no creator in the dictionary defines {pattern}"
    noun = "creator" if len(creators) == 1 else "creators"
    return f"{head}; {len(creators)} {noun} define {pattern}:" + "".join(
        f"\n  {c}" for c in creators
    )


def _cmd_lookup(ns: argparse.Namespace, out: TextIO) -> int:
    try:
        tag, creator = _split_lookup(ns.args)
    except ValueError as exc:
        raise _Usage(str(exc)) from exc
    dmap = _open(ns.file)
    parts = _tag_parts(tag) if creator is None else None
    try:
        if parts is not None and parts[2] and _is_private_group(parts[0]):
            entry = None  # `0019 xx10` without a creator: a data element, not the creator element
        else:
            entry = dmap.lookup_text(tag, creator)
    except FormatError:
        raise
    except ValueError as exc:
        raise _Usage(str(exc)) from exc
    if entry is None:
        why = _missing_creator(dmap, *parts) if parts is not None else None
        if why is not None:
            print(f"{_PROG}: {why}", file=sys.stderr)
        else:
            with_creator = f" with creator {json.dumps(creator)}" if creator else ""
            print(f"{_PROG}: {_shown_query(tag)}{with_creator}: not found", file=sys.stderr)
        return EXIT_NOT_FOUND
    if creator is None and entry["kind"] in ("private", "private-repeater"):
        _warn_other_entries(dmap, entry)
    out.write(_json_line(entry) if ns.json else _entry_text(dict(entry)) + "\n")
    return EXIT_OK


def _shown_query(tag: str) -> str:
    """The tag as ``(GGGG,EEEE)`` when it is one, else the text as given (a keyword)."""
    parts = _tag_parts(tag)
    return tag if parts is None else f"({parts[0]:04X},{parts[1]:04X})"


def _warn_other_entries(dmap: Dict, entry: EntryDict) -> None:
    """A keyword that several private entries share: say how many others there are."""
    keyword = entry["keyword"]
    others = sum(1 for e in dmap.search(keyword) if e["keyword"] == keyword) - 1
    if others > 0:
        noun = "entry has" if others == 1 else "entries have"
        print(
            f"{_PROG}: {others} more private {noun} keyword {keyword}; give a creator to choose",
            file=sys.stderr,
        )


def _cmd_search(ns: argparse.Namespace, out: TextIO) -> int:
    hits = _open(ns.file).search(ns.text, ns.limit)
    for e in hits:
        if ns.json:
            out.write(_json_line(e))
        else:
            who = f"  [{e['creator']}]" if e["creator"] else ""
            retired = "  (retired)" if e["retired"] else ""
            out.write(f"{e['pattern']:<18} {e['vr']:<9} {e['keyword']:<40} {e['name']}{who}")
            out.write(f"{retired}\n")
    if not hits:
        print(f"{_PROG}: no entry matches {json.dumps(ns.text)}", file=sys.stderr)
        return EXIT_NOT_FOUND
    return EXIT_OK


def _cmd_creator(ns: argparse.Namespace, out: TextIO) -> int:
    dmap = _open(ns.file)
    found = dmap.creator(ns.name)
    if not found:
        print(f"{_PROG}: no private creator {json.dumps(ns.name)}", file=sys.stderr)
        return EXIT_NOT_FOUND
    for i, c in enumerate(found):
        entries = [e for e in dmap.entries_for_creator(c["name"]) if e["creator"] == c["name"]]
        if ns.json:
            out.write(_json_line({**c, "entries": entries}))
            continue
        if i:
            out.write("\n")
        vendor = f", vendor {c['vendor']}" if c["vendor"] else ""
        out.write(f"creator:     {c['name']} ({c['match']} match{vendor})\n")
        out.write(f"spellings:   {', '.join(json.dumps(s) for s in c['spellings'])}\n")
        out.write(f"entries:     {len(entries)}\n")
        for e in entries:
            retired = "  (retired)" if e["retired"] else ""
            out.write(
                f"{e['pattern']:<18} {e['vr']:<9} {e['keyword']:<40} {e['name']}"
                f"  [{e['creator']}]{retired}\n"
            )
    return EXIT_OK


def _cmd_info(ns: argparse.Namespace, out: TextIO) -> int:
    info = _open(ns.file).info()
    if ns.json:
        out.write(_json_line(info))
        return EXIT_OK
    for key, value in info.items():
        if key == "sources":
            for s in info["sources"]:
                out.write(f"source            {s['id']} {s['version']}  {s['title']}\n")
        elif key == "metadata":
            for k, v in info["metadata"].items():
                out.write(f"meta.{k:<13} {v}\n")
        else:
            out.write(f"{key:<17} {value}\n")
    return EXIT_OK


def _cmd_verify(ns: argparse.Namespace, out: TextIO) -> int:
    d = _open(ns.file)
    d.verify()
    origin = d.path or "embedded"  # absolute, as dicom-lookup prints it
    if ns.json:
        out.write(_json_line({"ok": True, "file": origin, "entries": len(d)}))
    else:
        out.write(f"ok: {origin} verified ({len(d)} entries)\n")
    return EXIT_OK


def _add_census(sub: Any, common: argparse.ArgumentParser) -> None:
    # census has its own options (its --file included): the common parent would clash with them.
    from dicom_map._census._command import add_command

    add_command(sub)


def _cmd_census(ns: argparse.Namespace, out: TextIO) -> int:
    from dicom_map._census._command import run_command

    return run_command(ns, out)


def _cmd_explain(ns: argparse.Namespace, out: TextIO) -> int:
    from dicom_map._explain import explain
    from dicom_map._explain_table import write_table

    _require_pydicom()
    dmap = _open(ns.file)
    try:
        records = list(explain(ns.dicom_file, dmap, force=ns.force))
    except Exception as exc:
        if isinstance(exc, OSError):
            raise
        name = type(exc).__name__
        if name == "InvalidDicomError":
            raise _Fail(
                f"{ns.dicom_file}: not a DICOM file ({exc}); --force reads it anyway"
            ) from exc
        raise _Fail(f"{ns.dicom_file}: cannot read it as DICOM: {name}: {exc}") from exc
    if ns.json:
        for r in records:
            out.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
    elif records:
        write_table(records, out, wide=ns.wide, creators_for=dmap.creators_for)
    elements = [r for r in records if r.status != "damaged"]
    unresolved = sum(not r.resolved for r in elements)
    noun = "private element" if len(elements) == 1 else "private elements"
    if elements:
        print(f"{len(elements)} {noun}, {unresolved} unresolved", file=sys.stderr)
    else:
        print("no private elements", file=sys.stderr)
    damaged = [r for r in records if r.status == "damaged"]
    if damaged:
        print(f"{_PROG}: {ns.dicom_file}: {damaged[0].reason}", file=sys.stderr)
        return EXIT_ERROR
    if ns.strict and unresolved:
        return EXIT_NOT_FOUND
    return EXIT_OK


def _require_pydicom() -> None:
    """``explain`` reads files with pydicom: say so, and how to get it, before touching the file."""
    try:
        import pydicom  # noqa: F401
    except ImportError as exc:
        raise _Fail(
            "explain needs pydicom 3, which is not installed: pip install 'dicom-map[pydicom]' "
            "(or pip install pydicom)"
        ) from exc


def _version(ns: argparse.Namespace) -> str:
    """``--version``: the package, then the dictionary (the text ``dicom-lookup --version`` has)."""
    d = _open(ns.file)
    which = d.path or "bundled"
    build = d.info()["metadata"].get("build", "unknown")
    return f"dicom-map {VERSION}\ndictionary: {which}, edition {d.edition}, build {build}\n"


class _Usage(Exception):
    pass


class _Fail(Exception):
    pass


# How the user ran us, for usage lines and messages: the `dicom-map` console script or the module.
_PROG = "dicom-map" if os.path.basename(sys.argv[0] or "") == "dicom-map" else "python -m dicom_map"

#: Every subcommand: its name -> (add its arguments to the parser, run it).
SUBCOMMANDS: TDict[
    str,
    Tuple[
        Callable[[Any, argparse.ArgumentParser], None],
        Callable[[argparse.Namespace, TextIO], int],
    ],
] = {
    "explain": (_add_explain, _cmd_explain),
    "lookup": (_add_lookup, _cmd_lookup),
    "search": (_add_search, _cmd_search),
    "creator": (_add_creator, _cmd_creator),
    "info": (_add_info, _cmd_info),
    "verify": (_add_verify, _cmd_verify),
    "census": (_add_census, _cmd_census),
}


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    ns = parser.parse_args(argv)
    out = sys.stdout
    if out is None:  # started with descriptor 1 closed (`>&-`)
        print(f"{_PROG}: cannot write output: standard output is closed", file=sys.stderr)
        return EXIT_ERROR
    try:
        if ns.version:
            out.write(_version(ns))
            code = EXIT_OK
        elif ns.command is None:
            parser.print_usage(sys.stderr)
            print(f"{_PROG}: error: a command is required", file=sys.stderr)
            return EXIT_USAGE
        else:
            code = SUBCOMMANDS[ns.command][1](ns, out)
        out.flush()
        return code
    except BrokenPipeError:
        # The reader (`| head`) has all it wants: end quietly. Python would complain again when
        # flushing stdout at exit, so point it at /dev/null.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except _Usage as exc:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:  # writing the output failed
            print(f"{_PROG}: cannot write output: {exc.strerror}", file=sys.stderr)
            _silence_stdout()
        else:
            print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (_Fail, ValueError, ImportError) as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _silence_stdout() -> None:
    """After a write error, keep Python's own flush at exit from failing again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
