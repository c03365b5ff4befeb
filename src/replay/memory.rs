//! [`MemoryStore`]: a bounded, sharded, in-process replay store.

use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use hashbrown::HashTable;
use std::collections::hash_map::RandomState;

use super::{ttl_millis, BoxFuture, DuplicateState, ReplayStore, Reserve, StoreError, Token};
use crate::clock::{Clock, SystemClock};

/// The entry bound of [`MemoryStore::default`]: one million ids (at most 48 MB).
pub const DEFAULT_MAX_ENTRIES: usize = 1_000_000;

/// Heap bytes budgeted per remembered id: a 24-byte slot in the insertion-order ring plus the
/// hash index (4-byte slots and control bytes, at most about 23 bytes per id in the worst case
/// of its power-of-two growth). Measured: about 35 bytes per id in steady state.
pub const BYTES_PER_ENTRY: usize = 48;

/// Fixed heap bytes budgeted per shard (the smallest tables).
const BYTES_PER_SHARD: usize = 128;

/// Most expired or released slots dropped from the old end per insert, on top of the one that
/// makes room: spreads the clean-up of a burst of expiries over later inserts.
const CLEANUP_PER_INSERT: usize = 8;

/// Fewest entries per shard before the store uses fewer shards (small stores stay exactly
/// oldest-first).
const MIN_SHARD_ENTRIES: usize = 1024;

/// An in-memory replay store for one process: concurrent, bounded by entries **and** bytes,
/// with TTL expiry.
///
/// * **Concurrent**: ids are spread over independently locked shards (a power of two, about four
///   per CPU), so receivers on many threads rarely wait on each other.
/// * **Bounded**: at most [`MemoryStore::capacity`] ids, and at most
///   [`MemoryStore::max_bytes`] heap bytes whatever the ids look like: each id is kept as a
///   128-bit keyed fingerprint (SipHash-1-3 with per-store random keys), not as text, so a flood
///   of long unique ids costs no more than short ones. Two different ids collide with
///   probability 2⁻¹²⁸ (below 10⁻²⁵ for ten million ids), and the random keys keep a sender
///   from aiming at a collision.
/// * **Oldest first**: when a shard is full its oldest id is forgotten first (shards fill
///   evenly, so this is the store's oldest ids up to a shard's worth). Expired and released
///   ids are dropped from the old end as new ones arrive, and treated as absent when looked up.
///
/// Forgetting an id before its TTL ends re-opens its replay window: size
/// [`MemoryStoreBuilder::max_entries`] above the number of deliveries expected within one
/// replay TTL.
///
/// A memory store serves one process only; use `RedisStore` (feature `redis`) for a fleet.
///
/// Why not `moka` or `dashmap`: a cache with an admission policy (moka's TinyLFU) may refuse
/// to remember a new id when full, which would silently disable replay protection for it,
/// while a replay store must always remember the newest ids and forget the oldest; and a
/// sharded map (dashmap) gives neither bounds nor expiry. A ring in insertion order plus a
/// hash index per shard does exactly that in about 35 bytes per id.
///
/// ```
/// # use std::time::Duration;
/// use webhook_guard::replay::{DuplicateState, MemoryStore, Reserve};
/// let store = MemoryStore::builder().max_entries(10_000).max_bytes(1 << 20).build();
/// let Reserve::Fresh(token) = store.reserve_now("github:abc", Duration::from_secs(60)) else {
///     unreachable!()
/// };
/// assert_eq!(
///     store.reserve_now("github:abc", Duration::from_secs(60)),
///     Reserve::Duplicate(DuplicateState::InFlight)
/// );
/// store.release_now("github:abc", token);
/// assert!(matches!(store.reserve_now("github:abc", Duration::from_secs(60)), Reserve::Fresh(_)));
/// ```
pub struct MemoryStore {
    shards: Box<[Mutex<Shard>]>,
    shard_mask: u64,
    hasher: RandomState,
    clock: Arc<dyn Clock>,
    max_entries: usize,
    max_bytes: usize,
}

/// Builds a [`MemoryStore`]; see [`MemoryStore::builder`].
#[must_use]
pub struct MemoryStoreBuilder {
    max_entries: usize,
    max_bytes: Option<usize>,
    shards: Option<usize>,
    clock: Arc<dyn Clock>,
}

