//! What the applications say: the funnel and its rates, per variant, theme, source, seniority
//! and week; the time to a first answer; and what the answered applications' documents had in
//! common. Every rate comes with its count and a 95 % interval. A difference between groups is
//! called one only when Fisher's exact test finds it unlikely to be chance once every comparison
//! of the report is accounted for (Holm's adjustment, family-wise p < 0.05), and only over
//! applications that had time to be answered ([`SETTLE_DAYS`]).

use super::{Application, Status, parse_iso};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

/// Applications needed in a group, and outside it, before it is compared with the rest.
pub const MIN_GROUP: usize = 5;
/// The significance level of the comparisons, for all of them together.
pub const ALPHA: f64 = 0.05;
/// Days an application sent and not answered yet is given before it counts as unanswered in
/// the comparisons: most answers come within three weeks, and counting yesterday's
/// applications as unanswered would make whatever was sent lately look worse.
pub const SETTLE_DAYS: i64 = 21;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Analytics {
    /// ISO date the figures were computed on.
    pub as_of: String,
    /// Every application, saved ones included.
    pub total: usize,
    pub by_status: BTreeMap<String, usize>,
    /// Applications sent (everything but `saved`): the funnel's top and the rates' base.
    pub funnel: Funnel,
    pub rates: Rates,
    pub by_variant: Vec<Group>,
    pub by_theme: Vec<Group>,
    pub by_source: Vec<Group>,
    pub by_seniority: Vec<Group>,
    /// ISO weeks (`2026-W14`) of the application date, in order.
    pub by_week: Vec<Group>,
    pub time_to_first_answer: Option<Timing>,
    /// Open applications with a follow-up due on or before `as_of`.
    pub follow_ups_due: usize,
    /// Applications sent less than [`SETTLE_DAYS`] ago, open and not answered yet: in the
    /// funnel, left out of the comparisons.
    pub still_waiting: usize,
    /// Features of the documents sent, compared between applications that were answered and
    /// those that were not.
    pub findings: Vec<Finding>,
    pub top_companies: Vec<Group>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funnel {
    pub applied: usize,
    pub answered: usize,
    pub interviewed: usize,
    pub offered: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub withdrawn: usize,
    pub no_answer: usize,
    /// Sent, not closed and not given up on: still waiting or in progress.
    pub open: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rates {
    pub response: Rate,
    pub interview: Rate,
    pub offer: Rate,
}

/// `count` of `of`, as a fraction with its 95 % Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rate {
    pub count: usize,
    pub of: usize,
    /// `None` when `of` is 0.
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Rate {
    pub fn new(count: usize, of: usize) -> Rate {
        if of == 0 {
            return Rate {
                count,
                of,
                value: None,
                low: None,
                high: None,
            };
        }
        let (low, high) = wilson(count, of);
        Rate {
            count,
            of,
            value: Some(count as f64 / of as f64),
            low: Some(low),
            high: Some(high),
        }
    }
}

/// The funnel of one group of applications (a variant, a week…).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Group {
    pub key: String,
    pub funnel: Funnel,
    pub response_rate: Rate,
    pub interview_rate: Rate,
    pub offer_rate: Rate,
}

/// Days from applying to the first answer, over the answers whose date is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timing {
    pub count: usize,
    pub median_days: f64,
    pub mean_days: f64,
    pub min_days: i64,
    pub max_days: i64,
}

/// One feature of the documents sent, and how often applications with it were answered
/// against applications without it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// `variant`, `theme`, `ats_score`, `cover_letter`.
    pub feature: String,
    pub value: String,
    pub with: Rate,
    pub without: Rate,
    /// Fisher's exact test, two-sided.
    pub p_value: Option<f64>,
    /// `p_value` adjusted for every comparison of the report (Holm); the verdict reads this.
    pub p_adjusted: Option<f64>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Answered more often, and unlikely by chance.
    MoreAnswers,
    /// Answered less often, and unlikely by chance.
    FewerAnswers,
    /// The difference seen could well be chance.
    NoClearDifference,
    /// Fewer than [`MIN_GROUP`] applications with or without it: nothing to say yet.
    TooFew,
}

