//! schema.org `JobPosting` structured data (JSON-LD), as Greenhouse, Lever, LinkedIn, Indeed and
//! most career sites embed it for search engines: the title, the hiring organisation, the place
//! (`jobLocation`, or `jobLocationType: TELECOMMUTE` for remote work), the salary
//! (`baseSalary` as a `MonetaryAmount`), the employment type, the date posted and the description
//! as HTML, which is read like a page's text for its sections and lists.
//!
//! The JSON goes through the core's bounded located parser; the search for the posting in
//! `@graph`s and arrays uses an explicit stack.

use super::fields;
use super::html;
use super::json::{node_number, salary_from_numbers};
use super::text::{self, Kind};
use super::{EmploymentType, Job, JobError, JobLocation, Period, Remote};
use crate::keywords::Vocabulary;
use vitae_core::date::PartialDate;
use vitae_core::node::{self, Node, Value};

/// A bare JSON-LD document (a `.jsonld` file, or JSON copied from a page).
pub(crate) fn read_document(text: &str, vocabulary: &Vocabulary) -> Result<Job, JobError> {
    let root = node::parse_json(text)?;
    let Some(posting) = find_posting(&root) else {
        return Err(JobError::NotAJob {
            found: "JSON-LD without a JobPosting".to_owned(),
            pos: root.pos,
        });
    };
    let mut job = from_posting(posting);
    job.finish(vocabulary);
    Ok(job)
}

/// The posting in one `<script type="application/ld+json">` of a page, if it holds one.
pub(crate) fn posting_in_script(script: &str) -> Option<Job> {
    // Some sites wrap the JSON in an HTML comment or CDATA section.
    let t = script.trim();
    let t = t.strip_prefix("<!--").unwrap_or(t);
    let t = t.strip_suffix("-->").unwrap_or(t).trim();
    let t = t.strip_prefix("//<![CDATA[").unwrap_or(t);
    let t = t.strip_suffix("//]]>").unwrap_or(t);
    let root = node::parse_json(t).ok()?;
    find_posting(&root).map(from_posting)
}

fn is_posting(node: &Node) -> bool {
    let posting = |v: &Node| {
        v.scalar_text().is_some_and(|t| {
            let t = t.trim();
            t.eq_ignore_ascii_case("JobPosting")
                || t.ends_with("/JobPosting")
                || t.ends_with(":JobPosting")
        })
    };
    match node.get("@type") {
        Some(Node {
            value: Value::Seq(types),
            ..
        }) => types.iter().any(posting),
        Some(t) => posting(t),
        None => false,
    }
}

/// The first `JobPosting` object anywhere in the document.
fn find_posting(root: &Node) -> Option<&Node> {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                if is_posting(node) {
                    return Some(node);
                }
                stack.extend(entries.iter().rev().map(|e| &e.value));
            }
            Value::Seq(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    None
}

/// Text of a scalar, with HTML entities and tags removed.
fn text_of(node: &Node) -> Option<String> {
    let t = node.scalar_text()?;
    let t = if t.contains(['<', '&']) {
        html::plain(&t)
    } else {
        text::collapse(&t)
    };
    (!t.is_empty()).then_some(t)
}

/// A value that may be one object or a list of them: the first.
fn first(node: &Node) -> &Node {
    match &node.value {
        Value::Seq(items) => items.first().unwrap_or(node),
        _ => node,
    }
}

fn name_of(node: &Node) -> Option<String> {
    let node = first(node);
    match &node.value {
        Value::Map(_) => node.get("name").and_then(text_of),
        _ => text_of(node),
    }
}

