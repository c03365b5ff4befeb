//! Dropbox: `X-Dropbox-Signature: <hex HMAC-SHA256 of the body>`, and the `GET ?challenge=`
//! endpoint check.
//!
//! Headers read: `X-Dropbox-Signature` only (required), keyed with the app secret as shown in
//! the App Console, used as is. Dropbox signs no timestamp and sends no delivery id.
//!
//! **Endpoint check** ([`Provider::endpoint_check`]): when a webhook URI is added, and
//! from time to time after, Dropbox sends `GET <uri>?challenge=<random>` and expects the
//! challenge back verbatim, as `text/plain` with `X-Content-Type-Options: nosniff` (the
//! framework integrations add that header to every answer they give). The check is not
//! authenticated — anyone can ask the endpoint to echo a string — which is why the answer is
//! plain text that a browser will not sniff, and the challenge is bounded
//! ([`MAX_CHALLENGE_LEN`]). A `GET` without `challenge` is verified as a delivery, so it fails
//! with a missing signature.
//!
//! **Notifications carry no change**, only the accounts that changed
//! (`{"list_folder":{"accounts":[…]},"delta":{"users":[…]}}`); your app then calls
//! `/files/list_folder/continue`. Two notifications for the same accounts are byte-identical,
//! so their replay key (a digest of the signed body) is the same: **do not configure a replay
//! store on a Dropbox route** — it would drop a later, genuine notification as a duplicate of an
//! earlier one. A replayed capture only makes your app ask Dropbox for changes again, which
//! it must do idempotently anyway.
//!
//! ```
//! use webhook_guard::providers::dropbox::{self, Dropbox};
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! // The vector of the hapi-dropbox-webhooks test suite.
//! let body = br#"{"delta": {"users": [12345]}}"#;
//! let signature = dropbox::sign(b"the_secret", body);
//! assert_eq!(signature, "0a8c16b085420b960dc78664279fe09e936a2a01b1f91064869d9e77dfd64529");
//!
//! let secrets = Secrets::new(Secret::from_text("the_secret"));
//! let headers = [(dropbox::SIGNATURE_HEADER, signature.as_str())];
//! let req = WebhookRequest::new(&headers, body);
//! Dropbox.verify(&req, &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES)?;
//!
//! // The endpoint check is answered with the challenge.
//! let none: [(&str, &str); 0] = [];
//! let get = WebhookRequest::new(&none, b"").with_method("GET").with_query("challenge=abc123");
//! let answer = Dropbox.endpoint_check(&get, &secrets).unwrap()?;
//! assert_eq!(answer.body, b"abc123");
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, Values};
use crate::secret::{Secret, Secrets};

use super::util;

/// `X-Dropbox-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Dropbox-Signature";
/// The query parameter of the endpoint check.
pub const CHALLENGE_PARAM: &str = "challenge";
/// The longest challenge echoed (bytes, decoded); a longer one is refused (403).
pub const MAX_CHALLENGE_LEN: usize = util::MAX_CHALLENGE_LEN;

/// The Dropbox webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dropbox;

/// The `X-Dropbox-Signature` value (bare hex) for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Dropbox's scheme: bare hex HMAC-SHA256 of the body.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER).name("dropbox");

impl Provider for Dropbox {
    fn name(&self) -> &'static str {
        "dropbox"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        SCHEME.verify(req, secrets, now, tolerance)
    }

    /// `GET ?challenge=…` is answered with the challenge (`text/plain`).
    fn endpoint_check(
        &self,
        req: &WebhookRequest<'_>,
        _secrets: &Secrets,
    ) -> Option<Result<Handshake, Error>> {
        if req.method() != Some("GET") {
            return None;
        }
        let challenge = req.query_param(CHALLENGE_PARAM)?;
        Some(util::echo_challenge(challenge))
    }
}

impl Sign for Dropbox {
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

impl Parse for Dropbox {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(method: &str, query: &str) -> Option<Result<Handshake, Error>> {
        let none: [(&str, &str); 0] = [];
        let req = WebhookRequest::new(&none, b"")
            .with_method(method)
            .with_query(query);
        Dropbox.endpoint_check(&req, &Secrets::new(Secret::from_text("the_secret")))
    }

    #[test]
    fn challenge_is_echoed_only_on_get_with_a_challenge() {
        let answer = check("GET", "challenge=a%2Bb+c&x=1").unwrap().unwrap();
        assert_eq!(answer.body, b"a+b c");
        assert_eq!(answer.content_type, "text/plain; charset=utf-8");
        assert!(check("POST", "challenge=abc").is_none());
        assert!(check("GET", "x=1").is_none());
        assert!(check("GET", "").is_none());
        let long = format!("challenge={}", "a".repeat(MAX_CHALLENGE_LEN + 1));
        assert_eq!(
            check("GET", &long).unwrap().unwrap_err().kind(),
            "endpoint_check_refused"
        );
        let longest = format!("challenge={}", "a".repeat(MAX_CHALLENGE_LEN));
        assert!(check("GET", &longest).unwrap().is_ok());
    }

    #[test]
    fn a_get_without_challenge_is_not_a_delivery() {
        let none: [(&str, &str); 0] = [];
        let req = WebhookRequest::new(&none, b"").with_method("GET");
        let secrets = Secrets::new(Secret::from_text("the_secret"));
        let err = Dropbox
            .verify(&req, &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES)
            .unwrap_err();
        assert_eq!(err, Error::MissingHeader(SIGNATURE_HEADER));
    }
}
