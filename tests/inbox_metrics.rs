//! The inbox's metrics (feature `metrics`) and spans: exact counter values after each step of a
//! delivery's life, the queue gauges after a stats refresh (on demand and from `Worker::run`,
//! aged by the injected clock), a store that cannot be written counted as rejected
//! `replay_store_unavailable`, and `inbox_ingest` / `inbox_delivery` spans that carry ids and
//! outcomes but never the body, a header value or the secret.
//!
//! Each test installs its own recorder for its own thread and drives the inbox on a
//! current-thread runtime, so the worker's tasks record on that thread too and tests running
//! in parallel do not see each other's metrics. Traces go to one global subscriber, installed
//! before any test traces anything (a thread-local one raced with the callsite interest cache
//! when the tests ran in parallel), that notes the thread of each span and event.

mod manual_clock;
mod trace_capture;

use manual_clock::ManualClock;
use std::collections::BTreeMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use trace_capture::{traces, FieldList};

use metrics_util::debugging::{DebugValue, DebuggingRecorder, Snapshotter};
use webhook_guard::events::github::Event as GitHubEvent;
use webhook_guard::inbox::metrics::{
    DEAD_TOTAL, DUPLICATES_TOTAL, OLDEST_PENDING_AGE_SECONDS, PROCESSED_TOTAL, QUEUE_DEPTH,
    RECEIVED_TOTAL, REJECTED_TOTAL, RETRIED_TOTAL,
};
use webhook_guard::inbox::worker::{Backoff, Job, Outcome, Router, Worker};
use webhook_guard::inbox::{
    Claim, DeliveryId, Failure, Inbox, InboxError, InboxStore, Ingested, Insert, ListFilter,
    NewDelivery, SqliteStore, Stats, StoredDelivery,
};
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::replay::BoxFuture;
use webhook_guard::{Clock, Secret, UnixTime, Verifier, WebhookRequest};

const SECRET: &str = "a github webhook secret for the metrics tests";
const PUSH: &[u8] = include_bytes!("fixtures/github/push/payload.json");
const PING: &[u8] = include_bytes!("fixtures/github/ping/payload.json");
const T0: i64 = 1_700_000_000_000;

/// A temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "wg-inbox-metrics-{}-{name}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Setup {
    inbox: Inbox,
    clock: ManualClock,
    verifier: Verifier<GitHub>,
    _dir: TempDir,
}

fn setup(name: &str) -> Setup {
    let dir = TempDir::new(name);
    let clock = ManualClock(Arc::new(AtomicI64::new(T0)));
    let inbox =
        Inbox::new(SqliteStore::open(dir.0.join("inbox.db")).unwrap()).with_clock(clock.clone());
    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(SECRET))
        .build()
        .unwrap();
    Setup {
        inbox,
        clock,
        verifier,
        _dir: dir,
    }
}

impl Setup {
    /// Ingests a GitHub delivery signed with `secret`, as the HTTP route would.
    async fn ingest_signed_with(
        &self,
        secret: &str,
        event: &str,
        body: &[u8],
    ) -> Result<Ingested, webhook_guard::Error> {
        let signature = github::sign(secret.as_bytes(), body);
        let headers = [
            (github::SIGNATURE_HEADER, signature.as_str()),
            ("X-GitHub-Event", event),
            ("Content-Type", "application/json"),
        ];
        self.inbox
            .ingest(&self.verifier, &WebhookRequest::new(&headers, body))
            .await
    }

    async fn ingest(&self, event: &str, body: &[u8]) -> Ingested {
        self.ingest_signed_with(SECRET, event, body).await.unwrap()
    }

    async fn receive(&self, event: &str, body: &[u8]) -> DeliveryId {
        match self.ingest(event, body).await {
            Ingested::Stored(id) => id,
            other => panic!("expected a new delivery, got {other:?}"),
        }
    }
}

