//! Workers: claim due deliveries with a lease, parse each into its provider's typed event and
//! run the handler a [`Router`] registered for it.
//!
//! | outcome of one attempt | the delivery becomes |
//! |---|---|
//! | the handler returned `Ok` | `done` |
//! | no handler of the provider wants this event (see [`Router::on_events`]) | `done` (skipped) |
//! | the handler returned `Err`, or panicked | `pending` again, due after the [`Backoff`] delay; `dead` after the last attempt ([`WorkerBuilder::max_attempts`]) |
//! | the verified body does not fit the typed event | `dead` at once, `last_error` naming the JSON path (the raw body is kept: fix the code, then [`InboxStore::retry`](super::InboxStore::retry)) |
//! | the worker died (or stalled past its lease) | claimed again once the lease expired (the attempt counts) |
//!
//! While a handler runs, its worker extends the lease every third of
//! [`WorkerBuilder::lease`] ([`InboxStore::extend_lease`](super::InboxStore::extend_lease)), so
//! a slow handler keeps its delivery for as long as its worker is alive.
//!
//! Handlers run at least once per delivery: a worker that dies inside a handler (or whose
//! process stalls past the lease, or cannot reach the store to extend it) lets another claim
//! run it again. Make them idempotent on [`Job::delivery`]'s replay key (or [`Job::id`]).
//!
//! `done` deliveries are kept until something purges them; [`WorkerBuilder::retain_done`] has
//! the worker do it.
//!
//! ```
//! # #[cfg(all(feature = "inbox-sqlite", feature = "github"))]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use webhook_guard::events::github::Event;
//! use webhook_guard::inbox::worker::{Job, Router, Worker};
//! use webhook_guard::inbox::{Inbox, SqliteStore};
//! use webhook_guard::providers::github::GitHub;
//!
//! # let dir = std::env::temp_dir().join(format!("wg-worker-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! let inbox = Inbox::new(SqliteStore::open(dir.join("webhooks.db"))?);
//! let router = Router::new()
//!     .on_events(GitHub, &["pull_request", "push"], |job: Job<Event>| async move {
//!         println!("{} {:?}", job.id, job.delivery.event());
//!         Ok::<(), std::io::Error>(())
//!     });
//! let worker = Worker::builder(inbox, router).concurrency(16).build();
//! // Until Ctrl-C: stop claiming, let the handlers running finish.
//! # let ctrl_c = async {};
//! worker.run(ctrl_c).await;
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(()) }
//! # #[cfg(not(all(feature = "inbox-sqlite", feature = "github")))]
//! # fn main() {}
//! ```

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::hash::BuildHasher;
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;

