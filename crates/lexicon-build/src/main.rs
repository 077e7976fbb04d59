//! `frontline-lexicon learn`: learns the bilingual term table from a corpus's translated
//! articles and writes the file the project ships.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use flate2::Compression;
use flate2::write::GzEncoder;
use frontline_indexer::corpus;
use frontline_lexicon::Lexicon;
use frontline_lexicon_build::align::{self, Article};
use frontline_lexicon_build::table;

#[derive(Parser)]
#[command(
    name = "frontline-lexicon",
    version,
    about = "Learn Frontline's Ukrainian-English term table"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Learn the table from the articles published in both languages under one address.
    Learn {
        /// Corpus files or folders (JSON Lines, optionally gzipped).
        #[arg(long, default_value = "corpus")]
        corpus: Vec<PathBuf>,
        #[arg(long, default_value = "crates/lexicon/data/lexicon.tsv.gz")]
        out: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    let Command::Learn { corpus: paths, out } = Cli::parse().command;
    let (files, _) = corpus::list_files(&paths);
    let mut articles = Vec::new();
    for file in &files {
        corpus::read_file(file, &mut |record| match record {
            Ok((_, raw)) => articles.push(Article {
                url: raw.url.unwrap_or_default(),
                lang: raw.lang.unwrap_or_default(),
                body: raw.body.unwrap_or_default(),
            }),
            Err(r) => eprintln!("skipped {}: {}", r.origin, r.reason),
        });
    }
    let pairs = align::translated_pairs(articles);
    let passages: Vec<(String, String)> = pairs
        .iter()
        .flat_map(|(en, uk)| align::passages(en, uk))
        .collect();
    let passages: Vec<(&str, &str)> = passages
        .iter()
        .map(|(en, uk)| (en.as_str(), uk.as_str()))
        .collect();
    if passages.is_empty() {
        bail!("no articles published in both English and Ukrainian under one address");
    }
    let mut entries = table::learn(&passages, frontline_schema::analysis::terms);
    let file = File::create(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut gz = GzEncoder::new(BufWriter::new(file), Compression::best());
    Lexicon::write(&mut entries, &mut gz)?;
    gz.finish()?;
    eprintln!(
        "{} translated articles, {} passages: {} entries written to {}",
        pairs.len(),
        passages.len(),
        entries.len(),
        out.display()
    );
    Ok(())
}
