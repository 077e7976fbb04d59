//! Helpers for the workspace integration tests: build an index from real corpus files and
//! run the real server on an ephemeral port.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use frontline_gazetteer::Gazetteer;
use frontline_indexer::{BuildOptions, Enricher, Summary};
use frontline_server::{AppState, IndexHandle, app};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the project, when this machine has it.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    p.join("data").exists().then_some(p)
}

/// `../shared` for `test`, or `None` after saying the test is skipped. Under CI, whose
/// machines have it, its absence fails the test instead.
pub fn shared_or_skip(test: &str) -> Option<PathBuf> {
    let found = shared();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "../shared is missing under CI"
        );
        skip(test, "../shared is not present on this machine");
    }
    found
}

/// Says on the terminal that `test` did not run and why: written past the test harness,
/// which captures `eprintln!` from passing tests.
pub fn skip(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIP {test}: {why}");
}

pub fn enricher() -> Enricher {
    Enricher::new(Gazetteer::bundled().expect("bundled gazetteer loads"), true)
}

/// Builds an index from `corpus` into `index`.
pub fn build(corpus: &[PathBuf], index: &Path) -> Summary {
    build_with_memory(corpus, index, 64 << 20)
}

/// Builds with a given writer memory budget: a small one leaves several segments.
pub fn build_with_memory(corpus: &[PathBuf], index: &Path, writer_memory: usize) -> Summary {
    let opts = BuildOptions {
        corpus: corpus.to_vec(),
        index: index.to_path_buf(),
        strict: false,
        writer_memory,
        writer_threads: 1,
    };
    frontline_indexer::build(&opts, &enricher(), &()).expect("index builds")
}

/// A server running on a thread of its own.
pub struct Server {
    pub base: String,
    pub index: IndexHandle,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    pub fn start(index_root: &Path) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let index = IndexHandle::open(index_root).expect("index opens");
        let state = AppState::new(
            index.clone(),
            Arc::new(Gazetteer::bundled().expect("gazetteer")),
        );
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let watched = index.clone();
        runtime.spawn(async move {
            frontline_server::watch(watched, std::time::Duration::from_millis(200));
            let _ = axum::serve(listener, app(state)).await;
        });
        Server {
            base: format!("http://{addr}"),
            index,
            _runtime: runtime,
        }
    }

    /// GET a path; returns status and parsed JSON body.
    pub fn get(&self, path_and_query: &str) -> (u16, serde_json::Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut resp = agent
            .get(&format!("{}{}", self.base, path_and_query))
            .call()
            .expect("request sent");
        let status = resp.status().as_u16();
        let text = resp.body_mut().read_to_string().expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }
}

/// Percent-encodes a query for a URL.
pub fn encode_query(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
