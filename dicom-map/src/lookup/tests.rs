//! One test per lookup rule, on small dictionaries from the test builder.

use crate::builder::Builder;
use crate::{CreatorMatch, Dict, Kind, Vr, VrSet};

const SIEMENS: &str = "SIEMENS MR HEADER";
const TOSHIBA: &str = "TOSHIBA_MEC_MR3";

fn fixture() -> Builder {
    let mut b = Builder::new();
    b.source("other", 1, false).source("copy", 1, true);
    b.public(0x0008_0005, "SpecificCharacterSet", "CS", "1-n");
    b.public(0x0010_0010, "PatientName", "PN", "1");
    b.public(0x0028_0106, "SmallestImagePixelValue", "US or SS", "1");
    b.public(0x7FE0_0010, "PixelData", "OB or OW", "1");
    b.public(0xFFFE_E000, "Item", "NONE", "1");
    b.public(0x0011_1000, "OddGroupPublic", "LO", "1");
    b.public(0x0018_0010, "ContrastBolusAgent", "LO", "1")
        .sources(&[("test", "part06.xml", 12), ("other", "dict.txt", 0)])
        .description("what was injected");
    b.public(0x0018_1000, "DeviceSerialNumber", "LO", "1")
        .candidate("LO", "1", &["test"], true)
        .candidate("SH", "1", &["other"], false)
        .confidence(60);
    b.public(0x0008_0020, "StudyDate", "DA", "1");
    b.public(0x0000_0000, "CommandGroupLength", "UL", "1");

    b.repeater(0xFF00_FFFF, 0x6000_3000, "OverlayData", "OB or OW", "1");
    b.repeater(0xFF00_0000, 0x6000_0000, "OverlayAnything", "UN", "1");
    b.repeater(
        0xFFFF_FF0F,
        0x0028_0400,
        "RowsForNthOrderCoefficients",
        "US",
        "1",
    )
    .retired();
    b.repeater(0xFF00_FFFF, 0x5000_0010, "NumberOfPoints", "US", "1")
        .retired();
    b.repeater(
        0xFF00_FFFF,
        0x7F00_0010,
        "VariablePixelData",
        "OB or OW",
        "1",
    )
    .retired();
    b.repeater(0xFFFF_000F, 0x1000_0000, "EscapeTriplet", "US", "3")
        .retired();
    b.repeater(0xFFFF_FF00, 0x0020_3100, "SourceImageIDs", "CS", "1-n")
        .retired();

    b.creator(SIEMENS, "Siemens", &["Siemens MR Header"]);
    b.creator(TOSHIBA, "Toshiba", &[]);
    b.creator("ACME 1", "Acme", &[]);
    b.creator("Acme1", "", &[]);
    b.creator("ACME REPEAT", "Acme", &[]);
    b.private(0x0019, SIEMENS, 0x0C, 0, "BValue", "IS", "1");
    b.private(
        0x0019,
        SIEMENS,
        0x0A,
        0,
        "NumberOfImagesInMosaic",
        "US",
        "1",
    );
    b.private(0x0019, SIEMENS, 0x10, 0, "SiemensElement10", "LO", "1");
    b.private(0x0029, TOSHIBA, 0x01, 0, "ToshibaGeneric", "LO", "1");
    b.private(0x0029, TOSHIBA, 0x01, 0x11, "ToshibaBlock11", "SQ", "1");
    b.private(0x0029, TOSHIBA, 0x02, 0x12, "ToshibaOnlyBlock12", "US", "1");
    b.private(0x0009, "ACME 1", 0x01, 0, "AcmeOne", "LO", "1");
    b.private(0x0009, "Acme1", 0x02, 0, "AcmeTwo", "LO", "1");
    b.private(0x0009, "Acme1", 0x01, 0, "Shared", "LO", "1");
    b.private(0x0011, "ACME 1", 0x03, 0, "Shared", "LO", "1");
    b.private(0x7001, "ACME REPEAT", 0x04, 0, "AcmeExact7001", "LO", "1");
    b.private_repeater(
        0x7001,
        0xFF01,
        "ACME REPEAT",
        0x04,
        0,
        "AcmeRepeat",
        "LO",
        "1",
    );
    b.private_repeater(
        0x7001,
        0xFF01,
        "ACME REPEAT",
        0x05,
        0x10,
        "AcmeRepeatBlock10",
        "FD",
        "1",
    );
    b.private_repeater(
        0x7001,
        0xFF01,
        "ACME REPEAT",
        0x05,
        0,
        "AcmeRepeatAnyBlock",
        "FL",
        "1",
    );
    b.private(0x0019, SIEMENS, 0x0D, 0, "", "US", "1")
        .name("Slice count")
        .generated(false);
    b.private(0x0019, SIEMENS, 0x0E, 0, "", "UN", "1")
        .name("")
        .generated(false);
    b.private(0x0029, TOSHIBA, 0x03, 0x11, "", "LO", "1")
        .name("Dup")
        .generated(true);
    b.private_repeater(0x7001, 0xFF01, "ACME REPEAT", 0x06, 0, "", "LO", "1")
        .name("Repeat thing")
        .generated(true);
    b
}

