//! Building an index: read → deduplicate → enrich (in parallel) → cluster near-duplicates
//! (in corpus order) → write → link translations → swap in.
//!
//! The index directory holds generations (`gen-<n>/`) and a symlink `current` naming the
//! live one. A build writes a new generation beside the old, commits it, and only then
//! renames a fresh symlink over `current` — an atomic step, so a reader never sees a
//! half-built index and a crashed build leaves the old one serving.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use frontline_relate::near::{Clusterer, Signature};
use frontline_relate::translations::{self, Articles, Evidence};
use frontline_schema::{
    CURRENT, Fields, HitPlace, StoredEvent, TRANSLATIONS_FILE, UNKNOWN_SOURCE, cluster_of,
    index_settings, place_token, register_analyzers, schema, version_payload,
};
use tantivy::directory::{INDEX_WRITER_LOCK, META_LOCK};
use tantivy::schema::Facet;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument};

use crate::corpus::{self, Origin, RawDoc, Rejected};
use crate::enrich::{Enriched, Enricher, body_hash, date, places::facet_path};

/// Errors that stop a build.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("index i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("{0} record(s) rejected and --strict is set; first: {1}")]
    Strict(usize, String),
    #[error("no corpus files found under {0}")]
    NoFiles(String),
    #[error("another build is writing {0}: wait for it to finish")]
    Busy(String),
    #[error(
        "no document indexed ({read} read, {rejected} rejected; first: {first}): the current index is kept"
    )]
    NothingIndexed {
        read: usize,
        rejected: usize,
        first: String,
    },
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub corpus: Vec<PathBuf>,
    pub index: PathBuf,
    pub strict: bool,
    /// Memory budget of the tantivy writer, bytes.
    pub writer_memory: usize,
    /// Tantivy writer threads (tokenising, stemming, postings).
    pub writer_threads: usize,
}

/// What a build did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub read: usize,
    pub indexed: usize,
    pub duplicates: usize,
    pub rejected: usize,
    pub rejections: Vec<String>,
    pub skipped_files: Vec<String>,
    pub by_lang: BTreeMap<String, usize>,
    pub with_places: usize,
    pub with_dates: usize,
    /// Articles that joined the near-duplicate cluster of an earlier one.
    pub near_duplicates: usize,
    /// Pairs of clusters linked as translations of each other.
    pub translations: usize,
    pub body_bytes: usize,
    pub elapsed_secs: f64,
    pub docs_per_sec: f64,
    pub generation: String,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let langs: Vec<String> = self
            .by_lang
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        write!(
            f,
            "read {} documents from {} files: indexed {}, duplicates {}, rejected {}; languages: {}; with places {}, with dates {}; near-duplicates {}, translation links {}; {:.1} s, {:.0} docs/s, {:.1} MB/s of body text",
            self.read,
            self.files,
            self.indexed,
            self.duplicates,
            self.rejected,
            langs.join(", "),
            self.with_places,
            self.with_dates,
            self.near_duplicates,
            self.translations,
            self.elapsed_secs,
            self.docs_per_sec,
            self.body_bytes as f64 / 1e6 / self.elapsed_secs.max(1e-9),
        )
    }
}

/// Articles indexed per second since the build started: the summary's rate, and the one
/// progress shows on the way.
pub fn docs_per_sec(documents: usize, elapsed_secs: f64) -> f64 {
    documents as f64 / elapsed_secs.max(1e-9)
}

/// Progress callbacks, so the binary can draw a bar and tests stay quiet.
pub trait Progress: Sync {
    /// Reading starts: the corpus files' total size as stored.
    fn start(&self, _total_bytes: u64) {}
    fn file(&self, _path: &Path) {}
    /// Bytes of a corpus file read, as stored.
    fn read(&self, _bytes: u64) {}
    /// An article written to the index.
    fn document(&self) {}
}

impl Progress for () {}

