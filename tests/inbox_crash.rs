//! Nothing acknowledged is lost: a receiver *process* storing into a SQLite inbox is killed
//! with SIGKILL while deliveries are being posted to it, then restarted on the same file; the
//! sender re-posts what was not acknowledged (as providers retry), and then every delivery that
//! got a 2xx — and every other one — is in the inbox exactly once and is processed once.
//!
//! The receiver process is this test binary run again with `--ignored --exact
//! receiver_process` and the database path in `WG_INBOX_CRASH_DB`: a real separate process,
//! killed for real.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use webhook_guard::inbox::worker::{Job, Router, Worker};
use webhook_guard::inbox::{Inbox, ListFilter, SqliteStore, Status};
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::{Secret, Verifier};

const SECRET: &str = "a github webhook secret for tests";
const DB_ENV: &str = "WG_INBOX_CRASH_DB";
/// Deliveries posted; the receiver is killed once `KILL_AFTER` of them were acknowledged.
const DELIVERIES: usize = 400;
const KILL_AFTER: usize = 120;
const CONCURRENCY: usize = 16;

/// The receiver: an axum inbox route on a free loopback port, printing `listening ADDR`.
/// Started by the crash test; does nothing when run without its environment variable. Exits
/// on its own after two minutes, so a failed test leaves nothing running.
#[test]
#[ignore = "the receiver process of `acknowledged_deliveries_survive_sigkill`, started by it"]
fn receiver_process() {
    let Ok(db) = std::env::var(DB_ENV) else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let inbox = Inbox::new(SqliteStore::open(&db).unwrap());
        let verifier = Verifier::builder(GitHub)
            .secret(Secret::from_text(SECRET))
            .build()
            .unwrap();
        let app: axum::Router =
            axum::Router::new().route("/github", webhook_guard::inbox::axum::post(verifier, inbox));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("listening {}", listener.local_addr().unwrap());
        let serve = axum::serve(listener, app);
        let _ = tokio::time::timeout(Duration::from_secs(120), serve).await;
    });
}

/// A started receiver; killed (SIGKILL) when dropped, so a failing test leaves none behind.
struct Receiver {
    child: Child,
    addr: SocketAddr,
}

impl Receiver {
    fn start(db: &Path) -> Self {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "receiver_process",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DB_ENV, db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // libtest prints `test receiver_process ... ` before it on the same line.
                if let Some((_, addr)) = line.split_once("listening ") {
                    let _ = tx.send(addr.trim().parse::<SocketAddr>().unwrap());
                }
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the receiver process printed its address");
        Receiver { child, addr }
    }

    /// SIGKILL: no destructor, no flush, no graceful anything.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.kill();
    }
}

