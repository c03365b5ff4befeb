//! The durable inbox: acknowledge a verified delivery in milliseconds, process it later, never
//! lose it.
//!
//! A receiver with an inbox does three things per request, and nothing else:
//!
//! 1. **verify** the signature and the signed timestamp exactly as [`Verifier`] does (the body
//!    limit, the same provider code, the same clock and tolerance), and answer a provider's
//!    endpoint check ([`Handshake`]) inline;
//! 2. **insert** the delivery keyed by `(provider, replay key)` — the replay key the crate
//!    derives everywhere from signed material only ([`Verifier::replay_key`]) — in one atomic
//!    step that is also the de-duplication: a key already stored is a duplicate, and nothing is
//!    stored twice. The inbox *is* the replay store of these routes: there is no second round
//!    trip, and any replay store configured on the verifier is not consulted;
//! 3. **answer** once the insert is durable: `200` for a stored delivery and for a duplicate,
//!    `503` when the store could not be written (so the sender retries), the usual statuses
//!    (400, 401, 413, …) when verification failed — and then nothing is stored.
//!
//! Workers ([`worker::Worker`]) then claim due deliveries with a lease, parse each into the
//! provider's typed event and run the handler its [`worker::Router`] registered for that
//! provider, retrying with exponential backoff and jitter, and marking a delivery `dead` after
//! the last attempt or when its body does not fit the typed event (the raw body is kept, so a
//! person can re-drive it with [`InboxStore::retry`] once the code is fixed).
//!
//! # Guarantees
//!
//! * **Durable before the 2xx.** [`Inbox::ingest`] returns only after the store committed the
//!   row (the SQLite backend fsyncs its write-ahead log: `synchronous=FULL`).
//! * **Exactly one row per delivery.** Copies of one signed delivery — a sender's retry, a
//!   replayed capture, two receivers racing — share a replay key; the store keeps the first.
//! * **At least once processing.** A handler runs once per delivery, unless a worker died (or
//!   its lease ran out) inside the handler: the delivery is then claimed again after its lease
//!   expires and the handler runs again. Make handlers idempotent on
//!   [`worker::Job::delivery`]'s replay key (or [`worker::Job::id`]) where a repeat would hurt.
//!
//! # What is stored
//!
//! [`StoredDelivery`]: the provider, the tenant (the verifier's
//! [namespace](crate::VerifierBuilder::namespace), when one is set), the replay key, the event
//! name, the delivery ids and whether they are signed, the time received, the signed
//! timestamp, the raw body bytes exactly as received, the headers the scheme read while
//! verifying (signature, timestamp, id and event headers, exactly those the provider looked up)
//! plus `content-type`, and the processing state: status (`pending`, `in_flight`, `done`,
//! `dead`), attempts, next attempt time, last error, lease owner and lease expiry. Never a
//! secret: a header that can carry one (token schemes send the shared secret itself:
//! `Authorization`, `X-Gitlab-Token`, Telegram's secret token, any `*token*` / `*secret*`
//! header: [`is_credential_header`]) is stored as `[redacted]`.
//!
//! # Backends
//!
//! [`InboxStore`] is the trait a backend implements; one shared test suite
//! (`tests/inbox_suite/`) runs against every backend.
//!
//! * `SqliteStore` (feature `inbox-sqlite`): the embedded default, one file.
//! * `PostgresStore` (feature `inbox-postgres`): a fleet of receivers and workers on one
//!   PostgreSQL database (`INSERT … ON CONFLICT DO NOTHING` de-duplicates across receivers,
//!   `FOR UPDATE SKIP LOCKED` spreads claims over workers).
//!
//! # Metrics and traces
//!
//! With the `metrics` feature, [`Inbox::ingest`] and the workers record counters (deliveries
//! received, duplicate, rejected by kind, processed, retried, dead) and gauges (queue depth
//! per status, the age of the oldest pending delivery) through the `metrics` crate facade:
//! [`metrics`] lists the names, types and labels. Every ingest runs in an `inbox_ingest` span
//! (`provider`, `outcome`: `stored`, `duplicate`, `handshake` or `rejected`, with the error
//! `kind` or the row `id`) and every attempt in an `inbox_delivery` span (`id`, `provider`,
//! `event`, `attempt`, `outcome`); neither holds the body, a header value or a secret.
//!
//! [`open`] opens the backend a database URL names (`sqlite:webhooks.db`,
//! `postgres://app@db.internal/webhooks`), as the CLI's
//! `--inbox` and `--database` do.
//!
//! ```
//! # #[cfg(feature = "inbox-sqlite")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use webhook_guard::inbox::{Inbox, Ingested, SqliteStore, Status};
//! use webhook_guard::providers::github::{self, GitHub};
//! use webhook_guard::{Secret, Verifier, WebhookRequest};
//!
//! let dir = std::env::temp_dir().join(format!("wg-inbox-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let inbox = Inbox::new(SqliteStore::open(dir.join("webhooks.db"))?);
//! let verifier = Verifier::builder(GitHub)
//!     .secret(Secret::from_text("It's a Secret to Everybody"))
//!     .build()?;
//!
//! let signature = github::sign(b"It's a Secret to Everybody", br#"{"zen":"hi"}"#);
//! let headers = [("X-Hub-Signature-256", signature.as_str()), ("X-GitHub-Event", "ping")];
//! let request = WebhookRequest::new(&headers, br#"{"zen":"hi"}"#);
//!
//! let Ingested::Stored(id) = inbox.ingest(&verifier, &request).await? else { panic!() };
//! // The same delivery again: a duplicate, answered 200, not stored twice.
//! assert_eq!(inbox.ingest(&verifier, &request).await?, Ingested::Duplicate(id));
//!
//! let stored = inbox.store().get(id).await?.expect("stored");
//! assert_eq!((stored.provider.as_str(), stored.event.as_deref()), ("github", Some("ping")));
//! assert_eq!(stored.status, Status::Pending);
//! assert_eq!(stored.body, br#"{"zen":"hi"}"#);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(()) }
//! # #[cfg(not(feature = "inbox-sqlite"))]
//! # fn main() {}
//! ```

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::clock::{Clock, SystemClock, UnixTime};
use crate::delivery::{Delivery, IdSource};
use crate::error::Error;
use crate::events::Handshake;
use crate::headers::Headers;
use crate::provider::Provider;
use crate::replay::BoxFuture;
use crate::request::WebhookRequest;
use crate::verify::Verifier;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;

