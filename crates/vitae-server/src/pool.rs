//! The work pool: where CPU-heavy work (parsing, Typst, DOCX, PNG) runs, never on an async
//! worker thread.
//!
//! A fixed set of threads (one per core by default) takes jobs from a bounded queue. A job that
//! finds the queue full is refused at once (the handler answers 503 with `Retry-After`), so load
//! beyond capacity costs nothing and nobody waits without bound. Every job carries its request's
//! deadline: a job still queued when its deadline passes is dropped unrun, and the caller stops
//! waiting at the deadline.
//!
//! The threads run at a lower scheduling priority (nice 10) than the async workers, so a
//! saturated pool cannot make `/health` or a small request wait behind a render for CPU time.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;
use tokio::time::Instant;

type Job = Box<dyn FnOnce() + Send>;

/// Why pooled work produced no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolError {
    /// The queue is full.
    Busy,
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
    /// Jobs still running on a thread after their caller gave up at the deadline. They keep
    /// their thread busy until they really end (nothing can stop Typst from outside), which is
    /// why the work they may be asked to do is bounded before it starts.
    pub abandoned: AtomicUsize,
}

/// Where a job is, so that the caller giving up and the job ending agree on who counts it.
const QUEUED: u8 = 0;
const RUNNING: u8 = 1;
const DONE: u8 = 2;
const ABANDONED: u8 = 3;

/// A bounded pool of worker threads.
#[derive(Clone)]
pub struct WorkPool {
    sender: SyncSender<Job>,
    stats: Arc<PoolStats>,
    workers: usize,
    capacity: usize,
}

impl std::fmt::Debug for WorkPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkPool")
            .field("workers", &self.workers)
            .field("capacity", &self.capacity)
            .finish()
    }
}

impl WorkPool {
    /// `workers` threads and room for `capacity` waiting jobs. Threads stop when the last
    /// handle to the pool is dropped.
    pub fn new(workers: usize, capacity: usize) -> std::io::Result<Self> {
        let workers = workers.max(1);
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Job>(capacity);
        let receiver = Arc::new(Mutex::new(receiver));
        let stats = Arc::new(PoolStats::default());
        for i in 0..workers {
            let receiver = Arc::clone(&receiver);
            let stats = Arc::clone(&stats);
            std::thread::Builder::new()
                .name(format!("vitae-work-{i}"))
                .spawn(move || worker(&receiver, &stats))?;
        }
        Ok(WorkPool {
            sender,
            stats,
            workers,
            capacity,
        })
    }

    pub fn stats(&self) -> &PoolStats {
        &self.stats
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Runs `work` on a pool thread and waits for its result until `deadline`.
    pub async fn run<T, F>(&self, deadline: Instant, work: F) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let phase = Arc::new(AtomicU8::new(QUEUED));
        let job_phase = Arc::clone(&phase);
        let stats = Arc::clone(&self.stats);
        let job: Job = Box::new(move || {
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
            let result = std::panic::catch_unwind(AssertUnwindSafe(work));
            if job_phase
                .compare_exchange(RUNNING, DONE, Ordering::SeqCst, Ordering::SeqCst)
                .is_err()
            {
                // The caller gave up while this ran: it is gone now.
                stats.abandoned.fetch_sub(1, Ordering::SeqCst);
            }
            let _ = tx.send(result);
        });
        self.stats.queued.fetch_add(1, Ordering::SeqCst);
        if let Err(e) = self.sender.try_send(job) {
            self.stats.queued.fetch_sub(1, Ordering::SeqCst);
            self.stats.rejected.fetch_add(1, Ordering::Relaxed);
            return Err(match e {
                TrySendError::Full(_) | TrySendError::Disconnected(_) => PoolError::Busy,
            });
        }
        match tokio::time::timeout_at(deadline, rx).await {
            Ok(Ok(Ok(value))) => Ok(value),
            Ok(Ok(Err(_panic))) => Err(PoolError::Panicked),
            // The job was dropped unrun (its deadline passed in the queue), or we gave up.
            Ok(Err(_)) | Err(_) => {
                // Counted before the hand-over so the job's own decrement never comes first.
                self.stats.abandoned.fetch_add(1, Ordering::SeqCst);
                if phase
                    .compare_exchange(RUNNING, ABANDONED, Ordering::SeqCst, Ordering::SeqCst)
                    .is_err()
                {
                    self.stats.abandoned.fetch_sub(1, Ordering::SeqCst);
                    // Still queued: make sure it never starts.
                    let _ =
                        phase.compare_exchange(QUEUED, DONE, Ordering::SeqCst, Ordering::SeqCst);
                }
                self.stats.timed_out.fetch_add(1, Ordering::Relaxed);
                Err(PoolError::Timeout)
            }
        }
    }
}