use super::{add, metrics, Claim, DeliveryId, Failure, Inbox, StoredDelivery};
use crate::clock::{Clock, SystemClock, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::Parse;
use crate::replay::BoxFuture;

/// The error a handler returns: anything that converts into a boxed error. Its `Display` text
/// becomes the delivery's `last_error`.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One delivery handed to a handler.
#[derive(Debug)]
#[non_exhaustive]
pub struct Job<E> {
    /// The row id in the inbox.
    pub id: DeliveryId,
    /// What the signature proved when it was received (with its replay key: the idempotency
    /// key to use).
    pub delivery: Delivery,
    /// The provider's typed event.
    pub event: E,
    /// Which attempt this is (1 for the first).
    pub attempt: u32,
    /// When the receiver got it.
    pub received_at: UnixTime,
    /// The tenant (the verifier's namespace), when one was set.
    pub tenant: Option<String>,
}

type HandlerFuture = BoxFuture<'static, Result<(), BoxError>>;
type Handler<E> = Arc<dyn Fn(Job<E>) -> HandlerFuture + Send + Sync>;

/// What a route makes of a claimed delivery.
enum Dispatch {
    Run(HandlerFuture),
    /// No handler wants this event.
    Skip,
    /// The body does not fit the typed event.
    Invalid(Error),
}

/// Where a delivery comes from: a claimed row, or a request handled inline.
struct Source {
    id: DeliveryId,
    attempt: u32,
    received_at: UnixTime,
    tenant: Option<String>,
}

/// One registered handler, its provider's type erased.
trait Route: Send + Sync {
    fn wants(&self, event: Option<&str>) -> bool;
    fn dispatch(&self, delivery: Delivery, body: &[u8], source: Source) -> Dispatch;
}

struct TypedRoute<P: Parse> {
    provider: P,
    events: Vec<String>,
    handler: Handler<P::Event>,
}

impl<P: Parse> Route for TypedRoute<P>
where
    P::Event: Send + 'static,
{
    fn wants(&self, event: Option<&str>) -> bool {
        if self.events.is_empty() {
            return true;
        }
        let Some(event) = event else { return false };
        self.events
            .iter()
            .any(|pattern| match pattern.strip_suffix('*') {
                Some(prefix) => event.starts_with(prefix),
                None => event == pattern,
            })
    }

    fn dispatch(&self, delivery: Delivery, body: &[u8], source: Source) -> Dispatch {
        match self.provider.parse(&delivery, body) {
            Ok(event) => Dispatch::Run((self.handler)(Job {
                id: source.id,
                delivery,
                event,
                attempt: source.attempt,
                received_at: source.received_at,
                tenant: source.tenant,
            })),
            Err(e) => Dispatch::Invalid(e),
        }
    }
}

/// Handlers by provider: each takes the provider's typed event enum ([`Parse::Event`]).
///
/// A delivery goes to the first handler registered for its provider whose event filter
/// matches; when none matches, it is marked `done` unhandled (like octokit's webhooks, which
/// ignore events nobody listens to). A worker claims only deliveries of the providers its
/// router knows, so workers can be split by provider.
#[derive(Default)]
pub struct Router {
    routes: HashMap<&'static str, Vec<Box<dyn Route>>>,
}

impl fmt::Debug for Router {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Router")
            .field("providers", &self.providers())
            .finish()
    }
}

impl Router {
    /// No handlers yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `handler` for every delivery of `provider`.
    pub fn on<P, F, Fut, E>(self, provider: P, handler: F) -> Self
    where
        P: Parse,
        P::Event: Send + 'static,
        F: Fn(Job<P::Event>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.on_events(provider, &[], handler)
    }

    /// Runs `handler` for the deliveries of `provider` whose event name
    /// ([`Delivery::event`]) is one of `events`: an exact name (`"push"`,
    /// `"invoice.paid"`), or a prefix ending in `*` (`"customer.*"`). An empty list takes
    /// every event. Deliveries without an event name match only an empty list.
    pub fn on_events<P, F, Fut, E>(mut self, provider: P, events: &[&str], handler: F) -> Self
    where
        P: Parse,
        P::Event: Send + 'static,
        F: Fn(Job<P::Event>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        let name = provider.name();
        let handler: Handler<P::Event> = Arc::new(move |job| {
            let future = handler(job);
            Box::pin(async move { future.await.map_err(Into::into) })
        });
        self.routes
            .entry(name)
            .or_default()
            .push(Box::new(TypedRoute {
                provider,
                events: events.iter().map(|e| (*e).to_owned()).collect(),
                handler,
            }));
        self
    }

    /// The providers with a handler, sorted.
    pub fn providers(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.routes.keys().copied().collect();
        names.sort_unstable();
        names
    }