fn dict() -> Dict<Vec<u8>> {
    let d = Dict::from_bytes(fixture().build()).expect("builder output opens");
    d.verify().expect("builder output verifies");
    d
}

fn keyword(d: &Dict<Vec<u8>>, g: u16, e: u16, c: Option<&str>) -> Option<String> {
    d.lookup(g, e, c).map(|v| v.keyword().into_owned())
}

#[test]
fn public_exact() {
    let d = dict();
    let v = d.lookup(0x0008, 0x0005, None).unwrap();
    assert_eq!(v.kind(), Kind::Public);
    assert_eq!(
        (v.group(), v.element(), v.tag()),
        (0x0008, 0x0005, 0x0008_0005)
    );
    assert_eq!(&*v.keyword(), "SpecificCharacterSet");
    assert_eq!(v.name(), "Specific Character Set");
    assert_eq!(v.vr().single(), Some(Vr::CS));
    assert_eq!(v.vm(), "1-n");
    assert_eq!(v.pattern(), "(0008,0005)");
    assert_eq!(
        (v.creator(), v.creator_match(), v.block_offset(), v.block()),
        (None, None, false, None)
    );
    assert!(!v.retired() && !v.conflict());
    assert_eq!(v.confidence(), 100);
    assert_eq!(d.lookup(0x0008, 0x0006, None).map(|v| v.kind()), None);
}

#[test]
fn public_exact_comes_before_private_rules() {
    let d = dict();
    let v = d.lookup(0x0011, 0x1000, Some("ACME 1")).unwrap();
    assert_eq!((v.kind(), &*v.keyword()), (Kind::Public, "OddGroupPublic"));
    // (0000,0000) is in PUBL, so it is not the synthetic group length.
    assert_eq!(
        keyword(&d, 0, 0, None).as_deref(),
        Some("CommandGroupLength")
    );
}

#[test]
fn multi_vr_and_no_vr() {
    let d = dict();
    let v = d.lookup(0x0028, 0x0106, None).unwrap();
    assert_eq!(v.vr(), VrSet::from_vrs([Vr::US, Vr::SS]));
    assert_eq!(v.vr().to_string(), "US or SS");
    assert_eq!(
        d.lookup(0x7FE0, 0x0010, None).unwrap().vr().to_string(),
        "OB or OW"
    );
    let item = d.lookup(0xFFFE, 0xE000, None).unwrap();
    assert!(item.vr().is_no_vr());
    assert_eq!(item.vr().to_string(), "NONE");
}

#[test]
fn group_length_of_private_groups() {
    let d = dict();
    for creator in [None, Some(SIEMENS), Some("nobody")] {
        let v = d.lookup(0x0019, 0x0000, creator).unwrap();
        assert_eq!(v.kind(), Kind::GroupLength);
        assert_eq!((v.group(), v.element()), (0x0019, 0x0000));
        assert_eq!(v.pattern(), "(gggg,0000)");
        assert_eq!(v.vr().single(), Some(Vr::UL));
        assert_eq!(v.entry_id(), None);
        assert_eq!(v.creator(), None);
    }
}

#[test]
fn group_length_of_other_groups() {
    let d = dict();
    for (g, e) in [
        (0x0008, 0x0000),
        (0x0010, 0x0000),
        (0xFFFF, 0x0000),
        (0x0003, 0x0000),
    ] {
        let v = d.lookup(g, e, None).unwrap();
        assert_eq!(v.kind(), Kind::GroupLength, "({g:04X},{e:04X})");
        assert_eq!(&*v.keyword(), "GroupLength");
    }
    // Rule 3 comes before rule 4: (60xx,xxxx) covers (6000,0000) in this fixture.
    assert_eq!(
        d.lookup(0x6000, 0x0000, None).unwrap().kind(),
        Kind::Repeater
    );
}

