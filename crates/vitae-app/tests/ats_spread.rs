//! How the ATS score spreads over the labelled set (`bench/rank-eval`): every resume against
//! every posting (no render: the format is judged from the structure), the score's mean and
//! range by the graders' grade; the README shows the table
//! (`cargo test --release -p vitae-app --test ats_spread -- --nocapture`). The mean must rise
//! with the grade. That misfits still score about 70 (the format, sections, contact and
//! readability categories do not depend on the posting) is what issue 14 leaves open.

mod common;

use common::{labels, load, postings, resumes};
use std::borrow::Cow;
use vitae_app::Vocabulary;
use vitae_app::ats::{AtsCheck, AtsOptions};

#[test]
fn the_ats_score_separates_fits_from_misfits() {
    let postings = postings();
    let mut by_grade: [Vec<f64>; 4] = Default::default();
    let mut worst: (f64, String) = (0.0, String::new());
    for (name, path) in &resumes() {
        let grades = labels(name);
        let source = load(path);
        for (file, text) in &postings {
            let options = AtsOptions {
                variant: None,
                weights: None,
                render: false,
                style: Default::default(),
            };
            let check = AtsCheck::prepare(
                source.clone(),
                text.clone(),
                Cow::Borrowed(Vocabulary::builtin()),
                options,
            )
            .unwrap();
            let score = check.finish(None).unwrap().report.score;
            let grade = grades[file];
            if grade == 0 && score > worst.0 {
                worst = (score, format!("{name} × {file}"));
            }
            by_grade[usize::from(grade)].push(score);
        }
    }
    let mut table =
        String::from("| grade | pairs | mean | min | median | max |\n|---|---|---|---|---|---|\n");
    let mut means = [0.0; 4];
    for (g, scores) in by_grade.iter_mut().enumerate() {
        scores.sort_by(f64::total_cmp);
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        means[g] = mean;
        table.push_str(&format!(
            "| {g} | {} | {mean:.1} | {:.1} | {:.1} | {:.1} |\n",
            scores.len(),
            scores[0],
            scores[scores.len() / 2],
            scores[scores.len() - 1]
        ));
    }
    println!(
        "{table}\nthe highest score of a posting graded 0: {:.1} ({})",
        worst.0, worst.1
    );
    // The better the fit, the higher the mean score, at every step of the scale.
    assert!(
        means.windows(2).all(|w| w[0] < w[1]),
        "the mean score does not rise with the grade:\n{table}"
    );
}
