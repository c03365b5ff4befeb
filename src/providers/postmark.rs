//! Postmark: **no signature**. Postmark authenticates webhooks only with HTTP basic auth
//! credentials you put into the webhook URL (`https://user:password@example.com/webhook`), and
//! optionally by the addresses it sends from.
//!
//! Headers read: `Authorization` (required), `Basic <base64 of user:password>`. The scheme name
//! must be spelled `Basic`, as Postmark and every HTTP client send it (RFC 7617 would allow any
//! case; accepting one spelling keeps one request one byte string). The decoded credentials are compared in constant time with
//! each configured secret, given as `user:password` — exactly the text between `https://` and
//! `@` in the webhook URL, after percent-decoding. They are compared as SHA-256 digests, the
//! header decoded piece by piece into the hash, so neither the length of the credentials nor
//! the header costs an allocation or tells a prober anything. The base64 must be standard and
//! padded, as HTTP clients send it.
//!
//! # What the check proves — and what it does not
//!
//! Only that the sender **knows the credentials**. **Nothing signs the body**, and there is no
//! timestamp: whoever learns the credentials once (they are in the webhook URL, so in any log
//! or tool that records it) can post any event, at any time, and it verifies. Use HTTPS only,
//! long random credentials used for nothing else, and rotate them (configure both pairs
//! meanwhile) when they may have leaked. Postmark also publishes the addresses it sends
//! webhooks from (its support site; they change, and may differ between attempts): the
//! crate's `integrations::SourceAllowlist` (features `tower`, `axum`, `actix-web`) refuses
//! other addresses before the body is read, which makes stolen credentials harder to use.
//!
//! # Replays and event names
//!
//! Postmark sends no delivery id header; the body's ids (`MessageID`, `ID`) are not
//! authenticated, so they cannot be the replay key (anyone with the credentials could send a
//! new body under an old id). As for GitLab's token mode, the replay key is a digest of the
//! body: an exact re-send — Postmark retrying a delivery it got no 2xx for — is answered as a
//! duplicate. The body's `RecordType` (`Delivery`, `Bounce`, `Open`, `Click`,
//! `SpamComplaint`, `SubscriptionChange`) is recorded as the event, marked unsigned.
//!
//! [`Sign::sign`] sends the `Authorization` header (for tests and `webhook-guard send`); the
//! body is sent as given.
//!
//! ```
//! use webhook_guard::providers::postmark::{self, Postmark};
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! let secrets = Secrets::new(Secret::from_text("postmark-hooks:9f3c1a7e5b2d8c4f"));
//! // base64("postmark-hooks:9f3c1a7e5b2d8c4f")
//! let headers = [("Authorization", "Basic cG9zdG1hcmstaG9va3M6OWYzYzFhN2U1YjJkOGM0Zg==")];
//! let body = br#"{"RecordType":"Delivery","MessageID":"00000000-0000-0000-0000-000000000000"}"#;
//! let req = WebhookRequest::new(&headers, body);
//! let delivery = Postmark.verify(&req, &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES)?;
//! assert_eq!((delivery.event(), delivery.event_is_signed()), (Some("Delivery"), false));
//! // Nothing signs the body: another body with the same credentials verifies too.
//! let forged = WebhookRequest::new(&headers, br#"{"RecordType":"Bounce"}"#);
//! assert!(Postmark.verify(&forged, &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES).is_ok());
//! assert_eq!(postmark::authorization(b"postmark-hooks:9f3c1a7e5b2d8c4f"), headers[0].1);
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::time::Duration;

use base64::Engine as _;
use sha2::Digest as _;

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::mac::token_digest_matches;
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::{scan, util};

/// `Authorization`.
pub const AUTHORIZATION_HEADER: &str = "Authorization";
/// The body field naming the event: `RecordType` (not authenticated).
pub const RECORD_TYPE_FIELD: &str = "RecordType";

/// The Postmark webhook check: HTTP basic auth (see the [module docs](self)).
#[derive(Debug, Clone, Copy, Default)]
pub struct Postmark;

/// The `Authorization` value (`Basic <base64>`) for `credentials` (`user:password`).
pub fn authorization(credentials: &[u8]) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(credentials)
    )
}

/// SHA-256 of the credentials the `Authorization` value carries, decoded piece by piece; `None`
/// when the value is not `Basic <padded standard base64>`.
fn credentials_digest(value: &[u8]) -> Option<[u8; 32]> {
    let value = util::trim(value);
    let space = value.iter().position(|b| *b == b' ')?;
    let (scheme, rest) = value.split_at(space);
    if scheme != b"Basic" {
        return None;
    }
    let token = util::trim(rest);
    // Padding only at the very end; whole groups of four, so every chunk decodes on its own.
    let head = token.get(..token.len().checked_sub(2)?)?;
    if !token.len().is_multiple_of(4) || head.contains(&b'=') {
        return None;
    }
    let mut hash = sha2::Sha256::new();
    let mut buf = [0u8; 48];
    for chunk in token.chunks(64) {
        let n = base64::engine::general_purpose::STANDARD
            .decode_slice(chunk, &mut buf)
            .ok()?;
        hash.update(buf.get(..n)?);
    }
    Some(hash.finalize().into())
}

