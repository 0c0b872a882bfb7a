//! Ranking quality on a real, human-annotated set: `../shared/data/vacancy-resume-matching`
//! (Vanetik & Kogan 2023; 65 CVs, 5 vacancies, two annotators ranking the 5 vacancies for
//! CVs 1–30; GPL-3.0, EVAL ONLY — read from ../shared at test time, never copied here).
//!
//! For each annotated CV we rank the 5 vacancies by atscore's score (what `atscore match`
//! does) and compare with each annotator by Spearman's ρ, averaged over CVs. The annotators'
//! own agreement is the ceiling. The file's arrays list vacancies from best to worst ("place 1
//! in the annotation array" is the best); a few arrays repeat a vacancy (annotation slips), so
//! ties get average ranks.

use atscore_core::matching::job::{parse_job_text, JobDescription};
use atscore_core::matching::score::{score_features, JobProfile, ResumeFeatures, ScoreConfig};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::{parse_resume, ParseOptions};
use atscore_testkit::corpus::require_data_dir;

/// Ranks (1 = best) of items given as a best-to-worst list of 1-based ids; ids missing from
/// the list share the remaining places; repeated ids keep their first place.
fn ranks_from_order(order: &[usize], n: usize) -> Vec<f64> {
    let mut rank = vec![0.0; n];
    let mut seen = vec![false; n];
    let mut place = 1.0;
    for &id in order {
        if id >= 1 && id <= n && !seen[id - 1] {
            seen[id - 1] = true;
            rank[id - 1] = place;
            place += 1.0;
        }
    }
    let missing: Vec<usize> = (0..n).filter(|i| !seen[*i]).collect();
    if !missing.is_empty() {
        let avg = (place + n as f64) / 2.0;
        for i in missing {
            rank[i] = avg;
        }
    }
    rank
}

/// Average ranks (1 = highest score) with ties sharing their mean place.
fn ranks_from_scores(scores: &[f64]) -> Vec<f64> {
    let n = scores.len();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let mut rank = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && scores[idx[j + 1]] == scores[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            rank[idx[k]] = avg;
        }
        i = j + 1;
    }
    rank
}

/// Spearman's ρ as the Pearson correlation of ranks (handles ties).
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va * vb).sqrt()
    }
}

/// The annotators' arrays, parsed from the annotation file.
fn annotations(text: &str, name: &str) -> Vec<Vec<usize>> {
    let start = text.find(name).expect("annotator block");
    // Drop the "#1-5" comments: their digits are not rankings.
    let body: String = text[start..]
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let body = body.as_str();
    let open = body.find('[').unwrap();
    let mut depth = 0;
    let mut end = open;
    for (i, c) in body[open..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    end = open + i;
                    break;
                }
            }
            _ => {}
        }
    }
    body[open + 1..end]
        .split(']')
        .filter_map(|chunk| {
            let nums: Vec<usize> = chunk
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|t| t.parse().ok())
                .collect();
            (nums.len() == 5).then_some(nums)
        })
        .collect()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

