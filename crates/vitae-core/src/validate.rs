//! Validation of a resume model: every problem at once, each located through the reader's
//! [`SourceMap`]. Checks what a reader cannot see field by field: a way to contact, dates that parse
//! and ranges that are ordered, well-formed emails and URLs, and variants that refer to skill
//! sections, summaries and project categories that exist.

use crate::date::{DateValue, PartialDate};
use crate::diag::Diagnostics;
use crate::format::SourceMap;
use crate::model::Resume;
use crate::path::{ModelPath, ResumePath};

/// Inputs validation takes from outside (the core never reads the clock).
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Today, to flag dates in the future. `None` skips that check.
    pub today: Option<PartialDate>,
}

struct V<'a> {
    map: &'a SourceMap,
    diags: Diagnostics,
    today: Option<PartialDate>,
}

impl V<'_> {
    fn error(&mut self, model_path: &ModelPath, message: String, hint: Option<String>) {
        let (path, pos) = self.map.resolve(model_path.as_str());
        self.diags.error(&path, pos, message, hint);
    }

    fn warning(&mut self, model_path: &ModelPath, message: String, hint: Option<String>) {
        let (path, pos) = self.map.resolve(model_path.as_str());
        self.diags.warning(&path, pos, message, hint);
    }

    fn date(&mut self, path: &ModelPath, d: &Option<DateValue>) {
        self.date_checked(path, d, true);
    }

    /// `past_only`: warn about dates after today (not for expiry dates, which are naturally ahead).
    fn date_checked(&mut self, path: &ModelPath, d: &Option<DateValue>, past_only: bool) {
        match d {
            Some(DateValue::Text(t)) if !t.trim().is_empty() => {
                // Kept and shown as written ("至今", "Summer 2019"): refusing the whole file
                // for one date loses more than it protects. Nothing can sort or measure it.
                let reason = PartialDate::parse(t).err().unwrap_or("not a date");
                self.warning(
                    path,
                    format!("`{t}` is not a date ({reason}); it is shown as written"),
                    Some(
                        "write dates as YYYY, YYYY-MM or YYYY-MM-DD, or `present`, so they can \
                         be ordered and counted"
                            .into(),
                    ),
                );
            }
            Some(DateValue::Date(date)) => {
                if past_only
                    && let Some(today) = self.today
                    && date.key() > today.key()
                    && !(date.month.is_none() && date.year == today.year)
                {
                    self.warning(path, format!("{date} is in the future"), None);
                }
            }
            _ => {}
        }
    }

    /// A start and end date, at `sp` and `ep`.
    fn range(
        &mut self,
        (sp, ep): (ModelPath, ModelPath),
        start: &Option<DateValue>,
        end: &Option<DateValue>,
    ) {
        self.date(&sp, start);
        self.date(&ep, end);
        if matches!(start, Some(DateValue::Present)) {
            self.error(
                &sp,
                "a start date cannot be `present`".into(),
                Some("give the month the role began, e.g. 2021-03".into()),
            );
        }
        if let (Some(DateValue::Date(s)), Some(DateValue::Date(e))) = (start, end)
            && ends_before(*s, *e)
        {
            self.error(
                &ep,
                format!("the end date {e} is before the start date {s}"),
                Some("check for swapped dates or a typo in the year".into()),
            );
        }
    }

    fn url(&mut self, path: &ModelPath, url: &Option<String>) {
        let Some(url) = url else { return };
        let url = url.trim();
        if url.is_empty() {
            return;
        }
        match check_url(url) {
            UrlCheck::Ok => {}
            UrlCheck::NoScheme => self.warning(
                path,
                format!("`{url}` has no scheme"),
                Some(format!("write https://{url}")),
            ),
            UrlCheck::Bad(reason) => self.error(
                path,
                format!("`{url}` is not a valid URL: {reason}"),
                Some("links must be http(s) URLs such as https://example.com/you".into()),
            ),
        }
    }
}

/// True when `e` is strictly before `s` at the precision both share (2021 is not before 2021-06).
fn ends_before(s: PartialDate, e: PartialDate) -> bool {
    let common = |d: PartialDate, month: bool, day: bool| {
        (
            d.year,
            if month { d.month.unwrap_or(0) } else { 0 },
            if day { d.day.unwrap_or(0) } else { 0 },
        )
    };
    let month = s.month.is_some() && e.month.is_some();
    let day = month && s.day.is_some() && e.day.is_some();
    common(e, month, day) < common(s, month, day)
}

