//! Classifiers for the short pieces of a job posting: section headings, `Label: value` lines,
//! employment types, workplace (remote, hybrid, on-site), seniority, places and company names.
//!
//! Every function here takes a phrase and answers from tables of the words job boards use; none
//! of them sees a whole posting. Phrases are compared in the form [`normalize`] gives them
//! (lower case, NFKC, a hyphen counts as a space), so `Full-Time`, `full time` and `FULL–TIME`
//! are the same phrase.

use super::{EmploymentType, JobLocation, Remote, Seniority};
use crate::keywords::normalize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// Before any heading: title, metadata, the opening paragraphs.
    Intro,
    /// About the role, the team, the stack: part of the description.
    Description,
    Responsibilities,
    Requirements,
    NiceToHave,
    Benefits,
    Compensation,
    /// About the company.
    Company,
    /// How to apply, equal opportunity statements, privacy notices.
    Process,
    /// A heading of its own; its text is kept in the description.
    Other,
}

/// What a `Label: value` line (or a label heading followed by its value) sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Title,
    Company,
    Location,
    Remote,
    EmploymentType,
    Seniority,
    Salary,
    Date,
    /// Known metadata vitae does not keep (department, requisition id, ...).
    Ignored,
}

/// Lower-case, NFKC, hyphens as spaces, markdown emphasis and a trailing colon dropped.
pub(crate) fn phrase(text: &str) -> String {
    let text = text.trim().trim_matches(['*', '_', '#', ' ']);
    let text = text.trim_end_matches([':', '.', ' ', '*', '_']);
    normalize(text)
}

/// True when `needle` (a normalised phrase) occurs in `hay` (a normalised text) as whole words.
pub(crate) fn has_phrase(hay: &str, needle: &str) -> bool {
    find_phrase(hay, needle).is_some()
}

/// Byte offset of the first whole-word occurrence of `needle` in `hay`.
pub(crate) fn find_phrase(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let first = needle.chars().next();
    let last = needle.chars().next_back();
    hay.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !((word(first) && word(before)) || (word(last) && word(after)))
    })
}

const RESPONSIBILITIES: &[&str] = &[
    "responsibilities",
    "key responsibilities",
    "main responsibilities",
    "your responsibilities",
    "job responsibilities",
    "role responsibilities",
    "roles and responsibilities",
    "role and responsibilities",
    "duties",
    "key duties",
    "job duties",
    "duties and responsibilities",
    "accountabilities",
    "what you'll do",
    "what you will do",
    "what you'll be doing",
    "what you will be doing",
    "what you'll work on",
    "what you will work on",
    "what you'll own",
    "in this role you will",
    "in this role, you will",
    "as a member of the team you will",
    "the role",
    "your role",
    "your impact",
    "your mission",
    "the job",
    "day to day",
    "a day in the life",
    "what the job involves",
    "how you'll make an impact",
    "you will",
    "you'll",
];

const REQUIREMENTS: &[&str] = &[
    "requirements",
    "qualifications",
    "minimum qualifications",
    "basic qualifications",
    "required qualifications",
    "minimum requirements",
    "job requirements",
    "key requirements",
    "essential requirements",
    "requirements and qualifications",
    "skills and qualifications",
    "skills",
    "required skills",
    "essential skills",
    "technical skills",
    "key skills",
    "skills and experience",
    "skills & experience",
    "experience",
    "required experience",
    "knowledge and skills",
    "competencies",
    "what you'll need",
    "what you will need",
    "what you need",
    "what you'll bring",
    "what you bring",
    "what we're looking for",
    "what we are looking for",
    "who we're looking for",
    "who we are looking for",
    "who you are",
    "about you",
    "you have",
    "you are",
    "your profile",
    "your skills",
    "your experience",
    "must have",
    "must haves",
    "ideal candidate",
    "the ideal candidate",
    "is this you",
    "what it takes",
    "you might be a good fit if",
    "you may be a good fit if",
];

const NICE_TO_HAVE: &[&str] = &[
    "nice to have",
    "nice to haves",
    "preferred qualifications",
    "preferred",
    "preferred skills",
    "preferred experience",
    "bonus",
    "bonus points",
    "bonus points if",
    "bonus points if you have",
    "pluses",
    "plus",
    "it's a plus if",
    "extra credit",
    "desired skills",
    "desirable",
    "desired qualifications",
    "good to have",
    "additional qualifications",
    "even better if",
    "ideally you have",
    "we'd love to see",
    "what would make you stand out",
];

const BENEFITS: &[&str] = &[
    "benefits",
    "perks",
    "perks and benefits",
    "benefits and perks",
    "our benefits",
    "what we offer",
    "we offer",
    "what's in it for you",
    "why join us",
    "why work with us",
    "why you'll love working here",
    "what you'll get",
    "what you get",
    "rewards",
    "compensation and benefits",
    "compensation & benefits",
];

