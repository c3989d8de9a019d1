//! cargo-fuzz target `text`: see `dicom_map_fuzz::text`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dicom_map_fuzz::text(data));
