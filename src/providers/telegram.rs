//! Telegram Bot API: `X-Telegram-Bot-Api-Secret-Token` equal to the `secret_token` given to
//! `setWebhook`. Nothing is signed.
//!
//! Headers read: `X-Telegram-Bot-Api-Secret-Token` only (required). Telegram sends it on every
//! update when the webhook was set with a `secret_token` (1–256 characters of `A-Z`, `a-z`,
//! `0-9`, `_` and `-`, chosen by you); it is compared in constant time with each configured
//! secret (as SHA-256 digests, so that a token of another length is not refused any faster:
//! the time taken does not tell a prober how long the configured token is).
//!
//! # What the check proves — and what it does not
//!
//! Only that the sender **knows the token**. Telegram signs nothing: **the body is not
//! authenticated**, and there is no timestamp. Whoever learns the token once (a proxy or
//! access log that records headers, a misconfigured mirror) can post any update, at any time,
//! and it verifies. Use a long random token, serve the webhook over HTTPS only, keep the header
//! out of logs, and rotate the token (`setWebhook` again; configure both tokens meanwhile) when
//! it may have leaked.
//!
//! # Replays
//!
//! The update's `update_id` is in the body, which nothing authenticates, so it cannot be the
//! replay key (anyone holding the token could send a new body under an old id, or an old body
//! under a fresh one). As for GitLab's token mode, the replay key is a digest of the body
//! ([`Provider::replay_content`]'s default): an exact re-send — Telegram retrying an update it
//! got no 2xx for — is answered as a duplicate. `update_id` is kept as
//! [`Delivery::unsigned_id`], a hint for logs. [`Provider::default_tolerance`] is `None`: there
//! is no timestamp to check (the update's `message.date` is, again, unauthenticated).
//!
//! [`Sign::sign`] sends the token in the header (for tests and `webhook-guard send`); the body
//! is sent as given.
//!
//! ```
//! use webhook_guard::providers::telegram::{self, Telegram};
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! let secrets = Secrets::new(Secret::from_text("6f2c0e8a-tg-webhook-token_42"));
//! let body = br#"{"update_id":10000,"message":{"message_id":1365,"date":1700000000,"chat":{"id":1111111,"type":"private"},"text":"/start"}}"#;
//! let headers = [(telegram::SECRET_TOKEN_HEADER, "6f2c0e8a-tg-webhook-token_42")];
//! let req = WebhookRequest::new(&headers, body);
//! let delivery = Telegram.verify(&req, &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES)?;
//! assert_eq!(delivery.unsigned_id(), Some("10000"));
//! // The body is not authenticated: another body with the same token verifies too.
//! let forged = WebhookRequest::new(&headers, b"{\"update_id\":1}");
//! assert!(Telegram.verify(&forged, &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES).is_ok());
//! // A wrong token does not.
//! let wrong = [(telegram::SECRET_TOKEN_HEADER, "6f2c0e8a-tg-webhook-token_43")];
//! let err = Telegram.verify(&WebhookRequest::new(&wrong, body), &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES);
//! assert_eq!(err.unwrap_err().kind(), "signature_mismatch");
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::mac::token_matches;
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::{scan, util};

/// `X-Telegram-Bot-Api-Secret-Token`.
pub const SECRET_TOKEN_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";
/// The body field holding the update's id: `update_id` (not authenticated).
pub const UPDATE_ID_FIELD: &str = "update_id";

/// The Telegram Bot API webhook check (see the [module docs](self)).
#[derive(Debug, Clone, Copy, Default)]
pub struct Telegram;

impl Provider for Telegram {
    fn name(&self) -> &'static str {
        "telegram"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    /// `false`: only the secret token is checked (see the module docs).
    fn authenticates_body(&self) -> bool {
        false
    }

