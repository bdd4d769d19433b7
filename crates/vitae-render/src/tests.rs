//! Whole-document tests across all formats: hostile input, completeness, snapshots, properties.

use crate::escape;
use crate::fixtures::{HOSTILE, HOSTILE_URL, hostile, realistic};
use crate::{RenderOptions, Section, TextFormat, render_text};
use proptest::prelude::*;
use vitae_core::DateValue;
use vitae_core::model::*;

fn render(resume: &Resume, format: TextFormat) -> String {
    render_text(resume, format, &RenderOptions::default())
}

fn html_escaped(s: &str) -> String {
    let mut out = String::new();
    escape::html_into(&mut out, s);
    out
}

fn latex_escaped(s: &str) -> String {
    let mut out = String::new();
    escape::latex_into(&mut out, s);
    out
}

fn markdown_escaped(s: &str) -> String {
    let mut out = String::new();
    escape::markdown_into(&mut out, s, false);
    out
}

/// What a Markdown reader sees of escaped text: CommonMark drops a backslash before ASCII
/// punctuation.
fn markdown_unescaped(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Plain text with line breaks and indentation folded away, so wrapped text reads as one line.
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn hostile_html_escapes_every_markup_character_and_links_nothing_unsafe() {
    let html = render(&hostile(), TextFormat::Html);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "raw <script in:\n{html}");
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!lower.contains("href=\"javascript:"));
    assert!(!lower.contains("href=\"data:"));
    for s in HOSTILE {
        assert!(
            html.contains(&html_escaped(&escape::fold(s))),
            "missing {s:?}"
        );
    }
    // The unsafe URLs are not lost: shown as text where the text is the URL.
    assert!(html.contains("<li>javascript:alert(1)</li>"));
}

#[test]
fn hostile_latex_never_contains_an_unescaped_command() {
    let tex = render(&hostile(), TextFormat::Latex);
    assert!(!tex.contains("\\input{"), "unescaped \\input in:\n{tex}");
    assert!(!tex.contains("\\input"));
    assert_eq!(tex.matches("\\end{document}").count(), 1);
    assert!(!tex.to_ascii_lowercase().contains("\\href{javascript"));
    for s in HOSTILE {
        assert!(tex.contains(&latex_escaped(s)), "missing {s:?}");
    }
    assert!(tex.contains("\\textbackslash{}input\\{/etc/passwd\\}"));
    assert!(
        tex.contains("\\$HOME 100\\% \\& co \\#1 \\textasciitilde{}user \\textasciicircum{}caret")
    );
    // Characters pdfTeX lacks are declared for the fallback; the source keeps them.
    for (hex, c) in [
        ("674E", '李'),
        ("1F600", '😀'),
        ("0645", 'م'),
        ("00EB", 'ë'),
    ] {
        assert!(
            tex.contains(&format!("\\vitaefallback{{{hex}}}{{{c}}}")),
            "{hex}"
        );
    }
    assert_balanced_braces(&tex);
}

#[test]
fn hostile_markdown_shows_every_string_literally_and_opens_no_block() {
    let md = render(&hostile(), TextFormat::Markdown);
    let seen = markdown_unescaped(&md);
    for s in HOSTILE {
        assert!(md.contains(&markdown_escaped(s)), "missing escaped {s:?}");
        assert!(seen.contains(&escape::fold(s)), "missing {s:?}");
    }
    assert!(md.contains("\\*\\*bold\\*\\* \\_under\\_"));
    assert!(md.contains("\\$HOME 100% \\& co \\#1 \\~user ^caret"));
    assert!(md.contains("\\</script\\>"));
    // The newlines in the summary were folded: no heading, list item or ordered list of the user's.
    for line in md.lines() {
        for opener in ["# heading", "- item", "1. first", "#import", "\\end"] {
            assert!(
                !line.starts_with(opener),
                "user text opened a block: {line:?}"
            );
        }
    }
    assert!(md.contains("\\# heading - item 1. first"));
    assert!(!md.to_ascii_lowercase().contains("](javascript:"));
    assert!(!md.contains("](data:"));
}

