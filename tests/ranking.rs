//! Matching and ranking on small corpora written for the purpose: what finds an article,
//! and what orders two articles that differ in one respect only.

use std::sync::LazyLock;

use frontline::build;
use frontline_engine::{IndexHandle, SearchRequest, SearchResponse, search};
use frontline_gazetteer::Gazetteer;

/// The answer to `q`, every article ranked (no near-duplicates collapsed).
fn answer(index: &IndexHandle, q: &str) -> SearchResponse {
    static GAZETTEER: LazyLock<Gazetteer> =
        LazyLock::new(|| Gazetteer::bundled().expect("gazetteer"));
    let req = SearchRequest {
        q: q.into(),
        collapse: false,
        ..SearchRequest::default()
    };
    search(&index.load(), &GAZETTEER, &req).expect("search runs")
}

/// Each hit's id and score for `q`.
fn scored(index: &IndexHandle, q: &str) -> Vec<(String, f32)> {
    answer(index, q)
        .hits
        .into_iter()
        .map(|h| (h.id, h.score.unwrap_or_default()))
        .collect()
}

/// The ids of the articles found for `q`, sorted.
fn found(index: &IndexHandle, q: &str) -> Vec<String> {
    let mut ids: Vec<String> = scored(index, q).into_iter().map(|(id, _)| id).collect();
    ids.sort();
    ids
}

/// An index of `lines` (articles as JSON lines), with the folder it lives in.
fn index_of(lines: &str) -> (tempfile::TempDir, IndexHandle) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = tempfile::tempdir().expect("tempdir");
    std::fs::write(corpus.path().join("articles.jsonl"), lines).expect("write");
    build(&[corpus.path().to_path_buf()], dir.path());
    let index = IndexHandle::open(dir.path()).expect("opens");
    (dir, index)
}

fn line(id: &str, body: &str) -> String {
    serde_json::json!({"id": id, "body": body, "lang": "en"}).to_string() + "\n"
}

fn uk_line(id: &str, body: &str) -> String {
    serde_json::json!({"id": id, "body": body, "lang": "uk"}).to_string() + "\n"
}

fn titled(id: &str, title: &str, body: &str) -> String {
    serde_json::json!({"id": id, "title": title, "body": body, "lang": "en"}).to_string() + "\n"
}

/// A word in a title weighs by how rare it is among bodies, not among titles: words common
/// in the text are rare in short titles, and weighed by that a title naming two of three
/// query words outranked an article on all three.
#[test]
fn a_title_match_does_not_swamp_the_text() {
    let mut lines = titled(
        "titled",
        "Ukraine insists on security guarantees",
        "Kyiv wants security guarantees from its partners, the adviser said on Monday.",
    ) + &titled(
        "all-words",
        "Telephone conversation with the President of France",
        "The presidents discussed the security guarantees Russia seeks from NATO: no NATO \
         enlargement to the east and no NATO strike weapons near its borders.",
    );
    // The two words are in a few bodies, as in a real corpus, and in one title.
    for i in 0..4 {
        lines += &titled(
            &format!("mention-{i}"),
            &format!("Meeting number {i}"),
            &format!(
                "Officials discussed food security and guarantees for grain exports, item {i}."
            ),
        );
    }
    for i in 0..70 {
        lines += &titled(
            &format!("other-{i}"),
            &format!("Daily report {i}"),
            &format!("Air raid sirens sounded in several regions overnight, report {i}."),
        );
    }
    let (_dir, index) = index_of(&lines);
    let hits = scored(&index, "NATO security guarantees");
    assert_eq!(
        hits.first().map(|(id, _)| id.as_str()),
        Some("all-words"),
        "{hits:?}"
    );
}

/// A pair of words the term table knows as a unit is also sought word by word: the table
/// has "масові вбивства" as "massacre", and an English article that says "mass murder" instead
/// is found too.
#[test]
fn a_unit_is_also_translated_word_by_word() {
    let lines = line(
        "massacre",
        "Investigators documented the massacre in the town after the occupation.",
    ) + &line(
        "murder",
        "Investigators documented the mass murder of civilians in the town after the occupation.",
    ) + &line(
        "other",
        "Investigators documented the damage in the town after the occupation.",
    );
    let (_dir, index) = index_of(&lines);
    let mut ids: Vec<String> = scored(&index, "масові вбивства")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    ids.sort();
    assert_eq!(ids, ["massacre", "murder"]);
}

