//! Request bodies that carry a resume, and the render options that travel with them.
//!
//! A body is one of:
//! - JSON with the resume under `resume_data` (the native shape; the seed system's field),
//!   `json_resume` (JSON Resume) or `resume` (any format, detected), beside options such as
//!   `variant` and `theme`;
//! - a resume document itself, JSON or YAML (`Content-Type: application/yaml`), in any format,
//!   with options in the query string.
//!
//! Parsing uses the core's located parser, so every problem is reported with its line and
//! column in the body and its path (`resume_data.experience[0].start_date`). Parsing is CPU
//! work on untrusted input of up to the body limit: it runs on the work pool.

use crate::error::{ApiError, Problem};
use crate::{AppState, media};
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use vitae_core::format::{Format, Syntax};
use vitae_core::model::Resume;
use vitae_core::node::{Node, Value};
use vitae_core::{Loaded, PartialDate, ReadError, Severity};
use vitae_render::{
    Columns, DateStyle, LinkStyle, Paper, RenderOptions, SectionTitles, Theme, TypesetOptions,
};

/// How the body says it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Yaml,
    /// No content type: JSON when it starts with `{`, else YAML.
    Unknown,
}

/// A request body read up to the configured limit.
#[derive(Debug, Clone)]
pub struct RawBody {
    pub bytes: Bytes,
    pub kind: BodyKind,
}

impl FromRequest<AppState> for RawBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let limit = state.config.body_limit;
        let kind = match req.headers().get(header::CONTENT_TYPE) {
            None => BodyKind::Unknown,
            Some(value) => {
                let value = value.to_str().unwrap_or_default();
                match media::essence(value).as_str() {
                    "application/json" => BodyKind::Json,
                    t if media::is_yaml(t) => BodyKind::Yaml,
                    t if t.ends_with("+json") => BodyKind::Json,
                    _ => {
                        return Err(ApiError::UnsupportedMediaType(format!(
                            "cannot read a `{value}` body; send application/json or application/yaml"
                        )));
                    }
                }
            }
        };
        // Refuse a declared oversize body before reading any of it.
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > limit) {
            return Err(ApiError::TooLarge { limit });
        }
        let body = Limited::new(req.into_body(), limit);
        let bytes = match body.collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(e) if e.is::<LengthLimitError>() => return Err(ApiError::TooLarge { limit }),
            Err(e) if body_timed_out(&*e) => {
                return Err(ApiError::RequestTimeout(format!(
                    "the request body did not arrive within {} s; send it at once",
                    state.config.body_timeout.as_secs_f64()
                )));
            }
            Err(e) => {
                return Err(ApiError::BadParameter(format!(
                    "could not read the request body: {e}"
                )));
            }
        };
        Ok(RawBody { bytes, kind })
    }
}

/// Whether reading a body failed because its deadline passed (the router's body layer).
fn body_timed_out(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(e) = next {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        next = e.source();
    }
    false
}

/// The resolution of a PNG page when the request names none.
pub const DEFAULT_DPI: f64 = 150.0;

