//! Near-duplicate clusters and translation links over the shared corpus, judged by this
//! test's own text similarity and, for translations, by the corpus's id convention
//! (`zva-en-X` / `zva-uk-X` are one address in two languages), which the indexer never reads.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use frontline::{build, shared_or_skip};
use frontline_schema::{Fields, TRANSLATIONS_FILE};
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

/// Pairs at least this similar are one story and must share a cluster.
const SAME_STORY: f64 = 0.8;
/// No clustered pair may be less similar than this.
const FLOOR: f64 = 0.5;
/// Shingles of a text long enough to judge: short notices (video captions) repeat their
/// wording for different events ("briefing on March 31", "... on April 8") and are not one
/// story however alike.
const LONG: usize = 46;

/// Every article's id, language and body.
fn corpus(shared: &std::path::Path) -> Vec<(String, String, String)> {
    let file = std::fs::File::open(shared.join("data/corpus/articles.jsonl.gz")).expect("corpus");
    std::io::BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("json");
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("id"), s("lang"), s("body"))
        })
        .collect()
}

/// Word 5-shingles, words split on whitespace and stripped of punctuation: a measure of its
/// own, not the indexer's.
fn shingles(body: &str) -> HashSet<String> {
    let words: Vec<String> = body
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(5).map(|w| w.join(" ")).collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let both = a.intersection(b).count() as f64;
    let either = (a.len() + b.len()) as f64 - both;
    if either == 0.0 { 0.0 } else { both / either }
}

/// Pairs of long articles sharing a shingle, with their similarity.
fn similar_pairs(shingled: &BTreeMap<String, HashSet<String>>) -> Vec<(String, String, f64)> {
    let mut by_shingle: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, set) in shingled {
        for s in set {
            by_shingle.entry(s).or_default().push(id);
        }
    }
    let mut candidates: HashSet<(&str, &str)> = HashSet::new();
    for ids in by_shingle.values().filter(|ids| ids.len() < 50) {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                candidates.insert(if a < b { (a, b) } else { (b, a) });
            }
        }
    }
    let mut out: Vec<(String, String, f64)> = candidates
        .into_iter()
        .map(|(a, b)| {
            let j = jaccard(&shingled[a], &shingled[b]);
            (a.to_string(), b.to_string(), j)
        })
        .collect();
    out.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
    out
}

/// Each article's cluster value, read from the built index.
fn clusters(index_dir: &std::path::Path) -> HashMap<String, u64> {
    let index = Index::open_in_dir(index_dir).expect("index");
    let fields = Fields::new(&index.schema()).expect("fields");
    let searcher = index.reader().expect("reader").searcher();
    let mut out = HashMap::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment.max_doc() {
            let d: TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc))
                .expect("doc");
            let id = d.get_first(fields.id).and_then(|v| v.as_str()).expect("id");
            let cluster = segment
                .fast_fields()
                .u64("cluster")
                .expect("cluster column")
                .first(doc)
                .expect("cluster value");
            out.insert(id.to_string(), cluster);
        }
    }
    out
}

/// The shared corpus's index, built once for both tests, and its cluster values.
fn shared_index(shared: &std::path::Path) -> &'static (tempfile::TempDir, HashMap<String, u64>) {
    static INDEX: std::sync::OnceLock<(tempfile::TempDir, HashMap<String, u64>)> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        build(&[shared.join("data/corpus")], dir.path());
        let cluster = clusters(&dir.path().join("current"));
        (dir, cluster)
    })
}

#[test]
fn near_duplicates_share_a_cluster_and_only_they_do() {
    let Some(shared) = shared_or_skip("near_duplicates_share_a_cluster_and_only_they_do") else {
        return;
    };
    let (_, cluster) = shared_index(&shared);
    let shingled: BTreeMap<String, HashSet<String>> = corpus(&shared)
        .into_iter()
        .map(|(id, _, body)| (id, shingles(&body)))
        .collect();
    let pairs = similar_pairs(&shingled);

    let long = |id: &String| shingled[id].len() >= LONG;
    let same_story: Vec<_> = pairs
        .iter()
        .filter(|p| p.2 >= SAME_STORY && long(&p.0) && long(&p.1))
        .collect();
    assert!(same_story.len() >= 100, "{} pairs", same_story.len());
    let together = same_story
        .iter()
        .filter(|(a, b, _)| cluster[a] == cluster[b])
        .count();
    let recall = together as f64 / same_story.len() as f64;
    eprintln!(
        "near-duplicates: {together} of {} pairs at Jaccard >= {SAME_STORY} share a cluster ({recall:.3})",
        same_story.len()
    );
    assert!(recall >= 0.95, "recall {recall:.3}");

    // Precision: an even sample of the clustered pairs, each checked by this test's measure.
    let mut members: BTreeMap<u64, Vec<&String>> = BTreeMap::new();
    for (id, c) in cluster {
        members.entry(*c).or_default().push(id);
    }
    let mut clustered: Vec<(&String, &String)> = Vec::new();
    for ids in members.values_mut().filter(|ids| ids.len() > 1) {
        ids.sort();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                clustered.push((a, b));
            }
        }
    }
    clustered.sort();
    assert!(clustered.len() >= 50, "{} clustered pairs", clustered.len());
    let step = clustered.len() / 50;
    let sample: Vec<_> = clustered.iter().step_by(step).take(50).collect();
    let weakest = sample
        .iter()
        .map(|(a, b)| (jaccard(&shingled[*a], &shingled[*b]), a, b))
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .expect("sample");
    eprintln!(
        "near-duplicates: {} clustered pairs; weakest of a sample of 50: {:.3} ({} / {})",
        clustered.len(),
        weakest.0,
        weakest.1,
        weakest.2
    );
    assert!(weakest.0 >= FLOOR, "{weakest:?}");
}

