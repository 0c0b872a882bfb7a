//! Log redaction: [`Redacting`] wraps the log writer (a `tracing_subscriber` `MakeWriter`) and
//! rewrites every line before it is written, whichever crate logged it: e-mail addresses become
//! `[email]`, phone numbers `[phone]`, and API keys — `ats_` keys, and the value after
//! `X-API-Key`, `Authorization` or `Bearer` — `[key]`. [`redact`] is the rewrite itself.
//!
//! This is a safety net, not a licence: our code never logs resume text, contact details or
//! keys in the first place (log fields are request ids, methods, route templates, statuses,
//! durations and error codes).

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::LazyLock;

use regex::{Captures, Regex};
use tracing_subscriber::fmt::MakeWriter;

/// The value after a key-carrying header or field name (`x-api-key: …`, `"authorization":
/// "Bearer …"`, `api_key=…`).
static HEADER_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b((?:x-api-key|authorization|api[_-]key)["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token)\s+)?)[^\s"',;&)}\]]+"#,
    )
    .expect("header pattern")
});

/// A token after `Bearer ` anywhere.
static BEARER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}").expect("bearer pattern")
});

/// A stored key: `ats_` and (at least) 32 URL-safe characters.
static ATS_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bats_[A-Za-z0-9_-]{32,}").expect("key pattern"));

/// An e-mail address, also URL-encoded (`%40`).
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+-]+(?:@|%40)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
        .expect("email pattern")
});

/// An international number: `+`, a country code and groups (`+44 20 7946 0958`,
/// `+1 (555) 123-4567`, `+15551234567`); 7 to 15 digits in all (checked in [`redact`]).
static PHONE_INTL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\+\d{1,3}(?:[ \t.-]?\(\d{1,4}\))?(?:[ \t.-]?\d{1,4}){1,5}").expect("phone pattern")
});

/// A North American number without `+`: `555-123-4567`, `(555) 123-4567`, `555.123.4567`,
/// `1-555-123-4567`.
static PHONE_US: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b1[ .-])?(?:\(\d{3}\)[ .-]?|\b\d{3}[ .-])\d{3}[ .-]\d{4}\b")
        .expect("phone pattern")
});

/// Rewrite one text: keys, e-mail addresses and phone numbers replaced (borrowed back when
/// there is nothing to hide).
pub fn redact(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    out = replace(out, &HEADER_VALUE, |c| format!("{}[key]", &c[1]));
    out = replace(out, &BEARER, |c| format!("{}[key]", &c[1]));
    out = replace(out, &ATS_KEY, |_| "[key]".into());
    out = replace(out, &EMAIL, |_| "[email]".into());
    out = replace(out, &PHONE_INTL, |c| {
        let digits = c[0].bytes().filter(u8::is_ascii_digit).count();
        if (7..=15).contains(&digits) {
            "[phone]".into()
        } else {
            c[0].to_string()
        }
    });
    replace(out, &PHONE_US, |_| "[phone]".into())
}

fn replace<'a>(
    text: Cow<'a, str>,
    re: &Regex,
    with: impl Fn(&Captures<'_>) -> String,
) -> Cow<'a, str> {
    match re.replace_all(&text, |c: &Captures<'_>| with(c)) {
        Cow::Owned(s) if s != *text => Cow::Owned(s),
        _ => text,
    }
}

/// A `MakeWriter` whose writers redact every line before passing it on.
#[derive(Debug, Clone, Default)]
pub struct Redacting<M> {
    inner: M,
}

impl<M> Redacting<M> {
    pub fn new(inner: M) -> Redacting<M> {
        Redacting { inner }
    }
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter::new(self.inner.make_writer())
    }

    fn make_writer_for(&'a self, meta: &tracing::Metadata<'_>) -> Self::Writer {
        RedactingWriter::new(self.inner.make_writer_for(meta))
    }
}

/// Buffers what is written up to each line end, and writes the line redacted; a last partial
/// line goes out on flush or drop. (The fmt layer writes one event per writer.)
#[derive(Debug)]
pub struct RedactingWriter<W: Write> {
    inner: W,
    buf: Vec<u8>,
}