impl Provider for Postmark {
    fn name(&self) -> &'static str {
        "postmark"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    /// `false`: only the basic-auth credentials are checked (see the module docs).
    fn authenticates_body(&self) -> bool {
        false
    }

    /// Postmark retries a webhook it got no 200 for 10 times over about 10.5 hours (1 minute
    /// to 6 hours apart, as its support article on webhook retries lists them); 24 hours
    /// covers it.
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
        let value = req.require_header(AUTHORIZATION_HEADER)?;
        let digest = credentials_digest(value).ok_or(Error::malformed(
            AUTHORIZATION_HEADER,
            "expected `Basic <base64 of user:password>`",
        ))?;
        if !token_digest_matches(secrets, digest) {
            return Err(Error::SignatureMismatch);
        }
        let mut delivery = Delivery::new("postmark");
        if let Some(kind) = scan::json_text(req.body(), RECORD_TYPE_FIELD.as_bytes()) {
            delivery.set_event(kind, false);
        }
        Ok(delivery)
    }
}

impl Sign for Postmark {
    /// The `Authorization` header for the credentials (`user:password`) and a JSON content
    /// type; the body as given (nothing is signed).
    fn sign(&self, key: &Secret, _message: &SignInput<'_>) -> Result<Signed, Error> {
        Ok(Signed::headers(vec![
            (
                AUTHORIZATION_HEADER.to_owned(),
                authorization(key.expose_secret()),
            ),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

impl Parse for Postmark {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CREDENTIALS: &str = "postmark-hooks:9f3c1a7e5b2d8c4f";

    fn verify(header: &[u8]) -> Result<Delivery, Error> {
        let headers = [(AUTHORIZATION_HEADER, header)];
        Postmark.verify(
            &WebhookRequest::new(&headers, br#"{"RecordType":"Open"}"#),
            &Secrets::new(Secret::from_text(CREDENTIALS)),
            UnixTime::EPOCH,
            Tolerance::FIVE_MINUTES,
        )
    }

    #[test]
    fn basic_auth_in_its_spellings() {
        let good = authorization(CREDENTIALS.as_bytes());
        let d = verify(good.as_bytes()).unwrap();
        assert_eq!((d.provider(), d.event()), ("postmark", Some("Open")));
        let token = good.strip_prefix("Basic ").unwrap();
        for spelling in [format!("Basic   {token}  "), format!(" Basic {token}")] {
            assert!(verify(spelling.as_bytes()).is_ok(), "{spelling}");
        }
        for spelling in [format!("basic {token}"), format!("BASIC {token}")] {
            assert_eq!(
                verify(spelling.as_bytes()).unwrap_err().kind(),
                "malformed_header"
            );
        }
        for (value, kind) in [
            (&b""[..], "malformed_header"),
            (b"Basic", "malformed_header"),
            (b"Basic ", "malformed_header"),
            (b"Bearer cG9zdG1hcms=", "malformed_header"),
            (b"Basic cG9zdG1hcms", "malformed_header"),
            (b"Basic cG9z=G1hcms=", "malformed_header"),
            (b"Basic !!!!", "malformed_header"),
            (b"Basic \xff\xff\xff\xff", "malformed_header"),
            (b"Basic cG9zdG1hcms=", "signature_mismatch"),
            (
                b"Basic cG9zdG1hcmstaG9va3M6OWYzYzFhN2U1YjJkOGM0Zg",
                "malformed_header",
            ),
            (
                b"Basic cG9zdG1hcmstaG9va3M6OWYzYzFhN2U1YjJkOGM0Zw==",
                "signature_mismatch",
            ),
        ] {
            let e = verify(value).unwrap_err();
            assert_eq!(e.kind(), kind, "{:?}", String::from_utf8_lossy(value));
        }
    }

    #[test]
    fn long_credentials_decode_in_pieces() {
        for len in [1, 2, 3, 47, 48, 49, 95, 96, 97, 1000] {
            let credentials: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let header = authorization(&credentials);
            assert_eq!(
                credentials_digest(header.as_bytes()),
                Some(sha2::Sha256::digest(&credentials).into()),
                "{len}"
            );
        }
    }

    #[test]
    fn sign_sends_the_credentials() {
        let signed = Postmark
            .sign(
                &Secret::from_text(CREDENTIALS),
                &SignInput::new(b"{}", UnixTime::EPOCH),
            )
            .unwrap();
        assert_eq!(signed.headers[0].0, AUTHORIZATION_HEADER);
        assert!(verify(signed.headers[0].1.as_bytes()).is_ok());
    }
}
