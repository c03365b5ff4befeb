//! The worker's typed router used inline, without an inbox, behind the axum `Verified`
//! extractor, over real HTTP on 127.0.0.1: a verified delivery runs its typed handler once, an
//! event nobody listens to is skipped, a handler error answers 500 (so the sender retries), a
//! body that does not fit the typed event answers 422, and a forgery never reaches a handler.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use webhook_guard::events::github::Event;
use webhook_guard::inbox::worker::{Handled, Job, Router as Handlers};
use webhook_guard::integrations::Verified;
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::{Secret, Verifier};

const SECRET: &str = "a github secret for the inline router test";

#[derive(Clone, FromRef)]
struct App {
    verifier: Verifier<GitHub>,
    handlers: Arc<Handlers>,
}

async fn receive(
    State(app): State<App>,
    Verified { delivery, body, .. }: Verified<GitHub>,
) -> (StatusCode, String) {
    match app.handlers.handle(delivery, &body).await {
        Ok(Handled::Done) => (StatusCode::OK, "done".to_owned()),
        Ok(Handled::Skipped) => (StatusCode::OK, "skipped".to_owned()),
        Err(e) => (e.status(), e.to_string()),
    }
}

async fn serve() -> (SocketAddr, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let handlers =
        Handlers::new().on_events(GitHub, &["ping", "issues"], move |job: Job<Event>| {
            let log = Arc::clone(&log);
            async move {
                let name = job.delivery.event().unwrap_or_default().to_owned();
                log.lock().unwrap().push(name.clone());
                assert_eq!((job.id.0, job.attempt, job.tenant), (0, 1, None));
                if matches!(job.event, Event::Issues(_)) {
                    return Err(std::io::Error::other("the database is down"));
                }
                Ok(())
            }
        });
    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(SECRET))
        .build()
        .unwrap();
    let app = axum::Router::new()
        .route("/github", post(receive))
        .with_state(App {
            verifier,
            handlers: Arc::new(handlers),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, seen)
}

async fn send(addr: SocketAddr, event: &str, body: &str, signature: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(format!("http://{addr}/github"))
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
        .header("X-Hub-Signature-256", signature)
        .header("Content-Type", "application/json")
        .body(body.to_owned())
        .timeout(std::time::Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn send_signed(addr: SocketAddr, event: &str, body: &str) -> (u16, String) {
    let signature = github::sign(SECRET.as_bytes(), body.as_bytes());
    send(addr, event, body, &signature).await
}

#[tokio::test]
async fn the_router_runs_typed_handlers_inline_behind_the_extractor() {
    let (addr, seen) = serve().await;
    let ping = r#"{"zen":"Design for failure.","hook_id":1}"#;

    assert_eq!(
        send_signed(addr, "ping", ping).await,
        (200, "done".to_owned())
    );
    // An event no handler filters for: answered 200, nothing ran.
    let star = r#"{"action":"created","starred_at":null,"repository":{"id":1,"name":"r","full_name":"o/r","owner":{"login":"o","id":2},"private":false},"sender":{"login":"o","id":2}}"#;
    assert_eq!(
        send_signed(addr, "star", star).await,
        (200, "skipped".to_owned())
    );
    // A handler error: 500, so the sender retries.
    let issues = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/github/issues/opened.payload.json"
    ))
    .unwrap();
    let (status, text) = send_signed(addr, "issues", &issues).await;
    assert_eq!(status, 500, "{text}");
    assert!(text.contains("the database is down"), "{text}");
    // Verified, but not a ping: the typed parse fails with 422 and no handler runs.
    let (status, text) = send_signed(addr, "ping", r#"{"zen":42}"#).await;
    assert_eq!(status, 422, "{text}");
    // A forgery never reaches the router.
    let forged = github::sign(b"not the secret", ping.as_bytes());
    assert_eq!(send(addr, "ping", ping, &forged).await.0, 401);

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen, ["ping", "issues"]);
}
