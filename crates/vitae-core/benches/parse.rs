//! The located parsers (`node::parse_json`, `node::parse_yaml`) must take time linear in their
//! input, whatever its shape: no request body can stall the service. Release build:
//!
//! ```sh
//! cargo bench -p vitae-core --bench parse
//! cargo bench -p vitae-core --bench parse -- --quick   # a rough pass in a few seconds
//! ```
//!
//! Two shapes, every key distinct, each value a number or a short text:
//!
//! - `values/<syntax>/<n>` — a flat mapping of n values as the value limit counts them (1k, 10k,
//!   100k, and 250k, the most [`MAX_NODES`] lets through), one entry a line;
//!   `refused/<syntax>/<n>` — lists of 250,001 and 1M values, which the limit must refuse as
//!   quickly;
//! - `line/<syntax>/<chars>` — one line of 1k, 10k, 100k and 1M characters behind non-ASCII text
//!   (the hostile shape: about 60k keys in 1M characters, every column counted from the same line);
//!   `load/json_line/<chars>` reads that line (10k, 100k, 1M characters) as a resume with
//!   `vitae_core::load`: parse, format detection, reader and validation.
//!
//! After criterion's own report, `cargo bench` prints one summary line per input with its median
//! over a fixed number of runs, the time per value, and its ratio to the time per value of the
//! smallest input of the same group: a linear parser stays near 1x.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use std::hint::black_box;
use std::time::{Duration, Instant};
use vitae_core::node::{self, MAX_NODES, Node, SyntaxError};

#[derive(Clone, Copy)]
enum Syntax {
    Json,
    Yaml,
}

impl Syntax {
    fn name(self) -> &'static str {
        match self {
            Syntax::Json => "json",
            Syntax::Yaml => "yaml",
        }
    }

    fn parse(self, text: &str) -> Result<Node, SyntaxError> {
        match self {
            Syntax::Json => node::parse_json(text),
            Syntax::Yaml => node::parse_yaml(text),
        }
    }

    /// Values a flat mapping of `entries` entries counts against [`MAX_NODES`]: the mapping and
    /// its values, and in YAML its keys too (a YAML key may be any node, so it is charged as one).
    fn values(self, entries: usize) -> usize {
        match self {
            Syntax::Json => 1 + entries,
            Syntax::Yaml => 1 + 2 * entries,
        }
    }

    /// The most entries a flat mapping of at most `values` values holds.
    fn entries(self, values: usize) -> usize {
        match self {
            Syntax::Json => values - 1,
            Syntax::Yaml => (values - 1) / 2,
        }
    }
}

/// A flat mapping of `entries` entries, one a line.
fn lines(syntax: Syntax, entries: usize) -> String {
    let mut s = String::with_capacity(entries * 16);
    if let Syntax::Json = syntax {
        s.push_str("{\n");
    }
    for i in 0..entries {
        let sep = if i + 1 < entries { "," } else { "" };
        match (syntax, i % 2) {
            (Syntax::Json, 0) => s.push_str(&format!("  \"key-{i}\": {i}{sep}\n")),
            (Syntax::Json, _) => s.push_str(&format!("  \"key-{i}\": \"té{i}\"{sep}\n")),
            (Syntax::Yaml, 0) => s.push_str(&format!("key-{i}: {i}\n")),
            (Syntax::Yaml, _) => s.push_str(&format!("key-{i}: té{i}\n")),
        }
    }
    if let Syntax::Json = syntax {
        s.push('}');
    }
    s
}

/// One line of about `chars` characters: a JSON object or a YAML flow mapping whose first entry is
/// non-ASCII text, then short distinct keys until the line is long enough. Returns the text and its
/// number of entries.
fn one_line(syntax: Syntax, chars: usize) -> (String, usize) {
    let mut s = String::from(match syntax {
        Syntax::Json => "{\"名前\":\"é😀\"",
        Syntax::Yaml => "{名前: é😀",
    });
    let mut n = 1;
    let mut count = s.chars().count();
    while count + 1 < chars {
        let entry = match syntax {
            Syntax::Json => format!(",\"k{n}\":{n}"),
            Syntax::Yaml => format!(",k{n}: {n}"),
        };
        count += entry.len();
        s.push_str(&entry);
        n += 1;
    }
    s.push('}');
    (s, n)
}

/// A list of `values - 1` zeros, `values` values with the list itself: `[0,0,...]`, two bytes a
/// value, read alike as JSON and as a YAML flow sequence.
fn zeros(values: usize) -> String {
    let mut s = String::with_capacity(values * 2);
    s.push('[');
    s.push_str(&vec!["0"; values - 1].join(","));
    s.push(']');
    s
}

