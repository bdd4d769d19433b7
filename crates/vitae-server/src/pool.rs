//! The work pool: where CPU-heavy work (parsing, Typst, DOCX, PNG) runs, never on an async
//! worker thread.
//!
//! A fixed set of threads takes jobs from bounded queues, one per tenant. The queues are bounded
//! by the time a job would wait in them, not only by their length: the pool keeps a running
//! average of how long each kind of job takes (an ATS check, a PDF render, a PNG render...),
//! every queued job carries that estimate, and a job that would wait longer than `max_wait`
//! before a thread takes it is refused at once (the handler answers 503, with the time until it
//! would not as `Retry-After`), so load beyond capacity costs nothing and nobody waits without
//! bound. A length alone cannot do this: 64 quick ATS checks are a few milliseconds of work, 64
//! PNG renders at 300 dpi several seconds, and a burst of the first must not be refused while the
//! second must. One average for every kind cannot either: one tenant's PNGs would raise it and
//! shrink another tenant's room for quick checks, and a run of quick checks would lower it and
//! admit PNGs that wait past their deadline. The length cap stays as a bound on memory (on new
//! requests: see below). Every job carries its request's
//! deadline: a job still queued when its deadline passes is dropped unrun, the caller stops
//! waiting at the deadline, and a render still running then stops at its next font lookup
//! ([`vitae_render::with_deadline`]), so the thread is free again soon after.
//!
//! A request's later jobs (an ATS check reads its body, prepares, then finishes: three jobs)
//! queue ahead of its tenant's new requests' jobs ([`Admission::Next`]), each bounded by the
//! wait at that place, so a backlog is waited for once per request, not once per job.
//!
//! Fair sharing: the threads take the tenants' queues in turn, and a tenant runs at most
//! `share` jobs at once (by default one thread fewer than the pool has), so one tenant sending
//! slow or huge requests cannot hold every thread, nor fill the queue for everyone: each tenant
//! may queue at most half of it. The pool has one thread more than the machine has cores, so a
//! tenant alone still keeps every core busy.
//!
//! The threads run at a lower scheduling priority (10 steps nicer) than the async workers, so a
//! saturated pool cannot make `/health` or a small request wait behind a render for CPU time.

use std::collections::{HashMap, VecDeque};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use tokio::sync::oneshot;
use tokio::time::Instant;

type Job = Box<dyn FnOnce() + Send>;

/// What kind of work a job is (`"ats-prepare"`, `"render-pdf"`...): the pool keeps one
/// estimate of how long a job takes per kind. Kinds are names from the code and output formats'
/// names, never request text, so `/metrics` has one series per kind and no more.
pub type JobKind = std::borrow::Cow<'static, str>;

/// A job waiting for a thread, and its kind: it is reckoned at its kind's estimate as it is when
/// the next job is admitted, so what a job of its kind just took counts at once.
struct Waiting {
    job: Job,
    kind: JobKind,
    admission: Admission,
}

thread_local! {
    /// Set by a job that should not teach the pool its kind's time (see [`uncounted`]).
    static UNCOUNTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Called from inside a job: its time does not count towards its kind's estimate. For work that
/// ended early (a request refused as malformed) or found its answer already made (the render
/// cache), which would otherwise make the kind look cheaper than its real work.
pub fn uncounted() {
    UNCOUNTED.with(|u| u.set(true));
}

/// Where a job joins its tenant's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// A request's first job: at the back, if the wait bound and the length caps admit it.
    New,
    /// A later job of a request the pool already took a job of (an ATS check reads its body,
    /// prepares, then finishes, each on the pool): queued ahead of the tenant's new requests'
    /// jobs, behind the later jobs already waiting, and refused only if it would wait past the
    /// bound from there; the length caps, which bound memory, do not refuse it (a request has
    /// one job at a time, and refusing it would throw away the ones its request already ran).
    /// Queued at the back instead, a request of three jobs waits for the whole queue three times
    /// while the requests behind it start.
    Next,
}

/// Why pooled work produced no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolError {
    /// The queue is full (or this tenant's part of it): a job sent now would wait longer
    /// than the pool allows, or find no room. It holds the whole seconds until the queue
    /// should have drained enough to take it (1 when only the room ran out).
    Busy { retry_after: u64 },
    /// The deadline passed before the work finished.
    Timeout,
    /// The work panicked (a bug; the pool thread survives).
    Panicked,
}

