//! Framework integrations: axum, actix-web and tower.
//!
//! Each integration is a thin shell around the same framework-free core a custom server calls
//! ([`Verifier::verify`], [`Verifier::reserve`], [`Verifier::parse`], [`Verifier::handshake`]):
//!
//! 1. pick the [`Verifier`] for the request (from state, or per tenant through a
//!    [`VerifierResolver`]);
//! 2. read the body with the verifier's limit ([`Verifier::max_body_size`], 1 MiB by default)
//!    enforced *while* reading — a declared `Content-Length` over the limit is refused before a
//!    byte is read, a chunked body is cut off as soon as it passes the limit (413) — and within
//!    its deadline ([`Verifier::body_read_timeout`], 10 s by default: 408 for a client that
//!    trickles or stalls);
//! 3. verify signature and timestamp against the exact bytes received — for providers that
//!    sign the URL (Twilio, Square, HubSpot), against the URL built from the verifier's
//!    [`PublicUrl`](crate::public_url::PublicUrl), never from the client's `Host` header;
//! 4. answer a provider's endpoint check ([`crate::Handshake`]) for the user: an unsigned one
//!    ([`crate::Provider::endpoint_check`]: Meta's subscription `GET`, Dropbox's `challenge`,
//!    …) before step 3, a signed one (Slack's `url_verification`, …) after it — so route the
//!    endpoint's `GET` and `POST` to the same handler (axum `get(h).post(h)`, actix
//!    `web::route()`);
//! 5. claim the delivery's replay key in the replay store, if one is configured — derived from
//!    signed material only, exactly as [`Verifier::replay_key`] (a copy seen before gets
//!    `200 OK`, or 409 while the first is still being handled, and the handler does not run);
//! 6. run the handler; then **commit** the claim when the response is 2xx, **release** it when
//!    the handler failed (any other status, or a panic, which is caught, released and resumed),
//!    so a failed handler never swallows the provider's retry. A request cancelled mid-handler
//!    (the client closed the connection) does neither: its claim stays in flight until the
//!    in-flight TTL, so closing the socket cannot get a captured request processed twice.
//!
//! | outcome | status | handler runs |
//! |---|---|---|
//! | verified | the handler's | yes |
//! | missing / malformed header | 400 | no |
//! | bad signature, timestamp outside the window | 401 | no |
//! | source address not allowed ([`SourceAllowlist`]) | 403 | no |
//! | unknown tenant ([`ResolveError::UnknownTenant`]) | 404 | no |
//! | body not received within [`Verifier::body_read_timeout`] | 408 | no |
//! | body over the limit | 413 | no |
//! | verified but the typed parse failed ([`VerifiedEvent`]) | 422 | no |
//! | endpoint check (Slack `url_verification`, Meta's subscription `GET`, …) | 200, the provider's answer | no |
//! | unsigned endpoint check with a wrong verify token | 403 | no |
//! | duplicate delivery (first copy processed / still in flight) | 200 / 409 | no |
//! | replay store unreachable, tenant lookup failed | 503 | no |
//! | receiver misconfigured (see [`Rejection::Misconfigured`]) | 500 | no |
//!
//! Rejection bodies are short `text/plain` lines naming the kind (`signature_mismatch: no
//! signature matched`); they never carry a secret, an expected signature or the body.
//!
//! # The recommended pattern
//!
//! Use the [`Verified`] or [`VerifiedEvent`] extractor and wrap the route in [`ReplayCommit`]
//! (a tower layer for axum, a middleware for actix-web). The extractor verifies and claims the
//! delivery; the layer commits or releases the claim from the handler's response status, so a
//! handler cannot forget either. When a replay store is configured and the layer is missing,
//! the extractor refuses with 500 ([`Rejection::Misconfigured`]) instead of silently losing
//! replay protection. Without a replay store, the layer is not needed.
//!
//! For a tower stack without extractors (hyper, tonic), [`tower::WebhookLayer`] does all six
//! steps and hands the inner service the buffered body with the [`Delivery`] in the request
//! extensions.
//!
//! [`Delivery`]: crate::Delivery
//!
//! # Tracing
//!
//! Each verification runs in one `tracing` span named `webhook` with the fields `provider`,
//! `outcome` (`accepted`, `handshake` or the error kind) and `delivery_id`. The body, the headers
//! and secrets are never recorded.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
#[cfg(any(feature = "axum", feature = "actix-web"))]
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::Poll;