struct Input {
    group: &'static str,
    syntax: Syntax,
    label: String,
    text: String,
    values: usize,
    accepted: bool,
}

fn inputs() -> Vec<Input> {
    let mut out = Vec::new();
    for syntax in [Syntax::Json, Syntax::Yaml] {
        for (label, values) in [
            ("1k", 1_000),
            ("10k", 10_000),
            ("100k", 100_000),
            ("limit", MAX_NODES),
        ] {
            let entries = syntax.entries(values);
            out.push(Input {
                group: "values",
                syntax,
                label: label.to_owned(),
                text: lines(syntax, entries),
                values: syntax.values(entries),
                accepted: true,
            });
        }
        for (label, values) in [("limit+1", MAX_NODES + 1), ("1M", 1_000_000)] {
            out.push(Input {
                group: "refused",
                syntax,
                label: label.to_owned(),
                text: zeros(values),
                values,
                accepted: false,
            });
        }
        for (label, chars) in [
            ("1k", 1_000),
            ("10k", 10_000),
            ("100k", 100_000),
            ("1M", 1_000_000),
        ] {
            let (text, entries) = one_line(syntax, chars);
            out.push(Input {
                group: "line",
                syntax,
                label: label.to_owned(),
                text,
                values: syntax.values(entries),
                accepted: true,
            });
        }
    }
    for input in &out {
        let result = input.syntax.parse(&input.text);
        assert_eq!(
            result.is_ok(),
            input.accepted,
            "{}/{}/{}: {:?}",
            input.group,
            input.syntax.name(),
            input.label,
            result.err()
        );
    }
    out
}

/// The hostile JSON line at 10k, 100k and 1M characters, for `vitae_core::load`.
fn load_inputs() -> Vec<(&'static str, String)> {
    [("10k", 10_000), ("100k", 100_000), ("1M", 1_000_000)]
        .into_iter()
        .map(|(label, chars)| (label, one_line(Syntax::Json, chars).0))
        .collect()
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    for group in ["values", "refused", "line"] {
        let mut g = c.benchmark_group(group);
        g.sample_size(10);
        for input in inputs.iter().filter(|i| i.group == group) {
            g.throughput(Throughput::Bytes(input.text.len() as u64));
            g.bench_with_input(
                BenchmarkId::new(input.syntax.name(), &input.label),
                &input.text,
                |b, text| b.iter(|| input.syntax.parse(black_box(text))),
            );
        }
        g.finish();
    }
    // The whole read of the hostile line as a resume: parse, format detection, reader, validation.
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    for (label, line) in load_inputs() {
        g.throughput(Throughput::Bytes(line.len() as u64));
        g.bench_with_input(BenchmarkId::new("json_line", label), &line, |b, line| {
            b.iter(|| vitae_core::load(black_box(line.as_bytes()), None, &Default::default()))
        });
    }
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

/// One line per input: its median, the time per value, and that time's ratio to the smallest
/// input of its group and syntax, in this run.
fn summary() {
    let inputs = inputs();
    let runs = 9;
    println!(
        "\nsummary (median of {runs} runs; per-value time as a ratio to the group's smallest input):"
    );
    let mut base: Option<(&str, &str, f64)> = None;
    for input in &inputs {
        let t = median(runs, || {
            let _ = black_box(input.syntax.parse(&input.text));
        });
        // A refused input stops at the limit: its work is the values read before it.
        let values = input.values.min(MAX_NODES + 1);
        let per_value = t.as_secs_f64() / values as f64;
        let name = input.syntax.name();
        let base_per_value = match base {
            Some((g, s, b)) if g == input.group && s == name => b,
            _ => {
                base = Some((input.group, name, per_value));
                per_value
            }
        };
        println!(
            "  {:<8} {:<5} {:<8} {:>9} bytes {:>8} values {:>10.3} ms {:>7.1} ns/value {:>6.2}x",
            input.group,
            name,
            input.label,
            input.text.len(),
            values,
            t.as_secs_f64() * 1e3,
            per_value * 1e9,
            per_value / base_per_value
        );
    }
    let mut base = None;
    for (label, line) in load_inputs() {
        let t = median(runs, || {
            let _ = black_box(vitae_core::load(line.as_bytes(), None, &Default::default()));
        });
        let per_byte = t.as_secs_f64() / line.len() as f64;
        let base_per_byte = *base.get_or_insert(per_byte);
        println!(
            "  load     json  {label:<8} {:>9} bytes {:>26.3} ms {:>7.1} ns/byte  {:>6.2}x",
            line.len(),
            t.as_secs_f64() * 1e3,
            per_byte * 1e9,
            per_byte / base_per_byte
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
