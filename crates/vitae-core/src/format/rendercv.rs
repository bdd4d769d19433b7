//! RenderCV YAML (<https://docs.rendercv.com>, schema 2.x): a `cv` header and `cv.sections`, a
//! mapping of free section titles to lists of entries whose type RenderCV infers from their keys.
//! The rendering configuration beside `cv` says nothing about the person. Of `design`, what has
//! a counterpart in vitae's [`Design`] is read (see [`read_design`]); the rest, and `locale`,
//! `settings` and their 1.x names `rendercv_settings` and `locale_catalog`, are skipped without a
//! word. This module reads; it does not write RenderCV.
//!
//! # Header
//!
//! `name`, `headline` → `basics.label`, `location` → `basics.location.city` (the whole string; RenderCV
//! has a single free-text location), `email`, `phone`, `website` → `basics.url`, `photo` →
//! `basics.image`. `email`, `phone` and `website` may be lists (RenderCV 2.3+): the first is the
//! basic field, the others become profiles (`Email` with a `mailto:` link, `Phone` with `tel:`,
//! `Website`). `social_networks` become profiles whose link is built the way RenderCV builds it
//! (a `url:` given on the item wins); `custom_connections` become profiles named by their
//! `placeholder`. Font Awesome icons are presentation, like `design`, and are not kept.
//!
//! # Sections
//!
//! Entry types follow RenderCV's rules: a plain string is a TextEntry; a mapping is the first type,
//! in RenderCV's order, one of whose *characteristic* keys (keys no other type has) it holds; a
//! section has the type of its first recognizable entry and every other entry must share it.
//!
//! - EducationEntry → `education`, PublicationEntry → `publications`, whatever the title.
//! - ExperienceEntry → `experience`, whatever the title, except under a volunteer title.
//! - Other sections go to a dedicated list only when the title names it (case-insensitive, by word,
//!   `snake_case` or spaced) **and** every entry maps cleanly, i.e. each field it uses has a place
//!   there: summary/about/profile titles with TextEntries → `summary.base` (paragraphs joined by a
//!   blank line); "projects" with NormalEntries → `projects` (summary → description); "skills",
//!   "technologies", ... with OneLineEntries → `skills` (label → category, details split at the
//!   commas outside brackets); "languages" (OneLine: label → language, details → fluency; or one
//!   text per entry), "interests"/"hobbies" (OneLine: details → keywords; or one text per entry),
//!   "certifications"/"certificates"/"licenses" (one text per entry, or NormalEntries with name,
//!   date), "awards"/"honors"/"prizes" (one text per entry, or NormalEntries with name, date,
//!   summary), "volunteer..." (Experience- or NormalEntries without a location).
//! - Everything else, including a titled section that does not map cleanly (a project with a
//!   `location`, say), is a custom section. Its title is the one RenderCV displays: a key with a
//!   space or a capital letter as written, a `snake_case` key in title case (`invited_talks` →
//!   "Invited Talks"). Entries keep every field: TextEntry → summary, Bullet-, Numbered- and
//!   ReversedNumberedEntry → one bullet each (source order kept, numbering style not), OneLineEntry
//!   → title (label) and summary (details), Normal-, Experience- and EducationEntry → title,
//!   subtitle (position; "degree in area"), location, dates, summary and highlights as bullets.
//!
//! Education highlights (and the summary, which the model has no field for) are sorted by their
//! label: the first `GPA:`/`CGPA:` line → `score`, the first `...thesis:`/`dissertation:` line →
//! `thesis`, `...coursework:`/`...courses:` lines → `courses` (split at commas); every other line is
//! kept verbatim, in order, in `honors`, the model's place for an education's other notes.
//!
//! # Dates
//!
//! RenderCV's rules: `date` (a date or free text such as "Fall 2023") wins over `start_date` and
//! `end_date`, which are then ignored with a warning; a lone `end_date` is a single date; a lone
//! `start_date` is ongoing (`end` = present). A single date is the start of a job, project or
//! volunteer role, the end (graduation) of an education, and the text of a custom entry's `date`.
//! Dates are kept as written; validation, not this reader, reports text that is not a date.
//!
//! # Text
//!
//! RenderCV text may hold Markdown (`**bold**`, `*italic*`, `[text](url)`). It is kept exactly as
//! written, never stripped: it is what the author wrote, and renderers decide what to make of it.
//!
//! RenderCV allows extra keys on entries (for custom templates). `url` on Normal-, Experience- and
//! EducationEntries is kept where the model has a link; `tags` (RenderCV's filters for CV versions)
//! become a project's `emphasize_for` and are reported as not kept elsewhere; other unknown keys
//! get the usual "unknown field" warning.

use super::read::{Cx, Obj, closest, index, join};
use crate::date::DateValue;
use crate::design::{self, Columns, DateStyle, Design, Paper, SectionTitles, Theme};
use crate::model::*;
use crate::node::{Node, Pos, Value};

/// Top-level keys: everything but `cv` is rendering configuration.
const TOP: &[&str] = &[
    "cv",
    "design",
    "locale",
    "settings",
    "rendercv_settings",
    "locale_catalog",
];
const CV: &[&str] = &[
    "name",
    "headline",
    "location",
    "email",
    "photo",
    "phone",
    "website",
    "social_networks",
    "custom_connections",
    "sections",
];
const SOCIAL_NETWORK: &[&str] = &["network", "username", "url", "fontawesome_icon"];
const CUSTOM_CONNECTION: &[&str] = &["placeholder", "url", "fontawesome_icon", "fa_icon"];

const EDUCATION: &[&str] = &[
    "institution",
    "area",
    "degree",
    "date",
    "start_date",
    "end_date",
    "location",
    "summary",
    "highlights",
    "tags",
    "url",
];
const EXPERIENCE: &[&str] = &[
    "company",
    "position",
    "date",
    "start_date",
    "end_date",
    "location",
    "summary",
    "highlights",
    "tags",
    "url",
];
const NORMAL: &[&str] = &[
    "name",
    "date",
    "start_date",
    "end_date",
    "location",
    "summary",
    "highlights",
    "tags",
    "url",
];
const PUBLICATION: &[&str] = &[
    "title", "authors", "summary", "doi", "url", "journal", "date", "tags",
];
const ONE_LINE: &[&str] = &["label", "details", "tags"];
const BULLET: &[&str] = &["bullet", "tags"];
const NUMBERED: &[&str] = &["number", "tags"];
const REVERSED_NUMBERED: &[&str] = &["reversed_number", "tags"];

const ENTRY_TYPES_HINT: &str = "RenderCV recognizes an entry by its keys: EducationEntry \
    (institution, area, degree), ExperienceEntry (company, position), PublicationEntry (title, \
    authors, doi, url, journal), NormalEntry (name), OneLineEntry (label, details), BulletEntry \
    (bullet), NumberedEntry (number), ReversedNumberedEntry (reversed_number), or plain text \
    (TextEntry)";

