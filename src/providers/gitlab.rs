//! GitLab: a plain shared token (`X-Gitlab-Token`), or a Standard Webhooks signature when the
//! webhook has a *signing token*.
//!
//! GitLab offers two independent ways to authenticate a webhook, and this provider accepts
//! either. Which one a request uses is decided by the presence of `webhook-signature`:
//!
//! **Signed mode** (`webhook-signature` present) — GitLab's newer signing tokens follow Standard
//! Webhooks: `webhook-signature: v1,<base64>` is an HMAC-SHA256 of
//! `{webhook-id}.{webhook-timestamp}.{body}`. Verification is delegated unchanged to
//! [`Standard`]; the timestamp is checked against the tolerance (see *Defaults*), and
//! the signed `webhook-id` (GitLab sets it to the `Idempotency-Key`) is the replay key. When
//! `webhook-signature` is present, `X-Gitlab-Token` is ignored. (Like [`Standard`], the `svix-*`
//! names are read instead when `webhook-id` is absent and `svix-id` present; GitLab sends
//! `webhook-*`.)
//!
//! **Token mode** (no `webhook-signature`) — the classic *secret token*: GitLab sends the token
//! itself in `X-Gitlab-Token`, and it is compared in constant time with each configured secret
//! (as SHA-256 digests, so that a token of the wrong length is not refused any faster: the
//! time taken does not tell a prober how long the configured token is).
//! **Nothing about the body is authenticated** and nothing is signed: whoever sees one request
//! (a proxy log, a misdirected hook) can forge any delivery. The replay key is a digest of the
//! body; the first of these headers present is kept as [`Delivery::unsigned_id`] — none of
//! them is authenticated:
//! `Idempotency-Key` (GitLab 17.4+, the same on every retry of a delivery),
//! `X-Gitlab-Webhook-UUID` (fresh on every request), `X-Gitlab-Event-UUID` (last, because
//! GitLab gives recursive hooks the same value). With none of them the delivery has no id.
//!
//! Headers read, in both modes: `X-Gitlab-Event` (the event name, e.g. `Push Hook`), recorded in
//! the [`Delivery`] (not authenticated in either mode; the body's `object_kind` is).
//!
//! # Secrets
//! [`Provider::secret_from_display`] follows what you copy from GitLab:
//! - a **signing token** `whsec_<base64>` is **decoded** ([`Secret::from_whsec`]) and used as the
//!   HMAC key, as Standard Webhooks prescribes;
//! - anything else is a **secret token**, used as is: its bytes must equal `X-Gitlab-Token`.
//!
//! Give both (as two secrets of one [`Secrets`]) when a webhook has both. Every secret is tried in
//! both modes; a random 32-byte signing key will not equal a typed token, nor a token make a
//! valid HMAC, so mixing them is harmless.
//!
//! # Downgrade
//! Accepting token mode means a request *without* a signature is accepted on the token alone.
//! Once your webhooks carry signing tokens, use [`GitLab::signed_only`]: requests without
//! `webhook-signature` are then rejected as a missing header, whatever `X-Gitlab-Token` says.
//!
//! # Defaults
//! [`Provider::default_tolerance`] is `None`, because the classic token scheme has no timestamp;
//! signed mode is then checked with the verifier's fallback of 300 s each way — the Standard
//! Webhooks default.
//!
//! [`Sign::sign`] always produces **signed mode** (`webhook-id`, `webhook-timestamp`,
//! `webhook-signature`, and `X-Gitlab-Event` when an event is given), the HMAC keyed with the
//! key bytes as given: it is the only mode in which a signer proves anything about the body. A
//! token-mode request needs no signer — send `X-Gitlab-Token: <token>` with any body.
//!
//! ```
//! use webhook_guard::providers::gitlab::{self, GitLab};
//! use webhook_guard::{Provider, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! let secrets = Secrets::new(GitLab::new().secret_from_display("my-token").unwrap());
//! let headers = [(gitlab::TOKEN_HEADER, "my-token"), (gitlab::EVENT_HEADER, "Push Hook")];
//! let req = WebhookRequest::new(&headers, br#"{"object_kind":"push"}"#);
//! let now = UnixTime::from_secs(1_700_000_000).unwrap();
//! let delivery = GitLab::new().verify(&req, &secrets, now, Tolerance::FIVE_MINUTES).unwrap();
//! assert_eq!(delivery.event(), Some("Push Hook"));
//! // The same request is refused once signatures are required.
//! let err = GitLab::signed_only().verify(&req, &secrets, now, Tolerance::FIVE_MINUTES);
//! assert_eq!(err.unwrap_err().kind(), "missing_header");
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::mac::token_matches;
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::standard::{self, Standard, STANDARD_HEADERS, SVIX_HEADERS};
use super::util;