/// Options of a render, from the query string and (for JSON bodies) the body; the body wins.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RenderParams {
    /// Variant key or short name (default: `base`, or the first variant).
    pub variant: Option<String>,
    /// Theme of PDF, PNG and Typst output (see `GET /v1/themes`).
    pub theme: Option<String>,
    /// Language of headings, months and labels (`en`, `de`, `fr`, `ja`, `ar`...).
    pub locale: Option<String>,
    /// Page size: `a4` or `letter`.
    pub page: Option<String>,
    /// Accent colour, `#rrggbb`.
    pub accent: Option<String>,
    /// Font family (one of `GET /v1/themes` → `fonts`).
    pub font: Option<String>,
    /// Body text size in points (7–14).
    pub font_size: Option<f64>,
    /// Page margins in millimetres (5–40).
    pub margin: Option<f64>,
    /// Fit the PDF or PNG on at most this many pages (1–20): type, spacing and margins are set
    /// smaller, never below 8 pt type and 10 mm margins; 422 when that is not enough.
    #[schema(value_type = Option<u32>, minimum = 1, maximum = 20)]
    #[param(value_type = Option<u32>, minimum = 1, maximum = 20)]
    pub pages: Option<f64>,
    /// PNG resolution (10–600, default 150).
    pub dpi: Option<f64>,
    /// PNG: which page to return, from 1 (default 1; `X-Page-Count` gives the count).
    /// A number like the others, so the query and the body are read alike and checked in one
    /// place ([`RenderParams::options`]); never used in arithmetic before that check.
    #[schema(value_type = Option<u32>, minimum = 1, maximum = 2147483647)]
    #[param(value_type = Option<u32>, minimum = 1, maximum = 2147483647)]
    pub page_number: Option<f64>,
    /// The document date (PDF metadata), `YYYY-MM-DD`. Default: today.
    pub date: Option<String>,
    /// Section titles: `rule`, `partial`, `plain` or `bar` (default: the source's
    /// `design.section_titles`, else the theme's).
    pub section_titles: Option<String>,
    /// Where entries put their dates: `inline` (after the title), `end` or `start` (a column of
    /// fixed width, with the location and short degrees in columns of their own).
    pub columns: Option<String>,
    /// Dates: `short` (Jan 2020), `long` (January 2020), `numeric` (01/2020) or `year`.
    pub dates: Option<String>,
    /// Web addresses in the header: `short` (maya.dev) or `full`.
    pub links: Option<String>,
    /// Page numbers on documents of more than one page (default: true).
    pub page_numbers: Option<bool>,
    /// A "Last updated" line on the first page (default: false).
    pub last_updated: Option<bool>,
    /// The photo, when `basics.image` holds one as a data URL (default: true).
    pub photo: Option<bool>,
    /// An icon before each contact item in the header (default: false).
    pub icons: Option<bool>,
}

/// A range a number must be in, as JSON Schema.
pub fn range(r: &std::ops::RangeInclusive<f64>) -> serde_json::Value {
    serde_json::json!({ "minimum": r.start(), "maximum": r.end() })
}

/// What each render option takes, as JSON Schema, from the lists and ranges the engine checks
/// against ([`RenderParams::options`]): the OpenAPI document states them on the options' schema
/// and query parameters, so a client (or a fuzzer) learns the theme names and the ranges from the
/// document instead of from a 422. The names are the canonical ones; the server also takes them
/// in any case and a few other spellings (`a4paper`). `locale` gets its codes in a description,
/// not a list: a tag with a region (`de-AT`) falls back to its language.
pub fn option_rules() -> Vec<(&'static str, serde_json::Value)> {
    use serde_json::json;
    macro_rules! names {
        ($t:ty) => {
            json!({ "enum": <$t>::ALL.iter().map(|c| c.name()).collect::<Vec<_>>() })
        };
    }
    vec![
        ("theme", names!(Theme)),
        ("page", names!(Paper)),
        ("section_titles", names!(SectionTitles)),
        ("columns", names!(Columns)),
        ("dates", names!(DateStyle)),
        ("links", names!(LinkStyle)),
        ("font", json!({ "enum": vitae_render::fonts() })),
        (
            "locale",
            json!({ "description": format!(
                "Language of headings, months and labels: {} (a tag with a region, `de-AT`, falls back to its language)",
                vitae_render::locale_codes()
            ) }),
        ),
        ("font_size", range(&vitae_core::design::FONT_SIZES)),
        ("margin", range(&vitae_core::design::MARGINS_MM)),
        ("dpi", range(&vitae_render::DPI)),
        // `PartialDate::parse`: a year, a month or a day, trimmed.
        (
            "date",
            json!({ "pattern": r"^\s*[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\s*$" }),
        ),
        // `design::colour`: #rrggbb (the `#` may be left out), #rgb, or rgb(r, g, b).
        (
            "accent",
            json!({ "pattern": r"^\s*(#?[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3}|rgb\(\s*\+?[0-9]+\s*,\s*\+?[0-9]+\s*,\s*\+?[0-9]+\s*\))\s*$" }),
        ),
    ]
}

/// The largest page number a request may name (the schema's 32-bit integer): no document has
/// that many pages, and a larger number is not one a client means.
const MAX_PAGE_NUMBER: f64 = 2_147_483_647.0;