#[test]
fn hostile_plain_text_keeps_every_string_and_adds_only_ascii() {
    let txt = render(&hostile(), TextFormat::Text);
    let flat = unwrapped(&txt);
    for s in HOSTILE {
        assert!(flat.contains(&escape::fold(s)), "missing {s:?}");
    }
    assert!(!txt.contains('\t'));
    let source = format!("{}{HOSTILE_URL}", HOSTILE.concat());
    for c in txt.chars().filter(|c| !c.is_ascii()) {
        assert!(source.contains(c), "{c:?} is not from the resume");
    }
}

/// Every string a reader expects, in the form a reader sees it (before escaping).
fn expected_strings(r: &Resume) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: &str| out.push(s.to_owned());
    let b = &r.basics;
    add(&b.name);
    b.credentials.iter().for_each(|c| add(c));
    [&b.label, &b.email, &b.phone, &b.url]
        .into_iter()
        .flatten()
        .for_each(|s| add(s));
    [&b.location.city, &b.location.region, &b.location.country]
        .into_iter()
        .flatten()
        .for_each(|s| add(s));
    for p in &b.profiles {
        add(&p.network);
        p.username.iter().for_each(|u| add(u));
    }
    for p in r.summary.base.iter().flat_map(|s| s.split("\n\n")) {
        add(p);
    }
    for c in &r.skills {
        add(&c.name);
        for s in &c.items {
            add(&s.name);
            s.level.iter().for_each(|l| add(l));
            s.keywords.iter().for_each(|k| add(k));
        }
    }
    for e in &r.experience {
        add(&e.company);
        [&e.title, &e.location, &e.description, &e.summary]
            .into_iter()
            .flatten()
            .for_each(|s| add(s));
        e.bullets.iter().for_each(|b| add(&b.text));
    }
    for e in &r.education {
        add(&e.institution);
        [&e.degree, &e.field, &e.location, &e.score, &e.thesis]
            .into_iter()
            .flatten()
            .for_each(|s| add(s));
        e.courses.iter().chain(&e.honors).for_each(|s| add(s));
    }
    for p in &r.projects {
        add(&p.name);
        // The category only groups projects for variants; it is deliberately not shown.
        [&p.description, &p.entity, &p.kind]
            .into_iter()
            .flatten()
            .for_each(|s| add(s));
        p.technologies
            .iter()
            .chain(&p.highlights)
            .chain(&p.roles)
            .for_each(|s| add(s));
    }
    for c in &r.certifications {
        add(&c.name);
        [&c.issuer, &c.credential_id]
            .into_iter()
            .flatten()
            .for_each(|s| add(s));
    }
    for p in &r.publications {
        add(&p.name);
        [&p.publisher, &p.summary, &p.doi]
            .into_iter()
            .flatten()
            .for_each(|s| add(s));
        p.authors.iter().for_each(|s| add(s));
    }
    for a in &r.awards {
        add(&a.title);
        [&a.awarder, &a.summary]
            .into_iter()
            .flatten()
            .for_each(|s| add(s));
    }
    for l in &r.languages {
        add(&l.language);
        l.fluency.iter().for_each(|f| add(f));
    }
    for i in &r.interests {
        add(&i.name);
        i.keywords.iter().for_each(|k| add(k));
    }
    for v in &r.volunteer {
        add(&v.organization);
        [&v.position, &v.summary]
            .into_iter()
            .flatten()
            .for_each(|s| add(s));
        v.highlights.iter().for_each(|s| add(s));
    }
    for x in &r.references {
        add(&x.name);
        x.reference.iter().for_each(|s| add(s));
    }
    for a in &r.affiliations {
        add(&a.organization);
        [&a.role, &a.location]
            .into_iter()
            .flatten()
            .for_each(|s| add(s));
    }
    for s in &r.custom_sections {
        add(&s.title);
        for e in &s.entries {
            [&e.title, &e.subtitle, &e.location, &e.date, &e.summary]
                .into_iter()
                .flatten()
                .for_each(|s| add(s));
            e.bullets.iter().for_each(|s| add(s));
        }
    }
    out.into_iter()
        .map(|s| escape::fold(&s))
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn every_string_of_a_realistic_resume_appears_in_every_format() {
    let resume = realistic();
    let expected = expected_strings(&resume);
    assert!(
        expected.len() > 80,
        "the fixture should exercise many fields"
    );
    for format in TextFormat::ALL {
        let out = render(&resume, format);
        let flat = unwrapped(&out);
        for s in &expected {
            let found = match format {
                TextFormat::Markdown => markdown_unescaped(&out).contains(s.as_str()),
                // Section titles are in capitals in plain text.
                TextFormat::Text => {
                    flat.contains(s.as_str()) || flat.contains(&s.to_ascii_uppercase())
                }
                TextFormat::Html => out.contains(&html_escaped(s)),
                TextFormat::Latex => out.contains(&latex_escaped(s)),
            };
            assert!(found, "{format}: missing {s:?}");
        }
    }
}

