//! Job-description analysis: realistic postings in every input shape (Markdown with headings,
//! pasted plain text, HTML, one inline paragraph, French, heavy boilerplate), the public
//! vacancies sample (read at run time, never copied), and a no-panic property.
//!
//! Skill assertions use skills every taxonomy has (Python, SQL, PostgreSQL, Docker, Kubernetes,
//! Terraform, JavaScript, communication) and only check membership, so they hold when the
//! taxonomy grows.

use atscore_core::matching::job::{
    analyze_job, parse_job_text, EmploymentType, Importance, JobDescription, JobSectionKind,
    Seniority,
};
use atscore_core::matching::skills::Taxonomy;
use atscore_core::resume::entities::education::DegreeLevel;
use atscore_core::{Document, Line};
use atscore_testkit::corpus::require_data_dir;
use atscore_testkit::examples::example_text;
use proptest::prelude::*;

fn tax() -> &'static Taxonomy {
    Taxonomy::embedded()
}

fn jd(text: &str) -> JobDescription {
    parse_job_text(text, tax()).expect("job description parses")
}

fn required(j: &JobDescription) -> Vec<&str> {
    j.required().map(|s| s.name.as_str()).collect()
}

fn preferred(j: &JobDescription) -> Vec<&str> {
    j.preferred().map(|s| s.name.as_str()).collect()
}

fn skill<'a>(j: &'a JobDescription, name: &str) -> &'a atscore_core::matching::job::JobSkill {
    j.skills
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("{name} not found in {:?}", j.skills))
}

fn example(name: &str) -> String {
    example_text(&format!("jobs/{name}"))
}

#[test]
fn backend_engineer_markdown() {
    let j = jd(&example("backend-engineer.md"));
    assert_eq!(j.title.as_deref(), Some("Senior Backend Engineer"));
    assert_eq!(j.seniority, Some(Seniority::Senior));
    assert_eq!(j.employment_type, Some(EmploymentType::FullTime));
    let req = required(&j);
    for s in [
        "Python",
        "PostgreSQL",
        "SQL",
        "Terraform",
        "Docker",
        "Communication",
    ] {
        assert!(req.contains(&s), "{s} required: {req:?}");
    }
    let pref = preferred(&j);
    for s in ["Kubernetes", "JavaScript"] {
        assert!(pref.contains(&s), "{s} preferred: {pref:?}");
    }
    assert!(
        !req.contains(&"Kubernetes"),
        "Kubernetes only in about-us and nice-to-have"
    );
    // Required first, each skill once.
    let first_pref = j
        .skills
        .iter()
        .position(|s| s.importance == Importance::Preferred);
    assert!(j.skills[..first_pref.unwrap()]
        .iter()
        .all(|s| s.importance == Importance::Required));
    let mut names: Vec<&str> = j.skills.iter().map(|s| s.name.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), j.skills.len());
    // Why.
    assert_eq!(skill(&j, "Kubernetes").cue, "section \"Nice to have\"");
    assert_eq!(skill(&j, "Kubernetes").section, JobSectionKind::Preferred);
    assert_eq!(skill(&j, "Terraform").cue, "named in the responsibilities");
    assert_eq!(skill(&j, "Python").min_years, Some(3.0));
    assert_eq!(j.min_years, Some(5.0));
    assert_eq!(j.degree, Some(DegreeLevel::Bachelor));
    assert!(!j.degree_required, "or equivalent experience");
    assert_eq!(j.responsibilities.len(), 4);
    assert!(j.responsibilities[1].contains("Terraform"));
    // Boilerplate.
    assert!(!j.text.contains("equal opportunity"));
    assert!(!j.text.contains("jobs@"));
    assert!(!j.text.contains("paid time off"));
    assert!(!j.text.contains("freight"));
    assert!(j
        .boilerplate
        .iter()
        .any(|b| b.contains("equal opportunity employer")));
    assert!(j.boilerplate.iter().any(|b| b.contains("85,000")));
    assert!(j.text.contains("At least 3 years of Python"));
    let kinds: Vec<JobSectionKind> = j.sections.iter().map(|s| s.kind).collect();
    for k in [
        JobSectionKind::Company,
        JobSectionKind::Responsibilities,
        JobSectionKind::Requirements,
        JobSectionKind::Preferred,
        JobSectionKind::Benefits,
        JobSectionKind::EqualOpportunity,
    ] {
        assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
    }
}

