//! The soak battery: the real server and indexer binaries attacked as a hostile client and
//! a careless operator would, over loopback only, each scenario bounded in requests or
//! time. Per scenario it prints the requests sent, the failures (a 5xx other than load
//! shedding, an answer cut short, a scenario's own check), the answers shed with 503, the
//! latency of a probe searching meanwhile, and the server's memory before and after.
//!
//! [`fuzz`] makes the hostile requests, [`client`] sends them, [`probe`] times a user's
//! searches, [`process`] runs the binaries, [`scenarios`] holds the attacks and
//! [`report`] the figures.

pub mod client;
pub mod fuzz;
pub mod probe;
pub mod process;
pub mod report;
pub mod scenarios;

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use process::{Binaries, Server};
use report::{Report, Tally};

/// The scenarios, in the order they run.
pub const SCENARIOS: &[&str] = &[
    "fuzz",
    "slow connections",
    "export flood",
    "killed build",
    "rebuild under load",
    "sigterm in flight",
];

/// What to attack and how hard.
#[derive(Debug, Clone)]
pub struct Options {
    pub binaries: Binaries,
    /// The corpus the index is built from, and rebuilt from by the build scenarios.
    pub corpus: Vec<PathBuf>,
    /// The index folder served and rebuilt, built first unless `reuse_index` and it holds one.
    pub index: PathBuf,
    pub reuse_index: bool,
    /// Where the logs go.
    pub work: PathBuf,
    pub fuzz_requests: u64,
    pub fuzz_workers: usize,
    pub seed: u64,
    pub slow_connections: usize,
    /// How long the slow-connection attack and the export flood last.
    pub attack: Duration,
    pub exports: usize,
    pub export_limit: usize,
    /// How long a build writes before it is killed.
    pub kill_after: Duration,
    pub builds: usize,
    pub in_flight: usize,
    /// Runs the server under this open-file limit (soft and hard), as on a host that
    /// allows no more.
    pub open_files: Option<u64>,
    /// How often the probe searches.
    pub probe_every: Duration,
    /// The scenarios to run; all when empty.
    pub only: Vec<String>,
}

impl Options {
    /// The whole battery.
    pub fn full(
        binaries: Binaries,
        corpus: Vec<PathBuf>,
        index: PathBuf,
        work: PathBuf,
    ) -> Options {
        Options {
            binaries,
            corpus,
            index,
            reuse_index: false,
            work,
            fuzz_requests: 20_000,
            fuzz_workers: 8,
            seed: 1,
            slow_connections: 1_100,
            attack: Duration::from_secs(30),
            exports: 1_000,
            export_limit: 10_000,
            kill_after: Duration::from_secs(2),
            builds: 2,
            in_flight: 100,
            open_files: None,
            probe_every: Duration::from_millis(100),
            only: Vec::new(),
        }
    }

    /// A few seconds of each scenario, for the test suite.
    pub fn short(self) -> Options {
        Options {
            fuzz_requests: 1_500,
            slow_connections: 40,
            attack: Duration::from_secs(3),
            exports: 12,
            export_limit: 1_000,
            kill_after: Duration::from_millis(300),
            builds: 1,
            in_flight: 12,
            ..self
        }
    }
}

/// Runs `load` with a probe searching every `probe_every` meanwhile, and the server's
/// memory read before and after.
async fn measure<F: Future<Output = Tally>>(
    scenario: &'static str,
    server: &Server,
    probe_every: Duration,
    load: F,
) -> Report {
    let rss_before = server.rss();
    let started = Instant::now();
    let probe = probe::Probe::start(server.addr, probe_every);
    let tally = load.await;
    Report {
        scenario,
        tally,
        probe: Some(probe.finish().await),
        rss_before,
        rss_after: server.rss(),
        took: started.elapsed(),
    }
}

/// Runs every scenario in turn, printing each one's row to `out` as it ends.
pub async fn run(o: &Options, out: &mut impl Write) -> anyhow::Result<Vec<Report>> {
    // Some scenarios hold more connections than the common default of open files.
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    std::fs::create_dir_all(&o.work)?;
    if !(o.reuse_index && o.index.join("current").join("meta.json").exists()) {
        writeln!(
            out,
            "building the index of {:?} into {}",
            o.corpus,
            o.index.display()
        )?;
        o.binaries
            .build(&o.corpus, &o.index, &o.work.join("first-build.log"))?;
    }
    let mut server = Server::start(
        &o.binaries,
        &o.index,
        o.open_files,
        o.work.join("server.log"),
    )
    .await?;
    let mut probe_client = client::Client::new(server.addr, Duration::from_secs(10));
    let documents = probe_client
        .json("/healthz")
        .await
        .map(|h| h["documents"].clone());
    writeln!(
        out,
        "serving {} ({} documents) at {}; open-file limit {}; probe {} every {:?}",
        o.index.display(),
        documents.unwrap_or_default(),
        server.addr,
        o.open_files
            .map_or_else(|| "as the system gives".to_string(), |n| n.to_string()),
        probe::PROBE_PATH,
        o.probe_every
    )?;
    writeln!(out, "{}", Report::header())?;
    let every = o.probe_every;
    let mut reports = Vec::new();
    for &scenario in SCENARIOS {
        if !o.only.is_empty() && !o.only.iter().any(|s| s == scenario) {
            continue;
        }
        let report = match scenario {
            "fuzz" => measure(scenario, &server, every, scenarios::fuzz(server.addr, o)).await,
            "slow connections" => {
                let load = scenarios::slow_connections(server.addr, o);
                measure(scenario, &server, every, load).await
            }
            "export flood" => {
                let load = scenarios::export_flood(server.addr, o);
                measure(scenario, &server, every, load).await
            }
            "killed build" => {
                let load = scenarios::killed_build(&server, o);
                measure(scenario, &server, every, load).await
            }
            "rebuild under load" => {
                let load = scenarios::rebuild(&server, o);
                measure(scenario, &server, every, load).await
            }
            "sigterm in flight" => {
                // Last: the server is gone after it, so there is nothing left to probe.
                let rss_before = server.rss();
                let started = Instant::now();
                let tally = scenarios::sigterm(&mut server, o).await;
                Report {
                    scenario,
                    tally,
                    probe: None,
                    rss_before,
                    rss_after: None,
                    took: started.elapsed(),
                }
            }
            other => anyhow::bail!("no scenario is named {other:?}"),
        };
        writeln!(out, "{}", report.row())?;
        out.flush()?;
        reports.push(report);
    }
    Ok(reports)
}