/// Builds a new index generation from the corpus and makes it current.
pub fn build(
    opts: &BuildOptions,
    enricher: &Enricher,
    progress: &dyn Progress,
) -> Result<Summary, BuildError> {
    let started = Instant::now();
    let (files, skipped) = corpus::list_files(&opts.corpus);
    let mut summary = Summary {
        files: files.len(),
        skipped_files: skipped.iter().map(|p| p.display().to_string()).collect(),
        ..Summary::default()
    };
    for path in &skipped {
        tracing::warn!(file = %path.display(), "skipped: not a corpus file (.jsonl, .jsonl.gz, .txt)");
    }
    if files.is_empty() {
        let names: Vec<String> = opts
            .corpus
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        return Err(BuildError::NoFiles(names.join(", ")));
    }
    std::fs::create_dir_all(&opts.index)?;
    // One build at a time per index folder, so any staging folder found now was left by a
    // killed build: removed before this one takes more disk. Released when the build ends.
    let lock = std::fs::File::create(opts.index.join(BUILD_LOCK))?;
    if lock.try_lock().is_err() {
        return Err(BuildError::Busy(opts.index.display().to_string()));
    }
    remove_staging(&opts.index);
    let generation = format!(
        "gen-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_nanos()
    );
    let staging = opts.index.join(format!("{generation}.tmp"));
    std::fs::create_dir_all(&staging)?;
    let result = write_generation(opts, enricher, progress, &files, &staging, &mut summary)
        .and_then(|()| seal(&staging).map_err(Into::into));
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if summary.indexed == 0 {
        // An empty index would take search down: keep serving the one there is.
        let _ = std::fs::remove_dir_all(&staging);
        return Err(BuildError::NothingIndexed {
            read: summary.read,
            rejected: summary.rejected,
            first: summary.rejections.first().cloned().unwrap_or_default(),
        });
    }
    if opts.strict && summary.rejected > 0 {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(BuildError::Strict(
            summary.rejected,
            summary.rejections.first().cloned().unwrap_or_default(),
        ));
    }
    let final_dir = opts.index.join(&generation);
    std::fs::rename(&staging, &final_dir)?;
    swap_current(&opts.index, &generation)?;
    remove_old_generations(&opts.index, &generation);
    summary.generation = generation;
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    summary.docs_per_sec = docs_per_sec(summary.indexed, summary.elapsed_secs);
    Ok(summary)
}

fn write_generation(
    opts: &BuildOptions,
    enricher: &Enricher,
    progress: &dyn Progress,
    files: &[PathBuf],
    dir: &Path,
    summary: &mut Summary,
) -> Result<(), BuildError> {
    let index = Index::builder()
        .schema(schema())
        .settings(index_settings())
        .create_in_dir(dir)?;
    register_analyzers(&index);
    let fields = Fields::new(&index.schema())?;
    // Each writer thread needs an arena of at least 15 MB.
    let threads = opts
        .writer_threads
        .min(opts.writer_memory / 15_000_000)
        .max(1);
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, opts.writer_memory)?;
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(1);

    let (raw_tx, raw_rx) = mpsc::sync_channel::<(usize, RawDoc)>(256);
    let raw_rx = std::sync::Mutex::new(raw_rx);
    let (doc_tx, doc_rx) = mpsc::sync_channel::<(usize, Prepared)>(256);
    let mut relations = Relations::default();
    std::thread::scope(|scope| -> Result<(), BuildError> {
        // Reader: parses and deduplicates in corpus order, so which copy wins is stable.
        let reader = scope.spawn(|| {
            let mut seen_ids = HashMap::new();
            let mut seen_bodies = HashSet::new();
            let mut counts = (0usize, 0usize, Vec::<Rejected>::new());
            let mut sequence = 0;
            progress.start(
                files
                    .iter()
                    .filter_map(|p| std::fs::metadata(p).ok())
                    .map(|m| m.len())
                    .sum(),
            );
            for path in files {
                progress.file(path);
                corpus::read_file_counting(path, &|n| progress.read(n), &mut |record| match record {
                    Err(rejected) => {
                        tracing::warn!(at = %rejected.origin, reason = %rejected.reason, "rejected record");
                        counts.2.push(rejected);
                    }
                    Ok((origin, mut doc)) => {
                        counts.0 += 1;
                        if let Some(published) = &doc.published
                            && !published.trim().is_empty()
                            && date::parse(published).is_none()
                        {
                            tracing::warn!(at = %origin, published = %published, "not a date from 1900 to 2100; indexed without a date");
                            doc.published = None;
                        }
                        if is_duplicate(&doc, &origin, &mut seen_ids, &mut seen_bodies) {
                            counts.1 += 1;
                        } else {
                            let _ = raw_tx.send((sequence, doc));
                            sequence += 1;
                        }
                    }
                });
            }
            drop(raw_tx);
            counts
        });
        for _ in 0..workers {
            let doc_tx = doc_tx.clone();
            let raw_rx = &raw_rx;
            scope.spawn(move || {
                loop {
                    let next = raw_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((sequence, raw))) = next else { break };
                    if doc_tx
                        .send((sequence, prepare(enricher.enrich(raw))))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(doc_tx);
        // Workers finish out of order; clusters are made in corpus order, so they are the
        // same on every build of one corpus.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (sequence, prepared) in doc_rx {
            waiting.insert(sequence, prepared);
            while let Some(prepared) = waiting.remove(&next) {
                next += 1;
                let (doc, cluster) = relations.add(prepared);
                summary.indexed += 1;
                summary.body_bytes += doc.body.len();
                *summary.by_lang.entry(doc.lang.clone()).or_default() += 1;
                summary.with_places += usize::from(!doc.places.is_empty());
                summary.with_dates += usize::from(doc.date.is_some());
                let mut tantivy_doc = to_tantivy(&doc, &fields, enricher);
                tantivy_doc.add_u64(fields.cluster, cluster);
                writer.add_document(tantivy_doc)?;
                progress.document();
            }
        }
        let (read, duplicates, rejected) = reader.join().unwrap_or_default();
        summary.read = read;
        summary.duplicates = duplicates;
        summary.rejected = rejected.len();
        summary.rejections = rejected
            .iter()
            .map(|r| format!("{}: {}", r.origin, r.reason))
            .collect();
        Ok(())
    })?;
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&version_payload());
    commit.commit()?;
    writer.wait_merging_threads()?;
    // Linked once the writer has let go of its memory.
    summary.near_duplicates = relations.near_duplicates;
    summary.translations = relations.write_translations(&dir.join(TRANSLATIONS_FILE))?;
    Ok(())
}