impl MemoryStoreBuilder {
    /// Remember at most `max_entries` ids (at least 1). Defaults to [`DEFAULT_MAX_ENTRIES`].
    pub fn max_entries(mut self, max_entries: usize) -> Self {
        self.max_entries = max_entries.max(1);
        self
    }

    /// Use at most about `max_bytes` of heap for the tables (budgeted at [`BYTES_PER_ENTRY`]
    /// per id): lowers the entry bound when it is the tighter one. Defaults to the entry
    /// bound's worth.
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = Some(max_bytes);
        self
    }

    /// The number of shards (rounded up to a power of two, at most 1024). Defaults to about four
    /// per CPU, fewer for small stores so that each shard holds at least 1024 ids.
    pub fn shards(mut self, shards: usize) -> Self {
        self.shards = Some(shards);
        self
    }

    /// Measure TTLs with `clock` (defaults to [`SystemClock`]; tests inject their own).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Builds the store. Nothing is allocated for entries until ids arrive.
    pub fn build(self) -> MemoryStore {
        let by_bytes = match self.max_bytes {
            Some(bytes) => bytes.saturating_sub(BYTES_PER_SHARD) / BYTES_PER_ENTRY,
            None => usize::MAX,
        };
        let max_entries = self.max_entries.min(by_bytes).max(1);
        let shard_count = match self.shards {
            Some(n) => n.clamp(1, 1024).next_power_of_two(),
            None => {
                let cpus = std::thread::available_parallelism().map_or(1, usize::from);
                let mut n = cpus.saturating_mul(4).clamp(1, 256).next_power_of_two();
                while n > 1 && max_entries / n < MIN_SHARD_ENTRIES {
                    n /= 2;
                }
                n
            }
        };
        // Per-shard bounds add up to exactly `max_entries`; a ring position is a u32 distance.
        let (base, extra) = (max_entries / shard_count, max_entries % shard_count);
        let shards = (0..shard_count)
            .map(|i| {
                let cap = (base + usize::from(i < extra)).clamp(1, u32::MAX as usize / 2);
                Mutex::new(Shard::new(cap))
            })
            .collect::<Box<[_]>>();
        let max_entries = shards.iter().map(|s| lock(s).cap).sum();
        MemoryStore {
            shard_mask: (shard_count - 1) as u64,
            shards,
            hasher: RandomState::new(),
            clock: self.clock,
            max_bytes: max_entries * BYTES_PER_ENTRY + shard_count * BYTES_PER_SHARD,
            max_entries,
        }
    }
}

impl MemoryStore {
    /// A store holding at most `max_entries` ids (at least 1), with the default shards and the
    /// system clock.
    pub fn new(max_entries: usize) -> Self {
        Self::builder().max_entries(max_entries).build()
    }

    /// A store whose TTLs are measured with `clock` (for tests).
    pub fn with_clock(max_entries: usize, clock: impl Clock) -> Self {
        Self::builder()
            .max_entries(max_entries)
            .clock(clock)
            .build()
    }

    /// Starts configuring a store: [`MemoryStoreBuilder::max_entries`],
    /// [`MemoryStoreBuilder::max_bytes`], [`MemoryStoreBuilder::shards`],
    /// [`MemoryStoreBuilder::clock`].
    pub fn builder() -> MemoryStoreBuilder {
        MemoryStoreBuilder {
            max_entries: DEFAULT_MAX_ENTRIES,
            max_bytes: None,
            shards: None,
            clock: Arc::new(SystemClock),
        }
    }

