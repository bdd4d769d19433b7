//! How an entry's head is set, read back by poppler in its physical layout (`pdftotext
//! -layout`): a title too long for its line wraps beside its dates, which stay on the title's
//! first line in every theme (they used to drop to a line of their own below the title, leaving
//! a gap).

#[path = "common/poppler.rs"]
mod poppler;

use vitae_render::{RenderOptions, Theme, TypesetOptions, render_pdf};

const SOURCE: &str = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n\
experience:\n  - company: Analytical Engine Company of Great Britain and Ireland\n\
\x20   title: Principal Distinguished Senior Staff Software Engineer for Numerical Methods\n\
\x20   start_date: 2019-01\n    end_date: 2023-06\n    bullets: [Wrote the first program.]\n\
publications:\n  - title: \"Sketch of the Analytical Engine invented by Charles Babbage, with notes \
upon the memoir by the translator, a rather long title indeed\"\n    date: 1843-09\n";

#[test]
fn a_wrapped_title_keeps_its_dates_on_its_first_line() {
    let resume = vitae_core::format::read(SOURCE, None).unwrap().resume;
    for theme in Theme::ALL {
        let mut options = TypesetOptions::default();
        options.theme = Some(theme);
        let pdf = render_pdf(&resume, &RenderOptions::default(), &options).unwrap();
        let text = poppler::poppler("pdftotext", &["-layout", "-enc", "UTF-8", "-", "-"], &pdf);
        let mut heads = vec![("Principal Distinguished", "Jan 2019 – Jun 2023")];
        // The academic theme sets publications as numbered citations, the date at their end.
        if theme != Theme::Academic {
            heads.push(("Sketch of the Analytical Engine", "Sep 1843"));
        }
        for (title, dates) in heads {
            let line = text
                .lines()
                .find(|l| l.contains(dates))
                .unwrap_or_else(|| panic!("{theme}: no {dates} in\n{text}"));
            assert!(
                line.contains(title),
                "{theme}: `{dates}` is not on the line of `{title}…`: {line:?}\n{text}"
            );
        }
    }
}

/// A short company with a place wider than half the line: both stay on one line where they fit
/// (the place is not moved to a line of its own below).
#[test]
fn a_wide_place_stays_beside_a_short_company_that_fits() {
    let source = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\nexperience:\n\
                  \x20 - company: Acme\n    title: Engineer\n\
                  \x20   location: San Francisco Bay Area, California, United States of America\n\
                  \x20   start_date: 2019-01\n    end_date: 2023-06\n    bullets: [Wrote the first program.]\n";
    let resume = vitae_core::format::read(source, None).unwrap().resume;
    for theme in Theme::ALL {
        // Classic sets the place on a line of its own under "Title — Company" by design.
        if theme == Theme::Classic {
            continue;
        }
        let mut options = TypesetOptions::default();
        options.theme = Some(theme);
        let pdf = render_pdf(&resume, &RenderOptions::default(), &options).unwrap();
        let text = poppler::poppler("pdftotext", &["-layout", "-enc", "UTF-8", "-", "-"], &pdf);
        let line = text
            .lines()
            .find(|l| l.contains("United States of America"))
            .unwrap_or_else(|| panic!("{theme}: no place in\n{text}"));
        assert!(
            line.contains("Acme"),
            "{theme}: the place is not on the company's line: {line:?}\n{text}"
        );
    }
}
