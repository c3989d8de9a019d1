//! cargo-fuzz target `parse`: see `dicom_map_fuzz::parse`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dicom_map_fuzz::parse(data));
