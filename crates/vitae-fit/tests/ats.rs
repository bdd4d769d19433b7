//! The ATS check: the project example (`examples/resume.yaml`) against the real job postings in
//! `../shared/fixtures/jobs` (override with `VITAE_FIXTURES`), with and without a PDF text layer;
//! the real text layers of every theme (pdftotext's output of the example, kept as vitae-render's
//! snapshots); tables of cases per category; and two properties: the score stays within 0–100,
//! and it never drops when a missing job keyword is added to a bullet.
//!
//! Snapshots (`tests/snapshots/ats__*`) hold whole reports as JSON (and one as text), so a change
//! in a score or in an explanation shows up as a readable diff.

mod common;

use common::fixtures;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use std::path::PathBuf;
use vitae_core::model::{Bullet, Experience, Skill, SkillCategory};
use vitae_core::{DateValue, PartialDate, Resume, Section, format, variant};
use vitae_fit::ats::{
    self, AtsInput, AtsReport, CategoryId, Check, ExpectedKind, ExpectedText, Heading, ItemStatus,
    Status, TextLayer, Weights,
};
use vitae_fit::job::{self, Job};
use vitae_fit::keywords::Vocabulary;

// ---- Inputs --------------------------------------------------------------------------------------

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn example() -> Resume {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    format::read(&read(path), None)
        .expect("examples/resume.yaml reads")
        .resume
}

fn posting(name: &str) -> Job {
    job::parse(&read(fixtures().join("jobs").join(name))).expect("the posting reads")
}

fn resume(yaml: &str) -> Resume {
    format::read(yaml, None)
        .unwrap_or_else(|e| panic!("{e}\n{yaml}"))
        .resume
}

/// The headings vitae-render prints in English, in its default section order, then the custom
/// sections under their own titles: what a caller passes from the renderer's layout.
fn headings(shown: &Resume) -> Vec<Heading> {
    const ENGLISH: [(&str, &str); 13] = [
        ("summary", "Summary"),
        ("experience", "Experience"),
        ("skills", "Skills"),
        ("projects", "Projects"),
        ("education", "Education"),
        ("certifications", "Certifications"),
        ("publications", "Publications"),
        ("awards", "Awards"),
        ("volunteer", "Volunteering"),
        ("languages", "Languages"),
        ("interests", "Interests"),
        ("affiliations", "Affiliations"),
        ("references", "References"),
    ];
    let mut out: Vec<Heading> = ENGLISH
        .iter()
        .map(|(name, title)| Heading::new(name.parse::<Section>().unwrap(), *title))
        .collect();
    out.extend(
        shown
            .custom_sections
            .iter()
            .enumerate()
            .map(|(i, s)| Heading::custom(i, s.title.clone())),
    );
    out
}

/// Greedy wrapping at `width` columns, as a PDF's lines wrap.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}

/// A text layer as an extractor reads a clean single-column PDF: one item per line, bullets with
/// their glyph and wrapped at 60 columns.
fn laid_out<'e>(items: impl IntoIterator<Item = &'e vitae_fit::ats::ExpectedItem>) -> String {
    let mut out = String::new();
    for item in items {
        if item.kind == ExpectedKind::Bullet {
            out.push_str("• ");
            out.push_str(&wrap(&item.text, 60));
        } else {
            out.push_str(&item.text);
        }
        out.push('\n');
    }
    out
}

/// A broken text layer: the phone lost, the second bullet lost, the first bullet read after the
/// Education heading (a two-column layout read across), and a line of broken glyphs.
fn scrambled(expected: &ExpectedText) -> String {
    let mut items: Vec<_> = expected.items().iter().collect();
    items.retain(|i| i.kind != ExpectedKind::Phone);
    let bullets: Vec<usize> = (0..items.len())
        .filter(|i| items[*i].kind == ExpectedKind::Bullet)
        .collect();
    items.remove(bullets[1]);
    let first = items.remove(bullets[0]);
    let education = items
        .iter()
        .position(|i| i.kind == ExpectedKind::Heading && i.text == "Education")
        .expect("an Education heading");
    items.insert(education + 1, first);
    let mut text = laid_out(items);
    text.push_str("Certiﬁed \u{FFFD} (cid:12)\n");
    text
}

#[derive(Debug, Clone, Copy)]
enum Layer {
    /// No text layer: the format category from structure only.
    Absent,
    /// Everything, in order.
    Clean,
    /// See [`scrambled`].
    Scrambled,
}

fn report_for(variant_name: &str, posting_name: &str, layer: Layer) -> AtsReport {
    let source = example();
    let shown = variant::apply(&source, variant_name).unwrap();
    let job = posting(posting_name);
    let expected = ExpectedText::new(&shown, &headings(&shown));
    let (theme, text) = match layer {
        Layer::Absent => ("", None),
        Layer::Clean => ("joined", Some(laid_out(expected.items()))),
        Layer::Scrambled => ("scrambled", Some(scrambled(&expected))),
    };
    let input = AtsInput {
        source: &source,
        shown: &shown,
        variant: variant_name,
        job: &job,
        text_layer: text.as_deref().map(|text| TextLayer {
            theme,
            text,
            expected: &expected,
        }),
    };
    ats::check(&input, Vocabulary::builtin(), &Weights::default())
}

/// The report of `shown` (its own source) for a posting given as text, without a text layer.
fn report_of(shown: &Resume, variant_name: &str, posting_text: &str) -> AtsReport {
    let source = shown.clone();
    let shown = variant::apply(&source, variant_name).unwrap();
    let job = job::parse(posting_text).unwrap();
    let input = AtsInput {
        source: &source,
        shown: &shown,
        variant: variant_name,
        job: &job,
        text_layer: None,
    };
    ats::check(&input, Vocabulary::builtin(), &Weights::default())
}

fn check_of<'r>(report: &'r AtsReport, id: &str) -> &'r Check {
    report
        .categories
        .iter()
        .flat_map(|c| &c.checks)
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check `{id}`"))
}

fn score_of(report: &AtsReport, id: CategoryId) -> f64 {
    report.category(id).unwrap().score
}

