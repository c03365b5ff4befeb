//! actix-web 4: the [`Verified`] and [`VerifiedEvent`] extractors, the [`ReplayCommit`] and
//! [`SourceAllowlist`] middleware.
//!
//! The extractors take the verifier from `web::Data<Verifier<P>>` (or, for multi-tenant
//! receivers, `web::Data<R>` of any [`VerifierResolver`] `R`), read the payload stream with the
//! verifier's limit and deadline, verify it, answer handshakes and duplicates, and hand the
//! handler what was proven. [`Rejection`] is their `ResponseError`, with the status of the
//! table in [`super`].
//!
//! ```no_run
//! use actix_web::{web, App, HttpResponse, HttpServer};
//! use webhook_guard::integrations::actix::{ReplayCommit, VerifiedEvent};
//! use webhook_guard::{providers::stripe::Stripe, replay::MemoryStore, Verifier};
//!
//! async fn stripe(hook: VerifiedEvent<Stripe>) -> HttpResponse {
//!     println!("{:?}", hook.delivery.replay_key());
//!     HttpResponse::Ok().finish() // 2xx commits the delivery; anything else releases it
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = Verifier::builder(Stripe)
//!     .secret_from_display(&std::env::var("STRIPE_WEBHOOK_SECRET")?)?
//!     .replay_store(MemoryStore::new(100_000))
//!     .build()?;
//! let verifier = web::Data::new(verifier);
//! HttpServer::new(move || {
//!     App::new()
//!         .app_data(verifier.clone())
//!         .service(web::resource("/webhooks/stripe").wrap(ReplayCommit::new()).route(web::post().to(stripe)))
//! })
//! .bind(("127.0.0.1", 8080))?
//! .run()
//! .await?;
//! # Ok(()) }
//! ```

use std::future::{ready, Future, Ready};
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::PayloadError;
use actix_web::http::header::{HeaderMap, CONTENT_LENGTH};
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use bytes::{Bytes, BytesMut};
use futures_core::Stream;

use super::tenant::{TenantRequest, VerifierResolver};
use super::{accept, catch_panic, hand_over, signed_url, DecisionSlot, RequestView};
use crate::headers::Headers;
use crate::provider::{Parse, Provider};
use crate::verify::Verifier;

pub use super::{Rejection, ReplayCommit, SourceAllowlist, Verified, VerifiedEvent};

type LocalBoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Pre-allocate at most this much for a declared body length.
const MAX_PREALLOCATION: usize = 64 * 1024;

impl Headers for HeaderMap {
    fn get(&self, name: &str) -> Option<&[u8]> {
        HeaderMap::get(self, name).map(|v| v.as_bytes())
    }

    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        for value in self.get_all(name) {
            each(value.as_bytes());
        }
    }
}

fn actix_status(status: http::StatusCode) -> actix_web::http::StatusCode {
    actix_web::http::StatusCode::from_u16(status.as_u16())
        .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR)
}

impl ResponseError for Rejection {
    fn status_code(&self) -> actix_web::http::StatusCode {
        actix_status(self.status())
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        HttpResponse::build(self.status_code())
            .content_type(self.content_type())
            // An endpoint check echoes what the request sent: never let a browser sniff it.
            .insert_header(("x-content-type-options", "nosniff"))
            .body(self.body_bytes())
    }
}

/// Reads the payload, refusing more than `limit` bytes — a larger declared length before
/// reading, a longer stream as soon as it passes the limit — and answering 408 when the whole
/// body has not arrived within `deadline`.
pub(crate) async fn read_payload(
    payload: Payload,
    headers: &HeaderMap,
    limit: usize,
    deadline: Duration,
) -> Result<Bytes, Rejection> {
    match actix_web::rt::time::timeout(deadline, read_limited(payload, headers, limit)).await {
        Ok(read) => read,
        Err(_elapsed) => {
            tracing::info!(
                deadline_ms = u64::try_from(deadline.as_millis()).unwrap_or(u64::MAX),
                "webhook body not received within the read deadline: answered 408"
            );
            Err(Rejection::BodyReadTimeout)
        }
    }
}

