//! What someone holding one captured, validly signed request — and no secret — can try against
//! a receiver built as the README shows, over real HTTP on loopback. Each `tests/attacks_*.rs`
//! builds the same routes with its framework and calls [`run_attack_suite`].
//!
//! Routes (all with an in-memory replay store and `ReplayCommit` / `WebhookLayer`):
//! - `POST /github`: `VerifiedEvent<GitHub>`;
//! - `POST /shopify`: `VerifiedEvent<Shopify>`;
//! - `POST /stripe`: `Verified<Stripe>`;
//! - `POST /twitch`: `VerifiedEvent<Twitch>`;
//! - `POST /pagerduty`: `Verified<PagerDuty>` with two secrets (a rotation).
//!
//! Every handler records `(replay key, variant)` in [`Calls`] *first*, then behaves as the
//! test-only `x-test-mode` header says ([`behave`]): `slow` sleeps 3 s (so the test can close
//! the connection mid-handler), `panic` panics.
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::http_common::{self, now, Reply};
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::providers::pagerduty::PagerDuty;
use webhook_guard::providers::shopify::Shopify;
use webhook_guard::providers::stripe::{self, Stripe};
use webhook_guard::providers::twitch::Twitch;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{Provider, Secret, Sign, SignInput, UnixTime, Verifier};

pub const GITHUB_SECRET: &str = "github-attack-suite-secret-0001";
pub const SHOPIFY_SECRET: &str = "shopify-attack-suite-secret-0001";
pub const STRIPE_SECRET: &str = "whsec_stripe_attack_suite_secret_0001";
pub const TWITCH_SECRET: &str = "twitch-attack-suite-secret-0001";
pub const PAGERDUTY_SECRETS: [&str; 2] = [
    "pagerduty-attack-suite-old-secret",
    "pagerduty-attack-suite-new-secret",
];

/// What the handlers saw, in order: `(route, replay key, variant)`.
#[derive(Clone, Default)]
pub struct Calls {
    seen: Arc<Mutex<Vec<(String, String, String)>>>,
}

impl Calls {
    pub fn record(&self, route: &str, key: Option<&str>, variant: &str) {
        self.seen.lock().unwrap().push((
            route.to_owned(),
            key.unwrap_or("-").to_owned(),
            variant.to_owned(),
        ));
    }

    pub fn count(&self, route: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(r, _, _)| r == route)
            .count()
    }

    pub fn last(&self, route: &str) -> (String, String) {
        let seen = self.seen.lock().unwrap();
        let (_, key, variant) = seen.iter().rev().find(|(r, _, _)| r == route).unwrap();
        (key.clone(), variant.clone())
    }
}

/// Test-only handler behaviour from the `x-test-mode` header.
pub async fn behave(mode: Option<&str>) {
    match mode {
        Some("slow") => tokio::time::sleep(Duration::from_secs(3)).await,
        Some("panic") => panic!("handler panicked (attack suite)"),
        _ => {}
    }
}

fn store() -> MemoryStore {
    MemoryStore::new(1000)
}

pub fn github_verifier() -> Verifier<GitHub> {
    Verifier::builder(GitHub)
        .secret(Secret::from_text(GITHUB_SECRET))
        .replay_store(store())
        .build()
        .unwrap()
}

pub fn shopify_verifier() -> Verifier<Shopify> {
    Verifier::builder(Shopify)
        .secret(Secret::from_text(SHOPIFY_SECRET))
        .replay_store(store())
        .build()
        .unwrap()
}

pub fn stripe_verifier() -> Verifier<Stripe> {
    Verifier::builder(Stripe)
        .secret_from_display(STRIPE_SECRET)
        .unwrap()
        .replay_store(store())
        .build()
        .unwrap()
}

pub fn twitch_verifier() -> Verifier<Twitch> {
    Verifier::builder(Twitch)
        .secret(Secret::from_text(TWITCH_SECRET))
        .replay_store(store())
        .build()
        .unwrap()
}

