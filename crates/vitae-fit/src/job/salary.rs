//! Salary ranges as postings write them: `$150,000 - $180,000 a year`, `€60k–75k`,
//! `USD 70/hour`, `£45,000 per annum`, `$150K/yr - $180K/yr`, `45.000 € pro Jahr`,
//! `up to $200k`. A hand-written scanner: amounts (currency before or after, thousands
//! separators of either convention, `k`/`M` suffixes), ranges between two amounts, and the period
//! after either.
//!
//! Outside a salary field ("loose" text) an amount counts only with a currency and with a range,
//! a period or a salary word on its line, and never on a line about budgets, funding or bonuses,
//! so `raised $50M` and `a $1,000 learning budget` are not salaries.

use super::{Period, Salary};

/// Where the text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The value of a salary field: the first amount is the salary, currency or not.
    Labelled,
    /// Any line of a posting.
    Loose,
}

/// Reads the first salary in `text` (see the module documentation for what counts).
pub(crate) fn find(text: &str, mode: Mode) -> Option<Salary> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if !text.is_char_boundary(i) || !may_start(bytes[i]) || !left_boundary(text, i) {
            i += 1;
            continue;
        }
        let Some(first) = amount_at(text, i) else {
            i += 1;
            continue;
        };
        let candidate = range_from(text, first);
        if accept(text, &candidate, mode) {
            return Some(candidate.salary(text));
        }
        i = candidate.end.max(i + 1);
    }
    None
}

#[derive(Debug, Clone, Copy)]
struct Amount {
    value: f64,
    currency: Option<&'static str>,
    /// The currency is only a bare `$` (read as USD, but a code elsewhere wins: `$140,000 CAD`).
    dollar: bool,
    /// Written with a `k` or `M` multiplier.
    multiplied: bool,
    period: Option<Period>,
    start: usize,
    /// Past the number, its suffix, its currency and its period, if any.
    period_end: usize,
    /// A `+` right after it (`$150k+`).
    plus: bool,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<&'static str>,
    period: Option<Period>,
    start: usize,
    end: usize,
    range: bool,
}

impl Candidate {
    fn salary(&self, text: &str) -> Salary {
        Salary {
            min: self.min,
            max: self.max,
            currency: self.currency.map(str::to_owned),
            period: self.period,
            text: text[self.start..self.end]
                .trim()
                .trim_end_matches([',', ';', '.', '-', '–', '—'])
                .trim()
                .to_owned(),
        }
    }
}