/// Counters for `/metrics`.
#[derive(Debug, Default)]
pub struct PoolStats {
    pub queued: AtomicUsize,
    pub running: AtomicUsize,
    pub rejected: AtomicU64,
    pub timed_out: AtomicU64,
    /// Jobs still running on a thread after their caller gave up at the deadline. A render
    /// stops at its next font lookup; other work (parsing, DOCX) is bounded before it starts.
    pub abandoned: AtomicUsize,
}

/// What a job of a kind is reckoned to take before the pool has timed one: about a PDF render of
/// a two-page resume on a slow core, the most common heavy job.
const FIRST_GUESS: std::time::Duration = std::time::Duration::from_millis(25);

/// Where a job is, so that the caller giving up and the job ending agree on who counts it.
const QUEUED: u8 = 0;
const RUNNING: u8 = 1;
const DONE: u8 = 2;
const ABANDONED: u8 = 3;

/// The queues the threads share.
#[derive(Default)]
struct Queues {
    /// Waiting jobs per tenant, oldest first.
    waiting: HashMap<Arc<str>, VecDeque<Waiting>>,
    /// Tenants with waiting jobs, in the order they are served (each goes to the back after a
    /// job of theirs starts).
    turn: VecDeque<Arc<str>>,
    /// Jobs running per tenant.
    running: HashMap<Arc<str>, usize>,
    /// Waiting jobs in all.
    queued: usize,
    /// The pool was dropped: the threads end once the queues are empty.
    closed: bool,
}

impl Queues {
    /// The next job to run: the first tenant in turn below its share, and its oldest job.
    fn next(&mut self, share: usize) -> Option<(Arc<str>, Job)> {
        let running = &self.running;
        let at = self
            .turn
            .iter()
            .position(|t| running.get(t).copied().unwrap_or(0) < share)?;
        let tenant = self.turn.remove(at)?;
        let queue = self.waiting.get_mut(&tenant)?;
        let Waiting { job, .. } = queue.pop_front()?;
        if queue.is_empty() {
            self.waiting.remove(&tenant);
        } else {
            self.turn.push_back(Arc::clone(&tenant));
        }
        self.queued -= 1;
        *self.running.entry(Arc::clone(&tenant)).or_default() += 1;
        Some((tenant, job))
    }

    fn finished(&mut self, tenant: &Arc<str>) {
        if let Some(n) = self.running.get_mut(tenant) {
            *n -= 1;
            if *n == 0 {
                self.running.remove(tenant);
            }
        }
    }
}

struct Shared {
    queues: Mutex<Queues>,
    /// Signalled when a job is queued, a job ends (its tenant may be below its share again) or
    /// the pool closes.
    changed: Condvar,
    stats: PoolStats,
    /// How long a job of each kind has taken lately: a moving average (each new job weighs an
    /// eighth); a kind is absent until its first job ends. What the bound on waiting reckons
    /// with. A lock of its own: it is written as a job ends, outside the queues' lock.
    typical: Mutex<HashMap<JobKind, std::time::Duration>>,
}

impl Shared {
    /// Folds one job's time into its kind's moving average.
    fn note_job(&self, kind: JobKind, took: std::time::Duration) {
        let mut typical = self.typical.lock().unwrap_or_else(|e| e.into_inner());
        let average = typical.entry(kind).or_insert(took);
        // average + (took - average) / 8.
        *average = if took >= *average {
            *average + (took - *average) / 8
        } else {
            *average - (*average - took) / 8
        };
    }

    fn lock(&self) -> MutexGuard<'_, Queues> {
        // A job never runs while the lock is held, so the lock cannot be poisoned by one.
        self.queues.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Closes the pool when the last handle is dropped.
struct Owner(Arc<Shared>);

impl Drop for Owner {
    fn drop(&mut self) {
        self.0.lock().closed = true;
        self.0.changed.notify_all();
    }
}

/// A bounded, fairly shared pool of worker threads.
#[derive(Clone)]
pub struct WorkPool {
    owner: Arc<Owner>,
    workers: usize,
    capacity: usize,
    share: usize,
    max_wait: std::time::Duration,
}

impl std::fmt::Debug for WorkPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkPool")
            .field("workers", &self.workers)
            .field("capacity", &self.capacity)
            .field("share", &self.share)
            .field("max_wait", &self.max_wait)
            .finish()
    }
}

