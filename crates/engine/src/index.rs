//! The served index: opened from `index/current`, swapped when a rebuild moves the link.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arc_swap::ArcSwap;
use frontline_schema::{CURRENT, Fields, SCHEMA_VERSION, built_version, register_analyzers};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term};

/// One opened index generation.
pub struct Loaded {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// The generation directory, to notice when `current` moves.
    pub dir: PathBuf,
    /// Per-segment facet trees, built on first use (segments never change).
    pub facet_trees: Arc<crate::facets::TreeCache>,
    /// The terms of each queried place's names that this generation holds.
    pub place_terms: crate::place_terms::PlaceTermCache,
    /// Articles in Cyrillic script (Ukrainian or Russian), for weighing a term by its
    /// rarity among the articles of its own script.
    pub cyrillic_docs: u64,
    /// Each near-duplicate cluster's translations.
    pub translations: crate::relations::Translations,
    /// The files that failed their checksum, once [`Loaded::check`] has read them.
    damage: std::sync::OnceLock<Vec<String>>,
}

impl Loaded {
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Reads every file of this generation against its checksum, once, and returns the
    /// damaged ones. Slow (it reads the whole index), so servers run it in the background.
    pub fn check(&self) -> &[String] {
        self.damage
            .get_or_init(|| match self.index.validate_checksum() {
                Ok(files) => {
                    let mut names: Vec<String> =
                        files.iter().map(|f| f.display().to_string()).collect();
                    names.sort();
                    names
                }
                Err(e) => vec![format!("index files unreadable: {e}")],
            })
    }

    /// The damaged files found by [`Loaded::check`]; none until it has run.
    pub fn damaged(&self) -> Option<&[String]> {
        self.damage
            .get()
            .map(Vec::as_slice)
            .filter(|d| !d.is_empty())
    }

    pub fn size_bytes(&self) -> u64 {
        std::fs::read_dir(&self.dir)
            .map(|d| {
                d.filter_map(|e| e.ok()?.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// Errors opening an index.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("no index under {0}: run `make index` (or `frontline-index build`) first")]
    Missing(String),
    #[error(
        "the index under {0} lacks fields this version reads ({1}): rebuild it with `make index`"
    )]
    Outdated(String, tantivy::TantivyError),
    #[error(
        "the index under {dir} was built by another version of frontline (schema {found}; this one reads {SCHEMA_VERSION}): rebuild it with `make index`"
    )]
    Version { dir: String, found: String },
    #[error("cannot open index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// The live index of a root folder; cheap to clone.
#[derive(Clone)]
pub struct IndexHandle {
    root: PathBuf,
    search_threads: usize,
    live: Arc<ArcSwap<Loaded>>,
}

/// The folder holding the live index under `root`.
pub fn resolve(root: &Path) -> Option<PathBuf> {
    let current = root.join(CURRENT);
    if current.join("meta.json").exists() {
        return std::fs::canonicalize(current).ok();
    }
    root.join("meta.json").exists().then(|| root.to_path_buf())
}

/// Threads one search spreads its segments over: every core, so a lone query is answered
/// sooner; under load the cores are busy with other queries either way.
pub fn default_search_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The search threads to open an index with: as asked (at least one), else the default.
pub fn search_threads(requested: Option<usize>) -> usize {
    requested.unwrap_or_else(default_search_threads).max(1)
}

fn open_dir(dir: PathBuf, search_threads: usize) -> Result<Loaded, OpenError> {
    let directory =
        crate::read_only::ReadOnlyDirectory::open(&dir).map_err(tantivy::TantivyError::from)?;
    let mut index = Index::open(directory)?;
    // Threads share a query by segments: a single segment gains nothing from them.
    let segments = index.searchable_segment_ids()?.len();
    if search_threads > 1 && segments > 1 {
        index.set_multithread_executor(search_threads.min(segments))?;
    }
    register_analyzers(&index);
    let fields = Fields::new(&index.schema())
        .map_err(|e| OpenError::Outdated(dir.display().to_string(), e))?;
    let built = built_version(&index)?;
    if built != Some(SCHEMA_VERSION) {
        return Err(OpenError::Version {
            dir: dir.display().to_string(),
            found: built.map_or_else(|| "unrecorded".to_string(), |v| v.to_string()),
        });
    }
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut cyrillic_docs = 0;
    for lang in ["uk", "ru"] {
        cyrillic_docs += searcher.doc_freq(&Term::from_field_text(fields.lang, lang))?;
    }
    let translations = crate::relations::Translations::load(&dir);
    Ok(Loaded {
        index,
        reader,
        fields,
        dir,
        facet_trees: Arc::default(),
        place_terms: Default::default(),
        cyrillic_docs: cyrillic_docs.min(searcher.num_docs()),
        translations,
        damage: std::sync::OnceLock::new(),
    })
}

impl IndexHandle {
    pub fn open(root: &Path) -> Result<IndexHandle, OpenError> {
        IndexHandle::open_with_threads(root, default_search_threads())
    }

    /// Opens with a number of search threads (1: each query on the caller's thread).
    pub fn open_with_threads(root: &Path, search_threads: usize) -> Result<IndexHandle, OpenError> {
        let dir = resolve(root).ok_or_else(|| OpenError::Missing(root.display().to_string()))?;
        Ok(IndexHandle {
            root: root.to_path_buf(),
            search_threads,
            live: Arc::new(ArcSwap::from_pointee(open_dir(dir, search_threads)?)),
        })
    }

    pub fn load(&self) -> Arc<Loaded> {
        self.live.load_full()
    }

    /// Switches to a rebuilt index if `current` points somewhere new. Requests already
    /// running keep the generation they started with.
    pub fn refresh(&self) -> Result<bool, OpenError> {
        let Some(dir) = resolve(&self.root) else {
            return Ok(false);
        };
        if dir == self.live.load().dir {
            return Ok(false);
        }
        let loaded = open_dir(dir, self.search_threads)?;
        tracing::info!(dir = %loaded.dir.display(), documents = loaded.searcher().num_docs(), "serving rebuilt index");
        self.live.store(Arc::new(loaded));
        Ok(true)
    }
}
