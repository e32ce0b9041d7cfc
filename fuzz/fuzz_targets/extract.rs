//! Arbitrary bytes, read as UTF-8 with replacement characters, as a document: analysed whole
//! and checked as the property test checks (no panic, every span reads back, the record
//! serialises), with libFuzzer steering towards new paths through the pipeline.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check(String::from_utf8_lossy(data).into_owned());
});