pub fn pagerduty_verifier() -> Verifier<PagerDuty> {
    Verifier::builder(PagerDuty)
        .secret(Secret::from_text(PAGERDUTY_SECRETS[0]))
        .secret(Secret::from_text(PAGERDUTY_SECRETS[1]))
        .replay_store(store())
        .build()
        .unwrap()
}

/// The suite's requests go through the shared HTTP client of `http_common`.
async fn post(addr: SocketAddr, path: &str, headers: &[(String, String)], body: &[u8]) -> Reply {
    http_common::post(&format!("http://{addr}"), path, headers, body).await
}

fn sign<P: Sign>(provider: &P, secret: &str, message: SignInput<'_>) -> Vec<(String, String)> {
    let key = provider.secret_from_display(secret).unwrap();
    provider.sign(&key, &message).unwrap().headers
}

fn ts(secs: i64) -> UnixTime {
    UnixTime::from_secs(secs).unwrap()
}

/// `headers` with `name` set to `value` (or removed when `None`), case-insensitively.
fn set(headers: &[(String, String)], name: &str, value: Option<&str>) -> Vec<(String, String)> {
    let mut out: Vec<_> = headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
        .cloned()
        .collect();
    if let Some(value) = value {
        out.push((name.to_owned(), value.to_owned()));
    }
    out
}

/// The raw HTTP/1.1 request.
fn raw_request(path: &str, headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Sends the whole request, waits until `started()` holds (the handler began) or `wait` ran
/// out, then closes the connection without reading the answer.
async fn send_and_abort(
    addr: SocketAddr,
    request: &[u8],
    wait: Duration,
    started: impl Fn() -> bool,
) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let deadline = Instant::now() + wait;
    while !started() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    drop(stream);
}

/// Sends the request and returns the response head, or `None` when the server closed the
/// connection without answering (a panicking handler). Bounded by 10 s.
async fn exchange(addr: SocketAddr, request: &[u8]) -> Option<String> {
    let run = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(request).await.unwrap();
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
        (!response.is_empty()).then(|| String::from_utf8_lossy(&response).into_owned())
    };
    tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("the server answered or closed within 10 s")
}

fn is_duplicate(reply: &Reply) -> bool {
    reply.body.starts_with("replayed") && matches!(reply.status, 200 | 409)
}

const PUSH: &[u8] = include_bytes!("../fixtures/github/push/payload.json");
const SHOPIFY_ORDER: &[u8] = br##"{"id":820982911946154508,"email":"jon@example.com","name":"#9999","total_price":"403.00","currency":"USD","line_items":[]}"##;
const SHOPIFY_PAID_ORDER: &[u8] = br##"{"id":820982911946154509,"email":"jon@example.com","name":"#10000","total_price":"12.00","currency":"USD","financial_status":"paid","line_items":[]}"##;

fn twitch_notification(message_id: &str, at: i64) -> (Vec<(String, String)>, Vec<u8>) {
    let body = br#"{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled","type":"channel.follow","version":"2","cost":0,"condition":{"broadcaster_user_id":"1337","moderator_user_id":"1337"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},"created_at":"2019-11-16T10:11:12.634234626Z"},"event":{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","followed_at":"2020-07-15T18:16:11.17106713Z"}}"#.to_vec();
    let headers = sign(
        &Twitch,
        TWITCH_SECRET,
        SignInput::new(&body, ts(at))
            .with_id(message_id)
            .with_event("channel.follow"),
    );
    (headers, body)
}