/// Every point is explained: the checks' points add up to their category's score, the categories
/// to the total (up to rounding), points never exceed their maximum, and a check that lost points
/// says what it measured.
fn assert_explained(description: &str, report: &AtsReport) {
    assert!(
        (0.0..=100.0).contains(&report.score),
        "{description}: {}",
        report.score
    );
    let weights: f64 = report.categories.iter().map(|c| c.weight).sum();
    assert!(
        (weights - 100.0).abs() < 0.3,
        "{description}: weights {weights}"
    );
    let total: f64 = report.categories.iter().map(|c| c.score).sum();
    assert!(
        (total - report.score).abs() <= 0.3,
        "{description}: categories add up to {total}, the score is {}",
        report.score
    );
    for c in &report.categories {
        assert!(
            c.score >= 0.0 && c.score <= c.weight + 0.05,
            "{description}: {} {}/{}",
            c.name,
            c.score,
            c.weight
        );
        let points: f64 = c.checks.iter().map(|k| k.points).sum();
        let full = c.checks.iter().all(|k| k.status == Status::Skipped);
        if !full {
            assert!(
                (points - c.score).abs() <= 0.05 + 0.005 * c.checks.len() as f64,
                "{description}: {} checks add up to {points}, the category to {}",
                c.name,
                c.score
            );
        }
        for k in &c.checks {
            assert!(k.points <= k.max + 1e-9, "{description}: {}", k.id);
            assert_eq!(
                k.passed,
                k.status == Status::Passed,
                "{description}: {}",
                k.id
            );
            assert!(
                !k.detail.is_empty(),
                "{description}: {} has no detail",
                k.id
            );
        }
    }
}

// ---- The example against the real postings ------------------------------------------------------

#[test]
fn the_example_scores_against_the_real_postings_with_and_without_a_text_layer() {
    let cases = [
        (
            "the backend variant for the backend posting, from structure only",
            "backend_for_backend_eng",
            "backend",
            "backend-eng.txt",
            Layer::Absent,
        ),
        (
            "the backend variant for the backend posting, with a clean text layer",
            "backend_for_backend_eng_with_text_layer",
            "backend",
            "backend-eng.txt",
            Layer::Clean,
        ),
        (
            "the backend variant for the backend posting, with a broken text layer",
            "backend_for_backend_eng_with_scrambled_text_layer",
            "backend",
            "backend-eng.txt",
            Layer::Scrambled,
        ),
        (
            "the ml variant for the backend posting: skills the variant leaves out",
            "ml_for_backend_eng",
            "ml",
            "backend-eng.txt",
            Layer::Absent,
        ),
        (
            "the whole resume for the frontend posting, from structure only",
            "base_for_frontend_eng",
            "base",
            "frontend-eng.txt",
            Layer::Absent,
        ),
        (
            "the whole resume for the frontend posting, with a clean text layer",
            "base_for_frontend_eng_with_text_layer",
            "base",
            "frontend-eng.txt",
            Layer::Clean,
        ),
    ];
    for (description, name, variant_name, posting_name, layer) in cases {
        let report = report_for(variant_name, posting_name, layer);
        assert_explained(description, &report);
        insta::assert_json_snapshot!(name, report);
    }
}

#[test]
fn the_report_reads_as_text_with_every_check_its_evidence_and_the_keyword_split() {
    let report = report_for("backend", "backend-eng.txt", Layer::Scrambled);
    insta::assert_snapshot!("backend_for_backend_eng_as_text", report.to_string());
}

#[test]
fn the_scores_rank_the_variants_the_way_a_recruiter_would() {
    let backend = report_for("backend", "backend-eng.txt", Layer::Clean);
    let ml = report_for("ml", "backend-eng.txt", Layer::Clean);
    let frontend = report_for("base", "frontend-eng.txt", Layer::Clean);
    let keywords = |r: &AtsReport| score_of(r, CategoryId::Keywords);
    assert!(
        keywords(&backend) > keywords(&ml),
        "backend {} vs ml {}",
        keywords(&backend),
        keywords(&ml)
    );
    assert!(keywords(&backend) > keywords(&frontend));
    assert!(backend.score > frontend.score);

    let clean = report_for("backend", "backend-eng.txt", Layer::Clean);
    let broken = report_for("backend", "backend-eng.txt", Layer::Scrambled);
    assert_eq!(score_of(&clean, CategoryId::Format), 20.0);
    assert!(score_of(&broken, CategoryId::Format) < 20.0);
    for category in [
        CategoryId::Keywords,
        CategoryId::Sections,
        CategoryId::Contact,
    ] {
        assert_eq!(
            score_of(&clean, category),
            score_of(&broken, category),
            "the text layer only changes the format category"
        );
    }
}

// ---- The text layer ------------------------------------------------------------------------------

/// pdftotext's text of the example in `theme`, as vitae-render's theme tests keep it.
fn real_text_layer(theme: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!(
        "../vitae-render/tests/snapshots/themes__example__{theme}.snap"
    ));
    let snapshot = read(path);
    // An insta snapshot: a `---` header block, then the text.
    let body = snapshot
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(_, body)| body)
        .expect("an insta snapshot");
    body.to_owned()
}

#[test]
fn every_theme_s_real_text_layer_gives_back_the_example_in_order() {
    let cases = [
        ("classic", true),
        ("modern", true),
        ("compact", true),
        ("engineering", true),
        // Education and publications first: sections in another order, each whole.
        ("academic", false),
        // The sidebar (skills, certifications) is read first.
        ("sidebar", false),
    ];
    let source = example();
    let shown = variant::apply(&source, "base").unwrap();
    let expected = ExpectedText::new(&shown, &headings(&shown));
    let job = posting("backend-eng.txt");
    for (theme, layout_order) in cases {
        let text = real_text_layer(theme);
        let read = ats::read_back(&expected, &text);
        let lost: Vec<_> = read
            .items
            .iter()
            .filter(|i| i.status != ItemStatus::InOrder)
            .map(|i| (i.status, i.text.as_str()))
            .collect();
        assert!(lost.is_empty(), "{theme}: {lost:?}");
        assert_eq!(
            read.items.len(),
            31,
            "{theme}: name, email, phone, 8 headings, 20 bullets"
        );
        assert!(
            read.broken.is_empty() && read.has_text,
            "{theme}: {:?}",
            read.broken
        );
        assert_eq!(
            read.sections_in_layout_order, layout_order,
            "{theme}: {:?}",
            read.section_order
        );

        let input = AtsInput {
            source: &source,
            shown: &shown,
            variant: "base",
            job: &job,
            text_layer: Some(TextLayer {
                theme,
                text: &text,
                expected: &expected,
            }),
        };
        let report = ats::check(&input, Vocabulary::builtin(), &Weights::default());
        assert_eq!(score_of(&report, CategoryId::Format), 20.0, "{theme}");
        let notes = &report.category(CategoryId::Format).unwrap().notes;
        assert_eq!(notes.is_empty(), layout_order, "{theme}: {notes:?}");
    }
}