const COMPENSATION: &[&str] = &[
    "salary",
    "salary range",
    "compensation",
    "compensation range",
    "pay",
    "pay range",
    "base salary",
    "pay transparency",
];

const DESCRIPTION: &[&str] = &[
    "about the role",
    "about the job",
    "about the position",
    "about this role",
    "about the opportunity",
    "job description",
    "full job description",
    "description",
    "overview",
    "role overview",
    "position overview",
    "the opportunity",
    "opportunity",
    "summary",
    "job summary",
    "position summary",
    "role summary",
    "the position",
    "the team",
    "about the team",
    "our team",
    "tech stack",
    "our stack",
    "our tech stack",
    "technology stack",
    "the stack",
    "technologies",
    "job details",
    "details",
];

const COMPANY: &[&str] = &[
    "about us",
    "about the company",
    "who we are",
    "our company",
    "company description",
    "company overview",
    "our mission",
    "our story",
    "our values",
];

const PROCESS: &[&str] = &[
    "how to apply",
    "application process",
    "hiring process",
    "interview process",
    "our process",
    "next steps",
    "equal opportunity",
    "equal employment opportunity",
    "equal opportunity employer",
    "eeo",
    "eeo statement",
    "diversity",
    "diversity and inclusion",
    "diversity, equity and inclusion",
    "accommodations",
    "disclaimer",
    "privacy",
    "privacy notice",
    "additional information",
];

/// Labels of `Label: value` metadata lines.
const FIELDS: &[(Field, &[&str])] = &[
    (
        Field::Title,
        &["title", "job title", "position", "position title", "role"],
    ),
    (
        Field::Company,
        &[
            "company",
            "company name",
            "employer",
            "organization",
            "organisation",
            "hiring company",
        ],
    ),
    (
        Field::Location,
        &[
            "location",
            "locations",
            "job location",
            "work location",
            "office location",
            "based in",
            "city",
        ],
    ),
    (
        Field::Remote,
        &[
            "remote",
            "workplace type",
            "workplace",
            "work model",
            "working model",
            "work arrangement",
            "work setting",
            "work mode",
            "remote work",
            "remote status",
            "location type",
        ],
    ),
    (
        Field::EmploymentType,
        &[
            "job type",
            "employment type",
            "type",
            "contract type",
            "employment",
            "commitment",
            "position type",
            "work type",
            "engagement",
        ],
    ),
    (
        Field::Seniority,
        &[
            "seniority",
            "seniority level",
            "experience level",
            "level",
            "career level",
            "job level",
        ],
    ),
    (
        Field::Salary,
        &[
            "salary",
            "salary range",
            "pay",
            "pay range",
            "compensation",
            "compensation range",
            "base salary",
            "base pay",
            "annual salary",
            "estimated salary",
            "hourly rate",
            "day rate",
            "rate",
            "wage",
            "salary band",
            "target salary",
            "ote",
        ],
    ),
    (
        Field::Date,
        &[
            "posted",
            "date posted",
            "posted on",
            "posting date",
            "published",
        ],
    ),
    (
        Field::Ignored,
        &[
            "department",
            "team",
            "job id",
            "req id",
            "requisition id",
            "reference",
            "ref",
            "category",
            "industry",
            "industries",
            "function",
            "job function",
            "apply by",
            "deadline",
            "closing date",
            "start date",
            "travel",
            "reports to",
            "company size",
            "employees",
        ],
    ),
];

/// Headings' exact wordings, normalised once.
static SECTION_WORDINGS: LazyLock<HashMap<String, Section>> = LazyLock::new(|| {
    let tables: [(Section, &[&str]); 8] = [
        (Section::Responsibilities, RESPONSIBILITIES),
        (Section::Requirements, REQUIREMENTS),
        (Section::NiceToHave, NICE_TO_HAVE),
        (Section::Benefits, BENEFITS),
        (Section::Compensation, COMPENSATION),
        (Section::Description, DESCRIPTION),
        (Section::Company, COMPANY),
        (Section::Process, PROCESS),
    ];
    let mut map = HashMap::new();
    for (section, table) in tables {
        for wording in table {
            map.entry(normalize(wording)).or_insert(section);
        }
    }
    map
});