    /// Runs the handler registered for a delivery verified in the request itself, without an
    /// inbox: the same typed routing as a [`Worker`], for receivers that use the extractors
    /// (`Verified { delivery, body, .. }`) and process inline. The handler's [`Job`] has
    /// `id` `DeliveryId(0)` (no row), `attempt` 1, `received_at` now and no tenant.
    ///
    /// Answers [`Handled::Done`] when the handler returned `Ok`, [`Handled::Skipped`] when no
    /// handler of the provider wants this event. A handler error, a body that does not fit
    /// the typed event and a provider without a handler are [`InlineError`]s, whose
    /// [`status`](InlineError::status) to answer is 500 (the sender retries), the parse
    /// error's own (422) and 500. Unlike a worker's, an inline handler is not retried by the
    /// library and its panic is not caught: it unwinds into the server as any handler's does.
    ///
    /// ```
    /// # #[cfg(feature = "github")]
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use webhook_guard::events::github::Event;
    /// use webhook_guard::inbox::worker::{Handled, Job, Router};
    /// use webhook_guard::providers::github::{self, GitHub};
    /// use webhook_guard::{Secret, Verifier, WebhookRequest};
    ///
    /// let router = Router::new().on(GitHub, |job: Job<Event>| async move {
    ///     assert!(matches!(job.event, Event::Ping(_)));
    ///     Ok::<(), std::io::Error>(())
    /// });
    /// let secret = "a long and random webhook secret";
    /// let verifier = Verifier::builder(GitHub).secret(Secret::from_text(secret)).build()?;
    /// let body = br#"{"zen":"Keep it logically awesome.","hook_id":1}"#;
    /// let signature = github::sign(secret.as_bytes(), body);
    /// let headers = [("X-Hub-Signature-256", signature.as_str()), ("X-GitHub-Event", "ping")];
    /// // In a server: `Verified { delivery, body, .. }: Verified<GitHub>` from the extractor.
    /// let delivery = verifier.verify(&WebhookRequest::new(&headers, body))?;
    /// assert_eq!(router.handle(delivery, body).await?, Handled::Done);
    /// # Ok(()) }
    /// # #[cfg(not(feature = "github"))]
    /// # fn main() {}
    /// ```
    pub async fn handle(&self, delivery: Delivery, body: &[u8]) -> Result<Handled, InlineError> {
        let provider = delivery.provider();
        let source = Source {
            id: DeliveryId(0),
            attempt: 1,
            received_at: SystemClock.now(),
            tenant: None,
        };
        match self.dispatch(delivery, body, source) {
            None => Err(InlineError::NoHandler(provider)),
            Some(Dispatch::Skip) => Ok(Handled::Skipped),
            Some(Dispatch::Invalid(e)) => Err(InlineError::Invalid(e)),
            Some(Dispatch::Run(future)) => match future.await {
                Ok(()) => Ok(Handled::Done),
                Err(e) => Err(InlineError::Handler(e)),
            },
        }
    }

    fn dispatch_stored(&self, stored: StoredDelivery) -> Option<Dispatch> {
        let delivery = stored.delivery(stored_provider_name(self, &stored)?);
        let source = Source {
            id: stored.id,
            attempt: stored.attempts,
            received_at: stored.received_at,
            tenant: stored.tenant,
        };
        self.dispatch(delivery, &stored.body, source)
    }

    fn dispatch(&self, delivery: Delivery, body: &[u8], source: Source) -> Option<Dispatch> {
        let routes = self.routes.get(delivery.provider())?;
        let event = delivery.event();
        match routes.iter().find(|route| route.wants(event)) {
            Some(route) => Some(route.dispatch(delivery, body, source)),
            None => Some(Dispatch::Skip),
        }
    }
}

/// The `&'static` name under which `stored`'s provider is registered, if it is.
fn stored_provider_name(router: &Router, stored: &StoredDelivery) -> Option<&'static str> {
    router
        .routes
        .get_key_value(stored.provider.as_str())
        .map(|(name, _)| *name)
}

/// What [`Router::handle`] did with a delivery handled inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// The handler returned `Ok`.
    Done,
    /// No handler of the provider wants this event ([`Router::on_events`]); nothing ran.
    Skipped,
}

/// Why [`Router::handle`] could not handle a delivery inline.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InlineError {
    /// No handler is registered for the delivery's provider.
    #[error("no handler for provider {0}")]
    NoHandler(&'static str),
    /// The verified body does not fit the provider's typed event.
    #[error(transparent)]
    Invalid(Error),
    /// The handler returned an error.
    #[error("handler failed: {0}")]
    Handler(BoxError),
}

