"""Merge normalised rows into one :class:`Entry` per key, with provenance and visible conflicts.

The resolution rule (deterministic, documented in DEVELOPMENT.md "Merge"):

* Every source has a *weight* by kind: a vendor document (conformance-statement PDF, the scraper)
  or tags harvested from real files count 3, a curated dictionary 2, a standard table 2.
* Sources that copy another (pydicom's private dictionary is GDCM's; GDCM's library is compiled from
  its XML) share a *family*; a family votes once, with the largest weight among its members.
* Public keys: the newest standard table (pydicom's, PS3.6) decides VR, VM, name, keyword and
  retirement when it has the key; the other sources still appear as sources and, when they disagree
  on the VR, as candidates.
* Private keys: each distinct non-empty VR set is a candidate; its score is the sum of its families'
  weights. Highest score wins; ties go to more families, then the better source kind, then the VR
  text. The VM is the most supported VM among the winner's rows. The name is the most supported real
  name (compared ignoring case, spacing and underscores; placeholders never count); its spelling is
  the one with the fewest underscores, then from the best-ranked source.
* ``UN`` is not a vote when any source gives a real VR (it means "unknown", not "unknown is right").
* An ``override`` row (``data/overrides.csv``, each proven by a real file) decides the VR of its key;
  the sources it contradicts stay visible as candidates.
* ``confidence`` = ``100 × (winner score / all scores) × (1 − 0.5^families behind the winner)``:
  one source alone gives 50, two agreeing families 75, three 88; disagreement lowers it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import keywords, vendors, vr
from .normalise import Key, PrivateKey, PublicKey, RepeaterKey, Row

#: Weight by source kind.
KIND_WEIGHT = {"override": 6, "document": 3, "harvested": 3, "curated": 2, "standard": 2}
#: Rank by source kind when a tie must be broken (lower is better).
KIND_RANK = {"override": 0, "standard": 1, "document": 2, "harvested": 3, "curated": 4}
#: The source whose public table is the current standard.
STANDARD_SOURCE = "pydicom"


@dataclass(frozen=True)
class SourceInfo:
    """What merge needs to know of a source."""

    id: str
    kind: str  # standard | document | harvested | curated
    family: str
    rank: int  # position in the build's source list: earlier is preferred on ties

    @property
    def weight(self) -> int:
        return KIND_WEIGHT[self.kind]


@dataclass(frozen=True)
class Provenance:
    source: str
    document: str
    page: int


@dataclass(frozen=True)
class Candidate:
    vrs: frozenset[str]
    vm: str
    provenance: tuple[Provenance, ...]
    chosen: bool


@dataclass
class Entry:
    """One merged dictionary entry."""

    key: Key
    creator: str | None  # canonical spelling
    name: str
    keyword: str
    keyword_generated: bool
    #: The keyword carries the tag suffix that keeps it unique per creator.
    keyword_suffixed: bool
    description: str
    vrs: frozenset[str]
    vm: str
    retired: bool
    no_real_name: bool
    provenance: tuple[Provenance, ...]
    candidates: tuple[Candidate, ...]
    conflict: bool
    confidence: int


@dataclass
class Creator:
    canonical: str
    aliases: tuple[str, ...]
    vendor: str
    folded: str


@dataclass
class MergeResult:
    entries: list[Entry]
    creators: list[Creator]
    #: Creator spellings folded together, for the quality report.
    notes: list[str] = field(default_factory=list)


_UN = frozenset({"UN"})


def _provenance(rows: Iterable[Row], order: dict[str, int]) -> tuple[Provenance, ...]:
    items = {Provenance(r.raw.source, r.raw.document, r.raw.page) for r in rows}
    return tuple(
        sorted(items, key=lambda p: (order.get(p.source, 999), p.source, p.document, p.page))
    )


def _fold_name(name: str) -> str:
    return " ".join(name.lower().replace("_", " ").split())


class _Vote:
    """Family-weighted votes over one key's rows."""

    def __init__(self, rows: list[Row], sources: dict[str, SourceInfo]):
        self.rows = rows
        self.sources = sources

    def info(self, row: Row) -> SourceInfo:
        return self.sources[row.raw.source]

    def score(self, rows: Iterable[Row]) -> tuple[int, int]:
        best: dict[str, int] = {}
        for r in rows:
            s = self.info(r)
            best[s.family] = max(best.get(s.family, 0), s.weight)
        return sum(best.values()), len(best)

    def best_rank(self, rows: Iterable[Row]) -> tuple[int, int]:
        return min((KIND_RANK[self.info(r).kind], self.info(r).rank) for r in rows)

    def pick(self, groups: dict, text) -> object:
        """The group key with the highest (score, families), then best source, then text."""

        def order(k):
            score, fams = self.score(groups[k])
            return (-score, -fams, self.best_rank(groups[k]), text(k))

        return min(groups, key=order)


