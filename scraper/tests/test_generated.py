"""The generated corpus (``tests/gen``): its ground truth is consistent, and the scraper meets its
thresholds on a bounded sample of the TUNING part, overall and per phenomenon.

The held-out part is never read here (see ``tests/gen/README.md``); its numbers are in
scraper/README.md, measured with ``python -m scraper.eval --part heldout``.
"""

from __future__ import annotations

import os
import re
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from scraper import eval as evaluate
from scraper import scrape_file
from scraper.tests.gen import (
    HELDOUT_COMBINATIONS,
    PHENOMENA,
    Spec,
    Truth,
    build,
    generate,
    part_of,
    robust,
    seeds,
    spec_for,
)
from scraper.tests.gen.registry import VRS, load
from scraper.tests.gen.sample import covering
from scraper.tests.gen.score import Counts, Tally, match, vr_codes
from scraper.tests.gen.split import is_heldout_style

#: Documents whose truth is checked without printing them (cheap).
SPEC_SEEDS = seeds("tune", 400)
#: Documents printed and scraped (about 0.5 s of CPU each): the first few tuning seeds, plus a
#: covering sample of SPEC_SEEDS that gives every phenomenon at least MIN_TRUTHS truths.
FIRST_SEEDS = 12
COVER_CAP = 30
MIN_TRUTHS = 30
#: What the scraper must reach on that sample, overall ...
OVERALL = {"recall": 0.88, "precision": 0.98, "creator": 0.96, "vr": 0.95}
#: ... and on every phenomenon, ...
PER_PHENOMENON = {"recall": 0.60, "precision": 0.95, "creator": 0.85, "vr": 0.85}
#: ... except where the reader is known to be weaker (open parts of issue 9: raise these floors as
#: the reader improves, never lower them to let a regression through).
WEAKER: dict[str, dict[str, float]] = {
    "element-XX04": {"recall": 0.15},  # split Group | Element, elements written XX04
}


@pytest.fixture(scope="module")
def specs() -> list[Spec]:
    return [spec_for(seed) for seed in SPEC_SEEDS]


def test_truth_is_consistent(specs: list[Spec]) -> None:
    registry = load()
    for spec in specs:
        seen: set[tuple[object, ...]] = set()
        printed = _printed_text(spec)
        for truth in spec.truths:
            where = f"seed {spec.seed} {truth.tag} {truth.creator!r}"
            key = (truth.group, truth.block, truth.element, truth.creator)
            assert key not in seen, f"{where}: listed twice"
            seen.add(key)
            assert truth.group % 2 == 1 and 0x0009 <= truth.group <= 0xFFFF, where
            assert 0 <= truth.element <= 0xFF, where
            assert truth.block is None or 0x10 <= truth.block <= 0xFF, where
            assert truth.creator in registry.private, f"{where}: not a registry creator"
            assert len(truth.creator) <= 64 and truth.creator == truth.creator.strip(), where
            assert truth.vr == "" or all(code in VRS for code in truth.vr.split(" or ")), where
            assert truth.phenomena <= set(PHENOMENA), f"{where}: {truth.phenomena - set(PHENOMENA)}"
            assert _squash(truth.creator) in printed, f"{where}: creator not printed"
        for section in spec.sections:
            roles = {role for role, _ in section.columns}
            blank = {t.vr == "" for r in section.rows for t in r.truths}
            assert blank <= {"vr" not in roles}, f"seed {spec.seed}: VR blank iff not printed"


def test_every_phenomenon_is_exercised(specs: list[Spec]) -> None:
    found = set().union(*(spec.all_phenomena for spec in specs))
    drawn = set(PHENOMENA) - {"heldout-style"}  # held-out seeds only
    assert found == drawn, f"never drawn: {sorted(drawn - found)}"


def test_tuning_seeds_never_draw_a_heldout_style(specs: list[Spec]) -> None:
    for spec in specs:
        assert spec.part == "tune"
        for section in spec.sections:
            assert not is_heldout_style(section.traits), f"seed {spec.seed}"


def test_heldout_seeds_hold_every_heldout_style() -> None:
    forced = []
    for seed in seeds("heldout", 120):
        assert part_of(seed) == "heldout"
        first = spec_for(seed).sections[0].traits
        if seed % 2 == 0:
            assert is_heldout_style(first), f"seed {seed}"
            assert "heldout-style" in spec_for(seed).all_phenomena
            forced.append(first)
    for combo in HELDOUT_COMBINATIONS:
        assert any(all(t[k] == v for k, v in combo.items()) for t in forced), combo


def test_the_same_seed_prints_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, again = generate(7, tmp_path / "a"), generate(7, tmp_path / "b")
    assert first.path.read_bytes() == again.path.read_bytes()
    assert first.truths == again.truths


@pytest.mark.parametrize("seed", [1, 2, 4, 11, 16, 24])
def test_every_row_is_printed(seed: int, tmp_path: Path) -> None:
    """The PDF's own text holds every row's tag cell and every truth's creator (nothing cut off)."""
    doc = generate(seed, tmp_path)
    pdf = pdfium.PdfDocument(doc.path)
    try:
        text = _squash("".join(page.get_textpage().get_text_range() for page in pdf))
    finally:
        pdf.close()
    for section in doc.spec.sections:
        for row in section.rows:
            cell = row.cells.get("tag") or row.cells.get("group", "") + row.cells.get("element", "")
            assert _squash(cell or row.cells["name"]) in text, (
                f"seed {seed}: {row.cells} not printed"
            )
    for truth in doc.truths:
        assert _squash(truth.creator) in text, f"seed {seed}: {truth.creator}"