impl InlineError {
    /// The status to answer: the parse error's own for [`InlineError::Invalid`] (422), else
    /// 500 so the sender retries.
    pub fn status(&self) -> http::StatusCode {
        match self {
            InlineError::Invalid(e) => e.status(),
            InlineError::NoHandler(_) | InlineError::Handler(_) => {
                http::StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

/// Exponential backoff with jitter: attempt `n` (1-based) waits `base · 2^(n-1)`, capped at
/// `max`, then a random point in its upper half ("equal jitter"), so retries of many failed
/// deliveries spread out instead of arriving together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The delay after the first failed attempt (before jitter). Default 1 second.
    pub base: Duration,
    /// The longest delay. Default 1 hour.
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            base: Duration::from_secs(1),
            max: Duration::from_secs(3600),
        }
    }
}

impl Backoff {
    /// The delay before the capped value is jittered.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(40);
        self.base
            .checked_mul(1u32 << doublings.min(31))
            .and_then(|d| d.checked_mul(1u32 << doublings.saturating_sub(31)))
            .unwrap_or(self.max)
            .min(self.max)
    }

    /// The delay after failed attempt `attempt`, with `jitter` in `0.0..=1.0` choosing the
    /// point in the upper half of [`Backoff::ceiling`].
    pub fn delay(&self, attempt: u32, jitter: f64) -> Duration {
        let ceiling = self.ceiling(attempt);
        let half = ceiling / 2;
        half + half.mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// The shortest retention [`WorkerBuilder::retain_done`] accepts: 1 hour.
pub const MIN_RETAIN_DONE: Duration = Duration::from_secs(3600);

/// How often (at most) a worker with [`WorkerBuilder::retain_done`] purges: 1 hour, by the
/// inbox's clock.
pub const PURGE_INTERVAL: Duration = Duration::from_secs(3600);

/// Settings of a [`Worker`]; see [`Worker::builder`].
#[must_use]
pub struct WorkerBuilder {
    inbox: Inbox,
    router: Router,
    owner: Option<String>,
    concurrency: usize,
    lease: Duration,
    max_attempts: u32,
    backoff: Backoff,
    poll_interval: Duration,
    stats_interval: Duration,
    retain_done: Option<Duration>,
}

impl fmt::Debug for WorkerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkerBuilder")
            .field("router", &self.router)
            .field("concurrency", &self.concurrency)
            .field("lease", &self.lease)
            .field("max_attempts", &self.max_attempts)
            .finish_non_exhaustive()
    }
}

impl WorkerBuilder {
    /// The lease owner written into claimed rows: unique per worker. Defaults to
    /// `worker-{pid}-{random}`.
    pub fn owner(mut self, owner: &str) -> Self {
        self.owner = Some(owner.to_owned());
        self
    }

    /// How many handlers run at once at most. Default 8.
    pub fn concurrency(mut self, handlers: usize) -> Self {
        self.concurrency = handlers.max(1);
        self
    }

    /// How long a claim lasts: a delivery whose worker neither recorded an outcome nor
    /// extended the lease by then is claimed again. A running handler's lease is extended
    /// every third of this, so it bounds how long a dead worker's deliveries wait, not how long
    /// a handler may take. Default 5 minutes.
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// How many attempts before a delivery is `dead`. Default 8.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The retry delays. Default 1 second doubling up to 1 hour.
    pub fn backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// How long [`Worker::run`] waits before looking again when nothing was due. Default
    /// 200 ms.
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// How often at most [`Worker::run`] refreshes the queue gauges of the `metrics` feature
    /// ([`Inbox::record_stats`]: one [`InboxStore::stats`](super::InboxStore::stats) query,
    /// which counts rows, so not per delivery). Without the feature, `run` never reads the
    /// stats. Default 15 seconds.
    pub fn stats_interval(mut self, interval: Duration) -> Self {
        self.stats_interval = interval;
        self
    }

