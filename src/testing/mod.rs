//! A test kit: complete signed requests, as each provider would send them, for your handlers'
//! tests (feature `testing`).
//!
//! [`TestDelivery`] signs a body with the provider's own scheme ([`Sign`]) and builds the
//! `http::Request<Bytes>` a sender would post: method, URL, every header the sender sets, the
//! body. Knobs set the delivery id, the timestamp (a stale delivery), the URL (for schemes that
//! sign it), extra or changed headers (what an attacker can change) and tampering (a byte of
//! the body changed after signing). With the `axum` feature, [`axum::call`] drives a `Router`
//! with it in one line; with `actix-web`, [`actix::call`] drives an `App`.
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
    /// The body is a bundled fixture (its timestamp, for Linear, is the signing time).
    from_fixture: bool,
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
            from_fixture: false,
        }
    }

    /// The exact body to sign and send.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self.from_fixture = false;
        self
    }

    /// A [bundled fixture](fixtures) of this provider as the body (and, for GitHub, its event
    /// name and its `Content-Type`): `"push"`, `"payment_intent.succeeded"`, `"app_mention"`…
    /// [`Error::InvalidConfig`] naming the lookup when the provider has no fixture of that name.
    ///
    /// Linear signs its timestamp inside the body: a Linear fixture's `webhookTimestamp` is set
    /// to the signing time ([`TestDelivery::timestamp`]), as Linear stamps it when sending.
    pub fn fixture(mut self, name: &str) -> Result<Self, Error> {
        let fixture = fixtures::find(self.provider.name(), name).ok_or(Error::InvalidConfig(
            "no bundled fixture of that name for this provider (see testing::fixtures)",
        ))?;
        self.body = fixture.body().to_vec();
        self.from_fixture = true;
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
    /// [`TestDelivery::header`]), the body. When neither the scheme nor a header sets the
    /// `Content-Type`, it is JSON for a body that looks like JSON, a form otherwise. Errors when the provider cannot sign with this key
    /// or a header is not valid HTTP.
    pub fn request(&self) -> Result<http::Request<Bytes>, Error> {
        let url = self.url.as_deref().unwrap_or(DEFAULT_URL);
        let at = self.timestamp.unwrap_or_else(|| SystemClock.now());
        let restamped = match self.from_fixture && self.provider.name() == "linear" {
            true => Some(restamp_linear(&self.body, at).ok_or(Error::InvalidConfig(
                "a Linear fixture without a numeric `webhookTimestamp`",
            ))?),
            false => None,
        };
        let to_sign = restamped.as_deref().unwrap_or(&self.body);
        let mut message = SignInput::new(to_sign, at)
            .with_url(url)
            .with_method(&self.method);
        if let Some(event) = &self.event {
            message = message.with_event(event);
        }
        if let Some(id) = &self.id {
            message = message.with_id(id);
        }
        let signed = self.provider.sign(&self.key, &message)?;
        let mut body = signed.body.unwrap_or_else(|| to_sign.to_vec());
        if self.tampered {
            tamper(&mut body);
        }
        let uri = signed.url.as_deref().unwrap_or(url);
        let mut request = http::Request::builder()
            .method(self.method.as_str())
            .uri(uri)
            .body(Bytes::from(body))
            .map_err(|_| Error::InvalidConfig("the test delivery's method or URL is not valid"))?;
        let guessed_type = guess_content_type(request.body());
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
                HeaderValue::from_static(guessed_type),
            );
        }
        Ok(request)
    }
}

/// The `Content-Type` of a body whose signer and caller set none: JSON for a body that looks
/// like it (first non-blank byte `{` or `[`), form encoding otherwise (Slack commands, Twilio).
fn guess_content_type(body: &[u8]) -> &'static str {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => "application/json",
        _ => "application/x-www-form-urlencoded",
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

