//! The job search over real stores (a SQLite file, a fresh PostgreSQL database): a scripted six
//! months of applications checked against figures the test computes on its own, resume-cli's log
//! read and written back byte for byte, concurrent writers, documents stored once, tenants apart.

use std::collections::BTreeMap;
use std::sync::Arc;
use vitae_app::tracker::analytics::{self, Verdict};
use vitae_app::tracker::offers::{self, Equity, Offer, Weights};
use vitae_app::tracker::{
    self, Application, Date, FollowUp, SentDocument, Status, TrackError, Tracker, iso,
};
use vitae_store::{ApplicationFilter, NewDocument, Store};

/// A store of each kind, each fresh; the PostgreSQL database is dropped by the guard.
struct Stores {
    _dir: tempfile::TempDir,
    sqlite: Arc<dyn Store>,
    postgres: Arc<dyn Store>,
    postgres_url: String,
}

impl Stores {
    async fn new() -> Stores {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = vitae_store::connect(&vitae_store::sqlite_url(&dir.path().join("t.db")))
            .await
            .unwrap();
        let postgres_url = vitae_store::testing::fresh_postgres().await.unwrap();
        let postgres = vitae_store::connect(&postgres_url).await.unwrap();
        Stores {
            _dir: dir,
            sqlite,
            postgres,
            postgres_url,
        }
    }

    fn both(&self) -> [(&'static str, Arc<dyn Store>); 2] {
        [
            ("sqlite", Arc::clone(&self.sqlite)),
            ("postgres", Arc::clone(&self.postgres)),
        ]
    }

    async fn close(self) {
        drop(self.postgres);
        vitae_store::testing::drop_postgres(&self.postgres_url)
            .await
            .unwrap();
    }
}

async fn tracker(store: &Arc<dyn Store>, tenant: &str) -> Tracker {
    let id = store.tenant(tenant).await.unwrap();
    Tracker::new(Arc::clone(store), id)
}

fn date(text: &str) -> Date {
    tracker::parse_iso(text, "test").unwrap()
}

fn days(d: Date, n: i64) -> Date {
    d.checked_add(time::Duration::days(n)).unwrap()
}

/// A small deterministic generator (xorshift64*), so the scenario is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// What the script did to one application, kept by the test itself.
#[derive(Debug, Clone)]
struct Script {
    number: i64,
    company: String,
    variant: String,
    theme: String,
    source: String,
    seniority: String,
    score: f64,
    letter: bool,
    applied: Date,
    /// (day, status) in order, `applied` first.
    steps: Vec<(Date, Status)>,
}

impl Script {
    fn status(&self) -> Status {
        self.steps.last().unwrap().1
    }
    fn reached(&self, s: &[Status]) -> bool {
        self.steps.iter().any(|(_, x)| s.contains(x))
    }
    fn answered(&self) -> bool {
        self.reached(&[
            Status::Screening,
            Status::Interview,
            Status::Offer,
            Status::Accepted,
            Status::Rejected,
        ])
    }
    fn first_answer(&self) -> Option<Date> {
        self.steps
            .iter()
            .find(|(_, s)| {
                matches!(
                    s,
                    Status::Screening
                        | Status::Interview
                        | Status::Offer
                        | Status::Accepted
                        | Status::Rejected
                )
            })
            .map(|(d, _)| *d)
    }
}

/// The planned life of one application: the steps after `applied`, with their days.
fn plan(rng: &mut Rng, variant: &str, applied: Date) -> Vec<(Date, Status)> {
    // The backend variant is answered far more often: a difference the analytics should find.
    let answer_chance = if variant == "backend" { 70 } else { 25 };
    let mut steps = Vec::new();
    let mut day = applied;
    if !rng.chance(answer_chance) {
        if rng.chance(50) {
            steps.push((days(day, 30), Status::NoAnswer));
        }
        return steps;
    }
    day = days(day, 1 + rng.below(20) as i64);
    if rng.chance(35) {
        steps.push((day, Status::Rejected));
        return steps;
    }
    steps.push((day, Status::Screening));
    for _ in 0..1 + rng.below(3) {
        day = days(day, 3 + rng.below(10) as i64);
        if rng.chance(25) {
            steps.push((day, Status::Rejected));
            return steps;
        }
        steps.push((day, Status::Interview));
    }
    day = days(day, 2 + rng.below(7) as i64);
    if rng.chance(50) {
        steps.push((day, Status::Rejected));
        return steps;
    }
    steps.push((day, Status::Offer));
    day = days(day, 1 + rng.below(5) as i64);
    steps.push((
        day,
        if rng.chance(50) {
            Status::Accepted
        } else {
            Status::Withdrawn
        },
    ));
    steps
}

/// Records 300 applications over six months and moves them along day by day, as a person
/// would; returns what it did, up to `as_of`.
async fn run_scenario(t: &Tracker, as_of: Date) -> Vec<Script> {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let start = date("2026-01-05");
    let mut applied_days: Vec<Date> = (0..300)
        .map(|_| days(start, rng.below(177) as i64))
        .collect();
    applied_days.sort();
    // Everything that happens, by day: (day, order, index into scripts, status or None for
    // the application itself).
    let mut agenda: Vec<(Date, usize, usize, Option<Status>)> = Vec::new();
    let mut scripts = Vec::new();
    for (i, applied) in applied_days.into_iter().enumerate() {
        let variant = rng.pick(&["backend", "frontend", "general"]).to_owned();
        let steps = plan(&mut rng, &variant, applied);
        let script = Script {
            number: 0,
            company: format!(
                "{} {}",
                rng.pick(&["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"]),
                i % 40
            ),
            theme: rng.pick(&["classic", "modern"]).to_owned(),
            source: rng
                .pick(&["LinkedIn", "Referral", "Company site", "Recruiter"])
                .to_owned(),
            seniority: rng.pick(&["senior", "mid", ""]).to_owned(),
            score: 40.0 + rng.below(56) as f64,
            letter: rng.chance(50),
            variant,
            applied,
            steps: vec![(applied, Status::Applied)],
        };
        agenda.push((applied, 0, i, None));
        for (n, (day, status)) in steps.into_iter().enumerate() {
            agenda.push((day, n + 1, i, Some(status)));
        }
        scripts.push(script);
    }
    agenda.sort_by_key(|(d, order, i, _)| (*d, *order, *i));
    let resume = NewDocument {
        media_type: "application/pdf".into(),
        name: "resume.pdf".into(),
        bytes: b"%PDF-1.7 the same resume for everyone".to_vec(),
    };
    for (day, _, i, status) in agenda {
        if day > as_of {
            continue;
        }
        let s = &mut scripts[i];
        match status {
            None => {
                let mut app = Application::new(&s.company, "Software Engineer", Status::Applied);
                app.applied_on = Some(iso(day));
                app.source = s.source.clone();
                app.seniority = s.seniority.clone();
                app.sent.variant = s.variant.clone();
                app.sent.theme = s.theme.clone();
                app.sent.ats_score = Some(s.score);
                app.sent.resume = Some(SentDocument {
                    hash: resume.hash(),
                    name: resume.name.clone(),
                    media_type: resume.media_type.clone(),
                    size: resume.bytes.len() as u64,
                });
                app.letter_sent = Some(s.letter);
                let saved = t
                    .record(app, vec![resume.clone()], day, FollowUp::Default)
                    .await
                    .unwrap();
                s.number = saved.number;
            }
            Some(status) => {
                t.set_status(&s.number.to_string(), status, day, None, false, None)
                    .await
                    .unwrap();
                s.steps.push((day, status));
            }
        }
    }
    scripts.retain(|s| s.number > 0);
    scripts
}

fn rate(count: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| count as f64 / of as f64)
}

