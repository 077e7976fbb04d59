//! Query sets: the peer harness's analyst queries and Frontline's own.

use std::path::Path;

use anyhow::Context;
use frontline_server::params::{percent_encode, query_pairs};

/// One benchmark query as API parameters.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    pub label: String,
    pub params: Vec<(String, String)>,
}

impl BenchQuery {
    /// The query as a URL path and query string for `/search`.
    pub fn path(&self) -> String {
        let qs: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect();
        format!("/search?{}", qs.join("&"))
    }
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The harness's syntax: words ANDed, `"phrases"`, and `source:"Exact Name"` as a filter,
/// read the way the harness's Frontline peer sends them (text as `q`, source as `source`).
pub fn parse_harness(text: &str) -> Vec<BenchQuery> {
    lines(text)
        .map(|line| {
            let mut params = Vec::new();
            let mut rest = line.to_string();
            if let Some(at) = line.find("source:") {
                let after = &line[at + "source:".len()..];
                let (name, consumed) = match after.strip_prefix('"') {
                    Some(quoted) => {
                        let end = quoted.find('"').unwrap_or(quoted.len());
                        (&quoted[..end], end + 2)
                    }
                    None => {
                        let end = after.find(' ').unwrap_or(after.len());
                        (&after[..end], end)
                    }
                };
                params.push(("source".to_string(), name.to_string()));
                let end = (at + "source:".len() + consumed).min(line.len());
                rest = format!("{} {}", &line[..at], &line[end..]);
            }
            params.insert(0, ("q".to_string(), rest.trim().to_string()));
            BenchQuery {
                label: line.to_string(),
                params,
            }
        })
        .collect()
}

/// Frontline's own set: one query string per line (`q=Kiev&place=/Ukraine/...`), percent-encoded.
pub fn parse_frontline(text: &str) -> anyhow::Result<Vec<BenchQuery>> {
    lines(text)
        .map(|line| {
            let params = query_pairs(Some(line)).map_err(|e| anyhow::anyhow!(e.message))?;
            Ok(BenchQuery {
                label: line.to_string(),
                params,
            })
        })
        .collect()
}

pub fn load(path: &Path, harness_syntax: bool) -> anyhow::Result<Vec<BenchQuery>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    if harness_syntax {
        Ok(parse_harness(&text))
    } else {
        parse_frontline(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harness_source_filters_become_parameters() {
        let q = parse_harness("# c\nPokrovsk\n\"glide bomb\" source:\"The Kyiv Independent\"\n");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].params, [("q".into(), "Pokrovsk".into())]);
        assert_eq!(
            q[1].params,
            [
                ("q".to_string(), "\"glide bomb\"".to_string()),
                ("source".to_string(), "The Kyiv Independent".to_string())
            ]
        );
        assert_eq!(
            q[1].path(),
            "/search?q=%22glide%20bomb%22&source=The%20Kyiv%20Independent"
        );
    }
}