#[test]
fn dates_use_an_en_dash_except_in_plain_text() {
    let resume = realistic();
    assert!(render(&resume, TextFormat::Markdown).contains("Mar 2021 – Present"));
    assert!(render(&resume, TextFormat::Html).contains("Mar 2021 – Present"));
    assert!(render(&resume, TextFormat::Latex).contains("Mar 2021 \\textendash{} Present"));
    assert!(render(&resume, TextFormat::Text).contains("Mar 2021 - Present"));
}

#[test]
fn empty_sections_are_left_out_and_an_empty_resume_renders() {
    let mut resume = Resume::default();
    resume.basics.name = "Solo".into();
    resume.experience.push(Experience::default()); // nothing to show
    resume.summary.base = Some("  \n\n ".into());
    for format in TextFormat::ALL {
        let out = render(&resume, format);
        assert!(out.contains("Solo"), "{format}");
        assert!(
            !out.contains("Experience") && !out.contains("EXPERIENCE"),
            "{format}:\n{out}"
        );
        assert!(
            !out.contains("Summary") && !out.contains("SUMMARY"),
            "{format}:\n{out}"
        );
        let empty = render(&Resume::default(), format);
        assert!(empty.ends_with('\n'), "{format}");
    }
}

#[test]
fn a_section_order_moves_sections_without_dropping_any() {
    let resume = realistic();
    let options = RenderOptions {
        section_order: Some(vec![Section::Education, Section::Skills]),
        ..RenderOptions::default()
    };
    let md = render_text(&resume, TextFormat::Markdown, &options);
    let pos = |h: &str| md.find(h).unwrap_or_else(|| panic!("missing {h}"));
    assert!(pos("## Education") < pos("## Skills"));
    assert!(pos("## Skills") < pos("## Summary"));
    assert!(pos("## Summary") < pos("## Experience"));
    assert!(pos("## Experience") < pos("## Talks"));
}

#[test]
fn text_formats_parse_from_names_and_extensions() {
    let cases = [
        ("md", TextFormat::Markdown),
        ("Markdown", TextFormat::Markdown),
        ("txt", TextFormat::Text),
        ("text", TextFormat::Text),
        ("html", TextFormat::Html),
        ("tex", TextFormat::Latex),
        ("LATEX", TextFormat::Latex),
    ];
    for (name, format) in cases {
        assert_eq!(name.parse::<TextFormat>(), Ok(format), "{name}");
    }
    let err = "pdf".parse::<TextFormat>().unwrap_err().to_string();
    assert_eq!(
        err,
        "unknown text format `pdf` (expected one of: md, markdown, txt, text, html, tex, latex)"
    );
    for format in TextFormat::ALL {
        assert_eq!(format.extension().parse::<TextFormat>(), Ok(format));
        assert_eq!(format.to_string().parse::<TextFormat>(), Ok(format));
    }
}

