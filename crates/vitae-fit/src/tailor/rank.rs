//! Relevance: the job as a weighted query and BM25 over the resume's texts.
//!
//! The query holds every skill and content word of the posting, each weighted by where the
//! posting says it: a skill among the requirements weighs most, then one in the title or the
//! responsibilities, then the nice-to-haves and the free description; plain words weigh less than
//! skills in every part. Skills are compared by canonical name, so `k8s` in a bullet meets
//! `Kubernetes` in the job.
//!
//! Documents (bullets, summaries, projects) are scored with Okapi BM25 (`k1 = 1.2`, `b = 0.75`,
//! the non-negative IDF `ln(1 + (N - n + 0.5) / (n + 0.5))`), each query term's contribution
//! multiplied by its weight. Sums run in query order, so scores are bit-for-bit reproducible.

use super::terms::{self, Term, TermKind, skill_key};
use crate::job::Job;
use crate::keywords::Vocabulary;
use serde::Serialize;
use std::collections::HashMap;

/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// BM25 length normalisation.
const B: f64 = 0.75;

/// Where in the posting a term was found (its heaviest place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobPart {
    Title,
    Qualifications,
    Responsibilities,
    NiceToHave,
    Description,
    /// The posting's skills list only (a JSON job's `skills`).
    Skills,
}

impl JobPart {
    pub fn label(self) -> &'static str {
        match self {
            JobPart::Title => "title",
            JobPart::Qualifications => "requirements",
            JobPart::Responsibilities => "responsibilities",
            JobPart::NiceToHave => "nice to have",
            JobPart::Description => "description",
            JobPart::Skills => "skills list",
        }
    }

    /// The weight of a term of `kind` found in this part.
    pub fn weight(self, kind: TermKind) -> f64 {
        match (self, kind) {
            (JobPart::Qualifications, TermKind::Skill) => 3.0,
            (JobPart::Title, TermKind::Skill) => 2.5,
            (JobPart::Responsibilities | JobPart::Skills, TermKind::Skill) => 2.0,
            (JobPart::NiceToHave | JobPart::Description, TermKind::Skill) => 1.5,
            (JobPart::Qualifications, TermKind::Word) => 1.0,
            (JobPart::Title, TermKind::Word) => 0.8,
            (JobPart::Responsibilities, TermKind::Word) => 0.6,
            (JobPart::NiceToHave, TermKind::Word) => 0.4,
            (JobPart::Description | JobPart::Skills, TermKind::Word) => 0.3,
        }
    }
}

/// One term of the query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct QueryTerm {
    pub term: Term,
    pub weight: f64,
    /// The skill's name, or the word as the posting wrote it (lower-cased).
    pub display: String,
    pub part: JobPart,
}

/// The job as weighted terms, heaviest first (ties in order of first mention).
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pub terms: Vec<QueryTerm>,
    index: HashMap<Term, usize>,
}

impl Query {
    pub(crate) fn new(job: &Job, vocabulary: &Vocabulary) -> Query {
        let mut terms: Vec<QueryTerm> = Vec::new();
        // Where each term is in `terms`: a posting has hundreds of words, looked up by hash.
        let mut at: HashMap<Term, usize> = HashMap::new();
        let mut add = |term: Term, display: String, part: JobPart| {
            let weight = part.weight(term.kind());
            match at.get(&term) {
                Some(&i) => {
                    let t = &mut terms[i];
                    if t.weight < weight {
                        t.weight = weight;
                        t.part = part;
                    }
                }
                None => {
                    at.insert(term.clone(), terms.len());
                    terms.push(QueryTerm {
                        term,
                        weight,
                        display,
                        part,
                    });
                }
            }
        };
        let parts: [(JobPart, Vec<&str>); 5] = [
            (
                JobPart::Title,
                job.title.iter().map(String::as_str).collect(),
            ),
            (
                JobPart::Qualifications,
                job.qualifications.iter().map(String::as_str).collect(),
            ),
            (
                JobPart::Responsibilities,
                job.responsibilities.iter().map(String::as_str).collect(),
            ),
            (
                JobPart::NiceToHave,
                job.nice_to_have.iter().map(String::as_str).collect(),
            ),
            (
                JobPart::Description,
                job.description.iter().map(String::as_str).collect(),
            ),
        ];
        for (part, texts) in parts {
            for text in texts {
                for (term, display) in terms::terms(text, vocabulary) {
                    add(term, display, part);
                }
            }
        }
        for name in job.skill_names() {
            let key = skill_key(vocabulary, name);
            if !key.is_empty() {
                add(Term::Skill(key.clone()), key, JobPart::Skills);
            }
        }
        // Heaviest first; a stable sort keeps the order of first mention among equals.
        terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let index = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.term.clone(), i))
            .collect();
        Query { terms, index }
    }

    pub(crate) fn get(&self, term: &Term) -> Option<&QueryTerm> {
        self.index.get(term).map(|&i| &self.terms[i])
    }
}

/// A document's terms with their frequencies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    tf: HashMap<Term, u32>,
    len: u32,
}

