//! The JSON Resume job format (`jsonresume/job-schema.json`): reading a job document through the
//! located JSON parser, so every problem has a line and column, and writing one that validates
//! against the schema. What the schema cannot hold travels in an `x-vitae` object: the salary as
//! numbers, the nice-to-haves and the minimum years of experience.

use super::{
    EmploymentType, Job, JobError, JobFormat, JobLocation, JobMeta, JobSkill, Parsed, Period,
    Remote, Salary, Seniority, salary,
};
use crate::keywords::Vocabulary;
use serde_json::{Map, Value as J};
use vitae_core::date::PartialDate;
use vitae_core::format::read::{Cx, Obj};
use vitae_core::node::{self, Node, Value};

const EXT: &str = "x-vitae";

const KNOWN: &[&str] = &[
    "$schema",
    "title",
    "company",
    "type",
    "date",
    "description",
    "location",
    "remote",
    "salary",
    "experience",
    "responsibilities",
    "qualifications",
    "skills",
    "meta",
    "url",
    // A job board's own identifier (not in the schema): kept so results can be joined back.
    "id",
    EXT,
];

const LOCATION: &[&str] = &["address", "postalCode", "city", "countryCode", "region"];
const SKILL: &[&str] = &["name", "level", "keywords"];
const META: &[&str] = &["canonical", "version", "lastModified"];
const EXTENSION: &[&str] = &["salary", "niceToHave", "minYears", "id"];
const SALARY: &[&str] = &["min", "max", "currency", "period"];

pub(crate) fn read(text: &str, vocabulary: &Vocabulary) -> Result<Parsed, JobError> {
    let root = node::parse_json(text)?;
    let mut cx = Cx::new();
    let Some(obj) = Obj::lenient(&mut cx, &root, String::new(), String::new(), KNOWN) else {
        return Err(JobError::NotAJob {
            found: root.kind().to_owned(),
            pos: root.pos,
        });
    };
    let mut job = Job {
        title: text_field(&obj, &mut cx, "title"),
        company: text_field(&obj, &mut cx, "company"),
        employment_type: text_field(&obj, &mut cx, "type").map(|t| EmploymentType::from_label(&t)),
        description: text_field(&obj, &mut cx, "description"),
        seniority: text_field(&obj, &mut cx, "experience").map(|t| Seniority::from_label(&t)),
        responsibilities: list(&obj, &mut cx, "responsibilities"),
        qualifications: list(&obj, &mut cx, "qualifications"),
        url: text_field(&obj, &mut cx, "url"),
        id: text_field(&obj, &mut cx, "id"),
        ..Job::default()
    };
    if let Some(t) = text_field(&obj, &mut cx, "date") {
        match PartialDate::parse(&t) {
            Ok(d) if (1000..3000).contains(&d.year) => job.date = Some(d),
            Ok(_) => date_error(&obj, &mut cx, &t, "the year must be between 1000 and 2999"),
            Err(reason) => date_error(&obj, &mut cx, &t, reason),
        }
    }
    if let Some(t) = text_field(&obj, &mut cx, "remote") {
        job.remote = Remote::from_label(&t);
        if job.remote.is_none() {
            let pos = obj.get(&["remote"]).map_or(root.pos, |(_, n)| n.pos);
            cx.diags.warning(
                "remote",
                pos,
                format!("`{t}` is not a kind of remote work and is ignored"),
                Some("use Full, Hybrid or None".to_owned()),
            );
        }
    }
    if let Some(location) = obj.obj(&mut cx, &["location"], "location", LOCATION) {
        job.location = JobLocation {
            address: text_field(&location, &mut cx, "address"),
            postal_code: text_field(&location, &mut cx, "postalCode"),
            city: text_field(&location, &mut cx, "city"),
            country_code: text_field(&location, &mut cx, "countryCode"),
            region: text_field(&location, &mut cx, "region"),
        };
    }
    job.salary = text_field(&obj, &mut cx, "salary").map(|t| {
        salary::find(&t, salary::Mode::Labelled).map_or_else(
            || Salary {
                min: None,
                max: None,
                currency: None,
                period: None,
                text: t.clone(),
            },
            |s| Salary {
                text: t.clone(),
                ..s
            },
        )
    });
    job.skills = obj.list(&mut cx, &["skills"], "skills", |cx, node, src, model| {
        let skill = obj.child(cx, node, src, model, SKILL)?;
        let name = text_field(&skill, cx, "name").unwrap_or_default();
        let mut keywords = list(&skill, cx, "keywords");
        // With keywords, the name labels a group of them ("Web Development": HTML, CSS), as in
        // the schema's own example; alone (`{"name": "Kubernetes"}`) it is the skill asked for.
        if keywords.is_empty() && !name.trim().is_empty() {
            keywords.push(
                vocabulary
                    .canonical(&name)
                    .map_or_else(|| name.trim().to_owned(), str::to_owned),
            );
        }
        Some(JobSkill {
            name,
            level: text_field(&skill, cx, "level"),
            keywords,
        })
    });
    if let Some(meta) = obj.obj(&mut cx, &["meta"], "meta", META) {
        job.meta = JobMeta {
            canonical: text_field(&meta, &mut cx, "canonical"),
            version: text_field(&meta, &mut cx, "version"),
            last_modified: text_field(&meta, &mut cx, "lastModified"),
        };
        if let Some(c) = &job.meta.canonical
            && !is_uri(c)
        {
            let pos = meta.get(&["canonical"]).map_or(root.pos, |(_, n)| n.pos);
            cx.diags.warning(
                "meta.canonical",
                pos,
                format!("`{c}` is not an absolute URL; it is kept but not written back"),
                Some("write the full address, as in https://example.com/jobs/42".to_owned()),
            );
        }
    }
    if let Some(ext) = obj.obj(&mut cx, &[EXT], EXT, EXTENSION) {
        job.nice_to_have = list(&ext, &mut cx, "niceToHave");
        if job.id.is_none() {
            job.id = text_field(&ext, &mut cx, "id");
        }
        job.min_years = ext
            .number(&mut cx, &["minYears"], "minYears")
            .filter(|n| *n >= 0.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX))
            .map(|n| n as u32);
        if let Some(s) = ext.obj(&mut cx, &["salary"], "salary", SALARY) {
            let structured = Salary {
                min: s.number(&mut cx, &["min"], "min"),
                max: s.number(&mut cx, &["max"], "max"),
                currency: text_field(&s, &mut cx, "currency"),
                period: text_field(&s, &mut cx, "period").and_then(|p| Period::parse(&p)),
                text: job
                    .salary
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
            };
            job.salary = Some(structured);
        }
    }
    job.finish(vocabulary);
    Ok(Parsed {
        job,
        format: JobFormat::JsonResume,
        diagnostics: cx.diags.sorted(),
    })
}

