//! [`Verifier`]: a provider plus everything needed to check its requests.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::{Clock, SystemClock, Tolerance, UnixTime};
use crate::delivery::{Delivery, IdSource};
use crate::error::Error;
use crate::provider::{Parse, Provider};
use crate::public_url::{ProxyHeaders, PublicUrl};
use crate::replay::{key, ReplayStore, Reservation};
use crate::request::WebhookRequest;
use crate::secret::{check_strength, Secret, Secrets};

/// The default body limit: 1 MiB.
pub const DEFAULT_MAX_BODY: usize = 1024 * 1024;

/// How long a reservation stays in flight before it expires on its own (a receiver that died
/// mid-handler): 5 minutes unless set with [`VerifierBuilder::in_flight_ttl`].
pub const DEFAULT_IN_FLIGHT_TTL: Duration = Duration::from_secs(300);

/// How long the framework integrations wait for a whole request body before answering
/// 408 Request Timeout: 10 seconds unless set with [`VerifierBuilder::body_read_timeout`].
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Checks requests from one provider: secrets (with rotation), timestamp tolerance, clock, body
/// limit and an optional replay store. Cheap to clone (an `Arc` inside).
///
/// ```
/// use webhook_guard::{providers::github::GitHub, Secret, Verifier, WebhookRequest};
///
/// let verifier = Verifier::builder(GitHub)
///     .secret(Secret::from_text("It's a Secret to Everybody"))
///     .build()?;
/// let headers = [(
///     "X-Hub-Signature-256",
///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// )];
/// let delivery = verifier.verify(&WebhookRequest::new(&headers, b"Hello, World!"))?;
/// assert_eq!(delivery.provider(), "github");
///
/// let tampered = verifier.verify(&WebhookRequest::new(&headers, b"Hello, World?"));
/// assert_eq!(tampered.unwrap_err().kind(), "signature_mismatch");
/// # Ok::<(), webhook_guard::Error>(())
/// ```
pub struct Verifier<P> {
    inner: Arc<Inner<P>>,
}

struct Inner<P> {
    provider: P,
    secrets: Secrets,
    tolerance: Tolerance,
    clock: Arc<dyn Clock>,
    /// `false` when the provider signs no timestamp (`default_tolerance` is `None`): then no
    /// clock is read (see [`Provider::verify`]).
    reads_clock: bool,
    max_body: usize,
    replay: Option<Arc<dyn ReplayStore>>,
    replay_ttl: Duration,
    in_flight_ttl: Duration,
    namespace: Option<Box<str>>,
    public_url: PublicUrl,
    body_read_timeout: Duration,
}

impl<P> Clone for Verifier<P> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

/// A verified delivery together with its replay reservation, from
/// [`Verifier::verify_and_reserve`].
#[derive(Debug)]
pub struct Accepted {
    /// What the signature proved.
    pub delivery: Delivery,
    /// The claimed id, when a replay store is configured. Commit it after handling.
    pub reservation: Option<Reservation>,
}

/// A request whose signature (and signed timestamp) held, not yet claimed in the replay
/// store: from [`Verifier::check_signature`], handled only after [`Verifier::reserve`].
#[derive(Debug)]
#[must_use = "reserve it with `Verifier::reserve`, or the replay check is skipped"]
pub struct Checked {
    delivery: Delivery,
}

impl Checked {
    /// What the signature proved, to look at before reserving (handshakes, logs).
    pub fn delivery(&self) -> &Delivery {
        &self.delivery
    }
}

impl<P: Provider> Verifier<P> {
    /// Starts building a verifier for `provider`.
    pub fn builder(provider: P) -> VerifierBuilder<P> {
        VerifierBuilder {
            provider,
            secrets: Vec::new(),
            tolerance: None,
            clock: Arc::new(SystemClock),
            max_body: DEFAULT_MAX_BODY,
            replay: None,
            replay_ttl: None,
            in_flight_ttl: DEFAULT_IN_FLIGHT_TTL,
            namespace: None,
            allow_weak_secrets: false,
            public_url: None,
            forwarded: None,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
        }
    }

