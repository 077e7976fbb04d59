//! Facet counts at every depth of a hierarchical facet field, in one pass.
//!
//! tantivy's `FacetCollector` counts one depth per collector, and for every query and
//! segment walks the facet dictionary to map term ordinals onto the requested facets: with
//! tens of thousands of place facets that walk costs more than the counting. Here a field's
//! tree is built once per loaded index: every node gets a dense id, and each document's
//! facets are expanded into the ids of all their ancestors (as search engines keep "global
//! ordinals" in memory). Each segment keeps that mapping both ways:
//! - per document and depth, the id of the set of nodes it counts towards down to that
//!   depth. Documents share few distinct sets (one per source; a handful of regions), so
//!   a query counts sets, one increment per document, and adds each set's count to its
//!   nodes at the end;
//! - per node, the documents that count towards it (a bitset when many do, a sorted list
//!   when few do).
//!
//! A query only marks its matching documents in a bitset. The counts are then taken the
//! cheaper way for each field: by the sets of the matching documents, or, for a query
//! matching most of a segment, by intersecting its bitset with each node's documents.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
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
    /// 1 for the top level.
    depth: usize,
    children: Vec<u32>,
}

/// The facet tree of one field over every segment of a searcher.
pub struct FieldTree {
    nodes: Vec<Node>,
    roots: Vec<u32>,
    by_path: HashMap<String, u32>,
    segments: Vec<(SegmentId, SegmentFacets)>,
}

/// One segment's documents and facet nodes, both ways.
struct SegmentFacets {
    /// Per depth limit `k` (index `k - 1`, as deep as the field goes), each document's set.
    sets: Vec<NodeSets>,
    /// The documents of each node present in this segment, by node id.
    postings: Vec<Option<NodeDocs>>,
    /// Per depth limit `k` (index `k - 1`), the cost of counting every node down to depth
    /// `k` from the postings.
    node_cost: [u64; MAX_DEPTH],
}

/// The distinct sets of nodes documents count towards down to one depth.
struct NodeSets {
    /// Each document's set id.
    of_doc: Vec<u32>,
    /// The nodes of set `s` are `nodes[starts[s]..starts[s + 1]]`.
    starts: Vec<u32>,
    nodes: Vec<u32>,
}

impl NodeSets {
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn nodes(&self, set: u32) -> &[u32] {
        let (start, end) = (self.starts[set as usize], self.starts[set as usize + 1]);
        &self.nodes[start as usize..end as usize]
    }
}

/// The documents of one node in one segment.
enum NodeDocs {
    /// One bit per document of the segment.
    Dense(Vec<u64>),
    /// Ascending document ids.
    Sparse(Vec<DocId>),
}

/// Relative costs (roughly nanoseconds) of the two ways to count, to pick the cheaper.
mod cost {
    /// ANDing and counting one 64-document word of a dense node.
    pub const WORD: u64 = 1;
    /// Testing one document of a sparse node against the matches.
    pub const SPARSE_DOC: u64 = 3;
    /// Finding one matching document in the bitset and counting its set.
    pub const MATCH: u64 = 3;
    /// Adding a count to one node of a set.
    pub const PAIR: u64 = 2;
}

fn words(max_doc: DocId) -> usize {
    (max_doc as usize).div_ceil(64)
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
            let sets = expand(&facets, reader.max_doc(), &rows);
            let segment = tree.invert(sets, reader.max_doc());
            tree.segments.push((reader.segment_id(), segment));
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
                        depth: depth + 1,
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

    /// A segment's per-node documents, from its per-document sets.
    fn invert(&self, sets: Vec<NodeSets>, max_doc: DocId) -> SegmentFacets {
        let mut lists: Vec<Vec<DocId>> = vec![Vec::new(); self.nodes.len()];
        if let Some(deepest) = sets.last() {
            for (doc, &set) in deepest.of_doc.iter().enumerate() {
                for &node in deepest.nodes(set) {
                    lists[node as usize].push(doc as DocId);
                }
            }
        }
        let words = words(max_doc);
        let mut node_cost = [0; MAX_DEPTH];
        let postings = lists
            .into_iter()
            .enumerate()
            .map(|(id, list)| {
                if list.is_empty() {
                    return None;
                }
                // A bitset once it is smaller than the list.
                let (docs, cost) = if list.len() * 32 >= max_doc as usize {
                    let mut bits = vec![0u64; words];
                    for &d in &list {
                        bits[d as usize / 64] |= 1 << (d % 64);
                    }
                    (NodeDocs::Dense(bits), words as u64 * cost::WORD)
                } else {
                    let cost = list.len() as u64 * cost::SPARSE_DOC;
                    (NodeDocs::Sparse(list), cost)
                };
                for limit in &mut node_cost[self.nodes[id].depth - 1..] {
                    *limit += cost;
                }
                Some(docs)
            })
            .collect();
        SegmentFacets {
            sets,
            postings,
            node_cost,
        }
    }
}