/// Runs `test` on a current-thread runtime (every task on this thread) with `recorder` as this
/// thread's recorder.
fn with_recorder<F: Future<Output = ()>>(recorder: &DebuggingRecorder, test: F) {
    traces();
    let _guard = metrics::set_default_local_recorder(recorder);
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(test);
}

/// One metric as `name{label=value,…}` (labels sorted).
fn key_text(key: &metrics::Key) -> String {
    let mut labels: Vec<String> = key
        .labels()
        .map(|l| format!("{}={}", l.key(), l.value()))
        .collect();
    labels.sort();
    format!("{}{{{}}}", key.name(), labels.join(","))
}

/// The counters that moved since the last snapshot (the debugging recorder resets each one
/// it reports), by key.
fn counted(snapshots: &Snapshotter) -> BTreeMap<String, u64> {
    snapshots
        .snapshot()
        .into_vec()
        .into_iter()
        .filter_map(|(key, _, _, value)| match value {
            DebugValue::Counter(n) if n > 0 => Some((key_text(key.key()), n)),
            _ => None,
        })
        .collect()
}

/// The gauges set since the last snapshot, by key.
fn gauges(snapshots: &Snapshotter) -> BTreeMap<String, f64> {
    snapshots
        .snapshot()
        .into_vec()
        .into_iter()
        .filter_map(|(key, _, _, value)| match value {
            DebugValue::Gauge(v) => Some((key_text(key.key()), v.into_inner())),
            _ => None,
        })
        .collect()
}

fn github(name: &str) -> String {
    format!("{name}{{provider=github}}")
}

fn expected<V: Copy>(pairs: &[(String, V)]) -> BTreeMap<String, V> {
    pairs.iter().cloned().collect()
}

fn queue(pending: f64, in_flight: f64, dead: f64, age: f64) -> BTreeMap<String, f64> {
    expected(&[
        (format!("{QUEUE_DEPTH}{{status=pending}}"), pending),
        (format!("{QUEUE_DEPTH}{{status=in_flight}}"), in_flight),
        (format!("{QUEUE_DEPTH}{{status=dead}}"), dead),
        (format!("{OLDEST_PENDING_AGE_SECONDS}{{}}"), age),
    ])
}

/// Handled for `push`, failing for every other event.
fn push_only_router() -> Router {
    Router::new().on(GitHub, |job: Job<GitHubEvent>| async move {
        match job.event {
            GitHubEvent::Push(_) => Ok(()),
            _ => Err(format!("upstream 502 on attempt {}", job.attempt)),
        }
    })
}

