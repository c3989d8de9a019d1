"""``--explain-pages``: what each page held and why a page gave no records, for debugging a file.

One line per page the screen kept: the tables seen (ruled or not, their rows and the column roles
found from the header or the cells), the records the page gave, and the rows rejected by reason;
a page with tables but no records says so, a page with no table says whether tags were seen only in
running text (not set off as table cells). The pages the screen skipped are listed in one line.
"""

from __future__ import annotations

import re
from collections import Counter

from .layout import Table
from .pages import PageRead
from .records import FileResult

_TAG_IN_TEXT = re.compile(r"\(?[0-9A-Fa-f]{3}[13579BDFbdf]\s*[,:]\s*[0-9A-Fa-fXx]{4}\)?")


def explain_pages(name: str, result: FileResult, pages: list[PageRead]) -> list[str]:
    """The explanation lines for one file (``name``) read into ``result`` from ``pages``."""
    out: list[str] = []
    kept = set(result.screened)
    skipped = [n for n in range(1, result.pages + 1) if n not in kept]
    if skipped:
        out.append(
            f"{name}: pages skipped by the screen (no odd-group tag or private-creator caption in "
            f"their text): {_ranges(skipped)}"
        )
    records = Counter(int(r.source.rsplit("#p", 1)[1]) for r in result.records)
    rejects: dict[int, Counter[str]] = {}
    for reject in result.rejects:
        if reject.kind == "row":
            number = int(reject.source.rsplit("#p", 1)[1])
            rejects.setdefault(number, Counter())[reject.reason] += 1
    for page in pages:
        out.append(f"{name}#p{page.number}: " + _page(page, records[page.number], rejects))
    return out


def _page(page: PageRead, records: int, rejects: dict[int, Counter[str]]) -> str:
    if page.error:
        return f"could not be read: {page.error}"
    tables = [b for b in page.blocks if isinstance(b, Table)]
    parts = []
    for table in tables:
        kind = "ruled table" if table.ruled else "table without rules"
        roles = "/".join(r.value for r in table.roles) if table.roles else "header found in rows"
        parts.append(f"{kind} of {len(table.rows)} rows [{roles}]")
    found = "; ".join(parts) if parts else "no table"
    line = f"{found}; {records} records"
    refused = rejects.get(page.number)
    if refused:
        line += "; rejected " + ", ".join(f"{n} x {why}" for why, n in refused.most_common())
    if not records:
        if not tables:
            cited = sum(
                1 for b in page.blocks if not isinstance(b, Table) and _TAG_IN_TEXT.search(b.text)
            )
            line += (
                f"; no rows: {cited} text lines cite tags, none set off as a table cell"
                if cited
                else "; no rows: no tag found on the page"
            )
        elif not refused:
            line += "; no rows: the tables hold no private tag rows"
    return line


def _ranges(numbers: list[int]) -> str:
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
