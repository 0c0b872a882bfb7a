//! Boilerplate: text of a job description that says nothing about the work or the candidate —
//! benefits and perks, equal-opportunity statements, about the company, how to apply, salary
//! lines, legal and privacy notices, "reasonable accommodation", the posting's own contact
//! lines. Whole sections are boilerplate by their heading (see
//! [`JobSectionKind::is_boilerplate`](super::JobSectionKind::is_boilerplate)); single sentences
//! anywhere are boilerplate by the patterns here.

use std::sync::LazyLock;

use regex::Regex;

/// Why a sentence is boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    EqualOpportunity,
    Compensation,
    Benefits,
    Apply,
    Legal,
    Contact,
    Company,
}

static RULES: LazyLock<Vec<(Reason, Regex)>> = LazyLock::new(|| {
    let t: &[(Reason, &str)] = &[
        (
            Reason::EqualOpportunity,
            r"(?i)\bequal\s+(?:employment\s+)?opportunit|\bwithout\s+regard\s+to\b|\bprotected\s+veteran|\breasonable\s+accommodation|\baffirmative\s+action|\bregardless\s+of\s+(?:race|gender|age|religion|sexual)|\bdiversity\s+(?:and|&)\s+inclusion\b|\bwe\s+(?:celebrate|embrace|value)\s+diversity|\bequal\s+opportunity\s+employer|\bEEO\b|\bE-Verify\b|\bégalité\s+des\s+chances|\bigualdad\s+de\s+oportunidades|\bchancengleichheit|\bhandicap|\bdisabilit(?:y|ies)\b.*\b(?:accommodat|consideration)",
        ),
        (
            Reason::Compensation,
            r"(?i)(?:[$€£]\s?\d[\d,.]*\s?(?:k\b|K\b)?(?:\s*(?:-|–|to)\s*[$€£]?\s?\d[\d,.]*\s?k?)?\s*(?:/\s*(?:yr|year|hour|hr|h|an)|per\s+(?:year|annum|hour)|a\s+year|base|salary|annually|\+)|\bsalary\b|\bsalaire\b|\bsalario\b|\bgehalt\b|\bcompensation\s+(?:package|range|is)|\bcompetitive\s+(?:compensation|pay|salary|base)|\bpay\s+(?:range|rate|options|is)|\b\d[\d,.]*\s?(?:€|EUR\b|USD\b|k€))",
        ),
        (
            Reason::Benefits,
            r"(?i)\b(?:health|medical|dental|vision)\s+(?:insurance|coverage|benefits|plan)|\b401\s?\(?k\)?|\bpaid\s+time\s+off\b|\bPTO\b|\bparental\s+leave\b|\bstock\s+options\b|\bequity\s+package|\bgym\s+membership|\bfree\s+(?:lunch|snacks|meals)|\bunlimited\s+(?:vacation|pto)|\btickets?[- ]restaurant|\bmutuelle\b|\bRTT\b|\btélétravail\s+\d|\bwe\s+offer\b|\bcomprehensive\s+benefits|\bbenefits\s+package|\bwellness\s+(?:program|stipend)|\blearning\s+(?:budget|stipend)",
        ),
        (
            Reason::Apply,
            r"(?i)\bapply\s+(?:now|today|online|here|directly|via|through|at)\b|\bto\s+apply\b|\bclick\s+(?:here|the|on)\b|\bplease\s+(?:apply|send|submit|email)\b|\bsend\s+(?:us\s+)?your\s+(?:cv|resume|résumé|application)|\bsubmit\s+your\s+(?:cv|resume|résumé|application)|\blooking\s+forward\s+to\s+(?:receiving|hearing|meeting)|\bnot\s+a\s+fit\s+for\s+this\s+position|\bpostulez\b|\benvoyez\s+votre\s+cv|\bcandidatez\b|\benv[íi]a\s+tu\s+cv|\bpostula\b|\bbewerben\s+sie\s+sich|\bjob\s+code\b|\breference\s+number\b|\brecruiters?\s+(?:please|need\s+not)|\bno\s+agencies\b",
        ),
        (
            Reason::Legal,
            r"(?i)\bcopyright\b|©|\ball\s+rights\s+reserved\b|\bauthorized\s+to\s+work\b|\bwork\s+authori[sz]ation\b|\bright\s+to\s+work\b|\bvisa\s+sponsorship\b|\beligibility\s+(?:to\s+work|verification)|\bverify\s+identity\b|\bat[- ]will\s+employ",
        ),
        (
            Reason::Contact,
            r"(?i)[\w.+-]+@[\w-]+\.[\w.-]+|\b(?:call|phone|tel|téléphone|teléfono)\b\s*[:.]?\s*\(?\+?\d[\d\s().-]{6,}|\bcontact\s+(?:us|me|[A-Z][a-z]+\s+[A-Z])|https?://|\bwww\.",
        ),
        (
            Reason::Company,
            r"(?i)^(?:our\s+(?:company|mission|team|client)\s+(?:is|has|was)|we\s+are\s+(?:a|an|the)\s+(?:leading|leader|fast|rapidly|global|world|growing|well|premier|top|award)|founded\s+in\b|headquartered\s+in\b|(?:\w+\s+){0,3}(?:is|are)\s+(?:a|an|the)\s+(?:leading|global|world['’]s)\b|nous\s+sommes\s+(?:un|une|le|la)\s+(?:leader|acteur)|fond[ée]e?\s+en\b|somos\s+(?:una?|el|la)\s+(?:empresa|l[íi]der)|wir\s+sind\s+(?:ein|eine|der|die)\s+(?:f[üu]hrende|internationale))",
        ),
    ];
    t.iter()
        .map(|(r, p)| (*r, Regex::new(p).expect("boilerplate regex")))
        .collect()
});