    /// Checks the body size, the signature and the signed timestamp. Allocation-free.
    ///
    /// For a verifier **without** a replay store. On a verifier with one, `verify` refuses
    /// with [`Error::InvalidConfig`] (500) instead of silently skipping replay protection:
    /// use [`Verifier::verify_and_reserve`] (the extractors and the tower layer do), or — only
    /// when you de-duplicate deliveries yourself — [`crate::dangerous::verify_ignoring_replay`].
    ///
    /// ```
    /// use webhook_guard::{providers::github::GitHub, replay::MemoryStore, Secret, Verifier, WebhookRequest};
    ///
    /// let verifier = Verifier::builder(GitHub)
    ///     .secret(Secret::from_text("It's a Secret to Everybody"))
    ///     .replay_store(MemoryStore::new(1_000))
    ///     .build()?;
    /// let headers = [("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")];
    /// let err = verifier.verify(&WebhookRequest::new(&headers, b"Hello, World!")).unwrap_err();
    /// assert_eq!(err.kind(), "invalid_config");
    /// # Ok::<(), webhook_guard::Error>(())
    /// ```
    pub fn verify(&self, req: &WebhookRequest<'_>) -> Result<Delivery, Error> {
        if self.inner.replay.is_some() {
            return Err(Error::InvalidConfig(
                "this verifier has a replay store: `verify` would skip it; use \
                 `verify_and_reserve` (or `dangerous::verify_ignoring_replay`)",
            ));
        }
        self.check(req)
    }

    /// [`Verifier::verify_and_reserve`] in two steps, for a server that does something in
    /// between (answers a [handshake](Verifier::handshake)): checks the body size, the
    /// signature and the signed timestamp, and returns a [`Checked`] that only
    /// [`Verifier::reserve`] turns into a delivery to handle. Allocation-free.
    ///
    /// ```
    /// use webhook_guard::{providers::github::GitHub, replay::MemoryStore, Secret, Verifier, WebhookRequest};
    ///
    /// # async fn run() -> Result<(), webhook_guard::Error> {
    /// let verifier = Verifier::builder(GitHub)
    ///     .secret(Secret::from_text("It's a Secret to Everybody"))
    ///     .replay_store(MemoryStore::new(1_000))
    ///     .build()?;
    /// let headers = [("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")];
    /// let req = WebhookRequest::new(&headers, b"Hello, World!");
    /// let checked = verifier.check_signature(&req)?;
    /// if let Some(answer) = verifier.handshake(checked.delivery(), req.body()) {
    ///     // send `answer` back; nothing to handle
    /// #   let _ = answer;
    /// }
    /// let accepted = verifier.reserve(checked, &req).await?;
    /// # let _ = accepted;
    /// # Ok(()) }
    /// ```
    pub fn check_signature(&self, req: &WebhookRequest<'_>) -> Result<Checked, Error> {
        self.check(req).map(|delivery| Checked { delivery })
    }

    /// The body size, the signature and the signed timestamp, whether or not a replay store
    /// is configured (the first half of every verifying path).
    pub(crate) fn check(&self, req: &WebhookRequest<'_>) -> Result<Delivery, Error> {
        let inner = &*self.inner;
        if req.body().len() > inner.max_body {
            return Err(Error::BodyTooLarge {
                limit: inner.max_body,
            });
        }
        let now = if inner.reads_clock {
            inner.clock.now()
        } else {
            UnixTime::EPOCH
        };
        inner
            .provider
            .verify(req, &inner.secrets, now, inner.tolerance)
    }