    /// Number of ids currently remembered (expired ones may be counted until dropped).
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| lock(s).index.len()).sum()
    }

    /// `true` when no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most ids remembered at once (the tighter of the entry and byte bounds).
    pub fn capacity(&self) -> usize {
        self.max_entries
    }

    /// The bound on [`MemoryStore::heap_bytes`].
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// Heap bytes held by the tables now (allocated capacity, not just what is in use).
    pub fn heap_bytes(&self) -> usize {
        self.shards
            .iter()
            .map(|s| {
                let shard = lock(s);
                shard.slots.capacity() * std::mem::size_of::<Slot>() + shard.index.allocation_size()
            })
            .sum()
    }

    /// The number of shards.
    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    fn locate(&self, key: &str) -> (MutexGuard<'_, Shard>, Fingerprint) {
        // Two evaluations of one keyed PRF on distinct inputs: 128 independent-looking bits.
        let half = |salt: u8| {
            let mut h = self.hasher.build_hasher();
            h.write(key.as_bytes());
            h.write_u8(salt);
            h.finish()
        };
        let fp = [half(0), half(1)];
        // fp[0] hashes inside the shard (hashbrown uses its top and bottom bits); fp[1] picks
        // the shard, so the two never correlate.
        let i = usize::try_from(fp[1] & self.shard_mask).unwrap_or(0);
        // In bounds by construction: the mask is `shards.len() - 1` and the length a power of two.
        #[allow(clippy::indexing_slicing)]
        let shard = &self.shards[i];
        (lock(shard), fp)
    }

    fn now_millis(&self) -> i64 {
        self.clock.now().as_millis()
    }

    /// Synchronous [`ReplayStore::reserve`].
    pub fn reserve_now(&self, key: &str, ttl: Duration) -> Reserve {
        let now = self.now_millis();
        let expires = now.saturating_add(ttl_millis(ttl));
        let (mut shard, fp) = self.locate(key);
        shard.reserve(fp, now, expires)
    }

    /// Synchronous [`ReplayStore::commit`].
    pub fn commit_now(&self, key: &str, token: Token, ttl: Duration) {
        let now = self.now_millis();
        let expires = now.saturating_add(ttl_millis(ttl));
        let (mut shard, fp) = self.locate(key);
        shard.commit(fp, token, now, expires);
    }

    /// Synchronous [`ReplayStore::release`]: forgets `key` if `token` still holds it in flight.
    pub fn release_now(&self, key: &str, token: Token) {
        let (mut shard, fp) = self.locate(key);
        shard.release(fp, token);
    }
}

impl Default for MemoryStore {
    /// [`DEFAULT_MAX_ENTRIES`] ids, default shards, system clock.
    fn default() -> Self {
        Self::builder().build()
    }
}

fn lock(shard: &Mutex<Shard>) -> MutexGuard<'_, Shard> {
    // Nothing in a shard panics while holding the lock; if something did, the tables are
    // still consistent enough for replay checks, so carry on with the data.
    shard.lock().unwrap_or_else(PoisonError::into_inner)
}

type Fingerprint = [u64; 2];

/// One shard: a ring of slots in insertion order (front = oldest) and a hash index from
/// fingerprint to the slot's sequence number.
///
/// Slot `seq` lives at ring position `seq - base` (wrapping u32 arithmetic; the ring never
/// holds more than `cap` < 2³¹ slots). Every index entry names a live slot; released or
/// replaced slots stay in the ring as `Free` until they reach the front.
struct Shard {
    index: HashTable<u32>,
    slots: VecDeque<Slot>,
    base: u32,
    cap: usize,
}

/// 24 bytes: the fingerprint, and the expiry in milliseconds with the state in the low bits.
#[derive(Clone, Copy)]
struct Slot {
    fp: Fingerprint,
    meta: u64,
}

const FREE: u64 = 0;
const IN_FLIGHT: u64 = 1;
const DONE: u64 = 2;
/// Expiry times are clamped to this many milliseconds (year 36 812), so they fit beside the state.
const MAX_EXPIRES: i64 = 1 << 60;

impl Slot {
    fn new(fp: Fingerprint, expires: i64, state: u64) -> Self {
        let expires = expires.clamp(0, MAX_EXPIRES).unsigned_abs();
        Self {
            fp,
            meta: (expires << 2) | state,
        }
    }

    fn state(self) -> u64 {
        self.meta & 3
    }

    fn expires(self) -> i64 {
        i64::try_from(self.meta >> 2).unwrap_or(MAX_EXPIRES)
    }

    fn is_live(self, now: i64) -> bool {
        self.state() != FREE && self.expires() > now
    }