/// A background check or drug screen as a condition of the offer ("must pass a background
/// check", "employment is contingent upon a drug screen"); "run background checks" in an HR
/// posting is the work itself.
static SCREENING_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pass(?:ing)?|subject\s+to|contingent|conditional|successful(?:ly)?|satisfactory|clear(?:ing)?|undergo|submit\s+to|required\s+to\s+(?:pass|complete|undergo)|must\s+(?:pass|complete|undergo))\b[^.;]{0,60}\b(?:background\s+(?:check|screen|investigation)|drug\s+(?:test|screen)|criminal\s+(?:history|record)\s+check)|\b(?:background\s+(?:check|screen)|drug\s+(?:test|screen))s?\s+(?:is|are)\s+required")
        .expect("screening condition regex")
});

/// "EEO-1 reporting", "affirmative action plans", "reasonable accommodation requests": the HR
/// work of compliance, not the employer's statement.
static COMPLIANCE_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bEEO-?1\b(?:\s+(?:reporting|reports?|filings?|data|surveys?))?|\bEEO\s+(?:reporting|reports?|compliance|investigations?|complaints?|data)\b|\baffirmative\s+action\s+(?:plans?|programs?|reporting|compliance|AAPs?)\b|\b(?:reasonable\s+)?accommodations?\s+(?:requests?|process|processes|cases?)\b")
        .expect("compliance work regex")
});

static INSURANCE_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:health|medical|dental|vision|life)\s+insurance\s+(?:licen[cs]\w*|agents?|producers?|sales|products?|polic(?:y|ies)|claims?|carriers?|billing|verification|eligibility|underwriting)\b")
        .expect("insurance work regex")
});

/// A privacy notice to applicants ("we process your personal data in accordance with the
/// GDPR"): privacy words count only beside a word for the applicant, since a privacy or
/// compliance posting names the GDPR as the work ("advise on compliance with the GDPR").
static PRIVACY_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bprivacy\s+(?:policy|notice|statement)|\bpersonal\s+data\b|\bGDPR\b|\bRGPD\b|\bdatenschutz|\bdonn[ée]es\s+personnelles|\bdatos\s+personales")
        .expect("privacy notice regex")
});
static APPLICANT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:your|applicants?|candidates?|applications?|apply|applying|job\s+seekers?|recruitment\s+process|hiring\s+process|vos|votre|vuestros?|tus?|ihre|bewerb\w*|candidat\w*)\b")
        .expect("applicant regex")
});

/// Whether a sentence outside a boilerplate section is boilerplate on its own, and why. A
/// sentence of `;`-clauses is boilerplate only when every clause is ("CPA preferred; CPA-eligible
/// candidates are encouraged to apply" keeps its first clause).
pub(crate) fn sentence_reason(sentence: &str) -> Option<Reason> {
    let mut reason = None;
    for clause in sentence.split(';').filter(|c| !c.trim().is_empty()) {
        // "Life & Health insurance license", "health insurance claims": insurance as the work,
        // not as a benefit.
        let clause = INSURANCE_WORK.replace_all(clause, " ");
        let clause = COMPLIANCE_WORK.replace_all(&clause, " ");
        let r = RULES
            .iter()
            .find(|(_, re)| re.is_match(&clause))
            .map(|(r, _)| *r)
            .or_else(|| {
                (SCREENING_CONDITION.is_match(&clause)
                    || (PRIVACY_NOTICE.is_match(&clause) && APPLICANT.is_match(&clause)))
                .then_some(Reason::Legal)
            })?;
        reason.get_or_insert(r);
    }
    reason
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons() {
        use Reason::*;
        let r = |s: &str| sentence_reason(s);
        assert_eq!(
            r("Acme is an equal opportunity employer."),
            Some(EqualOpportunity)
        );
        assert_eq!(
            r("Reasonable accommodations may be made to enable individuals"),
            Some(EqualOpportunity)
        );
        assert_eq!(r("$100,000-$130,000 Base"), Some(Compensation));
        assert_eq!(
            r("We process your personal data in accordance with the GDPR."),
            Some(Legal)
        );
        assert_eq!(
            r("You will advise on compliance with the GDPR and the CCPA."),
            None
        );
        assert_eq!(r("Salary: 55k€ - 65k€"), Some(Compensation));
        assert_eq!(r("Medical, dental and vision insurance"), Some(Benefits));
        assert_eq!(
            r("So, if you are a developer, please apply today!"),
            Some(Apply)
        );
        assert_eq!(
            r("Applicants must be authorized to work in the U.S."),
            Some(Legal)
        );
        assert_eq!(r("Questions? Write to jobs@acme.example"), Some(Contact));
        assert_eq!(
            r("Our company is a rapidly growing platform"),
            Some(Company)
        );
        assert_eq!(
            r("CPA preferred; CPA-eligible candidates are encouraged to apply"),
            None
        );
        assert_eq!(r("Dental insurance; 401(k) with a match"), Some(Benefits));
        assert_eq!(r("A Life & Health insurance license is a plus"), None);
        assert_eq!(
            r("Prepare EEO-1 reporting and the affirmative action plan"),
            None
        );
        assert_eq!(
            r("We are an EEO employer and encourage all to apply"),
            Some(EqualOpportunity)
        );
        assert_eq!(
            r("Must pass a background check and drug screen"),
            Some(Legal)
        );
        assert_eq!(
            r("Offers are contingent upon a satisfactory background check"),
            Some(Legal)
        );
        assert_eq!(
            r("Coordinate drug screens and background checks for new hires"),
            None
        );
        assert_eq!(r("Verify health insurance eligibility"), None);
        assert_eq!(r("5+ years of experience with Python"), None);
        assert_eq!(r("Experience with PostgreSQL and Docker"), None);
    }
}
