//! Job descriptions: the [`Job`] model and its readers and writer.
//!
//! This module owns the structured job (the fields of the JSON Resume job schema, plus typed
//! extras: the salary range, the workplace, the seniority, the nice-to-have list), reading one
//! from plain text, from an HTML page (job boards such as LinkedIn, Indeed, Greenhouse and Lever,
//! and generic pages, with their schema.org `JobPosting` JSON-LD when present), from a JSON Resume
//! job document or from bare JSON-LD, and writing the JSON Resume job format. It knows nothing of
//! resumes or of how well one fits a job; matching builds on [`Job`] and on
//! [`crate::keywords::Vocabulary`].
//!
//! Like the rest of the core it is pure and bounded: input over [`MAX_INPUT_BYTES`] is refused,
//! HTML goes through the html5ever tokenizer into a flat list of blocks (scripts, styles and
//! templates dropped) without recursion per nesting level, and no input makes a reader panic.
//! Only a document that cannot be read at all is an error; a JSON Resume job with ill-typed
//! fields is read with diagnostics, each with its line and column.
//!
//! ```
//! let text = "Senior Rust Engineer\nAcme · Berlin, Germany (Hybrid)\n€80k–95k\n\n\
//!             Requirements\n- 5+ years with Rust and PostgreSQL\n- Kubernetes in production\n";
//! let job = vitae_fit::job::parse(text).unwrap();
//! assert_eq!(job.title.as_deref(), Some("Senior Rust Engineer"));
//! assert_eq!(job.company.as_deref(), Some("Acme"));
//! assert_eq!(job.location.city.as_deref(), Some("Berlin"));
//! assert_eq!(job.remote, Some(vitae_fit::job::Remote::Hybrid));
//! assert_eq!(job.salary.as_ref().and_then(|s| s.max), Some(95_000.0));
//! assert_eq!(job.skill_names(), ["Rust", "PostgreSQL", "Kubernetes"]);
//! ```

mod fields;
mod html;
mod json;
mod jsonld;
mod salary;
mod text;

use crate::keywords::Vocabulary;
use serde::Serialize;
use vitae_core::date::PartialDate;
use vitae_core::diag::Diagnostics;
use vitae_core::node::{MAX_INPUT_BYTES, Pos, SyntaxError};

/// A job posting, structured. Field names follow the JSON Resume job schema where it has one
/// (`type` is [`Job::employment_type`], `experience` is [`Job::seniority`], `qualifications` are
/// the requirements).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Job {
    pub title: Option<String>,
    pub company: Option<String>,
    pub employment_type: Option<EmploymentType>,
    /// When the job was posted.
    pub date: Option<PartialDate>,
    pub description: Option<String>,
    pub location: JobLocation,
    pub remote: Option<Remote>,
    pub salary: Option<Salary>,
    pub seniority: Option<Seniority>,
    /// The fewest years of experience the posting asks for.
    pub min_years: Option<u32>,
    pub responsibilities: Vec<String>,
    /// What the candidate must bring: the requirements.
    pub qualifications: Vec<String>,
    /// What would be a plus ("Nice to have", "Preferred qualifications").
    pub nice_to_have: Vec<String>,
    /// Skills named in the posting, grouped by vocabulary category.
    pub skills: Vec<JobSkill>,
    pub meta: JobMeta,
    /// The posting's address.
    pub url: Option<String>,
    /// The job board's identifier of the posting (a JSON job's `id`), to join results back.
    pub id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JobLocation {
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country_code: Option<String>,
    /// State, province or region.
    pub region: Option<String>,
}

impl JobLocation {
    pub fn is_empty(&self) -> bool {
        self.address.is_none()
            && self.postal_code.is_none()
            && self.city.is_none()
            && self.country_code.is_none()
            && self.region.is_none()
    }