/// One `#[test]` per attack, each against a fresh server made by `$server()` (an async fn
/// returning the address and the server's [`Calls`]).
macro_rules! attack_tests {
    (#[$attr:meta] $server:path) => {
        attack_tests!(@each #[$attr] $server;
            abort_attack, unsigned_delivery_ids, relabelled_shopify_topic,
            rewritten_shopify_event_id, relabelled_twitch_message_type, resigned_stripe_retries, key_rotation,
            panicking_handler, all_attacks_against_one_server);
    };
    (@each #[$attr:meta] $server:path; $($name:ident),+) => {
        $(
            #[$attr]
            async fn $name() {
                let (addr, calls) = $server().await;
                attacks_common::$name(addr, &calls).await;
            }
        )+
    };
}

/// Every attack, in order, against one server.
pub async fn all_attacks_against_one_server(addr: SocketAddr, calls: &Calls) {
    abort_attack(addr, calls).await;
    unsigned_delivery_ids(addr, calls).await;
    relabelled_shopify_topic(addr, calls).await;
    rewritten_shopify_event_id(addr, calls).await;
    relabelled_twitch_message_type(addr, calls).await;
    resigned_stripe_retries(addr, calls).await;
    key_rotation(addr, calls).await;
    panicking_handler(addr, calls).await;
}

/// Abort attack: the first copy is cancelled mid-handler (the client closes the socket);
/// neither five more aborted copies nor a patient one may run the handler again. With
/// release-on-drop, each copy ran it anew.
pub async fn abort_attack(addr: SocketAddr, calls: &Calls) {
    let now = now();
    let before = calls.count("/github");
    let headers = sign(
        &GitHub,
        GITHUB_SECRET,
        SignInput::new(PUSH, ts(now))
            .with_id("aborted-1")
            .with_event("push"),
    );
    let slow = set(&headers, "x-test-mode", Some("slow"));
    let request = raw_request("/github", &slow, PUSH);
    send_and_abort(addr, &request, Duration::from_secs(5), || {
        calls.count("/github") == before + 1
    })
    .await;
    assert_eq!(
        calls.count("/github"),
        before + 1,
        "the first copy reached the handler"
    );
    for _ in 0..5 {
        send_and_abort(addr, &request, Duration::from_millis(300), || {
            calls.count("/github") > before + 1
        })
        .await;
    }
    let reply = post(addr, "/github", &slow, PUSH).await;
    assert!(is_duplicate(&reply), "{} {}", reply.status, reply.body);
    assert_eq!(
        calls.count("/github"),
        before + 1,
        "aborted copies must not run the handler again"
    );
}

/// Unsigned delivery ids: `X-GitHub-Delivery` is not signed. Changing it (upper-case,
/// appended, dropped) must not make a processed delivery fresh.
pub async fn unsigned_delivery_ids(addr: SocketAddr, calls: &Calls) {
    let now = now();
    let before = calls.count("/github");
    let body = br#"{"zen":"Keep it logically awesome.","hook_id":1}"#;
    let headers = sign(
        &GitHub,
        GITHUB_SECRET,
        SignInput::new(body, ts(now))
            .with_id("72d3162e-cc78-11e3-81ab-4c9367dc0958")
            .with_event("ping"),
    );
    let reply = post(addr, "/github", &headers, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count("/github"), before + 1);
    let (key, variant) = calls.last("/github");
    assert!(key.starts_with("github:sha256:"), "{key}");
    assert_eq!(variant, "github::Event::Ping");
    for id in [
        Some("72D3162E-CC78-11E3-81AB-4C9367DC0958"),
        Some("72d3162e-cc78-11e3-81ab-4c9367dc0958x"),
        Some(&*"x".repeat(4000)),
        None,
    ] {
        let replay = set(&headers, "X-GitHub-Delivery", id);
        let reply = post(addr, "/github", &replay, body).await;
        assert!(is_duplicate(&reply), "{} {}", reply.status, reply.body);
    }
    assert_eq!(calls.count("/github"), before + 1);
}