/// What a receiving route answers for an ingest: the text of its 200 (`stored`, `duplicate`),
/// or the rejection to turn into a response — an endpoint check's answer, or a refusal, which
/// is logged here (an error when the store failed, else at info), so every route logs alike.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn route_answer(
    outcome: Result<Ingested, crate::integrations::Rejection>,
) -> Result<&'static str, crate::integrations::Rejection> {
    use crate::integrations::Rejection;
    match outcome {
        Ok(Ingested::Stored(_)) => Ok("stored"),
        Ok(Ingested::Duplicate(_)) => Ok("duplicate"),
        Ok(Ingested::Handshake(answer)) => Err(Rejection::Handshake(answer)),
        Err(rejection) => {
            if rejection.status().is_server_error() {
                tracing::error!(kind = rejection.kind(), "webhook not stored: {rejection}");
            } else {
                tracing::info!(
                    kind = rejection.kind(),
                    status = rejection.status().as_u16(),
                    "webhook rejected"
                );
            }
            Err(rejection)
        }
    }
}
pub mod metrics;
mod open;
#[cfg(feature = "inbox-postgres")]
mod postgres;
#[cfg(feature = "inbox-sqlite")]
mod sqlite;
pub mod worker;

pub use open::{open, DatabaseUrl, OpenError, SUPPORTED_SCHEMES};

#[cfg(feature = "inbox-postgres")]
#[cfg_attr(docsrs, doc(cfg(feature = "inbox-postgres")))]
pub use postgres::{
    PostgresStore, PostgresStoreBuilder, MIGRATION_LOCK_KEY, POSTGRES_SCHEMA_VERSION,
};
#[cfg(feature = "inbox-sqlite")]
#[cfg_attr(docsrs, doc(cfg(feature = "inbox-sqlite")))]
pub use sqlite::{SqliteStore, SqliteStoreBuilder, SCHEMA_VERSION};

/// The longest `last_error` kept (bytes); longer messages are cut at a character boundary.
pub const MAX_ERROR_LEN: usize = 2048;

/// The row id of a stored delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeliveryId(pub i64);

impl fmt::Display for DeliveryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Where a stored delivery is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Waiting for a worker (first attempt, or a retry once its next attempt time has come).
    Pending,
    /// Claimed by a worker whose lease has not expired yet.
    InFlight,
    /// Handled successfully (or skipped: no handler wanted this event).
    Done,
    /// Given up: out of attempts, or the body does not fit the typed event. Kept for a person
    /// to inspect and re-drive ([`InboxStore::retry`]).
    Dead,
}

