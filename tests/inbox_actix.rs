//! The inbox's actix-web route over real HTTP on 127.0.0.1: a verified delivery is stored before
//! the 2xx, a copy is a 200 with one row (also when an attacker re-sends a captured request with
//! the headers the scheme does not sign changed), a forgery is refused and stores nothing, an
//! endpoint check is answered inline, limits and deadlines answer 413 and 408, and a store that
//! cannot commit answers 503.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::dev::ServerHandle;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use webhook_guard::inbox::{self, Inbox, ListFilter, SqliteStore, Status, StoredDelivery};
use webhook_guard::integrations::{StaticTenants, TenantKey};
use webhook_guard::providers::dropbox::Dropbox;
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::providers::slack::{self, Slack};
use webhook_guard::providers::stripe::{self, Stripe};
use webhook_guard::providers::twilio::Twilio;
use webhook_guard::{Secret, Verifier};

const GITHUB_SECRET: &str = "a github webhook secret for tests";
const ACME_SECRET: &str = "the acme tenant's github secret";
const GLOBEX_SECRET: &str = "the globex tenant's github secret";
const SLACK_SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
const STRIPE_SECRET: &str = "whsec_test_secret_for_the_inbox_test";
const LIMIT: usize = 4096;
/// The body read deadline of the `/github-slow` route.
const READ_DEADLINE: Duration = Duration::from_millis(300);
/// No test may run longer than this.
const TEST_BOUND: Duration = Duration::from_secs(60);

/// `test` within [`TEST_BOUND`].
async fn bounded<F: Future<Output = ()>>(test: F) {
    tokio::time::timeout(TEST_BOUND, test)
        .await
        .expect("the test finished within its bound");
}

/// A temporary directory with the database, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "wg-inbox-actix-{}-{name}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn db(&self) -> PathBuf {
        self.0.join("inbox.db")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running server; stopped on drop (also when a test fails).
struct Server {
    addr: SocketAddr,
    handle: ServerHandle,
}

