//! A fleet on one PostgreSQL server the test starts: two receivers (in-process axum servers on
//! 127.0.0.1, each with its own `PostgresStore`) and two workers (each with its own store).
//!
//! * 1,000 distinct signed GitHub deliveries, each sent as 6 concurrent copies spread over both
//!   receivers with a real HTTP client: every request is answered 200, and every delivery's
//!   handler effect (one row per handler call, in a table of the same database) happens exactly
//!   once.
//! * An outage: PostgreSQL is stopped (`pg_ctl stop -m fast`) while a sender posts distinct
//!   deliveries: requests sent while it is down get 503, never 200; after it is started again
//!   every delivery that got a 200 is in the store, and the 503'd ones go in on retry.

mod postgres_server;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use postgres_server::PostgresServer;
use webhook_guard::events::github::Event;
use webhook_guard::inbox::worker::{self, Job, Worker};
use webhook_guard::inbox::{self, Inbox, InboxStore, PostgresStore};
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::{Secret, Verifier};

const SECRET: &str = "a github webhook secret for the fleet";
const DELIVERIES: usize = 1_000;
const COPIES: usize = 6;

fn verifier() -> Verifier<GitHub> {
    Verifier::builder(GitHub)
        .secret(Secret::from_text(SECRET))
        .build()
        .unwrap()
}