impl Verdict {
    pub fn describe(self) -> &'static str {
        match self {
            Verdict::MoreAnswers => "answered more often (unlikely to be chance)",
            Verdict::FewerAnswers => "answered less often (unlikely to be chance)",
            Verdict::NoClearDifference => "no clear difference (could be chance)",
            Verdict::TooFew => "too few applications to tell",
        }
    }
}

/// The figures over stored application bodies ([`super::Tracker::bodies`]).
pub fn of_bodies(bodies: &[String], today: Date) -> Result<Analytics, super::TrackError> {
    let apps = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            serde_json::from_str::<Application>(body).map_err(|e| {
                super::TrackError::Store(vitae_store::StoreError::Corrupt(format!(
                    "application body {i}: {e}"
                )))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(analyze(&apps, today))
}

/// What the report needs of one application sent, worked out once: the funnel's questions
/// walk the history, and every grouping asks them again.
struct Facts<'a> {
    app: &'a Application,
    answered: bool,
    interviewed: bool,
    offered: bool,
    applied: Option<Date>,
    /// ISO week of `applied`.
    week: Option<String>,
    /// Sent less than [`SETTLE_DAYS`] ago, open and not answered: its answer may yet come.
    waiting: bool,
}

impl<'a> Facts<'a> {
    fn of(app: &'a Application, today: Date) -> Facts<'a> {
        let applied = app
            .applied_on
            .as_deref()
            .and_then(|d| parse_iso(d, "applied_on").ok());
        let answered = app.answered();
        Facts {
            app,
            answered,
            interviewed: app.interviewed(),
            offered: app.offered(),
            applied,
            week: applied.map(|d| {
                let (year, week, _) = d.to_iso_week_date();
                format!("{year:04}-W{week:02}")
            }),
            waiting: !answered
                && !app.status.is_closed()
                && app.status != Status::NoAnswer
                && applied.is_some_and(|d| (today - d).whole_days() < SETTLE_DAYS),
        }
    }
}

/// The figures over `apps` on `today`.
pub fn analyze(apps: &[Application], today: Date) -> Analytics {
    let facts: Vec<Facts> = apps
        .iter()
        .filter(|a| a.status != Status::Saved)
        .map(|a| Facts::of(a, today))
        .collect();
    let sent: Vec<&Facts> = facts.iter().collect();
    let mut by_status = BTreeMap::new();
    for a in apps {
        *by_status.entry(a.status.name().to_owned()).or_insert(0) += 1;
    }
    let funnel = funnel(&sent);
    let today_iso = super::iso(today);
    let settled: Vec<&Facts> = sent.iter().copied().filter(|f| !f.waiting).collect();
    Analytics {
        as_of: today_iso.clone(),
        total: apps.len(),
        by_status,
        rates: rates(&funnel),
        funnel,
        by_variant: groups(&sent, |f| nonempty(&f.app.sent.variant)),
        by_theme: groups(&sent, |f| nonempty(&f.app.sent.theme)),
        by_source: groups(&sent, |f| nonempty(&f.app.source)),
        by_seniority: groups(&sent, |f| nonempty(&f.app.seniority)),
        by_week: groups(&sent, |f| f.week.as_deref()),
        time_to_first_answer: timing(&sent),
        follow_ups_due: apps
            .iter()
            .filter(|a| {
                !a.status.is_closed()
                    && a.follow_up_on
                        .as_deref()
                        .is_some_and(|d| d <= today_iso.as_str())
            })
            .count(),
        still_waiting: sent.len() - settled.len(),
        findings: findings(&settled),
        top_companies: top_companies(&sent, 10),
    }
}

/// The `n` companies applied to most, most first (ties by name). Counted before any group is
/// built: a search of thousands of applications has thousands of companies.
fn top_companies(sent: &[&Facts], n: usize) -> Vec<Group> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for f in sent {
        *counts.entry(f.app.company.trim()).or_default() += 1;
    }
    let mut top: Vec<(&str, usize)> = counts.into_iter().collect();
    top.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    top.truncate(n);
    let keep: std::collections::HashSet<&str> = top.iter().map(|(c, _)| *c).collect();
    let mut g = groups(sent, |f| {
        let c = f.app.company.trim();
        keep.contains(c).then_some(c)
    });
    g.sort_by(|a, b| {
        b.funnel
            .applied
            .cmp(&a.funnel.applied)
            .then(a.key.cmp(&b.key))
    });
    g
}

fn nonempty(text: &str) -> Option<&str> {
    let t = text.trim();
    (!t.is_empty()).then_some(t)
}

fn funnel(apps: &[&Facts]) -> Funnel {
    let mut f = Funnel::default();
    for a in apps {
        f.applied += 1;
        f.answered += usize::from(a.answered);
        f.interviewed += usize::from(a.interviewed);
        f.offered += usize::from(a.offered);
        match a.app.status {
            Status::Accepted => f.accepted += 1,
            Status::Rejected => f.rejected += 1,
            Status::Withdrawn => f.withdrawn += 1,
            Status::NoAnswer => f.no_answer += 1,
            _ => f.open += 1,
        }
    }
    f
}

fn rates(f: &Funnel) -> Rates {
    Rates {
        response: Rate::new(f.answered, f.applied),
        interview: Rate::new(f.interviewed, f.applied),
        offer: Rate::new(f.offered, f.applied),
    }
}

fn groups<'a>(
    apps: &[&'a Facts<'a>],
    key: impl Fn(&'a Facts<'a>) -> Option<&'a str>,
) -> Vec<Group> {
    let mut by: BTreeMap<&str, Vec<&Facts>> = BTreeMap::new();
    for a in apps {
        if let Some(k) = key(a) {
            by.entry(k).or_default().push(a);
        }
    }
    by.into_iter()
        .map(|(key, members)| {
            let funnel = funnel(&members);
            let r = rates(&funnel);
            Group {
                key: key.to_owned(),
                funnel,
                response_rate: r.response,
                interview_rate: r.interview,
                offer_rate: r.offer,
            }
        })
        .collect()
}

