//! cargo-fuzz target `search`: see `dicom_map_fuzz::search`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dicom_map_fuzz::search(data));