#[test]
fn private_low_byte_and_block_forms_find_the_same_entry() {
    let d = dict();
    let low = d.lookup(0x0019, 0x000C, Some(SIEMENS)).unwrap();
    assert_eq!(low.kind(), Kind::Private);
    assert_eq!((low.group(), low.element()), (0x0019, 0x000C));
    assert_eq!(&*low.keyword(), "BValue");
    assert_eq!(low.pattern(), "(0019,xx0C)");
    assert!(low.block_offset());
    assert_eq!(low.block(), None);
    assert_eq!(low.creator(), Some(SIEMENS));
    assert_eq!(low.creator_match(), Some(CreatorMatch::Exact));
    assert_eq!(low.vendor(), Some("Siemens"));
    for element in [0x100C, 0x110C, 0xFF0C] {
        let v = d.lookup(0x0019, element, Some(SIEMENS)).unwrap();
        assert_eq!(v.entry_id(), low.entry_id());
        assert_eq!(
            v.element(),
            element,
            "the view reports the element asked for"
        );
    }
}

#[test]
fn creator_is_normalised() {
    let d = dict();
    for spelling in [
        " SIEMENS MR HEADER",
        "SIEMENS MR HEADER\0",
        "\0 SIEMENS MR HEADER \0 ",
    ] {
        let v = d.lookup(0x0019, 0x100C, Some(spelling)).unwrap();
        assert_eq!(
            (&*v.keyword(), v.creator_match()),
            ("BValue", Some(CreatorMatch::Exact)),
            "{spelling:?}"
        );
    }
}

#[test]
fn alias_spelling_is_an_exact_match_reported_with_the_canonical_name() {
    let d = dict();
    let v = d.lookup(0x0019, 0x100C, Some("Siemens MR Header")).unwrap();
    assert_eq!(v.creator_match(), Some(CreatorMatch::Exact));
    assert_eq!(v.creator(), Some(SIEMENS));
}

#[test]
fn folded_creator_is_reported_as_folded() {
    let d = dict();
    for spelling in [
        "siemens mr header",
        "SIEMENS  MR\tHEADER",
        "SiemensMRHeader",
    ] {
        let v = d.lookup(0x0019, 0x100C, Some(spelling)).unwrap();
        assert_eq!(
            v.creator_match(),
            Some(CreatorMatch::Folded),
            "{spelling:?}"
        );
        assert_eq!(v.creator(), Some(SIEMENS));
        assert_eq!(&*v.keyword(), "BValue");
    }
}

#[test]
fn folded_form_shared_by_several_creators_tries_each_in_order() {
    let d = dict();
    // "ACME 1" and "Acme1" both fold to "ACME1".
    let one = d.lookup(0x0009, 0x1001, Some("acme 1")).unwrap();
    assert_eq!(
        (&*one.keyword(), one.creator()),
        ("AcmeOne", Some("ACME 1"))
    );
    let two = d.lookup(0x0009, 0x1002, Some("acme 1")).unwrap();
    assert_eq!((&*two.keyword(), two.creator()), ("AcmeTwo", Some("Acme1")));
    assert_eq!(two.creator_match(), Some(CreatorMatch::Folded));
    assert_eq!(two.vendor(), None);
    // The exact spelling resolves to its own creator only.
    let exact = d.lookup(0x0009, 0x1001, Some("Acme1")).unwrap();
    assert_eq!(
        (&*exact.keyword(), exact.creator_match()),
        ("Shared", Some(CreatorMatch::Exact))
    );
    assert!(d.lookup(0x0009, 0x1002, Some("ACME 1")).is_none());
}

#[test]
fn creators_match_whole_strings_only() {
    let d = dict();
    for other in [
        "SIEMENS MR HEADERS",
        "SIEMENS MR HEADE",
        "SIEMENS",
        "",
        "SIEMENS MR HEADER\0X",
        "S1EMENS MR HEADER",
    ] {
        assert!(d.lookup(0x0019, 0x100C, Some(other)).is_none(), "{other:?}");
        assert!(d.lookup(0x0019, 0x000C, Some(other)).is_none(), "{other:?}");
    }
}

#[test]
fn private_element_needs_a_creator() {
    let d = dict();
    assert!(d.lookup(0x0019, 0x100C, None).is_none());
    assert!(d.lookup(0x0019, 0x000C, None).is_none());
}

