//! Text documents from a template of the user's (`vitae generate FILE --template my.html.j2`):
//! Jinja syntax through minijinja, a maintained engine that reads no file, runs no code and
//! stops a template that runs too long (its fuel), so a template cannot do more than write text.
//!
//! A template gets:
//!
//! - `resume`: the resume as the variant shows it, in the model's names (`resume.basics.name`,
//!   `resume.experience[0].bullets[0].text`, `resume.skills[0].items[0].name`...), every text
//!   plain, every date as written in the source (`2021-03`, `present`);
//! - `locale`: the document's language code (`en`, `de`...);
//! - the filter `date` (`{{ job.start | date }}` → "Mar 2021", in the locale and date style) and
//!   the functions `dates(start, end)` ("Mar 2021 – Present") and `heading(name)` (a section's
//!   heading in the document's language, or the author's own: `heading("experience")`).
//!
//! User text is escaped for the output the template's file name says, before any `.j2`, `.jinja`
//! or `.jinja2` (in any case): HTML and XML (`.html`, `.htm`, `.xhtml`, `.xml`, `.svg`), LaTeX
//! (`.tex`), Markdown (`.md`); anything else is written as it is. `{{ x | safe }}` opts out, as
//! in Jinja.

use crate::RenderOptions;
use crate::escape;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State};
use vitae_core::design::DateStyle;
use vitae_core::model::Resume;
use vitae_core::{DateValue, Section};

/// The largest template accepted, in bytes.
pub const MAX_TEMPLATE_BYTES: usize = 256 * 1024;

/// The work a template may do, in minijinja's units of fuel (one per instruction): a resume
/// template takes a few thousand; a loop that never ends stops here in well under a second.
const FUEL: u64 = 5_000_000;

/// A user's template, parsed; its errors are located in its own lines.
#[derive(Debug, Clone)]
pub struct Template {
    name: String,
    source: String,
}

/// The extension of what a template named `name` writes, lower-case: its file name's before a
/// `.j2`, `.jinja` or `.jinja2` (any case): `CV.HTML.J2` → `html`; `None` without one.
pub fn output_extension(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let stem = [".j2", ".jinja2", ".jinja"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    stem.rsplit_once('.')
        .map(|(_, ext)| ext.to_owned())
        .filter(|ext| !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// How user text is escaped in what a template named `name` writes.
fn escape_for(name: &str) -> AutoEscape {
    match output_extension(name).as_deref() {
        Some("html" | "htm" | "xhtml" | "xml" | "svg") => AutoEscape::Html,
        Some("tex") => AutoEscape::Custom("latex"),
        Some("md" | "markdown") => AutoEscape::Custom("markdown"),
        _ => AutoEscape::None,
    }
}

/// "line 3: unknown filter" from minijinja's error, with the template's name.
fn located(name: &str, e: &Error) -> String {
    let what = e
        .detail()
        .map_or_else(|| e.kind().to_string(), str::to_owned);
    match e.line() {
        Some(line) => format!("{name}:{line}: {what}"),
        None => format!("{name}: {what}"),
    }
}

impl Template {
    /// A template named `name` (its file name: it decides the escaping, and names the file in
    /// messages) from its `source`; a syntax error is refused here, with its line.
    pub fn new(name: &str, source: &str) -> Result<Template, String> {
        if source.len() > MAX_TEMPLATE_BYTES {
            return Err(format!(
                "the template is {} KiB; at most {} KiB is read",
                source.len() / 1024,
                MAX_TEMPLATE_BYTES / 1024
            ));
        }
        let template = Template {
            name: name.to_owned(),
            source: source.to_owned(),
        };
        let mut env = Environment::new();
        env.add_template(&template.name, &template.source)
            .map_err(|e| located(name, &e))?;
        Ok(template)
    }

    /// The document this template writes for `resume`.
    pub fn render(&self, resume: &Resume, options: &RenderOptions) -> Result<String, String> {
        let locale = options.locale;
        let style = options
            .dates
            .or(resume.design.dates)
            .unwrap_or(DateStyle::Short);
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL));
        let escape = escape_for(&self.name);
        env.set_auto_escape_callback(move |_| escape);
        env.set_formatter(|out, state, value| {
            let custom = match state.auto_escape() {
                AutoEscape::Custom(kind) if !value.is_safe() => kind,
                _ => return minijinja::escape_formatter(out, state, value),
            };
            let text = value.to_string();
            let mut escaped = String::with_capacity(text.len());
            match custom {
                "latex" => escape::latex_into(&mut escaped, &text),
                _ => escape::markdown_into(&mut escaped, &text, false),
            }
            out.write_str(&escaped).map_err(Error::from)
        });
        let date = move |text: &str| -> String {
            crate::dates::date(&DateValue::parse(text), locale, style)
        };
        env.add_filter("date", move |value: Value| -> String {
            value.as_str().map(date).unwrap_or_default()
        });
        env.add_function(
            "dates",
            move |start: Option<Value>, end: Option<Value>| -> String {
                let start = start.and_then(|v| v.as_str().map(DateValue::parse));
                let end = end.and_then(|v| v.as_str().map(DateValue::parse));
                crate::dates::range(start.as_ref(), end.as_ref(), locale, style)
                    .map(|d| match d.last {
                        Some(last) => format!("{} – {last}", d.first),
                        None => d.first,
                    })
                    .unwrap_or_default()
            },
        );
        let titles = resume.section_titles.clone();
        env.add_function(
            "heading",
            move |_: &State, name: &str| -> Result<String, Error> {
                let section: Section =
                    name.parse()
                        .map_err(|e: vitae_core::section::UnknownSection| {
                            Error::new(ErrorKind::InvalidOperation, e.to_string())
                        })?;
                Ok(crate::layout::section_title(
                    titles.get(&section),
                    section,
                    locale,
                ))
            },
        );
        env.add_template(&self.name, &self.source)
            .map_err(|e| located(&self.name, &e))?;
        let template = env
            .get_template(&self.name)
            .map_err(|e| located(&self.name, &e))?;
        let context = minijinja::context! {
            resume => Value::from_serialize(resume),
            locale => locale.code,
        };
        template.render(context).map_err(|e| {
            if e.kind() == ErrorKind::OutOfFuel {
                format!(
                    "{}: the template ran too long and was stopped (a loop that does not end?)",
                    self.name
                )
            } else {
                located(&self.name, &e)
            }
        })
    }
}