/// A named choice of a render option, or a 422 listing the names.
fn choice<T: std::str::FromStr<Err = String>>(
    value: &Option<String>,
    names: impl Fn() -> Vec<String>,
) -> Result<Option<T>, ApiError> {
    value
        .as_deref()
        .map(|v| {
            v.parse::<T>().map_err(|detail| ApiError::Unknown {
                detail,
                known: names(),
            })
        })
        .transpose()
}

impl RenderParams {
    /// `self` with every option `over` sets replaced by its value.
    fn overlaid(mut self, over: RenderParams) -> Self {
        macro_rules! take {
            ($($f:ident),*) => { $( if over.$f.is_some() { self.$f = over.$f; } )* };
        }
        take!(
            variant,
            theme,
            locale,
            page,
            accent,
            font,
            font_size,
            margin,
            pages,
            dpi,
            page_number,
            date,
            section_titles,
            columns,
            dates,
            links,
            page_numbers,
            last_updated,
            photo,
            icons
        );
        self
    }

    /// Reads the options present in a JSON body's top-level object.
    pub fn from_node(root: &Node) -> Result<Self, ApiError> {
        let text = |key: &str| text(root, key);
        let flag = |key: &str| -> Result<Option<bool>, ApiError> {
            match root.get(key) {
                None => Ok(None),
                Some(n) => match n.value {
                    Value::Null => Ok(None),
                    Value::Bool(b) => Ok(Some(b)),
                    _ => Err(type_error(key, n, "true or false")),
                },
            }
        };
        let number = |key: &str| -> Result<Option<f64>, ApiError> {
            match root.get(key) {
                None => Ok(None),
                Some(n) => match n.value {
                    Value::Null => Ok(None),
                    Value::Int(i) => Ok(Some(i as f64)),
                    Value::Float(f) => Ok(Some(f)),
                    _ => Err(type_error(key, n, "a number")),
                },
            }
        };
        Ok(RenderParams {
            variant: text("variant")?,
            theme: text("theme")?,
            locale: text("locale")?,
            page: text("page")?,
            accent: text("accent")?,
            font: text("font")?,
            font_size: number("font_size")?,
            margin: number("margin")?,
            pages: number("pages")?,
            dpi: number("dpi")?,
            page_number: number("page_number")?,
            date: text("date")?,
            section_titles: text("section_titles")?,
            columns: text("columns")?,
            dates: text("dates")?,
            links: text("links")?,
            page_numbers: flag("page_numbers")?,
            last_updated: flag("last_updated")?,
            photo: flag("photo")?,
            icons: flag("icons")?,
        })
    }

