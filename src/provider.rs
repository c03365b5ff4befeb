//! The three traits of a sender's scheme, each with its own job:
//!
//! - [`Provider`] verifies: signature, timestamp, signed metadata, replay material. Every
//!   provider implements it; it is all a receiver needs.
//! - [`Sign`] produces signed requests the way the sender does, for your tests, the CLI and
//!   examples. Every built-in provider implements it; a custom provider need not.
//! - [`Parse`] turns a verified body into the provider's typed event. Built-in providers with
//!   typed events implement it behind the provider's crate feature (`github`, `stripe`, …), so
//!   verifying alone compiles no event types.

use std::borrow::Cow;
use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::{Handshake, TypedEvent};
use crate::replay::ContentDigest;
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets, MIN_SECRET_LEN};

/// One sender's signature scheme and payload format.
///
/// Implementations are small, stateless values (`webhook_guard::providers::github::GitHub`, …).
/// [`crate::Verifier`] wraps one with secrets, a clock, a tolerance, a body limit and a replay
/// store; most users never call these methods directly.
pub trait Provider: Send + Sync + 'static {
    /// The provider's lower-case module name (`"github"`), as used by the CLI and in [`Delivery`].
    fn name(&self) -> &'static str;

    /// The timestamp window the provider's own SDK applies, or `None` when the scheme signs no
    /// timestamp (then nothing but a replay store stops a captured request from being replayed).
    fn default_tolerance(&self) -> Option<Tolerance>;

    /// Turns a secret as the provider displays it (dashboard, API) into key bytes the way the
    /// provider's own code does. Most use the text as is; Standard Webhooks decodes `whsec_`.
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        if text.is_empty() {
            return Err(Error::InvalidSecret("empty secret"));
        }
        Ok(Secret::from_text(text))
    }

    /// The fewest bytes a shared secret of this provider has, as the provider documents it
    /// (never below [`MIN_SECRET_LEN`], 16, the default). [`crate::VerifierBuilder::build`]
    /// refuses a shorter shared secret ([`crate::secret::KeyKind::Unspecified`]); public keys are
    /// not measured. Twilio's auth tokens, for example, are 32 characters.
    fn min_secret_len(&self) -> usize {
        MIN_SECRET_LEN
    }

    /// The header that names the event, for schemes that name it outside the body (GitHub's
    /// `X-GitHub-Event`). Used by tools that parse without verifying (the CLI's `parse`).
    fn event_header(&self) -> Option<&'static str> {
        None
    }

    /// `false` for schemes that authenticate the sender but not the body: a shared token sent
    /// as is (Okta's authorization header, Microsoft Graph's `clientState`), where a captured
    /// request's body can be changed and still verify. Such schemes say so in their docs; tools
    /// and tests read this to know that a tampered body is *not* expected to be refused. The
    /// default is `true`.
    fn authenticates_body(&self) -> bool {
        true
    }

    /// `true` when the scheme signs the request URL (Twilio, Square, HubSpot), so
    /// [`Provider::verify`] needs [`WebhookRequest::url`]. The framework integrations then
    /// build that URL from the verifier's [`crate::public_url::PublicUrl`] and refuse the
    /// request as misconfigured when none is set, rather than trust the client's `Host`
    /// header. The default is `false`.
    fn signs_url(&self) -> bool {
        false
    }

    /// Checks the signature of `req`, and the signed timestamp when the scheme has one, against
    /// `secrets`. Must not allocate on the success path, and must not panic on any input.
    ///
    /// `now` is the [`crate::Verifier`]'s clock reading when [`Provider::default_tolerance`]
    /// is `Some`. For a provider that says it signs no timestamp (`None`) the verifier reads no
    /// clock and passes [`UnixTime::EPOCH`], so a provider that wrongly returned `None` would
    /// see every timestamp as far in the future and refuse it: it fails closed.
    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error>;

    /// Answers a sender's *unsigned* endpoint check — a request that comes before (or beside)
    /// signed deliveries to prove the endpoint is yours, and carries no signature to verify:
    /// Meta's subscription `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`,
    /// Dropbox's `GET ?challenge=…`, Microsoft Graph's `POST ?validationToken=…`, Okta's
    /// one-time `GET` with `X-Okta-Verification-Challenge`.
    ///
    /// Called by [`crate::Verifier::endpoint_check`] and the framework integrations for every
    /// request on the receiving route, **before** the signature is verified, so that `GET` and
    /// `POST` of one endpoint go through one verifier. Returns:
    /// - `None`: not an endpoint check; the request is verified as a delivery (a `GET` then
    ///   fails with a missing signature, as it should);
    /// - `Some(Ok(answer))`: answer with 200 and `answer`; the handler does not run;
    /// - `Some(Err(e))`: refuse (a wrong verify token is [`Error::EndpointCheckRefused`], 403);
    ///   the handler does not run.
    ///
    /// An implementation must recognise its check narrowly (method *and* its parameters), must
    /// compare any token in constant time, and must not let an answer say more than the check
    /// itself sent. Must not panic on any input. The default answers `None`: the provider has
    /// no unsigned check (signed ones, like Slack's `url_verification`, are
    /// [`Provider::handshake`]).
    fn endpoint_check(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
    ) -> Option<Result<Handshake, Error>> {
        let _ = (req, secrets);
        None
    }

    /// The answer to a provider's endpoint check, when the verified request is one (Slack
    /// `url_verification`, Twitch, Zoom, Discord PING); `None` for ordinary deliveries. Called
    /// only after [`Provider::verify`] succeeded. The default answers nothing.
    fn handshake(&self, delivery: &Delivery, body: &[u8], secrets: &Secrets) -> Option<Handshake> {
        let _ = (delivery, body, secrets);
        None
    }

    /// The delivery id carried in the verified body, for senders that put their delivery or
    /// event id there instead of in a signed header (Stripe's event `id`, Slack's `event_id`).
    /// Called only after [`Provider::verify`] succeeded, when a replay key is derived
    /// ([`crate::Verifier::replay_key`]); the id becomes [`Delivery::signed_id`]
    /// ([`crate::IdSource::Body`]) and the replay key, so a sender's retry — re-signed with a
    /// new timestamp, hence a new signature — is still recognised. Must return only an id the
    /// signature covers. Should be cheap: a borrowed partial parse. The default answers `None`.
    fn replay_id<'b>(&self, delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>> {
        let _ = (delivery, body);
        None
    }

    /// Feeds the signed content into `digest`, for schemes that sign no delivery id: the replay
    /// key is then a digest of the signed timestamp (added by the caller) and this content.
    /// Called only after [`Provider::verify`] succeeded.
    ///
    /// The default feeds the body, which is right for every scheme that signs the exact body
    /// bytes. A scheme that signs a canonical form instead (Twilio sorts the form parameters)
    /// must feed that canonical form, so that two encodings of one signed request — parameters
    /// reordered, a URL with and without its default port — get the same key. Never feed
    /// anything the signature does not cover.
    fn replay_content(&self, req: &WebhookRequest<'_>, digest: &mut ContentDigest) {
        digest.part(req.body());
    }

    /// How long the sender may deliver the same event again: its automatic retry schedule, or
    /// the window in which its dashboard can redeliver. The default replay TTL is at least this
    /// long, so a retry after a success is recognised as a duplicate. The default is 24 hours.
    fn redelivery_window(&self) -> Duration {
        Duration::from_secs(24 * 3600)
    }
}

