//! tower: [`WebhookLayer`] verifies webhooks in front of any `http` service (hyper, tonic,
//! axum routes); [`ReplayCommit`] and [`SourceAllowlist`] are layers too.
//!
//! [`WebhookLayer`] reads the body with the verifier's limit and deadline, verifies it, answers
//! handshakes, duplicates and rejections itself, and calls the inner service only for a
//! verified, fresh delivery: with the buffered body (`Full<Bytes>`) and the [`Delivery`] in the
//! request extensions. It commits the replay reservation when the inner response is 2xx and
//! releases it otherwise.
//!
//! ```
//! use std::convert::Infallible;
//! use bytes::Bytes;
//! use http::{Request, Response};
//! use http_body_util::Full;
//! use tower::ServiceBuilder;
//! use webhook_guard::integrations::tower::WebhookLayer;
//! use webhook_guard::{providers::github::GitHub, replay::MemoryStore, Delivery, Secret, Verifier};
//!
//! let verifier = Verifier::builder(GitHub)
//!     .secret(Secret::from_text("It's a Secret to Everybody"))
//!     .replay_store(MemoryStore::new(100_000))
//!     .build()?;
//! let service = ServiceBuilder::new()
//!     .layer(WebhookLayer::new(verifier))
//!     .service_fn(|req: Request<Full<Bytes>>| async move {
//!         let delivery = req.extensions().get::<Delivery>().cloned();
//!         println!("verified: {delivery:?}");
//!         Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"ok"))))
//!     });
//! // Serve it with hyper: `hyper_util::service::TowerToHyperService::new(service)`.
//! # let _ = service;
//! # Ok::<(), webhook_guard::Error>(())
//! ```
//!
//! With a replay store, a call dropped before the inner service answered (the client closed the
//! connection) keeps its reservation in flight until the in-flight TTL: cancellation fails
//! closed. A panicking inner service releases it, and the panic is resumed.
//!
//! [`ReplayCommit`]: super::ReplayCommit

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Request, Response};
use http_body::Body;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use tower_layer::Layer;
use tower_service::Service;

use super::tenant::{TenantRequest, VerifierResolver};
use super::{
    accept, catch_panic, decide, signed_url, DecisionSlot, Rejection, ReplayCommit, RequestView,
};
use crate::delivery::Delivery;
use crate::provider::Provider;
use crate::replay::BoxFuture;
use crate::verify::{Accepted, Verifier};

pub use super::source::SourceAllowlist;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// An `http::Response` for a rejection, with any body type that can be made from `Bytes`.
pub(crate) fn rejection_response<B: From<Bytes>>(rejection: Rejection) -> Response<B> {
    let mut response = Response::new(B::from(rejection.body_bytes()));
    *response.status_mut() = rejection.status();
    if let Ok(value) = HeaderValue::from_str(rejection.content_type()) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    // An endpoint check echoes what the request sent: never let a browser sniff it as HTML.
    response.headers_mut().insert(
        http::header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Resolves the verifier for a request from its head.
pub(crate) async fn resolve_http<P, R>(
    resolver: &R,
    parts: &http::request::Parts,
) -> Result<Verifier<P>, Rejection>
where
    P: Provider,
    R: VerifierResolver<P>,
{
    let request = TenantRequest::new(
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query(),
        &parts.headers,
    );
    resolver.resolve(&request).await.map_err(|e| {
        tracing::info!(kind = e.kind(), "webhook tenant not resolved");
        Rejection::Tenant(e)
    })
}

/// Reads `body` whole, refusing more than `limit` bytes — a larger declared length before
/// reading, a longer stream as soon as it passes the limit — and answering 408 when the whole
/// body has not arrived within `deadline`.
pub(crate) async fn read_body<B>(
    body: B,
    headers: &http::HeaderMap,
    limit: usize,
    deadline: Duration,
) -> Result<Bytes, Rejection>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    let too_large = || Rejection::from(crate::Error::BodyTooLarge { limit });
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit_u64) || body.size_hint().lower() > limit_u64 {
        return Err(too_large());
    }
    let Some(collected) = within(deadline, Limited::new(body, limit).collect()).await else {
        tracing::info!(
            deadline_ms = u64::try_from(deadline.as_millis()).unwrap_or(u64::MAX),
            "webhook body not received within the read deadline: answered 408"
        );
        return Err(Rejection::BodyReadTimeout);
    };
    match collected {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<LengthLimitError>() => Err(too_large()),
        Err(_) => Err(Rejection::BodyUnreadable),
    }
}