#[test]
fn every_step_of_a_delivery_moves_exactly_its_counter_and_the_gauges_follow_the_queue() {
    let recorder = DebuggingRecorder::new();
    let snapshots = recorder.snapshotter();
    with_recorder(&recorder, async {
        let s = setup("counters");
        assert!(counted(&snapshots).is_empty(), "nothing recorded yet");

        // Stored, then the same delivery again: a duplicate.
        let push = s.receive("push", PUSH).await;
        assert_eq!(
            counted(&snapshots),
            expected(&[(github(RECEIVED_TOTAL), 1)])
        );
        assert_eq!(s.ingest("push", PUSH).await, Ingested::Duplicate(push));
        assert_eq!(
            counted(&snapshots),
            expected(&[(github(DUPLICATES_TOTAL), 1)])
        );

        // A forgery (another secret) and an unsigned request: rejected by kind.
        let forged = s.ingest_signed_with("not the secret", "push", PUSH).await;
        assert_eq!(forged.unwrap_err().kind(), "signature_mismatch");
        let unsigned = [("X-GitHub-Event", "push")];
        let request = WebhookRequest::new(&unsigned, PUSH);
        assert!(s.inbox.ingest(&s.verifier, &request).await.is_err());
        assert_eq!(
            counted(&snapshots),
            expected(&[
                (
                    format!("{REJECTED_TOTAL}{{kind=missing_header,provider=github}}"),
                    1
                ),
                (
                    format!("{REJECTED_TOTAL}{{kind=signature_mismatch,provider=github}}"),
                    1
                ),
            ])
        );

        // One attempt each: push handled, ping failed with a retry left, a push whose body does
        // not fit the typed event dead at once.
        let ping = s.receive("ping", PING).await;
        let unfit = s
            .receive("push", br#"{"ref":5,"before":"0","after":"1"}"#)
            .await;
        assert_eq!(
            counted(&snapshots),
            expected(&[(github(RECEIVED_TOTAL), 2)])
        );
        let worker = Worker::builder(s.inbox.clone(), push_only_router())
            .max_attempts(2)
            .backoff(Backoff {
                base: Duration::from_secs(1),
                max: Duration::from_secs(1),
            })
            .build();
        let outcomes = worker.run_once().await.unwrap();
        assert_eq!(outcomes.len(), 3, "{outcomes:?}");
        assert!(outcomes.contains(&(push, Outcome::Done)), "{outcomes:?}");
        assert!(outcomes.contains(&(unfit, Outcome::Dead)), "{outcomes:?}");
        assert!(
            matches!(
                outcomes.iter().find(|(id, _)| *id == ping),
                Some((_, Outcome::Retry(_)))
            ),
            "{outcomes:?}"
        );
        assert_eq!(
            counted(&snapshots),
            expected(&[
                (github(PROCESSED_TOTAL), 1),
                (github(RETRIED_TOTAL), 1),
                (github(DEAD_TOTAL), 1),
            ])
        );

        // The retry fails too, out of attempts: dead.
        s.clock.advance(Duration::from_secs(10));
        assert_eq!(worker.run_once().await.unwrap(), [(ping, Outcome::Dead)]);
        assert_eq!(counted(&snapshots), expected(&[(github(DEAD_TOTAL), 1)]));
        assert!(worker.run_once().await.unwrap().is_empty());
        assert!(
            counted(&snapshots).is_empty(),
            "nothing claimed, nothing counted"
        );

        // Gauges: nothing pending yet.
        let stats = s.inbox.record_stats().await.unwrap();
        assert_eq!((stats.pending, stats.done, stats.dead), (0, 1, 2));
        assert_eq!(gauges(&snapshots), queue(0.0, 0.0, 2.0, 0.0));

        // Two more received now; 90 s later another worker holds one of them.
        s.receive("ping", br#"{"zen":"one","hook_id":1}"#).await;
        s.receive("ping", br#"{"zen":"two","hook_id":2}"#).await;
        assert_eq!(
            counted(&snapshots),
            expected(&[(github(RECEIVED_TOTAL), 2)])
        );
        s.clock.advance(Duration::from_secs(90));
        let claim = Claim::new("elsewhere", s.clock.now(), Duration::from_secs(60), 1);
        assert_eq!(s.inbox.store().claim(claim).await.unwrap().len(), 1);
        let stats: Stats = s.inbox.record_stats().await.unwrap();
        assert_eq!((stats.pending, stats.in_flight), (1, 1));
        assert_eq!(gauges(&snapshots), queue(1.0, 1.0, 2.0, 90.0));
        s.clock.advance(Duration::from_millis(1_500));
        s.inbox.record_stats().await.unwrap();
        assert_eq!(gauges(&snapshots), queue(1.0, 1.0, 2.0, 91.5));
    });
}

#[test]
fn a_running_worker_refreshes_the_gauges_by_the_inbox_clock() {
    let recorder = DebuggingRecorder::new();
    let snapshots = recorder.snapshotter();
    with_recorder(&recorder, async {
        let s = setup("run");
        s.receive("push", PUSH).await;
        s.clock.advance(Duration::from_secs(30));
        // No handler: the worker claims nothing, so the delivery stays pending and only the
        // stats refresh moves the gauges.
        let worker = Worker::builder(s.inbox.clone(), Router::new())
            .poll_interval(Duration::from_millis(5))
            .stats_interval(Duration::from_millis(5))
            .build();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let watch = {
            let seen = Arc::clone(&seen);
            let clock = s.clock.clone();
            let snapshots = snapshots.clone();
            async move {
                // Wait (bounded) for a refresh that saw 30 s, move the clock, wait for 90 s.
                for wanted in [30.0, 90.0] {
                    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
                    while tokio::time::Instant::now() < deadline {
                        tokio::time::sleep(Duration::from_millis(2)).await;
                        let now = gauges(&snapshots);
                        if now.get(&format!("{OLDEST_PENDING_AGE_SECONDS}{{}}")) == Some(&wanted) {
                            seen.lock().unwrap().push(now);
                            break;
                        }
                    }
                    clock.advance(Duration::from_secs(60));
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(30), worker.run(watch))
            .await
            .expect("the worker stops when asked");
        let seen = seen.lock().unwrap();
        assert_eq!(
            *seen,
            [queue(1.0, 0.0, 0.0, 30.0), queue(1.0, 0.0, 0.0, 90.0)],
            "two refreshes, each by the clock of its time"
        );
    });
}

/// A store whose disk is gone: every call fails.
struct Down;

fn down<'a, T: Send + 'a>() -> BoxFuture<'a, Result<T, InboxError>> {
    Box::pin(async { Err(InboxError::Unavailable("disk I/O error".to_owned())) })
}

impl InboxStore for Down {
    fn insert(&self, _: NewDelivery) -> BoxFuture<'_, Result<Insert, InboxError>> {
        down()
    }
    fn claim<'a>(&'a self, _: Claim<'a>) -> BoxFuture<'a, Result<Vec<StoredDelivery>, InboxError>> {
        down()
    }
    fn complete<'a>(
        &'a self,
        _: DeliveryId,
        _: &'a str,
        _: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        down()
    }
    fn fail<'a>(
        &'a self,
        _: DeliveryId,
        _: &'a str,
        _: Failure<'a>,
        _: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        down()
    }
    fn release<'a>(
        &'a self,
        _: DeliveryId,
        _: &'a str,
        _: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        down()
    }
    fn extend_lease<'a>(
        &'a self,
        _: DeliveryId,
        _: &'a str,
        _: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        down()
    }
    fn get(&self, _: DeliveryId) -> BoxFuture<'_, Result<Option<StoredDelivery>, InboxError>> {
        down()
    }
    fn list<'a>(
        &'a self,
        _: &'a ListFilter,
    ) -> BoxFuture<'a, Result<Vec<StoredDelivery>, InboxError>> {
        down()
    }
    fn stats(&self) -> BoxFuture<'_, Result<Stats, InboxError>> {
        down()
    }
    fn retry(&self, _: DeliveryId, _: UnixTime) -> BoxFuture<'_, Result<bool, InboxError>> {
        down()
    }
    fn retry_dead(&self, _: UnixTime) -> BoxFuture<'_, Result<u64, InboxError>> {
        down()
    }
    fn purge_done(&self, _: UnixTime) -> BoxFuture<'_, Result<u64, InboxError>> {
        down()
    }
}

