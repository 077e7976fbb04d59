//! Facet counts at every depth of a hierarchical facet field, in one pass.
//!
//! tantivy's `FacetCollector` counts one depth per collector, and for every query and
//! segment walks the facet dictionary to map term ordinals onto the requested facets: with
//! tens of thousands of place facets that walk costs more than the counting. Here a field's
//! tree is built once per loaded index: every node gets a dense id, and each document's
//! facets are expanded into the ids of all their ancestors, stored as one flat array per
//! segment (as search engines keep "global ordinals" in memory). A query then only adds
//! to an array of counters; paths and labels are looked up for the few nodes an answer
//! shows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyError};

/// Deepest level counted (country / region / settlement; year / month / day).
const MAX_DEPTH: usize = 3;
const NONE: u32 = u32::MAX;

/// One node of a field's facet tree.
struct Node {
    /// Escaped facet path, e.g. `/Ukraine/Donetsk Oblast`.
    path: String,
    label: String,
    children: Vec<u32>,
}

/// The facet tree of one field over every segment of a searcher.
pub struct FieldTree {
    nodes: Vec<Node>,
    roots: Vec<u32>,
    by_path: HashMap<String, u32>,
    /// Per segment, the node ids each document counts towards.
    segments: Vec<(SegmentId, DocNodes)>,
}

/// Node ids per document, shallowest first, so that any depth limit is one slice: the
/// nodes of document `d` down to depth `k` are `nodes[starts[d * levels]..starts[d *
/// levels + k]]`.
struct DocNodes {
    levels: usize,
    starts: Vec<u32>,
    nodes: Vec<u32>,
}

impl DocNodes {
    fn of(&self, doc: DocId, depth: usize) -> &[u32] {
        let first = doc as usize * self.levels;
        let (Some(&start), Some(&end)) = (
            self.starts.get(first),
            self.starts.get(first + depth.min(self.levels)),
        ) else {
            return &[];
        };
        self.nodes.get(start as usize..end as usize).unwrap_or(&[])
    }
}

impl FieldTree {
    fn build(searcher: &Searcher, field: &str) -> tantivy::Result<FieldTree> {
        let mut tree = FieldTree {
            nodes: Vec::new(),
            roots: Vec::new(),
            by_path: HashMap::new(),
            segments: Vec::new(),
        };
        for reader in searcher.segment_readers() {
            let facets = reader.facet_reader(field)?;
            let mut rows = Vec::with_capacity(facets.num_facets());
            let mut stream = facets.facet_dict().stream()?;
            while stream.advance() {
                let facet = Facet::from_encoded(stream.key().to_vec())
                    .map_err(|e| TantivyError::InternalError(format!("facet is not utf-8: {e}")))?;
                rows.push(tree.insert(&facet.to_path()));
            }
            let docs = expand(&facets, reader.max_doc(), &rows);
            tree.segments.push((reader.segment_id(), docs));
        }
        Ok(tree)
    }

    /// Adds a facet's ancestors (up to `MAX_DEPTH`) and returns their ids by depth.
    fn insert(&mut self, segments: &[&str]) -> [u32; MAX_DEPTH] {
        let mut row = [NONE; MAX_DEPTH];
        let mut parent = NONE;
        for depth in 0..segments.len().min(MAX_DEPTH) {
            let path = Facet::from_path(&segments[..=depth]).to_path_string();
            let id = match self.by_path.get(&path) {
                Some(&id) => id,
                None => {
                    let id = self.nodes.len() as u32;
                    self.nodes.push(Node {
                        path: path.clone(),
                        label: segments[depth].to_string(),
                        children: Vec::new(),
                    });
                    self.by_path.insert(path, id);
                    match parent {
                        NONE => self.roots.push(id),
                        p => self.nodes[p as usize].children.push(id),
                    }
                    id
                }
            };
            row[depth] = id;
            parent = id;
        }
        row
    }
}

/// Every document's ancestor nodes, each once, shallowest first.
fn expand(facets: &FacetReader, max_doc: DocId, rows: &[[u32; MAX_DEPTH]]) -> DocNodes {
    let levels = rows
        .iter()
        .map(|row| row.iter().take_while(|&&n| n != NONE).count())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut starts = Vec::with_capacity(max_doc as usize * levels + 1);
    let mut nodes = Vec::new();
    let mut by_depth: [Vec<u32>; MAX_DEPTH] = Default::default();
    for doc in 0..max_doc {
        // A document's ordinals come sorted, so a node's descendants are adjacent and a
        // node is kept once by comparing with the last one kept at its depth.
        for ord in facets.facet_ords(doc) {
            let Some(row) = rows.get(ord as usize) else {
                continue;
            };
            for (depth, &node) in row.iter().enumerate().take(levels) {
                if node == NONE {
                    break;
                }
                if by_depth[depth].last() != Some(&node) {
                    by_depth[depth].push(node);
                }
            }
        }
        for kept in by_depth.iter_mut().take(levels) {
            starts.push(nodes.len() as u32);
            nodes.append(kept);
        }
    }
    starts.push(nodes.len() as u32);
    nodes.shrink_to_fit();
    DocNodes {
        levels,
        starts,
        nodes,
    }
}