const SMALL: &str = "\
contact:
  name: Ada Lovelace
  email: ada@example.com
  phone: +44 20 7946 0958
professional_summary: Engineer who builds compilers and the tools around them.
skills:
  Languages: [Rust, Python]
experience:
  - company: Analytical Engines Ltd
    title: Engineer
    start_date: 2020-01
    end_date: present
    bullets:
      - Built the analytical engine compiler in Rust for 3 teams
      - Cut the punch-card error rate by 40% with automated checks
      - Designed a note-taking system that taught skills to 200 engineers
education:
  - institution: University of London
    degree: BSc
    field: Mathematics
";

/// The small resume's text layer as laid out.
fn small_layer() -> (ExpectedText, String) {
    let shown = resume(SMALL);
    let expected = ExpectedText::new(&shown, &headings(&shown));
    let text = laid_out(expected.items());
    (expected, text)
}

fn move_line(text: String, line: &str, after: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let from = lines.iter().position(|l| l.contains(line)).unwrap();
    let moved = lines.remove(from);
    let to = lines.iter().position(|l| *l == after).unwrap();
    lines.insert(to + 1, moved);
    lines.join("\n")
}

fn drop_line(text: String, line: &str) -> String {
    text.lines()
        .filter(|l| !l.contains(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// (description, edit of the clean layer, the items that are not in order, sections in layout
/// order, kinds of broken glyphs, any text at all)
type LayerCase = (
    &'static str,
    fn(String) -> String,
    &'static [(&'static str, ItemStatus)],
    bool,
    usize,
    bool,
);

#[test]
fn the_text_layer_check_reports_what_is_missing_misplaced_or_broken() {
    let cases: &[LayerCase] = &[
        (
            "the layer as laid out gives everything back",
            |t| t,
            &[],
            true,
            0,
            true,
        ),
        (
            "wrapped lines and words hyphenated at line ends still match",
            |t| {
                t.replace("analytical engine", "analyt-\nical engine")
                    .replace("compiler in", "compiler\nin")
            },
            &[],
            true,
            0,
            true,
        ),
        (
            "capitalised headings, other bullet glyphs and spaced letters do not matter",
            |t| {
                t.replace("Experience\n", "EXPERIENCE\n")
                    .replace("• ", "▪ ")
                    .replace("Ada Lovelace", "A d a  L o v e l a c e")
            },
            &[],
            true,
            0,
            true,
        ),
        (
            "a dropped bullet is missing",
            |t| drop_line(t, "Cut the punch-card"),
            &[("Cut the punch-card", ItemStatus::Missing)],
            true,
            0,
            true,
        ),
        (
            "a bullet read in another section is out of order",
            |t| move_line(t, "Built the analytical", "Education"),
            &[("Built the analytical", ItemStatus::OutOfOrder)],
            true,
            0,
            true,
        ),
        (
            "a phone printed as an image is missing",
            |t| drop_line(t, "+44"),
            &[("+44 20 7946 0958", ItemStatus::Missing)],
            true,
            0,
            true,
        ),
        (
            "a heading word inside a bullet does not stand in for a lost heading",
            |t| drop_line(t, "Skills"),
            &[("Skills", ItemStatus::Missing)],
            true,
            0,
            true,
        ),
        (
            "sections read sidebar first are each in order",
            |t| {
                move_line(
                    move_line(t, "Skills", "+44 20 7946 0958"),
                    "Education",
                    "Skills",
                )
            },
            &[],
            false,
            0,
            true,
        ),
        (
            "ligatures, replacement characters and (cid:N) codes are broken glyphs",
            |t| format!("{t}Certiﬁed \u{FFFD} (cid:12)\n"),
            &[],
            true,
            3,
            true,
        ),
        (
            "an image-only PDF has no text",
            |_| String::new(),
            &[
                ("Ada Lovelace", ItemStatus::Missing),
                ("ada@example.com", ItemStatus::Missing),
                ("+44 20 7946 0958", ItemStatus::Missing),
                ("Summary", ItemStatus::Missing),
                ("Experience", ItemStatus::Missing),
                ("Built the analytical", ItemStatus::Missing),
                ("Cut the punch-card", ItemStatus::Missing),
                ("Designed a note-taking", ItemStatus::Missing),
                ("Skills", ItemStatus::Missing),
                ("Education", ItemStatus::Missing),
            ],
            true,
            0,
            false,
        ),
    ];
    let (expected, clean) = small_layer();
    for (description, edit, not_in_order, layout_order, broken, has_text) in cases {
        let read = ats::read_back(&expected, &edit(clean.clone()));
        let found: Vec<(String, ItemStatus)> = read
            .items
            .iter()
            .filter(|i| i.status != ItemStatus::InOrder)
            .map(|i| (i.text.clone(), i.status))
            .collect();
        assert_eq!(found.len(), not_in_order.len(), "{description}: {found:?}");
        for ((text, status), (prefix, expected_status)) in found.iter().zip(*not_in_order) {
            assert!(
                text.starts_with(prefix) && status == expected_status,
                "{description}: {found:?}"
            );
        }
        assert_eq!(
            read.sections_in_layout_order, *layout_order,
            "{description}"
        );
        assert_eq!(
            read.broken.len(),
            *broken,
            "{description}: {:?}",
            read.broken
        );
        assert_eq!(read.has_text, *has_text, "{description}");
    }
}

#[test]
fn the_format_category_turns_the_read_back_into_points_with_evidence() {
    let source = resume(SMALL);
    let expected = ExpectedText::new(&source, &headings(&source));
    let job = job::parse("Rust Engineer\n\nRequirements\n- Rust\n").unwrap();
    let score = |text: Option<&str>| {
        let input = AtsInput {
            source: &source,
            shown: &source,
            variant: "base",
            job: &job,
            text_layer: text.map(|text| TextLayer {
                theme: "test",
                text,
                expected: &expected,
            }),
        };
        ats::check(&input, Vocabulary::builtin(), &Weights::default())
    };
    let clean = laid_out(expected.items());

    let structure_only = score(None);
    let format = structure_only.category(CategoryId::Format).unwrap();
    assert_eq!(format.score, 20.0);
    assert!(
        format.notes[0].contains("text layer was not checked"),
        "{format:?}"
    );
    assert_eq!(
        check_of(&structure_only, "format.bullets").status,
        Status::Skipped
    );

    let lost = score(Some(&drop_line(clean.clone(), "Cut the punch-card")));
    let bullets = check_of(&lost, "format.bullets");
    assert_eq!(bullets.status, Status::Partial);
    assert_eq!(bullets.detail, "2 of 3 bullets come back");
    assert_eq!(bullets.evidence[0].path, "experience[0].bullets[1]");
    assert_eq!(bullets.evidence[0].bullet, Some(2));
    assert_eq!(
        bullets.evidence[0].finding.as_deref(),
        Some("not in the text layer")
    );

    let empty = score(Some(""));
    for id in [
        "format.name",
        "format.email",
        "format.phone",
        "format.glyphs",
    ] {
        assert_eq!(check_of(&empty, id).status, Status::Failed, "{id}");
    }
    assert_eq!(check_of(&empty, "format.order").status, Status::Skipped);
    // Only the structure checks (15 of 88 relative points) remain.
    assert!(score_of(&empty, CategoryId::Format) < 4.0);
}

// ---- Keywords ------------------------------------------------------------------------------------

const TAILORED: &str = "\
contact:
  name: Ada Lovelace
  email: ada@example.com
professional_summary:
  base: Engineer building compilers.
  variants:
    data: Data engineer fluent in Apache Spark pipelines.
skills:
  Languages: [Rust, Go]
  Data: [Snowflake]
experience:
  - company: Acme
    title: Engineer
    start_date: 2020-01
    end_date: present
    bullets:
      - text: Built the Rust compiler front end used by 40 teams
        emphasize_for: [backend]
      - text: Ran the Kafka event pipeline handling 2 million events a day
        emphasize_for: [data]
      - text: Cut build times by 30% across the monorepo
        skills: [Bazel]
        emphasize_for: [backend]
variants:
  backend:
    skill_sections: [Languages]
  data:
    skill_sections: [Data, Languages]
";

const TAILORED_POSTING: &str = "Backend Engineer\n\nRequirements\n- Rust, Go, Kafka, Snowflake, \
                                Bazel, Apache Spark and Docker\n";

#[test]
fn missing_keywords_are_split_by_whether_the_source_has_them() {
    // (description, variant, skill, where it ends up, what the suggestion must say)
    let cases = [
        (
            "a skill the variant shows is matched",
            "backend",
            "Rust",
            "matched",
            "",
        ),
        (
            "a two-letter skill the variant shows is matched",
            "backend",
            "Go",
            "matched",
            "",
        ),
        (
            "a bullet the variant leaves out",
            "backend",
            "Apache Kafka",
            "variant",
            "leaves that bullet out; tag it for `backend`",
        ),
        (
            "a skill category the variant does not show",
            "backend",
            "Snowflake",
            "variant",
            "listed under “Data” in your skills, a category variant `backend` does not show",
        ),
        (
            "a skill only tagged on a bullet is not claimed in the text",
            "backend",
            "Bazel",
            "variant",
            "is tagged with it, but its text never says it",
        ),
        (
            "another variant's summary",
            "backend",
            "Apache Spark",
            "variant",
            "your `data` summary mentions it",
        ),
        (
            "nowhere in the resume: only if true",
            "backend",
            "Docker",
            "absent",
            "Add it only if it is true",
        ),
        (
            "the variant's own summary is scored",
            "data",
            "Apache Spark",
            "matched",
            "",
        ),
        (
            "the variant's own bullets are scored",
            "data",
            "Apache Kafka",
            "matched",
            "",
        ),
    ];
    let source = resume(TAILORED);
    for (description, variant_name, skill, place, suggestion) in cases {
        let report = report_of(&source, variant_name, TAILORED_POSTING);
        let k = &report.keywords;
        let found = if k.matched.iter().any(|h| h.skill == skill) {
            "matched"
        } else if k.missing_in_variant.iter().any(|m| m.skill == skill) {
            "variant"
        } else if k.missing_from_resume.iter().any(|m| m.skill == skill) {
            "absent"
        } else {
            "not a job keyword"
        };
        assert_eq!(found, place, "{description}: {skill} in {k:#?}");
        let suggestions = &report.category(CategoryId::Keywords).unwrap().suggestions;
        if !suggestion.is_empty() {
            assert!(
                suggestions
                    .iter()
                    .any(|s| s.contains(skill) && s.contains(suggestion)),
                "{description}: {suggestions:#?}"
            );
        }
        // Never suggest claiming what is not there: an absent skill is only ever offered "if
        // it is true", never as something to show or tag.
        for miss in &k.missing_from_resume {
            for s in suggestions.iter().filter(|s| s.contains(&miss.skill)) {
                assert!(s.contains("only if it is true"), "{description}: {s}");
            }
        }
    }
}

#[test]
fn keywords_count_two_letter_skills_and_acronyms_on_the_original_text() {
    // (description, bullet, requirement, skill the job asks for, found in the bullet)
    let cases = [
        (
            "Go counts",
            "Built billing services in Go for 3 teams",
            "Go, Python",
            "Go",
            true,
        ),
        (
            "go the verb is not Go",
            "Helped the team go to market 2 months early",
            "Go, Python",
            "Go",
            false,
        ),
        (
            "AI in capitals counts",
            "Shipped AI features to 2 million users",
            "AI and Python",
            "Artificial Intelligence",
            true,
        ),
        (
            "ai in lower case is not AI",
            "Maintained the ai platform for 5 teams",
            "AI and Python",
            "Artificial Intelligence",
            false,
        ),
        (
            "ML counts",
            "Led the ML platform team of 6 engineers",
            "ML and Python",
            "Machine Learning",
            true,
        ),
        (
            "R counts",
            "Modelled churn in R for 40 stores",
            "R, SQL",
            "R",
            true,
        ),
        (
            "Java is not inside JavaScript",
            "Rebuilt the JavaScript checkout for 3 markets",
            "Java, SQL",
            "Java",
            false,
        ),
    ];
    for (description, bullet, requirement, skill, expected) in cases {
        let mut r = resume(SMALL);
        r.skills.clear();
        r.experience[0].bullets = vec![Bullet::plain(bullet)];
        let posting = format!("Engineer\n\nRequirements\n- {requirement}\n");
        let report = report_of(&r, "base", &posting);
        let hit = report.keywords.matched.iter().find(|h| h.skill == skill);
        assert_eq!(
            hit.is_some(),
            expected,
            "{description}: {:#?}",
            report.keywords
        );
        if let Some(hit) = hit {
            assert_eq!(
                hit.found[0].path, "experience[0].bullets[0]",
                "{description}"
            );
            assert_eq!(hit.found[0].text, bullet, "{description}");
        } else {
            assert!(
                report
                    .keywords
                    .missing_from_resume
                    .iter()
                    .any(|m| m.skill == skill),
                "{description}: {skill} is a job keyword"
            );
        }
    }
}

#[test]
fn required_skills_weigh_more_than_nice_to_haves() {
    let posting = "Engineer\n\nRequirements\n- Rust\n- Kafka\n\nNice to have\n- Docker\n- Go\n";
    let mut with_required = resume(SMALL);
    with_required.skills = vec![category(&["Rust"])];
    let mut with_nice = resume(SMALL);
    with_nice.skills = vec![category(&["Docker"])];
    for r in [&mut with_required, &mut with_nice] {
        r.experience[0].bullets.truncate(1);
        r.experience[0].bullets[0].text = "Built the analytical engine compiler".into();
    }
    let required = report_of(&with_required, "base", posting);
    let nice = report_of(&with_nice, "base", posting);
    assert!(
        score_of(&required, CategoryId::Keywords) > score_of(&nice, CategoryId::Keywords),
        "{} vs {}",
        score_of(&required, CategoryId::Keywords),
        score_of(&nice, CategoryId::Keywords)
    );
    let importance = |r: &AtsReport, skill: &str| {
        let k = &r.keywords;
        k.matched
            .iter()
            .map(|h| (&h.skill, h.importance))
            .chain(
                k.missing_from_resume
                    .iter()
                    .map(|m| (&m.skill, m.importance)),
            )
            .find(|(s, _)| *s == skill)
            .map(|(_, i)| i.label())
    };
    assert_eq!(importance(&required, "Rust"), Some("required"));
    assert_eq!(importance(&required, "Docker"), Some("nice to have"));
}

fn category(items: &[&str]) -> SkillCategory {
    SkillCategory {
        name: "Skills".into(),
        level: None,
        extra: Default::default(),
        items: items
            .iter()
            .map(|n| Skill {
                name: (*n).to_owned(),
                ..Skill::default()
            })
            .collect(),
    }
}

// ---- Contact -------------------------------------------------------------------------------------

#[test]
fn profile_links_are_found_where_the_model_stores_them() {
    // (description, source, LinkedIn found, website/GitHub found)
    let cases = [
        (
            "native `urls`: website, LinkedIn and GitHub",
            "contact:\n  name: Ada\n  urls:\n    website: https://ada.example\n    \
             linkedin: https://www.linkedin.com/in/ada\n    github: https://github.com/ada\n",
            true,
            true,
        ),
        (
            "native `profiles` with a username only",
            "contact:\n  name: Ada\n  profiles:\n    - network: LinkedIn\n      username: ada\n",
            true,
            false,
        ),
        (
            "JSON Resume `basics.url` and `basics.profiles`",
            r#"{"basics": {"name": "Ada", "url": "https://ada.example",
                "profiles": [{"network": "LinkedIn", "url": "https://linkedin.com/in/ada"}]}}"#,
            true,
            true,
        ),
        (
            "RenderCV `social_networks`",
            "cv:\n  name: Ada\n  social_networks:\n    - network: LinkedIn\n      username: ada\n    \
             - network: GitHub\n      username: ada\n",
            true,
            true,
        ),
        (
            "RenderCV's second email is a contact, not a link",
            "cv:\n  name: Ada\n  email: [ada@example.com, ada@work.example]\n",
            false,
            false,
        ),
        (
            "a website that is a LinkedIn profile",
            "contact:\n  name: Ada\n  website: https://www.linkedin.com/in/ada\n",
            true,
            false,
        ),
        ("no links at all", "contact:\n  name: Ada\n", false, false),
    ];
    for (description, source, linkedin, links) in cases {
        let r = resume(source);
        let report = report_of(&r, "base", "Engineer\n");
        let found = |id: &str| check_of(&report, id).status == Status::Passed;
        assert_eq!(
            found("contact.linkedin"),
            linkedin,
            "{description}: {:#?}",
            r.basics
        );
        assert_eq!(
            found("contact.links"),
            links,
            "{description}: {:#?}",
            r.basics
        );
        if linkedin {
            let e = &check_of(&report, "contact.linkedin").evidence[0];
            assert!(e.path.starts_with("basics."), "{description}: {e:?}");
        }
    }
}

