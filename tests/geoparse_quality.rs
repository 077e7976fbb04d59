//! Geoparsing quality on the hand-labelled set, held to the floors in
//! `tests/geoparse-floor.json` (raise them as quality rises; never lower them).

use std::io::Write;
use std::process::Command;

use frontline::{enricher, root, shared};

#[test]
fn geoparsing_meets_the_recorded_floor() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is not present on this machine");
        return;
    };
    let gold = std::fs::read_to_string(shared.join("eval/places-dev.jsonl")).expect("gold set");
    let ids: std::collections::HashSet<String> = gold
        .lines()
        .filter_map(|l| {
            serde_json::from_str::<serde_json::Value>(l).ok()?["id"]
                .as_str()
                .map(str::to_string)
        })
        .collect();
    let enricher = enricher();
    let pred = tempfile::NamedTempFile::new().expect("tempfile");
    let mut out = std::io::BufWriter::new(pred.as_file());
    let inputs = [
        shared.join("data/corpus/articles.jsonl.gz"),
        shared.join("seeds"),
    ];
    let mut emit = |record: frontline_indexer::corpus::Record| {
        if let Ok((_, raw)) = record {
            let wanted = raw.id.as_ref().is_some_and(|i| ids.contains(i));
            if wanted {
                let e = enricher.enrich(raw);
                writeln!(out, "{}", serde_json::to_string(&e).expect("json")).expect("write");
            }
        }
    };
    let (files, _) = frontline_indexer::corpus::list_files(&inputs);
    for f in files {
        frontline_indexer::corpus::read_file(&f, &mut emit);
    }
    drop(out);
    let output = Command::new("python3")
        .arg(shared.join("eval/score-places"))
        .arg("--no-lists")
        .arg(pred.path())
        .output()
        .expect("python3 runs the scorer");
    let table = String::from_utf8_lossy(&output.stdout);
    println!("{table}");
    let floor: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/geoparse-floor.json")).expect("floor file"),
    )
    .expect("floor json");
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 9 {
            continue;
        }
        let (level, lang) = (cols[0], cols[1]);
        for (name, value) in [("precision", cols[6]), ("recall", cols[7]), ("f1", cols[8])] {
            let got: f64 = value.parse().expect("number");
            if let Some(min) = floor[level][lang][name].as_f64() {
                assert!(
                    got >= min,
                    "{level} {lang} {name} fell to {got} (floor {min})\n{table}"
                );
            }
        }
    }
}