#[test]
fn a_store_that_cannot_be_written_counts_as_rejected_and_sets_no_gauge() {
    let recorder = DebuggingRecorder::new();
    let snapshots = recorder.snapshotter();
    with_recorder(&recorder, async {
        let inbox = Inbox::new(Down);
        let verifier = Verifier::builder(GitHub)
            .secret(Secret::from_text(SECRET))
            .build()
            .unwrap();
        let signature = github::sign(SECRET.as_bytes(), PING);
        let headers = [
            (github::SIGNATURE_HEADER, signature.as_str()),
            ("X-GitHub-Event", "ping"),
        ];
        let request = WebhookRequest::new(&headers, PING);
        let error = inbox.ingest(&verifier, &request).await.unwrap_err();
        assert_eq!(error.kind(), "replay_store_unavailable");
        assert_eq!(
            counted(&snapshots),
            expected(&[(
                format!("{REJECTED_TOTAL}{{kind=replay_store_unavailable,provider=github}}"),
                1
            )])
        );
        assert!(inbox.record_stats().await.is_err());
        assert!(gauges(&snapshots).is_empty(), "no stale or made-up gauge");
    });
}

fn fields(list: &[(&str, &str)]) -> FieldList {
    list.iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn spans_name_ids_and_outcomes_but_never_the_body_or_the_secret() {
    const MARKER: &str = "top-secret-customer-data";
    let mut ping: serde_json::Value = serde_json::from_slice(PING).unwrap();
    ping["zen"] = MARKER.into();
    let body = serde_json::to_vec(&ping).unwrap();
    let recorder = DebuggingRecorder::new();
    with_recorder(&recorder, async {
        let s = setup("spans");
        let id = s.receive("ping", &body).await;
        assert_eq!(s.ingest("ping", &body).await, Ingested::Duplicate(id));
        let forged = s.ingest_signed_with("not the secret", "ping", &body).await;
        assert!(forged.is_err());
        let worker = Worker::builder(s.inbox.clone(), push_only_router())
            .max_attempts(2)
            .build();
        assert!(matches!(
            worker.run_once().await.unwrap().as_slice(),
            [(_, Outcome::Retry(_))]
        ));
        // A push whose body does not fit the typed event, serde's message quoting a value of
        // the body: the message is kept in `last_error`, never traced.
        let misfit = format!(r#"{{"repository":"{MARKER}","ref":"refs/heads/main"}}"#);
        let misfit_id = s.receive("push", misfit.as_bytes()).await;
        let outcomes = worker.run_once().await.unwrap();
        assert!(
            outcomes.contains(&(misfit_id, Outcome::Dead)),
            "{outcomes:?}"
        );
        let row = s.inbox.store().get(misfit_id).await.unwrap().unwrap();
        let kept = row.last_error.unwrap_or_default();
        assert!(kept.contains(MARKER), "{kept}");
    });

    let (spans, events) = traces().mine();
    let ingests: Vec<&FieldList> = spans
        .iter()
        .filter(|(name, _)| name == "inbox_ingest")
        .map(|(_, f)| f)
        .collect();
    let id = "1";
    let misfit = ingests
        .last()
        .and_then(|f| f.iter().find(|(name, _)| name == "id"))
        .map(|(_, value)| value.as_str())
        .unwrap_or_default();
    assert_eq!(
        ingests,
        [
            &fields(&[("provider", "github"), ("outcome", "stored"), ("id", id)]),
            &fields(&[("provider", "github"), ("outcome", "duplicate"), ("id", id)]),
            &fields(&[
                ("provider", "github"),
                ("outcome", "rejected"),
                ("kind", "signature_mismatch")
            ]),
            &fields(&[
                ("provider", "github"),
                ("outcome", "stored"),
                ("id", misfit)
            ]),
        ]
    );
    let deliveries: Vec<&FieldList> = spans
        .iter()
        .filter(|(name, _)| name == "inbox_delivery")
        .map(|(_, f)| f)
        .collect();
    assert_eq!(
        deliveries,
        [
            &fields(&[
                ("id", id),
                ("provider", "github"),
                ("event", "ping"),
                ("attempt", "1"),
                ("outcome", "retry"),
            ]),
            &fields(&[
                ("id", misfit),
                ("provider", "github"),
                ("event", "push"),
                ("attempt", "1"),
                ("outcome", "dead"),
            ])
        ]
    );

    let signature = github::sign(SECRET.as_bytes(), &body);
    let signature_hex = signature.trim_start_matches("sha256=");
    let traced = format!("{spans:?} {events:?}");
    assert!(traced.contains("upstream 502 on attempt 1"), "{traced}");
    for needle in [MARKER, SECRET, "not the secret", "sha256=", signature_hex] {
        assert!(!traced.contains(needle), "{needle} traced: {traced}");
    }
}