impl Status {
    /// The stored text: `pending`, `in_flight`, `done` or `dead`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::InFlight => "in_flight",
            Status::Done => "done",
            Status::Dead => "dead",
        }
    }

    /// The status named by its stored text.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "pending" => Some(Status::Pending),
            "in_flight" => Some(Status::InFlight),
            "done" => Some(Status::Done),
            "dead" => Some(Status::Dead),
            _ => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A verified delivery to store, as [`Inbox::ingest`] builds it.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewDelivery {
    /// The provider's module name ([`Provider::name`] / [`Delivery::provider`]).
    pub provider: String,
    /// The tenant: the verifier's namespace, when one is set.
    pub tenant: Option<String>,
    /// The replay key ([`Verifier::replay_key`]); unique per provider.
    pub replay_key: String,
    /// The event name, when the request names it ([`Delivery::event`]).
    pub event: Option<String>,
    /// `true` when the event name is covered by the signature.
    pub event_signed: bool,
    /// The delivery id the signature covers ([`Delivery::signed_id`]).
    pub signed_id: Option<String>,
    /// Where the signed id comes from.
    pub id_source: IdSource,
    /// The sender's unsigned delivery id header ([`Delivery::unsigned_id`]).
    pub unsigned_id: Option<String>,
    /// When the receiver got it (the inbox's clock).
    pub received_at: UnixTime,
    /// The signed timestamp, for schemes that sign one.
    pub signed_at: Option<UnixTime>,
    /// The headers the scheme read, plus `content-type`: lower-case names, values as text
    /// (bytes that are not UTF-8 are replaced; every scheme's headers are ASCII).
    pub headers: Vec<(String, String)>,
    /// The body bytes exactly as received.
    pub body: Vec<u8>,
}

impl NewDelivery {
    /// A delivery of `provider` under `replay_key`, received at `received_at`, with `body`;
    /// every other field empty. [`Inbox::ingest`] fills them from the verified request; this
    /// is for backend tests and tools.
    pub fn new(provider: &str, replay_key: &str, received_at: UnixTime, body: Vec<u8>) -> Self {
        Self {
            provider: provider.to_owned(),
            tenant: None,
            replay_key: replay_key.to_owned(),
            event: None,
            event_signed: false,
            signed_id: None,
            id_source: IdSource::None,
            unsigned_id: None,
            received_at,
            signed_at: None,
            headers: Vec::new(),
            body,
        }
    }

    /// Sets the event name (unsigned).
    #[must_use]
    pub fn with_event(mut self, event: &str) -> Self {
        self.event = Some(event.to_owned());
        self
    }
}

impl fmt::Debug for NewDelivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewDelivery")
            .field("provider", &self.provider)
            .field("tenant", &self.tenant)
            .field("replay_key", &self.replay_key)
            .field("event", &self.event)
            .field("received_at", &self.received_at.as_millis())
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// A delivery as the store holds it.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoredDelivery {
    /// The row id.
    pub id: DeliveryId,
    /// The provider's module name.
    pub provider: String,
    /// The tenant (the verifier's namespace), when one was set.
    pub tenant: Option<String>,
    /// The replay key; unique per provider.
    pub replay_key: String,
    /// The event name, when the request named it.
    pub event: Option<String>,
    /// `true` when the event name is covered by the signature.
    pub event_signed: bool,
    /// The delivery id the signature covers.
    pub signed_id: Option<String>,
    /// Where the signed id comes from.
    pub id_source: IdSource,
    /// The sender's unsigned delivery id header.
    pub unsigned_id: Option<String>,
    /// When the receiver got it.
    pub received_at: UnixTime,
    /// The signed timestamp, for schemes that sign one.
    pub signed_at: Option<UnixTime>,
    /// The headers the scheme read, plus `content-type`.
    pub headers: Vec<(String, String)>,
    /// The body bytes exactly as received.
    pub body: Vec<u8>,
    /// Where it is in its life.
    pub status: Status,
    /// How many times a worker claimed it.
    pub attempts: u32,
    /// When it is due (for `pending`); the time of the last change otherwise.
    pub next_attempt_at: UnixTime,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// The worker holding it (`in_flight`).
    pub lease_owner: Option<String>,
    /// When that worker's lease ends; after it, the delivery can be claimed again.
    pub lease_expires_at: Option<UnixTime>,
    /// When the row last changed.
    pub updated_at: UnixTime,
}

