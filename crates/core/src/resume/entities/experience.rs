//! Experience entries: each job's title, company, location, dates and bullets, from the raw
//! entries that [`super::entries`] cuts an experience section into; and the total years of
//! experience, overlapping jobs counted once.

use serde::{Deserialize, Serialize};

use super::dates::YearMonth;
use super::entries::{segment, split_segments, title_case_ratio, EntryKind, RawEntry, Segment};
use super::roles::{company_score, title_score};
use crate::document::Line;
use crate::text::words::word_count;

/// One job (or internship, volunteer position…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperienceEntry {
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub start: Option<YearMonth>,
    pub end: Option<YearMonth>,
    /// The job runs to the present ("– Present", "– heute", open range).
    pub current: bool,
    /// Bullets and description sentences, wrapped lines joined.
    pub bullets: Vec<String>,
}

impl ExperienceEntry {
    /// `(start, end)` for [`super::dates::total_years`] (`None` end = ongoing), if dated.
    pub fn interval(&self) -> Option<(YearMonth, Option<YearMonth>)> {
        let start = self.start?;
        if self.current {
            Some((start, None))
        } else {
            Some((start, Some(self.end.unwrap_or(start))))
        }
    }
}

/// Total years of experience of `entries` (union of their date intervals, see
/// [`super::dates::total_years`]).
pub fn total_experience_years(entries: &[ExperienceEntry], today: YearMonth) -> f64 {
    let iv: Vec<_> = entries
        .iter()
        .filter_map(ExperienceEntry::interval)
        .collect();
    super::dates::total_years(&iv, today)
}

