//! A minimal Prometheus HTTP API client: instant queries (`/api/v1/query`) returning vectors
//! or scalars, behind the [`Source`] trait so the report logic can be tested without a server.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

/// One sample of an instant vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// Why a query failed.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("`{0}` is not a Prometheus URL: {1}")]
    BadUrl(String, String),
    #[error("Prometheus at {url} did not answer: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("Prometheus refused the query ({status}): {error}\n  query: {query}")]
    Refused {
        status: String,
        error: String,
        query: String,
    },
    #[error("Prometheus answered something that is not a query result: {0}")]
    Malformed(String),
}

/// Anything that answers PromQL instant queries.
pub trait Source {
    fn query(&self, expr: &str) -> Result<Vec<Sample>, QueryError>;
}

/// A Prometheus server.
pub struct Prometheus {
    base: url::Url,
    client: reqwest::blocking::Client,
}

#[derive(Deserialize)]
struct Envelope {
    status: String,
    #[serde(default)]
    data: Option<Data>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default, rename = "errorType")]
    error_type: Option<String>,
}

#[derive(Deserialize)]
struct Data {
    #[serde(rename = "resultType")]
    result_type: String,
    result: serde_json::Value,
}

#[derive(Deserialize)]
struct VectorItem {
    metric: BTreeMap<String, String>,
    value: (f64, String),
}

fn parse_value(text: &str) -> Result<f64, QueryError> {
    match text {
        "NaN" => Ok(f64::NAN),
        "+Inf" => Ok(f64::INFINITY),
        "-Inf" => Ok(f64::NEG_INFINITY),
        t => t
            .parse()
            .map_err(|_| QueryError::Malformed(format!("sample value `{t}`"))),
    }
}

/// Decode the body of `/api/v1/query`.
pub fn decode(body: &str, query: &str) -> Result<Vec<Sample>, QueryError> {
    let env: Envelope = serde_json::from_str(body).map_err(|e| {
        QueryError::Malformed(format!(
            "{e}: {}",
            body.chars().take(200).collect::<String>()
        ))
    })?;
    if env.status != "success" {
        return Err(QueryError::Refused {
            status: env.error_type.unwrap_or(env.status),
            error: env.error.unwrap_or_default(),
            query: query.to_string(),
        });
    }
    let data = env
        .data
        .ok_or_else(|| QueryError::Malformed("no data".into()))?;
    match data.result_type.as_str() {
        "vector" => {
            let items: Vec<VectorItem> = serde_json::from_value(data.result)
                .map_err(|e| QueryError::Malformed(e.to_string()))?;
            items
                .into_iter()
                .map(|i| {
                    Ok(Sample {
                        labels: i
                            .metric
                            .into_iter()
                            .filter(|(k, _)| k != "__name__")
                            .collect(),
                        value: parse_value(&i.value.1)?,
                    })
                })
                .collect()
        }
        "scalar" => {
            let (_, v): (f64, String) = serde_json::from_value(data.result)
                .map_err(|e| QueryError::Malformed(e.to_string()))?;
            Ok(vec![Sample {
                labels: BTreeMap::new(),
                value: parse_value(&v)?,
            }])
        }
        other => Err(QueryError::Malformed(format!(
            "result type `{other}` (an instant query gives a vector or a scalar)"
        ))),
    }
}

impl Prometheus {
    /// A client of the server at `url` (e.g. `http://127.0.0.1:9090`).
    pub fn new(url: &str) -> Result<Prometheus, QueryError> {
        let mut base =
            url::Url::parse(url).map_err(|e| QueryError::BadUrl(url.to_string(), e.to_string()))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(QueryError::BadUrl(url.into(), "not http or https".into()));
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| QueryError::BadUrl(url.into(), e.to_string()))?;
        Ok(Prometheus { base, client })
    }
}

impl Source for Prometheus {
    fn query(&self, expr: &str) -> Result<Vec<Sample>, QueryError> {
        let url = self
            .base
            .join("api/v1/query")
            .map_err(|e| QueryError::BadUrl(self.base.to_string(), e.to_string()))?;
        let resp = self
            .client
            .post(url.clone())
            .form(&[("query", expr)])
            .send()
            .map_err(|e| QueryError::Unreachable {
                url: self.base.to_string(),
                reason: e.to_string(),
            })?;
        let body = resp.text().map_err(|e| QueryError::Unreachable {
            url: self.base.to_string(),
            reason: e.to_string(),
        })?;
        decode(&body, expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_vectors_scalars_and_errors() {
        let v = decode(
            r#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"x","format":"pdf"},"value":[1.5,"0.25"]}]}}"#,
            "x",
        )
        .unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].value, 0.25);
        assert_eq!(v[0].labels.get("format").map(String::as_str), Some("pdf"));
        assert!(!v[0].labels.contains_key("__name__"));
        let s = decode(
            r#"{"status":"success","data":{"resultType":"scalar","result":[1.5,"NaN"]}}"#,
            "1",
        )
        .unwrap();
        assert!(s[0].value.is_nan());
        let e = decode(
            r#"{"status":"error","errorType":"bad_data","error":"parse error"}"#,
            "sum(",
        )
        .unwrap_err();
        assert!(e.to_string().contains("bad_data") && e.to_string().contains("sum("));
        assert!(decode("<html>", "x").is_err());
    }

    #[test]
    fn urls_are_checked() {
        assert!(Prometheus::new("ftp://x").is_err());
        assert!(Prometheus::new("not a url").is_err());
        assert!(Prometheus::new("http://127.0.0.1:9090").is_ok());
    }
}