impl StoredDelivery {
    /// The [`Delivery`] the signature proved when it was received, rebuilt from the stored
    /// columns for `provider` (the provider's [`Provider::name`], `'static`), so the provider
    /// can parse the body as it would have inline.
    pub fn delivery(&self, provider: &'static str) -> Delivery {
        let mut delivery = Delivery::new(provider);
        if let Some(at) = self.signed_at {
            delivery = delivery.with_timestamp(at);
        }
        if let Some(id) = &self.signed_id {
            delivery = delivery.with_signed_id(id, self.id_source);
        }
        if let Some(id) = &self.unsigned_id {
            delivery = delivery.with_unsigned_id(id);
        }
        if let Some(event) = &self.event {
            delivery = if self.event_signed {
                delivery.with_signed_event(event)
            } else {
                delivery.with_event(event)
            };
        }
        delivery.with_replay_key(self.replay_key.clone())
    }

    /// The first stored value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for StoredDelivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredDelivery")
            .field("id", &self.id)
            .field("provider", &self.provider)
            .field("tenant", &self.tenant)
            .field("replay_key", &self.replay_key)
            .field("event", &self.event)
            .field("status", &self.status)
            .field("attempts", &self.attempts)
            .field("next_attempt_at", &self.next_attempt_at.as_millis())
            .field("last_error", &self.last_error)
            .field("lease_owner", &self.lease_owner)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// The answer of [`InboxStore::insert`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Insert {
    /// Stored (and committed) under this id.
    Stored(DeliveryId),
    /// A delivery with the same provider and replay key was stored before, under this id;
    /// nothing was written.
    Duplicate(DeliveryId),
}

/// What a worker asks [`InboxStore::claim`] for.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Claim<'a> {
    /// Who claims: the lease owner written into each claimed row.
    pub owner: &'a str,
    /// The claimer's clock reading: deliveries due at or before it are claimed.
    pub now: UnixTime,
    /// How long the lease lasts; an in-flight delivery whose lease ended is claimable again.
    pub lease: Duration,
    /// At most this many deliveries.
    pub limit: usize,
    /// Only these providers (by name); empty means every provider.
    pub providers: &'a [&'a str],
}

impl<'a> Claim<'a> {
    /// Up to `limit` due deliveries of any provider, leased to `owner` for `lease` from `now`.
    pub fn new(owner: &'a str, now: UnixTime, lease: Duration, limit: usize) -> Self {
        Self {
            owner,
            now,
            lease,
            limit,
            providers: &[],
        }
    }

    /// Only deliveries of these providers.
    #[must_use]
    pub fn providers(mut self, providers: &'a [&'a str]) -> Self {
        self.providers = providers;
        self
    }

    /// When a lease taken now ends (saturating).
    pub fn lease_expires_at(&self) -> UnixTime {
        add(self.now, self.lease)
    }
}

/// What [`InboxStore::fail`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure<'a> {
    /// Try again at this time (back to `pending`).
    RetryAt(UnixTime, &'a str),
    /// Give up: `dead`, for a person to look at.
    Dead(&'a str),
}

/// Which deliveries [`InboxStore::list`] returns: newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListFilter {
    /// Only this status.
    pub status: Option<Status>,
    /// Only this provider.
    pub provider: Option<String>,
    /// Only ids below this one (the next page after the last id seen).
    pub before: Option<DeliveryId>,
    /// At most this many (default 100).
    pub limit: usize,
}

impl Default for ListFilter {
    fn default() -> Self {
        Self {
            status: None,
            provider: None,
            before: None,
            limit: 100,
        }
    }
}

impl ListFilter {
    /// Only this status.
    #[must_use]
    pub fn status(mut self, status: Status) -> Self {
        self.status = Some(status);
        self
    }

    /// Only this provider.
    #[must_use]
    pub fn provider(mut self, provider: &str) -> Self {
        self.provider = Some(provider.to_owned());
        self
    }

    /// Only ids below `id`.
    #[must_use]
    pub fn before(mut self, id: DeliveryId) -> Self {
        self.before = Some(id);
        self
    }

    /// At most `limit`.
    #[must_use]
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }
}

/// Counts per status, and the age of the queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Deliveries waiting for a worker.
    pub pending: u64,
    /// Deliveries claimed by a worker.
    pub in_flight: u64,
    /// Deliveries handled.
    pub done: u64,
    /// Deliveries given up on.
    pub dead: u64,
    /// When the oldest pending delivery was received.
    pub oldest_pending: Option<UnixTime>,
}

