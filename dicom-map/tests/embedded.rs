//! The `embedded` feature: the bundled dictionary compiled in is the file in `data/`, valid.
#![cfg(feature = "embedded")]

mod support;

#[test]
fn embedded_is_the_bundled_file_and_verifies() {
    let d = dicom_map::embedded();
    d.verify().expect("the embedded dictionary verifies");
    assert_eq!(
        d.as_bytes(),
        &support::real_bytes()[..],
        "rebuild after changing dicom-map/tags.dmap"
    );
    assert_eq!(
        d.lookup(0x0008, 0x0005, None).unwrap().keyword(),
        "SpecificCharacterSet"
    );
    assert!(std::ptr::eq(d, dicom_map::embedded()), "opened once");
    let fresh = dicom_map::Dict::embedded();
    assert_eq!(fresh.len(), d.len());
}
