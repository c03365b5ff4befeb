//! Square: `x-square-hmacsha256-signature: <base64 HMAC-SHA256>` over the notification URL
//! followed by the body.
//!
//! Headers read: `x-square-hmacsha256-signature` (required). The legacy SHA-1
//! `x-square-signature` is not read.
//!
//! The request URL from [`WebhookRequest::url`] is required: it must be the *notification URL*
//! exactly as entered in the subscription (Square signs that text, not what your server sees
//! behind a proxy). Without it, verification fails with [`Error::Unsupported`] (status 400,
//! kind `unsupported`): a receiver set-up error. The framework integrations build it from
//! [`VerifierBuilder::public_url`](crate::VerifierBuilder::public_url) followed by the
//! request's path and query, so set that to the notification URL minus its path; without it
//! (or trusted forwarding headers) they refuse the request as misconfigured (500) rather than
//! trust the client's `Host` header.
//!
//! Secret: the subscription's *signature key*, **used as is**: it looks like base64url, but
//! Square's SDKs use its text as the HMAC key without decoding it.
//!
//! Square signs no timestamp. Replay key: the signed body's `event_id` (Square keeps it across
//! retries), else a digest of the signed content. Event name: the body's `type`. Both are read
//! after the
//! signature holds, without allocating.
//!
//! ```
//! use webhook_guard::providers::square;
//! // square-nodejs-sdk's test vector.
//! let body = br#"{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}"#;
//! let sig = square::sign(
//!     b"Ibxx_5AKakO-3qeNVR61Dw",
//!     "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9",
//!     body,
//! );
//! assert_eq!(sig, "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=");
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider square` lists them): `payment.created`, `webhooks.test_notification`. A handler
//! test's delivery, signed as the sender signs it, is one line of `TestDelivery`. Square signs the
//! URL: the verifier is given the one the request was sent to.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "square"))] {
//! use webhook_guard::providers::square::Square;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Square, SECRET)?.fixture("payment.created")?.request()?;
//!
//! let verifier = Verifier::builder(Square).secret_from_display(SECRET)?.build()?;
//! let url = request.uri().to_string();
//! let req = WebhookRequest::new(request.headers(), request.body()).with_url(&url);
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("payment.created"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme, SignatureEncoding, Values};
use crate::secret::{Secret, Secrets};

use super::scan;

/// `x-square-hmacsha256-signature`.
pub const SIGNATURE_HEADER: &str = "x-square-hmacsha256-signature";

const URL_REQUIRED: Error =
    Error::Unsupported("Square signs the notification URL: pass it with WebhookRequest::with_url");

/// The Square webhook scheme (HMAC-SHA256).
#[derive(Debug, Clone, Copy, Default)]
pub struct Square;

/// The `x-square-hmacsha256-signature` value for `body` posted to `notification_url`.
pub fn sign(signature_key: &[u8], notification_url: &str, body: &[u8]) -> String {
    let values = Values {
        url: notification_url.as_bytes(),
        ..Values::body(body)
    };
    SCHEME.header_value(signature_key, &values)
}

/// Square's scheme: base64 HMAC-SHA256 of `{notification URL}{body}`.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("square")
    .encoding(SignatureEncoding::Base64)
    .signed_content(&[Part::Url, Part::Body]);

impl Provider for Square {
    fn name(&self) -> &'static str {
        "square"
    }

    fn signs_url(&self) -> bool {
        true
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
        // The body's `event_id` and event name are read only when needed (`replay_id`, the
        // typed event), so the verify path does not scan the body a second time.
        SCHEME.verify(req, secrets, now, tolerance)
    }

    /// The body's `event_id`, the same across retries (only read when a replay store asks).
    fn replay_id<'b>(
        &self,
        _delivery: &Delivery,
        body: &'b [u8],
    ) -> Option<std::borrow::Cow<'b, str>> {
        scan::json_text(body, b"event_id")
            .filter(|id| !id.is_empty())
            .map(std::borrow::Cow::Borrowed)
    }
}

impl Sign for Square {
    /// Needs [`SignInput::url`] (the notification URL).
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let url = message.url.ok_or(URL_REQUIRED)?;
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), url, message.body),
            ),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

#[cfg(feature = "square")]
#[cfg_attr(docsrs, doc(cfg(feature = "square")))]
impl crate::provider::Parse for Square {
    type Event = crate::events::square::Event;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::square::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "Ibxx_5AKakO-3qeNVR61Dw";
    const URL: &str = "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9";
    const BODY: &str = r#"{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}"#;
    const SIG: &str = "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=";

    fn verify(url: Option<&str>, body: &[u8]) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, SIG)];
        let mut req = WebhookRequest::new(&headers, body);
        if let Some(url) = url {
            req = req.with_url(url);
        }
        Square.verify(
            &req,
            &Secrets::new(Secret::from_text(KEY)),
            UnixTime::from_millis(0),
            Tolerance::default(),
        )
    }

    #[test]
    fn official_vector_with_body_id_and_type() {
        let d = verify(Some(URL), BODY.as_bytes()).unwrap();
        assert_eq!(
            Square.replay_id(&d, BODY.as_bytes()).as_deref(),
            Some("ac3ac95b-f97d-458c-a6e6-18981597e05f")
        );
    }

    #[test]
    fn url_is_required_and_signed() {
        assert_eq!(
            verify(None, BODY.as_bytes()).unwrap_err().kind(),
            "unsupported"
        );
        assert_eq!(
            verify(Some("https://webhook.site/other"), BODY.as_bytes()).unwrap_err(),
            Error::SignatureMismatch
        );
    }

    #[test]
    fn key_is_not_decoded() {
        let decoded = Secret::from_base64("Ibxx/5AKakO+3qeNVR61Dw").unwrap();
        let headers = [(SIGNATURE_HEADER, SIG)];
        let req = WebhookRequest::new(&headers, BODY.as_bytes()).with_url(URL);
        let r = Square.verify(
            &req,
            &Secrets::new(decoded),
            UnixTime::from_millis(0),
            Tolerance::default(),
        );
        assert_eq!(r.unwrap_err(), Error::SignatureMismatch);
    }
}
