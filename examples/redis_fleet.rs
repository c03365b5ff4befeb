//! Two receivers behind a (pretend) load balancer share one Redis, so a Stripe event that
//! arrives at both — a retry, a duplicate send, a replay — is handled once.
//!
//! ```text
//! redis-server --port 6379 --save '' &            # or any Redis you have
//! REDIS_URL=redis://127.0.0.1:6379/ cargo run --example redis_fleet --features redis
//! ```
//!
//! The handler shows the pattern every receiver follows:
//! `verify_and_reserve` → run the side effect → `commit` (or `release` on failure).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use webhook_guard::providers::stripe::{self, Stripe};
use webhook_guard::replay::{DuplicateState, RedisStore};
use webhook_guard::{Error, Secret, Verifier, WebhookRequest};

const SECRET: &str = "whsec_example_only";

#[derive(Clone)]
struct App {
    name: &'static str,
    verifier: Verifier<Stripe>,
    handled: Arc<AtomicUsize>,
}

async fn webhook(State(app): State<App>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let verifying = {
        let req = WebhookRequest::new(&headers, &body);
        app.verifier.verify_and_reserve(&req)
    };
    let accepted = match verifying.await {
        Ok(accepted) => accepted,
        // Another receiver is on it right now: ask the sender to retry later, in case that one
        // fails. A copy of a delivery already processed is `Replayed { state: Done }` → 200.
        Err(Error::Replayed {
            state: DuplicateState::InFlight,
        }) => return StatusCode::CONFLICT,
        // 401 forged, 503 Redis unreachable (the sender retries), ...
        Err(e) => return e.status(),
    };
    println!(
        "{}: handling {} (id from {:?})",
        app.name,
        accepted.delivery.replay_key().unwrap_or("?"),
        accepted.delivery.id_source()
    );
    // The side effect: a database write, an email, ...
    app.handled.fetch_add(1, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let ok = true;
    if let Some(reservation) = accepted.reservation {
        let recorded = if ok {
            reservation.commit().await
        } else {
            reservation.release().await
        };
        if let Err(e) = recorded {
            // The handler ran: still answer 200, or the sender's retry would run it again.
            eprintln!("{}: could not record the outcome: {e}", app.name);
        }
    }
    if ok {
        StatusCode::OK
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/".into());
    let handled = Arc::new(AtomicUsize::new(0));
    let mut urls = Vec::new();
    for name in ["receiver-a", "receiver-b"] {
        // Each receiver (process, in real life) has its own connection to the shared Redis.
        let store = RedisStore::builder(&url)
            .prefix("example:webhooks:")
            .timeout(Duration::from_millis(500))
            .build()
            .await?;
        let verifier = Verifier::builder(Stripe)
            .secret(Secret::from_text(SECRET))
            .replay_store(store)
            .namespace("acct_example")
            .build()?;
        let app = App {
            name,
            verifier,
            handled: Arc::clone(&handled),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        urls.push(format!("http://{}/webhooks/stripe", listener.local_addr()?));
        let router = Router::new()
            .route("/webhooks/stripe", post(webhook))
            .with_state(app);
        tokio::spawn(async move { axum::serve(listener, router).await });
    }

    // The sender: the same signed event, to both receivers at once, three times over.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
    let event_id = format!("evt_example_{}", now.as_nanos());
    let body = format!(r#"{{"id":"{event_id}","object":"event","type":"invoice.paid"}}"#);
    let signature = stripe::sign(SECRET.as_bytes(), now.as_secs() as i64, body.as_bytes());
    let client = reqwest::Client::new();
    let mut sends = Vec::new();
    for round in 0..3 {
        for url in &urls {
            let request = client
                .post(url)
                .header(stripe::SIGNATURE_HEADER, &signature)
                .body(body.clone());
            sends.push(tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(40 * round)).await;
                request.send().await.map(|r| r.status().as_u16())
            }));
        }
    }
    for send in sends {
        println!("sender got {:?}", send.await?);
    }
    println!(
        "{event_id}: 6 copies sent, handled {} time(s)",
        handled.load(Ordering::SeqCst)
    );
    Ok(())
}