/// Longer wordings ("Preferred Qualifications & Bonus Skills", "What We're Looking For In
/// You"): the first family whose marker words appear.
const FAMILIES: [(Section, &[&str]); 8] = [
    (
        Section::NiceToHave,
        &[
            "nice to have",
            "bonus",
            "preferred",
            "stand out",
            "even better",
            "desirable",
            "desired",
            "pluses",
        ],
    ),
    (
        Section::Benefits,
        &[
            "benefit",
            "benefits",
            "perks",
            "we offer",
            "offer you",
            "in it for you",
            "why join",
            "why work",
        ],
    ),
    (
        Section::Responsibilities,
        &[
            "responsibilities",
            "responsibility",
            "what you'll do",
            "what you will do",
            "you'll be doing",
            "you will be doing",
            "day to day",
            "your impact",
            "duties",
        ],
    ),
    (
        Section::Requirements,
        &[
            "requirements",
            "qualifications",
            "looking for",
            "you bring",
            "you'll bring",
            "you'll need",
            "you need",
            "about you",
            "who you are",
            "you have",
            "must have",
            "skills",
            "experience",
        ],
    ),
    (
        Section::Compensation,
        &["salary", "compensation", "pay range"],
    ),
    (
        Section::Description,
        &[
            "about the role",
            "about the job",
            "opportunity",
            "overview",
            "summary",
            "description",
            "the role",
            "the team",
            "stack",
        ],
    ),
    (
        Section::Company,
        &[
            "about us",
            "who we are",
            "our mission",
            "our story",
            "company",
        ],
    ),
    (
        Section::Process,
        &[
            "apply",
            "process",
            "equal",
            "eeo",
            "diversity",
            "accommodation",
            "privacy",
        ],
    ),
];

static FAMILY_MARKERS: LazyLock<Vec<(Section, Vec<String>)>> = LazyLock::new(|| {
    FAMILIES
        .iter()
        .map(|(s, words)| (*s, words.iter().map(|w| normalize(w)).collect()))
        .collect()
});

static FIELD_LABELS: LazyLock<HashMap<String, Field>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (field, labels) in FIELDS {
        for label in *labels {
            map.entry(normalize(label)).or_insert(*field);
        }
    }
    map
});

/// The section a heading's exact wording opens (`Requirements`, `What you'll do`, `Nice to
/// have`). Safe on any short line: a paragraph never matches by accident.
pub(crate) fn section_exact(heading: &str) -> Option<Section> {
    section_of_phrase(&phrase(heading))
}

/// [`section_exact`] for a phrase already normalised with [`phrase`].
pub(crate) fn section_of_phrase(p: &str) -> Option<Section> {
    SECTION_WORDINGS.get(p).copied()
}

/// The section a heading opens, by its exact wording and otherwise by the words in it
/// ("Preferred Qualifications & Bonus Skills"). Only for text already known to be a heading:
/// "Experience with Kafka" has a marker word too.
pub(crate) fn section(heading: &str) -> Option<Section> {
    if let Some(s) = section_exact(heading) {
        return Some(s);
    }
    let p = phrase(heading);
    if p.is_empty() || p.split(' ').count() > 10 {
        return None;
    }
    FAMILY_MARKERS
        .iter()
        .find(|(_, words)| words.iter().any(|w| has_phrase(&p, w)))
        .map(|(s, _)| *s)
}

/// The metadata field a label names (`Job type`, `Location`, `Salary range`).
pub(crate) fn field(label: &str) -> Option<Field> {
    field_of_phrase(&phrase(label))
}

/// [`field`] for a phrase already normalised with [`phrase`].
pub(crate) fn field_of_phrase(p: &str) -> Option<Field> {
    FIELD_LABELS.get(p).copied()
}

/// `About Acme` → `Acme`, unless the rest is a generic word (`About the role`).
pub(crate) fn about_company(heading: &str) -> Option<String> {
    let t = heading.trim().trim_end_matches(':').trim();
    let rest = t
        .strip_prefix("About ")
        .or_else(|| t.strip_prefix("ABOUT "))?
        .trim();
    let generic = [
        "us", "you", "the", "this", "our", "we", "your", "role", "job", "team", "company",
        "position",
    ];
    let first = phrase(rest.split(' ').next().unwrap_or_default());
    if generic.contains(&first.as_str()) {
        return None;
    }
    company_name(rest)
}

/// A plausible company name: one to six capitalised words (connectors such as `of`, `&` and
/// `de` aside), not a sentence, not a job title.
pub(crate) fn company_name(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_end_matches(['.', ',', ':', ';', '!'])
        .trim();
    let t = t
        .strip_suffix("(View all jobs)")
        .or_else(|| t.strip_suffix("(view all jobs)"))
        .unwrap_or(t)
        .trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || t.chars().count() > 60 {
        return None;
    }
    let connectors = [
        "of", "and", "&", "de", "der", "du", "la", "le", "the", "for", "y", "und", "et", "von",
        "van", "+",
    ];
    let capitalised = |w: &&str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    if !capitalised(&words[0])
        || !words
            .iter()
            .all(|w| capitalised(w) || connectors.contains(w))
    {
        return None;
    }
    let p = phrase(t);
    let stop = [
        "we",
        "we're",
        "now",
        "now hiring",
        "our",
        "us",
        "you",
        "your",
        "the team",
        "this",
        "remote",
        "hybrid",
        "apply",
        "the company",
        "company",
        "about",
        "it",
        "they",
        "he",
        "she",
        "in",
        "as",
        "at",
    ];
    if stop.contains(&p.as_str()) || role_noun(&p) {
        return None;
    }
    Some(t.to_owned())
}

