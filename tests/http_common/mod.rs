//! The scenario every framework integration must pass over real HTTP on loopback, and the
//! helpers to sign, send and record. Each `tests/*_http.rs` builds the same routes with its
//! framework and calls [`run_suite`].
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use webhook_guard::integrations::{StaticTenants, TenantKey};
use webhook_guard::providers::slack::Slack;
use webhook_guard::providers::square::Square;
use webhook_guard::providers::standard::Standard;
use webhook_guard::providers::twilio::Twilio;
use webhook_guard::public_url::ProxyHeaders;
use webhook_guard::replay::MemoryStore;
use webhook_guard::testing::TestDelivery;
use webhook_guard::{Parse, Sign, TypedEvent, UnixTime, Verifier};

pub const STANDARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
pub const SLACK_SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
pub const ACME_SECRET: &str = "whsec_YWNtZS1zZWNyZXQtYWNtZS1zZWNyZXQt";
pub const GLOBEX_SECRET: &str = "whsec_Z2xvYmV4LXNlY3JldC1nbG9iZXgtc2VjcmV0";
/// The body limit of every verifier in the suite.
pub const LIMIT: usize = 1024;

/// What the handlers saw, and a switch to make the next handler call fail.
#[derive(Clone, Default)]
pub struct Calls {
    seen: Arc<Mutex<Vec<(String, String)>>>,
    fail_next: Arc<AtomicBool>,
}

impl Calls {
    /// Records a handler run; returns `false` when this run must fail (answer 500).
    pub fn record(&self, id: Option<&str>, variant: &str) -> bool {
        self.seen
            .lock()
            .unwrap()
            .push((id.unwrap_or("-").to_owned(), variant.to_owned()));
        !self.fail_next.swap(false, Ordering::SeqCst)
    }

    pub fn fail_next(&self) {
        self.fail_next.store(true, Ordering::SeqCst);
    }

    pub fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    pub fn last(&self) -> (String, String) {
        self.seen.lock().unwrap().last().cloned().unwrap()
    }
}

pub fn now() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

/// The Standard Webhooks verifier of `/standard`: in-memory replay store, 1 KiB limit.
pub fn standard_verifier() -> Verifier<Standard> {
    Verifier::builder(Standard)
        .secret_from_display(STANDARD_SECRET)
        .unwrap()
        .replay_store(MemoryStore::new(1000))
        .max_body_size(LIMIT)
        .build()
        .unwrap()
}

/// The Slack verifier of `/slack` (no replay store).
pub fn slack_verifier() -> Verifier<Slack> {
    Verifier::builder(Slack)
        .secret_from_display(SLACK_SECRET)
        .unwrap()
        .max_body_size(LIMIT)
        .build()
        .unwrap()
}

/// The tenants of `/tenants/{tenant}/hook`.
pub fn tenants() -> StaticTenants<Standard> {
    let tenant = |name: &str, secret: &str| {
        Verifier::builder(Standard)
            .secret_from_display(secret)
            .unwrap()
            .replay_store(MemoryStore::new(100))
            .namespace(name)
            .max_body_size(LIMIT)
            .build()
            .unwrap()
    };
    StaticTenants::new(TenantKey::PathSegment(1))
        .with("acme", tenant("acme", ACME_SECRET))
        .with("globex", tenant("globex", GLOBEX_SECRET))
}

/// The variant name a correct integration hands the handler for `body`.
pub fn expected_variant<P: Parse>(
    verifier: &Verifier<P>,
    headers: &[(String, String)],
    body: &[u8],
) -> String {
    // Only the expected parse is wanted here: the verifier's replay store must not see it.
    let req = webhook_guard::WebhookRequest::new(&headers, body);
    let delivery = webhook_guard::dangerous::verify_ignoring_replay(verifier, &req).unwrap();
    verifier
        .parse(&delivery, body)
        .unwrap()
        .variant_name()
        .into_owned()
}

