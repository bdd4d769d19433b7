//! The use cases as both front ends run them: prepare, the model step, finish.

use serde_json::json;
use std::borrow::Cow;
use std::error::Error as _;
use std::path::PathBuf;
use vitae_app::ats::{AtsCheck, AtsOptions};
use vitae_app::letter::{LetterOptions, Lettering};
use vitae_app::matching::{self, MatchOptions};
use vitae_app::tailor::{TailorOptions, Tailoring};
use vitae_app::{Ai, AppError, Assistant, Method, Style, Vocabulary};
use vitae_core::{PartialDate, Resume};
use vitae_fit::ats::CategoryId;
use vitae_llm::testing::MockLlm;
use vitae_llm::{Config, ProviderKind};
use vitae_render::{OutputFormat, Rendered, Theme};

fn example() -> Resume {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    let bytes = std::fs::read(path).unwrap();
    vitae_core::load(&bytes, None, &Default::default())
        .unwrap()
        .resume
}

const POSTING: &str = "Senior Backend Engineer at Initech\n\nRequirements:\n- 5+ years of Go or Rust\n\
    - PostgreSQL and Kubernetes\n- Designing distributed systems\n";

fn builtin() -> Cow<'static, Vocabulary> {
    Cow::Borrowed(Vocabulary::builtin())
}

