//! Meta (Facebook Pages and Messenger, Instagram, the WhatsApp Cloud API):
//! `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
//!
//! One module serves every Meta product that posts Graph API webhooks: they share the envelope
//! (`object`, `entry[]`), the signature and the app secret. Typed events (feature `meta`) are
//! in [`crate::events::meta`].
//!
//! Headers read:
//! - `X-Hub-Signature-256` (required): `sha256=` and the lower-case hex HMAC-SHA256 of the body
//!   as received, keyed with the **app secret** (App Dashboard → App settings → Basic).
//! - `X-Hub-Signature`: the legacy `sha1=<hex HMAC-SHA1>` Meta still sends next to the SHA-256
//!   one. Read only when `X-Hub-Signature-256` is missing, and then accepted only when you opt
//!   in with [`Meta::allow_legacy_sha1`]; otherwise such a request is refused as
//!   [`Error::Unsupported`]. When both headers are sent only the SHA-256 one is checked.
//!
//! What the check proves: the body bytes were signed with your app secret. Meta computes the
//! signature over the payload **as sent**, in which non-ASCII text is escaped as `\uXXXX` (its
//! docs: "the string äöå should be escaped to `\u00e4\u00f6\u00e5`"). The bytes received are
//! what count: a body parsed and serialised again (which unescapes, or escapes differently) no
//! longer verifies, so never verify anything but the raw body.
//!
//! Replay: Meta signs no timestamp and sends no delivery id, so only a replay store stops a
//! captured delivery from being replayed; its replay key is a digest of the signed body (as for
//! GitHub and Intercom). Meta retries a delivery it could not hand over, with the same body and
//! decreasing frequency (for the WhatsApp Cloud API, for up to 7 days), so a retry after a
//! success is recognised as a duplicate while the replay store keeps the key
//! ([`Provider::redelivery_window`]: 7 days). A batch (`entry[]` can hold several changes) is
//! one delivery with one key; a change Meta sends again in another batch is not recognised.
//!
//! Secret: the app secret, used as is; it is 32 hexadecimal characters
//! ([`Provider::min_secret_len`]).
//!
//! Subscription check: when you configure the callback URL Meta sends a `GET` with
//! `hub.mode=subscribe`, `hub.verify_token` and `hub.challenge`, which carries no signature. The
//! token to expect is configured with [`Meta::verify_token`] (compared in constant time by
//! [`Meta::verify_token_matches`]). [`Provider::endpoint_check`] answers it: the challenge as
//! `text/plain` when the token matches, 403 (`endpoint_check_refused`) otherwise or when no
//! verify token is configured. The framework integrations and `webhook-guard listen` call it
//! for every request, so route the callback URL's `GET` and `POST` to the same handler.
//!
//! ```
//! use webhook_guard::providers::meta::Meta;
//! use webhook_guard::{Provider, Secret, Secrets, WebhookRequest};
//!
//! let meta = Meta::new().verify_token(Secret::from_text("meatyhamhock"));
//! let secrets = Secrets::new(Secret::from_text("0123456789abcdef0123456789abcdef"));
//! let none: [(&str, &str); 0] = [];
//! let get = WebhookRequest::new(&none, b"")
//!     .with_method("GET")
//!     .with_query("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
//! assert_eq!(meta.endpoint_check(&get, &secrets).unwrap()?.body, b"1158201444");
//! let wrong = WebhookRequest::new(&none, b"")
//!     .with_method("GET")
//!     .with_query("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
//! assert_eq!(meta.endpoint_check(&wrong, &secrets).unwrap().unwrap_err().status(), 403);
//! # Ok::<(), webhook_guard::Error>(())
//! ```
//!
//! ```
//! use webhook_guard::providers::meta;
//! // The WhatsApp Node.js SDK's (Meta's) test: body `test`, app secret `TEST_APP_SECRET`.
//! assert_eq!(
//!     meta::sign(b"TEST_APP_SECRET", b"test"),
//!     "sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221"
//! );
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider meta` lists them): `page.feed.comment`, `page.messaging.message`, `instagram.comments`,
//! `whatsapp.messages.text`, `whatsapp.messages.interactive`, `whatsapp.statuses.failed`. A handler test's delivery, signed as
//! the sender signs it, is one line of `TestDelivery`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "meta"))] {
//! use webhook_guard::providers::meta::Meta;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Meta, SECRET)?.fixture("whatsapp.messages.text")?.request()?;
//!
//! let verifier = Verifier::builder(Meta).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("whatsapp_business_account"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::mac::token_matches_any;
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{MacAlgorithm, Scheme, Values};
use crate::secret::{Secret, Secrets};

/// `X-Hub-Signature-256`.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";
/// `X-Hub-Signature`: the legacy SHA-1 signature, accepted only after
/// [`Meta::allow_legacy_sha1`].
pub const LEGACY_SIGNATURE_HEADER: &str = "X-Hub-Signature";

/// `hub.mode`: `subscribe` on the subscription check.
pub const MODE_PARAM: &str = "hub.mode";
/// `hub.verify_token`: the token you entered in the App Dashboard ([`Meta::verify_token`]).
pub const VERIFY_TOKEN_PARAM: &str = "hub.verify_token";
/// `hub.challenge`: echoed back when the verify token matches.
pub const CHALLENGE_PARAM: &str = "hub.challenge";

/// Length of an app secret: 32 hexadecimal characters ([`Provider::min_secret_len`]).
pub const APP_SECRET_LEN: usize = 32;

/// Meta's scheme: `sha256=<hex HMAC-SHA256>` of the body.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("meta")
    .prefix("sha256=")
    .expected("expected `sha256=<hex>`");

/// Meta's legacy scheme: `sha1=<hex HMAC-SHA1>` of the body in `X-Hub-Signature`.
pub const LEGACY_SCHEME: Scheme = Scheme::new(LEGACY_SIGNATURE_HEADER)
    .name("meta")
    .algorithm(MacAlgorithm::Sha1)
    .prefix("sha1=")
    .expected("expected `sha1=<hex>`");

/// The `X-Hub-Signature-256` value for `body` under the app secret.
pub fn sign(app_secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(app_secret, &Values::body(body))
}

/// The legacy `X-Hub-Signature` value (`sha1=<hex>`) for `body` under the app secret.
pub fn sign_legacy(app_secret: &[u8], body: &[u8]) -> String {
    LEGACY_SCHEME.header_value(app_secret, &Values::body(body))
}

/// The Meta webhook scheme (see the [module docs](self)).
///
/// [`Meta::new`], [`Meta::default`] and the constant [`Meta`](constant@Meta) are the same
/// value: SHA-256 only, no verify token.
///
/// ```
/// use webhook_guard::providers::meta::Meta;
/// use webhook_guard::Secret;
/// assert!(!Meta.accepts_legacy_sha1());
/// let meta = Meta::new()
///     .allow_legacy_sha1()
///     .verify_token(Secret::from_text("meatyhamhock"));
/// assert!(meta.accepts_legacy_sha1());
/// assert!(meta.verify_token_matches(b"meatyhamhock"));
/// assert!(!meta.verify_token_matches(b"meatyhamhoc"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Meta {
    legacy_sha1: bool,
    /// The token Meta sends as `hub.verify_token` on its subscription `GET` (redacted in
    /// `Debug`).
    verify_token: Option<Secret>,
}