#[test]
fn block_specific_beats_any_block() {
    let d = dict();
    let b11 = d.lookup(0x0029, 0x1101, Some(TOSHIBA)).unwrap();
    assert_eq!(&*b11.keyword(), "ToshibaBlock11");
    assert_eq!((b11.block(), b11.block_offset()), (Some(0x11), false));
    assert_eq!(b11.pattern(), "(0029,1101)");
    assert_eq!(
        keyword(&d, 0x0029, 0x1001, Some(TOSHIBA)).as_deref(),
        Some("ToshibaGeneric")
    );
    assert_eq!(
        keyword(&d, 0x0029, 0x1201, Some(TOSHIBA)).as_deref(),
        Some("ToshibaGeneric")
    );
    // A low-byte element names no block: only the any-block entry applies.
    assert_eq!(
        keyword(&d, 0x0029, 0x0001, Some(TOSHIBA)).as_deref(),
        Some("ToshibaGeneric")
    );
    assert_eq!(
        keyword(&d, 0x0029, 0x1202, Some(TOSHIBA)).as_deref(),
        Some("ToshibaOnlyBlock12")
    );
    assert_eq!(keyword(&d, 0x0029, 0x1302, Some(TOSHIBA)), None);
    assert_eq!(keyword(&d, 0x0029, 0x0002, Some(TOSHIBA)), None);
}

#[test]
fn private_repeating_groups() {
    let d = dict();
    let v = d.lookup(0x7003, 0x1004, Some("ACME REPEAT")).unwrap();
    assert_eq!(v.kind(), Kind::PrivateRepeater);
    assert_eq!(&*v.keyword(), "AcmeRepeat");
    assert_eq!(v.pattern(), "(70xx,xx04)");
    assert!(v.block_offset());
    assert_eq!(
        keyword(&d, 0x70FF, 0x0004, Some("acme repeat")).as_deref(),
        Some("AcmeRepeat")
    );
    // The group's own PRIV entry beats the repeating one.
    assert_eq!(
        keyword(&d, 0x7001, 0x1004, Some("ACME REPEAT")).as_deref(),
        Some("AcmeExact7001")
    );
    // Mask mismatch: 0x7101 & 0xFF01 != 0x7001.
    assert_eq!(keyword(&d, 0x7101, 0x1004, Some("ACME REPEAT")), None);
    // Block-specific before any-block within PRPT too.
    assert_eq!(
        keyword(&d, 0x7005, 0x1005, Some("ACME REPEAT")).as_deref(),
        Some("AcmeRepeatBlock10")
    );
    assert_eq!(
        keyword(&d, 0x7005, 0x1105, Some("ACME REPEAT")).as_deref(),
        Some("AcmeRepeatAnyBlock")
    );
    assert_eq!(
        keyword(&d, 0x7005, 0x0005, Some("ACME REPEAT")).as_deref(),
        Some("AcmeRepeatAnyBlock")
    );
    let b = d.lookup(0x7005, 0x1005, Some("ACME REPEAT")).unwrap();
    assert_eq!(
        (b.pattern().as_str(), b.block()),
        ("(70xx,1005)", Some(0x10))
    );
}

#[test]
fn private_creator_elements() {
    let d = dict();
    for (e, creator) in [
        (0x0010, None),
        (0x00FF, None),
        (0x0011, Some(SIEMENS)),
        (0x0010, Some("nobody")),
        (0x0042, Some(TOSHIBA)),
    ] {
        let v = d.lookup(0x0019, e, creator).unwrap();
        assert_eq!(v.kind(), Kind::PrivateCreator, "(0019,{e:04X}) {creator:?}");
        assert_eq!(v.pattern(), "(gggg,0010-00FF)");
        assert_eq!(v.vr().single(), Some(Vr::LO));
        assert_eq!((v.group(), v.element()), (0x0019, e));
        assert_eq!(v.creator(), None);
    }
    // With a creator that has an xx10 entry, (gggg,0010) is read as that low byte first.
    assert_eq!(
        keyword(&d, 0x0019, 0x0010, Some(SIEMENS)).as_deref(),
        Some("SiemensElement10")
    );
}

#[test]
fn reserved_private_elements_match_nothing() {
    let d = dict();
    for e in [0x0001, 0x000F, 0x0100, 0x0FFF, 0x0800] {
        assert!(d.lookup(0x0019, e, None).is_none(), "(0019,{e:04X})");
    }
    assert!(d.lookup(0x0019, 0x0100, Some(SIEMENS)).is_none());
    assert!(d.lookup(0x0019, 0x0001, Some(SIEMENS)).is_none());
}