    /// "City, Region, CC" with the parts that exist.
    pub fn display(&self) -> String {
        [&self.city, &self.region, &self.country_code]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Where the work happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Remote {
    /// Fully remote.
    Full,
    Hybrid,
    /// On-site ("None" in the JSON Resume schema).
    OnSite,
}

impl Remote {
    /// The JSON Resume schema's value: `Full`, `Hybrid` or `None`.
    pub fn label(self) -> &'static str {
        match self {
            Remote::Full => "Full",
            Remote::Hybrid => "Hybrid",
            Remote::OnSite => "None",
        }
    }

    /// Reads the schema's values and the usual words for them (`remote`, `on-site`, `hybrid`).
    pub fn from_label(text: &str) -> Option<Remote> {
        fields::remote(text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Temporary,
    Internship,
    Volunteer,
    /// Written in a way vitae does not classify; kept as written.
    #[serde(untagged)]
    Other(String),
}

impl EmploymentType {
    pub fn label(&self) -> &str {
        match self {
            EmploymentType::FullTime => "Full-time",
            EmploymentType::PartTime => "Part-time",
            EmploymentType::Contract => "Contract",
            EmploymentType::Temporary => "Temporary",
            EmploymentType::Internship => "Internship",
            EmploymentType::Volunteer => "Volunteer",
            EmploymentType::Other(text) => text,
        }
    }

    /// Classifies a label (`Full-time`, `FULL_TIME`, `Contractor`, `Internship`); anything else
    /// is kept as [`EmploymentType::Other`].
    pub fn from_label(text: &str) -> EmploymentType {
        fields::employment_type(text)
            .unwrap_or_else(|| EmploymentType::Other(text.trim().to_owned()))
    }
}

/// The level of the role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Seniority {
    Intern,
    Junior,
    Mid,
    Senior,
    Lead,
    Staff,
    Principal,
    Manager,
    Director,
    Executive,
    /// Written in a way vitae does not classify; kept as written.
    #[serde(untagged)]
    Other(String),
}

impl Seniority {
    pub fn label(&self) -> &str {
        match self {
            Seniority::Intern => "Intern",
            Seniority::Junior => "Junior",
            Seniority::Mid => "Mid-level",
            Seniority::Senior => "Senior",
            Seniority::Lead => "Lead",
            Seniority::Staff => "Staff",
            Seniority::Principal => "Principal",
            Seniority::Manager => "Manager",
            Seniority::Director => "Director",
            Seniority::Executive => "Executive",
            Seniority::Other(text) => text,
        }
    }

    /// Classifies a label (`Senior`, `Mid-level`, `Entry level`, `Mid-Senior level`); anything
    /// else is kept as [`Seniority::Other`].
    pub fn from_label(text: &str) -> Seniority {
        fields::seniority_label(text).unwrap_or_else(|| Seniority::Other(text.trim().to_owned()))
    }
}

/// What a salary amount is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// How many of it a full-time year holds (40-hour weeks, 260 working days), to compare
    /// an hourly rate with a yearly salary.
    pub fn per_year(self) -> f64 {
        match self {
            Period::Hour => 2080.0,
            Period::Day => 260.0,
            Period::Week => 52.0,
            Period::Month => 12.0,
            Period::Year => 1.0,
        }
    }

    pub fn parse(text: &str) -> Option<Period> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "hour" | "hourly" | "hr" | "h" => Period::Hour,
            "day" | "daily" => Period::Day,
            "week" | "weekly" | "wk" => Period::Week,
            "month" | "monthly" | "mo" => Period::Month,
            "year" | "yearly" | "annual" | "annually" | "yr" | "annum" => Period::Year,
            _ => return None,
        })
    }
}

/// A salary range. A single amount has `min == max`; `up to X` has no `min`, `X+` no `max`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Salary {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// ISO 4217 code (`$` is read as USD).
    pub currency: Option<String>,
    pub period: Option<Period>,
    /// As written in the posting.
    pub text: String,
}

impl Salary {
    /// Reads a salary written as people write one (`120000`, `$120k`, `€60,000 a year`,
    /// `USD 50/hour`, `45.000 € pro Jahr`, `$150k-$180k`): the first amount or range in `text`.
    pub fn parse(text: &str) -> Option<Salary> {
        salary::find(text, salary::Mode::Labelled)
    }

    /// The most it pays in a year, full time (the top of the range, else its bottom), when
    /// it names an amount; an amount with no period is taken as yearly.
    pub fn yearly_top(&self) -> Option<f64> {
        let top = self.max.or(self.min)?;
        Some(top * self.period.unwrap_or(Period::Year).per_year())
    }

    /// The least it pays in a year, full time (the bottom of the range, else its top).
    pub fn yearly_bottom(&self) -> Option<f64> {
        let bottom = self.min.or(self.max)?;
        Some(bottom * self.period.unwrap_or(Period::Year).per_year())
    }
}

/// A group of skills (the JSON Resume job schema's `skills` entries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobSkill {
    pub name: String,
    pub level: Option<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JobMeta {
    pub canonical: Option<String>,
    pub version: Option<String>,
    pub last_modified: Option<String>,
}

