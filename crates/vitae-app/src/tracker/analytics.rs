//! What the applications say: the funnel and its rates, per variant, theme, source, seniority
//! and week; the time to a first answer; and what the answered applications' documents had in
//! common. Every rate comes with its count and a 95 % interval, and a difference between groups
//! is called one only when Fisher's exact test finds it unlikely to be chance (p < 0.05): the
//! report never claims more than the numbers support.

use super::{Application, Status, parse_iso};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

/// Applications needed in a group, and outside it, before it is compared with the rest.
pub const MIN_GROUP: usize = 5;
/// The significance level of the comparisons.
pub const ALPHA: f64 = 0.05;

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

/// The figures over `apps` on `today`.
pub fn analyze(apps: &[Application], today: Date) -> Analytics {
    let sent: Vec<&Application> = apps.iter().filter(|a| a.status != Status::Saved).collect();
    let mut by_status = BTreeMap::new();
    for a in apps {
        *by_status.entry(a.status.name().to_owned()).or_insert(0) += 1;
    }
    let funnel = funnel(&sent);
    let today_iso = super::iso(today);
    Analytics {
        as_of: today_iso.clone(),
        total: apps.len(),
        by_status,
        rates: rates(&funnel),
        funnel,
        by_variant: groups(&sent, |a| nonempty(&a.sent.variant)),
        by_theme: groups(&sent, |a| nonempty(&a.sent.theme)),
        by_source: groups(&sent, |a| nonempty(&a.source)),
        by_seniority: groups(&sent, |a| nonempty(&a.seniority)),
        by_week: groups(&sent, week),
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
        findings: findings(&sent),
        top_companies: top_companies(&sent, 10),
    }
}

/// The `n` companies applied to most, most first (ties by name). Counted before any group is
/// built: a search of thousands of applications has thousands of companies.
fn top_companies(sent: &[&Application], n: usize) -> Vec<Group> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for a in sent {
        *counts.entry(a.company.trim()).or_default() += 1;
    }
    let mut top: Vec<(&str, usize)> = counts.into_iter().collect();
    top.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    top.truncate(n);
    let keep: std::collections::HashSet<&str> = top.iter().map(|(c, _)| *c).collect();
    let mut g = groups(sent, |a| {
        let c = a.company.trim();
        keep.contains(c).then(|| c.to_owned())
    });
    g.sort_by(|a, b| {
        b.funnel
            .applied
            .cmp(&a.funnel.applied)
            .then(a.key.cmp(&b.key))
    });
    g
}

fn nonempty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The ISO week of the application date.
fn week(a: &Application) -> Option<String> {
    let date = parse_iso(a.applied_on.as_deref()?, "applied_on").ok()?;
    let (year, week, _) = date.to_iso_week_date();
    Some(format!("{year:04}-W{week:02}"))
}

fn funnel(apps: &[&Application]) -> Funnel {
    let mut f = Funnel::default();
    for a in apps {
        f.applied += 1;
        f.answered += usize::from(a.answered());
        f.interviewed += usize::from(a.interviewed());
        f.offered += usize::from(a.offered());
        match a.status {
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

fn groups(apps: &[&Application], key: impl Fn(&Application) -> Option<String>) -> Vec<Group> {
    let mut by: BTreeMap<String, Vec<&Application>> = BTreeMap::new();
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
                key,
                funnel,
                response_rate: r.response,
                interview_rate: r.interview,
                offer_rate: r.offer,
            }
        })
        .collect()
}

fn timing(apps: &[&Application]) -> Option<Timing> {
    let mut days: Vec<i64> = apps
        .iter()
        .filter_map(|a| {
            let applied = parse_iso(a.applied_on.as_deref()?, "applied_on").ok()?;
            let answered = parse_iso(a.first_answer_on()?, "history").ok()?;
            Some((answered - applied).whole_days().max(0))
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

fn findings(apps: &[&Application]) -> Vec<Finding> {
    type Feature = (&'static str, fn(&Application) -> Option<String>);
    let features: [Feature; 4] = [
        ("variant", |a| nonempty(&a.sent.variant)),
        ("theme", |a| nonempty(&a.sent.theme)),
        ("ats_score", |a| {
            a.sent.ats_score.map(|s| score_band(s).to_owned())
        }),
        ("cover_letter", |a| {
            Some(if a.has_letter() { "yes" } else { "no" }.to_owned())
        }),
    ];
    let mut out = Vec::new();
    for (feature, value_of) in features {
        // Only applications the feature is known for take part: an application without an ATS
        // score says nothing about scores.
        let known: Vec<(&Application, String)> = apps
            .iter()
            .filter_map(|a| value_of(a).map(|v| (*a, v)))
            .collect();
        let mut values: Vec<&String> = known.iter().map(|(_, v)| v).collect();
        values.sort();
        values.dedup();
        if values.len() < 2 {
            continue;
        }
        for value in values {
            let (with, without): (Vec<_>, Vec<_>) = known.iter().partition(|(_, v)| v == value);
            let answered = |group: &[&(&Application, String)]| {
                group.iter().filter(|(a, _)| a.answered()).count()
            };
            let with_rate = Rate::new(answered(&with), with.len());
            let without_rate = Rate::new(answered(&without), without.len());
            let enough = with.len() >= MIN_GROUP && without.len() >= MIN_GROUP;
            let p = enough.then(|| {
                fisher_two_sided(
                    with_rate.count,
                    with.len() - with_rate.count,
                    without_rate.count,
                    without.len() - without_rate.count,
                )
            });
            let verdict = match p {
                None => Verdict::TooFew,
                Some(p) if p < ALPHA => {
                    if with_rate.value > without_rate.value {
                        Verdict::MoreAnswers
                    } else {
                        Verdict::FewerAnswers
                    }
                }
                Some(_) => Verdict::NoClearDifference,
            };
            out.push(Finding {
                feature: feature.to_owned(),
                value: value.clone(),
                with: with_rate,
                without: without_rate,
                p_value: p,
                verdict,
            });
        }
    }
    out
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
    fn wilson_interval_stays_in_range_and_brackets_the_rate() {
        let (low, high) = wilson(0, 10);
        assert_eq!(low, 0.0);
        assert!((high - 0.277_5).abs() < 1e-3, "{high}");
        let (low, high) = wilson(50, 100);
        assert!((low - 0.403_8).abs() < 1e-3 && (high - 0.596_2).abs() < 1e-3);
    }
}
