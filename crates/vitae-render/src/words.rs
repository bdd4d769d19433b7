//! Every word the renderers add to a resume (section titles, labels, month names, "Present"), in one
//! [`Locale`] per language, so that localization swaps a table instead of editing writers. The
//! writers never contain user-visible words themselves; dates use each locale's patterns.
//!
//! English plus the 21 languages of RenderCV's locale files. Month names and abbreviations come
//! from the GNU C Library's locales (native speakers' data, through the `pure-rust-locales`
//! crate), with the few exceptions [`Locale::month_abbreviation`] gives reasons for. "Present",
//! the words for year(s) and the degree phrase ("DEGREE in AREA") are copied from RenderCV's
//! files (RenderCV, <https://github.com/rendercv/rendercv>, MIT licence, © the RenderCV authors),
//! German "present" corrected to "heute", what German CVs write; they are data compiled in here,
//! never read at run time. The section titles, labels and date patterns are ours: RenderCV's
//! files do not have them.

use crate::{Section, UnknownName};
use pure_rust_locales::{Locale as GlibcLocale, locale_match};
use std::fmt;

/// The crate-internal name of a locale when it is used as a table of words (`w.roles`, `w.months`).
pub(crate) type Words = Locale;

/// A language the renderers can write in: every word they add, and how dates read.
///
/// Get one with [`locale`] (or [`Locale::parse`] for an error that lists the known codes), list them
/// all with [`locales`]. `&'static Locale` defaults to English.
///
/// ```
/// let de = vitae_render::locale("de-AT").unwrap();
/// assert_eq!((de.code, de.name, de.native_name), ("de", "German", "Deutsch"));
/// assert_eq!(vitae_render::locale("norwegian_bokmal").unwrap().code, "nb");
/// assert!(vitae_render::locale("ar").unwrap().rtl);
/// assert!(vitae_render::locale("xx").is_none());
/// ```
#[derive(PartialEq, Eq)]
pub struct Locale {
    /// The BCP 47 language code: `en`, `de`, `nb`, `zh`...
    pub code: &'static str,
    /// The name in English: "German".
    pub name: &'static str,
    /// The name in the language itself: "Deutsch".
    pub native_name: &'static str,
    /// RenderCV's name for the language, as in its locale file names: `german`, `norwegian_bokmal`.
    pub rendercv_name: &'static str,
    /// Written right to left (Arabic, Hebrew, Persian).
    pub rtl: bool,
    /// Other codes and names [`locale`] accepts ("no" for Norwegian Bokmål).
    aliases: &'static [&'static str],
    /// The GNU C Library locale whose month names and abbreviations, written by its native
    /// speakers, dates use (through the `pure-rust-locales` crate).
    glibc: GlibcLocale,
    present: &'static str,
    /// The words before the date of a "last updated" line: "Last updated in" (Dec 2026).
    last_updated: &'static str,
    /// One year, several years: "3 years" of a skill.
    pub(crate) years: (&'static str, &'static str),
    /// A degree and its field, `DEGREE` and `AREA` standing for them: "DEGREE in AREA".
    degree_with_area: &'static str,
    /// A month of a year, with `MONTH` (abbreviated) and `YEAR`: "MONTH YEAR" → "Mar 2021".
    month_year: &'static str,
    /// A day, with `MONTH`, `DAY` and `YEAR`: "MONTH DAY, YEAR" → "Mar 15, 2021".
    full_date: &'static str,
    /// The document title when the resume has no name.
    pub(crate) untitled: &'static str,
    /// The title of a custom section that has none.
    pub(crate) untitled_section: &'static str,
    pub(crate) technologies: &'static str,
    pub(crate) roles: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) courses: &'static str,
    pub(crate) thesis: &'static str,
    pub(crate) honors: &'static str,
    pub(crate) grade: &'static str,
    pub(crate) expires: &'static str,
    pub(crate) credential_id: &'static str,
    pub(crate) authors: &'static str,
    pub(crate) doi: &'static str,
    titles: Titles,
}

/// The titles of the built-in sections; custom sections carry their own.
#[derive(PartialEq, Eq)]
struct Titles {
    summary: &'static str,
    experience: &'static str,
    skills: &'static str,
    projects: &'static str,
    education: &'static str,
    certifications: &'static str,
    publications: &'static str,
    awards: &'static str,
    volunteer: &'static str,
    languages: &'static str,
    interests: &'static str,
    affiliations: &'static str,
    references: &'static str,
}

