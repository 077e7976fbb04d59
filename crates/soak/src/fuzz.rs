//! Requests a hostile or careless client sends: every endpoint with parameters of the wrong
//! kind, size, script and syntax, and now and then bytes that are not HTTP at all. Each is
//! made from its number and a seed, so a failure names the request that caused it.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};

/// One fuzzed request.
#[derive(Debug, Clone)]
pub enum Fuzzed {
    /// A well-formed GET of this path and query.
    Get(String),
    /// Bytes sent as they are.
    Raw(Vec<u8>),
}

impl Fuzzed {
    /// The request for a report: its start, when long.
    pub fn describe(&self) -> String {
        const SHOWN: usize = 300;
        match self {
            Fuzzed::Get(path) if path.len() > SHOWN => {
                let cut = (0..=SHOWN)
                    .rev()
                    .find(|&i| path.is_char_boundary(i))
                    .unwrap_or(0);
                format!("GET {}… ({} bytes)", &path[..cut], path.len())
            }
            Fuzzed::Get(path) => format!("GET {path}"),
            Fuzzed::Raw(bytes) => format!(
                "raw {:?}{}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(SHOWN)]),
                if bytes.len() > SHOWN { "…" } else { "" }
            ),
        }
    }
}

const PARAMETERS: &[&str] = &[
    "q",
    "q",
    "q",
    "limit",
    "offset",
    "sort",
    "from",
    "to",
    "event_from",
    "event_to",
    "interval",
    "facets",
    "snippets",
    "collapse",
    "cluster",
    "place",
    "focus",
    "source",
    "lang",
    "date",
    "events",
    "timeline",
    "format",
];

const NASTY: &[&str] = &[
    "",
    " ",
    "\"",
    "\"\"",
    "\"unbalanced phrase",
    "(((",
    ")",
    "*",
    "a*",
    "*a",
    "~",
    "Kyiv~2",
    "^",
    "Kyiv^1000000",
    "+",
    "-",
    "--",
    "+-+-",
    "OR",
    "AND",
    "NOT",
    "Kyiv OR",
    "OR OR OR",
    "title:",
    "title:\"",
    "place:",
    "body:Kyiv",
    "nosuchfield:x",
    ":",
    "::::",
    "\\",
    "\\\\\"",
    "[1 TO 5]",
    "{* TO *}",
    "0",
    "-1",
    "-0",
    "1e309",
    "NaN",
    "inf",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775807",
    "-9223372036854775808",
    "4294967296",
    "0x10",
    "1.5",
    "0000-00-00",
    "2025-13-45",
    "2022-02-30",
    "1677-09-21",
    "2262-04-12",
    "99999-01-01",
    "-0001-01-01",
    "2024",
    "2024-02",
    "yesterday",
    "true",
    "false",
    "null",
    "none",
    "place,place",
    "place,nosuch",
    "newest",
    "oldest",
    "events_newest",
    "relevance",
    "Київ",
    "Харків OR Харьков",
    "воєнного стану",
    "\u{202e}evil\u{202c}",
    "a\u{0301}\u{0301}\u{0301}",
    "\u{feff}Kyiv",
    "\u{200b}\u{200b}",
    "🇺🇦🔥",
    "Україна/Київська область/Київ",
    "/Ukraine/Kyiv",
    "/",
    "//",
    "../../etc/passwd",
    "%",
    "%zz",
    "%00",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "=HYPERLINK(\"x\")",
    "'; DROP TABLE articles; --",
    "${jndi:ldap://x}",
    "{{7*7}}",
];

/// Heads that are not valid HTTP/1.1, or push at its limits.
fn raw_requests(rng: &mut fastrand::Rng) -> Vec<u8> {
    let long = "a".repeat(rng.usize(9_000..80_000));
    let many_headers: String = (0..rng.usize(101..300))
        .map(|i| format!("X-{i}: v\r\n"))
        .collect();
    let choices: Vec<Vec<u8>> = vec![
        b"GET /search?q=a\x01b HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /search?q=\x00 HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\nHost: x\r\n\r\n".to_vec(),
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(),
        b"G\xffT / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost x\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: x\r\nX: \xff\xfe\r\n\r\n".to_vec(),
        b"\r\n\r\n\r\n".to_vec(),
        b"NONSENSE\r\n\r\n".to_vec(),
        b"DELETE /search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\nConnection: close\r\n\r\nabc".to_vec(),
        b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(),
        b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc".to_vec(),
        b"GET http://elsewhere.invalid/search?q=Kyiv HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        format!("GET /search?q={long} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(),
        format!("GET /search?q=a HTTP/1.1\r\nHost: x\r\n{many_headers}\r\n").into_bytes(),
        format!("GET /search?q=a HTTP/1.1\r\nHost: x\r\nCookie: {long}{long}{long}{long}{long}{long}\r\n\r\n").into_bytes(),
    ];
    let i = rng.usize(..choices.len());
    choices[i].clone()
}

