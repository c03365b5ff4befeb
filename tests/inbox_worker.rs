//! Inbox workers with an injected clock: handler outcomes, retries with backoff, dead letters,
//! typed-parse failures, lease expiry, event filters, re-driving, graceful shutdown, purging
//! `done` deliveries past their retention.

mod inbox_rows;

mod manual_clock;

use manual_clock::ManualClock;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use webhook_guard::events::github::Event;
use webhook_guard::inbox::worker::{Backoff, Job, Outcome, Router, Worker, PURGE_INTERVAL};
use webhook_guard::inbox::{Claim, DeliveryId, Inbox, Ingested, SqliteStore, Status};
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::{Clock, Secret, UnixTime, Verifier, WebhookRequest};

const SECRET: &str = "a github webhook secret for tests";
const PUSH: &[u8] = include_bytes!("fixtures/github/push/payload.json");
const PING: &[u8] = include_bytes!("fixtures/github/ping/payload.json");
const T0: i64 = 1_700_000_000_000;

struct Setup {
    inbox: Inbox,
    clock: ManualClock,
    verifier: Verifier<GitHub>,
}

fn setup(name: &str) -> Setup {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "wg-inbox-worker-{}-{name}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let clock = ManualClock(Arc::new(AtomicI64::new(T0)));
    let inbox =
        Inbox::new(SqliteStore::open(dir.join("inbox.db")).unwrap()).with_clock(clock.clone());
    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(SECRET))
        .build()
        .unwrap();
    Setup {
        inbox,
        clock,
        verifier,
    }
}

impl Setup {
    /// Receives a signed GitHub delivery, as the HTTP route would.
    async fn receive(&self, event: &str, body: &[u8]) -> DeliveryId {
        let signature = github::sign(SECRET.as_bytes(), body);
        let headers = [
            (github::SIGNATURE_HEADER, signature.as_str()),
            ("X-GitHub-Event", event),
            ("Content-Type", "application/json"),
        ];
        let request = WebhookRequest::new(&headers, body);
        match self.inbox.ingest(&self.verifier, &request).await.unwrap() {
            Ingested::Stored(id) => id,
            other => panic!("expected a new delivery, got {other:?}"),
        }
    }

    async fn row(&self, id: DeliveryId) -> webhook_guard::inbox::StoredDelivery {
        self.inbox.store().get(id).await.unwrap().unwrap()
    }
}

/// A handler that counts its calls and fails while `failing` is set.
#[derive(Clone, Default)]
struct Probe {
    calls: Arc<AtomicUsize>,
    failing: Arc<AtomicBool>,
}