/// Why an inbox store could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InboxError {
    /// The store could not be reached or written (file, lock, disk, connection): nothing was
    /// acknowledged. Receiving routes answer 503, so the sender retries.
    #[error("inbox store unavailable: {0}")]
    Unavailable(String),
    /// The store holds something this version cannot read (a newer schema, a bad row).
    #[error("inbox store data unreadable: {0}")]
    Corrupt(String),
}

impl From<InboxError> for Error {
    /// [`Error::ReplayStoreUnavailable`] (503): the inbox is the replay store of its routes.
    fn from(e: InboxError) -> Self {
        Error::ReplayStoreUnavailable(e.to_string())
    }
}

/// A backend of the inbox: where deliveries are stored durably, de-duplicated and claimed.
///
/// Object safe: [`Inbox`] holds an `Arc<dyn InboxStore>`. Every method takes the caller's
/// clock reading where time matters, so stores read no clock and tests inject one.
///
/// What every implementation must guarantee (the shared test suite checks it):
///
/// * `insert` is atomic and durable: of any number of concurrent inserts with one
///   `(provider, replay_key)`, exactly one is [`Insert::Stored`], and it has been committed to
///   durable storage when the future resolves;
/// * `claim` hands each due delivery to one claimer at a time: `pending` rows whose
///   `next_attempt_at` has come, and `in_flight` rows whose lease expired, oldest due first; it
///   sets `in_flight`, the owner and lease expiry, and adds one to `attempts`;
/// * `complete`, `fail`, `release` and `extend_lease` act only while `owner` holds the lease (the row is
///   `in_flight` under that owner) and answer `false` otherwise, so a worker whose lease ran
///   out cannot overwrite the outcome of the worker that claimed the delivery after it.
pub trait InboxStore: Send + Sync + 'static {
    /// Stores `delivery` unless its `(provider, replay_key)` is already stored.
    fn insert(&self, delivery: NewDelivery) -> BoxFuture<'_, Result<Insert, InboxError>>;

    /// Claims up to `claim.limit` due deliveries for `claim.owner` (see the trait docs).
    fn claim<'a>(
        &'a self,
        claim: Claim<'a>,
    ) -> BoxFuture<'a, Result<Vec<StoredDelivery>, InboxError>>;

    /// Marks a claimed delivery `done`. `false` when `owner` no longer holds it.
    fn complete<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>>;

    /// Records a failed attempt of a claimed delivery: back to `pending` at the retry time, or
    /// `dead`; the message goes into `last_error`. `false` when `owner` no longer holds it.
    fn fail<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        failure: Failure<'a>,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>>;

    /// Gives a claimed delivery back untried (a worker shutting down): `pending`, due now, the
    /// claim's attempt not counted. `false` when `owner` no longer holds it.
    fn release<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>>;

    /// Extends the lease of a claimed delivery to `until` (a worker whose handler is still
    /// running: a heartbeat). `false` when `owner` no longer holds it — the lease ran out and
    /// another worker may have claimed it; the handler's outcome will not be recorded.
    fn extend_lease<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        until: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>>;

    /// One delivery, with its body and headers.
    fn get(&self, id: DeliveryId) -> BoxFuture<'_, Result<Option<StoredDelivery>, InboxError>>;

    /// Deliveries matching `filter`, newest first.
    fn list<'a>(
        &'a self,
        filter: &'a ListFilter,
    ) -> BoxFuture<'a, Result<Vec<StoredDelivery>, InboxError>>;

    /// Counts per status.
    fn stats(&self) -> BoxFuture<'_, Result<Stats, InboxError>>;

    /// Re-drives a `dead` delivery: `pending`, due at `now`, attempts back to 0, the last
    /// error kept until the next attempt. `false` when it is not dead (or not there).
    fn retry(&self, id: DeliveryId, now: UnixTime) -> BoxFuture<'_, Result<bool, InboxError>>;

    /// [`InboxStore::retry`] for every dead delivery; answers how many.
    fn retry_dead(&self, now: UnixTime) -> BoxFuture<'_, Result<u64, InboxError>>;

    /// Deletes `done` deliveries last changed before `before`; answers how many. Their replay
    /// keys are forgotten with them: keep `done` rows for at least the senders' retry window.
    fn purge_done(&self, before: UnixTime) -> BoxFuture<'_, Result<u64, InboxError>>;
}

/// What [`Inbox::ingest`] did with a verified request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ingested {
    /// Stored durably under this id: answer 2xx.
    Stored(DeliveryId),
    /// Stored before, under this id: answer 200, nothing was written.
    Duplicate(DeliveryId),
    /// A provider's endpoint check (signed, or unsigned like Dropbox's `GET` challenge): send
    /// this answer with 200; nothing is stored.
    Handshake(Handshake),
}