/// A first amount, extended to a range when a second follows (`$X - $Y`, `X to Y`), with the
/// currency, multiplier and period shared between the two ends.
fn range_from(text: &str, a: Amount) -> Candidate {
    let mut start = a.start;
    let lead = text[..a.start].trim_end().to_ascii_lowercase();
    let between = lead.ends_with("between");
    let after_first = a.period_end;
    if let Some(mut b) = second_amount(text, after_first, between) {
        let mut a = a;
        if a.multiplied && !b.multiplied && b.value < 1000.0 {
            b.value *= 1000.0;
        }
        if b.multiplied && !a.multiplied && a.value < 1000.0 {
            a.value *= 1000.0;
        }
        let (min, max) = if a.value <= b.value {
            (a.value, b.value)
        } else {
            (b.value, a.value)
        };
        if between {
            // `lead` is the ASCII-lower-cased text before the amount, so lengths agree.
            start = text[..a.start].trim_end().len() - "between".len();
        }
        return Candidate {
            min: Some(min),
            max: Some(max),
            currency: match (a.dollar, b.dollar) {
                (true, false) => b.currency.or(a.currency),
                _ => a.currency.or(b.currency),
            },
            period: a.period.or(b.period),
            start,
            end: b.period_end,
            range: true,
        };
    }
    // A single amount: "up to" makes it a maximum, "from", "starting at" or a `+` a minimum.
    let (mut min, mut max) = (Some(a.value), Some(a.value));
    for (word, upper) in [
        ("up to", true),
        ("max", true),
        ("maximum", true),
        ("from", false),
        ("starting at", false),
        ("starting from", false),
        ("min", false),
        ("minimum", false),
        ("at least", false),
    ] {
        if lead.ends_with(word)
            && lead[..lead.len() - word.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        {
            if upper {
                min = None;
            } else {
                max = None;
            }
            start = text[..a.start].trim_end().len() - word.len();
            break;
        }
    }
    if a.plus {
        max = None;
    }
    Candidate {
        min,
        max,
        currency: a.currency,
        period: a.period,
        start,
        end: a.period_end,
        range: false,
    }
}

fn second_amount(text: &str, from: usize, between: bool) -> Option<Amount> {
    let rest = &text[from..];
    let trimmed = rest.trim_start();
    let mut at = from + (rest.len() - trimmed.len());
    let mut sep = false;
    for s in ["-", "–", "—", "~", "to ", "and "] {
        if (s != "and " || between)
            && trimmed.len() >= s.len()
            && trimmed.is_char_boundary(s.len())
            && trimmed[..s.len()].eq_ignore_ascii_case(s)
        {
            at += s.len();
            sep = true;
            break;
        }
    }
    if !sep {
        return None;
    }
    let rest = &text[at..];
    at += rest.len() - rest.trim_start().len();
    if at >= text.len() || !may_start(text.as_bytes()[at]) {
        return None;
    }
    amount_at(text, at)
}

fn accept(text: &str, c: &Candidate, mode: Mode) -> bool {
    let plausible = |v: Option<f64>| v.is_none_or(|v| v > 0.0 && v < 100_000_000.0);
    if !plausible(c.min) || !plausible(c.max) {
        return false;
    }
    if mode == Mode::Labelled {
        return true;
    }
    if c.currency.is_none() {
        return false;
    }
    let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[c.end..].find('\n').map_or(text.len(), |i| c.end + i);
    let line = text[line_start..line_end].to_lowercase();
    let has_word = |words: &[&str]| {
        words.iter().any(|w| {
            line.match_indices(w).any(|(i, _)| {
                let before = line[..i].chars().next_back();
                let after = line[i + w.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
        })
    };
    let salary_word = has_word(&[
        "salary",
        "salaries",
        "compensation",
        "pay",
        "base",
        "wage",
        "wages",
        "rate",
        "ote",
        "earn",
        "earnings",
        "remuneration",
        "gehalt",
    ]);
    let other_money = has_word(&[
        "budget",
        "stipend",
        "bonus",
        "funding",
        "raised",
        "revenue",
        "valuation",
        "equity",
        "allowance",
        "reimbursement",
        "series",
        "arr",
        "investment",
        "invested",
        "grant",
        "401k",
        "401",
    ]);
    if other_money && !salary_word {
        return false;
    }
    let annual_sized = c.min.or(c.max).is_some_and(|v| v >= 1000.0);
    salary_word || c.period.is_some() || (c.range && annual_sized)
}

/// Bytes an amount can start with: a digit, a currency symbol's first byte, or the capital
/// letter of a currency code.
fn may_start(b: u8) -> bool {
    b.is_ascii_digit() || b == b'$' || b >= 0x80 || b.is_ascii_uppercase()
}

/// Nothing word-like right before position `i` (`v2.5`, `COVID19` are not amounts).
fn left_boundary(text: &str, i: usize) -> bool {
    match text[..i].chars().next_back() {
        None => true,
        Some(c) => !(c.is_alphanumeric() || c == '.' || c == ',' || c == '_'),
    }
}

const SYMBOLS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("CA$", "CAD"),
    ("CAD$", "CAD"),
    ("C$", "CAD"),
    ("AU$", "AUD"),
    ("A$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("SG$", "SGD"),
    ("S$", "SGD"),
    ("R$", "BRL"),
    ("MX$", "MXN"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₪", "ILS"),
    ("₱", "PHP"),
    ("₦", "NGN"),
    ("zł", "PLN"),
];

const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "CNY", "INR", "SEK", "NOK", "DKK",
    "PLN", "CZK", "HUF", "SGD", "HKD", "BRL", "MXN", "ZAR", "ILS", "AED", "KRW", "TRY", "RUB",
    "RON", "BGN", "UAH", "PHP", "NGN", "KES", "ARS", "CLP", "COP", "TWD", "THB", "MYR", "IDR",
    "VND", "SAR", "EGP", "ISK",
];

const WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
];

/// A currency written at `i`: a symbol, or a code / word that ends at a word boundary.
fn currency_at(text: &str, i: usize, words: bool) -> Option<(&'static str, usize)> {
    let rest = &text[i..];
    for (symbol, code) in SYMBOLS {
        if rest.starts_with(symbol) {
            return Some((code, i + symbol.len()));
        }
    }
    let boundary = |end: usize| {
        text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphabetic())
    };
    for code in CODES {
        if rest.starts_with(code) && boundary(i + 3) {
            return Some((code, i + 3));
        }
    }
    if words {
        for (word, code) in WORDS {
            if rest.len() >= word.len()
                && rest.is_char_boundary(word.len())
                && rest[..word.len()].eq_ignore_ascii_case(word)
                && boundary(i + word.len())
            {
                return Some((code, i + word.len()));
            }
        }
    }
    None
}

fn skip_spaces(text: &str, mut i: usize, most: usize) -> usize {
    let mut n = 0;
    while n < most {
        match text[i..].chars().next() {
            Some(c @ (' ' | '\u{A0}' | '\u{202F}' | '\t')) => {
                i += c.len_utf8();
                n += 1;
            }
            _ => break,
        }
    }
    i
}

fn amount_at(text: &str, start: usize) -> Option<Amount> {
    let mut i = start;
    let mut currency = None;
    let mut dollar = false;
    if let Some((code, end)) = currency_at(text, i, false) {
        currency = Some(code);
        dollar = &text[i..end] == "$";
        i = skip_spaces(text, end, 1);
    }
    let (mut value, end) = number(text, i)?;
    i = end;
    let mut multiplied = false;
    if let Some(c) = text[i..].chars().next() {
        let after = text[i + c.len_utf8()..].chars().next();
        let boundary = after.is_none_or(|a| !a.is_alphanumeric());
        if boundary && matches!(c, 'k' | 'K') {
            value *= 1000.0;
            multiplied = true;
            i += 1;
        } else if boundary && c == 'M' {
            value *= 1_000_000.0;
            multiplied = true;
            i += 1;
        }
    }
    let plus = text[i..].starts_with('+');
    if plus {
        i += 1;
    }
    if currency.is_none() || dollar {
        let j = skip_spaces(text, i, 1);
        if let Some((code, end)) = currency_at(text, j, true)
            && (currency.is_none() || text[j..end].chars().all(|c| c.is_ascii_uppercase()))
        {
            currency = Some(code);
            dollar = false;
            i = end;
        }
    }
    let (period, period_end) = match period_at(text, i) {
        Some((p, end)) => (Some(p), end),
        None => (None, i),
    };
    Some(Amount {
        value,
        currency,
        dollar,
        multiplied,
        period,
        start,
        period_end,
        plus,
    })
}

/// A number with optional thousands separators (`150,000`, `45.000`, `100'000`, `60 000`) and
/// decimals (`70.50`, `1.5`, `1.234,56`).
fn number(text: &str, start: usize) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    if start >= bytes.len() || !bytes[start].is_ascii_digit() {
        return None;
    }
    let mut digits = String::new();
    let mut seps: Vec<(char, usize)> = Vec::new(); // separator and digit count after it
    let mut i = start;
    let mut after_sep = 0usize;
    while let Some(c) = text[i..].chars().next() {
        if c.is_ascii_digit() {
            digits.push(c);
            after_sep += 1;
            i += 1;
            continue;
        }
        let is_sep = matches!(c, ',' | '.' | '\'' | '’' | ' ' | '\u{A0}' | '\u{202F}');
        let next_digits = text[i + c.len_utf8()..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        // A space separates thousands only before exactly three digits.
        let space = matches!(c, ' ' | '\u{A0}' | '\u{202F}');
        if !is_sep || next_digits == 0 || (space && next_digits != 3) || seps.len() > 6 {
            break;
        }
        if let Some(last) = seps.last_mut() {
            last.1 = after_sep;
        }
        seps.push((c, 0));
        digits.push('|');
        after_sep = 0;
        i += c.len_utf8();
    }
    if let Some(last) = seps.last_mut() {
        last.1 = after_sep;
    }
    if digits.len() > 40 {
        return None;
    }
    // The last separator is a decimal point when one or two digits follow it, or when it is the
    // only separator and not followed by exactly three digits (`1.5`, `70.50`).
    let groups: Vec<&str> = digits.split('|').collect();
    let decimal = match seps.last() {
        Some(&(c, n)) if matches!(c, '.' | ',') && n != 3 => Some(groups.len() - 1),
        _ => None,
    };
    let integer_groups = decimal.map_or(groups.len(), |d| d);
    // Thousands groups after the first must have three digits.
    if groups[1..integer_groups].iter().any(|g| g.len() != 3) {
        return None;
    }
    let mut plain: String = groups[..integer_groups].concat();
    if let Some(d) = decimal {
        plain.push('.');
        plain.push_str(groups[d]);
    }
    let value: f64 = plain.parse().ok()?;
    Some((value, i))
}

/// The period written at `i` (after optional spaces): `/yr`, `per annum`, `an hour`, `p.a.`.
fn period_at(text: &str, i: usize) -> Option<(Period, usize)> {
    let j = skip_spaces(text, i, 2);
    let rest = &text[j..];
    // ASCII lower-casing keeps byte lengths, so offsets in `lower` are offsets in `rest`.
    let lower: String = rest
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let units: &[(&str, Period)] = &[
        ("annum", Period::Year),
        ("year", Period::Year),
        ("yr", Period::Year),
        ("jahr", Period::Year),
        ("hour", Period::Hour),
        ("hr", Period::Hour),
        ("h", Period::Hour),
        ("day", Period::Day),
        ("week", Period::Week),
        ("wk", Period::Week),
        ("month", Period::Month),
        ("mth", Period::Month),
        ("mo", Period::Month),
    ];
    let word_end = |s: &str, len: usize| s[len..].chars().next().is_none_or(|c| !c.is_alphabetic());
    let unit = |s: &str| -> Option<(Period, usize)> {
        units.iter().find_map(|(u, p)| {
            let plural = format!("{u}s");
            if s.starts_with(plural.as_str()) && word_end(s, plural.len()) {
                Some((*p, plural.len()))
            } else if s.starts_with(u) && word_end(s, u.len()) {
                Some((*p, u.len()))
            } else {
                None
            }
        })
    };
    // "/year", "/ yr"
    if let Some(after) = lower.strip_prefix('/') {
        let trimmed = after.trim_start();
        let (p, len) = unit(trimmed)?;
        return Some((p, j + 1 + (after.len() - trimmed.len()) + len));
    }
    // "per year", "a year", "an hour", "pro Jahr", "each month"
    for lead in ["per ", "a ", "an ", "pro ", "each "] {
        if let Some(after) = lower.strip_prefix(lead)
            && let Some((p, len)) = unit(after)
        {
            return Some((p, j + lead.len() + len));
        }
    }
    let adverbs: &[(&str, Period)] = &[
        ("annually", Period::Year),
        ("yearly", Period::Year),
        ("p.a.", Period::Year),
        ("p.a", Period::Year),
        ("pa", Period::Year),
        ("hourly", Period::Hour),
        ("p/h", Period::Hour),
        ("daily", Period::Day),
        ("weekly", Period::Week),
        ("monthly", Period::Month),
    ];
    adverbs.iter().find_map(|(a, p)| {
        (lower.starts_with(a) && word_end(&lower, a.len())).then(|| (*p, j + a.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    type Expected<'a> = Option<(Option<f64>, Option<f64>, &'a str, &'a str)>;

    fn check(description: &str, text: &str, mode: Mode, expected: Expected<'_>) {
        let got = find(text, mode).map(|s| {
            (
                s.min,
                s.max,
                s.currency.unwrap_or_default(),
                s.period.map_or("", Period::as_str),
            )
        });
        let expected = expected.map(|(a, b, c, p)| (a, b, c.to_owned(), p));
        assert_eq!(got, expected, "{description}: {text:?}");
    }

    #[test]
    fn salaries_as_postings_write_them() {
        use Mode::*;
        let cases: &[(&str, &str, Mode, Expected<'_>)] = &[
            (
                "indeed range with period",
                "$150,000 - $180,000 a year",
                Loose,
                Some((Some(150_000.0), Some(180_000.0), "USD", "year")),
            ),
            (
                "euro k range with en dash",
                "€60k–75k",
                Loose,
                Some((Some(60_000.0), Some(75_000.0), "EUR", "")),
            ),
            (
                "code before an hourly rate",
                "USD 70/hour",
                Loose,
                Some((Some(70.0), Some(70.0), "USD", "hour")),
            ),
            (
                "per annum",
                "£45,000 per annum",
                Loose,
                Some((Some(45_000.0), Some(45_000.0), "GBP", "year")),
            ),
            (
                "linkedin k per year both ends",
                "$150K/yr - $180K/yr",
                Loose,
                Some((Some(150_000.0), Some(180_000.0), "USD", "year")),
            ),
            (
                "german thousands and period",
                "45.000 € pro Jahr",
                Loose,
                Some((Some(45_000.0), Some(45_000.0), "EUR", "year")),
            ),
            (
                "k on the upper end only",
                "Salary: $60–75k",
                Loose,
                Some((Some(60_000.0), Some(75_000.0), "USD", "")),
            ),
            (
                "code after the range",
                "120,000 - 150,000 USD per year",
                Loose,
                Some((Some(120_000.0), Some(150_000.0), "USD", "year")),
            ),
            (
                "a code after a dollar sign wins",
                "$140,000 - $165,000 CAD a year",
                Loose,
                Some((Some(140_000.0), Some(165_000.0), "CAD", "year")),
            ),
            (
                "between and",
                "Pay is between $100k and $120k.",
                Loose,
                Some((Some(100_000.0), Some(120_000.0), "USD", "")),
            ),
            (
                "up to",
                "Compensation up to $200k",
                Loose,
                Some((None, Some(200_000.0), "USD", "")),
            ),
            (
                "plus means a minimum",
                "Base salary $150k+",
                Loose,
                Some((Some(150_000.0), None, "USD", "")),
            ),
            (
                "decimals per hour",
                "$45.50 - $60.25 an hour",
                Loose,
                Some((Some(45.5), Some(60.25), "USD", "hour")),
            ),
            (
                "swiss apostrophes",
                "CHF 100'000 - 120'000 p.a.",
                Loose,
                Some((Some(100_000.0), Some(120_000.0), "CHF", "year")),
            ),
            (
                "bare number in a salary field",
                "100000",
                Labelled,
                Some((Some(100_000.0), Some(100_000.0), "", "")),
            ),
            (
                "funding is not a salary",
                "We raised $50M in Series B funding",
                Loose,
                None,
            ),
            (
                "a budget is not a salary",
                "A $1,000 annual learning budget",
                Loose,
                None,
            ),
            (
                "no currency outside a field",
                "4+ years of experience, 401k match",
                Loose,
                None,
            ),
            (
                "a version is not an amount",
                "Python v3.12 and COVID19",
                Loose,
                None,
            ),
            (
                "words are not currencies",
                "Deliver 5 projects a year",
                Loose,
                None,
            ),
        ];
        for (description, text, mode, expected) in cases {
            check(description, text, *mode, *expected);
        }
    }

    #[test]
    fn the_salary_text_is_the_span_as_written() {
        let s = find("Pay: $150,000 - $180,000 a year, plus equity", Mode::Loose).unwrap();
        assert_eq!(s.text, "$150,000 - $180,000 a year");
        let s = find("Compensation up to $200k.", Mode::Loose).unwrap();
        assert_eq!(s.text, "up to $200k");
    }
}
