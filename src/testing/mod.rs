//! A test kit: complete signed requests, as each provider would send them, for your handlers'
//! tests (feature `testing`).
//!
//! [`TestDelivery`] signs a body with the provider's own scheme ([`Sign`]) and builds the
//! `http::Request<Bytes>` a sender would post: method, URL, every header the sender sets, the
//! body. Knobs set the delivery id, the timestamp (a stale delivery), the URL (for schemes that
//! sign it), extra or changed headers (what an attacker can change) and tampering (a byte of
//! the body changed after signing). With the `axum` feature, [`axum::call`] drives a `Router`
//! with it in one line.
//!
//! ```
//! use webhook_guard::providers::github::GitHub;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{Secret, Verifier, WebhookRequest};
//!
//! let secret = "a github webhook secret, 20+ characters";
//! let request = TestDelivery::new(GitHub, secret)?
//!     .event("ping")
//!     .body(br#"{"zen":"Keep it logically awesome."}"#.to_vec())
//!     .request()?;
//! assert_eq!(request.headers()["x-github-event"], "ping");
//!
//! let verifier = Verifier::builder(GitHub).secret(Secret::from_text(secret)).build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! assert_eq!(verifier.verify(&req)?.event(), Some("ping"));
//!
//! // A byte changed after signing is refused.
//! let tampered = TestDelivery::new(GitHub, secret)?.event("ping").tampered().request()?;
//! let req = WebhookRequest::new(tampered.headers(), tampered.body());
//! assert_eq!(verifier.verify(&req).unwrap_err().kind(), "signature_mismatch");
//! # Ok::<(), webhook_guard::Error>(())
//! ```

pub mod fixtures;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};

use crate::clock::{Clock, SystemClock, UnixTime};
use crate::error::Error;
use crate::provider::{Sign, SignInput, Signed};
use crate::registry::{self, AnyProvider};
use crate::secret::Secret;

/// What can sign a [`TestDelivery`]: every [`Sign`] provider, and the registry's
/// `Box<dyn AnyProvider>` ([`TestDelivery::by_name`]). Sealed.
pub trait TestSigner: sealed::Sealed {
    /// See [`crate::Provider::name`].
    fn name(&self) -> &'static str;
    /// See [`crate::Provider::secret_from_display`].
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error>;
    /// See [`Sign::sign`].
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error>;
}

mod sealed {
    pub trait Sealed {}
    impl<P: super::Sign> Sealed for P {}
    impl Sealed for Box<dyn super::AnyProvider> {}
}

impl<P: Sign> TestSigner for P {
    fn name(&self) -> &'static str {
        crate::Provider::name(self)
    }

    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        crate::Provider::secret_from_display(self, text)
    }

    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        Sign::sign(self, key, message)
    }
}

impl TestSigner for Box<dyn AnyProvider> {
    fn name(&self) -> &'static str {
        (**self).name()
    }

    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        (**self).secret_from_display(text)
    }

    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        (**self).sign(key, message)
    }
}

impl TestDelivery<Box<dyn AnyProvider>> {
    /// A delivery from the provider named `name` in the [registry]
    /// (`"github"`, `"stripe"`, …), signed with `secret` as the provider displays it.
    pub fn by_name(name: &str, secret: &str) -> Result<Self, Error> {
        let provider = registry::by_name(name).ok_or(Error::InvalidConfig(
            "no provider of that name in the registry",
        ))?;
        Self::new(provider, secret)
    }
}

/// Where a request goes when no URL is given.
pub const DEFAULT_URL: &str = "https://hooks.example.com/webhooks";

/// One delivery to sign and send, built step by step; see the [module docs](self).
#[derive(Debug, Clone)]
#[must_use]
pub struct TestDelivery<P> {
    provider: P,
    key: Secret,
    body: Vec<u8>,
    event: Option<String>,
    id: Option<String>,
    timestamp: Option<UnixTime>,
    url: Option<String>,
    method: String,
    headers: Vec<(String, String)>,
    tampered: bool,
}

impl<P: TestSigner> TestDelivery<P> {
    /// A delivery from `provider`, signed with `secret` as the provider displays it (the
    /// `whsec_…` text, a signing secret, a private key for asymmetric schemes). The body is `{}`
    /// until [`TestDelivery::body`] sets one.
    pub fn new(provider: P, secret: &str) -> Result<Self, Error> {
        let key = provider.secret_from_display(secret)?;
        Ok(Self::with_key(provider, key))
    }