/// The delivery `provider` sends with `body`, signed with `secret` at `timestamp` (Unix
/// seconds), with delivery id `id` (none when empty), built by the test kit.
pub fn delivery<P: Sign + Clone>(
    provider: &P,
    secret: &str,
    body: &[u8],
    timestamp: i64,
    id: &str,
) -> TestDelivery<P> {
    let delivery = TestDelivery::new(provider.clone(), secret)
        .unwrap()
        .body(body)
        .timestamp(UnixTime::from_secs(timestamp).unwrap());
    match id {
        "" => delivery,
        id => delivery.id(id),
    }
}

/// The headers of [`delivery`]'s request.
pub fn sign<P: Sign + Clone>(
    provider: &P,
    secret: &str,
    body: &[u8],
    timestamp: i64,
    id: &str,
) -> Vec<(String, String)> {
    headers_of(
        &delivery(provider, secret, body, timestamp, id)
            .request()
            .unwrap(),
    )
}

/// A request's headers as name–value pairs, for [`post`].
pub fn headers_of(request: &http::Request<bytes::Bytes>) -> Vec<(String, String)> {
    request
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect()
}

/// Posts a test delivery's request (its headers and body) to `path`.
pub async fn send(base: &str, path: &str, request: &http::Request<bytes::Bytes>) -> Reply {
    post(base, path, &headers_of(request), request.body()).await
}

pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

pub async fn post(base: &str, path: &str, headers: &[(String, String)], body: &[u8]) -> Reply {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut request = client.post(format!("{base}{path}")).body(body.to_vec());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.text().await.unwrap();
    Reply {
        status,
        content_type,
        body,
    }
}

/// Writes `head` then `parts` on a fresh connection (without finishing the body when the parts
/// do not), and reads the response head. Bounded by a 10 s timeout.
pub async fn raw_exchange(addr: SocketAddr, head: &str, parts: &[&[u8]]) -> String {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        for part in parts {
            // The server may already have answered and closed: that is the point.
            if stream.write_all(part).await.is_err() {
                break;
            }
        }
        let mut response = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => response.extend_from_slice(&buf[..n]),
            }
            if response.windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        String::from_utf8_lossy(&response).into_owned()
    };
    tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .expect("the server answered within 10 s")
}

/// What a framework's server must offer for [`run_suite`].
pub struct Server {
    pub addr: SocketAddr,
    pub calls: Calls,
    /// Whether `/no-commit` exists: a replay-store verifier on a route without `ReplayCommit`.
    pub has_no_commit_route: bool,
}

