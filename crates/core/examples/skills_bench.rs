//! Skills matcher numbers: `cargo run --release -p atscore-core --example skills_bench`.
//! Prints the embedded taxonomy's load time, automaton size, process RSS, and the time of
//! `Taxonomy::find` on a ~1,000-word resume.

use std::time::Instant;

use atscore_core::matching::skills::Taxonomy;

const PARAGRAPH: &str = "Senior Software Engineer at Acme Corp, Berlin (2019 – present).
Led a team of 6 engineers building microservices in Go and Python on Kubernetes (EKS) with
Terraform, Docker and GitHub Actions; cut p95 latency by 40% with Redis caching and PostgreSQL
query tuning. Built data pipelines with Apache Spark, Airflow and dbt on Snowflake; dashboards
in Tableau and Power BI. Mentored juniors, ran Scrum ceremonies, and worked with stakeholders
across product and marketing to ship A/B tests, SEO improvements and Google Analytics (GA4)
tracking. Skills: JavaScript, TypeScript, React, Node.js, C++, C#, .NET, Java, Spring Boot,
SQL, MongoDB, Kafka, AWS, GCP, Azure, CI/CD, Linux, Bash, Git, Jira, Agile, communication,
problem solving, project management and Microsoft Excel (pivot tables, VLOOKUP). ";

fn rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let l = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    l.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let rss0 = rss_kib();
    let t0 = Instant::now();
    let tax = Taxonomy::embedded();
    let load = t0.elapsed();
    let rss1 = rss_kib();
    println!(
        "taxonomy {}: {} skills, file {} bytes",
        tax.version(),
        tax.len(),
        atscore_core::matching::skills::taxonomy::TAXONOMY_TSV.len()
    );
    println!("load (first use): {:.1} ms", load.as_secs_f64() * 1e3);
    println!(
        "automaton + pattern table: {:.2} MiB",
        tax.automaton_bytes() as f64 / 1048576.0
    );
    if let (Some(a), Some(b)) = (rss0, rss1) {
        println!(
            "RSS: {:.1} MiB before, {:.1} MiB after load (+{:.1})",
            a as f64 / 1024.0,
            b as f64 / 1024.0,
            (b - a) as f64 / 1024.0
        );
    }

    let mut text = String::new();
    while text.split_whitespace().count() < 1000 {
        text.push_str(PARAGRAPH);
    }
    let words = text.split_whitespace().count();
    let n = 2000;
    let mut hits = 0;
    let t = Instant::now();
    for _ in 0..n {
        hits = std::hint::black_box(tax.find(std::hint::black_box(&text))).len();
    }
    let per = t.elapsed() / n;
    println!(
        "find on {words} words ({} bytes): {:.1} µs per call, {hits} mentions",
        text.len(),
        per.as_secs_f64() * 1e6
    );
    let first: Vec<String> = tax
        .find(PARAGRAPH)
        .iter()
        .map(|m| format!("{}={}", m.matched_as, tax.skill(m.skill).name))
        .collect();
    println!("{}", first.join(", "));
}
