//! Fuzz the job-description parser (detection, extraction, sections, skills, requirements).
#![no_main]

use atscore_core::limits::Limits;
use atscore_core::matching::skills::Taxonomy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = atscore_core::matching::job::parse_job(data, &Limits::default(), Taxonomy::embedded());
});