#[test]
fn repeaters_first_match() {
    let d = dict();
    let v = d.lookup(0x6002, 0x3000, None).unwrap();
    assert_eq!(
        (v.kind(), &*v.keyword(), v.pattern().as_str()),
        (Kind::Repeater, "OverlayData", "(60xx,3000)")
    );
    assert_eq!((v.group(), v.element()), (0x6002, 0x3000));
    assert_eq!(
        keyword(&d, 0x6002, 0x4444, None).as_deref(),
        Some("OverlayAnything")
    );
    let v = d.lookup(0x0028, 0x0410, None).unwrap();
    assert_eq!(
        (&*v.keyword(), v.pattern().as_str()),
        ("RowsForNthOrderCoefficients", "(0028,04x0)")
    );
    assert!(v.retired());
    assert_eq!(keyword(&d, 0x0028, 0x0411, None), None);
    assert_eq!(
        keyword(&d, 0x5004, 0x0010, None).as_deref(),
        Some("NumberOfPoints")
    );
    assert_eq!(
        keyword(&d, 0x7F02, 0x0010, None).as_deref(),
        Some("VariablePixelData")
    );
    assert_eq!(
        d.lookup(0x1000, 0x0010, None).unwrap().pattern(),
        "(1000,xxx0)"
    );
    assert_eq!(
        d.lookup(0x0020, 0x3105, None).unwrap().pattern(),
        "(0020,31xx)"
    );
}

#[test]
fn private_groups_never_fall_through_to_repeaters() {
    // (60xx,3000) and (60xx,xxxx) are repeaters of this fixture, but (6001,gggg) is a private
    // group: without a creator, or with one the dictionary does not know, (gggg,BBEE) matches
    // nothing, and a known creator without the element does not fall through either.
    let d = dict();
    for creator in [
        None,
        Some("NO SUCH CREATOR"),
        Some(SIEMENS),
        Some("siemens mr header"),
    ] {
        for element in [0x3000, 0x1000, 0x100C, 0xFFFF] {
            assert_eq!(
                keyword(&d, 0x6001, element, creator),
                None,
                "(6001,{element:04X}) {creator:?}"
            );
        }
        // Group length and private creator elements still apply, before the repeaters.
        let v = d.lookup(0x6001, 0x0000, creator).unwrap();
        assert_eq!(v.kind(), Kind::GroupLength, "{creator:?}");
        let v = d.lookup(0x6001, 0x0010, creator).unwrap();
        assert_eq!(v.kind(), Kind::PrivateCreator, "{creator:?}");
        assert_eq!(keyword(&d, 0x6001, 0x0100, creator), None);
        assert_eq!(keyword(&d, 0x6001, 0x0001, creator), None);
    }
    // The even groups of the range are public: the repeaters apply there.
    assert_eq!(
        keyword(&d, 0x6000, 0x3000, None).as_deref(),
        Some("OverlayData")
    );
    assert_eq!(
        keyword(&d, 0x6000, 0x3000, Some(SIEMENS)).as_deref(),
        Some("OverlayData")
    );
    // An odd group that is not private (below 0x0009, or FFFF) still reaches rule 3 and 4.
    assert_eq!(
        d.lookup(0xFFFF, 0x0000, None).unwrap().kind(),
        Kind::GroupLength
    );
}

#[test]
fn provenance_and_description() {
    let d = dict();
    let v = d.lookup(0x0018, 0x0010, None).unwrap();
    assert_eq!(v.description(), "what was injected");
    assert_eq!(v.sources_summary(), "test;other");
    let s: Vec<_> = v.sources().map(|s| (s.id, s.document, s.page)).collect();
    assert_eq!(s, [("test", "part06.xml", 12), ("other", "dict.txt", 0)]);
    assert_eq!(v.sources().summary(), "test;other");
}

#[test]
fn conflicts_and_candidates() {
    let d = dict();
    let v = d.lookup(0x0018, 0x1000, None).unwrap();
    assert!(v.conflict());
    assert_eq!(v.confidence(), 60);
    let c: Vec<_> = v
        .candidates()
        .map(|c| (c.vr.to_string(), c.vm, c.chosen, c.sources.summary()))
        .collect();
    assert_eq!(
        c,
        [
            ("LO".to_owned(), "1", true, "test"),
            ("SH".to_owned(), "1", false, "other")
        ]
    );
    assert_eq!(
        d.lookup(0x0008, 0x0005, None).unwrap().candidates().count(),
        0
    );
    assert_eq!(
        d.lookup(0x0019, 0x0000, None).unwrap().candidates().count(),
        0
    );
}