/// RenderCV's social networks and the prefix their username completes into a link (its
/// `url_dictionary`). Mastodon's `@user@host` is handled apart; `Twitter` is X's former name.
const NETWORKS: &[(&str, &str)] = &[
    ("LinkedIn", "https://linkedin.com/in/"),
    ("GitHub", "https://github.com/"),
    ("GitLab", "https://gitlab.com/"),
    ("IMDB", "https://imdb.com/name/"),
    ("Instagram", "https://instagram.com/"),
    ("ORCID", "https://orcid.org/"),
    ("Mastodon", ""),
    ("StackOverflow", "https://stackoverflow.com/users/"),
    ("ResearchGate", "https://researchgate.net/profile/"),
    ("YouTube", "https://youtube.com/@"),
    (
        "Google Scholar",
        "https://scholar.google.com/citations?user=",
    ),
    ("Telegram", "https://t.me/"),
    ("WhatsApp", "https://wa.me/"),
    ("Leetcode", "https://leetcode.com/u/"),
    ("X", "https://x.com/"),
    ("Twitter", "https://x.com/"),
    ("Bluesky", "https://bsky.app/profile/"),
    ("Reddit", "https://reddit.com/user/"),
];

/// Reads a RenderCV document.
pub fn read(cx: &mut Cx, root: &Node) -> Resume {
    // "Markdown syntax is supported everywhere" (RenderCV's own example says so).
    cx.markdown_everywhere = true;
    let mut r = Resume::default();
    let Some(top) = Obj::new(cx, root, String::new(), String::new(), TOP) else {
        if root.is_null() {
            cx.diags.error(
                "",
                root.pos,
                "the document is empty",
                Some("a RenderCV file starts with `cv:` holding at least `name:`".into()),
            );
        }
        return r;
    };
    let Some((key, node)) = top.get(&["cv"]) else {
        cx.diags.error(
            "cv",
            root.pos,
            "missing `cv`",
            Some("RenderCV keeps the CV under `cv:`, with `name:` and `sections:`".into()),
        );
        return r;
    };
    // `cv` fields land in several parts of the model, so the mapping's model path is the root and
    // each accessor names the full model path (`basics.name`).
    let Some(cv) = Obj::new(cx, node, key.to_owned(), String::new(), CV) else {
        return r;
    };
    read_header(cx, &cv, &mut r.basics);
    if let Some((key, node)) = cv.get(&["sections"]) {
        read_sections(cx, node, &join(&cv.src, key), &mut r);
    }
    if let Some(d) = top.obj(cx, &["design"], "design", &[]) {
        r.design = read_design(cx, &d);
    }
    r
}

// ---------------------------------------------------------------------------------------------
// Design
// ---------------------------------------------------------------------------------------------

/// RenderCV's themes, the vitae theme closest to each, and where the theme puts an entry's
/// dates: in a column of their own with the location at the end (classic, sb2nov) or at the
/// start (moderncv), or after the title (the engineering themes).
const THEMES: &[(&str, Theme, Columns)] = &[
    ("classic", Theme::Classic, Columns::End),
    ("moderncv", Theme::Modern, Columns::Start),
    ("sb2nov", Theme::Compact, Columns::End),
    ("engineeringresumes", Theme::Engineering, Columns::Inline),
    ("engineeringclassic", Theme::Engineering, Columns::Inline),
];

/// What of RenderCV's `design` (2.x, and the 1.x names) has a counterpart: the theme and its
/// entry columns, the page size, the side margin, the colour of names and headings as the
/// accent, the body font when vitae embeds it and its size, the section-title style, the
/// footer's page numbers and the "last updated" note, and the date template's month style. A
/// value vitae cannot honour is said, and the theme's own look is used for it.
fn read_design(cx: &mut Cx, d: &Obj) -> Design {
    let mut design = Design::default();
    let lenient = |cx: &mut Cx, o: &Obj, keys: &[&str]| {
        o.get(keys).and_then(|(k, n)| {
            let text = n.scalar_text();
            if text.is_none() {
                cx.type_error(&join(&o.src, k), n, "text");
            }
            text.map(|t| (join(&o.src, k), n.pos, t))
        })
    };
    let unusable = |cx: &mut Cx, (src, pos): (String, Pos), what: String| {
        cx.diags.warning(&src, pos, what, None);
    };
    if let Some((src, pos, name)) = lenient(cx, d, &["theme"]) {
        cx.map.insert("design.theme".into(), src.clone(), pos);
        match THEMES
            .iter()
            .find(|(n, ..)| n.eq_ignore_ascii_case(name.trim()))
        {
            Some((_, theme, columns)) => {
                design.theme = Some(*theme);
                design.columns = Some(*columns);
            }
            None => unusable(
                cx,
                (src, pos),
                format!(
                    "RenderCV theme `{name}` has no counterpart in vitae; its default theme is used"
                ),
            ),
        }
    }
    let page = d.obj(cx, &["page"], "design", &[]);
    let typography = d.obj(cx, &["typography"], "design", &[]);
    let colors = d.obj(cx, &["colors"], "design", &[]);

    // Page size: `page.size` (2.x), `page_size` (1.x).
    let size = page
        .as_ref()
        .and_then(|p| lenient(cx, p, &["size"]))
        .or_else(|| lenient(cx, d, &["page_size"]));
    if let Some((src, pos, size)) = size {
        cx.map.insert("design.paper".into(), src.clone(), pos);
        match size.parse::<Paper>() {
            Ok(p) => design.paper = Some(p),
            Err(_) => unusable(
                cx,
                (src, pos),
                format!("page size `{size}` is not one vitae sets (a4, letter); A4 is used"),
            ),
        }
    }

    // The side margin: `page.left_margin` (2.x), `margins.page.left` (1.x).
    let margin = page
        .as_ref()
        .and_then(|p| lenient(cx, p, &["left_margin"]))
        .or_else(|| {
            let margins = d.obj(cx, &["margins"], "design", &[])?;
            let page = margins.obj(cx, &["page"], "design", &[])?;
            lenient(cx, &page, &["left"])
        });
    if let Some((src, pos, text)) = margin {
        cx.map.insert("design.margin_mm".into(), src.clone(), pos);
        match length_mm(&text)
            .ok_or_else(|| format!("margin `{text}` is not a length (0.7in, 2cm, 18mm)"))
            .and_then(|mm| design::in_range(mm, &design::MARGINS_MM, "margin", "mm"))
        {
            Ok(mm) => design.margin_mm = Some(mm),
            Err(why) => unusable(cx, (src, pos), format!("{why}; the theme's margin is used")),
        }
    }

    // The accent: the colour of section titles, else of the name (2.x), else `color` (1.x).
    let colour = colors
        .as_ref()
        .and_then(|c| lenient(cx, c, &["section_titles", "name", "links"]))
        .or_else(|| lenient(cx, d, &["color"]));
    if let Some((src, pos, text)) = colour {
        cx.map.insert("design.accent".into(), src.clone(), pos);
        match design::colour(&text) {
            Ok(c) => design.accent = Some(c),
            Err(why) => unusable(cx, (src, pos), format!("{why}; the theme's colour is used")),
        }
    }

    // The body font: `typography.font_family` (a name, or `body:` of a mapping), `font` (1.x).
    let family = typography.as_ref().and_then(|t| {
        let (key, node) = t.get(&["font_family"])?;
        match node.get("body") {
            Some(body) => body
                .scalar_text()
                .map(|f| (join(&join(&t.src, key), "body"), body.pos, f)),
            None => lenient(cx, t, &["font_family"]),
        }
    });
    if let Some((src, pos, name)) = family.or_else(|| lenient(cx, d, &["font"])) {
        cx.map.insert("design.font".into(), src.clone(), pos);
        match design::font(&name) {
            Ok(f) => design.font = Some(f.to_owned()),
            Err(_) => unusable(
                cx,
                (src, pos),
                format!(
                    "font `{name}` is not embedded in vitae; the theme's font is used \
                     (embedded: {})",
                    design::FONTS.join(", ")
                ),
            ),
        }
    }

    // The body size: `typography.font_size.body` (2.x), `font_size` (1.x).
    let size = typography
        .as_ref()
        .and_then(|t| {
            let sizes = t.obj(cx, &["font_size"], "design", &[])?;
            lenient(cx, &sizes, &["body"])
        })
        .or_else(|| lenient(cx, d, &["font_size"]));
    if let Some((src, pos, text)) = size {
        cx.map.insert("design.font_size".into(), src.clone(), pos);
        match length_mm(&text)
            .map(|mm| mm / MM_PER_PT)
            .ok_or_else(|| format!("font size `{text}` is not a size (10pt)"))
            .and_then(|pt| design::in_range(pt, &design::FONT_SIZES, "font size", "pt"))
        {
            Ok(pt) => design.font_size = Some((pt * 100.0).round() / 100.0),
            Err(why) => unusable(cx, (src, pos), format!("{why}; the theme's size is used")),
        }
    }

    // Section titles: `section_titles.type` (2.x), the theme's own in 1.x.
    if let Some(titles) = d.obj(cx, &["section_titles"], "design", &[])
        && let Some((src, pos, kind)) = lenient(cx, &titles, &["type"])
    {
        cx.map
            .insert("design.section_titles".into(), src.clone(), pos);
        match kind.parse::<SectionTitles>() {
            Ok(t) => design.section_titles = Some(t),
            Err(why) => unusable(cx, (src, pos), why),
        }
    }

    // The footer (page numbers) and the top note ("Last updated"): `page.show_footer` and
    // `page.show_top_note` (2.x), `disable_page_numbering` and `show_last_updated_date` (1.x).
    let flag = |cx: &mut Cx, o: &Obj, key: &str| o.flag(cx, &[key], key);
    design.page_numbers = page
        .as_ref()
        .and_then(|p| flag(cx, p, "show_footer"))
        .or_else(|| flag(cx, d, "disable_page_numbering").map(|off| !off));
    design.last_updated = page
        .as_ref()
        .and_then(|p| flag(cx, p, "show_top_note"))
        .or_else(|| flag(cx, d, "show_last_updated_date"));

    // Icons before the contact items: `header.connections.show_icons` (2.x).
    if let Some(header) = d.obj(cx, &["header"], "design", &[])
        && let Some(connections) = header.obj(cx, &["connections"], "design", &[])
    {
        design.icons = flag(cx, &connections, "show_icons");
    }

    // Dates: the 2.x `templates.single_date` names the month as RenderCV's placeholders do.
    if let Some(templates) = d.obj(cx, &["templates"], "design", &[])
        && let Some((src, pos, template)) = lenient(cx, &templates, &["single_date"])
    {
        cx.map.insert("design.dates".into(), src.clone(), pos);
        design.dates = if template.contains("MONTH_NAME") {
            Some(DateStyle::Long)
        } else if template.contains("MONTH_ABBREVIATION") {
            Some(DateStyle::Short)
        } else if template.contains("MONTH_IN_TWO_DIGITS") || template.contains("MONTH") {
            Some(DateStyle::Numeric)
        } else if template.contains("YEAR") {
            Some(DateStyle::Year)
        } else {
            unusable(
                cx,
                (src, pos),
                format!("date template `{template}` names no month or year; dates read Jan 2020"),
            );
            None
        };
    }
    design
}

