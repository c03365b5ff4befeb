//! A GitHub webhook receiver with axum: typed events, replay protection, a larger app state.
//!
//! ```text
//! export GITHUB_WEBHOOK_SECRET='development secret, not for production'
//! cargo run --example axum_github
//! # in another shell, with the same variable:
//! cargo run --features cli -- send --provider github --secret-env GITHUB_WEBHOOK_SECRET --event push \
//!     --url http://127.0.0.1:3000/webhooks/github tests/fixtures/github/push/payload.json
//! ```

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use webhook_guard::integrations::axum::{ReplayCommit, VerifiedEvent};
use webhook_guard::providers::github::GitHub;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{Secret, TypedEvent, Verifier};

/// The application state: the verifier is one field among others.
#[derive(Clone)]
struct AppState {
    github: Verifier<GitHub>,
    handled: Arc<AtomicU64>,
}

/// Lets the extractor take the verifier from the state (or `#[derive(FromRef)]` with axum's
/// `macros` feature).
impl FromRef<AppState> for Verifier<GitHub> {
    fn from_ref(state: &AppState) -> Self {
        state.github.clone()
    }
}

/// Runs once per verified, fresh delivery. Answering 2xx commits the delivery; an error status
/// releases it, so GitHub's redelivery is processed.
async fn github(
    State(state): State<AppState>,
    VerifiedEvent {
        delivery, event, ..
    }: VerifiedEvent<GitHub>,
) -> Result<&'static str, StatusCode> {
    let n = state.handled.fetch_add(1, Ordering::Relaxed) + 1;
    println!(
        "#{n} {} delivery {} -> {}",
        delivery.event().unwrap_or("?"),
        delivery.replay_key().unwrap_or("?"),
        event.variant_name()
    );
    Ok("ok")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("GITHUB_WEBHOOK_SECRET").unwrap_or_else(|_| {
        eprintln!("GITHUB_WEBHOOK_SECRET not set; using a development secret");
        "development secret, not for production".to_owned()
    });
    let state = AppState {
        github: Verifier::builder(GitHub)
            .secret(Secret::from_text(&secret))
            // GitHub signs no timestamp: the replay store is what stops a captured delivery
            // from being replayed. Use the Redis store when several receivers share the load.
            .replay_store(MemoryStore::new(100_000))
            .build()?,
        handled: Arc::default(),
    };
    let app = Router::new()
        .route("/webhooks/github", post(github))
        .route_layer(ReplayCommit::new())
        .with_state(state);
    let addr: SocketAddr = std::env::var("ADDR")
        .unwrap_or_else(|_| "127.0.0.1:3000".to_owned())
        .parse()?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!(
        "listening on http://{}/webhooks/github",
        listener.local_addr()?
    );
    axum::serve(listener, app).await?;
    Ok(())
}
