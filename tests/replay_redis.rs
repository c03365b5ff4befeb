//! Replay protection across a fleet: two axum receivers share one replay store, a "sender"
//! posts the same signed Stripe delivery to both, concurrently and with retries, and the
//! handler must run exactly once.
//!
//! The same behavioural suite runs against [`MemoryStore`] (two receivers in one process
//! sharing it) and, with feature `redis`, against [`RedisStore`] (each receiver with its own
//! connection to a real `redis-server` that the test starts on a free loopback port). Without
//! `redis-server` on `PATH` the Redis tests are skipped with a message, unless `CI` is set, in
//! which case they fail.
//!
//! Handler policy in these receivers (what the extractors are meant to do):
//! * duplicate of a delivery still in flight → 409, so the sender retries (a 200 here could
//!   swallow the delivery if the first copy then fails);
//! * duplicate of a processed delivery → 200 without running the handler;
//! * store unavailable → 503; handler failure → release, 500; success → commit, 200.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use webhook_guard::providers::stripe::{self, Stripe};
use webhook_guard::replay::{DuplicateState, MemoryStore, ReplayStore, Reserve};
use webhook_guard::{Error, Secret, Verifier, WebhookRequest};

const SECRET: &str = "whsec_fleet_test_secret";
const NAMESPACE: &str = "tenant-a";

// ---------------------------------------------------------------------------------------------
// The receivers

/// What the handlers did, per Stripe event id.
#[derive(Default)]
struct Log {
    /// Handler runs (side effects), failed ones included.
    runs: Mutex<HashMap<String, u32>>,
    /// Successful runs.
    done: Mutex<HashMap<String, u32>>,
    /// Ids whose next run fails (and releases its reservation).
    fail_next: Mutex<Vec<String>>,
    /// Ids whose next run drops its reservation undecided (an early `?` return, a panic).
    drop_next: Mutex<Vec<String>>,
}

impl Log {
    fn runs(&self, id: &str) -> u32 {
        self.runs.lock().unwrap().get(id).copied().unwrap_or(0)
    }
    fn done(&self, id: &str) -> u32 {
        self.done.lock().unwrap().get(id).copied().unwrap_or(0)
    }
    fn take(list: &Mutex<Vec<String>>, id: &str) -> bool {
        let mut list = list.lock().unwrap();
        let before = list.len();
        list.retain(|x| x != id);
        list.len() != before
    }
}

#[derive(Clone)]
struct App {
    verifier: Verifier<Stripe>,
    log: Arc<Log>,
}

