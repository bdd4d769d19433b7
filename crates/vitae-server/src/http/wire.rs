//! The job-fit answers as the API promises them: the server's own wire types, each documented in
//! the OpenAPI document with its real schema.
//!
//! An answer of a use case (vitae-app) is turned into its wire type through its JSON form
//! ([`reshape`]), and every wire struct denies fields it does not declare: when the engine's
//! answers grow a field, the tests fail here until the API decides to carry it, so the document
//! can never describe less than what is sent — nor more, since the fields are the same structs.

use crate::error::ApiError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An answer as its wire type.
pub fn reshape<T: DeserializeOwned>(answer: &impl Serialize) -> Result<T, ApiError> {
    let value =
        serde_json::to_value(answer).map_err(|e| ApiError::failed("an answer as JSON", e))?;
    serde_json::from_value(value)
        .map_err(|e| ApiError::failed("an answer does not match its wire type", e))
}

/// A resume in the native JSON shape. Its schema in the OpenAPI document is the native format's
/// own JSON Schema (the one `vitae schema` prints), put in place by [`super::openapi_json`]:
/// utoipa cannot express it, and writing it a second time in Rust would let the two drift.
pub struct NativeResume;

impl utoipa::PartialSchema for NativeResume {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .description(Some("The native vitae resume format"))
            .into()
    }
}

impl ToSchema for NativeResume {}

// ---- How a result was produced ------------------------------------------------------------------

/// Which path produced a result.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Method {
    /// A language model's output, verified against the resume.
    Llm { provider: Provider, model: String },
    /// The deterministic result, truthful by construction.
    Deterministic,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    #[serde(rename = "openai")]
    OpenAi,
    Anthropic,
}

/// What the model step spent.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// HTTP requests sent, retries included.
    pub requests: u64,
    pub retries: u64,
    /// Replies served from the cache, with no request.
    pub cache_hits: u64,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
}

/// A claim the verifier rejected: where, what, and why.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Violation {
    pub kind: ViolationKind,
    /// Where in the checked document (`experience[0].bullets[2]`, `paragraphs[1]`).
    pub path: String,
    /// The text that is not supported.
    pub found: String,
    pub message: String,
    /// The source place it was compared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maps_to: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    Contact,
    Employer,
    Title,
    Date,
    Location,
    Degree,
    Institution,
    Number,
    Skill,
    Bullet,
    Text,
    Project,
    Certification,
    Publication,
    Award,
    Entry,
}

// ---- /v1/ats/check ------------------------------------------------------------------------------

/// `/v1/ats/check`: the score, every category with its checks and evidence, the keywords, and how
/// the keywords were read.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AtsBody {
    pub method: Method,
    /// Why the model's reading was not used, when it was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
    pub rejected: Vec<Violation>,
    pub usage: Usage,
    /// 0–100.
    pub score: f64,
    /// The variant checked (its full key).
    pub variant: String,
    pub job_title: Option<String>,
    /// The theme whose PDF text layer was read back; `null` when not rendered.
    pub theme: Option<String>,
    /// The points earned out of `total_possible` (resume-cli's field): the same as `score`.
    pub total_score: f64,
    /// 100: the weights are scaled to it.
    pub total_possible: f64,
    /// `total_score` on `total_possible`, as a percentage: the same as `score`.
    pub overall_percentage: f64,
    /// One sentence: the score, how it reads, and where most points are lost.
    pub summary: String,
    /// By name, in this order: `format_parsing`, `keywords`, `section_structure`,
    /// `contact_info`, `readability` (resume-cli's names; `id` is vitae's).
    #[schema(value_type = std::collections::BTreeMap<String, Category>)]
    pub categories: indexmap::IndexMap<String, Category>,
    /// Every category's suggestions, the category losing the most points first.
    pub recommendations: Vec<String>,
    pub keywords: KeywordReport,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    /// The category's share of 100.
    pub weight: f64,
    /// Points earned, 0 to `weight`.
    pub score: f64,
    pub checks: Vec<Check>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub suggestions: Vec<String>,
    /// `weight` again, under resume-cli's name.
    pub max_score: f64,
    /// `score` on `max_score`, as a percentage.
    pub percentage: f64,
    /// Each check and its measurement, as sentences (resume-cli's list).
    pub details: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CategoryId {
    Format,
    Keywords,
    Sections,
    Contact,
    Readability,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub id: String,
    pub what: String,
    pub status: Status,
    pub passed: bool,
    pub points: f64,
    pub max: f64,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Passed,
    Partial,
    Failed,
    Skipped,
}