#[test]
fn contact_details_must_be_usable() {
    // (description, email, phone, email passes, phone passes)
    let cases = [
        (
            "plain address and an international number",
            "ada@example.com",
            "+1 (512) 555-0142",
            true,
            true,
        ),
        (
            "an extension is fine",
            "a.b+cv@mail.example.org",
            "+44 20 7946 0958 ext. 12",
            true,
            true,
        ),
        (
            "no top-level domain",
            "ada@example",
            "555 0142 123",
            false,
            true,
        ),
        (
            "a space in the address",
            "ada @example.com",
            "0142",
            false,
            false,
        ),
        ("two at signs", "ada@@example.com", "call me", false, false),
    ];
    for (description, email, phone, email_ok, phone_ok) in cases {
        let mut r = resume(SMALL);
        r.basics.email = Some(email.into());
        r.basics.phone = Some(phone.into());
        let report = report_of(&r, "base", "Engineer\n");
        assert_eq!(
            check_of(&report, "contact.email").passed,
            email_ok,
            "{description}"
        );
        assert_eq!(
            check_of(&report, "contact.phone").passed,
            phone_ok,
            "{description}"
        );
    }
}

// ---- Sections and format structure ---------------------------------------------------------------

fn job_entry(company: &str, start: Option<&str>, end: Option<&str>) -> Experience {
    Experience {
        company: company.into(),
        title: Some("Engineer".into()),
        start: start.map(DateValue::parse),
        end: end.map(DateValue::parse),
        bullets: vec![Bullet::plain("Built the billing service for 3 markets")],
        ..Experience::default()
    }
}