impl Locale {
    /// The locale for a code or name, like [`locale`], or an error that says which are known.
    ///
    /// ```
    /// let err = vitae_render::Locale::parse("klingon").unwrap_err();
    /// assert!(err.to_string().starts_with("unknown locale `klingon` (expected one of: en, ar, "));
    /// ```
    pub fn parse(code: &str) -> Result<&'static Locale, UnknownName> {
        locale(code).ok_or_else(|| UnknownName {
            what: "locale",
            name: code.to_owned(),
            expected: KNOWN,
        })
    }

    /// The title of a built-in section; empty for [`Section::Custom`], whose sections carry
    /// their own.
    pub fn section_title(&self, kind: Section) -> &'static str {
        let t = &self.titles;
        match kind {
            Section::Summary => t.summary,
            Section::Experience => t.experience,
            Section::Skills => t.skills,
            Section::Projects => t.projects,
            Section::Education => t.education,
            Section::Certifications => t.certifications,
            Section::Publications => t.publications,
            Section::Awards => t.awards,
            Section::Volunteer => t.volunteer,
            Section::Languages => t.languages,
            Section::Interests => t.interests,
            Section::Affiliations => t.affiliations,
            Section::References => t.references,
            Section::Custom => "",
        }
    }

    /// The full name of `month` (1 = January), as a date with a day writes it ("4 декабря"),
    /// or `None` outside 1..=12.
    pub fn month_name(&self, month: u8) -> Option<&'static str> {
        let i = usize::from(month).checked_sub(1)?;
        let names = locale_match!(self.glibc => LC_TIME::MON);
        names.get(i).map(|m| m.trim())
    }

    /// The abbreviated name of `month` (1 = January) as a month and year show it ("Mär 2021"),
    /// or `None` outside 1..=12. Where glibc's abbreviations are cut to stubs that read as
    /// other words (Arabic `سبت` is "Saturday", Hebrew `ספט`), the full name: those scripts do
    /// not abbreviate months. Russian's abbreviation of May is its genitive (`мая`, as in
    /// "9 мая"); a month with only a year takes the nominative, `май`.
    pub fn month_abbreviation(&self, month: u8) -> Option<&'static str> {
        let i = usize::from(month).checked_sub(1)?;
        if matches!(self.code, "ar" | "he") {
            return self.month_name(month);
        }
        if self.code == "ru" && month == 5 {
            return Some("май");
        }
        let short = locale_match!(self.glibc => LC_TIME::ABMON);
        short.get(i).map(|m| m.trim())
    }

    /// The words before the date of a "last updated" line: "Last updated in".
    pub fn last_updated(&self) -> &'static str {
        self.last_updated
    }

    /// The end of a range that is still going on: "Present".
    pub fn present(&self) -> &'static str {
        self.present
    }

    /// "MSc in Computer Science", in this language's word order.
    pub(crate) fn degree(&self, degree: &str, area: &str) -> String {
        fill(self.degree_with_area, &[("DEGREE", degree), ("AREA", area)])
    }

    /// "Mar 2021"; `month` is the abbreviated month name.
    pub(crate) fn month_year(&self, month: &str, year: u16) -> String {
        fill(
            self.month_year,
            &[("MONTH", month), ("YEAR", &year.to_string())],
        )
    }

    /// "Mar 15, 2021"; `month` is the abbreviated month name.
    pub(crate) fn full_date(&self, month: &str, day: u8, year: u16) -> String {
        let (day, year) = (day.to_string(), year.to_string());
        fill(
            self.full_date,
            &[("MONTH", month), ("DAY", &day), ("YEAR", &year)],
        )
    }

    /// Every name this locale answers to, before normalization.
    fn keys(&self) -> impl Iterator<Item = &'static str> {
        [self.code, self.name, self.native_name, self.rendercv_name]
            .into_iter()
            .chain(self.aliases.iter().copied())
    }
}

/// Shows the code and name only: the word tables would drown any test failure.
impl fmt::Debug for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Locale")
            .field("code", &self.code)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// English, so that options holding a `&'static Locale` can derive `Default`.
impl Default for &'static Locale {
    fn default() -> Self {
        &LOCALES[0]
    }
}

/// The locale for `code`, or `None` when it is not known: a BCP 47 tag (`de`, `de-AT`, `pt_BR`,
/// `no` for Norwegian Bokmål), RenderCV's language name (`german`, `norwegian_bokmal`,
/// `mandarin_chinese`), or the English or native name (`French`, `Deutsch`), in any case.
/// [`locale_codes`] lists the codes for an error message.
pub fn locale(code: &str) -> Option<&'static Locale> {
    let wanted = normalize(code);
    if wanted.is_empty() {
        return None;
    }
    let by_key = |key: &str| {
        LOCALES
            .iter()
            .find(|l| l.keys().any(|k| normalize(k) == key))
    };
    by_key(&wanted).or_else(|| {
        // A tag with a region or script ("de_at", "zh_hans_cn") falls back to its language.
        let (primary, _) = wanted.split_once('_')?;
        (primary.len() <= 3).then(|| by_key(primary)).flatten()
    })
}

/// Every locale: English first, then by code.
pub fn locales() -> &'static [Locale] {
    &LOCALES
}

/// The known codes, comma-separated, for error messages: "en, ar, da, de, ...".
pub fn locale_codes() -> &'static str {
    CODES
}

const CODES: &str =
    "en, ar, da, de, es, fa, fr, he, hi, hu, id, it, ja, ko, nb, nl, nn, pt, ru, tr, vi, zh";
const KNOWN: &str = "en, ar, da, de, es, fa, fr, he, hi, hu, id, it, ja, ko, nb, nl, nn, pt, ru, \
                     tr, vi, zh, or a language name such as german";

/// Lowercase, with `-` and spaces as `_`, so "pt-BR", "pt_br" and "Norwegian Bokmål" compare.
fn normalize(s: &str) -> String {
    s.trim().to_lowercase().replace(['-', ' '], "_")
}