    /// [`Verifier::verify`], then — only once the signature holds — claims the delivery's
    /// [replay key](Verifier::replay_key) in the replay store. A copy seen before is
    /// [`Error::Replayed`]; an unreachable store is [`Error::ReplayStoreUnavailable`].
    ///
    /// With a replay store, the returned [`Delivery`] carries its
    /// [`replay_key`](Delivery::replay_key), and, for senders whose id lives in the signed body
    /// (Stripe, Slack events: see [`Provider::replay_id`]), that id as
    /// [`Delivery::signed_id`] ([`IdSource::Body`]), so their re-signed retries are recognised.
    ///
    /// Commit the reservation when your handler succeeded, release it when it failed. Dropping
    /// it undecided keeps the delivery in flight until the in-flight TTL (see
    /// [`crate::replay`]).
    ///
    /// The request is only read before the first `.await`, so the future is `Send` whatever the
    /// headers type.
    pub fn verify_and_reserve(
        &self,
        req: &WebhookRequest<'_>,
    ) -> impl Future<Output = Result<Accepted, Error>> + Send + '_ {
        let verified = self.check(req).map(|delivery| self.keyed(delivery, req));
        async move {
            let delivery = verified?;
            let reservation = self.reserve_keyed(&delivery).await?;
            Ok(Accepted {
                delivery,
                reservation,
            })
        }
    }

    /// The second half of [`Verifier::check_signature`]: derives the replay key of the checked
    /// delivery — `req` must be the request that was checked — and claims it in the replay
    /// store. `Ok` with no reservation when no store is configured.
    ///
    /// The request is only read before the first `.await`, so the future is `Send` whatever the
    /// headers type.
    pub fn reserve(
        &self,
        checked: Checked,
        req: &WebhookRequest<'_>,
    ) -> impl Future<Output = Result<Accepted, Error>> + Send + '_ {
        let delivery = self.keyed(checked.delivery, req);
        async move {
            let reservation = self.reserve_keyed(&delivery).await?;
            Ok(Accepted {
                delivery,
                reservation,
            })
        }
    }

    /// With a replay store: fills in the body's signed id and the replay key. Without one: the
    /// delivery as it is (nothing parsed, nothing hashed).
    pub(crate) fn keyed(&self, delivery: Delivery, req: &WebhookRequest<'_>) -> Delivery {
        if self.inner.replay.is_none() {
            return delivery;
        }
        with_replay_key(
            &self.inner.provider,
            self.inner.namespace.as_deref(),
            delivery,
            req,
        )
    }

    /// The replay-store key of a verified request: `[namespace:]provider:` and then a delivery
    /// id the signature covers (a signed header such as `webhook-id`, or the signed body's
    /// [`Provider::replay_id`]), else a SHA-256 digest of the signed timestamp and signed
    /// content. Never an unsigned header, never the signature itself: the same signed request
    /// always has the same key, whichever secret or listed signature matched and whatever
    /// unsigned headers were changed. The format is described in [`crate::replay`].
    ///
    /// `delivery` must come from [`Verifier::verify`] of the same `req`. Also a good
    /// idempotency key for your handler.
    ///
    /// ```
    /// use webhook_guard::{providers::github::{self, GitHub}, Secret, Verifier, WebhookRequest};
    ///
    /// let verifier = Verifier::builder(GitHub)
    ///     .secret(Secret::from_text("It's a Secret to Everybody"))
    ///     .build()?;
    /// let signature = github::sign(b"It's a Secret to Everybody", b"{}");
    /// let key = |delivery_id: &str| {
    ///     let headers = [("X-Hub-Signature-256", signature.as_str()), ("X-GitHub-Delivery", delivery_id)];
    ///     let req = WebhookRequest::new(&headers, b"{}");
    ///     verifier.verify(&req).map(|d| verifier.replay_key(&d, &req))
    /// };
    /// // `X-GitHub-Delivery` is not signed: changing it does not change the key.
    /// assert_eq!(key("72d3162e")?, key("72D3162E")?);
    /// assert!(key("72d3162e")?.starts_with("github:sha256:"));
    /// # Ok::<(), webhook_guard::Error>(())
    /// ```
    pub fn replay_key(&self, delivery: &Delivery, req: &WebhookRequest<'_>) -> String {
        match delivery.replay_key() {
            Some(key) => key.to_owned(),
            None => replay_key_of(
                &self.inner.provider,
                self.inner.namespace.as_deref(),
                delivery,
                req,
            ),
        }
    }

    /// Claims the replay key already derived for `delivery` ([`Verifier::keyed`]) in the
    /// replay store (`Ok(None)` when no store is configured).
    pub(crate) async fn reserve_keyed(
        &self,
        delivery: &Delivery,
    ) -> Result<Option<Reservation>, Error> {
        let Some(store) = &self.inner.replay else {
            return Ok(None);
        };
        let Some(key) = delivery.replay_key() else {
            return Err(Error::Unsupported(
                "a delivery without a replay key cannot be reserved",
            ));
        };
        let reservation = Reservation::acquire(
            Arc::clone(store),
            key,
            self.inner.in_flight_ttl,
            self.inner.replay_ttl,
        )
        .await?;
        Ok(Some(reservation))
    }

    /// The answer to an unsigned endpoint check (Meta's subscription `GET`, Dropbox's
    /// `challenge`, …), asked before verifying: `None` when `req` is not one (verify it as a
    /// delivery), `Some(Ok(answer))` to answer with 200, `Some(Err(e))` to refuse with
    /// [`Error::status`]. See [`Provider::endpoint_check`]; the framework integrations call it
    /// for you.
    ///
    /// ```
    /// use webhook_guard::{providers::github::GitHub, Secret, Verifier, WebhookRequest};
    /// let verifier = Verifier::builder(GitHub)
    ///     .secret(Secret::from_text("It's a Secret to Everybody"))
    ///     .build()?;
    /// let headers: [(&str, &str); 0] = [];
    /// let get = WebhookRequest::new(&headers, b"").with_method("GET").with_query("x=1");
    /// assert!(verifier.endpoint_check(&get).is_none()); // GitHub has no unsigned check
    /// # Ok::<(), webhook_guard::Error>(())
    /// ```
    pub fn endpoint_check(
        &self,
        req: &WebhookRequest<'_>,
    ) -> Option<Result<crate::Handshake, Error>> {
        self.inner.provider.endpoint_check(req, &self.inner.secrets)
    }

    /// The handshake answer for a verified request, if it is a provider's endpoint check.
    pub fn handshake(&self, delivery: &Delivery, body: &[u8]) -> Option<crate::Handshake> {
        self.inner
            .provider
            .handshake(delivery, body, &self.inner.secrets)
    }

    /// The provider.
    pub fn provider(&self) -> &P {
        &self.inner.provider
    }

    /// The timestamp tolerance in force.
    pub fn tolerance(&self) -> Tolerance {
        self.inner.tolerance
    }

    /// The body limit in bytes.
    pub fn max_body_size(&self) -> usize {
        self.inner.max_body
    }

    /// The replay-key namespace ([`VerifierBuilder::namespace`]: a tenant id, an
    /// environment), if one is set.
    pub fn namespace(&self) -> Option<&str> {
        self.inner.namespace.as_deref()
    }

    /// The configured replay store, if any.
    pub fn replay_store(&self) -> Option<&Arc<dyn ReplayStore>> {
        self.inner.replay.as_ref()
    }

    /// How long a committed delivery id is remembered.
    pub fn replay_ttl(&self) -> Duration {
        self.inner.replay_ttl
    }

    /// How long a reservation stays in flight if never decided.
    pub fn in_flight_ttl(&self) -> Duration {
        self.inner.in_flight_ttl
    }

    /// Where the framework integrations take the URL a sender signed (see
    /// [`VerifierBuilder::public_url`]); [`PublicUrl::url_for`] builds it for a custom server.
    pub fn public_url(&self) -> &PublicUrl {
        &self.inner.public_url
    }

    /// How long the framework integrations wait for the whole body (see
    /// [`VerifierBuilder::body_read_timeout`]).
    pub fn body_read_timeout(&self) -> Duration {
        self.inner.body_read_timeout
    }
}