    /// The renderer options these parameters ask for; unknown names are refused with the
    /// known ones, numbers that are not finite or out of range with a 422 naming them, whether
    /// they came in the query or the body.
    pub fn options(&self, today: PartialDate) -> Result<Styled, ApiError> {
        for (name, value) in [
            ("font_size", self.font_size),
            ("margin", self.margin),
            ("dpi", self.dpi),
        ] {
            if let Some(v) = value
                && !v.is_finite()
            {
                return Err(ApiError::BadOption(format!(
                    "{name} {v} is not a finite number"
                )));
            }
        }
        // The ranges, whatever the format: a PDF asked for at 601 dpi is a mistake the client
        // should hear of, as the OpenAPI document says ([`option_rules`]), even though only a
        // PNG would use it.
        for (value, range, what, unit) in [
            (
                self.font_size,
                &vitae_core::design::FONT_SIZES,
                "font size",
                "pt",
            ),
            (self.margin, &vitae_core::design::MARGINS_MM, "margin", "mm"),
            (self.dpi, &vitae_render::DPI, "resolution", "dpi"),
        ] {
            if let Some(v) = value {
                vitae_core::design::in_range(v, range, what, unit).map_err(ApiError::BadOption)?;
            }
        }
        let pages = match self.pages {
            None => None,
            Some(n)
                if (1.0..=f64::from(vitae_render::MAX_PAGES)).contains(&n) && n.fract() == 0.0 =>
            {
                Some(n as u32)
            }
            Some(n) => {
                return Err(ApiError::BadOption(format!(
                    "pages {n} is not a page count: it must be a whole number from 1 to {}",
                    vitae_render::MAX_PAGES
                )));
            }
        };
        let page_number = match self.page_number {
            None => 1,
            // The cast saturates; a page past the last one is refused where the count is known.
            Some(n) if (1.0..=MAX_PAGE_NUMBER).contains(&n) && n.fract() == 0.0 => n as usize,
            Some(n) => {
                return Err(ApiError::BadOption(format!(
                    "page_number {n} is not a page: it must be a whole number from 1 to {MAX_PAGE_NUMBER}"
                )));
            }
        };
        let mut render = RenderOptions::default();
        if let Some(code) = &self.locale {
            render.locale = vitae_render::locale(code).ok_or_else(|| ApiError::Unknown {
                detail: format!("unknown locale `{code}`"),
                known: vitae_render::locales()
                    .iter()
                    .map(|l| l.code.to_owned())
                    .collect(),
            })?;
        }
        macro_rules! names {
            ($t:ty) => {
                || <$t>::ALL.iter().map(|c| c.name().to_owned()).collect()
            };
        }
        render.dates = choice(&self.dates, names!(DateStyle))?;
        let mut typeset = TypesetOptions::default();
        typeset.theme = choice(&self.theme, names!(Theme))?;
        typeset.paper = choice(&self.page, names!(Paper))?;
        typeset.section_titles = choice(&self.section_titles, names!(SectionTitles))?;
        typeset.columns = choice(&self.columns, names!(Columns))?;
        typeset.links = choice(&self.links, names!(LinkStyle))?;
        typeset.page_numbers = self.page_numbers;
        typeset.last_updated = self.last_updated;
        typeset.photo = self.photo;
        typeset.icons = self.icons;
        typeset.accent.clone_from(&self.accent);
        typeset.font.clone_from(&self.font);
        typeset.font_size = self.font_size;
        typeset.margin_mm = self.margin;
        typeset.pages = pages;
        typeset.date = Some(match &self.date {
            Some(d) => PartialDate::parse(d)
                .map_err(|e| ApiError::BadOption(format!("date `{d}`: {e} (use YYYY-MM-DD)")))?,
            None => today,
        });
        Ok(Styled {
            style: vitae_app::Style {
                render,
                typeset,
                dpi: self.dpi.unwrap_or(DEFAULT_DPI),
            },
            page_number,
        })
    }
}

/// Resolved render options.
#[derive(Debug, Clone)]
pub struct Styled {
    pub style: vitae_app::Style,
    /// From 1.
    pub page_number: usize,
}

/// A text field of a JSON body: `None` when absent or null, a located 422 when it is anything
/// but a string.
pub fn text(root: &Node, key: &str) -> Result<Option<String>, ApiError> {
    match root.get(key).filter(|n| !n.is_null()) {
        None => Ok(None),
        Some(node) => match &node.value {
            Value::Str(s) => Ok(Some(s.clone())),
            _ => Err(type_error(key, node, "a string")),
        },
    }
}

/// A `true`/`false` field of a JSON body: `None` when absent or null, a located 422 when it is
/// anything else.
pub fn flag(root: &Node, key: &str) -> Result<Option<bool>, ApiError> {
    match root.get(key) {
        None => Ok(None),
        Some(node) => match node.value {
            Value::Null => Ok(None),
            Value::Bool(b) => Ok(Some(b)),
            _ => Err(type_error(key, node, "true or false")),
        },
    }
}

pub fn type_error(key: &str, node: &Node, expected: &str) -> ApiError {
    ApiError::Invalid {
        detail: format!("`{key}` must be {expected}"),
        errors: vec![Problem {
            path: key.to_owned(),
            line: node.pos.line,
            column: node.pos.column,
            severity: "error".into(),
            message: format!("expected {expected}, found {}", node.kind()),
            hint: None,
        }],
    }
}

/// A resume read from a body, valid, with the options the body carried.
#[derive(Debug)]
pub struct Submission {
    pub loaded: Loaded,
    /// Options found in the body (JSON envelopes only).
    pub params: RenderParams,
    /// Warnings, located in the body.
    pub warnings: Vec<Problem>,
}