/// A Ukrainian word no article has and the term table does not know is read through the
/// stem of it the table knows: "зерновий" (of grain) as "зерно", grain, so English
/// reporting on grain is found; a word no stem explains is still left out.
#[test]
fn a_derived_word_is_translated_through_its_root() {
    let lines = line(
        "grain",
        "Ships carrying grain left the port under the new corridor agreement.",
    ) + &line(
        "other",
        "Ships carrying steel left the port under the new corridor agreement.",
    );
    let (_dir, index) = index_of(&lines);
    let ids: Vec<String> = scored(&index, "зерновий")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["grain"]);
    // An English word no article has is a misspelling, left out and corrected, not read
    // through a stem ("grainzz" as "grain"); so is a Ukrainian word no stem of which the
    // table knows.
    for misspelt in ["grainzz", "щдлорвий"] {
        let res = answer(&index, &format!("{misspelt} ships"));
        let read = &res.query.groups[0][0];
        assert!(read.missing && read.translations.is_empty(), "{read:?}");
    }
}

/// A loanword the term table does not know is its own spelling in the other script, when
/// two articles or more have that spelling: "ескалація" finds "escalation" and back, a
/// plural the dictionary does not know ("джавеліни") its singular ("javelins"), a word no
/// Ukrainian article has ("ультиматум") the English that have it; a spelling in one
/// article only is more often a name transcribed, and not taken; an English spelling is
/// one the articles write, not a made-up one that stems as another word.
#[test]
fn a_loanword_is_found_in_the_other_script() {
    let lines = line(
        "esc-1",
        "Officials warned of a further escalation near the border.",
    ) + &line(
        "esc-2",
        "The escalation of shelling forced another evacuation.",
    ) + &line("javelins", "The brigade received more Javelins this week.")
        + &line(
            "javelin",
            "A Javelin crew destroyed the column near the bridge.",
        )
        + &line(
            "ultimatum-1",
            "Moscow issued an ultimatum to the defenders.",
        )
        + &line("ultimatum-2", "The defenders rejected the ultimatum.")
        + &line(
            "confiscation",
            "A court ordered the confiscation of the assets.",
        )
        + &line(
            "other",
            "Officials discussed grain exports and the port corridor.",
        )
        + &uk_line(
            "uk-esc-1",
            "Уряд попередив про можливу ескалацію на кордоні.",
        )
        + &uk_line("uk-esc-2", "Ескалація обстрілів змусила людей виїхати.")
        + &uk_line("uk-conf", "Суд ухвалив рішення про конфіскацію активів.");
    let (_dir, index) = index_of(&lines);
    let ids = |q: &str| found(&index, q);
    let all = ["esc-1", "esc-2", "uk-esc-1", "uk-esc-2"];
    assert_eq!(ids("ескалація"), all);
    assert_eq!(ids("escalation"), all);
    // Capitalised, opening a query, alike.
    assert_eq!(ids("Ескалація"), all);
    assert_eq!(ids("Escalation"), all);
    assert_eq!(ids("джавеліни"), ["javelin", "javelins"]);
    assert_eq!(ids("ультиматум"), ["ultimatum-1", "ultimatum-2"]);
    let res = answer(&index, "ескалація");
    let read = &res.query.groups[0][0];
    assert!(!read.translations.is_empty() && !read.missing, "{read:?}");
    // One English article only: no translation, the Ukrainian article alone.
    assert_eq!(ids("конфіскація"), ["uk-conf"]);
    // The spelling must be a word the articles write: "агенція" is "agency", though
    // "agention", a nearer made-up spelling, stems as "agent".
    let lines = line("agency-1", "The agency reported the strike.")
        + &line("agency-2", "A news agency confirmed it.")
        + &line("agent-1", "The agent was detained.")
        + &line("agent-2", "Another agent confessed.");
    let (_dir, index) = index_of(&lines);
    assert_eq!(found(&index, "агенція"), ["agency-1", "agency-2"]);
}

/// A short word is no loanword by its root alone: it meets too many common words of the
/// other language ("drugs" is no "друг", a friend). A longer one is ("smartphones",
/// "смартфон").
#[test]
fn a_short_word_is_no_loanword_by_its_root_alone() {
    let lines = line("drugs-1", "Police seized drugs at the border.")
        + &line("drugs-2", "The drugs were destroyed.")
        + &line(
            "phones-1",
            "Soldiers charged their smartphones at the station.",
        )
        + &line("phones-2", "Smartphones were handed out to the volunteers.")
        + &uk_line("friend-1", "Мій друг повернувся з фронту.")
        + &uk_line("friend-2", "Друг допоміг евакуювати сім'ю.")
        + &uk_line("phone-1", "Волонтери передали смартфон військовим.")
        + &uk_line("phone-2", "Смартфон знайшли під уламками.");
    let (_dir, index) = index_of(&lines);
    assert_eq!(found(&index, "drugs"), ["drugs-1", "drugs-2"]);
    assert_eq!(
        found(&index, "smartphones"),
        ["phone-1", "phone-2", "phones-1", "phones-2"]
    );
}