/// `future`'s output, or `None` when `deadline` passes first (Tokio's timer). Outside a Tokio
/// runtime there is no timer to use: the future runs unbounded and a warning is logged once.
async fn within<F: Future>(deadline: Duration, future: F) -> Option<F::Output> {
    static WARNED: AtomicBool = AtomicBool::new(false);
    if tokio::runtime::Handle::try_current().is_err() {
        if !WARNED.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                "webhook body read deadline not applied: not running inside a Tokio runtime"
            );
        }
        return Some(future.await);
    }
    tokio::time::timeout(deadline, future).await.ok()
}

/// The path and query the client sent: axum's `OriginalUri` when a nested router stripped a
/// prefix from the request's URI, else the URI's own.
fn path_and_query(parts: &http::request::Parts) -> &str {
    #[cfg(feature = "axum")]
    if let Some(original) = parts.extensions.get::<::axum::extract::OriginalUri>() {
        return original
            .0
            .path_and_query()
            .map_or_else(|| original.0.path(), |pq| pq.as_str());
    }
    parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path(), |pq| pq.as_str())
}

/// The URL the sender signed, from the verifier's public URL settings (see [`signed_url`]).
pub(crate) fn signed_url_http<P: Provider>(
    verifier: &Verifier<P>,
    parts: &http::request::Parts,
) -> Result<Option<String>, Rejection> {
    signed_url(verifier, &parts.headers, path_and_query(parts))
}

/// Verifies a buffered request against `verifier` (steps 3–5); `url` from
/// [`signed_url_http`].
pub(crate) async fn accept_http<P: Provider>(
    verifier: &Verifier<P>,
    parts: &http::request::Parts,
    url: Option<&str>,
    body: &[u8],
) -> Result<Accepted, Rejection> {
    accept(
        verifier,
        RequestView {
            headers: &parts.headers,
            body,
            method: parts.method.as_str(),
            url,
            query: parts.uri.query(),
        },
    )
    .await
}

/// The peer address a layer can see: a `SocketAddr` request extension (insert it when serving
/// with hyper), or axum's `ConnectInfo<SocketAddr>`.
pub(crate) fn peer_addr(extensions: &http::Extensions) -> Option<SocketAddr> {
    #[cfg(feature = "axum")]
    if let Some(info) = extensions.get::<::axum::extract::ConnectInfo<SocketAddr>>() {
        return Some(info.0);
    }
    extensions.get::<SocketAddr>().copied()
}

/// A tower [`Layer`] that verifies webhooks; see the [module docs](self).
///
/// `R` is where the verifier comes from: one [`Verifier`] ([`WebhookLayer::new`]) or a
/// [`VerifierResolver`] for multi-tenant receivers ([`WebhookLayer::with_resolver`]).
pub struct WebhookLayer<P, R = Verifier<P>> {
    resolver: R,
    _provider: PhantomData<fn() -> P>,
}

impl<P: Provider> WebhookLayer<P> {
    /// Verifies every request with `verifier`.
    pub fn new(verifier: Verifier<P>) -> Self {
        Self::with_resolver(verifier)
    }
}

impl<P: Provider, R: VerifierResolver<P>> WebhookLayer<P, R> {
    /// Verifies each request with the verifier `resolver` picks for it.
    pub fn with_resolver(resolver: R) -> Self {
        Self {
            resolver,
            _provider: PhantomData,
        }
    }
}

impl<P, R: Clone> Clone for WebhookLayer<P, R> {
    fn clone(&self) -> Self {
        Self {
            resolver: self.resolver.clone(),
            _provider: PhantomData,
        }
    }
}

impl<P, R: fmt::Debug> fmt::Debug for WebhookLayer<P, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookLayer")
            .field("resolver", &self.resolver)
            .finish()
    }
}

impl<S, P, R: Clone> Layer<S> for WebhookLayer<P, R> {
    type Service = WebhookService<S, P, R>;

    fn layer(&self, inner: S) -> Self::Service {
        WebhookService {
            inner,
            resolver: self.resolver.clone(),
            _provider: PhantomData,
        }
    }
}

/// The service made by [`WebhookLayer`].
pub struct WebhookService<S, P, R = Verifier<P>> {
    inner: S,
    resolver: R,
    _provider: PhantomData<fn() -> P>,
}

