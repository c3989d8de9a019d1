"""DCMTK's .dic files from Debian's libdcmtk17 (fetched with apt-get download, never installed)."""

from collections import Counter
from pathlib import Path

import pytest
from dicom_map_compiler.rows import RawRow, Unreadable
from dicom_map_compiler.sources import dcmtk, dcmtk_fetch


@pytest.fixture(scope="module")
def fetched():
    return dcmtk_fetch.fetch()


@pytest.fixture(scope="module")
def rows(fetched):
    return list(dcmtk.read(Path(fetched["dic_dir"])))


def find(rows, **kw):
    hits = [
        r for r in rows if isinstance(r, RawRow) and all(getattr(r, k) == v for k, v in kw.items())
    ]
    assert len(hits) == 1, (kw, hits)
    return hits[0]


def test_fetch_record(fetched):
    deb = Path(fetched["dic_dir"]).parents[3] / fetched["deb"]
    assert fetched["package"] == "libdcmtk17"
    assert fetched["version"].startswith("3.6.7-")
    assert dcmtk_fetch.sha256(deb) == fetched["sha256"]
    src = dcmtk.source(Path(fetched["dic_dir"]))
    assert src["version"] == "3.6.7" and "deb_sha256" not in src
    dcmtk_fetch.check_dictionaries(Path(fetched["dic_dir"]), fetched["version"])
    # a second call reuses the cache
    assert dcmtk_fetch.fetch() == fetched


def test_pin_rejects_changed_dictionaries(fetched, tmp_path):
    for name in dcmtk.FILES:
        (tmp_path / name).write_bytes((Path(fetched["dic_dir"]) / name).read_bytes())
    dcmtk_fetch.check_dictionaries(tmp_path, "copy")
    with (tmp_path / "private.dic").open("a") as f:
        f.write('(0009,"NEW",10)\tLO\tNew\t1\tPrivateTag\n')
    with pytest.raises(dcmtk_fetch.FetchError, match="private.dic"):
        dcmtk_fetch.check_dictionaries(tmp_path, "3.6.7-9~deb12u9")


def test_counts(rows):
    counts = Counter((type(r).__name__, r.document) for r in rows)
    # measured on 3.6.7-9~deb12u3; a Debian point release may move them a little
    assert 4980 <= counts["RawRow", "dicom.dic"] <= 5010
    assert 2830 <= counts["RawRow", "private.dic"] <= 2845
    assert counts["RawRow", "diconde.dic"] == 111
    assert counts["RawRow", "acrnema.dic"] == 138
    assert counts["Unreadable", "dicom.dic"] == 4
    assert sum(1 for r in rows if isinstance(r, Unreadable)) == 4


def test_no_line_lost(fetched, rows):
    for name in dcmtk.FILES:
        lines = (Path(fetched["dic_dir"]) / name).read_text(encoding="latin-1").splitlines()
        entries = [ln for ln in lines if ln.strip() and not ln.strip().startswith("#")]
        assert len(entries) == sum(1 for r in rows if r.document == name)


def test_papyrus_b3_four_fields(rows):
    r = find(rows, group="0041", element="xxB3", creator="PAPYRUS")
    assert (r.vr, r.vm, r.name, r.keyword, r.document) == (
        "UL",
        "1-n",
        "InternalOffsetToImage",
        "",
        "private.dic",
    )
    assert r.notes == ("4 fields: no version column (DCMTK defaults it to DICOM)",)


def test_private_forms(rows):
    r = find(rows, group="0019", element="xx10", creator="1.2.840.113681")
    assert (r.vr, r.vm, r.name, r.retired, r.notes) == ("ST", "1", "CRImageParamsCommon", False, ())
    # odd-group range with the -o- marker becomes the 60xx mask
    r = find(rows, group="60xx", element="xx00", creator="PAPYRUS 3.0")
    assert (r.vr, r.name, r.notes) == ("IS", "OverlayID", ())
    assert find(rows, group="70xx", element="xx04", creator="DLX_ANNOT_01").name == "TextAnnotation"
    # fixed-block element (gggg,"CREATOR",eeee)
    fixed = [r for r in rows if isinstance(r, RawRow) and r.creator and "x" not in r.element]
    assert len(fixed) == 98
    assert all(int(r.element[:2], 16) >= 0x10 for r in fixed)


