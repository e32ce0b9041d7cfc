//! Arbitrary bytes as the file `zhnews extract` reads: decoded in whatever encoding they may
//! be (UTF-8, UTF-16, GBK, GB18030, Big5) or refused with an error, then read both as a text
//! file and as an HTML page, each analysed whole and checked as the `extract` target checks:
//! no panic, every span reads back, the record serialises.
#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use zhnews::{decode_bytes, read_html};

fuzz_target!(|data: &[u8]| {
    let Ok((text, _encoding)) = decode_bytes(data, Path::new("fuzz.txt")) else {
        return;
    };
    let page = read_html(&text);
    common::check(text);
    common::check(page.text);
});