/// An enriched article with what relating it to others needs, made on a worker thread.
struct Prepared {
    doc: Enriched,
    signature: Option<Signature>,
    evidence: Option<Evidence>,
}

fn prepare(doc: Enriched) -> Prepared {
    let signature = Signature::of(&doc.body);
    let evidence = doc.date.map(|date| {
        Evidence::new(
            date.timestamp(),
            doc.title.as_deref(),
            &doc.body,
            doc.places.iter().map(|p| p.geonameid),
        )
    });
    Prepared {
        doc,
        signature,
        evidence,
    }
}

/// Near-duplicate clusters as articles are written, and what linking translations needs
/// once all are.
#[derive(Default)]
struct Relations {
    clusterer: Clusterer,
    /// Each clustered text's cluster value, by its number in the clusterer.
    clusters: Vec<u64>,
    near_duplicates: usize,
    articles: Articles,
    /// Ids of `articles`, end to end, and where each ends: a cluster's representative is
    /// named by one, and one allocation holds them all.
    ids: String,
    id_ends: Vec<u32>,
    /// Languages by the number articles carry.
    langs: Vec<String>,
}

impl Relations {
    /// Places an article in its cluster: the article and its cluster value.
    fn add(&mut self, prepared: Prepared) -> (Enriched, u64) {
        let Prepared {
            doc,
            signature,
            evidence,
        } = prepared;
        let own = cluster_of(&doc.id);
        let cluster = match signature {
            Some(signature) => {
                let placed = self.clusterer.add(&signature);
                let cluster = if placed.first == placed.text {
                    own
                } else {
                    self.near_duplicates += 1;
                    self.clusters[placed.first as usize]
                };
                self.clusters.push(cluster);
                cluster
            }
            None => own,
        };
        if let Some(evidence) = evidence {
            let lang = match self.langs.iter().position(|l| *l == doc.lang) {
                Some(i) => i,
                None => {
                    self.langs.push(doc.lang.clone());
                    self.langs.len() - 1
                }
            };
            self.ids.push_str(&doc.id);
            self.id_ends.push(self.ids.len() as u32);
            self.articles.push(cluster, lang as u16, &evidence);
        }
        (doc, cluster)
    }