/// A distinct, valid `ping` body per `n`, and its signature.
fn signed(tag: &str, n: usize) -> (Vec<u8>, String) {
    let body = format!(r#"{{"zen":"{tag} delivery {n}","hook_id":{n}}}"#).into_bytes();
    let signature = github::sign(SECRET.as_bytes(), &body);
    (body, signature)
}

/// A receiver: an axum server on a free loopback port with its own store. Answers its URL and
/// the server task.
async fn receiver(url: &str) -> (String, tokio::task::JoinHandle<()>) {
    let store = PostgresStore::builder(url)
        .timeout(Duration::from_secs(5))
        .connect()
        .await
        .unwrap();
    let app = Router::new().route("/hooks", inbox::axum::post(verifier(), Inbox::new(store)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}/hooks", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (address, server)
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
    signature: &str,
) -> Result<u16, reqwest::Error> {
    let response = client
        .post(url)
        .header(github::SIGNATURE_HEADER, signature)
        .header("X-GitHub-Event", "ping")
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await?;
    Ok(response.status().as_u16())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_receivers_and_two_workers_handle_each_delivery_once() {
    let server = PostgresServer::start();
    let url = server.create_database("fleet").await;
    let admin = Arc::new(server.client("fleet").await);
    admin
        .batch_execute(
            "CREATE TABLE effects (replay_key TEXT NOT NULL, worker TEXT NOT NULL, zen TEXT)",
        )
        .await
        .unwrap();

    let (first, server_a) = receiver(&url).await;
    let (second, server_b) = receiver(&url).await;
    let receivers = [first, second];

    // Two workers, each with its own store; the handler's effect is a row in `effects`.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut workers = Vec::new();
    for name in ["worker-a", "worker-b"] {
        let store = PostgresStore::connect(&url).await.unwrap();
        let effects = Arc::clone(&admin);
        let router = worker::Router::new().on(GitHub, move |job: Job<Event>| {
            let effects = Arc::clone(&effects);
            async move {
                let Event::Ping(ping) = &job.event else {
                    return Err(format!("unexpected event {:?}", job.delivery.event()));
                };
                let zen = ping.zen.as_ref().map(|z| z.to_string());
                effects
                    .execute(
                        "INSERT INTO effects (replay_key, worker, zen) VALUES ($1, $2, $3)",
                        &[&job.delivery.replay_key().unwrap_or_default(), &name, &zen],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(())
            }
        });
        let worker = Worker::builder(Inbox::new(store), router)
            .owner(name)
            .concurrency(8)
            .poll_interval(Duration::from_millis(20))
            .build();
        let mut stopped = stopped.clone();
        workers.push(tokio::spawn(async move {
            worker
                .run(async move {
                    let _ = stopped.wait_for(|s| *s).await;
                })
                .await;
        }));
    }

    // 6,000 requests: 6 concurrent copies of each delivery, spread over both receivers, at
    // most 96 requests in flight.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(96)
        .build()
        .unwrap();
    let limit = Arc::new(tokio::sync::Semaphore::new(96 / COPIES));
    let mut sending = tokio::task::JoinSet::new();
    for n in 0..DELIVERIES {
        let (client, receivers, limit) = (client.clone(), receivers.clone(), Arc::clone(&limit));
        sending.spawn(async move {
            let _permit = limit.acquire_owned().await.unwrap();
            let (body, signature) = signed("fleet", n);
            let mut copies = tokio::task::JoinSet::new();
            for copy in 0..COPIES {
                let (client, url, body, signature) = (
                    client.clone(),
                    receivers[(n + copy) % 2].clone(),
                    body.clone(),
                    signature.clone(),
                );
                copies.spawn(async move { post(&client, &url, body, &signature).await });
            }
            let mut statuses = Vec::new();
            while let Some(joined) = copies.join_next().await {
                statuses.push(joined.unwrap().map_err(|e| e.to_string()));
            }
            statuses
        });
    }
    let mut answers: HashMap<Result<u16, String>, usize> = HashMap::new();
    while let Some(joined) = sending.join_next().await {
        for status in joined.unwrap() {
            *answers.entry(status).or_default() += 1;
        }
    }
    assert_eq!(
        answers,
        HashMap::from([(Ok(200), DELIVERIES * COPIES)]),
        "every request answered 200"
    );

    // One row per delivery in the inbox, whichever receiver stored it.
    let stored: i64 = admin
        .query_one("SELECT count(*) FROM inbox_deliveries", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(stored, DELIVERIES as i64);

    // Wait (bounded) until the workers have handled every delivery.
    let deadline = Instant::now() + Duration::from_secs(120);
    let store = PostgresStore::connect(&url).await.unwrap();
    loop {
        let stats = store.stats().await.unwrap();
        if stats.done == DELIVERIES as u64 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "workers did not finish within 120 s: {stats:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.send(true).unwrap();
    for worker in workers {
        tokio::time::timeout(Duration::from_secs(30), worker)
            .await
            .expect("workers stop")
            .unwrap();
    }
    server_a.abort();
    server_b.abort();

    // Exactly once: one effect row per delivery, keyed like the inbox rows.
    let rows = admin
        .query(
            "SELECT e.replay_key, count(*), count(d.id) FROM effects e \
             LEFT JOIN inbox_deliveries d ON d.replay_key = e.replay_key \
             GROUP BY e.replay_key",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), DELIVERIES, "every delivery had its effect");
    for row in &rows {
        let (key, calls, matched): (&str, i64, i64) = (row.get(0), row.get(1), row.get(2));
        assert_eq!(calls, 1, "{key} handled {calls} times");
        assert_eq!(matched, 1, "{key} is an inbox row");
    }
    let zens: i64 = admin
        .query_one("SELECT count(DISTINCT zen) FROM effects", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(zens, DELIVERIES as i64, "each handler saw its own body");
    let by_worker = admin
        .query("SELECT worker, count(*) FROM effects GROUP BY worker", &[])
        .await
        .unwrap();
    let total: i64 = by_worker.iter().map(|r| r.get::<_, i64>(1)).sum();
    assert_eq!(total, DELIVERIES as i64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_503_and_loses_no_acknowledged_delivery() {
    let server = Arc::new(PostgresServer::start());
    let url = server.create_database("outage").await;
    let (receiver_url, receiver_task) = receiver(&url).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();

    // The sender: distinct deliveries one after another (10 ms apart), noting for each whether
    // the database was down for the whole request.
    let down = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicUsize::new(0));
    let finish = Arc::new(AtomicBool::new(false));
    #[derive(Debug)]
    struct Answer {
        n: usize,
        status: u16,
        while_down: bool,
    }
    let answers = Arc::new(Mutex::new(Vec::<Answer>::new()));
    let sender = {
        let (client, receiver_url, down, sent, finish, answers) = (
            client.clone(),
            receiver_url.clone(),
            Arc::clone(&down),
            Arc::clone(&sent),
            Arc::clone(&finish),
            Arc::clone(&answers),
        );
        tokio::spawn(async move {
            for n in 0..2_000 {
                if finish.load(Ordering::SeqCst) {
                    break;
                }
                let (body, signature) = signed("outage", n);
                let down_before = down.load(Ordering::SeqCst);
                let status = post(&client, &receiver_url, body, &signature)
                    .await
                    .expect("the receiver answers");
                let while_down = down_before && down.load(Ordering::SeqCst);
                answers.lock().unwrap().push(Answer {
                    n,
                    status,
                    while_down,
                });
                sent.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };

    let wait_for = |count: usize| {
        let sent = Arc::clone(&sent);
        async move {
            let deadline = Instant::now() + Duration::from_secs(60);
            while sent.load(Ordering::SeqCst) < count {
                assert!(Instant::now() < deadline, "sender stalled");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    };
    wait_for(30).await;
    {
        let server = Arc::clone(&server);
        tokio::task::spawn_blocking(move || server.stop())
            .await
            .unwrap();
    }
    down.store(true, Ordering::SeqCst);
    let at_stop = sent.load(Ordering::SeqCst);
    wait_for(at_stop + 30).await;
    down.store(false, Ordering::SeqCst);
    {
        let server = Arc::clone(&server);
        tokio::task::spawn_blocking(move || server.restart())
            .await
            .unwrap();
    }
    // Once the receiver stores again, a few more.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ok_after = answers
            .lock()
            .unwrap()
            .iter()
            .skip(at_stop + 30)
            .filter(|a| a.status == 200)
            .count();
        if ok_after >= 20 {
            break;
        }
        assert!(Instant::now() < deadline, "the receiver did not recover");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    finish.store(true, Ordering::SeqCst);
    sender.await.unwrap();

    let answers = std::mem::take(&mut *answers.lock().unwrap());
    assert!(
        answers.iter().all(|a| a.status == 200 || a.status == 503),
        "only 200 or 503: {:?}",
        answers.iter().find(|a| a.status != 200 && a.status != 503)
    );
    let during: Vec<&Answer> = answers.iter().filter(|a| a.while_down).collect();
    eprintln!(
        "outage: {} requests, {} answered 200, {} answered 503, {} sent while down",
        answers.len(),
        answers.iter().filter(|a| a.status == 200).count(),
        answers.iter().filter(|a| a.status == 503).count(),
        during.len()
    );
    assert!(during.len() >= 10, "requests while down: {}", during.len());
    assert!(
        during.iter().all(|a| a.status == 503),
        "a request while the database was down was acknowledged: {:?}",
        during.iter().find(|a| a.status != 503)
    );

    // Every acknowledged delivery is in the store after the restart.
    let admin = server.client("outage").await;
    let bodies: HashSet<Vec<u8>> = admin
        .query("SELECT body FROM inbox_deliveries", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let acknowledged: Vec<&Answer> = answers.iter().filter(|a| a.status == 200).collect();
    assert!(acknowledged.len() >= 50, "{}", acknowledged.len());
    for a in &acknowledged {
        assert!(
            bodies.contains(&signed("outage", a.n).0),
            "delivery {} got 200 but is not stored",
            a.n
        );
    }

    // The sender retries what got 503: now stored (or a duplicate of a row whose commit
    // outlived its connection), so nothing is lost.
    for a in answers.iter().filter(|a| a.status == 503) {
        let (body, signature) = signed("outage", a.n);
        assert_eq!(
            post(&client, &receiver_url, body, &signature)
                .await
                .unwrap(),
            200
        );
    }
    let store = PostgresStore::connect(&url).await.unwrap();
    assert_eq!(store.stats().await.unwrap().pending, answers.len() as u64);
    receiver_task.abort();
}
