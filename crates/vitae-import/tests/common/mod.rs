//! What the import tests share: scoring an import against its source, checking that the source
//! written from an import validates, and dates as the model holds them.
#![allow(dead_code)] // each test binary uses a different part

use vitae_core::model::Resume;
use vitae_core::{DateValue, PartialDate};
use vitae_import::eval::{facts, missing, score};

/// The F1 of `got` against `want`, and a report line led by `label` with what is missing and
/// what is extra.
pub fn scored(label: &str, want: &Resume, got: &Resume) -> (f64, String) {
    let (want, got) = (facts(want), facts(got));
    let s = score(&want, &got);
    let line = format!(
        "{label} P {:.3} R {:.3} F1 {:.3} missing {:?} extra {:?}",
        s.precision,
        s.recall,
        s.f1,
        missing(&want, &got).into_iter().take(4).collect::<Vec<_>>(),
        missing(&got, &want).into_iter().take(4).collect::<Vec<_>>()
    );
    (s.f1, line)
}

/// The native source written from `resume` reads back without errors (warnings allowed).
pub fn assert_valid(resume: &Resume, context: &str) {
    let written = vitae_core::format::to_native_yaml(resume);
    let loaded = vitae_core::load(written.as_bytes(), None, &Default::default()).unwrap();
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == vitae_core::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{context}: {errors:?}\n{written}");
}

/// A month of a year, as the model holds a date read from a document.
pub fn ym(year: u16, month: u8) -> Option<DateValue> {
    Some(DateValue::Date(PartialDate {
        year,
        month: Some(month),
        day: None,
    }))
}
