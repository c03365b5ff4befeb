//! A replayed copy is refused up to the last moment its timestamp is accepted, with the
//! shortest replay TTL a user can configure, over real HTTP on 127.0.0.1 (axum).
//!
//! The verifier and its in-memory store read the same hand-moved clock, so the test can put
//! the first copy at the window's first millisecond and the replay at its last.

mod http_common;
mod manual_clock;

use std::net::SocketAddr;
use std::sync::atomic::AtomicI64;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{FromRef, State};
use axum::routing::post;
use axum::Router;
use http_common::Calls;
use manual_clock::ManualClock;
use webhook_guard::integrations::axum::{ReplayCommit, Verified};
use webhook_guard::providers::standard::Standard;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{Tolerance, UnixTime, Verifier};

const SECRET: &str = http_common::STANDARD_SECRET;
const SIGNED_AT: i64 = 1_800_000_000;

#[derive(Clone, FromRef)]
struct AppState {
    verifier: Verifier<Standard>,
    calls: Calls,
}

async fn handler(State(calls): State<Calls>, hook: Verified<Standard>) -> &'static str {
    calls.record(hook.delivery.replay_key(), "raw");
    "handled"
}

/// A server whose verifier keeps replay keys for as short a time as it lets anyone ask for.
async fn server(clock: &ManualClock, calls: &Calls) -> SocketAddr {
    let verifier = Verifier::builder(Standard)
        .secret_from_display(SECRET)
        .unwrap()
        .tolerance(Tolerance::FIVE_MINUTES)
        .clock(clock.clone())
        .replay_store(MemoryStore::with_clock(100, clock.clone()))
        .replay_ttl(Duration::ZERO)
        .build()
        .unwrap();
    let app = Router::new()
        .route("/standard", post(handler))
        .route_layer(ReplayCommit::new())
        .with_state(AppState {
            verifier,
            calls: calls.clone(),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

#[tokio::test]
async fn a_copy_at_the_last_accepted_millisecond_is_still_a_replay() {
    let clock = ManualClock(Arc::new(AtomicI64::new(0)));
    let calls = Calls::default();
    let addr = server(&clock, &calls).await;
    let base = format!("http://{addr}");
    let body = br#"{"type":"user.created","data":{"id":"u_1"}}"#;
    let headers = http_common::sign(&Standard, SECRET, body, SIGNED_AT, "msg_window_edge");
    let at = |millis: i64| UnixTime::from_millis(SIGNED_AT * 1000 + millis);

    // First copy at the first millisecond the timestamp is accepted: five minutes early.
    clock.set(at(-300_000));
    let reply = http_common::post(&base, "/standard", &headers, body).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    assert_eq!(calls.count(), 1);

    // The replay at the last accepted millisecond, ten minutes (the whole window) later.
    clock.set(at(300_000));
    let reply = http_common::post(&base, "/standard", &headers, body).await;
    assert!(
        reply.body.starts_with("replayed") && matches!(reply.status, 200 | 409),
        "{} {}",
        reply.status,
        reply.body
    );
    assert_eq!(calls.count(), 1, "the handler ran for a replay");

    // One millisecond later the timestamp itself is refused: the key was needed until here.
    clock.set(at(300_001));
    let reply = http_common::post(&base, "/standard", &headers, body).await;
    assert!(
        reply.body.starts_with("timestamp_too_old"),
        "{} {}",
        reply.status,
        reply.body
    );
    assert_eq!(calls.count(), 1);
}