/// Parse the lines of one experience section into entries.
pub fn parse_experience(lines: &[Line]) -> Vec<ExperienceEntry> {
    let raw = segment(lines, EntryKind::Experience);
    let mut out: Vec<ExperienceEntry> = Vec::new();
    for r in raw {
        let mut e = assign_experience(&r);
        if e.company.is_none() && e.title.is_some() && r.title_only_header {
            if let Some(prev) = out.last() {
                e.company.clone_from(&prev.company);
                if e.location.is_none() {
                    e.location.clone_from(&prev.location);
                }
            }
        }
        out.push(e);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Field assignment
// ---------------------------------------------------------------------------------------------

fn assign_experience(r: &RawEntry) -> ExperienceEntry {
    let mut e = ExperienceEntry::default();
    if let Some(d) = r.dates {
        e.start = d.start;
        e.end = d.end;
        e.current = d.current;
    }
    // Segments with their line index.
    let mut segs: Vec<(usize, Segment)> = Vec::new();
    for (li, h) in r.header.iter().enumerate() {
        for s in split_segments(&h.text) {
            segs.push((li, s));
        }
    }
    let mut used = vec![false; segs.len()];
    if let Some(i) = segs.iter().position(|(_, s)| s.location) {
        e.location = Some(segs[i].1.text.clone());
        used[i] = true;
    }
    // Title: the most title-like segment (title cues beating company cues).
    let best_title = segs
        .iter()
        .enumerate()
        .filter(|(i, (_, s))| !used[*i] && title_score(&s.text) > 0)
        .max_by_key(|(i, (_, s))| {
            let t = title_score(&s.text) as i32;
            let c = company_score(&s.text) as i32;
            (t - c, -(*i as i32))
        })
        .filter(|(_, (_, s))| title_score(&s.text) >= company_score(&s.text))
        .map(|(i, _)| i);
    if let Some(i) = best_title {
        e.title = Some(segs[i].1.text.clone());
        used[i] = true;
    }
    if let Some(i) = segs
        .iter()
        .enumerate()
        .position(|(i, (_, s))| !used[i] && company_score(&s.text) > 0)
    {
        e.company = Some(segs[i].1.text.clone());
        used[i] = true;
    }
    // Uncued segments: the one on the dated line (last header line when the anchor has text)
    // is the title, others the company; then a trailing short one is the location.
    let anchor_line = r.header.len().saturating_sub(1);
    let free: Vec<usize> = (0..segs.len()).filter(|i| !used[*i]).collect();
    let mut leftovers = Vec::new();
    for &i in &free {
        let text = segs[i].1.text.clone();
        if e.title.is_none() && e.company.is_none() {
            let others_on_anchor = free
                .iter()
                .any(|&j| j != i && segs[j].0 == anchor_line && segs[i].0 != anchor_line);
            if others_on_anchor {
                e.company = Some(text);
            } else {
                e.title = Some(text);
            }
        } else if e.title.is_none() {
            e.title = Some(text);
        } else if e.company.is_none() {
            e.company = Some(text);
        } else if e.location.is_none()
            && word_count(&text) <= 3
            && title_case_ratio(&text) >= 0.99
            && segs.get(i + 1).is_none_or(|n| n.0 != segs[i].0)
        {
            e.location = Some(text);
        } else {
            leftovers.push(text);
        }
    }
    e.bullets = leftovers;
    e.bullets.extend(r.body.iter().cloned());
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::resume::entities::entries::split_sentences;
    use crate::resume::entities::test_support::{lines, ym};

    #[test]
    fn jakes_resume() {
        let l = lines(&[
            "Undergraduate Research Assistant June 2020 – Present",
            "Texas A&M University College Station, TX",
            "* Developed a REST API using FastAPI and PostgreSQL to store data from learning management systems",
            "* Developed a full-stack web application using Flask, React, PostgreSQL and Docker to analyze GitHub data",
            "* Explored ways to visualize GitHub collaboration in a classroom setting",
            "Information Technology Support Specialist Sep. 2018 – Present",
            "Southwestern University Georgetown, TX",
            "* Communicate with managers to set up campus computers used on campus",
            "Artificial Intelligence Research Assistant May 2019 – July 2019",
            "Southwestern University Georgetown, TX",
            "* Explored methods to generate video game dungeons based off of The Legend of Zelda",
            "* Conducted a human subject study to determine which video game dungeon generation",
            "technique is enjoyable",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!(
            e[0].title.as_deref(),
            Some("Undergraduate Research Assistant")
        );
        assert_eq!(e[0].company.as_deref(), Some("Texas A&M University"));
        assert_eq!(e[0].location.as_deref(), Some("College Station, TX"));
        assert_eq!(e[0].start, ym(2020, 6));
        assert!(e[0].current && e[0].end.is_none());
        assert_eq!(e[0].bullets.len(), 3);
        assert_eq!(
            e[1].title.as_deref(),
            Some("Information Technology Support Specialist")
        );
        assert_eq!(e[1].company.as_deref(), Some("Southwestern University"));
        assert_eq!(e[1].start, ym(2018, 9));
        assert_eq!(e[2].end, ym(2019, 7));
        assert_eq!(e[2].bullets.len(), 2);
        assert!(e[2].bullets[1].ends_with("generation technique is enjoyable"));
    }

    #[test]
    fn sb2nov() {
        let l = lines(&[
            "• Google Mountain View, CA",
            "Software Engineer Oct 2016 – Present",
            "◦ TensorFlow: TensorFlow is an open source software library for numerical computation using data flow graphs;",
            "primarily used for training deep learning models. Worked on APIs and performance for training models on Tensor",
            "Processing Units (TPU).",
            "◦ Apache Beam: Apache Beam is a unified model for defining both batch and streaming data-parallel processing",
            "pipelines, as well as a set of language-specific SDKs for constructing pipelines and runners.",
            "• Coursera Mountain View, CA",
            "Senior Software Engineer Jan 2014 – Oct 2016",
            "◦ Notifications: Service for sending email, push and in-app notifications.",
            "• Lucena Research Atlanta, GA",
            "Data Scientist Summer 2012 and 2013",
            "◦ Portfolio Management: Created models for portfolio hedging.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!(e[0].company.as_deref(), Some("Google"));
        assert_eq!(e[0].title.as_deref(), Some("Software Engineer"));
        assert_eq!(e[0].location.as_deref(), Some("Mountain View, CA"));
        assert_eq!(e[0].bullets.len(), 2);
        assert!(e[0].bullets[0].ends_with("Processing Units (TPU)."));
        assert_eq!(e[1].company.as_deref(), Some("Coursera"));
        assert_eq!(e[1].title.as_deref(), Some("Senior Software Engineer"));
        assert_eq!((e[1].start, e[1].end), (ym(2014, 1), ym(2016, 10)));
        assert_eq!(e[2].company.as_deref(), Some("Lucena Research"));
        assert_eq!(e[2].title.as_deref(), Some("Data Scientist"));
        assert_eq!(e[2].start, ym(2012, 6));
        assert_eq!(e[2].end, Some(YearMonth::new(2013, None)));
    }

    #[test]
    fn rendercv_classic_dates_after_bullets() {
        let l = lines(&[
            "Nexus AI, Co-Founder & CTO",
            "• Built foundation model infrastructure serving 2M+ monthly API requests with 99.97%",
            "uptime",
            "• Raised $18M Series A led by Sequoia Capital, with participation from a16z and Founders",
            "Fund",
            "San Francisco, CA",
            "June 2023 – present",
            "2 years 10 months",
            "NVIDIA Research, Research Intern",
            "• Designed sparse attention mechanism reducing transformer memory footprint by 4.2x",
            "• Co-authored paper accepted at NeurIPS 2022 (spotlight presentation, top 5% of submissions",
            ")",
            "Santa Clara, CA",
            "May 2022 – Aug 2022",
            "4 months",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Co-Founder & CTO"));
        assert_eq!(e[0].company.as_deref(), Some("Nexus AI"));
        assert_eq!(e[0].location.as_deref(), Some("San Francisco, CA"));
        assert_eq!(e[0].start, ym(2023, 6));
        assert!(e[0].current);
        assert_eq!(
            e[0].bullets,
            [
                "Built foundation model infrastructure serving 2M+ monthly API requests with 99.97% uptime",
                "Raised $18M Series A led by Sequoia Capital, with participation from a16z and Founders Fund"
            ]
        );
        assert_eq!(e[1].title.as_deref(), Some("Research Intern"));
        assert_eq!(e[1].company.as_deref(), Some("NVIDIA Research"));
        assert_eq!(e[1].location.as_deref(), Some("Santa Clara, CA"));
        assert_eq!((e[1].start, e[1].end), (ym(2022, 5), ym(2022, 8)));
        assert_eq!(e[1].bullets.len(), 2);
        assert!(e[1].bullets[1].ends_with("submissions )"));
    }

    #[test]
    fn rendercv_sb2nov_and_resume_matcher() {
        let l = lines(&[
            "Co-Founder & CTO",
            "Nexus AI",
            "San Francisco, CA",
            "June 2023 – present",
            "◦ Built foundation model infrastructure serving 2M+ monthly API requests",
            "◦ Developed proprietary inference optimization reducing latency by 73% compared to baseline",
            "Research Intern",
            "NVIDIA Research",
            "Santa Clara, CA",
            "May 2022 – Aug 2022",
            "◦ Designed sparse attention mechanism",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Co-Founder & CTO"));
        assert_eq!(e[0].company.as_deref(), Some("Nexus AI"));
        assert_eq!(e[1].title.as_deref(), Some("Research Intern"));
        assert_eq!(e[1].company.as_deref(), Some("NVIDIA Research"));
        assert_eq!(e[1].location.as_deref(), Some("Santa Clara, CA"));
        assert_eq!(e[0].bullets.len(), 2);

        let l = lines(&[
            "Senior Software Engineer",
            "Jan 2023 - Present",
            "Stripe",
            "San Francisco, CA",
            "• Designed and implemented real-time fraud detection pipeline processing 50K+ transactions per second using",
            "Kafka and Go, reducing fraudulent charges by 18%",
            "Software Engineer",
            "Jun 2021 - Dec 2022",
            "Figma",
            "San Francisco, CA",
            "• Built collaborative editing infrastructure",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Senior Software Engineer"));
        assert_eq!(e[0].company.as_deref(), Some("Stripe"));
        assert_eq!(e[0].bullets.len(), 1);
        assert_eq!(e[1].company.as_deref(), Some("Figma"));
        assert_eq!((e[1].start, e[1].end), (ym(2021, 6), ym(2022, 12)));
    }

    #[test]
    fn awesome_cv() {
        let l = lines(&[
            "Dunamu Inc. Seoul, S.Korea",
            "DevOps Engineer Sep. 2023 Mar. 2024",
            "• Led service mesh technology research and implementation across enterprise cross-cluster environments, evaluating Istio, Cilium, Kuma, Con-",
            "sul, and AWS VPC Lattice for enhanced security and scalability.",
            "Danggeun Market Inc. Seoul, S.Korea",
            "Site Reliability Engineer Feb. 2021 \u{AD} Mar. 2021",
            "Omnious. Co., Ltd. Seoul, S.Korea",
            "Software Architect Jun. 2017 - May. 2018",
            "• Built fully automated CI/CD pipelines on CircleCI.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!(e[0].company.as_deref(), Some("Dunamu Inc."));
        assert_eq!(e[0].location.as_deref(), Some("Seoul, S.Korea"));
        assert_eq!(e[0].title.as_deref(), Some("DevOps Engineer"));
        assert_eq!((e[0].start, e[0].end), (ym(2023, 9), ym(2024, 3)));
        assert_eq!(e[0].bullets.len(), 1);
        assert!(e[0].bullets[0].contains("Con-sul, and AWS"));
        assert_eq!(e[1].company.as_deref(), Some("Danggeun Market Inc."));
        assert!(e[1].bullets.is_empty());
        assert_eq!(e[2].company.as_deref(), Some("Omnious. Co., Ltd."));
        assert_eq!(e[2].title.as_deref(), Some("Software Architect"));
        assert_eq!(e[2].start, ym(2017, 6));
    }

    #[test]
    fn moderncv_dates_first() {
        let l = lines(&[
            "2019–2021 Software Engineer, Acme Corp, Berlin.",
            "General description no longer than 1–2 lines.",
            "Detailed achievements:",
            "Achievement 1;",
            "- Sub-achievement (a);",
            "Achievement 3.",
            "Description line 2",
            "2016–2019 Junior Developer, Foo GmbH, Munich.",
            "Description line 1",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Software Engineer"));
        assert_eq!(e[0].company.as_deref(), Some("Acme Corp"));
        assert_eq!(e[0].location.as_deref(), Some("Berlin"));
        assert_eq!(e[0].start, Some(YearMonth::new(2019, None)));
        assert_eq!(e[0].end, Some(YearMonth::new(2021, None)));
        assert_eq!(e[0].bullets.len(), 6, "{:#?}", e[0].bullets);
        assert_eq!(e[0].bullets[5], "Description line 2");
        assert_eq!(e[1].title.as_deref(), Some("Junior Developer"));
        assert_eq!(e[1].company.as_deref(), Some("Foo GmbH"));
        assert_eq!(e[1].bullets, ["Description line 1"]);

        // Date alone on a left-margin line, header on the next line.
        let l = lines(&[
            "June 2023 – present",
            "Co-Founder & CTO, Nexus AI – San Francisco, CA",
            "• Built foundation model infrastructure serving 2M+ monthly API requests with 99.97%",
            "uptime",
            "May 2022 – Aug 2022",
            "Research Intern, NVIDIA Research – Santa Clara, CA",
            "• Designed sparse attention mechanism",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Co-Founder & CTO"));
        assert_eq!(e[0].company.as_deref(), Some("Nexus AI"));
        assert_eq!(e[0].location.as_deref(), Some("San Francisco, CA"));
        assert_eq!(e[0].bullets.len(), 1);
        assert_eq!(e[1].company.as_deref(), Some("NVIDIA Research"));
    }

    #[test]
    fn spanish_entry() {
        let l = lines(&[
            "Desarrollador Backend | Telefónica S.A. | Madrid, España",
            "enero 2019 – actualidad",
            "• Diseño de microservicios en Java y Spring Boot.",
            "• Migración a Kubernetes.",
            "Becario de Ingeniería, Indra, Barcelona",
            "sept. 2017 – dic. 2018",
            "• Desarrollo de herramientas internas.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Desarrollador Backend"));
        assert_eq!(e[0].company.as_deref(), Some("Telefónica S.A."));
        assert_eq!(e[0].location.as_deref(), Some("Madrid, España"));
        assert_eq!(e[0].start, ym(2019, 1));
        assert!(e[0].current);
        assert_eq!(e[1].title.as_deref(), Some("Becario de Ingeniería"));
        assert_eq!(e[1].company.as_deref(), Some("Indra"));
        assert_eq!(e[1].location.as_deref(), Some("Barcelona"));
        assert_eq!((e[1].start, e[1].end), (ym(2017, 9), ym(2018, 12)));
    }

    #[test]
    fn two_jobs_same_company() {
        let l = lines(&[
            "Google Mountain View, CA",
            "Senior Software Engineer Jan 2020 – Present",
            "• Led the migration of the ads pipeline.",
            "Software Engineer Jun 2017 – Dec 2019",
            "• Built the experiment framework.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].company.as_deref(), Some("Google"));
        assert_eq!(e[1].company.as_deref(), Some("Google"));
        assert_eq!(e[1].title.as_deref(), Some("Software Engineer"));
        assert_eq!(e[1].location.as_deref(), Some("Mountain View, CA"));
        assert_eq!(
            total_experience_years(&e, YearMonth::new(2020, Some(12))),
            3.6
        );
    }

    #[test]
    fn one_line_headers() {
        let l = lines(&[
            "Software Engineer | Acme Inc. | Berlin, Germany | Jan 2020 – Present",
            "Built things.",
            "Data Analyst at Initech, Austin, TX (2017 – 2019)",
            "Analysed data across the whole company and reported to the board every quarter",
            "and wrote the reports.",
            "Acme Corp (2015–2017)",
            "FACEBOOK | SOFTWARE ENGINEER",
            "Jan 2015 - Present | New York, NY",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 4, "{e:#?}");
        assert_eq!(e[0].title.as_deref(), Some("Software Engineer"));
        assert_eq!(e[0].company.as_deref(), Some("Acme Inc."));
        assert_eq!(e[0].location.as_deref(), Some("Berlin, Germany"));
        assert_eq!(e[0].bullets, ["Built things."]);
        assert_eq!(e[1].title.as_deref(), Some("Data Analyst"));
        assert_eq!(e[1].company.as_deref(), Some("Initech"));
        assert_eq!(e[1].location.as_deref(), Some("Austin, TX"));
        assert_eq!(e[1].bullets.len(), 1);
        assert_eq!(e[2].company.as_deref(), Some("Acme Corp"));
        assert_eq!(e[2].start, Some(YearMonth::new(2015, None)));
        assert_eq!(e[3].title.as_deref(), Some("SOFTWARE ENGINEER"));
        assert_eq!(e[3].company.as_deref(), Some("FACEBOOK"));
        assert_eq!(e[3].location.as_deref(), Some("New York, NY"));
    }

    #[test]
    fn dates_in_sentences_do_not_start_entries() {
        let l = lines(&[
            "Software Engineer, Acme Inc. Jan 2018 – Dec 2021",
            "• Led the migration from 2019 to 2020",
            "Promoted to senior engineer in 2020 after leading the payments rewrite.",
        ]);
        let e = parse_experience(&l);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].bullets.len(), 2);
    }

    #[test]
    fn never_loses_text() {
        let l = lines(&[
            "Some intro line",
            "Creative Solutions Inc.",
            "Senior Web Developer",
            "January 2019 to Present",
            "San Francisco, CA",
            "https://creativesolutions.inc/",
            "Spearheaded the redesign of the main product website, resulting in a 40% increase.",
            "Mentored a team of four junior developers.",
        ]);
        let e = parse_experience(&l);
        let all: String = serde_json::to_string(&e).unwrap();
        for w in [
            "intro",
            "Creative",
            "Senior Web",
            "San Francisco",
            "https",
            "Spearheaded",
            "Mentored",
        ] {
            assert!(all.contains(w), "{w} missing: {all}");
        }
        assert_eq!(
            e.last().unwrap().title.as_deref(),
            Some("Senior Web Developer")
        );
        assert_eq!(
            e.last().unwrap().company.as_deref(),
            Some("Creative Solutions Inc.")
        );
        assert!(parse_experience(&[]).is_empty());
    }

    #[test]
    fn sentence_style_header() {
        let lines = vec![
            Line::plain(
                "Pied Piper, Palo Alto, CA. CEO/President, December 2013 to December 2014.",
            ),
            Line::plain("Built an algorithm for artists."),
            Line::plain("CoderDojo, volunteer teacher, January 2012 to January 2013."),
            Line::plain("Global movement of free coding clubs."),
        ];
        let e = parse_experience(&lines);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].title.as_deref(), Some("CEO/President"));
        assert_eq!(e[0].company.as_deref(), Some("Pied Piper"));
        assert_eq!(
            e[1].company.as_deref().map(|c| c.contains('.')),
            Some(false)
        );
        assert!(split_sentences("Worked in St. Louis. Then more").len() == 2);
    }
}