#[test]
fn spearman_against_two_annotators() {
    let Some(data) = require_data_dir() else {
        return;
    };
    let dir = data.join("vacancy-resume-matching");
    let tax = Taxonomy::embedded();
    let mut rdr = csv::Reader::from_path(dir.join("5_vacancies.csv")).expect("vacancies csv");
    let jobs: Vec<JobDescription> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            let text = format!("# {}\n\n{}", &r[2], &r[1]);
            parse_job_text(&text, tax).expect("job parses")
        })
        .collect();
    assert_eq!(jobs.len(), 5);
    for j in &jobs {
        assert!(
            j.required().count() >= 3,
            "{:?}: too few required skills",
            j.title
        );
    }
    let profiles: Vec<JobProfile> = jobs.iter().map(JobProfile::new).collect();
    let notes = std::fs::read_to_string(dir.join("annotations-for-the-first-30-vacancies.txt"))
        .expect("annotations");
    let a1 = annotations(&notes, "ANNOTATOR_1_RANKINGS");
    let a2 = annotations(&notes, "ANNOTATOR_2_RANKINGS");
    assert_eq!((a1.len(), a2.len()), (30, 20), "annotation arrays");

    let cfg = ScoreConfig::default();
    // Ablations, for the record: the content match alone, its skill coverage alone, its text
    // similarity alone.
    let content_only = ScoreConfig {
        weights: atscore_core::matching::score::Weights::parse("1,0,0").unwrap(),
        ..ScoreConfig::default()
    };
    let skills_only = ScoreConfig {
        skill_share: 1.0,
        ..content_only.clone()
    };
    let text_only = ScoreConfig {
        skill_share: 0.0,
        ..content_only.clone()
    };
    let variants = [&content_only, &skills_only, &text_only];
    let mut ours = Vec::new();
    let mut ablations: Vec<Vec<Vec<f64>>> = vec![Vec::new(); variants.len()];
    for cv in 1..=30 {
        let bytes = std::fs::read(dir.join(format!("CV/{cv}.docx"))).expect("cv");
        let r = parse_resume(&bytes, &ParseOptions::default()).expect("cv parses");
        let f = ResumeFeatures::from_resume(&r, tax);
        assert!(
            r.skills.len() >= 3,
            "CV {cv}: only {} skills read",
            r.skills.len()
        );
        let scores: Vec<f64> = profiles
            .iter()
            .map(|p| score_features(&f, p, tax, &cfg).score)
            .collect();
        ours.push(ranks_from_scores(&scores));
        for (k, v) in variants.iter().enumerate() {
            let s: Vec<f64> = profiles
                .iter()
                .map(|p| score_features(&f, p, tax, v).score)
                .collect();
            ablations[k].push(ranks_from_scores(&s));
        }
    }
    for (label, ranks) in [
        "content only",
        "skill coverage only",
        "text similarity only",
    ]
    .iter()
    .zip(&ablations)
    {
        let m: Vec<f64> = a1
            .iter()
            .zip(ranks)
            .map(|(a, o)| spearman(&ranks_from_order(a, 5), o))
            .collect();
        let m2: Vec<f64> = a2
            .iter()
            .zip(ranks)
            .map(|(a, o)| spearman(&ranks_from_order(a, 5), o))
            .collect();
        println!(
            "vacancy ranking, {label}: vs annotator 1 = {:.3}, vs annotator 2 = {:.3}",
            mean(&m),
            mean(&m2)
        );
    }
    let rho = |ann: &[Vec<usize>]| -> Vec<f64> {
        ann.iter()
            .zip(&ours)
            .map(|(a, o)| spearman(&ranks_from_order(a, 5), o))
            .collect()
    };
    let r1 = rho(&a1);
    let r2 = rho(&a2);
    let agree: Vec<f64> = a1
        .iter()
        .zip(&a2)
        .map(|(x, y)| spearman(&ranks_from_order(x, 5), &ranks_from_order(y, 5)))
        .collect();
    // A fixed baseline: the vacancies' file order (what an unranked list shows).
    let base: Vec<f64> = a1
        .iter()
        .map(|a| spearman(&ranks_from_order(a, 5), &[1.0, 2.0, 3.0, 4.0, 5.0]))
        .collect();
    // The other reading of the arrays (position = vacancy, value = its rank), for the record.
    let direct = |a: &[usize]| a.iter().map(|&x| x as f64).collect::<Vec<f64>>();
    let d1: Vec<f64> = a1
        .iter()
        .zip(&ours)
        .map(|(a, o)| spearman(&direct(a), o))
        .collect();
    let d2: Vec<f64> = a2
        .iter()
        .zip(&ours)
        .map(|(a, o)| spearman(&direct(a), o))
        .collect();
    let dagree: Vec<f64> = a1
        .iter()
        .zip(&a2)
        .map(|(x, y)| spearman(&direct(x), &direct(y)))
        .collect();
    println!(
        "vacancy ranking (arrays read as rank per vacancy): vs annotator 1 = {:.3}, vs annotator 2 = {:.3}; annotators' agreement = {:.3}",
        mean(&d1),
        mean(&d2),
        mean(&dagree)
    );
    println!(
        "vacancy ranking: mean Spearman vs annotator 1 = {:.3} (30 CVs), vs annotator 2 = {:.3} \
         (20 CVs); annotators' agreement = {:.3} (20 CVs); file-order baseline vs annotator 1 = {:.3}",
        mean(&r1),
        mean(&r2),
        mean(&agree),
        mean(&base)
    );
    // The annotators barely agree with each other (see docs/evaluation.md), so the gate is a
    // regression guard, not a quality claim: atscore must not be anti-correlated with either
    // annotator beyond their own disagreement.
    for (who, r) in [("annotator 1", &r1), ("annotator 2", &r2)] {
        assert!(
            mean(r) >= mean(&agree) - 0.2,
            "ranking fell well below the annotators' own agreement against {who}: {:.3}",
            mean(r)
        );
    }
}
