//! A bounded cache of rendered documents, keyed by a SHA-256 of everything that determines the
//! output (format, options, the resume's bytes). Renders are deterministic, so an identical
//! request can be answered from here; the key is a cryptographic hash so that no crafted request
//! can collide with another's document. Bounded by total bytes; the oldest entries go first.
//!
//! A document is kept when it is asked for the second time, not the first (an admission
//! "doorkeeper", as in TinyLFU): a server whose every request is a different resume would
//! otherwise fill the cache with documents nobody asks for again, 16 MB of resident memory for
//! nothing (issue 19's load test); a repeated request costs one render more before it is served
//! from here.
//!
//! Each instance keeps its own cache: it holds nothing instances must agree on, only work they
//! may skip.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

pub type Key = [u8; 32];

/// A rendered document and what its response needs.
#[derive(Debug, Clone)]
pub struct Entry {
    pub bytes: Arc<Vec<u8>>,
    pub etag: String,
    /// For PNG: how many pages the document has (the entry holds one page).
    pub pages: usize,
    /// The download name.
    pub filename: String,
}

#[derive(Debug, Default)]
struct Inner {
    map: HashMap<Key, Entry>,
    order: VecDeque<Key>,
    bytes: usize,
    /// Keys asked for once recently (their first eight bytes), oldest first.
    seen: HashSet<u64>,
    seen_order: VecDeque<u64>,
}

/// How many keys asked for once are remembered (8 bytes each).
const SEEN: usize = 4096;

#[derive(Debug)]
pub struct RenderCache {
    inner: Mutex<Inner>,
    capacity: usize,
}

impl RenderCache {
    /// A cache holding at most `capacity` bytes of documents (0 disables it).
    pub fn new(capacity: usize) -> Self {
        RenderCache {
            inner: Mutex::new(Inner::default()),
            capacity,
        }
    }

    pub fn get(&self, key: &Key) -> Option<Entry> {
        self.inner.lock().ok()?.map.get(key).cloned()
    }

    pub fn insert(&self, key: Key, entry: Entry) {
        let size = entry.bytes.len();
        // A document larger than a quarter of the cache would evict too much to be worth it.
        if size > self.capacity / 4 {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.map.contains_key(&key) {
            return;
        }
        // Kept on the second request only (see the module's documentation).
        let short = u64::from_le_bytes([
            key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
        ]);
        if inner.seen.insert(short) {
            inner.seen_order.push_back(short);
            if inner.seen_order.len() > SEEN
                && let Some(oldest) = inner.seen_order.pop_front()
            {
                inner.seen.remove(&oldest);
            }
            return;
        }
        while inner.bytes + size > self.capacity {
            let Some(old) = inner.order.pop_front() else {
                break;
            };
            if let Some(e) = inner.map.remove(&old) {
                inner.bytes -= e.bytes.len();
            }
        }
        inner.bytes += size;
        inner.order.push_back(key);
        inner.map.insert(key, entry);
    }

    /// Bytes held now.
    pub fn bytes(&self) -> usize {
        self.inner.lock().map_or(0, |i| i.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> Entry {
        Entry {
            bytes: Arc::new(vec![0; n]),
            etag: format!("\"{n}\""),
            pages: 1,
            filename: "resume.pdf".into(),
        }
    }

    /// Inserted as a document asked for twice is (see [`RenderCache::insert`]).
    fn insert_twice(cache: &RenderCache, key: Key, e: Entry) {
        cache.insert(key, e.clone());
        cache.insert(key, e);
    }

    #[test]
    fn the_cache_stays_within_its_byte_budget_dropping_the_oldest() {
        let cache = RenderCache::new(100);
        insert_twice(&cache, [1; 32], entry(20));
        insert_twice(&cache, [2; 32], entry(20));
        insert_twice(&cache, [3; 32], entry(25));
        insert_twice(&cache, [4; 32], entry(25));
        assert_eq!(cache.bytes(), 90);
        insert_twice(&cache, [5; 32], entry(25));
        assert!(cache.bytes() <= 100);
        assert!(cache.get(&[1; 32]).is_none(), "the oldest entry goes first");
        assert_eq!(cache.get(&[5; 32]).unwrap().etag, "\"25\"");
        // Too large for the cache: not stored, nothing evicted.
        insert_twice(&cache, [6; 32], entry(60));
        assert!(cache.get(&[6; 32]).is_none());
        assert!(cache.get(&[5; 32]).is_some());
    }

    #[test]
    fn a_document_asked_for_once_is_not_kept() {
        let cache = RenderCache::new(1000);
        // Many different documents, each asked for once: nothing is kept.
        for i in 0..200u8 {
            cache.insert([i; 32], entry(10));
        }
        assert_eq!(cache.bytes(), 0);
        // Asked for again, a document is kept.
        cache.insert([7; 32], entry(10));
        assert_eq!(cache.get(&[7; 32]).unwrap().etag, "\"10\"");
        // A key seen long ago (`SEEN` others since) counts as new.
        let cache = RenderCache::new(1000);
        let mut old = [0; 32];
        old[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        cache.insert(old, entry(10));
        for i in 1..=SEEN as u64 {
            let mut k = [1; 32];
            k[..8].copy_from_slice(&i.to_le_bytes());
            cache.insert(k, entry(1));
        }
        cache.insert(old, entry(10));
        assert!(cache.get(&old).is_none());
        assert_eq!(cache.bytes(), 0);
    }

    #[test]
    fn a_zero_capacity_cache_stores_nothing() {
        let cache = RenderCache::new(0);
        cache.insert([1; 32], entry(1));
        assert!(cache.get(&[1; 32]).is_none());
    }
}