/// Every document's ancestor nodes, each once, as one set id per depth limit.
fn expand(facets: &FacetReader, max_doc: DocId, rows: &[[u32; MAX_DEPTH]]) -> Vec<NodeSets> {
    let levels = rows
        .iter()
        .map(|row| row.iter().take_while(|&&n| n != NONE).count())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut sets: Vec<NodeSets> = (0..levels)
        .map(|_| NodeSets {
            of_doc: Vec::with_capacity(max_doc as usize),
            starts: vec![0],
            nodes: Vec::new(),
        })
        .collect();
    // A set down to depth k is known by the set down to depth k - 1 and its nodes at k.
    let mut ids: Vec<FxHashMap<(u32, Vec<u32>), u32>> = vec![FxHashMap::default(); levels];
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
        let mut above = NONE;
        for (depth, kept) in by_depth.iter_mut().take(levels).enumerate() {
            let key = (above, std::mem::take(kept));
            let id = match ids[depth].get(&key) {
                Some(&id) => id,
                None => {
                    let mut nodes = match depth {
                        0 => Vec::new(),
                        _ => sets[depth - 1].nodes(above).to_vec(),
                    };
                    nodes.extend(&key.1);
                    let level = &mut sets[depth];
                    let id = level.len() as u32;
                    level.nodes.extend(nodes);
                    level.starts.push(level.nodes.len() as u32);
                    ids[depth].insert(key.clone(), id);
                    id
                }
            };
            // The buffer is kept for the next document.
            let (_, mut buffer) = key;
            buffer.clear();
            *kept = buffer;
            sets[depth].of_doc.push(id);
            above = id;
        }
    }
    sets
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

/// How a [`Tally`] counts a segment's matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Whichever of the two below costs less for the segment, field and match count.
    Cheapest,
    /// Look up each matching document's nodes.
    ByDocument,
    /// Intersect the matches with each node's documents.
    ByNode,
}

/// Counts the matching documents and every facet node of some fields.
pub struct Tally {
    /// Each field's tree and the deepest level to count (1 = top level only).
    fields: Vec<(Arc<FieldTree>, usize)>,
    method: Method,
}

impl Tally {
    pub fn new(fields: Vec<(Arc<FieldTree>, usize)>) -> Tally {
        Tally::with_method(fields, Method::Cheapest)
    }

