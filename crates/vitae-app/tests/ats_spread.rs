//! How the ATS score spreads over the labelled set (`bench/rank-eval`): every resume against
//! every posting (no render: the format is judged from the structure), the score's mean and
//! range by the graders' grade; the README shows the table
//! (`cargo test --release -p vitae-app --test ats_spread -- --nocapture`). The mean must rise
//! with the grade, and a pair of a better grade must outscore a pair of a worse one more often
//! than when the format, sections, contact and readability categories counted in full whatever
//! the keywords (the baseline, recomputed from the same reports: those categories' points
//! divided by the share they were counted at).

mod common;

use common::{labels, load, postings, resumes};
use std::borrow::Cow;
use vitae_app::Vocabulary;
use vitae_app::ats::{AtsCheck, AtsOptions};

#[test]
fn the_ats_score_separates_fits_from_misfits() {
    let postings = postings();
    let mut by_grade: [Vec<f64>; 4] = Default::default();
    let mut baseline: [Vec<f64>; 4] = Default::default();
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
            let report = check.finish(None).unwrap().report;
            let score = report.score;
            let keywords = report
                .categories
                .iter()
                .find(|c| c.id == vitae_fit::ats::CategoryId::Keywords)
                .unwrap();
            let share = vitae_fit::ats::posting_share(keywords.score / keywords.weight);
            let ungated: f64 = report
                .categories
                .iter()
                .map(|c| {
                    if c.id == vitae_fit::ats::CategoryId::Keywords {
                        c.score
                    } else {
                        c.score / share
                    }
                })
                .sum();
            let grade = grades[file];
            if grade == 0 && score > worst.0 {
                worst = (score, format!("{name} × {file}"));
            }
            by_grade[usize::from(grade)].push(score);
            baseline[usize::from(grade)].push(ungated);
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
    // Of every two pairs with different grades, how often the better graded one scores higher
    // (ties count half): the score's ordering against the graders'.
    let concordance = |scores: &[Vec<f64>; 4]| {
        let (mut agree, mut total) = (0.0, 0.0);
        for lo in 0..4 {
            for hi in lo + 1..4 {
                for a in &scores[lo] {
                    for b in &scores[hi] {
                        total += 1.0;
                        agree += if b > a {
                            1.0
                        } else if b == a {
                            0.5
                        } else {
                            0.0
                        };
                    }
                }
            }
        }
        agree / total
    };
    let (now, before) = (concordance(&by_grade), concordance(&baseline));
    let misfit_mean =
        |scores: &[Vec<f64>; 4]| scores[0].iter().sum::<f64>() / scores[0].len() as f64;
    println!(
        "concordance with the grades: {now:.3} (every category in full: {before:.3}); mean of \
         the misfits: {:.1} (in full: {:.1})",
        misfit_mean(&by_grade),
        misfit_mean(&baseline)
    );
    assert!(now > before, "{now:.3} <= {before:.3}");
    assert!(
        misfit_mean(&by_grade) < 50.0,
        "misfits still score {:.1}",
        misfit_mean(&by_grade)
    );
}
