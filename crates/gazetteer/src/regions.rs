//! The regions (facet level 2) and the ways war reporting names them.
//!
//! GeoNames' own ADM1 names are inconsistent ("Donetska Oblast", "Misto Kyiv", "Odeska
//! Oblast"), so the facet names and the surface forms of each region are fixed here.

/// One first-level region of Ukraine or a Russian border oblast.
#[derive(Debug, Clone, Copy)]
pub struct Region {
    /// GeoNames admin1 code, e.g. `UA.05`.
    pub code: &'static str,
    /// GeoNames id of the ADM1 feature.
    pub geonameid: u64,
    /// Facet name, e.g. `Donetsk Oblast`.
    pub name: &'static str,
    pub country: &'static str,
    /// Latin forms that take "region"/"oblast" after them: "Donetsk region".
    pub en_stems: &'static [&'static str],
    /// Latin forms that name the region on their own: "Crimea", "Dnipropetrovsk".
    pub en_bare: &'static [&'static str],
    /// Ukrainian adjective stem before "область": "Донецьк" + "а область".
    pub uk_adj: &'static str,
    /// Ukrainian colloquial region noun stem: "Донеччин" + "а/и/і/у/ою".
    pub uk_noun: &'static str,
    /// Russian adjective stem before "область": "Донецк" + "ая область".
    pub ru_adj: &'static str,
    /// Cyrillic forms that name the region on their own, inflected like nouns: "Крим".
    pub cyr_bare: &'static [&'static str],
    /// GeoNames id of the city that a list like "Kharkiv and Donetsk regions" names.
    pub capital: u64,
}

impl Region {
    #[allow(clippy::too_many_arguments)]
    const fn new(
        code: &'static str,
        geonameid: u64,
        name: &'static str,
        country: &'static str,
        en_stems: &'static [&'static str],
        en_bare: &'static [&'static str],
        uk_adj: &'static str,
        uk_noun: &'static str,
        ru_adj: &'static str,
        cyr_bare: &'static [&'static str],
        capital: u64,
    ) -> Region {
        Region { code, geonameid, name, country, en_stems, en_bare, uk_adj, uk_noun, ru_adj, cyr_bare, capital }
    }
}

pub const UKRAINE: &str = "Ukraine";
pub const RUSSIA: &str = "Russia";