    /// Deletes `done` deliveries last changed more than `retention` ago
    /// ([`InboxStore::purge_done`](super::InboxStore::purge_done)): [`Worker::run`] purges
    /// when it starts and then at most once per [`PURGE_INTERVAL`], by the inbox's clock.
    /// Default: `done` deliveries are kept forever (purge them yourself, or with
    /// `webhook-guard inbox purge`).
    ///
    /// A purged delivery's replay key is forgotten with it: a copy of that delivery arriving
    /// later — a sender's late retry, a redelivery from its dashboard, a captured request
    /// replayed (at any time for a scheme without a signed timestamp) — is stored and handled
    /// again. Keep `done` deliveries for longer than the senders' retry and replay window: days,
    /// not hours (Stripe retries for up to 3 days). A `retention` under [`MIN_RETAIN_DONE`]
    /// (1 hour) is raised to it.
    pub fn retain_done(mut self, retention: Duration) -> Self {
        self.retain_done = Some(retention.max(MIN_RETAIN_DONE));
        self
    }

    /// The worker.
    pub fn build(self) -> Worker {
        let owner = self.owner.unwrap_or_else(|| {
            let random =
                std::collections::hash_map::RandomState::new().hash_one(std::process::id());
            format!("worker-{}-{random:016x}", std::process::id())
        });
        let providers = self.router.providers();
        Worker {
            inner: Arc::new(WorkerInner {
                inbox: self.inbox,
                router: self.router,
                providers,
                owner,
                concurrency: self.concurrency,
                lease: self.lease,
                max_attempts: self.max_attempts,
                backoff: self.backoff,
                poll_interval: self.poll_interval,
                stats_interval: self.stats_interval,
                retain_done: self.retain_done,
                jitter: std::collections::hash_map::RandomState::new(),
            }),
        }
    }
}

/// Claims due deliveries from an [`Inbox`] and runs the [`Router`]'s handlers; see the
/// [module docs](self). Cheap to clone.
#[derive(Clone)]
pub struct Worker {
    inner: Arc<WorkerInner>,
}

impl fmt::Debug for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Worker")
            .field("owner", &self.inner.owner)
            .field("providers", &self.inner.providers)
            .finish_non_exhaustive()
    }
}

struct WorkerInner {
    inbox: Inbox,
    router: Router,
    providers: Vec<&'static str>,
    owner: String,
    concurrency: usize,
    lease: Duration,
    max_attempts: u32,
    backoff: Backoff,
    poll_interval: Duration,
    stats_interval: Duration,
    retain_done: Option<Duration>,
    jitter: std::collections::hash_map::RandomState,
}

/// What one attempt ended in.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The handler succeeded: `done`.
    Done,
    /// No handler wanted the event: `done`.
    Skipped,
    /// The handler failed: `pending` again, due at this time.
    Retry(UnixTime),
    /// Given up: `dead`.
    Dead,
    /// The lease was lost before the outcome could be recorded (another worker has it now),
    /// or the store could not record it (the lease will expire and it runs again).
    NotRecorded,
}

impl Worker {
    /// A worker over `inbox` running `router`'s handlers.
    pub fn builder(inbox: Inbox, router: Router) -> WorkerBuilder {
        WorkerBuilder {
            inbox,
            router,
            owner: None,
            concurrency: 8,
            lease: Duration::from_secs(300),
            max_attempts: 8,
            backoff: Backoff::default(),
            poll_interval: Duration::from_millis(200),
            stats_interval: Duration::from_secs(15),
            retain_done: None,
        }
    }

    /// The lease owner this worker writes into the rows it claims.
    pub fn owner(&self) -> &str {
        &self.inner.owner
    }