async fn handle(State(app): State<App>, headers: HeaderMap, body: Bytes) -> StatusCode {
    // The request view is only needed until the verifier's future is built.
    let verifying = {
        let req = WebhookRequest::new(&headers, &body);
        app.verifier.verify_and_reserve(&req)
    };
    let accepted = match verifying.await {
        Ok(accepted) => accepted,
        Err(Error::Replayed {
            state: DuplicateState::InFlight,
        }) => return StatusCode::CONFLICT,
        Err(e) => return e.status(),
    };
    let id = accepted.delivery.signed_id().unwrap_or_default().to_owned();
    *app.log.runs.lock().unwrap().entry(id.clone()).or_default() += 1;
    // Work takes a moment: widens the window in which copies race.
    tokio::time::sleep(Duration::from_millis(5)).await;
    let Some(reservation) = accepted.reservation else {
        return StatusCode::INTERNAL_SERVER_ERROR; // every receiver here has a store
    };
    if Log::take(&app.log.fail_next, &id) {
        let _ = reservation.release().await;
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    if Log::take(&app.log.drop_next, &id) {
        drop(reservation);
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    *app.log.done.lock().unwrap().entry(id).or_default() += 1;
    // The handler ran: answer 200 even if the commit cannot be recorded (a retry would run
    // it again).
    let _ = reservation.commit().await;
    StatusCode::OK
}

struct Fleet {
    urls: [String; 2],
    log: Arc<Log>,
    client: reqwest::Client,
    servers: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for Fleet {
    fn drop(&mut self) {
        for server in &self.servers {
            server.abort();
        }
    }
}

async fn fleet(stores: [Arc<dyn ReplayStore>; 2]) -> Fleet {
    let log = Arc::new(Log::default());
    let mut urls = Vec::new();
    let mut servers = Vec::new();
    for store in stores {
        let verifier = Verifier::builder(Stripe)
            .secret(Secret::from_text(SECRET))
            .shared_replay_store(store)
            .namespace(NAMESPACE)
            // Cancelled requests (a client that timed out on a loaded machine) fail closed and
            // stay in flight until this TTL: short, so the retries below get through in time.
            .in_flight_ttl(Duration::from_secs(3))
            .build()
            .unwrap();
        let app = App {
            verifier,
            log: Arc::clone(&log),
        };
        let router = Router::new().route("/hooks", post(handle)).with_state(app);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        urls.push(format!("http://{}/hooks", listener.local_addr().unwrap()));
        servers.push(tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        }));
    }
    Fleet {
        urls: urls.try_into().unwrap(),
        log,
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap(),
        servers,
    }
}

fn event(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","object":"event","type":"invoice.paid","data":{{"object":{{"id":"in_1","object":"invoice"}}}}}}"#
    )
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn sign(body: &str) -> String {
    stripe::sign(SECRET.as_bytes(), now_secs(), body.as_bytes())
}

impl Fleet {
    async fn post(&self, receiver: usize, body: &str, signature: &str) -> Option<StatusCode> {
        let response = self
            .client
            .post(&self.urls[receiver % 2])
            .header(stripe::SIGNATURE_HEADER, signature)
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .ok()?;
        Some(StatusCode::from_u16(response.status().as_u16()).unwrap())
    }

    /// Sends like a provider: the pre-signed copy first, then re-signed retries (as Stripe
    /// does) on anything but a 2xx, alternating receivers, until one answers 2xx. Returns the
    /// statuses seen.
    async fn deliver(&self, body: &str, signature: &str, first: usize) -> Vec<StatusCode> {
        let start = Instant::now();
        let mut seen = Vec::new();
        let mut signature = signature.to_owned();
        for attempt in 0.. {
            if let Some(status) = self.post(first + attempt, body, &signature).await {
                seen.push(status);
                if status.is_success() {
                    return seen;
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "not delivered in 30 s: {seen:?}"
            );
            tokio::time::sleep(Duration::from_millis(15)).await;
            signature = sign(body);
        }
        unreachable!()
    }
}

// ---------------------------------------------------------------------------------------------
// The behavioural suite, shared by the stores

async fn concurrent_copies_run_the_handler_once(stores: [Arc<dyn ReplayStore>; 2]) {
    let fleet = Arc::new(fleet(stores).await);
    const EVENTS: usize = 30;
    const COPIES: usize = 6;
    let mut tasks = Vec::new();
    for n in 0..EVENTS {
        let body = event(&format!("evt_concurrent_{n}"));
        let signature = sign(&body);
        for copy in 0..COPIES {
            let (fleet, body, signature) = (Arc::clone(&fleet), body.clone(), signature.clone());
            tasks.push(tokio::spawn(async move {
                fleet.deliver(&body, &signature, copy).await
            }));
        }
    }
    let mut statuses: HashMap<u16, usize> = HashMap::new();
    for task in tasks {
        for status in task.await.unwrap() {
            *statuses.entry(status.as_u16()).or_default() += 1;
        }
    }
    for n in 0..EVENTS {
        let id = format!("evt_concurrent_{n}");
        assert_eq!(fleet.log.runs(&id), 1, "{id} ran more than once");
        assert_eq!(fleet.log.done(&id), 1);
    }
    // Every copy ended with a 2xx; the losers of the race saw 409 while the winner worked.
    assert_eq!(statuses.get(&200).copied(), Some(EVENTS * COPIES));
    assert!(
        statuses.get(&409).copied().unwrap_or(0) > 0,
        "no copy raced: {statuses:?}"
    );
}

async fn failed_handler_lets_the_retry_through(stores: [Arc<dyn ReplayStore>; 2]) {
    let fleet = fleet(stores).await;
    let id = "evt_fails_first";
    fleet.log.fail_next.lock().unwrap().push(id.to_owned());
    let body = event(id);
    let seen = fleet.deliver(&body, &sign(&body), 0).await;
    assert_eq!(seen, [StatusCode::INTERNAL_SERVER_ERROR, StatusCode::OK]);
    assert_eq!(fleet.log.runs(id), 2);
    assert_eq!(fleet.log.done(id), 1);
    // A later copy, on either receiver, is a processed duplicate.
    for receiver in 0..2 {
        assert_eq!(
            fleet.post(receiver, &body, &sign(&body)).await,
            Some(StatusCode::OK)
        );
    }
    assert_eq!(fleet.log.runs(id), 2);
}

/// A reservation dropped undecided (a cancelled request) fails closed: the delivery stays in
/// flight, so copies get 409 on every receiver and the handler does not run again (until the
/// in-flight TTL ends).
async fn dropped_reservation_stays_in_flight(stores: [Arc<dyn ReplayStore>; 2]) {
    let fleet = fleet(stores).await;
    let id = "evt_dropped";
    fleet.log.drop_next.lock().unwrap().push(id.to_owned());
    let body = event(id);
    assert_eq!(
        fleet.post(1, &body, &sign(&body)).await,
        Some(StatusCode::INTERNAL_SERVER_ERROR)
    );
    for receiver in 0..4 {
        assert_eq!(
            fleet.post(receiver, &body, &sign(&body)).await,
            Some(StatusCode::CONFLICT)
        );
    }
    assert_eq!(fleet.log.runs(id), 1);
    assert_eq!(fleet.log.done(id), 0);
}

async fn resigned_retry_is_a_duplicate(stores: [Arc<dyn ReplayStore>; 2]) {
    let fleet = fleet(stores).await;
    let id = "evt_resigned";
    let body = event(id);
    assert_eq!(
        fleet.post(0, &body, &sign(&body)).await,
        Some(StatusCode::OK)
    );
    // Stripe retries with a new timestamp, so a new signature: the event id still matches.
    let later = stripe::sign(SECRET.as_bytes(), now_secs() + 1, body.as_bytes());
    assert_eq!(fleet.post(1, &body, &later).await, Some(StatusCode::OK));
    assert_eq!(fleet.log.runs(id), 1);
    // A forged copy is rejected before the store is consulted.
    let forged = fleet.post(0, &body, "t=1,v1=00").await.unwrap();
    assert!(forged.is_client_error(), "{forged}");
    assert_eq!(fleet.log.runs(id), 1);
}

/// Store-level contract, with the two stores standing for two receivers.
async fn late_commit_and_release_do_not_clobber(stores: [Arc<dyn ReplayStore>; 2]) {
    let [a, b] = stores;
    let short = Duration::from_millis(100);
    let long = Duration::from_secs(60);
    let key = format!("contract:{}", now_secs());
    let Reserve::Fresh(old) = a.reserve(&key, short).await.unwrap() else {
        panic!("first reserve is fresh")
    };
    assert_eq!(
        b.reserve(&key, long).await.unwrap(),
        Reserve::Duplicate(DuplicateState::InFlight)
    );
    tokio::time::sleep(Duration::from_millis(250)).await;
    // A's claim expired (its handler is too slow): B claims the id.
    let Reserve::Fresh(new) = b.reserve(&key, long).await.unwrap() else {
        panic!("expired claim is fresh again")
    };
    assert_ne!(old, new);
    // A's late decisions leave B's claim alone.
    a.commit(&key, old, long).await.unwrap();
    assert_eq!(
        a.reserve(&key, long).await.unwrap(),
        Reserve::Duplicate(DuplicateState::InFlight)
    );
    a.release(&key, old).await.unwrap();
    assert_eq!(
        a.reserve(&key, long).await.unwrap(),
        Reserve::Duplicate(DuplicateState::InFlight)
    );
    b.commit(&key, new, long).await.unwrap();
    b.release(&key, new).await.unwrap(); // done is never released
    assert_eq!(
        a.reserve(&key, long).await.unwrap(),
        Reserve::Duplicate(DuplicateState::Done)
    );

    // A commit whose claim expired with nobody else around still records the delivery.
    let key = format!("{key}:expired");
    let Reserve::Fresh(t) = a.reserve(&key, short).await.unwrap() else {
        panic!()
    };
    tokio::time::sleep(Duration::from_millis(250)).await;
    a.commit(&key, t, long).await.unwrap();
    assert_eq!(
        b.reserve(&key, long).await.unwrap(),
        Reserve::Duplicate(DuplicateState::Done)
    );
}

trait Backend {
    async fn stores(&self) -> [Arc<dyn ReplayStore>; 2];
}

macro_rules! suite {
    ($module:ident, $backend:expr) => {
        mod $module {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn concurrent_copies_run_the_handler_once() {
                let Some(backend) = $backend else { return };
                super::concurrent_copies_run_the_handler_once(backend.stores().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn failed_handler_lets_the_retry_through() {
                let Some(backend) = $backend else { return };
                super::failed_handler_lets_the_retry_through(backend.stores().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn dropped_reservation_stays_in_flight() {
                let Some(backend) = $backend else { return };
                super::dropped_reservation_stays_in_flight(backend.stores().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn resigned_retry_is_a_duplicate() {
                let Some(backend) = $backend else { return };
                super::resigned_retry_is_a_duplicate(backend.stores().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn late_commit_and_release_do_not_clobber() {
                let Some(backend) = $backend else { return };
                super::late_commit_and_release_do_not_clobber(backend.stores().await).await;
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Memory store: both receivers share one store.

struct Memory(Arc<MemoryStore>);

impl Backend for Memory {
    async fn stores(&self) -> [Arc<dyn ReplayStore>; 2] {
        let store: Arc<dyn ReplayStore> = self.0.clone();
        [Arc::clone(&store), store]
    }
}

suite!(memory, Some(Memory(Arc::new(MemoryStore::new(10_000)))));

// ---------------------------------------------------------------------------------------------
// Redis store: a real redis-server, one connection per receiver.

#[cfg(feature = "redis")]
mod redis_server {
    use std::net::{TcpListener, TcpStream};
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    /// A `redis-server` on a free loopback port, without persistence, stopped (by PID) on drop
    /// and in any case after two minutes (`timeout 120`).
    pub(crate) struct RedisServer {
        pub(crate) port: u16,
        child: Option<Child>,
    }

    fn installed(program: &str) -> bool {
        Command::new(program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    impl RedisServer {
        /// Starts a server, or `None` (with a message) when `redis-server` is not installed;
        /// fails instead when `CI` is set.
        pub(crate) fn start() -> Option<Self> {
            if !installed("redis-server") {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "redis-server is not installed, and CI is set: install it (apt-get install redis-server)"
                );
                eprintln!(
                    "SKIPPED: redis-server is not installed; the Redis replay tests did not run"
                );
                return None;
            }
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let mut server = Self { port, child: None };
            server.restart();
            Some(server)
        }

        pub(crate) fn url(&self) -> String {
            format!("redis://127.0.0.1:{}/", self.port)
        }

        /// (Re)starts the server on the same port.
        pub(crate) fn restart(&mut self) {
            self.stop();
            let port = self.port.to_string();
            let args = [
                "--port",
                &port,
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ];
            let mut command = if installed("timeout") {
                let mut c = Command::new("timeout");
                c.args(["120", "redis-server"]);
                c
            } else {
                Command::new("redis-server")
            };
            let child = command
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start redis-server");
            self.child = Some(child);
            let start = Instant::now();
            while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
                assert!(
                    start.elapsed() < Duration::from_secs(10),
                    "redis-server did not start"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }

        /// Stops the server we started: SIGTERM by PID (`timeout` passes it on), then SIGKILL.
        pub(crate) fn stop(&mut self) {
            let Some(mut child) = self.child.take() else {
                return;
            };
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(5) {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
            // Wait until the port is free for a restart.
            let start = Instant::now();
            while TcpStream::connect(("127.0.0.1", self.port)).is_ok()
                && start.elapsed() < Duration::from_secs(5)
            {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    impl Drop for RedisServer {
        fn drop(&mut self) {
            self.stop();
        }
    }
}

#[cfg(feature = "redis")]
mod redis_fleet {
    use super::redis_server::RedisServer;
    use super::*;
    use webhook_guard::replay::RedisStore;

    pub(crate) const PREFIX: &str = "fleet-test:";

    pub(crate) struct Redis(pub(crate) RedisServer);

    pub(crate) async fn store(server: &RedisServer) -> RedisStore {
        RedisStore::builder(&server.url())
            .prefix(PREFIX)
            .timeout(Duration::from_millis(300))
            .connection_timeout(Duration::from_millis(300))
            .build()
            .await
            .unwrap()
    }

    impl Backend for Redis {
        async fn stores(&self) -> [Arc<dyn ReplayStore>; 2] {
            [
                Arc::new(store(&self.0).await),
                Arc::new(store(&self.0).await),
            ]
        }
    }

    suite!(redis, RedisServer::start().map(Redis));

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn keys_are_prefixed_namespaced_and_expire() {
        let Some(server) = RedisServer::start() else {
            return;
        };
        let fleet = fleet([
            Arc::new(store(&server).await),
            Arc::new(store(&server).await),
        ])
        .await;
        let body = event("evt_layout");
        assert_eq!(
            fleet.post(0, &body, &sign(&body)).await,
            Some(StatusCode::OK)
        );
        let client = ::redis::Client::open(server.url()).unwrap();
        let mut raw = client.get_multiplexed_async_connection().await.unwrap();
        let key = format!("{PREFIX}{NAMESPACE}:stripe:id:evt_layout");
        let value: String = ::redis::cmd("GET")
            .arg(&key)
            .query_async(&mut raw)
            .await
            .unwrap();
        assert!(value.starts_with('d') && value.len() == 33, "{value}");
        let ttl: i64 = ::redis::cmd("PTTL")
            .arg(&key)
            .query_async(&mut raw)
            .await
            .unwrap();
        // Stripe: its three-day retry schedule.
        assert!(ttl > 259_190_000 && ttl <= 259_200_000, "{ttl}");
        let keys: Vec<String> = ::redis::cmd("KEYS")
            .arg("*")
            .query_async(&mut raw)
            .await
            .unwrap();
        assert_eq!(keys, [key]);
    }

    /// A plain connection for the test's own commands, which waits for a paused Redis.
    async fn raw(server: &RedisServer) -> ::redis::aio::MultiplexedConnection {
        let config = ::redis::AsyncConnectionConfig::new()
            .set_response_timeout(Some(Duration::from_secs(5)))
            .set_connection_timeout(Some(Duration::from_secs(1)));
        ::redis::Client::open(server.url())
            .unwrap()
            .get_multiplexed_async_connection_with_config(&config)
            .await
            .unwrap()
    }

    /// How long [`pause_writes`] holds Redis: well over the stores' 300 ms timeout.
    const PAUSE: Duration = Duration::from_millis(1000);

    /// Holds every write (scripts included) for [`PAUSE`]: commands are received, their
    /// answers come only afterwards. Returns when the pause is in force.
    async fn pause_writes(raw: &mut ::redis::aio::MultiplexedConnection) -> Instant {
        ::redis::cmd("CLIENT")
            .arg("PAUSE")
            .arg(PAUSE.as_millis() as u64)
            .arg("WRITE")
            .query_async::<()>(raw)
            .await
            .unwrap();
        Instant::now()
    }

    /// Returns once Redis takes writes again (a write of the test's own is held until then).
    async fn wait_for_writes(raw: &mut ::redis::aio::MultiplexedConnection) {
        ::redis::cmd("SET")
            .arg("probe")
            .arg(1)
            .query_async::<()>(raw)
            .await
            .unwrap();
    }

    async fn raw_value(raw: &mut ::redis::aio::MultiplexedConnection, key: &str) -> Option<String> {
        ::redis::cmd("GET")
            .arg(format!("{PREFIX}{key}"))
            .query_async(raw)
            .await
            .unwrap()
    }

    /// Waits (up to 3 s) until `key` no longer holds an in-flight claim; returns its value.
    async fn claim_gone(
        raw: &mut ::redis::aio::MultiplexedConnection,
        key: &str,
    ) -> Option<String> {
        let start = Instant::now();
        loop {
            let value = raw_value(raw, key).await;
            if !value.as_deref().is_some_and(|v| v.starts_with('i'))
                || start.elapsed() > Duration::from_secs(3)
            {
                return value;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The orphan of issue 10: the reserve's `SET` reaches Redis, its answer misses the
    /// timeout. The caller got an error (503, the sender retries); the claim it never learnt
    /// about must not turn every retry into a 409 for the whole in-flight TTL.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reserve_whose_answer_is_lost_leaves_no_claim() {
        let Some(server) = RedisServer::start() else {
            return;
        };
        let (a, b) = (store(&server).await, store(&server).await);
        let mut raw = raw(&server).await;
        let ttl = Duration::from_secs(60);
        // Load the scripts, so the held reserve below is the script itself, not a NOSCRIPT.
        assert!(matches!(
            a.reserve("warm-up", ttl).await,
            Ok(Reserve::Fresh(_))
        ));
        let key = "lost:reserve";
        let paused = pause_writes(&mut raw).await;
        let err = a.reserve(key, ttl).await.unwrap_err();
        assert!(
            paused.elapsed() < PAUSE,
            "failed by the timeout, not after the pause"
        );
        assert!(err.to_string().starts_with("redis: "), "{err}");
        wait_for_writes(&mut raw).await;
        // The held SET has run by now; whatever follows it must not be an in-flight claim.
        let value = claim_gone(&mut raw, key).await;
        assert!(
            !value.as_deref().is_some_and(|v| v.starts_with('i')),
            "orphaned claim: {value:?}"
        );
        // The sender's retry, on either receiver, is processed.
        let Ok(Reserve::Fresh(token)) = b.reserve(key, ttl).await else {
            panic!("the retry after a lost reserve is not fresh")
        };
        b.commit(key, token, ttl).await.unwrap();
        assert_eq!(
            a.reserve(key, ttl).await.unwrap(),
            Reserve::Duplicate(DuplicateState::Done)
        );
        drop(server);
    }

    /// The same through HTTP: the copy whose reserve timed out gets a 503 (never a 2xx, the
    /// handler does not run), and the retry right after Redis recovers is processed.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reserve_timeout_is_a_503_and_the_retry_is_processed() {
        let Some(server) = RedisServer::start() else {
            return;
        };
        let fleet = fleet([
            Arc::new(store(&server).await),
            Arc::new(store(&server).await),
        ])
        .await;
        let mut raw = raw(&server).await;
        let warm_up = event("evt_warm_up");
        assert_eq!(
            fleet.post(0, &warm_up, &sign(&warm_up)).await,
            Some(StatusCode::OK)
        );
        let id = "evt_lost_reserve";
        let body = event(id);
        pause_writes(&mut raw).await;
        assert_eq!(
            fleet.post(0, &body, &sign(&body)).await,
            Some(StatusCode::SERVICE_UNAVAILABLE)
        );
        assert_eq!(fleet.log.runs(id), 0);
        wait_for_writes(&mut raw).await;
        claim_gone(&mut raw, &format!("{NAMESPACE}:stripe:id:{id}")).await;
        assert_eq!(
            fleet.post(1, &body, &sign(&body)).await,
            Some(StatusCode::OK)
        );
        assert_eq!(fleet.log.runs(id), 1);
        assert_eq!(
            fleet.post(0, &body, &sign(&body)).await,
            Some(StatusCode::OK)
        );
        assert_eq!(fleet.log.runs(id), 1);
        drop(server);
    }

    /// A commit or release that never reached Redis (its connection died while Redis held it)
    /// is sent again once the store has reconnected: the commit still records the delivery,
    /// the release still frees the id for the retry.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn lost_commit_and_release_are_sent_again() {
        let Some(server) = RedisServer::start() else {
            return;
        };
        let a = Arc::new(store(&server).await);
        let mut raw = raw(&server).await;
        let ttl = Duration::from_secs(60);
        let Ok(Reserve::Fresh(committed)) = a.reserve("lost:commit", ttl).await else {
            panic!()
        };
        let Ok(Reserve::Fresh(released)) = a.reserve("lost:release", ttl).await else {
            panic!()
        };
        pause_writes(&mut raw).await;
        let commit = tokio::spawn({
            let a = Arc::clone(&a);
            async move { a.commit("lost:commit", committed, ttl).await }
        });
        let release = tokio::spawn({
            let a = Arc::clone(&a);
            async move { a.release("lost:release", released).await }
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        // Drop every other connection (only `a` has one): the held commit and release are gone
        // with it.
        let killed: i64 = ::redis::cmd("CLIENT")
            .arg("KILL")
            .arg("TYPE")
            .arg("normal")
            .arg("SKIPME")
            .arg("yes")
            .query_async(&mut raw)
            .await
            .unwrap();
        assert!(killed >= 1, "{killed}");
        assert!(commit.await.unwrap().is_err());
        assert!(release.await.unwrap().is_err());
        wait_for_writes(&mut raw).await;
        let b = store(&server).await;
        let value = claim_gone(&mut raw, "lost:release").await;
        assert_eq!(value, None, "release not retried");
        let value = claim_gone(&mut raw, "lost:commit").await;
        assert!(
            value.as_deref().is_some_and(|v| v.starts_with('d')),
            "commit not retried: {value:?}"
        );
        let retry = b.reserve("lost:release", ttl).await;
        assert!(matches!(retry, Ok(Reserve::Fresh(_))), "{retry:?}");
        assert_eq!(
            b.reserve("lost:commit", ttl).await.unwrap(),
            Reserve::Duplicate(DuplicateState::Done)
        );
        drop(server);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn outage_gives_503s_and_loses_no_delivery() {
        let Some(mut server) = RedisServer::start() else {
            return;
        };
        let fleet = Arc::new(
            fleet([
                Arc::new(store(&server).await),
                Arc::new(store(&server).await),
            ])
            .await,
        );
        const EVENTS: usize = 60;
        const CONCURRENCY: usize = 4;
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let statuses = Arc::new(Mutex::new(HashMap::<u16, usize>::new()));
        let mut senders = Vec::new();
        for lane in 0..CONCURRENCY {
            let (fleet, next, statuses) =
                (Arc::clone(&fleet), Arc::clone(&next), Arc::clone(&statuses));
            senders.push(tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    if n >= EVENTS {
                        break;
                    }
                    let body = event(&format!("evt_outage_{n}"));
                    for status in fleet.deliver(&body, &sign(&body), lane).await {
                        *statuses.lock().unwrap().entry(status.as_u16()).or_default() += 1;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }));
        }
        // Let a third of the deliveries through, then take Redis away for a while.
        let start = Instant::now();
        while fleet.log.done.lock().unwrap().len() < EVENTS / 3 {
            assert!(start.elapsed() < Duration::from_secs(20));
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        tokio::task::block_in_place(|| server.stop());
        tokio::time::sleep(Duration::from_millis(800)).await;
        tokio::task::block_in_place(|| server.restart());
        for sender in senders {
            sender.await.unwrap();
        }
        let statuses = statuses.lock().unwrap().clone();
        assert!(
            statuses.get(&503).copied().unwrap_or(0) > 0,
            "no 503 during the outage: {statuses:?}"
        );
        let mut repeats = 0;
        for n in 0..EVENTS {
            let id = format!("evt_outage_{n}");
            assert!(fleet.log.done(&id) >= 1, "{id} was lost");
            repeats += fleet.log.runs(&id) - 1;
        }
        // Only a delivery caught between its side effect and its commit when Redis went away
        // can run twice (the restarted Redis has no memory): at most one per sender lane.
        eprintln!("outage: statuses {statuses:?}, repeated runs {repeats}");
        assert!(repeats <= CONCURRENCY as u32, "{repeats} repeated runs");
        // After the outage the fleet is protected again.
        let body = event("evt_outage_0");
        let before = fleet.log.runs("evt_outage_0");
        let _ = fleet.deliver(&body, &sign(&body), 0).await;
        let _ = fleet.deliver(&body, &sign(&body), 1).await;
        assert!(fleet.log.runs("evt_outage_0") <= before + 1);
        drop(server);
    }
}
