//! Users' templates for text output: the resume and the helpers a template gets, user text
//! escaped for the output the template's name says, and the limits that keep a template to
//! writing text (no file, bounded work, errors at their line).

#[path = "common/fixtures.rs"]
mod fixtures;

use vitae_core::design::DateStyle;
use vitae_render::RenderOptions;
use vitae_render::template::Template;

fn render(name: &str, source: &str) -> Result<String, String> {
    Template::new(name, source)?.render(&fixtures::realistic(), &RenderOptions::default())
}

#[test]
fn a_template_gets_the_resume_dates_and_headings_in_the_documents_language() {
    let source = "{{ resume.basics.name }} | {{ heading(\"experience\") }} | \
{% for job in resume.experience %}{{ job.company }} ({{ dates(job.start, job.end) }}); {% endfor %}\
| {{ resume.experience[0].start | date }}";
    let out = render("cv.txt", source).unwrap();
    assert_eq!(
        out,
        "Jordan Rivera | Experience | Northwind Logistics (Mar 2021 – Present); Acme Analytics \
         (Jun 2017 – Feb 2021); University of Oregon (Sep 2013 – May 2017); | Mar 2021"
    );
    let mut german = RenderOptions::default();
    german.locale = vitae_render::locale("de").unwrap();
    german.dates = Some(DateStyle::Long);
    let out = Template::new("cv.txt", source)
        .unwrap()
        .render(&fixtures::realistic(), &german)
        .unwrap();
    assert!(
        out.contains("Berufserfahrung") && out.contains("März 2021 – heute"),
        "{out}"
    );
}

#[test]
fn user_text_is_escaped_for_the_output_the_template_writes() {
    let hostile = fixtures::hostile();
    let name = &hostile.basics.name;
    assert!(
        name.contains('<') || name.contains('&') || name.contains('\\'),
        "{name}"
    );
    let escaped = |file: &str| {
        Template::new(file, "{{ resume.basics.name }}")
            .unwrap()
            .render(&hostile, &RenderOptions::default())
            .unwrap()
    };
    for file in [
        "cv.html",
        "cv.html.j2",
        "cv.xml",
        "cv.HTM.jinja",
        "CV.HTML.J2",
        "cv.xhtml",
    ] {
        let out = escaped(file);
        assert!(!out.contains('<') && !out.contains('"'), "{file}: {out}");
    }
    // LaTeX: every command, group, math shift and comment character is escaped, as in the
    // built-in LaTeX output.
    let tex = escaped("cv.tex.j2");
    for (raw, safe) in [
        (
            "\\input{/etc/passwd}",
            "\\textbackslash{}input\\{/etc/passwd\\}",
        ),
        ("$HOME", "\\$HOME"),
        ("100%", "100\\%"),
        ("{{7*7}}", "\\{\\{7*7\\}\\}"),
    ] {
        assert!(name.contains(raw), "{raw}");
        assert!(tex.contains(safe), "{safe}: {tex}");
    }
    // Markdown: its markup characters are escaped.
    let md = escaped("cv.md");
    assert!(md.contains("\\*\\*bold\\*\\*"), "{md}");
    // Plain text is written as it is; `safe` opts out of escaping.
    assert_eq!(&escaped("cv.txt"), name);
    let raw = Template::new("cv.html", "{{ '<b>' | safe }}{{ '<b>' }}")
        .unwrap()
        .render(&hostile, &RenderOptions::default())
        .unwrap();
    assert_eq!(raw, "<b>&lt;b&gt;");
}

#[test]
fn a_template_cannot_read_files_run_forever_or_fail_without_its_line() {
    // Syntax: refused when it is read.
    let e = Template::new("cv.md", "line one\n{% for x in %}\n").unwrap_err();
    assert!(e.starts_with("cv.md:2:"), "{e}");
    // An unknown filter: when it renders, at its line.
    let e = render("cv.md", "\n\n{{ resume.basics.name | shout }}").unwrap_err();
    assert_eq!(e, "cv.md:3: filter shout is unknown");
    // No file: there is no loader, so `include` finds nothing.
    let e = render("cv.txt", "{% include '/etc/passwd' %}").unwrap_err();
    assert!(e.starts_with("cv.txt:1:"), "{e}");
    // Work is bounded: a loop of 100 million steps is stopped.
    let e = render(
        "cv.txt",
        "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
    )
    .unwrap_err();
    assert!(e.contains("ran too long"), "{e}");
    let big = "x".repeat(vitae_render::template::MAX_TEMPLATE_BYTES + 1);
    assert!(Template::new("cv.txt", &big).unwrap_err().contains("KiB"));
}