    /// [`TestDelivery::new`] with the signing key as bytes already.
    pub fn with_key(provider: P, key: Secret) -> Self {
        Self {
            provider,
            key,
            body: b"{}".to_vec(),
            event: None,
            id: None,
            timestamp: None,
            url: None,
            method: "POST".to_owned(),
            headers: Vec::new(),
            tampered: false,
        }
    }

    /// The exact body to sign and send.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// A [bundled fixture](fixtures) of this provider as the body (and, for GitHub, its event
    /// name and its `Content-Type`): `"push"`, `"payment_intent.succeeded"`, `"app_mention"`…
    /// [`Error::InvalidConfig`] naming the lookup when the provider has no fixture of that name.
    pub fn fixture(mut self, name: &str) -> Result<Self, Error> {
        let fixture = fixtures::find(self.provider.name(), name).ok_or(Error::InvalidConfig(
            "no bundled fixture of that name for this provider (see testing::fixtures)",
        ))?;
        self.body = fixture.body().to_vec();
        if let Some(event) = fixture.event() {
            self.event = Some(event.to_owned());
        }
        self.headers
            .push(("Content-Type".to_owned(), fixture.content_type().to_owned()));
        Ok(self)
    }

    /// The body as compact JSON.
    pub fn json<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<Self, Error> {
        let body = serde_json::to_vec(value).map_err(|e| Error::payload(".", e))?;
        Ok(self.body(body))
    }

    /// The event name, for schemes that send it in a header (GitHub's `X-GitHub-Event`).
    pub fn event(mut self, event: impl Into<String>) -> Self {
        self.event = Some(event.into());
        self
    }

    /// The delivery id, for schemes that send one (derived from the body and the timestamp
    /// otherwise). Two deliveries with one id are a retry of one delivery.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The time to sign (default: the system clock when [`TestDelivery::request`] runs); an
    /// old one makes a stale delivery.
    pub fn timestamp(mut self, at: UnixTime) -> Self {
        self.timestamp = Some(at);
        self
    }

    /// The full URL the sender posts to (default [`DEFAULT_URL`]); the one that URL-signing
    /// schemes (Twilio, Square, HubSpot) sign. Configure the verifier's
    /// [`public_url`](crate::VerifierBuilder::public_url) to match.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The HTTP method (default `POST`; HubSpot signs it).
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.method = method.into();
        self
    }

    /// Sets a header after signing, replacing the signed request's header of that name: what
    /// anyone holding a captured request can do to the headers a scheme does not sign.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Changes one byte of the body after signing, so the signature no longer holds (for a
    /// provider whose scheme does not authenticate the body,
    /// [`Provider::authenticates_body`](crate::Provider::authenticates_body) `false`, the
    /// changed body is still accepted: that is what such a scheme proves).
    pub fn tampered(mut self) -> Self {
        self.tampered = true;
        self
    }

    /// Signs and builds the request: method, URL, the sender's headers (then the ones set with
    /// [`TestDelivery::header`]), the body. Errors when the provider cannot sign with this key
    /// or a header is not valid HTTP.
    pub fn request(&self) -> Result<http::Request<Bytes>, Error> {
        let url = self.url.as_deref().unwrap_or(DEFAULT_URL);
        let at = self.timestamp.unwrap_or_else(|| SystemClock.now());
        let mut message = SignInput::new(&self.body, at)
            .with_url(url)
            .with_method(&self.method);
        if let Some(event) = &self.event {
            message = message.with_event(event);
        }
        if let Some(id) = &self.id {
            message = message.with_id(id);
        }
        let signed = self.provider.sign(&self.key, &message)?;
        let mut body = signed.body.unwrap_or_else(|| self.body.clone());
        if self.tampered {
            tamper(&mut body);
        }
        let uri = signed.url.as_deref().unwrap_or(url);
        let mut request = http::Request::builder()
            .method(self.method.as_str())
            .uri(uri)
            .body(Bytes::from(body))
            .map_err(|_| Error::InvalidConfig("the test delivery's method or URL is not valid"))?;
        let headers = request.headers_mut();
        let has_content_type = signed
            .headers
            .iter()
            .chain(&self.headers)
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        for (name, value) in &signed.headers {
            headers.append(header_name(name)?, header_value(value)?);
        }
        for (name, value) in &self.headers {
            headers.insert(header_name(name)?, header_value(value)?);
        }
        if !has_content_type {
            headers.insert(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
        }
        Ok(request)
    }
}

