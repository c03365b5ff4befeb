//! The inbox's axum route over real HTTP on 127.0.0.1: a verified delivery is stored before the
//! 2xx, a copy is a 200 with one row, a forgery is refused and stores nothing, an endpoint check
//! is answered inline, and a store that cannot commit answers 503.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use webhook_guard::inbox::{self, Inbox, ListFilter, SqliteStore, Status};
use webhook_guard::providers::dropbox::Dropbox;
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::providers::slack::{self, Slack};
use webhook_guard::providers::stripe::{self, Stripe};
use webhook_guard::{Secret, Verifier};

const GITHUB_SECRET: &str = "a github webhook secret for tests";
const SLACK_SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
const STRIPE_SECRET: &str = "whsec_test_secret_for_the_inbox_test";
const LIMIT: usize = 4096;

fn temp_db(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "wg-inbox-axum-{}-{name}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("inbox.db")
}

fn now() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

/// Serves the inbox routes on a free loopback port.
async fn serve(inbox: Inbox) -> SocketAddr {
    let github = Verifier::builder(GitHub)
        .secret(Secret::from_text(GITHUB_SECRET))
        .max_body_size(LIMIT)
        .build()
        .unwrap();
    let slack = Verifier::builder(Slack)
        .secret(Secret::from_text(SLACK_SECRET))
        .build()
        .unwrap();
    let stripe = Verifier::builder(Stripe)
        .secret(Secret::from_text(STRIPE_SECRET))
        .namespace("acme")
        .build()
        .unwrap();
    let dropbox = Verifier::builder(Dropbox)
        .secret(Secret::from_text("a dropbox app secret for tests"))
        .build()
        .unwrap();
    let app: Router = Router::new()
        .route("/dropbox", inbox::axum::post(dropbox, inbox.clone()))
        .route("/github", inbox::axum::post(github, inbox.clone()))
        .route("/slack", inbox::axum::post(slack, inbox.clone()))
        .route("/stripe", inbox::axum::post(stripe, inbox));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

async fn post(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> (u16, String) {
    let mut request = client()
        .post(format!("http://{addr}{path}"))
        .body(body.to_vec());
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

fn github_headers(body: &[u8]) -> Vec<(&'static str, String)> {
    vec![
        (
            github::SIGNATURE_HEADER,
            github::sign(GITHUB_SECRET.as_bytes(), body),
        ),
        ("X-GitHub-Event", "ping".to_owned()),
        (
            "X-GitHub-Delivery",
            "72d3162e-cc78-11e3-81ab-4c9367dc0958".to_owned(),
        ),
        ("Content-Type", "application/json".to_owned()),
        ("User-Agent", "GitHub-Hookshot/044aadd".to_owned()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verified_deliveries_are_stored_once_and_forgeries_never() {
    let inbox = Inbox::new(SqliteStore::open(temp_db("main")).unwrap());
    let addr = serve(inbox.clone()).await;
    let body = br#"{"zen":"Design for failure.","hook_id":1}"#;

    let (status, text) = post(addr, "/github", &github_headers(body), body).await;
    assert_eq!((status, text.as_str()), (200, "stored"));
    let rows = inbox.store().list(&ListFilter::default()).await.unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.provider, "github");
    assert_eq!(row.status, Status::Pending);
    assert_eq!(row.event.as_deref(), Some("ping"));
    assert!(!row.event_signed);
    assert_eq!(
        row.unsigned_id.as_deref(),
        Some("72d3162e-cc78-11e3-81ab-4c9367dc0958")
    );
    assert_eq!(row.body, body, "the exact bytes received");
    assert!(
        row.replay_key.starts_with("github:sha256:"),
        "{}",
        row.replay_key
    );
    // The headers the scheme read, plus content-type; not the ones it ignores.
    assert_eq!(
        row.header("x-hub-signature-256"),
        Some(github::sign(GITHUB_SECRET.as_bytes(), body).as_str())
    );
    assert_eq!(row.header("x-github-event"), Some("ping"));
    assert_eq!(row.header("content-type"), Some("application/json"));
    assert_eq!(row.header("user-agent"), None);

    // The sender's retry: 200, and still one row.
    let (status, text) = post(addr, "/github", &github_headers(body), body).await;
    assert_eq!((status, text.as_str()), (200, "duplicate"));
    assert_eq!(inbox.store().stats().await.unwrap().pending, 1);

    // Tampered body, missing signature, oversized body: refused, nothing stored.
    let tampered = br#"{"zen":"Design for failure!","hook_id":1}"#;
    let (status, text) = post(addr, "/github", &github_headers(body), tampered).await;
    assert_eq!(status, 401, "{text}");
    assert!(text.starts_with("signature_mismatch"), "{text}");
    let unsigned: Vec<_> = github_headers(body).into_iter().skip(1).collect();
    let (status, _) = post(addr, "/github", &unsigned, body).await;
    assert_eq!(status, 400);
    let big = vec![b' '; LIMIT + 1];
    let (status, _) = post(addr, "/github", &github_headers(&big), &big).await;
    assert_eq!(status, 413);
    assert_eq!(inbox.store().stats().await.unwrap().pending, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_replay_key_is_the_crates_so_re_signed_retries_are_duplicates() {
    let inbox = Inbox::new(SqliteStore::open(temp_db("stripe")).unwrap());
    let addr = serve(inbox.clone()).await;
    let body = br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"invoice.paid"}"#;
    // Stripe re-signs each retry with a new timestamp: another signature, the same event id.
    for (offset, expected) in [(0, "stored"), (-7, "duplicate")] {
        let ts = now() + offset;
        let headers = [(
            stripe::SIGNATURE_HEADER,
            stripe::sign(STRIPE_SECRET.as_bytes(), ts, body),
        )];
        let (status, text) = post(addr, "/stripe", &headers, body).await;
        assert_eq!((status, text.as_str()), (200, expected));
    }
    let rows = inbox.store().list(&ListFilter::default()).await.unwrap();
    assert_eq!(rows.len(), 1);
    // The key `Verifier::replay_key` derives: namespace, provider, the signed body id.
    assert_eq!(
        rows[0].replay_key,
        "acme:stripe:id:evt_1NG8Du2eZvKYlo2CUI79vXWy"
    );
    assert_eq!(rows[0].tenant.as_deref(), Some("acme"));
    assert_eq!(
        rows[0].signed_id.as_deref(),
        Some("evt_1NG8Du2eZvKYlo2CUI79vXWy")
    );
    assert!(rows[0].signed_at.is_some());
    // A stale signature is refused like everywhere else.
    let headers = [(
        stripe::SIGNATURE_HEADER,
        stripe::sign(
            STRIPE_SECRET.as_bytes(),
            now() - 3600,
            b"{\"id\":\"evt_2\"}",
        ),
    )];
    let (status, text) = post(addr, "/stripe", &headers, b"{\"id\":\"evt_2\"}").await;
    assert_eq!(status, 401);
    assert!(text.starts_with("timestamp_too_old"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_checks_are_answered_inline_and_not_stored() {
    let inbox = Inbox::new(SqliteStore::open(temp_db("slack")).unwrap());
    let addr = serve(inbox.clone()).await;
    let body = br#"{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let ts = now();
    let headers = [
        (
            slack::SIGNATURE_HEADER,
            slack::sign(SLACK_SECRET.as_bytes(), ts, body),
        ),
        (slack::TIMESTAMP_HEADER, ts.to_string()),
    ];
    let (status, text) = post(addr, "/slack", &headers, body).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    );
    assert_eq!(inbox.store().stats().await.unwrap().pending, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsigned_get_challenges_are_answered_and_not_stored() {
    let inbox = Inbox::new(SqliteStore::open(temp_db("dropbox")).unwrap());
    let addr = serve(inbox.clone()).await;
    let response = client()
        .get(format!("http://{addr}/dropbox?challenge=8HW5tUdyQ3bqVr"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.text().await.unwrap(), "8HW5tUdyQ3bqVr");
    // A GET that is no endpoint check is verified like any delivery: refused.
    let response = client()
        .get(format!("http://{addr}/dropbox"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(inbox.store().stats().await.unwrap().pending, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_cannot_commit_answers_503_and_the_retry_is_stored() {
    let path = temp_db("outage");
    let store = SqliteStore::builder(&path)
        .busy_timeout(Duration::from_millis(100))
        .open()
        .unwrap();
    let inbox = Inbox::new(store);
    let addr = serve(inbox.clone()).await;
    let body = br#"{"zen":"Keep it logically awesome.","hook_id":2}"#;

    let lock = rusqlite::Connection::open(&path).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (status, text) = post(addr, "/github", &github_headers(body), body).await;
    assert_eq!((status, text.as_str()), (503, "replay_store_unavailable"));
    lock.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        inbox.store().stats().await.unwrap().pending,
        0,
        "nothing half-stored"
    );

    // The sender retries once the store is back: stored, once.
    let (status, text) = post(addr, "/github", &github_headers(body), body).await;
    assert_eq!((status, text.as_str()), (200, "stored"));
    let (status, text) = post(addr, "/github", &github_headers(body), body).await;
    assert_eq!((status, text.as_str()), (200, "duplicate"));
    assert_eq!(inbox.store().stats().await.unwrap().pending, 1);
}