impl Probe {
    fn router(&self) -> Router {
        let probe = self.clone();
        Router::new().on(GitHub, move |job: Job<Event>| {
            let probe = probe.clone();
            async move {
                probe.calls.fetch_add(1, Ordering::SeqCst);
                if probe.failing.load(Ordering::SeqCst) {
                    return Err(format!("upstream 502 on attempt {}", job.attempt));
                }
                Ok(())
            }
        })
    }
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_successful_handler_gets_the_typed_event_once() {
    let s = setup("ok");
    let id = s.receive("push", PUSH).await;
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen_by_handler = Arc::clone(&seen);
    let router = Router::new().on(GitHub, move |job: Job<Event>| {
        let seen = Arc::clone(&seen_by_handler);
        async move {
            let is_push = matches!(job.event, Event::Push(_));
            seen.lock().unwrap().push((
                job.id,
                job.attempt,
                is_push,
                job.delivery.event().map(str::to_owned),
                job.delivery.replay_key().map(str::to_owned),
            ));
            Ok::<(), std::io::Error>(())
        }
    });
    let worker = Worker::builder(s.inbox.clone(), router).build();
    assert_eq!(worker.run_once().await.unwrap(), [(id, Outcome::Done)]);
    let row = s.row(id).await;
    assert_eq!((row.status, row.attempts), (Status::Done, 1));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    let (job_id, attempt, is_push, event, key) = &seen[0];
    assert_eq!((*job_id, *attempt, *is_push), (id, 1, true));
    assert_eq!(event.as_deref(), Some("push"));
    assert_eq!(key.as_deref(), Some(row.replay_key.as_str()));
    assert!(worker.run_once().await.unwrap().is_empty(), "done is final");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_retry_with_growing_jittered_delays_then_go_dead() {
    let s = setup("retry");
    let id = s.receive("push", PUSH).await;
    let probe = Probe::default();
    probe.failing.store(true, Ordering::SeqCst);
    let backoff = Backoff {
        base: Duration::from_secs(10),
        max: Duration::from_secs(60),
    };
    let worker = Worker::builder(s.inbox.clone(), probe.router())
        .max_attempts(3)
        .backoff(backoff)
        .build();

    let first = worker.run_once().await.unwrap();
    let Outcome::Retry(at1) = first[0].1 else {
        panic!("{first:?}")
    };
    let wait1 = at1.as_millis() - T0;
    assert!((5_000..=10_000).contains(&wait1), "{wait1} ms");
    let row = s.row(id).await;
    assert_eq!((row.status, row.attempts), (Status::Pending, 1));
    assert_eq!(row.last_error.as_deref(), Some("upstream 502 on attempt 1"));
    assert_eq!(row.next_attempt_at, at1);

    // Not due yet: nothing is claimed.
    s.clock.set(UnixTime::from_millis(at1.as_millis() - 1));
    assert!(worker.run_once().await.unwrap().is_empty());
    s.clock.set(at1);
    let second = worker.run_once().await.unwrap();
    let Outcome::Retry(at2) = second[0].1 else {
        panic!("{second:?}")
    };
    let wait2 = at2.as_millis() - at1.as_millis();
    assert!((10_000..=20_000).contains(&wait2), "{wait2} ms");

    s.clock.set(at2);
    assert_eq!(worker.run_once().await.unwrap(), [(id, Outcome::Dead)]);
    let row = s.row(id).await;
    assert_eq!((row.status, row.attempts), (Status::Dead, 3));
    assert_eq!(row.last_error.as_deref(), Some("upstream 502 on attempt 3"));
    assert_eq!(row.body, PUSH, "the raw body is kept");
    assert_eq!(probe.calls(), 3);
    s.clock.advance(Duration::from_secs(86_400));
    assert!(
        worker.run_once().await.unwrap().is_empty(),
        "dead is not retried"
    );

    // A person re-drives it once the cause is fixed.
    probe.failing.store(false, Ordering::SeqCst);
    assert!(s.inbox.store().retry(id, s.clock.now()).await.unwrap());
    assert_eq!(worker.run_once().await.unwrap(), [(id, Outcome::Done)]);
    assert_eq!(probe.calls(), 4);
    assert_eq!(s.row(id).await.status, Status::Done);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_handler_is_a_failed_attempt() {
    let s = setup("panic");
    let id = s.receive("push", PUSH).await;
    let router = Router::new().on(GitHub, |_job: Job<Event>| async move {
        if T0 > 0 {
            panic!("boom");
        }
        Ok::<(), std::io::Error>(())
    });
    let worker = Worker::builder(s.inbox.clone(), router).build();
    let outcome = worker.run_once().await.unwrap();
    assert!(matches!(outcome[0].1, Outcome::Retry(_)), "{outcome:?}");
    let row = s.row(id).await;
    assert_eq!(row.status, Status::Pending);
    assert_eq!(row.last_error.as_deref(), Some("handler panicked: boom"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_does_not_fit_the_typed_event_is_dead_at_once_with_its_path() {
    let s = setup("parse");
    let body = br#"{"ref":5,"before":"0","after":"1"}"#;
    let id = s.receive("push", body).await;
    let probe = Probe::default();
    let worker = Worker::builder(s.inbox.clone(), probe.router()).build();
    assert_eq!(worker.run_once().await.unwrap(), [(id, Outcome::Dead)]);
    let row = s.row(id).await;
    assert_eq!((row.status, row.attempts), (Status::Dead, 1));
    let error = row.last_error.unwrap();
    assert!(error.starts_with("invalid_payload: "), "{error}");
    assert!(error.contains("`ref`"), "names the JSON path: {error}");
    assert_eq!(row.body, body);
    assert_eq!(probe.calls(), 0, "the handler never saw it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_whose_worker_died_is_processed_after_the_lease_expires() {
    let s = setup("lease");
    let id = s.receive("ping", PING).await;
    // A worker claims it and dies inside the handler: no outcome is ever recorded.
    let claimed = s
        .inbox
        .store()
        .claim(Claim::new(
            "dead-worker",
            s.clock.now(),
            Duration::from_secs(30),
            10,
        ))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);

    let probe = Probe::default();
    let worker = Worker::builder(s.inbox.clone(), probe.router())
        .lease(Duration::from_secs(30))
        .build();
    s.clock.advance(Duration::from_secs(29));
    assert!(worker.run_once().await.unwrap().is_empty(), "still leased");
    s.clock.advance(Duration::from_secs(1));
    assert_eq!(worker.run_once().await.unwrap(), [(id, Outcome::Done)]);
    let row = s.row(id).await;
    assert_eq!((row.status, row.attempts), (Status::Done, 2));
    assert_eq!(probe.calls(), 1);
    // The dead worker coming back cannot overwrite the outcome.
    let late = s.inbox.store().complete(id, "dead-worker", s.clock.now());
    assert!(!late.await.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_handler_keeps_its_delivery_by_extending_the_lease() {
    let s = setup("heartbeat");
    let id = s.receive("ping", PING).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(tokio::sync::Notify::new());
    let router = {
        let (calls, release) = (Arc::clone(&calls), Arc::clone(&release));
        Router::new().on(GitHub, move |_job: Job<Event>| {
            let (calls, release) = (Arc::clone(&calls), Arc::clone(&release));
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                release.notified().await;
                Ok::<(), String>(())
            }
        })
    };
    let lease = Duration::from_millis(300);
    let slow = Worker::builder(s.inbox.clone(), router)
        .owner("slow")
        .lease(lease)
        .build();
    let running = tokio::spawn({
        let slow = slow.clone();
        async move { slow.run_once().await }
    });
    // Wait for the claim, then let the inbox clock run far past the first lease.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while calls.load(Ordering::SeqCst) == 0 {
        assert!(tokio::time::Instant::now() < deadline, "never claimed");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    s.clock.advance(Duration::from_secs(1));
    let extended = UnixTime::from_millis(T0 + 1_000 + 300);
    loop {
        let row = s.row(id).await;
        if row.lease_expires_at >= Some(extended) {
            assert_eq!(row.lease_owner.as_deref(), Some("slow"));
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the lease was never extended"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Without the heartbeat the lease ran out at T0 + 300 ms and this worker would take it.
    let probe = Probe::default();
    let other = Worker::builder(s.inbox.clone(), probe.router())
        .lease(lease)
        .build();
    assert!(other.run_once().await.unwrap().is_empty(), "still held");
    release.notify_one();
    assert_eq!(running.await.unwrap().unwrap(), [(id, Outcome::Done)]);
    let row = s.row(id).await;
    assert_eq!((row.status, row.attempts), (Status::Done, 1));
    assert_eq!((calls.load(Ordering::SeqCst), probe.calls()), (1, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_that_keeps_killing_its_workers_goes_dead() {
    let s = setup("poison");
    let id = s.receive("ping", PING).await;
    let lease = Duration::from_secs(10);
    for _ in 0..2 {
        let claim = Claim::new("crashing-worker", s.clock.now(), lease, 10);
        assert_eq!(s.inbox.store().claim(claim).await.unwrap().len(), 1);
        s.clock.advance(lease);
    }
    let probe = Probe::default();
    let worker = Worker::builder(s.inbox.clone(), probe.router())
        .max_attempts(2)
        .lease(lease)
        .build();
    assert_eq!(worker.run_once().await.unwrap(), [(id, Outcome::Dead)]);
    assert_eq!(probe.calls(), 0);
    let error = s.row(id).await.last_error.unwrap();
    assert!(error.contains("claimed 3 times"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_filters_pick_the_handler_and_unwanted_events_are_done_unhandled() {
    let s = setup("filters");
    let ping = s.receive("ping", PING).await;
    let push = s.receive("push", PUSH).await;
    let pushes = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&pushes);
    let router = Router::new().on_events(
        GitHub,
        &["pull_request*", "push"],
        move |job: Job<Event>| {
            let counted = Arc::clone(&counted);
            async move {
                assert!(matches!(job.event, Event::Push(_)));
                counted.fetch_add(1, Ordering::SeqCst);
                Ok::<(), std::io::Error>(())
            }
        },
    );
    let worker = Worker::builder(s.inbox.clone(), router).build();
    let outcomes = worker.run_once().await.unwrap();
    assert_eq!(outcomes, [(ping, Outcome::Skipped), (push, Outcome::Done)]);
    assert_eq!(pushes.load(Ordering::SeqCst), 1);
    assert_eq!(s.row(ping).await.status, Status::Done);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_stops_claiming_and_finishes_the_handler_running() {
    let s = setup("shutdown");
    let first = s.receive("ping", PING).await;
    let (started_tx, started_rx) = tokio::sync::mpsc::channel::<()>(1);
    let release = Arc::new(tokio::sync::Notify::new());
    let release_handler = Arc::clone(&release);
    let router = Router::new().on(GitHub, move |_job: Job<Event>| {
        let started = started_tx.clone();
        let release = Arc::clone(&release_handler);
        async move {
            let _ = started.send(()).await;
            release.notified().await;
            Ok::<(), std::io::Error>(())
        }
    });
    let worker = Worker::builder(s.inbox.clone(), router)
        .concurrency(1)
        .poll_interval(Duration::from_millis(10))
        .build();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn({
        let worker = worker.clone();
        async move {
            worker
                .run(async {
                    let _ = stop_rx.await;
                })
                .await;
        }
    });
    let mut started_rx = started_rx;
    tokio::time::timeout(Duration::from_secs(20), started_rx.recv())
        .await
        .expect("the handler started");
    stop_tx.send(()).unwrap();
    // Arrives after the shutdown signal: must not be claimed.
    let second = s.receive("ping", br#"{"zen":"second","hook_id":2}"#).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(!running.is_finished(), "waits for the running handler");
    release.notify_one();
    tokio::time::timeout(Duration::from_secs(20), running)
        .await
        .expect("run returns once the handler finished")
        .unwrap();
    assert_eq!(s.row(first).await.status, Status::Done);
    let second = s.row(second).await;
    assert_eq!((second.status, second.attempts), (Status::Pending, 0));
}

/// `T0` plus `days`.
fn day(days: i64) -> UnixTime {
    UnixTime::from_millis(T0 + days * 86_400_000)
}

impl Setup {
    /// A row of `provider` at `at` ([`inbox_rows::row_at`]).
    async fn row_at(&self, provider: &str, at: UnixTime, outcome: Option<Status>) -> DeliveryId {
        inbox_rows::row_at(self.inbox.store().as_ref(), provider, at, outcome).await
    }

    /// Waits (at most 20 s) until delivery `id` is gone.
    async fn until_purged(&self, id: DeliveryId) {
        tokio::time::timeout(Duration::from_secs(20), async {
            while self.inbox.store().get(id).await.unwrap().is_some() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("delivery {id} purged within 20 s"));
    }

    /// Receives a GitHub delivery and waits (at most 20 s) until the running worker handled it:
    /// proof that its loop went round after this call began.
    async fn handled(&self, event: &str, body: &[u8]) {
        let id = self.receive(event, body).await;
        tokio::time::timeout(Duration::from_secs(20), async {
            while self.row(id).await.status != Status::Done {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .expect("handled within 20 s");
    }
}

/// Runs `worker` until the returned sender is used (or dropped).
fn run_worker(
    worker: &Worker,
) -> (
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let worker = worker.clone();
    let running = tokio::spawn(async move {
        worker
            .run(async {
                let _ = stop_rx.await;
            })
            .await;
    });
    (stop_tx, running)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn done_deliveries_past_their_retention_are_purged_once_per_interval() {
    let s = setup("retain");
    // Other providers than the worker's (GitHub): it never claims these.
    let old_done = s.row_at("old-done", day(0), Some(Status::Done)).await;
    let recent_done = s.row_at("recent-done", day(8), Some(Status::Done)).await;
    let old_dead = s.row_at("old-dead", day(0), Some(Status::Dead)).await;
    let old_pending = s.row_at("old-pending", day(0), None).await;
    s.clock.set(day(10));

    let worker = Worker::builder(s.inbox.clone(), Probe::default().router())
        .retain_done(Duration::from_secs(7 * 86_400))
        .poll_interval(Duration::from_millis(10))
        .build();
    let (stop, running) = run_worker(&worker);

    // At start: done and last changed before day 3, gone; the rest kept.
    s.until_purged(old_done).await;
    assert_eq!(s.row(recent_done).await.status, Status::Done);
    assert_eq!(s.row(old_dead).await.status, Status::Dead);
    assert_eq!(s.row(old_pending).await.status, Status::Pending);

    // Another old done delivery, while the inbox's clock stands still: not purged, however
    // often the worker goes round (two deliveries handled one after the other: the second was
    // claimed by a pass that began after this row was done).
    let later_done = s.row_at("later-done", day(0), Some(Status::Done)).await;
    s.handled("ping", PING).await;
    s.handled("push", PUSH).await;
    assert_eq!(s.row(later_done).await.status, Status::Done);

    // An interval later by the inbox's clock: purged.
    s.clock.advance(PURGE_INTERVAL);
    s.until_purged(later_done).await;
    assert_eq!(s.row(recent_done).await.status, Status::Done);
    assert_eq!(s.row(old_dead).await.status, Status::Dead);
    assert_eq!(s.row(old_pending).await.status, Status::Pending);

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(20), running)
        .await
        .expect("the worker stopped")
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retention_under_the_minimum_is_raised_to_an_hour() {
    let s = setup("retain-min");
    let now = day(10);
    let minutes_ago = |m: i64| UnixTime::from_millis(now.as_millis() - m * 60_000);
    let two_hours = s
        .row_at("two-hours", minutes_ago(120), Some(Status::Done))
        .await;
    let half_an_hour = s
        .row_at("half-an-hour", minutes_ago(30), Some(Status::Done))
        .await;
    s.clock.set(now);
    let worker = Worker::builder(s.inbox.clone(), Probe::default().router())
        .retain_done(Duration::from_secs(60))
        .poll_interval(Duration::from_millis(10))
        .build();
    let (stop, running) = run_worker(&worker);
    // One purge decides both: older than an hour goes, younger stays.
    s.until_purged(two_hours).await;
    assert_eq!(s.row(half_an_hour).await.status, Status::Done);
    stop.send(()).unwrap();
    running.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_retention_done_deliveries_are_kept() {
    let s = setup("retain-none");
    let ancient = s.row_at("ancient", day(0), Some(Status::Done)).await;
    s.clock.set(day(3650));
    let worker = Worker::builder(s.inbox.clone(), Probe::default().router())
        .poll_interval(Duration::from_millis(10))
        .build();
    let (stop, running) = run_worker(&worker);
    s.handled("ping", PING).await;
    s.handled("push", PUSH).await;
    assert_eq!(s.row(ancient).await.status, Status::Done);
    stop.send(()).unwrap();
    running.await.unwrap();
}
