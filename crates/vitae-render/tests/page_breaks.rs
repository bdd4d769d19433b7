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
        options.theme = theme;
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
