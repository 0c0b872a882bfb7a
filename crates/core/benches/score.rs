//! Criterion benchmark: scoring one pre-parsed resume against one job (goal ≤ 1 ms), with and
//! without the per-resume feature extraction, and the job analysis.
//! Run with `cargo bench -p atscore-core --bench score` (or `scripts/bench`).

use atscore_core::matching::job::parse_job;
use atscore_core::matching::score::{
    score, score_features, JobProfile, ResumeFeatures, ScoreConfig,
};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::{parse_resume, Limits, ParseOptions};
use atscore_testkit::examples::examples_dir as examples;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let tax = Taxonomy::embedded();
    let job_bytes = std::fs::read(examples().join("jobs/platform-engineer.md")).unwrap();
    let job = parse_job(&job_bytes, &Limits::default(), tax).unwrap();
    let cfg = ScoreConfig::default();
    let mut g = c.benchmark_group("score");
    for name in ["alex-experienced.md", "lee-junior.md"] {
        let bytes = std::fs::read(examples().join("resumes").join(name)).unwrap();
        let r = parse_resume(&bytes, &ParseOptions::default()).unwrap();
        g.bench_function(format!("pre-parsed/{name}"), |b| {
            b.iter(|| score(&r, &job, tax, &cfg))
        });
        let f = ResumeFeatures::from_resume(&r, tax);
        let p = JobProfile::new(&job);
        g.bench_function(format!("features-ready/{name}"), |b| {
            b.iter(|| score_features(&f, &p, tax, &cfg))
        });
    }
    g.bench_function("job-analysis/platform-engineer.md", |b| {
        b.iter(|| parse_job(&job_bytes, &Limits::default(), tax).unwrap())
    });
    // A 1,000-word posting (goal < 1 ms).
    let mut long = std::fs::read_to_string(examples().join("jobs/backend-engineer.md")).unwrap();
    while long.split_whitespace().count() < 1000 {
        long.push_str(
            "\n- Experience building reliable APIs with Python, PostgreSQL and Docker at scale\n",
        );
    }
    g.bench_function("job-analysis/1000-words", |b| {
        b.iter(|| parse_job(long.as_bytes(), &Limits::default(), tax).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