fn style(theme: Theme) -> Style {
    let mut style = Style {
        dpi: 150.0,
        ..Style::default()
    };
    style.typeset.theme = Some(theme);
    style.typeset.date = Some(PartialDate::ymd(2026, 12, 3));
    style
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

fn model(mock: &MockLlm) -> Assistant {
    let mut config = Config::new(ProviderKind::OpenAi, "mock");
    config.base_url.clone_from(&mock.base_url);
    config.max_retries = 0;
    Assistant::new(&config).unwrap()
}

#[test]
fn the_ats_check_reads_every_theme_back_from_its_rendered_pdf() {
    for theme in Theme::ALL {
        let options = AtsOptions {
            variant: Some("backend".into()),
            weights: None,
            render: true,
            style: style(theme),
        };
        let check = AtsCheck::prepare(example(), POSTING.into(), builtin(), options).unwrap();
        let answer = check.finish(None).unwrap();
        let report = &answer.report;
        assert_eq!(report.theme.as_deref(), Some(theme.name()));
        assert_eq!(answer.provenance.method, Method::Deterministic);
        let format = report.category(CategoryId::Format).unwrap();
        assert!(
            format.score > 0.9 * format.weight,
            "{theme}: format {}/{}:\n{report}",
            format.score,
            format.weight
        );
    }
}

#[test]
fn ats_weights_and_variants_are_refused_before_anything_is_rendered() {
    let options = |variant: Option<&str>, weights: Option<&str>| AtsOptions {
        variant: variant.map(str::to_owned),
        weights: weights.map(str::to_owned),
        render: true,
        style: style(Theme::Classic),
    };
    let e = AtsCheck::prepare(
        example(),
        POSTING.into(),
        builtin(),
        options(None, Some("keywords=x")),
    )
    .unwrap_err();
    assert!(matches!(e, AppError::Weights(_)), "{e}");
    let e = AtsCheck::prepare(
        example(),
        POSTING.into(),
        builtin(),
        options(Some("astronaut"), None),
    )
    .unwrap_err();
    let AppError::UnknownVariant(unknown) = e else {
        panic!("{e}")
    };
    assert!(
        unknown.known.iter().any(|k| k.ends_with("backend")),
        "{unknown:?}"
    );
}

#[test]
fn the_model_reads_the_postings_keywords_and_its_inventions_are_rejected() {
    let mock = MockLlm::start(json!({
        "required": ["designing distributed systems"],
        "nice_to_have": ["a PhD from MIT"],
    }));
    let assistant = model(&mock);
    let options = AtsOptions {
        variant: None,
        weights: None,
        render: false,
        style: style(Theme::Classic),
    };
    let check = AtsCheck::prepare(example(), POSTING.into(), builtin(), options).unwrap();
    let keywords = block_on(check.consult(Ai::Ask(&assistant)));
    let answer = check.finish(keywords).unwrap();
    assert!(answer.provenance.is_llm(), "{:?}", answer.provenance);
    assert!(
        answer
            .provenance
            .rejected
            .iter()
            .any(|v| v.to_string().contains("PhD")),
        "{:?}",
        answer.provenance.rejected
    );
    let json = serde_json::to_value(&answer).unwrap();
    assert_eq!(json["method"]["kind"], "llm");
    assert!(
        json["keywords"]
            .to_string()
            .contains("designing distributed systems")
    );
    assert!(!json["keywords"].to_string().contains("PhD"));
}

#[test]
fn tailoring_honours_every_option_and_says_why_the_model_stayed_out() {
    let options = TailorOptions {
        variant: Some("backend".into()),
        max_bullets: Some(1),
        max_projects: 0,
        key: Some("initech".into()),
    };
    let tailoring = Tailoring::prepare(example(), POSTING, builtin(), &options).unwrap();
    assert_eq!(tailoring.variant_key(), "initech");
    let outcome = block_on(tailoring.consult(Ai::Off("switched off for this test")));
    let answer = tailoring.finish(outcome);
    assert_eq!(
        answer.provenance.fallback_reason.as_deref(),
        Some("switched off for this test")
    );
    assert!(!answer.is_standalone());
    assert!(answer.verification.is_ok());
    assert!(
        answer
            .resume
            .experience
            .iter()
            .all(|e| e.bullets.len() <= 1)
    );
    assert!(answer.resume.projects.is_empty());
    assert!(
        answer.source_yaml.contains("initech"),
        "{}",
        answer.source_yaml
    );
    let json = serde_json::to_value(&answer).unwrap();
    assert_eq!(json["variant_key"], "initech");
    assert_eq!(json["method"]["kind"], "deterministic");
    assert!(json["resume"]["contact"]["name"].is_string(), "{json}");
}

#[test]
fn a_posting_that_cannot_be_read_keeps_its_error_and_position() {
    let e = Tailoring::prepare(example(), "   ", builtin(), &TailorOptions::default()).unwrap_err();
    let AppError::Posting { index, .. } = &e else {
        panic!("{e}")
    };
    assert_eq!(*index, None);
    assert!(e.source().is_some(), "the job error is kept as the source");

    let postings = vec![POSTING.to_owned(), "{\"title\": ".to_owned()];
    let e = matching::rank(
        &example(),
        &postings,
        Vocabulary::builtin(),
        &MatchOptions::default(),
        PartialDate::ymd(2026, 12, 3),
    )
    .unwrap_err();
    assert!(matches!(e, AppError::Posting { index: Some(1), .. }), "{e}");
}

#[test]
fn matching_ranks_every_posting_and_keeps_the_top() {
    let postings = vec![
        "Pastry chef\n\nRequirements:\n- Croissants, laminated dough\n".to_owned(),
        POSTING.to_owned(),
        "Data scientist\n\nRequirements:\n- Python, pandas, statistics\n".to_owned(),
    ];
    let today = PartialDate::ymd(2026, 12, 3);
    let all = matching::rank(
        &example(),
        &postings,
        Vocabulary::builtin(),
        &MatchOptions::default(),
        today,
    )
    .unwrap();
    assert_eq!(all.ranked.len(), 3);
    assert_eq!(all.ranked[0].index, 1, "{:?}", all.ranked);
    let top = MatchOptions {
        top: Some(1),
        ..MatchOptions::default()
    };
    let best = matching::rank(&example(), &postings, Vocabulary::builtin(), &top, today).unwrap();
    assert_eq!(best.ranked.len(), 1);
    assert_eq!(best.ranked[0].index, 1);
}

#[test]
fn a_letter_is_composed_verified_and_rendered_from_the_variant_it_draws_on() {
    let options = LetterOptions {
        variant: Some("backend".into()),
        recipient: Some("Ms. Chen".into()),
        company: None,
        date: Some(PartialDate::ymd(2026, 12, 3)),
        why: None,
        locale: None,
    };
    let lettering = Lettering::prepare(example(), POSTING, builtin(), &options).unwrap();
    assert_eq!(lettering.company(), Some("Initech"));
    let outcome = block_on(lettering.consult(Ai::Ask(&Assistant::disabled())));
    let answer = lettering.finish(outcome);
    assert_eq!(answer.provenance.method, Method::Deterministic);
    assert_eq!(
        answer.provenance.fallback_reason.as_deref(),
        Some(vitae_llm::NO_PROVIDER)
    );
    let style = style(Theme::Classic);
    let text = answer.text(&style).unwrap();
    assert!(text.contains("Dear Ms. Chen"), "{text}");
    let Rendered::One(pdf) = answer.render(OutputFormat::Pdf, &style).unwrap() else {
        panic!("a PDF is one file")
    };
    assert!(pdf.starts_with(b"%PDF"));
    assert!(matches!(
        answer.render(OutputFormat::Json, &style),
        Err(AppError::Render { .. })
    ));
}

#[test]
fn a_letter_is_written_in_the_locale_s_language_or_refused() {
    let options = |locale: &str| LetterOptions {
        locale: Some(locale.into()),
        date: Some(PartialDate::ymd(2026, 12, 3)),
        ..LetterOptions::default()
    };
    // Japanese renders resumes, but no letter is written in it: refused, not written in English.
    let refused = Lettering::prepare(example(), POSTING, builtin(), &options("ja")).unwrap_err();
    assert!(
        matches!(refused, AppError::LetterLanguage { .. }),
        "{refused:?}"
    );
    let message = refused.to_string();
    assert!(
        message.contains("`ja`") && message.contains("de (German)"),
        "{message}"
    );

    // German: composed in German; the model is not asked, since its letter could not be checked.
    let mock = MockLlm::start(json!({"paragraphs": ["I worked at Initech for ten years."]}));
    let assistant = model(&mock);
    let lettering = Lettering::prepare(example(), POSTING, builtin(), &options("de-DE")).unwrap();
    let outcome = block_on(lettering.consult(Ai::Ask(&assistant)));
    let answer = lettering.finish(outcome);
    assert_eq!(answer.provenance.method, Method::Deterministic);
    assert!(
        answer
            .provenance
            .fallback_reason
            .as_deref()
            .is_some_and(|r| r.contains("English only")),
        "{:?}",
        answer.provenance
    );
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
    // The front ends render with the same locale (`--locale de`, the request's `locale`).
    let mut german = style(Theme::Classic);
    german.render.locale = vitae_render::locale("de").unwrap();
    let text = answer.text(&german).unwrap();
    assert!(text.contains("Mit freundlichen Grüßen"), "{text}");
    assert!(text.contains("3. Dezember 2026"), "{text}");
}

#[test]
fn excluded_keywords_leave_postings_out_and_say_which() {
    let postings = vec![
        "Backend Engineer\n\nRequirements:\n- Go and PostgreSQL\n- Active security clearance\n"
            .to_owned(),
        POSTING.to_owned(),
        "Platform Engineer\n\nRequirements:\n- Kubernetes\n- On-call rotation\n".to_owned(),
    ];
    let options = MatchOptions {
        exclude_keywords: vec!["Security Clearance".into(), "clear".into()],
        ..MatchOptions::default()
    };
    let today = PartialDate::ymd(2026, 12, 3);
    let answer = matching::rank(
        &example(),
        &postings,
        Vocabulary::builtin(),
        &options,
        today,
    )
    .unwrap();
    // Whole words, any case: "clear" does not leave out "clearance" on its own.
    assert_eq!(answer.excluded.len(), 1, "{:?}", answer.excluded);
    assert_eq!(answer.excluded[0].index, 0);
    assert_eq!(
        answer.excluded[0].keyword.as_deref(),
        Some("Security Clearance")
    );
    assert_eq!(answer.excluded[0].reason, "it says `Security Clearance`");
    // The others keep their positions in the input.
    let mut indices: Vec<usize> = answer.ranked.iter().map(|r| r.index).collect();
    indices.sort_unstable();
    assert_eq!(indices, [1, 2]);
    let json = serde_json::to_value(&answer).unwrap();
    assert_eq!(json["excluded"][0]["title"], "Backend Engineer");
}

#[test]
fn a_salary_floor_leaves_out_postings_that_pay_less_and_keeps_the_unknown() {
    let posting = |title: &str, pay: &str| {
        format!("{title}\n\nSalary: {pay}\n\nRequirements:\n- Python and PostgreSQL\n")
    };
    let postings = vec![
        posting("Backend Engineer", "$90,000 - $110,000 a year"),
        // Straddles the floor: the top of the range is what the candidate could get.
        posting("Platform Engineer", "$100k–$130k"),
        // Hourly: $55 an hour is $114,400 for a full-time year.
        posting("Contract Engineer", "$55/hour"),
        // Another currency: no exchange rates, so kept.
        posting("Data Engineer", "€70,000 per year"),
        // No pay stated: kept, the candidate cannot tell.
        "Site Reliability Engineer\n\nRequirements:\n- Kubernetes\n".to_owned(),
        posting("Staff Engineer", "$180,000"),
    ];
    let options = MatchOptions {
        min_salary: Some("$120k".parse().unwrap()),
        ..MatchOptions::default()
    };
    let answer = matching::rank(
        &example(),
        &postings,
        Vocabulary::builtin(),
        &options,
        PartialDate::ymd(2026, 12, 3),
    )
    .unwrap();
    let left_out: Vec<usize> = answer.excluded.iter().map(|x| x.index).collect();
    assert_eq!(left_out, [0, 2], "{:?}", answer.excluded);
    assert_eq!(
        answer.excluded[0].reason,
        "it pays $90,000 - $110,000 a year, under your floor of $120k"
    );
    assert_eq!(answer.excluded[1].salary.as_deref(), Some("$55/hour"));
    let mut kept: Vec<usize> = answer.ranked.iter().map(|r| r.index).collect();
    kept.sort_unstable();
    assert_eq!(kept, [1, 3, 4, 5]);
    // What is no amount is refused with a hint.
    let err = "a lot".parse::<matching::SalaryFloor>().unwrap_err();
    assert!(err.contains("120k"), "{err}");
    assert!("0".parse::<matching::SalaryFloor>().is_err());
}
