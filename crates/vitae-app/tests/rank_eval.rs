//! The ranking evaluation (`bench/rank-eval/`): five resumes (three real ones from
//! `../shared/fixtures` and `examples/`, two written for the set) against 120 postings in every
//! shape vitae reads, each pair graded 0–3 by a reader who had not run vitae (RUBRIC.md).
//!
//! vitae's ranking (`vitae match`) is measured next to two classic baselines computed in the
//! same run on the same texts — TF-IDF cosine and Okapi BM25, the resume's text as the query and
//! each posting's text as a document — by three metrics averaged over the resumes:
//!
//! - precision@10: the share of the top ten graded 2 or 3;
//! - nDCG@10: graded gain (2^grade − 1) with a log₂ discount, against the ideal order;
//! - pairwise accuracy: of the pairs of postings graded differently, the share the ranking puts in
//!   the graders' order (a tie counts half).
//!
//! The test fails unless vitae is ahead of both baselines on every metric. The table is printed
//! (`cargo test --release -p vitae-app --test rank_eval -- --nocapture`, or `bench/rank_eval.sh`).

mod common;

use common::{labels, load, postings, resumes};
use std::collections::{HashMap, HashSet};
use vitae_app::Vocabulary;
use vitae_app::matching::{self, MatchOptions};
use vitae_core::{PartialDate, Resume};
use vitae_fit::job::Job;

// ---- The baselines -------------------------------------------------------------------------------

const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "our", "that", "the", "this", "to", "we", "will", "with", "you",
    "your", "i", "my", "me", "us", "who", "what", "all", "not", "can", "into", "their", "they",
];

/// Lower-cased words (letters, digits, `+`, `#`), stopwords out: the baselines' tokenizer.
fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// The posting's text as the baselines read it: every text of the job vitae parsed (so HTML
/// markup and JSON keys are not words).
fn job_text(job: &Job) -> String {
    let mut parts: Vec<String> = vec![job.text()];
    parts.extend(job.company.clone());
    for s in &job.skills {
        parts.push(s.name.clone());
        parts.extend(s.keywords.iter().cloned());
    }
    parts.join("\n")
}

/// Every text of the resume, as the baselines read it.
fn resume_text(resume: &Resume) -> String {
    let mut texts: Vec<(String, String)> = vitae_core::path::texts(resume).into_iter().collect();
    texts.sort();
    texts
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

fn term_counts(words: &[String]) -> HashMap<&str, f64> {
    let mut tf = HashMap::new();
    for w in words {
        *tf.entry(w.as_str()).or_insert(0.0) += 1.0;
    }
    tf
}

fn document_frequency(docs: &[Vec<String>]) -> HashMap<&str, f64> {
    let mut df = HashMap::new();
    for d in docs {
        for w in d.iter().map(String::as_str).collect::<HashSet<_>>() {
            *df.entry(w).or_insert(0.0) += 1.0;
        }
    }
    df
}

/// TF-IDF cosine similarity (log-scaled term frequency, smoothed idf) of each document to the
/// query.
fn tfidf(query: &[String], docs: &[Vec<String>]) -> Vec<f64> {
    let n = docs.len() as f64;
    let df = document_frequency(docs);
    let idf = |w: &str| ((1.0 + n) / (1.0 + df.get(w).copied().unwrap_or(0.0))).ln() + 1.0;
    let vector = |words: &[String]| -> HashMap<String, f64> {
        term_counts(words)
            .into_iter()
            .map(|(w, c)| (w.to_owned(), (1.0 + f64::ln(c)) * idf(w)))
            .collect()
    };
    let norm = |v: &HashMap<String, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let q = vector(query);
    let qn = norm(&q);
    docs.iter()
        .map(|d| {
            let v = vector(d);
            let dot: f64 = q.iter().map(|(w, x)| x * v.get(w).unwrap_or(&0.0)).sum();
            let denominator = qn * norm(&v);
            if denominator > 0.0 {
                dot / denominator
            } else {
                0.0
            }
        })
        .collect()
}

/// Okapi BM25 (k1 = 1.2, b = 0.75) of each document for the query's distinct terms.
fn bm25(query: &[String], docs: &[Vec<String>]) -> Vec<f64> {
    let (k1, b) = (1.2, 0.75);
    let n = docs.len() as f64;
    let df = document_frequency(docs);
    let average = docs.iter().map(Vec::len).sum::<usize>() as f64 / n;
    let terms: HashSet<&str> = query.iter().map(String::as_str).collect();
    docs.iter()
        .map(|d| {
            let tf = term_counts(d);
            let length = d.len() as f64;
            terms
                .iter()
                .map(|t| {
                    let f = tf.get(t).copied().unwrap_or(0.0);
                    let dft = df.get(t).copied().unwrap_or(0.0);
                    let idf = ((n - dft + 0.5) / (dft + 0.5) + 1.0).ln();
                    idf * f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * length / average))
                })
                .sum()
        })
        .collect()
}

// ---- The metrics ---------------------------------------------------------------------------------

/// Postings' indices best first by score, ties in input order.
fn order(scores: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    idx
}