/// The default [`Meta`](struct@Meta) scheme ([`Meta::new`]), so that `Meta` can be written as
/// a value.
#[allow(non_upper_case_globals)]
pub const Meta: Meta = Meta::new();

impl Meta {
    /// SHA-256 only, no verify token.
    pub const fn new() -> Self {
        Self {
            legacy_sha1: false,
            verify_token: None,
        }
    }

    /// Also accepts a request that carries only the legacy SHA-1 `X-Hub-Signature` (HMAC-SHA1
    /// is still sound as a MAC; Meta sends it next to the SHA-256 header, so a receiver needs
    /// this only behind a proxy that drops `X-Hub-Signature-256`). When both headers are sent,
    /// only the SHA-256 one is checked.
    pub const fn allow_legacy_sha1(mut self) -> Self {
        self.legacy_sha1 = true;
        self
    }

    /// Whether a SHA-1-only request is accepted ([`Meta::allow_legacy_sha1`]).
    pub const fn accepts_legacy_sha1(&self) -> bool {
        self.legacy_sha1
    }

    /// The Verify Token entered in the App Dashboard's Webhooks settings, which Meta sends as
    /// `hub.verify_token` on its subscription `GET`. It is not used to verify `POST`s.
    #[must_use]
    pub fn verify_token(mut self, token: Secret) -> Self {
        self.verify_token = Some(token);
        self
    }

