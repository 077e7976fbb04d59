//! `frontline-serve`: serves faceted search over HTTP.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use frontline_engine::index::{default_search_threads, search_threads};
use frontline_gazetteer::Gazetteer;
use frontline_server::{AppState, IndexHandle, app, listen, watch};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "frontline-serve",
    version,
    about = "Serve Frontline search over HTTP"
)]
struct Cli {
    /// Index folder (as built by `frontline-index build`).
    #[arg(long, default_value = "index", env = "FRONTLINE_INDEX")]
    index: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "FRONTLINE_ADDR")]
    addr: String,
    /// Threads one search spreads the index's segments over [default: every core].
    #[arg(long, env = "FRONTLINE_SEARCH_THREADS")]
    search_threads: Option<usize>,
    /// Log lines as plain text, or as one JSON object each for log collectors.
    #[arg(long, value_enum, default_value_t = LogFormat::Plain, env = "FRONTLINE_LOG_FORMAT")]
    log_format: LogFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Plain,
    Json,
}

fn main() -> anyhow::Result<()> {
    // Searches run on the blocking pool and are CPU-bound: past twice as many threads as
    // cores they only take turns, and under load the tail latency grows (at 16 connections
    // on two cores: p99 41 ms with tokio's default of 512 threads, 13 ms with 4). The
    // rest wait in the pool's queue.
    let cores = default_search_threads();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(2 * cores)
        .build()?
        .block_on(serve())
}

async fn serve() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr);
    match cli.log_format {
        LogFormat::Plain => logs.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => logs.json().flatten_event(true).init(),
    }
    listen::raise_open_file_limit();
    let threads = search_threads(cli.search_threads);
    let index = IndexHandle::open_with_threads(&cli.index, threads)?;
    let gazetteer = Arc::new(Gazetteer::bundled()?);
    watch(index.clone(), Duration::from_secs(1));
    let listener = tokio::net::TcpListener::bind(&cli.addr)
        .await
        .with_context(|| format!("cannot listen on {}", cli.addr))?;
    tracing::info!(addr = %listener.local_addr()?, documents = index.load().searcher().num_docs(), "serving");
    listen::serve(
        listener,
        app(AppState::new(index, gazetteer)),
        listen::Limits::default(),
        stop_asked(),
    )
    .await;
    Ok(())
}

/// Ctrl-C, or SIGTERM as service managers send: either stops accepting and lets the
/// requests being answered finish.
async fn stop_asked() {
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot watch for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
