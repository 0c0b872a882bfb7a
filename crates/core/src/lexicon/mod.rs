//! Word lists as data. Every table of words the readers and matchers look things up in lives
//! in a file under `crates/core/data/lexicon/` (one entry a line; `.tsv` files have two
//! columns), whose header says what the list is, who uses it, where it comes from and its
//! license. The files are embedded in the binary and read on first use (see [`table`]).
//!
//! This module holds data only: one static per file, grouped by the module that reads it.
//! It imports nothing else of the crate, so every stage of the flow may use it. To add a
//! list: write the file with its header, add a static here, and the test
//! `every_lexicon_file_is_well_formed` checks it.

pub mod table;

pub use table::{Groups, Pairs, Words};

/// A name from a lexicon file as the serde (snake_case) name of an enum variant
/// (`experience` → `SectionKind::Experience`); panics naming the file on an unknown name, which
/// the lexicon tests would meet first.
pub fn variant<T: serde::de::DeserializeOwned>(file: &str, name: &str) -> T {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    T::deserialize(de).unwrap_or_else(|e| panic!("lexicon {file}: {name:?}: {e}"))
}

macro_rules! lexicon {
    ($kind:ident, $file:literal) => {
        $kind::new(
            $file,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/", $file)),
        )
    };
}

// matching::bm25

/// English stop words (plus resume/job-ad filler that carries no meaning).
pub static STOP_WORDS: Words = lexicon!(Words, "stop-words.txt");

// matching::job::segments

/// Heading phrases, in the normalised form of [`norm`] (folded, punctuation → space, apostrophes
/// kept).
pub static JOB_HEADINGS: Pairs = lexicon!(Pairs, "job-headings.tsv");
/// Phrases that are only headings as a whole line (or with heading typography).
pub static JOB_GENERIC_HEADINGS: Words = lexicon!(Words, "job-generic-headings.txt");
/// Distinctive multi-word headings accepted inside a paragraph without a colon when written in
/// Title Case or followed by a dash ("What You Will Be Doing", "Nice To Haves - …").
pub static JOB_RUN_IN_HEADINGS: Words = lexicon!(Words, "job-run-in-headings.txt");

// matching::job

/// Nouns for colleagues ("product managers", "the sales team"): not skills.
pub static COLLEAGUE_NOUNS: Words = lexicon!(Words, "colleague-nouns.txt");

// matching::skills::generate

/// Verb → the noun a skill name uses for it ("train" → "training"; `-` for a light verb).
pub static VERB_NOMINALS: Pairs = lexicon!(Pairs, "verb-nominals.tsv");

// matching::skills::duties

/// Verbs that open a duty ("recruit, hire and train staff"), base forms.
pub static DUTY_VERBS: Words = lexicon!(Words, "duty-verbs.txt");
/// Degree abbreviation → field of study ("BSN" → Nursing).
pub static DEGREE_FIELDS: Pairs = lexicon!(Pairs, "degree-fields.tsv");

// matching::job::title

/// Words that make a phrase a job name.
pub static JOB_NOUNS: Words = lexicon!(Words, "job-nouns.txt");

// matching::score

/// Job title words that say nothing about the role.
pub static TITLE_NOISE: Words = lexicon!(Words, "title-noise.txt");
/// Abbreviations in job titles → their words ("rn" → "registered nurse").
pub static TITLE_ABBREVIATIONS: Pairs = lexicon!(Pairs, "title-abbreviations.tsv");

// matching::score::features

/// Verbs that open strong resume bullets (past and present forms are both accepted).
pub static ACTION_VERBS: Words = lexicon!(Words, "action-verbs.txt");

// matching::skills::context

