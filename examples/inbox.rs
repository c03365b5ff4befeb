//! Acknowledge fast, process later: a GitHub receiver that stores every verified delivery in a
//! SQLite inbox before answering, and a worker in the same process that handles them with
//! retries.
//!
//! ```text
//! GITHUB_WEBHOOK_SECRET=... cargo run --example inbox --features inbox-sqlite,axum,github
//! ```
//!
//! Then point a GitHub webhook at `http://HOST:3000/webhooks/github` (or try it locally with
//! the CLI: `webhook-guard send --provider github --secret ... --url ...`). Stop with Enter:
//! the server stops accepting, the worker stops claiming and finishes the handlers running. Deliveries stored but not yet
//! handled are in `webhooks.db` and are handled on the next start.

use std::time::Duration;

use axum::Router;
use webhook_guard::events::github::Event;
use webhook_guard::inbox::worker::{Job, Router as Handlers, Worker};
use webhook_guard::inbox::{self, Inbox, SqliteStore};
use webhook_guard::providers::github::GitHub;
use webhook_guard::{Secret, TypedEvent, Verifier};

/// The handler: runs at least once per delivery (again after a crash inside it), so it must
/// be idempotent on the delivery's replay key.
async fn on_github(job: Job<Event>) -> Result<(), std::io::Error> {
    let key = job.delivery.replay_key().unwrap_or_default();
    match &job.event {
        Event::Push(push) => println!("push to {} ({key})", push.git_ref),
        other => println!("{} ({key}), attempt {}", other.variant_name(), job.attempt),
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("GITHUB_WEBHOOK_SECRET")
        .unwrap_or_else(|_| "a development secret, set GITHUB_WEBHOOK_SECRET".to_owned());
    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(&secret))
        .build()?;
    let inbox = Inbox::new(SqliteStore::open("webhooks.db")?);

    let worker = Worker::builder(inbox.clone(), Handlers::new().on(GitHub, on_github))
        .concurrency(8)
        .max_attempts(8)
        .lease(Duration::from_secs(60))
        .build();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker_task = tokio::spawn(async move {
        let mut stopped = stopped;
        worker
            .run(async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            })
            .await;
    });

    let app: Router = Router::new().route("/webhooks/github", inbox::axum::post(verifier, inbox));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!(
        "listening on http://{}/webhooks/github",
        listener.local_addr()?
    );
    let (enter, pressed) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let _ = std::io::stdin().read_line(&mut String::new());
        let _ = enter.send(());
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = pressed.await;
        })
        .await?;
    let _ = stop.send(true);
    worker_task.await?;
    Ok(())
}