    /// Claims up to [`WorkerBuilder::concurrency`] due deliveries, runs them concurrently and
    /// records each outcome; answers the outcomes, in claim order. Nothing due: an empty list.
    /// For tests and for callers that schedule work themselves; [`Worker::run`] loops.
    pub async fn run_once(&self) -> Result<Vec<(DeliveryId, Outcome)>, super::InboxError> {
        let claimed = self.claim(self.inner.concurrency).await?;
        let mut tasks = JoinSet::new();
        for (index, stored) in claimed.into_iter().enumerate() {
            let inner = Arc::clone(&self.inner);
            tasks.spawn(async move {
                let id = stored.id;
                (index, id, process(&inner, stored).await)
            });
        }
        let mut outcomes = Vec::with_capacity(tasks.len());
        while let Some(joined) = tasks.join_next().await {
            if let Ok(result) = joined {
                outcomes.push(result);
            }
        }
        outcomes.sort_by_key(|(index, _, _)| *index);
        Ok(outcomes
            .into_iter()
            .map(|(_, id, outcome)| (id, outcome))
            .collect())
    }

    /// Claims and processes deliveries until `shutdown` resolves, with at most
    /// [`WorkerBuilder::concurrency`] handlers at once; then stops claiming and waits for the
    /// handlers already running to finish (graceful shutdown). A store that cannot be reached
    /// is logged and tried again after the poll interval. With the `metrics` feature, it also
    /// refreshes the queue gauges at start and then at most every
    /// [`WorkerBuilder::stats_interval`].
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        let mut tasks: JoinSet<()> = JoinSet::new();
        let mut stats_read: Option<tokio::time::Instant> = None;
        let mut next_purge = None;
        let refill = (self.inner.concurrency / 4).max(1);
        let mut claim_few = true;
        loop {
            self.purge_if_due(&mut next_purge).await;
            while tasks.try_join_next().is_some() {}
            if metrics::ENABLED
                && stats_read.is_none_or(|at| at.elapsed() >= self.inner.stats_interval)
            {
                stats_read = Some(tokio::time::Instant::now());
                if let Err(e) = self.inner.inbox.record_stats().await {
                    tracing::warn!(error = %e, "inbox worker could not read the queue stats");
                }
            }
            let free = self.inner.concurrency.saturating_sub(tasks.len());
            let mut full_batch = false;
            // Refill in batches: claiming one row per finished handler cost a claim statement
            // (a transaction) per delivery. A few free slots are filled when the poll timer
            // fires, so slow handlers never starve the queue.
            if free > 0 && (free >= refill || claim_few) {
                match self.claim(free).await {
                    Ok(claimed) => {
                        full_batch = claimed.len() == free;
                        for stored in claimed {
                            let inner = Arc::clone(&self.inner);
                            tasks.spawn(async move {
                                process(&inner, stored).await;
                            });
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "inbox worker could not claim"),
                }
            }
            let busy = tasks.len() >= self.inner.concurrency;
            if full_batch && !busy {
                continue; // more may be due right away
            }
            claim_few = false;
            tokio::select! {
                biased;
                () = &mut shutdown => break,
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
                () = tokio::time::sleep(self.inner.poll_interval), if !busy => claim_few = true,
            }
        }
        while tasks.join_next().await.is_some() {}
    }

    /// With [`WorkerBuilder::retain_done`]: purges `done` deliveries older than the retention
    /// when no purge ran yet or `next` (the last purge plus [`PURGE_INTERVAL`]) has come.
    async fn purge_if_due(&self, next: &mut Option<UnixTime>) {
        let Some(retention) = self.inner.retain_done else {
            return;
        };
        let now = self.inner.inbox.clock().now();
        if next.is_some_and(|at| now < at) {
            return;
        }
        *next = Some(add(now, PURGE_INTERVAL));
        let retention = i64::try_from(retention.as_millis()).unwrap_or(i64::MAX);
        let before = UnixTime::from_millis(now.as_millis().saturating_sub(retention));
        match self.inner.inbox.store().purge_done(before).await {
            Ok(purged) => tracing::debug!(purged, "inbox worker purged done deliveries"),
            Err(e) => tracing::warn!(error = %e, "inbox worker could not purge done deliveries"),
        }
    }