fn text_field(obj: &Obj<'_>, cx: &mut Cx, key: &str) -> Option<String> {
    obj.text(cx, &[key], key)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn list(obj: &Obj<'_>, cx: &mut Cx, key: &str) -> Vec<String> {
    obj.text_list(cx, &[key], key)
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

fn date_error(obj: &Obj<'_>, cx: &mut Cx, text: &str, reason: &str) {
    let pos = obj.get(&["date"]).map_or(obj.node.pos, |(_, n)| n.pos);
    cx.diags.error(
        "date",
        pos,
        format!("invalid date `{text}`: {reason}"),
        Some("write the date as YYYY, YYYY-MM or YYYY-MM-DD".to_owned()),
    );
}

/// `scheme:rest` with a scheme as RFC 3986 defines it.
fn is_uri(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && !text.contains(char::is_whitespace)
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

pub(crate) fn write(job: &Job) -> J {
    let mut o = Map::new();
    let put = |o: &mut Map<String, J>, key: &str, value: Option<&str>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            o.insert(key.to_owned(), J::String(v.to_owned()));
        }
    };
    put(&mut o, "title", job.title.as_deref());
    put(&mut o, "company", job.company.as_deref());
    put(
        &mut o,
        "type",
        job.employment_type.as_ref().map(EmploymentType::label),
    );
    if let Some(d) = job.date.filter(|d| (1000..3000).contains(&d.year)) {
        o.insert("date".to_owned(), J::String(d.to_string()));
    }
    put(&mut o, "description", job.description.as_deref());
    if !job.location.is_empty() {
        let mut l = Map::new();
        let loc = &job.location;
        put(&mut l, "address", loc.address.as_deref());
        put(&mut l, "postalCode", loc.postal_code.as_deref());
        put(&mut l, "city", loc.city.as_deref());
        put(&mut l, "countryCode", loc.country_code.as_deref());
        put(&mut l, "region", loc.region.as_deref());
        o.insert("location".to_owned(), J::Object(l));
    }
    put(&mut o, "remote", job.remote.map(Remote::label));
    if let Some(s) = &job.salary {
        let text = if s.text.trim().is_empty() {
            salary_text(s)
        } else {
            s.text.clone()
        };
        put(&mut o, "salary", Some(&text));
    }
    put(
        &mut o,
        "experience",
        job.seniority.as_ref().map(Seniority::label),
    );
    let strings = |items: &[String]| J::Array(items.iter().map(|s| J::String(s.clone())).collect());
    if !job.responsibilities.is_empty() {
        o.insert(
            "responsibilities".to_owned(),
            strings(&job.responsibilities),
        );
    }
    if !job.qualifications.is_empty() {
        o.insert("qualifications".to_owned(), strings(&job.qualifications));
    }
    if !job.skills.is_empty() {
        let skills = job
            .skills
            .iter()
            .map(|s| {
                let mut m = Map::new();
                m.insert("name".to_owned(), J::String(s.name.clone()));
                put(&mut m, "level", s.level.as_deref());
                m.insert("keywords".to_owned(), strings(&s.keywords));
                J::Object(m)
            })
            .collect();
        o.insert("skills".to_owned(), J::Array(skills));
    }
    let mut meta = Map::new();
    put(
        &mut meta,
        "canonical",
        job.meta.canonical.as_deref().filter(|c| is_uri(c)),
    );
    put(&mut meta, "version", job.meta.version.as_deref());
    put(&mut meta, "lastModified", job.meta.last_modified.as_deref());
    if !meta.is_empty() {
        o.insert("meta".to_owned(), J::Object(meta));
    }
    put(&mut o, "url", job.url.as_deref());
    let mut ext = Map::new();
    if let Some(s) = &job.salary {
        let mut m = Map::new();
        if let Some(min) = s.min {
            m.insert("min".to_owned(), number(min));
        }
        if let Some(max) = s.max {
            m.insert("max".to_owned(), number(max));
        }
        put(&mut m, "currency", s.currency.as_deref());
        put(&mut m, "period", s.period.map(Period::as_str));
        if !m.is_empty() {
            ext.insert("salary".to_owned(), J::Object(m));
        }
    }
    if !job.nice_to_have.is_empty() {
        ext.insert("niceToHave".to_owned(), strings(&job.nice_to_have));
    }
    if let Some(years) = job.min_years {
        ext.insert("minYears".to_owned(), J::from(years));
    }
    // The schema has no `id`; it travels in the extension, where the reader finds it again.
    put(&mut ext, "id", job.id.as_deref());
    if !ext.is_empty() {
        o.insert(EXT.to_owned(), J::Object(ext));
    }
    J::Object(o)
}

/// Whole amounts as integers (`150000`, not `150000.0`).
fn number(v: f64) -> J {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        J::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(J::Null, J::Number)
    }
}