    /// Links translations and writes them to `path`; how many links.
    fn write_translations(&self, path: &Path) -> std::io::Result<usize> {
        use std::io::Write;
        let links = translations::link(&self.articles);
        // A cluster's representative: its earliest article, then its longest, then by id.
        let linked: HashSet<u64> = links.iter().flat_map(|l| [l.a, l.b]).collect();
        let mut reps: HashMap<u64, (i64, std::cmp::Reverse<u32>, &str, &str)> = HashMap::new();
        for (i, a) in self.articles.iter().enumerate() {
            if !linked.contains(&a.cluster) {
                continue;
            }
            let start = i.checked_sub(1).map_or(0, |p| self.id_ends[p] as usize);
            let candidate = (
                a.published,
                std::cmp::Reverse(a.chars),
                &self.ids[start..self.id_ends[i] as usize],
                self.langs
                    .get(usize::from(a.lang))
                    .map_or("", String::as_str),
            );
            let rep = reps.entry(a.cluster).or_insert(candidate);
            if candidate < *rep {
                *rep = candidate;
            }
        }
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for l in &links {
            let (Some(a), Some(b)) = (reps.get(&l.a), reps.get(&l.b)) else {
                continue;
            };
            writeln!(
                out,
                "{:016x}\t{}\t{}\t{:016x}\t{}\t{}\t{:.3}",
                l.a, a.3, a.2, l.b, b.3, b.2, l.confidence
            )?;
        }
        out.flush()?;
        Ok(links.len())
    }
}