const MM_PER_PT: f64 = 25.4 / 72.0;

/// A length as RenderCV writes one (`0.7in`, `2cm`, `18mm`, `10pt`), in millimetres.
fn length_mm(text: &str) -> Option<f64> {
    let t = text.trim();
    let split = t.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = t.split_at(split);
    let n: f64 = number.trim().parse().ok()?;
    let per = match unit.trim() {
        "mm" => 1.0,
        "cm" => 10.0,
        "in" => 25.4,
        "pt" => MM_PER_PT,
        _ => return None,
    };
    (n.is_finite() && n >= 0.0).then_some(n * per)
}

// ---------------------------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------------------------

fn read_header(cx: &mut Cx, cv: &Obj, b: &mut Basics) {
    b.name = cv.required_text(cx, &["name"], "basics.name");
    b.label = cv.text(cx, &["headline"], "basics.label");
    b.location.city = cv.text(cx, &["location"], "basics.location.city");
    b.image = cv.text(cx, &["photo"], "basics.image");

    for (n, src) in items(cx, cv, "social_networks") {
        let model = index("basics.profiles", b.profiles.len());
        let Some(o) = Obj::new(cx, n, src, model, SOCIAL_NETWORK) else {
            continue;
        };
        let network = o.required_text(cx, &["network"], "network");
        let username = o.text(cx, &["username"], "username");
        let mut url = o.text(cx, &["url"], "url");
        if url.is_none()
            && let Some(user) = &username
        {
            url = network_url(cx, &o, &network, user);
        }
        b.profiles.push(Profile {
            extra: Default::default(),
            network,
            username,
            url,
        });
    }

    for (n, src) in items(cx, cv, "custom_connections") {
        let model = index("basics.profiles", b.profiles.len());
        let Some(o) = Obj::new(cx, n, src, model, CUSTOM_CONNECTION) else {
            continue;
        };
        b.profiles.push(Profile {
            extra: Default::default(),
            network: o.required_text(cx, &["placeholder"], "network"),
            username: None,
            url: o.text(cx, &["url"], "url"),
        });
    }

    // One value or a list (RenderCV 2.3+): the first fills the basic field, the others become
    // profiles so that none is lost.
    for (key, model) in [
        ("email", "basics.email"),
        ("phone", "basics.phone"),
        ("website", "basics.url"),
    ] {
        for (i, (text, src, pos)) in scalars(cx, cv, key).into_iter().enumerate() {
            if i == 0 {
                cx.map.insert(model.into(), src, pos);
                match key {
                    "email" => b.email = Some(text),
                    "phone" => b.phone = Some(text),
                    _ => b.url = Some(text),
                }
            } else {
                cx.map
                    .insert(index("basics.profiles", b.profiles.len()), src, pos);
                b.profiles.push(extra_contact(key, text));
            }
        }
    }
}

/// A second (third, ...) email, phone or website as a profile with a link.
fn extra_contact(key: &str, text: String) -> Profile {
    let (network, url, username) = match key {
        "email" => ("Email", format!("mailto:{}", text.trim()), Some(text)),
        "phone" => {
            let number: String = text.split_whitespace().collect();
            ("Phone", format!("tel:{number}"), Some(text))
        }
        _ => ("Website", text, None),
    };
    Profile {
        extra: Default::default(),
        network: network.into(),
        username,
        url: Some(url),
    }
}