#[test]
fn the_sections_check_finds_structure_problems_and_points_at_them() {
    type Edit = fn(&mut Resume);
    // (description, edit of the small resume, check, status, finding in the first evidence)
    let cases: &[(&str, Edit, &str, Status, &str)] = &[
        (
            "the small resume is complete",
            |_| {},
            "sections.entries",
            Status::Passed,
            "",
        ),
        (
            "jobs listed oldest first",
            |r| {
                r.experience = vec![
                    job_entry("Old Co", Some("2010-01"), Some("2014-12")),
                    job_entry("New Co", Some("2015-01"), Some("present")),
                ]
            },
            "sections.order",
            Status::Failed,
            "more recent than Engineer at Old Co, which is listed above it",
        ),
        (
            "a job without dates",
            |r| r.experience.push(job_entry("Undated Co", None, None)),
            "sections.entries",
            Status::Partial,
            "missing start date and end date (`present` if ongoing)",
        ),
        (
            "no education",
            |r| r.education.clear(),
            "sections.education",
            Status::Failed,
            "",
        ),
        (
            "no summary for the variant",
            |r| r.summary.base = None,
            "sections.summary",
            Status::Failed,
            "",
        ),
        (
            "a custom heading an ATS does not know",
            |r| {
                r.custom_sections.push(vitae_core::model::CustomSection {
                    title: "My Journey".into(),
                    entries: vec![vitae_core::model::CustomEntry {
                        title: Some("Sailing".into()),
                        ..Default::default()
                    }],
                })
            },
            "sections.headings",
            Status::Failed,
            "not a heading an ATS recognises",
        ),
        (
            "an author's heading for a built-in section that an ATS does not know",
            |r| {
                r.section_titles
                    .insert(vitae_core::Section::Experience, "Where I've Been".into());
            },
            "sections.headings",
            Status::Failed,
            "not a heading an ATS recognises",
        ),
        (
            "a custom heading an ATS knows",
            |r| {
                r.custom_sections.push(vitae_core::model::CustomSection {
                    title: "Patents".into(),
                    entries: vec![vitae_core::model::CustomEntry {
                        title: Some("US 1234567".into()),
                        ..Default::default()
                    }],
                })
            },
            "sections.headings",
            Status::Passed,
            "",
        ),
        (
            "a date that is not a date",
            |r| r.experience[0].start = Some(DateValue::parse("Spring 2020")),
            "format.dates",
            Status::Partial,
            "not a date: write YYYY-MM (or YYYY), or `present`",
        ),
        (
            "an emoji in a bullet",
            |r| r.experience[0].bullets[0].text = "🚀 Launched the compiler for 3 teams".into(),
            "format.characters",
            Status::Partial,
            "contains an emoji or pictograph (U+1F680)",
        ),
        (
            "an invisible character inside a skill",
            |r| r.skills[0].items[0].name = "Ru\u{200B}st".into(),
            "format.characters",
            Status::Partial,
            "contains an invisible character (U+200B)",
        ),
        (
            "a bullet typed with its own mark",
            |r| r.experience[0].bullets[0].text = "• Built the compiler for 3 teams".into(),
            "format.bullet_marks",
            Status::Partial,
            "starts with its own mark “•”; the theme adds one",
        ),
    ];
    for (description, edit, id, status, finding) in cases {
        let mut r = resume(SMALL);
        edit(&mut r);
        let report = report_of(&r, "base", "Engineer\n");
        assert_explained(description, &report);
        let check = check_of(&report, id);
        assert_eq!(check.status, *status, "{description}: {check:#?}");
        if !finding.is_empty() {
            assert_eq!(
                check.evidence[0].finding.as_deref(),
                Some(*finding),
                "{description}: {check:#?}"
            );
        }
    }
}