use bytes::Bytes;
use http::StatusCode;
use tracing::Instrument;

#[cfg(any(feature = "axum", feature = "actix-web"))]
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::headers::Headers;
#[cfg(any(feature = "axum", feature = "actix-web"))]
use crate::provider::Parse;
use crate::provider::Provider;
use crate::replay::Reservation;
use crate::request::WebhookRequest;
use crate::verify::{Accepted, Verifier};

pub mod source;
pub mod tenant;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

pub use source::{ForwardedHeader, InvalidCidr, SourceAllowlist};
pub use tenant::{
    BoxResolver, ResolveError, StaticTenants, TenantFn, TenantKey, TenantLookup, TenantRequest,
    VerifierResolver,
};

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// A verified webhook: what the signature proved and the exact body bytes.
///
/// An extractor for axum (feature `axum`) and actix-web (feature `actix-web`). `R` is where the
/// verifier comes from: the [`Verifier<P>`] itself (the default) or any [`VerifierResolver`],
/// such as [`StaticTenants`] for multi-tenant receivers.
///
/// Destructure it in the handler's arguments: `Verified { delivery, body, .. }: Verified<GitHub>`.
pub struct Verified<P, R = Verifier<P>> {
    /// What the signature proved (provider, timestamp, delivery id, event name).
    pub delivery: Delivery,
    /// The exact body bytes that were verified.
    pub body: Bytes,
    _marker: PhantomData<fn() -> (P, R)>,
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl<P, R> Verified<P, R> {
    pub(crate) fn new(delivery: Delivery, body: Bytes) -> Self {
        Self {
            delivery,
            body,
            _marker: PhantomData,
        }
    }
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl<P, R> fmt::Debug for Verified<P, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("delivery", &self.delivery)
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// A verified webhook parsed into the provider's typed event ([`Parse::Event`]).
///
/// Like [`Verified`], plus the typed parse: a body whose signature holds but which does not
/// parse is refused with 422 and the handler does not run.
///
/// `VerifiedEvent { delivery, event, .. }: VerifiedEvent<Stripe>`.
pub struct VerifiedEvent<P: Parse, R = Verifier<P>> {
    /// What the signature proved.
    pub delivery: Delivery,
    /// The typed event.
    pub event: P::Event,
    /// The exact body bytes that were verified.
    pub body: Bytes,
    _marker: PhantomData<fn() -> R>,
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl<P: Parse, R> VerifiedEvent<P, R> {
    pub(crate) fn new(delivery: Delivery, event: P::Event, body: Bytes) -> Self {
        Self {
            delivery,
            event,
            body,
            _marker: PhantomData,
        }
    }
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl<P: Parse, R> fmt::Debug for VerifiedEvent<P, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::events::TypedEvent;
        f.debug_struct("VerifiedEvent")
            .field("delivery", &self.delivery)
            .field("event", &self.event.variant_name())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Why an extractor or layer answered instead of running the handler.
///
/// Each variant has a fixed status ([`Rejection::status`]) and a short body
/// ([`Rejection::body_text`]). It is the `Rejection` of the axum extractors (it implements
/// `IntoResponse`) and the `Error` of the actix-web ones (it implements `ResponseError`).
#[derive(Debug)]
#[non_exhaustive]
pub enum Rejection {
    /// Verification failed, the delivery is a duplicate, or the replay store is unreachable:
    /// the status is [`Error::status`].
    Verification(Error),
    /// The verified request is a provider's endpoint check; the answer is sent with 200.
    Handshake(Handshake),
    /// The body could not be read (the client went away, broken chunked framing): 400.
    BodyUnreadable,
    /// The whole body did not arrive within [`Verifier::body_read_timeout`]: 408 Request
    /// Timeout.
    BodyReadTimeout,
    /// No verifier for this request: 404 for an unknown tenant, 503 when the lookup failed.
    Tenant(ResolveError),
    /// The receiver is set up wrongly (a replay store without the [`ReplayCommit`] layer, no
    /// verifier in the application data, a provider that signs the URL without a
    /// [`crate::VerifierBuilder::public_url`]): 500. The message (logged, not sent) says what
    /// to fix.
    Misconfigured(&'static str),
}

impl Rejection {
    /// The HTTP status to answer with.
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::Verification(e) => e.status(),
            Rejection::Handshake(_) => StatusCode::OK,
            Rejection::BodyUnreadable => StatusCode::BAD_REQUEST,
            Rejection::BodyReadTimeout => StatusCode::REQUEST_TIMEOUT,
            Rejection::Tenant(e) => e.status(),
            Rejection::Misconfigured(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable identifier of the kind: [`Error::kind`] for verification errors, else
    /// `handshake`, `body_unreadable`, `body_read_timeout`, `unknown_tenant`,
    /// `tenant_unavailable` or `misconfigured`.
    pub fn kind(&self) -> &'static str {
        match self {
            Rejection::Verification(e) => e.kind(),
            Rejection::Handshake(_) => "handshake",
            Rejection::BodyUnreadable => "body_unreadable",
            Rejection::BodyReadTimeout => "body_read_timeout",
            Rejection::Tenant(e) => e.kind(),
            Rejection::Misconfigured(_) => "misconfigured",
        }
    }

    /// The verification error, if that is what this is.
    pub fn error(&self) -> Option<&Error> {
        match self {
            Rejection::Verification(e) => Some(e),
            _ => None,
        }
    }

    /// `true` for a duplicate delivery (handler not run; answered 200 when the first copy was
    /// processed, 409 while it is still in flight so the sender retries later).
    pub fn is_duplicate(&self) -> bool {
        matches!(self, Rejection::Verification(Error::Replayed { .. }))
    }

    /// The response body as text: the kind and, for client errors, what the error says (header
    /// names, reasons, ages; for a payload, the JSON path and the parser's message without the
    /// values it quotes from the body — never secrets, expected signatures or body content).
    /// Server-side errors name only the kind, except a misconfiguration, whose reason (what to
    /// fix) is in the body of debug builds, and in the log always. For a handshake, the
    /// provider's answer.
    pub fn body_text(&self) -> Cow<'_, str> {
        match self {
            Rejection::Verification(e @ Error::InvalidPayload { path, message }) => {
                Cow::Owned(format!(
                    "{}: at `{path}`: {}",
                    e.kind(),
                    without_body_values(message)
                ))
            }
            Rejection::Verification(e) if e.status().is_server_error() => Cow::Borrowed(e.kind()),
            Rejection::Verification(e) => Cow::Owned(format!("{}: {e}", e.kind())),
            Rejection::Handshake(h) => String::from_utf8_lossy(&h.body),
            Rejection::BodyUnreadable => Cow::Borrowed("body_unreadable"),
            Rejection::BodyReadTimeout => Cow::Borrowed("body_read_timeout"),
            Rejection::Tenant(e) => Cow::Borrowed(e.kind()),
            Rejection::Misconfigured(why) if cfg!(debug_assertions) => {
                Cow::Owned(format!("misconfigured: {why}"))
            }
            Rejection::Misconfigured(_) => Cow::Borrowed("misconfigured"),
        }
    }

    /// The `Content-Type` of the response.
    pub fn content_type(&self) -> &'static str {
        match self {
            Rejection::Handshake(h) => h.content_type,
            _ => "text/plain; charset=utf-8",
        }
    }

    /// The response body, for the framework glue.
    pub(crate) fn body_bytes(&self) -> Bytes {
        match self {
            Rejection::Handshake(h) => Bytes::from(h.body.clone()),
            other => Bytes::from(other.body_text().into_owned()),
        }
    }
}

/// The longest parser message put into a response body (characters).
const MAX_REASON: usize = 200;

/// A parser message without the values it quotes from the body: serde writes strings as
/// `"…"`, and other values, unknown fields and unknown variants in backticks. Those go; field
/// names of the expected type (after `missing field` / `duplicate field`) and everything from
/// `expected` on (the type's own description) stay, as do line and column. At most
/// [`MAX_REASON`] characters.
fn without_body_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MAX_REASON));
    let mut rest = message;
    while !rest.is_empty() {
        let at_word = !out.ends_with(|c: char| c.is_alphanumeric());
        if rest.starts_with(", expected ") || (at_word && rest.starts_with("expected ")) {
            // The expected type's description: written by the type, not the body.
            out.push_str(rest);
            break;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        match c {
            '"' => {
                // A quoted body string, with `\"` escapes: dropped.
                let mut escaped = false;
                let mut end = rest.len();
                for (i, ch) in rest.char_indices().skip(1) {
                    match ch {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => {
                            end = i + 1;
                            break;
                        }
                        _ => escaped = false,
                    }
                }
                trim_trailing_space(&mut out);
                rest = rest.get(end..).unwrap_or_default();
            }
            '`' => {
                let close = rest
                    .get(1..)
                    .and_then(|r| r.find('`'))
                    .map_or(rest.len(), |i| i + 2);
                if out.ends_with("missing field ") || out.ends_with("duplicate field ") {
                    out.push_str(rest.get(..close).unwrap_or(rest));
                } else {
                    trim_trailing_space(&mut out);
                }
                rest = rest.get(close..).unwrap_or_default();
            }
            _ => {
                out.push(c);
                rest = chars.as_str();
            }
        }
    }
    if out.chars().count() > MAX_REASON {
        out = out.chars().take(MAX_REASON).collect::<String>() + "…";
    }
    out
}

fn trim_trailing_space(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Verification(e) => write!(f, "webhook rejected: {e}"),
            Rejection::Handshake(_) => f.write_str("webhook endpoint check answered"),
            Rejection::BodyUnreadable => f.write_str("webhook body could not be read"),
            Rejection::BodyReadTimeout => {
                f.write_str("webhook body not received within the read deadline")
            }
            Rejection::Tenant(e) => write!(f, "webhook tenant: {e}"),
            Rejection::Misconfigured(why) => write!(f, "webhook receiver misconfigured: {why}"),
        }
    }
}