/// An inbox: a store and the clock that stamps deliveries. Cheap to clone.
///
/// See the [module docs](self).
#[derive(Clone)]
pub struct Inbox {
    store: Arc<dyn InboxStore>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Inbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

impl Inbox {
    /// An inbox over `store`, stamping deliveries with the system clock.
    pub fn new(store: impl InboxStore) -> Self {
        Self::shared(Arc::new(store))
    }

    /// An inbox over a shared `store`.
    pub fn shared(store: Arc<dyn InboxStore>) -> Self {
        Self {
            store,
            clock: Arc::new(SystemClock),
        }
    }

    /// Uses `clock` for receive times (and, in workers, for due times and leases).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Uses a shared `clock`.
    #[must_use]
    pub fn with_shared_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn InboxStore> {
        &self.store
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// Answers an unsigned endpoint check ([`Verifier::endpoint_check`]), verifies `req` with
    /// `verifier` (body limit, signature, signed timestamp: exactly
    /// [`Verifier::check_signature`]), answers a signed endpoint check, then stores the delivery
    /// under its replay key in one atomic, durable insert (see the [module docs](self)).
    ///
    /// Errors are the verifier's (400, 401, 413, … by [`Error::status`]: nothing is stored),
    /// or [`Error::ReplayStoreUnavailable`] (503) when the store could not be written.
    ///
    /// It runs in an `inbox_ingest` span and, with the `metrics` feature, counts its outcome
    /// (see [Metrics and traces](self#metrics-and-traces)).
    ///
    /// The request is only read before the first `.await`, so the future is `Send` whatever
    /// the headers type.
    pub fn ingest<'a, P: Provider>(
        &'a self,
        verifier: &'a Verifier<P>,
        req: &WebhookRequest<'_>,
    ) -> impl Future<Output = Result<Ingested, Error>> + Send + 'a {
        use tracing::Instrument;
        let provider = verifier.provider().name();
        let span = tracing::info_span!(
            "inbox_ingest",
            provider,
            outcome = tracing::field::Empty,
            kind = tracing::field::Empty,
            id = tracing::field::Empty,
        );
        let prepared = span.in_scope(|| self.prepare(verifier, req));
        let outer = span.clone();
        async move {
            let result = self.store_prepared(prepared).await;
            observe_ingest(provider, &span, &result);
            result
        }
        .instrument(outer)
    }

    async fn store_prepared(&self, prepared: Result<Prepared, Error>) -> Result<Ingested, Error> {
        let delivery = match prepared? {
            Prepared::Store(delivery) => delivery,
            Prepared::Handshake(answer) => return Ok(Ingested::Handshake(answer)),
        };
        match self.store.insert(delivery).await? {
            Insert::Stored(id) => Ok(Ingested::Stored(id)),
            Insert::Duplicate(id) => Ok(Ingested::Duplicate(id)),
        }
    }

    /// Reads [`InboxStore::stats`] and, with the `metrics` feature, sets the queue gauges
    /// ([`metrics::QUEUE_DEPTH`], [`metrics::OLDEST_PENDING_AGE_SECONDS`], the age by this
    /// inbox's clock) from it. [`worker::Worker::run`] calls it every
    /// [`worker::WorkerBuilder::stats_interval`]; call it yourself to refresh the gauges in a
    /// process that runs no worker.
    pub async fn record_stats(&self) -> Result<Stats, InboxError> {
        let stats = self.store.stats().await?;
        metrics::queue(&stats, self.clock.now());
        Ok(stats)
    }

