from dicom_map_compiler import keywords


def test_camel_case_from_names():
    assert keywords.from_name("Number of images") == "NumberOfImages"
    assert keywords.from_name("3D Rendering Type") == "X3DRenderingType"
    assert keywords.from_name("Fluoro DAP (Dose Area Product)") == "FluoroDAPDoseAreaProduct"
    assert keywords.from_name("") == "Private"


def test_nameless_entries_get_the_tag():
    assert keywords.derive("", "0019", "xx0C", False) == "Private_0019_xx0C"
    assert keywords.derive("?!", "70xx", "1004", False) == "Private_70xx_1004"


def test_names_over_256_bytes_read_as_empty():
    """The same cases as the Rust rule's test (dicom-map/src/keywords.rs)."""
    at_limit = "ab " * 85 + "c"
    assert len(at_limit.encode()) == keywords.NAME_LIMIT == 256
    expected = "Ab" * 85 + "C"
    assert keywords.derive(at_limit, "0019", "xx0C", False) == expected
    assert keywords.derive(at_limit, "0019", "xx0C", True) == expected + "_0019_xx0C"
    over = at_limit + "d"
    assert keywords.derive(over, "0019", "xx0C", False) == "Private_0019_xx0C"
    assert keywords.derive(over, "0019", "xx0C", True) == "Private_0019_xx0C"
    # Bytes of UTF-8, not characters.
    assert keywords.derive("x" * 254 + "é", "0019", "xx0C", False) == "X" + "x" * 253
    assert keywords.derive("x" * 255 + "é", "0019", "xx0C", False) == "Private_0019_xx0C"
    assert keywords.derive("y" * (1 << 20), "0011", "0001", True) == "Private_0011_0001"
    assert keywords.from_name(over) == "Private"


def test_long_names_keep_keywords_unique_per_creator():
    """Two long names of one creator both derive ``Private``: the suffix keeps them apart."""
    long_a, long_b = "a" * 300, "b" * 300
    out = keywords.assign([("C", "", long_a, "0019", "xx01"), ("C", "", long_b, "0019", "xx02")])
    assert [a.keyword for a in out] == ["Private_0019_xx01", "Private_0019_xx02"]


def test_unique_per_creator_whatever_the_order():
    items = [
        ("SIEMENS CSA HEADER", "", "CSA Image Header Info", "0029", "xx10"),
        ("SIEMENS CSA HEADER", "", "CSA Image Header Info", "0029", "xx20"),
        ("OTHER", "", "CSA Image Header Info", "0029", "xx10"),
        (None, "PatientName", "Patient's Name", "0010", "0010"),
    ]
    out = keywords.assign(items)
    assert [a.keyword for a in out] == [
        "CSAImageHeaderInfo_0029_xx10",
        "CSAImageHeaderInfo_0029_xx20",
        "CSAImageHeaderInfo",
        "PatientName",
    ]
    assert [a.suffixed for a in out] == [True, True, False, False]
    assert [a.keyword for a in keywords.assign(list(reversed(items)))] == [
        a.keyword for a in reversed(out)
    ]


def test_real_keywords_kept_and_deduplicated():
    out = keywords.assign([("C", "Foo", "x", "0019", "xx01"), ("C", "", "Foo", "0019", "xx02")])
    assert (out[0].keyword, out[0].generated) == ("Foo_0019_xx01", False)
    assert (out[1].keyword, out[1].generated) == ("Foo_0019_xx02", True)


def test_keywords_differing_only_in_case_are_suffixed() -> None:
    """ELSCINT1's `iDoseLevel` (a source's keyword) and the `IDoseLevel` derived for the same
    name in a fixed block are one keyword to a user: both get the tag suffix."""
    got = keywords.assign(
        [
            ("ELSCINT1", "iDoseLevel", "iDose Level", "01F7", "xx9B"),
            ("ELSCINT1", "", "iDose Level", "01F7", "109B"),
            ("OTHER", "", "iDose Level", "01F7", "xx9B"),
        ]
    )
    assert [a.keyword for a in got] == [
        "iDoseLevel_01F7_xx9B",
        "IDoseLevel_01F7_109B",
        "IDoseLevel",
    ]
    assert [a.suffixed for a in got] == [True, True, False]