fn timing(apps: &[&Facts]) -> Option<Timing> {
    let mut days: Vec<i64> = apps
        .iter()
        .filter_map(|f| {
            let answered = parse_iso(f.app.first_answer_on()?, "history").ok()?;
            Some((answered - f.applied?).whole_days().max(0))
        })
        .collect();
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let n = days.len();
    let median = if n % 2 == 1 {
        days[n / 2] as f64
    } else {
        (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
    };
    Some(Timing {
        count: n,
        median_days: median,
        mean_days: days.iter().sum::<i64>() as f64 / n as f64,
        min_days: days[0],
        max_days: days[n - 1],
    })
}

/// The ATS score band a sent resume falls in.
fn score_band(score: f64) -> &'static str {
    if score >= 80.0 {
        "80 or more"
    } else if score >= 60.0 {
        "60 to 79"
    } else {
        "under 60"
    }
}

fn findings(apps: &[&Facts]) -> Vec<Finding> {
    type Feature = (&'static str, for<'a> fn(&'a Application) -> Option<&'a str>);
    let features: [Feature; 4] = [
        ("variant", |a| nonempty(&a.sent.variant)),
        ("theme", |a| nonempty(&a.sent.theme)),
        ("ats_score", |a| a.sent.ats_score.map(score_band)),
        ("cover_letter", |a| {
            Some(if a.has_letter() { "yes" } else { "no" })
        }),
    ];
    let mut out = Vec::new();
    for (feature, value_of) in features {
        // Only applications the feature is known for take part: an application without an ATS
        // score says nothing about scores. Counted per value in one pass.
        let mut per_value: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for f in apps {
            if let Some(v) = value_of(f.app) {
                let e = per_value.entry(v).or_default();
                e.0 += 1;
                e.1 += usize::from(f.answered);
            }
        }
        let (known, known_answered) = per_value
            .values()
            .fold((0, 0), |(n, k), (vn, vk)| (n + vn, k + vk));
        let mut values: Vec<&str> = per_value.keys().copied().collect();
        if values.len() < 2 {
            continue;
        }
        // With two values, one comparison says all: the other is its mirror image.
        if values.len() == 2 {
            let keep = values.iter().position(|v| *v == "yes").unwrap_or(0);
            values = vec![values[keep]];
        }
        for value in values {
            let (with_n, with_k) = per_value[value];
            let (without_n, without_k) = (known - with_n, known_answered - with_k);
            let with_rate = Rate::new(with_k, with_n);
            let without_rate = Rate::new(without_k, without_n);
            let enough = with_n >= MIN_GROUP && without_n >= MIN_GROUP;
            let p = enough.then(|| {
                fisher_two_sided(with_k, with_n - with_k, without_k, without_n - without_k)
            });
            out.push(Finding {
                feature: feature.to_owned(),
                value: value.to_owned(),
                with: with_rate,
                without: without_rate,
                p_value: p,
                p_adjusted: None,
                verdict: Verdict::TooFew,
            });
        }
    }
    let adjusted = holm(&out.iter().filter_map(|f| f.p_value).collect::<Vec<_>>());
    let mut adjusted = adjusted.into_iter();
    for f in out.iter_mut().filter(|f| f.p_value.is_some()) {
        f.p_adjusted = adjusted.next();
        f.verdict = match f.p_adjusted {
            Some(p) if p < ALPHA => {
                if f.with.value > f.without.value {
                    Verdict::MoreAnswers
                } else {
                    Verdict::FewerAnswers
                }
            }
            _ => Verdict::NoClearDifference,
        };
    }
    out
}

/// Holm's step-down adjustment of `p` values, in their order: the family-wise error stays under
/// the level however many comparisons there are, without Bonferroni's loss of power.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut adjusted = vec![0.0; m];
    let mut running = 0.0_f64;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * p[i]).min(1.0));
        adjusted[i] = running;
    }
    adjusted
}

