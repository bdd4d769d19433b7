//! A bounded cache of rendered documents, keyed by a SHA-256 of everything that determines the
//! output (format, options, the resume's bytes). Renders are deterministic, so an identical
//! request can be answered from here; the key is a cryptographic hash so that no crafted request
//! can collide with another's document. Bounded by total bytes; the oldest entries go first.
//!
//! Each instance keeps its own cache: it holds nothing instances must agree on, only work they
//! may skip.

use std::collections::{HashMap, VecDeque};
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
}

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

    #[test]
    fn the_cache_stays_within_its_byte_budget_dropping_the_oldest() {
        let cache = RenderCache::new(100);
        cache.insert([1; 32], entry(20));
        cache.insert([2; 32], entry(20));
        cache.insert([3; 32], entry(25));
        cache.insert([4; 32], entry(25));
        assert_eq!(cache.bytes(), 90);
        cache.insert([5; 32], entry(25));
        assert!(cache.bytes() <= 100);
        assert!(cache.get(&[1; 32]).is_none(), "the oldest entry goes first");
        assert_eq!(cache.get(&[5; 32]).unwrap().etag, "\"25\"");
        // Too large for the cache: not stored, nothing evicted.
        cache.insert([6; 32], entry(60));
        assert!(cache.get(&[6; 32]).is_none());
        assert!(cache.get(&[5; 32]).is_some());
    }

    #[test]
    fn a_zero_capacity_cache_stores_nothing() {
        let cache = RenderCache::new(0);
        cache.insert([1; 32], entry(1));
        assert!(cache.get(&[1; 32]).is_none());
    }
}