/// The link RenderCV builds for a social network, or `None` (with a warning) when it builds none.
fn network_url(cx: &mut Cx, o: &Obj, network: &str, username: &str) -> Option<String> {
    let user = username.trim();
    let Some((name, prefix)) = NETWORKS.iter().find(|(n, _)| squash(n) == squash(network)) else {
        if !network.trim().is_empty() {
            let names: Vec<&str> = NETWORKS.iter().map(|(n, _)| *n).collect();
            let hint = closest(network, &names).map_or_else(
                || {
                    format!(
                        "RenderCV knows {}; give the profile a `url:` for any other network",
                        names.join(", ")
                    )
                },
                |n| format!("did you mean `{n}`?"),
            );
            let (src, pos) = at(o, "network");
            cx.diags.warning(
                &src,
                pos,
                format!("`{network}` is not a social network RenderCV knows; no link is built"),
                Some(hint),
            );
        }
        return None;
    };
    match *name {
        "Mastodon" => {
            // `@user@host` → `https://host/@user`.
            let parts = user.strip_prefix('@').and_then(|u| u.split_once('@'));
            match parts {
                Some((u, host)) if !u.is_empty() && !host.is_empty() && !host.contains('/') => {
                    Some(format!("https://{host}/@{u}"))
                }
                _ => {
                    let (src, pos) = at(o, "username");
                    cx.diags.warning(
                        &src,
                        pos,
                        format!("`{user}` is not a Mastodon address; no link is built"),
                        Some(
                            "write the username as `@user@host`, e.g. `@ada@mastodon.social`"
                                .into(),
                        ),
                    );
                    None
                }
            }
        }
        // wa.me takes the number's digits only.
        "WhatsApp" => {
            let digits: String = user.chars().filter(char::is_ascii_digit).collect();
            (!digits.is_empty()).then(|| format!("{prefix}{digits}"))
        }
        // The prefix already ends in `@`.
        "YouTube" => Some(format!("{prefix}{}", user.trim_start_matches('@'))),
        _ => Some(format!("{prefix}{user}")),
    }
}

/// `Google Scholar`, `google_scholar` and `googlescholar` compare equal.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The source path and position of `key` in `o` (the mapping's own position when it is absent).
fn at(o: &Obj, key: &str) -> (String, Pos) {
    let pos = o.get(&[key]).map_or(o.node.pos, |(_, n)| n.pos);
    (join(&o.src, key), pos)
}

/// The items of the list under `key`, with their source paths.
fn items<'a>(cx: &mut Cx, o: &Obj<'a>, key: &str) -> Vec<(&'a Node, String)> {
    let Some((k, node)) = o.get(&[key]) else {
        return Vec::new();
    };
    let src = join(&o.src, k);
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .enumerate()
            .map(|(i, n)| (n, index(&src, i)))
            .collect(),
        _ => {
            cx.type_error(&src, node, "a list");
            Vec::new()
        }
    }
}

/// One text or a list of texts under `key`, each with its source path and position.
fn scalars(cx: &mut Cx, o: &Obj, key: &str) -> Vec<(String, String, Pos)> {
    let Some((k, node)) = o.get(&[key]) else {
        return Vec::new();
    };
    let src = join(&o.src, k);
    let nodes: Vec<(&Node, String)> = match &node.value {
        Value::Seq(items) => items
            .iter()
            .enumerate()
            .map(|(i, n)| (n, index(&src, i)))
            .collect(),
        _ => vec![(node, src)],
    };
    nodes
        .into_iter()
        .filter_map(|(n, src)| match n.scalar_text() {
            Some(t) => Some((t, src, n.pos)),
            None => {
                if !n.is_null() {
                    cx.type_error(&src, n, "text");
                }
                None
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Entry types
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    OneLine,
    Normal,
    Experience,
    Education,
    Publication,
    Bullet,
    Numbered,
    ReversedNumbered,
    Text,
}

impl Kind {
    /// The mapping entry types in RenderCV's detection order.
    const MAPPINGS: [Kind; 8] = [
        Kind::OneLine,
        Kind::Normal,
        Kind::Experience,
        Kind::Education,
        Kind::Publication,
        Kind::Bullet,
        Kind::Numbered,
        Kind::ReversedNumbered,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::OneLine => "OneLineEntry",
            Kind::Normal => "NormalEntry",
            Kind::Experience => "ExperienceEntry",
            Kind::Education => "EducationEntry",
            Kind::Publication => "PublicationEntry",
            Kind::Bullet => "BulletEntry",
            Kind::Numbered => "NumberedEntry",
            Kind::ReversedNumbered => "ReversedNumberedEntry",
            Kind::Text => "TextEntry",
        }
    }

    /// The keys no other entry type has: holding one of them makes a mapping this type.
    fn characteristic(self) -> &'static [&'static str] {
        match self {
            Kind::OneLine => &["label", "details"],
            Kind::Normal => &["name"],
            Kind::Experience => &["company", "position"],
            Kind::Education => &["institution", "area", "degree"],
            Kind::Publication => &["title", "authors", "doi", "url", "journal"],
            Kind::Bullet => &["bullet"],
            Kind::Numbered => &["number"],
            Kind::ReversedNumbered => &["reversed_number"],
            Kind::Text => &[],
        }
    }

    /// Every key read from an entry of this type.
    fn known(self) -> &'static [&'static str] {
        match self {
            Kind::OneLine => ONE_LINE,
            Kind::Normal => NORMAL,
            Kind::Experience => EXPERIENCE,
            Kind::Education => EDUCATION,
            Kind::Publication => PUBLICATION,
            Kind::Bullet => BULLET,
            Kind::Numbered => NUMBERED,
            Kind::ReversedNumbered => REVERSED_NUMBERED,
            Kind::Text => &[],
        }
    }

    /// Entries that are one text: TextEntry, BulletEntry, NumberedEntry, ReversedNumberedEntry.
    fn is_one_text(self) -> bool {
        matches!(
            self,
            Kind::Text | Kind::Bullet | Kind::Numbered | Kind::ReversedNumbered
        )
    }
}

/// The entry type of one section item, or `None` after reporting why it has none.
fn detect(cx: &mut Cx, node: &Node, src: &str) -> Option<Kind> {
    match &node.value {
        Value::Map(entries) => {
            let has = |k: Kind| {
                entries
                    .iter()
                    .any(|e| k.characteristic().contains(&e.key.as_str()))
            };
            let kind = Kind::MAPPINGS.into_iter().find(|k| has(*k));
            if kind.is_none() {
                let keys: Vec<&str> = Kind::MAPPINGS
                    .iter()
                    .flat_map(|k| k.characteristic().iter().copied())
                    .collect();
                let typo = entries
                    .iter()
                    .find_map(|e| closest(&e.key, &keys).map(|k| (&e.key, k)));
                let hint = typo.map_or_else(
                    || ENTRY_TYPES_HINT.to_owned(),
                    |(key, k)| format!("did you mean `{k}` instead of `{key}`?"),
                );
                cx.diags.error(
                    src,
                    node.pos,
                    "this entry matches no RenderCV entry type",
                    Some(hint),
                );
            }
            kind
        }
        Value::Seq(_) => {
            cx.type_error(src, node, "an entry (text or a mapping)");
            None
        }
        Value::Null => {
            cx.diags.error(
                src,
                node.pos,
                "an entry must not be empty",
                Some("remove the empty `-` item or give it content".into()),
            );
            None
        }
        _ => Some(Kind::Text),
    }
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

/// Where a section's entries go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Summary,
    Experience,
    Volunteer,
    Education,
    Publications,
    Projects,
    Skills,
    Certifications,
    Awards,
    Languages,
    Interests,
    Custom,
}