/// The envelope keys, with the format each implies.
const ENVELOPES: [(&str, Option<Format>); 3] = [
    ("resume_data", Some(Format::Native)),
    ("json_resume", Some(Format::JsonResume)),
    ("resume", None),
];

/// Parses and validates a body. `Err` is 400 (unreadable) or 422 (not a valid resume).
pub fn read_submission(body: &RawBody, today: PartialDate) -> Result<Submission, ApiError> {
    let (root, syntax) = parse_body(body)?;
    submission_of(&root, syntax, today, Whole::Allowed)
}

/// Parses a body as a document tree, located for error messages. `Err` is 400.
pub fn parse_body(body: &RawBody) -> Result<(Node, Syntax), ApiError> {
    let text = vitae_core::format::decode(&body.bytes).map_err(|e| malformed(&e))?;
    if text.trim().is_empty() {
        return Err(ApiError::Malformed {
            detail: "the request body is empty; send a resume".into(),
            errors: Vec::new(),
        });
    }
    Ok(match body.kind {
        BodyKind::Json => (
            vitae_core::node::parse_json(text).map_err(|e| malformed(&ReadError::Syntax(e)))?,
            Syntax::Json,
        ),
        BodyKind::Yaml => (
            vitae_core::node::parse_yaml(text).map_err(|e| malformed(&ReadError::Syntax(e)))?,
            Syntax::Yaml,
        ),
        BodyKind::Unknown => vitae_core::format::parse(text).map_err(|e| malformed(&e))?,
    })
}

/// Whether a body without an envelope key is itself the resume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whole {
    Allowed,
    /// The body carries other things (a job): the resume must be under an envelope key.
    Refused,
}

/// Reads and validates the resume in a parsed body: under an envelope key, or (when allowed)
/// the body itself.
pub fn submission_of(
    root: &Node,
    syntax: Syntax,
    today: PartialDate,
    whole: Whole,
) -> Result<Submission, ApiError> {
    let envelope = ENVELOPES
        .iter()
        .find_map(|(key, format)| root.get(key).map(|node| (*key, node, *format)));
    let options = vitae_core::validate::Options { today: Some(today) };
    let (loaded, prefix, params) = match envelope {
        Some((key, node, format)) => {
            if node.as_map().is_none() {
                return Err(type_error(key, node, "an object holding the resume"));
            }
            refuse_nul(node, key)?;
            let params = RenderParams::from_node(root)?;
            (
                vitae_core::load_node(node, syntax, format, &options),
                key,
                params,
            )
        }
        None if whole == Whole::Allowed => {
            refuse_nul(root, "")?;
            (
                vitae_core::load_node(root, syntax, None, &options),
                "",
                RenderParams::default(),
            )
        }
        None => {
            return Err(ApiError::Invalid {
                detail: "no resume in the request: send it as `resume_data` (native), \
                         `json_resume` or `resume`, or name a stored one with `resume_id`"
                    .into(),
                errors: vec![Problem {
                    path: "resume_data".into(),
                    line: 0,
                    column: 0,
                    severity: "error".into(),
                    message: "missing".into(),
                    hint: None,
                }],
            });
        }
    };
    let problems = |severity| {
        loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .map(|d| Problem::from_diagnostic(d, prefix))
            .collect::<Vec<_>>()
    };
    let errors = problems(Severity::Error);
    if !errors.is_empty() {
        return Err(ApiError::Invalid {
            detail: format!(
                "the resume has {} error{}; each is listed with its place in the body",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            ),
            errors,
        });
    }
    let warnings = problems(Severity::Warning);
    Ok(Submission {
        loaded,
        params,
        warnings,
    })
}

/// Most NUL characters listed in one answer (the detail gives the total).
const MAX_NUL_PROBLEMS: usize = 20;

