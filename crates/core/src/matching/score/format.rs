//! Format compatibility: 100 minus a documented penalty per parse finding, each with its
//! evidence and fix. The table is the single source of the penalties (`docs/scoring.md`).

use super::features::ResumeFeatures;
use super::report::{FormatBreakdown, Penalty};

/// `(code, points, fix)` of every format penalty.
pub const PENALTIES: &[(&str, f64, &str)] = &[
    ("image_only", 100.0, "Export the resume from your word processor as PDF or DOCX instead of scanning it."),
    ("hidden_text", 25.0, "Remove white, tiny or off-page text: ATS and recruiters treat it as keyword stuffing, and atscore never counts it."),
    ("contact_in_header", 15.0, "Move your name, e-mail and phone out of the page header/footer into the body."),
    ("text_boxes", 10.0, "Move text out of text boxes and shapes into normal paragraphs."),
    ("has_tables", 10.0, "Replace layout tables with plain headings and bullet lists."),
    ("has_columns", 10.0, "Use a single-column layout so the ATS reads sections in order."),
    ("unmappable_fonts", 10.0, "Use a standard font (embedded with a Unicode map) so every character can be read."),
    ("has_images", 5.0, "Keep images and logos out, or make sure nothing important is only in a picture."),
    ("no_sections", 15.0, "Use standard section headings: Summary, Experience, Education, Skills."),
    ("too_short", 10.0, "Describe your roles in more detail: an ATS has little to match in under 150 words."),
    ("too_long", 5.0, "Keep the resume to one or two pages (three at most for long careers)."),
];

/// The codes of the penalties this resume incurs.
pub fn penalty_codes(f: &ResumeFeatures) -> Vec<&'static str> {
    let x = &f.findings;
    let mut out = Vec::new();
    let on = [
        ("image_only", x.image_only),
        ("hidden_text", x.hidden_text),
        ("contact_in_header", x.contact_in_header),
        ("text_boxes", x.text_boxes),
        ("has_tables", x.has_tables),
        ("has_columns", x.has_columns),
        ("unmappable_fonts", x.unmappable_fonts),
        ("has_images", x.has_images),
        ("no_sections", f.sections_found == 0 && !x.image_only),
        ("too_short", x.word_count < 150 && !x.image_only),
        ("too_long", x.page_count > 3),
    ];
    for (code, hit) in on {
        if hit {
            out.push(code);
        }
    }
    out
}

/// Clear one finding on a copy of the features (for what-if suggestions).
pub fn waive(f: &mut ResumeFeatures, code: &str) {
    let x = &mut f.findings;
    match code {
        "image_only" => x.image_only = false,
        "hidden_text" => x.hidden_text = false,
        "contact_in_header" => x.contact_in_header = false,
        "text_boxes" => x.text_boxes = false,
        "has_tables" => x.has_tables = false,
        "has_columns" => x.has_columns = false,
        "unmappable_fonts" => x.unmappable_fonts = false,
        "has_images" => x.has_images = false,
        "no_sections" => f.sections_found = 4,
        "too_short" => x.word_count = 400,
        "too_long" => x.page_count = 2,
        _ => {}
    }
}

/// The format sub-score (0–100).
pub fn format_score(f: &ResumeFeatures, weight: f64) -> FormatBreakdown {
    let mut penalties = Vec::new();
    for code in penalty_codes(f) {
        let Some(&(_, points, fix)) = PENALTIES.iter().find(|p| p.0 == code) else {
            continue;
        };
        let message = f
            .findings
            .details
            .iter()
            .find(|d| d.code == code)
            .map(|d| d.message.clone())
            .unwrap_or_else(|| match code {
                "no_sections" => "no standard section headings were recognised".to_string(),
                "too_short" => format!("only {} words of text", f.findings.word_count),
                "too_long" => format!("{} pages", f.findings.page_count),
                other => other.replace('_', " "),
            });
        penalties.push(Penalty {
            code: code.to_string(),
            points,
            message,
            fix: fix.to_string(),
        });
    }
    let lost: f64 = penalties.iter().map(|p| p.points).sum();
    FormatBreakdown {
        score: (100.0 - lost).max(0.0),
        weight,
        penalties,
    }
}