// ---- Readability ---------------------------------------------------------------------------------

#[test]
fn readability_findings_point_at_their_bullet() {
    let long = "Worked closely with many different teams across the whole company on a very \
                long list of projects that covered nearly every part of the product and its \
                surrounding tools and processes over time";
    let skills_heavy = "Built the ingestion service on Python, Apache Kafka, PostgreSQL, Redis, \
                        Kubernetes, Terraform, Amazon Web Services and Docker with the platform \
                        team, owning its design, rollout, on-call and cost for 4 regions";
    // (description, bullet, check, passes, finding)
    let cases = [
        (
            "a strong opening verb",
            "Built the billing API for 3 teams",
            "readability.action_verbs",
            true,
            "",
        ),
        (
            "a present-tense verb",
            "Design the billing API for 3 teams",
            "readability.action_verbs",
            true,
            "",
        ),
        (
            "a duty instead of an achievement",
            "Responsible for the billing API used by 3 teams",
            "readability.action_verbs",
            false,
            "starts with “Responsible”",
        ),
        (
            "a number",
            "Cut deploy time by 40% across 12 services",
            "readability.quantified",
            true,
            "",
        ),
        (
            "a number word",
            "Mentored four engineers into senior roles",
            "readability.quantified",
            true,
            "",
        ),
        (
            "no number",
            "Improved the onboarding experience for new hires",
            "readability.quantified",
            false,
            "no number",
        ),
        (
            "a version in a skill name is not a metric",
            "Migrated the reporting jobs to Python 3 on Amazon EC2",
            "readability.quantified",
            false,
            "no number",
        ),
        (
            "a first-person pronoun",
            "Built my first compiler for 3 teams",
            "readability.pronouns",
            false,
            "says “my”",
        ),
        (
            "the passive voice",
            "The billing system was completely rebuilt in 6 weeks",
            "readability.active_voice",
            false,
            "passive: “was … rebuilt”",
        ),
        (
            "too short",
            "Built APIs",
            "readability.length",
            false,
            "2 words only",
        ),
        (
            "too long",
            long,
            "readability.length",
            false,
            "33 words of prose",
        ),
        (
            "skill names are not prose",
            skills_heavy,
            "readability.length",
            true,
            "",
        ),
    ];
    for (description, bullet, id, passes, finding) in cases {
        let mut r = resume(SMALL);
        r.experience[0].bullets = vec![Bullet::plain(bullet)];
        let report = report_of(&r, "base", "Engineer\n");
        let check = check_of(&report, id);
        assert_eq!(check.passed, passes, "{description}: {check:#?}");
        if !passes {
            let e = &check.evidence[0];
            assert_eq!(e.path, "experience[0].bullets[0]", "{description}");
            assert_eq!(e.bullet, Some(1), "{description}");
            assert_eq!(
                e.entry.as_deref(),
                Some("Analytical Engines Ltd"),
                "{description}"
            );
            assert_eq!(e.finding.as_deref(), Some(finding), "{description}");
            let suggestions = &report
                .category(CategoryId::Readability)
                .unwrap()
                .suggestions;
            assert!(!suggestions.is_empty(), "{description}: no suggestion");
        }
    }
}