#[test]
fn keywords() {
    let d = dict();
    let v = d.lookup_keyword("PatientName", None).unwrap();
    assert_eq!(
        (v.group(), v.element(), v.kind()),
        (0x0010, 0x0010, Kind::Public)
    );
    let v = d.lookup_keyword("BValue", None).unwrap();
    assert_eq!(
        (v.group(), v.element(), v.creator()),
        (0x0019, 0x000C, Some(SIEMENS))
    );
    let v = d.lookup_keyword("ToshibaBlock11", None).unwrap();
    assert_eq!((v.element(), v.pattern().as_str()), (0x1101, "(0029,1101)"));
    assert!(d.lookup_keyword("patientname", None).is_none());
    assert!(d.lookup_keyword("Nope", None).is_none());
    let shared: Vec<_> = d
        .entries_for_keyword("Shared")
        .map(|v| (v.group(), v.creator()))
        .collect();
    assert_eq!(shared, [(0x0009, Some("Acme1")), (0x0011, Some("ACME 1"))]);
    let v = d.lookup_keyword("Shared", Some("ACME 1")).unwrap();
    assert_eq!(v.group(), 0x0011);
    assert_eq!(
        d.lookup_keyword("Shared", Some("acme 1"))
            .unwrap()
            .creator_match(),
        Some(CreatorMatch::Folded)
    );
    assert!(d.lookup_keyword("Shared", Some(SIEMENS)).is_none());
    assert!(d
        .entries()
        .filter(|v| v.creator_id().is_some() && !v.keyword().is_empty())
        .all(|v| v.creator().is_some()));
    assert_eq!(
        d.entries()
            .filter(|v| v.creator_id().is_some() && !v.keyword().is_empty())
            .count(),
        18
    );
}

#[test]
fn lookup_text_forms() {
    let d = dict();
    let id = d.lookup(0x0019, 0x000C, Some(SIEMENS)).unwrap().entry_id();
    for text in [
        "0019 xx0C",
        "(0019,xx0C)",
        "0019 100C",
        "(0019,100c)",
        "0x0019 0x100C",
        "0019100C",
        "BValue",
    ] {
        let v = d.lookup_text(text, Some(SIEMENS)).unwrap().unwrap();
        assert_eq!(v.entry_id(), id, "{text}");
    }
    assert_eq!(
        d.lookup_text("SpecificCharacterSet", None)
            .unwrap()
            .unwrap()
            .tag(),
        0x0008_0005
    );
    assert!(d.lookup_text("(0019,10G0)", None).is_err());
}

#[test]
fn search_names_and_keywords() {
    let d = dict();
    let hits: Vec<_> = d
        .search("OVERLAY")
        .map(|v| v.keyword().into_owned())
        .collect();
    assert_eq!(hits, ["OverlayData", "OverlayAnything"]);
    let hits: Vec<_> = d
        .search("character set")
        .map(|v| v.keyword().into_owned())
        .collect();
    assert_eq!(hits, ["SpecificCharacterSet"]);
    assert_eq!(d.search("zzz").count(), 0);
}

#[test]
fn creators_listing() {
    let d = dict();
    let names: Vec<_> = d.creators().map(|c| c.name()).collect();
    assert_eq!(names, [SIEMENS, TOSHIBA, "ACME 1", "Acme1", "ACME REPEAT"]);
    let found = d.creator("siemens mr header");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].name(), found[0].matched()),
        (SIEMENS, CreatorMatch::Folded)
    );
    let spellings: Vec<_> = found[0].spellings().collect();
    assert_eq!(spellings, [SIEMENS, "Siemens MR Header"]);
    let entries: Vec<_> = found[0]
        .entries()
        .map(|v| v.keyword().into_owned())
        .collect();
    assert_eq!(
        entries,
        [
            "NumberOfImagesInMosaic",
            "BValue",
            "SliceCount",
            "Private_0019_xx0E",
            "SiemensElement10"
        ]
    );
    assert_eq!(d.creator("Acme1").len(), 1, "exact spelling");
    assert_eq!(d.creator("acme1").len(), 2, "folded: both creators");
    assert_eq!(d.creator("acme 1").len(), 2, "folded: both creators");
    assert!(d.creator("nobody").is_empty());
    let repeat: Vec<_> = d.creator("ACME REPEAT")[0]
        .entries()
        .map(|v| v.kind())
        .collect();
    assert_eq!(
        repeat,
        [
            Kind::Private,
            Kind::PrivateRepeater,
            Kind::PrivateRepeater,
            Kind::PrivateRepeater,
            Kind::PrivateRepeater
        ]
    );
}