/// Refuses a resume with U+0000 in any of its text, values or keys: it is not text, no
/// renderer wants it, and PostgreSQL cannot store it while SQLite can — so both backends, and
/// every request that carries a resume (store, render, job fit), answer alike: 422 with each
/// place's path, line and column. `prefix` is where the resume sits in the body.
fn refuse_nul(resume: &Node, prefix: &str) -> Result<(), ApiError> {
    // A resume holds up to 250,000 values: look first, locate only when there is something.
    let mut stack = vec![resume];
    let mut any = false;
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Str(s) => any |= s.contains('\0'),
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                for e in entries {
                    any |= e.key.contains('\0');
                    stack.push(&e.value);
                }
            }
            _ => {}
        }
        if any {
            break;
        }
    }
    if !any {
        return Ok(());
    }
    let mut errors = Vec::new();
    let mut total = 0usize;
    let mut found = |path: &str, pos: vitae_core::node::Pos, what: &str| {
        total += 1;
        if errors.len() < MAX_NUL_PROBLEMS {
            errors.push(Problem {
                path: path.to_owned(),
                line: pos.line,
                column: pos.column,
                severity: "error".into(),
                message: format!("{what} contains a NUL character (U+0000)"),
                hint: Some(
                    "remove it: U+0000 is not text and no part of a resume can hold it \
                     (JSON writes it \\u0000, YAML \\0 or \\x00)"
                        .into(),
                ),
            });
        }
    };
    // Depth first, children pushed in reverse so problems come in document order.
    let mut stack = vec![(resume, prefix.to_owned())];
    while let Some((node, path)) = stack.pop() {
        match &node.value {
            Value::Str(s) if s.contains('\0') => found(&path, node.pos, "the text"),
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, format!("{path}[{i}]")));
                }
            }
            Value::Map(entries) => {
                for e in entries.iter().rev() {
                    let key = e.key.replace('\0', "\\0");
                    let child = if path.is_empty() {
                        key
                    } else {
                        format!("{path}.{key}")
                    };
                    if e.key.contains('\0') {
                        found(&child, e.key_pos, "the key");
                    }
                    stack.push((&e.value, child));
                }
            }
            _ => {}
        }
    }
    // Keys were reported as their entries were pushed, before the values popped before them.
    errors.sort_by_key(|p| (p.line, p.column));
    Err(ApiError::Invalid {
        detail: format!(
            "the resume holds NUL characters (U+0000), which no resume text can hold, in {total} \
             place{}; {} listed with its line and column in the body",
            if total == 1 { "" } else { "s" },
            if total > MAX_NUL_PROBLEMS {
                format!("the first {MAX_NUL_PROBLEMS} are")
            } else {
                "each is".to_owned()
            },
        ),
        errors,
    })
}

fn malformed(e: &ReadError) -> ApiError {
    let pos = e.pos();
    ApiError::Malformed {
        detail: format!(
            "the body could not be read at line {}, column {}: {e}",
            pos.line, pos.column
        ),
        errors: vec![Problem {
            path: String::new(),
            line: pos.line,
            column: pos.column,
            severity: "error".into(),
            message: e.to_string(),
            hint: e.hint().map(str::to_owned),
        }],
    }
}

/// The resume as a variant shows it, and the variant's key.
pub fn select_variant(
    resume: &Resume,
    requested: Option<&str>,
) -> Result<(String, Resume), ApiError> {
    Ok(vitae_app::select_variant(resume, requested)?)
}

/// Query options overlaid by the body's.
pub fn merged(query: RenderParams, body: RenderParams) -> RenderParams {
    query.overlaid(body)
}

/// A body read for a render: the resume, the options checked (the query's overlaid by the
/// body's), and the variant to show.
pub struct ToRender {
    pub loaded: Loaded,
    pub warnings: Vec<Problem>,
    pub styled: Styled,
    /// The variant's full key.
    pub variant_key: String,
    /// The resume as that variant shows it.
    pub shown: Resume,
}

/// Reads, validates and styles a body for a render (`/v1/render/{format}`, `/v1/preview`).
pub fn to_render(
    body: &RawBody,
    query: RenderParams,
    today: PartialDate,
) -> Result<ToRender, ApiError> {
    let Submission {
        loaded,
        params,
        warnings,
    } = read_submission(body, today)?;
    let params = merged(query, params);
    let styled = params.options(today)?;
    let (variant_key, shown) = select_variant(&loaded.resume, params.variant.as_deref())?;
    Ok(ToRender {
        loaded,
        warnings,
        styled,
        variant_key,
        shown,
    })
}