    /// Telegram retries an update it got no 2xx for, "a reasonable number of attempts", for
    /// up to 24 hours (updates older than that are dropped by Telegram's servers).
    fn redelivery_window(&self) -> Duration {
        Duration::from_secs(24 * 3600)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        _now: UnixTime,
        _tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let token = req.require_header(SECRET_TOKEN_HEADER)?;
        if !token_matches(secrets, token) {
            return Err(Error::SignatureMismatch);
        }
        let mut delivery = Delivery::new("telegram");
        // A hint only: the body is not authenticated.
        let id = scan::json_member(req.body(), UPDATE_ID_FIELD.as_bytes())
            .ok()
            .flatten()
            .and_then(scan::json_scalar_text)
            .filter(|text| text.iter().all(u8::is_ascii_digit));
        if let Some(id) = util::hint(id) {
            delivery.set_unsigned_id(id);
        }
        Ok(delivery)
    }
}

impl Sign for Telegram {
    /// The token header and a JSON content type; the body as given (nothing is signed).
    fn sign(&self, key: &Secret, _message: &SignInput<'_>) -> Result<Signed, Error> {
        let token = std::str::from_utf8(key.expose_secret())
            .map_err(|_| Error::InvalidSecret("a Telegram secret_token is ASCII text"))?;
        Ok(Signed::headers(vec![
            (SECRET_TOKEN_HEADER.to_owned(), token.to_owned()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

impl Parse for Telegram {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn verify(secrets: &[&str], headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        let secrets =
            Secrets::from_iter_nonempty(secrets.iter().map(|s| Secret::from_text(s))).unwrap();
        Telegram.verify(
            &WebhookRequest::new(&headers, body),
            &secrets,
            UnixTime::EPOCH,
            Tolerance::FIVE_MINUTES,
        )
    }

    #[test]
    fn token_of_any_other_value_is_refused() {
        let body = br#"{"update_id":7}"#;
        let d = verify(&[TOKEN], &[(SECRET_TOKEN_HEADER, TOKEN.as_bytes())], body).unwrap();
        assert_eq!(
            (d.provider(), d.unsigned_id(), d.signed_id(), d.timestamp()),
            ("telegram", Some("7"), None, None)
        );
        for len in (0..TOKEN.len()).chain([TOKEN.len() + 1, 64, 257]) {
            let other: Vec<u8> = TOKEN.bytes().cycle().take(len).collect();
            let e = verify(&[TOKEN], &[(SECRET_TOKEN_HEADER, &other)], body).unwrap_err();
            assert_eq!(e, Error::SignatureMismatch, "length {len}");
        }
        for other in [
            "1123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdee",
            "0123456789ABCDEF0123456789ABCDEF",
        ] {
            let e = verify(&[TOKEN], &[(SECRET_TOKEN_HEADER, other.as_bytes())], body);
            assert_eq!(e.unwrap_err(), Error::SignatureMismatch, "{other}");
        }
        assert_eq!(
            verify(&[TOKEN], &[], body).unwrap_err(),
            Error::MissingHeader(SECRET_TOKEN_HEADER)
        );
        // Rotation: either configured token is accepted.
        for accepted in ["old-token-of-some-length", TOKEN] {
            let d = verify(
                &["old-token-of-some-length", TOKEN],
                &[(SECRET_TOKEN_HEADER, accepted.as_bytes())],
                body,
            );
            assert!(d.is_ok(), "{accepted}");
        }
    }

    #[test]
    fn the_body_is_only_a_hint() {
        let headers = [(SECRET_TOKEN_HEADER, TOKEN.as_bytes())];
        for (body, id) in [
            (&br#"{"update_id":"x y"}"#[..], None),
            (br#"{"update_id":{}}"#, None),
            (b"not json", None),
            (b"", None),
            (br#"{"update_id":123456789}"#, Some("123456789")),
        ] {
            let d = verify(&[TOKEN], &headers, body).unwrap();
            assert_eq!(d.unsigned_id(), id, "{body:?}");
        }
    }

    #[test]
    fn sign_sends_the_token() {
        let key = Secret::from_text(TOKEN);
        let signed = Telegram
            .sign(&key, &SignInput::new(b"{}", UnixTime::EPOCH))
            .unwrap();
        assert_eq!(
            signed.headers[0],
            (SECRET_TOKEN_HEADER.to_owned(), TOKEN.to_owned())
        );
        assert!(Telegram
            .sign(
                &Secret::from_bytes(vec![0xff]),
                &SignInput::new(b"{}", UnixTime::EPOCH)
            )
            .is_err());
    }
}