    /// The synchronous half of [`Inbox::ingest`]: verify, handshake, derive the key, collect
    /// what is stored.
    fn prepare<P: Provider>(
        &self,
        verifier: &Verifier<P>,
        req: &WebhookRequest<'_>,
    ) -> Result<Prepared, Error> {
        let recorder = Recorder {
            inner: req.headers(),
            names: Mutex::new(Vec::new()),
        };
        let mut request = WebhookRequest::new(&recorder, req.body());
        if let Some(method) = req.method() {
            request = request.with_method(method);
        }
        if let Some(url) = req.url() {
            request = request.with_url(url);
        }
        if let Some(query) = req.query() {
            request = request.with_query(query);
        }
        // An unsigned endpoint check (Meta's subscription GET, Dropbox's challenge, …) is
        // answered or refused before anything is verified, as on every other path; nothing is
        // stored.
        if let Some(answer) = verifier.endpoint_check(&request) {
            return answer.map(Prepared::Handshake);
        }
        let delivery = verifier.check(&request)?;
        if let Some(answer) = verifier.handshake(&delivery, req.body()) {
            return Ok(Prepared::Handshake(answer));
        }
        let delivery = crate::verify::with_replay_key(
            verifier.provider(),
            verifier.namespace(),
            delivery,
            &request,
        );
        let mut names = recorder
            .names
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        names.push("content-type".to_owned());
        let mut headers: Vec<(String, String)> = Vec::with_capacity(names.len());
        for name in &names {
            if headers.iter().any(|(n, _)| n == name) {
                continue;
            }
            req.headers().for_each_value(name, &mut |value| {
                let value = if is_credential_header(name) {
                    REDACTED.to_owned()
                } else {
                    String::from_utf8_lossy(value).into_owned()
                };
                headers.push((name.clone(), value));
            });
        }
        Ok(Prepared::Store(NewDelivery {
            provider: delivery.provider().to_owned(),
            tenant: verifier.namespace().map(str::to_owned),
            replay_key: delivery.replay_key().unwrap_or_default().to_owned(),
            event: delivery.event().map(str::to_owned),
            event_signed: delivery.event_is_signed(),
            signed_id: delivery.signed_id().map(str::to_owned),
            id_source: delivery.id_source(),
            unsigned_id: delivery.unsigned_id().map(str::to_owned),
            received_at: self.clock.now(),
            signed_at: delivery.timestamp(),
            headers,
            body: req.body().to_vec(),
        }))
    }
}

enum Prepared {
    Store(NewDelivery),
    Handshake(Handshake),
}

/// Records what one ingest did: the span's `outcome` (and `id` or error `kind`), and its
/// counter.
fn observe_ingest(provider: &'static str, span: &tracing::Span, result: &Result<Ingested, Error>) {
    match result {
        Ok(Ingested::Stored(id)) => {
            span.record("outcome", "stored");
            span.record("id", id.0);
            metrics::received(provider);
        }
        Ok(Ingested::Duplicate(id)) => {
            span.record("outcome", "duplicate");
            span.record("id", id.0);
            metrics::duplicate(provider);
        }
        Ok(Ingested::Handshake(_)) => {
            span.record("outcome", "handshake");
        }
        Err(e) => {
            span.record("outcome", "rejected");
            span.record("kind", e.kind());
            metrics::rejected(provider, e.kind());
        }
    }
}

/// A header view that remembers which names the scheme looked up (lower case, in order), so
/// the inbox stores exactly the headers verification used.
struct Recorder<'a> {
    inner: &'a (dyn Headers + Sync),
    names: Mutex<Vec<String>>,
}

impl Recorder<'_> {
    fn note(&self, name: &str) {
        let mut names = self.names.lock().unwrap_or_else(PoisonError::into_inner);
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_ascii_lowercase());
        }
    }
}

impl Headers for Recorder<'_> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.note(name);
        self.inner.get(name)
    }

    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        self.note(name);
        self.inner.for_each_value(name, each);
    }
}

/// How a backend stores an [`IdSource`] (the `id_source` column).
#[cfg(any(feature = "inbox-sqlite", feature = "inbox-postgres"))]
pub(crate) fn id_source_text(source: IdSource) -> &'static str {
    match source {
        IdSource::SignedHeader => "header",
        IdSource::Body => "body",
        IdSource::None => "none",
    }
}

/// [`id_source_text`] read back; `None` for text no backend writes.
#[cfg(any(feature = "inbox-sqlite", feature = "inbox-postgres"))]
pub(crate) fn id_source_parse(text: &str) -> Option<IdSource> {
    match text {
        "header" => Some(IdSource::SignedHeader),
        "body" => Some(IdSource::Body),
        "none" => Some(IdSource::None),
        _ => None,
    }
}

/// What the inbox stores instead of the value of a credential header
/// ([`is_credential_header`]).
pub const REDACTED: &str = "[redacted]";

/// Whether a header can carry a credential — token schemes send the shared secret itself as
/// the proof (GitLab's `X-Gitlab-Token`, Telegram's secret token, Postmark's and Okta's
/// `Authorization`) — so that its value must never be stored, printed or logged: the inbox
/// stores [`REDACTED`] instead, and the CLI prints that.
///
/// Any header whose name contains, in any case, `authorization`, `cookie`, `token`, `secret`,
/// `password`, `api-key` or `apikey`.
///
/// ```
/// use webhook_guard::inbox::is_credential_header;
///
/// assert!(is_credential_header("Authorization"));
/// assert!(is_credential_header("X-Gitlab-Token"));
/// assert!(is_credential_header("x-telegram-bot-api-secret-token"));
/// assert!(!is_credential_header("X-Hub-Signature-256")); // a MAC, not the secret
/// ```
pub fn is_credential_header(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "authorization",
        "cookie",
        "token",
        "secret",
        "password",
        "api-key",
        "apikey",
    ];
    WORDS.iter().any(|word| {
        name.as_bytes()
            .windows(word.len())
            .any(|window| window.eq_ignore_ascii_case(word.as_bytes()))
    })
}