fn precision_at_10(ranked: &[usize], grades: &[u8]) -> f64 {
    ranked.iter().take(10).filter(|&&i| grades[i] >= 2).count() as f64 / 10.0
}

fn dcg(gains: impl Iterator<Item = u8>) -> f64 {
    gains
        .take(10)
        .enumerate()
        .map(|(r, g)| (f64::powi(2.0, i32::from(g)) - 1.0) / ((r + 2) as f64).log2())
        .sum()
}

fn ndcg_at_10(ranked: &[usize], grades: &[u8]) -> f64 {
    let mut ideal = grades.to_vec();
    ideal.sort_by(|a, b| b.cmp(a));
    let best = dcg(ideal.into_iter());
    if best == 0.0 {
        return 0.0;
    }
    dcg(ranked.iter().map(|&i| grades[i])) / best
}

fn pairwise_accuracy(scores: &[f64], grades: &[u8]) -> f64 {
    let (mut right, mut pairs) = (0.0, 0.0);
    for i in 0..scores.len() {
        for j in 0..scores.len() {
            if grades[i] > grades[j] {
                pairs += 1.0;
                if scores[i] > scores[j] {
                    right += 1.0;
                } else if scores[i] == scores[j] {
                    right += 0.5;
                }
            }
        }
    }
    right / pairs
}

#[derive(Debug, Default, Clone, Copy)]
struct Metrics {
    precision: f64,
    ndcg: f64,
    pairwise: f64,
}

fn measure(scores: &[f64], grades: &[u8]) -> Metrics {
    let ranked = order(scores);
    Metrics {
        precision: precision_at_10(&ranked, grades),
        ndcg: ndcg_at_10(&ranked, grades),
        pairwise: pairwise_accuracy(scores, grades),
    }
}

#[test]
fn vitae_ranks_the_labelled_postings_better_than_tf_idf_and_bm25() {
    let postings = postings();
    assert!(postings.len() >= 100, "{} postings", postings.len());
    let texts: Vec<&str> = postings.iter().map(|(_, t)| t.as_str()).collect();
    let vocabulary = Vocabulary::builtin();
    let jobs: Vec<Job> = texts
        .iter()
        .map(|t| {
            vitae_app::posting::read(t, vocabulary)
                .expect("every posting reads")
                .job
        })
        .collect();
    let docs: Vec<Vec<String>> = jobs.iter().map(|j| tokens(&job_text(j))).collect();
    let today = PartialDate::ymd(2026, 12, 4);

    let names = ["vitae", "TF-IDF", "BM25"];
    let mut sums = [Metrics::default(); 3];
    let mut table = String::new();
    let resumes = resumes();
    for (name, path) in &resumes {
        let grades_by_name = labels(name);
        let grades: Vec<u8> = postings
            .iter()
            .map(|(n, _)| {
                *grades_by_name
                    .get(n)
                    .unwrap_or_else(|| panic!("{name}: no label for {n}"))
            })
            .collect();
        let resume = load(path);
        let answer =
            matching::rank(&resume, &texts, vocabulary, &MatchOptions::default(), today).unwrap();
        let mut vitae = vec![0.0; postings.len()];
        for r in &answer.ranked {
            vitae[r.index] = r.score;
        }
        // vitae's top ten with their grades, to read beside the table.
        for r in answer.ranked.iter().take(10) {
            let reasons: Vec<String> = r
                .reasons
                .iter()
                .map(|x| format!("{} {}/{}", x.kind.label(), x.points, x.max))
                .collect();
            table.push_str(&format!(
                "  {:5.1} grade {} {:<48} {}\n",
                r.score,
                grades[r.index],
                postings[r.index].0,
                reasons.join(", ")
            ));
        }
        let query = tokens(&resume_text(&resume));
        let scores = [vitae, tfidf(&query, &docs), bm25(&query, &docs)];
        for (k, s) in scores.iter().enumerate() {
            let m = measure(s, &grades);
            sums[k].precision += m.precision;
            sums[k].ndcg += m.ndcg;
            sums[k].pairwise += m.pairwise;
            table.push_str(&format!(
                "{name:<18} {:<7} P@10 {:.2}  nDCG@10 {:.3}  pairwise {:.3}\n",
                names[k], m.precision, m.ndcg, m.pairwise
            ));
        }
    }
    let n = resumes.len() as f64;
    let mean = sums.map(|m| Metrics {
        precision: m.precision / n,
        ndcg: m.ndcg / n,
        pairwise: m.pairwise / n,
    });
    for (k, m) in mean.iter().enumerate() {
        table.push_str(&format!(
            "{:<18} {:<7} P@10 {:.2}  nDCG@10 {:.3}  pairwise {:.3}\n",
            "mean", names[k], m.precision, m.ndcg, m.pairwise
        ));
    }
    println!("{table}");
    for (k, baseline) in mean.iter().enumerate().skip(1) {
        let vitae = mean[0];
        assert!(
            vitae.precision > baseline.precision
                && vitae.ndcg > baseline.ndcg
                && vitae.pairwise > baseline.pairwise,
            "vitae is not ahead of {} on every metric:\n{table}",
            names[k]
        );
    }
}