/// `X-Gitlab-Token`: the plain secret token (token mode).
pub const TOKEN_HEADER: &str = "X-Gitlab-Token";
/// `X-Gitlab-Event`: the event name, e.g. `Push Hook`.
pub const EVENT_HEADER: &str = "X-Gitlab-Event";
/// `Idempotency-Key`: the same on every retry of one delivery (GitLab 17.4+).
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";
/// `X-Gitlab-Webhook-UUID`: a fresh UUID on every request.
pub const WEBHOOK_UUID_HEADER: &str = "X-Gitlab-Webhook-UUID";
/// `X-Gitlab-Event-UUID`: shared by a chain of recursive hooks.
pub const EVENT_UUID_HEADER: &str = "X-Gitlab-Event-UUID";
/// `webhook-signature` (signed mode).
pub const SIGNATURE_HEADER: &str = STANDARD_HEADERS.signature;
/// `webhook-id` (signed mode).
pub const ID_HEADER: &str = STANDARD_HEADERS.id;
/// `webhook-timestamp` (signed mode).
pub const TIMESTAMP_HEADER: &str = STANDARD_HEADERS.timestamp;

/// Which of GitLab's schemes a [`GitLab`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Mode {
    /// A Standard Webhooks signature when `webhook-signature` is present, else the plain token.
    #[default]
    SignatureOrToken,
    /// Only Standard Webhooks signatures; the plain token alone is never enough.
    SignedOnly,
}

/// The GitLab webhook schemes (see the [module docs](self)).
#[derive(Debug, Clone, Copy, Default)]
pub struct GitLab {
    mode: Mode,
}

impl GitLab {
    /// Accepts a signature when one is sent, else the plain token ([`Mode::SignatureOrToken`]).
    pub const fn new() -> Self {
        Self {
            mode: Mode::SignatureOrToken,
        }
    }

    /// Accepts only signed requests ([`Mode::SignedOnly`]).
    pub const fn signed_only() -> Self {
        Self {
            mode: Mode::SignedOnly,
        }
    }

    /// The mode in force.
    pub const fn mode(&self) -> Mode {
        self.mode
    }

    fn verify_token(req: &WebhookRequest<'_>, secrets: &Secrets) -> Result<Delivery, Error> {
        let token = req.require_header(TOKEN_HEADER)?;
        if !token_matches(secrets, token) {
            return Err(Error::SignatureMismatch);
        }
        let delivery = Delivery::new("gitlab");
        for name in [
            IDEMPOTENCY_KEY_HEADER,
            WEBHOOK_UUID_HEADER,
            EVENT_UUID_HEADER,
        ] {
            if let Some(id) = req.header(name) {
                return Ok(delivery.with_unsigned_id(util::ascii(util::trim(id), name)?));
            }
        }
        Ok(delivery)
    }
}

impl Provider for GitLab {
    fn name(&self) -> &'static str {
        "gitlab"
    }

    fn event_header(&self) -> Option<&'static str> {
        Some(EVENT_HEADER)
    }

    /// Five minutes, the Standard Webhooks window, for signed deliveries (`webhook-signature`
    /// signs a timestamp); a secret-token delivery carries no timestamp to check.
    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
    }

    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        if text.trim_start().starts_with("whsec_") {
            Secret::from_whsec(text)
        } else if text.is_empty() {
            Err(Error::InvalidSecret("empty secret"))
        } else {
            Ok(Secret::from_text(text))
        }
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        // Read before the signature is checked (the CPU does it while the hash runs); used,
        // or its error said, only once the signature holds.
        // The event and Standard Webhooks' headers in one walk.
        let [id, timestamp, signature] = STANDARD_HEADERS.lookup();
        let [event, id, timestamp, signature] =
            req.headers_of([Some(EVENT_HEADER), id, timestamp, signature]);
        let event = event.map(|event| util::ascii(util::trim(event), EVENT_HEADER));
        let mut result = if signature.is_some() {
            // As `Standard`, whose flavour rules apply (`svix-*` when `webhook-id` is absent).
            standard::verify_flavours_read(
                "gitlab",
                [STANDARD_HEADERS, SVIX_HEADERS],
                [id, timestamp, signature],
                req,
                secrets,
                now,
                tolerance,
            )
        } else if self.mode == Mode::SignedOnly {
            return Err(Error::MissingHeader(SIGNATURE_HEADER));
        } else {
            Self::verify_token(req, secrets)
        };
        // Filled in place (moving a delivery out of the `Result` costs more than this).
        if let Ok(delivery) = &mut result {
            if let Some(event) = event {
                delivery.set_event(event?, false);
            }
        }
        result
    }
}