impl std::error::Error for Rejection {}

impl From<Error> for Rejection {
    fn from(e: Error) -> Self {
        Rejection::Verification(e)
    }
}

impl From<ResolveError> for Rejection {
    fn from(e: ResolveError) -> Self {
        Rejection::Tenant(e)
    }
}

/// Commits or releases the replay reservation of the request it wraps, from the response
/// status: 2xx commits; any other status, an error or a panic (caught, then resumed) releases. A
/// request dropped mid-handler does neither: its claim stays in flight until the in-flight TTL.
///
/// A tower `Layer` (features `tower`/`axum`) and an actix-web middleware (feature
/// `actix-web`). Put it on every route that uses [`Verified`] or [`VerifiedEvent`] with a
/// verifier that has a replay store:
///
/// ```text
/// Router::new().route("/hooks", post(handler)).route_layer(ReplayCommit::new()) // axum
/// App::new().route("/hooks", web::post().to(handler)).wrap(ReplayCommit::new()) // actix-web
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ReplayCommit {
    _private: (),
}

impl ReplayCommit {
    /// The layer / middleware.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Where an extractor leaves its reservation for [`ReplayCommit`] to decide (a request
/// extension). Dropping the last handle of an undecided reservation keeps it in flight until its
/// TTL (cancellation fails closed).
#[derive(Clone, Default)]
pub(crate) struct DecisionSlot(Arc<Mutex<Option<Reservation>>>);

impl DecisionSlot {
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn put(&self, reservation: Reservation) {
        let previous = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(reservation);
        drop(previous);
    }