/// Percent-encodes every byte but the unreserved ones, as a client library would.
fn encode(bytes: &[u8]) -> String {
    const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encode(bytes, RESERVED).to_string()
}

/// A value: a nasty one, random bytes (invalid UTF-8 too), random text in several
/// scripts, a huge one, or a mix.
fn value(rng: &mut fastrand::Rng) -> String {
    match rng.u8(..10) {
        0..=4 => encode(NASTY[rng.usize(..NASTY.len())].as_bytes()),
        5 => {
            let bytes: Vec<u8> = (0..rng.usize(..64)).map(|_| rng.u8(..)).collect();
            encode(&bytes)
        }
        6 => {
            let text: String = (0..rng.usize(1..40))
                .map(|_| match rng.u8(..4) {
                    0 => rng.char('a'..='z'),
                    1 => rng.char('а'..='я'),
                    2 => rng.char('\u{0}'..='\u{ffff}'),
                    _ => [' ', '"', '*', ':', '-', '(', ')'][rng.usize(..7)],
                })
                .collect();
            encode(text.as_bytes())
        }
        7 => "x".repeat(rng.usize(1_000..10_000)),
        // Left raw: '%' signs that are no escapes, '+' as space, '=' inside a value.
        8 => [
            "%",
            "%2",
            "%%41",
            "a+b",
            "a=b=c",
            "%C3%28",
            "%ED%A0%80",
            "%F4%90%80%80",
        ][rng.usize(..8)]
        .to_string(),
        _ => {
            let a = encode(NASTY[rng.usize(..NASTY.len())].as_bytes());
            let b = encode(NASTY[rng.usize(..NASTY.len())].as_bytes());
            format!("{a}%20{b}")
        }
    }
}

/// The `n`th request of the run seeded `seed`.
pub fn request(seed: u64, n: u64) -> Fuzzed {
    let mut rng = fastrand::Rng::with_seed(seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    if rng.u8(..100) < 3 {
        return Fuzzed::Raw(raw_requests(&mut rng));
    }
    let query = |rng: &mut fastrand::Rng, names: &[&str]| -> String {
        (0..rng.usize(..6))
            .map(|_| {
                let name = if rng.u8(..10) == 0 {
                    value(rng)
                } else {
                    names[rng.usize(..names.len())].to_string()
                };
                format!("{name}={}", value(rng))
            })
            .collect::<Vec<_>>()
            .join("&")
    };
    let roll = rng.u8(..100);
    let path = match roll {
        0..=49 => format!("/search?{}", query(&mut rng, PARAMETERS)),
        50..=64 => format!("/?{}", query(&mut rng, PARAMETERS)),
        // Exports stay small: a flood of big ones is a scenario of its own.
        65..=74 => {
            let names: Vec<&str> = PARAMETERS
                .iter()
                .copied()
                .filter(|&p| p != "limit")
                .collect();
            let format = if roll < 70 { "csv" } else { "json" };
            format!("/export.{format}?{}&limit=20", query(&mut rng, &names))
        }
        75..=84 => format!("/documents/{}", value(&mut rng)),
        85..=87 => format!("/assets/{}", value(&mut rng)),
        88..=92 => format!("/{}?{}", value(&mut rng), query(&mut rng, PARAMETERS)),
        93..=95 => "/healthz".to_string(),
        96..=97 => "/metrics".to_string(),
        _ => "/openapi.json".to_string(),
    };
    Fuzzed::Get(path)
}

#[cfg(test)]
mod tests {
    use super::{Fuzzed, request};

    #[test]
    fn requests_are_reproducible_and_varied() {
        let first: Vec<String> = (0..500).map(|n| format!("{:?}", request(7, n))).collect();
        let again: Vec<String> = (0..500).map(|n| format!("{:?}", request(7, n))).collect();
        assert_eq!(first, again);
        let raw = (0..500)
            .filter(|&n| matches!(request(7, n), Fuzzed::Raw(_)))
            .count();
        assert!(raw > 0 && raw < 50, "{raw} raw requests of 500");
        for n in 0..2_000 {
            let fuzzed = request(7, n);
            assert!(fuzzed.describe().chars().count() < 400, "{fuzzed:?}");
            if let Fuzzed::Get(path) = fuzzed {
                assert!(
                    hyper::Uri::try_from(path.as_str()).is_ok(),
                    "unsendable: {path}"
                );
            }
        }
    }
}