fn body(n: usize) -> Vec<u8> {
    let padding = "x".repeat(900);
    format!(r#"{{"zen":"delivery {n}","hook_id":{n},"padding":"{padding}"}}"#).into_bytes()
}

/// Posts delivery `n`; `Some(status)` when an answer came, `None` when the connection failed.
async fn post(client: &reqwest::Client, addr: SocketAddr, n: usize) -> Option<(u16, String)> {
    let body = body(n);
    let response = client
        .post(format!("http://{addr}/github"))
        .header(
            github::SIGNATURE_HEADER,
            github::sign(SECRET.as_bytes(), &body),
        )
        .header("X-GitHub-Event", "ping")
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .ok()?;
    let status = response.status().as_u16();
    Some((status, response.text().await.ok()?))
}

fn temp_db() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wg-inbox-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("inbox.db")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_deliveries_survive_sigkill() {
    let db = temp_db();
    let receiver = Arc::new(Mutex::new(Receiver::start(&db)));
    let addr = receiver.lock().unwrap().addr;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();

    // Post everything with CONCURRENCY senders; kill the receiver mid-run.
    let acked = Arc::new(Mutex::new(BTreeSet::new()));
    let next = Arc::new(AtomicUsize::new(0));
    let mut senders = tokio::task::JoinSet::new();
    for _ in 0..CONCURRENCY {
        let (client, acked, next, receiver) = (
            client.clone(),
            Arc::clone(&acked),
            Arc::clone(&next),
            Arc::clone(&receiver),
        );
        senders.spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::SeqCst);
                if n >= DELIVERIES {
                    break;
                }
                if let Some((status, _)) = post(&client, addr, n).await {
                    assert!(status == 200 || status == 503, "status {status}");
                    if status == 200 {
                        let count = {
                            let mut acked = acked.lock().unwrap();
                            acked.insert(n);
                            acked.len()
                        };
                        if count == KILL_AFTER {
                            receiver.lock().unwrap().kill();
                        }
                    }
                }
            }
        });
    }
    while let Some(result) = senders.join_next().await {
        result.unwrap();
    }
    let acked_before_kill = acked.lock().unwrap().clone();
    assert!(acked_before_kill.len() >= KILL_AFTER);
    assert!(
        acked_before_kill.len() < DELIVERIES,
        "the kill happened mid-run: some deliveries were not acknowledged"
    );

    // Restart on the same file; the sender retries what got no 2xx.
    let restarted = Receiver::start(&db);
    let mut duplicates = 0;
    for n in (0..DELIVERIES).filter(|n| !acked_before_kill.contains(n)) {
        let (status, text) = post(&client, restarted.addr, n).await.expect("answered");
        assert_eq!(status, 200, "{text}");
        // Committed before the kill but its answer was lost: a duplicate, not a second row.
        if text == "duplicate" {
            duplicates += 1;
        }
    }
    eprintln!(
        "acknowledged before SIGKILL: {}; re-posted after the restart: {}, of which \
         duplicates (stored, answer lost): {duplicates}",
        acked_before_kill.len(),
        DELIVERIES - acked_before_kill.len()
    );
    // Everything acknowledged before the kill is a duplicate now: it was durably stored.
    for &n in acked_before_kill.iter().take(20) {
        let (status, text) = post(&client, restarted.addr, n).await.expect("answered");
        assert_eq!((status, text.as_str()), (200, "duplicate"), "delivery {n}");
    }
    drop(restarted);
    drop(receiver);

    // Every delivery is stored exactly once…
    let inbox = Inbox::new(SqliteStore::open(&db).unwrap());
    let rows = inbox
        .store()
        .list(&ListFilter::default().limit(10 * DELIVERIES))
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        DELIVERIES,
        "{duplicates} retries were duplicates"
    );
    let stored: BTreeSet<Vec<u8>> = rows.iter().map(|r| r.body.clone()).collect();
    for n in 0..DELIVERIES {
        assert!(stored.contains(&body(n)), "delivery {n} is missing");
    }

    // …and a worker processes each exactly once.
    let processed = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&processed);
    let router = Router::new().on(
        GitHub,
        move |job: Job<webhook_guard::events::github::Event>| {
            let seen = Arc::clone(&seen);
            async move {
                seen.lock().unwrap().push(job.id);
                Ok::<(), std::io::Error>(())
            }
        },
    );
    let worker = Worker::builder(inbox.clone(), router)
        .concurrency(32)
        .build();
    for _ in 0..DELIVERIES {
        if worker.run_once().await.unwrap().is_empty() {
            break;
        }
    }
    let mut processed = processed.lock().unwrap().clone();
    processed.sort_unstable();
    let before = processed.len();
    processed.dedup();
    assert_eq!((before, processed.len()), (DELIVERIES, DELIVERIES));
    let stats = inbox.store().stats().await.unwrap();
    assert_eq!(
        (stats.done, stats.pending, stats.dead),
        (DELIVERIES as u64, 0, 0)
    );
    assert!(rows.iter().all(|r| r.status == Status::Pending));
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}
