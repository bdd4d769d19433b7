//! Dates and date ranges as a reader sees them: "Jan 2020", "2020", "Mar 15, 2021", "Present", in
//! the words and order of the locale ("15. Mär 2021", "2021年3月").
//! The only place that turns a [`DateValue`] into words; the dash between the two ends of a range is
//! the writers' business (an en dash in Markdown, HTML and LaTeX, an ASCII hyphen in plain text).

use crate::escape::fold;
use crate::words::Words;
use vitae_core::date::{DateValue, PartialDate};
use vitae_core::design::DateStyle;

/// A formatted date or range. `last` is `None` for a single date.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dates {
    pub first: String,
    pub last: Option<String>,
}

/// One date in words, in `style`. Text that is not a date is shown as written.
pub(crate) fn date(value: &DateValue, words: &Words, style: DateStyle) -> String {
    match value {
        DateValue::Date(d) => partial(*d, words, style),
        DateValue::Present => words.present().to_owned(),
        DateValue::Text(t) => fold(t),
    }
}

/// A resume's date, to the month at most: "2016-01-01" reads "Jan 2016", as resumes date things
/// (a JSON Resume's full dates are usually a month written as its first day).
fn partial(d: PartialDate, words: &Words, style: DateStyle) -> String {
    let month = d.month.and_then(|m| match style {
        DateStyle::Short => words.month_abbreviation(m),
        DateStyle::Long => words.month_name(m),
        DateStyle::Numeric | DateStyle::Year => (1..=12).contains(&m).then_some(""),
    });
    match (d.month, month) {
        (Some(_), None) => d.to_string(), // out-of-range month: show it as written
        (Some(m), Some(_)) if style == DateStyle::Numeric => format!("{m:02}/{}", d.year),
        (_, _) if style == DateStyle::Year => d.year.to_string(),
        _ => in_words(PartialDate { day: None, ..d }, words, month),
    }
}

/// A letter's date: the month written in full ("December 4, 2026", "4. Dezember 2026"), as
/// letters are dated; resumes abbreviate to save room.
pub(crate) fn letter_date(d: PartialDate, words: &Words) -> String {
    in_words(d, words, d.month.and_then(|m| words.month_name(m)))
}

fn in_words(d: PartialDate, words: &Words, month: Option<&str>) -> String {
    match (month, d.day) {
        (None, _) if d.month.is_some() => d.to_string(), // out-of-range month: show it as written
        (None, _) => d.year.to_string(),
        (Some(m), None) => words.month_year(m, d.year),
        (Some(m), Some(day)) => words.full_date(m, day, d.year),
    }
}