    fn take(&self) -> Option<Reservation> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Commits (`success`) or releases the reservation left here, if any.
    pub(crate) async fn decide(&self, success: bool) {
        decide(self.take(), success).await;
    }
}

/// Commits (`success`) or releases `reservation`, logging a store failure.
pub(crate) async fn decide(reservation: Option<Reservation>, success: bool) {
    let Some(reservation) = reservation else {
        return;
    };
    let result = if success {
        reservation.commit().await
    } else {
        reservation.release().await
    };
    if let Err(e) = result {
        // The id stays in flight until the in-flight TTL ends; copies meanwhile are duplicates.
        tracing::warn!(
            kind = e.kind(),
            committing = success,
            "webhook replay store failed to record the handler's outcome"
        );
    }
}

/// Runs `future` to completion, catching a panic so that the caller can release the
/// reservation (a panicking handler is an explicit failure) before resuming the unwind.
pub(crate) async fn catch_panic<F: Future>(
    future: F,
) -> Result<F::Output, Box<dyn std::any::Any + Send>> {
    let mut future = std::pin::pin!(future);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => Poll::Ready(Err(panic)),
        }
    })
    .await
}

/// The request as the integrations see it once the body is read.
pub(crate) struct RequestView<'a> {
    pub(crate) headers: &'a (dyn Headers + Sync),
    pub(crate) body: &'a [u8],
    pub(crate) method: &'a str,
    /// The signed URL, when the provider signs one or a public URL is configured.
    pub(crate) url: Option<&'a str>,
    /// The query string as received (without `?`), for unsigned endpoint checks.
    pub(crate) query: Option<&'a str>,
}