/// The shared scenario. Routes:
/// - `POST /standard`: `VerifiedEvent<Standard>` (replay store, 1 KiB limit), wrapped in
///   `ReplayCommit`; records and answers `handled` (or 500 when told to fail);
/// - `POST /slack`: `Verified<Slack>`; records `raw` and answers `handled`;
/// - `POST /tenants/{tenant}/hook`: `VerifiedEvent<Standard, StaticTenants<Standard>>` from
///   [`tenants`], wrapped in `ReplayCommit`;
/// - `POST /no-commit` (optional): like `/standard` without `ReplayCommit`.
pub async fn run_suite(server: &Server) {
    let base = format!("http://{}", server.addr);
    let calls = &server.calls;
    let verifier = standard_verifier();
    let ts = now();
    let body = br#"{"type":"invoice.paid","data":{"id":"in_1"}}"#;

    // 1. A valid delivery runs the handler once, with the typed event.
    let headers = sign(&Standard, STANDARD_SECRET, body, ts, "msg_valid");
    let reply = post(&base, "/standard", &headers, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 1);
    assert_eq!(
        calls.last(),
        (
            "standard:id:msg_valid".to_owned(),
            expected_variant(&verifier, &headers, body)
        )
    );

    // 2. The same delivery again: 200, handler not run.
    let reply = post(&base, "/standard", &headers, body).await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.starts_with("replayed"), "{}", reply.body);
    assert_eq!(calls.count(), 1);

    // 3. Tampered body: 401, handler not run.
    let tampered = delivery(&Standard, STANDARD_SECRET, body, ts, "msg_tampered").tampered();
    let tampered = tampered.request().unwrap();
    assert_ne!(tampered.body(), &body[..]);
    let reply = send(&base, "/standard", &tampered).await;
    assert_eq!(reply.status, 401);
    assert!(
        reply.body.starts_with("signature_mismatch"),
        "{}",
        reply.body
    );
    assert!(reply.content_type.starts_with("text/plain"));

    // 4. Missing signature: 400.
    let unsigned: Vec<_> = headers_of(&tampered)
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("webhook-signature"))
        .cloned()
        .collect();
    let reply = post(&base, "/standard", &unsigned, body).await;
    assert_eq!(reply.status, 400);
    assert!(reply.body.starts_with("missing_header"), "{}", reply.body);

    // 5. Stale and future timestamps: 401.
    let headers = sign(&Standard, STANDARD_SECRET, body, ts - 3600, "msg_stale");
    let reply = post(&base, "/standard", &headers, body).await;
    assert_eq!(reply.status, 401);
    assert!(
        reply.body.starts_with("timestamp_too_old"),
        "{}",
        reply.body
    );
    let headers = sign(&Standard, STANDARD_SECRET, body, ts + 3600, "msg_future");
    let reply = post(&base, "/standard", &headers, body).await;
    assert_eq!(reply.status, 401);
    assert!(
        reply.body.starts_with("timestamp_in_future"),
        "{}",
        reply.body
    );
    assert_eq!(calls.count(), 1);

    // 6. Signed but not the expected payload: 422, released (the retry gets 422 again, not 200).
    let bad = b"not json";
    let headers = sign(&Standard, STANDARD_SECRET, bad, ts, "msg_bad_payload");
    for _ in 0..2 {
        let reply = post(&base, "/standard", &headers, bad).await;
        assert_eq!(reply.status, 422, "{}", reply.body);
        assert!(reply.body.starts_with("invalid_payload"), "{}", reply.body);
    }
    assert_eq!(calls.count(), 1);

    // 7. A failed handler releases the delivery: the provider's retry is processed, once.
    let headers = sign(&Standard, STANDARD_SECRET, body, ts, "msg_retry");
    calls.fail_next();
    let reply = post(&base, "/standard", &headers, body).await;
    assert_eq!(reply.status, 500);
    assert_eq!(calls.count(), 2);
    let reply = post(&base, "/standard", &headers, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 3);
    let reply = post(&base, "/standard", &headers, body).await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.starts_with("replayed"), "{}", reply.body);
    assert_eq!(calls.count(), 3);

    // 8. Bodies over the limit: 413 without reading them.
    // A declared length of 10 GB with only a few bytes sent: answered at once.
    let head = "POST /standard HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
                Content-Length: 10000000000\r\n\r\n";
    let response = raw_exchange(server.addr, head, &[b"{\"a\":"]).await;
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    // A chunked stream that never ends: cut off once it passes the limit.
    let head = "POST /standard HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
                Transfer-Encoding: chunked\r\n\r\n";
    let chunk = format!("200\r\n{}\r\n", "x".repeat(0x200));
    let parts = vec![chunk.as_bytes(); 2 * LIMIT / 0x200 + 1];
    let response = raw_exchange(server.addr, head, &parts).await;
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert_eq!(calls.count(), 3);

    // 9. Slack's url_verification is answered for the user; other Slack events reach the handler.
    let challenge = br#"{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let headers = sign(&Slack, SLACK_SECRET, challenge, ts, "");
    let reply = post(&base, "/slack", &headers, challenge).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body,
        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    );
    assert!(reply.content_type.starts_with("text/plain"));
    assert_eq!(calls.count(), 3);
    let event = br#"{"type":"event_callback","event":{"type":"app_mention"}}"#;
    let headers = sign(&Slack, SLACK_SECRET, event, ts, "");
    let reply = post(&base, "/slack", &headers, event).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 4);
    assert_eq!(calls.last().1, "raw");
    let headers = sign(&Slack, SLACK_SECRET, challenge, ts, "");
    let reply = post(&base, "/slack", &headers, b"{}").await;
    assert_eq!(reply.status, 401);

    // 10. Tenants: each tenant's own secret; an unknown tenant is 404.
    let headers = sign(&Standard, ACME_SECRET, body, ts, "msg_acme");
    let reply = post(&base, "/tenants/acme/hook", &headers, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 5);
    let reply = post(&base, "/tenants/globex/hook", &headers, body).await;
    assert_eq!(
        reply.status, 401,
        "acme's signature is not valid for globex"
    );
    let reply = post(&base, "/tenants/initech/hook", &headers, body).await;
    assert_eq!(reply.status, 404);
    let reply = post(&base, "/tenants/acme/hook", &headers, body).await;
    assert!(reply.body.starts_with("replayed"), "{}", reply.body);
    assert_eq!(calls.count(), 5);

    // 11. A replay store without `ReplayCommit` is refused loudly, not silently unprotected.
    if server.has_no_commit_route {
        let headers = sign(&Standard, STANDARD_SECRET, body, ts, "msg_no_commit");
        let reply = post(&base, "/no-commit", &headers, body).await;
        assert_eq!(reply.status, 500);
        assert!(reply.body.starts_with("misconfigured"), "{}", reply.body);
        assert_eq!(calls.count(), 5);
    }
}