// ---- Weights -------------------------------------------------------------------------------------

#[test]
fn weights_are_validated_and_scale_to_the_categories() {
    // (input, the weights or the error's words)
    let cases = [
        ("", Ok([20.0, 30.0, 20.0, 15.0, 15.0])),
        ("keywords=50", Ok([20.0, 50.0, 20.0, 15.0, 15.0])),
        (
            "format=0, keywords=1, sections=1, contact=1, readability=1",
            Ok([0.0, 1.0, 1.0, 1.0, 1.0]),
        ),
        ("keywords=-5", Err("a finite number, 0 or more")),
        ("keywords=NaN", Err("a finite number, 0 or more")),
        ("keyword=10", Err("did you mean `keywords`")),
        ("keywords", Err("is not `category=number`")),
        ("keywords=lots", Err("is not `category=number`")),
        (
            "format=0,keywords=0,sections=0,contact=0,readability=0",
            Err("every weight is 0"),
        ),
    ];
    for (input, expected) in cases {
        match (input.parse::<Weights>(), expected) {
            (Ok(w), Ok(values)) => {
                let got: Vec<f64> = CategoryId::ALL.iter().map(|c| w.get(*c)).collect();
                assert_eq!(got, values, "{input}");
            }
            (Err(e), Err(words)) => assert!(e.to_string().contains(words), "{input}: {e}"),
            (got, expected) => panic!("{input}: {got:?}, expected {expected:?}"),
        }
    }

    // Weights scale to 100, and a category weighted 0 adds nothing.
    let source = example();
    let shown = variant::apply(&source, "backend").unwrap();
    let job = posting("backend-eng.txt");
    let input = AtsInput {
        source: &source,
        shown: &shown,
        variant: "backend",
        job: &job,
        text_layer: None,
    };
    let default = ats::check(&input, Vocabulary::builtin(), &Weights::default());
    let only_keywords = Weights::new(0.0, 3.0, 0.0, 0.0, 0.0).unwrap();
    let keywords = ats::check(&input, Vocabulary::builtin(), &only_keywords);
    assert_explained("keywords only", &keywords);
    assert_eq!(
        keywords.category(CategoryId::Keywords).unwrap().weight,
        100.0
    );
    let share = score_of(&default, CategoryId::Keywords) / 30.0 * 100.0;
    assert!(
        (keywords.score - share).abs() < 0.5,
        "{} vs {share}",
        keywords.score
    );
    let doubled = Weights::new(40.0, 60.0, 40.0, 30.0, 30.0).unwrap();
    assert_eq!(
        ats::check(&input, Vocabulary::builtin(), &doubled).score,
        default.score,
        "weights are relative"
    );
}

// ---- Properties ----------------------------------------------------------------------------------

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,60}",
        "[A-Za-z0-9 ,.%$#+/-]{0,60}",
        Just(String::new()),
        select(vec![
            "Go",
            "go to market",
            "AI",
            "R",
            "C++",
            "• Built",
            "was built",
            "I"
        ])
        .prop_map(str::to_owned),
    ]
}

fn any_date() -> impl Strategy<Value = Option<DateValue>> {
    prop_oneof![
        Just(None),
        Just(Some(DateValue::Present)),
        (1950u16..2040, 1u8..=12).prop_map(|(year, month)| Some(DateValue::Date(PartialDate {
            year,
            month: Some(month),
            day: None,
        }))),
        any_text().prop_map(|t| Some(DateValue::Text(t))),
    ]
}

fn any_job_entry() -> impl Strategy<Value = Experience> {
    (
        any_text(),
        proptest::option::of(any_text()),
        any_date(),
        any_date(),
        proptest::collection::vec(any_text(), 0..5),
    )
        .prop_map(|(company, title, start, end, bullets)| Experience {
            company,
            title,
            start,
            end,
            bullets: bullets.into_iter().map(Bullet::plain).collect(),
            ..Experience::default()
        })
}

fn any_resume() -> impl Strategy<Value = Resume> {
    (
        any_text(),
        proptest::option::of(any_text()),
        proptest::option::of(any_text()),
        proptest::option::of(any_text()),
        proptest::collection::vec(any_job_entry(), 0..4),
        proptest::collection::vec(any_text(), 0..6),
        any_text(),
    )
        .prop_map(|(name, email, phone, summary, experience, skills, city)| {
            let mut r = Resume::default();
            r.basics.name = name;
            r.basics.email = email;
            r.basics.phone = phone;
            r.basics.location.city = Some(city);
            r.summary.base = summary;
            r.experience = experience;
            if !skills.is_empty() {
                r.skills = vec![SkillCategory {
                    name: "Skills".into(),
                    level: None,
                    extra: Default::default(),
                    items: skills
                        .into_iter()
                        .map(|name| Skill {
                            name,
                            ..Skill::default()
                        })
                        .collect(),
                }];
            }
            r
        })
}