/// Typed parsing, for providers with typed events ([`Parse`]).
impl<P: Parse> Verifier<P> {
    /// Parses a verified body into the provider's typed event.
    pub fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<P::Event, Error> {
        self.inner.provider.parse(delivery, body)
    }

    /// [`Verifier::verify`] then [`Verifier::parse`]; like `verify`, refused on a verifier
    /// with a replay store (reserve with [`Verifier::verify_and_reserve`], then
    /// [`Verifier::parse`]).
    pub fn verify_event(&self, req: &WebhookRequest<'_>) -> Result<(Delivery, P::Event), Error> {
        let delivery = self.verify(req)?;
        let event = self.parse(&delivery, req.body())?;
        Ok((delivery, event))
    }
}

impl<P: Provider> fmt::Debug for Verifier<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Verifier")
            .field("provider", &inner.provider.name())
            .field("secrets", &inner.secrets)
            .field("tolerance", &inner.tolerance)
            .field("max_body", &inner.max_body)
            .field("replay", &inner.replay.is_some())
            .field("replay_ttl", &inner.replay_ttl)
            .field("public_url", &inner.public_url)
            .field("body_read_timeout", &inner.body_read_timeout)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Verifier`]; see [`Verifier::builder`].
#[must_use]
pub struct VerifierBuilder<P> {
    provider: P,
    secrets: Vec<Secret>,
    tolerance: Option<Tolerance>,
    clock: Arc<dyn Clock>,
    max_body: usize,
    replay: Option<Arc<dyn ReplayStore>>,
    replay_ttl: Option<Duration>,
    in_flight_ttl: Duration,
    namespace: Option<Box<str>>,
    allow_weak_secrets: bool,
    public_url: Option<String>,
    forwarded: Option<(ProxyHeaders, usize)>,
    body_read_timeout: Duration,
}

impl<P: Provider> VerifierBuilder<P> {
    /// Adds an accepted secret. Call again for each key during a rotation.
    pub fn secret(mut self, secret: Secret) -> Self {
        self.secrets.push(secret);
        self
    }

    /// Adds all of `secrets`.
    pub fn secrets(mut self, secrets: Secrets) -> Self {
        self.secrets.extend(secrets.iter().cloned());
        self
    }

    /// Adds a secret given as the provider displays it (see [`Provider::secret_from_display`]).
    pub fn secret_from_display(mut self, text: &str) -> Result<Self, Error> {
        let secret = self.provider.secret_from_display(text)?;
        self.secrets.push(secret);
        Ok(self)
    }

    /// Sets the timestamp window. Defaults to the provider's own SDK default (five minutes each
    /// way when the provider has none but signs timestamps).
    pub fn tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = Some(tolerance);
        self
    }

    /// Sets the clock (defaults to [`SystemClock`]).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Sets the largest accepted body in bytes. Defaults to [`DEFAULT_MAX_BODY`] (1 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Uses `store` for replay protection.
    pub fn replay_store(mut self, store: impl ReplayStore) -> Self {
        self.replay = Some(Arc::new(store));
        self
    }

    /// Uses a shared `store` for replay protection (one store for several verifiers).
    pub fn shared_replay_store(mut self, store: Arc<dyn ReplayStore>) -> Self {
        self.replay = Some(store);
        self
    }

    /// How long a processed delivery is remembered. Defaults to the provider's
    /// [`Provider::redelivery_window`] (its retry schedule: 3 days for Stripe, 48 hours for
    /// Shopify, …), and at least the timestamp window plus ten minutes. Never shorter than the
    /// timestamp window (past plus future) plus one minute: a shorter value is raised to it.
    /// A request signed at `t` is accepted from `t - future` to `t + past`, so a key must
    /// outlive that whole window; the minute covers what lies between the clock reading and
    /// the store's own timer (the store's round trip, a `coarse-clock` reading a tick behind).
    ///
    /// A shorter TTL saves store memory but lets a retry that arrives after it run the handler
    /// again; for schemes that sign no timestamp (GitHub, Shopify, Twilio) it is also how long a
    /// captured request stays refused.
    pub fn replay_ttl(mut self, ttl: Duration) -> Self {
        self.replay_ttl = Some(ttl);
        self
    }

    /// How long a reservation stays in flight if never decided (default 5 minutes).
    pub fn in_flight_ttl(mut self, ttl: Duration) -> Self {
        self.in_flight_ttl = ttl;
        self
    }

    /// Prefixes replay keys with `namespace` (a tenant id, an environment).
    pub fn namespace(mut self, namespace: &str) -> Self {
        self.namespace = Some(namespace.into());
        self
    }

    /// **Dangerous: for tests only.** Accepts shared secrets that [`VerifierBuilder::build`]
    /// would refuse as weak: shorter than [`MIN_SECRET_LEN`] (16) bytes or than the provider's
    /// [`Provider::min_secret_len`], or a Stripe API key in place of a webhook secret.
    ///
    /// A short secret can be guessed offline from one captured request, and then every request
    /// can be forged. Use this for published test vectors and fixtures whose secret you cannot
    /// change, never with a secret a real sender uses. Empty secrets are refused all the same.
    ///
    /// ```
    /// use webhook_guard::{providers::github::GitHub, Secret, Verifier};
    /// let weak = || Verifier::builder(GitHub).secret(Secret::from_text("s3cret"));
    /// assert_eq!(weak().build().unwrap_err().kind(), "invalid_secret");
    /// assert!(weak().dangerous_allow_weak_secrets().build().is_ok());
    /// ```
    ///
    /// [`MIN_SECRET_LEN`]: crate::secret::MIN_SECRET_LEN
    pub fn dangerous_allow_weak_secrets(mut self) -> Self {
        self.allow_weak_secrets = true;
        self
    }

    /// The public base URL senders post to, for providers that sign the URL (Twilio, Square,
    /// HubSpot: [`Provider::signs_url`]): `https://` or `http://`, the host (and port, if not
    /// the default) and optionally a path prefix, as registered with the provider. The
    /// framework integrations then verify a request for `/path?query` as signed for
    /// `{base}/path?query` (a trailing `/` of the base is dropped; path and query exactly as
    /// received), and never read `Host` or forwarding headers for it. See
    /// [`crate::public_url`] and [`PublicUrl::fixed`] for the exact rules.
    ///
    /// Without it (or [`VerifierBuilder::trust_forwarded_headers`]), the integrations refuse
    /// requests for such providers with 500 (`misconfigured`). Validated by
    /// [`VerifierBuilder::build`]: a base that is not an `http`/`https` URL with a host, or
    /// has a user name, query or fragment, is [`Error::InvalidConfig`].
    ///
    /// ```
    /// use webhook_guard::{providers::twilio::Twilio, Secret, Verifier};
    /// let verifier = Verifier::builder(Twilio)
    ///     .secret(Secret::from_text("0123456789abcdef0123456789abcdef")) // the auth token
    ///     .public_url("https://hooks.example.com")
    ///     .build()?;
    /// assert_eq!(verifier.public_url().base(), Some("https://hooks.example.com"));
    ///
    /// let no_scheme = Verifier::builder(Twilio)
    ///     .secret(Secret::from_text("0123456789abcdef0123456789abcdef"))
    ///     .public_url("hooks.example.com")
    ///     .build();
    /// assert_eq!(no_scheme.unwrap_err().kind(), "invalid_config");
    /// # Ok::<(), webhook_guard::Error>(())
    /// ```
    pub fn public_url(mut self, base: &str) -> Self {
        self.public_url = Some(base.to_owned());
        self
    }

    /// Takes the scheme and host of the signed URL from the forwarding headers that `hops`
    /// reverse proxies in front of this server append (`headers` says which family they
    /// write), reading the element the outermost of them wrote — never the client's. For
    /// receivers reachable under several host names; prefer [`VerifierBuilder::public_url`]
    /// when there is one. Only sound when no client can reach the server without passing
    /// those proxies. See [`PublicUrl::forwarded`].
    ///
    /// Exclusive with [`VerifierBuilder::public_url`]: setting both fails
    /// [`VerifierBuilder::build`] with [`Error::InvalidConfig`], as does a `hops` of 0 or more
    /// than [`crate::public_url::MAX_PROXY_HOPS`].
    ///
    /// ```
    /// use webhook_guard::public_url::ProxyHeaders;
    /// use webhook_guard::{providers::square::Square, Secret, Verifier};
    /// let verifier = Verifier::builder(Square)
    ///     .secret(Secret::from_text("the square signature key"))
    ///     .trust_forwarded_headers(ProxyHeaders::XForwarded, 1) // one nginx in front
    ///     .build()?;
    /// assert_eq!(verifier.public_url().trusted_proxies(), Some((ProxyHeaders::XForwarded, 1)));
    /// # Ok::<(), webhook_guard::Error>(())
    /// ```
    pub fn trust_forwarded_headers(mut self, headers: ProxyHeaders, hops: usize) -> Self {
        self.forwarded = Some((headers, hops));
        self
    }

    /// How long the framework integrations (axum, actix-web, tower) wait for the whole request
    /// body, from the moment they start reading it. A client that has not sent it all by then
    /// gets 408 Request Timeout, so a slow sender cannot hold a connection and its buffer
    /// forever. Defaults to [`DEFAULT_BODY_READ_TIMEOUT`] (10 s): providers post small bodies
    /// from data centres in well under a second.
    ///
    /// This bounds the body only; bound the time to receive the request head in the server
    /// (hyper's `header_read_timeout`, actix-web's `client_request_timeout`; see the README's
    /// "Running in production"). The axum and tower integrations use Tokio's timer, so they
    /// need a Tokio runtime with timers enabled (`#[tokio::main]` has them); outside any Tokio
    /// runtime the deadline is not applied and a warning is logged once.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self
    }

    /// Finishes the verifier. Fails with [`Error::InvalidSecret`] when no secret was given, a
    /// secret is empty, or a shared secret is weak: shorter than [`MIN_SECRET_LEN`] (16) bytes,
    /// shorter than the provider's [`Provider::min_secret_len`] (Twilio 32, Standard Webhooks
    /// 24), or a Stripe API key (`sk_live_…`, `sk_test_…`, `rk_…`, `pk_…`) given instead of a
    /// webhook secret — unless [`VerifierBuilder::dangerous_allow_weak_secrets`]. Public keys are not secrets and
    /// are not measured. The error names the rule, never the secret. Fails with
    /// [`Error::InvalidConfig`] when the public URL settings are invalid
    /// ([`VerifierBuilder::public_url`], [`VerifierBuilder::trust_forwarded_headers`]).
    ///
    /// [`MIN_SECRET_LEN`]: crate::secret::MIN_SECRET_LEN
    pub fn build(self) -> Result<Verifier<P>, Error> {
        if self.secrets.iter().any(Secret::is_empty) {
            return Err(Error::InvalidSecret("empty secret"));
        }
        if !self.allow_weak_secrets {
            let min_len = self.provider.min_secret_len();
            for secret in &self.secrets {
                check_strength(secret, min_len)?;
            }
        }
        let public_url = match (self.public_url.as_deref(), self.forwarded) {
            (None, None) => PublicUrl::unset(),
            (Some(base), None) => PublicUrl::fixed(base)?,
            (None, Some((headers, hops))) => PublicUrl::forwarded(headers, hops)?,
            (Some(_), Some(_)) => {
                return Err(Error::InvalidConfig(
                    "public_url and trust_forwarded_headers are exclusive: set one",
                ))
            }
        };
        let secrets = Secrets::from_iter_nonempty(self.secrets)
            .ok_or(Error::InvalidSecret("no secret configured"))?;
        let provider_tolerance = self.provider.default_tolerance();
        let tolerance = self
            .tolerance
            .or(provider_tolerance)
            .unwrap_or(Tolerance::FIVE_MINUTES);
        let window = tolerance.past.saturating_add(tolerance.future);
        let replay_ttl = match self.replay_ttl {
            Some(ttl) => ttl.max(window.saturating_add(REPLAY_TTL_SLACK)),
            None => self
                .provider
                .redelivery_window()
                .max(window.saturating_add(Duration::from_secs(600))),
        };
        Ok(Verifier {
            inner: Arc::new(Inner {
                provider: self.provider,
                secrets,
                tolerance,
                clock: self.clock,
                reads_clock: provider_tolerance.is_some(),
                max_body: self.max_body,
                replay: self.replay,
                replay_ttl,
                in_flight_ttl: self.in_flight_ttl,
                namespace: self.namespace,
                public_url,
                body_read_timeout: self.body_read_timeout,
            }),
        })
    }
}

