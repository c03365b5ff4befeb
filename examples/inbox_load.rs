//! Load generator for the durable inbox: pre-signs N unique 4 KiB GitHub deliveries, posts them
//! with C concurrent senders over loopback to (a) the same axum route with verify only (no
//! store) and (b) the inbox route (verify + durable SQLite insert, WAL, `synchronous=FULL`,
//! group commit), and prints deliveries/s and latency percentiles of both from the same run.
//!
//! ```text
//! cargo run --release --example inbox_load --features inbox-sqlite,axum,github -- [N] [C] [DB_DIR] [W]
//! cargo run --release --example inbox_load --features inbox-sqlite,inbox-postgres,axum,github -- \
//!     [N] [C] postgres://user@127.0.0.1:5432/db [W]
//! ```
//!
//! Defaults: N = 20000, C = 64, DB_DIR = the current directory (use a real disk: on tmpfs an
//! fsync costs nothing and the numbers mean less). A third argument starting with
//! `postgres://` or `postgresql://` (or a key-value string with `host=`) stores into that
//! PostgreSQL database instead (feature `inbox-postgres`; the table `inbox_deliveries` is
//! created there if missing, and this run's rows are left in it: every run's bodies are
//! unique, so runs do not see each other's rows as duplicates). The server runs on its own Tokio runtime
//! with two worker threads, the senders on another, both on this machine.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::routing::post;
use axum::Router;
use webhook_guard::events::github::Event;
use webhook_guard::inbox::worker::{Job, Router as Handlers, Worker};
use webhook_guard::inbox::{self, Inbox, SqliteStore};
use webhook_guard::integrations::axum::Verified;
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::{Secret, Verifier};

const SECRET: &str = "a github webhook secret for the load test";
const BODY_SIZE: usize = 4096;

struct Signed {
    body: bytes::Bytes,
    signature: String,
}

/// N unique bodies of exactly `BODY_SIZE` bytes, each with its signature.
fn presign(n: usize, tag: &str) -> Vec<Signed> {
    (0..n)
        .map(|i| {
            let head = format!(r#"{{"zen":"{tag} delivery {i}","hook_id":{i},"padding":""#);
            let mut body = head.into_bytes();
            let tail = br#""}"#;
            body.resize(BODY_SIZE - tail.len(), b'x');
            body.extend_from_slice(tail);
            let signature = github::sign(SECRET.as_bytes(), &body);
            Signed {
                body: bytes::Bytes::from(body),
                signature,
            }
        })
        .collect()
}

struct Report {
    ok: usize,
    failed: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Report {
    fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((self.latencies.len() as f64) * p).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }

    fn print(&self, name: &str) {
        println!(
            "{name:<28} {:>6} ok {:>4} failed  {:>9.0} deliveries/s  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms",
            self.ok,
            self.failed,
            self.ok as f64 / self.elapsed.as_secs_f64(),
            self.percentile(0.50).as_secs_f64() * 1e3,
            self.percentile(0.99).as_secs_f64() * 1e3,
            self.percentile(1.0).as_secs_f64() * 1e3,
        );
    }
}

/// Posts every delivery of `set` to `url` with `concurrency` senders.
async fn blast(url: String, set: Arc<Vec<Signed>>, concurrency: usize) -> Report {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut senders = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (client, url, set, next) = (
            client.clone(),
            url.clone(),
            Arc::clone(&set),
            Arc::clone(&next),
        );
        senders.spawn(async move {
            let mut latencies = Vec::new();
            let mut failed = 0;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(signed) = set.get(i) else { break };
                let sent = Instant::now();
                let response = client
                    .post(&url)
                    .header(github::SIGNATURE_HEADER, &signed.signature)
                    .header("X-GitHub-Event", "ping")
                    .header("Content-Type", "application/json")
                    .body(signed.body.clone())
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        latencies.push(sent.elapsed());
                    }
                    _ => failed += 1,
                }
            }
            (latencies, failed)
        });
    }
    let mut latencies = Vec::new();
    let mut failed = 0;
    while let Some(joined) = senders.join_next().await {
        let (l, f) = joined.expect("sender");
        latencies.extend(l);
        failed += f;
    }
    let elapsed = started.elapsed();
    latencies.sort_unstable();
    Report {
        ok: latencies.len(),
        failed,
        elapsed,
        latencies,
    }
}