impl Drop for Server {
    fn drop(&mut self) {
        // The stop command is sent now; the returned future only waits for it.
        drop(self.handle.stop(false));
    }
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

fn github_verifier(secret: &str) -> Verifier<GitHub> {
    Verifier::builder(GitHub)
        .secret(Secret::from_text(secret))
        .max_body_size(LIMIT)
        .build()
        .unwrap()
}

/// A handler of your own around [`inbox::actix::receive`].
async fn custom(
    request: HttpRequest,
    payload: web::Payload,
    verifier: web::Data<Verifier<GitHub>>,
    inbox: web::Data<Inbox>,
) -> HttpResponse {
    inbox::actix::receive(verifier.get_ref(), &inbox, &request, payload).await
}

/// Serves the inbox routes on a free loopback port.
fn serve(inbox: Inbox) -> Server {
    let github = github_verifier(GITHUB_SECRET);
    let slow = Verifier::builder(GitHub)
        .secret(Secret::from_text(GITHUB_SECRET))
        .body_read_timeout(READ_DEADLINE)
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
    // Twilio signs the URL: without a configured public URL the receiver is misconfigured.
    let twilio = Verifier::builder(Twilio)
        .secret(Secret::from_text("0123456789abcdef0123456789abcdef"))
        .build()
        .unwrap();
    let tenant = |name: &str, secret: &str| {
        Verifier::builder(GitHub)
            .secret(Secret::from_text(secret))
            .namespace(name)
            .build()
            .unwrap()
    };
    let tenants = StaticTenants::new(TenantKey::PathSegment(1))
        .with("acme", tenant("acme", ACME_SECRET))
        .with("globex", tenant("globex", GLOBEX_SECRET));
    let custom_verifier = web::Data::new(github.clone());
    let custom_inbox = web::Data::new(inbox.clone());

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(move || {
        App::new()
            .route(
                "/dropbox",
                inbox::actix::post(dropbox.clone(), inbox.clone()),
            )
            .route("/github", inbox::actix::post(github.clone(), inbox.clone()))
            .route(
                "/github-slow",
                inbox::actix::post(slow.clone(), inbox.clone()),
            )
            .route("/slack", inbox::actix::post(slack.clone(), inbox.clone()))
            .route("/twilio", inbox::actix::post(twilio.clone(), inbox.clone()))
            .route("/stripe", inbox::actix::post(stripe.clone(), inbox.clone()))
            .service(web::scope("/tenants").route(
                "/{tenant}/github",
                inbox::actix::post_resolved(tenants.clone(), inbox.clone()),
            ))
            .service(
                web::resource("/resource/dropbox")
                    .route(inbox::actix::post(dropbox.clone(), inbox.clone())),
            )
            .service(
                web::resource("/custom")
                    .app_data(custom_verifier.clone())
                    .app_data(custom_inbox.clone())
                    .route(web::post().to(custom)),
            )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    Server { addr, handle }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

async fn send(
    method: reqwest::Method,
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Reply {
    let mut request = client()
        .request(method, format!("http://{addr}{path}"))
        .body(body.to_vec());
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.text().await.unwrap();
    Reply {
        status,
        content_type,
        body,
    }
}

async fn post(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> (u16, String) {
    let reply = send(reqwest::Method::POST, addr, path, headers, body).await;
    (reply.status, reply.body)
}

const DELIVERY: &str = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

/// Request headers: name, value.
type Headers = Vec<(&'static str, String)>;

fn github_headers(secret: &str, body: &[u8]) -> Headers {
    vec![
        (
            github::SIGNATURE_HEADER,
            github::sign(secret.as_bytes(), body),
        ),
        (github::EVENT_HEADER, "ping".to_owned()),
        (github::DELIVERY_HEADER, DELIVERY.to_owned()),
        ("Content-Type", "application/json".to_owned()),
        ("User-Agent", "GitHub-Hookshot/044aadd".to_owned()),
    ]
}

async fn rows(inbox: &Inbox) -> Vec<StoredDelivery> {
    inbox.store().list(&ListFilter::default()).await.unwrap()
}

#[actix_web::test]
async fn verified_deliveries_are_stored_once_and_forgeries_never() {
    bounded(async {
        let dir = TempDir::new("main");
        let inbox = Inbox::new(SqliteStore::open(dir.db()).unwrap());
        let server = serve(inbox.clone());
        let addr = server.addr;
        // Bytes a re-serialiser would change: spacing, key order, escapes, a trailing newline.
        let body = b"{ \"zen\":\"Design for failure.\",  \"hook_id\":1, \"s\":\"\\u00e9\"}\n";

        let reply = send(
            reqwest::Method::POST,
            addr,
            "/github",
            &github_headers(GITHUB_SECRET, body),
            body,
        )
        .await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "stored"));
        assert_eq!(reply.content_type, "text/plain; charset=utf-8");
        let stored = rows(&inbox).await;
        assert_eq!(stored.len(), 1);
        let row = &stored[0];
        assert_eq!(row.provider, "github");
        assert_eq!(row.status, Status::Pending);
        assert_eq!(row.tenant, None);
        assert_eq!(row.event.as_deref(), Some("ping"));
        assert!(!row.event_signed);
        assert_eq!(row.unsigned_id.as_deref(), Some(DELIVERY));
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
        let (status, text) =
            post(addr, "/github", &github_headers(GITHUB_SECRET, body), body).await;
        assert_eq!((status, text.as_str()), (200, "duplicate"));
        // The same delivery through a handler of one's own: the same row.
        let (status, text) =
            post(addr, "/custom", &github_headers(GITHUB_SECRET, body), body).await;
        assert_eq!((status, text.as_str()), (200, "duplicate"));
        assert_eq!(rows(&inbox).await.len(), 1);

        // Forged with another secret, tampered body, missing signature: refused, nothing stored.
        let other = br#"{"zen":"Forged.","hook_id":9}"#;
        let (status, text) = post(
            addr,
            "/github",
            &github_headers("not the secret", other),
            other,
        )
        .await;
        assert_eq!(status, 401, "{text}");
        assert!(text.starts_with("signature_mismatch"), "{text}");
        let tampered = b"{ \"zen\":\"Design for failure!\",  \"hook_id\":1, \"s\":\"\\u00e9\"}\n";
        let (status, text) = post(
            addr,
            "/github",
            &github_headers(GITHUB_SECRET, body),
            tampered,
        )
        .await;
        assert_eq!(status, 401, "{text}");
        assert!(text.starts_with("signature_mismatch"), "{text}");
        let unsigned: Vec<_> = github_headers(GITHUB_SECRET, body)
            .into_iter()
            .skip(1)
            .collect();
        let (status, text) = post(addr, "/github", &unsigned, body).await;
        assert_eq!(status, 400, "{text}");
        assert!(text.starts_with("missing_header"), "{text}");
        // A correctly signed body over the limit: refused before it is read.
        let big = vec![b' '; LIMIT + 1];
        let (status, text) =
            post(addr, "/github", &github_headers(GITHUB_SECRET, &big), &big).await;
        assert_eq!(status, 413, "{text}");
        assert!(text.starts_with("body_too_large"), "{text}");
        // Through one's own handler too.
        let (status, _) = post(
            addr,
            "/custom",
            &github_headers("not the secret", other),
            other,
        )
        .await;
        assert_eq!(status, 401);

        // A provider that signs the URL, without a public URL to build it from: 500, never
        // the client's `Host` header.
        let (status, text) = post(
            addr,
            "/twilio",
            &[("X-Twilio-Signature", "AAAA".to_owned())],
            b"Body=hi",
        )
        .await;
        assert_eq!(status, 500, "{text}");
        assert!(text.starts_with("misconfigured"), "{text}");

        let stats = inbox.store().stats().await.unwrap();
        assert_eq!(
            (stats.pending, stats.in_flight, stats.done, stats.dead),
            (1, 0, 0, 0)
        );
    })
    .await;
}

/// An attacker holding one captured request can change everything the scheme does not sign:
/// none of it makes a second row.
#[actix_web::test]
async fn a_captured_request_with_unsigned_parts_changed_is_the_same_delivery() {
    bounded(async {
        let dir = TempDir::new("capture");
        let inbox = Inbox::new(SqliteStore::open(dir.db()).unwrap());
        let server = serve(inbox.clone());
        let addr = server.addr;
        let body = br#"{"zen":"Avoid administrative distraction.","hook_id":3}"#;
        let captured = github_headers(GITHUB_SECRET, body);
        let (status, text) = post(addr, "/github", &captured, body).await;
        assert_eq!((status, text.as_str()), (200, "stored"));
        let original = rows(&inbox).await;
        assert_eq!(original.len(), 1);

        let with = |name: &'static str, value: &str| {
            let mut headers: Vec<_> = captured
                .iter()
                .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
                .cloned()
                .collect();
            headers.push((name, value.to_owned()));
            headers
        };
        let mut added = captured.clone();
        added.extend([
            ("X-Forwarded-For", "203.0.113.7".to_owned()),
            ("X-Request-Id", "a-fresh-request-id".to_owned()),
            (github::DELIVERY_HEADER, "a-second-delivery-id".to_owned()),
            (github::EVENT_HEADER, "push".to_owned()),
        ]);
        let signature = github::sign(GITHUB_SECRET.as_bytes(), body);
        let upper = format!(
            "sha256={}",
            &signature["sha256=".len()..].to_ascii_uppercase()
        );
        let variants: Vec<(&str, Headers, &str)> = vec![
            (
                "another delivery id",
                with(
                    github::DELIVERY_HEADER,
                    "00000000-0000-0000-0000-000000000000",
                ),
                "/github",
            ),
            (
                "another event name",
                with(github::EVENT_HEADER, "push"),
                "/github",
            ),
            ("no event header", with(github::EVENT_HEADER, ""), "/github"),
            (
                "another content type",
                with("Content-Type", "text/plain"),
                "/github",
            ),
            (
                "another user agent",
                with("User-Agent", "curl/8.0"),
                "/github",
            ),
            ("headers added and repeated", added, "/github"),
            ("a query string", captured.clone(), "/github?retry=1&x=%00"),
            (
                "a padded signature header",
                with(github::SIGNATURE_HEADER, &format!("  {signature}  ")),
                "/github",
            ),
            ("one's own handler", captured.clone(), "/custom"),
        ];
        for (what, headers, path) in &variants {
            let (status, text) = post(addr, path, headers, body).await;
            assert_eq!((status, text.as_str()), (200, "duplicate"), "{what}");
        }
        // The signature re-encoded: refused (or, were it accepted, the same delivery); never a
        // second row.
        let (status, text) = post(
            addr,
            "/github",
            &with(github::SIGNATURE_HEADER, &upper),
            body,
        )
        .await;
        assert_ne!(text, "stored");
        assert!(
            (status, text.as_str()) == (200, "duplicate") || (400..500).contains(&status),
            "{status} {text}"
        );
        // As a GET, with the body: the method is not signed either.
        let reply = send(reqwest::Method::GET, addr, "/github", &captured, body).await;
        assert_eq!((reply.status, reply.body.as_str()), (200, "duplicate"));
        // What was stored is the first copy, untouched.
        assert_eq!(rows(&inbox).await, original);

        // Stripe signs a timestamp and lists signatures: a copy with an extra (bogus) signature
        // listed, or re-signed by Stripe at another time, is the same event.
        let body =
            br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"invoice.paid"}"#;
        let ts = now();
        let signed = stripe::sign(STRIPE_SECRET.as_bytes(), ts, body);
        let headers = [(stripe::SIGNATURE_HEADER, signed.clone())];
        let (status, text) = post(addr, "/stripe", &headers, body).await;
        assert_eq!((status, text.as_str()), (200, "stored"));
        let v1 = signed.split(',').find(|p| p.starts_with("v1=")).unwrap();
        let bogus = format!("v1={}", "0".repeat(64));
        for header in [
            format!("t={ts},{bogus},{v1}"),
            format!("{v1},t={ts},v0=abc"),
            stripe::sign(STRIPE_SECRET.as_bytes(), ts - 7, body),
        ] {
            let headers = [(stripe::SIGNATURE_HEADER, header.clone())];
            let (status, text) = post(addr, "/stripe", &headers, body).await;
            assert_eq!((status, text.as_str()), (200, "duplicate"), "{header}");
        }
        let stripe_rows: Vec<_> = rows(&inbox)
            .await
            .into_iter()
            .filter(|r| r.provider == "stripe")
            .collect();
        assert_eq!(stripe_rows.len(), 1);
        assert_eq!(
            stripe_rows[0].replay_key,
            "acme:stripe:id:evt_1NG8Du2eZvKYlo2CUI79vXWy"
        );
        assert_eq!(stripe_rows[0].tenant.as_deref(), Some("acme"));

        // Slack marks its retries with unsigned headers: the same event.
        let body =
            br#"{"type":"event_callback","event_id":"Ev0PV52K25","event":{"type":"app_mention"}}"#;
        let ts = now();
        let mut headers = vec![
            (
                slack::SIGNATURE_HEADER,
                slack::sign(SLACK_SECRET.as_bytes(), ts, body),
            ),
            (slack::TIMESTAMP_HEADER, ts.to_string()),
        ];
        let (status, text) = post(addr, "/slack", &headers, body).await;
        assert_eq!((status, text.as_str()), (200, "stored"));
        headers.push(("X-Slack-Retry-Num", "1".to_owned()));
        headers.push(("X-Slack-Retry-Reason", "http_timeout".to_owned()));
        let (status, text) = post(addr, "/slack", &headers, body).await;
        assert_eq!((status, text.as_str()), (200, "duplicate"));
        assert_eq!(
            rows(&inbox).await.len(),
            3,
            "github, stripe, slack: one row each"
        );
    })
    .await;
}

#[actix_web::test]
async fn tenants_keep_their_secrets_and_keys_apart() {
    bounded(async {
        let dir = TempDir::new("tenants");
        let inbox = Inbox::new(SqliteStore::open(dir.db()).unwrap());
        let server = serve(inbox.clone());
        let addr = server.addr;
        let body = br#"{"zen":"Half measures are as bad as nothing at all.","hook_id":4}"#;

        let (status, text) = post(
            addr,
            "/tenants/acme/github",
            &github_headers(ACME_SECRET, body),
            body,
        )
        .await;
        assert_eq!((status, text.as_str()), (200, "stored"));
        // Acme's delivery replayed against another tenant: its secret does not match.
        let (status, text) = post(
            addr,
            "/tenants/globex/github",
            &github_headers(ACME_SECRET, body),
            body,
        )
        .await;
        assert_eq!(status, 401, "{text}");
        // The same bytes really sent by globex: its own row under its own key.
        let (status, text) = post(
            addr,
            "/tenants/globex/github",
            &github_headers(GLOBEX_SECRET, body),
            body,
        )
        .await;
        assert_eq!((status, text.as_str()), (200, "stored"));
        let (status, text) = post(
            addr,
            "/tenants/globex/github",
            &github_headers(GLOBEX_SECRET, body),
            body,
        )
        .await;
        assert_eq!((status, text.as_str()), (200, "duplicate"));
        let (status, text) = post(
            addr,
            "/tenants/initech/github",
            &github_headers(ACME_SECRET, body),
            body,
        )
        .await;
        assert_eq!((status, text.as_str()), (404, "unknown_tenant"));

        let mut stored = rows(&inbox).await;
        stored.sort_by_key(|r| r.id);
        let tenants: Vec<_> = stored.iter().map(|r| r.tenant.as_deref()).collect();
        assert_eq!(tenants, [Some("acme"), Some("globex")]);
        assert!(
            stored[0].replay_key.starts_with("acme:github:"),
            "{}",
            stored[0].replay_key
        );
        assert!(
            stored[1].replay_key.starts_with("globex:github:"),
            "{}",
            stored[1].replay_key
        );
    })
    .await;
}

#[actix_web::test]
async fn endpoint_checks_are_answered_inline_and_not_stored() {
    bounded(async {
        let dir = TempDir::new("checks");
        let inbox = Inbox::new(SqliteStore::open(dir.db()).unwrap());
        let server = serve(inbox.clone());
        let addr = server.addr;
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
        // An unsigned url_verification is refused like any forgery.
        let (status, _) = post(addr, "/slack", &headers[1..], body).await;
        assert_eq!(status, 400);

        let response = client()
            .get(format!("http://{addr}/dropbox?challenge=8HW5tUdyQ3bqVr"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(
            response
                .headers()
                .get("x-content-type-options")
                .map(|v| v.as_bytes()),
            Some(&b"nosniff"[..])
        );
        assert_eq!(response.text().await.unwrap(), "8HW5tUdyQ3bqVr");
        // A GET that is no endpoint check is verified like any delivery: refused.
        let response = client()
            .get(format!("http://{addr}/dropbox"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400);
        // Other methods are not routed: `App::route` makes the method part of the match (404),
        // a resource answers 405.
        for (path, expected) in [("/dropbox", 404), ("/resource/dropbox", 405)] {
            let response = client()
                .put(format!("http://{addr}{path}?challenge=8HW5tUdyQ3bqVr"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), expected, "{path}");
        }
        // Mounted on a resource, it answers the same.
        let response = client()
            .get(format!("http://{addr}/resource/dropbox?challenge=8HW5tUdyQ3bqVr"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.text().await.unwrap(), "8HW5tUdyQ3bqVr");
        assert!(rows(&inbox).await.is_empty());
    })
    .await;
}

/// Writes `request` on a fresh connection, then reads the answer until the server closes the
/// connection or `wait` passes.
async fn raw(addr: SocketAddr, request: &[u8], wait: Duration) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(wait, stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[actix_web::test]
async fn bodies_over_the_limit_or_too_slow_are_refused_while_reading() {
    bounded(async {
        let dir = TempDir::new("limits");
        let inbox = Inbox::new(SqliteStore::open(dir.db()).unwrap());
        let server = serve(inbox.clone());
        let addr = server.addr;

        // A chunked body, no declared length: cut off once it passes the limit.
        let big = vec![b'a'; LIMIT + 1];
        let mut request = format!(
            "POST /github HTTP/1.1\r\nHost: 127.0.0.1\r\n{}: {}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
            github::SIGNATURE_HEADER,
            github::sign(GITHUB_SECRET.as_bytes(), &big),
        )
        .into_bytes();
        for chunk in big.chunks(1024) {
            request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            request.extend_from_slice(chunk);
            request.extend_from_slice(b"\r\n");
        }
        request.extend_from_slice(b"0\r\n\r\n");
        let answer = raw(addr, &request, Duration::from_secs(20)).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
        assert!(answer.contains("body_too_large"), "{answer}");

        // A body that stops arriving: 408 once the verifier's read deadline passes.
        let body = br#"{"zen":"Slow.","hook_id":5}"#;
        let head = format!(
            "POST /github-slow HTTP/1.1\r\nHost: 127.0.0.1\r\n{}: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            github::SIGNATURE_HEADER,
            github::sign(GITHUB_SECRET.as_bytes(), body),
            body.len(),
        );
        let mut partial = head.into_bytes();
        partial.extend_from_slice(&body[..10]);
        let answer = raw(addr, &partial, Duration::from_secs(20)).await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("body_read_timeout"), "{answer}");

        // The same delivery sent whole on the same route: stored.
        let (status, text) = post(addr, "/github-slow", &github_headers(GITHUB_SECRET, body), body).await;
        assert_eq!((status, text.as_str()), (200, "stored"));
        assert_eq!(rows(&inbox).await.len(), 1);
    })
    .await;
}

#[actix_web::test]
async fn a_store_that_cannot_commit_answers_503_and_the_retry_is_stored() {
    bounded(async {
        let dir = TempDir::new("outage");
        let store = SqliteStore::builder(dir.db())
            .busy_timeout(Duration::from_millis(100))
            .open()
            .unwrap();
        let inbox = Inbox::new(store);
        let server = serve(inbox.clone());
        let addr = server.addr;
        let body = br#"{"zen":"Keep it logically awesome.","hook_id":2}"#;

        // Another writer holds the database's write lock past the store's busy timeout.
        let lock = rusqlite::Connection::open(dir.db()).unwrap();
        lock.execute_batch("BEGIN IMMEDIATE").unwrap();
        let (status, text) =
            post(addr, "/github", &github_headers(GITHUB_SECRET, body), body).await;
        assert_eq!((status, text.as_str()), (503, "replay_store_unavailable"));
        lock.execute_batch("ROLLBACK").unwrap();
        assert!(rows(&inbox).await.is_empty(), "nothing half-stored");

        // The sender retries once the store is back: stored, once.
        let (status, text) =
            post(addr, "/github", &github_headers(GITHUB_SECRET, body), body).await;
        assert_eq!((status, text.as_str()), (200, "stored"));
        let (status, text) =
            post(addr, "/github", &github_headers(GITHUB_SECRET, body), body).await;
        assert_eq!((status, text.as_str()), (200, "duplicate"));
        let stored = rows(&inbox).await;
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].body, body);
    })
    .await;
}