/// [`read_payload`] without the deadline.
async fn read_limited(
    mut payload: Payload,
    headers: &HeaderMap,
    limit: usize,
) -> Result<Bytes, Rejection> {
    let too_large = || Rejection::from(crate::Error::BodyTooLarge { limit });
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > u64::try_from(limit).unwrap_or(u64::MAX)) {
        return Err(too_large());
    }
    let capacity = declared
        .and_then(|len| usize::try_from(len).ok())
        .unwrap_or(0)
        .min(MAX_PREALLOCATION);
    let mut buf = BytesMut::with_capacity(capacity);
    while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut payload).poll_next(cx)).await {
        let chunk = chunk.map_err(|e| match e {
            PayloadError::Overflow => too_large(),
            _ => Rejection::BodyUnreadable,
        })?;
        if buf.len().saturating_add(chunk.len()) > limit {
            return Err(too_large());
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// Resolves the verifier for an actix-web request from its head.
pub(crate) async fn resolve_actix<P, R>(
    resolver: &R,
    req: &HttpRequest,
) -> Result<Verifier<P>, Rejection>
where
    P: Provider,
    R: VerifierResolver<P>,
{
    let tenant = TenantRequest::new(
        req.method().as_str(),
        req.path(),
        Some(req.query_string()),
        req.headers(),
    );
    resolver.resolve(&tenant).await.map_err(|e| {
        tracing::info!(kind = e.kind(), "webhook tenant not resolved");
        Rejection::Tenant(e)
    })
}

/// The URL the sender signed, from the verifier's public URL settings and the path and query
/// as received (see [`signed_url`]).
pub(crate) fn signed_url_actix<P: Provider>(
    verifier: &Verifier<P>,
    req: &HttpRequest,
) -> Result<Option<String>, Rejection> {
    let uri = req.uri();
    signed_url(
        verifier,
        req.headers(),
        uri.path_and_query()
            .map_or_else(|| uri.path(), |pq| pq.as_str()),
    )
}

/// Steps 1–5 for an actix-web request.
async fn extract<P, R>(
    req: HttpRequest,
    payload: Payload,
) -> Result<(Verifier<P>, crate::Delivery, Bytes), Rejection>
where
    P: Provider,
    R: VerifierResolver<P>,
{
    let resolver = req.app_data::<web::Data<R>>().cloned().ok_or_else(|| {
        tracing::error!("no `web::Data` verifier or resolver registered for a webhook extractor");
        Rejection::Misconfigured("no `web::Data` verifier or resolver registered with the app")
    })?;
    let verifier = resolve_actix(resolver.get_ref(), &req).await?;
    let url = signed_url_actix(&verifier, &req)?;
    let body = read_payload(
        payload,
        req.headers(),
        verifier.max_body_size(),
        verifier.body_read_timeout(),
    )
    .await?;
    let accepted = accept(
        &verifier,
        RequestView {
            headers: req.headers(),
            body: &body,
            method: req.method().as_str(),
            url: url.as_deref(),
            query: Some(req.query_string()),
        },
    )
    .await?;
    let slot = req.extensions().get::<DecisionSlot>().cloned();
    hand_over(accepted.reservation, slot.as_ref())?;
    Ok((verifier, accepted.delivery, body))
}

impl<P, R> FromRequest for Verified<P, R>
where
    P: Provider,
    R: VerifierResolver<P>,
{
    type Error = Rejection;
    type Future = LocalBoxFuture<Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let payload = payload.take();
        Box::pin(async move {
            let (_verifier, delivery, body) = extract::<P, R>(req, payload).await?;
            Ok(Verified::new(delivery, body))
        })
    }
}

impl<P, R> FromRequest for VerifiedEvent<P, R>
where
    P: Parse,
    R: VerifierResolver<P>,
{
    type Error = Rejection;
    type Future = LocalBoxFuture<Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let payload = payload.take();
        Box::pin(async move {
            let (verifier, delivery, body) = extract::<P, R>(req, payload).await?;
            let event = verifier.parse(&delivery, &body).inspect_err(|e| {
                tracing::info!(
                    provider = delivery.provider(),
                    replay_key = delivery.replay_key(),
                    kind = e.kind(),
                    "verified webhook did not parse into the typed event"
                );
            })?;
            Ok(VerifiedEvent::new(delivery, event, body))
        })
    }
}

impl<S, B> Transform<S, ServiceRequest> for ReplayCommit
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = ReplayCommitMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ReplayCommitMiddleware {
            service: Rc::new(service),
        }))
    }
}

/// The middleware made by [`ReplayCommit`] for actix-web.
#[derive(Debug)]
pub struct ReplayCommitMiddleware<S> {
    service: Rc<S>,
}

impl<S, B> Service<ServiceRequest> for ReplayCommitMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<Result<ServiceResponse<B>, actix_web::Error>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let slot = DecisionSlot::default();
        req.extensions_mut().insert(slot.clone());
        let response = self.service.call(req);
        Box::pin(async move {
            match catch_panic(response).await {
                Ok(result) => {
                    let success = matches!(&result, Ok(res) if res.status().is_success());
                    slot.decide(success).await;
                    result
                }
                Err(panic) => {
                    slot.decide(false).await;
                    std::panic::resume_unwind(panic)
                }
            }
        })
    }
}

impl<S, B> Transform<S, ServiceRequest> for SourceAllowlist
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = SourceAllowlistMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(SourceAllowlistMiddleware {
            service: Rc::new(service),
            list: self.clone(),
        }))
    }
}

/// The middleware made by [`SourceAllowlist`] for actix-web: answers 403 to requests from
/// outside the list (by `peer_addr`, or forwarding headers from trusted proxies), without
/// reading their payload.
#[derive(Debug)]
pub struct SourceAllowlistMiddleware<S> {
    service: Rc<S>,
    list: SourceAllowlist,
}

impl<S, B> Service<ServiceRequest> for SourceAllowlistMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<Result<Self::Response, actix_web::Error>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        match self.list.check_logged(req.peer_addr(), req.headers()) {
            Ok(_) => {
                let response = self.service.call(req);
                Box::pin(async move { response.await.map(ServiceResponse::map_into_left_body) })
            }
            Err(e) => {
                let response = Rejection::Verification(e).error_response();
                Box::pin(ready(Ok(req.into_response(response).map_into_right_body())))
            }
        }
    }
}
