//! `frontline-bench`: in-process and HTTP query latency, and bare-tantivy indexing.
//! Prints JSON; `bench/run` collects it into `bench/RESULTS.md`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Parser, Subcommand};
use frontline_bench::queries::{self, BenchQuery};
use frontline_bench::stats::Latency;
use frontline_engine::{IndexHandle, SearchRequest};
use frontline_gazetteer::Gazetteer;
use serde::Serialize;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "frontline-bench",
    version,
    about = "Frontline's own benchmark measurements"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Sets {
    /// Query file in the peer harness's syntax (words, "phrases", source:"Name").
    #[arg(long)]
    harness: Option<PathBuf>,
    /// Frontline's own query file: one API query string per line.
    #[arg(long)]
    frontline: Option<PathBuf>,
    /// Timed passes over each set, after one untimed warm-up pass.
    #[arg(long, default_value_t = 5)]
    repeat: usize,
}

#[derive(Subcommand)]
enum Command {
    /// Query latency in process: the server's own search function, default answer
    /// (top 10, snippets, every default facet).
    Query {
        #[arg(long)]
        index: PathBuf,
        #[command(flatten)]
        sets: Sets,
        /// Threads one search spreads the segments over [default: as the server, every core].
        #[arg(long)]
        search_threads: Option<usize>,
    },
    /// Single-client latency over HTTP against a running frontline-serve.
    Http {
        #[arg(long)]
        base: String,
        #[command(flatten)]
        sets: Sets,
    },
    /// Print every query of the sets as a /search path (for a load generator).
    Paths {
        #[command(flatten)]
        sets: Sets,
    },
    /// Index with a bare tantivy schema and no enrichment (the floor for indexing cost).
    Bare {
        #[arg(long, num_args = 1.., required = true)]
        corpus: Vec<PathBuf>,
        #[arg(long)]
        index: PathBuf,
        #[arg(long, default_value_t = 256)]
        memory_mb: usize,
        /// Writer threads; the default matches `frontline-index build`.
        #[arg(long, default_value_t = 1)]
        writer_threads: usize,
    },
}

#[derive(Serialize)]
struct PerQuery {
    label: String,
    p50_ms: f64,
    total: Option<u64>,
}

#[derive(Serialize)]
struct SetResult {
    name: &'static str,
    queries: usize,
    errors: usize,
    latency: Latency,
    per_query: Vec<PerQuery>,
}

fn load_sets(sets: &Sets) -> anyhow::Result<Vec<(&'static str, Vec<BenchQuery>)>> {
    let mut out = Vec::new();
    if let Some(p) = &sets.harness {
        out.push(("harness", queries::load(p, true)?));
    }
    if let Some(p) = &sets.frontline {
        out.push(("frontline", queries::load(p, false)?));
    }
    Ok(out)
}

/// Runs every query once untimed, then `repeat` timed passes.
fn time_set(
    name: &'static str,
    set: &[BenchQuery],
    repeat: usize,
    mut run: impl FnMut(&BenchQuery) -> Option<u64>,
) -> SetResult {
    let mut errors = 0;
    let totals: Vec<Option<u64>> = set.iter().map(&mut run).collect();
    let mut all = Vec::new();
    let mut per: Vec<Vec<Duration>> = vec![Vec::new(); set.len()];
    for _ in 0..repeat {
        for (i, q) in set.iter().enumerate() {
            let started = Instant::now();
            if run(q).is_none() {
                errors += 1;
            }
            let took = started.elapsed();
            all.push(took);
            per[i].push(took);
        }
    }
    SetResult {
        name,
        queries: set.len(),
        errors,
        latency: Latency::of(&all),
        per_query: set
            .iter()
            .zip(per)
            .zip(totals)
            .map(|((q, d), total)| PerQuery {
                label: q.label.clone(),
                p50_ms: Latency::of(&d).p50_ms,
                total,
            })
            .collect(),
    }
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Query {
            index,
            sets,
            search_threads,
        } => {
            let gaz = Arc::new(Gazetteer::bundled()?);
            let threads = frontline_engine::index::search_threads(search_threads);
            let handle =
                IndexHandle::open_with_threads(&index, threads).context("opening the index")?;
            let loaded = handle.load();
            let mut results = Vec::new();
            for (name, set) in load_sets(&sets)? {
                let requests: Vec<Option<SearchRequest>> = set
                    .iter()
                    .map(|q| frontline_server::params::search_request(&q.params).ok())
                    .collect();
                let mut i = 0;
                let positions: std::collections::HashMap<String, usize> = set
                    .iter()
                    .map(|q| {
                        i += 1;
                        (q.label.clone(), i - 1)
                    })
                    .collect();
                results.push(time_set(name, &set, sets.repeat, |q| {
                    let req = requests[positions[&q.label]].as_ref()?;
                    frontline_engine::search(&loaded, &gaz, req)
                        .ok()
                        .map(|r| r.total as u64)
                }));
            }
            let documents = loaded.searcher().num_docs();
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "access": "in process: frontline_engine::search, top 10 + snippets + default facets",
                    "documents": documents,
                    "sets": results,
                }))?
            );
        }
        Command::Http { base, sets } => {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into();
            let mut results = Vec::new();
            for (name, set) in load_sets(&sets)? {
                results.push(time_set(name, &set, sets.repeat, |q| {
                    let mut resp = agent.get(&format!("{base}{}", q.path())).call().ok()?;
                    if resp.status() != 200 {
                        return None;
                    }
                    let v: serde_json::Value = resp.body_mut().read_json().ok()?;
                    v["total"].as_u64()
                }));
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "access": "HTTP 127.0.0.1, one client, keep-alive; default answer",
                    "sets": results,
                }))?
            );
        }
        Command::Paths { sets } => {
            for (_, set) in load_sets(&sets)? {
                for q in set {
                    println!("{}", q.path());
                }
            }
        }
        Command::Bare {
            corpus,
            index,
            memory_mb,
            writer_threads,
        } => {
            let summary =
                frontline_bench::bare::build(&corpus, &index, memory_mb << 20, writer_threads)?;
            println!("{}", serde_json::to_string_pretty(&summary)?);
        }
    }
    Ok(())
}