def test_public_rows_and_ranges(rows):
    r = find(rows, group="0010", element="0010", creator=None, document="dicom.dic")
    assert (r.vr, r.vm, r.name, r.keyword, r.retired) == (
        "PN",
        "1",
        "PatientName",
        "PatientName",
        False,
    )
    r = find(rows, group="60xx", element="3000", creator=None)
    assert (r.vr, r.keyword, r.notes) == ("ox", "OverlayData", ())
    r = find(rows, group="0020", element="31xx", document="dicom.dic")
    assert (r.vr, r.vm, r.name, r.keyword, r.retired) == (
        "CS",
        "1-n",
        "RETIRED_SourceImageIDs",
        "SourceImageIDs",
        True,
    )
    assert r.notes == ("DCMTK range 3100-31FF matches even numbers only",)
    assert find(rows, group="7Fxx", element="0010", document="dicom.dic").vr == "ox"
    assert find(rows, group="xxxx", element="0000").name == "GenericGroupLength"
    # the generic ranges that are no mask
    bad = [r for r in rows if isinstance(r, Unreadable)]
    assert {r.text.split("\t")[2] for r in bad} == {
        "PrivateGroupLength",
        "PrivateCreator",
        "IllegalGroupLength",
        "IllegalPrivateCreator",
    }


def test_vr_codes_passed_through(rows):
    vrs = Counter(r.vr for r in rows if isinstance(r, RawRow))
    for code in ("xs", "ox", "px", "lt", "up", "na"):
        assert vrs[code] > 0, code
    assert find(rows, group="7FE0", element="0010", document="dicom.dic").vr == "px"
    assert find(rows, group="0028", element="3006").vr == "lt"


def test_diconde_private_and_versions(rows):
    r = find(rows, group="0009", element="xx20", creator="astm.org/diconde/iod/ComponentStudy")
    assert (r.vr, r.name, r.document, r.notes) == (
        "DA",
        "ExpiryDate",
        "diconde.dic",
        ("version column DICONDE10",),
    )
    r = find(rows, group="0000", element="0010", document="acrnema.dic")
    assert r.notes == ("version column ACR/NEMA2",)


@pytest.mark.parametrize(
    "text,expected",
    [
        ('(6001-o-60ff,"PAPYRUS 3.0",00)', ("60xx", "xx00", "PAPYRUS 3.0", ())),
        ("(6000-60FF,0010)", ("60xx", "0010", None, ())),
        ("(6000-u-60FF,0010)", ("60xx", "0010", None, ())),
        ("(6000-e-60FF,1000-u-10FF)", ("60xx", "10xx", None, ())),
        (
            "(0020,3100-o-31FF)",
            ("0020", "31xx", None, ("DCMTK range 3100-o-31FF matches odd numbers only",)),
        ),
        ('(0019,"GEMS_ACQU_01",b3)', ("0019", "xxB3", "GEMS_ACQU_01", ())),
        ('(2001,"Philips Imaging DD 001",1001)', ("2001", "1001", "Philips Imaging DD 001", ())),
        ("(0000-u-FFFF,0000)", ("xxxx", "0000", None, ())),
    ],
)
def test_parse_tag(text, expected):
    assert dcmtk.parse_tag(text) == expected


@pytest.mark.parametrize("text", ["(0009-o-FFFF,0000)", "(0010-u-00FF,0000)", "(0019,1000"])
def test_parse_tag_unreadable(text):
    with pytest.raises(ValueError):
        dcmtk.parse_tag(text)
