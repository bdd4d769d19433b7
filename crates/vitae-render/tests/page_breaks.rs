//! Page breaks: a short entry is never split across pages. A summary of growing length pushes an
//! education entry with a thesis and courses (three lines of details, as the fixtures' entries
//! have) past the end of the first page, one line at a time, in every theme; wherever the page
//! ends, the entry's head and all of its details share one page (read from the text layer, one
//! page per form feed). The real resumes (the example's variants and the fixtures), in every
//! theme, on both papers, with dates inline and in columns: no page ends with a heading or the
//! head of an entry whose lines went on to the next page, and no last page holds one short
//! section alone. `--pages 1` fits them on one page.

use vitae_core::model::Resume;
use vitae_render::{Content, RenderOptions, Theme, TypesetOptions, text_layer};

fn resume(sentences: usize) -> Resume {
    let sentence = "Engineer who writes careful software and measures what it does in production.";
    let yaml = format!(
        "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n\
         professional_summary:\n  base: \"{}\"\n\
         education:\n  - institution: Analytical Engine Institute\n    degree: MSc\n\
         \x20   field: Computing\n    thesis: Notes on the Bernoulli numbers\n\
         \x20   courses: [Difference engines, Punched cards]\n    gpa: \"3.9\"\n",
        vec![sentence; sentences].join(" ")
    );
    vitae_core::format::read(&yaml, None).unwrap().resume
}

#[test]
fn a_short_entry_is_never_split_across_pages() {
    let mut split = Vec::new();
    let mut crossed = 0;
    for theme in Theme::ALL {
        let mut options = TypesetOptions::default();
        options.theme = Some(theme);
        for sentences in (40..200).step_by(2) {
            let r = resume(sentences);
            let text =
                text_layer(Content::Resume(&r), &RenderOptions::default(), &options).unwrap();
            let pages: Vec<&str> = text.split('\u{c}').collect();
            let Some(head) = pages
                .iter()
                .position(|p| p.contains("Analytical Engine Institute"))
            else {
                panic!("{theme}: the entry is not in the text layer");
            };
            if head > 0 {
                crossed += 1;
            }
            for detail in ["Bernoulli", "Punched cards", "3.9"] {
                if !pages[head].contains(detail) {
                    split.push(format!(
                        "{theme}, {sentences} sentences: `{detail}` is not on page {} with the entry's head",
                        head + 1
                    ));
                }
            }
            if head >= 2 {
                break;
            }
        }
    }
    // The sweep must have moved the entry across a page end in every theme.
    assert!(crossed >= Theme::ALL.len(), "{crossed}");
    assert!(split.is_empty(), "{}", split.join("\n"));
}

fn load(path: &std::path::Path) -> Resume {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("cannot read {} (set VITAE_FIXTURES): {e}", path.display()));
    vitae_core::load(&bytes, None, &Default::default())
        .unwrap_or_else(|e| panic!("cannot load {}: {e}", path.display()))
        .resume
}

fn pages(r: &Resume, options: &TypesetOptions) -> Result<usize, vitae_render::TypesetError> {
    let text = text_layer(Content::Resume(r), &RenderOptions::default(), options)?;
    Ok(text.split('\u{c}').count())
}

#[test]
fn pages_1_fits_the_example_and_real_resumes_on_one_page() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = std::env::var_os("VITAE_FIXTURES").map_or_else(
        || root.join("../../../shared/fixtures"),
        std::path::PathBuf::from,
    );
    let example = load(&root.join("../../examples/resume.yaml"));
    // The base variant, as `vitae generate` renders it by default.
    let base = vitae_core::variant::default_name(&example);
    let example = vitae_core::variant::apply(&example, &base).unwrap();
    // The senior engineer's two full pages (three jobs with bullets, a project, talks, awards,
    // references) are the hard case: modern fits them only with the gaps closed up to the last
    // step.
    let resumes = [
        ("example", example),
        (
            "sample",
            load(&fixtures.join("jsonresume/sample.resume.json")),
        ),
        (
            "senior-engineer",
            load(&fixtures.join("jsonresume/senior-engineer.resume.json")),
        ),
    ];
    let mut longer = 0;
    for (name, r) in &resumes {
        for theme in Theme::ALL {
            let mut options = TypesetOptions::default();
            options.theme = Some(theme);
            let natural = pages(r, &options).unwrap();
            if natural > 1 {
                longer += 1;
            }
            options.pages = Some(1);
            assert_eq!(
                pages(r, &options),
                Ok(1),
                "{name} in {theme} ({natural} pages unfitted)"
            );
        }
    }
    // The fitting had work to do: most of these renders (10 of 18) run over one page as they are.
    assert!(longer >= 8, "only {longer} renders were longer than a page");
}

#[test]
fn a_resume_that_cannot_fit_is_refused_with_the_pages_it_needs() {
    let r = resume(600);
    let mut options = TypesetOptions::default();
    options.pages = Some(1);
    let err = pages(&r, &options).unwrap_err();
    let vitae_render::TypesetError::Pages { asked, needed } = err.clone() else {
        panic!("{err}");
    };
    assert_eq!(asked, 1);
    assert!(needed > 1, "{err}");
    assert!(err.to_string().contains("shorten"), "{err}");
    options.pages = Some(0);
    assert!(matches!(
        pages(&r, &options),
        Err(vitae_render::TypesetError::Option(_))
    ));
}

