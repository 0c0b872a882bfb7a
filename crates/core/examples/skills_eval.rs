//! Local evaluation of the skills matcher on annotated job-posting corpora (EVAL ONLY data,
//! read from `../shared/data`, never shipped): SkillSpan (skill + knowledge spans) and Green et
//! al. (Skill spans). Span-level, overlap-based: a predicted mention is correct if it overlaps a
//! gold span; a gold span is found if a prediction overlaps it.
//! `cargo run --release -p atscore-core --example skills_eval [DATA_DIR]`

use atscore_core::matching::skills::Taxonomy;

/// (sentence text, gold spans as byte ranges)
fn read_conll(
    text: &str,
    cols: &[usize],
    accept: &dyn Fn(&str) -> bool,
) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut out = Vec::new();
    let mut sent = String::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut open: Vec<Option<usize>> = vec![None; cols.len()];
    let flush = |sent: &mut String,
                 spans: &mut Vec<(usize, usize)>,
                 open: &mut Vec<Option<usize>>,
                 out: &mut Vec<_>| {
        for o in open.iter_mut() {
            if let Some(s) = o.take() {
                spans.push((s, sent.len()));
            }
        }
        if !sent.is_empty() {
            out.push((std::mem::take(sent), std::mem::take(spans)));
        }
    };
    for line in text.lines() {
        let f: Vec<&str> = line.split(['\t', ' ']).filter(|s| !s.is_empty()).collect();
        if f.is_empty() {
            flush(&mut sent, &mut spans, &mut open, &mut out);
            continue;
        }
        let tok = f[0];
        if !sent.is_empty() {
            sent.push(' ');
        }
        let start = sent.len();
        for (k, &c) in cols.iter().enumerate() {
            let tag = f.get(c).copied().unwrap_or("O");
            let is_b = tag.starts_with("B-") && accept(&tag[2..]);
            let is_i = tag.starts_with("I-") && accept(&tag[2..]);
            if is_b || !is_i {
                if let Some(s) = open[k].take() {
                    spans.push((s, start.saturating_sub(1).max(s)));
                }
            }
            if is_b || (is_i && open[k].is_none()) {
                open[k] = Some(start);
            }
        }
        sent.push_str(tok);
    }
    flush(&mut sent, &mut spans, &mut open, &mut out);
    out
}

fn eval(name: &str, data: &[(String, Vec<(usize, usize)>)]) {
    // ATSCORE_TAXONOMY_FILE=path: measure another taxonomy.tsv (e.g. an older commit's) the same way.
    let owned = std::env::var("ATSCORE_TAXONOMY_FILE").ok().map(|p| {
        let text = std::fs::read_to_string(&p).expect("taxonomy file");
        let (version, entries) =
            atscore_core::matching::skills::file::read_taxonomy(&text).expect("taxonomy parses");
        Taxonomy::from_entries(version, entries).expect("taxonomy builds")
    });
    let tax = owned.as_ref().unwrap_or_else(|| Taxonomy::embedded());
    let (mut pred, mut pred_ok, mut gold, mut gold_found) = (0, 0, 0, 0);
    let mut fp: std::collections::HashMap<String, usize> = Default::default();
    for (text, spans) in data {
        let ms = tax.find(text);
        for m in &ms {
            if !spans.iter().any(|&(s, e)| m.start < e && s < m.end) {
                *fp.entry(m.matched_as.to_lowercase()).or_default() += 1;
            }
        }
        pred += ms.len();
        pred_ok += ms
            .iter()
            .filter(|m| spans.iter().any(|&(s, e)| m.start < e && s < m.end))
            .count();
        gold += spans.len();
        gold_found += spans
            .iter()
            .filter(|&&(s, e)| ms.iter().any(|m| m.start < e && s < m.end))
            .count();
    }
    let p = pred_ok as f64 / pred.max(1) as f64;
    let r = gold_found as f64 / gold.max(1) as f64;
    println!(
        "{name}: {} sentences, {gold} gold spans, {pred} predicted; precision {p:.3}, recall {r:.3}, F1 {:.3}",
        data.len(),
        2.0 * p * r / (p + r).max(1e-9)
    );
    if std::env::var("FP").is_ok() {
        let mut v: Vec<_> = fp.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        println!(
            "  most frequent unmatched predictions: {:?}",
            &v[..v.len().min(40)]
        );
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let read = |p: &str| std::fs::read_to_string(format!("{dir}/{p}")).unwrap_or_default();
    let any = |_: &str| true;
    for split in ["house", "tech"] {
        let t = read(&format!("skillspan/skillspan_{split}_test.conll"));
        eval(
            &format!("SkillSpan {split} test (skill+knowledge)"),
            &read_conll(&t, &[1, 2], &any),
        );
        eval(
            &format!("SkillSpan {split} test (knowledge only)"),
            &read_conll(&t, &[2], &any),
        );
    }
    let g = read("green-job-entities/testset.conll");
    eval(
        "Green et al. test (Skill)",
        &read_conll(&g, &[1], &|t| t == "Skill"),
    );
}