// ---------------------------------------------------------------------------------------------
// The signed URL (Twilio, Square) and the body read deadline.

pub const TWILIO_TOKEN: &str = "0123456789abcdef0123456789abcdef";
pub const SQUARE_KEY: &str = "Ibxx_5AKakO-3qeNVR61Dw";
/// The public base URL of `/twilio` (and `/nested/twilio` for axum).
pub const PUBLIC_BASE: &str = "https://hooks.example.com";
/// The public base URL of `/square`: a proxy strips the `/api` prefix.
pub const SQUARE_BASE: &str = "https://hooks.example.com/api";
/// The body read deadline of `/slow`.
pub const SLOW_DEADLINE: Duration = Duration::from_millis(200);

/// The verifier of `/twilio`: public URL [`PUBLIC_BASE`].
pub fn twilio_fixed() -> Verifier<Twilio> {
    Verifier::builder(Twilio)
        .secret_from_display(TWILIO_TOKEN)
        .unwrap()
        .public_url(PUBLIC_BASE)
        .build()
        .unwrap()
}

/// The verifier of `/twilio-proxied`: one trusted proxy setting `X-Forwarded-Proto`/`-Host`.
pub fn twilio_proxied() -> Verifier<Twilio> {
    Verifier::builder(Twilio)
        .secret_from_display(TWILIO_TOKEN)
        .unwrap()
        .trust_forwarded_headers(ProxyHeaders::XForwarded, 1)
        .build()
        .unwrap()
}

/// The verifier of `/twilio-unset`: no public URL at all.
pub fn twilio_unset() -> Verifier<Twilio> {
    Verifier::builder(Twilio)
        .secret_from_display(TWILIO_TOKEN)
        .unwrap()
        .build()
        .unwrap()
}

/// The verifier of `/square`: public URL [`SQUARE_BASE`].
pub fn square_fixed() -> Verifier<Square> {
    Verifier::builder(Square)
        .secret_from_display(SQUARE_KEY)
        .unwrap()
        .public_url(SQUARE_BASE)
        .build()
        .unwrap()
}

