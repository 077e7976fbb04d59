//! Facet and date filters: they narrow, never score.

use chrono::{Duration, NaiveDate};
use frontline_schema::facets::{FacetKind, facet};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
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
    if req.from.is_some() || req.to.is_some() {
        use std::ops::Bound;
        let lower = req.from.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_date(f.published, to_datetime(d)))
        });
        let upper = req.to.map_or(Bound::Unbounded, |d| {
            Bound::Excluded(Term::from_field_date(
                f.published,
                to_datetime(d + Duration::days(1)),
            ))
        });
        out.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(
                Box::new(RangeQuery::new(lower, upper)),
                0.0,
            )),
        ));
    }
    out
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