#[test]
fn realistic_markdown_snapshot() {
    insta::assert_snapshot!(render(&realistic(), TextFormat::Markdown));
}

#[test]
fn realistic_text_snapshot() {
    insta::assert_snapshot!(render(&realistic(), TextFormat::Text));
}

/// Fails unless every unescaped `{` has a matching `}`: user text cannot open or close a group.
fn assert_balanced_braces(tex: &str) {
    let mut depth: i64 = 0;
    let mut chars = tex.chars();
    while let Some(c) = chars.next() {
        match c {
            // A control symbol (`\{`, `\%`, `\\`) or the first letter of a control word.
            '\\' => {
                chars.next();
            }
            // A comment runs to the end of the line.
            '%' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                assert!(depth >= 0, "unbalanced `}}`");
            }
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced `{{`");
}

/// A resume with the given strings in every shown field, cycling through them (dates are parsed
/// from them, so most become free text).
fn filled(strings: &[String]) -> Resume {
    let mut i = 0;
    let mut next = || {
        i += 1;
        strings[i % strings.len()].clone()
    };
    let mut r = Resume::default();
    r.basics.name = next();
    r.basics.credentials = vec![next()];
    r.basics.label = Some(next());
    r.basics.email = Some(next());
    r.basics.phone = Some(next());
    r.basics.url = Some(next());
    r.basics.location = Location {
        address: Some(next()),
        city: Some(next()),
        region: Some(next()),
        postal_code: Some(next()),
        country: Some(next()),
        ..Default::default()
    };
    r.basics.profiles = vec![Profile {
        network: next(),
        username: Some(next()),
        url: Some(next()),
        ..Default::default()
    }];
    r.summary.base = Some(next());
    r.skills = vec![SkillCategory {
        name: next(),
        level: Some(next()),
        extra: Default::default(),
        items: vec![
            Skill {
                name: next(),
                level: Some(next()),
                years: Some(2.5),
                keywords: vec![next()],
                ..Skill::default()
            },
            Skill {
                name: next(),
                ..Skill::default()
            },
        ],
    }];
    r.experience = vec![Experience {
        company: next(),
        title: Some(next()),
        location: Some(next()),
        description: Some(next()),
        url: Some(next()),
        start: Some(DateValue::parse(&next())),
        end: Some(DateValue::parse(&next())),
        summary: Some(next()),
        bullets: vec![Bullet::plain(next()), Bullet::plain(next())],
        ..Default::default()
    }];
    r.education = vec![Education {
        institution: next(),
        degree: Some(next()),
        field: Some(next()),
        location: Some(next()),
        url: Some(next()),
        start: Some(DateValue::parse(&next())),
        end: Some(DateValue::parse(&next())),
        score: Some(next()),
        courses: vec![next()],
        thesis: Some(next()),
        honors: vec![next()],
        ..Default::default()
    }];
    r.projects = vec![Project {
        name: next(),
        category: Some(next()),
        description: Some(next()),
        url: Some(next()),
        technologies: vec![next()],
        highlights: vec![next()],
        roles: vec![next()],
        entity: Some(next()),
        kind: Some(next()),
        ..Project::default()
    }];
    r.certifications = vec![Certification {
        name: next(),
        issuer: Some(next()),
        date: Some(DateValue::parse(&next())),
        expires: Some(DateValue::parse(&next())),
        url: Some(next()),
        credential_id: Some(next()),
        ..Default::default()
    }];
    r.publications = vec![Publication {
        name: next(),
        journal: Some(next()),
        conference: Some(next()),
        volume: Some(next()),
        pages: Some(next()),
        location: Some(next()),
        publisher: Some(next()),
        date: Some(DateValue::parse(&next())),
        url: Some(next()),
        summary: Some(next()),
        authors: vec![next()],
        doi: Some(next()),
        ..Default::default()
    }];
    r.awards = vec![Award {
        title: next(),
        date: Some(DateValue::parse(&next())),
        awarder: Some(next()),
        summary: Some(next()),
        ..Default::default()
    }];
    r.volunteer = vec![Volunteer {
        organization: next(),
        position: Some(next()),
        url: Some(next()),
        start: Some(DateValue::parse(&next())),
        end: None,
        summary: Some(next()),
        highlights: vec![next()],
        ..Default::default()
    }];
    r.affiliations = vec![Affiliation {
        organization: next(),
        role: Some(next()),
        location: Some(next()),
        start: Some(DateValue::parse(&next())),
        end: Some(DateValue::parse(&next())),
        url: Some(next()),
        ..Default::default()
    }];
    r.languages = vec![Language {
        language: next(),
        fluency: Some(next()),
        ..Default::default()
    }];
    r.interests = vec![Interest {
        name: next(),
        keywords: vec![next()],
        ..Default::default()
    }];
    r.references = vec![Reference {
        name: next(),
        reference: Some(next()),
        ..Default::default()
    }];
    r.custom_sections = vec![CustomSection {
        title: next(),
        entries: vec![CustomEntry {
            title: Some(next()),
            subtitle: Some(next()),
            location: Some(next()),
            date: Some(next()),
            start: Some(DateValue::parse(&next())),
            end: Some(DateValue::parse(&next())),
            url: Some(next()),
            summary: Some(next()),
            bullets: vec![next()],
        }],
    }];
    r
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Dense in the characters that matter to some target.
        "[-a-zA-Z0-9 \\\\{}<>&#%$_~^\\[\\]*`|!()+=.:/\"'\n\r\t\u{0}\u{85}\u{2028}éë李😀م]{0,40}",
        Just("javascript:alert(1)".to_owned()),
        Just("<ScRiPt>alert(1)</sCrIpT>".to_owned()),
    ]
}