/// The verifier of `/slow`: Standard Webhooks, no replay store, a [`SLOW_DEADLINE`] body
/// deadline.
pub fn slow_verifier() -> Verifier<Standard> {
    Verifier::builder(Standard)
        .secret_from_display(STANDARD_SECRET)
        .unwrap()
        .max_body_size(LIMIT)
        .body_read_timeout(SLOW_DEADLINE)
        .build()
        .unwrap()
}

pub const TWILIO_FORM: &[u8] = b"CallSid=CA1234567890ABCDE&From=%2B14158675309&To=%2B18005551212";
pub const SQUARE_BODY: &[u8] = br#"{"merchant_id":"M","type":"webhooks.test_notification","event_id":"e1","data":{"type":"webhooks","id":"x"}}"#;

/// The headers Twilio sends for [`TWILIO_FORM`] posted to `url`, plus `extra`.
pub fn twilio_headers(url: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    signed_for_url(&Twilio, TWILIO_TOKEN, TWILIO_FORM, url, extra)
}

/// The headers Square sends for [`SQUARE_BODY`] posted to `url`, plus `extra`.
pub fn square_headers(url: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    signed_for_url(&Square, SQUARE_KEY, SQUARE_BODY, url, extra)
}

fn signed_for_url<P: Sign + Clone>(
    provider: &P,
    secret: &str,
    body: &[u8],
    url: &str,
    extra: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut delivery = TestDelivery::new(provider.clone(), secret)
        .unwrap()
        .body(body)
        .url(url);
    for (name, value) in extra {
        delivery = delivery.header(*name, *value);
    }
    headers_of(&delivery.request().unwrap())
}