/// A range from optional ends. Equal ends collapse into one date; a range with no ends is `None`.
pub(crate) fn range(
    start: Option<&DateValue>,
    end: Option<&DateValue>,
    words: &Words,
    style: DateStyle,
) -> Option<Dates> {
    let start = start
        .map(|d| date(d, words, style))
        .filter(|s| !s.is_empty());
    let end = end.map(|d| date(d, words, style)).filter(|s| !s.is_empty());
    match (start, end) {
        (Some(first), Some(last)) if first == last => Some(Dates { first, last: None }),
        (Some(first), last) => Some(Dates { first, last }),
        (None, Some(first)) => Some(Dates { first, last: None }),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{ENGLISH, locale};

    fn check(start: Option<&str>, end: Option<&str>, expected: Option<(&str, Option<&str>)>) {
        let start = start.map(DateValue::parse);
        let end = end.map(DateValue::parse);
        let got = range(start.as_ref(), end.as_ref(), &ENGLISH, DateStyle::Short);
        let expected = expected.map(|(f, l)| Dates {
            first: f.to_owned(),
            last: l.map(str::to_owned),
        });
        assert_eq!(got, expected, "{start:?} .. {end:?}");
    }

    #[test]
    fn dates_are_shown_at_the_precision_they_were_written_down_to_the_month() {
        check(Some("2020"), None, Some(("2020", None)));
        check(Some("2020-01"), None, Some(("Jan 2020", None)));
        check(Some("2021-03-15"), None, Some(("Mar 2021", None)));
        // Two days of one month are one date.
        check(
            Some("2021-03-01"),
            Some("2021-03-28"),
            Some(("Mar 2021", None)),
        );
        check(
            Some("2019-12"),
            Some("2021-06"),
            Some(("Dec 2019", Some("Jun 2021"))),
        );
        check(
            Some("2020-01"),
            Some("present"),
            Some(("Jan 2020", Some("Present"))),
        );
        check(
            Some("Summer 2019"),
            Some("Fall 2019"),
            Some(("Summer 2019", Some("Fall 2019"))),
        );
        check(Some("2020"), Some("2020"), Some(("2020", None)));
        check(None, Some("2018-05"), Some(("May 2018", None)));
        check(None, None, None);
        check(Some("  "), None, None);
    }

    #[test]
    fn each_locale_writes_dates_in_its_own_words_and_order() {
        let cases = [
            ("en", "2021-03", "Mar 2021"),
            // A resume dates to the month, whatever day the source gives.
            ("en", "2021-03-15", "Mar 2021"),
            ("de", "2021-03", "Mär 2021"),
            ("de", "2021-03-15", "Mär 2021"),
            ("de", "present", "heute"),
            ("fr", "2021-02-01", "févr. 2021"),
            ("fr", "2021-08", "août 2021"),
            ("nb", "2021-12-24", "des. 2021"),
            ("hu", "2021-03", "2021. márc"),
            ("hu", "2021-03-15", "2021. márc"),
            ("ja", "2021-03", "2021年3月"),
            ("ja", "2021-03-15", "2021年3月"),
            ("zh", "2021-11", "2021年11月"),
            ("zh", "present", "至今"),
            ("ko", "2021-03", "2021년 3월"),
            ("ko", "2021-03-15", "2021년 3월"),
            ("ru", "2021-05", "май 2021"),
            ("ru", "2021-05-09", "май 2021"),
            // Arabic and Persian months in full: the stubs "سبت" and "مار" read "Saturday" and "snake".
            ("ar", "2021-03", "مارس 2021"),
            ("ar", "2021-09", "سبتمبر 2021"),
            ("fa", "2021-03", "مارس 2021"),
            ("he", "2021-01", "ינואר 2021"),
            ("vi", "2021-03", "Thg 3 2021"),
            ("de", "2021", "2021"),
            ("ja", "Summer 2019", "Summer 2019"),
        ];
        for (code, value, expected) in cases {
            let words = locale(code).unwrap();
            assert_eq!(
                date(&DateValue::parse(value), words, DateStyle::Short),
                expected,
                "{code} {value}"
            );
        }
    }

    #[test]
    fn an_out_of_range_month_is_shown_as_written_instead_of_panicking() {
        let d = DateValue::Date(PartialDate {
            year: 2020,
            month: Some(13),
            day: None,
        });
        for style in DateStyle::ALL {
            assert_eq!(date(&d, &ENGLISH, style), "2020-13", "{style}");
        }
        let d = DateValue::Date(PartialDate {
            year: 2020,
            month: Some(0),
            day: Some(1),
        });
        assert_eq!(date(&d, &ENGLISH, DateStyle::Short), "2020-00-01");
    }

    #[test]
    fn the_date_style_sets_the_month_in_words_in_full_in_figures_or_not_at_all() {
        let cases = [
            ("en", DateStyle::Short, "2021-03-15", "Mar 2021"),
            ("en", DateStyle::Long, "2021-03-15", "March 2021"),
            ("en", DateStyle::Numeric, "2021-03-15", "03/2021"),
            ("en", DateStyle::Year, "2021-03-15", "2021"),
            ("de", DateStyle::Long, "2021-03", "März 2021"),
            ("ja", DateStyle::Long, "2021-03", "2021年3月"),
            ("en", DateStyle::Numeric, "2021", "2021"),
            ("en", DateStyle::Long, "present", "Present"),
            ("en", DateStyle::Year, "Summer 2019", "Summer 2019"),
        ];
        for (code, style, value, expected) in cases {
            let words = locale(code).unwrap();
            assert_eq!(
                date(&DateValue::parse(value), words, style),
                expected,
                "{code} {style} {value}"
            );
        }
        // A range whose ends read the same in the style is one date.
        let (a, b) = (DateValue::parse("2021-03"), DateValue::parse("2021-11"));
        let got = range(Some(&a), Some(&b), &ENGLISH, DateStyle::Year);
        assert_eq!(
            got,
            Some(Dates {
                first: "2021".into(),
                last: None
            })
        );
    }
}
