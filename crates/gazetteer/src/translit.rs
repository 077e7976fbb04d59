//! Ukrainian national romanisation (Cabinet of Ministers resolution 55, 2010), the
//! spelling Ukraine uses for its place names in English: Київ → Kyiv, Куп'янськ → Kupiansk;
//! and Russian BGN/PCGN romanisation, the legacy spelling: Николаев → Nikolayev.

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

/// Appends `latin`, capitalised when the letter it stands for was.
fn push_cased(out: &mut String, latin: &str, upper: bool) {
    let mut chars = latin.chars();
    match chars.next() {
        Some(first) if upper => {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
        _ => out.push_str(latin),
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
        push_cased(&mut out, latin, c.is_uppercase());
        word_start = false;
        prev_lower = Some(lower);
    }
    Some(out)
}

/// Russian as English-language reporting romanised it before Ukraine's own spellings took
/// over (BGN/PCGN, soft and hard signs dropped): Николаев → Nikolayev, Запорожье →
/// Zaporozhye. Many legacy spellings users type are these.
fn map_ru(c: char, soft: bool) -> &'static str {
    match c {
        'е' if soft => "ye",
        'е' | 'э' => "e",
        'ё' => "yo",
        'г' => "g",
        'и' => "i",
        'й' | 'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        // Ukrainian letters: not a Russian name.
        'і' | 'ї' | 'є' | 'ґ' => "",
        c => map(c, false),
    }
}

/// Romanises a Russian name (BGN/PCGN, signs dropped); `None` if it holds characters
/// outside the Russian alphabet.
pub fn romanize_ru(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    // At a word's start, or after a vowel, "й" or a sign, "е" is "ye".
    let mut soft = true;
    for c in name.chars() {
        if c == ' ' || c == '-' {
            out.push(c);
            soft = true;
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        if matches!(lower, 'ь' | 'ъ') {
            soft = true;
            continue;
        }
        let latin = map_ru(lower, soft);
        if latin.is_empty() {
            return None;
        }
        soft = "аеёиоуыэюяй".contains(lower);
        push_cased(&mut out, latin, c.is_uppercase());
    }
    Some(out)
}

/// Latin letters and digraphs a romanised name is read back by, longest first: the
/// Ukrainian and the Russian romanisations above, and the letters of other languages'
/// spellings (c, q, w, x).
const CYRILLIC_OF: &[(&str, &str)] = &[
    ("shch", "щ"),
    ("zgh", "зг"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ya", "я"),
    ("ia", "я"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ye", "є"),
    ("ie", "є"),
    ("yo", "ё"),
    ("yi", "ї"),
    ("a", "а"),
    ("b", "б"),
    ("c", "к"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "г"),
    ("i", "и"),
    ("j", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("q", "к"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("w", "в"),
    ("x", "кс"),
    ("y", "и"),
    ("z", "з"),
];

/// A romanised name (lowercase Latin letters) in the Cyrillic letters it most likely
/// stands for, read back by either romanisation: Shoigu → шоигу, Kadyrov → кадиров. Where
/// the romanisations leave the letter open (i, y: і, и, й or ы; e: е, є or э) it is one of
/// them, so a caller compares the result with letters that differ so folded alike; i and y
/// as и, whose endings the Russian stemmer knows (sirski → сирски, stemmed as Сирський
/// is). `None` for anything but lowercase Latin letters.
pub fn cyrillic_spelling(latin: &str) -> Option<String> {
    let mut out = String::with_capacity(latin.len() * 2);
    let mut rest = latin;
    while !rest.is_empty() {
        let (from, to) = CYRILLIC_OF
            .iter()
            .find(|(from, _)| rest.starts_with(from))?;
        out.push_str(to);
        rest = &rest[from.len()..];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{cyrillic_spelling, romanize_ru, romanize_uk};

    #[test]
    fn romanised_names_read_back() {
        for (latin, cyrillic) in [
            ("shoigu", "шоигу"),
            ("kadyrov", "кадиров"),
            ("zelenskyi", "зеленскї"),
            ("shcherbyna", "щербина"),
            ("kharkiv", "харкив"),
            ("zghurivka", "згуривка"),
            ("syrskii", "сирскии"),
            ("yermak", "єрмак"),
        ] {
            assert_eq!(
                cyrillic_spelling(latin).as_deref(),
                Some(cyrillic),
                "{latin}"
            );
        }
        for not_latin in ["Kyiv", "київ", "a-b", "ö"] {
            assert_eq!(cyrillic_spelling(not_latin), None, "{not_latin}");
        }
    }

    #[test]
    fn legacy_russian_spellings() {
        for (ru, en) in [
            ("Николаев", "Nikolayev"),
            ("Запорожье", "Zaporozhye"),
            ("Макеевка", "Makeyevka"),
            ("Кировоград", "Kirovograd"),
            ("Северодонецк", "Severodonetsk"),
            ("Чернобыль", "Chernobyl"),
            ("Кривой Рог", "Krivoy Rog"),
            ("Ясиноватая", "Yasinovataya"),
            ("Артёмовск", "Artyomovsk"),
            ("Днепропетровск", "Dnepropetrovsk"),
            ("Подъячево", "Podyachevo"),
        ] {
            assert_eq!(romanize_ru(ru).as_deref(), Some(en), "{ru}");
        }
        assert_eq!(romanize_ru("Ново-Еловка").as_deref(), Some("Novo-Yelovka"));
        for not_russian in ["Київ", "Ґрунь", "Орел2", "Орел (село)", "Kyiv", "Орел'"]
        {
            assert_eq!(romanize_ru(not_russian), None, "{not_russian}");
        }
    }

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
