//! Quality on the hand-labelled sets of `../shared/eval`, held to floors in the repo (raise
//! them as quality rises; never lower them): geoparsing (`tests/geoparse-floor.json`, plus
//! corpus-wide traps), event dates (`tests/dates-floor.json`) and search relevance
//! (`tests/search-floor.json`, with `tests/search-pool-judgments.tsv` for the hits the
//! set's pool missed).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::Command;

use frontline::{Server, build, encode_query, enricher, root, shared_or_skip};
use frontline_gazetteer::people::is_given_name;
use frontline_indexer::enrich::Enriched;

/// `frontline-index enrich` output for the articles of a gold set (JSON lines with `id`),
/// read from the shared corpus and seeds, in a temporary file.
fn enrich_gold(shared: &std::path::Path, gold: &str) -> tempfile::NamedTempFile {
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
    pred
}

/// Runs one of the shared scorers (`eval/NAME`) on `args`, prints its report and returns it
/// with the floor recorded in `tests/FLOOR`.
fn score(
    shared: &std::path::Path,
    scorer: &str,
    args: &[&std::ffi::OsStr],
    floor: &str,
) -> (String, serde_json::Value) {
    let output = Command::new("python3")
        .arg(shared.join("eval").join(scorer))
        .args(args)
        .output()
        .expect("python3 runs the scorer");
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    println!("{report}");
    let floor = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests").join(floor)).expect("floor file"),
    )
    .expect("floor json");
    (report, floor)
}

#[test]
fn geoparsing_meets_the_recorded_floor() {
    let Some(shared) = shared_or_skip("geoparsing_meets_the_recorded_floor") else {
        return;
    };
    let gold = std::fs::read_to_string(shared.join("eval/places-dev.jsonl")).expect("gold set");
    let pred = enrich_gold(&shared, &gold);
    let (table, floor) = score(
        &shared,
        "score-places",
        &["--no-lists".as_ref(), pred.path().as_os_str()],
        "geoparse-floor.json",
    );
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

#[test]
fn event_dates_meet_the_recorded_floor() {
    let Some(shared) = shared_or_skip("event_dates_meet_the_recorded_floor") else {
        return;
    };
    let gold = std::fs::read_to_string(shared.join("eval/dates-dev.jsonl")).expect("gold set");
    let pred = enrich_gold(&shared, &gold);
    let (report, floor) = score(
        &shared,
        "score-dates",
        &[pred.path().as_os_str()],
        "dates-floor.json",
    );
    let mut checked = 0;
    // Rows: lang scope tp fp fn precision recall f1; the floors hold days and months alike.
    for cols in report
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
    {
        let [lang, "any", _, _, _, precision, recall, f1] = cols[..] else {
            continue;
        };
        for (name, value) in [("precision", precision), ("recall", recall), ("f1", f1)] {
            let got: f64 = value.parse().expect("number");
            if let Some(min) = floor[lang][name].as_f64() {
                assert!(
                    got >= min,
                    "{lang} {name} fell to {got} (floor {min})\n{report}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 9, "every language's floor was checked\n{report}");
}

/// Every article of the shared corpus, enriched, with its title and body.
fn enrich_corpus(shared: &std::path::Path) -> Vec<Enriched> {
    let enricher = enricher();
    let mut out = Vec::new();
    let (files, _) =
        frontline_indexer::corpus::list_files(&[shared.join("data/corpus/articles.jsonl.gz")]);
    for f in files {
        frontline_indexer::corpus::read_file(&f, &mut |record| {
            if let Ok((_, raw)) = record {
                out.push(enricher.enrich(raw));
            }
        });
    }
    out
}

/// The traps of `tests/geoparse-traps.tsv`: (phrase, place it must not tag).
fn traps() -> Vec<(String, String)> {
    std::fs::read_to_string(root().join("tests/geoparse-traps.tsv"))
        .expect("trap list")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (phrase, place) = l.split_once('\t').expect("phrase<TAB>place");
            (phrase.to_string(), place.to_string())
        })
        .collect()
}

#[test]
fn known_traps_tag_nothing_in_a_sentence_of_their_own() {
    let enricher = enricher();
    for (phrase, place) in traps() {
        let places = frontline_indexer::enrich::places::tag(
            enricher.gazetteer(),
            Some(&phrase),
            &format!("Reports today name {phrase} again."),
        );
        assert!(
            places.iter().all(|p| p.name != place),
            "{phrase:?} tagged {place}"
        );
    }
}

/// Corpus-scale sanity: the traps tag nothing in any article, and no frequently tagged
/// settlement is mostly tagged where a person cue stands beside it (a capitalised word
/// after it, a given name before it) or only in a title.
#[test]
fn the_whole_corpus_tags_no_people_or_facilities_as_towns() {
    let Some(shared) = shared_or_skip("the_whole_corpus_tags_no_people_or_facilities_as_towns")
    else {
        return;
    };
    let docs = enrich_corpus(&shared);
    assert!(docs.len() > 2000, "corpus read: {} articles", docs.len());
    let mut trap_hits = 0;
    for (phrase, place) in traps() {
        for d in &docs {
            let Some(p) = d.places.iter().find(|p| p.name == place) else {
                continue;
            };
            for (at, _) in d.body.match_indices(phrase.as_str()) {
                trap_hits += 1;
                let inside = |s: &[usize; 2]| s[0] < at + phrase.len() && s[1] > at;
                assert!(
                    !p.spans.iter().any(inside),
                    "{}: {place} tagged in {phrase:?}",
                    d.id
                );
            }
            let title_only = p.spans.is_empty() && p.in_title;
            let in_title = d
                .title
                .as_deref()
                .is_some_and(|t| t.contains(phrase.as_str()));
            assert!(
                !(title_only && in_title),
                "{}: {place} tagged from the title's {phrase:?}",
                d.id
            );
        }
    }
    assert!(trap_hits > 0, "no trap occurs in the corpus");

    let mut tagged: HashMap<&str, (usize, usize)> = HashMap::new();
    for d in &docs {
        for p in d.places.iter().filter(|p| p.kind == "settlement") {
            let cue = p.spans.is_empty()
                || p.spans.iter().any(|&[s, e]| {
                    let after = &d.body[e..];
                    let capital_after = after.strip_prefix(' ').is_some_and(|rest| {
                        rest.starts_with(char::is_uppercase) && !starts_with_area_word(rest)
                    });
                    let given_before = d.body[..s]
                        .strip_suffix(' ')
                        .and_then(|b| b.rsplit(|c: char| !c.is_alphanumeric()).next())
                        .is_some_and(|w| w.starts_with(char::is_uppercase) && is_given_name(w));
                    capital_after || given_before
                });
            let entry = tagged.entry(p.name.as_str()).or_default();
            entry.0 += 1;
            entry.1 += usize::from(cue);
        }
    }
    let floor = docs.len() / 200;
    let mut suspects: Vec<String> = tagged
        .iter()
        .filter(|&(_, &(n, cued))| n >= floor && cued * 4 > n)
        .map(|(name, (n, cued))| format!("{name}: {cued} of {n} articles"))
        .collect();
    suspects.sort();
    assert!(
        suspects.is_empty(),
        "settlements tagged mostly beside a person cue or only in titles: {suspects:?}"
    );
}

/// True when `rest` starts with a word that says what kind of area the name before it is.
fn starts_with_area_word(rest: &str) -> bool {
    [
        "Oblast", "Region", "region", "oblast", "District", "district", "Raion", "raion",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// Search relevance on the dev queries, asked of the real server exactly as `search-run`
/// asks (`q` as typed, 100 hits), scored by `search-score`. Near-duplicates are not
/// collapsed: the relevance set judges each copy of a story as a result of its own.
#[test]
fn search_relevance_meets_the_recorded_floor() {
    let Some(shared) = shared_or_skip("search_relevance_meets_the_recorded_floor") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    build(&[shared.join("data/corpus")], dir.path());
    let server = Server::start(dir.path());
    let queries =
        std::fs::read_to_string(shared.join("eval/search-dev-queries.tsv")).expect("queries");
    let run = tempfile::NamedTempFile::new().expect("tempfile");
    let mut out = std::io::BufWriter::new(run.as_file());
    for line in queries
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut cols = line.split('\t');
        let (Some(qid), Some(q)) = (cols.next(), cols.next()) else {
            continue;
        };
        let (status, v) = server.get(&format!(
            "/search?q={}&limit=100&collapse=false",
            encode_query(q)
        ));
        assert_eq!(status, 200, "{q}: {v}");
        let ids: Vec<&str> = v["hits"]
            .as_array()
            .map(|h| h.iter().filter_map(|h| h["id"].as_str()).collect())
            .unwrap_or_default();
        let line = serde_json::json!({"qid": qid, "ids": ids});
        writeln!(out, "{line}").expect("write");
    }
    drop(out);
    let (report, floor) = score(
        &shared,
        "search-score",
        &[run.path().as_os_str()],
        "search-floor.json",
    );
    let figures = |prefix: &str| -> HashMap<String, f64> {
        report
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} line in\n{report}"))
            .split_whitespace()
            .filter_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                Some((k.to_lowercase(), v.parse().ok()?))
            })
            .collect()
    };
    let all = figures("search: ");
    let groups = figures("groups (nDCG@10): ");
    let floors = floor["all"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k, all.get(k.as_str()), v))
        .chain(
            floor["groups"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k, groups.get(k.as_str()), v)),
        );
    for (name, got, min) in floors {
        let got = *got.unwrap_or_else(|| panic!("{name} missing from\n{report}"));
        let min = min.as_f64().expect("floor is a number");
        assert!(got >= min, "{name} fell to {got} (floor {min})\n{report}");
    }
}

