//! Outlet names: many spellings of one outlet become one facet value.

/// Known outlets: canonical name, other names, web hosts.
static OUTLETS: &[(&str, &[&str], &[&str])] = &[
    (
        "The Guardian",
        &["Guardian", "The Guardian", "Guardian News"],
        &["theguardian.com", "guardian.co.uk"],
    ),
    (
        "The Telegraph",
        &[
            "Telegraph",
            "The Telegraph",
            "Daily Telegraph",
            "The Daily Telegraph",
        ],
        &["telegraph.co.uk"],
    ),
    (
        "BBC News",
        &[
            "BBC",
            "BBC News",
            "BBC World",
            "BBC Russia",
            "BBC Ukrainian",
        ],
        &["bbc.com", "bbc.co.uk"],
    ),
    ("Reuters", &["Reuters", "Thomson Reuters"], &["reuters.com"]),
    (
        "Associated Press",
        &["AP", "Associated Press", "The Associated Press", "AP News"],
        &["apnews.com"],
    ),
    (
        "AFP",
        &["AFP", "Agence France-Presse", "Agence France Presse"],
        &["afp.com"],
    ),
    (
        "CNN",
        &["CNN", "CNN International"],
        &["cnn.com", "edition.cnn.com"],
    ),
    ("Fox News", &["Fox News", "Fox"], &["foxnews.com"]),
    (
        "The Washington Post",
        &["Washington Post", "The Washington Post"],
        &["washingtonpost.com"],
    ),
    (
        "The New York Times",
        &["New York Times", "The New York Times", "NYT"],
        &["nytimes.com"],
    ),
    ("Kyiv Post", &["Kyiv Post", "KyivPost"], &["kyivpost.com"]),
    (
        "The Kyiv Independent",
        &["Kyiv Independent", "The Kyiv Independent"],
        &["kyivindependent.com"],
    ),
    (
        "Ukrinform",
        &["Ukrinform"],
        &["ukrinform.net", "ukrinform.ua"],
    ),
    (
        "UNIAN",
        &["UNIAN", "Unian"],
        &["unian.info", "unian.net", "unian.ua"],
    ),
    (
        "Ukrainska Pravda",
        &["Ukrainska Pravda", "Ukrayinska Pravda"],
        &["pravda.com.ua"],
    ),
    ("Belta", &["Belta", "BelTA"], &["belta.by", "eng.belta.by"]),
    (
        "Belarus Feed",
        &["Belarus Feed", "Belarusfeed"],
        &["belarusfeed.com"],
    ),
    ("TVN24", &["TVN24"], &["tvn24.pl"]),
    ("Gazeta.pl", &["Gazeta", "Gazeta.pl"], &["gazeta.pl"]),
    ("Onet", &["Onet"], &["onet.pl"]),
    (
        "Al Jazeera",
        &["Al Jazeera", "Aljazeera"],
        &["aljazeera.com"],
    ),
    (
        "The Independent",
        &["Independent", "The Independent"],
        &["independent.co.uk"],
    ),
    ("Sky News", &["Sky News"], &["news.sky.com"]),
    ("Financial Times", &["Financial Times", "FT"], &["ft.com"]),
    (
        "Politico",
        &["Politico", "POLITICO"],
        &["politico.com", "politico.eu"],
    ),
    ("Bloomberg", &["Bloomberg"], &["bloomberg.com"]),
    ("Deutsche Welle", &["Deutsche Welle", "DW"], &["dw.com"]),
    (
        "Radio Free Europe/Radio Liberty",
        &[
            "RFE/RL",
            "Radio Free Europe",
            "Radio Liberty",
            "Radio Free Europe/Radio Liberty",
        ],
        &["rferl.org"],
    ),
    (
        "The Moscow Times",
        &["Moscow Times", "The Moscow Times"],
        &["themoscowtimes.com"],
    ),
    ("Meduza", &["Meduza"], &["meduza.io"]),
    ("TASS", &["TASS", "Tass"], &["tass.com", "tass.ru"]),
    ("RIA Novosti", &["RIA Novosti", "RIA"], &["ria.ru"]),
    ("Interfax", &["Interfax"], &["interfax.com", "interfax.ru"]),
    (
        "Institute for the Study of War",
        &["ISW", "Institute for the Study of War"],
        &["understandingwar.org"],
    ),
];

fn key(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_prefix("www.").unwrap_or(&lower);
    let lower = lower.strip_prefix("the ").unwrap_or(lower);
    lower.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The canonical name of a known outlet, from any of its names or hosts.
pub fn canonical_outlet(name: &str) -> Option<&'static str> {
    let k = key(name);
    if k.is_empty() {
        return None;
    }
    OUTLETS.iter().find_map(|(canonical, aliases, hosts)| {
        (aliases.iter().any(|a| key(a) == k) || hosts.iter().any(|h| key(h) == k))
            .then_some(*canonical)
    })
}

/// The host of a URL, without `www.`.
pub fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then_some(host)
}

fn outlet_of_host(host: &str) -> Option<&'static str> {
    OUTLETS.iter().find_map(|(canonical, _, hosts)| {
        hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
            .then_some(*canonical)
    })
}

/// The document's source: the given outlet normalised, else the URL's outlet or host,
/// else `None` (shown as unknown). Never guessed from nothing.
pub fn normalize(given: Option<&str>, url: Option<&str>) -> Option<String> {
    if let Some(given) = given.map(str::trim).filter(|g| !g.is_empty()) {
        return Some(
            canonical_outlet(given)
                .or_else(|| host(given).and_then(outlet_of_host))
                .map_or_else(|| given.to_string(), str::to_string),
        );
    }
    let host = url.and_then(host)?;
    Some(outlet_of_host(host).map_or_else(|| host.to_string(), str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_per_outlet() {
        for given in [
            "theguardian.com",
            "Guardian",
            "The Guardian",
            "www.theguardian.com",
        ] {
            assert_eq!(
                normalize(Some(given), None).as_deref(),
                Some("The Guardian"),
                "{given}"
            );
        }
        assert_eq!(
            normalize(None, Some("https://www.theguardian.com/world/2025/aug/1")).as_deref(),
            Some("The Guardian")
        );
        assert_eq!(
            normalize(None, Some("https://en.kremlin.ru/events/1")).as_deref(),
            Some("en.kremlin.ru")
        );
        assert_eq!(
            normalize(Some("kremlin.ru"), None).as_deref(),
            Some("kremlin.ru")
        );
        assert_eq!(normalize(None, None), None);
    }
}