/// `at` plus `duration`, saturating.
pub(crate) fn add(at: UnixTime, duration: Duration) -> UnixTime {
    let millis = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
    UnixTime::from_millis(at.as_millis().saturating_add(millis))
}

/// `message` cut to at most [`MAX_ERROR_LEN`] bytes at a character boundary.
pub(crate) fn bounded_error(message: &str) -> &str {
    if message.len() <= MAX_ERROR_LEN {
        return message;
    }
    let mut end = MAX_ERROR_LEN;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    message.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_text() {
        for status in [
            Status::Pending,
            Status::InFlight,
            Status::Done,
            Status::Dead,
        ] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("DONE"), None);
    }

    #[test]
    fn credential_headers_are_recognised_in_any_case() {
        for name in [
            "authorization",
            "Proxy-Authorization",
            "X-Authorization",
            "cookie",
            "Set-Cookie",
            "X-Gitlab-Token",
            "i-twilio-idempotency-token",
            "X-Telegram-Bot-Api-Secret-Token",
            "x-webhook-secret",
            "X-Password",
            "x-api-key",
            "X-ApiKey",
        ] {
            assert!(is_credential_header(name), "{name}");
        }
        for name in [
            "",
            "content-type",
            "x-hub-signature-256",
            "stripe-signature",
            "webhook-id",
            "x-github-event",
            "tok",
        ] {
            assert!(!is_credential_header(name), "{name}");
        }
    }

    #[test]
    fn long_errors_are_cut_at_a_character_boundary() {
        let long = "é".repeat(MAX_ERROR_LEN);
        let cut = bounded_error(&long);
        assert!(cut.len() <= MAX_ERROR_LEN);
        assert!(cut.chars().all(|c| c == 'é'));
        assert_eq!(bounded_error("short"), "short");
    }

    #[test]
    fn the_recorder_keeps_each_name_once_in_lower_case() {
        let pairs = [
            ("X-Hub-Signature-256", "sha256=00"),
            ("Content-Type", "a/b"),
        ];
        let recorder = Recorder {
            inner: &pairs,
            names: Mutex::new(Vec::new()),
        };
        assert!(recorder.get("X-Hub-Signature-256").is_some());
        assert!(recorder.get("x-hub-signature-256").is_some());
        assert!(recorder.get("X-GitHub-Event").is_none());
        let names = recorder.names.into_inner().unwrap();
        assert_eq!(names, ["x-hub-signature-256", "x-github-event"]);
    }

    #[test]
    fn a_stored_delivery_rebuilds_what_the_signature_proved() {
        let mut new = NewDelivery::new("github", "github:sha256:ab", UnixTime::EPOCH, vec![]);
        new.event = Some("push".into());
        let stored = StoredDelivery {
            id: DeliveryId(1),
            provider: new.provider,
            tenant: None,
            replay_key: new.replay_key,
            event: new.event,
            event_signed: false,
            signed_id: Some("evt_1".into()),
            id_source: IdSource::Body,
            unsigned_id: Some("72d3162e".into()),
            received_at: UnixTime::EPOCH,
            signed_at: UnixTime::from_secs(1_700_000_000),
            headers: vec![("x-github-event".into(), "push".into())],
            body: vec![],
            status: Status::Pending,
            attempts: 0,
            next_attempt_at: UnixTime::EPOCH,
            last_error: None,
            lease_owner: None,
            lease_expires_at: None,
            updated_at: UnixTime::EPOCH,
        };
        let d = stored.delivery("github");
        assert_eq!(d.event(), Some("push"));
        assert!(!d.event_is_signed());
        assert_eq!(d.signed_id(), Some("evt_1"));
        assert_eq!(d.id_source(), IdSource::Body);
        assert_eq!(d.unsigned_id(), Some("72d3162e"));
        assert_eq!(d.timestamp(), UnixTime::from_secs(1_700_000_000));
        assert_eq!(d.replay_key(), Some("github:sha256:ab"));
        assert_eq!(stored.header("X-GitHub-Event"), Some("push"));
    }
}