/// Words after an ambiguous name that make it technical ("R programming", "Go developer").
pub static SKILL_CUES_NEXT: Words = lexicon!(Words, "skill-cues-next.txt");
/// Words before an ambiguous name that make it technical ("written in Go", "using R").
pub static SKILL_CUES_PREVIOUS: Words = lexicon!(Words, "skill-cues-previous.txt");
/// Fragments of a line that mark it as a technical list ("Languages: C, R, Go").
pub static SKILL_CUES_LINE: Words = lexicon!(Words, "skill-cues-line.txt");

// matching::skills::generate

/// .
pub static VENDORS: Words = lexicon!(Words, "vendors.txt");

// resume::entities::certifications

/// .
pub static CERTIFICATION_LEVELS: Words = lexicon!(Words, "certification-levels.txt");
/// .
pub static CERTIFICATION_WORDS: Words = lexicon!(Words, "certification-words.txt");
/// .
pub static CERTIFICATION_ISSUERS: Words = lexicon!(Words, "certification-issuers.txt");

// resume::entities::contact

/// Hosts of professional profiles: visible anywhere in the document, they count as contact links.
pub static PROFILE_HOSTS: Words = lexicon!(Words, "profile-hosts.txt");
/// Labels written before a phone number (EN/FR/ES/DE/IT/PT).
pub static PHONE_LABELS: Words = lexicon!(Words, "phone-labels.txt");
/// Words that never occur in a person's name line (job titles, organisations, generic words).
pub static NOT_NAME_WORDS: Words = lexicon!(Words, "not-name-words.txt");
/// .
pub static NAME_PARTICLES: Words = lexicon!(Words, "name-particles.txt");

// resume::entities::dates

/// Month names (lower case, without trailing dot) → month number.
pub static MONTHS: Pairs = lexicon!(Pairs, "months.tsv");
/// Seasons → month (Spring = March, Summer = June, Fall/Autumn = September, Winter = January).
pub static SEASONS: Pairs = lexicon!(Pairs, "seasons.tsv");

// resume::entities::education

/// Degree abbreviations ("BSN", "PharmD") → degree level.
pub static DEGREE_ABBREVIATIONS: Pairs = lexicon!(Pairs, "degree-abbreviations.tsv");

/// .
pub static SCHOOL_WORDS: Words = lexicon!(Words, "school-words.txt");

// resume::entities::experience

/// Words before a date that make it part of a sentence rather than an entry's dates.
pub static DATE_PREPOSITIONS: Words = lexicon!(Words, "date-prepositions.txt");
/// Company abbreviations that may end a header line with a dot.
pub static COMPANY_ABBREVIATIONS: Words = lexicon!(Words, "company-abbreviations.txt");
/// Legal-form suffixes of organisation names (Inc, GmbH, S.A., …).
pub static ORG_SUFFIXES: Words = lexicon!(Words, "org-suffixes.txt");
/// Words that belong to organisation names, never to a city before ", ST".
pub static ORG_WORDS: Words = lexicon!(Words, "org-words.txt");
/// Job-title words (lower case).
pub static TITLE_WORDS: Words = lexicon!(Words, "title-words.txt");
/// Suffix stems for compound titles ("Softwareentwickler", "Projektleiter").
pub static TITLE_STEMS: Words = lexicon!(Words, "title-stems.txt");
/// .
pub static COMPANY_WORDS: Words = lexicon!(Words, "company-words.txt");

// resume::entities::languages

/// (English name, folded variants in EN/FR/ES/DE/ZH).
pub static LANGUAGES: Groups = lexicon!(Groups, "languages.tsv");
/// Level words and phrases (folded).
pub static LANGUAGE_LEVELS: Words = lexicon!(Words, "language-levels.txt");

// resume::sections

/// from the headings of public resume templates and of the resumes in the public test corpus;
/// English, French, Spanish, German, and the Chinese headings met in real files.
pub static SECTION_HEADINGS: Groups = lexicon!(Groups, "section-headings.tsv");
/// Leading modifiers that may be dropped before a second lookup ("Selected Honors").
pub static HEADING_MODIFIERS: Words = lexicon!(Words, "heading-modifiers.txt");

