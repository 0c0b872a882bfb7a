//! Integration tests for the entity parsers on resume-shaped line sequences.

use atscore_core::entities::education::parse_education;
use atscore_core::entities::experience::parse_experience;
use atscore_core::Line;

#[test]
fn debug_print() {
    let l: Vec<Line> = [
        "• Google Mountain View, CA",
        "Software Engineer Oct 2016 – Present",
        "◦ TensorFlow: TensorFlow is an open source software library for numerical computation using data flow graphs;",
        "primarily used for training deep learning models. Worked on APIs and performance for training models on Tensor",
        "Processing Units (TPU).",
        "◦ Apache Beam: Apache Beam is a unified model for defining both batch and streaming data-parallel processing",
        "pipelines, as well as a set of language-specific SDKs for constructing pipelines and runners.",
    ]
    .iter()
    .map(|s| Line::plain(*s))
    .collect();
    eprintln!("{:#?}", parse_experience(&l));
    let l: Vec<Line> = [
        "• Georgia Institute of Technology Atlanta, GA",
        "Master of Science in Computer Science; GPA: 4.00 Aug 2012 – Dec 2013",
        "• Birla Institute of Technology and Science Pilani, India",
        "Bachelor of Engineering in Electrical and Electronics; GPA: 3.66 (9.15/10.0) Aug 2008 – July 2012",
    ]
    .iter()
    .map(|s| Line::plain(*s))
    .collect();
    eprintln!("{:#?}", parse_education(&l));
}