/// The 95 % Wilson score interval of `k` successes in `n` trials: unlike the normal
/// approximation it stays inside [0, 1] and is honest for small `n` and rates near 0 or 1.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    const Z: f64 = 1.959_963_984_540_054;
    let n = n as f64;
    let p = k as f64 / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Fisher's exact test on the 2×2 table [[a, b], [c, d]], two-sided: the probability, with the
/// margins fixed, of a table at most as likely as the one seen.
pub fn fisher_two_sided(a: usize, b: usize, c: usize, d: usize) -> f64 {
    let n = a + b + c + d;
    let row1 = a + b;
    let col1 = a + c;
    let ln_fact: Vec<f64> = std::iter::once(0.0)
        .chain((1..=n).scan(0.0, |acc, i| {
            *acc += (i as f64).ln();
            Some(*acc)
        }))
        .collect();
    let ln_choose = |n: usize, k: usize| ln_fact[n] - ln_fact[k] - ln_fact[n - k];
    let ln_p = |x: usize| ln_choose(row1, x) + ln_choose(n - row1, col1 - x) - ln_choose(n, col1);
    let seen = ln_p(a);
    let low = col1.saturating_sub(n - row1);
    let high = row1.min(col1);
    // A relative tolerance so tables as likely as the one seen (ties) count, as R does.
    let p: f64 = (low..=high)
        .map(ln_p)
        .filter(|&lp| lp <= seen + 1e-7)
        .map(f64::exp)
        .sum();
    p.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fisher_matches_published_values() {
        // R: fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value = 0.4857143
        assert!((fisher_two_sided(3, 1, 1, 3) - 0.485_714_3).abs() < 1e-6);
        // R: fisher.test(matrix(c(10, 2, 3, 15), 2))$p.value = 0.0005367241 (a=10,b=3 by row)
        assert!((fisher_two_sided(10, 3, 2, 15) - 0.000_536_724_1).abs() < 1e-8);
        assert!((fisher_two_sided(5, 5, 5, 5) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn holm_matches_published_values() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        let got = holm(&[0.01, 0.04, 0.03, 0.005]);
        for (g, want) in got.iter().zip([0.03, 0.06, 0.06, 0.02]) {
            assert!((g - want).abs() < 1e-12, "{got:?}");
        }
    }

    #[test]
    fn wilson_interval_stays_in_range_and_brackets_the_rate() {
        let (low, high) = wilson(0, 10);
        assert_eq!(low, 0.0);
        assert!((high - 0.277_5).abs() < 1e-3, "{high}");
        let (low, high) = wilson(50, 100);
        assert!((low - 0.403_8).abs() < 1e-3 && (high - 0.596_2).abs() < 1e-3);
    }
}