fn from_posting(p: &Node) -> Job {
    let get = |key: &str| p.get(key).filter(|n| !n.is_null());
    let mut job = Job {
        title: get("title").or_else(|| get("name")).and_then(text_of),
        company: get("hiringOrganization").and_then(name_of),
        url: get("url").and_then(text_of),
        ..Job::default()
    };
    if let Some(types) = get("employmentType") {
        let all: Vec<String> = match &types.value {
            Value::Seq(items) => items.iter().filter_map(text_of).collect(),
            _ => text_of(types).into_iter().collect(),
        };
        job.employment_type = all
            .iter()
            .find_map(|t| fields::employment_type(t))
            .or_else(|| {
                all.iter()
                    .find(|t| !t.eq_ignore_ascii_case("other"))
                    .map(|t| EmploymentType::Other(t.clone()))
            });
    }
    if let Some(date) = get("datePosted").and_then(text_of)
        && let Ok(d) = PartialDate::parse(date.get(..10).unwrap_or(&date))
        && (1000..3000).contains(&d.year)
    {
        job.date = Some(d);
    }
    if get("jobLocationType")
        .and_then(|t| first(t).scalar_text())
        .is_some_and(|t| t.to_ascii_uppercase().contains("TELECOMMUTE"))
    {
        job.remote = Some(Remote::Full);
    }
    if let Some(place) = get("jobLocation") {
        job.location = location(first(place));
    }
    if job.location.country_code.is_none()
        && let Some(country) = get("applicantLocationRequirements").and_then(name_of)
        && let Some(code) = fields::country_code(&country)
    {
        job.location.country_code = Some(code.to_owned());
    }
    job.salary = get("baseSalary")
        .or_else(|| get("estimatedSalary"))
        .and_then(|s| salary(first(s)));
    if let Some(exp) = get("experienceRequirements") {
        match exp.get("monthsOfExperience").and_then(node_number) {
            Some(months) if (12.0..600.0).contains(&months) => {
                job.min_years = Some((months / 12.0).floor() as u32);
            }
            _ => job.qualifications.extend(list(exp)),
        }
    }
    if let Some(value) = get("responsibilities") {
        job.responsibilities.extend(list(value));
    }
    for key in ["qualifications", "educationRequirements"] {
        if let Some(value) = get(key) {
            job.qualifications.extend(list(value));
        }
    }
    let mut from_text = get("description")
        .and_then(|d| d.scalar_text())
        .map(|d| text::read_blocks(&html::fragment_blocks(&d)))
        .unwrap_or_default();
    // schema.org `skills` is free text ("Python, Kubernetes"); it joins the description so the
    // vocabulary finds its skills.
    if let Some(skills) = get("skills") {
        let skills = list(skills).join(", ");
        if !skills.is_empty() {
            let text = from_text.description.take().unwrap_or_default();
            from_text.description = Some(if text.is_empty() {
                format!("Skills: {skills}")
            } else {
                format!("{text}\n\nSkills: {skills}")
            });
        }
    }
    job.fill(from_text);
    job
}

/// A text or HTML value (or a list of them) as list entries.
fn list(node: &Node) -> Vec<String> {
    let values: Vec<String> = match &node.value {
        Value::Seq(items) => items.iter().filter_map(|n| n.scalar_text()).collect(),
        Value::Map(_) => node
            .get("name")
            .or_else(|| node.get("credentialCategory"))
            .and_then(|n| n.scalar_text())
            .into_iter()
            .collect(),
        _ => node.scalar_text().into_iter().collect(),
    };
    values
        .iter()
        .flat_map(|v| html::fragment_blocks(v))
        .filter(|b| matches!(b.kind, Kind::Item | Kind::Para))
        .flat_map(|b| text::items(&b.text, b.kind))
        .collect()
}

fn location(place: &Node) -> JobLocation {
    let Some(address) = place.get("address") else {
        return place
            .get("name")
            .and_then(text_of)
            .and_then(|n| fields::location(&n, true))
            .map(|(l, _)| l)
            .unwrap_or_default();
    };
    let address = first(address);
    if let Some(text) = text_of(address).filter(|_| address.as_map().is_none()) {
        return fields::location(&text, true)
            .map(|(l, _)| l)
            .unwrap_or_default();
    }
    let text = |key: &str| address.get(key).and_then(text_of);
    let country = address.get("addressCountry").and_then(name_of);
    JobLocation {
        address: text("streetAddress"),
        postal_code: text("postalCode"),
        city: text("addressLocality"),
        country_code: country
            .as_deref()
            .and_then(fields::country_code)
            .map(str::to_owned)
            .or_else(|| {
                country
                    .filter(|c| c.len() == 2)
                    .map(|c| c.to_ascii_uppercase())
            }),
        region: text("addressRegion"),
    }
}

/// A `MonetaryAmount`: a currency and a number or a `QuantitativeValue` range.
fn salary(amount: &Node) -> Option<super::Salary> {
    let currency = amount
        .get("currency")
        .and_then(|c| c.scalar_text())
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()));
    let value = amount.get("value")?;
    let (min, max, unit) = match &value.value {
        Value::Map(_) => {
            let single = value.get("value").and_then(node_number);
            (
                value.get("minValue").and_then(node_number).or(single),
                value.get("maxValue").and_then(node_number).or(single),
                value
                    .get("unitText")
                    .or_else(|| amount.get("unitText"))
                    .and_then(|u| u.scalar_text()),
            )
        }
        _ => {
            let v = node_number(value);
            (v, v, amount.get("unitText").and_then(|u| u.scalar_text()))
        }
    };
    let valid = |v: Option<f64>| v.filter(|v| v.is_finite() && *v > 0.0);
    salary_from_numbers(
        valid(min),
        valid(max),
        currency,
        unit.and_then(|u| Period::parse(&u)),
    )
}