/// Changes a body after signing so that its signature no longer holds: flips one bit of the
/// middle byte (an empty body gets one byte instead). What [`TestDelivery::tampered`] and
/// `webhook-guard send --tamper` do.
///
/// ```
/// let mut body = b"{\"a\":1}".to_vec();
/// webhook_guard::testing::tamper(&mut body);
/// assert_eq!(body.iter().zip(b"{\"a\":1}").filter(|(a, b)| a != b).count(), 1);
/// let mut empty = Vec::new();
/// webhook_guard::testing::tamper(&mut empty);
/// assert_eq!(empty, b" ");
/// ```
pub fn tamper(body: &mut Vec<u8>) {
    let middle = body.len() / 2;
    match body.get_mut(middle) {
        Some(byte) => *byte ^= 0x01,
        None => body.push(b' '),
    }
}

fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::try_from(name)
        .map_err(|_| Error::InvalidConfig("a test delivery's header name is not valid HTTP"))
}

fn header_value(value: &str) -> Result<HeaderValue, Error> {
    HeaderValue::try_from(value)
        .map_err(|_| Error::InvalidConfig("a test delivery's header value is not valid HTTP"))
}

/// Driving an axum `Router` with a test delivery (features `testing` and `axum`).
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum {
    use std::net::SocketAddr;

    use bytes::Bytes;
    use tower_service::Service;

    /// Sends `request` through `router` in-process (no socket) and collects the answer, as
    /// axum would serve it from 127.0.0.1 (`ConnectInfo` is set to that address).
    ///
    /// ```
    /// # #[cfg(feature = "github")]
    /// # mod example {
    /// use axum::{routing::post, Router};
    /// use webhook_guard::integrations::axum::VerifiedEvent;
    /// use webhook_guard::providers::github::GitHub;
    /// use webhook_guard::testing::{self, TestDelivery};
    /// use webhook_guard::{Secret, Verifier};
    ///
    /// const SECRET: &str = "a github webhook secret, 20+ characters";
    ///
    /// async fn handler(hook: VerifiedEvent<GitHub>) -> String {
    ///     format!("got {}", hook.event.name())
    /// }
    ///
    /// # pub async fn run() -> Result<(), webhook_guard::Error> {
    /// let verifier = Verifier::builder(GitHub).secret(Secret::from_text(SECRET)).build()?;
    /// let app = Router::new().route("/webhooks", post(handler)).with_state(verifier);
    ///
    /// let request = TestDelivery::new(GitHub, SECRET)?.event("ping").request()?;
    /// let response = testing::axum::call(&app, request).await;
    /// assert_eq!(response.status(), 200);
    /// assert_eq!(response.body(), "got ping");
    ///
    /// let forged = TestDelivery::new(GitHub, "another secret, 20+ characters")?
    ///     .event("ping")
    ///     .request()?;
    /// assert_eq!(testing::axum::call(&app, forged).await.status(), 401);
    /// # Ok(()) }
    /// # }
    /// # #[cfg(feature = "github")]
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(example::run()).unwrap();
    /// ```
    pub async fn call(
        router: &::axum::Router,
        request: http::Request<Bytes>,
    ) -> http::Response<Bytes> {
        let mut service = router.clone();
        let mut request = request.map(::axum::body::Body::from);
        request
            .extensions_mut()
            .insert(::axum::extract::ConnectInfo(SocketAddr::from((
                [127, 0, 0, 1],
                0,
            ))));
        let response = match std::future::poll_fn(|cx| {
            <::axum::Router as Service<http::Request<::axum::body::Body>>>::poll_ready(
                &mut service,
                cx,
            )
        })
        .await
        {
            Ok(()) => match service.call(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            },
            Err(never) => match never {},
        };
        let (parts, body) = response.into_parts();
        // The body of a response this process just made; a failure to read it reads as empty.
        let bytes = ::axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        http::Response::from_parts(parts, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;
    use crate::{Secrets, Tolerance, WebhookRequest};

    /// Every registry provider: a test delivery verifies, a tampered one does not.
    #[test]
    fn every_provider_signs_requests_its_verifier_accepts() {
        let now = SystemClock.now();
        let mut checked = 0;
        for entry in registry::PROVIDERS {
            let name = entry.name;
            let key = match name {
                // Asymmetric schemes sign with a private key (RFC 8032 test key 1 for Ed25519).
                "discord" => Secret::from_bytes(
                    crate::crypto::encoding::decode_hex_any_case(
                        b"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                    )
                    .unwrap(),
                ),
                "sendgrid" => continue, // needs a PKCS#8 key; its module's tests sign
                _ => Secret::from_bytes(b"a test secret of 32 bytes or more".as_slice()),
            };
            let body = match name {
                "mailgun" => br#"{"event-data":{"event":"delivered"}}"#.to_vec(),
                "linear" => format!(
                    r#"{{"type":"Issue","action":"create","webhookTimestamp":{}}}"#,
                    now.as_millis()
                )
                .into_bytes(),
                _ => br#"{"id":"evt_1","type":"ping","event":"x"}"#.to_vec(),
            };
            let build = |tampered: bool| {
                let mut d = TestDelivery::with_key(entry.provider(), key.clone())
                    .body(body.clone())
                    .event("ping")
                    .timestamp(now);
                if tampered {
                    d = d.tampered();
                }
                d.request()
            };
            let provider = entry.provider();
            let verify = |request: &http::Request<Bytes>| {
                let url = request.uri().to_string();
                let req = WebhookRequest::new(request.headers(), request.body())
                    .with_method("POST")
                    .with_url(&url);
                let secrets = Secrets::new(provider.verification_key(&key).unwrap());
                provider.verify(&req, &secrets, now, Tolerance::FIVE_MINUTES)
            };
            let request = build(false).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(verify(&request).is_ok(), "{name}: {:?}", verify(&request));
            let tampered = build(true).unwrap();
            // A scheme that checks a shared token only does not authenticate the body (a
            // change may still hit the token, as in Graph's body-borne `clientState`).
            if provider.authenticates_body() {
                assert!(verify(&tampered).is_err(), "{name}: tampered accepted");
            }
            checked += 1;
        }
        assert!(checked >= 20, "{checked}");
    }

    #[test]
    fn fixtures_sign_and_verify() {
        for fixture in fixtures::all() {
            let key = Secret::from_bytes(b"a test secret of 32 bytes or more".as_slice());
            let provider = registry::by_name(fixture.provider()).unwrap();
            let request =
                TestDelivery::with_key(registry::by_name(fixture.provider()).unwrap(), key.clone())
                    .fixture(fixture.name())
                    .unwrap()
                    .request()
                    .unwrap();
            assert_eq!(request.body(), fixture.body());
            assert_eq!(request.headers()["content-type"], fixture.content_type());
            let req = WebhookRequest::new(request.headers(), request.body());
            let delivery = provider
                .verify(
                    &req,
                    &Secrets::new(key),
                    SystemClock.now(),
                    Tolerance::FIVE_MINUTES,
                )
                .unwrap();
            assert_eq!(delivery.event().is_some(), fixture.event().is_some());
        }
        let missing = TestDelivery::by_name("github", "a github webhook secret, 20+ characters")
            .unwrap()
            .fixture("no-such-fixture");
        assert_eq!(missing.err().map(|e| e.kind()), Some("invalid_config"));
    }

    #[test]
    fn by_name_knobs_and_errors() {
        let d = TestDelivery::by_name("github", "a github webhook secret, 20+ characters")
            .unwrap()
            .event("push")
            .id("delivery-1")
            .header("X-GitHub-Event", "star")
            .method("POST");
        let request = d.request().unwrap();
        // The header set after signing replaces the signed one.
        assert_eq!(
            request.headers().get_all("x-github-event").iter().count(),
            1
        );
        assert_eq!(request.headers()["x-github-event"], "star");
        assert_eq!(request.headers()["x-github-delivery"], "delivery-1");
        assert_eq!(request.uri(), DEFAULT_URL);
        assert!(TestDelivery::by_name("nobody", "x").is_err());
        let bad = d.header("bad header", "x").request();
        assert_eq!(bad.unwrap_err().kind(), "invalid_config");
        let json = TestDelivery::new(crate::providers::stripe::Stripe, "whsec_x")
            .unwrap()
            .json(&serde_json::json!({"id": "evt_1"}))
            .unwrap()
            .request()
            .unwrap();
        assert_eq!(json.body(), &br#"{"id":"evt_1"}"#[..]);
    }
}