/// Verify, answer a handshake, claim the delivery id: steps 3–5 of the module docs, in one
/// `webhook` span.
pub(crate) async fn accept<P: Provider>(
    verifier: &Verifier<P>,
    req: RequestView<'_>,
) -> Result<Accepted, Rejection> {
    let span = tracing::info_span!(
        "webhook",
        provider = verifier.provider().name(),
        outcome = tracing::field::Empty,
        delivery_id = tracing::field::Empty,
        replay_key = tracing::field::Empty,
    );
    let result = accept_in_span(verifier, req, &span)
        .instrument(span.clone())
        .await;
    let outcome = match &result {
        Ok(_) => "accepted",
        Err(rejection) => rejection.kind(),
    };
    span.record("outcome", outcome);
    let _entered = span.enter();
    match &result {
        Ok(_) => tracing::debug!("webhook accepted"),
        Err(Rejection::Handshake(_)) => tracing::info!("webhook endpoint check answered"),
        Err(r) if r.is_duplicate() => {
            tracing::info!("duplicate webhook delivery: answered 200, handler not run");
        }
        Err(r) if r.status().is_server_error() => {
            tracing::error!(kind = r.kind(), "webhook could not be checked");
        }
        Err(r) => tracing::info!(
            kind = r.kind(),
            status = r.status().as_u16(),
            "webhook rejected"
        ),
    }
    result
}