#[test]
fn iteration_and_info() {
    let d = dict();
    let all: Vec<_> = d.entries().collect();
    assert_eq!(all.len(), d.len());
    assert_eq!(all.len(), 10 + 7 + 14 + 4);
    for (i, v) in all.iter().enumerate() {
        assert_eq!(v.entry_id(), Some(i as u32));
        assert_eq!(d.entry(i as u32).unwrap().keyword(), v.keyword());
    }
    let info = d.info();
    assert_eq!(
        (
            info.public_count,
            info.repeater_count,
            info.private_count,
            info.private_repeater_count
        ),
        (10, 7, 14, 4)
    );
    assert_eq!(
        (info.creator_count, info.spelling_count, info.conflict_count),
        (5, 6, 1)
    );
    assert_eq!(info.total_entries, 35);
    assert_eq!(info.edition, "2025b");
    assert!((info.bytes_per_tag - d.as_bytes().len() as f64 / 35.0).abs() < 1e-9);
    assert_eq!(
        d.metadata_value("generator"),
        Some("dicom-map test builder")
    );
    assert_eq!(d.metadata_value("nope"), None);
    let ids: Vec<_> = info.sources.iter().map(|s| (s.id, s.is_copy)).collect();
    assert_eq!(ids, [("test", false), ("other", false), ("copy", true)]);
    assert!(d.has_private_entries());
}

#[test]
fn larger_record_sizes_are_read_with_the_table_stride() {
    let mut b = fixture();
    b.record_pad = 12;
    b.extra_sections.push((*b"ZZZZ", 3, vec![7; 9]));
    let d = Dict::from_bytes(b.build()).unwrap();
    d.verify().unwrap();
    let plain = dict();
    for (x, y) in d.entries().zip(plain.entries()) {
        assert_eq!(
            (&*x.keyword(), x.pattern(), x.vr(), x.vm()),
            (&*y.keyword(), y.pattern(), y.vr(), y.vm())
        );
    }
    assert_eq!(
        keyword(&d, 0x0029, 0x1101, Some("toshiba_mec_mr3")).as_deref(),
        Some("ToshibaBlock11")
    );
    assert!(d.sections().iter().any(|s| s.id.0 == *b"ZZZZ"));
}

#[test]
fn empty_dictionary() {
    let d = Dict::from_bytes(Builder::new().build()).unwrap();
    d.verify().unwrap();
    assert!(d.is_empty());
    assert!(d.lookup(0x0008, 0x0005, None).is_none());
    assert_eq!(
        d.lookup(0x0008, 0x0000, None).unwrap().kind(),
        Kind::GroupLength
    );
    assert_eq!(
        d.lookup(0x0009, 0x0010, Some("X")).unwrap().kind(),
        Kind::PrivateCreator
    );
    assert!(!d.has_private_entries());
}

#[test]
fn generated_keywords_are_derived() {
    let d = dict();
    let v = d.lookup(0x0019, 0x100D, Some(SIEMENS)).unwrap();
    assert!(v.keyword_generated());
    assert_eq!(v.stored_keyword(), "");
    assert_eq!(v.keyword(), "SliceCount");
    assert_eq!(
        d.lookup(0x0019, 0x000E, Some(SIEMENS)).unwrap().keyword(),
        "Private_0019_xx0E"
    );
    assert_eq!(
        d.lookup(0x0029, 0x1103, Some(TOSHIBA)).unwrap().keyword(),
        "Dup_0029_1103"
    );
    assert_eq!(
        d.lookup(0x7003, 0x1006, Some("ACME REPEAT"))
            .unwrap()
            .keyword(),
        "RepeatThing_70xx_xx06"
    );
    assert!(!d
        .lookup(0x0019, 0x000C, Some(SIEMENS))
        .unwrap()
        .keyword_generated());
}

#[test]
fn generated_keywords_are_found_by_keyword() {
    let d = dict();
    for (kw, pattern) in [
        ("SliceCount", "(0019,xx0D)"),
        ("Private_0019_xx0E", "(0019,xx0E)"),
        ("Dup_0029_1103", "(0029,1103)"),
        ("RepeatThing_70xx_xx06", "(70xx,xx06)"),
    ] {
        let v = d.lookup_keyword(kw, None).unwrap_or_else(|| panic!("{kw}"));
        assert_eq!(v.pattern(), pattern);
        assert_eq!(v.keyword(), kw);
        assert_eq!(d.entries_for_keyword(kw).count(), 1);
    }
    assert!(
        d.lookup_keyword("Dup", None).is_none(),
        "the suffix is part of the keyword"
    );
    let hits: Vec<_> = d.search("slicecount").map(|v| v.pattern()).collect();
    assert_eq!(hits, ["(0019,xx0D)"]);
}

#[test]
fn descriptions_live_in_desc() {
    let d = dict();
    assert_eq!(
        d.lookup(0x0018, 0x0010, None).unwrap().description(),
        "what was injected"
    );
    assert_eq!(d.lookup(0x0008, 0x0005, None).unwrap().description(), "");
    assert_eq!(d.lookup(0x0019, 0x0000, None).unwrap().description(), "");
}