def test_scoring_matches_tags_then_creators() -> None:
    def truth(element: int, creator: str, vr: str = "US") -> Truth:
        return Truth(0x0029, element, 0x10, creator, vr, "1", "Name")

    truths = [truth(8, "SIEMENS CSA HEADER"), truth(8, "SIEMENS MEDCOM HEADER"), truth(9, "A")]
    records = [
        _Rec(0x0029, 8, 0x10, "SIEMENS MEDCOM HEADER", "US"),
        _Rec(0x0029, 8, 0x10, "wrong", "US/SS"),
        _Rec(0x0031, 8, 0x10, "A", "US"),
    ]
    pairs, missed, extra = match(truths, records)
    assert [(t.creator, r.creator) for t, r in pairs] == [
        ("SIEMENS MEDCOM HEADER", "SIEMENS MEDCOM HEADER"),
        ("SIEMENS CSA HEADER", "wrong"),
    ]
    assert missed == [truths[2]] and extra == [records[2]]
    assert vr_codes("US or SS") == vr_codes("US/SS") != vr_codes("US")


def test_scraper_meets_thresholds_on_the_tuning_part(specs: list[Spec], tmp_path: Path) -> None:
    sample = {spec.seed: spec for spec in covering(specs, MIN_TRUTHS, COVER_CAP)}
    sample.update((spec.seed, spec) for spec in specs[:FIRST_SEEDS])
    tally = Tally()
    for seed, spec in sorted(sample.items()):
        path = build(spec, tmp_path / f"gen-{seed}.pdf")
        result = scrape_file(path)
        tally.add(spec, result.records, result.error)
        path.unlink()
    short = [
        p
        for p in PHENOMENA
        if p != "heldout-style" and tally.by_phenomenon.get(p, Counts()).truths < MIN_TRUTHS
    ]
    assert not short, f"the sample does not exercise {short}"
    failures = _below(tally.overall, OVERALL, "overall")
    for name, counts in sorted(tally.by_phenomenon.items()):
        failures += _below(counts, {**PER_PHENOMENON, **WEAKER.get(name, {})}, name)
    assert not failures, "\n".join(failures + ["missed:", *tally.missed[:15]])


def test_robustness_fixtures(tmp_path: Path) -> None:
    comment = robust.huge_comment_pdf(tmp_path / "comment.pdf", inflated=3_000_000)
    assert comment.stat().st_size < 8_000
    content = _stream(comment.read_bytes())
    assert len(content) > 3_000_000 and content.startswith(robust.PAGE_TEXT + b"%")
    assert content.count(b"\n") == 2, "one text line, then one comment line"
    pdf = pdfium.PdfDocument(comment)
    try:  # pdfium reads the page's text: the screen keeps the page for pdfplumber
        assert "(0019,1001)" in pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    dying = robust.dying_worker_pdf(tmp_path / "dying.pdf", inflated=1 << 26)
    assert dying.stat().st_size < 4_000
    inner = zlib.decompress(_stream(dying.read_bytes(), decode=False))
    head = zlib.decompressobj().decompress(inner, 200)
    assert head.startswith(robust.PAGE_TEXT)
    assert len(zlib.decompress(inner)) == len(robust.PAGE_TEXT) + (1 << 26) + 1
    assert b"[/FlateDecode /FlateDecode]" in dying.read_bytes()


class _Rec:
    def __init__(self, group: int, element: int, block: int, creator: str, vr: str) -> None:
        self.group, self.element, self.block, self.creator, self.vr = (
            group,
            element,
            block,
            creator,
            vr,
        )
        self.vm, self.name, self.source = "1", "Name", "x.pdf#p1"


def _below(counts: Counts, floors: dict[str, float], label: str) -> list[str]:
    values = {
        "recall": counts.recall,
        "precision": counts.precision,
        "creator": counts.creator,
        "vr": counts.vr,
    }
    return [
        f"{label}: {metric} {values[metric]:.3f} < {floor} ({counts.truths} truths)"
        for metric, floor in floors.items()
        if values[metric] < floor
    ]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _printed_text(spec: Spec) -> str:
    parts = [text for section in spec.sections for _, text in section.before]
    parts += [
        cell for section in spec.sections for row in section.rows for cell in row.cells.values()
    ]
    return _squash(" ".join(parts))


def _stream(pdf: bytes, decode: bool = True) -> bytes:
    raw = pdf.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    return zlib.decompress(raw) if decode else raw


def test_eval_command_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert evaluate.main(["--seeds", "3,5", "--jobs", "1", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    truths = len(spec_for(3).truths) + len(spec_for(5).truths)
    assert f"2 documents, {truths} private tags expected" in text
    assert re.search(r"^\| \*\*overall\*\* \| \d+ \| [01]\.\d{3} \|", text, re.M)
    for phenomenon in spec_for(3).all_phenomena:
        assert f"| {phenomenon} |" in text
    assert "## Missed (" in text and "## False positives (" in text


def test_eval_seed_lists() -> None:
    assert evaluate.parse_seeds("1,4-6, 9") == [1, 4, 5, 6, 9]
    with pytest.raises(SystemExit):
        evaluate.main(["--seeds", "x-y"])


def _dies_on_seed_2(seed: int, keep: str | None) -> evaluate.Outcome:
    if seed == 2:
        os._exit(3)  # a worker killed in the middle of a document
    return evaluate.Outcome(seed, [], None, 0.0)


def test_eval_survives_a_dying_worker() -> None:
    outcomes = evaluate.run([1, 2, 3, 4], jobs=2, keep=None, timeout=60, worker=_dies_on_seed_2)
    assert [(o.seed, o.error) for o in outcomes] == [
        (1, None),
        (2, "worker died"),
        (3, None),
        (4, None),
    ]