    fn duplicate_state(self) -> DuplicateState {
        if self.state() == DONE {
            DuplicateState::Done
        } else {
            DuplicateState::InFlight
        }
    }
}

impl Shard {
    fn new(cap: usize) -> Self {
        Self {
            index: HashTable::new(),
            slots: VecDeque::new(),
            base: 0,
            cap,
        }
    }

    fn pos(&self, seq: u32) -> usize {
        seq.wrapping_sub(self.base) as usize
    }

    fn slot(&self, seq: u32) -> Option<Slot> {
        self.slots.get(self.pos(seq)).copied()
    }

    /// The sequence number of the slot holding `fp`, live or expired.
    fn find(&self, fp: Fingerprint) -> Option<u32> {
        self.index
            .find(fp[0], |&seq| self.slot(seq).is_some_and(|s| s.fp == fp))
            .copied()
    }

    /// Removes slot `seq` from the index and marks it free.
    fn forget(&mut self, seq: u32, fp: Fingerprint) {
        if let Ok(entry) = self.index.find_entry(fp[0], |&s| s == seq) {
            entry.remove();
        }
        let pos = self.pos(seq);
        if let Some(slot) = self.slots.get_mut(pos) {
            slot.meta = FREE;
        }
    }

    /// Drops slots from the old end: whatever is needed to make room for one more, plus a few
    /// expired or free ones.
    fn make_room(&mut self, now: i64) {
        let mut cleanup = CLEANUP_PER_INSERT;
        while let Some(&front) = self.slots.front() {
            let full = self.slots.len() >= self.cap;
            if !full && (cleanup == 0 || front.is_live(now)) {
                break;
            }
            if !full {
                cleanup -= 1;
            }
            if front.state() != FREE {
                let seq = self.base;
                if let Ok(entry) = self.index.find_entry(front.fp[0], |&s| s == seq) {
                    entry.remove();
                }
            }
            self.slots.pop_front();
            self.base = self.base.wrapping_add(1);
        }
    }

    fn insert(&mut self, fp: Fingerprint, now: i64, expires: i64, state: u64) -> u32 {
        self.make_room(now);
        if self.slots.len() == self.slots.capacity() {
            // Grow by doubling, but never past the bound: the byte budget counts on it.
            let want = self
                .slots
                .capacity()
                .max(8)
                .min(self.cap - self.slots.len());
            self.slots.reserve_exact(want);
        }
        let seq = self.base.wrapping_add(self.slots.len() as u32);
        self.slots.push_back(Slot::new(fp, expires, state));
        let Shard {
            index, slots, base, ..
        } = self;
        let rehash = |s: &u32| {
            slots
                .get(s.wrapping_sub(*base) as usize)
                .map_or(0, |slot| slot.fp[0])
        };
        index.insert_unique(fp[0], seq, rehash);
        seq
    }

    fn reserve(&mut self, fp: Fingerprint, now: i64, expires: i64) -> Reserve {
        if let Some(seq) = self.find(fp) {
            match self.slot(seq) {
                Some(slot) if slot.is_live(now) => {
                    return Reserve::Duplicate(slot.duplicate_state())
                }
                _ => self.forget(seq, fp),
            }
        }
        let seq = self.insert(fp, now, expires, IN_FLIGHT);
        Reserve::Fresh(Token::from_u128(u128::from(seq)))
    }

    fn commit(&mut self, fp: Fingerprint, token: Token, now: i64, expires: i64) {
        let ours = u32::try_from(token.as_u128()).ok();
        match self.find(fp) {
            Some(seq) if Some(seq) == ours => {
                let pos = self.pos(seq);
                if let Some(slot) = self.slots.get_mut(pos) {
                    *slot = Slot::new(fp, expires, DONE);
                }
            }
            // Another claim, made after ours expired: leave it to its owner while it lives.
            Some(seq) if self.slot(seq).is_some_and(|s| s.is_live(now)) => {}
            Some(seq) => {
                self.forget(seq, fp);
                self.insert(fp, now, expires, DONE);
            }
            // Expired and dropped, or evicted: the handler did run, so remember that.
            None => {
                self.insert(fp, now, expires, DONE);
            }
        }
    }