impl<W: Write> RedactingWriter<W> {
    pub fn new(inner: W) -> RedactingWriter<W> {
        RedactingWriter {
            inner,
            buf: Vec::new(),
        }
    }

    fn emit(&mut self, upto: usize) -> io::Result<()> {
        if upto == 0 {
            return Ok(());
        }
        let rest = self.buf.split_off(upto);
        let chunk = std::mem::replace(&mut self.buf, rest);
        let text = String::from_utf8_lossy(&chunk);
        self.inner.write_all(redact(&text).as_bytes())
    }
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if let Some(last) = self.buf.iter().rposition(|b| *b == b'\n') {
            self.emit(last + 1)?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.emit(self.buf.len())?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        redact(s).into_owned()
    }

    #[test]
    fn emails() {
        assert_eq!(r("from person7@example.org ok"), "from [email] ok");
        assert_eq!(r("to=Jane.Doe+cv@mail.co.uk,"), "to=[email],");
        assert_eq!(r("q=person%40example.org"), "q=[email]");
        assert_eq!(r("no address @ here"), "no address @ here");
    }

    #[test]
    fn phones() {
        for p in [
            "+1 (555) 123-4567",
            "555-123-4567",
            "(555) 123-4567",
            "555.123.4567",
            "1-555-123-4567",
            "+44 20 7946 0958",
            "+1 555 0101",
            "+15551234567",
            "+49-30-901820",
        ] {
            assert_eq!(r(&format!("call {p} now")), "call [phone] now", "{p}");
        }
        assert_eq!(r(r#"{"phone":"+1 555 0142"}"#), r#"{"phone":"[phone]"}"#);
    }

    #[test]
    fn keys() {
        let key = "ats_3kZ9aB-_0123456789abcdefghijklmnop";
        assert_eq!(r(&format!("key {key} used")), "key [key] used");
        assert_eq!(
            r("x-api-key: test-key-0123456789abcdef"),
            "x-api-key: [key]"
        );
        assert_eq!(
            r(r#"{"x-api-key": "secret-value-123"}"#),
            r#"{"x-api-key": "[key]"}"#
        );
        assert_eq!(
            r("authorization: Bearer abc.def-ghi_jkl"),
            "authorization: Bearer [key]"
        );
        assert_eq!(r("sent Bearer abcdefgh12345678"), "sent Bearer [key]");
        assert_eq!(r("X-API-Key=abcdefghijklmnop&x=1"), "X-API-Key=[key]&x=1");
        // prose that names the header keeps its words
        assert_eq!(
            r("send a key in the X-API-Key header"),
            "send a key in the X-API-Key header"
        );
        // `ats_` inside a word is not a key
        let name = "stats_request_processing_duration_seconds_total_x";
        assert_eq!(r(name), name);
    }

    #[test]
    fn ordinary_log_lines_are_untouched() {
        for line in [
            "2026-11-23T10:15:30.123456Z  INFO request{request_id=6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f method=POST route=/api/v1/score}: tower_http::trace::on_response: finished processing request latency=12 ms status=200",
            r#"{"timestamp":"2026-11-23T10:15:30.123456+00:00","level":"DEBUG","message":"started processing request","latency":"1234","port":8080}"#,
            "listening on http://127.0.0.1:8080 and 192.168.100.200:9090",
            "took 0.0025 s; 12345 bytes; version 0.1.0; pid 4242",
            "summary of 2024-01-15 / 2024-02-15",
            "2024-01-15 10:00:00.123",
        ] {
            assert!(matches!(redact(line), Cow::Borrowed(_)), "{line} -> {}", r(line));
        }
    }

    #[test]
    fn writer_redacts_lines_split_across_writes() {
        let mut out = Vec::new();
        {
            let mut w = RedactingWriter::new(&mut out);
            w.write_all(b"mail person1@exa").unwrap();
            w.write_all(b"mple.org and +1 555 0101\nsecond ").unwrap();
            w.write_all(b"555-123-4567").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "mail [email] and [phone]\nsecond [phone]"
        );
    }
}
