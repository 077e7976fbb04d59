//! Facet counts at every depth of a hierarchical facet field, in one pass.
//!
//! tantivy's `FacetCollector` counts one depth per collector, and for every query and
//! segment walks the facet dictionary to map term ordinals onto the requested facets: with
//! tens of thousands of place facets that walk costs more than the counting. Here each
//! segment's table from ordinal to ancestor nodes is built once per (segment, field) and
//! cached with the loaded index; one pass then counts every node once per document.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

/// Deepest level counted (country / region / settlement; year / month / day).
const MAX_DEPTH: usize = 3;
const NONE: u32 = u32::MAX;

/// One node of a segment's facet tree.
struct Node {
    /// Escaped facet path, e.g. `/Ukraine/Donetsk Oblast`.
    path: String,
    parent: String,
    label: String,
}

/// A segment's facet ordinals mapped to their nodes at each depth.
struct SegmentTree {
    nodes: Vec<Node>,
    ancestors: Vec<[u32; MAX_DEPTH]>,
}

impl SegmentTree {
    fn build(reader: &FacetReader) -> tantivy::Result<SegmentTree> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut ancestors = Vec::with_capacity(reader.num_facets());
        let mut stream = reader.facet_dict().stream()?;
        while stream.advance() {
            let facet = Facet::from_encoded(stream.key().to_vec())
                .map_err(|e| TantivyError::InternalError(format!("facet is not utf-8: {e}")))?;
            let segments = facet.to_path();
            let mut row = [NONE; MAX_DEPTH];
            let mut parent = "/".to_string();
            for depth in 0..segments.len().min(MAX_DEPTH) {
                let path = Facet::from_path(&segments[..=depth]).to_path_string();
                let id = *ids.entry(path.clone()).or_insert_with(|| {
                    nodes.push(Node {
                        path: path.clone(),
                        parent: parent.clone(),
                        label: segments[depth].to_string(),
                    });
                    (nodes.len() - 1) as u32
                });
                row[depth] = id;
                parent = path;
            }
            ancestors.push(row);
        }
        Ok(SegmentTree { nodes, ancestors })
    }
}

/// Facet trees of the segments of one loaded index, built on first use.
#[derive(Default)]
pub struct TreeCache(Mutex<HashMap<(tantivy::index::SegmentId, String), Arc<SegmentTree>>>);

impl TreeCache {
    fn get(&self, reader: &SegmentReader, field: &str) -> tantivy::Result<Arc<SegmentTree>> {
        let key = (reader.segment_id(), field.to_string());
        if let Some(tree) = self.0.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(tree);
        }
        let tree = Arc::new(SegmentTree::build(&reader.facet_reader(field)?)?);
        if let Ok(mut m) = self.0.lock() {
            m.insert(key, tree.clone());
        }
        Ok(tree)
    }
}

/// Counts of every facet node of one field over the matching documents.
pub struct Tally {
    field: String,
    cache: Arc<TreeCache>,
}

impl Tally {
    pub fn new(field: &str, cache: Arc<TreeCache>) -> Tally {
        Tally {
            field: field.to_string(),
            cache,
        }
    }
}

/// Node counts by path, with each node's parent and label.
#[derive(Default)]
pub struct Counts(HashMap<String, (String, String, u64)>);

impl Counts {
    /// The children of `parent` (`/` for the top level): (path, label, count).
    pub fn grouped(self) -> HashMap<String, Vec<(String, String, u64)>> {
        let mut out: HashMap<String, Vec<(String, String, u64)>> = HashMap::new();
        for (path, (parent, label, count)) in self.0 {
            out.entry(parent).or_default().push((path, label, count));
        }
        out
    }
}

impl Collector for Tally {
    type Fruit = Counts;
    type Child = TallySegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TallySegment> {
        let tree = self.cache.get(reader, &self.field)?;
        Ok(TallySegment {
            reader: reader.facet_reader(&self.field)?,
            counts: vec![0; tree.nodes.len()],
            tree,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut merged = Counts::default();
        for fruit in fruits {
            for (path, (parent, label, count)) in fruit.0 {
                merged.0.entry(path).or_insert((parent, label, 0)).2 += count;
            }
        }
        Ok(merged)
    }
}

pub struct TallySegment {
    reader: FacetReader,
    tree: Arc<SegmentTree>,
    counts: Vec<u32>,
}

impl SegmentCollector for TallySegment {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        // A document's ordinals come sorted, so a node's descendants are adjacent and a
        // node is counted once per document by remembering the last one at each depth.
        let mut last = [NONE; MAX_DEPTH];
        for ord in self.reader.facet_ords(doc) {
            let Some(row) = self.tree.ancestors.get(ord as usize) else {
                continue;
            };
            for depth in 0..MAX_DEPTH {
                let node = row[depth];
                if node == NONE {
                    break;
                }
                if node != last[depth] {
                    self.counts[node as usize] += 1;
                    last[depth] = node;
                }
            }
        }
    }

    fn harvest(self) -> Counts {
        let mut out = Counts::default();
        for (node, &count) in self.tree.nodes.iter().zip(&self.counts) {
            if count > 0 {
                out.0.insert(
                    node.path.clone(),
                    (node.parent.clone(), node.label.clone(), u64::from(count)),
                );
            }
        }
        out
    }
}