fn worker(receiver: &Mutex<Receiver<Job>>, stats: &PoolStats) {
    lower_priority();
    loop {
        let job = {
            let Ok(guard) = receiver.lock() else { return };
            match guard.recv() {
                Ok(job) => job,
                Err(_) => return, // every sender dropped: the pool is gone
            }
        };
        stats.queued.fetch_sub(1, Ordering::SeqCst);
        stats.running.fetch_add(1, Ordering::SeqCst);
        job();
        stats.running.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Nice 10 for the calling thread (on Linux a thread's own priority). Best effort: without
/// it the pool still works, only with less headroom for the async threads.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let tid = rustix::thread::gettid();
        if let Err(e) = rustix::process::setpriority_process(Some(tid), 10) {
            tracing::debug!(error = %e, "could not lower the work thread's priority");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn later(ms: u64) -> Instant {
        Instant::now() + Duration::from_millis(ms)
    }

    #[tokio::test]
    async fn work_runs_off_the_async_thread_and_returns_its_value() {
        let pool = WorkPool::new(2, 4).unwrap();
        let caller = std::thread::current().id();
        let (value, thread) = pool
            .run(later(5_000), move || (21 * 2, std::thread::current().id()))
            .await
            .unwrap();
        assert_eq!(value, 42);
        assert_ne!(thread, caller);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once() {
        let pool = WorkPool::new(1, 1).unwrap();
        let gate = Arc::new(std::sync::Barrier::new(2));
        let g = Arc::clone(&gate);
        let busy = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(later(5_000), move || g.wait()).await }
        });
        // Wait until the worker holds the first job, then fill the one queue slot.
        while pool.stats().running.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let queued = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(later(5_000), || 1).await }
        });
        while pool.stats().queued.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        assert_eq!(pool.run(later(5_000), || 2).await, Err(PoolError::Busy));
        gate.wait();
        busy.await.unwrap().unwrap();
        assert_eq!(queued.await.unwrap(), Ok(1));
        assert_eq!(pool.stats().rejected.load(Ordering::Relaxed), 1);
    }

    #[tokio::test]
    async fn the_caller_stops_waiting_at_the_deadline_and_panics_are_contained() {
        let pool = WorkPool::new(1, 4).unwrap();
        let slow = pool
            .run(later(20), || std::thread::sleep(Duration::from_millis(300)))
            .await;
        assert_eq!(slow, Err(PoolError::Timeout));
        // The abandoned job still holds its thread until it really ends, and says so.
        assert_eq!(pool.stats().abandoned.load(Ordering::SeqCst), 1);
        let panicked = pool
            .run(later(5_000), || -> u8 { panic!("a bug in a job") })
            .await;
        assert_eq!(panicked, Err(PoolError::Panicked));
        // The thread survived the panic, and the abandoned job is gone once it ended.
        assert_eq!(pool.run(later(5_000), || 7).await, Ok(7));
        assert_eq!(pool.stats().abandoned.load(Ordering::SeqCst), 0);
    }
}
