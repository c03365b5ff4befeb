//! Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>`.
//!
//! Headers read: `X-Shopify-Hmac-Sha256` (required), `X-Shopify-Topic` (event name),
//! `X-Shopify-Webhook-Id` (delivery id).
//!
//! **Only the body is signed.** The topic and the webhook id are unsigned headers: the topic
//! picks the typed event for a body whose signature holds, and a replayer holding one captured
//! `orders/create` request can re-send it labelled `orders/paid`. The replay key is therefore a
//! digest of the signed body, never the webhook id ([`Delivery::unsigned_id`]): with a replay
//! store the relabelled copy is answered as a duplicate. Without one, nothing stops it — use a
//! replay store with Shopify.
//!
//! Secret: the app's client secret (or the store's webhook signing key), used as is.
//! Shopify signs no timestamp.

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, SignatureEncoding, Values};
use crate::secret::{Secret, Secrets};

/// `X-Shopify-Hmac-Sha256`.
pub const SIGNATURE_HEADER: &str = "X-Shopify-Hmac-Sha256";
/// `X-Shopify-Topic`.
pub const TOPIC_HEADER: &str = "X-Shopify-Topic";
/// `X-Shopify-Webhook-Id`.
pub const WEBHOOK_ID_HEADER: &str = "X-Shopify-Webhook-Id";

/// The Shopify webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shopify;

/// The `X-Shopify-Hmac-Sha256` value for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Shopify's scheme: base64 HMAC-SHA256 of the body; topic and webhook id unsigned.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("shopify")
    .encoding(SignatureEncoding::Base64)
    .id_header(WEBHOOK_ID_HEADER)
    .event_header(TOPIC_HEADER);

impl Provider for Shopify {
    fn name(&self) -> &'static str {
        "shopify"
    }

    /// Shopify retries a failed delivery over up to 48 hours before removing the subscription.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(48 * 3600)
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    fn event_header(&self) -> Option<&'static str> {
        Some(TOPIC_HEADER)
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
}

impl Sign for Shopify {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let mut headers = vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), message.body),
            ),
            (WEBHOOK_ID_HEADER.to_owned(), message.id_or_derived("")),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ];
        if let Some(topic) = message.event {
            headers.push((TOPIC_HEADER.to_owned(), topic.to_owned()));
        }
        Ok(Signed::headers(headers))
    }
}

#[cfg(feature = "shopify")]
#[cfg_attr(docsrs, doc(cfg(feature = "shopify")))]
impl crate::provider::Parse for Shopify {
    type Event = crate::events::shopify::Event;

    fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::shopify::parse(delivery.event(), body)
    }
}