impl WorkPool {
    /// `workers` threads, room for `capacity` waiting jobs, at most `share` jobs of one tenant
    /// running at once (0: one fewer than `workers`, or 1), and no job queued that would wait
    /// longer than `max_wait` for a thread. Threads stop when the last handle to the pool is
    /// dropped.
    pub fn new(
        workers: usize,
        capacity: usize,
        share: usize,
        max_wait: std::time::Duration,
    ) -> std::io::Result<Self> {
        let workers = workers.max(1);
        let share = match share {
            0 => workers.saturating_sub(1).max(1),
            n => n.min(workers),
        };
        let shared = Arc::new(Shared {
            queues: Mutex::new(Queues::default()),
            changed: Condvar::new(),
            stats: PoolStats::default(),
            typical: Mutex::default(),
        });
        for i in 0..workers {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name(format!("vitae-work-{i}"))
                .spawn(move || worker(&shared, share))?;
        }
        Ok(WorkPool {
            owner: Arc::new(Owner(shared)),
            workers,
            capacity: capacity.max(1),
            share,
            max_wait,
        })
    }

    fn shared(&self) -> &Shared {
        &self.owner.0
    }

    pub fn stats(&self) -> &PoolStats {
        &self.shared().stats
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    /// The most jobs one tenant runs at once.
    pub fn share(&self) -> usize {
        self.share
    }

    /// How long a job of each kind has taken lately, by kind (a kind appears once a job of it
    /// has ended).
    pub fn typical_jobs(&self) -> Vec<(JobKind, std::time::Duration)> {
        let typical = self
            .shared()
            .typical
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut kinds: Vec<_> = typical.iter().map(|(k, d)| (k.clone(), *d)).collect();
        kinds.sort();
        kinds
    }

    /// How long a job of `tenant`, which has `own` jobs queued, would wait for a thread if sent
    /// now. The threads take the tenants in turn, one job each, so before it run its tenant's
    /// queued jobs and, of every other tenant's, as many as one more than its own (a tenant
    /// sending its first job waits for one job of each other tenant, not for their whole
    /// queues); those jobs' estimates spread over every thread, and its own over its tenant's
    /// share of them. A kind no job has ended of yet is reckoned at [`FIRST_GUESS`], so a burst
    /// at start is bounded too (by about 200 jobs a thread at the default 5 s).
    fn expected_wait(&self, queues: &Queues, tenant: &str, own: usize) -> std::time::Duration {
        // Taken with the queues' lock held; `note_job` takes this one alone, so the order of
        // the two is always the same.
        let typical = self
            .shared()
            .typical
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let estimate = |kind: &JobKind| typical.get(kind).copied().unwrap_or(FIRST_GUESS);
        let work = |q: &VecDeque<Waiting>, jobs: usize| {
            q.iter()
                .take(jobs)
                .fold(std::time::Duration::ZERO, |sum, w| {
                    sum.saturating_add(estimate(&w.kind))
                })
        };
        let mut ahead = std::time::Duration::ZERO;
        let mut own_work = std::time::Duration::ZERO;
        for (t, q) in &queues.waiting {
            if &**t == tenant {
                own_work = work(q, own);
                ahead = ahead.saturating_add(own_work);
            } else {
                ahead = ahead.saturating_add(work(q, own + 1));
            }
        }
        let per_thread = |work: std::time::Duration, threads: usize| {
            work / u32::try_from(threads).unwrap_or(u32::MAX)
        };
        per_thread(ahead, self.workers).max(per_thread(own_work, self.share))
    }

    /// [`submit`](Self::submit) as [`Admission::New`]: the first job of a request, queued behind
    /// the tenant's waiting jobs.
    pub async fn run<T, F>(
        &self,
        tenant: &str,
        kind: impl Into<JobKind>,
        deadline: Instant,
        work: F,
    ) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        self.submit(tenant, kind, deadline, Admission::New, work)
            .await
    }

