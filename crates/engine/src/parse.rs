//! The query language: `word`, `"exact phrase"`, `a OR b`, `+required`, `-excluded`,
//! `a AND b` (both required, as `+a +b`), `NOT a` (as `-a`), `field:value` (title, body,
//! source), `prefix*`. Plain terms are optional, a minimum of them must match (see
//! `search`). Errors carry a character position.

/// Fields a query may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryField {
    Title,
    Body,
    Source,
}

/// One query element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    Word(String),
    Phrase(String),
    Prefix(String),
}

/// An element with its field and sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub atom: Atom,
    pub field: Option<QueryField>,
    pub negated: bool,
    /// Marked `+`: every match must have it.
    pub required: bool,
    /// Character offset in the query.
    pub position: usize,
}

/// The parsed query: clauses in groups; a group's clauses are ORed, and `search` decides how
/// many groups a match needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Vec<Clause>>,
}

impl Parsed {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// A query that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at character {position})")]
pub struct ParseError {
    pub message: String,
    pub position: usize,
}

pub const MAX_CLAUSES: usize = 64;

fn needs_both_sides(operator: &str) -> String {
    format!("{operator} needs a term on each side")
}

/// Parses a query.
pub fn parse(q: &str) -> Result<Parsed, ParseError> {
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    let mut groups: Vec<Vec<Clause>> = Vec::new();
    let (mut pending_or, mut pending_and, mut pending_not) = (false, false, false);
    let err = |message: String, position: usize| ParseError { message, position };
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        // `OR` and `AND` between two clauses, `NOT` before one.
        let operator = ["OR", "AND", "NOT"].into_iter().find(|name| {
            name.chars()
                .enumerate()
                .all(|(k, c)| chars.get(i + k) == Some(&c))
                && chars.get(i + name.len()).is_none_or(|c| c.is_whitespace())
        });
        if let Some(name) = operator {
            if name == "NOT" {
                if pending_not {
                    return Err(err("NOT needs a term after it".into(), start));
                }
                pending_not = true;
            } else if groups.is_empty() || pending_or || pending_and || pending_not {
                return Err(err(needs_both_sides(name), start));
            } else if name == "AND" {
                for c in groups.last_mut().into_iter().flatten() {
                    c.required = !c.negated;
                }
                pending_and = true;
            } else {
                pending_or = true;
            }
            i += name.len();
            continue;
        }
        let sign = |c: char| chars[i] == c && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        let (negated, required) = (sign('-'), sign('+'));
        if negated || required {
            i += 1;
        }
        // field:
        let mut field = None;
        let word_end = chars[i..]
            .iter()
            .position(|c| !c.is_ascii_alphabetic())
            .map_or(chars.len(), |p| i + p);
        if word_end > i
            && chars.get(word_end) == Some(&':')
            && chars.get(word_end + 1).is_some_and(|c| !c.is_whitespace())
        {
            let name: String = chars[i..word_end].iter().collect();
            field = Some(match name.to_ascii_lowercase().as_str() {
                "title" => QueryField::Title,
                "body" | "text" => QueryField::Body,
                "source" => QueryField::Source,
                other => {
                    return Err(err(
                        format!("unknown field '{other}': use title, body or source"),
                        i,
                    ));
                }
            });
            i = word_end + 1;
        }
        let atom = if chars.get(i) == Some(&'"') {
            let close = chars[i + 1..]
                .iter()
                .position(|&c| c == '"')
                .ok_or_else(|| err("unbalanced quote: no closing \"".into(), i))?;
            let text: String = chars[i + 1..i + 1 + close].iter().collect();
            i += close + 2;
            Atom::Phrase(text)
        } else {
            let end = chars[i..]
                .iter()
                .position(|c| c.is_whitespace() || *c == '"')
                .map_or(chars.len(), |p| i + p);
            let text: String = chars[i..end].iter().collect();
            i = end;
            match text.strip_suffix('*') {
                Some(stem) if stem.chars().filter(|c| c.is_alphanumeric()).count() < 2 => {
                    return Err(err(
                        "a prefix needs at least two letters before *".into(),
                        start,
                    ));
                }
                Some(stem) => Atom::Prefix(stem.to_string()),
                None => Atom::Word(text),
            }
        };
        let empty = match &atom {
            Atom::Word(t) | Atom::Phrase(t) | Atom::Prefix(t) => {
                !t.chars().any(char::is_alphanumeric)
            }
        };
        if empty {
            continue;
        }
        let (not, and) = (
            std::mem::take(&mut pending_not),
            std::mem::take(&mut pending_and),
        );
        let negated = negated || not;
        let required = !negated && (required || and);
        let clause = Clause {
            atom,
            field,
            negated,
            required,
            position: start,
        };
        if pending_or {
            if let Some(last) = groups.last_mut() {
                last.push(clause);
            }
            pending_or = false;
        } else {
            groups.push(vec![clause]);
        }
        if groups.iter().map(Vec::len).sum::<usize>() > MAX_CLAUSES {
            return Err(err(
                format!("too many terms (at most {MAX_CLAUSES})"),
                start,
            ));
        }
    }
    if pending_or || pending_and {
        let name = if pending_or { "OR" } else { "AND" };
        return Err(err(needs_both_sides(name), chars.len()));
    }
    if pending_not {
        return Err(err("NOT needs a term after it".into(), chars.len()));
    }
    Ok(Parsed { groups })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(p: &Parsed) -> Vec<Vec<String>> {
        p.groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|c| {
                        let sign = if c.negated {
                            "-"
                        } else if c.required {
                            "+"
                        } else {
                            ""
                        };
                        match &c.atom {
                            Atom::Word(w) => format!("{sign}{w}"),
                            Atom::Phrase(w) => format!("{sign}\"{w}\""),
                            Atom::Prefix(w) => format!("{sign}{w}*"),
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn syntax() {
        let p = parse(r#"Pokrovsk "glide bomb" Kyiv OR Kiev -Moscow Kram* title:drones source:"The Guardian" +drone"#).expect("parses");
        assert_eq!(
            words(&p),
            vec![
                vec!["Pokrovsk".to_string()],
                vec!["\"glide bomb\"".into()],
                vec!["Kyiv".into(), "Kiev".into()],
                vec!["-Moscow".into()],
                vec!["Kram*".into()],
                vec!["drones".into()],
                vec!["\"The Guardian\"".into()],
                vec!["+drone".into()],
            ]
        );
        assert_eq!(p.groups[5][0].field, Some(QueryField::Title));
        assert_eq!(p.groups[6][0].field, Some(QueryField::Source));
    }

    #[test]
    fn and_requires_both_sides_and_not_excludes() {
        let p = parse("Kyiv AND Kharkiv NOT Moscow").expect("parses");
        assert_eq!(
            words(&p),
            vec![
                vec!["+Kyiv".to_string()],
                vec!["+Kharkiv".into()],
                vec!["-Moscow".into()],
            ]
        );
        let p = parse("Kyiv OR Kiev AND \"martial law\"").expect("parses");
        assert_eq!(
            words(&p),
            vec![
                vec!["+Kyiv".to_string(), "+Kiev".into()],
                vec!["+\"martial law\"".into()],
            ]
        );
        let p = parse("-Moscow AND Kyiv").expect("parses");
        assert_eq!(
            words(&p),
            vec![vec!["-Moscow".to_string()], vec!["+Kyiv".into()]]
        );
        // An operator applies to the next clause only, whatever its sign.
        for (q, want) in [
            ("Kyiv AND NOT Moscow Odesa", ["+Kyiv", "-Moscow", "Odesa"]),
            ("Kyiv AND -Moscow Odesa", ["+Kyiv", "-Moscow", "Odesa"]),
            ("Kyiv AND +Kharkiv Odesa", ["+Kyiv", "+Kharkiv", "Odesa"]),
            ("NOT -Moscow Kyiv Odesa", ["-Moscow", "Kyiv", "Odesa"]),
        ] {
            let p = parse(q).expect("parses");
            let got: Vec<String> = words(&p).into_iter().flatten().collect();
            assert_eq!(got, want, "{q}");
        }
        // Lowercase, they are words.
        let p = parse("war and peace not").expect("parses");
        assert_eq!(p.groups.len(), 4);
        assert!(p.groups.iter().flatten().all(|c| !c.required && !c.negated));
        assert_eq!(parse("AND Kyiv").map_err(|e| e.position), Err(0));
        assert_eq!(parse("Kyiv AND").map_err(|e| e.position), Err(8));
        assert_eq!(parse("Kyiv AND OR Kiev").map_err(|e| e.position), Err(9));
        assert_eq!(parse("Kyiv NOT").map_err(|e| e.position), Err(8));
        assert_eq!(parse("NOT NOT Kyiv").map_err(|e| e.position), Err(4));
    }

    #[test]
    fn errors_have_positions() {
        assert_eq!(parse(r#"Kyiv "glide bomb"#).map_err(|e| e.position), Err(5));
        assert_eq!(parse("author:Smith").map_err(|e| e.position), Err(0));
        assert_eq!(parse("OR Kyiv").map_err(|e| e.position), Err(0));
        assert_eq!(parse("Kyiv OR").map_err(|e| e.position), Err(7));
        assert_eq!(parse("a*").map_err(|e| e.position), Err(0));
        assert!(parse("Ukraine: day 100").is_ok());
        assert!(parse("").expect("empty parses").is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(q in "\\PC{0,60}") {
            let _ = parse(&q);
        }
    }
}
