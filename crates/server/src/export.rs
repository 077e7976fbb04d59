//! Search results as downloadable CSV or JSON (`/export.csv`, `/export.json`).

use std::borrow::Cow;

use serde::Serialize;

use frontline_engine::{Hit, SearchResponse};

/// One exported row: the hit without its snippet, places flattened to names.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub source: &'a str,
    pub published: &'a str,
    pub url: &'a str,
    pub lang: &'a str,
    /// Mentioned places, `; `-separated facet paths.
    pub places: String,
    /// Focus places, `; `-separated facet paths.
    pub focus: String,
}

impl<'a> From<&'a Hit> for Row<'a> {
    fn from(h: &'a Hit) -> Row<'a> {
        let join = |focus_only: bool| {
            h.places
                .iter()
                .filter(|p| p.focus || !focus_only)
                .map(|p| p.path.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        Row {
            id: &h.id,
            title: h.title.as_deref().unwrap_or(""),
            source: h.source.as_deref().unwrap_or(""),
            published: h.published.as_deref().unwrap_or(""),
            url: h.url.as_deref().unwrap_or(""),
            lang: h.lang.as_deref().unwrap_or(""),
            places: join(false),
            focus: join(true),
        }
    }
}

/// The export's columns, in the order of [`Row`]'s fields.
const COLUMNS: [&str; 8] = [
    "id",
    "title",
    "source",
    "published",
    "url",
    "lang",
    "places",
    "focus",
];

/// CSV with a header row (also when there are no hits), one row per hit, in result order.
pub fn to_csv(res: &SearchResponse) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for hit in &res.hits {
        let r = Row::from(hit);
        let cells = [
            r.id,
            r.title,
            r.source,
            r.published,
            r.url,
            r.lang,
            &r.places,
            &r.focus,
        ];
        w.write_record(cells.map(as_text).iter().map(|c| c.as_bytes()))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// A cell a spreadsheet would run as a formula, made text with a leading `'` (OWASP's
/// rule for CSV injection); the JSON export keeps values as written.
fn as_text(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The JSON export: total and rows.
#[derive(Debug, Serialize)]
pub struct JsonExport<'a> {
    pub total: usize,
    pub rows: Vec<Row<'a>>,
}

pub fn to_json(res: &SearchResponse) -> JsonExport<'_> {
    JsonExport {
        total: res.total,
        rows: res.hits.iter().map(Row::from).collect(),
    }
}
