//! Language of a document: as given, else detected with whatlang.

/// ISO 639-1 code where one exists, else the ISO 639-3 code whatlang gives; `und` when the
/// detection is unreliable.
pub fn detect(given: Option<&str>, text: &str) -> String {
    if let Some(code) = given
        .map(|g| g.trim().to_ascii_lowercase())
        .filter(|g| !g.is_empty())
    {
        return normalize_code(&code);
    }
    let sample: String = text.chars().take(4000).collect();
    match whatlang::detect(&sample) {
        Some(info) if info.is_reliable() => normalize_code(info.lang().code()),
        _ => "und".to_string(),
    }
}

fn normalize_code(code: &str) -> String {
    let short = match code {
        "eng" | "english" => "en",
        "ukr" | "ukrainian" => "uk",
        "rus" | "russian" => "ru",
        "pol" | "polish" => "pl",
        "deu" | "ger" | "german" => "de",
        "fra" | "fre" | "french" => "fr",
        "bel" | "belarusian" => "be",
        "spa" | "spanish" => "es",
        "ita" | "italian" => "it",
        other => other.split(['-', '_']).next().unwrap_or(other),
    };
    short.to_string()
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn detects_and_normalises() {
        assert_eq!(detect(Some("EN"), ""), "en");
        assert_eq!(detect(Some("uk-UA"), ""), "uk");
        assert_eq!(
            detect(
                None,
                "Російські війська обстріляли місто вночі, загинули троє людей, повідомила обласна адміністрація."
            ),
            "uk"
        );
        assert_eq!(
            detect(
                None,
                "Russian troops shelled the city overnight, killing three people, the regional administration said."
            ),
            "en"
        );
        assert_eq!(detect(None, "ok"), "und");
    }
}
