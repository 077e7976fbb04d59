//! Facet and date filters: they narrow, never score.

use std::ops::Bound;

use chrono::{Duration, NaiveDate};
use frontline_schema::facets::{FacetKind, facet};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DateTime, Term};

use crate::index::Loaded;
use crate::request::SearchRequest;

fn to_datetime(d: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(
        d.and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp()),
    )
}

pub(crate) fn filters(loaded: &Loaded, req: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
    let f = &loaded.fields;
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (name, values) in &req.filters {
        let (Some(spec), Some(field)) = (facet(name), f.facet(name)) else {
            continue;
        };
        if values.is_empty() {
            continue;
        }
        let terms = values
            .iter()
            .map(|v| match spec.kind {
                FacetKind::Places => Term::from_facet(field, &Facet::from(v.as_str())),
                FacetKind::Values { .. } | FacetKind::Dates => {
                    Term::from_facet(field, &Facet::from_path([v.as_str()]))
                }
            })
            .collect();
        out.push((Occur::Must, any_of(terms)));
    }
    if let Some(cluster) = req.cluster {
        out.push((
            Occur::Must,
            any_of(vec![Term::from_field_u64(f.cluster, cluster)]),
        ));
    }
    for (field, from, to) in [
        (f.published, req.from, req.to),
        (f.event_date, req.event_from, req.event_to),
    ] {
        if from.is_some() || to.is_some() {
            out.push((Occur::Must, days(field, from, to)));
        }
    }
    out
}

/// Documents with a date of `field` from `from` to `to`, both days included.
fn days(field: Field, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Box<dyn Query> {
    let lower = from.map_or(Bound::Unbounded, |d| {
        Bound::Included(Term::from_field_date(field, to_datetime(d)))
    });
    let upper = to.map_or(Bound::Unbounded, |d| {
        Bound::Excluded(Term::from_field_date(
            field,
            to_datetime(d + Duration::days(1)),
        ))
    });
    Box::new(ConstScoreQuery::new(
        Box::new(RangeQuery::new(lower, upper)),
        0.0,
    ))
}

fn any_of(terms: Vec<Term>) -> Box<dyn Query> {
    let subs: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|t| {
            (
                Occur::Should,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>,
            )
        })
        .collect();
    Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(subs)), 0.0))
}