impl Job {
    /// Every skill keyword, each once, in order.
    pub fn skill_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for keyword in self.skills.iter().flat_map(|s| &s.keywords) {
            if !names.contains(&keyword.as_str()) {
                names.push(keyword);
            }
        }
        names
    }

    /// Whether nothing was found: no title, company, description, duties, requirements or
    /// skills (a JSON object that is no job, a page without a posting).
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.company.is_none()
            && self
                .description
                .as_deref()
                .is_none_or(|d| d.trim().is_empty())
            && self.responsibilities.is_empty()
            && self.qualifications.is_empty()
            && self.nice_to_have.is_empty()
            && self.skills.is_empty()
    }

    /// The text a matcher should read: title, description, responsibilities, requirements and
    /// nice-to-haves, one per line.
    pub fn text(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        parts.extend(self.title.as_deref());
        parts.extend(self.description.as_deref());
        parts.extend(self.responsibilities.iter().map(String::as_str));
        parts.extend(self.qualifications.iter().map(String::as_str));
        parts.extend(self.nice_to_have.iter().map(String::as_str));
        parts.join("\n")
    }

    /// Fills what this job lacks from `other` (a weaker source of the same posting).
    fn fill(&mut self, other: Job) {
        fn opt<T>(a: &mut Option<T>, b: Option<T>) {
            if a.is_none() {
                *a = b;
            }
        }
        opt(&mut self.title, other.title);
        opt(&mut self.id, other.id);
        opt(&mut self.company, other.company);
        opt(&mut self.employment_type, other.employment_type);
        opt(&mut self.date, other.date);
        opt(&mut self.description, other.description);
        if self.location.is_empty() {
            self.location = other.location;
        }
        opt(&mut self.remote, other.remote);
        opt(&mut self.salary, other.salary);
        opt(&mut self.seniority, other.seniority);
        opt(&mut self.min_years, other.min_years);
        for (mine, theirs) in [
            (&mut self.responsibilities, other.responsibilities),
            (&mut self.qualifications, other.qualifications),
            (&mut self.nice_to_have, other.nice_to_have),
        ] {
            if mine.is_empty() {
                *mine = theirs;
            }
        }
        if self.skills.is_empty() {
            self.skills = other.skills;
        }
        opt(&mut self.meta.canonical, other.meta.canonical);
        opt(&mut self.meta.version, other.meta.version);
        opt(&mut self.meta.last_modified, other.meta.last_modified);
        opt(&mut self.url, other.url);
    }

    /// Derives what can be derived from the rest: seniority from the title, then from the years
    /// asked for; skills from the text when none are given.
    fn finish(&mut self, vocabulary: &Vocabulary) {
        if self.min_years.is_none() {
            self.min_years = self
                .qualifications
                .iter()
                .find_map(|q| fields::min_years(q));
        }
        if self.seniority.is_none() {
            self.seniority = self
                .title
                .as_deref()
                .and_then(fields::seniority_in_title)
                .or_else(|| self.min_years.map(fields::seniority_from_years));
        }
        if self.skills.is_empty() {
            self.skills = skill_groups(vocabulary, &self.text());
        }
    }
}

/// The skills named in `text`, grouped by category in order of first mention.
fn skill_groups(vocabulary: &Vocabulary, text: &str) -> Vec<JobSkill> {
    let mut groups: Vec<JobSkill> = Vec::new();
    for found in vocabulary.find(text) {
        let group = match groups.iter().position(|g| g.name == found.category) {
            Some(i) => &mut groups[i],
            None => {
                groups.push(JobSkill {
                    name: found.category.to_owned(),
                    level: None,
                    keywords: Vec::new(),
                });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        if !group.keywords.iter().any(|k| k == found.canonical) {
            group.keywords.push(found.canonical.to_owned());
        }
    }
    groups
}

/// Why a job description could not be read at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JobError {
    #[error("the job description is {size} bytes, more than the {limit} byte limit")]
    TooLarge { size: usize, limit: usize },
    #[error("the job description is empty")]
    Empty,
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
    #[error("expected a JSON object describing one job, found {found}")]
    NotAJob { found: String, pos: Pos },
}

impl JobError {
    pub fn pos(&self) -> Pos {
        match self {
            JobError::TooLarge { .. } | JobError::Empty => Pos::new(1, 1),
            JobError::Syntax(e) => e.pos,
            JobError::NotAJob { pos, .. } => *pos,
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            JobError::TooLarge { .. } => Some(
                "a job posting is a few kilobytes; save the posting's text, not the whole site",
            ),
            JobError::Empty => Some("pass the posting as plain text, HTML or a JSON Resume job"),
            JobError::Syntax(e) => e.hint.as_deref(),
            JobError::NotAJob { .. } => {
                Some("a JSON job is a JSON Resume job object or schema.org JobPosting JSON-LD")
            }
        }
    }
}

/// The kind of document a job description came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum JobFormat {
    Text,
    Html,
    JsonResume,
    /// schema.org `JobPosting` as JSON-LD.
    JsonLd,
}