    async fn claim(&self, limit: usize) -> Result<Vec<StoredDelivery>, super::InboxError> {
        let inner = &*self.inner;
        if inner.providers.is_empty() {
            return Ok(Vec::new());
        }
        let claim = Claim::new(&inner.owner, inner.inbox.clock().now(), inner.lease, limit)
            .providers(&inner.providers);
        inner.inbox.store().claim(claim).await
    }
}

/// One attempt of one claimed delivery, its outcome recorded, in one `inbox_delivery` span
/// (id, provider, event, attempt, outcome; never the body or headers) and counted (the
/// `metrics` feature).
async fn process(inner: &WorkerInner, stored: StoredDelivery) -> Outcome {
    use tracing::Instrument;
    let span = tracing::info_span!(
        "inbox_delivery",
        id = stored.id.0,
        provider = %stored.provider,
        event = stored.event.as_deref().unwrap_or(""),
        attempt = stored.attempts,
        outcome = tracing::field::Empty,
    );
    // The router's own name for the provider: a label from the code, not from the row.
    // Claims ask only for the router's providers, so it is always found.
    let provider = inner
        .providers
        .iter()
        .copied()
        .find(|name| *name == stored.provider)
        .unwrap_or("unknown");
    let outcome = attempt_once(inner, stored).instrument(span.clone()).await;
    let name = match outcome {
        Outcome::Done => "done",
        Outcome::Skipped => "skipped",
        Outcome::Retry(_) => "retry",
        Outcome::Dead => "dead",
        Outcome::NotRecorded => "not_recorded",
    };
    span.record("outcome", name);
    match outcome {
        Outcome::Done | Outcome::Skipped => metrics::processed(provider),
        Outcome::Retry(_) => metrics::retried(provider),
        Outcome::Dead => metrics::dead(provider),
        Outcome::NotRecorded => {}
    }
    outcome
}

async fn attempt_once(inner: &WorkerInner, stored: StoredDelivery) -> Outcome {
    let (id, attempt) = (stored.id, stored.attempts);
    if attempt > inner.max_attempts {
        let why = format!(
            "claimed {attempt} times without an outcome (each worker died or lost its lease)"
        );
        return record_failure(inner, id, attempt, &why, true).await;
    }
    let dispatch = inner.router.dispatch_stored(stored);
    match dispatch {
        None => record_failure(inner, id, attempt, "no handler for this provider", true).await,
        Some(Dispatch::Skip) => record_done(inner, id, Outcome::Skipped).await,
        Some(Dispatch::Invalid(e)) => {
            let why = format!("{}: {e}", e.kind());
            record_failure_logged(inner, id, attempt, &why, e.kind(), true).await
        }
        Some(Dispatch::Run(future)) => {
            match with_heartbeat(inner, id, tokio::spawn(future)).await {
                Ok(Ok(())) => record_done(inner, id, Outcome::Done).await,
                Ok(Err(e)) => record_failure(inner, id, attempt, &e.to_string(), false).await,
                Err(join) => {
                    let why = if join.is_panic() {
                        let panic = join.into_panic();
                        let message = panic
                            .downcast_ref::<&str>()
                            .map(|s| (*s).to_owned())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_default();
                        format!("handler panicked: {message}")
                    } else {
                        "handler cancelled".to_owned()
                    };
                    record_failure(inner, id, attempt, &why, false).await
                }
            }
        }
    }
}