/// Signs requests the way one sender does: for your own tests, the CLI and examples; never
/// needed to receive webhooks. Every built-in provider implements it.
///
/// ```
/// use webhook_guard::providers::github::GitHub;
/// use webhook_guard::{Provider, Secret, Secrets, Sign, SignInput, Tolerance, UnixTime, WebhookRequest};
///
/// let key = Secret::from_text("a webhook secret of some length");
/// let now = UnixTime::from_secs(1_700_000_000).unwrap();
/// let signed = GitHub.sign(&key, &SignInput::new(b"{}", now).with_event("ping"))?;
/// let req = WebhookRequest::new(&signed.headers, b"{}");
/// let delivery = GitHub.verify(&req, &Secrets::new(key), now, Tolerance::FIVE_MINUTES)?;
/// assert_eq!(delivery.event(), Some("ping"));
/// # Ok::<(), webhook_guard::Error>(())
/// ```
pub trait Sign: Provider {
    /// Signs a message the way the sender would, returning the headers it would send.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error>;

    /// The key a receiver verifies with, given the key a sender signs with. The same secret for
    /// HMAC schemes (the default); the public key for asymmetric ones (Discord, SendGrid,
    /// Standard Webhooks `v1a`).
    fn verification_key(&self, signing_key: &Secret) -> Result<Secret, Error> {
        Ok(signing_key.clone())
    }
}

