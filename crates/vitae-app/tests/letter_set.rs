//! Twenty letters for review: each resume of the ranking set (`bench/rank-eval`) with the four
//! postings its graders rated best, every shape of posting (text, JSON Resume job, HTML page),
//! composed offline and rendered as text. The snapshots are the review copy: a change to how
//! letters read shows here, and every letter is verified against its resume and posting.

mod common;

use common::{labels, load, read, resumes, root};
use vitae_app::letter::{LetterOptions, Lettering};
use vitae_app::{Ai, Style, Vocabulary};
use vitae_core::PartialDate;
use vitae_render::Theme;

/// The four postings graded best for `resume` (highest grade first, then file order).
fn best_postings(resume: &str) -> Vec<String> {
    let mut graded: Vec<(u8, String)> = labels(resume).into_iter().map(|(n, g)| (g, n)).collect();
    graded.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    graded.into_iter().take(4).map(|(_, n)| n).collect()
}

#[test]
fn twenty_letters_over_five_resumes_read_as_reviewed() {
    let set = root().join("bench/rank-eval");
    let mut style = Style::default();
    style.typeset.theme = Some(Theme::Classic);
    let mut count = 0;
    for (name, path) in &resumes() {
        let source = load(path);
        for posting in best_postings(name) {
            let text = read(&set.join("postings").join(&posting));
            let options = LetterOptions {
                date: Some(PartialDate::ymd(2026, 12, 4)),
                ..LetterOptions::default()
            };
            let lettering = Lettering::prepare(
                source.clone(),
                &text,
                std::borrow::Cow::Borrowed(Vocabulary::builtin()),
                &options,
            )
            .unwrap_or_else(|e| panic!("{name} × {posting}: {e}"));
            let outcome = block_on(lettering.consult(Ai::Off("offline")));
            let answer = lettering.finish(outcome);
            let letter = answer.text(&style).unwrap();
            insta::assert_snapshot!(format!("{name}__{posting}"), letter);
            count += 1;
        }
    }
    assert_eq!(count, 20);
}

/// Runs a future that never waits (the offline letter).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}
