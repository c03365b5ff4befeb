//! actix-web 4 (features `inbox` and `actix-web`): a receiving route in one call.
//!
//! [`post`] turns a [`Verifier<P>`] and an [`Inbox`] into a route (`POST`, and `GET` for
//! providers that check the endpoint with one) that reads the payload with the verifier's
//! limit and deadline, verifies it, answers an endpoint check inline, stores the delivery
//! ([`Inbox::ingest`]) and answers — after the store committed it:
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
//! Nothing is stored unless the signature (and timestamp) held. The statuses and bodies are
//! those of the axum route ([`super::axum`]) and of the actix-web extractors
//! ([`crate::integrations::actix`]), whose payload reading and [`Rejection`] responses this
//! route uses. No [`ReplayCommit`](crate::integrations::actix::ReplayCommit) middleware is
//! needed: the inbox's insert is the de-duplication.
//!
//! [`Rejection`]: crate::integrations::Rejection
//!
//! ```no_run
//! use actix_web::{App, HttpServer};
//! use webhook_guard::inbox::{self, Inbox};
//! use webhook_guard::{providers::github::GitHub, Secret, Verifier};
//!
//! // `inbox`: e.g. `Inbox::new(SqliteStore::open("webhooks.db")?)` (feature `inbox-sqlite`).
//! async fn run(inbox: Inbox) -> Result<(), Box<dyn std::error::Error>> {
//!     let github = Verifier::builder(GitHub)
//!         .secret(Secret::from_text(&std::env::var("GITHUB_WEBHOOK_SECRET")?))
//!         .build()?;
//!     HttpServer::new(move || {
//!         App::new().route(
//!             "/webhooks/github",
//!             inbox::actix::post(github.clone(), inbox.clone()),
//!         )
//!     })
//!     .bind(("127.0.0.1", 8080))?
//!     .run()
//!     .await?;
//!     Ok(())
//! }
//! ```

use actix_web::{guard, web, HttpRequest, HttpResponse, ResponseError, Route};

use super::{Inbox, Ingested};
use crate::integrations::actix::{read_payload, resolve_actix, signed_url_actix};
use crate::integrations::tenant::VerifierResolver;
use crate::integrations::Rejection;
use crate::provider::Provider;
use crate::request::WebhookRequest;
use crate::verify::Verifier;

/// A route (`POST`, and `GET` for providers that check the endpoint with one) that verifies
/// with `verifier` and stores into `inbox`; see the [module docs](self).
///
/// Mount it with `App::route(path, …)`, `Scope::route` or `Resource::route`; other methods
/// get actix-web's 404 (`App::route` and `Scope::route` make the method part of the match) or
/// 405 (a resource). Build it inside the `HttpServer::new` factory (once per worker):
/// [`Verifier`] and [`Inbox`] are cheap to clone and share their secrets and store.
pub fn post<P: Provider>(verifier: Verifier<P>, inbox: Inbox) -> Route {
    post_resolved::<P, Verifier<P>>(verifier, inbox)
}

/// [`post`] with the verifier picked per request by a [`VerifierResolver`] (per-tenant
/// secrets: [`crate::integrations::StaticTenants`], …). Give each tenant's verifier its
/// [namespace](crate::VerifierBuilder::namespace): it is stored as the delivery's tenant and
/// keeps tenants' replay keys apart.
pub fn post_resolved<P, R>(resolver: R, inbox: Inbox) -> Route
where
    P: Provider,
    R: VerifierResolver<P> + Clone,
{
    let handler = move |request: HttpRequest, payload: web::Payload| {
        let resolver = resolver.clone();
        let inbox = inbox.clone();
        async move { receive(&resolver, &inbox, &request, payload).await }
    };
    // `GET` too: some providers check the endpoint with an unsigned `GET` (Dropbox, Meta); any
    // other `GET` fails verification like a forged `POST`. Other methods are not routed.
    web::route()
        .guard(guard::Any(guard::Post()).or(guard::Get()))
        .to(handler)
}

/// The body of the [`post`] route, for composing your own handler: verify the request with
/// the verifier `resolver` picks (a [`Verifier`] itself, or any [`VerifierResolver`]), store
/// it into `inbox`, answer.
///
/// ```
/// use actix_web::{web, HttpRequest, HttpResponse};
/// use webhook_guard::inbox::{self, Inbox};
/// use webhook_guard::{providers::github::GitHub, Verifier};
///
/// // App::new().app_data(web::Data::new(verifier)).app_data(web::Data::new(inbox))
/// //     .route("/webhooks/github", web::post().to(github))
/// async fn github(
///     request: HttpRequest,
///     payload: web::Payload,
///     verifier: web::Data<Verifier<GitHub>>,
///     inbox: web::Data<Inbox>,
/// ) -> HttpResponse {
///     inbox::actix::receive(verifier.get_ref(), &inbox, &request, payload).await
/// }
/// ```
pub async fn receive<P, R>(
    resolver: &R,
    inbox: &Inbox,
    request: &HttpRequest,
    payload: web::Payload,
) -> HttpResponse
where
    P: Provider,
    R: VerifierResolver<P>,
{
    match super::route_answer(receive_inner(resolver, inbox, request, payload).await) {
        Ok(text) => text_ok(text),
        Err(rejection) => rejection.error_response(),
    }
}

/// 200 with a short `text/plain` body, as the axum route answers.
fn text_ok(body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(body)
}

async fn receive_inner<P, R>(
    resolver: &R,
    inbox: &Inbox,
    request: &HttpRequest,
    payload: web::Payload,
) -> Result<Ingested, Rejection>
where
    P: Provider,
    R: VerifierResolver<P>,
{
    let verifier = resolve_actix(resolver, request).await?;
    let url = signed_url_actix(&verifier, request)?;
    let bytes = read_payload(
        payload.into_inner(),
        request.headers(),
        verifier.max_body_size(),
        verifier.body_read_timeout(),
    )
    .await?;
    // Method, URL and query as the actix-web extractors give them to the verifier.
    let mut webhook = WebhookRequest::new(request.headers(), &bytes)
        .with_method(request.method().as_str())
        .with_query(request.query_string());
    if let Some(url) = url.as_deref() {
        webhook = webhook.with_url(url);
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