/// A place in the resume a check or keyword points at.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// `experience`, `skills`, `header`, or a custom section's title.
    pub section: String,
    /// The entry: a company, a project, a skill category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// The bullet's number within its entry, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bullet: Option<u64>,
    /// The model path in the source resume (`experience[2].bullets[0]`).
    pub path: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeywordReport {
    pub matched: Vec<KeywordHit>,
    /// In the source resume, but not in what this variant shows.
    pub missing_in_variant: Vec<KeywordMiss>,
    /// Nowhere in the resume: only for the candidate to add if it is true.
    pub missing_from_resume: Vec<KeywordMiss>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeywordHit {
    pub skill: String,
    pub importance: Importance,
    pub found: Vec<Evidence>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeywordMiss {
    pub skill: String,
    pub importance: Importance,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_source: Vec<Evidence>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Importance {
    Required,
    Responsibility,
    Listed,
    NiceToHave,
}

// ---- /v1/tailor ---------------------------------------------------------------------------------

/// `/v1/tailor` (JSON): the tailored resume, what was chosen and why, and its verification. The
/// tailored resume's top-level fields are also sent beside these (as resume-cli's API answered
/// the tailored resume itself).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TailorBody {
    pub method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
    pub rejected: Vec<Violation>,
    pub usage: Usage,
    pub variant_key: String,
    /// The tailored resume in the native JSON shape.
    #[schema(value_type = NativeResume)]
    pub resume: serde_json::Value,
    /// Native YAML to keep: the source with the tailored variant added, or (when the model's
    /// rephrasing was used) the tailored resume itself.
    pub source_yaml: String,
    pub explanation: Explanation,
    pub verification: Verification,
}

/// The answer of `/v1/tailor` as sent: `body`'s fields, and beside them the tailored resume's own
/// top-level fields (`contact`, `experience`...), which is what resume-cli's API answered, so its
/// clients read the tailored resume where they read it before. A resume field named like one of
/// vitae's (`method`, `usage`...) is only in `resume`.
pub fn with_resume_fields(body: TailorBody) -> Result<serde_json::Value, ApiError> {
    let resume = body.resume.as_object().cloned().unwrap_or_default();
    let mut value =
        serde_json::to_value(body).map_err(|e| ApiError::failed("an answer as JSON", e))?;
    if let Some(map) = value.as_object_mut() {
        for (key, field) in resume {
            map.entry(key).or_insert(field);
        }
    }
    Ok(value)
}

/// What deterministic tailoring chose and why.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    pub job: JobHeading,
    pub starting_variant: String,
    pub variant_key: String,
    pub order: Order,
    pub max_bullets_per_job: u64,
    pub min_bullets_per_job: u64,
    /// The job's terms, heaviest first.
    pub terms: Vec<JobTerm>,
    pub summary: Option<SummaryChoice>,
    pub skills: Vec<SectionChoice>,
    pub experience: Vec<EntryChoice>,
    pub projects: Vec<ProjectChoice>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobHeading {
    pub title: Option<String>,
    pub company: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Relevance,
    Source,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobTerm {
    pub term: String,
    pub kind: TermKind,
    pub weight: f64,
    pub from: JobPart,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    Skill,
    Word,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobPart {
    Title,
    Qualifications,
    Responsibilities,
    NiceToHave,
    Description,
    Skills,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryChoice {
    pub chosen: String,
    pub reason: String,
    pub candidates: Vec<SummaryCandidate>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryCandidate {
    pub key: String,
    pub score: f64,
    pub matched: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionChoice {
    pub name: String,
    pub score: f64,
    pub kept: bool,
    /// Its position in the starting variant, from 1.
    pub was: u64,
    /// Its position in the tailored resume, from 1, when kept.
    pub now: Option<u64>,
    pub skills: Vec<SkillChoice>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillChoice {
    pub name: String,
    pub score: f64,
    pub matched: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryChoice {
    pub path: String,
    pub company: String,
    pub title: Option<String>,
    pub kept: u64,
    pub of: u64,
    pub bullets: Vec<BulletChoice>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulletChoice {
    /// The bullet's model path in the source.
    pub source: String,
    pub text: String,
    pub score: f64,
    pub matched: Vec<String>,
    pub decision: Decision,
    pub position: Option<u64>,
    pub in_starting_variant: bool,
    /// A quantified achievement matching the job: its score is doubled.
    pub quantified: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Kept,
    Filled,
    OverCap,
    NoMatch,
    Excluded,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectChoice {
    pub source: String,
    pub name: String,
    pub score: f64,
    pub matched: Vec<String>,
    pub skills: u64,
    pub chosen: bool,
    pub position: Option<u64>,
}

/// The check of a tailored resume against its source.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub violations: Vec<Violation>,
    pub mapped_bullets: Vec<MappedBullet>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MappedBullet {
    pub candidate: String,
    pub source: String,
    /// 1 for a verbatim copy; otherwise the share of the candidate's content found in the source.
    pub similarity: f64,
}

// ---- /v1/cover-letter ---------------------------------------------------------------------------

/// `/v1/cover-letter` (JSON): the structured letter, its plain text, and how it was written.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LetterBody {
    pub method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
    pub rejected: Vec<Violation>,
    pub usage: Usage,
    pub letter: Letter,
    /// The letter as plain text.
    pub text: String,
    /// The letter as a document in `format` (resume-cli's field): text formats as text, PDF,
    /// DOCX and PNG (its first page) in base64.
    pub content: String,
    /// The format of `content`: the request's `format`, `md` when it names none (or `json`).
    pub format: String,
    /// The company the letter is addressed to (`company_name`, else the posting's; empty when
    /// neither names one).
    pub company: String,
    /// The job's title, from the posting (empty when it gives none).
    pub position: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    /// The language of the letter's own phrases (`locale`: en, de, fr or es); what it quotes
    /// from the resume is as the resume says it.
    pub language: LetterLanguage,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub recipient: Vec<String>,
    pub subject: Option<String>,
    pub greeting: String,
    pub paragraphs: Vec<Paragraph>,
    pub closing: String,
    pub signature: String,
    /// Where the header's and signature's facts came from.
    pub sources: Vec<Trace>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LetterLanguage {
    En,
    De,
    Fr,
    Es,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
    /// Where each fact of the paragraph came from (empty for a model-written body).
    pub sources: Vec<Trace>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Opening,
    Achievements,
    Summary,
    Skills,
    Closing,
}

/// A fact and where it was copied from.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Trace {
    pub from: Origin,
    /// `experience[0].bullets[2]`, `job.title`, `options.recipient_name`...
    pub path: String,
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Resume,
    Job,
    Options,
}

// ---- /v1/match ----------------------------------------------------------------------------------

/// `/v1/match`: the postings, best first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchBody {
    pub method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
    pub rejected: Vec<Violation>,
    pub usage: Usage,
    pub ranked: Vec<Ranked>,
    /// The postings left out: for an excluded keyword (`exclude_keywords`), or for pay under
    /// `min_salary`.
    pub excluded: Vec<Excluded>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Excluded {
    /// The posting's position in `jobs`.
    pub index: u64,
    pub title: Option<String>,
    pub company: Option<String>,
    /// The excluded word or phrase the posting says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    /// The posting's pay as written, when that is under `min_salary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    /// Why, in a sentence.
    pub reason: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Ranked {
    /// The posting's position in `jobs`.
    pub index: u64,
    /// 0–100: the sum of the reasons' points.
    pub score: f64,
    pub title: Option<String>,
    pub company: Option<String>,
    /// The job's own `id` (a JSON job's), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The posting's address, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The job's skills the resume has.
    pub matched: Vec<String>,
    /// The job's required skills the resume lacks.
    pub missing: Vec<String>,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub kind: ReasonKind,
    pub points: f64,
    pub max: f64,
    pub detail: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    RequiredSkills,
    Skills,
    NiceToHaveSkills,
    /// The posting's weighted words against the whole resume.
    Text,
    Title,
    Seniority,
    BestBullets,
    Location,
    /// What the candidate prefers (`prefer`).
    Preferences,
}

// ---- /v1/jobs/parse -----------------------------------------------------------------------------

/// A job in the JSON Resume job format, with vitae's typed extras under `x-vitae`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Employment type: `Full-time`, `Part-time`, `Contract`...
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// When the job was posted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<JobLocation>,
    /// `Full`, `Hybrid` or `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    /// Seniority: `Senior`, `Mid-level`...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsibilities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<JobSkill>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<JobMeta>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, rename = "x-vitae", skip_serializing_if = "Option::is_none")]
    pub extension: Option<JobExtension>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobLocation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobSkill {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// What the JSON Resume job schema has no field for.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobExtension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<SalaryRange>,
    /// What would be a plus.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nice_to_have: Vec<String>,
    /// The fewest years of experience the posting asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_years: Option<u64>,
    /// The job board's identifier of the posting, when the job carried one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SalaryRange {
    // Numbers as written: whole amounts stay integers (`150000`, not `150000.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<f64>)]
    pub min: Option<serde_json::Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<f64>)]
    pub max: Option<serde_json::Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// `hour`, `day`, `week`, `month` or `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_the_wire_type_does_not_declare_is_refused() {
        let answer = serde_json::json!({"kind": "llm", "provider": "openai", "model": "m", "x": 1});
        assert!(reshape::<Method>(&answer).is_err());
        let answer = serde_json::json!({"kind": "llm", "provider": "openai", "model": "m"});
        assert!(reshape::<Method>(&answer).is_ok());
        let answer = serde_json::json!({"section": "skills", "path": "skills[0]", "text": "Go",
                                        "surprise": true});
        assert!(reshape::<Evidence>(&answer).is_err());
        let answer = serde_json::json!({"section": "skills", "path": "skills[0]", "text": "Go"});
        assert!(reshape::<Evidence>(&answer).is_ok());
    }
}
