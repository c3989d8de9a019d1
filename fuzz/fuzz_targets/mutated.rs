//! cargo-fuzz target `mutated`: see `dicom_map_fuzz::mutated`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dicom_map_fuzz::mutated(data));