    pub fn with_method(fields: Vec<(Arc<FieldTree>, usize)>, method: Method) -> Tally {
        Tally { fields, method }
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
                Ok((tree.clone(), segment, *depth))
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(TallySegment {
            docs: 0,
            matches: Matches::List(Vec::new()),
            max_doc: reader.max_doc(),
            fields,
            method: self.method,
        })
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

/// One segment's matching documents: a list while they are few, then a bitset.
enum Matches {
    List(Vec<DocId>),
    Bits(Vec<u64>),
}

impl Matches {
    fn bits(&self, max_doc: DocId) -> std::borrow::Cow<'_, [u64]> {
        match self {
            Matches::Bits(bits) => bits.into(),
            Matches::List(docs) => {
                let mut bits = vec![0u64; words(max_doc)];
                for &d in docs {
                    bits[d as usize / 64] |= 1 << (d % 64);
                }
                bits.into()
            }
        }
    }

    fn for_each(&self, mut f: impl FnMut(usize)) {
        match self {
            Matches::List(docs) => docs.iter().for_each(|&d| f(d as usize)),
            Matches::Bits(bits) => {
                for (w, &word) in bits.iter().enumerate() {
                    let mut rest = word;
                    while rest != 0 {
                        f(w * 64 + rest.trailing_zeros() as usize);
                        rest &= rest - 1;
                    }
                }
            }
        }
    }
}

/// One segment's matches; counted when the segment is done.
pub struct TallySegment {
    docs: u64,
    matches: Matches,
    max_doc: DocId,
    /// Each field's tree, this segment's position in its `segments`, and the depth.
    fields: Vec<(Arc<FieldTree>, usize, usize)>,
    method: Method,
}

impl SegmentCollector for TallySegment {
    type Fruit = Tallied;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs += 1;
        match &mut self.matches {
            Matches::Bits(bits) => {
                if let Some(word) = bits.get_mut(doc as usize / 64) {
                    *word |= 1 << (doc % 64);
                }
            }
            // A bitset once it is smaller than the list.
            Matches::List(docs) if docs.len() * 32 >= self.max_doc as usize => {
                docs.push(doc);
                self.matches = Matches::Bits(self.matches.bits(self.max_doc).into_owned());
            }
            Matches::List(docs) => docs.push(doc),
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(self) -> Tallied {
        let fields = self
            .fields
            .iter()
            .map(|(tree, segment, depth)| Counts {
                tree: tree.clone(),
                counts: count(
                    tree,
                    *segment,
                    &self.matches,
                    self.max_doc,
                    self.docs,
                    *depth,
                    self.method,
                ),
            })
            .collect();
        Tallied {
            docs: self.docs,
            fields,
        }
    }
}

/// Counts of every node down to `depth` among one segment's matches.
fn count(
    tree: &FieldTree,
    segment: usize,
    matches: &Matches,
    max_doc: DocId,
    docs: u64,
    depth: usize,
    method: Method,
) -> Vec<u32> {
    let facets = &tree.segments[segment].1;
    let mut counts = vec![0u32; tree.nodes.len()];
    let Some(sets) = facets.sets.get(depth.clamp(1, facets.sets.len()) - 1) else {
        return counts;
    };
    if docs == 0 {
        return counts;
    }
    // Few matches among many sets: each document's nodes directly, not every set.
    let direct = docs * 4 < sets.len() as u64;
    let by_node = match method {
        Method::ByNode => true,
        Method::ByDocument => false,
        Method::Cheapest => {
            let expansion = match direct {
                true => docs * (sets.nodes.len() / sets.len().max(1)) as u64,
                false => sets.nodes.len() as u64,
            };
            let scan = match matches {
                Matches::Bits(bits) => bits.len() as u64 * cost::WORD,
                Matches::List(_) => 0,
            };
            let by_document = scan + docs * cost::MATCH + expansion * cost::PAIR;
            facets.node_cost[depth.clamp(1, MAX_DEPTH) - 1] < by_document
        }
    };
    if by_node {
        let matches = matches.bits(max_doc);
        let shown = tree.nodes.iter().map(|n| n.depth <= depth);
        for ((slot, docs), shown) in counts.iter_mut().zip(&facets.postings).zip(shown) {
            if !shown {
                continue;
            }
            *slot = match docs {
                Some(NodeDocs::Dense(bits)) => bits
                    .iter()
                    .zip(matches.iter())
                    .map(|(a, b)| (a & b).count_ones())
                    .sum(),
                Some(NodeDocs::Sparse(list)) => list
                    .iter()
                    .filter(|&&d| matches[d as usize / 64] & (1 << (d % 64)) != 0)
                    .count() as u32,
                None => 0,
            };
        }
        return counts;
    }
    let mut per_set = vec![0u32; if direct { 0 } else { sets.len() }];
    matches.for_each(|doc| {
        let set = sets.of_doc[doc];
        match direct {
            true => sets
                .nodes(set)
                .iter()
                .for_each(|&n| counts[n as usize] += 1),
            false => per_set[set as usize] += 1,
        }
    });
    for (set, &n) in per_set.iter().enumerate() {
        if n > 0 {
            for &node in sets.nodes(set as u32) {
                counts[node as usize] += n;
            }
        }
    }
    counts
}
