//! axum 0.8: the [`Verified`] and [`VerifiedEvent`] extractors, with [`ReplayCommit`].
//!
//! The extractors take the [`Verifier<P>`](crate::Verifier) from the router state through
//! `FromRef` (so it can be one field of a larger state), read the body with the verifier's
//! limit and deadline, verify it, answer handshakes and duplicates, and hand the handler what
//! was proven. Their rejection, [`Rejection`], is an `IntoResponse` with the status of the
//! table in [`super`].
//!
//! ```no_run
//! use axum::{routing::post, Router};
//! use webhook_guard::integrations::axum::{ReplayCommit, VerifiedEvent};
//! use webhook_guard::{providers::github::GitHub, replay::MemoryStore, Secret, Verifier};
//!
//! async fn github(VerifiedEvent { delivery, event, .. }: VerifiedEvent<GitHub>) -> &'static str {
//!     println!("{:?} {:?}", delivery.event(), delivery.replay_key());
//!     let _ = event; // the typed event
//!     "ok" // 2xx: the delivery is committed; any other status releases it for the retry
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = Verifier::builder(GitHub)
//!     .secret(Secret::from_text(&std::env::var("GITHUB_WEBHOOK_SECRET")?))
//!     .replay_store(MemoryStore::new(100_000))
//!     .build()?;
//! let app = Router::new()
//!     .route("/webhooks/github", post(github))
//!     .route_layer(ReplayCommit::new())
//!     .with_state(verifier);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app).await?;
//! # Ok(()) }
//! ```
//!
//! With a larger state, derive `FromRef` so the verifier can be taken from it:
//!
//! ```
//! use axum::extract::FromRef;
//! use webhook_guard::{providers::stripe::Stripe, Verifier};
//!
//! #[derive(Clone, FromRef)]
//! struct AppState {
//!     stripe: Verifier<Stripe>,
//!     db: String, // your pool
//! }
//! ```

use ::axum::extract::{FromRef, FromRequest, Request};
use ::axum::response::{IntoResponse, Response};

use super::tenant::VerifierResolver;
use super::tower::{accept_http, read_body, rejection_response, resolve_http, signed_url_http};
use super::{hand_over, DecisionSlot};
use crate::provider::{Parse, Provider};

pub use super::{Rejection, ReplayCommit, SourceAllowlist, Verified, VerifiedEvent};

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        rejection_response(self)
    }
}

/// Steps 1–5 for an axum request: the verified delivery and body, the reservation handed to
/// [`ReplayCommit`].
async fn extract<P, R, S>(
    req: Request,
    state: &S,
) -> Result<(crate::Verifier<P>, crate::Delivery, bytes::Bytes), Rejection>
where
    P: Provider,
    R: VerifierResolver<P> + FromRef<S>,
    S: Send + Sync,
{
    let (parts, body) = req.into_parts();
    let resolver = R::from_ref(state);
    let verifier = resolve_http(&resolver, &parts).await?;
    let url = signed_url_http(&verifier, &parts)?;
    let bytes = read_body(
        body,
        &parts.headers,
        verifier.max_body_size(),
        verifier.body_read_timeout(),
    )
    .await?;
    let accepted = accept_http(&verifier, &parts, url.as_deref(), &bytes).await?;
    hand_over(accepted.reservation, parts.extensions.get::<DecisionSlot>())?;
    Ok((verifier, accepted.delivery, bytes))
}

impl<S, P, R> FromRequest<S> for Verified<P, R>
where
    S: Send + Sync,
    P: Provider,
    R: VerifierResolver<P> + FromRef<S>,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (_verifier, delivery, body) = extract::<P, R, S>(req, state).await?;
        Ok(Verified::new(delivery, body))
    }
}

impl<S, P, R> FromRequest<S> for VerifiedEvent<P, R>
where
    S: Send + Sync,
    P: Parse,
    P::Event: Send,
    R: VerifierResolver<P> + FromRef<S>,
{
    type Rejection = Rejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (verifier, delivery, body) = extract::<P, R, S>(req, state).await?;
        let event = verifier.parse(&delivery, &body).inspect_err(|e| {
            tracing::info!(
                provider = delivery.provider(),
                replay_key = delivery.replay_key(),
                kind = e.kind(),
                "verified webhook did not parse into the typed event"
            );
        })?;
        Ok(VerifiedEvent::new(delivery, event, body))
    }
}