/// Replaces each placeholder of `pattern` with its value in one pass, so a value that happens to
/// contain a placeholder ("AREA" in a degree name) is never replaced itself.
fn fill(pattern: &str, slots: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    'scan: while let Some(c) = rest.chars().next() {
        for (key, value) in slots {
            if let Some(after) = rest.strip_prefix(key) {
                out.push_str(value);
                rest = after;
                continue 'scan;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

static LOCALES: [Locale; 22] = [
    ENGLISH,
    ARABIC,
    DANISH,
    GERMAN,
    SPANISH,
    PERSIAN,
    FRENCH,
    HEBREW,
    HINDI,
    HUNGARIAN,
    INDONESIAN,
    ITALIAN,
    JAPANESE,
    KOREAN,
    NORWEGIAN_BOKMAL,
    DUTCH,
    NORWEGIAN_NYNORSK,
    PORTUGUESE,
    RUSSIAN,
    TURKISH,
    VIETNAMESE,
    CHINESE,
];

/// Ours; RenderCV's English differs only in writing "present" in lowercase.
pub(crate) const ENGLISH: Locale = Locale {
    code: "en",
    name: "English",
    native_name: "English",
    rendercv_name: "english",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::en_US,
    last_updated: "Last updated in",
    present: "Present",
    years: ("year", "years"),
    degree_with_area: "DEGREE in AREA",
    month_year: "MONTH YEAR",
    full_date: "MONTH DAY, YEAR",
    untitled: "Resume",
    untitled_section: "Other",
    technologies: "Technologies",
    roles: "Roles",
    kind: "Type",
    courses: "Courses",
    thesis: "Thesis",
    honors: "Honors",
    grade: "Grade",
    expires: "Expires",
    credential_id: "Credential ID",
    authors: "Authors",
    doi: "DOI",
    titles: Titles {
        summary: "Summary",
        experience: "Experience",
        skills: "Skills",
        projects: "Projects",
        education: "Education",
        certifications: "Certifications",
        publications: "Publications",
        awards: "Awards",
        volunteer: "Volunteering",
        languages: "Languages",
        interests: "Interests",
        affiliations: "Affiliations",
        references: "References",
    },
};

// The other 21, alphabetically by code. Dates: day before month where the language puts it
// ("15. Mär 2021"); year first in Hungarian, Chinese, Japanese and Korean ("2021年3月").

/// From RenderCV's `arabic.yaml`: months, "present", years, the degree phrase.
const ARABIC: Locale = Locale {
    code: "ar",
    name: "Arabic",
    native_name: "العربية",
    rendercv_name: "arabic",
    rtl: true,
    aliases: &[],
    glibc: GlibcLocale::ar_EG,
    last_updated: "آخر تحديث في",
    present: "الحاضر",
    years: ("سنة", "سنوات"),
    degree_with_area: "DEGREE في AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "السيرة الذاتية",
    untitled_section: "أخرى",
    technologies: "التقنيات",
    roles: "الأدوار",
    kind: "النوع",
    courses: "المقررات",
    thesis: "الأطروحة",
    honors: "مرتبة الشرف",
    grade: "التقدير",
    expires: "تاريخ الانتهاء",
    credential_id: "رقم الشهادة",
    authors: "المؤلفون",
    doi: "DOI",
    titles: Titles {
        summary: "الملخص",
        experience: "الخبرة المهنية",
        skills: "المهارات",
        projects: "المشاريع",
        education: "التعليم",
        certifications: "الشهادات المهنية",
        publications: "المنشورات",
        awards: "الجوائز",
        volunteer: "العمل التطوعي",
        languages: "اللغات",
        interests: "الاهتمامات",
        affiliations: "العضويات",
        references: "المراجع",
    },
};

/// From RenderCV's `danish.yaml`: months, "present", years, the degree phrase.
const DANISH: Locale = Locale {
    code: "da",
    name: "Danish",
    native_name: "Dansk",
    rendercv_name: "danish",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::da_DK,
    last_updated: "Senest opdateret",
    present: "nuværende",
    years: ("år", "år"),
    degree_with_area: "DEGREE i AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY. MONTH YEAR",
    untitled: "CV",
    untitled_section: "Andet",
    technologies: "Teknologier",
    roles: "Roller",
    kind: "Type",
    courses: "Kurser",
    thesis: "Speciale",
    honors: "Udmærkelser",
    grade: "Karakter",
    expires: "Udløber",
    credential_id: "Certifikat-ID",
    authors: "Forfattere",
    doi: "DOI",
    titles: Titles {
        summary: "Profil",
        experience: "Erhvervserfaring",
        skills: "Kompetencer",
        projects: "Projekter",
        education: "Uddannelse",
        certifications: "Certificeringer",
        publications: "Publikationer",
        awards: "Priser",
        volunteer: "Frivilligt arbejde",
        languages: "Sprog",
        interests: "Interesser",
        affiliations: "Medlemskaber",
        references: "Referencer",
    },
};

/// From RenderCV's `german.yaml`: months, "present", years, the degree phrase.
const GERMAN: Locale = Locale {
    code: "de",
    name: "German",
    native_name: "Deutsch",
    rendercv_name: "german",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::de_DE,
    last_updated: "Zuletzt aktualisiert",
    present: "heute",
    years: ("Jahr", "Jahre"),
    degree_with_area: "DEGREE in AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY. MONTH YEAR",
    untitled: "Lebenslauf",
    untitled_section: "Sonstiges",
    technologies: "Technologien",
    roles: "Rollen",
    kind: "Art",
    courses: "Kurse",
    thesis: "Abschlussarbeit",
    honors: "Auszeichnungen",
    grade: "Note",
    expires: "Gültig bis",
    credential_id: "Zertifikats-ID",
    authors: "Autoren",
    doi: "DOI",
    titles: Titles {
        summary: "Profil",
        experience: "Berufserfahrung",
        skills: "Kenntnisse",
        projects: "Projekte",
        education: "Ausbildung",
        certifications: "Zertifikate",
        publications: "Veröffentlichungen",
        awards: "Auszeichnungen",
        volunteer: "Ehrenamtliches Engagement",
        languages: "Sprachen",
        interests: "Interessen",
        affiliations: "Mitgliedschaften",
        references: "Referenzen",
    },
};

/// From RenderCV's `spanish.yaml`: months, "present", years, the degree phrase.
const SPANISH: Locale = Locale {
    code: "es",
    name: "Spanish",
    native_name: "Español",
    rendercv_name: "spanish",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::es_ES,
    last_updated: "Última actualización",
    present: "presente",
    years: ("año", "años"),
    degree_with_area: "DEGREE en AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "Currículum",
    untitled_section: "Otros",
    technologies: "Tecnologías",
    roles: "Funciones",
    kind: "Tipo",
    courses: "Cursos",
    thesis: "Tesis",
    honors: "Distinciones",
    grade: "Calificación",
    expires: "Vencimiento",
    credential_id: "ID de credencial",
    authors: "Autores",
    doi: "DOI",
    titles: Titles {
        summary: "Perfil",
        experience: "Experiencia profesional",
        skills: "Habilidades",
        projects: "Proyectos",
        education: "Formación",
        certifications: "Certificaciones",
        publications: "Publicaciones",
        awards: "Premios",
        volunteer: "Voluntariado",
        languages: "Idiomas",
        interests: "Intereses",
        affiliations: "Afiliaciones",
        references: "Referencias",
    },
};

/// From RenderCV's `persian.yaml`: months, "present", years, the degree phrase.
const PERSIAN: Locale = Locale {
    code: "fa",
    name: "Persian",
    native_name: "فارسی",
    rendercv_name: "persian",
    rtl: true,
    aliases: &["farsi"],
    glibc: GlibcLocale::fa_IR,
    last_updated: "آخرین به‌روزرسانی در",
    present: "حال",
    years: ("سال", "سال"),
    degree_with_area: "DEGREE در AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "رزومه",
    untitled_section: "سایر",
    technologies: "فناوری\u{200c}ها",
    roles: "نقش\u{200c}ها",
    kind: "نوع",
    courses: "دروس",
    thesis: "پایان\u{200c}نامه",
    honors: "افتخارات",
    grade: "معدل",
    expires: "تاریخ انقضا",
    credential_id: "شناسه گواهینامه",
    authors: "نویسندگان",
    doi: "DOI",
    titles: Titles {
        summary: "خلاصه",
        experience: "سوابق کاری",
        skills: "مهارت\u{200c}ها",
        projects: "پروژه\u{200c}ها",
        education: "تحصیلات",
        certifications: "گواهینامه\u{200c}ها",
        publications: "انتشارات",
        awards: "جوایز",
        volunteer: "فعالیت\u{200c}های داوطلبانه",
        languages: "زبان\u{200c}ها",
        interests: "علایق",
        affiliations: "عضویت\u{200c}ها",
        references: "معرف\u{200c}ها",
    },
};

/// From RenderCV's `french.yaml`: months, "present", years, the degree phrase.
const FRENCH: Locale = Locale {
    code: "fr",
    name: "French",
    native_name: "Français",
    rendercv_name: "french",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::fr_FR,
    last_updated: "Dernière mise à jour",
    present: "présent",
    years: ("an", "ans"),
    degree_with_area: "DEGREE en AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "CV",
    untitled_section: "Autres",
    technologies: "Technologies",
    roles: "Rôles",
    kind: "Type",
    courses: "Cours",
    thesis: "Mémoire",
    honors: "Mentions",
    grade: "Note",
    expires: "Expiration",
    credential_id: "Identifiant",
    authors: "Auteurs",
    doi: "DOI",
    titles: Titles {
        summary: "Profil",
        experience: "Expérience professionnelle",
        skills: "Compétences",
        projects: "Projets",
        education: "Formation",
        certifications: "Certifications",
        publications: "Publications",
        awards: "Distinctions",
        volunteer: "Bénévolat",
        languages: "Langues",
        interests: "Centres d'intérêt",
        affiliations: "Affiliations",
        references: "Références",
    },
};

/// From RenderCV's `hebrew.yaml`: months, "present", years, the degree phrase.
const HEBREW: Locale = Locale {
    code: "he",
    name: "Hebrew",
    native_name: "עברית",
    rendercv_name: "hebrew",
    rtl: true,
    aliases: &["iw"],
    glibc: GlibcLocale::he_IL,
    last_updated: "עודכן לאחרונה ב",
    present: "הווה",
    years: ("שנה", "שנים"),
    degree_with_area: "DEGREE בAREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "קורות חיים",
    untitled_section: "אחר",
    technologies: "טכנולוגיות",
    roles: "תפקידים",
    kind: "סוג",
    courses: "קורסים",
    thesis: "עבודת גמר",
    honors: "הצטיינות",
    grade: "ציון",
    expires: "בתוקף עד",
    credential_id: "מספר תעודה",
    authors: "מחברים",
    doi: "DOI",
    titles: Titles {
        summary: "תקציר",
        experience: "ניסיון תעסוקתי",
        skills: "כישורים",
        projects: "פרויקטים",
        education: "השכלה",
        certifications: "הסמכות",
        publications: "פרסומים",
        awards: "פרסים",
        volunteer: "התנדבות",
        languages: "שפות",
        interests: "תחומי עניין",
        affiliations: "חברות בארגונים",
        references: "ממליצים",
    },
};

/// From RenderCV's `hindi.yaml`: months, "present", years, the degree phrase.
const HINDI: Locale = Locale {
    code: "hi",
    name: "Hindi",
    native_name: "हिन्दी",
    rendercv_name: "hindi",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::hi_IN,
    last_updated: "अंतिम अद्यतन",
    present: "वर्तमान",
    years: ("वर्ष", "वर्ष"),
    degree_with_area: "AREA में DEGREE",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "बायोडाटा",
    untitled_section: "अन्य",
    technologies: "तकनीकें",
    roles: "भूमिकाएँ",
    kind: "प्रकार",
    courses: "पाठ्यक्रम",
    thesis: "शोध प्रबंध",
    honors: "सम्मान",
    grade: "ग्रेड",
    expires: "समाप्ति तिथि",
    credential_id: "प्रमाणपत्र आईडी",
    authors: "लेखक",
    doi: "DOI",
    titles: Titles {
        summary: "सारांश",
        experience: "कार्य अनुभव",
        skills: "कौशल",
        projects: "परियोजनाएँ",
        education: "शिक्षा",
        certifications: "प्रमाणपत्र",
        publications: "प्रकाशन",
        awards: "पुरस्कार",
        volunteer: "स्वयंसेवा",
        languages: "भाषाएँ",
        interests: "रुचियाँ",
        affiliations: "सदस्यताएँ",
        references: "संदर्भ",
    },
};

/// From RenderCV's `hungarian.yaml`: months, "present", years, the degree phrase.
const HUNGARIAN: Locale = Locale {
    code: "hu",
    name: "Hungarian",
    native_name: "Magyar",
    rendercv_name: "hungarian",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::hu_HU,
    last_updated: "Utoljára frissítve",
    present: "jelenleg",
    years: ("év", "év"),
    degree_with_area: "DEGREE AREA szakon",
    month_year: "YEAR. MONTH",
    full_date: "YEAR. MONTH DAY.",
    untitled: "Önéletrajz",
    untitled_section: "Egyéb",
    technologies: "Technológiák",
    roles: "Szerepkörök",
    kind: "Típus",
    courses: "Kurzusok",
    thesis: "Szakdolgozat",
    honors: "Kitüntetések",
    grade: "Eredmény",
    expires: "Lejárat",
    credential_id: "Tanúsítványazonosító",
    authors: "Szerzők",
    doi: "DOI",
    titles: Titles {
        summary: "Összefoglaló",
        experience: "Szakmai tapasztalat",
        skills: "Készségek",
        projects: "Projektek",
        education: "Tanulmányok",
        certifications: "Tanúsítványok",
        publications: "Publikációk",
        awards: "Díjak",
        volunteer: "Önkéntes munka",
        languages: "Nyelvtudás",
        interests: "Érdeklődési kör",
        affiliations: "Tagságok",
        references: "Referenciák",
    },
};

/// From RenderCV's `indonesian.yaml`: months, "present", years, the degree phrase.
const INDONESIAN: Locale = Locale {
    code: "id",
    name: "Indonesian",
    native_name: "Bahasa Indonesia",
    rendercv_name: "indonesian",
    rtl: false,
    aliases: &["in"],
    glibc: GlibcLocale::id_ID,
    last_updated: "Terakhir diperbarui",
    present: "sekarang",
    years: ("tahun", "tahun"),
    degree_with_area: "DEGREE di AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "Daftar Riwayat Hidup",
    untitled_section: "Lainnya",
    technologies: "Teknologi",
    roles: "Peran",
    kind: "Jenis",
    courses: "Mata Kuliah",
    thesis: "Tugas Akhir",
    honors: "Predikat",
    grade: "Nilai",
    expires: "Berlaku hingga",
    credential_id: "ID Kredensial",
    authors: "Penulis",
    doi: "DOI",
    titles: Titles {
        summary: "Ringkasan",
        experience: "Pengalaman Kerja",
        skills: "Keahlian",
        projects: "Proyek",
        education: "Pendidikan",
        certifications: "Sertifikasi",
        publications: "Publikasi",
        awards: "Penghargaan",
        volunteer: "Kegiatan Sukarela",
        languages: "Bahasa",
        interests: "Minat",
        affiliations: "Keanggotaan",
        references: "Referensi",
    },
};

/// From RenderCV's `italian.yaml`: months, "present", years, the degree phrase.
const ITALIAN: Locale = Locale {
    code: "it",
    name: "Italian",
    native_name: "Italiano",
    rendercv_name: "italian",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::it_IT,
    last_updated: "Ultimo aggiornamento",
    present: "presente",
    years: ("anno", "anni"),
    degree_with_area: "DEGREE in AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "Curriculum vitae",
    untitled_section: "Altro",
    technologies: "Tecnologie",
    roles: "Ruoli",
    kind: "Tipo",
    courses: "Corsi",
    thesis: "Tesi",
    honors: "Riconoscimenti",
    grade: "Voto",
    expires: "Scadenza",
    credential_id: "ID credenziale",
    authors: "Autori",
    doi: "DOI",
    titles: Titles {
        summary: "Profilo",
        experience: "Esperienza professionale",
        skills: "Competenze",
        projects: "Progetti",
        education: "Istruzione",
        certifications: "Certificazioni",
        publications: "Pubblicazioni",
        awards: "Premi",
        volunteer: "Volontariato",
        languages: "Lingue",
        interests: "Interessi",
        affiliations: "Affiliazioni",
        references: "Referenze",
    },
};

/// From RenderCV's `japanese.yaml`: months, "present", years, the degree phrase.
const JAPANESE: Locale = Locale {
    code: "ja",
    name: "Japanese",
    native_name: "日本語",
    rendercv_name: "japanese",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::ja_JP,
    last_updated: "最終更新",
    present: "現在",
    years: ("年", "年"),
    degree_with_area: "AREA DEGREE",
    month_year: "YEAR年MONTH",
    full_date: "YEAR年MONTHDAY日",
    untitled: "履歴書",
    untitled_section: "その他",
    technologies: "使用技術",
    roles: "役割",
    kind: "種類",
    courses: "履修科目",
    thesis: "学位論文",
    honors: "表彰",
    grade: "成績",
    expires: "有効期限",
    credential_id: "認定番号",
    authors: "著者",
    doi: "DOI",
    titles: Titles {
        summary: "職務要約",
        experience: "職歴",
        skills: "スキル",
        projects: "プロジェクト",
        education: "学歴",
        certifications: "資格",
        publications: "論文・著作",
        awards: "受賞歴",
        volunteer: "ボランティア活動",
        languages: "語学",
        interests: "趣味・関心",
        affiliations: "所属団体",
        references: "推薦者",
    },
};

/// From RenderCV's `korean.yaml`: months, "present", years, the degree phrase.
const KOREAN: Locale = Locale {
    code: "ko",
    name: "Korean",
    native_name: "한국어",
    rendercv_name: "korean",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::ko_KR,
    last_updated: "마지막 업데이트",
    present: "현재",
    years: ("년", "년"),
    degree_with_area: "AREA DEGREE",
    month_year: "YEAR년 MONTH",
    full_date: "YEAR년 MONTH DAY일",
    untitled: "이력서",
    untitled_section: "기타",
    technologies: "사용 기술",
    roles: "역할",
    kind: "유형",
    courses: "이수 과목",
    thesis: "학위 논문",
    honors: "우등",
    grade: "학점",
    expires: "만료일",
    credential_id: "자격 번호",
    authors: "저자",
    doi: "DOI",
    titles: Titles {
        summary: "요약",
        experience: "경력",
        skills: "보유 기술",
        projects: "프로젝트",
        education: "학력",
        certifications: "자격증",
        publications: "논문 및 출판물",
        awards: "수상 경력",
        volunteer: "봉사 활동",
        languages: "어학",
        interests: "관심 분야",
        affiliations: "소속 단체",
        references: "추천인",
    },
};

/// From RenderCV's `norwegian_bokmal.yaml`: months, "present", years, the degree phrase.
const NORWEGIAN_BOKMAL: Locale = Locale {
    code: "nb",
    name: "Norwegian Bokmål",
    native_name: "Norsk bokmål",
    rendercv_name: "norwegian_bokmal",
    rtl: false,
    aliases: &["no", "nob", "norwegian", "norsk", "norwegian_bokmål"],
    glibc: GlibcLocale::nb_NO,
    last_updated: "Sist oppdatert",
    present: "nåværende",
    years: ("år", "år"),
    degree_with_area: "DEGREE i AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY. MONTH YEAR",
    untitled: "CV",
    untitled_section: "Annet",
    technologies: "Teknologier",
    roles: "Roller",
    kind: "Type",
    courses: "Emner",
    thesis: "Avhandling",
    honors: "Utmerkelser",
    grade: "Karakter",
    expires: "Utløper",
    credential_id: "Sertifikat-ID",
    authors: "Forfattere",
    doi: "DOI",
    titles: Titles {
        summary: "Profil",
        experience: "Arbeidserfaring",
        skills: "Ferdigheter",
        projects: "Prosjekter",
        education: "Utdanning",
        certifications: "Sertifiseringer",
        publications: "Publikasjoner",
        awards: "Priser",
        volunteer: "Frivillig arbeid",
        languages: "Språk",
        interests: "Interesser",
        affiliations: "Medlemskap",
        references: "Referanser",
    },
};

/// From RenderCV's `dutch.yaml`: months, "present", years, the degree phrase.
const DUTCH: Locale = Locale {
    code: "nl",
    name: "Dutch",
    native_name: "Nederlands",
    rendercv_name: "dutch",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::nl_NL,
    last_updated: "Laatst bijgewerkt",
    present: "heden",
    years: ("jaar", "jaren"),
    degree_with_area: "DEGREE in AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "Curriculum vitae",
    untitled_section: "Overig",
    technologies: "Technologieën",
    roles: "Rollen",
    kind: "Type",
    courses: "Vakken",
    thesis: "Scriptie",
    honors: "Onderscheidingen",
    grade: "Cijfer",
    expires: "Verloopt",
    credential_id: "Certificaat-ID",
    authors: "Auteurs",
    doi: "DOI",
    titles: Titles {
        summary: "Profiel",
        experience: "Werkervaring",
        skills: "Vaardigheden",
        projects: "Projecten",
        education: "Opleiding",
        certifications: "Certificaten",
        publications: "Publicaties",
        awards: "Prijzen",
        volunteer: "Vrijwilligerswerk",
        languages: "Talen",
        interests: "Interesses",
        affiliations: "Lidmaatschappen",
        references: "Referenties",
    },
};

/// From RenderCV's `norwegian_nynorsk.yaml`: months, "present", years, the degree phrase.
const NORWEGIAN_NYNORSK: Locale = Locale {
    code: "nn",
    name: "Norwegian Nynorsk",
    native_name: "Norsk nynorsk",
    rendercv_name: "norwegian_nynorsk",
    rtl: false,
    aliases: &["nno", "nynorsk"],
    glibc: GlibcLocale::nn_NO,
    last_updated: "Sist oppdatert",
    present: "nåverande",
    years: ("år", "år"),
    degree_with_area: "DEGREE i AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY. MONTH YEAR",
    untitled: "CV",
    untitled_section: "Anna",
    technologies: "Teknologiar",
    roles: "Roller",
    kind: "Type",
    courses: "Emne",
    thesis: "Avhandling",
    honors: "Utmerkingar",
    grade: "Karakter",
    expires: "Går ut",
    credential_id: "Sertifikat-ID",
    authors: "Forfattarar",
    doi: "DOI",
    titles: Titles {
        summary: "Profil",
        experience: "Arbeidserfaring",
        skills: "Ferdigheiter",
        projects: "Prosjekt",
        education: "Utdanning",
        certifications: "Sertifiseringar",
        publications: "Publikasjonar",
        awards: "Prisar",
        volunteer: "Frivillig arbeid",
        languages: "Språk",
        interests: "Interesser",
        affiliations: "Medlemskap",
        references: "Referansar",
    },
};

/// From RenderCV's `portuguese.yaml`: months, "present", years, the degree phrase.
const PORTUGUESE: Locale = Locale {
    code: "pt",
    name: "Portuguese",
    native_name: "Português",
    rendercv_name: "portuguese",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::pt_BR,
    last_updated: "Última atualização",
    present: "presente",
    years: ("ano", "anos"),
    degree_with_area: "DEGREE em AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "Currículo",
    untitled_section: "Outros",
    technologies: "Tecnologias",
    roles: "Funções",
    kind: "Tipo",
    courses: "Disciplinas",
    thesis: "Tese",
    honors: "Menções",
    grade: "Nota",
    expires: "Validade",
    credential_id: "ID da credencial",
    authors: "Autores",
    doi: "DOI",
    titles: Titles {
        summary: "Perfil",
        experience: "Experiência profissional",
        skills: "Competências",
        projects: "Projetos",
        education: "Formação",
        certifications: "Certificações",
        publications: "Publicações",
        awards: "Distinções",
        volunteer: "Voluntariado",
        languages: "Idiomas",
        interests: "Interesses",
        affiliations: "Afiliações",
        references: "Referências",
    },
};

/// From RenderCV's `russian.yaml`: months, "present", years, the degree phrase.
const RUSSIAN: Locale = Locale {
    code: "ru",
    name: "Russian",
    native_name: "Русский",
    rendercv_name: "russian",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::ru_RU,
    last_updated: "Последнее обновление",
    present: "настоящее время",
    years: ("год", "лет"),
    degree_with_area: "DEGREE в AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "Резюме",
    untitled_section: "Прочее",
    technologies: "Технологии",
    roles: "Роли",
    kind: "Тип",
    courses: "Курсы",
    thesis: "Дипломная работа",
    honors: "Отличия",
    grade: "Оценка",
    expires: "Действует до",
    credential_id: "Номер сертификата",
    authors: "Авторы",
    doi: "DOI",
    titles: Titles {
        summary: "О себе",
        experience: "Опыт работы",
        skills: "Навыки",
        projects: "Проекты",
        education: "Образование",
        certifications: "Сертификаты",
        publications: "Публикации",
        awards: "Награды",
        volunteer: "Волонтёрская деятельность",
        languages: "Языки",
        interests: "Интересы",
        affiliations: "Членство в организациях",
        references: "Рекомендации",
    },
};

/// From RenderCV's `turkish.yaml`: months, "present", years, the degree phrase.
const TURKISH: Locale = Locale {
    code: "tr",
    name: "Turkish",
    native_name: "Türkçe",
    rendercv_name: "turkish",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::tr_TR,
    last_updated: "Son güncelleme",
    present: "halen",
    years: ("yıl", "yıl"),
    degree_with_area: "AREA, DEGREE",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "Özgeçmiş",
    untitled_section: "Diğer",
    technologies: "Teknolojiler",
    roles: "Roller",
    kind: "Tür",
    courses: "Dersler",
    thesis: "Tez",
    honors: "Başarılar",
    grade: "Not",
    expires: "Geçerlilik sonu",
    credential_id: "Sertifika No",
    authors: "Yazarlar",
    doi: "DOI",
    titles: Titles {
        summary: "Özet",
        experience: "İş Deneyimi",
        skills: "Beceriler",
        projects: "Projeler",
        education: "Eğitim",
        certifications: "Sertifikalar",
        publications: "Yayınlar",
        awards: "Ödüller",
        volunteer: "Gönüllü Çalışmalar",
        languages: "Diller",
        interests: "İlgi Alanları",
        affiliations: "Üyelikler",
        references: "Referanslar",
    },
};

/// From RenderCV's `vietnamese.yaml`: months, "present", years, the degree phrase.
const VIETNAMESE: Locale = Locale {
    code: "vi",
    name: "Vietnamese",
    native_name: "Tiếng Việt",
    rendercv_name: "vietnamese",
    rtl: false,
    aliases: &[],
    glibc: GlibcLocale::vi_VN,
    last_updated: "Cập nhật lần cuối vào",
    present: "hiện tại",
    years: ("năm", "năm"),
    degree_with_area: "DEGREE ngành AREA",
    month_year: "MONTH YEAR",
    full_date: "DAY MONTH YEAR",
    untitled: "Sơ yếu lý lịch",
    untitled_section: "Khác",
    technologies: "Công nghệ",
    roles: "Vai trò",
    kind: "Loại",
    courses: "Môn học",
    thesis: "Luận văn",
    honors: "Danh hiệu",
    grade: "Điểm",
    expires: "Hết hạn",
    credential_id: "Mã chứng chỉ",
    authors: "Tác giả",
    doi: "DOI",
    titles: Titles {
        summary: "Giới thiệu",
        experience: "Kinh nghiệm làm việc",
        skills: "Kỹ năng",
        projects: "Dự án",
        education: "Học vấn",
        certifications: "Chứng chỉ",
        publications: "Ấn phẩm",
        awards: "Giải thưởng",
        volunteer: "Hoạt động tình nguyện",
        languages: "Ngoại ngữ",
        interests: "Sở thích",
        affiliations: "Tổ chức tham gia",
        references: "Người tham khảo",
    },
};

/// From RenderCV's `mandarin_chinese.yaml`: months, "present", years, the degree phrase.
const CHINESE: Locale = Locale {
    code: "zh",
    name: "Chinese",
    native_name: "中文",
    rendercv_name: "mandarin_chinese",
    rtl: false,
    aliases: &["chinese", "mandarin"],
    glibc: GlibcLocale::zh_CN,
    last_updated: "最后更新于",
    present: "至今",
    years: ("年", "年"),
    degree_with_area: "AREA DEGREE",
    month_year: "YEAR年MONTH",
    full_date: "YEAR年MONTHDAY日",
    untitled: "简历",
    untitled_section: "其他",
    technologies: "技术栈",
    roles: "角色",
    kind: "类型",
    courses: "主修课程",
    thesis: "毕业论文",
    honors: "荣誉",
    grade: "成绩",
    expires: "有效期至",
    credential_id: "证书编号",
    authors: "作者",
    doi: "DOI",
    titles: Titles {
        summary: "个人简介",
        experience: "工作经历",
        skills: "专业技能",
        projects: "项目经历",
        education: "教育背景",
        certifications: "证书",
        publications: "论文与出版物",
        awards: "荣誉奖项",
        volunteer: "志愿服务",
        languages: "语言能力",
        interests: "兴趣爱好",
        affiliations: "所属组织",
        references: "推荐人",
    },
};
#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RenderOptions, TextFormat, render_text};
    use vitae_core::DateValue;
    use vitae_core::model::{Education, Experience, Resume};

    fn labels(l: &Locale) -> [(&'static str, &'static str); 15] {
        [
            ("present", l.present),
            ("years.0", l.years.0),
            ("years.1", l.years.1),
            ("untitled", l.untitled),
            ("untitled_section", l.untitled_section),
            ("technologies", l.technologies),
            ("roles", l.roles),
            ("kind", l.kind),
            ("courses", l.courses),
            ("thesis", l.thesis),
            ("honors", l.honors),
            ("grade", l.grade),
            ("expires", l.expires),
            ("credential_id", l.credential_id),
            ("authors", l.authors),
        ]
    }

    /// Not empty, no stray spaces, a single line.
    fn is_word(s: &str) -> bool {
        !s.is_empty() && s.trim() == s && !s.contains(char::is_control) && !s.contains("  ")
    }

    #[test]
    fn every_locale_has_twelve_distinct_months_in_both_forms() {
        for l in locales() {
            let short: Vec<&str> = (1..=12).filter_map(|m| l.month_abbreviation(m)).collect();
            let long: Vec<&str> = (1..=12).filter_map(|m| l.month_name(m)).collect();
            for (what, months) in [("abbreviations", short), ("names", long)] {
                assert!(months.iter().all(|m| is_word(m)), "{} {what}", l.code);
                let mut distinct = months.clone();
                distinct.sort_unstable();
                distinct.dedup();
                assert_eq!(distinct.len(), 12, "{} month {what} repeat", l.code);
            }
            assert_eq!(l.month_name(0), None);
            assert_eq!(l.month_abbreviation(13), None);
        }
    }

    #[test]
    fn every_locale_has_every_label_and_distinct_section_titles() {
        for l in locales() {
            for (what, word) in labels(l) {
                assert!(is_word(word), "{} {what}: {word:?}", l.code);
            }
            let mut titles = Vec::new();
            for kind in Section::ALL {
                let title = l.section_title(kind);
                if kind == Section::Custom {
                    assert_eq!(title, "", "{}", l.code);
                } else {
                    assert!(is_word(title), "{} {kind}: {title:?}", l.code);
                    assert!(!titles.contains(&title), "{} repeats {title:?}", l.code);
                    titles.push(title);
                }
            }
        }
    }

    #[test]
    fn every_pattern_has_all_its_placeholders_once() {
        let once = |pattern: &str, key: &str| pattern.matches(key).count() == 1;
        for l in locales() {
            assert!(once(l.degree_with_area, "DEGREE"), "{}", l.code);
            assert!(once(l.degree_with_area, "AREA"), "{}", l.code);
            assert!(once(l.month_year, "MONTH") && once(l.month_year, "YEAR"));
            assert!(!l.month_year.contains("DAY"), "{}", l.code);
            for key in ["MONTH", "DAY", "YEAR"] {
                assert!(once(l.full_date, key), "{} {key}", l.code);
            }
        }
    }

    #[test]
    fn locales_have_unique_codes_listed_in_order_and_three_are_right_to_left() {
        let codes: Vec<&str> = locales().iter().map(|l| l.code).collect();
        assert_eq!(locale_codes(), codes.join(", "));
        assert!(KNOWN.starts_with(&format!("{CODES}, ")));
        assert_eq!(codes[0], "en");
        assert!(codes[1..].is_sorted(), "{codes:?}");
        assert_eq!(codes.len(), 22);
        let rtl: Vec<&str> = locales().iter().filter(|l| l.rtl).map(|l| l.code).collect();
        assert_eq!(rtl, ["ar", "fa", "he"]);
        let default: &Locale = Default::default();
        assert_eq!(default.code, "en");
    }

    #[test]
    fn locales_are_found_by_code_tag_and_name_in_any_case() {
        let cases = [
            ("en", Some("en")),
            ("EN-us", Some("en")),
            ("english", Some("en")),
            ("de", Some("de")),
            ("German", Some("de")),
            ("GERMAN", Some("de")),
            ("Deutsch", Some("de")),
            ("de-AT", Some("de")),
            (" fr ", Some("fr")),
            ("pt_BR", Some("pt")),
            ("no", Some("nb")),
            ("nb-NO", Some("nb")),
            ("norwegian_bokmal", Some("nb")),
            ("norwegian_bokmål", Some("nb")),
            ("Norwegian Bokmål", Some("nb")),
            ("nn", Some("nn")),
            ("norwegian_nynorsk", Some("nn")),
            ("mandarin_chinese", Some("zh")),
            ("zh-Hans-CN", Some("zh")),
            ("中文", Some("zh")),
            ("iw", Some("he")),
            ("farsi", Some("fa")),
            ("Türkçe", Some("tr")),
            ("TÜRKÇE", Some("tr")),
            ("xx", None),
            ("x", None),
            ("", None),
            ("  ", None),
            ("german_swiss", None),
            ("klingon", None),
        ];
        for (code, expected) in cases {
            assert_eq!(locale(code).map(|l| l.code), expected, "{code:?}");
        }
        for l in locales() {
            for key in [l.code, l.name, l.native_name, l.rendercv_name] {
                assert_eq!(locale(key), Some(l), "{key:?}");
                assert_eq!(locale(&key.to_uppercase()), Some(l), "{key:?}");
            }
        }
    }

    #[test]
    fn an_unknown_locale_is_an_error_that_lists_the_known_codes() {
        assert_eq!(Locale::parse("German").map(|l| l.code), Ok("de"));
        let err = Locale::parse("xx").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown locale `xx` (expected one of: en, ar, da, de, es, fa, fr, he, hi, hu, id, \
             it, ja, ko, nb, nl, nn, pt, ru, tr, vi, zh, or a language name such as german)"
        );
    }

    #[test]
    fn placeholders_are_filled_once_and_never_inside_a_value() {
        let cases = [
            ("en", "MSc", "Computer Science", "MSc in Computer Science"),
            ("fr", "Master", "Informatique", "Master en Informatique"),
            ("ja", "修士", "情報科学", "情報科学 修士"),
            ("tr", "Lisans", "Fizik", "Fizik, Lisans"),
            ("en", "AREA", "DEGREE", "AREA in DEGREE"),
        ];
        for (code, degree, area, expected) in cases {
            let l = locale(code).unwrap();
            assert_eq!(l.degree(degree, area), expected, "{code}");
        }
    }

    fn small_resume() -> Resume {
        let mut resume = Resume::default();
        resume.basics.name = "Ada Lovelace".into();
        resume.experience.push(Experience {
            company: "Analytical Engines Ltd".into(),
            title: Some("Engineer".into()),
            start: Some(DateValue::parse("2021-03")),
            end: Some(DateValue::parse("present")),
            ..Experience::default()
        });
        resume.education.push(Education {
            institution: "TU München".into(),
            degree: Some("MSc".into()),
            field: Some("Informatik".into()),
            ..Education::default()
        });
        resume
    }

    fn render_in(code: &str, format: TextFormat) -> String {
        let options = RenderOptions {
            locale: locale(code).unwrap(),
            ..RenderOptions::default()
        };
        render_text(&small_resume(), format, &options)
    }

    #[test]
    fn a_german_resume_has_german_headings_months_and_phrases() {
        let md = render_in("de", TextFormat::Markdown);
        for expected in [
            "## Berufserfahrung\n",
            "## Ausbildung\n",
            "Mär 2021",
            "heute",
            "MSc in Informatik",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
        }
        assert!(!md.contains("Experience"), "{md}");
    }

    #[test]
    fn every_text_format_is_localized() {
        for format in TextFormat::ALL {
            let out = render_in("ja", format);
            for expected in ["職歴", "学歴", "2021年3月", "現在", "Informatik MSc"] {
                assert!(out.contains(expected), "{format}: missing {expected:?}");
            }
            let out = render_in("ko", format);
            assert!(out.contains("2021년 3월"), "{format}");
        }
    }

    #[test]
    fn html_declares_the_language_and_right_to_left_direction() {
        for l in locales() {
            let html = render_in(l.code, TextFormat::Html);
            let expected = if l.rtl {
                format!("<html lang=\"{}\" dir=\"rtl\">", l.code)
            } else {
                format!("<html lang=\"{}\">", l.code)
            };
            assert!(html.contains(&expected), "{}: {expected}", l.code);
            assert!(html.contains(l.section_title(Section::Experience)));
        }
    }
}