    fn release(&mut self, fp: Fingerprint, token: Token) {
        let Ok(ours) = u32::try_from(token.as_u128()) else {
            return;
        };
        if self.find(fp) == Some(ours) && self.slot(ours).is_some_and(|s| s.state() == IN_FLIGHT) {
            self.forget(ours, fp);
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

    fn commit<'a>(
        &'a self,
        key: &'a str,
        token: Token,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        self.commit_now(key, token, ttl);
        Box::pin(std::future::ready(Ok(())))
    }

    fn release<'a>(&'a self, key: &'a str, token: Token) -> BoxFuture<'a, Result<(), StoreError>> {
        self.release_now(key, token);
        Box::pin(std::future::ready(Ok(())))
    }

    fn release_on_drop(&self, key: &str, token: Token) {
        self.release_now(key, token);
    }
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("max_entries", &self.max_entries)
            .field("max_bytes", &self.max_bytes)
            .field("shards", &self.shards.len())
            .field("len", &self.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::UnixTime;
    use std::sync::atomic::{AtomicI64, Ordering};

    #[derive(Clone, Default)]
    struct TestClock(Arc<AtomicI64>);
    impl Clock for TestClock {
        fn now(&self) -> UnixTime {
            UnixTime::from_millis(self.0.load(Ordering::SeqCst))
        }
    }

    const MIN: Duration = Duration::from_secs(60);

    fn fresh(r: Reserve) -> Token {
        match r {
            Reserve::Fresh(t) => t,
            other => panic!("expected fresh, got {other:?}"),
        }
    }

    #[test]
    fn commit_then_duplicate_done() {
        let store = MemoryStore::new(10);
        let t = fresh(store.reserve_now("a", MIN));
        store.commit_now("a", t, MIN);
        assert_eq!(
            store.reserve_now("a", MIN),
            Reserve::Duplicate(DuplicateState::Done)
        );
        store.release_now("a", t); // done entries are not released
        assert_eq!(
            store.reserve_now("a", MIN),
            Reserve::Duplicate(DuplicateState::Done)
        );
    }

    #[test]
    fn ttl_is_honoured() {
        let clock = TestClock::default();
        let store = MemoryStore::with_clock(10, clock.clone());
        fresh(store.reserve_now("a", MIN));
        clock.0.store(59_999, Ordering::SeqCst);
        assert!(matches!(store.reserve_now("a", MIN), Reserve::Duplicate(_)));
        clock.0.store(60_000, Ordering::SeqCst);
        fresh(store.reserve_now("a", MIN));
    }

    #[test]
    fn late_commit_and_release_do_not_clobber_a_new_claim() {
        let clock = TestClock::default();
        let store = MemoryStore::with_clock(10, clock.clone());
        let old = fresh(store.reserve_now("a", MIN));
        clock.0.store(60_000, Ordering::SeqCst);
        let new = fresh(store.reserve_now("a", MIN));
        assert_ne!(old, new);
        store.release_now("a", old);
        store.commit_now("a", old, MIN);
        assert_eq!(
            store.reserve_now("a", MIN),
            Reserve::Duplicate(DuplicateState::InFlight)
        );
        store.commit_now("a", new, MIN);
        assert_eq!(
            store.reserve_now("a", MIN),
            Reserve::Duplicate(DuplicateState::Done)
        );
    }

    #[test]
    fn commit_after_expiry_still_records_done() {
        let clock = TestClock::default();
        let store = MemoryStore::with_clock(10, clock.clone());
        let t = fresh(store.reserve_now("a", MIN));
        clock.0.store(61_000, Ordering::SeqCst);
        store.commit_now("a", t, MIN);
        assert_eq!(
            store.reserve_now("a", MIN),
            Reserve::Duplicate(DuplicateState::Done)
        );
        // Evicted entirely, then committed: remembered as done.
        let store = MemoryStore::with_clock(1, clock.clone());
        let t = fresh(store.reserve_now("x", MIN));
        fresh(store.reserve_now("y", MIN));
        store.commit_now("x", t, MIN);
        assert_eq!(
            store.reserve_now("x", MIN),
            Reserve::Duplicate(DuplicateState::Done)
        );
    }

    #[test]
    fn oldest_evicted_first_and_bounded() {
        let store = MemoryStore::new(3);
        assert_eq!(store.shard_count(), 1);
        for key in ["a", "b", "c", "d"] {
            fresh(store.reserve_now(key, MIN));
        }
        assert_eq!(store.len(), 3);
        fresh(store.reserve_now("a", MIN)); // a was the oldest
        assert!(matches!(store.reserve_now("d", MIN), Reserve::Duplicate(_)));
        for i in 0..10_000 {
            let key = format!("k{i}");
            let t = fresh(store.reserve_now(&key, MIN));
            store.release_now(&key, t);
        }
        assert!(store.len() <= 3);
        assert!(lock(&store.shards[0]).slots.len() <= 3);
    }

    #[test]
    fn expired_slots_are_cleaned_up_as_ids_arrive() {
        let clock = TestClock::default();
        let store = MemoryStore::with_clock(1000, clock.clone());
        for i in 0..100 {
            fresh(store.reserve_now(&format!("old{i}"), MIN));
        }
        clock.0.store(120_000, Ordering::SeqCst);
        for i in 0..20 {
            fresh(store.reserve_now(&format!("new{i}"), MIN));
        }
        assert_eq!(store.len(), 20, "expired ids dropped from the old end");
    }

    #[test]
    fn flood_of_unique_ids_stays_within_entry_and_byte_bounds() {
        let store = MemoryStore::builder()
            .max_entries(1 << 20)
            .max_bytes(2 << 20)
            .shards(8)
            .build();
        assert!(store.capacity() < 50_000, "{}", store.capacity());
        let mut key = String::new();
        let mut peak = 0;
        for i in 0..1_000_000u32 {
            key.clear();
            key.push_str("github:");
            key.push_str(&format!(
                "{i:08x}-a-long-delivery-id-{}",
                "x".repeat((i % 64) as usize)
            ));
            fresh(store.reserve_now(&key, MIN));
            if i % 10_000 == 0 {
                peak = peak.max(store.heap_bytes());
                assert!(store.len() <= store.capacity());
            }
        }
        peak = peak.max(store.heap_bytes());
        assert!(store.len() <= store.capacity());
        assert!(store.len() >= store.capacity() * 9 / 10);
        assert!(peak <= store.max_bytes(), "{peak} > {}", store.max_bytes());
        assert!(peak <= 2 << 20);
    }

    #[test]
    fn byte_budget_holds_for_awkward_sizes() {
        for cap in [1, 7, 8, 9, 100, 897, 1000, 4097] {
            let store = MemoryStore::builder().max_entries(cap).shards(1).build();
            for i in 0..cap * 20 {
                let key = format!("{i}");
                let t = fresh(store.reserve_now(&key, MIN));
                if i % 3 == 0 {
                    store.release_now(&key, t);
                }
            }
            assert!(store.len() <= cap);
            assert!(
                store.heap_bytes() <= store.max_bytes(),
                "cap {cap}: {} > {}",
                store.heap_bytes(),
                store.max_bytes()
            );
        }
    }

    #[test]
    fn shards_default_sensibly() {
        assert_eq!(MemoryStore::new(100).shard_count(), 1);
        let big = MemoryStore::new(10_000_000);
        assert!(big.shard_count().is_power_of_two());
        assert_eq!(big.capacity(), 10_000_000);
        assert_eq!(MemoryStore::builder().shards(3).build().shard_count(), 4);
        assert_eq!(
            MemoryStore::builder()
                .max_entries(10)
                .max_bytes(0)
                .build()
                .capacity(),
            1
        );
    }

    #[test]
    fn concurrent_reserves_yield_one_fresh() {
        let store = Arc::new(MemoryStore::new(100_000));
        for round in 0..50 {
            let key = format!("k{round}");
            let fresh_count = std::thread::scope(|s| {
                let handles: Vec<_> = (0..4)
                    .map(|_| {
                        let store = &store;
                        let key = &key;
                        s.spawn(move || matches!(store.reserve_now(key, MIN), Reserve::Fresh(_)))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| usize::from(h.join().unwrap()))
                    .sum::<usize>()
            });
            assert_eq!(fresh_count, 1);
        }
    }
}