impl Doc {
    pub(crate) fn new(terms: impl IntoIterator<Item = Term>) -> Doc {
        let mut doc = Doc::default();
        for term in terms {
            *doc.tf.entry(term).or_insert(0) += 1;
            doc.len += 1;
        }
        doc
    }

    /// Adds a term once unless present (a bullet's `skills` list confirms its text).
    pub(crate) fn confirm(&mut self, term: Term) {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.tf.entry(term) {
            slot.insert(1);
            self.len += 1;
        }
    }
}

/// A document's score and the job terms it matched, largest contribution first.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Scored {
    pub score: f64,
    pub matched: Vec<(String, f64)>,
    /// How many of the matched terms are skills.
    pub skills: usize,
}

impl Scored {
    pub(crate) fn matched_names(&self) -> Vec<String> {
        self.matched.iter().map(|(n, _)| n.clone()).collect()
    }
}

/// BM25 statistics of a corpus.
#[derive(Debug, Clone)]
pub(crate) struct Bm25 {
    n: usize,
    avgdl: f64,
    df: HashMap<Term, usize>,
}

impl Bm25 {
    pub(crate) fn new<'d>(docs: impl IntoIterator<Item = &'d Doc>) -> Bm25 {
        let mut n = 0;
        let mut total = 0u64;
        let mut df: HashMap<Term, usize> = HashMap::new();
        for doc in docs {
            n += 1;
            total += u64::from(doc.len);
            for term in doc.tf.keys() {
                *df.entry(term.clone()).or_insert(0) += 1;
            }
        }
        let avgdl = if n == 0 {
            1.0
        } else {
            (total as f64 / n as f64).max(1.0)
        };
        Bm25 { n, avgdl, df }
    }

    fn idf(&self, term: &Term) -> f64 {
        let n = self.df.get(term).copied().unwrap_or(0) as f64;
        (1.0 + (self.n as f64 - n + 0.5) / (n + 0.5)).ln()
    }

    pub(crate) fn score(&self, doc: &Doc, query: &Query) -> Scored {
        let mut score = 0.0;
        let mut matched = Vec::new();
        let mut skills = 0;
        let norm = K1 * (1.0 - B + B * f64::from(doc.len) / self.avgdl);
        for q in &query.terms {
            let Some(&tf) = doc.tf.get(&q.term) else {
                continue;
            };
            let tf = f64::from(tf);
            let part = q.weight * self.idf(&q.term) * tf * (K1 + 1.0) / (tf + norm);
            score += part;
            matched.push((q.display.clone(), part));
            skills += usize::from(q.term.kind() == TermKind::Skill);
        }
        matched.sort_by(|a, b| b.1.total_cmp(&a.1));
        Scored {
            score,
            matched,
            skills,
        }
    }
}

/// Weighted overlap for short labels (skill names): the sum of the weights of the distinct job
/// terms the label contains. BM25's length normalisation means nothing for a two-word label.
pub(crate) fn overlap(terms: &[Term], query: &Query) -> Scored {
    let mut seen: Vec<&Term> = Vec::new();
    let mut matched = Vec::new();
    let mut score = 0.0;
    let mut skills = 0;
    for term in terms {
        if seen.contains(&term) {
            continue;
        }
        seen.push(term);
        if let Some(q) = query.get(term) {
            score += q.weight;
            matched.push((q.display.clone(), q.weight));
            skills += usize::from(q.term.kind() == TermKind::Skill);
        }
    }
    matched.sort_by(|a, b| b.1.total_cmp(&a.1));
    Scored {
        score,
        matched,
        skills,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tailor::terms::Analysis;

    fn job(qualifications: &[&str], description: &str) -> Job {
        Job {
            title: Some("Backend Engineer".into()),
            description: Some(description.into()),
            qualifications: qualifications.iter().map(|q| (*q).to_owned()).collect(),
            ..Job::default()
        }
    }

    #[test]
    fn requirements_weigh_more_than_the_description() {
        let v = Vocabulary::builtin();
        let q = Query::new(&job(&["Kubernetes in production"], "We use Redis."), v);
        let k8s = q.get(&Term::Skill("Kubernetes".into())).unwrap();
        let redis = q.get(&Term::Skill("Redis".into())).unwrap();
        assert!(k8s.weight > redis.weight);
        assert_eq!(k8s.part, JobPart::Qualifications);
        assert_eq!(q.terms[0].display, "Kubernetes", "heaviest first");
    }

    #[test]
    fn aliases_meet_their_canonical_skill() {
        let v = Vocabulary::builtin();
        let q = Query::new(&job(&["Kubernetes"], ""), v);
        let docs = [
            Doc::new(
                Analysis::new("Ran k8s clusters", v)
                    .terms
                    .into_iter()
                    .map(|t| t.0),
            ),
            Doc::new(
                Analysis::new("Ran VM clusters", v)
                    .terms
                    .into_iter()
                    .map(|t| t.0),
            ),
        ];
        let bm = Bm25::new(&docs);
        let hit = bm.score(&docs[0], &q);
        assert!(hit.score > 0.0);
        assert_eq!(hit.matched_names(), ["Kubernetes"]);
        assert_eq!(bm.score(&docs[1], &q).score, 0.0);
    }
}