proptest! {
    #[test]
    fn any_strings_in_any_field_render_safely_in_every_format(
        strings in proptest::collection::vec(field(), 1..12)
    ) {
        let resume = filled(&strings);
        for format in TextFormat::ALL {
            let out = render(&resume, format);
            prop_assert!(out.ends_with('\n'));
            match format {
                TextFormat::Html => {
                    let lower = out.to_ascii_lowercase();
                    prop_assert!(!lower.contains("<script"));
                    prop_assert!(!lower.contains("href=\"javascript:"));
                }
                TextFormat::Latex => {
                    prop_assert!(!out.contains("\\input"));
                    prop_assert_eq!(out.matches("\\end{document}").count(), 1);
                    assert_balanced_braces(&out);
                    // Blank lines (paragraph ends) only where the writer puts them, before a
                    // section: one from user text would end a macro argument.
                    for (i, _) in out.match_indices("\n\n") {
                        prop_assert!(out[i + 2..].starts_with("\\vitaesection{"), "{}", &out[i..]);
                    }
                }
                TextFormat::Text => {
                    prop_assert!(!out.contains('\t'));
                    prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
                    // A line is wider than the wrap width only when it holds one long word.
                    for line in out.lines() {
                        if crate::text::display_width(line) > crate::text::WIDTH {
                            let content = line.trim_start().trim_start_matches("- ");
                            prop_assert!(!content.contains(' '), "{line:?}");
                        }
                    }
                }
                TextFormat::Markdown => {
                    prop_assert!(!out.contains('\r'));
                }
            }
        }
    }
}

#[test]
fn writers_serialize_the_layout_and_never_read_the_resume() {
    // Architecture invariant: what a resume shows is decided once, in `layout`; a writer that
    // reached into the model would duplicate that logic and drift from the other formats.
    let writers = [
        ("markdown.rs", include_str!("markdown.rs")),
        ("text.rs", include_str!("text.rs")),
        ("html.rs", include_str!("html.rs")),
        ("latex.rs", include_str!("latex.rs")),
    ];
    for (file, source) in writers {
        for forbidden in ["vitae_core", "Resume", "DateValue"] {
            assert!(!source.contains(forbidden), "{file} mentions {forbidden}");
        }
    }
}