/// `tests/search-pool-judgments.tsv` grades, by the relevance set's rules, hits its pool
/// never judged: each line a dev query, a document the set has not judged, a grade 0–2
/// and why, once per pair.
#[test]
fn pool_judgments_grade_only_what_the_set_left_unjudged() {
    let Some(shared) = shared_or_skip("pool_judgments_grade_only_what_the_set_left_unjudged")
    else {
        return;
    };
    let read = |path: std::path::PathBuf| std::fs::read_to_string(&path).expect("readable");
    let rows = |text: &str| -> Vec<Vec<String>> {
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    };
    let queries: HashSet<String> = rows(&read(shared.join("eval/search-dev-queries.tsv")))
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    let judged: HashSet<(String, String)> = rows(&read(shared.join("eval/search-dev-qrels.tsv")))
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let ours = rows(&read(root().join("tests/search-pool-judgments.tsv")));
    assert!(!ours.is_empty());
    let mut seen = HashSet::new();
    for row in &ours {
        let [qid, doc, grade, why] = &row[..] else {
            panic!("expected qid, doc, grade, why: {row:?}");
        };
        assert!(queries.contains(qid), "unknown query: {row:?}");
        assert!(["0", "1", "2"].contains(&grade.as_str()), "grade: {row:?}");
        assert!(!why.trim().is_empty(), "no reason: {row:?}");
        let pair = (qid.clone(), doc.clone());
        assert!(
            !judged.contains(&pair),
            "the set judges it already: {row:?}"
        );
        assert!(seen.insert(pair), "judged twice: {row:?}");
    }
}