#[test]
fn data_analyst_plain_text() {
    let j = jd(&example("data-analyst.txt"));
    assert_eq!(j.title.as_deref(), Some("Data Analyst"));
    let req = required(&j);
    for s in ["SQL", "PostgreSQL", "Python", "Communication"] {
        assert!(req.contains(&s), "{s} required: {req:?}");
    }
    let pref = preferred(&j);
    for s in ["Docker", "Terraform"] {
        assert!(pref.contains(&s), "{s} preferred: {pref:?}");
    }
    assert_eq!(skill(&j, "Docker").cue, "section \"Bonus points\"");
    assert_eq!(j.min_years, Some(2.0));
    assert_eq!(j.degree, Some(DegreeLevel::Bachelor));
    assert!(j.degree_required);
    assert_eq!(j.responsibilities.len(), 4);
    assert!(!j.text.contains("401(k)"));
    assert!(!j.text.contains("careers@"));
    assert!(j
        .boilerplate
        .iter()
        .any(|b| b.contains("careers@northwind.example")));
}

#[test]
fn marketing_manager_html() {
    let j = jd(&example("marketing-manager.html"));
    assert_eq!(j.title.as_deref(), Some("Marketing Manager"));
    assert_eq!(j.location.as_deref(), Some("Austin, TX"));
    assert_eq!(j.employment_type, Some(EmploymentType::FullTime));
    let req = required(&j);
    for s in ["SQL", "Communication"] {
        assert!(req.contains(&s), "{s} required: {req:?}");
    }
    assert!(preferred(&j).contains(&"Python"));
    // Docker and Kubernetes are only in "About Brightside".
    assert!(!j
        .skills
        .iter()
        .any(|s| s.name == "Docker" || s.name == "Kubernetes"));
    assert_eq!(j.min_years, Some(7.0));
    assert_eq!(j.degree, Some(DegreeLevel::Bachelor));
    assert!(j.degree_required);
    assert_eq!(j.degree_preferred, Some(DegreeLevel::Master));
    assert_eq!(j.responsibilities.len(), 3);
    assert!(!j.text.contains("120,000"));
    assert!(!j.text.contains("Equal Opportunity"));
    assert!(!j.text.contains("dental"));
    assert!(j
        .boilerplate
        .iter()
        .any(|b| b.contains("reasonable accommodation")));
}

const INLINE: &str = "Position: Junior Data Engineer. Overview: Our client, a regional bank, is \
building a modern data platform and needs help moving reports off spreadsheets. Responsibilities: \
Build batch pipelines in Python and SQL. Maintain the PostgreSQL warehouse. Support analysts with \
ad-hoc queries. Required Skills: 1-3 years of experience with Python; working knowledge of SQL and \
Docker. Associate's degree or higher in a technical field. Nice to have: Terraform, Kubernetes. \
Benefits: Medical, dental, 401(k). Contact Maria Lopez at maria@staffing.example or call (555) \
010-2000.";

#[test]
fn inline_paragraph() {
    let j = jd(INLINE);
    assert_eq!(j.title.as_deref(), Some("Junior Data Engineer"));
    assert_eq!(j.seniority, Some(Seniority::Junior));
    let req = required(&j);
    for s in ["Python", "SQL", "PostgreSQL", "Docker"] {
        assert!(req.contains(&s), "{s} required: {req:?}");
    }
    let pref = preferred(&j);
    for s in ["Terraform", "Kubernetes"] {
        assert!(pref.contains(&s), "{s} preferred: {pref:?}");
    }
    assert_eq!(j.min_years, Some(1.0));
    assert_eq!(j.years[0].max_years, Some(3.0));
    assert_eq!(j.degree, Some(DegreeLevel::Associate));
    assert_eq!(j.responsibilities.len(), 3);
    assert!(j.responsibilities[0].starts_with("Build batch pipelines"));
    assert!(!j.text.contains("maria@"));
    assert!(!j.text.contains("401(k)"));
    assert!(j.boilerplate.iter().any(|b| b.contains("(555)")));
}

