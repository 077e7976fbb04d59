//! Ukrainian national romanisation (Cabinet of Ministers resolution 55, 2010), the
//! spelling Ukraine uses for its place names in English: Київ → Kyiv, Куп'янськ → Kupiansk.

fn map(c: char, word_start: bool) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' if word_start => "ye",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' if word_start => "yi",
        'ї' => "i",
        'й' if word_start => "y",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' if word_start => "yu",
        'ю' => "iu",
        'я' if word_start => "ya",
        'я' => "ia",
        _ => "",
    }
}

/// Romanises a Ukrainian name; `None` if it holds characters outside the Ukrainian alphabet.
pub fn romanize_uk(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    let mut prev_lower: Option<char> = None;
    for c in name.chars() {
        if crate::fold::is_apostrophe(c) || c == 'ь' || c == 'Ь' {
            continue;
        }
        if c == ' ' || c == '-' {
            out.push(c);
            word_start = true;
            prev_lower = None;
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        // "зг" is written "zgh" so it is not read as "zh".
        let latin = if lower == 'г' && prev_lower == Some('з') {
            "gh"
        } else {
            map(lower, word_start)
        };
        if latin.is_empty() {
            return None;
        }
        if c.is_uppercase() {
            let mut chars = latin.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(latin);
        }
        word_start = false;
        prev_lower = Some(lower);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::romanize_uk;

    #[test]
    fn official_spellings() {
        for (uk, en) in [
            ("Київ", "Kyiv"),
            ("Куп'янськ", "Kupiansk"),
            ("Ізюм", "Izium"),
            ("Слов’янськ", "Sloviansk"),
            ("Золотий Колодязь", "Zolotyi Kolodiaz"),
            ("Добропілля", "Dobropillia"),
            ("Костянтинівка", "Kostiantynivka"),
            ("Згурівка", "Zghurivka"),
            ("Запоріжжя", "Zaporizhzhia"),
        ] {
            assert_eq!(romanize_uk(uk).as_deref(), Some(en), "{uk}");
        }
        assert_eq!(romanize_uk("Москва!"), None);
    }
}
