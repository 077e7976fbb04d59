//! A bilingual term table, Ukrainian ↔ English, so a query in one language also finds
//! reporting in the other.
//!
//! Keys and translations are *analysed* terms (what the index holds: lowercased, folded,
//! stemmed), so a query term looks up its translations and searches them as they are. The
//! table is learned offline from translated articles (`frontline-lexicon`) and shipped
//! compiled, like the gazetteer; it must be relearned when the analyser changes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::sync::LazyLock;

use flate2::read::GzDecoder;

static BUNDLED: &[u8] = include_bytes!("../data/lexicon.tsv.gz");

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The bundled table is checked by this crate's tests; a broken one is a build error.
    Lexicon::read(BufReader::new(GzDecoder::new(BUNDLED))).unwrap_or_default()
});

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("lexicon line {line}: {message}")]
    Line { line: usize, message: String },
    #[error("reading the lexicon: {0}")]
    Io(#[from] std::io::Error),
}

/// One translation of a term, with how sure the table is of it (0–1].
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub term: String,
    pub weight: f32,
}

/// One row of the table: a term, one of its translations and its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub from: String,
    pub to: String,
    pub weight: f32,
}

/// Term → its translations, best first.
#[derive(Debug, Default)]
pub struct Lexicon {
    terms: HashMap<String, Vec<Translation>>,
}

impl Lexicon {
    /// The table shipped with Frontline.
    pub fn bundled() -> &'static Lexicon {
        &LEXICON
    }

    /// The translations of an analysed term, best first; none for an unknown term.
    pub fn translations(&self, term: &str) -> &[Translation] {
        self.terms.get(term).map(Vec::as_slice).unwrap_or_default()
    }

    /// How many terms have translations.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Reads the table's tab-separated lines: term, translation, weight.
    pub fn read(reader: impl BufRead) -> Result<Lexicon, Error> {
        let mut terms: HashMap<String, Vec<Translation>> = HashMap::new();
        for (i, line) in reader.lines().enumerate() {
            let line = line?;
            let bad = |message: &str| Error::Line {
                line: i + 1,
                message: message.to_string(),
            };
            let mut cols = line.split('\t');
            let (Some(from), Some(to), Some(weight), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(bad("expected term, translation and weight"));
            };
            let weight: f32 = weight.parse().map_err(|_| bad("weight is not a number"))?;
            if !(weight > 0.0 && weight <= 1.0) || from.is_empty() || to.is_empty() {
                return Err(bad("empty term or weight outside (0, 1]"));
            }
            terms
                .entry(from.to_string())
                .or_default()
                .push(Translation {
                    term: to.to_string(),
                    weight,
                });
        }
        for list in terms.values_mut() {
            list.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
        }
        Ok(Lexicon { terms })
    }

    /// Writes `entries` in the format [`Lexicon::read`] reads, sorted so the file is stable.
    pub fn write(entries: &mut [Entry], mut out: impl Write) -> std::io::Result<()> {
        entries.sort_by(|a, b| a.from.cmp(&b.from).then(a.to.cmp(&b.to)));
        for e in entries.iter() {
            writeln!(out, "{}\t{}\t{:.3}", e.from, e.to, e.weight)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Entry, Lexicon};

    #[test]
    fn written_table_reads_back_best_first() {
        let mut entries = vec![
            Entry {
                from: "воєнн".into(),
                to: "militari".into(),
                weight: 0.2,
            },
            Entry {
                from: "воєнн".into(),
                to: "martial".into(),
                weight: 0.7,
            },
        ];
        let mut buf = Vec::new();
        Lexicon::write(&mut entries, &mut buf).expect("write");
        let lexicon = Lexicon::read(buf.as_slice()).expect("read");
        let terms: Vec<&str> = lexicon
            .translations("воєнн")
            .iter()
            .map(|t| t.term.as_str())
            .collect();
        assert_eq!(terms, ["martial", "militari"]);
        assert!(lexicon.translations("unknown").is_empty());
    }

    #[test]
    fn malformed_line_is_reported_with_its_number() {
        let err = Lexicon::read("a\tb\t0.5\nc\td\n".as_bytes()).expect_err("two columns");
        assert!(err.to_string().contains("line 2"), "{err}");
        let err = Lexicon::read("a\tb\t1.5\n".as_bytes()).expect_err("weight");
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn bundled_table_loads_and_crosses_both_ways() {
        let lexicon = Lexicon::bundled();
        assert!(lexicon.len() > 1000, "{} terms", lexicon.len());
        let has_cyrillic = |s: &str| s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        assert!(lexicon.terms.keys().any(|k| has_cyrillic(k)));
        assert!(lexicon.terms.keys().any(|k| !has_cyrillic(k)));
    }

    #[test]
    fn bundled_table_knows_the_war_s_common_terms() {
        let lexicon = Lexicon::bundled();
        let knows = |from: &str, to: &str| {
            lexicon.translations(from).first().map(|t| t.term.as_str()) == Some(to)
        };
        for (from, to) in [
            ("воєн стан", "martial law"),
            ("обстріл", "shell"),
            ("зерн", "grain"),
            ("евакуаці", "evacu"),
            ("дитин", "children"),
            ("sanction", "санкці"),
        ] {
            assert!(knows(from, to), "{from}: {:?}", lexicon.translations(from));
        }
    }
}