const FRENCH: &str = "Développeur Python confirmé (H/F)

Qui sommes-nous ?
Fondée en 2009, DataVille est une entreprise lyonnaise de 80 personnes. Nos équipes utilisent Kubernetes au quotidien.

Vos missions
- Concevoir et développer des API en Python
- Maintenir les bases de données PostgreSQL
- Participer aux revues de code

Profil recherché
- Bac+5 en informatique (école d'ingénieur ou master)
- Au moins 4 ans d'expérience en développement Python
- Maîtrise de SQL et de Docker
- Bonne communication écrite et orale

Les plus
- Connaissance de Terraform
- Une expérience avec Kubernetes serait un plus

Avantages
- Télétravail 2 jours par semaine, tickets restaurant, mutuelle
- Salaire : 50 000 € - 60 000 € brut annuel
";

#[test]
fn french_posting() {
    let j = jd(FRENCH);
    assert_eq!(
        j.title.as_deref(),
        Some("Développeur Python confirmé (H/F)")
    );
    assert_eq!(j.seniority, Some(Seniority::Senior));
    let req = required(&j);
    for s in ["Python", "PostgreSQL", "SQL", "Docker"] {
        assert!(req.contains(&s), "{s} required: {req:?}");
    }
    let pref = preferred(&j);
    for s in ["Terraform", "Kubernetes"] {
        assert!(pref.contains(&s), "{s} preferred: {pref:?}");
    }
    assert_eq!(j.min_years, Some(4.0));
    assert_eq!(j.degree, Some(DegreeLevel::Master));
    assert_eq!(j.responsibilities.len(), 3);
    assert!(!j.text.contains("Salaire"));
    assert!(!j.text.contains("DataVille"));
}

const HEAVY: &str = "Staff DevOps Engineer (Contract, 12 months)

ABOUT THE COMPANY
Globex Corporation is a world leader in industrial software. Founded in 1985, Globex employs 12,000 people in 40 countries and has been in business for over 35 years. Our products are built with Java and JavaScript.

THE ROLE
You will lead the migration of our build and deployment pipelines to Kubernetes and Terraform.

MUST HAVE
* 8+ years in DevOps, SRE or infrastructure roles
* Kubernetes and Docker in production
* Terraform modules at scale
* Python or Bash scripting

NICE TO HAVE
* PostgreSQL administration
* Certified Kubernetes Administrator

WHAT WE OFFER
* Day rate of $650 - $750
* Remote-first team with quarterly offsites

EQUAL EMPLOYMENT OPPORTUNITY
Globex is an Equal Employment Opportunity employer. All qualified applicants will receive consideration for employment without regard to race, color, religion, sex, national origin, disability, or protected veteran status.

REASONABLE ACCOMMODATION
If you need a reasonable accommodation during the application process, contact accommodations@globex.example.

PRIVACY NOTICE
By applying you consent to the processing of your personal data in accordance with our Privacy Policy.

HOW TO APPLY
Click \"Apply now\" and upload your resume. No agencies please.
";

#[test]
fn heavy_boilerplate() {
    let j = jd(HEAVY);
    assert_eq!(
        j.title.as_deref(),
        Some("Staff DevOps Engineer (Contract, 12 months)")
    );
    assert_eq!(j.seniority, Some(Seniority::Lead));
    assert_eq!(j.employment_type, Some(EmploymentType::Contract));
    let req = required(&j);
    for s in ["Kubernetes", "Docker", "Terraform", "Python"] {
        assert!(req.contains(&s), "{s} required: {req:?}");
    }
    assert!(preferred(&j).contains(&"PostgreSQL"));
    assert!(
        !j.skills.iter().any(|s| s.name == "JavaScript"),
        "about-us only"
    );
    assert_eq!(j.min_years, Some(8.0), "not the company's 35 years");
    assert_eq!(j.degree, None);
    assert_eq!(j.responsibilities.len(), 1);
    for gone in [
        "Globex Corporation",
        "without regard",
        "accommodation",
        "Privacy",
        "Apply now",
        "$650",
    ] {
        assert!(!j.text.contains(gone), "{gone:?} left in text: {}", j.text);
    }
    assert!(j.boilerplate.len() >= 8, "{:?}", j.boilerplate);
    // What is left is the role and its requirements.
    assert!(j.text.contains("8+ years in DevOps"));
    assert!(j.text.contains("PostgreSQL administration"));
}

#[test]
fn cue_phrases_override_sections() {
    let j = jd(
        "Backend Developer\n\nRequirements:\n- Python is a must\n- Docker is a plus\n- \
                Familiarity with Terraform\n- Ideally some Kubernetes\n\nNice to have:\n- SQL is \
                required for the reporting part\n- PostgreSQL\n",
    );
    let req = required(&j);
    let pref = preferred(&j);
    assert!(req.contains(&"Python") && req.contains(&"SQL"), "{req:?}");
    for s in ["Docker", "Terraform", "Kubernetes", "PostgreSQL"] {
        assert!(pref.contains(&s), "{s} preferred: {pref:?}");
    }
    assert_eq!(skill(&j, "Docker").cue, "cue \"a plus\"");
    assert_eq!(skill(&j, "SQL").cue, "cue \"required\"");
}

#[test]
fn mixed_sentence_and_clauses() {
    let j = jd("Requirements: Strong Python and SQL, Docker a plus; Kubernetes is optional.");
    let req = required(&j);
    let pref = preferred(&j);
    assert!(req.contains(&"Python") && req.contains(&"SQL"), "{req:?}");
    assert!(
        pref.contains(&"Docker") && pref.contains(&"Kubernetes"),
        "{pref:?}"
    );
}

#[test]
fn years_and_degree_rules() {
    let j = jd(
        "Software Engineer\n\nThe company was founded 20 years ago.\nRequirements:\n- 3-5 \
                years of experience\n- five years of Python\n- Candidates must be 18 years of \
                age\n\nNice to have:\n- 10+ years in fintech\n- PhD preferred\n",
    );
    assert_eq!(j.min_years, Some(5.0), "{:?}", j.years);
    assert!(j
        .years
        .iter()
        .any(|y| y.importance == Importance::Preferred && y.years == 10.0));
    assert_eq!(skill(&j, "Python").min_years, Some(5.0));
    assert_eq!(j.degree, Some(DegreeLevel::Doctorate));
    assert!(!j.degree_required);
}

#[test]
fn title_rules() {
    assert_eq!(
        jd("Job title: QA Engineer\nWe test things.")
            .title
            .as_deref(),
        Some("QA Engineer")
    );
    assert_eq!(
        jd("About us\nWe are a small shop.\n\nRole: Product Designer\n")
            .title
            .as_deref(),
        Some("Product Designer")
    );
    let j = jd(
        "Job Description\nWe are seeking a Senior Site Reliability Engineer to join our \
                platform team. You will own our Kubernetes clusters.",
    );
    assert_eq!(j.title.as_deref(), Some("Senior Site Reliability Engineer"));
}

#[test]
fn analyze_document_directly() {
    let doc = Document {
        lines: vec![
            Line::plain("Platform Engineer"),
            Line::plain("Requirements"),
            Line::plain("Kubernetes, Terraform and Docker"),
            Line::plain("Benefits"),
            Line::plain("Python lunch club"),
        ],
        ..Document::default()
    };
    let j = analyze_job(&doc, tax());
    assert_eq!(j.title.as_deref(), Some("Platform Engineer"));
    assert_eq!(required(&j), vec!["Kubernetes", "Terraform", "Docker"]);
    assert_eq!(j.boilerplate, vec!["Benefits", "Python lunch club"]);
}

/// The five public vacancies (GPL, evaluation only: read from ../shared at run time, never
/// copied into the repository). Fails under CI=true when the file is missing.
#[test]
fn vacancies_sample() {
    let Some(data) = require_data_dir() else {
        return;
    };
    let path = data.join("vacancy-resume-matching/5_vacancies.csv");
    let mut rdr = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("vacancies sample {}: {e}", path.display()));
    let header = rdr.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let (desc, title) = (col("job_description"), col("job_title"));
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    let mut inferred_titles = 0;
    for row in &rows {
        let (row_title, row_desc) = (&row[title], &row[desc]);
        // As posted: the title line, then the description.
        let posted = format!("{}\n{}", row_title, row_desc);
        let j = jd(&posted);
        assert_eq!(j.title.as_deref(), Some(row_title.trim()), "title");
        assert!(
            !j.responsibilities.is_empty(),
            "{}: no responsibilities",
            row_title
        );
        assert!(
            j.sections
                .iter()
                .any(|s| s.kind == JobSectionKind::Requirements),
            "{}: no requirements section in {:?}",
            row_title,
            j.sections
                .iter()
                .map(|s| (s.kind, s.heading.clone()))
                .collect::<Vec<_>>()
        );
        assert!(j.text.len() < posted.len());
        for gone in [
            "Equal Opportunity",
            "Reasonable accommodation",
            "@",
            "Copyright",
            "apply today",
        ] {
            assert!(
                !j.text.contains(gone),
                "{}: {gone:?} left in text",
                row_title
            );
        }
        if std::env::var("JOB_DEBUG").is_ok() {
            eprintln!("TEXT {}\nBOILER {:?}\n", j.text, j.boilerplate);
        }
        // The description alone: a title inferred from the text where it names one.
        let alone = jd(row_desc);
        if alone.title.is_some() {
            inferred_titles += 1;
        }
        eprintln!(
            "{:40} | inferred {:?} | years {:?} | degree {:?} | {} resp | {} boilerplate | req {:?} | pref {:?}",
            row_title,
            alone.title,
            j.min_years,
            j.degree,
            j.responsibilities.len(),
            j.boilerplate.len(),
            required(&j),
            preferred(&j)
        );
        if tax().len() > 100 {
            assert!(!j.skills.is_empty(), "{}: no skills", row_title);
        }
    }
    assert!(
        inferred_titles >= 3,
        "titles inferred from the text: {inferred_titles}/5"
    );
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Requirements:".to_string()),
        Just("Nice to have".to_string()),
        Just("5+ years".to_string()),
        Just(" - ".to_string()),
        Just("\n".to_string()),
        Just("Python".to_string()),
        Just("é: ".to_string()),
        Just("Qualifications: ".to_string()),
        Just("What You Will Be Doing".to_string()),
        Just("İ".to_string()),
        Just("; a plus".to_string()),
        Just("Bachelor's or equivalent".to_string()),
        Just(". ".to_string()),
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_text(s in "\\PC{0,400}") {
        let _ = parse_job_text(&s, tax());
    }

    #[test]
    fn never_panics_on_fragments(parts in prop::collection::vec(fragment(), 0..40)) {
        let s = parts.concat();
        let _ = parse_job_text(&s, tax());
        let doc = Document {
            lines: s.split('\n').map(Line::plain).collect(),
            ..Document::default()
        };
        let j = analyze_job(&doc, tax());
        prop_assert!(j.skills.iter().all(|s| !s.evidence.is_empty()));
    }
}

/// Found by `never_panics_on_fragments`: "İ" lower-cases to one byte more, which used to shift
/// the offsets of the Title-Case heading search into the middle of a 4-byte character.
#[test]
fn dotted_capital_i_before_a_heading_phrase_does_not_panic() {
    let j = jd("İRequirements:PythonWhat You Will Be Doing𞗐Ƛ");
    assert!(j.text.contains("Python"), "{:?}", j.text);
}
