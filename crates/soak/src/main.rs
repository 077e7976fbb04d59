//! `frontline-soak`: attacks a real Frontline server over loopback and prints, per
//! scenario, the requests, failures, the probe's latency and the server's memory. Exits
//! non-zero on any failure: a request's, the probe's or a scenario's own check.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use frontline_soak::Options;
use frontline_soak::process::Binaries;

#[derive(Parser)]
#[command(
    name = "frontline-soak",
    version,
    about = "Attack a Frontline server and report"
)]
struct Cli {
    /// Folder holding frontline-serve and frontline-index.
    #[arg(long)]
    bin: PathBuf,
    /// Corpus folders or files: the index is built from them, and rebuilt under load.
    #[arg(long, required = true)]
    corpus: Vec<PathBuf>,
    /// Index folder to serve and rebuild; built from the corpus first.
    #[arg(long)]
    index: PathBuf,
    /// Serve the index already in the folder, if any, instead of building it first.
    #[arg(long)]
    reuse_index: bool,
    /// Where logs go [default: beside the index].
    #[arg(long)]
    work: Option<PathBuf>,
    /// A few seconds of each scenario instead of the whole battery.
    #[arg(long)]
    short: bool,
    /// Fuzzed requests.
    #[arg(long)]
    fuzz: Option<u64>,
    /// Seed of the fuzzed requests.
    #[arg(long)]
    seed: Option<u64>,
    /// Connections sending their headers a byte a second.
    #[arg(long)]
    slow: Option<usize>,
    /// Clients flooding the server with exports.
    #[arg(long)]
    exports: Option<usize>,
    /// Seconds the slow-connection attack and the export flood last.
    #[arg(long)]
    attack_secs: Option<u64>,
    /// Rebuilds under load.
    #[arg(long)]
    builds: Option<usize>,
    /// Run the server under this open-file limit, as on a host that allows no more.
    #[arg(long)]
    open_files: Option<u64>,
    /// Run only these scenarios (comma-separated, as the table names them).
    #[arg(long, value_delimiter = ',', value_parser = clap::builder::PossibleValuesParser::new(frontline_soak::SCENARIOS))]
    only: Vec<String>,
}

fn main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let binaries = Binaries::in_dir(&cli.bin)?;
    let work = cli
        .work
        .clone()
        .unwrap_or_else(|| cli.index.with_extension("soak-logs"));
    let mut o = Options::full(binaries, cli.corpus, cli.index, work);
    if cli.short {
        o = o.short();
    }
    o.reuse_index = cli.reuse_index;
    o.fuzz_requests = cli.fuzz.unwrap_or(o.fuzz_requests);
    o.seed = cli.seed.unwrap_or(o.seed);
    o.slow_connections = cli.slow.unwrap_or(o.slow_connections);
    o.exports = cli.exports.unwrap_or(o.exports);
    o.attack = cli.attack_secs.map_or(o.attack, Duration::from_secs);
    o.builds = cli.builds.unwrap_or(o.builds);
    o.open_files = cli.open_files.or(o.open_files);
    o.only = cli.only;
    let reports = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(frontline_soak::run(&o, &mut std::io::stdout()))?;
    let failed: Vec<&str> = reports
        .iter()
        .filter(|r| !r.passed())
        .map(|r| r.scenario)
        .collect();
    if failed.is_empty() {
        println!("every scenario passed; logs in {}", o.work.display());
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "failed: {}; logs in {}",
            failed.join(", "),
            o.work.display()
        );
        Ok(ExitCode::FAILURE)
    }
}