fn any_posting() -> impl Strategy<Value = Job> {
    (any_text(), any_text(), any_text(), any_text()).prop_map(|(title, a, b, c)| {
        job::parse(&format!(
            "{title}\n\nRequirements\n- {a}\n\nResponsibilities\n- {b}\n\nNice to have\n- {c}\n"
        ))
        .unwrap_or_default()
    })
}

fn any_weights() -> impl Strategy<Value = Weights> {
    proptest::array::uniform5(0.0f64..50.0)
        .prop_map(|[a, b, c, d, e]| Weights::new(a, b, c, d, e).unwrap_or_default())
}

/// Words a bullet is made of: verbs, fillers, numbers, pronouns, and skill spellings next to
/// which an appended keyword could interact (`React` + `Native`, `go to market`).
const WORDS: &[&str] = &[
    "Built", "Led", "led", "the", "service", "was", "were", "migrated", "rebuilt", "I", "my",
    "30%", "2", "users", "teams", "with", "quickly", "and", "React", "Native", "Series", "go",
    "to", "market", "Go", "AI", "ai", "R", "C", "Node", ".js", "Kafka", "—", "•", "-", "using",
];

fn skill_names() -> Vec<&'static str> {
    Vocabulary::builtin()
        .skills()
        .map(|(name, _)| name)
        .collect()
}

fn words(min: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(select(WORDS), min..40).prop_map(|w| w.join(" "))
}

/// A resume of generated bullets and skills, and a posting naming generated skills.
fn resume_and_posting() -> impl Strategy<Value = (Resume, Job)> {
    let names = skill_names();
    let skills = move |n| proptest::collection::vec(select(names.clone()), 0..n);
    (
        proptest::collection::vec(proptest::collection::vec(words(0), 1..5), 1..4),
        skills(8),
        proptest::option::of(words(3)),
        skills(10),
        skills(6),
        skills(6),
    )
        .prop_map(|(jobs, resume_skills, summary, required, duties, nice)| {
            let mut r = Resume::default();
            r.basics.name = "Ada Lovelace".into();
            r.basics.email = Some("ada@example.com".into());
            r.summary.base = summary;
            r.skills = vec![category(&resume_skills)];
            r.experience = jobs
                .into_iter()
                .enumerate()
                .map(|(i, bullets)| Experience {
                    company: format!("Company {i}"),
                    title: Some("Engineer".into()),
                    bullets: bullets.into_iter().map(Bullet::plain).collect(),
                    ..Experience::default()
                })
                .collect();
            let posting = format!(
                "Software Engineer\n\nRequirements\n- {}\n\nResponsibilities\n- Work with {}\n\n\
                 Nice to have\n- {}\n",
                required.join(", "),
                duties.join(" and "),
                nice.join(", ")
            );
            (r, job::parse(&posting).unwrap_or_default())
        })
}

/// The report of `shown` for `job`, with the text layer an extractor would read from its render.
fn scored(source: &Resume, shown: &Resume, job: &Job, with_layer: bool) -> AtsReport {
    let expected = ExpectedText::new(shown, &headings(shown));
    let text = laid_out(expected.items());
    let input = AtsInput {
        source,
        shown,
        variant: "base",
        job,
        text_layer: with_layer.then(|| TextLayer {
            theme: "joined",
            text: &text,
            expected: &expected,
        }),
    };
    ats::check(&input, Vocabulary::builtin(), &Weights::default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_score_stays_within_0_and_100_and_every_point_is_explained(
        resume in any_resume(),
        posting in any_posting(),
        weights in any_weights(),
        layer in prop_oneof![Just(None), Just(Some(None)), any_text().prop_map(|t| Some(Some(t)))],
    ) {
        let expected = ExpectedText::new(&resume, &headings(&resume));
        let joined = laid_out(expected.items());
        let text = layer.map(|t| t.unwrap_or(joined));
        let input = AtsInput {
            source: &resume,
            shown: &resume,
            variant: "base",
            job: &posting,
            text_layer: text.as_deref().map(|text| TextLayer { theme: "t", text, expected: &expected }),
        };
        let report = ats::check(&input, Vocabulary::builtin(), &weights);
        prop_assert!(report.score.is_finite());
        prop_assert!((0.0..=100.0).contains(&report.score), "{}", report.score);
        assert_explained("generated", &report);
        // Serializes (the CLI's `--format json`) and displays.
        prop_assert!(serde_json::to_string(&report).is_ok());
        prop_assert!(report.to_string().starts_with("ATS score: "));
    }

    #[test]
    fn adding_a_missing_job_keyword_to_a_bullet_never_lowers_the_score(
        (resume, posting) in resume_and_posting(),
        which in any::<Index>(),
        bullet in any::<Index>(),
        with_layer in any::<bool>(),
    ) {
        let before = scored(&resume, &resume, &posting, with_layer);
        let missing: Vec<String> = before
            .keywords
            .missing_from_resume
            .iter()
            .chain(&before.keywords.missing_in_variant)
            .map(|m| m.skill.clone())
            .collect();
        prop_assume!(!missing.is_empty());
        let keyword = which.get(&missing);
        // The bullets the resume shows: renderers leave out a bullet without text.
        let places: Vec<(usize, usize)> = resume
            .experience
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                e.bullets
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| !b.text.trim().is_empty())
                    .map(move |(j, _)| (i, j))
            })
            .collect();
        prop_assume!(!places.is_empty());
        let (i, j) = *bullet.get(&places);
        let mut after_resume = resume.clone();
        let text = &mut after_resume.experience[i].bullets[j].text;
        *text = format!("{text}, {keyword}");
        let after = scored(&resume, &after_resume, &posting, with_layer);

        prop_assert!(
            after.keywords.matched.iter().any(|h| &h.skill == keyword),
            "{keyword} added to {:?} is not found", after_resume.experience[i].bullets[j].text
        );
        prop_assert!(
            after.score >= before.score,
            "{} → {} after adding {keyword} to {:?}",
            before.score, after.score, after_resume.experience[i].bullets[j].text
        );
        for category in CategoryId::ALL {
            prop_assert!(
                score_of(&after, category) >= score_of(&before, category),
                "{category:?}: {} → {} after adding {keyword}",
                score_of(&before, category), score_of(&after, category)
            );
        }
    }
}