const ROLE_NOUNS: &[&str] = &[
    "engineer",
    "engineers",
    "developer",
    "developers",
    "programmer",
    "architect",
    "manager",
    "director",
    "designer",
    "analyst",
    "scientist",
    "administrator",
    "admin",
    "specialist",
    "consultant",
    "lead",
    "head",
    "intern",
    "internship",
    "researcher",
    "technician",
    "officer",
    "coordinator",
    "strategist",
    "writer",
    "editor",
    "recruiter",
    "sre",
    "devops",
    "tester",
    "owner",
    "vp",
    "president",
    "cto",
    "ceo",
    "cfo",
    "coo",
    "accountant",
    "executive",
    "representative",
    "advisor",
    "adviser",
    "assistant",
    "operator",
    "fellow",
    "expert",
    "evangelist",
    "advocate",
    "marketer",
    "associate",
    "partner",
    "trainee",
    "apprentice",
    "student",
    "principal",
    "staff",
    "leader",
    "supervisor",
    "instructor",
    "teacher",
    "nurse",
    "physician",
    "counsel",
    "attorney",
    "lawyer",
    "controller",
    "producer",
    "agent",
];

/// The phrase contains a word that names a job (`engineer`, `developer`, `manager`, ...).
pub(crate) fn role_noun(normalized: &str) -> bool {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ROLE_NOUNS.contains(&w))
}

/// A plausible job title line: short, not a sentence, naming a job.
pub(crate) fn title_like(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=14).contains(&words)
        && t.chars().count() <= 120
        && !t.ends_with(['.', '!', '?', ';', ','])
        && role_noun(&phrase(t))
}

/// Cleans a title: markdown emphasis, gender tags (`(m/f/d)`, `(all genders)`), surrounding
/// punctuation.
pub(crate) fn clean_title(text: &str) -> String {
    let mut t = text.trim().trim_matches(['*', '_', '#', ' ']).to_owned();
    for tag in [
        "(m/f/d)",
        "(m/w/d)",
        "(w/m/d)",
        "(f/m/d)",
        "(f/m/x)",
        "(m/f/x)",
        "(m/f/div)",
        "(all genders)",
        "(h/f)",
        "(f/h)",
        "(m/f)",
    ] {
        // ASCII lower-casing keeps byte offsets, so `i` is valid in `t`.
        if let Some(i) = t.to_ascii_lowercase().find(tag) {
            t.replace_range(i..i + tag.len(), "");
        }
    }
    let t = t
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches([' ', '-', '–', '|', ','])
        .to_owned();
    // "a Senior Engineer" (from "hiring a Senior Engineer"): the article is not the title.
    for article in ["a ", "an ", "A ", "An "] {
        if let Some(rest) = t.strip_prefix(article)
            && rest.starts_with(char::is_uppercase)
        {
            return rest.to_owned();
        }
    }
    t
}

/// The employment type a whole phrase names.
pub(crate) fn employment_type(text: &str) -> Option<EmploymentType> {
    let p = phrase(text);
    let p = p
        .trim_start_matches("this is a ")
        .trim_end_matches(" position")
        .trim_end_matches(" role")
        .trim_end_matches(" employee")
        .trim_end_matches(" employment");
    Some(match p {
        "full time"
        | "fulltime"
        | "full_time"
        | "permanent"
        | "permanent full time"
        | "regular full time"
        | "full time permanent" => EmploymentType::FullTime,
        "part time" | "parttime" | "part_time" => EmploymentType::PartTime,
        "contract"
        | "contractor"
        | "contract to hire"
        | "freelance"
        | "freelancer"
        | "fixed term"
        | "fixed term contract"
        | "contract role" => EmploymentType::Contract,
        "temporary" | "temp" | "seasonal" => EmploymentType::Temporary,
        "internship" | "intern" | "co op" | "working student" | "apprenticeship"
        | "traineeship" => EmploymentType::Internship,
        "volunteer" | "volunteering" => EmploymentType::Volunteer,
        _ => return None,
    })
}

/// The employment type mentioned anywhere in a normalised text (first mention wins).
pub(crate) fn employment_type_in(normalized: &str) -> Option<EmploymentType> {
    let phrases: &[(&str, EmploymentType)] = &[
        ("full time", EmploymentType::FullTime),
        ("fulltime", EmploymentType::FullTime),
        ("permanent position", EmploymentType::FullTime),
        ("permanent role", EmploymentType::FullTime),
        ("part time", EmploymentType::PartTime),
        ("internship", EmploymentType::Internship),
        ("contract role", EmploymentType::Contract),
        ("contract position", EmploymentType::Contract),
        ("contract basis", EmploymentType::Contract),
        ("contract to hire", EmploymentType::Contract),
        ("freelance", EmploymentType::Contract),
        ("fixed term", EmploymentType::Contract),
        ("temporary position", EmploymentType::Temporary),
        ("temporary role", EmploymentType::Temporary),
    ];
    phrases
        .iter()
        .filter_map(|(p, t)| find_phrase(normalized, p).map(|i| (i, t)))
        .min_by_key(|(i, _)| *i)
        .map(|(_, t)| t.clone())
}