/// Fisher's exact test computed another way than the crate does: probabilities of the tables
/// by the recurrence between neighbouring tables, in plain products.
fn fisher(a: usize, b: usize, c: usize, d: usize) -> f64 {
    let (r1, r2, c1) = (a + b, c + d, a + c);
    let lo = c1.saturating_sub(r2);
    let hi = r1.min(c1);
    // p(x+1)/p(x) = (r1-x)(c1-x) / ((x+1)(r2-c1+x+1))
    let mut weights = vec![1.0_f64];
    for x in lo..hi {
        let last = *weights.last().unwrap();
        weights.push(last * ((r1 - x) * (c1 - x)) as f64 / ((x + 1) * (r2 + x + 1 - c1)) as f64);
    }
    let total: f64 = weights.iter().sum();
    let seen = weights[a - lo];
    weights
        .iter()
        .filter(|w| **w <= seen * (1.0 + 1e-7))
        .sum::<f64>()
        / total
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * a.abs().max(1.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_months_of_applications_give_the_figures_an_independent_count_gives() {
    let stores = Stores::new().await;
    let as_of = date("2026-06-30");
    for (backend, store) in stores.both() {
        let t = tracker(&store, "scenario").await;
        let scripts = run_scenario(&t, as_of).await;
        assert_eq!(scripts.len(), 300, "{backend}");
        // What the front ends run (every body in one read) is what the listing gives.
        let a = t.analytics(as_of).await.unwrap();
        let apps = t.list(&ApplicationFilter::default()).await.unwrap();
        assert_eq!(a, analytics::analyze(&apps, as_of), "{backend}");

        // The funnel.
        let n = scripts.len();
        let answered = scripts.iter().filter(|s| s.answered()).count();
        let interviewed = scripts
            .iter()
            .filter(|s| s.reached(&[Status::Interview, Status::Offer, Status::Accepted]))
            .count();
        let offered = scripts
            .iter()
            .filter(|s| s.reached(&[Status::Offer, Status::Accepted]))
            .count();
        let ending = |st: Status| scripts.iter().filter(|s| s.status() == st).count();
        assert_eq!(a.total, n, "{backend}");
        assert_eq!(a.funnel.applied, n, "{backend}");
        assert_eq!(a.funnel.answered, answered, "{backend}");
        assert_eq!(a.funnel.interviewed, interviewed, "{backend}");
        assert_eq!(a.funnel.offered, offered, "{backend}");
        assert_eq!(a.funnel.accepted, ending(Status::Accepted), "{backend}");
        assert_eq!(a.funnel.rejected, ending(Status::Rejected), "{backend}");
        assert_eq!(a.funnel.withdrawn, ending(Status::Withdrawn), "{backend}");
        assert_eq!(a.funnel.no_answer, ending(Status::NoAnswer), "{backend}");
        let closed = ending(Status::Accepted)
            + ending(Status::Rejected)
            + ending(Status::Withdrawn)
            + ending(Status::NoAnswer);
        assert_eq!(a.funnel.open, n - closed, "{backend}");
        for st in Status::ALL {
            assert_eq!(
                a.by_status.get(st.name()).copied().unwrap_or(0),
                ending(st),
                "{backend} {st}"
            );
        }
        assert_eq!(a.rates.response.value, rate(answered, n));
        assert_eq!(a.rates.interview.value, rate(interviewed, n));
        assert_eq!(a.rates.offer.value, rate(offered, n));

        // Per variant, theme, source, seniority and ISO week.
        type Key = fn(&Script) -> String;
        let dims: [(&str, Key, &Vec<analytics::Group>); 5] = [
            ("variant", |s| s.variant.clone(), &a.by_variant),
            ("theme", |s| s.theme.clone(), &a.by_theme),
            ("source", |s| s.source.clone(), &a.by_source),
            ("seniority", |s| s.seniority.clone(), &a.by_seniority),
            (
                "week",
                |s| {
                    let (y, w, _) = s.applied.to_iso_week_date();
                    format!("{y:04}-W{w:02}")
                },
                &a.by_week,
            ),
        ];
        for (name, key, groups) in dims {
            let mut expected: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
            for s in &scripts {
                let k = key(s);
                if k.is_empty() {
                    continue;
                }
                let e = expected.entry(k).or_default();
                e.0 += 1;
                e.1 += usize::from(s.answered());
                e.2 +=
                    usize::from(s.reached(&[Status::Interview, Status::Offer, Status::Accepted]));
            }
            let got: BTreeMap<String, (usize, usize, usize)> = groups
                .iter()
                .map(|g| {
                    (
                        g.key.clone(),
                        (g.funnel.applied, g.funnel.answered, g.funnel.interviewed),
                    )
                })
                .collect();
            assert_eq!(got, expected, "{backend}: by {name}");
            for g in groups {
                assert_eq!(
                    g.response_rate.value,
                    rate(g.funnel.answered, g.funnel.applied)
                );
            }
        }

        // Time to the first answer.
        let mut waits: Vec<i64> = scripts
            .iter()
            .filter_map(|s| s.first_answer().map(|d| (d - s.applied).whole_days()))
            .collect();
        waits.sort();
        let timing = a.time_to_first_answer.as_ref().unwrap();
        let m = waits.len();
        let median = if m % 2 == 1 {
            waits[m / 2] as f64
        } else {
            (waits[m / 2 - 1] + waits[m / 2]) as f64 / 2.0
        };
        assert_eq!(timing.count, m, "{backend}");
        assert!(close(timing.median_days, median), "{backend}");
        assert!(close(
            timing.mean_days,
            waits.iter().sum::<i64>() as f64 / m as f64
        ));
        assert_eq!((timing.min_days, timing.max_days), (waits[0], waits[m - 1]));

        // Follow-ups: a week after applying, cleared when the application closes or the
        // answer is given up on.
        let due = scripts
            .iter()
            .filter(|s| {
                !matches!(
                    s.status(),
                    Status::Accepted | Status::Rejected | Status::Withdrawn | Status::NoAnswer
                ) && days(s.applied, 7) <= as_of
            })
            .count();
        assert_eq!(a.follow_ups_due, due, "{backend}");
        assert_eq!(t.due(as_of).await.unwrap().len(), due, "{backend}");

        // What the answered applications had in common, with the test's own Fisher test and
        // Holm adjustment, over the applications that had 21 days to be answered.
        let settled: Vec<&Script> = scripts
            .iter()
            .filter(|s| {
                s.answered()
                    || matches!(
                        s.status(),
                        Status::Accepted | Status::Rejected | Status::Withdrawn | Status::NoAnswer
                    )
                    || (as_of - s.applied).whole_days() >= 21
            })
            .collect();
        assert_eq!(a.still_waiting, scripts.len() - settled.len(), "{backend}");
        let mut ps = Vec::new();
        for f in &a.findings {
            let value_of = |s: &Script| -> String {
                match f.feature.as_str() {
                    "variant" => s.variant.clone(),
                    "theme" => s.theme.clone(),
                    "cover_letter" => (if s.letter { "yes" } else { "no" }).into(),
                    "ats_score" => (if s.score >= 80.0 {
                        "80 or more"
                    } else if s.score >= 60.0 {
                        "60 to 79"
                    } else {
                        "under 60"
                    })
                    .into(),
                    other => panic!("unexpected feature {other}"),
                }
            };
            let with: Vec<&Script> = settled
                .iter()
                .copied()
                .filter(|s| value_of(s) == f.value)
                .collect();
            let without: Vec<&Script> = settled
                .iter()
                .copied()
                .filter(|s| value_of(s) != f.value)
                .collect();
            let yes = |g: &[&Script]| g.iter().filter(|s| s.answered()).count();
            assert_eq!((f.with.count, f.with.of), (yes(&with), with.len()), "{f:?}");
            assert_eq!(
                (f.without.count, f.without.of),
                (yes(&without), without.len())
            );
            let p = fisher(
                yes(&with),
                with.len() - yes(&with),
                yes(&without),
                without.len() - yes(&without),
            );
            let got = f.p_value.unwrap();
            assert!((got - p).abs() < 1e-9 * p.max(1e-300) + 1e-15, "{f:?}: {p}");
            ps.push(p);
        }
        // Two-valued features are compared once (cover letter: yes), the others per value.
        let features: Vec<(&str, &str)> = a
            .findings
            .iter()
            .map(|f| (f.feature.as_str(), f.value.as_str()))
            .collect();
        assert!(features.contains(&("cover_letter", "yes")), "{features:?}");
        assert!(!features.contains(&("cover_letter", "no")), "{features:?}");
        assert!(
            !features
                .iter()
                .any(|(k, v)| *k == "theme" && *v == "modern"),
            "{features:?}"
        );
        // Holm, the slow way: the k-th smallest p times (m - k + 1), never decreasing.
        let m = ps.len();
        for (f, p) in a.findings.iter().zip(&ps) {
            let rank = ps.iter().filter(|q| **q < *p).count();
            let mut adjusted: f64 = 0.0;
            let mut sorted = ps.clone();
            sorted.sort_by(f64::total_cmp);
            for (k, q) in sorted.iter().enumerate().take(rank + 1) {
                adjusted = adjusted.max(((m - k) as f64 * q).min(1.0));
            }
            let got = f.p_adjusted.unwrap();
            assert!((got - adjusted).abs() < 1e-9, "{f:?}: {adjusted}");
            let expected = if adjusted >= analytics::ALPHA {
                Verdict::NoClearDifference
            } else if f.with.value > f.without.value {
                Verdict::MoreAnswers
            } else {
                Verdict::FewerAnswers
            };
            assert_eq!(f.verdict, expected, "{f:?}");
        }
        // The script made the backend variant far more likely to be answered: that is found,
        // and the theme, which made no difference, is not called one.
        let backend_finding = a
            .findings
            .iter()
            .find(|f| f.feature == "variant" && f.value == "backend")
            .unwrap();
        assert_eq!(backend_finding.verdict, Verdict::MoreAnswers);
        assert!(a.findings.iter().any(|f| f.feature == "theme"));

        // Every application sent the same resume: stored once.
        assert_eq!(store.document_count(t.tenant()).await.unwrap(), 1);
    }
    stores.close().await;
}

/// resume-cli's log as its `csv.DictWriter` writes it: its header, CRLF, quotes where needed,
/// its own words ("no_response"), a response flag that disagrees with the status (its `apply
/// Google interview` writes 0), multi-line notes.
const RESUME_CLI_LOG: &str = "resume_version,company,role,date,status,response,notes,source,url,cover_letter,package_path\r\n\
v1.0.0-base,AcmeCorp,Senior Engineer,2026-01-23,applied,0,,manual,,0,\r\n\
v1.1.0-backend,Google,Software Engineer,2026-01-24,interview,0,\"Phone screen, then onsite\",LinkedIn,https://linkedin.com/jobs/123,1,output/google-2026-01-24\r\n\
v1.1.0-backend,\"Initech, Inc.\",Backend Engineer,2026-02-01,rejected,1,\"Said \"\"not now\"\"\r\nTry again in spring\",Referral,,0,\r\n\
v1.0.0-base,Hooli,Platform Engineer,2026-02-03,no_response,0,,Direct,,1,\r\n\
v1.0.0-base,Globex,Staff Engineer,2026-02-05,offer,1,Negotiating,Recruiter,https://globex.example/jobs/9,1,\r\n\
\x20v2 ,Stark  Industries , Engineer ,,applied,,,manual ,,,\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_cli_log_imports_and_exports_without_loss() {
    let stores = Stores::new().await;
    for (backend, store) in stores.both() {
        let t = tracker(&store, "csv").await;
        let read = tracker::csv::read(RESUME_CLI_LOG, "tracking.csv").unwrap();
        assert!(read.ignored_columns.is_empty());
        assert_eq!(t.import_log(read.applications).await.unwrap(), (6, 0));
        let apps = t.list(&ApplicationFilter::default()).await.unwrap();
        assert_eq!(tracker::csv::write(&apps), RESUME_CLI_LOG, "{backend}");
        // An imported backlog sets no reminders, and importing the log again adds nothing.
        assert!(t.due(date("2027-01-01")).await.unwrap().is_empty());
        let again = tracker::csv::read(RESUME_CLI_LOG, "tracking.csv").unwrap();
        assert_eq!(t.import_log(again.applications).await.unwrap(), (0, 6));
        let google = t.get("2").await.unwrap();
        assert_eq!(google.status, Status::Interview);
        assert!(
            google.answered(),
            "an interview is an answer, whatever the flag said"
        );
        // The interview's real date is unknown: no time to answer is claimed for it.
        assert_eq!(google.first_answer_on(), None);
        assert_eq!(t.get("4").await.unwrap().status, Status::NoAnswer);
        let blank = t.get("6").await.unwrap();
        assert_eq!(
            blank.applied_on, None,
            "a row without a date stays without one"
        );
        let a = analytics::analyze(&apps, date("2026-03-01"));
        assert_eq!(a.time_to_first_answer, None, "{backend}");
        assert_eq!(a.funnel.answered, 3);
        assert_eq!(a.funnel.applied, 6);
        // After a move, the row says what vitae knows now.
        t.set_status(
            "1",
            Status::Screening,
            date("2026-03-02"),
            None,
            false,
            None,
        )
        .await
        .unwrap();
        let apps = t.list(&ApplicationFilter::default()).await.unwrap();
        let moved = tracker::csv::write(&apps);
        assert!(
            moved.contains("AcmeCorp,Senior Engineer,2026-01-23,screening,1,"),
            "{moved}"
        );
    }
    stores.close().await;
}

#[test]
fn the_older_log_is_read_by_its_column_names_and_bad_rows_are_located() {
    let older = "resume_version,company,role,date_applied,response_status,time_to_response_days,notes,application_method,job_url\n\
                 v1.0.0-base,Google,Software Engineer,2025-01-23,interview,5,Phone screen,LinkedIn,https://linkedin.com/jobs/123\n";
    let read = tracker::csv::read(older, "resume_experiment.csv").unwrap();
    let app = &read.applications[0];
    assert_eq!(app.source, "LinkedIn");
    assert_eq!(app.url, "https://linkedin.com/jobs/123");
    assert_eq!(app.first_answer_on(), Some("2025-01-28"));

    let bad = "company,date,status\nAcme,2026-13-01,applied\n";
    let e = tracker::csv::read(bad, "log.csv").unwrap_err();
    assert_eq!(
        e.to_string(),
        "log.csv: line 2, column `date`: `2026-13-01` is not a date"
    );
    let bad = "company,date,status\nAcme,2026-01-01,pending-ish\n";
    let e = tracker::csv::read(bad, "log.csv").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("log.csv: line 2, column `status`"),
        "{e}"
    );
    assert!(e.hint().unwrap().contains("no_answer"));
    let e = tracker::csv::read("name,role\nx,y\n", "other.csv").unwrap_err();
    assert!(e.to_string().contains("no `company` column"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_updates_of_one_application_one_wins_the_others_are_stale() {
    let stores = Stores::new().await;
    for (backend, store) in stores.both() {
        let t = tracker(&store, "race").await;
        let app = t
            .record(
                Application::new("Acme", "Engineer", Status::Applied),
                Vec::new(),
                date("2026-02-01"),
                FollowUp::Default,
            )
            .await
            .unwrap();
        let writers: Vec<_> = (0..8)
            .map(|i| {
                let t = t.clone();
                let id = app.id.clone();
                tokio::spawn(async move {
                    t.set_status(
                        &id,
                        Status::Screening,
                        date("2026-02-03"),
                        Some(format!("writer {i}")),
                        false,
                        Some(app.version),
                    )
                    .await
                })
            })
            .collect();
        let mut won = Vec::new();
        let mut stale = 0;
        for w in writers {
            match w.await.unwrap() {
                Ok(a) => won.push(a),
                Err(TrackError::Stale { current, .. }) => {
                    assert_eq!(current, app.version + 1);
                    stale += 1;
                }
                Err(e) => panic!("{backend}: {e}"),
            }
        }
        assert_eq!((won.len(), stale), (1, 7), "{backend}");
        let now = t.get(&app.id).await.unwrap();
        assert_eq!(now.version, app.version + 1);
        // The winner's change is there, whole, and nothing else was written.
        assert_eq!(now.history.len(), 2);
        assert_eq!(now.history[1].note, won[0].history[1].note);
        // Without an expected version (the CLI), every change lands, one after another.
        let notes: Vec<_> = (0..6)
            .map(|i| {
                let t = t.clone();
                let id = app.id.clone();
                tokio::spawn(
                    async move { t.note(&id, &format!("call {i}"), date("2026-02-04")).await },
                )
            })
            .collect();
        for n in notes {
            n.await.unwrap().unwrap();
        }
        assert_eq!(t.get(&app.id).await.unwrap().history.len(), 8, "{backend}");
    }
    stores.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_are_stored_once_kept_while_used_and_tenants_stay_apart() {
    let stores = Stores::new().await;
    for (backend, store) in stores.both() {
        let t = tracker(&store, "docs").await;
        let other = tracker(&store, "someone-else").await;
        let pdf = NewDocument {
            media_type: "application/pdf".into(),
            name: "resume.pdf".into(),
            bytes: b"%PDF-1.7 exact bytes".to_vec(),
        };
        let sent = |app: &mut Application| {
            app.sent.resume = Some(SentDocument {
                hash: pdf.hash(),
                name: "resume.pdf".into(),
                media_type: "application/pdf".into(),
                size: pdf.bytes.len() as u64,
            });
        };
        let mut a = Application::new("Acme", "Engineer", Status::Applied);
        sent(&mut a);
        let a = t
            .record(a, vec![pdf.clone()], date("2026-02-01"), FollowUp::Default)
            .await
            .unwrap();
        let mut b = Application::new("Globex", "Engineer", Status::Applied);
        sent(&mut b);
        let b = t
            .record(b, vec![pdf.clone()], date("2026-02-02"), FollowUp::Default)
            .await
            .unwrap();
        assert_eq!(
            store.document_count(t.tenant()).await.unwrap(),
            1,
            "{backend}"
        );
        let (sent, doc) = t.document("1", "resume").await.unwrap();
        assert_eq!(
            (sent.name.as_str(), doc.bytes),
            ("resume.pdf", pdf.bytes.clone())
        );
        // Another tenant sees nothing of it, by number or by id.
        assert!(matches!(other.get("1").await, Err(TrackError::NotFound(_))));
        assert!(matches!(
            other.get(&a.id).await,
            Err(TrackError::NotFound(_))
        ));
        assert!(matches!(
            other.delete(&a.id, None).await,
            Err(TrackError::NotFound(_))
        ));
        assert!(
            other
                .store()
                .document(other.tenant(), &pdf.hash())
                .await
                .unwrap()
                .is_none()
        );
        t.delete(&a.id, None).await.unwrap();
        assert_eq!(
            store.document_count(t.tenant()).await.unwrap(),
            1,
            "still sent by #2"
        );
        t.delete(&b.id, None).await.unwrap();
        assert_eq!(
            store.document_count(t.tenant()).await.unwrap(),
            0,
            "{backend}"
        );
    }
    stores.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuses_move_only_forward_unless_corrected_and_rounds_are_counted() {
    let stores = Stores::new().await;
    let (_, store) = stores.both().into_iter().next().unwrap();
    let t = tracker(&store, "moves").await;
    let app = t
        .record(
            Application::new("Acme", "Engineer", Status::Applied),
            Vec::new(),
            date("2026-02-01"),
            FollowUp::Default,
        )
        .await
        .unwrap();
    assert_eq!(app.follow_up_on.as_deref(), Some("2026-02-08"));
    let day = date("2026-02-10");
    t.set_status("1", Status::Interview, day, None, false, None)
        .await
        .unwrap();
    let a = t
        .set_status("1", Status::Interview, day, None, false, None)
        .await
        .unwrap();
    assert_eq!(a.rounds(), 2);
    assert_eq!(a.history.last().unwrap().round, Some(2));
    let a = t
        .set_status("#1", Status::Rejected, day, None, false, None)
        .await
        .unwrap();
    assert_eq!(
        a.follow_up_on, None,
        "a closed application needs no reminder"
    );
    let e = t
        .set_status("1", Status::Offer, day, None, false, None)
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "an application that is rejected cannot become offer (it is closed; a correction takes --force)"
    );
    let a = t
        .set_status("1", Status::Offer, day, None, true, None)
        .await
        .unwrap();
    assert!(a.history.last().unwrap().forced);
    assert!(matches!(t.get("99").await, Err(TrackError::NotFound(_))));
    let e = t
        .record(
            Application::new("  ", "x", Status::Applied),
            Vec::new(),
            day,
            FollowUp::Default,
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("company is empty"), "{e}");
    stores.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offers_compare_with_the_weights_and_the_arithmetic_adds_up() {
    let stores = Stores::new().await;
    for (backend, store) in stores.both() {
        let t = tracker(&store, "offers").await;
        let offer = |company: &str, base: f64, equity: f64, growth: f64| Offer {
            id: String::new(),
            number: 0,
            version: 0,
            company: company.into(),
            role: "Engineer".into(),
            currency: "EUR".into(),
            base,
            bonus: 0.0,
            equity: (equity > 0.0).then_some(Equity {
                value: equity,
                years: 4.0,
                cliff_months: 12,
            }),
            benefits: 5000.0,
            remote: 5.0,
            growth,
            balance: 5.0,
            deadline: None,
            application: None,
            notes: String::new(),
        };
        t.add_offer(&offer("Acme", 100_000.0, 0.0, 8.0))
            .await
            .unwrap();
        t.add_offer(&offer("Globex", 120_000.0, 40_000.0, 4.0))
            .await
            .unwrap();
        let weights = Weights {
            base: 50.0,
            bonus: 0.0,
            equity: 0.0,
            benefits: 0.0,
            remote: 0.0,
            growth: 50.0,
            balance: 0.0,
        };
        t.set_weights(&weights).await.unwrap();
        let c = t.compare_offers().await.unwrap();
        // Acme: 100/120 × 50 + 8/10 × 50 = 41.67 + 40; Globex: 50 + 20.
        assert_eq!(c.offers[0].offer.company, "Acme", "{backend}");
        assert!((c.offers[0].total - (100.0 / 120.0 * 50.0 + 40.0)).abs() < 1e-9);
        assert!((c.offers[1].total - 70.0).abs() < 1e-9);
        for s in &c.offers {
            let sum: f64 = s.criteria.iter().map(|k| k.points).sum();
            assert!((sum - s.total).abs() < 1e-9);
        }
        assert_eq!(c.offers[1].offer.equity_per_year(), 10_000.0);
        let mut usd = offer("Hooli", 1.0, 0.0, 1.0);
        usd.currency = "USD".into();
        t.add_offer(&usd).await.unwrap();
        let e = t.compare_offers().await.unwrap_err();
        assert!(e.to_string().contains("currency"), "{e}");
        let bad = offers::compare(
            &[],
            &Weights {
                base: 0.0,
                bonus: 0.0,
                equity: 0.0,
                benefits: 0.0,
                remote: 0.0,
                growth: 0.0,
                balance: 0.0,
            },
        );
        assert!(bad.is_err());
    }
    stores.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listings_filter_by_status_company_and_dates_in_the_database() {
    let stores = Stores::new().await;
    for (backend, store) in stores.both() {
        let t = tracker(&store, "filters").await;
        let day = date("2026-04-01");
        for (company, status, applied) in [
            ("Acme", Status::Applied, "2026-03-01"),
            ("ACME Labs", Status::Applied, "2026-03-20"),
            ("100% Remote Co", Status::Applied, "2026-03-21"),
            ("1000 Remote Co", Status::Applied, "2026-03-22"),
            ("Globex", Status::Applied, "2026-03-23"),
        ] {
            let mut a = Application::new(company, "Engineer", status);
            a.applied_on = Some(applied.into());
            t.record(a, Vec::new(), day, FollowUp::Default)
                .await
                .unwrap();
        }
        t.set_status("5", Status::NoAnswer, day, None, false, None)
            .await
            .unwrap();
        t.set_status("4", Status::Rejected, day, None, false, None)
            .await
            .unwrap();
        let names = |apps: Vec<Application>| -> Vec<String> {
            apps.into_iter().map(|a| a.company).collect()
        };
        let list = |filter: ApplicationFilter| {
            let t = t.clone();
            async move { names(t.list(&filter).await.unwrap()) }
        };
        assert_eq!(
            list(ApplicationFilter {
                company: Some("acme".into()),
                ..Default::default()
            })
            .await,
            ["Acme", "ACME Labs"],
            "{backend}"
        );
        // `%` and `_` are text, not wildcards, in a company and in a status.
        assert_eq!(
            list(ApplicationFilter {
                company: Some("100%".into()),
                ..Default::default()
            })
            .await,
            ["100% Remote Co"],
            "{backend}"
        );
        assert_eq!(
            list(ApplicationFilter {
                statuses: vec!["no_answer".into(), "rejected".into()],
                ..Default::default()
            })
            .await,
            ["1000 Remote Co", "Globex"],
            "{backend}"
        );
        assert!(
            list(ApplicationFilter {
                statuses: vec!["noXanswer".into()],
                ..Default::default()
            })
            .await
            .is_empty()
        );
        assert_eq!(
            list(ApplicationFilter {
                applied_since: Some("2026-03-21".into()),
                ..Default::default()
            })
            .await,
            ["100% Remote Co", "1000 Remote Co", "Globex"],
            "{backend}"
        );
    }
    stores.close().await;
}

#[test]
fn huge_day_counts_are_refused_with_their_place_not_a_panic() {
    let today = date("2026-03-01");
    for text in [
        "200000000000000d",
        "9223372036854775807w",
        "+40000d",
        "-99999999999d",
    ] {
        let e = tracker::parse_day(text, today, "WHEN").unwrap_err();
        assert!(e.to_string().starts_with("WHEN: "), "{e}");
    }
    assert_eq!(
        tracker::parse_day("+2w", today, "WHEN").unwrap(),
        date("2026-03-15")
    );
    let log = "company,date_applied,response_status,time_to_response_days\n\
               Acme,2026-01-01,interview,9999999999999999\n";
    let e = tracker::csv::read(log, "log.csv").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("log.csv: line 2, column `time_to_response_days`"),
        "{e}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

    /// Any text, under resume-cli's header or none, is read or refused with a place; never a
    /// panic.
    #[test]
    fn any_log_is_read_or_refused_never_a_panic(body in "\\PC{0,300}", header in proptest::bool::ANY) {
        let text = if header {
            format!("resume_version,company,role,date,status,response,notes,source,url,cover_letter,package_path,time_to_response_days\n{body}")
        } else {
            body
        };
        if let Err(e) = tracker::csv::read(&text, "log.csv") {
            proptest::prop_assert!(e.to_string().starts_with("log.csv: "), "{}", e);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corrections_numbers_reminders_and_case_hold_on_both_backends() {
    let stores = Stores::new().await;
    for (backend, store) in stores.both() {
        let t = tracker(&store, "details").await;
        let day = date("2026-04-01");
        let record = |company: &str, status: Status| {
            let t = t.clone();
            let app = Application::new(company, "Engineer", status);
            async move {
                t.record(app, Vec::new(), day, FollowUp::Default)
                    .await
                    .unwrap()
            }
        };
        // An offer entered by mistake and corrected counts nowhere.
        let a = record("École Polytechnique", Status::Applied).await;
        t.set_status(&a.id, Status::Offer, day, None, false, None)
            .await
            .unwrap();
        let fixed = t
            .set_status(&a.id, Status::Applied, day, None, true, None)
            .await
            .unwrap();
        assert!(
            !fixed.offered() && !fixed.answered(),
            "{backend}: {fixed:?}"
        );
        assert!(fixed.history[1].superseded && fixed.history[2].forced);
        let report = t.analytics(day).await.unwrap();
        assert_eq!(
            (report.funnel.offered, report.funnel.answered),
            (0, 0),
            "{backend}"
        );

        // Saved, then sent: the usual reminder a week later.
        let saved = record("Globex", Status::Saved).await;
        assert_eq!(saved.follow_up_on, None);
        let sent = t
            .set_status(
                &saved.id,
                Status::Applied,
                date("2026-04-03"),
                None,
                false,
                None,
            )
            .await
            .unwrap();
        assert_eq!(
            sent.follow_up_on.as_deref(),
            Some("2026-04-10"),
            "{backend}"
        );

        // A deleted number is never handed out again.
        let third = record("Initech", Status::Applied).await;
        t.delete(&third.id, None).await.unwrap();
        let fourth = record("Hooli", Status::Applied).await;
        assert_eq!((third.number, fourth.number), (3, 4), "{backend}");

        // The company filter folds case the same way on both backends, beyond ASCII too.
        let found = t
            .list(&ApplicationFilter {
                company: Some("ÉCOLE".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "{backend}");

        // Dates are stored as ISO text whatever spaces they came with.
        let mut spaced = Application::new("Stark", "Engineer", Status::Applied);
        spaced.applied_on = Some(" 2026-03-30 ".into());
        let spaced = t
            .record(spaced, Vec::new(), day, FollowUp::None)
            .await
            .unwrap();
        assert_eq!(spaced.applied_on.as_deref(), Some("2026-03-30"));
        assert_eq!(spaced.follow_up_on, None, "no reminder was asked for");

        // Currencies are compared by their code, whatever its case.
        let offer = |company: &str, currency: &str| tracker::offers::Offer {
            id: String::new(),
            number: 0,
            version: 0,
            company: company.into(),
            role: String::new(),
            currency: currency.into(),
            base: 100_000.0,
            bonus: 0.0,
            equity: None,
            benefits: 0.0,
            remote: 5.0,
            growth: 5.0,
            balance: 5.0,
            deadline: None,
            application: None,
            notes: String::new(),
        };
        t.add_offer(&offer("Acme", "usd")).await.unwrap();
        t.add_offer(&offer("Globex", "USD ")).await.unwrap();
        assert_eq!(
            t.compare_offers().await.unwrap().currency,
            "USD",
            "{backend}"
        );
    }
    stores.close().await;
}