#[test]
fn stored_and_generated_keywords_merge_in_entry_id_order() {
    let mut b = Builder::new();
    b.public(0x0008_0005, "SliceCount", "CS", "1");
    b.creator("A", "", &[]).creator("B", "", &[]);
    b.private(0x0009, "A", 0x01, 0, "", "LO", "1")
        .name("Slice count")
        .generated(false);
    b.private(0x0009, "B", 0x01, 0, "SliceCount", "US", "1");
    let d = Dict::from_bytes(b.build()).unwrap();
    d.verify().unwrap();
    let hits: Vec<_> = d
        .entries_for_keyword("SliceCount")
        .map(|v| (v.entry_id(), v.keyword_generated(), v.creator()))
        .collect();
    assert_eq!(
        hits,
        [
            (Some(0), false, None),
            (Some(1), true, Some("A")),
            (Some(2), false, Some("B"))
        ]
    );
    assert_eq!(
        d.lookup_keyword("SliceCount", None).unwrap().tag(),
        0x0008_0005
    );
    let a = d.lookup_keyword("SliceCount", Some("a")).unwrap();
    assert_eq!(
        (a.entry_id(), a.creator_match()),
        (Some(1), Some(CreatorMatch::Folded))
    );
    let b = d.lookup_keyword("SliceCount", Some("B")).unwrap();
    assert_eq!(
        (b.entry_id(), b.creator_match()),
        (Some(2), Some(CreatorMatch::Exact))
    );
    assert!(d.lookup_keyword("SliceCount", Some("C")).is_none());
    assert_eq!(d.entries_for_keyword("Slice").count(), 0);
    assert_eq!(d.entries_for_keyword("SliceCountX").count(), 0);
}

#[test]
fn keywords_are_borrowed_and_nul_terminated() {
    use std::borrow::Cow;
    let d = dict();
    let mut generated = 0;
    for v in d.entries() {
        let keyword = v.keyword();
        assert!(matches!(keyword, Cow::Borrowed(_)), "{v:?}");
        assert_eq!(v.keyword_cstr().to_str().unwrap(), &*keyword);
        generated += usize::from(v.keyword_generated());
    }
    assert_eq!(generated, 4);
    // The synthetic entries too.
    for (g, e) in [(0x0019, 0x0000), (0x0019, 0x0010)] {
        let v = d.lookup(g, e, None).unwrap();
        assert_eq!(v.keyword_cstr().to_str().unwrap(), &*v.keyword());
    }
    // Stored keywords are borrowed from the file itself.
    let v = d.lookup(0x0008, 0x0005, None).unwrap();
    let bytes = d.as_bytes().as_ptr_range();
    assert!(bytes.contains(&v.keyword_cstr().as_ptr().cast()));
}

#[test]
fn keywords_sharing_their_first_eight_bytes() {
    // The index compares eight-byte prefixes first: ties must be settled on the whole keyword.
    let mut b = Builder::new();
    b.public(0x0008_0001, "AcmeTest", "CS", "1");
    b.public(0x0008_0002, "AcmeTestLonger", "CS", "1");
    b.public(0x0008_0003, "AcmeTestLong", "CS", "1");
    b.public(0x0008_0004, "Acme", "CS", "1");
    b.creator("A", "", &[]);
    for (ee, name) in [(0x01, ""), (0x02, ""), (0x03, "Acme test longest")] {
        b.private(0x0009, "A", ee, 0, "", "LO", "1")
            .name(name)
            .generated(false);
    }
    let d = Dict::from_bytes(b.build()).unwrap();
    d.verify().unwrap();
    let tag = |k: &str| d.lookup_keyword(k, None).map(|v| v.tag());
    assert_eq!(tag("AcmeTest"), Some(0x0008_0001));
    assert_eq!(tag("AcmeTestLonger"), Some(0x0008_0002));
    assert_eq!(tag("AcmeTestLong"), Some(0x0008_0003));
    assert_eq!(tag("Acme"), Some(0x0008_0004));
    assert_eq!(tag("AcmeTestLongest"), Some(0x0009_0003));
    assert_eq!(tag("Private_0009_xx01"), Some(0x0009_0001));
    assert_eq!(tag("Private_0009_xx02"), Some(0x0009_0002));
    for missing in [
        "Acm",
        "AcmeT",
        "AcmeTes",
        "AcmeTestL",
        "AcmeTestLongerX",
        "Acme\0",
        "AcmeTest\0",
        "Private",
        "Private_",
        "Private_0009_xx0",
        "Private_0009_xx03",
        "",
    ] {
        assert_eq!(tag(missing), None, "{missing:?}");
    }
}