enum UrlCheck {
    Ok,
    NoScheme,
    Bad(&'static str),
}

fn check_url(url: &str) -> UrlCheck {
    if url.chars().any(char::is_whitespace) {
        return UrlCheck::Bad("it contains spaces");
    }
    let Some((scheme, _)) = url.split_once("://") else {
        if url.starts_with("mailto:") || url.starts_with("tel:") {
            return UrlCheck::Ok;
        }
        if url.contains(':') && !url.contains('.') {
            return UrlCheck::Bad("unsupported scheme");
        }
        return if url.contains('.') && !url.starts_with('.') {
            UrlCheck::NoScheme
        } else {
            UrlCheck::Bad("it has neither a scheme nor a host")
        };
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return UrlCheck::Bad("only http and https links are allowed");
    }
    // The WHATWG parser finds the host (past user info, ports, IPv6 brackets; IDNA applied).
    let parsed = match url::Url::parse(url) {
        Ok(parsed) => parsed,
        Err(url::ParseError::EmptyHost) => {
            return UrlCheck::Bad("the host is missing or malformed");
        }
        Err(_) => return UrlCheck::Bad("it does not parse as a URL"),
    };
    let host = parsed.host_str().unwrap_or_default();
    if host.is_empty() || host.starts_with('.') || host.ends_with('.') || host.contains("..") {
        return UrlCheck::Bad("the host is missing or malformed");
    }
    if !host.contains('.') && host != "localhost" {
        return UrlCheck::Bad("the host has no domain");
    }
    UrlCheck::Ok
}

/// A pragmatic email check: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// Validates a resume; positions come from `map` (the reader's source map).
pub fn validate(r: &Resume, map: &SourceMap, options: &Options) -> Diagnostics {
    let mut v = V {
        map,
        diags: Diagnostics::new(),
        today: options.today,
    };
    let root = ResumePath::root();
    let b = &r.basics;
    let present = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    if !present(&b.email)
        && !present(&b.phone)
        && !present(&b.url)
        && !b.profiles.iter().any(|p| present(&p.url))
    {
        // Valid (JSON Resume requires only what is there): a resume shared without contact
        // details is a choice, so it is said, not refused; `--strict` refuses it.
        v.warning(
            &root.basics().path(),
            "no way to contact you: no email, phone, website or profile URL".into(),
            Some("add an email address".into()),
        );
    }
    if let Some(email) = b.email.as_deref().filter(|e| !e.trim().is_empty())
        && !is_valid_email(email.trim())
    {
        v.error(
            &root.basics().email(),
            format!("`{email}` is not a valid email address"),
            Some("write it as name@example.com".into()),
        );
    }
    if let Some(phone) = b.phone.as_deref().filter(|p| !p.trim().is_empty())
        && phone.chars().filter(char::is_ascii_digit).count() < 5
    {
        v.warning(
            &root.basics().phone(),
            format!("`{phone}` does not look like a phone number"),
            Some("include the full number, e.g. +1 415 555 0100".into()),
        );
    }
    v.url(&root.basics().url(), &b.url);
    // A photo written into the source is checked where it is written; a file's name is read by
    // the front end that renders.
    if let Some(image) = b.image.as_deref().map(str::trim)
        && image.starts_with("data:")
        && image.len() <= crate::limits::MAX_PHOTO_URL_CHARS
        && let Err(why) = crate::design::photo_from_data_url(image)
    {
        v.error(
            &root.basics().image(),
            why,
            Some("give a PNG or JPEG photo, or its file name beside the source".into()),
        );
    }
    for (i, p) in b.profiles.iter().enumerate() {
        v.url(&root.basics().profiles().at(i).url(), &p.url);
    }
    for (i, e) in r.experience.iter().enumerate() {
        let at = root.experience().at(i);
        v.range((at.start(), at.end()), &e.start, &e.end);
        if e.start.is_none() {
            v.warning(
                &at.path(),
                format!("`{}` has no start date", e.company),
                Some("recruiters and ATS parsers expect dates on every position".into()),
            );
        }
        v.url(&at.url(), &e.url);
    }
    for (i, e) in r.education.iter().enumerate() {
        let at = root.education().at(i);
        v.range((at.start(), at.end()), &e.start, &e.end);
        v.url(&at.url(), &e.url);
    }
    for (i, p) in r.projects.iter().enumerate() {
        let at = root.projects().at(i);
        v.range((at.start(), at.end()), &p.start, &p.end);
        v.url(&at.url(), &p.url);
    }
    for (i, x) in r.volunteer.iter().enumerate() {
        let at = root.volunteer().at(i);
        v.range((at.start(), at.end()), &x.start, &x.end);
        v.url(&at.url(), &x.url);
    }
    for (i, x) in r.affiliations.iter().enumerate() {
        let at = root.affiliations().at(i);
        v.range((at.start(), at.end()), &x.start, &x.end);
        v.url(&at.url(), &x.url);
    }
    for (i, c) in r.certifications.iter().enumerate() {
        let at = root.certifications().at(i);
        v.date(&at.date(), &c.date);
        if let (Some(DateValue::Date(d)), Some(DateValue::Date(x))) = (&c.date, &c.expires)
            && ends_before(*d, *x)
        {
            v.error(
                &at.expires(),
                format!("expires {x}, before it was issued on {d}"),
                None,
            );
        }
        v.date_checked(&at.expires(), &c.expires, false);
        v.url(&at.url(), &c.url);
    }
    for (i, p) in r.publications.iter().enumerate() {
        let at = root.publications().at(i);
        v.date(&at.date(), &p.date);
        v.url(&at.url(), &p.url);
    }
    for (i, a) in r.awards.iter().enumerate() {
        v.date(&root.awards().at(i).date(), &a.date);
    }
    for (si, s) in r.custom_sections.iter().enumerate() {
        for (i, e) in s.entries.iter().enumerate() {
            let at = root.custom_sections().at(si).entries().at(i);
            v.range((at.start(), at.end()), &e.start, &e.end);
            v.url(&at.url(), &e.url);
        }
    }
    validate_variants(&mut v, r);
    crate::limits::check(r, map, &mut v.diags);
    v.diags
}

fn validate_variants(v: &mut V<'_>, r: &Resume) {
    let categories: Vec<&str> = r.skills.iter().map(|c| c.name.as_str()).collect();
    let project_categories: Vec<&str> = {
        let mut c: Vec<&str> = r
            .projects
            .iter()
            .filter_map(|p| p.category.as_deref())
            .collect();
        c.dedup();
        c
    };
    for (key, variant) in &r.variants {
        let at = ResumePath::root().variants().key(key);
        for (i, s) in variant.skill_sections.iter().enumerate() {
            if !categories.iter().any(|c| c.eq_ignore_ascii_case(s)) {
                v.error(
                    &at.skill_sections().at(i),
                    format!("variant `{key}` shows skill section `{s}`, which does not exist"),
                    Some(format!("skill sections: {}", categories.join(", "))),
                );
            }
        }
        // `base` names professional_summary.base (resume-cli's own spelling) unless a variant
        // summary is called that.
        if let Some(k) = &variant.summary_key
            && !r.summary.variants.contains_key(k)
            && !(k == crate::variant::BASE_SUMMARY && r.summary.base.is_some())
        {
            let known: Vec<&str> = r.summary.variants.keys().map(String::as_str).collect();
            v.error(
                &at.summary_key(),
                format!("variant `{key}` uses summary `{k}`, which does not exist"),
                Some(if known.is_empty() {
                    "add it under professional_summary.variants".into()
                } else {
                    format!("summaries: {}", known.join(", "))
                }),
            );
        }
        for (i, c) in variant.project_categories.iter().enumerate() {
            if !project_categories.iter().any(|p| p.eq_ignore_ascii_case(c)) {
                v.error(
                    &at.project_categories().at(i),
                    format!("variant `{key}` shows project category `{c}`, which does not exist"),
                    Some(if project_categories.is_empty() {
                        "group projects by category: `projects: {category: [...]}`".into()
                    } else {
                        format!("project categories: {}", project_categories.join(", "))
                    }),
                );
            }
        }
        if variant.max_bullets_per_job == Some(0) {
            v.warning(
                &at.max_bullets_per_job(),
                format!("variant `{key}` shows no bullets at all"),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked_for_scheme_and_host() {
        let cases = [
            ("https://example.com/a?b#c", "ok"),
            ("http://localhost:8080", "ok"),
            ("mailto:a@example.com", "ok"),
            ("github.com/ada", "noscheme"),
            ("javascript:alert(1)", "bad"),
            ("https://", "bad"),
            ("https://exa mple.com", "bad"),
            ("ftp://example.com", "bad"),
            ("https://nodot", "bad"),
        ];
        for (url, expected) in cases {
            let got = match check_url(url) {
                UrlCheck::Ok => "ok",
                UrlCheck::NoScheme => "noscheme",
                UrlCheck::Bad(_) => "bad",
            };
            assert_eq!(got, expected, "{url}");
        }
    }

    #[test]
    fn emails_are_checked() {
        for ok in ["a@example.com", "first.last+tag@sub.example.co.uk"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in [
            "a",
            "a@b",
            "@example.com",
            "a@@example.com",
            "a b@example.com",
            "a@.com",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn ranges_compare_at_shared_precision() {
        let d = |s| PartialDate::parse(s).unwrap();
        assert!(ends_before(d("2021-06"), d("2021-05")));
        assert!(!ends_before(d("2021-06"), d("2021")));
        assert!(!ends_before(d("2021"), d("2021-01")));
        assert!(ends_before(d("2022"), d("2021-12")));
    }
}
