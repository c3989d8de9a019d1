"""``python -m dicom_map``: look tags up and explain the private elements of DICOM files.

    python -m dicom_map explain FILE [--json] [--force]
    python -m dicom_map lookup TAG [CREATOR] [--json]       TAG: (0019,100C), 0019 100C, keyword
    python -m dicom_map search TEXT [--limit N] [--json]
    python -m dicom_map info [--json]
    python -m dicom_map verify
    python -m dicom_map census PATH... -o REPORT.{csv,jsonl,parquet}  (see dicom_map._census)

Every command takes ``--file PATH`` (else ``$DMAP_FILE``, else the bundled dictionary). Data goes
to stdout, diagnostics to stderr. Exit codes, as for the Rust ``dicom-lookup``: 0 success (a tag
found, a file explained, the dictionary valid), 3 not found (``lookup``; ``search`` without a hit;
``explain --strict`` when an element could not be resolved), 2 usage error, 1 any other error
(one line on stderr: a missing or unreadable file, not DICOM, a damaged dictionary).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Any, List, Optional, Sequence, TextIO
from typing import Dict as TDict

from dicom_map._native import Dict, FormatError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3

_HEX_PART = re.compile(r"^(0[xX])?[0-9A-Fa-f]{1,4}$|^[xX]{2}[0-9A-Fa-f]{2}$")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 with one line, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--file",
        metavar="PATH",
        help="a .dmap file (default: $DMAP_FILE, else the bundled dictionary)",
    )
    p = _Parser(
        prog="python -m dicom_map",
        description="The DICOM Atlas: public and private DICOM tags.",
        epilog="exit codes: 0 success; 3 not found (lookup, search; explain --strict with an "
        "unresolved element); 2 usage error; 1 any other error (one line on stderr)",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    e = sub.add_parser(
        "explain", parents=[common], help="what every private element of a DICOM file is"
    )
    e.add_argument("dicom_file", metavar="FILE")
    e.add_argument("--json", action="store_true", help="JSON lines, one record per element")
    e.add_argument("--force", action="store_true", help="read files without the DICM preamble")
    e.add_argument("--strict", action="store_true", help="exit 3 if any element is unresolved")

    lk = sub.add_parser("lookup", parents=[common], help="look a tag or keyword up")
    lk.add_argument(
        "args",
        nargs="+",
        metavar="TAG [CREATOR]",
        help="(0019,100C) | 0019 100C | 00190010 | 0019 xx0C | a keyword, then the private creator",
    )
    lk.add_argument("--json", action="store_true")

    s = sub.add_parser(
        "search", parents=[common], help="entries whose name or keyword contains TEXT"
    )
    s.add_argument("text")
    s.add_argument("--limit", type=int, default=None)
    s.add_argument("--json", action="store_true")

    i = sub.add_parser("info", parents=[common], help="describe the dictionary")
    i.add_argument("--json", action="store_true")

    sub.add_parser("verify", parents=[common], help="check the whole dictionary file")
    from dicom_map._census._command import add_command as add_census  # census PATH... -o REPORT

    add_census(sub)
    return p


def _open(path: Optional[str]) -> Dict:
    path = path or os.environ.get("DMAP_FILE") or None
    return Dict(path)


def _split_lookup(args: Sequence[str]) -> "tuple[str, Optional[str]]":
    """``[TAG] [CREATOR]`` or ``[GROUP, ELEMENT] [CREATOR]`` -> (tag text, creator)."""
    if len(args) >= 2 and _HEX_PART.match(args[0]) and _HEX_PART.match(args[1]):
        rest = args[2:]
        tag = f"{args[0]} {args[1]}"
    else:
        rest = args[1:]
        tag = args[0]
    if len(rest) > 1:
        raise ValueError("too many arguments: give the private creator as one (quoted) argument")
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
    lines.append(
        f"  confidence  {e['confidence']}" + ("  (sources disagree)" if e["conflict"] else "")
    )
    for c in e["candidates"]:
        ids = ", ".join(dict.fromkeys(s["id"] for s in c["sources"]))
        lines.append(f"    {'*' if c['chosen'] else ' '} {c['vr']} {c['vm']}  ({ids})")
    for s in e["sources"]:
        page = f" p.{s['page']}" if s["page"] else ""
        lines.append(f"  source      {s['id']}  {s['document']}{page}")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(records: List[Any], out: TextIO) -> None:
    headers = ("TAG", "CREATOR", "KEYWORD", "NAME", "VR", "DICT", "SOURCES", "STATUS")
    rows = []
    for r in records:
        status = r.status if r.resolved else f"unresolved: {r.reason}"
        rows.append(
            (
                r.path,  # the tag, after the sequence items holding it: (2005,140F)[0].(2001,1001)
                _cut(r.creator or "-", 32),
                _cut(r.keyword or "-", 36),
                _cut(r.name or "-", 40),
                r.vr_file or "-",
                r.vr_dict or "-",
                _cut(",".join(r.sources) or "-", 28),
                status,
            )
        )
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(headers)]
    for row in [headers, *rows]:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n")


def _cmd_explain(ns: argparse.Namespace, out: TextIO) -> int:
    from dicom_map._explain import explain

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
        _table(records, out)
        unresolved = sum(not r.resolved for r in records)
        print(f"{len(records)} private elements, {unresolved} unresolved", file=sys.stderr)
    else:
        print("no private elements", file=sys.stderr)
    if ns.strict and any(not r.resolved for r in records):
        return EXIT_NOT_FOUND
    return EXIT_OK


def _cmd_lookup(ns: argparse.Namespace, out: TextIO) -> int:
    try:
        tag, creator = _split_lookup(ns.args)
    except ValueError as exc:
        raise _Usage(str(exc)) from exc
    dmap = _open(ns.file)
    try:
        entry = dmap.lookup_text(tag, creator)
    except FormatError:
        raise
    except ValueError as exc:
        raise _Usage(str(exc)) from exc
    if entry is None:
        print(f"not found: {tag}" + (f" of {creator!r}" if creator else ""), file=sys.stderr)
        return EXIT_NOT_FOUND
    out.write(
        (json.dumps(entry, ensure_ascii=False) if ns.json else _entry_text(dict(entry))) + "\n"
    )
    return EXIT_OK


def _cmd_search(ns: argparse.Namespace, out: TextIO) -> int:
    hits = _open(ns.file).search(ns.text, ns.limit)
    for e in hits:
        if ns.json:
            out.write(json.dumps(e, ensure_ascii=False) + "\n")
        else:
            who = f"  [{e['creator']}]" if e["creator"] else ""
            out.write(f"{e['pattern']:<18} {e['vr']:<10} {e['keyword']:<40} {e['name']}{who}\n")
    return EXIT_OK if hits else EXIT_NOT_FOUND


def _cmd_info(ns: argparse.Namespace, out: TextIO) -> int:
    info = _open(ns.file).info()
    if ns.json:
        out.write(json.dumps(info, ensure_ascii=False) + "\n")
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
    out.write(f"ok: {d.path or 'bundled dictionary'}, {len(d)} entries\n")
    return EXIT_OK


def _cmd_census(ns: argparse.Namespace, out: TextIO) -> int:
    from dicom_map._census._command import run_command

    return run_command(ns, out)


class _Usage(Exception):
    pass


class _Fail(Exception):
    pass


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    ns = parser.parse_args(argv)
    commands = {
        "explain": _cmd_explain,
        "lookup": _cmd_lookup,
        "search": _cmd_search,
        "info": _cmd_info,
        "verify": _cmd_verify,
        "census": _cmd_census,
    }
    try:
        return commands[ns.command](ns, sys.stdout)
    except BrokenPipeError:  # pragma: no cover - output piped into `head`
        # Python would complain again when flushing stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except _Usage as exc:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (_Fail, OSError, ValueError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
