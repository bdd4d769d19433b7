//! LinkedIn's data export ("Get a copy of your data"): the ZIP as downloaded, or the files of the
//! extracted folder (which a front end reads and hands over by name). Each CSV is read with its
//! documented columns, by header name, so a column LinkedIn adds or moves changes nothing:
//! Profile, Positions, Education, Skills, Projects, Certifications, Languages, Publications,
//! Honors, Volunteering, Email Addresses, PhoneNumbers. A description keeps its lines; lines
//! that start with a list marker become bullets, and nothing is split at a hyphen inside text.

use crate::ImportError;
use crate::lines::{Origin, strip_bullet};
use crate::parse::Found;
use std::collections::HashMap;
use std::io::Read;
use vitae_core::model::*;
use vitae_core::{DateValue, PartialDate};

/// The files of the export vitae reads, by name without extension, lowercase.
pub const FILES: &[&str] = &[
    "profile",
    "positions",
    "education",
    "skills",
    "projects",
    "certifications",
    "languages",
    "publications",
    "honors",
    "volunteering",
    "email addresses",
    "phonenumbers",
    "phone numbers",
];

/// The most bytes read out of one file of the archive, and out of all of them: a real export's
/// CSVs are kilobytes; a file that unpacks to more is a bomb, not a profile.
const MAX_FILE: u64 = 8 * 1024 * 1024;
const MAX_TOTAL: u64 = 32 * 1024 * 1024;

/// The name a file is known by: its base name, lowercase, without `.csv`.
pub fn known(path: &str) -> Option<&'static str> {
    let base = path.rsplit(['/', '\\']).next()?.to_lowercase();
    let stem = base.strip_suffix(".csv")?;
    FILES.iter().copied().find(|f| *f == stem)
}

/// Whether a ZIP archive is a LinkedIn export (it holds a profile or positions file).
pub fn is_export(zip: &[u8]) -> bool {
    let Ok(archive) = zip::ZipArchive::new(std::io::Cursor::new(zip)) else {
        return false;
    };
    archive
        .file_names()
        .any(|n| matches!(known(n), Some("profile" | "positions")))
}

/// The export's known files out of its ZIP, within the size limits.
pub fn unzip(zip: &[u8]) -> Result<Vec<(String, Vec<u8>)>, ImportError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip))
        .map_err(|e| ImportError::Damaged(format!("the ZIP archive cannot be read: {e}")))?;
    let mut files = Vec::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| {
            ImportError::Damaged(format!("a file of the archive cannot be read: {e}"))
        })?;
        let Some(name) = known(file.name()) else {
            continue;
        };
        // Read at most one byte over the limit: the declared size may lie.
        let mut bytes = Vec::new();
        (&mut file)
            .take(MAX_FILE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ImportError::Damaged(format!("`{name}.csv` cannot be unpacked: {e}")))?;
        total += bytes.len() as u64;
        if bytes.len() as u64 > MAX_FILE || total > MAX_TOTAL {
            return Err(ImportError::Damaged(format!(
                "`{name}.csv` unpacks to more than {} MiB: this is no LinkedIn export",
                MAX_FILE / 1024 / 1024
            )));
        }
        files.push((name.to_owned(), bytes));
    }
    Ok(files)
}

/// A CSV file's rows as maps from column name (lowercase) to text. LinkedIn writes a note above
/// the header in some files; the header is the first row that names a known column.
fn table(
    name: &str,
    bytes: &[u8],
    columns: &[&str],
) -> Result<Vec<HashMap<String, String>>, ImportError> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| ImportError::Damaged(format!("`{name}.csv` is not valid CSV: {e}")))?;
        match &header {
            None => {
                let names: Vec<String> = record.iter().map(|c| c.trim().to_lowercase()).collect();
                if names.iter().any(|n| columns.contains(&n.as_str())) {
                    header = Some(names);
                }
            }
            Some(names) => {
                let row: HashMap<String, String> = names
                    .iter()
                    .cloned()
                    .zip(record.iter().map(|c| c.trim().to_owned()))
                    .filter(|(_, v)| !v.is_empty())
                    .collect();
                if !row.is_empty() {
                    rows.push(row);
                }
            }
        }
    }
    Ok(rows)
}

