//! Debug aid: the job analysis of a posting as JSON (skills with importance and evidence,
//! credentials, years, degree). `cargo run -p atscore-core --example job_json FILE`

use atscore_core::matching::job::parse_job;
use atscore_core::matching::skills::Taxonomy;
use atscore_core::Limits;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: job_json FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match parse_job(&bytes, &Limits::default(), Taxonomy::embedded()) {
        Ok(job) => println!(
            "{}",
            serde_json::to_string_pretty(&job).expect("a job serialises")
        ),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
