//! Dates as resumes write them: "Mar 2022 – Present", "March 2019 to May 2021", "03/2020 -
//! 05/2022", "2020-03", "2016 – 2019", "janv. 2020 – aujourd'hui", in every language vitae has
//! month names for.

use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;
use vitae_core::{DateValue, PartialDate};

/// Month names and abbreviations (lowercase, without a final dot) to month numbers: English and
/// every locale's.
static MONTHS: LazyLock<HashMap<String, u8>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for locale in vitae_render::locales() {
        for month in 1..=12u8 {
            for name in [locale.month_name(month), locale.month_abbreviation(month)]
                .into_iter()
                .flatten()
            {
                m.entry(key(name)).or_insert(month);
            }
        }
    }
    for (name, month) in [("sept", 9), ("sep", 9), ("june", 6), ("july", 7)] {
        m.entry(name.to_owned()).or_insert(month);
    }
    m
});

/// The words for "until now" in every locale, and English's other ones.
static PRESENT: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = vitae_render::locales()
        .iter()
        .map(|l| l.present().to_lowercase())
        .collect();
    words.extend(
        ["present", "current", "now", "today", "ongoing", "date"]
            .iter()
            .map(|w| (*w).to_owned()),
    );
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words
});

fn key(name: &str) -> String {
    name.trim().trim_end_matches('.').to_lowercase()
}

/// One date in text: a month and year, a numeric month and year, a year, or "present".
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    let present = PRESENT
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?i)(?P<mon>\p{{L}}[\p{{L}}\p{{M}}]*\.?)\s+(?P<my>(?:19|20)\d\d)\b|\b(?P<nm>\d{{1,2}})[/.](?P<ny>(?:19|20)\d\d)\b|\b(?P<iy>(?:19|20)\d\d)[-/.](?P<im>\d{{1,2}})(?:[-/.]\d{{1,2}})?\b|\b(?P<y>(?:19|20)\d\d)\b|(?P<now>{present})"
    ))
    .expect("valid regex")
});

/// What may stand between the two ends of a range.
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[-–—―~→]|to|until|till|bis|à|a|al|au|tot|–)\s*$").expect("valid regex")
});

/// A date, or a range of dates, found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Dates {
    pub start: DateValue,
    /// `None`: a single date.
    pub end: Option<DateValue>,
    /// Where in the text (bytes).
    pub span: Range<usize>,
}

fn token(c: &regex::Captures) -> Option<DateValue> {
    let year = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u16>().ok());
    if let Some(mon) = c.name("mon") {
        let y = year(c.name("my"))?;
        return Some(DateValue::Date(match MONTHS.get(&key(mon.as_str())) {
            Some(&m) => PartialDate {
                year: y,
                month: Some(m),
                day: None,
            },
            // "Since 2019": the year alone.
            None => PartialDate::year(y),
        }));
    }
    // A numeric month, "03/2020" or "2020-03", when it is one.
    let numeric = |y: u16, m: regex::Match| {
        let m: u8 = m.as_str().parse().ok()?;
        (1..=12)
            .contains(&m)
            .then_some(DateValue::Date(PartialDate {
                year: y,
                month: Some(m),
                day: None,
            }))
    };
    if let (Some(m), Some(y)) = (c.name("nm"), year(c.name("ny"))) {
        return numeric(y, m);
    }
    if let (Some(y), Some(m)) = (year(c.name("iy")), c.name("im")) {
        return numeric(y, m);
    }
    if let Some(y) = year(c.name("y")) {
        return Some(DateValue::Date(PartialDate::year(y)));
    }
    c.name("now").map(|_| DateValue::Present)
}

/// The first date range in `text`, else its first date ("present" alone is no date).
pub fn find(text: &str) -> Option<Dates> {
    let tokens: Vec<(Range<usize>, DateValue)> = TOKEN
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            // A word before a year that is no month belongs to the text, not the date.
            let range = match (c.name("mon"), c.name("my")) {
                (Some(mon), Some(y)) if !MONTHS.contains_key(&key(mon.as_str())) => y.range(),
                _ => m.range(),
            };
            // "present" must stand as a word of its own.
            if c.name("now").is_some() {
                let before = text[..range.start].chars().next_back();
                let after = text[range.end..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    return None;
                }
            }
            Some((range, token(&c)?))
        })
        .collect();
    for pair in tokens.windows(2) {
        let ((a, start), (b, end)) = (&pair[0], &pair[1]);
        if *start != DateValue::Present && BETWEEN.is_match(&text[a.end..b.start]) {
            return Some(Dates {
                start: start.clone(),
                end: Some(end.clone()),
                span: a.start..b.end,
            });
        }
    }
    tokens
        .into_iter()
        .find(|(_, d)| *d != DateValue::Present)
        .map(|(span, start)| Dates {
            start,
            end: None,
            span,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: u16, m: u8) -> DateValue {
        DateValue::Date(PartialDate {
            year: y,
            month: Some(m),
            day: None,
        })
    }

    #[test]
    fn ranges_in_the_shapes_resumes_write() {
        let cases = [
            ("Mar 2022 – Present", ym(2022, 3), Some(DateValue::Present)),
            ("March 2019 to May 2021", ym(2019, 3), Some(ym(2021, 5))),
            ("03/2020 - 05/2022", ym(2020, 3), Some(ym(2020 + 2, 5))),
            ("2020-03 — 2021-11", ym(2020, 3), Some(ym(2021, 11))),
            ("Sept. 2014 – Jun 2018", ym(2014, 9), Some(ym(2018, 6))),
            (
                "2016 – 2019",
                DateValue::Date(PartialDate::year(2016)),
                Some(DateValue::Date(PartialDate::year(2019))),
            ),
            (
                "Staff Engineer  Jan 2019 – Feb 2022",
                ym(2019, 1),
                Some(ym(2022, 2)),
            ),
        ];
        for (text, start, end) in cases {
            let d = find(text).unwrap_or_else(|| panic!("no date in {text}"));
            assert_eq!((d.start, d.end), (start, end), "{text}");
        }
        assert_eq!(
            find("Since 2019").unwrap().start,
            DateValue::Date(PartialDate::year(2019))
        );
        assert_eq!(find("Oct 2014").unwrap().end, None);
        assert_eq!(find("Presentation skills"), None);
        assert_eq!(find("Cut p99 latency by 40%"), None);
    }

    #[test]
    fn other_languages_months_and_present() {
        let d = find("janv. 2020 – aujourd’hui").or_else(|| find("janv. 2020 – présent"));
        assert_eq!(d.unwrap().start, ym(2020, 1));
        let d = find("März 2021 – heute").unwrap();
        assert_eq!(d.start, ym(2021, 3));
    }
}
