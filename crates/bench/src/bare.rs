//! Indexing with a bare tantivy schema and no enrichment: the same corpus readers and the
//! same writer settings as `frontline-index build`, but no language detection, no
//! geoparsing, no date parsing and no facets. Its throughput is the floor that the cost
//! of enrichment is measured against.

use std::path::{Path, PathBuf};
use std::time::Instant;

use frontline_indexer::corpus;
use serde::Serialize;
use tantivy::schema::{STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, TantivyDocument};

#[derive(Debug, Serialize)]
pub struct BareSummary {
    pub indexed: usize,
    pub rejected: usize,
    pub body_bytes: usize,
    pub elapsed_secs: f64,
    pub docs_per_sec: f64,
    pub body_mb_per_sec: f64,
}

pub fn build(
    corpus_paths: &[PathBuf],
    dir: &Path,
    memory: usize,
    threads: usize,
) -> anyhow::Result<BareSummary> {
    let started = Instant::now();
    let mut builder = Schema::builder();
    let english = TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer("en_stem"))
        .set_stored();
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", english.clone());
    let body = builder.add_text_field("body", english);
    let source = builder.add_text_field("source", STRING | STORED);
    let published = builder.add_text_field("published", STRING | STORED);
    std::fs::create_dir_all(dir)?;
    let index = Index::builder()
        .schema(builder.build())
        .settings(frontline_schema::index_settings())
        .create_in_dir(dir)?;
    // The same cap as `frontline-index build`: at least 15 MB of arena per thread.
    let mut writer =
        index.writer_with_num_threads(threads.min(memory / 15_000_000).max(1), memory)?;
    let (files, _) = corpus::list_files(corpus_paths);
    let (mut indexed, mut rejected, mut body_bytes) = (0, 0, 0);
    let mut failure = None;
    for path in &files {
        corpus::read_file(path, &mut |record| match record {
            Err(_) => rejected += 1,
            Ok((_, raw)) => {
                let mut doc = TantivyDocument::default();
                let text = raw.body.unwrap_or_default();
                body_bytes += text.len();
                doc.add_text(id, raw.id.unwrap_or_default());
                doc.add_text(title, raw.title.unwrap_or_default());
                doc.add_text(body, text);
                doc.add_text(source, raw.source.unwrap_or_default());
                doc.add_text(published, raw.published.unwrap_or_default());
                match writer.add_document(doc) {
                    Ok(_) => indexed += 1,
                    Err(e) => failure = Some(e),
                }
            }
        });
    }
    if let Some(e) = failure {
        return Err(e.into());
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let elapsed_secs = started.elapsed().as_secs_f64();
    Ok(BareSummary {
        indexed,
        rejected,
        body_bytes,
        elapsed_secs,
        docs_per_sec: indexed as f64 / elapsed_secs,
        body_mb_per_sec: body_bytes as f64 / 1e6 / elapsed_secs,
    })
}