#[test]
fn a_last_page_of_a_few_lines_is_pulled_back_when_it_can_be() {
    // The project example's engineering render spilled its last two sections (five lines) onto
    // a second page; set a little tighter, they fit on the first.
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let example = load(&root.join("../../examples/resume.yaml"));
    let base = vitae_core::variant::default_name(&example);
    let example = vitae_core::variant::apply(&example, &base).unwrap();
    let mut options = TypesetOptions::default();
    options.theme = Some(Theme::Engineering);
    assert_eq!(pages(&example, &options), Ok(1));
    // A resume that needs its second page keeps it, at the theme's own size.
    let long = resume(150);
    assert_eq!(pages(&long, &options), Ok(2));
}

/// The fixtures' resumes: the project example in each of its variants, the JSON Resume sample
/// and senior engineer, and RenderCV's John Doe.
fn real_resumes() -> Vec<(String, Resume)> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = std::env::var_os("VITAE_FIXTURES").map_or_else(
        || root.join("../../../shared/fixtures"),
        std::path::PathBuf::from,
    );
    let example = load(&root.join("../../examples/resume.yaml"));
    let mut all: Vec<(String, Resume)> = vitae_core::variant::names(&example)
        .into_iter()
        .map(|v| {
            let r = vitae_core::variant::apply(&example, &v).unwrap();
            (format!("example/{v}"), r)
        })
        .collect();
    for file in [
        "jsonresume/sample.resume.json",
        "jsonresume/senior-engineer.resume.json",
        "rendercv/John_Doe_ClassicTheme_CV.yaml",
    ] {
        all.push((file.to_owned(), load(&fixtures.join(file))));
    }
    all
}

/// The head lines of the entries that have lines below them: the titles and organisations
/// people write, as the documents show them.
fn heads_with_a_body(r: &Resume) -> Vec<String> {
    let mut heads = Vec::new();
    let mut add = |parts: &[Option<&String>], body: bool| {
        if body {
            heads.extend(parts.iter().flatten().map(|s| s.trim().to_owned()));
        }
    };
    for e in &r.experience {
        let body = !e.bullets.is_empty() || e.description.is_some() || e.summary.is_some();
        add(&[e.title.as_ref(), Some(&e.company)], body);
    }
    for e in &r.education {
        let body = e.score.is_some()
            || e.thesis.is_some()
            || !e.courses.is_empty()
            || !e.honors.is_empty()
            || !e.highlights.is_empty();
        add(&[Some(&e.institution)], body);
    }
    for p in &r.projects {
        let body = p.description.is_some() || !p.highlights.is_empty();
        add(&[Some(&p.name)], body);
    }
    for s in &r.custom_sections {
        for e in &s.entries {
            add(
                &[e.title.as_ref()],
                e.summary.is_some() || !e.bullets.is_empty(),
            );
        }
    }
    // A short title ("CTO") could be any line's word; a head is told by a longer one.
    heads.retain(|h| h.chars().count() >= 8);
    heads
}

/// The lines of each page of the text layer, without blank lines and page numbers ("1/2").
fn page_lines(text: &str) -> Vec<Vec<String>> {
    let number = |l: &str| {
        l.split_once('/').is_some_and(|(a, b)| {
            !a.trim().is_empty()
                && a.trim().chars().all(|c| c.is_ascii_digit())
                && b.trim().chars().all(|c| c.is_ascii_digit())
        })
    };
    text.split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty() && !number(l))
                .collect()
        })
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect()
}

#[test]
fn real_resumes_break_pages_between_entries_and_leave_no_lone_short_section() {
    use vitae_core::design::{Columns, Paper};
    let english = vitae_render::locale("en").unwrap();
    let mut problems = Vec::new();
    let mut breaks = 0;
    for (name, r) in real_resumes() {
        let heads = heads_with_a_body(&r);
        let mut headings: Vec<String> = vitae_core::Section::ALL
            .iter()
            .map(|s| english.section_title(*s).to_lowercase())
            .chain(r.section_titles.values().map(|t| t.to_lowercase()))
            .chain(r.custom_sections.iter().map(|s| s.title.to_lowercase()))
            .filter(|t| !t.is_empty())
            .collect();
        headings.sort();
        headings.dedup();
        for theme in Theme::ALL {
            for paper in Paper::ALL {
                for columns in [Columns::Inline, Columns::End] {
                    let mut options = TypesetOptions::default();
                    options.theme = Some(theme);
                    options.paper = Some(paper);
                    options.columns = Some(columns);
                    let at = format!("{name} in {theme}, {paper}, columns {columns}");
                    let text = text_layer(Content::Resume(&r), &RenderOptions::default(), &options)
                        .unwrap();
                    let pages = page_lines(&text);
                    for (i, page) in pages.iter().enumerate().take(pages.len() - 1) {
                        breaks += 1;
                        let last = page.last().expect("a page has lines");
                        if headings.contains(&last.to_lowercase()) {
                            problems
                                .push(format!("{at}: page {} ends with heading `{last}`", i + 1));
                        }
                        if let Some(head) = heads.iter().find(|h| last.contains(h.as_str())) {
                            problems.push(format!(
                                "{at}: page {} ends with the head of `{head}`: `{last}`",
                                i + 1
                            ));
                        }
                    }
                    // A last page holding one short section (a heading and a line or two) is
                    // pulled back onto the page before.
                    if pages.len() > 1 {
                        let last = pages.last().unwrap();
                        let sections = last
                            .iter()
                            .filter(|l| headings.contains(&l.to_lowercase()))
                            .count();
                        if sections == 1 && last.len() <= 4 {
                            problems.push(format!("{at}: the last page holds only {last:?}"));
                        }
                    }
                }
            }
        }
    }
    // The fixtures do cross pages: the check had breaks to look at.
    assert!(breaks >= 40, "only {breaks} page breaks");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