/// LinkedIn's dates: "Jan 2020", "2020", "1/15/2020", "15 Jan 2020".
fn date(text: Option<&String>) -> Option<DateValue> {
    let text = text?.trim();
    if text.is_empty() {
        return None;
    }
    // "1/15/2020" (month/day/year) before the shapes resumes write.
    let parts: Vec<&str> = text.split('/').collect();
    if let [m, _d, y] = parts.as_slice()
        && let (Ok(m), Ok(y)) = (m.parse::<u8>(), y.parse::<u16>())
        && (1..=12).contains(&m)
    {
        return Some(DateValue::Date(PartialDate {
            year: y,
            month: Some(m),
            day: None,
        }));
    }
    // "Sep 12, 2019": the month and the year.
    if let [month, day, year] = text.split_whitespace().collect::<Vec<_>>().as_slice()
        && day.trim_end_matches(',').parse::<u8>().is_ok()
        && let Some(d) = crate::dates::find(&format!("{month} {year}"))
    {
        return Some(d.start);
    }
    crate::dates::find(text).map(|d| d.start)
}

/// A description: its paragraph lines and its list items.
fn description(text: Option<&String>) -> (Option<String>, Vec<String>) {
    let Some(text) = text else {
        return (None, Vec::new());
    };
    let mut prose = Vec::new();
    let mut bullets = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match strip_bullet(line) {
            Some(item) => bullets.push(item.to_owned()),
            None => prose.push(line.to_owned()),
        }
    }
    ((!prose.is_empty()).then(|| prose.join(" ")), bullets)
}

struct Reader {
    resume: Resume,
    found: Vec<Found>,
}

impl Reader {
    fn note(&mut self, path: String, value: Option<&str>, file: &str, row: usize) {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            self.found.push(Found {
                path,
                value: v.to_owned(),
                origin: Origin::Row {
                    file: format!("{file}.csv"),
                    row: row as u32 + 1,
                },
                // The export's columns say what each value is.
                confidence: 0.95,
            });
        }
    }
}