    /// Runs `work`, a job of `kind`, for `tenant` on a pool thread, queued as `admission`
    /// says, and waits for its result until `deadline`.
    pub async fn submit<T, F>(
        &self,
        tenant: &str,
        kind: impl Into<JobKind>,
        deadline: Instant,
        admission: Admission,
        work: F,
    ) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let kind = kind.into();
        let job_kind = kind.clone();
        let (tx, rx) = oneshot::channel();
        let phase = Arc::new(AtomicU8::new(QUEUED));
        let job_phase = Arc::clone(&phase);
        let shared = Arc::clone(&self.owner.0);
        let job: Job = Box::new(move || {
            let stats = &shared.stats;
            // Nobody waits for a result past the deadline: do not spend the CPU on it.
            if Instant::now() >= deadline {
                return;
            }
            if job_phase
                .compare_exchange(QUEUED, RUNNING, Ordering::SeqCst, Ordering::SeqCst)
                .is_err()
            {
                return; // the caller already gave up while it was queued
            }
            let until = deadline.into_std();
            let passed: vitae_render::Stop = Arc::new(move || std::time::Instant::now() >= until);
            let started = std::time::Instant::now();
            UNCOUNTED.with(|u| u.set(false));
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
                vitae_render::with_deadline(passed, work)
            }));
            // Only work that ran counts (not a job dropped unrun above, nor one that said it
            // should not), and it counts before the caller hears of it, so the next request the
            // caller sends is reckoned with it.
            if !UNCOUNTED.with(|u| u.replace(false)) {
                shared.note_job(job_kind, started.elapsed());
            }
            if job_phase
                .compare_exchange(RUNNING, DONE, Ordering::SeqCst, Ordering::SeqCst)
                .is_err()
            {
                // The caller gave up while this ran: it is gone now.
                stats.abandoned.fetch_sub(1, Ordering::SeqCst);
            }
            let _ = tx.send(result);
        });
        let shared = self.shared();
        {
            let mut queues = shared.lock();
            let own = queues.waiting.get(tenant);
            let queued = own.map_or(0, VecDeque::len);
            // Where the job goes in its tenant's queue: a new request's at the back; a later job
            // behind the later jobs already waiting (always the queue's first ones), in the order
            // they came, ahead of the new requests'.
            let place = match admission {
                Admission::New => queued,
                Admission::Next => own.map_or(0, |q| {
                    q.iter()
                        .take_while(|w| w.admission == Admission::Next)
                        .count()
                }),
            };
            // Every job is bounded by the wait at its own place.
            let wait = self.expected_wait(&queues, tenant, place);
            // The length caps bound memory by refusing new requests. A later job is bounded by
            // the requests under way (one job each at a time, and one connection each), and
            // refusing it would throw away the jobs its request already ran.
            let full = admission == Admission::New
                && (queues.queued >= self.capacity || queued >= self.capacity.div_ceil(2));
            if full || wait > self.max_wait {
                drop(queues);
                shared.stats.rejected.fetch_add(1, Ordering::Relaxed);
                return Err(PoolError::Busy {
                    retry_after: retry_after(wait.saturating_sub(self.max_wait)),
                });
            }
            let tenant: Arc<str> = Arc::from(tenant);
            let queue = queues.waiting.entry(Arc::clone(&tenant)).or_default();
            queue.insert(
                place,
                Waiting {
                    job,
                    kind,
                    admission,
                },
            );
            if queue.len() == 1 {
                queues.turn.push_back(tenant);
            }
            queues.queued += 1;
            shared.stats.queued.fetch_add(1, Ordering::SeqCst);
        }
        shared.changed.notify_all();
        match tokio::time::timeout_at(deadline, rx).await {
            Ok(Ok(Ok(value))) => Ok(value),
            Ok(Ok(Err(_panic))) => Err(PoolError::Panicked),
            // The job was dropped unrun (its deadline passed in the queue), or we gave up.
            Ok(Err(_)) | Err(_) => {
                let stats = &shared.stats;
                // Counted before the hand-over so the job's own decrement never comes first.
                stats.abandoned.fetch_add(1, Ordering::SeqCst);
                if phase
                    .compare_exchange(RUNNING, ABANDONED, Ordering::SeqCst, Ordering::SeqCst)
                    .is_err()
                {
                    stats.abandoned.fetch_sub(1, Ordering::SeqCst);
                    // Still queued: make sure it never starts.
                    let _ =
                        phase.compare_exchange(QUEUED, DONE, Ordering::SeqCst, Ordering::SeqCst);
                }
                stats.timed_out.fetch_add(1, Ordering::Relaxed);
                Err(PoolError::Timeout)
            }
        }
    }
}

/// Whole seconds until a queue that keeps a job `excess` too long has drained enough, for
/// `Retry-After`: at least 1, and at most a minute (the queue's work is an estimate).
fn retry_after(excess: std::time::Duration) -> u64 {
    let seconds = excess.as_secs() + u64::from(excess.subsec_nanos() > 0);
    seconds.clamp(1, 60)
}