pub static REGIONS: &[Region] = &[
    Region::new("UA.01", 710802, "Cherkasy Oblast", "Ukraine", &["Cherkasy", "Cherkassy", "Cherkaska"], &[], "Черкаськ", "Черкащин", "Черкасск", &[], 710791),
    Region::new("UA.02", 710734, "Chernihiv Oblast", "Ukraine", &["Chernihiv", "Chernigov", "Chernihivska"], &["Chernihivshchyna"], "Чернігівськ", "Чернігівщин", "Черниговск", &[], 710735),
    Region::new("UA.03", 710720, "Chernivtsi Oblast", "Ukraine", &["Chernivtsi", "Chernovtsy", "Chernivetska"], &["Bukovyna", "Bukovina"], "Чернівецьк", "Буковин", "Черновицк", &[], 710719),
    Region::new("UA.04", 709929, "Dnipropetrovsk Oblast", "Ukraine", &["Dnipropetrovsk", "Dnepropetrovsk", "Dnipro", "Dnipropetrovska"], &["Dnipropetrovsk", "Dnipropetrovshchyna", "Dnepropetrovsk"], "Дніпропетровськ", "Дніпропетровщин", "Днепропетровск", &[], 709930),
    Region::new("UA.05", 709716, "Donetsk Oblast", "Ukraine", &["Donetsk", "Donetska", "Donechchyna"], &["Donetsk People's Republic", "Donechchyna"], "Донецьк", "Донеччин", "Донецк", &[], 709717),
    Region::new("UA.06", 707470, "Ivano-Frankivsk Oblast", "Ukraine", &["Ivano-Frankivsk", "Ivano-Frankovsk", "Ivano-Frankivska"], &["Prykarpattia"], "Івано-Франківськ", "Прикарпатт", "Ивано-Франковск", &[], 707471),
    Region::new("UA.07", 706482, "Kharkiv Oblast", "Ukraine", &["Kharkiv", "Kharkov", "Kharkivska"], &["Kharkivshchyna"], "Харківськ", "Харківщин", "Харьковск", &[], 706483),
    Region::new("UA.08", 706442, "Kherson Oblast", "Ukraine", &["Kherson", "Khersonska"], &["Khersonshchyna"], "Херсонськ", "Херсонщин", "Херсонск", &[], 706448),
    Region::new("UA.09", 706370, "Khmelnytskyi Oblast", "Ukraine", &["Khmelnytskyi", "Khmelnytskyy", "Khmelnytsky", "Khmelnitsky", "Khmelnytska"], &["Khmelnychchyna"], "Хмельницьк", "Хмельниччин", "Хмельницк", &[], 706369),
    Region::new("UA.10", 705811, "Kirovohrad Oblast", "Ukraine", &["Kirovohrad", "Kirovograd", "Kropyvnytskyi", "Kirovohradska"], &["Kirovohrad", "Kirovograd", "Kirovohradshchyna"], "Кіровоградськ", "Кіровоградщин", "Кировоградск", &[], 705812),
    Region::new("UA.11", 703883, "Crimea", "Ukraine", &["Crimea", "Crimean"], &["Crimea", "Krym", "Autonomous Republic of Crimea", "Crimean peninsula"], "Кримськ", "", "Крымск", &["Крим", "Крым"], 693805),
    Region::new("UA.12", 703447, "Kyiv", "Ukraine", &[], &[], "", "", "", &[], 703448),
    Region::new("UA.13", 703446, "Kyiv Oblast", "Ukraine", &["Kyiv", "Kiev", "Kyivska"], &["Kyivshchyna"], "Київськ", "Київщин", "Киевск", &[], 703448),
    Region::new("UA.14", 702657, "Luhansk Oblast", "Ukraine", &["Luhansk", "Lugansk", "Luhanska"], &["Luhansk People's Republic", "Luhanshchyna"], "Луганськ", "Луганщин", "Луганск", &[], 702658),
    Region::new("UA.15", 702549, "Lviv Oblast", "Ukraine", &["Lviv", "Lvov", "Lvivska"], &["Lvivshchyna"], "Львівськ", "Львівщин", "Львовск", &[], 702550),
    Region::new("UA.16", 700567, "Mykolaiv Oblast", "Ukraine", &["Mykolaiv", "Mykolayiv", "Nikolaev", "Nikolayev", "Mykolaivska"], &["Mykolaivshchyna"], "Миколаївськ", "Миколаївщин", "Николаевск", &[], 700569),
    Region::new("UA.17", 698738, "Odesa Oblast", "Ukraine", &["Odesa", "Odessa", "Odeska"], &["Odeshchyna"], "Одеськ", "Одещин", "Одесск", &[], 698740),
    Region::new("UA.18", 696634, "Poltava Oblast", "Ukraine", &["Poltava", "Poltavska"], &["Poltavshchyna"], "Полтавськ", "Полтавщин", "Полтавск", &[], 696643),
    Region::new("UA.19", 695592, "Rivne Oblast", "Ukraine", &["Rivne", "Rovno", "Rivnenska"], &["Rivnenshchyna"], "Рівненськ", "Рівненщин", "Ровенск", &[], 695594),
    Region::new("UA.20", 694422, "Sevastopol", "Ukraine", &[], &[], "", "", "", &[], 694423),
    Region::new("UA.21", 692196, "Sumy Oblast", "Ukraine", &["Sumy", "Sumska"], &["Sumshchyna"], "Сумськ", "Сумщин", "Сумск", &[], 692194),
    Region::new("UA.22", 691649, "Ternopil Oblast", "Ukraine", &["Ternopil", "Ternopol", "Ternopilska"], &["Ternopilshchyna"], "Тернопільськ", "Тернопільщин", "Тернопольск", &[], 691650),
    Region::new("UA.23", 689559, "Vinnytsia Oblast", "Ukraine", &["Vinnytsia", "Vinnytsya", "Vinnitsa", "Vinnytska"], &["Vinnychchyna"], "Вінницьк", "Вінниччин", "Винницк", &[], 689558),
    Region::new("UA.24", 689064, "Volyn Oblast", "Ukraine", &["Volyn", "Volhynia", "Volynska"], &["Volyn", "Volhynia"], "Волинськ", "", "Волынск", &["Волинь"], 702569),
    Region::new("UA.25", 687869, "Zakarpattia Oblast", "Ukraine", &["Zakarpattia", "Zakarpattya", "Transcarpathia", "Transcarpathian", "Zakarpatska"], &["Zakarpattia", "Zakarpattya", "Transcarpathia"], "Закарпатськ", "Закарпатт", "Закарпатск", &[], 690548),
    Region::new("UA.26", 687699, "Zaporizhzhia Oblast", "Ukraine", &["Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporizhzhya", "Zaporizka"], &["Zaporizhzhia region"], "Запорізьк", "", "Запорожск", &[], 687700),
    Region::new("UA.27", 686966, "Zhytomyr Oblast", "Ukraine", &["Zhytomyr", "Zhitomir", "Zhytomyrska"], &["Zhytomyrshchyna"], "Житомирськ", "Житомирщин", "Житомирск", &[], 686967),
    Region::new("RU.41", 538555, "Kursk Oblast", "Russia", &["Kursk"], &["Kurshchyna"], "Курськ", "Курщин", "Курск", &[], 538560),
    Region::new("RU.09", 578071, "Belgorod Oblast", "Russia", &["Belgorod", "Bilhorod"], &["Belgorodchina"], "Бєлгородськ", "Бєлгородщин", "Белгородск", &[], 578072),
    Region::new("RU.10", 571473, "Bryansk Oblast", "Russia", &["Bryansk", "Briansk"], &["Bryanshchina"], "Брянськ", "Брянщин", "Брянск", &[], 571476),
];

/// The region with this admin1 code.
pub fn by_code(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// The region whose ADM1 feature has this GeoNames id.
pub fn by_geonameid(id: u64) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.geonameid == id)
}
