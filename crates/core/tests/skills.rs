//! Skills taxonomy and matcher: every alias of `data/aliases.tsv` is found, ambiguous names
//! obey their context rules (hit and non-hit cases), offsets point into the original text,
//! implications, lookup, and user alias files.

use atscore_core::matching::skills::file::{parse_aliases, CaseRule, ALIASES_TSV};
use atscore_core::matching::skills::{Taxonomy, TaxonomyError};

fn tax() -> &'static Taxonomy {
    Taxonomy::embedded()
}

/// Canonical names found in `text`.
fn names(text: &str) -> Vec<String> {
    let t = tax();
    t.find(text)
        .iter()
        .map(|m| t.skill(m.skill).name.clone())
        .collect()
}

fn has(text: &str, skill: &str) -> bool {
    names(text).iter().any(|n| n == skill)
}

#[track_caller]
fn hit(text: &str, skill: &str) {
    assert!(
        has(text, skill),
        "{skill:?} not found in {text:?}; found {:?}",
        names(text)
    );
}

#[track_caller]
fn miss(text: &str, skill: &str) {
    assert!(!has(text, skill), "{skill:?} wrongly found in {text:?}");
}

#[test]
fn every_alias_and_name_in_the_table_is_found() {
    let t = tax();
    let mut failures = Vec::new();
    for e in parse_aliases(ALIASES_TSV, 'a').unwrap() {
        let id = t
            .lookup(&e.name)
            .unwrap_or_else(|| panic!("lookup({:?})", e.name));
        if t.skill(id).name != e.name {
            failures.push(format!("lookup({:?}) = {:?}", e.name, t.skill(id).name));
        }
        let exact: Vec<String> = e
            .forms
            .iter()
            .filter(|f| f.case == CaseRule::Exact)
            .map(|f| f.text.clone())
            .collect();
        let mut written: Vec<String> = e.forms.iter().map(|f| f.text.clone()).collect();
        // the canonical name, as written, unless the table gives it a stricter spelling
        if !written.iter().any(|w| w.eq_ignore_ascii_case(&e.name)) {
            written.push(e.name.clone());
        }
        for w in written {
            // capitalised, in a tech context, so that ambiguous names (Spark, Go…) are accepted
            let mut c = w.chars();
            let w: String = match c.next() {
                Some(f) if f.is_lowercase() && !exact.contains(&w) => {
                    f.to_uppercase().chain(c).collect()
                }
                _ => w.clone(),
            };
            let text = format!("Technical skills: {w}, Python and Docker.");
            let found = t.find(&text);
            let ok = found
                .iter()
                .any(|m| m.skill == id && m.matched_as.eq_ignore_ascii_case(&w));
            if !ok {
                let got: Vec<String> = found
                    .iter()
                    .map(|m| format!("{}={}", m.matched_as, t.skill(m.skill).name))
                    .collect();
                failures.push(format!("{w:?} → {}: got {got:?}", e.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} aliases not matched:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn common_forms_map_to_canonical_skills() {
    for (text, skill) in [
        ("k8s", "Kubernetes"),
        ("JS", "JavaScript"),
        ("TS and React", "TypeScript"),
        ("Postgres", "PostgreSQL"),
        ("psql", "PostgreSQL"),
        ("GCP", "Google Cloud"),
        ("Google Cloud Platform", "Google Cloud"),
        ("Amazon Web Services", "AWS"),
        ("CI/CD pipelines", "CI/CD"),
        ("ReactJS", "React"),
        ("NodeJS", "Node.js"),
        ("Node.js", "Node.js"),
        ("C++17", "C++"),
        ("C++", "C++"),
        ("C#", "C#"),
        ("dotnet", ".NET"),
        (".NET Core", ".NET"),
        ("ML", "Machine Learning"),
        ("GA4", "Google Analytics"),
        ("RESTful APIs", "REST APIs"),
        ("REST APIs", "REST APIs"),
        ("sklearn", "scikit-learn"),
        ("scikit-learn", "scikit-learn"),
        ("PySpark", "PySpark"),
        ("Golang", "Go"),
        ("MS Excel", "Microsoft Excel"),
        ("A/B testing", "A/B Testing"),
        ("microservices", "Microservices"),
        ("Python's ecosystem", "Python"),
        ("Spring Boot", "Spring Boot"),
        ("problem-solving", "Problem Solving"),
        ("problem solving", "Problem Solving"),
        ("stakeholder management", "Stakeholder Management"),
        ("Scrum Master", "Scrum"),
    ] {
        hit(text, skill);
    }
}

#[test]
fn word_boundaries() {
    miss("JavaScript developer", "Java");
    hit("JavaScript developer", "JavaScript");
    miss("Google Docs", "Go");
    miss("MongoDB", "Go");
    hit("MongoDB", "MongoDB");
    miss("C# and .NET", "C");
    miss("R&D department", "R");
    miss("Node.js", "JavaScript");
    miss("reactive systems", "React");
    miss("Pythonic", "Python");
}

#[test]
fn ambiguous_c_and_r() {
    hit("Languages: C, C++, Python", "C");
    hit("Embedded C programming", "C");
    hit("Proficient in R and Python", "R");
    hit("R programming (tidyverse, ggplot2)", "R");
    hit("R/Python for statistics", "R");
    hit("Skills: C, R, Go", "R");
    miss("Vitamin C supplements", "C");
    miss("Presented to C-level executives", "C");
    miss("Reported to John C. Smith", "C");
    miss("Final grade: C", "C");
    miss("R&D engineer", "R");
    miss("Section R of the report", "R");
    miss("a c programming", "Python");
}

#[test]
fn ambiguous_go() {
    hit("Built services in Go and Python", "Go");
    hit("Go developer", "Go");
    hit("Golang", "Go");
    miss("go to market strategy", "Go");
    hit("go to market strategy", "Marketing Strategy");
    miss("Go-to person for Python questions", "Go");
    miss("had to let go of two vendors", "Go");
    miss("Go above and beyond for customers", "Go");
    miss("Google Cloud", "Go");
    // alone on a list line, capitalised: the language
    hit("Nice to have:\n- Go\n- Kafka", "Go");
    hit("Go", "Go");
    miss("go", "Go");
    miss("Go!", "Go");
}

#[test]
fn ambiguous_words() {
    hit("iOS apps in Swift and SwiftUI", "Swift");
    miss("swift delivery of projects", "Swift");
    miss("Swift delivery of orders to customers", "Swift");
    hit("Systems programming in Rust", "Rust");
    miss("rust removal and painting", "Rust");
    miss("Rust removal", "Rust");
    hit("Spark jobs on EMR", "Apache Spark");
    hit("Apache Spark", "Apache Spark");
    miss("spark joy", "Apache Spark");
    miss("Spark joy in every customer", "Apache Spark");
    hit("Advanced Excel", "Microsoft Excel");
    hit("Excel, Word, PowerPoint", "Microsoft Excel");
    hit("reporting in excel", "Microsoft Excel");
    miss("I excel at communication", "Microsoft Excel");
    miss("strive to excel in every role", "Microsoft Excel");
    miss("excelled in sales", "Microsoft Excel");
    miss("she excels under pressure", "Microsoft Excel");
    hit("Java, Spring, Hibernate", "Spring");
    miss("Spring 2021 semester", "Spring");
    miss("Internship, Spring 2020", "Spring");
    hit("Ruby on Rails", "Ruby on Rails");
    hit("Ruby, Python and Go", "Ruby");
    miss("Contact: Ruby Johnson", "Ruby");
    hit("Julia and Python for numerical computing", "Julia");
    miss("Julia Roberts", "Julia");
    miss("Java island trip", "Java");
    hit("Java 17", "Java");
    hit("Bash and Shell scripting", "Bash");
    miss("Royal Dutch Shell", "Bash");
    miss("head chef at a restaurant", "Chef");
    miss("Chef de partie", "Chef");
    hit("Configuration management with Chef and Ansible", "Chef");
    miss("puppet show", "Puppet");
    hit("Puppet, Ansible, Terraform", "Puppet");
    miss("Less than 5% churn", "Less");
    hit("CSS preprocessors: Sass, Less", "Less");
    miss("Pascal Dupont, manager", "Pascal");
    miss("Dart board", "Dart");
    hit("Flutter and Dart", "Dart");
    miss("Elm Street", "Elm");
    miss("pension scheme administration", "Scheme");
    miss("Express delivery", "Express.js");
    hit("REST APIs with Express and Node.js", "Express.js");
    miss("React quickly to incidents", "React");
    hit("Front end in React and TypeScript", "React");
    miss("a node in the graph", "Node.js");
    miss("Unity of purpose", "Unity");
    hit("Game development with Unity and C#", "Unity");
}

#[test]
fn offsets_are_into_the_original_text() {
    let t = tax();
    let text = "Développeur — utilise k8s\tet   Kubernetes, C++ — Node.js";
    let ms = t.find(text);
    let got: Vec<(&str, String)> = ms
        .iter()
        .map(|m| (&text[m.start..m.end], t.skill(m.skill).name.clone()))
        .collect();
    for m in &ms {
        assert_eq!(&text[m.start..m.end], m.matched_as);
    }
    assert!(got.contains(&("k8s", "Kubernetes".into())), "{got:?}");
    assert!(
        got.contains(&("Kubernetes", "Kubernetes".into())),
        "{got:?}"
    );
    assert!(got.contains(&("C++", "C++".into())), "{got:?}");
    assert!(got.contains(&("Node.js", "Node.js".into())), "{got:?}");
    // a phrase across a line break and a hyphen
    let text = "project\n  management and problem-solving";
    let ms = t.find(text);
    assert_eq!(ms[0].matched_as, "project\n  management");
    assert_eq!(ms[1].matched_as, "problem-solving");
    // plural keeps the whole word
    let ms = t.find("Designed microservices.");
    assert_eq!(ms[0].matched_as, "microservices");
    let m = &t.find("I use k8s")[0];
    assert_eq!((m.start, m.end), (6, 9));
    assert_eq!(m.via(t).as_deref(), Some("k8s → Kubernetes"));
}

#[test]
fn lookup_and_implications() {
    let t = tax();
    let id = |n: &str| t.lookup(n).unwrap_or_else(|| panic!("lookup {n}"));
    assert_eq!(id("k8s"), id("Kubernetes"));
    assert_eq!(id("K8S"), id("Kubernetes"));
    assert_eq!(id("postgres"), id("PostgreSQL"));
    assert_eq!(id("Go"), id("golang"));
    assert_eq!(t.skill(id("go")).name, "Go");
    assert!(t.lookup("no such skill xyz").is_none());
    let implied = |n: &str| -> Vec<String> {
        t.implied(id(n))
            .iter()
            .map(|i| t.skill(*i).name.clone())
            .collect()
    };
    assert!(implied("PostgreSQL").contains(&"SQL".to_string()));
    assert!(implied("MySQL").contains(&"SQL".to_string()));
    assert!(implied("React").contains(&"JavaScript".to_string()));
    assert!(implied("Django").contains(&"Python".to_string()));
    assert!(implied("TypeScript").contains(&"JavaScript".to_string()));
    let p = implied("PySpark");
    assert!(
        p.contains(&"Apache Spark".to_string()) && p.contains(&"Python".to_string()),
        "{p:?}"
    );
    let e = implied("EKS");
    assert!(
        e.contains(&"Kubernetes".to_string()) && e.contains(&"AWS".to_string()),
        "{e:?}"
    );
    assert!(t.skill(id("Python")).hot);
}

#[test]
fn esco_onet_and_linguist_skills_are_present() {
    let t = tax();
    assert!(t.len() > 10_000, "{}", t.len());
    assert!(t.version().starts_with("tax-"));
    for n in [
        "Haskell",
        "CoffeeScript",
        "Adobe Photoshop",
        "Apache Kafka",
        "English",
        "manage musical staff",
    ] {
        assert!(t.lookup(n).is_some(), "{n}");
    }
    hit("Fluent in English and Spanish", "English");
    hit("Used Atlassian Confluence daily", "Confluence");
    // French/Spanish labels map to the English skill
    hit("Compétences: comptabilité", "Accounting");
}

#[test]
fn user_aliases() {
    let user = "# my skills\nFoo Lang\tprogramming_language\tfoolang|=FL2\tPython\nKubernetes\tplatform\tkates\n";
    let t = Taxonomy::with_user_aliases(user).unwrap();
    assert!(t.len() > tax().len());
    assert_ne!(t.version(), tax().version());
    let names = |text: &str| -> Vec<String> {
        t.find(text)
            .iter()
            .map(|m| t.skill(m.skill).name.clone())
            .collect()
    };
    assert_eq!(
        names("foolang and FL2 but not fl2"),
        vec!["Foo Lang", "Foo Lang"]
    );
    assert_eq!(names("we run kates"), vec!["Kubernetes"]);
    assert_eq!(names("k8s"), vec!["Kubernetes"]);
    let foo = t.lookup("Foo Lang").unwrap();
    assert_eq!(t.skill(foo).implies, vec![t.lookup("Python").unwrap()]);

    for (bad, line) in [
        ("ok\tskill\tx\n\nBad\tnot_a_category\tx\n", 3),
        ("\tskill\tx\n", 1),
        ("one column only\n", 1),
        ("A\tskill\ta\tb\tc\n", 1),
        ("# c\nA\tskill\ta\tNo Such Skill Anywhere\n", 2),
    ] {
        match Taxonomy::with_user_aliases(bad) {
            Err(TaxonomyError::BadLine { line: l, .. }) => assert_eq!(l, line, "{bad:?}"),
            Ok(_) => panic!("accepted {bad:?}"),
        }
    }
}