/// Awaits a running handler while extending its lease every third of the lease, so a handler
/// slower than the lease keeps its delivery as long as its worker is alive. A lost lease (the
/// worker stalled past it and another claimed the delivery) is logged; the handler still runs
/// to its end, and its outcome will not be recorded.
async fn with_heartbeat<T>(
    inner: &WorkerInner,
    id: DeliveryId,
    handler: tokio::task::JoinHandle<T>,
) -> Result<T, tokio::task::JoinError> {
    let every = (inner.lease / 3).max(Duration::from_millis(10));
    let mut handler = std::pin::pin!(handler);
    let mut held = true;
    loop {
        tokio::select! {
            joined = &mut handler => return joined,
            () = tokio::time::sleep(every), if held => {
                let until = add(inner.inbox.clock().now(), inner.lease);
                match inner.inbox.store().extend_lease(id, &inner.owner, until).await {
                    Ok(true) => {}
                    Ok(false) => {
                        held = false;
                        tracing::warn!(id = id.0, "inbox delivery's lease was lost while its handler ran");
                    }
                    // Unreachable store: try again at the next beat; the lease may run out.
                    Err(e) => tracing::warn!(id = id.0, error = %e, "inbox could not extend a lease"),
                }
            }
        }
    }
}

async fn record_done(inner: &WorkerInner, id: DeliveryId, outcome: Outcome) -> Outcome {
    let now = inner.inbox.clock().now();
    match inner.inbox.store().complete(id, &inner.owner, now).await {
        Ok(true) => outcome,
        Ok(false) => {
            tracing::warn!(id = id.0, "inbox delivery handled after its lease was lost");
            Outcome::NotRecorded
        }
        Err(e) => {
            tracing::warn!(id = id.0, error = %e, "inbox could not record a handled delivery");
            Outcome::NotRecorded
        }
    }
}

/// Records a failed attempt. `why` goes into `last_error`; the log line carries it too, except
/// for a body that does not fit the typed event ([`record_failure_logged`]): serde's message can quote values
/// of the body, which may be personal data, so the log names only the error kind.
async fn record_failure(
    inner: &WorkerInner,
    id: DeliveryId,
    attempt: u32,
    why: &str,
    give_up: bool,
) -> Outcome {
    record_failure_logged(inner, id, attempt, why, why, give_up).await
}

async fn record_failure_logged(
    inner: &WorkerInner,
    id: DeliveryId,
    attempt: u32,
    why: &str,
    logged: &str,
    give_up: bool,
) -> Outcome {
    let why = super::bounded_error(why);
    let logged = super::bounded_error(logged);
    let now = inner.inbox.clock().now();
    let (failure, outcome) = if give_up || attempt >= inner.max_attempts {
        (Failure::Dead(why), Outcome::Dead)
    } else {
        // 53 random bits as a fraction in [0, 1].
        let random = inner.jitter.hash_one((id, attempt, now));
        let jitter = (random >> 11) as f64 / (1u64 << 53) as f64;
        let at = add(now, inner.backoff.delay(attempt, jitter));
        (Failure::RetryAt(at, why), Outcome::Retry(at))
    };
    match inner
        .inbox
        .store()
        .fail(id, &inner.owner, failure, now)
        .await
    {
        Ok(true) => {
            tracing::info!(id = id.0, attempt, outcome = ?outcome, error = logged, "inbox delivery failed");
            outcome
        }
        Ok(false) => Outcome::NotRecorded,
        Err(e) => {
            tracing::warn!(id = id.0, error = %e, "inbox could not record a failed delivery");
            Outcome::NotRecorded
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_and_jitters_in_the_upper_half() {
        let b = Backoff {
            base: Duration::from_secs(1),
            max: Duration::from_secs(60),
        };
        assert_eq!(b.ceiling(1), Duration::from_secs(1));
        assert_eq!(b.ceiling(2), Duration::from_secs(2));
        assert_eq!(b.ceiling(6), Duration::from_secs(32));
        assert_eq!(b.ceiling(7), Duration::from_secs(60));
        assert_eq!(b.ceiling(u32::MAX), Duration::from_secs(60));
        assert_eq!(b.delay(3, 0.0), Duration::from_secs(2));
        assert_eq!(b.delay(3, 1.0), Duration::from_secs(4));
        assert_eq!(b.delay(3, 7.0), Duration::from_secs(4));
        let huge = Backoff {
            base: Duration::from_secs(u64::MAX / 4),
            max: Duration::MAX,
        };
        assert_eq!(huge.ceiling(50), Duration::MAX);
    }
}