impl Sign for GitLab {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let mut signed = Sign::sign(&Standard, key, message)?;
        if let Some(event) = message.event {
            signed
                .headers
                .push((EVENT_HEADER.to_owned(), event.to_owned()));
        }
        Ok(signed)
    }
}

impl Parse for GitLab {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHSEC: &str = "whsec_yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5uc=";
    const NOW: i64 = 1_700_000_000;

    fn verify(p: GitLab, secrets: &[&str], headers: &[(&str, &[u8])]) -> Result<Delivery, Error> {
        let secrets =
            Secrets::from_iter_nonempty(secrets.iter().map(|s| p.secret_from_display(s).unwrap()))
                .unwrap();
        p.verify(
            &WebhookRequest::new(&headers, br#"{"object_kind":"push"}"#),
            &secrets,
            UnixTime::from_secs(NOW).unwrap(),
            Tolerance::FIVE_MINUTES,
        )
    }

    const SIGNED: [(&str, &[u8]); 4] = [
        (ID_HEADER, b"f5e5f430-f57b-4e6e-9fac-d9128cd7232f"),
        (TIMESTAMP_HEADER, b"1700000000"),
        (
            SIGNATURE_HEADER,
            b"v1,m3RhblH+6O8TqmijH/jFC+IGfM7OoMJbpYo78JdQ+74=",
        ),
        (EVENT_HEADER, b"Push Hook"),
    ];

    #[test]
    fn token_mode() {
        let d = verify(
            GitLab::new(),
            &["old-token", "my-token"],
            &[
                (TOKEN_HEADER, b"my-token"),
                (EVENT_HEADER, b"Push Hook"),
                (EVENT_UUID_HEADER, b"event-uuid"),
                (WEBHOOK_UUID_HEADER, b"webhook-uuid"),
            ],
        )
        .unwrap();
        assert_eq!(
            (d.provider(), d.event(), d.unsigned_id(), d.timestamp()),
            ("gitlab", Some("Push Hook"), Some("webhook-uuid"), None)
        );
        let d = verify(
            GitLab::new(),
            &["my-token"],
            &[
                (TOKEN_HEADER, b"my-token"),
                (IDEMPOTENCY_KEY_HEADER, b"idem"),
                (WEBHOOK_UUID_HEADER, b"webhook-uuid"),
            ],
        )
        .unwrap();
        assert_eq!(d.unsigned_id(), Some("idem"));
        let d = verify(GitLab::new(), &["my-token"], &[(TOKEN_HEADER, b"my-token")]).unwrap();
        assert_eq!(
            (d.unsigned_id(), d.id_source()),
            (None, crate::IdSource::None)
        );
        for token in [&b"my-token "[..], b"my-toke", b"", b"MY-TOKEN", b"\xff"] {
            let e = verify(GitLab::new(), &["my-token"], &[(TOKEN_HEADER, token)]).unwrap_err();
            assert_eq!(e, Error::SignatureMismatch, "{token:?}");
        }
        assert_eq!(
            verify(GitLab::new(), &["my-token"], &[]).unwrap_err(),
            Error::MissingHeader(TOKEN_HEADER)
        );
        let e = verify(
            GitLab::new(),
            &["my-token"],
            &[(TOKEN_HEADER, b"my-token"), (EVENT_UUID_HEADER, b"\xff")],
        )
        .unwrap_err();
        assert_eq!(e.kind(), "malformed_header");
    }

    #[test]
    fn signed_mode() {
        let d = verify(GitLab::new(), &["my-token", WHSEC], &SIGNED).unwrap();
        assert_eq!(
            (d.provider(), d.event(), d.signed_id()),
            (
                "gitlab",
                Some("Push Hook"),
                Some("f5e5f430-f57b-4e6e-9fac-d9128cd7232f")
            )
        );
        assert_eq!(d.timestamp().map(UnixTime::as_secs), Some(NOW));
        let d = verify(GitLab::signed_only(), &[WHSEC], &SIGNED).unwrap();
        assert_eq!(d.provider(), "gitlab");
        // With a signature present the token cannot stand in for it.
        let mut forged = SIGNED.to_vec();
        forged[2].1 = b"v1,AAAA";
        forged.push((TOKEN_HEADER, b"my-token"));
        assert_eq!(
            verify(GitLab::new(), &["my-token", WHSEC], &forged).unwrap_err(),
            Error::SignatureMismatch
        );
        // Without `webhook-id`, the Svix names are read (as `Standard` reads them); the
        // `webhook-signature` that chose signed mode is then not the one checked.
        let svix: Vec<(&str, &[u8])> = vec![
            (SIGNATURE_HEADER, b"v1,AAAA"),
            ("svix-id", SIGNED[0].1),
            ("svix-timestamp", SIGNED[1].1),
            ("svix-signature", SIGNED[2].1),
            (EVENT_HEADER, b"Push Hook"),
        ];
        let d = verify(GitLab::new(), &[WHSEC], &svix).unwrap();
        assert_eq!((d.provider(), d.event()), ("gitlab", Some("Push Hook")));
        assert_eq!(
            verify(GitLab::new(), &[WHSEC], &svix[..1]).unwrap_err(),
            Error::MissingHeader(ID_HEADER)
        );
        // Signed-only refuses the token alone.
        assert_eq!(
            verify(
                GitLab::signed_only(),
                &["my-token"],
                &[(TOKEN_HEADER, b"my-token")]
            )
            .unwrap_err(),
            Error::MissingHeader(SIGNATURE_HEADER)
        );
    }

    #[test]
    fn secrets_follow_the_display() {
        let p = GitLab::new();
        assert_eq!(p.secret_from_display(WHSEC).unwrap().len(), 32);
        assert_eq!(
            p.secret_from_display("tok").unwrap().expose_secret(),
            b"tok"
        );
        assert!(p.secret_from_display("").is_err());
        assert!(p.secret_from_display("whsec_").is_err());
        assert!(p.secret_from_display("whsec_***").is_err());
    }

    #[test]
    fn token_of_any_other_length_is_refused() {
        let token = "0123456789abcdef0123456789abcdef";
        let p = GitLab::new();
        let ok = verify(p, &[token], &[(TOKEN_HEADER, token.as_bytes())]).unwrap();
        assert_eq!(ok.provider(), "gitlab");
        for len in (0..token.len()).chain([token.len() + 1, 64, 65, 1000]) {
            let other: Vec<u8> = token.bytes().cycle().take(len).collect();
            let e = verify(p, &[token], &[(TOKEN_HEADER, &other)]).unwrap_err();
            assert_eq!(e, Error::SignatureMismatch, "length {len}");
        }
        // One byte off, at either end, at the same length.
        for other in [
            "1123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdee",
        ] {
            let e = verify(p, &[token], &[(TOKEN_HEADER, other.as_bytes())]).unwrap_err();
            assert_eq!(e, Error::SignatureMismatch, "{other}");
        }
        // Rotation: each configured token, whatever its length, is accepted on its own.
        for accepted in ["short-old-token", token] {
            let d = verify(
                p,
                &["short-old-token", token],
                &[(TOKEN_HEADER, accepted.as_bytes())],
            );
            assert!(d.is_ok(), "{accepted}");
        }
    }

    #[test]
    fn sign_always_signs() {
        let now = UnixTime::from_secs(NOW).unwrap();
        let msg = SignInput::new(b"{}", now)
            .with_event("Push Hook")
            .with_id("idem-1");
        for (provider, secret) in [
            (GitLab::new(), "my-token"),
            (GitLab::new(), WHSEC),
            (GitLab::signed_only(), "my-token"),
        ] {
            let key = provider.secret_from_display(secret).unwrap();
            let signed = provider.sign(&key, &msg).unwrap();
            let has = |name: &str| signed.headers.iter().any(|(n, _)| n == name);
            assert!(!has(TOKEN_HEADER));
            assert!(has(SIGNATURE_HEADER) && has(ID_HEADER) && has(TIMESTAMP_HEADER));
            let d = provider
                .verify(
                    &WebhookRequest::new(&signed.headers, b"{}"),
                    &Secrets::new(key),
                    now,
                    Tolerance::FIVE_MINUTES,
                )
                .unwrap();
            assert_eq!(
                (d.event(), d.signed_id(), d.timestamp()),
                (Some("Push Hook"), Some("idem-1"), Some(now))
            );
        }
    }
}