    /// `true` when a verify token is configured and `candidate` equals it (compared in
    /// constant time); `false` without a configured token, so an unconfigured receiver never
    /// confirms a subscription.
    pub fn verify_token_matches(&self, candidate: &[u8]) -> bool {
        // As SHA-256 digests: a candidate of another length is not refused any faster.
        token_matches_any(
            self.verify_token.iter().map(Secret::expose_secret),
            candidate,
        )
    }
}

impl Meta {
    fn answer_subscription(
        &self,
        req: &WebhookRequest<'_>,
        mode: &[u8],
    ) -> Result<Handshake, Error> {
        if mode != b"subscribe" {
            return Err(Error::EndpointCheckRefused("`hub.mode` is not `subscribe`"));
        }
        if self.verify_token.is_none() {
            return Err(Error::EndpointCheckRefused(
                "no verify token is configured (`Meta::new().verify_token(..)`)",
            ));
        }
        let token = req.query_param(VERIFY_TOKEN_PARAM).unwrap_or_default();
        if !self.verify_token_matches(&token) {
            return Err(Error::EndpointCheckRefused(
                "`hub.verify_token` is not the configured verify token",
            ));
        }
        let challenge = req
            .query_param(CHALLENGE_PARAM)
            .ok_or(Error::EndpointCheckRefused("no `hub.challenge`"))?;
        super::util::echo_challenge(challenge)
    }
}

impl Provider for Meta {
    fn name(&self) -> &'static str {
        "meta"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    fn min_secret_len(&self) -> usize {
        APP_SECRET_LEN
    }

    /// The subscription check: `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…` is
    /// answered with the challenge (`text/plain`) when the verify token is the one configured
    /// with [`Meta::verify_token`]; refused with 403 otherwise (also when none is configured).
    fn endpoint_check(
        &self,
        req: &WebhookRequest<'_>,
        _secrets: &Secrets,
    ) -> Option<Result<Handshake, Error>> {
        if req.method() != Some("GET") {
            return None;
        }
        let mode = req.query_param(MODE_PARAM)?;
        Some(self.answer_subscription(req, &mode))
    }

    /// Meta retries failed deliveries with decreasing frequency; the WhatsApp Cloud API for up
    /// to 7 days, the longest of its products.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(7 * 24 * 3600)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let result = SCHEME.verify(req, secrets, now, tolerance);
        match result {
            // The legacy header is looked at only when the SHA-256 one is missing.
            Err(Error::MissingHeader(_)) if req.header(LEGACY_SIGNATURE_HEADER).is_some() => {
                if self.legacy_sha1 {
                    LEGACY_SCHEME.verify(req, secrets, now, tolerance)
                } else {
                    Err(Error::Unsupported(
                        "a SHA-1 `X-Hub-Signature` without `X-Hub-Signature-256` is accepted only with `Meta::new().allow_legacy_sha1()`",
                    ))
                }
            }
            other => other,
        }
    }
}

