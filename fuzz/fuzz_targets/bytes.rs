//! cargo-fuzz target `bytes`: see `dicom_map_fuzz::bytes`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dicom_map_fuzz::bytes(data));