#[test]
fn translations_are_linked_from_the_texts() {
    let Some(shared) = shared_or_skip("translations_are_linked_from_the_texts") else {
        return;
    };
    let (dir, cluster) = shared_index(&shared);
    let current = dir.path().join("current");
    let docs = corpus(&shared);
    let shingled: HashMap<&str, HashSet<String>> = docs
        .iter()
        .map(|(id, _, body)| (id.as_str(), shingles(body)))
        .collect();
    let mut members: HashMap<u64, Vec<&str>> = HashMap::new();
    for (id, c) in cluster {
        members.entry(*c).or_default().push(id);
    }
    let parse = |s: &str| u64::from_str_radix(s, 16).expect("hex cluster");
    let mut linked: HashMap<u64, Vec<u64>> = HashMap::new();
    let text = std::fs::read_to_string(current.join(TRANSLATIONS_FILE)).expect("links");
    let links: Vec<(u64, u64)> = text
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 7, "{line}");
            (parse(f[0]), parse(f[3]))
        })
        .collect();
    for &(a, b) in &links {
        linked.entry(a).or_default().push(b);
        linked.entry(b).or_default().push(a);
    }
    // The key: each address's version in the other language.
    let ids: HashSet<&str> = docs.iter().map(|d| d.0.as_str()).collect();
    let partner = |id: &str| -> Option<String> {
        let (lang, rest) = id.strip_prefix("zva-")?.split_once('-')?;
        let other = format!("zva-{}-{rest}", if lang == "en" { "uk" } else { "en" });
        ids.contains(other.as_str()).then_some(other)
    };
    // A cluster holds a text when it holds it or a near-duplicate of it by this test's measure.
    let holds = |c: u64, id: &str| {
        members.get(&c).is_some_and(|m| {
            m.iter()
                .any(|x| *x == id || jaccard(&shingled[x], &shingled[id]) >= FLOOR)
        })
    };

    let pairs: Vec<(&str, String)> = docs
        .iter()
        .filter(|d| d.0.starts_with("zva-en-"))
        .filter_map(|d| Some((d.0.as_str(), partner(&d.0)?)))
        .collect();
    assert_eq!(pairs.len(), 242);
    let found = pairs
        .iter()
        .filter(|(en, uk)| {
            linked
                .get(&cluster[uk.as_str()])
                .is_some_and(|others| others.iter().any(|&o| holds(o, en)))
        })
        .count();
    let recall = found as f64 / pairs.len() as f64;

    // A link is judged when one of its sides holds an address with a known partner, and
    // wrong when the other side does not hold that partner.
    let (mut judged, mut wrong) = (0, Vec::new());
    for &(a, b) in &links {
        let mut is_judged = false;
        let mut is_wrong = false;
        for (me, other) in [(a, b), (b, a)] {
            for id in members.get(&me).into_iter().flatten() {
                if let Some(p) = partner(id) {
                    is_judged = true;
                    is_wrong |= !holds(other, &p);
                }
            }
        }
        judged += usize::from(is_judged);
        if is_wrong {
            wrong.push((members[&a].clone(), members[&b].clone()));
        }
    }
    let error = wrong.len() as f64 / judged.max(1) as f64;
    eprintln!(
        "translations: {found} of {} pairs linked ({recall:.3}); {} links, {judged} judged, {} wrong ({error:.3}): {wrong:?}",
        pairs.len(),
        links.len(),
        wrong.len()
    );
    assert!(recall >= 0.9, "recall {recall:.3}");
    assert!(error <= 0.02, "error rate {error:.3}: {wrong:?}");
}

#[test]
fn clusters_stay_put_as_the_corpus_grows() {
    let bundled = frontline::root().join("corpus");
    let first = tempfile::tempdir().expect("tempdir");
    build(std::slice::from_ref(&bundled), first.path());
    let before = clusters(&first.path().join("current"));

    // A later file republishes a long article with a line of its own added.
    let file = std::fs::File::open(bundled.join("presidential-releases.jsonl.gz")).expect("corpus");
    let (id, body) = std::io::BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(&line.expect("line")).expect("json"))
        .map(|v| {
            (
                v["id"].as_str().unwrap_or_default().to_string(),
                v["body"].as_str().unwrap_or_default().to_string(),
            )
        })
        .find(|(_, body)| body.split_whitespace().count() > 300)
        .expect("a long article");
    let later = tempfile::tempdir().expect("tempdir");
    let record = serde_json::json!({
        "id": "republished-later",
        "body": format!("{body}\nRepublished with permission."),
        "published": "2024-01-01T00:00:00Z",
        "source": "Another Outlet",
    });
    std::fs::write(later.path().join("later.jsonl"), format!("{record}\n")).expect("write");
    let second = tempfile::tempdir().expect("tempdir");
    build(&[bundled, later.path().to_path_buf()], second.path());
    let after = clusters(&second.path().join("current"));

    assert_eq!(after.len(), before.len() + 1);
    for (doc, cluster) in &before {
        assert_eq!(after.get(doc), Some(cluster), "{doc} changed cluster");
    }
    assert_eq!(
        after["republished-later"], before[&id],
        "the copy joins {id}'s cluster"
    );
}