/// Turns a verified body into one sender's typed event.
///
/// Implemented by the built-in providers whose events are typed, each behind its crate feature
/// (`github`, `stripe`, …, or `events` for all): without it a provider still verifies, and the
/// body is yours to parse. Providers without typed events (and [`crate::providers::custom::Custom`])
/// parse into [`serde_json::Value`].
pub trait Parse: Provider {
    /// The typed events this sender posts.
    type Event: TypedEvent;

    /// Turns a verified body into a typed event.
    fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error>;
}

/// What a signer produced: the headers to send and, for schemes that put something into the URL
/// (Twilio's `bodySHA256`), the URL to post to; for schemes that sign inside the body
/// (Mailgun), the body to send.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signed {
    /// Header names and values, as a sender would send them.
    pub headers: Vec<(String, String)>,
    /// The URL to post to, when the scheme changed the one given.
    pub url: Option<String>,
    /// The body to send, when the scheme put its signature into the one given.
    pub body: Option<Vec<u8>>,
}

impl Signed {
    /// Headers only.
    pub fn headers(headers: Vec<(String, String)>) -> Self {
        Self {
            headers,
            url: None,
            body: None,
        }
    }

    /// Headers and a changed body.
    pub fn with_body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    /// Headers and a changed URL.
    pub fn with_url(mut self, url: String) -> Self {
        self.url = Some(url);
        self
    }
}

/// What a signer needs: the body and whatever else the scheme signs or sends.
///
/// ```
/// use webhook_guard::{SignInput, UnixTime};
/// let msg = SignInput::new(b"{}", UnixTime::from_secs(1_700_000_000).unwrap()).with_id("msg_1");
/// assert_eq!(msg.id, Some("msg_1"));
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct SignInput<'a> {
    /// The exact body to send.
    pub body: &'a [u8],
    /// The timestamp to sign (ignored by schemes without one).
    pub timestamp: UnixTime,
    /// The delivery id to send, for schemes that have one (a fresh one is made up otherwise).
    pub id: Option<&'a str>,
    /// The full URL, for schemes that sign it.
    pub url: Option<&'a str>,
    /// The HTTP method, for schemes that sign it (default `POST`).
    pub method: Option<&'a str>,
    /// The event name, for schemes that send it in a header.
    pub event: Option<&'a str>,
}

impl<'a> SignInput<'a> {
    /// A message with a body and a timestamp.
    pub fn new(body: &'a [u8], timestamp: UnixTime) -> Self {
        Self {
            body,
            timestamp,
            id: None,
            url: None,
            method: None,
            event: None,
        }
    }

    /// Sets the delivery id.
    #[must_use]
    pub fn with_id(mut self, id: &'a str) -> Self {
        self.id = Some(id);
        self
    }

    /// Sets the URL.
    #[must_use]
    pub fn with_url(mut self, url: &'a str) -> Self {
        self.url = Some(url);
        self
    }

    /// Sets the method.
    #[must_use]
    pub fn with_method(mut self, method: &'a str) -> Self {
        self.method = Some(method);
        self
    }

    /// Sets the event name.
    #[must_use]
    pub fn with_event(mut self, event: &'a str) -> Self {
        self.event = Some(event);
        self
    }

    /// The id to send: the one given, or one derived from the body and timestamp.
    pub fn id_or_derived(&self, prefix: &str) -> String {
        match self.id {
            Some(id) => id.to_owned(),
            None => {
                let tag = crate::crypto::mac::MacAlgorithm::Sha256
                    .compute(&self.timestamp.as_millis().to_be_bytes(), &[self.body]);
                let hex = crate::crypto::encoding::encode_hex(
                    tag.as_bytes().get(..12).unwrap_or_default(),
                );
                format!("{prefix}{hex}")
            }
        }
    }
}