def merge(rows: Iterable[Row], sources: dict[str, SourceInfo]) -> MergeResult:
    """One entry per key; creators canonicalised; deterministic for the same rows."""
    by_key: dict[Key, list[Row]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    creator_docs: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_key[row.key].append(row)
        if isinstance(row.key, PrivateKey) and row.creator is not None:
            spellings[row.key.creator][row.creator] += 1
            creator_docs[row.key.creator].add(row.raw.document)

    creators: dict[str, Creator] = {}
    for folded, counts in spellings.items():
        canonical = min(counts, key=lambda s: (-counts[s], s))
        aliases = tuple(sorted(s for s in counts if s != canonical))
        creators[folded] = Creator(
            canonical, aliases, vendors.vendor_of(canonical, sorted(creator_docs[folded])), folded
        )

    order = {s.id: s.rank for s in sources.values()}
    draft: list[tuple[Key, dict]] = []
    for key in sorted(by_key, key=_sort_key):
        krows = sorted(
            by_key[key], key=lambda r: (order.get(r.raw.source, 999), r.raw.document, r.raw.locator)
        )
        draft.append((key, _resolve(key, krows, sources, order)))

    # Keywords: real ones kept, others generated; unique per creator.
    kw_items = []
    for key, d in draft:
        creator = creators[key.creator].canonical if isinstance(key, PrivateKey) else None
        g, e = key.text()
        kw_items.append((creator, d["keyword"], d["name"], g, e))
    assigned = keywords.assign(kw_items)

    entries = []
    for (key, d), a in zip(draft, assigned):
        creator = creators[key.creator].canonical if isinstance(key, PrivateKey) else None
        d.update(keyword=a.keyword, keyword_generated=a.generated, keyword_suffixed=a.suffixed)
        entries.append(Entry(key=key, creator=creator, **d))
    return MergeResult(entries, sorted(creators.values(), key=lambda c: c.canonical.encode()))


def _sort_key(key: Key) -> tuple:
    if isinstance(key, PublicKey):
        return (0, key.tag)
    if isinstance(key, RepeaterKey):
        return (1, key.mask, key.value)
    return (2, key.group_mask, key.group, key.creator, key.element, key.block)


def _resolve(
    key: Key, rows: list[Row], sources: dict[str, SourceInfo], order: dict[str, int]
) -> dict:
    vote = _Vote(rows, sources)
    prov = _provenance(rows, order)
    with_vr: dict[frozenset[str], list[Row]] = defaultdict(list)
    for r in rows:
        if r.vrs:
            with_vr[r.vrs].append(r)
    if len(with_vr) > 1:
        with_vr.pop(
            _UN, None
        )  # "UN" says the source does not know the VR: no vote against one that does

    standard = [r for r in rows if r.raw.source == STANDARD_SOURCE]
    if standard and not isinstance(key, PrivateKey):
        ref = standard[0]
        chosen_vrs, vm, name, keyword = ref.vrs, ref.vm, ref.name, ref.keyword
        retired = ref.retired
        confidence = 100
    else:
        overrides = [r for r in rows if vote.info(r).kind == "override" and r.vrs]
        if overrides:  # a real file proved the VR: it decides, the rest stay candidates
            chosen_vrs = overrides[0].vrs
            winners = with_vr[chosen_vrs]
        elif with_vr:
            chosen_vrs = vote.pick(with_vr, vr.vr_text)
            winners = with_vr[chosen_vrs]
        else:
            chosen_vrs, winners = frozenset(), rows
        vm = _pick_vm(winners, vote) or _pick_vm(rows, vote) or "1"
        name = _pick_name(rows, vote)
        keyword = next((r.keyword for r in rows if r.keyword), "")
        retired = sum(r.retired for r in rows) * 2 > len(rows)
        total = sum(vote.score(g)[0] for g in with_vr.values()) or 1
        win_score, win_fams = vote.score(winners) if with_vr else (0, 0)
        confidence = round(100 * (win_score / total) * (1 - 0.5**win_fams)) if with_vr else 0

    conflict = len(with_vr) > 1
    candidates: tuple[Candidate, ...] = ()
    if conflict:
        candidates = tuple(
            Candidate(
                vrs, _pick_vm(crows, vote) or vm, _provenance(crows, order), vrs == chosen_vrs
            )
            for vrs, crows in sorted(with_vr.items(), key=lambda kv: vr.vr_text(kv[0]))
        )
    description = next((r.description for r in rows if r.description), "")
    return dict(
        name=name,
        keyword=keyword,
        description=description,
        vrs=chosen_vrs,
        vm=vm,
        retired=retired,
        no_real_name=not name,
        provenance=prov,
        candidates=candidates,
        conflict=conflict,
        confidence=confidence,
    )


def _pick_vm(rows: list[Row], vote: _Vote) -> str:
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.vm:
            groups[r.vm].append(r)
    return vote.pick(groups, str) if groups else ""


def _pick_name(rows: list[Row], vote: _Vote) -> str:
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.name:
            groups[_fold_name(r.name)].append(r)
    if not groups:
        return ""
    best = vote.pick(groups, str)
    # Of the spellings of the winning name, prefer words over underscores (B Value, not B_value).
    spelled = min(
        groups[best],
        key=lambda r: (r.name.count("_"), KIND_RANK[vote.info(r).kind], vote.info(r).rank, r.name),
    )
    return spelled.name