/// What an explicit [`VerifierBuilder::replay_ttl`] keeps beyond the timestamp window at the
/// least: without it, a copy accepted in the window's last moment could find the first copy's
/// key just expired.
const REPLAY_TTL_SLACK: Duration = Duration::from_secs(60);

/// `delivery` with the signed body's id (when the scheme signs no id header and has one there)
/// and the replay key derived from signed material only (see [`Verifier::replay_key`]). The one
/// place keys are made: the verifier, the integrations and the CLI all come here.
pub(crate) fn with_replay_key<P: Provider + ?Sized>(
    provider: &P,
    namespace: Option<&str>,
    delivery: Delivery,
    req: &WebhookRequest<'_>,
) -> Delivery {
    let delivery = match delivery.signed_id() {
        Some(_) => delivery,
        None => match provider.replay_id(&delivery, req.body()) {
            Some(id) => delivery.with_signed_id(&id, IdSource::Body),
            None => delivery,
        },
    };
    let key = replay_key_of(provider, namespace, &delivery, req);
    delivery.with_replay_key(key)
}

/// The replay key of a verified `delivery` (see [`with_replay_key`]), without recording
/// anything in it.
pub(crate) fn replay_key_of<P: Provider + ?Sized>(
    provider: &P,
    namespace: Option<&str>,
    delivery: &Delivery,
    req: &WebhookRequest<'_>,
) -> String {
    if let Some(id) = delivery.signed_id() {
        return key::for_id(namespace, delivery.provider(), id);
    }
    if let Some(id) = provider.replay_id(delivery, req.body()) {
        return key::for_id(namespace, delivery.provider(), &id);
    }
    key::for_content(namespace, delivery.provider(), delivery.timestamp(), |d| {
        provider.replay_content(req, d);
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::providers::{github, gitlab, standard, stripe};

    const STALE: &str = "timestamp_too_old";

    /// A fixed clock that counts its readings.
    struct Counting(Arc<AtomicUsize>, UnixTime);

    impl Clock for Counting {
        fn now(&self) -> UnixTime {
            self.0.fetch_add(1, Ordering::Relaxed);
            self.1
        }
    }

    fn counting_verifier<P: Provider>(provider: P, key: &[u8]) -> (Verifier<P>, Arc<AtomicUsize>) {
        let reads = Arc::new(AtomicUsize::new(0));
        let now = UnixTime::from_secs(1_700_000_000).unwrap_or(UnixTime::EPOCH);
        let verifier = Verifier::builder(provider)
            .secret(Secret::from_bytes(key))
            .clock(Counting(Arc::clone(&reads), now))
            .build();
        (verifier.unwrap_or_else(|e| panic!("{e}")), reads)
    }

    #[test]
    fn an_explicit_replay_ttl_is_never_shorter_than_the_window_and_its_slack() {
        let key = b"a test secret of 32 bytes or more";
        let ttl = |tolerance: Tolerance, ttl: Duration| {
            let verifier = Verifier::builder(stripe::Stripe)
                .secret(Secret::from_bytes(key))
                .tolerance(tolerance)
                .replay_ttl(ttl)
                .build();
            verifier
                .map(|v| v.replay_ttl())
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let window = Duration::from_secs(300 + 60);
        let tolerance = Tolerance::new(Duration::from_secs(300), Duration::from_secs(60));
        assert_eq!(ttl(tolerance, Duration::ZERO), window + REPLAY_TTL_SLACK);
        assert_eq!(ttl(tolerance, window), window + REPLAY_TTL_SLACK);
        let day = Duration::from_secs(86_400);
        assert_eq!(ttl(tolerance, day), day);
        let endless = Tolerance::new(Duration::MAX, Duration::from_secs(1));
        assert_eq!(ttl(endless, Duration::ZERO), Duration::MAX);
    }

    #[test]
    fn the_clock_is_read_only_for_schemes_that_sign_a_timestamp() {
        let key = b"a test secret of 32 bytes or more";
        let (verifier, reads) = counting_verifier(github::GitHub, key);
        let signature = github::sign(key, b"{}");
        let headers = [(github::SIGNATURE_HEADER, signature.as_str())];
        assert!(verifier
            .verify(&WebhookRequest::new(&headers, b"{}"))
            .is_ok());
        assert_eq!(reads.load(Ordering::Relaxed), 0);

        let (verifier, reads) = counting_verifier(stripe::Stripe, key);
        let signature = stripe::sign(key, 1_700_000_000, b"{}");
        let headers = [(stripe::SIGNATURE_HEADER, signature.as_str())];
        assert!(verifier
            .verify(&WebhookRequest::new(&headers, b"{}"))
            .is_ok());
        assert_eq!(reads.load(Ordering::Relaxed), 1);
        // Five minutes and one second later, the same request is stale.
        let stale = stripe::sign(key, 1_700_000_000 - 301, b"{}");
        let headers = [(stripe::SIGNATURE_HEADER, stale.as_str())];
        let err = verifier.verify(&WebhookRequest::new(&headers, b"{}"));
        assert_eq!(err.map_err(|e| e.kind()).err(), Some(STALE));
    }

    #[test]
    fn gitlab_signed_deliveries_are_checked_against_the_clock() {
        // GitLab's signed mode is Standard Webhooks: it signs a timestamp, so its verifier
        // must read the clock (it reads none for secret-token deliveries).
        let key = b"a test secret of 32 bytes or more";
        let (verifier, reads) = counting_verifier(gitlab::GitLab::new(), key);
        let signature = standard::sign(key, "msg_1", 1_700_000_000, b"{}");
        let headers = [
            ("webhook-id", "msg_1"),
            ("webhook-timestamp", "1700000000"),
            ("webhook-signature", signature.as_str()),
        ];
        let delivery = verifier.verify(&WebhookRequest::new(&headers, b"{}"));
        assert_eq!(delivery.map(|d| d.provider()).ok(), Some("gitlab"));
        assert_eq!(reads.load(Ordering::Relaxed), 1);
        let stale = standard::sign(key, "msg_1", 1_699_999_000, b"{}");
        let headers = [
            ("webhook-id", "msg_1"),
            ("webhook-timestamp", "1699999000"),
            ("webhook-signature", stale.as_str()),
        ];
        let err = verifier.verify(&WebhookRequest::new(&headers, b"{}"));
        assert_eq!(err.map_err(|e| e.kind()).err(), Some(STALE));
    }
}