/// A salary without its original wording, written the way postings do: `USD 150000–180000 per
/// year`.
fn salary_text(s: &Salary) -> String {
    let amount = |v: f64| {
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            format!("{v:.2}")
        }
    };
    let range = match (s.min, s.max) {
        (Some(a), Some(b)) if a == b => amount(a),
        (Some(a), Some(b)) => format!("{}–{}", amount(a), amount(b)),
        (Some(a), None) => format!("from {}", amount(a)),
        (None, Some(b)) => format!("up to {}", amount(b)),
        (None, None) => String::new(),
    };
    let mut text = match &s.currency {
        Some(c) if !range.is_empty() => format!("{c} {range}"),
        _ => range,
    };
    if let Some(p) = s.period
        && !text.is_empty()
    {
        text.push_str(" per ");
        text.push_str(p.as_str());
    }
    text
}

/// Used by the JSON-LD reader for salaries given only as numbers.
pub(crate) fn salary_from_numbers(
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    period: Option<Period>,
) -> Option<Salary> {
    if min.is_none() && max.is_none() {
        return None;
    }
    let mut s = Salary {
        min,
        max,
        currency,
        period,
        text: String::new(),
    };
    s.text = salary_text(&s);
    Some(s)
}

/// A node's scalar value as a number (JSON-LD often writes amounts as strings).
pub(crate) fn node_number(node: &Node) -> Option<f64> {
    match &node.value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::Str(s) => s.trim().replace(',', "").parse().ok(),
        _ => None,
    }
}
