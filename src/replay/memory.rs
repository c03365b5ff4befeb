//! [`MemoryStore`]: a bounded, in-process replay store.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::{BoxFuture, DuplicateState, ReplayStore, Reserve, StoreError};
use crate::clock::{Clock, SystemClock, UnixTime};

/// An in-memory replay store for a single process, bounded by entry count: when full, the
/// oldest entry is evicted first. Entries expire after their TTL.
///
/// Evicting before the TTL ends re-opens the window for that id; size `max_entries` above the
/// number of deliveries expected within the replay window.
///
/// ```
/// # use std::time::Duration;
/// use webhook_guard::replay::{MemoryStore, Reserve, DuplicateState};
/// let store = MemoryStore::new(10_000);
/// assert_eq!(store.reserve_now("github:abc", Duration::from_secs(60)), Reserve::Fresh);
/// assert_eq!(
///     store.reserve_now("github:abc", Duration::from_secs(60)),
///     Reserve::Duplicate(DuplicateState::InFlight)
/// );
/// store.release_now("github:abc");
/// assert_eq!(store.reserve_now("github:abc", Duration::from_secs(60)), Reserve::Fresh);
/// ```
pub struct MemoryStore {
    inner: Mutex<Inner>,
    clock: Arc<dyn Clock>,
    max_entries: usize,
}

struct Inner {
    entries: HashMap<Box<str>, Entry>,
    /// Keys in insertion order, with the generation they were inserted under.
    order: VecDeque<(Box<str>, u64)>,
    next_generation: u64,
}

#[derive(Clone, Copy)]
struct Entry {
    state: DuplicateState,
    expires: UnixTime,
    generation: u64,
}

impl MemoryStore {
    /// A store holding at most `max_entries` ids (at least 1).
    pub fn new(max_entries: usize) -> Self {
        Self::with_clock(max_entries, SystemClock)
    }

    /// A store whose TTLs are measured with `clock` (for tests).
    pub fn with_clock(max_entries: usize, clock: impl Clock) -> Self {
        Self {
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                order: VecDeque::new(),
                next_generation: 0,
            }),
            clock: Arc::new(clock),
            max_entries: max_entries.max(1),
        }
    }

    /// Number of ids currently remembered (expired ones may be counted until evicted).
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// `true` when no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the maps inconsistent in a way that
        // matters for replay checks, so carry on with the data.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn expiry(&self, ttl: Duration) -> UnixTime {
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        UnixTime::from_millis(self.clock.now().as_millis().saturating_add(ttl_ms))
    }

    /// Synchronous [`ReplayStore::reserve`].
    pub fn reserve_now(&self, key: &str, ttl: Duration) -> Reserve {
        let now = self.clock.now();
        let expires = self.expiry(ttl);
        let mut inner = self.lock();
        if let Some(entry) = inner.entries.get(key) {
            if entry.expires > now {
                return Reserve::Duplicate(entry.state);
            }
        }
        let generation = inner.next_generation;
        inner.next_generation += 1;
        let key: Box<str> = key.into();
        inner.entries.insert(
            key.clone(),
            Entry {
                state: DuplicateState::InFlight,
                expires,
                generation,
            },
        );
        inner.order.push_back((key, generation));
        inner.evict(self.max_entries, now);
        Reserve::Fresh
    }

    /// Synchronous [`ReplayStore::commit`].
    pub fn commit_now(&self, key: &str, ttl: Duration) {
        let expires = self.expiry(ttl);
        let mut inner = self.lock();
        if let Some(entry) = inner.entries.get_mut(key) {
            entry.state = DuplicateState::Done;
            entry.expires = expires;
        }
    }

    /// Synchronous [`ReplayStore::release`]: forgets `key` if it is still in flight.
    pub fn release_now(&self, key: &str) {
        let mut inner = self.lock();
        if matches!(inner.entries.get(key), Some(e) if e.state == DuplicateState::InFlight) {
            inner.entries.remove(key);
        }
    }
}

impl Inner {
    /// Drops entries from the front of the insertion order while over capacity or expired.
    fn evict(&mut self, max_entries: usize, now: UnixTime) {
        while let Some((key, generation)) = self.order.front() {
            let live = self
                .entries
                .get(key)
                .filter(|e| e.generation == *generation)
                .copied();
            match live {
                // Stale order slot (removed or re-inserted since): just drop it.
                None => {}
                Some(entry) if self.entries.len() > max_entries || entry.expires <= now => {
                    self.entries.remove(key);
                }
                Some(_) => break,
            }
            self.order.pop_front();
        }
        // Bound the order queue too when releases leave many stale slots behind.
        if self.order.len() > max_entries.saturating_mul(2) {
            let entries = &self.entries;
            self.order
                .retain(|(k, g)| entries.get(k).is_some_and(|e| e.generation == *g));
        }
    }
}

impl ReplayStore for MemoryStore {
    fn reserve<'a>(
        &'a self,
        key: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Reserve, StoreError>> {
        Box::pin(std::future::ready(Ok(self.reserve_now(key, ttl))))
    }

    fn commit<'a>(&'a self, key: &'a str, ttl: Duration) -> BoxFuture<'a, Result<(), StoreError>> {
        self.commit_now(key, ttl);
        Box::pin(std::future::ready(Ok(())))
    }

    fn release<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        self.release_now(key);
        Box::pin(std::future::ready(Ok(())))
    }

    fn release_on_drop(&self, key: &str) {
        self.release_now(key);
    }
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("max_entries", &self.max_entries)
            .field("len", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicI64, Ordering};

    #[derive(Clone, Default)]
    struct TestClock(Arc<AtomicI64>);
    impl Clock for TestClock {
        fn now(&self) -> UnixTime {
            UnixTime::from_millis(self.0.load(Ordering::SeqCst))
        }
    }

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn commit_then_duplicate_done() {
        let store = MemoryStore::new(10);
        assert_eq!(store.reserve_now("a", MIN), Reserve::Fresh);
        store.commit_now("a", MIN);
        assert_eq!(
            store.reserve_now("a", MIN),
            Reserve::Duplicate(DuplicateState::Done)
        );
        store.release_now("a"); // done entries are not released
        assert_eq!(
            store.reserve_now("a", MIN),
            Reserve::Duplicate(DuplicateState::Done)
        );
    }

    #[test]
    fn ttl_is_honoured() {
        let clock = TestClock::default();
        let store = MemoryStore::with_clock(10, clock.clone());
        assert_eq!(store.reserve_now("a", MIN), Reserve::Fresh);
        clock.0.store(59_999, Ordering::SeqCst);
        assert!(matches!(store.reserve_now("a", MIN), Reserve::Duplicate(_)));
        clock.0.store(60_000, Ordering::SeqCst);
        assert_eq!(store.reserve_now("a", MIN), Reserve::Fresh);
    }

    #[test]
    fn oldest_evicted_first_and_bounded() {
        let store = MemoryStore::new(3);
        for key in ["a", "b", "c", "d"] {
            assert_eq!(store.reserve_now(key, MIN), Reserve::Fresh);
        }
        assert_eq!(store.len(), 3);
        assert_eq!(
            store.reserve_now("a", MIN),
            Reserve::Fresh,
            "a was the oldest"
        );
        assert!(matches!(store.reserve_now("d", MIN), Reserve::Duplicate(_)));
        for i in 0..10_000 {
            let _ = store.reserve_now(&format!("k{i}"), MIN);
            store.release_now(&format!("k{i}"));
        }
        assert!(store.len() <= 3);
        assert!(store.lock().order.len() <= 7);
    }
}