/// A compound is one word however it is written: "ceasefire" finds "cease-fire" and the
/// other way round, both finding the same articles; a word no writing of which the articles
/// have finds nothing.
#[test]
fn a_compound_is_found_solid_or_hyphenated() {
    // Far into a long text, so its snippet must be drawn from where the compound is.
    let long = "Talks went on for hours in the capital. ".repeat(40)
        + "At last both sides agreed to a cease-fire and a post-war plan.";
    let lines = line("solid", "Both sides agreed to a ceasefire along the front.")
        + &line(
            "hyphenated",
            "Both sides agreed to a cease-fire along the front.",
        )
        + &line(
            "other",
            "Both sides agreed to a fire break along the front.",
        )
        + &line("long", &long)
        + &line("plan", "A post-war plan was signed.");
    let (_dir, index) = index_of(&lines);
    let found = |q: &str| found(&index, q);
    assert_eq!(found("ceasefire"), ["hyphenated", "long", "solid"]);
    assert_eq!(found("cease-fire"), ["hyphenated", "long", "solid"]);
    assert!(found("firecease").is_empty());
    // The answer says how the word was read, and the snippet shows where.
    let answer = |q: &str| answer(&index, q);
    assert_eq!(
        answer("ceasefire").query.groups[0][0].also_written,
        ["cease fire"]
    );
    assert_eq!(
        answer("cease-fire").query.groups[0][0].also_written,
        ["ceasefire"]
    );
    // Two words the articles have, never side by side, are no compound.
    assert!(
        answer("firecease").query.groups[0][0]
            .also_written
            .is_empty()
    );
    let res = answer("postwar");
    assert_eq!(res.query.groups[0][0].also_written, ["post war"]);
    let hit = res.hits.iter().find(|h| h.id == "long").expect("long hit");
    assert!(hit.snippet.contains("<mark>post</mark>"), "{}", hit.snippet);
}

/// Two words that meet by chance are no other writing of a word the articles use far more
/// often ("head line" beside "headline"), nor are two that meet in a single article ("war
/// saw" beside "Warsaw") or with a stop word ("for getting" beside "forget"), though a word
/// as rare as its split is ("postwar" beside "post-war").
#[test]
fn words_that_meet_by_chance_are_no_compound() {
    let numbered = |id: &str, n: usize, text: &str| -> String {
        (0..n)
            .map(|i| line(&format!("{id}-{i}"), &format!("{text} {i}.")))
            .collect()
    };
    let mut lines = numbered("headline", 60, "The headline ran on page");
    lines += &numbered("head-line", 2, "Both stood at the head line number");
    lines += &numbered("forget", 3, "We will never forget the victims of day");
    lines += &numbered(
        "for-get",
        2,
        "They asked for getting the aid through on day",
    );
    lines += &numbered("warsaw", 3, "Talks were held in Warsaw on day");
    lines += &line("war-saw", "The war saw many victims.");
    lines += &line("solid", "The postwar plan was signed.");
    lines += &line("split-1", "The post-war plan was signed.");
    lines += &line("split-2", "A post-war plan is needed.");
    let (_dir, index) = index_of(&lines);
    let gaz = Gazetteer::bundled().expect("gazetteer");
    let found = |q: &str| {
        let req = SearchRequest {
            q: q.into(),
            collapse: false,
            limit: 100,
            ..SearchRequest::default()
        };
        let res = search(&index.load(), &gaz, &req).expect("search runs");
        let mut ids: Vec<String> = res.hits.into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    };
    for (q, n) in [("headline", 60), ("forget", 3), ("warsaw", 3)] {
        let ids = found(q);
        assert_eq!(ids.len(), n, "{q}: {ids:?}");
        let own = format!("{q}-");
        assert!(ids.iter().all(|id| id.starts_with(&own)), "{q}: {ids:?}");
    }
    assert_eq!(found("postwar"), ["solid", "split-1", "split-2"]);
}