async fn verify_only(_hook: Verified<GitHub>) -> &'static str {
    "verified"
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(20_000);
    let concurrency: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(64);
    let target = args.next().unwrap_or_else(|| ".".into());
    let workers: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(2);
    let postgres = target.starts_with("postgres://")
        || target.starts_with("postgresql://")
        || target.contains("host=");
    let db =
        std::path::PathBuf::from(&target).join(format!("inbox-load-{}.db", std::process::id()));

    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(SECRET))
        .max_body_size(64 * 1024)
        .build()?;
    // The receiver: its own runtime, two worker threads.
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let (inbox, where_stored) = if postgres {
        (
            server.block_on(connect_postgres(&target, concurrency))?,
            "PostgreSQL".to_owned(),
        )
    } else {
        let store = SqliteStore::open(&db)?;
        (Inbox::new(store), format!("SQLite at {}", db.display()))
    };
    let app = Router::new()
        .route("/verify", post(verify_only))
        .route("/inbox", inbox::axum::post(verifier.clone(), inbox.clone()))
        .with_state(verifier);
    let addr: SocketAddr = server.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok::<_, std::io::Error>(addr)
    })?;

    let senders = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    println!(
        "{n} unique {BODY_SIZE}-byte GitHub deliveries per route, {concurrency} concurrent senders, \
         loopback {addr}, {where_stored}"
    );
    // Bodies unique to this run, so a database kept from an earlier run holds no duplicates.
    let run = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let pending_before = senders.block_on(inbox.store().stats())?.pending;
    let warm = Arc::new(presign(500, &format!("warm-up {run}")));
    let verify_set = Arc::new(presign(n, &format!("verify {run}")));
    let inbox_set = Arc::new(presign(n, &format!("inbox {run}")));
    senders.block_on(async {
        blast(
            format!("http://{addr}/verify"),
            Arc::clone(&warm),
            concurrency,
        )
        .await;
        blast(format!("http://{addr}/inbox"), warm, concurrency).await;
        let verify = blast(format!("http://{addr}/verify"), verify_set, concurrency).await;
        let stored = blast(format!("http://{addr}/inbox"), inbox_set, concurrency).await;
        verify.print("verify only (no store)");
        stored.print("inbox (verify + durable)");
    });
    let stats = senders.block_on(inbox.store().stats())?;
    println!(
        "inbox rows pending from this run: {} (expected {})",
        stats.pending.saturating_sub(pending_before),
        n + 500
    );
    let (drained, took) = server.block_on(drain(&inbox, workers));
    println!(
        "{:<28} {drained:>6} handled  {:>9.0} deliveries/s  ({workers} workers x 32, no-op handler, {:.2} s)",
        "workers drain",
        drained as f64 / took.as_secs_f64(),
        took.as_secs_f64()
    );
    drop(server);
    if !postgres {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    Ok(())
}

/// Runs `workers` workers with a no-op handler until nothing is pending or in flight; answers
/// how many deliveries they handled and how long that took.
async fn drain(inbox: &Inbox, workers: usize) -> (usize, Duration) {
    let handled = Arc::new(AtomicUsize::new(0));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let started = Instant::now();
    let mut running = tokio::task::JoinSet::new();
    for w in 0..workers.max(1) {
        let count = Arc::clone(&handled);
        let handlers = Handlers::new().on(GitHub, move |_job: Job<Event>| {
            count.fetch_add(1, Ordering::Relaxed);
            async { Ok::<(), std::io::Error>(()) }
        });
        let worker = Worker::builder(inbox.clone(), handlers)
            .owner(&format!("drain-{w}"))
            .concurrency(32)
            .poll_interval(Duration::from_millis(20))
            .build();
        let mut stopped = stopped.clone();
        running.spawn(async move {
            worker
                .run(async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                })
                .await;
        });
    }
    loop {
        tokio::time::sleep(Duration::from_millis(20)).await;
        match inbox.store().stats().await {
            Ok(stats) if stats.pending == 0 && stats.in_flight == 0 => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("stats: {e}");
                break;
            }
        }
    }
    let took = started.elapsed();
    let _ = stop.send(true);
    while running.join_next().await.is_some() {}
    (handled.load(Ordering::Relaxed), took)
}

/// A PostgreSQL store with a connection per sender (up to 64).
#[cfg(feature = "inbox-postgres")]
async fn connect_postgres(
    url: &str,
    concurrency: usize,
) -> Result<Inbox, Box<dyn std::error::Error>> {
    let store = webhook_guard::inbox::PostgresStore::builder(url)
        .max_connections(concurrency.clamp(1, 64))
        .connect()
        .await?;
    Ok(Inbox::new(store))
}

#[cfg(not(feature = "inbox-postgres"))]
async fn connect_postgres(_: &str, _: usize) -> Result<Inbox, Box<dyn std::error::Error>> {
    Err("a PostgreSQL URL needs feature inbox-postgres".into())
}