impl<S: Clone, P, R: Clone> Clone for WebhookService<S, P, R> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            resolver: self.resolver.clone(),
            _provider: PhantomData,
        }
    }
}

impl<S: fmt::Debug, P, R: fmt::Debug> fmt::Debug for WebhookService<S, P, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookService")
            .field("inner", &self.inner)
            .field("resolver", &self.resolver)
            .finish()
    }
}

impl<S, P, R, ReqBody, ResBody> Service<Request<ReqBody>> for WebhookService<S, P, R>
where
    S: Service<Request<Full<Bytes>>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    P: Provider,
    R: VerifierResolver<P> + Clone,
    ReqBody: Body + Send + 'static,
    ReqBody::Data: Send,
    ReqBody::Error: Into<BoxError>,
    ResBody: From<Bytes> + Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response<ResBody>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        // The clone is not ready; call the one that is (see tower's `Service` docs).
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        let resolver = self.resolver.clone();
        Box::pin(async move {
            let (mut parts, body) = req.into_parts();
            let checked = async {
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
                Ok::<_, Rejection>((accepted, bytes))
            };
            let (accepted, bytes) = match checked.await {
                Ok(ok) => ok,
                Err(rejection) => return Ok(rejection_response(rejection)),
            };
            let Accepted {
                delivery,
                reservation,
            } = accepted;
            parts.extensions.insert::<Delivery>(delivery);
            let call = inner.call(Request::from_parts(parts, Full::new(bytes)));
            match catch_panic(call).await {
                Ok(result) => {
                    let success = matches!(&result, Ok(res) if res.status().is_success());
                    decide(reservation, success).await;
                    result
                }
                Err(panic) => {
                    decide(reservation, false).await;
                    std::panic::resume_unwind(panic)
                }
            }
        })
    }
}

impl<S> Layer<S> for ReplayCommit {
    type Service = ReplayCommitService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ReplayCommitService { inner }
    }
}

/// The service made by [`ReplayCommit`] as a tower layer.
#[derive(Debug, Clone)]
pub struct ReplayCommitService<S> {
    inner: S,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for ReplayCommitService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ResBody: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<S::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqBody>) -> Self::Future {
        let slot = DecisionSlot::default();
        req.extensions_mut().insert(slot.clone());
        let response = self.inner.call(req);
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

impl<S> Layer<S> for SourceAllowlist {
    type Service = SourceAllowlistService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        SourceAllowlistService {
            inner,
            list: self.clone(),
        }
    }
}

/// The service made by [`SourceAllowlist`] as a tower layer: answers 403 to requests from
/// outside the list, without reading their body.
///
/// The peer address comes from axum's `ConnectInfo<SocketAddr>` (serve with
/// `into_make_service_with_connect_info::<SocketAddr>()`) or a `SocketAddr` request extension
/// (insert it yourself with hyper). Without either, every request is refused.
#[derive(Debug, Clone)]
pub struct SourceAllowlistService<S> {
    inner: S,
    list: SourceAllowlist,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for SourceAllowlistService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
    ResBody: From<Bytes> + Send + 'static,
    S::Error: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<S::Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        match self
            .list
            .check_logged(peer_addr(req.extensions()), req.headers())
        {
            Ok(_) => Box::pin(self.inner.call(req)),
            Err(e) => Box::pin(std::future::ready(Ok(rejection_response(
                Rejection::Verification(e),
            )))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    fn block_on<F: Future>(f: F) -> F::Output {
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("not ready"),
        }
    }

    #[test]
    fn declared_length_over_the_limit_is_refused_unread() {
        let mut headers = http::HeaderMap::new();
        headers.insert(CONTENT_LENGTH, HeaderValue::from_static("11"));
        let body = Full::new(Bytes::from_static(b"hello"));
        let err = block_on(read_body(body, &headers, 10, SECOND)).unwrap_err();
        assert_eq!(err.status(), 413);
        let body = Full::new(Bytes::from_static(b"hello world"));
        let err = block_on(read_body(body, &http::HeaderMap::new(), 10, SECOND)).unwrap_err();
        assert_eq!(err.status(), 413);
        let body = Full::new(Bytes::from_static(b"hello"));
        let ok = block_on(read_body(body, &http::HeaderMap::new(), 5, SECOND)).unwrap();
        assert_eq!(ok, Bytes::from_static(b"hello"));
    }
}