/// A job read from a document, with the problems found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub job: Job,
    pub format: JobFormat,
    /// Problems with a JSON Resume job's fields (never an error: the job is still read).
    pub diagnostics: Diagnostics,
}

/// How to read a job.
#[derive(Debug, Clone, Copy)]
pub struct Options<'v> {
    /// The skills to look for; [`Vocabulary::builtin`] by default.
    pub vocabulary: &'v Vocabulary,
}

impl Default for Options<'static> {
    fn default() -> Self {
        Options {
            vocabulary: Vocabulary::builtin(),
        }
    }
}

/// Reads a job description in any supported format (see [`detect`]).
pub fn parse(text: &str) -> Result<Job, JobError> {
    read(text, &Options::default()).map(|r| r.job)
}

/// Reads a job description in any supported format, with the diagnostics of a JSON job.
pub fn read(text: &str, options: &Options<'_>) -> Result<Parsed, JobError> {
    check(text)?;
    let format = detect(text);
    let job = match format {
        JobFormat::Text => text::parse(&unescaped_lines(text), options.vocabulary),
        JobFormat::Html => html::parse(text, options.vocabulary),
        JobFormat::JsonResume => return json::read(text, options.vocabulary),
        JobFormat::JsonLd => jsonld::read_document(text, options.vocabulary)?,
    };
    Ok(Parsed {
        job,
        format,
        diagnostics: Diagnostics::new(),
    })
}

/// A posting whose line breaks arrived escaped (`Title\\nRequirements:\\n- Python`, as a
/// JSON string escaped twice, or an API example copied from its documentation) with them
/// restored; any other text as it is. Only a text with no line break of its own and at least
/// two `\\n` is taken for escaped.
fn unescaped_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\n') || text.matches("\\n").count() < 2 {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.replace("\\r\\n", "\n")
            .replace("\\n", "\n")
            .replace("\\t", "\t"),
    )
}

/// Reads a plain-text posting (as copied from a job board, or written by hand).
pub fn parse_text(text: &str, options: &Options<'_>) -> Result<Job, JobError> {
    check(text)?;
    Ok(text::parse(&unescaped_lines(text), options.vocabulary))
}

/// Reads an HTML page. Broken markup still yields a job.
pub fn parse_html(html: &str, options: &Options<'_>) -> Result<Job, JobError> {
    check(html)?;
    Ok(html::parse(html, options.vocabulary))
}

/// Reads a JSON Resume job document (`jsonresume/job-schema.json`).
pub fn parse_json_resume_job(text: &str, options: &Options<'_>) -> Result<Parsed, JobError> {
    check(text)?;
    json::read(text, options.vocabulary)
}

/// Reads a salary as written in a salary field (`$150,000 - $180,000 a year`, `€60k–75k`,
/// `USD 70/hour`, `100000`).
pub fn parse_salary(text: &str) -> Option<Salary> {
    salary::find(text, salary::Mode::Labelled)
}

/// The job as a JSON Resume job document. What the schema cannot hold (the salary as numbers,
/// the nice-to-haves, the minimum years) goes into an `x-vitae` object.
pub fn to_json_resume_job(job: &Job) -> serde_json::Value {
    json::write(job)
}

/// Guesses the format from the content: JSON (`{` or `[`) with `@context` or `@type` is JSON-LD,
/// other JSON a JSON Resume job; a document that starts with `<` or has HTML tags near the top is
/// HTML; anything else is text.
pub fn detect(text: &str) -> JobFormat {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let head = prefix(t, 4096);
    if t.starts_with('[') || t.starts_with('{') {
        if t.starts_with('[') || head.contains("\"@type\"") || head.contains("\"@context\"") {
            return JobFormat::JsonLd;
        }
        return JobFormat::JsonResume;
    }
    if t.starts_with('<') || html::has_tags(prefix(t, 2048)) {
        return JobFormat::Html;
    }
    JobFormat::Text
}

/// The longest prefix of `text` of at most `n` bytes that ends on a character boundary.
fn prefix(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn check(text: &str) -> Result<(), JobError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(JobError::TooLarge {
            size: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if text
        .chars()
        .all(|c| c.is_whitespace() || c == '\u{feff}' || c == '\0')
    {
        return Err(JobError::Empty);
    }
    Ok(())
}