/// The employment type a title names (`Contract Rust Developer`, `Software Engineering Intern`,
/// `Part-time QA Analyst`).
pub(crate) fn employment_type_in_title(normalized: &str) -> Option<EmploymentType> {
    let words: &[(&str, EmploymentType)] = &[
        ("contract", EmploymentType::Contract),
        ("contractor", EmploymentType::Contract),
        ("freelance", EmploymentType::Contract),
        ("freelancer", EmploymentType::Contract),
        ("intern", EmploymentType::Internship),
        ("internship", EmploymentType::Internship),
        ("co op", EmploymentType::Internship),
        ("working student", EmploymentType::Internship),
        ("part time", EmploymentType::PartTime),
        ("temporary", EmploymentType::Temporary),
        ("full time", EmploymentType::FullTime),
    ];
    words
        .iter()
        .find(|(w, _)| has_phrase(normalized, w))
        .map(|(_, t)| t.clone())
}

/// Boilerplate that says nothing about the job: equal opportunity and accommodation statements.
pub(crate) fn boilerplate(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "equal opportunity",
        "equal employment opportunity",
        "affirmative action",
        "reasonable accommodation",
        "without regard to race",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// The workplace a short phrase names: `Remote`, `Fully remote (US)`, `Hybrid (3 days in
/// office)`, `On-site`.
pub(crate) fn remote(text: &str) -> Option<Remote> {
    let p = phrase(text);
    if p.split(' ').count() > 8 {
        return None;
    }
    remote_in(&p).or_else(|| {
        let first = p.split([' ', '(', ',']).next().unwrap_or_default();
        match first {
            "remote" | "telecommute" | "wfh" => Some(Remote::Full),
            "onsite" | "office" => Some(Remote::OnSite),
            _ => match p.as_str() {
                "yes" | "true" | "full" => Some(Remote::Full),
                "no" | "false" | "none" => Some(Remote::OnSite),
                _ => None,
            },
        }
    })
}

/// The workplace a normalised text describes, from phrases that are not about anything else
/// (`hybrid cloud` is not a workplace, `remote teams` says nothing).
pub(crate) fn remote_in(normalized: &str) -> Option<Remote> {
    let not_remote = [
        "not remote",
        "not a remote",
        "no remote",
        "non remote",
        "not fully remote",
    ];
    if not_remote.iter().any(|p| has_phrase(normalized, p)) {
        return Some(Remote::OnSite);
    }
    let not_workplace = [
        "cloud",
        "clouds",
        "app",
        "apps",
        "application",
        "applications",
        "mobile",
        "infrastructure",
        "environment",
        "environments",
        "architecture",
        "search",
        "approach",
        "vehicle",
        "vehicles",
        "model",
        "models",
        "integration",
    ];
    let mut rest = normalized;
    while let Some(i) = find_phrase(rest, "hybrid") {
        let after = rest[i + "hybrid".len()..].split_whitespace().next();
        if !after.is_some_and(|w| not_workplace.contains(&w)) {
            return Some(Remote::Hybrid);
        }
        rest = &rest[i + "hybrid".len()..];
    }
    let full = [
        "fully remote",
        "100 % remote",
        "100% remote",
        "remote first",
        "remote only",
        "remote position",
        "remote role",
        "remote job",
        "remote opportunity",
        "work remotely",
        "working remotely",
        "work from home",
        "work from anywhere",
        "remote within",
        "remote in the",
        "remote (",
        "remote,",
        "remote us",
        "remote eu",
        "remote uk",
        "this is a remote",
    ];
    if full.iter().any(|p| has_phrase(normalized, p)) {
        return Some(Remote::Full);
    }
    let on_site = [
        "on site",
        "onsite",
        "in office",
        "office based",
        "in person",
        "on premises",
    ];
    if on_site.iter().any(|p| has_phrase(normalized, p)) {
        return Some(Remote::OnSite);
    }
    None
}

/// Seniority named by a label (`Mid-Senior level`, `Entry level`, `Senior`).
pub(crate) fn seniority_label(text: &str) -> Option<Seniority> {
    let p = phrase(text);
    let p = p.trim_end_matches(" level");
    Some(match p {
        "intern" | "internship" | "trainee" | "apprentice" => Seniority::Intern,
        "junior" | "jr" | "entry" | "entry level" | "graduate" | "associate" | "beginner" => {
            Seniority::Junior
        }
        "mid" | "intermediate" | "middle" | "medior" => Seniority::Mid,
        // LinkedIn's "Mid-Senior level" is its senior individual-contributor band.
        "senior" | "sr" | "mid senior" | "experienced" | "expert" => Seniority::Senior,
        "lead" | "team lead" | "tech lead" | "technical lead" => Seniority::Lead,
        "staff" => Seniority::Staff,
        "principal" => Seniority::Principal,
        "manager" | "management" => Seniority::Manager,
        "director" | "head" => Seniority::Director,
        "executive" | "vp" | "vice president" | "c level" => Seniority::Executive,
        _ => return None,
    })
}

/// Seniority from a job title: the most senior marker it carries (`Senior Engineering Manager` is
/// a manager, `Lead Senior Developer` a lead). `Product Manager` names a role, not a level.
pub(crate) fn seniority_in_title(title: &str) -> Option<Seniority> {
    let p = phrase(title);
    let has = |w: &str| has_phrase(&p, w);
    let manager = [
        "engineering manager",
        "development manager",
        "software manager",
        "team manager",
        "people manager",
        "manager of",
        "manager, engineering",
        "data manager",
        "qa manager",
        "it manager",
        "technical manager",
        "delivery manager",
    ];
    if has("vp")
        || has("vice president")
        || has("chief")
        || ["cto", "ceo", "cfo", "coo", "cio", "ciso"]
            .iter()
            .any(|w| has(w))
    {
        Some(Seniority::Executive)
    } else if has("director") || has("head of") {
        Some(Seniority::Director)
    } else if manager.iter().any(|m| has(m)) {
        Some(Seniority::Manager)
    } else if has("principal") {
        Some(Seniority::Principal)
    } else if has("staff") {
        Some(Seniority::Staff)
    } else if has("lead") || has("tech lead") || has("team lead") {
        Some(Seniority::Lead)
    } else if has("senior") || has("sr") || has("sr.") || has("snr") {
        Some(Seniority::Senior)
    } else if has("mid") || has("mid level") || has("intermediate") {
        Some(Seniority::Mid)
    } else if has("junior")
        || has("jr")
        || has("jr.")
        || has("entry level")
        || has("graduate")
        || has("new grad")
    {
        Some(Seniority::Junior)
    } else if has("intern")
        || has("internship")
        || has("trainee")
        || has("apprentice")
        || has("working student")
    {
        Some(Seniority::Intern)
    } else {
        None
    }
}

/// Seniority implied by the years of experience asked for.
pub(crate) fn seniority_from_years(years: u32) -> Seniority {
    match years {
        0..=1 => Seniority::Junior,
        2..=4 => Seniority::Mid,
        _ => Seniority::Senior,
    }
}

/// The least years of experience a text asks for: `4+ years`, `3-5 years`, `3 to 5 years`,
/// `at least two years`, `minimum of 5 years` (not `10 years ago`).
pub(crate) fn min_years(text: &str) -> Option<u32> {
    let p = normalize(text);
    let words: Vec<&str> = p.split(' ').collect();
    for (i, w) in words.iter().enumerate() {
        if !matches!(*w, "years" | "year" | "yrs" | "yr" | "years'")
            || words
                .get(i + 1)
                .is_some_and(|n| matches!(*n, "ago" | "old"))
        {
            continue;
        }
        // Walk back over the number or range before "years": "3 5" (a hyphen became a space),
        // "3 to 5", "5 or more", "4+", "of 5".
        let mut least = None;
        let mut j = i;
        while j > 0 && i - j < 5 {
            j -= 1;
            match number_word(words[j]) {
                Some(n) => least = Some(n),
                None if matches!(words[j], "+" | "or" | "more" | "to" | "plus") => {}
                None => break,
            }
        }
        if let Some(n) = least
            && (1..=40).contains(&n)
        {
            return Some(n);
        }
    }
    None
}

fn number_word(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('+');
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen",
    ];
    words
        .iter()
        .position(|n| *n == w)
        .map(|i| u32::try_from(i + 1).unwrap_or(0))
}

