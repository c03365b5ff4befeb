//! Replay protection: remember which deliveries were seen, so each is processed once.
//!
//! Providers deliver *at least once*: they retry until they get a 2xx, and an attacker who
//! captured a request can send it again within the timestamp window. A [`ReplayStore`] turns that
//! into *effectively once* processing:
//!
//! 1. after the signature holds, [`ReplayStore::reserve`] claims the delivery id for a short
//!    in-flight TTL; a second copy arriving meanwhile is a [`Reserve::Duplicate`];
//! 2. when the handler succeeded, [`ReplayStore::commit`] marks it done for the replay window;
//! 3. when the handler failed, [`ReplayStore::release`] forgets it, so the provider's retry is
//!    processed. A [`Reservation`] dropped without a decision is released.
//!
//! Limit: a process that dies after the handler's side effect but before `commit` leaves the id
//! in flight until the in-flight TTL ends; the provider's retry after that is processed again.
//! Make handlers idempotent where a repeat would hurt.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

mod memory;

pub use memory::MemoryStore;

/// A boxed future, as returned by [`ReplayStore`] methods.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The state of a delivery that was already seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DuplicateState {
    /// The first copy is still being handled.
    InFlight,
    /// The first copy was handled successfully.
    Done,
}

impl fmt::Display for DuplicateState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DuplicateState::InFlight => "in flight",
            DuplicateState::Done => "processed",
        })
    }
}

/// The answer of [`ReplayStore::reserve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserve {
    /// First time seen: the caller now holds the id.
    Fresh,
    /// Seen before.
    Duplicate(DuplicateState),
}

/// A replay store could not answer (network, server down). Surfaces as
/// [`crate::Error::ReplayStoreUnavailable`] (HTTP 503), never as a pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StoreError(pub String);

impl From<StoreError> for crate::Error {
    fn from(e: StoreError) -> Self {
        crate::Error::ReplayStoreUnavailable(e.0)
    }
}

/// Remembers delivery ids. Implemented by [`MemoryStore`] (one process) and by the Redis store
/// (a fleet of receivers).
pub trait ReplayStore: Send + Sync + 'static {
    /// Claims `key` as in flight for `ttl`, unless it is already known.
    fn reserve<'a>(
        &'a self,
        key: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Reserve, StoreError>>;

    /// Marks `key` as done, remembered for `ttl`.
    fn commit<'a>(&'a self, key: &'a str, ttl: Duration) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Forgets `key` if it is still in flight, so the next copy is processed.
    fn release<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Best-effort release from a synchronous context (a dropped [`Reservation`]). The default
    /// does nothing: the in-flight TTL then frees the key.
    fn release_on_drop(&self, key: &str) {
        let _ = key;
    }
}

/// A claimed delivery id. Call [`Reservation::commit`] when the handler succeeded and
/// [`Reservation::release`] when it failed; dropping it undecided releases it.
#[must_use = "commit the reservation after handling the delivery, or it is released"]
pub struct Reservation {
    store: Arc<dyn ReplayStore>,
    key: String,
    ttl: Duration,
    decided: bool,
}

impl Reservation {
    pub(crate) fn new(store: Arc<dyn ReplayStore>, key: String, ttl: Duration) -> Self {
        Self {
            store,
            key,
            ttl,
            decided: false,
        }
    }

    /// The store key (namespace, provider and delivery id).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Marks the delivery processed: copies arriving within the replay window are duplicates.
    pub async fn commit(mut self) -> Result<(), crate::Error> {
        self.decided = true;
        self.store
            .commit(&self.key, self.ttl)
            .await
            .map_err(Into::into)
    }

    /// Forgets the delivery so that the provider's retry is processed.
    pub async fn release(mut self) -> Result<(), crate::Error> {
        self.decided = true;
        self.store.release(&self.key).await.map_err(Into::into)
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if !self.decided {
            self.store.release_on_drop(&self.key);
        }
    }
}

impl fmt::Debug for Reservation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reservation")
            .field("key", &self.key)
            .field("ttl", &self.ttl)
            .field("decided", &self.decided)
            .finish_non_exhaustive()
    }
}