fn worker(shared: &Shared, share: usize) {
    lower_priority();
    let mut queues = shared.lock();
    loop {
        if let Some((tenant, job)) = queues.next(share) {
            drop(queues);
            shared.stats.queued.fetch_sub(1, Ordering::SeqCst);
            shared.stats.running.fetch_add(1, Ordering::SeqCst);
            job();
            shared.stats.running.fetch_sub(1, Ordering::SeqCst);
            queues = shared.lock();
            queues.finished(&tenant);
            // The tenant may be below its share again, with a job another thread could start.
            shared.changed.notify_all();
            continue;
        }
        if queues.closed && queues.queued == 0 {
            return;
        }
        queues = shared
            .changed
            .wait(queues)
            .unwrap_or_else(|e| e.into_inner());
    }
}

/// The calling thread ten steps nicer than it is (at most 19; on Linux a thread's own priority):
/// relative, so a server started at nice 5 has its work threads at 15, still below its async
/// threads. Best effort: without it the pool still works, only with less headroom for the async
/// threads.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let tid = rustix::thread::gettid();
        let now = rustix::process::getpriority_process(Some(tid)).unwrap_or(0);
        if let Err(e) = rustix::process::setpriority_process(Some(tid), (now + 10).min(19)) {
            tracing::debug!(error = %e, "could not lower the work thread's priority");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A wait bound no test's queue reaches, for the tests of the length bound.
    const NO_WAIT_LIMIT: Duration = Duration::from_secs(3600);

    fn later(ms: u64) -> Instant {
        Instant::now() + Duration::from_millis(ms)
    }

    #[tokio::test]
    async fn work_runs_off_the_async_thread_and_returns_its_value() {
        let pool = WorkPool::new(2, 4, 0, NO_WAIT_LIMIT).unwrap();
        let caller = std::thread::current().id();
        let (value, thread) = pool
            .run("t", "job", later(5_000), move || {
                (21 * 2, std::thread::current().id())
            })
            .await
            .unwrap();
        assert_eq!(value, 42);
        assert_ne!(thread, caller);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once() {
        let pool = WorkPool::new(1, 1, 0, NO_WAIT_LIMIT).unwrap();
        let gate = Arc::new(std::sync::Barrier::new(2));
        let g = Arc::clone(&gate);
        let busy = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run("t", "job", later(5_000), move || g.wait()).await }
        });
        // Wait until the worker holds the first job, then fill the one queue slot.
        while pool.stats().running.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let queued = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run("t", "job", later(5_000), || 1).await }
        });
        while pool.stats().queued.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        assert_eq!(
            pool.run("t", "job", later(5_000), || 2).await,
            Err(PoolError::Busy { retry_after: 1 })
        );
        gate.wait();
        busy.await.unwrap().unwrap();
        assert_eq!(queued.await.unwrap(), Ok(1));
        assert_eq!(pool.stats().rejected.load(Ordering::Relaxed), 1);
    }

    /// How long the pool reckons a job of `kind` takes (zero before one has ended).
    fn typical(pool: &WorkPool, kind: &str) -> Duration {
        let typical = pool.typical_jobs();
        typical
            .iter()
            .find(|(k, _)| k == kind)
            .map_or(Duration::ZERO, |(_, d)| *d)
    }

    /// Sets what the pool reckons a job of `kind` takes, as if it had timed one.
    fn teach(pool: &WorkPool, kind: &'static str, took: Duration) {
        let mut typical = pool.shared().typical.lock().unwrap();
        typical.insert(kind.into(), took);
    }

    /// Holds the pool's only threads until the returned barrier is passed (`workers` threads).
    async fn hold_threads(
        pool: &WorkPool,
        workers: usize,
    ) -> (
        Arc<std::sync::Barrier>,
        Vec<tokio::task::JoinHandle<Result<(), PoolError>>>,
    ) {
        let gate = Arc::new(std::sync::Barrier::new(workers + 1));
        let mut held = Vec::new();
        for n in 0..workers {
            let (handle, g) = (pool.clone(), Arc::clone(&gate));
            // A tenant each: one tenant may hold only its share of the threads.
            held.push(tokio::spawn(async move {
                handle
                    .run(
                        format!("holder-{n}").as_str(),
                        "hold",
                        later(10_000),
                        move || {
                            g.wait();
                        },
                    )
                    .await
            }));
            settle(pool, n + 1, 0).await;
        }
        (gate, held)
    }

    #[tokio::test]
    async fn a_job_that_would_wait_too_long_is_refused_at_once_whatever_the_room() {
        let max_wait = Duration::from_millis(250);
        let pool = WorkPool::new(1, 1_000, 0, max_wait).unwrap();
        assert_eq!(typical(&pool, "job"), Duration::ZERO);
        // One job of 100 ms teaches the pool how long a job takes.
        pool.run("t", "job", later(5_000), || {
            std::thread::sleep(Duration::from_millis(100))
        })
        .await
        .unwrap();
        let measured = typical(&pool, "job");
        assert!(measured >= Duration::from_millis(100), "{measured:?}");
        // A slow machine may have made it longer; the rest reckons with what was measured, but
        // needs a job under `max_wait` for the other tenant's to be queued.
        if measured >= max_wait {
            teach(&pool, "job", Duration::from_millis(100));
        }
        let typical = typical(&pool, "job");
        // While the only thread is held, jobs queue until the next would wait past 250 ms: with
        // `typical` per job, that is the one finding more than 250 ms / typical jobs ahead.
        let (gate, held) = hold_threads(&pool, 1).await;
        let room = (max_wait.as_nanos() / typical.as_nanos()) as usize + 1;
        let mut queued = Vec::new();
        for n in 1..=room {
            let handle = pool.clone();
            queued.push(tokio::spawn(async move {
                handle.run("t", "job", later(10_000), || ()).await
            }));
            settle(&pool, 1, n).await;
        }
        // Refused at once, though the queue has room for 1,000: the wait is what counts, and
        // the answer says how long it is.
        let started = std::time::Instant::now();
        let refused = pool.run("t", "job", later(10_000), || ()).await;
        assert!(started.elapsed() < Duration::from_secs(1));
        let excess = typical * room as u32 - max_wait;
        let seconds = excess.as_secs() + u64::from(excess.subsec_nanos() > 0);
        assert_eq!(
            refused,
            Err(PoolError::Busy {
                retry_after: seconds.max(1)
            })
        );
        // Another tenant's first job waits for one of t's, not for t's whole queue (the thread
        // takes the tenants in turn): it is queued.
        let other = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run("u", "job", later(10_000), || ()).await }
        });
        settle(&pool, 1, room + 1).await;
        gate.wait();
        for job in held {
            job.await.unwrap().unwrap();
        }
        assert_eq!(other.await.unwrap(), Ok(()));
        for job in queued {
            assert_eq!(job.await.unwrap(), Ok(()));
        }
        assert_eq!(pool.stats().rejected.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn a_request_s_later_jobs_go_ahead_of_new_requests_each_bounded_by_its_own_wait() {
        // One thread, held; jobs of 100 ms; the queue takes 250 ms of waiting.
        let max_wait = Duration::from_millis(250);
        let pool = WorkPool::new(1, 1_000, 0, max_wait).unwrap();
        teach(&pool, "job", Duration::from_millis(100));
        let (gate, held) = hold_threads(&pool, 1).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let send = |next: bool, name: String| {
            let (handle, order) = (pool.clone(), Arc::clone(&order));
            tokio::spawn(async move {
                let job = move || order.lock().unwrap().push(name);
                if next {
                    handle
                        .submit("t", "job", later(10_000), Admission::Next, job)
                        .await
                } else {
                    handle.run("t", "job", later(10_000), job).await
                }
            })
        };
        // Three new requests wait 0, 100 and 200 ms; a fourth would wait 300: refused.
        let mut queued = Vec::new();
        for n in 1..=3 {
            queued.push(send(false, format!("new {n}")));
            settle(&pool, 1, n).await;
        }
        let refused = send(false, "refused".into()).await.unwrap();
        assert!(
            matches!(refused, Err(PoolError::Busy { .. })),
            "{refused:?}"
        );
        // Later jobs of requests under way go ahead of them, in the order they came, each
        // bounded by the wait at its own place: the third waits 200 ms, a fourth would wait 300.
        for n in 1..=3 {
            queued.push(send(true, format!("next {n}")));
            settle(&pool, 1, 3 + n).await;
        }
        let refused = send(true, "refused".into()).await.unwrap();
        assert!(
            matches!(refused, Err(PoolError::Busy { .. })),
            "{refused:?}"
        );
        gate.wait();
        for job in held {
            job.await.unwrap().unwrap();
        }
        for job in queued {
            assert_eq!(job.await.unwrap(), Ok(()));
        }
        assert_eq!(
            *order.lock().unwrap(),
            ["next 1", "next 2", "next 3", "new 1", "new 2", "new 3"].map(String::from)
        );
    }

    #[tokio::test]
    async fn the_length_caps_refuse_new_requests_not_the_later_jobs_of_those_under_way() {
        // Room for two jobs: a tenant queues at most one new request's.
        let pool = WorkPool::new(1, 2, 0, NO_WAIT_LIMIT).unwrap();
        let (gate, held) = hold_threads(&pool, 1).await;
        let first = tokio::spawn({
            let handle = pool.clone();
            async move { handle.run("t", "job", later(10_000), || "new").await }
        });
        settle(&pool, 1, 1).await;
        assert_eq!(
            pool.run("t", "job", later(10_000), || "refused").await,
            Err(PoolError::Busy { retry_after: 1 })
        );
        let next = tokio::spawn({
            let handle = pool.clone();
            async move {
                handle
                    .submit("t", "job", later(10_000), Admission::Next, || "next")
                    .await
            }
        });
        settle(&pool, 1, 2).await;
        gate.wait();
        for job in held {
            job.await.unwrap().unwrap();
        }
        assert_eq!(next.await.unwrap(), Ok("next"));
        assert_eq!(first.await.unwrap(), Ok("new"));
    }

    #[tokio::test]
    async fn each_kind_of_job_is_reckoned_at_its_own_time() {
        // 100 ms PNGs and 1 ms ATS checks, two threads, one job each at most per tenant: the
        // queue takes 250 ms of waiting.
        let max_wait = Duration::from_millis(250);
        let pool = WorkPool::new(2, 1_000, 1, max_wait).unwrap();
        teach(&pool, "png", Duration::from_millis(100));
        teach(&pool, "ats", Duration::from_millis(1));
        let (gate, held) = hold_threads(&pool, 2).await;
        // Tenant a's PNGs: its own queue runs on its one thread, so the third waits 200 ms and
        // the fourth would wait 300 ms.
        let mut queued = Vec::new();
        for n in 1..=3 {
            let handle = pool.clone();
            queued.push(tokio::spawn(async move {
                handle.run("a", "png", later(10_000), || ()).await
            }));
            settle(&pool, 2, n).await;
        }
        assert_eq!(
            pool.run("a", "png", later(10_000), || ()).await,
            Err(PoolError::Busy { retry_after: 1 })
        );
        // Tenant b's ATS checks wait behind a's PNGs that come before them in turn (at most
        // three, 300 ms over two threads) and their own: b may queue about 200 of them, where
        // one average of the two kinds (50 ms) would have let it queue 8.
        let mut b_queued = 0;
        loop {
            let handle = pool.clone();
            let job =
                tokio::spawn(async move { handle.run("b", "ats", later(10_000), || ()).await });
            let expected = 3 + b_queued + 1;
            let settled = tokio::time::timeout(Duration::from_secs(2), async {
                while pool.stats().queued.load(Ordering::SeqCst) != expected && !job.is_finished() {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            })
            .await;
            assert!(
                settled.is_ok(),
                "the pool neither queued nor refused b's job"
            );
            if job.is_finished() {
                assert_eq!(job.await.unwrap(), Err(PoolError::Busy { retry_after: 1 }));
                break;
            }
            queued.push(job);
            b_queued += 1;
        }
        // With n of its own queued, b's next waits for 300 ms of a's and n ms of its own over
        // two threads: within 250 ms while n ≤ 200, so 201 are queued (n = 0 to 200).
        assert_eq!(
            b_queued, 201,
            "b's ATS checks queued before one was refused"
        );
        gate.wait();
        for job in held {
            job.await.unwrap().unwrap();
        }
        for job in queued {
            assert_eq!(job.await.unwrap(), Ok(()));
        }
        // The kinds' estimates moved towards what the jobs really took (next to nothing).
        assert!(typical(&pool, "png") < Duration::from_millis(100));
        assert!(typical(&pool, "ats") <= Duration::from_millis(1));
    }

    #[tokio::test]
    async fn a_job_that_says_so_does_not_teach_its_kinds_time() {
        let pool = WorkPool::new(1, 4, 0, NO_WAIT_LIMIT).unwrap();
        teach(&pool, "render-pdf", Duration::from_millis(100));
        // A render refused as malformed, or answered from the cache: next to no time, uncounted.
        pool.run("t", "render-pdf", later(5_000), uncounted)
            .await
            .unwrap();
        assert_eq!(typical(&pool, "render-pdf"), Duration::from_millis(100));
        // The next job on that thread counts again.
        pool.run("t", "render-pdf", later(5_000), || ())
            .await
            .unwrap();
        assert!(typical(&pool, "render-pdf") < Duration::from_millis(100));
    }

    #[tokio::test]
    async fn the_caller_stops_waiting_at_the_deadline_and_panics_are_contained() {
        let pool = WorkPool::new(1, 4, 0, NO_WAIT_LIMIT).unwrap();
        let slow = pool
            .run("t", "job", later(20), || {
                std::thread::sleep(Duration::from_millis(300))
            })
            .await;
        assert_eq!(slow, Err(PoolError::Timeout));
        // The abandoned job still holds its thread until it really ends, and says so.
        assert_eq!(pool.stats().abandoned.load(Ordering::SeqCst), 1);
        let panicked = pool
            .run("t", "job", later(5_000), || -> u8 {
                panic!("a bug in a job")
            })
            .await;
        assert_eq!(panicked, Err(PoolError::Panicked));
        // The thread survived the panic, and the abandoned job is gone once it ended.
        assert_eq!(pool.run("t", "job", later(5_000), || 7).await, Ok(7));
        assert_eq!(pool.stats().abandoned.load(Ordering::SeqCst), 0);
    }

    /// Waits (at most 10 s) until `running` jobs run and `queued` wait.
    async fn settle(pool: &WorkPool, running: usize, queued: usize) {
        let stats = pool.stats();
        let started = std::time::Instant::now();
        while stats.running.load(Ordering::SeqCst) != running
            || stats.queued.load(Ordering::SeqCst) != queued
        {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "expected {running} running and {queued} queued, found {} and {}",
                stats.running.load(Ordering::SeqCst),
                stats.queued.load(Ordering::SeqCst)
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    #[tokio::test]
    async fn one_tenant_cannot_hold_every_thread_nor_fill_the_queue() {
        let pool = WorkPool::new(3, 4, 0, NO_WAIT_LIMIT).unwrap();
        assert_eq!(pool.share(), 2);
        // Tenant a sends four jobs that hold their thread until released.
        let gate = Arc::new(std::sync::Barrier::new(3));
        let mut held = Vec::new();
        for sent in 1..=4 {
            let (handle, gate) = (pool.clone(), Arc::clone(&gate));
            held.push(tokio::spawn(async move {
                handle
                    .run("a", "job", later(10_000), move || {
                        gate.wait();
                    })
                    .await
            }));
            // One at a time: the first two are running (a's share) and the others waiting
            // before the next is sent, so none is refused for a's half of the queue.
            settle(&pool, sent.min(2), sent.saturating_sub(2)).await;
        }
        // Two of a's jobs run (its share), two wait: the queue's half that is a's.
        assert_eq!(
            pool.run("a", "job", later(10_000), || 0).await,
            Err(PoolError::Busy { retry_after: 1 })
        );
        // Tenant b is served at once on the thread a may not take, and a's jobs stay as they
        // were (the worker counts b's job as ended just after its answer is sent).
        assert_eq!(pool.run("b", "job", later(10_000), || 5).await, Ok(5));
        settle(&pool, 2, 2).await;
        // Released, a's first two end and its other two take their place.
        gate.wait();
        gate.wait();
        for job in held {
            assert_eq!(job.await.unwrap(), Ok(()));
        }
    }

    #[tokio::test]
    async fn tenants_are_served_in_turn() {
        let pool = WorkPool::new(1, 16, 0, NO_WAIT_LIMIT).unwrap();
        let gate = Arc::new(std::sync::Barrier::new(2));
        let order = Arc::new(Mutex::new(Vec::new()));
        let g = Arc::clone(&gate);
        let first = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run("a", "job", later(10_000), move || g.wait()).await }
        });
        while pool.stats().running.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        // While the only thread is held: a queues three jobs, then b one.
        let mut jobs = Vec::new();
        for tenant in ["a", "a", "a", "b"] {
            let (handle, order) = (pool.clone(), Arc::clone(&order));
            jobs.push(tokio::spawn(async move {
                handle
                    .run(tenant, "job", later(10_000), move || {
                        order.lock().unwrap().push(tenant)
                    })
                    .await
            }));
            let queued = jobs.len();
            while pool.stats().queued.load(Ordering::SeqCst) < queued {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
        gate.wait();
        first.await.unwrap().unwrap();
        for job in jobs {
            job.await.unwrap().unwrap();
        }
        // b waited for one job of a's, not for all three.
        assert_eq!(*order.lock().unwrap(), ["a", "b", "a", "a"]);
    }
}