// ---------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------

/// ISO 3166-1 alpha-2 codes with the names and abbreviations postings use.
const COUNTRIES: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "united states",
            "united states of america",
            "usa",
            "us",
            "u.s.",
            "u.s.a.",
            "u.s",
            "america",
        ],
    ),
    (
        "GB",
        &[
            "united kingdom",
            "uk",
            "u.k.",
            "great britain",
            "britain",
            "england",
            "scotland",
            "wales",
            "northern ireland",
        ],
    ),
    ("CA", &["canada"]),
    ("AU", &["australia"]),
    ("NZ", &["new zealand"]),
    ("IE", &["ireland"]),
    ("DE", &["germany", "deutschland"]),
    ("FR", &["france"]),
    ("ES", &["spain", "españa"]),
    ("PT", &["portugal"]),
    ("IT", &["italy", "italia"]),
    ("NL", &["netherlands", "the netherlands", "holland"]),
    ("BE", &["belgium"]),
    ("LU", &["luxembourg"]),
    ("CH", &["switzerland", "schweiz"]),
    ("AT", &["austria", "österreich"]),
    ("SE", &["sweden"]),
    ("NO", &["norway"]),
    ("DK", &["denmark"]),
    ("FI", &["finland"]),
    ("IS", &["iceland"]),
    ("PL", &["poland", "polska"]),
    ("CZ", &["czech republic", "czechia"]),
    ("SK", &["slovakia"]),
    ("HU", &["hungary"]),
    ("RO", &["romania"]),
    ("BG", &["bulgaria"]),
    ("GR", &["greece"]),
    ("HR", &["croatia"]),
    ("SI", &["slovenia"]),
    ("RS", &["serbia"]),
    ("UA", &["ukraine"]),
    ("EE", &["estonia"]),
    ("LV", &["latvia"]),
    ("LT", &["lithuania"]),
    ("TR", &["turkey", "türkiye"]),
    ("IL", &["israel"]),
    ("AE", &["united arab emirates", "uae"]),
    ("SA", &["saudi arabia"]),
    ("EG", &["egypt"]),
    ("ZA", &["south africa"]),
    ("NG", &["nigeria"]),
    ("KE", &["kenya"]),
    ("MA", &["morocco"]),
    ("IN", &["india"]),
    ("PK", &["pakistan"]),
    ("BD", &["bangladesh"]),
    ("LK", &["sri lanka"]),
    ("CN", &["china"]),
    ("HK", &["hong kong"]),
    ("TW", &["taiwan"]),
    ("JP", &["japan"]),
    ("KR", &["south korea", "korea"]),
    ("SG", &["singapore"]),
    ("MY", &["malaysia"]),
    ("TH", &["thailand"]),
    ("VN", &["vietnam", "viet nam"]),
    ("PH", &["philippines"]),
    ("ID", &["indonesia"]),
    ("MX", &["mexico", "méxico"]),
    ("BR", &["brazil", "brasil"]),
    ("AR", &["argentina"]),
    ("CL", &["chile"]),
    ("CO", &["colombia"]),
    ("PE", &["peru"]),
    ("UY", &["uruguay"]),
    ("CR", &["costa rica"]),
];

