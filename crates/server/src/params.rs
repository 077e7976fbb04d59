//! Query strings ↔ typed requests: percent-decoding, the parameters of `/search` and the
//! exports, and links back to the page.

use frontline_engine::relations::parse_cluster_key;
use frontline_engine::request::{EXPORT_MAX, MAX_LIMIT, parse_date, parse_facet_path};
use frontline_engine::{FacetSet, Interval, SearchRequest, Sort};
use frontline_schema::facets::{FACETS, FacetKind, FacetSpec, facet};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::error::ApiError;

/// Bytes a link leaves as they are: unreserved characters and `/`, so facet paths stay
/// readable.
const LINK_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Query-string pairs, percent-decoded, with a 400 for undecodable input.
pub fn query_pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let decode = |s: &str| {
            percent_decode_str(&s.replace('+', " "))
                .decode_utf8()
                .map(|d| d.into_owned())
                .map_err(|_| {
                    ApiError::bad_request(
                        "bad_encoding",
                        format!("{k:?} is not valid percent-encoded UTF-8"),
                    )
                })
        };
        out.push((decode(k)?, decode(v)?));
    }
    Ok(out)
}

/// Percent-encodes a query-string component for a link.
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, LINK_KEEPS).to_string()
}

fn facets(list: &str) -> Result<FacetSet, ApiError> {
    let mut set = FacetSet::NONE;
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if name != "none" && !set.insert(name) {
            let known: Vec<&str> = FACETS.iter().map(|f| f.name).collect();
            return Err(ApiError::bad_request(
                "bad_facets",
                format!(
                    "unknown facet {name:?}: use {}, settlements",
                    known.join(", ")
                ),
            ));
        }
    }
    Ok(set)
}

/// A filter value in its normal form: a place facet's path, a language code in lowercase.
fn filter_value(facet: &FacetSpec, name: &str, value: &str) -> Result<String, ApiError> {
    Ok(match facet.kind {
        FacetKind::Places => parse_facet_path(name, value)?,
        _ if facet.lowercase => value.to_lowercase(),
        _ => value.to_string(),
    })
}

/// A yes/no parameter; empty is yes.
fn flag(name: &str, value: &str) -> Result<bool, ApiError> {
    match value {
        "true" | "1" | "" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(ApiError::bad_request(
            "bad_flag",
            format!("{name}={value:?}: use true or false"),
        )),
    }
}

/// Reads query-string pairs; repeated filters are ORed, different filters ANDed.
pub fn search_request(pairs: &[(String, String)]) -> Result<SearchRequest, ApiError> {
    let mut r = SearchRequest::default();
    let mut sort_given = false;
    for (k, v) in pairs {
        if let Some(facet) = facet(k).filter(|f| f.kind != FacetKind::Dates) {
            if !v.is_empty() {
                let value = filter_value(facet, k, v)?;
                r.filters.entry(facet.name).or_default().push(value);
            }
            continue;
        }
        match k.as_str() {
            "q" => r.q = v.clone(),
            "from" if !v.is_empty() => r.from = Some(parse_date(k, v)?),
            "to" if !v.is_empty() => r.to = Some(parse_date(k, v)?),
            "event_from" if !v.is_empty() => r.event_from = Some(parse_date(k, v)?),
            "event_to" if !v.is_empty() => r.event_to = Some(parse_date(k, v)?),
            "from" | "to" | "event_from" | "event_to" | "interval" => {}
            "sort" if v.is_empty() => {} // the default order
            "sort" => {
                sort_given = true;
                r.sort = Sort::ALL
                    .iter()
                    .find(|(name, _)| name == v)
                    .map(|(_, sort)| *sort)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Sort::ALL.iter().map(|(n, _)| *n).collect();
                        ApiError::bad_request(
                            "bad_sort",
                            format!("sort={v:?}: use {}", names.join(", ")),
                        )
                    })?;
            }
            "limit" => {
                r.limit = v.parse().ok().filter(|l| *l <= MAX_LIMIT).ok_or_else(|| {
                    ApiError::bad_request(
                        "bad_limit",
                        format!("limit={v:?}: use a whole number from 0 to {MAX_LIMIT}"),
                    )
                })?;
            }
            "offset" => {
                r.offset = v.parse().map_err(|_| {
                    ApiError::bad_request("bad_offset", format!("offset={v:?}: use a whole number"))
                })?;
            }
            "facets" => r.facets = facets(v)?,
            "snippets" => r.snippets = flag(k, v)?,
            "collapse" => r.collapse = flag(k, v)?,
            "cluster" if v.is_empty() => {}
            "cluster" => {
                r.cluster = Some(parse_cluster_key(v).ok_or_else(|| {
                    ApiError::bad_request(
                        "bad_cluster",
                        format!(
                            "cluster={v:?} is not a cluster key (16 hex digits, as hits give it)"
                        ),
                    )
                })?);
            }
            _ => {
                return Err(ApiError::bad_request(
                    "unknown_parameter",
                    format!("unknown parameter {k:?}"),
                ));
            }
        }
        if k == "interval" && !v.is_empty() {
            r.interval = Some(match v.as_str() {
                "day" => Interval::Day,
                "week" => Interval::Week,
                "month" => Interval::Month,
                "year" => Interval::Year,
                _ => {
                    return Err(ApiError::bad_request(
                        "bad_interval",
                        format!("interval={v:?}: use day, week, month or year"),
                    ));
                }
            });
        }
    }
    r.validate()?;
    if !sort_given && r.q.trim().is_empty() {
        r.sort = Sort::Newest; // browsing by facets alone: latest first
    }
    Ok(r)
}

/// An export request: the same filters and order as a search, up to [`EXPORT_MAX`]
/// rows from the first (`limit`, default 1000), no facets and no snippets, near-duplicates
/// each on a row of their own unless `collapse` is given.
pub fn export_request(pairs: &[(String, String)]) -> Result<SearchRequest, ApiError> {
    let mut limit = 1000;
    let mut rest = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        match k.as_str() {
            "limit" => {
                limit = v.parse().ok().filter(|l| *l <= EXPORT_MAX).ok_or_else(|| {
                    ApiError::bad_request(
                        "bad_limit",
                        format!("limit={v:?}: use a whole number from 0 to {EXPORT_MAX}"),
                    )
                })?;
            }
            "offset" | "facets" | "interval" | "snippets" => {}
            _ => rest.push((k.clone(), v.clone())),
        }
    }
    let mut req = search_request(&rest)?;
    // An export is every matching article, near-duplicates too, unless asked otherwise.
    req.collapse = pairs
        .iter()
        .any(|(k, v)| k == "collapse" && v != "false" && v != "0");
    req.limit = limit;
    req.offset = 0;
    req.facets = FacetSet::NONE;
    req.snippets = false;
    Ok(req)
}