/// Facet trees of one loaded index, built on first use (its segments never change).
#[derive(Default)]
pub struct TreeCache(Mutex<HashMap<String, Arc<FieldTree>>>);

impl TreeCache {
    pub fn get(&self, searcher: &Searcher, field: &str) -> tantivy::Result<Arc<FieldTree>> {
        if let Some(tree) = self.0.lock().ok().and_then(|m| m.get(field).cloned()) {
            return Ok(tree);
        }
        let tree = Arc::new(FieldTree::build(searcher, field)?);
        if let Ok(mut m) = self.0.lock() {
            m.insert(field.to_string(), tree.clone());
        }
        Ok(tree)
    }
}

/// Counts the matching documents and every facet node of some fields, in one pass.
pub struct Tally {
    /// Each field's tree and the deepest level to count (1 = top level only).
    fields: Vec<(Arc<FieldTree>, usize)>,
}

impl Tally {
    pub fn new(fields: Vec<(Arc<FieldTree>, usize)>) -> Tally {
        Tally { fields }
    }
}

/// What a [`Tally`] found: the number of matching documents and one [`Counts`] per field.
pub struct Tallied {
    pub docs: u64,
    pub fields: Vec<Counts>,
}

/// Node counts of one field, indexed by node id.
pub struct Counts {
    tree: Arc<FieldTree>,
    counts: Vec<u32>,
}

impl Counts {
    /// The children of the facet path `parent` (`/` for the top level) that matched:
    /// (path, label, count), in tree order.
    pub fn children(&self, parent: &str) -> Vec<(&str, &str, u64)> {
        let ids = match parent {
            "/" => &self.tree.roots,
            p => match self.tree.by_path.get(p) {
                Some(&id) => &self.tree.nodes[id as usize].children,
                None => return Vec::new(),
            },
        };
        ids.iter()
            .filter_map(|&id| {
                let count = self.counts[id as usize];
                let node = &self.tree.nodes[id as usize];
                (count > 0).then_some((node.path.as_str(), node.label.as_str(), u64::from(count)))
            })
            .collect()
    }
}

impl Collector for Tally {
    type Fruit = Tallied;
    type Child = TallySegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TallySegment> {
        let fields = self
            .fields
            .iter()
            .map(|(tree, depth)| {
                let segment = tree
                    .segments
                    .iter()
                    .position(|(id, _)| *id == reader.segment_id())
                    .ok_or_else(|| {
                        TantivyError::InternalError(
                            "facet tree built for another index".to_string(),
                        )
                    })?;
                Ok(FieldCounts {
                    tree: tree.clone(),
                    segment,
                    depth: *depth,
                    counts: vec![0; tree.nodes.len()],
                })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(TallySegment { docs: 0, fields })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, mut fruits: Vec<Tallied>) -> tantivy::Result<Tallied> {
        if fruits.len() == 1
            && let Some(only) = fruits.pop()
        {
            return Ok(only);
        }
        let mut merged = Tallied {
            docs: 0,
            fields: self
                .fields
                .iter()
                .map(|(tree, _)| Counts {
                    tree: tree.clone(),
                    counts: vec![0; tree.nodes.len()],
                })
                .collect(),
        };
        for fruit in fruits {
            merged.docs += fruit.docs;
            for (total, part) in merged.fields.iter_mut().zip(fruit.fields) {
                for (t, n) in total.counts.iter_mut().zip(part.counts) {
                    *t += n;
                }
            }
        }
        Ok(merged)
    }
}

pub struct TallySegment {
    docs: u64,
    fields: Vec<FieldCounts>,
}

struct FieldCounts {
    tree: Arc<FieldTree>,
    /// This segment's position in the tree's `segments`.
    segment: usize,
    depth: usize,
    counts: Vec<u32>,
}

impl SegmentCollector for TallySegment {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs += 1;
        for f in &mut self.fields {
            for &node in f.tree.segments[f.segment].1.of(doc, f.depth) {
                f.counts[node as usize] += 1;
            }
        }
    }

    fn harvest(self) -> Tallied {
        Tallied {
            docs: self.docs,
            fields: self
                .fields
                .into_iter()
                .map(|f| Counts {
                    tree: f.tree,
                    counts: f.counts,
                })
                .collect(),
        }
    }
}
