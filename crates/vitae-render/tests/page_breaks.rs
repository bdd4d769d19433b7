//! Page breaks: a short entry is never split across pages. A summary of growing length pushes an
//! education entry with a thesis and courses (three lines of details, as the fixtures' entries
//! have) past the end of the first page, one line at a time, in every theme; wherever the page
//! ends, the entry's head and all of its details share one page (read from the text layer, one
//! page per form feed).

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