/// A word also finds the articles saying another word of its family ("recognition",
/// "recognised"; "invaded", "invasion"), below those in its own words; the answer names the
/// family word and the snippet marks it.
#[test]
fn a_word_finds_its_family_below_its_own_words() {
    let mut lines = line("noun", "Moscow announced the recognition of the republics.");
    lines += &line("verb", "Moscow recognised the republics that day.");
    lines += &line("other", "Moscow announced new sanctions that day.");
    lines += &line("invaded", "The army invaded the region in the night.");
    // A family word in a title, where the word itself is in none, still weighs below the
    // word in a text.
    lines += &titled("titled", "Troops invaded", "Shops stayed closed that day.");
    lines += &line("invasion", "The invasion began that day.");
    let (_dir, index) = index_of(&lines);
    let ids =
        |q: &str| -> Vec<String> { scored(&index, q).into_iter().map(|(id, _)| id).collect() };
    assert_eq!(ids("recognition"), ["noun", "verb"]);
    assert_eq!(ids("recognize"), ["verb", "noun"]);
    assert_eq!(ids("invasion"), ["invasion", "invaded", "titled"]);
    // Every word still counts: the family stands for one word, not for the query.
    assert_eq!(ids("recognition sanctions"), Vec::<String>::new());
    let res = answer(&index, "recognition");
    assert_eq!(res.query.groups[0][0].also_written, ["recognize"]);
    let hit = res.hits.iter().find(|h| h.id == "verb").expect("verb hit");
    assert!(
        hit.snippet.contains("<mark>recognised</mark>"),
        "{}",
        hit.snippet
    );
}

/// A function word ("with", "з") ranks the articles but does not count toward the words a
/// match needs: "talks with Russia" needs "talks" and "Russia", not any two of the three.
#[test]
fn a_function_word_does_not_count_toward_the_words_a_match_needs() {
    let mut lines = line("both", "Talks with Russia resumed in the spring.");
    lines += &line("no-talks", "Trade with Russia fell in the spring.");
    lines += &line("no-russia", "Talks with partners resumed in the spring.");
    lines += &line("filler", "Aid arrived with trucks in the spring.");
    lines += &line("phrase", "Peace talks resumed in the spring.");
    lines += &uk_line("обидва", "Переговори з Росією тривають.");
    lines += &uk_line("без-переговорів", "Торгівля з Росією впала.");
    lines += &uk_line("без-росії", "Переговори з партнерами тривають.");
    let (_dir, index) = index_of(&lines);
    let ids = |q: &str| found(&index, q);
    // Among the articles in the query's language (the other may match by translation).
    let cyrillic = |id: &String| id.chars().any(|c| ('а'..='я').contains(&c));
    let own = |q: &str, uk: bool| -> Vec<String> {
        ids(q).into_iter().filter(|id| cyrillic(id) == uk).collect()
    };
    assert_eq!(own("talks with Russia", false), ["both"]);
    assert_eq!(own("переговори з Росією", true), ["обидва"]);
    // Beside a phrase, too, it only ranks; alone, it is what is asked for.
    assert_eq!(own("\"peace talks\" with", false), ["phrase"]);
    assert_eq!(own("with", false).len(), 4);
}

/// A name is found in every romanisation, however far apart two of them are, and weighs
/// alike in each, so an article ranks by what it says, not by how it spells the name; a j
/// within a word stays a j.
#[test]
fn a_name_is_found_in_every_romanisation() {
    let lines = line(
        "twice",
        "Sirskyy spoke and Sirskyy said that the line holds.",
    ) + &line("yy", "Sirskyy spoke and the general said the line holds.")
        + &line("i", "Syrski spoke and the general said the line holds.")
        + &line("iy", "Sirskiy spoke and the general said the line holds.")
        + &line("j", "Sirskij spoke and the general said the line holds.")
        + &line("mayak", "Mayak and Majak.")
        + &line("other", "Sirko spoke.");
    let (_dir, index) = index_of(&lines);
    let found = |q: &str| scored(&index, q);
    let all = found("Syrskyi");
    let mut ids: Vec<&str> = all.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["i", "iy", "j", "twice", "yy"], "{all:?}");
    for q in ["Sirskyy", "Syrski", "Sirskiy", "Sirskij", "Syrskyj"] {
        assert_eq!(found(q), all, "{q}");
    }
    // The article naming him twice ranks first; the others, alike but for the spelling,
    // score alike, though "Sirskyy" is in more articles than the other spellings.
    assert_eq!(all[0].0, "twice", "{all:?}");
    assert!(
        all[1..].iter().all(|(_, s)| (s - all[1].1).abs() < 1e-6),
        "{all:?}"
    );
    // "Majak" is no romanisation of "Mayak": a j within a word is a j.
    let res = answer(&index, "Mayak");
    assert!(res.query.groups[0][0].also_written.is_empty());
}