/// Unsigned headers choose the typed event: a signed Shopify `orders/create` relabelled
/// `orders/paid`, with another webhook id, is the same delivery.
pub async fn relabelled_shopify_topic(addr: SocketAddr, calls: &Calls) {
    let now = now();
    let before = calls.count("/shopify");
    let headers = sign(
        &Shopify,
        SHOPIFY_SECRET,
        SignInput::new(SHOPIFY_ORDER, ts(now))
            .with_id("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
            .with_event("orders/create"),
    );
    let reply = post(addr, "/shopify", &headers, SHOPIFY_ORDER).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.last("/shopify").1, "shopify::Event::OrdersCreate");
    let relabelled = set(&headers, "X-Shopify-Topic", Some("orders/paid"));
    let relabelled = set(
        &relabelled,
        "X-Shopify-Webhook-Id",
        Some("fresh-looking-id"),
    );
    for replay in [&headers, &relabelled] {
        let reply = post(addr, "/shopify", replay, SHOPIFY_ORDER).await;
        assert!(is_duplicate(&reply), "{} {}", reply.status, reply.body);
    }
    assert_eq!(calls.count("/shopify"), before + 1);
}

/// Shopify documents `X-Shopify-Event-Id` (`shopify-event-id` in Events deliveries) as its
/// duplicate key, but does not sign it: a processed delivery re-sent with a new event id — in
/// the classic headers, in the `shopify-*` family, or moved from one family to the other — is
/// still a duplicate. Contradicting families are refused outright.
pub async fn rewritten_shopify_event_id(addr: SocketAddr, calls: &Calls) {
    let now = now();
    let before = calls.count("/shopify");
    let body = SHOPIFY_PAID_ORDER;
    let headers = sign(
        &Shopify,
        SHOPIFY_SECRET,
        SignInput::new(body, ts(now))
            .with_id("98880550-7158-44d4-b7cd-2c97c8a091b5")
            .with_event("orders/paid"),
    );
    let reply = post(addr, "/shopify", &headers, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count("/shopify"), before + 1);
    let (key, variant) = calls.last("/shopify");
    assert!(key.starts_with("shopify:sha256:"), "{key}");
    assert_eq!(variant, "shopify::Event::OrdersPaid");

    let signature = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("X-Shopify-Hmac-Sha256"))
        .map(|(_, v)| v.clone())
        .unwrap();
    let new_event_id = set(&headers, "X-Shopify-Event-Id", Some("fresh-event-id-1"));
    let both_families = set(
        &set(&new_event_id, "shopify-hmac-sha256", Some(&signature)),
        "shopify-event-id",
        Some("fresh-event-id-1"),
    );
    let events_only: Vec<(String, String)> = vec![
        ("shopify-hmac-sha256".into(), signature.clone()),
        ("shopify-topic".into(), "orders/paid".into()),
        ("shopify-event-id".into(), "fresh-event-id-2".into()),
        ("shopify-webhook-id".into(), "fresh-webhook-id-2".into()),
    ];
    for replay in [&new_event_id, &both_families, &events_only] {
        let reply = post(addr, "/shopify", replay, body).await;
        assert!(is_duplicate(&reply), "{} {}", reply.status, reply.body);
    }
    // The two families telling different stories: refused before any handler.
    let contradicting = set(&both_families, "shopify-event-id", Some("another-event-id"));
    let reply = post(addr, "/shopify", &contradicting, body).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(calls.count("/shopify"), before + 1);
}

/// Twitch: the message type header is not signed. A notification relabelled `revocation`
/// is refused (the signed body is a notification); once processed, any relabelled copy is
/// a duplicate of its signed message id.
pub async fn relabelled_twitch_message_type(addr: SocketAddr, calls: &Calls) {
    let now = now();
    let before = calls.count("/twitch");
    let (headers, body) = twitch_notification("msg-relabel-1", now);
    let relabelled = set(&headers, "Twitch-Eventsub-Message-Type", Some("revocation"));
    let reply = post(addr, "/twitch", &relabelled, &body).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert!(reply.body.starts_with("malformed_header"), "{}", reply.body);
    assert_eq!(calls.count("/twitch"), before);
    let reply = post(addr, "/twitch", &headers, &body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.last("/twitch").1, "twitch::Event::Notification");
    let reply = post(addr, "/twitch", &relabelled, &body).await;
    assert!(is_duplicate(&reply), "{} {}", reply.status, reply.body);
    assert_eq!(calls.count("/twitch"), before + 1);
}