/// `body` with the number after its first `"webhookTimestamp":` replaced by `at` in
/// milliseconds (Linear's field), the rest byte for byte; `None` without such a number.
fn restamp_linear(body: &[u8], at: UnixTime) -> Option<Vec<u8>> {
    const KEY: &[u8] = b"\"webhookTimestamp\"";
    let after_key = body.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let blank = |b: &u8| b.is_ascii_whitespace();
    let colon = after_key + body.get(after_key..)?.iter().position(|b| !blank(b))?;
    if body.get(colon) != Some(&b':') {
        return None;
    }
    let start = colon + 1 + body.get(colon + 1..)?.iter().position(|b| !blank(b))?;
    let digits = body
        .get(start..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let mut out = body.get(..start)?.to_vec();
    out.extend_from_slice(at.as_millis().to_string().as_bytes());
    out.extend_from_slice(body.get(start + digits..)?);
    Some(out)
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

/// Driving an actix-web `App` with a test delivery (features `testing` and `actix-web`).
#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix {
    use std::net::SocketAddr;

    use actix_web::body::{BoxBody, MessageBody};
    use actix_web::dev::{Service, ServiceFactory, ServiceRequest, ServiceResponse};
    use actix_web::http::header::{HeaderName, HeaderValue};
    use actix_web::http::Method;
    use actix_web::{App, HttpResponse};
    use bytes::Bytes;

    /// Sends `request` through `app` in-process (no socket) and collects the answer, as
    /// actix-web would serve it to a client at 127.0.0.1 (the request's peer address). An
    /// error the app's services return is answered with its `error_response()`, as the server
    /// would answer it.
    ///
    /// The `App` is consumed, as `actix_web::test::init_service` consumes it: to send several
    /// deliveries to one receiver (a duplicate, a retry), build the app in a function and
    /// share its state through `web::Data` made once, as `HttpServer` does with its workers.
    ///
    /// # Panics
    ///
    /// When the app fails to initialise, as `actix_web::test::init_service` does; never on
    /// the request.
    ///
    /// ```
    /// # #[cfg(feature = "github")]
    /// # mod example {
    /// use actix_web::{web, App, HttpResponse};
    /// use webhook_guard::integrations::actix::{ReplayCommit, VerifiedEvent};
    /// use webhook_guard::providers::github::GitHub;
    /// use webhook_guard::replay::MemoryStore;
    /// use webhook_guard::testing::{self, TestDelivery};
    /// use webhook_guard::{Secret, Verifier};
    ///
    /// const SECRET: &str = "a github webhook secret, 20+ characters";
    ///
    /// async fn handler(hook: VerifiedEvent<GitHub>) -> HttpResponse {
    ///     HttpResponse::Ok().body(format!("got {}", hook.event.name()))
    /// }
    ///
    /// # pub async fn run() -> Result<(), webhook_guard::Error> {
    /// let verifier = web::Data::new(
    ///     Verifier::builder(GitHub)
    ///         .secret(Secret::from_text(SECRET))
    ///         .replay_store(MemoryStore::new(1_000))
    ///         .build()?,
    /// );
    /// let app = || {
    ///     App::new().app_data(verifier.clone()).service(
    ///         web::resource("/webhooks")
    ///             .wrap(ReplayCommit::new())
    ///             .route(web::post().to(handler)),
    ///     )
    /// };
    ///
    /// let delivery = TestDelivery::new(GitHub, SECRET)?.event("ping").id("d-1");
    /// let response = testing::actix::call(app(), delivery.request()?).await;
    /// assert_eq!(response.status(), 200);
    /// assert_eq!(response.body(), "got ping");
    ///
    /// // The same delivery again is a duplicate: answered 200, the handler not run.
    /// let again = testing::actix::call(app(), delivery.request()?).await;
    /// assert_eq!(again.status(), 200);
    /// assert_ne!(again.body(), "got ping");
    ///
    /// let forged = TestDelivery::new(GitHub, "another secret, 20+ characters")?
    ///     .event("ping")
    ///     .request()?;
    /// assert_eq!(testing::actix::call(app(), forged).await.status(), 401);
    /// # Ok(()) }
    /// # }
    /// # #[cfg(feature = "github")]
    /// # actix_web::rt::System::new().block_on(example::run()).unwrap();
    /// ```
    pub async fn call<T, B>(app: App<T>, request: http::Request<Bytes>) -> http::Response<Bytes>
    where
        T: ServiceFactory<
                ServiceRequest,
                Config = (),
                Response = ServiceResponse<B>,
                Error = actix_web::Error,
                InitError = (),
            > + 'static,
        B: MessageBody + 'static,
    {
        let service = actix_web::test::init_service(app).await;
        let response = match service.call(to_actix(request).to_request()).await {
            Ok(response) => response.into_parts().1.map_into_boxed_body(),
            Err(error) => error.error_response(),
        };
        from_actix(response).await
    }

    /// The same request as actix-web's test request, from 127.0.0.1. Method, headers and URI
    /// come from a valid `http` 1 request, so each converts.
    fn to_actix(request: http::Request<Bytes>) -> actix_web::test::TestRequest {
        let (parts, body) = request.into_parts();
        let mut test = actix_web::test::TestRequest::default()
            .method(Method::from_bytes(parts.method.as_str().as_bytes()).unwrap_or(Method::POST))
            .uri(&parts.uri.to_string())
            .peer_addr(SocketAddr::from(([127, 0, 0, 1], 0)));
        for (name, value) in &parts.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_str().as_bytes()),
                HeaderValue::from_bytes(value.as_bytes()),
            ) {
                test = test.append_header((name, value));
            }
        }
        test.set_payload(body)
    }

    /// The answer as an `http` 1 response with its body collected.
    async fn from_actix(response: HttpResponse<BoxBody>) -> http::Response<Bytes> {
        let status = response.status().as_u16();
        let mut answer = http::Response::builder().status(status);
        for (name, value) in response.headers() {
            answer = answer.header(name.as_str(), value.as_bytes());
        }
        // The body of a response this process just made; a failure to read it reads as empty.
        let body = actix_web::body::to_bytes(response.into_body())
            .await
            .unwrap_or_default();
        answer
            .body(body)
            .unwrap_or_else(|_| http::Response::new(Bytes::new()))
    }

    #[cfg(test)]
    mod tests {
        use actix_web::{web, HttpRequest};

        use super::*;

        /// What the app sees is what the test delivery built: method, URI, every header (two
        /// values of one name too), the body, a loopback peer; the answer comes back whole.
        #[test]
        fn the_app_sees_the_request_as_built_and_answers_whole() {
            async fn echo(req: HttpRequest, body: Bytes) -> HttpResponse {
                let seen = format!(
                    "{} {} {:?} {:?} {}",
                    req.method(),
                    req.uri(),
                    req.headers()
                        .get_all("x-two")
                        .map(|v| v.to_str().unwrap_or("?"))
                        .collect::<Vec<_>>(),
                    req.peer_addr().map(|a| a.ip()),
                    String::from_utf8_lossy(&body),
                );
                HttpResponse::Accepted()
                    .insert_header(("x-answer", "yes"))
                    .body(seen)
            }
            let request = http::Request::builder()
                .method("PUT")
                .uri("https://hooks.example.com/in?q=1")
                .header("x-two", "a")
                .header("x-two", "b")
                .body(Bytes::from_static(b"{\"k\":1}"))
                .unwrap();
            let app = App::new().route("/in", web::put().to(echo));
            let response = actix_web::rt::System::new().block_on(call(app, request));
            assert_eq!(response.status(), 202);
            assert_eq!(response.headers()["x-answer"], "yes");
            assert_eq!(
                response.body(),
                r#"PUT https://hooks.example.com/in?q=1 ["a", "b"] Some(127.0.0.1) {"k":1}"#
            );
        }

        /// No route: actix's own 404, as the server would answer.
        #[test]
        fn an_unrouted_request_gets_the_apps_answer() {
            let request = http::Request::post("/nowhere").body(Bytes::new()).unwrap();
            let response = actix_web::rt::System::new().block_on(call(App::new(), request));
            assert_eq!(response.status(), 404);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;
    use crate::{Secrets, Tolerance, WebhookRequest};

    const JSON_TYPE: &str = "application/json";

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
                // Signed fields only, so that the tampered (middle) byte is one of them.
                "adyen" => br#"{"notificationItems":[{"NotificationRequestItem":{"amount":{"currency":"EUR","value":1130},"eventCode":"AUTHORISATION","merchantAccountCode":"TestMerchant","pspReference":"7914073381342284","success":"true"}}]}"#.to_vec(),
                "linear" => format!(
                    r#"{{"type":"Issue","action":"create","webhookTimestamp":{}}}"#,
                    now.as_millis()
                )
                .into_bytes(),
                "zalo" => format!(
                    r#"{{"app_id":"1","event_name":"follow","timestamp":"{}"}}"#,
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

    /// A signing key for `provider`'s fixtures: Discord's RFC 8032 test seed, SendGrid's test
    /// PKCS#8 key, a shared secret for the others.
    fn fixture_key(provider: &str) -> Secret {
        let display = match provider {
            "discord" => "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            #[cfg(feature = "p256")]
            "sendgrid" => crate::providers::sendgrid::TEST_PRIVATE_KEY,
            _ => return Secret::from_bytes(b"a test secret of 32 bytes or more".as_slice()),
        };
        let provider = registry::by_name(provider).unwrap();
        TestSigner::secret_from_display(&provider, display).unwrap()
    }

    /// Every bundled fixture signs into a request its provider verifies now (Linear's restamped
    /// body included), whose body is the fixture's (completed with Mailgun's signature block,
    /// Linear's timestamp), and which a tampered copy fails (but Mailgun's, whose signature
    /// does not cover the body).
    #[test]
    fn fixtures_sign_and_verify() {
        let now = SystemClock.now();
        let mut checked = 0;
        for fixture in fixtures::all() {
            let Some(entry) = registry::PROVIDERS
                .iter()
                .find(|e| e.name == fixture.provider())
            else {
                continue; // a provider whose scheme needs a feature that is off
            };
            let provider = entry.provider();
            let key = fixture_key(fixture.provider());
            let build = |tampered: bool| {
                let d = TestDelivery::with_key(entry.provider(), key.clone())
                    .timestamp(now)
                    .fixture(fixture.name())
                    .unwrap();
                if tampered { d.tampered() } else { d }.request().unwrap()
            };
            let request = build(false);
            let sent: serde_json::Value = match fixture.content_type() {
                JSON_TYPE => serde_json::from_slice(request.body()).unwrap(),
                _ => serde_json::Value::Null,
            };
            match fixture.provider() {
                "mailgun" => {
                    let original: serde_json::Value =
                        serde_json::from_slice(fixture.body()).unwrap();
                    assert_eq!(sent["event-data"], original["event-data"]);
                    assert!(sent["signature"]["signature"].is_string());
                }
                "linear" => {
                    assert_eq!(sent["webhookTimestamp"], now.as_millis());
                    let restamped = restamp_linear(fixture.body(), now).unwrap();
                    assert_eq!(request.body(), &restamped[..]);
                }
                _ => assert_eq!(request.body(), fixture.body(), "{}", fixture.name()),
            }
            assert_eq!(request.headers()["content-type"], fixture.content_type());
            let url = request.uri().to_string();
            let secrets = Secrets::new(provider.verification_key(&key).unwrap());
            let verify = |request: &http::Request<Bytes>| {
                let req = WebhookRequest::new(request.headers(), request.body())
                    .with_method("POST")
                    .with_url(&url);
                provider.verify(&req, &secrets, now, Tolerance::FIVE_MINUTES)
            };
            let delivery = verify(&request)
                .unwrap_or_else(|e| panic!("{} {}: {e}", fixture.provider(), fixture.name()));
            if fixture.event().is_some() {
                assert_eq!(delivery.event(), fixture.event(), "{}", fixture.name());
            }
            // Mailgun signs its timestamp and token, not the body: a changed body still verifies.
            if fixture.provider() != "mailgun" {
                assert!(verify(&build(true)).is_err(), "{}", fixture.name());
            }
            checked += 1;
        }
        let signable = fixtures::all()
            .filter(|f| registry::PROVIDERS.iter().any(|e| e.name == f.provider()))
            .count();
        assert_eq!(checked, signable);
        assert!(checked >= 31, "{checked}");
        let missing = TestDelivery::by_name("github", "a github webhook secret, 20+ characters")
            .unwrap()
            .fixture("no-such-fixture");
        assert_eq!(missing.err().map(|e| e.kind()), Some("invalid_config"));
    }

    /// Each typed fixture parses into a typed variant (not `Unknown`) named as the fixture says.
    #[cfg(feature = "events")]
    #[test]
    fn fixtures_parse_typed_and_named() {
        for fixture in fixtures::all() {
            let provider = registry::by_name(fixture.provider()).unwrap();
            let key = fixture_key(fixture.provider());
            let now = SystemClock.now();
            let request =
                TestDelivery::with_key(registry::by_name(fixture.provider()).unwrap(), key.clone())
                    .timestamp(now)
                    .fixture(fixture.name())
                    .unwrap()
                    .request()
                    .unwrap();
            // Parsed from what verification proved, as a receiver parses.
            let url = request.uri().to_string();
            let req = WebhookRequest::new(request.headers(), request.body())
                .with_method("POST")
                .with_url(&url);
            let secrets = Secrets::new(provider.verification_key(&key).unwrap());
            let delivery = provider
                .verify(&req, &secrets, now, Tolerance::FIVE_MINUTES)
                .unwrap();
            let parsed = provider
                .parse_described(&delivery, request.body())
                .unwrap_or_else(|e| panic!("{} {}: {e}", fixture.provider(), fixture.name()));
            assert!(
                parsed.typed,
                "{} {}: {parsed:?}",
                fixture.provider(),
                fixture.name()
            );
            let event = parsed.event.unwrap_or_default();
            let expected = match fixture.provider() {
                "stripe" | "github" => fixture.name().split('.').next().unwrap_or_default(),
                "linear" => "Issue",
                "sendgrid" => "processed,delivered,open,click",
                "slack" if fixture.name() == "slash_command" => "/webhook-collect",
                // Meta's event is its `object`; the fixture names say which change it holds.
                "meta" if fixture.name().starts_with("whatsapp") => "whatsapp_business_account",
                "meta" => fixture.name().split('.').next().unwrap_or_default(),
                _ => fixture.name(),
            };
            match fixture.provider() {
                "stripe" => assert_eq!(event, fixture.name()),
                _ => assert_eq!(event, expected, "{} {}", fixture.provider(), fixture.name()),
            }
        }
    }

    #[test]
    fn content_type_guess() {
        assert_eq!(guess_content_type(b" {\"a\":1}"), "application/json");
        assert_eq!(guess_content_type(b"[1]"), "application/json");
        assert_eq!(
            guess_content_type(b"token=x&command=/hi"),
            "application/x-www-form-urlencoded"
        );
        let form = TestDelivery::new(crate::providers::slack::Slack, "a slack signing secret")
            .unwrap()
            .body(b"command=%2Fhi&text=".to_vec())
            .request()
            .unwrap();
        assert_eq!(
            form.headers()["content-type"],
            "application/x-www-form-urlencoded"
        );
    }

    #[test]
    fn restamp_linear_replaces_only_the_timestamp() {
        let at = UnixTime::from_secs(1_700_000_000).unwrap();
        let body = br#"{"a":1, "webhookTimestamp" :  12, "b":"webhookTimestamp"}"#;
        assert_eq!(
            restamp_linear(body, at).unwrap(),
            br#"{"a":1, "webhookTimestamp" :  1700000000000, "b":"webhookTimestamp"}"#
        );
        assert_eq!(restamp_linear(br#"{"webhookTimestamp":"soon"}"#, at), None);
        assert_eq!(restamp_linear(br#"{"webhookTimestamp""#, at), None);
        assert_eq!(restamp_linear(b"{}", at), None);
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