impl Dest {
    /// The section this list is shown in; `None` for a custom section (recorded where it is made).
    fn section(self) -> Option<crate::Section> {
        use crate::Section as S;
        Some(match self {
            Dest::Summary => S::Summary,
            Dest::Experience => S::Experience,
            Dest::Volunteer => S::Volunteer,
            Dest::Education => S::Education,
            Dest::Publications => S::Publications,
            Dest::Projects => S::Projects,
            Dest::Skills => S::Skills,
            Dest::Certifications => S::Certifications,
            Dest::Awards => S::Awards,
            Dest::Languages => S::Languages,
            Dest::Interests => S::Interests,
            Dest::Custom => return None,
        })
    }
}

const SUMMARY_TITLES: &[&str] = &[
    "summary",
    "about",
    "about me",
    "profile",
    "professional summary",
    "professional profile",
    "career summary",
    "executive summary",
    "personal statement",
    "overview",
    "objective",
    "career objective",
];
const LANGUAGE_TITLES: &[&str] = &[
    "languages",
    "language",
    "spoken languages",
    "foreign languages",
    "language skills",
    "language proficiency",
];
const CERTIFICATION_WORDS: &[&str] = &[
    "certification",
    "certifications",
    "certificate",
    "certificates",
    "license",
    "licenses",
    "licence",
    "licences",
];
const AWARD_WORDS: &[&str] = &[
    "award",
    "awards",
    "honor",
    "honors",
    "honour",
    "honours",
    "prize",
    "prizes",
    "distinctions",
];
const SKILL_WORDS: &[&str] = &[
    "skill",
    "skills",
    "technology",
    "technologies",
    "technical",
    "competencies",
    "competences",
    "expertise",
    "stack",
    "tools",
    "programming",
    "proficiencies",
];
const INTEREST_WORDS: &[&str] = &["interest", "interests", "hobbies"];

/// The model list a section title names, if any.
fn named(title: &str) -> Option<Dest> {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let whole = words.join(" ");
    let any = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if SUMMARY_TITLES.contains(&whole.as_str()) {
        Some(Dest::Summary)
    } else if LANGUAGE_TITLES.contains(&whole.as_str()) {
        Some(Dest::Languages)
    } else if words.iter().any(|w| w.starts_with("volunteer")) {
        Some(Dest::Volunteer)
    } else if any(&["project", "projects"]) {
        Some(Dest::Projects)
    } else if any(CERTIFICATION_WORDS) {
        Some(Dest::Certifications)
    } else if any(AWARD_WORDS) {
        Some(Dest::Awards)
    } else if any(SKILL_WORDS) {
        Some(Dest::Skills)
    } else if any(INTEREST_WORDS) {
        Some(Dest::Interests)
    } else {
        None
    }
}

/// The fields of an entry type that `dest` has a place for; `None`: not that list's entries.
fn fields(dest: Dest, kind: Kind) -> Option<&'static [&'static str]> {
    match (dest, kind) {
        (Dest::Summary, Kind::Text) => Some(&[]),
        (Dest::Volunteer, Kind::Experience) => Some(&[
            "company",
            "position",
            "date",
            "start_date",
            "end_date",
            "summary",
            "highlights",
            "url",
            "tags",
        ]),
        (Dest::Volunteer | Dest::Projects, Kind::Normal) => Some(&[
            "name",
            "date",
            "start_date",
            "end_date",
            "summary",
            "highlights",
            "url",
            "tags",
        ]),
        (Dest::Skills | Dest::Languages | Dest::Interests, Kind::OneLine) => Some(ONE_LINE),
        (Dest::Certifications, Kind::Normal) => Some(&["name", "date", "url", "tags"]),
        (Dest::Awards, Kind::Normal) => Some(&["name", "date", "summary", "tags"]),
        (Dest::Certifications | Dest::Awards | Dest::Languages | Dest::Interests, _)
            if kind.is_one_text() =>
        {
            Some(kind.known())
        }
        _ => None,
    }
}

/// Whether every field `node` uses (of those its type knows) has a place among `fields`.
fn fits(fields: &[&str], kind: Kind, node: &Node) -> bool {
    node.as_map().is_none_or(|entries| {
        entries.iter().all(|e| {
            e.value.is_null()
                || !kind.known().contains(&e.key.as_str())
                || fields.contains(&e.key.as_str())
        })
    })
}

fn destination(title: &str, kind: Kind, entries: &[&Node], r: &Resume) -> Dest {
    let named = named(title);
    match kind {
        Kind::Education => return Dest::Education,
        Kind::Publication => return Dest::Publications,
        Kind::Experience if named != Some(Dest::Volunteer) => return Dest::Experience,
        _ => {}
    }
    let Some(dest) = named else {
        return Dest::Custom;
    };
    if dest == Dest::Summary && r.summary.base.is_some() {
        return Dest::Custom;
    }
    match fields(dest, kind) {
        Some(f) if entries.iter().all(|n| fits(f, kind, n)) => dest,
        _ => Dest::Custom,
    }
}

