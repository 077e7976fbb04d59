//! `frontline-index`: builds the search index, or prints the enrichment of articles.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};
use frontline_gazetteer::Gazetteer;
use frontline_indexer::build::{Progress, docs_per_sec};
use frontline_indexer::{BuildOptions, Enricher, corpus};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Parser)]
#[command(
    name = "frontline-index",
    version,
    about = "Build the Frontline search index"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a fresh index from the corpus and swap it in atomically.
    Build {
        /// Corpus files or folders (walked recursively).
        #[arg(long, num_args = 1.., default_value = "corpus")]
        corpus: Vec<PathBuf>,
        /// Index folder (holds generations and the `current` link).
        #[arg(long, default_value = "index", env = "FRONTLINE_INDEX")]
        index: PathBuf,
        /// Fail the build if any record is rejected.
        #[arg(long)]
        strict: bool,
        /// Skip geoparsing (to measure its cost).
        #[arg(long)]
        no_places: bool,
        /// Writer memory budget in MB.
        #[arg(long, default_value_t = 256)]
        memory_mb: usize,
        /// Tantivy writer threads. Tokenising and stemming run in them, enrichment in
        /// workers beside them: on two cores, two writer threads build faster but leave
        /// enrichment no spare core. Capped so each thread has 15 MB of the memory budget.
        #[arg(long, default_value_t = 1)]
        writer_threads: usize,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print one JSON line per document: id, title, lang, source, published, places.
    Enrich {
        /// Files in any corpus format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Skip geoparsing.
        #[arg(long)]
        no_places: bool,
        /// After the documents, print to standard error the N settlements tagged in the
        /// most articles, with how many of those have them as a focus place.
        #[arg(long, value_name = "N")]
        top_settlements: Option<usize>,
    },
}

/// The build's progress on standard error: the corpus's bytes read of its total (hence a
/// percentage and a time left), and articles written at the rate the summary reports.
struct Bar {
    bar: ProgressBar,
    started: Instant,
    documents: AtomicUsize,
}

impl Progress for Bar {
    fn start(&self, total_bytes: u64) {
        self.bar.set_length(total_bytes);
    }
    fn read(&self, bytes: u64) {
        self.bar.inc(bytes);
    }
    fn document(&self) {
        let n = self.documents.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(500) {
            let rate = docs_per_sec(n, self.started.elapsed().as_secs_f64());
            self.bar
                .set_message(format!("{n} documents, {rate:.0} docs/s"));
        }
    }
}

/// A missing input is a mistake to report, not an empty corpus.
fn all_exist(paths: &[PathBuf]) -> anyhow::Result<()> {
    match paths.iter().find(|p| !p.exists()) {
        Some(missing) => anyhow::bail!("no such file or folder: {}", missing.display()),
        None => Ok(()),
    }
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match Cli::parse().command {
        Command::Build {
            corpus,
            index,
            strict,
            no_places,
            memory_mb,
            writer_threads,
            json,
        } => {
            all_exist(&corpus)?;
            let enricher = Enricher::new(Gazetteer::bundled()?, !no_places);
            let bar = ProgressBar::new(0).with_style(
                ProgressStyle::with_template(
                    "{bar:30} {percent:>3}% of {total_bytes} read, {eta} left · {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let progress = Bar {
                bar: bar.clone(),
                started: Instant::now(),
                documents: AtomicUsize::new(0),
            };
            let opts = BuildOptions {
                corpus,
                index,
                strict,
                writer_memory: memory_mb << 20,
                writer_threads,
            };
            let summary = frontline_indexer::build(&opts, &enricher, &progress)
                .context("index build failed; the previous index is untouched")?;
            bar.finish_and_clear();
            for r in summary.rejections.iter().take(20) {
                eprintln!("rejected {r}");
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&summary)?);
            } else {
                println!("{summary}");
            }
        }
        Command::Enrich {
            files,
            no_places,
            top_settlements,
        } => {
            all_exist(&files)?;
            let enricher = Enricher::new(Gazetteer::bundled()?, !no_places);
            let (files, skipped) = corpus::list_files(&files);
            for s in skipped {
                tracing::warn!(file = %s.display(), "skipped: not a corpus file");
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut failed = Ok(());
            // Settlement path → (articles, articles where it is a focus place).
            let mut tally: HashMap<String, (usize, usize)> = HashMap::new();
            for path in &files {
                corpus::read_file(path, &mut |record| match record {
                    Err(r) => tracing::warn!(at = %r.origin, reason = %r.reason, "rejected record"),
                    Ok((_, raw)) => {
                        let enriched = enricher.enrich(raw);
                        for p in enriched.places.iter().filter(|p| p.kind == "settlement") {
                            let entry = tally.entry(p.path.clone()).or_insert((0, 0));
                            entry.0 += 1;
                            entry.1 += usize::from(p.focus);
                        }
                        let line = serde_json::to_string(&enriched).unwrap_or_default();
                        if failed.is_ok() {
                            failed = writeln!(out, "{line}");
                        }
                    }
                });
            }
            failed?;
            out.flush()?;
            if let Some(n) = top_settlements {
                let mut rows: Vec<(String, (usize, usize))> = tally.into_iter().collect();
                rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
                eprintln!("{:>8} {:>6}  most tagged settlements", "articles", "focus");
                for (path, (articles, focus)) in rows.into_iter().take(n) {
                    eprintln!("{articles:>8} {focus:>6}  {path}");
                }
            }
        }
    }
    Ok(())
}