async fn accept_in_span<P: Provider>(
    verifier: &Verifier<P>,
    req: RequestView<'_>,
    span: &tracing::Span,
) -> Result<Accepted, Rejection> {
    let delivery = {
        // Verification and key derivation are synchronous and need the borrowed request; only
        // the replay store is awaited.
        let mut request = WebhookRequest::new(req.headers, req.body).with_method(req.method);
        if let Some(url) = req.url {
            request = request.with_url(url);
        }
        if let Some(query) = req.query {
            request = request.with_query(query);
        }
        // An unsigned endpoint check (Meta's subscription GET, …) is answered or refused
        // before anything is verified: it carries no signature.
        if let Some(answer) = verifier.endpoint_check(&request) {
            return Err(match answer {
                Ok(answer) => Rejection::Handshake(answer),
                Err(e) => Rejection::Verification(e),
            });
        }
        let delivery = verifier.check(&request)?;
        if let Some(answer) = verifier.handshake(&delivery, req.body) {
            return Err(Rejection::Handshake(answer));
        }
        verifier.keyed(delivery, &request)
    };
    // Signed ids and replay keys are bounded; unsigned ids are bounded hints
    // (`MAX_UNSIGNED_ID_LEN`).
    if let Some(id) = delivery.signed_id().or(delivery.unsigned_id()) {
        span.record("delivery_id", id);
    }
    if let Some(key) = delivery.replay_key() {
        span.record("replay_key", key);
    }
    let reservation = verifier.reserve_keyed(&delivery).await?;
    Ok(Accepted {
        delivery,
        reservation,
    })
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// Leaves `reservation` in the request's [`DecisionSlot`], or refuses when there is none.
pub(crate) fn hand_over(
    reservation: Option<Reservation>,
    slot: Option<&DecisionSlot>,
) -> Result<(), Rejection> {
    match (reservation, slot) {
        (None, _) => Ok(()),
        (Some(reservation), Some(slot)) => {
            slot.put(reservation);
            Ok(())
        }
        (Some(reservation), None) => {
            reservation.release_in_background();
            tracing::error!(
                "a replay store is configured but the route is not wrapped in `ReplayCommit`"
            );
            Err(Rejection::Misconfigured(
                "a replay store is configured but the route is not wrapped in `ReplayCommit`",
            ))
        }
    }
}

/// The URL a sender signed, for [`RequestView::url`]: built from the verifier's
/// [`PublicUrl`](crate::public_url::PublicUrl) and the request's path and query as received.
///
/// `None` when the provider does not sign the URL and no public URL is configured (nothing to
/// build), or when building fails for such a provider (it does not need it). For a provider
/// that signs the URL, an unset or unusable configuration is [`Rejection::Misconfigured`]
/// (500, the reason logged) and a malformed value from a trusted proxy is a 400: the `Host`
/// header is never used instead.
pub(crate) fn signed_url<P: Provider>(
    verifier: &Verifier<P>,
    headers: &dyn Headers,
    path_and_query: &str,
) -> Result<Option<String>, Rejection> {
    let source = verifier.public_url();
    let needed = verifier.provider().signs_url();
    if !needed && !source.is_configured() {
        return Ok(None);
    }
    match source.url_for(headers, path_and_query) {
        Ok(url) => Ok(Some(url)),
        Err(_) if !needed => Ok(None),
        Err(Error::InvalidConfig(why)) => {
            tracing::error!(
                provider = verifier.provider().name(),
                "webhook receiver misconfigured: {why}"
            );
            Err(Rejection::Misconfigured(why))
        }
        Err(e) => {
            tracing::info!(
                provider = verifier.provider().name(),
                kind = e.kind(),
                "webhook rejected: {e}"
            );
            Err(Rejection::Verification(e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_messages_lose_the_values_they_quote_from_the_body() {
        for (message, safe) in [
            (
                "missing field `ref` at line 1 column 11",
                "missing field `ref` at line 1 column 11",
            ),
            (
                r#"invalid type: string "secret \"stuff", expected u64 at line 1 column 9"#,
                "invalid type: string, expected u64 at line 1 column 9",
            ),
            (
                "invalid type: integer `4242`, expected a string at line 2 column 3",
                "invalid type: integer, expected a string at line 2 column 3",
            ),
            (
                "unknown variant `private-value`, expected one of `a`, `b`",
                "unknown variant, expected one of `a`, `b`",
            ),
            (
                "unknown field `token`, expected `id`",
                "unknown field, expected `id`",
            ),
            ("duplicate field `id`", "duplicate field `id`"),
            (
                "EOF while parsing an object at line 1 column 1",
                "EOF while parsing an object at line 1 column 1",
            ),
            (
                "expected value at line 1 column 1",
                "expected value at line 1 column 1",
            ),
            (r#"invalid value: string "x"#, "invalid value: string"),
            ("unterminated `quote", "unterminated"),
            ("unexpected `x`", "unexpected"),
        ] {
            assert_eq!(without_body_values(message), safe, "{message}");
        }
        let long = "x".repeat(500);
        assert_eq!(without_body_values(&long).chars().count(), MAX_REASON + 1);
    }

    #[test]
    fn misconfiguration_says_what_to_fix_in_debug_builds() {
        let r = Rejection::Misconfigured("add the ReplayCommit layer after this route");
        assert_eq!(r.status(), 500);
        if cfg!(debug_assertions) {
            assert_eq!(
                r.body_text(),
                "misconfigured: add the ReplayCommit layer after this route"
            );
        } else {
            assert_eq!(r.body_text(), "misconfigured");
        }
    }

    #[test]
    fn rejection_bodies_name_the_kind_and_hide_server_details() {
        let r = Rejection::from(Error::SignatureMismatch);
        assert_eq!(r.status(), 401);
        assert_eq!(r.body_text(), "signature_mismatch: no signature matched");
        let r = Rejection::from(Error::ReplayStoreUnavailable(
            "redis://user:pw@10.0.0.1".into(),
        ));
        assert_eq!(r.status(), 503);
        assert_eq!(r.body_text(), "replay_store_unavailable");
        let r = Rejection::from(Error::InvalidPayload {
            path: "data.id".into(),
            message: "invalid type: string \"private\"".into(),
        });
        assert_eq!(r.status(), 422);
        assert_eq!(
            r.body_text(),
            "invalid_payload: at `data.id`: invalid type: string"
        );
        let r = Rejection::from(Error::Unsupported("SHA-1 signatures are not accepted"));
        assert_eq!(
            r.body_text(),
            "unsupported: SHA-1 signatures are not accepted"
        );
        let r = Rejection::Handshake(Handshake::text("abc"));
        assert_eq!(r.status(), 200);
        assert_eq!(r.body_bytes(), Bytes::from_static(b"abc"));
    }

    #[test]
    fn body_read_timeout_is_408() {
        let r = Rejection::BodyReadTimeout;
        assert_eq!(r.status(), 408);
        assert_eq!(r.kind(), "body_read_timeout");
        assert_eq!(r.body_text(), "body_read_timeout");
    }

    #[test]
    fn signed_url_only_for_providers_that_sign_it_or_when_configured() {
        use crate::providers::{github::GitHub, twilio::Twilio};
        use crate::public_url::ProxyHeaders;
        use crate::Secret;
        let spoof = [
            ("Host", "staging.example.com"),
            ("X-Forwarded-Proto", "http"),
        ];
        let github = Verifier::builder(GitHub)
            .secret(Secret::from_text("0123456789abcdef0123456789abcdef"))
            .build()
            .unwrap();
        assert_eq!(signed_url(&github, &spoof, "/h").unwrap(), None);
        let twilio = Verifier::builder(Twilio)
            .secret(Secret::from_text("0123456789abcdef0123456789abcdef"))
            .build()
            .unwrap();
        let r = signed_url(&twilio, &spoof, "/h").unwrap_err();
        assert_eq!((r.status().as_u16(), r.kind()), (500, "misconfigured"));
        let twilio = Verifier::builder(Twilio)
            .secret(Secret::from_text("0123456789abcdef0123456789abcdef"))
            .public_url("https://hooks.example.com/")
            .build()
            .unwrap();
        assert_eq!(
            signed_url(&twilio, &spoof, "/h?a=1").unwrap().as_deref(),
            Some("https://hooks.example.com/h?a=1")
        );
        fn proxied<P: Provider>(provider: P) -> Verifier<P> {
            Verifier::builder(provider)
                .secret(Secret::from_text("0123456789abcdef0123456789abcdef"))
                .trust_forwarded_headers(ProxyHeaders::XForwarded, 1)
                .build()
                .unwrap()
        }
        // A proxy that sent no forwarding headers: misconfigured for Twilio, no matter for
        // GitHub.
        let r = signed_url(&proxied(Twilio), &spoof, "/h").unwrap_err();
        assert_eq!(r.kind(), "misconfigured");
        assert_eq!(signed_url(&proxied(GitHub), &spoof, "/h").unwrap(), None);
        let bad = [("X-Forwarded-Proto", "gopher"), ("X-Forwarded-Host", "h")];
        let r = signed_url(&proxied(Twilio), &bad, "/h").unwrap_err();
        assert_eq!((r.status().as_u16(), r.kind()), (400, "malformed_header"));
    }
}