impl Sign for Meta {
    /// Signs with `X-Hub-Signature-256`, the header [`Provider::verify`] checks. Meta also
    /// sends the legacy `X-Hub-Signature`, which is not checked when the SHA-256 one is
    /// present, so the signer leaves it out; [`sign_legacy`] makes one for tests of
    /// [`Meta::allow_legacy_sha1`].
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), message.body),
            ),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

#[cfg(feature = "meta")]
#[cfg_attr(docsrs, doc(cfg(feature = "meta")))]
impl crate::provider::Parse for Meta {
    type Event = crate::events::meta::Event;

    /// Parses into the typed [`Event`](crate::events::meta::Event), chosen by the body's
    /// `object`.
    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::meta::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscription_check_needs_the_configured_verify_token() {
        let secrets = Secrets::new(Secret::from_text("0123456789abcdef0123456789abcdef"));
        let check = |meta: &Meta, method: &str, query: &str| {
            let none: [(&str, &str); 0] = [];
            let req = WebhookRequest::new(&none, b"")
                .with_method(method)
                .with_query(query);
            meta.endpoint_check(&req, &secrets)
        };
        let meta = Meta::new().verify_token(Secret::from_text("meatyhamhock"));
        let ok = "hub.mode=subscribe&hub.challenge=11582&hub.verify_token=meatyhamhock";
        assert_eq!(check(&meta, "GET", ok).unwrap().unwrap().body, b"11582");
        for (query, why) in [
            (
                "hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhoc",
                "token",
            ),
            (
                "hub.mode=subscribe&hub.challenge=1&hub.verify_token=",
                "token",
            ),
            ("hub.mode=subscribe&hub.challenge=1", "token"),
            (
                "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock",
                "mode",
            ),
            (
                "hub.mode=subscribe&hub.verify_token=meatyhamhock",
                "challenge",
            ),
        ] {
            let err = check(&meta, "GET", query).unwrap().unwrap_err();
            assert_eq!(err.status(), 403, "{query}");
            assert!(err.to_string().contains(why), "{query}: {err}");
            assert!(!err.to_string().contains("meatyhamhock"));
        }
        // No verify token configured: refused, whatever is sent.
        assert_eq!(
            check(&Meta::new(), "GET", ok).unwrap().unwrap_err().kind(),
            "endpoint_check_refused"
        );
        // Not a check: a POST, or a GET without `hub.mode` (verified as a delivery).
        assert!(check(&meta, "POST", ok).is_none());
        assert!(check(&meta, "GET", "hub.challenge=1").is_none());
    }

    const SECRET: &str = "TEST_APP_SECRET";
    const SDK_SIG: &str = "sha256=0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221";