const US_STATES: &[(&str, &str)] = &[
    ("AL", "alabama"),
    ("AK", "alaska"),
    ("AZ", "arizona"),
    ("AR", "arkansas"),
    ("CA", "california"),
    ("CO", "colorado"),
    ("CT", "connecticut"),
    ("DE", "delaware"),
    ("DC", "district of columbia"),
    ("FL", "florida"),
    ("GA", "georgia"),
    ("HI", "hawaii"),
    ("ID", "idaho"),
    ("IL", "illinois"),
    ("IN", "indiana"),
    ("IA", "iowa"),
    ("KS", "kansas"),
    ("KY", "kentucky"),
    ("LA", "louisiana"),
    ("ME", "maine"),
    ("MD", "maryland"),
    ("MA", "massachusetts"),
    ("MI", "michigan"),
    ("MN", "minnesota"),
    ("MS", "mississippi"),
    ("MO", "missouri"),
    ("MT", "montana"),
    ("NE", "nebraska"),
    ("NV", "nevada"),
    ("NH", "new hampshire"),
    ("NJ", "new jersey"),
    ("NM", "new mexico"),
    ("NY", "new york"),
    ("NC", "north carolina"),
    ("ND", "north dakota"),
    ("OH", "ohio"),
    ("OK", "oklahoma"),
    ("OR", "oregon"),
    ("PA", "pennsylvania"),
    ("RI", "rhode island"),
    ("SC", "south carolina"),
    ("SD", "south dakota"),
    ("TN", "tennessee"),
    ("TX", "texas"),
    ("UT", "utah"),
    ("VT", "vermont"),
    ("VA", "virginia"),
    ("WA", "washington"),
    ("WV", "west virginia"),
    ("WI", "wisconsin"),
    ("WY", "wyoming"),
    ("PR", "puerto rico"),
];

const CA_PROVINCES: &[(&str, &str)] = &[
    ("ON", "ontario"),
    ("QC", "quebec"),
    ("BC", "british columbia"),
    ("AB", "alberta"),
    ("MB", "manitoba"),
    ("SK", "saskatchewan"),
    ("NS", "nova scotia"),
    ("NB", "new brunswick"),
    ("NL", "newfoundland and labrador"),
    ("PE", "prince edward island"),
];

/// The ISO code of a country name or code (`Germany`, `UK`, `DE`).
pub(crate) fn country_code(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let p = t.to_lowercase();
    if let Some((code, _)) = COUNTRIES
        .iter()
        .find(|(_, names)| names.contains(&p.as_str()))
    {
        return Some(code);
    }
    // A bare two-letter code only when written in capitals (`DE`, not `de`).
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_uppercase()) {
        return COUNTRIES.iter().map(|(c, _)| *c).find(|c| *c == t);
    }
    None
}