/// The title RenderCV displays for a section key: as written when it has a space or a capital
/// letter, otherwise `snake_case` in title case with short function words in lower case.
fn section_title(key: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "like", "near",
        "nor", "of", "off", "on", "onto", "or", "over", "so", "than", "that", "to", "upon", "when",
        "with", "yet",
    ];
    if key.contains(' ') || key.chars().any(char::is_uppercase) {
        return key.to_owned();
    }
    key.replace('_', " ")
        .split(' ')
        .map(|w| {
            if SMALL.contains(&w) {
                return w.to_owned();
            }
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_sections(cx: &mut Cx, node: &Node, src: &str, r: &mut Resume) {
    let Some(sections) = node.as_map() else {
        cx.type_error(src, node, "a mapping of section titles to lists of entries");
        return;
    };
    for s in sections {
        let src = join(src, &s.key);
        match &s.value.value {
            Value::Seq(items) => read_section(cx, &s.key, s.key_pos, &src, items, r),
            _ => cx.type_error(&src, &s.value, "a list of entries"),
        }
    }
}

fn read_section(cx: &mut Cx, title: &str, pos: Pos, section: &str, items: &[Node], r: &mut Resume) {
    if items.is_empty() {
        // RenderCV shows an empty section as its bare title.
        new_custom(cx, r, title, section, pos);
        return;
    }
    let kinds: Vec<Option<Kind>> = items
        .iter()
        .enumerate()
        .map(|(i, n)| detect(cx, n, &index(section, i)))
        .collect();
    let Some(kind) = kinds.iter().flatten().copied().next() else {
        return;
    };
    let same: Vec<&Node> = items
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == Some(kind))
        .map(|(n, _)| n)
        .collect();
    let dest = destination(title, kind, &same, r);
    let mut custom = (dest == Dest::Custom).then(|| new_custom(cx, r, title, section, pos));
    if let Some(section) = dest.section() {
        let title = section_title(title);
        if !r.section_order.iter().any(|s| s.section == section) {
            // Where the author put it, under the title they gave it; a title that only names the
            // section ("Experience") is vitae's heading, which follows the document's language.
            r.section_order.push(SectionRef {
                section,
                custom: None,
            });
            if !title.eq_ignore_ascii_case(section.name()) {
                r.section_titles.insert(section, title);
            }
        } else if r.section_titles.get(&section).is_some_and(|t| *t != title) {
            // Two sections of one list under two titles ("Research Experience", "Teaching
            // Experience"): neither title is right for both, so vitae's heading shows.
            r.section_titles.shift_remove(&section);
        }
    }
    let mut paragraphs: Vec<String> = Vec::new();

    for (i, (node, k)) in items.iter().zip(&kinds).enumerate() {
        let Some(k) = *k else {
            continue;
        };
        let src = index(section, i);
        if k != kind {
            cx.diags.error(
                &src,
                node.pos,
                format!(
                    "this entry is a {}, but the section's first entry makes it a section of {}s",
                    k.name(),
                    kind.name()
                ),
                Some("RenderCV reads a whole section as one entry type; move this entry to a section of its own".into()),
            );
            // Still kept, beside the section, rather than lost.
            let c = *custom.get_or_insert_with(|| new_custom(cx, r, title, section, pos));
            push_custom(cx, r, c, node, src, k);
            continue;
        }
        match dest {
            Dest::Summary => {
                if paragraphs.is_empty() {
                    cx.map.insert("summary.base".into(), src.clone(), node.pos);
                }
                let text = node.scalar_text().unwrap_or_default();
                // Read as Markdown once joined, so the formatting is keyed by the whole summary.
                paragraphs.push(text);
            }
            Dest::Experience => {
                let model = index("experience", r.experience.len());
                r.experience.extend(experience(cx, node, src, model));
            }
            Dest::Volunteer => {
                let model = index("volunteer", r.volunteer.len());
                r.volunteer.extend(volunteer(cx, node, src, model, k));
            }
            Dest::Education => {
                let model = index("education", r.education.len());
                r.education.extend(education(cx, node, src, model));
            }
            Dest::Publications => {
                let model = index("publications", r.publications.len());
                r.publications.extend(publication(cx, node, src, model));
            }
            Dest::Projects => {
                let model = index("projects", r.projects.len());
                r.projects.extend(project(cx, node, src, model));
            }
            Dest::Skills => {
                let model = index("skills", r.skills.len());
                r.skills.extend(skill_category(cx, node, src, model));
            }
            Dest::Certifications => {
                let model = index("certifications", r.certifications.len());
                r.certifications
                    .extend(certification(cx, node, src, model, k));
            }
            Dest::Awards => {
                let model = index("awards", r.awards.len());
                r.awards.extend(award(cx, node, src, model, k));
            }
            Dest::Languages => {
                let model = index("languages", r.languages.len());
                r.languages.extend(language(cx, node, src, model, k));
            }
            Dest::Interests => {
                let model = index("interests", r.interests.len());
                r.interests.extend(interest(cx, node, src, model, k));
            }
            Dest::Custom => {
                let c = *custom.get_or_insert_with(|| new_custom(cx, r, title, section, pos));
                push_custom(cx, r, c, node, src, k);
            }
        }
    }
    if !paragraphs.is_empty() {
        r.summary.base = Some(cx.rich(paragraphs.join("\n\n")));
    }
}

fn new_custom(cx: &mut Cx, r: &mut Resume, title: &str, src: &str, pos: Pos) -> usize {
    let k = r.custom_sections.len();
    let model = index("custom_sections", k);
    cx.map.insert(join(&model, "title"), src.to_owned(), pos);
    cx.map.insert(model, src.to_owned(), pos);
    r.custom_sections.push(CustomSection {
        title: section_title(title),
        entries: Vec::new(),
    });
    r.section_order.push(SectionRef {
        section: crate::Section::Custom,
        custom: Some(k),
    });
    k
}

fn push_custom(cx: &mut Cx, r: &mut Resume, k: usize, node: &Node, src: String, kind: Kind) {
    let Some(section) = r.custom_sections.get_mut(k) else {
        return;
    };
    let model = index(
        &join(&index("custom_sections", k), "entries"),
        section.entries.len(),
    );
    section
        .entries
        .extend(custom_entry(cx, node, src, model, kind));
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

/// Reports `tags` as not kept: RenderCV uses them to filter CV versions, which vitae does with
/// variants.
fn unused_tags(cx: &mut Cx, o: &Obj) {
    if let Some((key, n)) = o.get(&["tags"]) {
        cx.diags.warning(
            &join(&o.src, key),
            n.pos,
            "RenderCV `tags` are not kept for this entry",
            Some("vitae selects content per application with `variants`".into()),
        );
    }
}

/// Which of RenderCV's date keys an entry's dates come from.
enum When {
    Nothing,
    /// One date (or free text) under this key.
    Single(&'static str),
    /// `start_date`, and `end_date` unless ongoing.
    Range,
}

fn when(cx: &mut Cx, o: &Obj) -> When {
    if o.get(&["date"]).is_some() {
        for key in ["start_date", "end_date"] {
            if let Some((_, n)) = o.get(&[key]) {
                cx.diags.warning(
                    &join(&o.src, key),
                    n.pos,
                    format!("`{key}` is ignored because `date` is given"),
                    Some("RenderCV shows only `date` when both are given; remove one".into()),
                );
            }
        }
        return When::Single("date");
    }
    match (o.get(&["start_date"]), o.get(&["end_date"])) {
        (Some(_), _) => When::Range,
        (None, Some(_)) => When::Single("end_date"),
        (None, None) => When::Nothing,
    }
}

/// `start_date`..`end_date`; a start without an end is ongoing, as in RenderCV.
fn range(cx: &mut Cx, o: &Obj) -> (Option<DateValue>, Option<DateValue>) {
    let start = o.date(cx, &["start_date"], "start");
    let end = o
        .date(cx, &["end_date"], "end")
        .or(Some(DateValue::Present));
    (start, end)
}

/// What a single date means for a model entry with a start and an end.
#[derive(Clone, Copy)]
enum SingleDate {
    Start,
    End,
}

fn span(cx: &mut Cx, o: &Obj, single: SingleDate) -> (Option<DateValue>, Option<DateValue>) {
    match (when(cx, o), single) {
        (When::Nothing, _) => (None, None),
        (When::Range, _) => range(cx, o),
        (When::Single(key), SingleDate::Start) => (o.date(cx, &[key], "start"), None),
        (When::Single(key), SingleDate::End) => (None, o.date(cx, &[key], "end")),
    }
}

/// The address of a title that is one link as a whole (`name: '[FlashInfer](https://...)'`), which
/// is how RenderCV users link a project that has no `url`.
fn whole_link(o: &Obj<'_>, key: &str) -> Option<String> {
    let raw = o.get(&[key])?.1.scalar_text()?;
    let parsed = crate::rich::parse(&raw);
    parsed.marks.iter().find_map(|m| match &m.style {
        crate::rich::Style::Link(url) if m.start == 0 && m.end == parsed.plain.len() => {
            Some(url.clone())
        }
        _ => None,
    })
}

/// The text of a one-text entry, recorded at `model.field`.
fn one_text(
    cx: &mut Cx,
    node: &Node,
    src: String,
    model: String,
    kind: Kind,
    field: &str,
) -> String {
    if kind == Kind::Text {
        cx.map.insert(join(&model, field), src.clone(), node.pos);
        cx.map.insert(model, src, node.pos);
        let text = node.scalar_text().unwrap_or_default();
        return cx.rich(text);
    }
    let Some(o) = Obj::new(cx, node, src, model, kind.known()) else {
        return String::new();
    };
    unused_tags(cx, &o);
    o.required_text(cx, kind.characteristic(), field)
}

fn experience(cx: &mut Cx, node: &Node, src: String, model: String) -> Option<Experience> {
    let o = Obj::new(cx, node, src, model, EXPERIENCE)?;
    unused_tags(cx, &o);
    let (start, end) = span(cx, &o, SingleDate::Start);
    Some(Experience {
        extra: o.extra(),
        company: o.required_text(cx, &["company"], "company"),
        title: o.text(cx, &["position"], "title"),
        location: o.text(cx, &["location"], "location"),
        description: None,
        url: o.text(cx, &["url"], "url"),
        start,
        end,
        summary: o.text(cx, &["summary"], "summary"),
        bullets: o
            .text_list(cx, &["highlights"], "bullets")
            .into_iter()
            .map(Bullet::plain)
            .collect(),
    })
}

fn volunteer(
    cx: &mut Cx,
    node: &Node,
    src: String,
    model: String,
    kind: Kind,
) -> Option<Volunteer> {
    let o = Obj::new(cx, node, src, model, kind.known())?;
    unused_tags(cx, &o);
    let (start, end) = span(cx, &o, SingleDate::Start);
    let (organization, position) = if kind == Kind::Experience {
        (
            o.required_text(cx, &["company"], "organization"),
            o.text(cx, &["position"], "position"),
        )
    } else {
        (o.required_text(cx, &["name"], "organization"), None)
    };
    Some(Volunteer {
        extra: o.extra(),
        organization,
        position,
        url: o.text(cx, &["url"], "url"),
        start,
        end,
        summary: o.text(cx, &["summary"], "summary"),
        highlights: o.text_list(cx, &["highlights"], "highlights"),
    })
}

fn education(cx: &mut Cx, node: &Node, src: String, model: String) -> Option<Education> {
    let o = Obj::new(cx, node, src, model, EDUCATION)?;
    unused_tags(cx, &o);
    let (start, end) = span(cx, &o, SingleDate::End);
    let mut e = Education {
        institution: o.required_text(cx, &["institution"], "institution"),
        degree: o.text(cx, &["degree"], "degree"),
        field: o.text(cx, &["area"], "field"),
        location: o.text(cx, &["location"], "location"),
        url: o.text(cx, &["url"], "url"),
        start,
        end,
        ..Education::default()
    };
    // The summary, then the highlights, as the author wrote them ("GPA: 3.9/4.0", "Advisor:
    // Prof. Lee"): shown as written, in order, not re-filed under labels of ours.
    let mut lines = scalars(cx, &o, "summary");
    // A highlight's ` - ` is a sub-item (see `Cx::field`).
    lines.extend(
        scalars(cx, &o, "highlights")
            .into_iter()
            .map(|(text, src, pos)| (crate::rich::rendercv_sub_items(&text), src, pos)),
    );
    for (text, src, pos) in lines {
        cx.map.insert(
            index(&join(&o.model, "highlights"), e.highlights.len()),
            src,
            pos,
        );
        e.highlights.push(cx.rich(text));
    }
    Some(e)
}

/// Splits `Python, C++ (17, 20), and Rust` at the commas outside brackets into `Python`,
/// `C++ (17, 20)` and `Rust`.
fn split_list(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth <= 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    let last = parts.len() - 1;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let p = p.trim();
            // The list's own conjunction (`..., and Rust`) is not part of the last item.
            if i == last && last > 0 {
                p.strip_prefix("and ").unwrap_or(p)
            } else {
                p
            }
        })
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn publication(cx: &mut Cx, node: &Node, src: String, model: String) -> Option<Publication> {
    let o = Obj::new(cx, node, src, model, PUBLICATION)?;
    unused_tags(cx, &o);
    Some(Publication {
        name: o.required_text(cx, &["title"], "name"),
        journal: o.text(cx, &["journal"], "journal"),
        date: o.date(cx, &["date"], "date"),
        url: o.text(cx, &["url"], "url"),
        summary: o.text(cx, &["summary"], "summary"),
        authors: o.text_list(cx, &["authors"], "authors"),
        doi: o.text(cx, &["doi"], "doi"),
        extra: o.extra(),
        ..Publication::default()
    })
}

fn project(cx: &mut Cx, node: &Node, src: String, model: String) -> Option<Project> {
    let o = Obj::new(cx, node, src, model, NORMAL)?;
    let (start, end) = span(cx, &o, SingleDate::Start);
    let name = o.required_text(cx, &["name"], "name");
    let url = o
        .text(cx, &["url"], "url")
        .or_else(|| whole_link(&o, "name"));
    Some(Project {
        name,
        description: o.text(cx, &["summary"], "description"),
        url,
        highlights: o.text_list(cx, &["highlights"], "highlights"),
        start,
        end,
        emphasize_for: o.text_list(cx, &["tags"], "emphasize_for"),
        ..Project::default()
    })
}

/// The items of a OneLineEntry's `details`, each recorded at `model.field[i]`.
fn details_list(cx: &mut Cx, o: &Obj, field: &str) -> Vec<String> {
    let Some(details) = o.text(cx, &["details"], field) else {
        return Vec::new();
    };
    let (src, pos) = at(o, "details");
    let items = split_list(&details);
    for i in 0..items.len() {
        cx.map
            .insert(index(&join(&o.model, field), i), src.clone(), pos);
    }
    items
}

fn skill_category(cx: &mut Cx, node: &Node, src: String, model: String) -> Option<SkillCategory> {
    let o = Obj::new(cx, node, src, model, ONE_LINE)?;
    unused_tags(cx, &o);
    Some(SkillCategory {
        extra: o.extra(),
        name: o.required_text(cx, &["label"], "name"),
        level: None,
        items: details_list(cx, &o, "items")
            .into_iter()
            .map(|name| Skill {
                name,
                ..Skill::default()
            })
            .collect(),
    })
}

fn language(cx: &mut Cx, node: &Node, src: String, model: String, kind: Kind) -> Option<Language> {
    if kind.is_one_text() {
        return Some(Language {
            extra: Default::default(),
            language: one_text(cx, node, src, model, kind, "language"),
            fluency: None,
        });
    }
    let o = Obj::new(cx, node, src, model, ONE_LINE)?;
    unused_tags(cx, &o);
    Some(Language {
        extra: o.extra(),
        language: o.required_text(cx, &["label"], "language"),
        fluency: o.text(cx, &["details"], "fluency"),
    })
}

fn interest(cx: &mut Cx, node: &Node, src: String, model: String, kind: Kind) -> Option<Interest> {
    if kind.is_one_text() {
        return Some(Interest {
            extra: Default::default(),
            name: one_text(cx, node, src, model, kind, "name"),
            keywords: Vec::new(),
        });
    }
    let o = Obj::new(cx, node, src, model, ONE_LINE)?;
    unused_tags(cx, &o);
    Some(Interest {
        extra: o.extra(),
        name: o.required_text(cx, &["label"], "name"),
        keywords: details_list(cx, &o, "keywords"),
    })
}

/// A single date of an entry as a model `date` (certifications, awards).
fn single_date(cx: &mut Cx, o: &Obj) -> Option<DateValue> {
    match when(cx, o) {
        When::Single(key) => o.date(cx, &[key], "date"),
        // Ranges never get here: sections using them stay custom sections.
        When::Range | When::Nothing => None,
    }
}

fn certification(
    cx: &mut Cx,
    node: &Node,
    src: String,
    model: String,
    kind: Kind,
) -> Option<Certification> {
    if kind.is_one_text() {
        return Some(Certification {
            name: one_text(cx, node, src, model, kind, "name"),
            ..Certification::default()
        });
    }
    let o = Obj::new(cx, node, src, model, NORMAL)?;
    unused_tags(cx, &o);
    Some(Certification {
        name: o.required_text(cx, &["name"], "name"),
        date: single_date(cx, &o),
        url: o.text(cx, &["url"], "url"),
        ..Certification::default()
    })
}

fn award(cx: &mut Cx, node: &Node, src: String, model: String, kind: Kind) -> Option<Award> {
    if kind.is_one_text() {
        return Some(Award {
            title: one_text(cx, node, src, model, kind, "title"),
            ..Award::default()
        });
    }
    let o = Obj::new(cx, node, src, model, NORMAL)?;
    unused_tags(cx, &o);
    Some(Award {
        extra: o.extra(),
        title: o.required_text(cx, &["name"], "title"),
        date: single_date(cx, &o),
        awarder: None,
        summary: o.text(cx, &["summary"], "summary"),
    })
}

/// Any entry as a custom-section entry, keeping every field.
fn custom_entry(
    cx: &mut Cx,
    node: &Node,
    src: String,
    model: String,
    kind: Kind,
) -> Option<CustomEntry> {
    let mut c = CustomEntry::default();
    match kind {
        Kind::Text => c.summary = Some(one_text(cx, node, src, model, kind, "summary")),
        Kind::Bullet | Kind::Numbered | Kind::ReversedNumbered => {
            c.bullets = vec![one_text(cx, node, src, model, kind, "bullets[0]")];
        }
        Kind::OneLine => {
            let o = Obj::new(cx, node, src, model, ONE_LINE)?;
            unused_tags(cx, &o);
            c.title = o.text(cx, &["label"], "title");
            c.summary = o.text(cx, &["details"], "summary");
        }
        Kind::Publication => {
            let o = Obj::new(cx, node, src, model, PUBLICATION)?;
            unused_tags(cx, &o);
            c.title = Some(o.required_text(cx, &["title"], "title"));
            let byline = [
                Some(o.text_list(cx, &["authors"], "subtitle").join(", ")),
                o.text(cx, &["journal"], "subtitle"),
            ];
            let byline: Vec<String> = byline
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect();
            c.subtitle = (!byline.is_empty()).then(|| byline.join(" — "));
            c.date = o.text(cx, &["date"], "date");
            c.summary = o.text(cx, &["summary"], "summary");
            let doi = o.text(cx, &["doi"], "url");
            c.url = o.text(cx, &["url"], "url");
            match (doi, &c.url) {
                (Some(doi), None) => c.url = Some(format!("https://doi.org/{doi}")),
                (Some(doi), Some(_)) => c.bullets.push(format!("DOI: {doi}")),
                (None, _) => {}
            }
        }
        Kind::Normal | Kind::Experience | Kind::Education => {
            let o = Obj::new(cx, node, src, model, kind.known())?;
            unused_tags(cx, &o);
            match kind {
                Kind::Normal => c.title = Some(o.required_text(cx, &["name"], "title")),
                Kind::Experience => {
                    c.title = Some(o.required_text(cx, &["company"], "title"));
                    c.subtitle = o.text(cx, &["position"], "subtitle");
                }
                _ => {
                    c.title = Some(o.required_text(cx, &["institution"], "title"));
                    let degree = o.text(cx, &["degree"], "subtitle");
                    let area = o.text(cx, &["area"], "subtitle");
                    c.subtitle = match (degree, area) {
                        (Some(d), Some(a)) => Some(format!("{d} in {a}")),
                        (d, a) => d.or(a),
                    };
                }
            }
            c.location = o.text(cx, &["location"], "location");
            c.url = o.text(cx, &["url"], "url");
            match when(cx, &o) {
                When::Nothing => {}
                When::Single(key) => c.date = o.text(cx, &[key], "date"),
                When::Range => (c.start, c.end) = range(cx, &o),
            }
            c.summary = o.text(cx, &["summary"], "summary");
            c.bullets = o.text_list(cx, &["highlights"], "bullets");
        }
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_list_keeps_bracketed_commas_and_drops_the_final_conjunction() {
        assert_eq!(
            split_list("Python, C++ (17, 20), and Rust"),
            ["Python", "C++ (17, 20)", "Rust"]
        );
        assert_eq!(
            split_list("English (native), Spanish"),
            ["English (native)", "Spanish"]
        );
        assert_eq!(split_list("  "), Vec::<String>::new());
    }

    #[test]
    fn section_titles_follow_rendercv() {
        for (key, title) in [
            ("invited_talks", "Invited Talks"),
            ("education_and_training", "Education and Training"),
            ("Welcome to RenderCV", "Welcome to RenderCV"),
            ("selectedHonors", "selectedHonors"),
            ("patents", "Patents"),
        ] {
            assert_eq!(section_title(key), title, "{key}");
        }
    }

    #[test]
    fn titles_name_model_lists_by_word() {
        for (title, dest) in [
            ("summary", Some(Dest::Summary)),
            ("About Me", Some(Dest::Summary)),
            ("selected_honors", Some(Dest::Awards)),
            ("Technical Skills", Some(Dest::Skills)),
            ("Language Skills", Some(Dest::Languages)),
            ("Programming Languages", Some(Dest::Skills)),
            ("open-source projects", Some(Dest::Projects)),
            ("Volunteering", Some(Dest::Volunteer)),
            ("Licenses & Certifications", Some(Dest::Certifications)),
            ("Research Interests", Some(Dest::Interests)),
            ("patents", None),
        ] {
            assert_eq!(named(title), dest, "{title}");
        }
    }
}