// crate::text::places

/// Postal codes of regions written after a city: US states, DC, Puerto Rico, Canadian provinces.
pub static REGION_CODES: Words = lexicon!(Words, "region-codes.txt");
/// Names of the US states and the District of Columbia, folded.
pub static US_STATE_NAMES: Words = lexicon!(Words, "us-state-names.txt");
/// Countries as written after a city, folded, with common short forms.
pub static COUNTRIES: Words = lexicon!(Words, "countries.txt");
/// Cities that appear alone or before a region in resume headers.
pub static CITIES: Words = lexicon!(Words, "cities.txt");
/// Words that may start a multi-word city name.
pub static CITY_PREFIXES: Words = lexicon!(Words, "city-prefixes.txt");

// crate::text::sentences

/// Abbreviations after which a period does not end a sentence, by class (title, general, org).
pub static ABBREVIATIONS: Pairs = lexicon!(Pairs, "abbreviations.tsv");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_file_is_well_formed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let words: &[&Words] = &[
            &REGION_CODES,
            &US_STATE_NAMES,
            &COUNTRIES,
            &CITIES,
            &CITY_PREFIXES,
            &HEADING_MODIFIERS,
            &PROFILE_HOSTS,
            &PHONE_LABELS,
            &NOT_NAME_WORDS,
            &NAME_PARTICLES,
            &DATE_PREPOSITIONS,
            &COMPANY_ABBREVIATIONS,
            &ORG_SUFFIXES,
            &ORG_WORDS,
            &TITLE_WORDS,
            &TITLE_STEMS,
            &COMPANY_WORDS,
            &SCHOOL_WORDS,
            &CERTIFICATION_LEVELS,
            &CERTIFICATION_WORDS,
            &CERTIFICATION_ISSUERS,
            &LANGUAGE_LEVELS,
            &JOB_GENERIC_HEADINGS,
            &JOB_RUN_IN_HEADINGS,
            &JOB_NOUNS,
            &SKILL_CUES_NEXT,
            &SKILL_CUES_PREVIOUS,
            &SKILL_CUES_LINE,
            &VENDORS,
            &ACTION_VERBS,
            &TITLE_NOISE,
            &STOP_WORDS,
            &COLLEAGUE_NOUNS,
            &DUTY_VERBS,
        ];
        let pairs: &[&Pairs] = &[
            &ABBREVIATIONS,
            &MONTHS,
            &SEASONS,
            &JOB_HEADINGS,
            &DEGREE_ABBREVIATIONS,
            &DEGREE_FIELDS,
            &VERB_NOMINALS,
            &TITLE_ABBREVIATIONS,
        ];
        let groups: &[&Groups] = &[&SECTION_HEADINGS, &LANGUAGES];
        let mut named: Vec<&str> = Vec::new();
        for w in words {
            assert!(!w.is_empty(), "{} is empty", w.name());
            for e in w.iter() {
                assert_eq!(e.trim(), *e, "{}: stray white space in {e:?}", w.name());
            }
            named.push(w.name());
        }
        for p in pairs {
            assert!(!p.is_empty(), "{} is empty", p.name());
            for (a, b) in p.iter() {
                assert!(
                    a.trim() == *a && b.trim() == *b && !a.is_empty() && !b.is_empty(),
                    "{}: {a:?} {b:?}",
                    p.name()
                );
            }
            named.push(p.name());
        }
        for g in groups {
            assert!(!g.is_empty(), "{} is empty", g.name());
            named.push(g.name());
        }
        named.sort();
        // every file is used by a static, every static has its file
        assert_eq!(files, named);
        // every file says where it comes from and under which license
        for f in &files {
            let text = std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
            let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
            assert!(
                header.iter().any(|l| l.contains("Source:")),
                "{f}: no Source line"
            );
            assert!(
                header.iter().any(|l| l.contains("License:")),
                "{f}: no License line"
            );
        }
    }
}