/// The signed-URL scenario. Routes, each a `Verified<P>` handler that records `raw` and answers
/// `handled`:
/// - `POST /twilio`: [`twilio_fixed`]; `POST /twilio-proxied`: [`twilio_proxied`];
///   `POST /twilio-unset`: [`twilio_unset`]; `POST /square`: [`square_fixed`].
///
/// Every request comes from 127.0.0.1 with whatever `Host` and forwarding headers it likes: the
/// signed URL must come from configuration (or from the trusted proxy's element), never from
/// them.
pub async fn run_url_suite(server: &Server) {
    let base = format!("http://{}", server.addr);
    let calls = &server.calls;
    let form = TWILIO_FORM;

    // 1. Signed for the configured public URL: accepted, whatever `Host` the client sent.
    let headers = twilio_headers("https://hooks.example.com/twilio", &[]);
    let reply = post(&base, "/twilio", &headers, form).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 1);
    // Twilio's port quirk: the default port written out is the same URL.
    let headers = twilio_headers("https://hooks.example.com:443/twilio", &[]);
    let reply = post(&base, "/twilio", &headers, form).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 2);

    // 2. Signed for another host (the staging receiver, same auth token), with the client
    //    claiming that host in `Host`, `X-Forwarded-Host` or `Forwarded`: refused.
    let staging = "https://staging.example.com/twilio";
    for spoof in [
        &[("Host", "staging.example.com")][..],
        &[
            ("X-Forwarded-Host", "staging.example.com"),
            ("X-Forwarded-Proto", "https"),
        ],
        &[("Forwarded", "proto=https;host=staging.example.com")],
    ] {
        let headers = twilio_headers(staging, spoof);
        let reply = post(&base, "/twilio", &headers, form).await;
        assert_eq!(reply.status, 401, "{spoof:?}: {}", reply.body);
        assert!(
            reply.body.starts_with("signature_mismatch"),
            "{}",
            reply.body
        );
    }
    // Signed for `http://` with a matching `X-Forwarded-Proto`: refused too.
    let headers = twilio_headers(
        "http://hooks.example.com/twilio",
        &[("X-Forwarded-Proto", "http"), ("Host", "hooks.example.com")],
    );
    let reply = post(&base, "/twilio", &headers, form).await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(calls.count(), 2);

    // 3. Square, whose public URL has a path prefix the proxy strips.
    let headers = square_headers("https://hooks.example.com/api/square", &[]);
    let reply = post(&base, "/square", &headers, SQUARE_BODY).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 3);
    let headers = square_headers(
        "https://staging.example.com/square",
        &[("Host", "staging.example.com")],
    );
    let reply = post(&base, "/square", &headers, SQUARE_BODY).await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    let headers = square_headers(&format!("https://{}/square", server.addr), &[]);
    let reply = post(&base, "/square", &headers, SQUARE_BODY).await;
    assert_eq!(reply.status, 401, "the local address is not the public URL");
    assert_eq!(calls.count(), 3);

    // 4. Behind a trusted proxy: the element the proxy appended (the last), never the
    //    client's first.
    let forwarded = [
        ("X-Forwarded-Proto", "http, https"),
        ("X-Forwarded-Host", "staging.example.com, hooks.example.com"),
        ("Host", "internal:8080"),
    ];
    let headers = twilio_headers("https://hooks.example.com/twilio-proxied", &forwarded);
    let reply = post(&base, "/twilio-proxied", &headers, form).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 4);
    for signed_for in [
        "http://staging.example.com/twilio-proxied",
        "https://staging.example.com/twilio-proxied",
        "https://internal:8080/twilio-proxied",
    ] {
        let headers = twilio_headers(signed_for, &forwarded);
        let reply = post(&base, "/twilio-proxied", &headers, form).await;
        assert_eq!(reply.status, 401, "{signed_for}: {}", reply.body);
    }
    // The proxy did not set its headers: refused as misconfigured, `Host` not used instead.
    let headers = twilio_headers(&format!("https://{}/twilio-proxied", server.addr), &[]);
    let reply = post(&base, "/twilio-proxied", &headers, form).await;
    assert_eq!(reply.status, 500);
    assert!(reply.body.starts_with("misconfigured"), "{}", reply.body);
    assert_eq!(calls.count(), 4);

    // 5. No public URL configured: refused as misconfigured, even when signed for exactly the
    //    URL the `Host` header names.
    for url in [
        format!("https://{}/twilio-unset", server.addr),
        format!("http://{}/twilio-unset", server.addr),
    ] {
        let headers = twilio_headers(&url, &[]);
        let reply = post(&base, "/twilio-unset", &headers, form).await;
        assert_eq!(reply.status, 500);
        assert!(reply.body.starts_with("misconfigured"), "{}", reply.body);
    }
    assert_eq!(calls.count(), 4);
}

/// The body deadline scenario. Route `POST /slow`: `Verified<Standard>` from
/// [`slow_verifier`], recording `raw` and answering `handled`.
pub async fn run_slow_body_suite(server: &Server) {
    let base = format!("http://{}", server.addr);
    let calls = &server.calls;
    // A prompt delivery is unaffected.
    let body = br#"{"type":"invoice.paid","data":{"id":"in_1"}}"#;
    let headers = sign(&Standard, STANDARD_SECRET, body, now(), "msg_prompt");
    let reply = post(&base, "/slow", &headers, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 1);

    // Headers and part of the body, then nothing: 408 well before the 10 s bound of
    // `raw_exchange` (never assert tight timings: only that the deadline, not the bound, hit).
    let sent = [
        (
            "POST /slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
             Content-Length: 100\r\n\r\n",
            &b"{\"type\":"[..],
        ),
        (
            "POST /slow HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
             Transfer-Encoding: chunked\r\n\r\n",
            &b"8\r\n{\"type\":\r\n"[..],
        ),
    ];
    for (head, part) in sent {
        let started = Instant::now();
        let response = raw_exchange(server.addr, head, &[part]).await;
        assert!(response.starts_with("HTTP/1.1 408"), "{response}");
        assert!(
            started.elapsed() < Duration::from_secs(8),
            "answered after {:?}",
            started.elapsed()
        );
    }
    assert_eq!(calls.count(), 1);
}
