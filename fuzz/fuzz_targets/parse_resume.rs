//! Fuzz the whole resume pipeline as the CLI and the server run it (detection, guarded
//! extraction, sections, entities, findings, skills).
#![no_main]

use atscore_core::{parse_resume, ParseOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_resume(data, &ParseOptions::default());
});