/// Reads a resume from the export's files (name without extension, lowercase; see [`known`]).
pub fn read(files: &[(String, Vec<u8>)]) -> Result<(Resume, Vec<Found>), ImportError> {
    let mut r = Reader {
        resume: Resume::default(),
        found: Vec::new(),
    };
    let get = |name: &str, columns: &[&str]| -> Result<Vec<HashMap<String, String>>, ImportError> {
        match files.iter().find(|(n, _)| n == name) {
            Some((_, bytes)) => table(name, bytes, columns),
            None => Ok(Vec::new()),
        }
    };
    if !files
        .iter()
        .any(|(n, _)| n == "profile" || n == "positions")
    {
        return Err(ImportError::Unknown(
            "no Profile.csv or Positions.csv: this is not LinkedIn's data export".into(),
        ));
    }
    for (i, row) in get("profile", &["first name", "last name", "headline"])?
        .into_iter()
        .take(1)
        .enumerate()
    {
        let name = [row.get("first name"), row.get("last name")]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        r.note("basics.name".into(), Some(&name), "Profile", i);
        r.resume.basics.name = name;
        r.note(
            "basics.label".into(),
            row.get("headline").map(String::as_str),
            "Profile",
            i,
        );
        r.resume.basics.label = row.get("headline").cloned();
        r.note(
            "summary".into(),
            row.get("summary").map(String::as_str),
            "Profile",
            i,
        );
        r.resume.summary.base = row.get("summary").cloned();
        if let Some(place) = row.get("geo location") {
            r.note("basics.location".into(), Some(place), "Profile", i);
            let parts: Vec<&str> = place.split(',').map(str::trim).collect();
            let l = &mut r.resume.basics.location;
            l.city = parts.first().map(|s| (*s).to_owned());
            match parts.len() {
                2 => l.country = parts.get(1).map(|s| (*s).to_owned()),
                n if n >= 3 => {
                    l.region = parts.get(1).map(|s| (*s).to_owned());
                    l.country = parts.last().map(|s| (*s).to_owned());
                }
                _ => {}
            }
        }
        // "Websites": "[PERSONAL:https://ada.dev,COMPANY:https://initech.com]" or plain
        // addresses.
        if let Some(sites) = row.get("websites") {
            let urls: Vec<String> = sites
                .trim_matches(|c| c == '[' || c == ']')
                .split(',')
                .map(|s| {
                    s.split_once(':')
                        .filter(|(k, _)| !k.starts_with("http"))
                        .map_or(s, |(_, u)| u)
                })
                .map(|u| u.trim().to_owned())
                .filter(|u| u.starts_with("http"))
                .collect();
            r.note(
                "basics.url".into(),
                urls.first().map(String::as_str),
                "Profile",
                i,
            );
            r.resume.basics.url = urls.first().cloned();
        }
        if let Some(handles) = row.get("twitter handles") {
            for handle in handles
                .trim_matches(|c| c == '[' || c == ']')
                .split(',')
                .map(|h| h.trim().trim_start_matches('@'))
                .filter(|h| !h.is_empty())
            {
                let n = r.resume.basics.profiles.len();
                r.note(
                    format!("basics.profiles[{n}].username"),
                    Some(handle),
                    "Profile",
                    i,
                );
                r.resume.basics.profiles.push(Profile {
                    network: "Twitter".into(),
                    username: Some(handle.to_owned()),
                    ..Profile::default()
                });
            }
        }
    }
    // The primary address, else the first.
    let emails = get("email addresses", &["email address"])?;
    let primary = emails
        .iter()
        .position(|e| {
            e.get("primary")
                .is_some_and(|p| p.eq_ignore_ascii_case("yes"))
        })
        .or((!emails.is_empty()).then_some(0));
    if let Some(i) = primary {
        let email = emails[i].get("email address").cloned();
        r.note(
            "basics.email".into(),
            email.as_deref(),
            "Email Addresses",
            i,
        );
        r.resume.basics.email = email;
    }
    let mut phones = get("phonenumbers", &["number"])?;
    phones.extend(get("phone numbers", &["number"])?);
    if let Some(phone) = phones.first().and_then(|p| p.get("number")).cloned() {
        r.note("basics.phone".into(), Some(&phone), "PhoneNumbers", 0);
        r.resume.basics.phone = Some(phone);
    }
    for (i, row) in get("positions", &["company name", "title"])?
        .iter()
        .enumerate()
    {
        let (prose, bullets) = description(row.get("description"));
        let n = r.resume.experience.len();
        r.note(
            format!("experience[{n}].company"),
            row.get("company name").map(String::as_str),
            "Positions",
            i,
        );
        r.note(
            format!("experience[{n}].title"),
            row.get("title").map(String::as_str),
            "Positions",
            i,
        );
        r.resume.experience.push(Experience {
            company: row.get("company name").cloned().unwrap_or_default(),
            title: row.get("title").cloned(),
            location: row.get("location").cloned(),
            description: prose,
            start: date(row.get("started on")),
            // No end: a current position.
            end: Some(date(row.get("finished on")).unwrap_or(DateValue::Present)),
            bullets: bullets.into_iter().map(Bullet::plain).collect(),
            ..Experience::default()
        });
    }
    for (i, row) in get("education", &["school name", "degree name"])?
        .iter()
        .enumerate()
    {
        let n = r.resume.education.len();
        r.note(
            format!("education[{n}].institution"),
            row.get("school name").map(String::as_str),
            "Education",
            i,
        );
        r.note(
            format!("education[{n}].degree"),
            row.get("degree name").map(String::as_str),
            "Education",
            i,
        );
        let (notes, mut highlights) = description(row.get("notes"));
        let (activities, more) = description(row.get("activities"));
        highlights.extend(notes.into_iter().chain(activities).chain(more));
        r.resume.education.push(Education {
            institution: row.get("school name").cloned().unwrap_or_default(),
            degree: row.get("degree name").cloned(),
            start: date(row.get("start date")),
            end: date(row.get("end date")),
            highlights,
            ..Education::default()
        });
    }
    let skills = get("skills", &["name"])?;
    if !skills.is_empty() {
        let mut category = SkillCategory {
            name: "Skills".into(),
            ..SkillCategory::default()
        };
        for (i, row) in skills.iter().enumerate() {
            if let Some(name) = row.get("name") {
                r.note(
                    format!("skills[0].items[{}]", category.items.len()),
                    Some(name),
                    "Skills",
                    i,
                );
                category.items.push(Skill {
                    name: name.clone(),
                    ..Skill::default()
                });
            }
        }
        r.resume.skills.push(category);
    }
    for (i, row) in get("projects", &["title"])?.iter().enumerate() {
        let n = r.resume.projects.len();
        r.note(
            format!("projects[{n}].name"),
            row.get("title").map(String::as_str),
            "Projects",
            i,
        );
        let (prose, highlights) = description(row.get("description"));
        r.resume.projects.push(Project {
            name: row.get("title").cloned().unwrap_or_default(),
            description: prose,
            highlights,
            url: row.get("url").cloned(),
            start: date(row.get("started on")),
            end: date(row.get("finished on")),
            ..Project::default()
        });
    }
    for (i, row) in get("certifications", &["name", "authority"])?
        .iter()
        .enumerate()
    {
        let n = r.resume.certifications.len();
        r.note(
            format!("certifications[{n}].name"),
            row.get("name").map(String::as_str),
            "Certifications",
            i,
        );
        r.resume.certifications.push(Certification {
            name: row.get("name").cloned().unwrap_or_default(),
            issuer: row.get("authority").cloned(),
            date: date(row.get("started on")),
            expires: date(row.get("finished on")),
            url: row.get("url").cloned(),
            credential_id: row.get("license number").cloned(),
            ..Certification::default()
        });
    }
    for (i, row) in get("languages", &["name", "proficiency"])?
        .iter()
        .enumerate()
    {
        let n = r.resume.languages.len();
        r.note(
            format!("languages[{n}].language"),
            row.get("name").map(String::as_str),
            "Languages",
            i,
        );
        r.resume.languages.push(Language {
            language: row.get("name").cloned().unwrap_or_default(),
            fluency: row.get("proficiency").cloned(),
            ..Language::default()
        });
    }
    for (i, row) in get("publications", &["name", "publisher"])?
        .iter()
        .enumerate()
    {
        let n = r.resume.publications.len();
        r.note(
            format!("publications[{n}].name"),
            row.get("name").map(String::as_str),
            "Publications",
            i,
        );
        r.resume.publications.push(Publication {
            name: row.get("name").cloned().unwrap_or_default(),
            publisher: row.get("publisher").cloned(),
            date: date(row.get("published on")),
            url: row.get("url").cloned(),
            summary: row.get("description").cloned(),
            ..Publication::default()
        });
    }
    for (i, row) in get("honors", &["title", "issued on"])?.iter().enumerate() {
        let n = r.resume.awards.len();
        r.note(
            format!("awards[{n}].title"),
            row.get("title").map(String::as_str),
            "Honors",
            i,
        );
        r.resume.awards.push(Award {
            title: row.get("title").cloned().unwrap_or_default(),
            date: date(row.get("issued on")),
            summary: row.get("description").cloned(),
            ..Award::default()
        });
    }
    for (i, row) in get("volunteering", &["company name", "role"])?
        .iter()
        .enumerate()
    {
        let n = r.resume.volunteer.len();
        r.note(
            format!("volunteer[{n}].organization"),
            row.get("company name").map(String::as_str),
            "Volunteering",
            i,
        );
        let (prose, highlights) = description(row.get("description"));
        r.resume.volunteer.push(Volunteer {
            organization: row.get("company name").cloned().unwrap_or_default(),
            position: row.get("role").cloned(),
            start: date(row.get("started on")),
            end: date(row.get("finished on")),
            summary: prose,
            highlights,
            ..Volunteer::default()
        });
    }
    Ok((r.resume, r.found))
}
