//! axum 0.8 (features `inbox` and `axum`): a receiving route in one call.
//!
//! [`post`] turns a [`Verifier<P>`] and an [`Inbox`] into a `POST` route that reads the body
//! with the verifier's limit and deadline, verifies it, answers an endpoint check inline,
//! stores the delivery ([`Inbox::ingest`]) and answers — after the store committed it:
//!
//! | outcome | status | body |
//! |---|---|---|
//! | stored | 200 | `stored` |
//! | duplicate (stored before; nothing written) | 200 | `duplicate` |
//! | endpoint check (Slack `url_verification`, Dropbox's `GET` challenge, …) | 200 | the provider's answer |
//! | missing / malformed header, body unreadable | 400 | the kind |
//! | bad signature, timestamp outside the window | 401 | the kind |
//! | unknown tenant ([`post_resolved`]) | 404 | `unknown_tenant` |
//! | body not received within [`Verifier::body_read_timeout`] | 408 | `body_read_timeout` |
//! | body over [`Verifier::max_body_size`] | 413 | `body_too_large: …` |
//! | receiver misconfigured (a provider that signs the URL without a public URL) | 500 | `misconfigured` |
//! | the store could not commit it, tenant lookup failed | 503 | `replay_store_unavailable` |
//!
//! Nothing is stored unless the signature (and timestamp) held.
//!
//! ```no_run
//! use axum::Router;
//! use webhook_guard::inbox::{self, Inbox};
//! use webhook_guard::{providers::github::GitHub, Secret, Verifier};
//!
//! // `inbox`: e.g. `Inbox::new(SqliteStore::open("webhooks.db")?)` (feature `inbox-sqlite`).
//! async fn run(inbox: Inbox) -> Result<(), Box<dyn std::error::Error>> {
//!     let github = Verifier::builder(GitHub)
//!         .secret(Secret::from_text(&std::env::var("GITHUB_WEBHOOK_SECRET")?))
//!         .build()?;
//!     let app: Router = Router::new().route("/webhooks/github", inbox::axum::post(github, inbox));
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//!     axum::serve(listener, app).await?;
//!     Ok(())
//! }
//! ```

use ::axum::extract::Request;
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::MethodRouter;
use http::StatusCode;

use super::{Inbox, Ingested};
use crate::integrations::tenant::VerifierResolver;
use crate::integrations::tower::{read_body, rejection_response, resolve_http, signed_url_http};
use crate::integrations::Rejection;
use crate::provider::Provider;
use crate::request::WebhookRequest;
use crate::verify::Verifier;

/// A route (`POST`, and `GET` for providers that check the endpoint with one) that verifies
/// with `verifier` and stores into `inbox`; see the [module docs](self).
pub fn post<P, S>(verifier: Verifier<P>, inbox: Inbox) -> MethodRouter<S>
where
    P: Provider,
    S: Clone + Send + Sync + 'static,
{
    post_resolved::<P, Verifier<P>, S>(verifier, inbox)
}

/// [`post`] with the verifier picked per request by a [`VerifierResolver`] (per-tenant
/// secrets: [`crate::integrations::StaticTenants`], …). Give each tenant's verifier its
/// [namespace](crate::VerifierBuilder::namespace): it is stored as the delivery's tenant and
/// keeps tenants' replay keys apart.
pub fn post_resolved<P, R, S>(resolver: R, inbox: Inbox) -> MethodRouter<S>
where
    P: Provider,
    R: VerifierResolver<P> + Clone,
    S: Clone + Send + Sync + 'static,
{
    let handler = move |request: Request| {
        let resolver = resolver.clone();
        let inbox = inbox.clone();
        async move { receive(&resolver, &inbox, request).await }
    };
    // `GET` too: some providers check the endpoint with an unsigned `GET` (Dropbox, Meta); any
    // other `GET` fails verification like a forged `POST`.
    ::axum::routing::post(handler.clone()).get(handler)
}

/// The body of the [`post`] route, for composing your own handler: verify `request` with the
/// verifier `resolver` picks, store it into `inbox`, answer.
pub async fn receive<P, R>(resolver: &R, inbox: &Inbox, request: Request) -> Response
where
    P: Provider,
    R: VerifierResolver<P>,
{
    match super::route_answer(receive_inner(resolver, inbox, request).await) {
        Ok(text) => (StatusCode::OK, text).into_response(),
        Err(rejection) => rejection_response(rejection),
    }
}

async fn receive_inner<P, R>(
    resolver: &R,
    inbox: &Inbox,
    request: Request,
) -> Result<Ingested, Rejection>
where
    P: Provider,
    R: VerifierResolver<P>,
{
    let (parts, body) = request.into_parts();
    let verifier = resolve_http(resolver, &parts).await?;
    let url = signed_url_http(&verifier, &parts)?;
    let bytes = read_body(
        body,
        &parts.headers,
        verifier.max_body_size(),
        verifier.body_read_timeout(),
    )
    .await?;
    let mut webhook =
        WebhookRequest::new(&parts.headers, &bytes).with_method(parts.method.as_str());
    if let Some(url) = url.as_deref() {
        webhook = webhook.with_url(url);
    }
    if let Some(query) = parts.uri.query() {
        webhook = webhook.with_query(query);
    }
    let ingested = inbox.ingest(&verifier, &webhook).await?;
    if let Ingested::Stored(id) | Ingested::Duplicate(id) = &ingested {
        tracing::debug!(
            provider = verifier.provider().name(),
            id = id.0,
            "webhook stored"
        );
    }
    Ok(ingested)
}
