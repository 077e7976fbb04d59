//! Spelling-insensitive folding shared by gazetteer names, document text and queries.
//!
//! Transliterations of one name differ in predictable ways (Dobropillya / Dobropillia,
//! Kup'yansk / Kupiansk, Zolotyy / Zolotyi), so both sides are folded the same way before
//! matching: lowercase, apostrophes dropped, Latin `y` read as `i`, `ё` as `е`, and runs of
//! one letter collapsed. The fold keeps a map back to byte offsets of the original text so
//! matches can be reported as spans of what the author wrote.

/// Folded text plus, for every byte of it, the byte offset in the original it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the original offset of folded byte `i`; one extra entry at the end
    /// holds the original length so `origin[end]` is always valid.
    pub origin: Vec<usize>,
    /// Folded offsets of the words whose original first letter is a capital, where a
    /// proper noun can start.
    pub capitals: Vec<usize>,
}

impl Folded {
    /// Original byte range of the folded range `start..end`.
    pub fn original_span(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let s = self.origin[start];
        // End just after the last original char that produced folded byte `end - 1`.
        let last = self.origin[end.saturating_sub(1).max(start)];
        let e = original[last..]
            .chars()
            .next()
            .map_or(last, |c| last + c.len_utf8());
        (s, e.max(s))
    }
}

/// True for the apostrophes transliterations and Ukrainian spelling use inside names.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘' | 'ʹ' | '′')
}

/// One character folded; `None` for characters folding drops (apostrophes).
pub fn fold_char(c: char) -> Option<char> {
    if is_apostrophe(c) {
        return None;
    }
    if c.is_ascii() {
        return Some(match c.to_ascii_lowercase() {
            'y' => 'i',
            lower => lower,
        });
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'y' => 'i',
        'ё' => 'е',
        'á' | 'à' | 'â' | 'ä' | 'ą' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ý' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ů' => 'u',
        'č' | 'ć' => 'c',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ń' | 'ñ' => 'n',
        '–' | '—' | '‐' => '-',
        other => other,
    })
}

/// Folds `text`, recording where every folded byte came from.
pub fn fold(text: &str) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut capitals = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        // Plain ASCII letters, digits and spaces are most of the text: handled here without
        // the general path's Unicode lookups.
        if c.is_ascii_alphanumeric() || c == ' ' {
            let f = match c.to_ascii_lowercase() {
                'y' => 'i',
                lower => lower,
            };
            if prev == Some(f) && (f == ' ' || f.is_ascii_alphabetic()) {
                continue;
            }
            if c.is_ascii_uppercase() && !prev.is_some_and(is_word_char) {
                capitals.push(out.len());
            }
            prev = Some(f);
            out.push(f);
            origin.push(i);
            continue;
        }
        // A possessive "'s" stays a separate word ("Kyiv's" is Kyiv), while an apostrophe
        // inside a name disappears (Kup'yansk is Kupyansk).
        let possessive = is_apostrophe(c) && {
            let mut rest = text[i + c.len_utf8()..].chars();
            matches!(rest.next(), Some('s' | 'S'))
                && !rest.next().is_some_and(char::is_alphanumeric)
        };
        let f = if possessive || is_space(c) {
            ' '
        } else {
            match fold_char(c) {
                Some(f) => f,
                None => continue,
            }
        };
        if f == ' ' && prev == Some(' ') {
            continue;
        }
        if prev == Some(f) && is_letter(f) {
            continue;
        }
        if is_upper(c) && !prev.is_some_and(is_word_char) {
            capitals.push(out.len());
        }
        prev = Some(f);
        out.push(f);
        if f.is_ascii() {
            origin.push(i);
        } else {
            origin.extend(std::iter::repeat_n(i, f.len_utf8()));
        }
    }
    origin.push(text.len());
    Folded {
        text: out,
        origin,
        capitals,
    }
}

// ASCII and Cyrillic fast paths of the `char` classifications: folding runs over every
// byte of every article, and the general Unicode tables are most of its cost.
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace() || c == '\x0b'
    } else {
        c.is_whitespace()
    }
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        ('а'..='я').contains(&c) || c.is_alphabetic()
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        ('а'..='я').contains(&c) || c.is_alphanumeric()
    }
}

fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        ('А'..='Я').contains(&c) || (!('а'..='я').contains(&c) && c.is_uppercase())
    }
}

/// Folded form only, for keys.
pub fn fold_key(text: &str) -> String {
    fold(text).text
}

/// True when `c` is written in the Cyrillic script.
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_fold_together() {
        assert_eq!(fold_key("Dobropillya"), fold_key("Dobropillia"));
        assert_eq!(fold_key("Kup’yansk"), fold_key("Kupyansk"));
        assert_eq!(fold_key("Zolotyy"), fold_key("Zolotyi"));
        assert_eq!(fold_key("Andriyivka"), fold_key("Andriivka"));
        assert_eq!(fold_key("Слов’янськ"), fold_key("Слов'янськ"));
        assert_ne!(fold_key("Kyiv"), fold_key("Kharkiv"));
    }

    #[test]
    fn spans_map_back() {
        let text = "near Dobropillya, Kup’yansk";
        let f = fold(text);
        let start = f.text.find("kupiansk").expect("folded");
        let (s, e) = f.original_span(start, start + "kupiansk".len(), text);
        assert_eq!(&text[s..e], "Kup’yansk");
    }
}