    fn verify_with(meta: &Meta, headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        meta.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text(SECRET)),
            UnixTime::EPOCH,
            Tolerance::default(),
        )
    }

    fn verify(headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        verify_with(&Meta, headers, body)
    }

    #[test]
    fn presets_are_consistent() {
        assert_eq!(SCHEME.validate(), Ok(()));
        assert_eq!(LEGACY_SCHEME.validate(), Ok(()));
    }

    #[test]
    fn sdk_vector_and_odd_input() {
        let d = verify(&[(SIGNATURE_HEADER, SDK_SIG.as_bytes())], b"test").unwrap();
        assert_eq!(d.provider(), "meta");
        assert_eq!(d.id_source(), crate::delivery::IdSource::None);
        assert_eq!(d.event(), None);
        for (value, kind) in [
            (&b""[..], "malformed_header"),
            (b"sha1=0c61947b", "malformed_header"),
            (b"sha256=zz", "malformed_header"),
            (b"sha256=\xff\xfe", "malformed_header"),
            (b"sha256=00", "signature_mismatch"),
            (&[b'a'; 10_000], "malformed_header"),
        ] {
            let e = verify(&[(SIGNATURE_HEADER, value)], b"test").unwrap_err();
            assert_eq!(e.kind(), kind, "{value:?}");
        }
        assert_eq!(
            verify(&[], b"test").unwrap_err(),
            Error::MissingHeader(SIGNATURE_HEADER)
        );
        // Non-UTF-8 bodies are signed and verified as bytes.
        let body = b"\xff\x00\xfe";
        let sig = sign(SECRET.as_bytes(), body);
        assert!(verify(&[(SIGNATURE_HEADER, sig.as_bytes())], body).is_ok());
    }

    #[test]
    fn legacy_sha1_only_when_opted_in_and_only_without_sha256() {
        let body = b"{\"object\":\"page\",\"entry\":[]}";
        let sha1 = sign_legacy(SECRET.as_bytes(), body);
        assert!(sha1.starts_with("sha1=") && sha1.len() == 5 + 40);
        let only_sha1 = [(LEGACY_SIGNATURE_HEADER, sha1.as_bytes())];
        assert_eq!(verify(&only_sha1, body).unwrap_err().kind(), "unsupported");
        let legacy = Meta::new().allow_legacy_sha1();
        let d = verify_with(&legacy, &only_sha1, body).unwrap();
        assert_eq!(d.provider(), "meta");
        let mut flipped = body.to_vec();
        flipped[3] ^= 1;
        assert_eq!(
            verify_with(&legacy, &only_sha1, &flipped).unwrap_err(),
            Error::SignatureMismatch
        );
        // With both headers, only SHA-256 counts: a bad SHA-256 is not rescued by a good SHA-1.
        let both = [
            (SIGNATURE_HEADER, &b"sha256=00"[..]),
            (LEGACY_SIGNATURE_HEADER, sha1.as_bytes()),
        ];
        assert_eq!(
            verify_with(&legacy, &both, body).unwrap_err(),
            Error::SignatureMismatch
        );
        // A SHA-256 value in the legacy header is malformed there.
        let sha256 = sign(SECRET.as_bytes(), body);
        let wrong = [(LEGACY_SIGNATURE_HEADER, sha256.as_bytes())];
        assert_eq!(
            verify_with(&legacy, &wrong, body).unwrap_err().kind(),
            "malformed_header"
        );
    }

    #[test]
    fn escaped_unicode_is_verified_as_sent_not_as_reserialised() {
        // Meta escapes non-ASCII as `\uXXXX` (lower-case hex) before signing.
        let sent = br#"{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"message":{"text":"\u00e4\u00f6\u00e5 \ud83d\ude00"}}]}]}"#;
        let sig = sign(SECRET.as_bytes(), sent);
        assert!(verify(&[(SIGNATURE_HEADER, sig.as_bytes())], sent).is_ok());
        // The same document after a parse and serialise: the text is now raw UTF-8.
        let value: serde_json::Value = serde_json::from_slice(sent).unwrap();
        let reserialised = serde_json::to_vec(&value).unwrap();
        assert_ne!(reserialised.as_slice(), &sent[..]);
        assert!(String::from_utf8_lossy(&reserialised).contains("äöå"));
        assert_eq!(
            verify(&[(SIGNATURE_HEADER, sig.as_bytes())], &reserialised).unwrap_err(),
            Error::SignatureMismatch
        );
    }

    #[test]
    fn signer_and_verify_token() {
        let key = Secret::from_text(SECRET);
        let signed = Meta
            .sign(&key, &SignInput::new(b"test", UnixTime::EPOCH))
            .unwrap();
        assert!(signed
            .headers
            .iter()
            .any(|(k, v)| k == SIGNATURE_HEADER && v == SDK_SIG));
        assert!(!signed
            .headers
            .iter()
            .any(|(k, _)| k == LEGACY_SIGNATURE_HEADER));
        let meta = Meta::new().verify_token(Secret::from_text("meatyhamhock-token"));
        assert!(!format!("{meta:?}").contains("meatyhamhock"));
        assert!(meta.verify_token_matches(b"meatyhamhock-token"));
        assert!(!meta.verify_token_matches(b""));
        assert!(!Meta.verify_token_matches(b""));
        assert_eq!(Meta.min_secret_len(), 32);
    }
}