/// Body replay ids through the extractors: Stripe re-signs each retry with a new
/// timestamp; the event id in the signed body makes it the same delivery.
pub async fn resigned_stripe_retries(addr: SocketAddr, calls: &Calls) {
    let now = now();
    let before = calls.count("/stripe");
    let body = br#"{"id":"evt_attack_1","object":"event","type":"customer.created","data":{"object":{"id":"cus_1","object":"customer"}}}"#;
    let key = Stripe.secret_from_display(STRIPE_SECRET).unwrap();
    for (i, at) in [now - 20, now - 10, now].into_iter().enumerate() {
        let header = stripe::sign(key.expose_secret(), at, body);
        let headers = vec![("Stripe-Signature".to_owned(), header)];
        let reply = post(addr, "/stripe", &headers, body).await;
        if i == 0 {
            assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
            assert_eq!(calls.last("/stripe").0, "stripe:id:evt_attack_1");
        } else {
            assert!(is_duplicate(&reply), "{} {}", reply.status, reply.body);
        }
    }
    assert_eq!(calls.count("/stripe"), before + 1);
}

/// Key rotation: a sender lists the signatures of both secrets; a copy listing only one
/// of them is the same delivery.
pub async fn key_rotation(addr: SocketAddr, calls: &Calls) {
    let now = now();
    let before = calls.count("/pagerduty");
    let body = br#"{"event":{"id":"5ac64822-4adc-4fda-ade0-410becf0de4f","event_type":"incident.priority_updated"}}"#;
    let tag = |secret: &str| {
        let headers = sign(&PagerDuty, secret, SignInput::new(body, ts(now)));
        headers
            .into_iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("X-PagerDuty-Signature"))
            .unwrap()
            .1
    };
    let (old, new) = (tag(PAGERDUTY_SECRETS[0]), tag(PAGERDUTY_SECRETS[1]));
    let both = vec![("X-PagerDuty-Signature".to_owned(), format!("{old},{new}"))];
    let reply = post(addr, "/pagerduty", &both, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    for one in [old, new] {
        let headers = vec![("X-PagerDuty-Signature".to_owned(), one)];
        let reply = post(addr, "/pagerduty", &headers, body).await;
        assert!(is_duplicate(&reply), "{} {}", reply.status, reply.body);
    }
    assert_eq!(calls.count("/pagerduty"), before + 1);
}

/// A panicking handler is an explicit failure: it releases, and the retry is processed.
pub async fn panicking_handler(addr: SocketAddr, calls: &Calls) {
    let now = now();
    let body = br#"{"zen":"Panics are failures.","hook_id":2}"#;
    let headers = sign(
        &GitHub,
        GITHUB_SECRET,
        SignInput::new(body, ts(now))
            .with_id("panic-1")
            .with_event("ping"),
    );
    let panicking = set(&headers, "x-test-mode", Some("panic"));
    let before = calls.count("/github");
    let answer = exchange(addr, &raw_request("/github", &panicking, body)).await;
    assert!(
        answer
            .as_deref()
            .is_none_or(|a| a.starts_with("HTTP/1.1 500")),
        "{answer:?}"
    );
    assert_eq!(calls.count("/github"), before + 1);
    let reply = post(addr, "/github", &headers, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count("/github"), before + 2);
}

/// The signature header a GitHub replay carries (for tests that build requests by hand).
pub fn github_signature(body: &[u8]) -> String {
    github::sign(GITHUB_SECRET.as_bytes(), body)
}