/// A US state or Canadian province (code or name) → (region as written, country code).
fn region(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let p = t.to_lowercase();
    let upper = t.len() == 2 && t.bytes().all(|b| b.is_ascii_uppercase());
    if US_STATES
        .iter()
        .any(|(code, name)| (upper && *code == t) || *name == p)
    {
        return Some("US");
    }
    if CA_PROVINCES
        .iter()
        .any(|(code, name)| (upper && *code == t) || *name == p)
    {
        return Some("CA");
    }
    None
}

/// Reads a place: `San Francisco, CA`, `New York, NY 10001`, `Berlin, Germany`, `London,
/// England, United Kingdom`, `Remote (US)`, `Toronto, ON (Hybrid)`. With `labelled` (the value
/// of a `Location:` field) a lone name is accepted as a city; otherwise the last part must be a
/// known region or country, so that ordinary phrases are not taken for places. A two-letter
/// capital code is read as a US state or Canadian province before a country (`Portland, OR`).
///
/// Returns the place and the workplace it mentions, if any.
pub(crate) fn location(text: &str, labelled: bool) -> Option<(JobLocation, Option<Remote>)> {
    let mut t = text.trim().trim_end_matches(['.', ';']).trim().to_owned();
    if t.is_empty() || t.chars().count() > 100 {
        return None;
    }
    // Several places ("Berlin or Remote", "NYC; SF"): the first one.
    for sep in [" or ", ";", " | ", " / ", " · ", " • "] {
        if let Some(i) = t.find(sep) {
            t.truncate(i);
        }
    }
    let mut workplace = None;
    if let (Some(open), Some(close)) = (t.find('('), t.rfind(')'))
        && open < close
    {
        let inner = t[open + 1..close].trim().to_owned();
        let outer = t[..open].trim().to_owned();
        if (country_code(&inner).is_some() || region(&inner).is_some())
            && let Some(r) = remote(&outer)
        {
            // "Remote (US)": the place is inside.
            workplace = Some(r);
            t = inner;
        } else {
            // "(Hybrid)", "(Remote)", "(HQ)".
            workplace = remote(&inner);
            t.replace_range(open..=close, "");
        }
    }
    let mut t = t.trim().trim_end_matches([',', '-', '–']).trim().to_owned();
    // "Remote - US", "Remote, Europe", "Hybrid".
    let lower = t.to_ascii_lowercase();
    for prefix in ["fully remote", "remote", "hybrid", "on-site", "onsite"] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && (rest.is_empty() || rest.starts_with([' ', ',', '-', ':']))
        {
            workplace = remote(prefix).or(workplace);
            t = t[prefix.len()..]
                .trim_start_matches([' ', ',', '-', '–', ':'])
                .trim()
                .to_owned();
            break;
        }
    }
    let parts: Vec<&str> = t
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut place = JobLocation::default();
    match parts.as_slice() {
        [] => {}
        [one] => {
            if let Some(code) = region(one) {
                place.region = Some((*one).to_owned());
                place.country_code = Some(code.to_owned());
            } else if let Some(code) = country_code(one) {
                place.country_code = Some(code.to_owned());
            } else if labelled && plausible_place_word(one) {
                place.city = Some((*one).to_owned());
            } else if workplace.is_none() {
                return None;
            }
        }
        [city, rest @ ..] => {
            let (last, middle) = rest.split_last()?;
            let (last, postal) = split_postal(last);
            place.postal_code = postal;
            if let Some(code) = region(last) {
                place.region = Some(last.to_owned());
                place.country_code = Some(code.to_owned());
            } else if let Some(code) = country_code(last) {
                place.country_code = Some(code.to_owned());
                if let Some(r) = middle.first() {
                    let (r, postal) = split_postal(r);
                    place.region = Some(r.to_owned());
                    place.postal_code = postal.or(place.postal_code.take());
                }
            } else if labelled && plausible_place_word(last) {
                place.region = Some(last.to_owned());
            } else {
                return None;
            }
            if !plausible_place_word(city) {
                return None;
            }
            place.city = Some((*city).to_owned());
        }
    }
    if place.is_empty() && workplace.is_none() {
        return None;
    }
    Some((place, workplace))
}

/// `NY 10001` → (`NY`, `10001`).
fn split_postal(part: &str) -> (&str, Option<String>) {
    match part.rsplit_once(' ') {
        Some((head, code))
            if code.len() >= 4
                && code.chars().all(|c| c.is_ascii_digit() || c == '-')
                && !head.is_empty() =>
        {
            (head.trim(), Some(code.to_owned()))
        }
        _ => (part, None),
    }
}

fn plausible_place_word(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=5).contains(&words)
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-' | '’'))
}
