//! The facets, one declaration each. From it the schema gets the facet field, the engine
//! counts and shapes the facet by its kind and filters by it, the server takes its name as a
//! filter parameter and in `facets=`, and the page lists it. The indexer fills the field
//! (`frontline_indexer::build::to_tantivy`): adding a facet is an entry here and a line there.

/// How a facet's values are shaped and filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    /// Places, `/Country/Region/Settlement`: a tree with coordinates, filtered by path.
    Places,
    /// One level of values (`/value`), the most frequent first, at most this many shown;
    /// filtered by value.
    Values { shown: usize },
    /// Days, `/YYYY/MM/DD` (or months, `/YYYY/MM`): a date histogram, filtered by a range
    /// (`from`/`to` for the publication date, `event_from`/`event_to` for event dates).
    Dates,
}

/// One facet.
#[derive(Debug)]
pub struct FacetSpec {
    /// Its name in the API: the filter parameter, in `facets=` and the answer's `facets`.
    pub name: &'static str,
    /// The index's facet field.
    pub field: &'static str,
    /// Its heading on the page.
    pub label: &'static str,
    /// What the page calls one of its filters ("place: Bakhmut").
    pub chip: &'static str,
    pub kind: FacetKind,
    /// Filter values are lowercased (language codes), else taken as written.
    pub lowercase: bool,
    /// Counted when a search does not say which facets to count.
    pub by_default: bool,
}

/// Every facet, in the order the page shows them.
pub const FACETS: &[FacetSpec] = &[
    FacetSpec {
        name: "place",
        field: "place",
        label: "Places",
        chip: "place",
        kind: FacetKind::Places,
        lowercase: false,
        by_default: true,
    },
    FacetSpec {
        name: "focus",
        field: "focus",
        label: "Mainly about",
        chip: "about",
        kind: FacetKind::Places,
        lowercase: false,
        by_default: true,
    },
    FacetSpec {
        name: "source",
        field: "source_facet",
        label: "Sources",
        chip: "source",
        kind: FacetKind::Values { shown: 50 },
        lowercase: false,
        by_default: true,
    },
    FacetSpec {
        name: "lang",
        field: "lang_facet",
        label: "Languages",
        chip: "language",
        kind: FacetKind::Values { shown: usize::MAX },
        lowercase: true,
        by_default: true,
    },
    FacetSpec {
        name: "date",
        field: "date_facet",
        label: "Over time",
        chip: "dates",
        kind: FacetKind::Dates,
        lowercase: false,
        by_default: true,
    },
    // Asked for by name: most searches show when articles were published, and counting
    // a second calendar costs every search.
    FacetSpec {
        name: "events",
        field: "event_facet",
        label: "Events over time",
        chip: "event dates",
        kind: FacetKind::Dates,
        lowercase: false,
        by_default: false,
    },
];

/// The facet of event dates: filtered by `event_from`/`event_to` rather than `from`/`to`.
pub const EVENTS: &str = "events";

/// The facet of this API name.
pub fn facet(name: &str) -> Option<&'static FacetSpec> {
    FACETS.iter().find(|f| f.name == name)
}
