//! Fuzz the doc extractor directly (no detection, no guard thread): any panic is a bug.
#![no_main]

use atscore_core::limits::Limits;
use atscore_core::document::extract;
use atscore_core::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = extract::extract(data, Format::Doc, &Limits::default());
});
