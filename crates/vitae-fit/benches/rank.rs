//! Job ranking (`vitae match`): 100 postings for one resume must parse and rank in well under
//! 50 ms. Release build:
//!
//! ```sh
//! cargo bench -p vitae-core --bench rank
//! ```
//!
//! The 100 postings are the real fixtures (`../shared/fixtures/jobs/*.txt` and the JSON Resume
//! job sample; override the folder with `VITAE_FIXTURES`), cycled, each copy made distinct by a
//! line (or, for JSON, a title) of its own that names one more skill. Measured in one run:
//!
//! - `parse_100` — `job::read` of the 100 texts;
//! - `rank_100` — `rank` of the 100 parsed jobs for the example resume (`examples/resume.yaml`,
//!   its `Profile` prepared once, outside the loop);
//! - `parse_and_rank_100` — both, as `vitae match` runs them;
//! - `profile` — `Profile::new` of the example, once per `vitae match`;
//! - the baselines: `load_resume` (`vitae_core::load` of the example) and `vocabulary_build`
//!   (compiling the built-in skills vocabulary from its YAML, which a process does once).
//!
//! After criterion's own report, `cargo bench` prints one summary line per measurement with its
//! median over a fixed number of runs and its ratio to `load_resume`.

use criterion::{Criterion, criterion_group};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use vitae_core::{Resume, variant};
use vitae_fit::job::{self, Job};
use vitae_fit::keywords::{BUILTIN_YAML, Vocabulary};
use vitae_fit::rank::{Profile, RankOptions, rank};

const JOBS: usize = 100;

fn fixtures() -> PathBuf {
    std::env::var_os("VITAE_FIXTURES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
        PathBuf::from,
    )
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn example_bytes() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(bytes: &[u8]) -> Resume {
    vitae_core::load(bytes, None, &Default::default())
        .expect("the example reads")
        .resume
}

/// 100 distinct posting texts from the real fixtures.
fn postings() -> Vec<String> {
    let dir = fixtures();
    let mut texts: Vec<String> = Vec::new();
    let mut jobs: Vec<PathBuf> = std::fs::read_dir(dir.join("jobs"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join("jobs").display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    jobs.sort();
    texts.extend(jobs.into_iter().map(read));
    let json = read(dir.join("jsonresume/sample.job.json"));
    assert!(texts.len() >= 2, "the job fixtures are missing");
    let extra = [
        "Rust",
        "Go",
        "GraphQL",
        "Terraform",
        "Figma",
        "Kafka",
        "Swift",
        "dbt",
        "Snowflake",
        "Elixir",
        "Kotlin",
    ];
    let mut out = Vec::with_capacity(JOBS);
    for i in 0..JOBS {
        let skill = extra[i % extra.len()];
        let k = i % (texts.len() + 1);
        let text = if k == texts.len() {
            json.replacen(
                "\"title\": \"Web Developer\"",
                &format!("\"title\": \"Web Developer {i} ({skill})\""),
                1,
            )
        } else {
            format!(
                "{}\n\nNice to have: {skill} (posting {i}).\n",
                texts[k].trim_end()
            )
        };
        out.push(text);
    }
    out
}

fn parse_all(texts: &[String], options: &job::Options<'_>) -> Vec<Job> {
    texts
        .iter()
        .map(|t| job::read(t, options).expect("the posting reads").job)
        .collect()
}

struct Inputs {
    bytes: Vec<u8>,
    resume: Resume,
    shown: Resume,
    texts: Vec<String>,
    jobs: Vec<Job>,
    profile: Profile,
}

fn inputs() -> Inputs {
    let vocabulary = Vocabulary::builtin();
    let bytes = example_bytes();
    let resume = load(&bytes);
    let shown = variant::apply(&resume, &variant::default_name(&resume)).expect("the variant");
    let texts = postings();
    let options = job::Options { vocabulary };
    let jobs = parse_all(&texts, &options);
    let profile = Profile::new(&resume, &shown, vocabulary);
    let ranked = rank(&profile, &jobs, vocabulary, &RankOptions::default());
    assert_eq!(ranked.len(), JOBS);
    assert!(ranked[0].score > ranked[JOBS - 1].score);
    Inputs {
        bytes,
        resume,
        shown,
        texts,
        jobs,
        profile,
    }
}

fn bench(c: &mut Criterion) {
    let vocabulary = Vocabulary::builtin();
    let options = job::Options { vocabulary };
    let rank_options = RankOptions::default();
    let i = inputs();
    let mut g = c.benchmark_group("rank");
    g.bench_function("load_resume", |b| b.iter(|| load(black_box(&i.bytes))));
    g.bench_function("vocabulary_build", |b| {
        b.iter(|| {
            let mut v = Vocabulary::empty();
            v.extend_from_yaml(black_box(BUILTIN_YAML)).expect("valid");
            v
        })
    });
    g.bench_function("profile", |b| {
        b.iter(|| Profile::new(black_box(&i.resume), &i.shown, vocabulary))
    });
    g.bench_function("parse_100", |b| {
        b.iter(|| parse_all(black_box(&i.texts), &options))
    });
    g.bench_function("rank_100", |b| {
        b.iter(|| rank(&i.profile, black_box(&i.jobs), vocabulary, &rank_options))
    });
    g.bench_function("parse_and_rank_100", |b| {
        b.iter(|| {
            let jobs = parse_all(black_box(&i.texts), &options);
            rank(&i.profile, &jobs, vocabulary, &rank_options)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);

/// The median of `runs` timings of `f`, after a warm-up run.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// One line per measurement: its median and its ratio to loading the resume, in this run.
fn summary() {
    let vocabulary = Vocabulary::builtin();
    let options = job::Options { vocabulary };
    let rank_options = RankOptions::default();
    let i = inputs();
    let runs = 30;
    let rows: Vec<(&str, Duration)> = vec![
        (
            "load_resume",
            median(runs, || {
                black_box(load(&i.bytes));
            }),
        ),
        (
            "vocabulary_build",
            median(runs, || {
                let mut v = Vocabulary::empty();
                v.extend_from_yaml(BUILTIN_YAML).expect("valid");
                black_box(v);
            }),
        ),
        (
            "profile",
            median(runs, || {
                black_box(Profile::new(&i.resume, &i.shown, vocabulary));
            }),
        ),
        (
            "parse_100",
            median(runs, || {
                black_box(parse_all(&i.texts, &options));
            }),
        ),
        (
            "rank_100",
            median(runs, || {
                black_box(rank(&i.profile, &i.jobs, vocabulary, &rank_options));
            }),
        ),
        (
            "parse_and_rank_100",
            median(runs, || {
                let jobs = parse_all(&i.texts, &options);
                black_box(rank(&i.profile, &jobs, vocabulary, &rank_options));
            }),
        ),
    ];
    let base = rows[0].1.as_secs_f64();
    println!("\nsummary (median of {runs} runs; ratio to load_resume):");
    for (name, t) in rows {
        println!(
            "  {name:<20} {:>10.3} ms  {:>7.2}x",
            t.as_secs_f64() * 1e3,
            t.as_secs_f64() / base
        );
    }
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // Only under `cargo bench`, not when `cargo test` runs the benches once as tests.
    if std::env::args().any(|a| a == "--bench") {
        summary();
    }
}
