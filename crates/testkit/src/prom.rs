//! Reading the Prometheus text exposition (`GET /metrics`): samples with their labels, found
//! by name and labels, or one series' value.

use std::collections::BTreeMap;

/// One sample line: name, labels, value.
#[derive(Debug)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// Every sample of an exposition (comments and blank lines skipped).
pub fn samples(text: &str) -> Vec<Sample> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (series, value) = l.rsplit_once(' ').expect("sample line");
            let (name, labels) = match series.split_once('{') {
                Some((n, rest)) => (n, rest.trim_end_matches('}')),
                None => (series, ""),
            };
            let labels = labels
                .split("\",")
                .filter(|kv| !kv.is_empty())
                .map(|kv| {
                    let (k, v) = kv.split_once("=\"").expect("label");
                    (k.to_string(), v.trim_end_matches('"').to_string())
                })
                .collect();
            Sample {
                name: name.to_string(),
                labels,
                value: value.parse().unwrap_or_else(|_| panic!("value of {l}")),
            }
        })
        .collect()
}

/// Samples of `name` carrying all of `labels`.
pub fn find<'a>(all: &'a [Sample], name: &str, labels: &[(&str, &str)]) -> Vec<&'a Sample> {
    all.iter()
        .filter(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).is_some_and(|x| x == v))
        })
        .collect()
}

/// Whether a sample of `name` with all of `labels` is above zero.
pub fn has(all: &[Sample], name: &str, labels: &[(&str, &str)]) -> bool {
    find(all, name, labels).iter().any(|s| s.value > 0.0)
}

/// The value of one series written exactly as exposed (`name{label="v",…}` in the
/// exporter's label order, or a bare name); 0 when it is not there (yet).
pub fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# HELP c A counter.\n# TYPE c counter\nc{a=\"x\",b=\"y\"} 3\nc{a=\"z\",b=\"y\"} 0\ng 1.5\n";

    #[test]
    fn samples_labels_and_values() {
        let all = samples(TEXT);
        assert_eq!(all.len(), 3);
        assert_eq!(find(&all, "c", &[("b", "y")]).len(), 2);
        assert!(has(&all, "c", &[("a", "x")]));
        assert!(!has(&all, "c", &[("a", "z")]));
        assert_eq!(value(TEXT, "c{a=\"x\",b=\"y\"}"), 3.0);
        assert_eq!(value(TEXT, "g"), 1.5);
        assert_eq!(value(TEXT, "c{a=\"x\"}"), 0.0);
    }
}