/// The words of a query found near each other raise an article in the other language as
/// they do one in the query's own: two English articles with the same words, one saying
/// "killed children", the other with the two words far apart, are told apart by a
/// Ukrainian query as by an English one.
#[test]
fn nearness_counts_in_the_other_language_too() {
    let far = "Rescuers said children were found in the ruins of the school after the strike on Tuesday evening, killed.";
    let near = "Rescuers said killed children were found in the ruins of the school after the strike on Tuesday evening.";
    let (_dir, index) = index_of(&(line("far", far) + &line("near", near)));
    for q in ["killed children", "вбиті діти"] {
        let hits = scored(&index, q);
        let ids: Vec<&str> = hits.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["near", "far"], "{q}: {hits:?}");
        assert!(hits[0].1 > hits[1].1, "{q}: {hits:?}");
    }
}

/// A place counts once however its name is written: "the Crimea region" ranks as
/// "Crimea" does, not above it by the rarity of "region".
#[test]
fn a_place_named_with_region_ranks_as_the_bare_name() {
    // The same words in both, "region" beside the name in one only.
    let lines = line(
        "phrase",
        "Drones struck the Crimea region overnight, officials said.",
    ) + &line(
        "bare",
        "Drones struck Crimea overnight, the region officials said.",
    ) + &line("other", "Officials said the drones struck overnight.");
    let (_dir, index) = index_of(&lines);
    let hits = scored(&index, "Crimea");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!((hits[0].1 - hits[1].1).abs() < 1e-4, "{hits:?}");
}

/// A place weighs alike whichever of its names a text uses: an article writing the rarer
/// "Kiev" scores as one writing "Kyiv", and a Ukrainian article naming "Київ" as an English
/// one naming "Kyiv" when the place is as rare among the articles of each script (by
/// BM25's measure), however rarer "Київ" is among all articles.
#[test]
fn a_place_weighs_alike_in_every_spelling_and_script() {
    // Two English articles of nine name the place, one Ukrainian of five.
    let mut lines = line("kyiv", "Drones struck Kyiv overnight, officials said.")
        + &line("kiev", "Drones struck Kiev overnight, officials said.")
        + &uk_line("київ", "Дрони атакували Київ уночі, кажуть посадовці.");
    for i in 0..7 {
        let body = format!("Officials said the drones struck {i} targets overnight.");
        lines += &line(&format!("en-{i}"), &body);
        if i < 4 {
            let body = format!("Посадовці кажуть, що дрони атакували {i} цілі вночі.");
            lines += &uk_line(&format!("uk-{i}"), &body);
        }
    }
    let (_dir, index) = index_of(&lines);
    for q in ["Kyiv", "Kiev", "Київ"] {
        let hits = scored(&index, q);
        let score = |id: &str| hits.iter().find(|(h, _)| h == id).map(|(_, s)| *s);
        let kyiv = score("kyiv").unwrap_or_else(|| panic!("{q}: {hits:?}"));
        for other in ["kiev", "київ"] {
            let s = score(other).unwrap_or_else(|| panic!("{q}: {other}: {hits:?}"));
            assert!(
                (s - kyiv).abs() < 1e-4,
                "{q}: {other} {s} vs kyiv {kyiv}: {hits:?}"
            );
        }
    }
}

/// A place's name of several words weighs as its one-word names do: an article writing
/// "Krivoy Rog" scores as one writing "Kryvyi Rih", however rarer the old spelling is.
#[test]
fn a_place_of_several_words_weighs_alike_in_every_spelling() {
    let mut lines = line(
        "kryvyi",
        "Drones struck Kryvyi Rih overnight, officials said.",
    ) + &line(
        "krivoy",
        "Drones struck Krivoy Rog overnight, officials said.",
    ) + &line("again", "Sirens sounded in Kryvyi Rih on Tuesday.");
    for i in 0..4 {
        let body = format!("Officials said the drones struck {i} targets overnight.");
        lines += &line(&format!("en-{i}"), &body);
    }
    let (_dir, index) = index_of(&lines);
    for q in ["Kryvyi Rih", "Krivoy Rog"] {
        let hits = scored(&index, q);
        let score = |id: &str| hits.iter().find(|(h, _)| h == id).map(|(_, s)| *s);
        let (a, b) = (score("kryvyi"), score("krivoy"));
        assert!(
            a.zip(b).is_some_and(|(a, b)| (a - b).abs() < 1e-4),
            "{q}: {hits:?}"
        );
    }
}