fn is_duplicate(
    doc: &RawDoc,
    origin: &Origin,
    ids: &mut HashMap<String, u64>,
    bodies: &mut HashSet<u64>,
) -> bool {
    let body_hash = body_hash(doc.body.as_deref().unwrap_or(""));
    let mut id_dup = false;
    if let Some(id) = &doc.id {
        match ids.entry(id.trim().to_string()) {
            Entry::Occupied(first) => {
                id_dup = true;
                if *first.get() != body_hash {
                    tracing::warn!(at = %origin, id = %first.key(), "another record has this id with different text; the first is kept");
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(body_hash);
            }
        }
    }
    let body_dup = !bodies.insert(body_hash);
    if id_dup || body_dup {
        tracing::debug!(at = %origin, id = ?doc.id, "duplicate skipped");
    }
    id_dup || body_dup
}

/// Bytes of the body, from its start, whose words join the spelling vocabulary: the words
/// worth suggesting are in many articles, so their opening holds them, and tokenising every
/// body twice cost a fifth of the build.
const SPELLING_SAMPLE_BYTES: usize = 2000;

/// The opening of `body` the spelling vocabulary takes, cut at a character boundary.
fn spelling_sample(body: &str) -> &str {
    let mut end = body.len().min(SPELLING_SAMPLE_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

/// The tantivy document for an enriched article.
pub fn to_tantivy(doc: &Enriched, f: &Fields, enricher: &Enricher) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_text(f.id, &doc.id);
    if let Some(title) = &doc.title {
        d.add_text(f.title, title);
        d.add_text(f.words, title);
    }
    d.add_text(f.body, &doc.body);
    d.add_text(f.words, spelling_sample(&doc.body));
    if let Some(url) = &doc.url {
        d.add_text(f.url, url);
    }
    let source = doc.source.as_deref().unwrap_or(UNKNOWN_SOURCE);
    d.add_text(f.source, source);
    d.add_facet(f.source_facet, Facet::from_path([source]));
    d.add_text(f.lang, &doc.lang);
    d.add_facet(f.lang_facet, Facet::from_path([doc.lang.as_str()]));
    if let Some(date) = doc.date {
        d.add_date(f.published, DateTime::from_timestamp_secs(date.timestamp()));
        let ymd = date.format("%Y/%m/%d").to_string();
        d.add_facet(f.date_facet, Facet::from_path(ymd.split('/')));
    }
    let mut ids = String::new();
    for p in &doc.places {
        let path = facet_path(enricher.gazetteer(), p);
        d.add_facet(f.place, Facet::from_path(path.iter()));
        if p.focus {
            d.add_facet(f.focus, Facet::from_path(path.iter()));
        }
        for _ in 0..p.mentions {
            ids.push_str(&place_token(p.geonameid));
            ids.push(' ');
        }
    }
    d.add_text(f.place_ids, &ids);
    d.add_text(
        f.enrichment,
        serde_json::to_string(&doc.places).unwrap_or_default(),
    );
    let brief: Vec<HitPlace> = doc.places.iter().map(HitPlace::from).collect();
    d.add_text(
        f.hit_places,
        serde_json::to_string(&brief).unwrap_or_default(),
    );
    add_events(&mut d, f, &doc.events);
    d
}

/// Event dates: every day covered, the earliest and latest, the histogram's facet and the
/// dates with their words for display.
fn add_events(d: &mut TantivyDocument, f: &Fields, events: &[StoredEvent]) {
    if events.is_empty() {
        return;
    }
    let mut days = Vec::new();
    let mut paths = std::collections::BTreeSet::new();
    for e in events {
        let Some((first, last)) = e.days() else {
            continue;
        };
        days.extend(first.iter_days().take_while(|day| *day <= last));
        paths.insert(e.date.replace('-', "/"));
    }
    days.sort_unstable();
    days.dedup();
    let at = |day: &chrono::NaiveDate| {
        DateTime::from_timestamp_secs(day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
    };
    for day in &days {
        d.add_date(f.event_date, at(day));
    }
    if let (Some(first), Some(last)) = (days.first(), days.last()) {
        d.add_date(f.event_first, at(first));
        d.add_date(f.event_last, at(last));
    }
    if let Some(field) = f.facet(frontline_schema::facets::EVENTS) {
        for path in paths {
            d.add_facet(field, Facet::from_path(path.split('/')));
        }
    }
    d.add_text(f.events, serde_json::to_string(events).unwrap_or_default());
}

/// Readies a finished generation to be served by anyone who may read its folder: drops the
/// lock files of tantivy's writer (nothing writes to it again) and lets each file be read
/// as the umask already lets the segments be: tantivy writes its metadata through
/// temporary files made private, which would keep a server running as another user out.
fn seal(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let readable = std::fs::metadata(dir)?.permissions().mode() & 0o444;
    for lock in [&*INDEX_WRITER_LOCK, &*META_LOCK] {
        match std::fs::remove_file(dir.join(&lock.filepath)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let mut permissions = entry.metadata()?.permissions();
        if permissions.mode() & readable != readable {
            permissions.set_mode(permissions.mode() | readable);
            std::fs::set_permissions(entry.path(), permissions)?;
        }
    }
    Ok(())
}

/// Points `index/current` at `generation`, atomically.
fn swap_current(root: &Path, generation: &str) -> std::io::Result<()> {
    let tmp = root.join(format!("{CURRENT}.{generation}.tmp"));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(generation, &tmp)?;
    std::fs::rename(&tmp, root.join(CURRENT))
}

/// The file a build holds locked while it writes an index folder.
const BUILD_LOCK: &str = ".build.lock";

/// Removes what killed builds left: staging generations and half-made `current` links.
fn remove_staging(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for name in entries.filter_map(|e| e.ok()?.file_name().into_string().ok()) {
        let path = root.join(&name);
        if name.starts_with("gen-") && name.ends_with(".tmp") {
            tracing::info!(path = %path.display(), "removing the staging folder of a killed build");
            let _ = std::fs::remove_dir_all(&path);
        } else if name.starts_with(&format!("{CURRENT}.")) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Removes generations older than the previous one (a server may still be reading that).
fn remove_old_generations(root: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let mut gens: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("gen-") && !n.ends_with(".tmp") && n != keep)
        .collect();
    gens.sort();
    gens.pop();
    for g in gens {
        let _ = std::fs::remove_dir_all(root.join(&g));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    /// Counts what a build reports.
    #[derive(Default)]
    struct Recorded {
        total: AtomicU64,
        read: AtomicU64,
        documents: AtomicU64,
    }

    impl Progress for Recorded {
        fn start(&self, total_bytes: u64) {
            self.total.store(total_bytes, Ordering::Relaxed);
        }
        fn read(&self, bytes: u64) {
            self.read.fetch_add(bytes, Ordering::Relaxed);
        }
        fn document(&self) {
            self.documents.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[test]
    fn progress_reads_every_byte_of_the_total_and_counts_every_article() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds");
        let index = tempfile::tempdir().expect("tempdir");
        let opts = BuildOptions {
            corpus: vec![corpus],
            index: index.path().to_path_buf(),
            strict: false,
            writer_memory: 50 << 20,
            writer_threads: 1,
        };
        let enricher = Enricher::new(
            frontline_gazetteer::Gazetteer::bundled().expect("gazetteer"),
            false,
        );
        let progress = Recorded::default();
        let summary = build(&opts, &enricher, &progress).expect("build");
        let total = progress.total.load(Ordering::Relaxed);
        assert!(total > 0);
        assert_eq!(progress.read.load(Ordering::Relaxed), total);
        assert_eq!(
            progress.documents.load(Ordering::Relaxed),
            summary.indexed as u64
        );
    }
}
