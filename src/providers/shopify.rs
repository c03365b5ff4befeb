//! Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>`, or the same value in
//! `shopify-hmac-sha256`.
//!
//! # Two header families
//!
//! Shopify's webhooks send the classic `X-Shopify-*` headers. Shopify's Events deliveries send
//! lower-case `shopify-*` headers **as well as** the classic ones (for backward compatibility),
//! and `@shopify/shopify-api` 15 tells the two apart by `shopify-hmac-sha256`, which classic
//! webhooks never send. This module does the same:
//!
//! | what | classic ([`HEADERS`]) | Events ([`EVENTS_HEADERS`]) |
//! |---|---|---|
//! | signature (required) | `X-Shopify-Hmac-Sha256` | `shopify-hmac-sha256` |
//! | topic: [`Delivery::event`] | `X-Shopify-Topic` | `shopify-topic` |
//! | delivery id: [`Delivery::unsigned_id`] | `X-Shopify-Webhook-Id` | `shopify-webhook-id` |
//! | event id (Shopify's duplicate key; [`Hints::event_id`], else the unsigned id) | `X-Shopify-Event-Id` | `shopify-event-id` |
//! | when the event happened ([`Hints::triggered_at`]) | `X-Shopify-Triggered-At` | `shopify-triggered-at` |
//! | shop ([`Hints::shop_domain`]) | `X-Shopify-Shop-Domain` | `shopify-shop-domain` |
//! | payload version ([`Hints::api_version`]) | `X-Shopify-API-Version` | `shopify-api-version` |
//!
//! The signature is the same in both: the base64 HMAC-SHA256 of the raw body.
//!
//! - **Only `X-Shopify-Hmac-Sha256`** (a classic webhook): everything is read from the classic
//!   names; `shopify-*` headers are ignored, as Shopify's own library ignores them.
//! - **`shopify-hmac-sha256` present** (an Events delivery): the `shopify-*` name is read
//!   first and the classic name is the fallback. Where a request carries both names of one
//!   pair (signature, topic, webhook id, event id — and, for [`hints`], the other three), they
//!   must agree: two different values are a [`Error::MalformedHeader`] (status 400), since a
//!   receiver reading one family and a receiver reading the other would otherwise see two
//!   different deliveries. Values are compared after trimming spaces.
//!
//! Header names are case-insensitive, as everywhere in this crate. Verification costs two header
//! lookups for the signature, then one per field for a classic webhook, two for an Events
//! delivery; nothing is allocated.
//!
//! # Only the body is signed
//!
//! The topic, the webhook id, the event id and every other header are unsigned: the topic picks
//! the typed event for a body whose signature holds, and a replayer holding one captured
//! `orders/create` request can re-send it labelled `orders/paid`, or with any event id.
//!
//! # Replay key: a digest of the signed body, not `X-Shopify-Event-Id`
//!
//! Shopify's documentation says to detect duplicates by `X-Shopify-Event-Id` (or, for Events,
//! the webhook id). Neither header is covered by the HMAC, so keying replay protection on it
//! would hand the key to whoever sends the request: an attacker holding one captured delivery
//! changes the event id and the copy looks fresh — every time. Combining it with the body
//! does not help (the combination is just as fresh). And as a *second* key, next to the body
//! digest, it would let anyone holding one signed body pre-claim event ids of genuine
//! deliveries to come (see `SECURITY.md`).
//!
//! So the replay key stays what the crate's rule says: a digest of the signed body
//! ([`crate::Verifier::replay_key`]), never any header. Shopify's retries of a delivery resend
//! the same body, so they are recognised; a copy with a changed topic, webhook id or event id is
//! a duplicate. The cost of failing closed: should Shopify ever send byte-identical bodies
//! under two topics, the second is answered as a duplicate too — it cannot be told from a
//! relabelled replay.
//!
//! The event id stays available, as an unsigned hint, for what it is good for: [`hints`] returns
//! it (with the shop, API version and trigger time), and [`Delivery::unsigned_id`] falls back to
//! it when there is no webhook id. Use it to look an event up, or to group deliveries of one
//! event across several subscriptions (which Shopify sends with one event id) — never to decide
//! that a request is fresh. Without a replay store nothing stops a replay: use one with Shopify.
//!
//! Secret: the app's client secret (or the store's webhook signing key), used as is.
//! Shopify signs no timestamp.
//!
//! ```
//! use webhook_guard::providers::shopify::{self, Shopify};
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! // shopify-api-js's test vector, sent as an Events delivery with both families.
//! let signature = shopify::sign(b"test_secret_key", br#"{"foo": "bar"}"#);
//! assert_eq!(signature, "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=");
//! let headers = [
//!     ("shopify-hmac-sha256", signature.as_str()),
//!     ("X-Shopify-Hmac-Sha256", signature.as_str()),
//!     ("shopify-topic", "orders/create"),
//!     ("shopify-event-id", "evt-123"),
//!     ("shopify-shop-domain", "shop1.myshopify.com"),
//! ];
//! let req = WebhookRequest::new(&headers, br#"{"foo": "bar"}"#);
//! let secrets = Secrets::new(Secret::from_text("test_secret_key"));
//! let delivery = Shopify.verify(&req, &secrets, UnixTime::EPOCH, Tolerance::default())?;
//! assert_eq!(delivery.event(), Some("orders/create"));
//! assert_eq!(delivery.unsigned_id(), Some("evt-123")); // no webhook id: the event id
//! let hints = shopify::hints(&headers)?;
//! assert_eq!(hints.shop_domain, Some("shop1.myshopify.com"));
//! # Ok::<(), webhook_guard::Error>(())
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider shopify` lists them): `orders/create`, `customers/redact`. A handler test's delivery,
//! signed as the sender signs it, is one line of `TestDelivery`. The fixture's topic is sent in
//! `X-Shopify-Topic`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "shopify"))] {
//! use webhook_guard::providers::shopify::Shopify;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Shopify, SECRET)?.fixture("orders/create")?.request()?;
//!
//! let verifier = Verifier::builder(Shopify).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("orders/create"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::mac::{verify_encoded, Candidates, MacAlgorithm};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::headers::Headers;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, SignatureEncoding, Values};
use crate::secret::{Secret, Secrets};

use super::util;

/// The header names of one family (classic `X-Shopify-*` or Events `shopify-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HeaderNames {
    /// The signature: base64 HMAC-SHA256 of the body.
    pub signature: &'static str,
    /// The topic, e.g. `orders/create`.
    pub topic: &'static str,
    /// The delivery id.
    pub webhook_id: &'static str,
    /// The event id, the same for every delivery of one event.
    pub event_id: &'static str,
    /// When the event happened (RFC 3339).
    pub triggered_at: &'static str,
    /// The shop's `myshopify.com` domain.
    pub shop_domain: &'static str,
    /// The API version the payload is serialised in.
    pub api_version: &'static str,
}

/// The classic `X-Shopify-*` names, as Shopify's documentation spells them.
pub const HEADERS: HeaderNames = HeaderNames {
    signature: "X-Shopify-Hmac-Sha256",
    topic: "X-Shopify-Topic",
    webhook_id: "X-Shopify-Webhook-Id",
    event_id: "X-Shopify-Event-Id",
    triggered_at: "X-Shopify-Triggered-At",
    shop_domain: "X-Shopify-Shop-Domain",
    api_version: "X-Shopify-API-Version",
};

/// The lower-case `shopify-*` names of Shopify's Events deliveries.
pub const EVENTS_HEADERS: HeaderNames = HeaderNames {
    signature: "shopify-hmac-sha256",
    topic: "shopify-topic",
    webhook_id: "shopify-webhook-id",
    event_id: "shopify-event-id",
    triggered_at: "shopify-triggered-at",
    shop_domain: "shopify-shop-domain",
    api_version: "shopify-api-version",
};

/// `X-Shopify-Hmac-Sha256` (`HEADERS.signature`).
pub const SIGNATURE_HEADER: &str = HEADERS.signature;
/// `X-Shopify-Topic` (`HEADERS.topic`).
pub const TOPIC_HEADER: &str = HEADERS.topic;
/// `X-Shopify-Webhook-Id` (`HEADERS.webhook_id`).
pub const WEBHOOK_ID_HEADER: &str = HEADERS.webhook_id;

/// The Shopify webhook scheme, reading both header families (see the [module docs](self)).
#[derive(Debug, Clone, Copy, Default)]
pub struct Shopify;

/// The `X-Shopify-Hmac-Sha256` (and `shopify-hmac-sha256`) value for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Shopify's scheme with the classic names: base64 HMAC-SHA256 of the body; topic and webhook
/// id unsigned. [`Shopify`] itself also reads the `shopify-*` family; this description is the
/// classic one, for [`crate::providers::custom`].
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("shopify")
    .encoding(SignatureEncoding::Base64)
    .id_header(WEBHOOK_ID_HEADER)
    .event_header(TOPIC_HEADER);

/// Shopify's unsigned metadata, read from whichever family carries it (see the
/// [module docs](self)): for logs, for looking an event up, for grouping deliveries of one
/// event. **None of it is signed**: anyone holding one captured request can change all of it.
/// Values are trimmed; a value that is not ASCII text is left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hints<'a> {
    /// The topic (`X-Shopify-Topic` / `shopify-topic`).
    pub topic: Option<&'a str>,
    /// The delivery id (`X-Shopify-Webhook-Id` / `shopify-webhook-id`).
    pub webhook_id: Option<&'a str>,
    /// The event id (`X-Shopify-Event-Id` / `shopify-event-id`): Shopify's duplicate key, the
    /// same for every delivery of one event. Not a replay key here: see the
    /// [module docs](self).
    pub event_id: Option<&'a str>,
    /// When the event happened, as sent (RFC 3339; `X-Shopify-Triggered-At` /
    /// `shopify-triggered-at`).
    pub triggered_at: Option<&'a str>,
    /// The shop's domain (`X-Shopify-Shop-Domain` / `shopify-shop-domain`).
    pub shop_domain: Option<&'a str>,
    /// The API version of the payload (`X-Shopify-API-Version` / `shopify-api-version`).
    pub api_version: Option<&'a str>,
}

/// Reads Shopify's unsigned metadata from a request's headers (an `http::HeaderMap`, a list
/// of pairs, …): from the `shopify-*` family first when `shopify-hmac-sha256` is present, else
/// from the classic one only. A pair whose two names carry different values is a
/// [`Error::MalformedHeader`]. Call it on a request whose signature holds.
///
/// ```
/// use webhook_guard::providers::shopify;
/// let headers = [
///     ("X-Shopify-Hmac-Sha256", "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g="),
///     ("X-Shopify-Event-Id", "98880550-7158-44d4-b7cd-2c97c8a091b5"),
///     ("X-Shopify-Triggered-At", "2023-03-29T18:00:27.877041743Z"),
///     ("X-Shopify-API-Version", "2026-01"),
/// ];
/// let hints = shopify::hints(&headers)?;
/// assert_eq!(hints.event_id, Some("98880550-7158-44d4-b7cd-2c97c8a091b5"));
/// assert_eq!(hints.api_version, Some("2026-01"));
/// assert_eq!(hints.topic, None);
/// # Ok::<(), webhook_guard::Error>(())
/// ```
pub fn hints<H: Headers + ?Sized>(headers: &H) -> Result<Hints<'_>, Error> {
    let family = Family::of(headers);
    let read =
        |pair: Pair| -> Result<Option<&str>, Error> { Ok(util::hint(family.read(headers, pair)?)) };
    Ok(Hints {
        topic: read(TOPIC)?,
        webhook_id: read(WEBHOOK_ID)?,
        event_id: read(EVENT_ID)?,
        triggered_at: read(TRIGGERED_AT)?,
        shop_domain: read(SHOP_DOMAIN)?,
        api_version: read(API_VERSION)?,
    })
}

/// One field's two names, and what to say when they disagree.
#[derive(Clone, Copy)]
struct Pair {
    classic: &'static str,
    events: &'static str,
    conflict: &'static str,
}

const SIGNATURE: Pair = Pair {
    classic: HEADERS.signature,
    events: EVENTS_HEADERS.signature,
    conflict: "differs from `shopify-hmac-sha256`",
};
const TOPIC: Pair = Pair {
    classic: HEADERS.topic,
    events: EVENTS_HEADERS.topic,
    conflict: "differs from `shopify-topic`",
};
const WEBHOOK_ID: Pair = Pair {
    classic: HEADERS.webhook_id,
    events: EVENTS_HEADERS.webhook_id,
    conflict: "differs from `shopify-webhook-id`",
};
const EVENT_ID: Pair = Pair {
    classic: HEADERS.event_id,
    events: EVENTS_HEADERS.event_id,
    conflict: "differs from `shopify-event-id`",
};
const TRIGGERED_AT: Pair = Pair {
    classic: HEADERS.triggered_at,
    events: EVENTS_HEADERS.triggered_at,
    conflict: "differs from `shopify-triggered-at`",
};
const SHOP_DOMAIN: Pair = Pair {
    classic: HEADERS.shop_domain,
    events: EVENTS_HEADERS.shop_domain,
    conflict: "differs from `shopify-shop-domain`",
};
const API_VERSION: Pair = Pair {
    classic: HEADERS.api_version,
    events: EVENTS_HEADERS.api_version,
    conflict: "differs from `shopify-api-version`",
};

/// Which names a request's metadata is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// No `shopify-hmac-sha256`: a classic webhook; only `X-Shopify-*` names are read.
    Classic,
    /// `shopify-hmac-sha256` present: `shopify-*` first, `X-Shopify-*` as the fallback, and the
    /// two must agree where both are sent.
    Events,
}

impl Family {
    fn of<H: Headers + ?Sized>(headers: &H) -> Self {
        if headers.get(SIGNATURE.events).is_some() {
            Family::Events
        } else {
            Family::Classic
        }
    }

    /// The trimmed value of `pair` in this family; an error when both names carry different
    /// values.
    fn read<H: Headers + ?Sized>(self, headers: &H, pair: Pair) -> Result<Option<&[u8]>, Error> {
        Ok(self.named(headers, pair)?.map(|(value, _)| value))
    }

    /// The trimmed value of `pair` in this family (`shopify-*` first) and the name it came
    /// under; an error when both names carry different values.
    fn named<H: Headers + ?Sized>(
        self,
        headers: &H,
        pair: Pair,
    ) -> Result<Option<(&[u8], &'static str)>, Error> {
        let classic = headers.get(pair.classic).map(util::trim);
        Ok(match self {
            Family::Classic => classic.map(|value| (value, pair.classic)),
            Family::Events => match headers.get(pair.events).map(util::trim) {
                Some(events) => {
                    agree(events, classic, pair)?;
                    Some((events, pair.events))
                }
                None => classic.map(|value| (value, pair.classic)),
            },
        })
    }
}

/// Checks that the classic copy of a `shopify-*` value, when sent, is the same value.
fn agree(events: &[u8], classic: Option<&[u8]>, pair: Pair) -> Result<(), Error> {
    match classic {
        Some(classic) if classic != events => Err(Error::malformed(pair.classic, pair.conflict)),
        _ => Ok(()),
    }
}

/// The shop domain [`Sign for Shopify`](Shopify#impl-Sign-for-Shopify) sends.
const SIGNED_SHOP_DOMAIN: &str = "example.myshopify.com";
/// The API version [`Sign for Shopify`](Shopify#impl-Sign-for-Shopify) sends.
const SIGNED_API_VERSION: &str = "2026-01";

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

    /// Checks the signature of either family (both, when both are sent, and then they must be
    /// equal), then records the topic and the unsigned id — the webhook id, else the event id —
    /// from the family the signature came in (see the [module docs](self)).
    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        _now: UnixTime,
        _tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let classic = req.header(SIGNATURE.classic).map(util::trim);
        let (family, signature, header) = match req.header(SIGNATURE.events) {
            Some(events) => {
                let events = util::trim(events);
                agree(events, classic, SIGNATURE)?;
                (Family::Events, events, SIGNATURE.events)
            }
            None => (
                Family::Classic,
                classic.ok_or(Error::MissingHeader(SIGNATURE.classic))?,
                SIGNATURE.classic,
            ),
        };
        let body = [req.body()];
        verify_encoded(
            secrets
                .iter()
                .map(|secret| MacAlgorithm::Sha256.compute_with(secret, &body)),
            &Candidates::one(signature),
            SignatureEncoding::Base64,
            header,
        )?;

        // Unsigned metadata, read only once the signature holds.
        let headers = req.headers();
        let mut delivery = Delivery::new("shopify");
        if let Some((topic, name)) = family.named(headers, TOPIC)? {
            delivery.set_event(util::ascii(topic, name)?, false);
        }
        let webhook_id = family.read(headers, WEBHOOK_ID)?;
        // The event id stands in for a missing webhook id; in an Events delivery it is read
        // anyway, so that two different event ids are refused.
        let event_id = match (family, webhook_id) {
            (Family::Classic, Some(_)) => None,
            _ => family.read(headers, EVENT_ID)?,
        };
        if let Some(id) = util::hint(webhook_id).or_else(|| util::hint(event_id)) {
            delivery.set_unsigned_id(id);
        }
        Ok(delivery)
    }
}

impl Sign for Shopify {
    /// The classic `X-Shopify-*` headers of a webhook, as Shopify sends them (its Events
    /// deliveries add the `shopify-*` family; classic webhooks never carry it): every header
    /// `shopify.webhooks.validate` of `@shopify/shopify-api` requires for a webhook — signature,
    /// topic, shop domain, API version, webhook id — and the event id and trigger time it reads
    /// when present:
    ///
    /// - `X-Shopify-Hmac-Sha256`: [`sign`] of the body;
    /// - `X-Shopify-Topic`: the event, which is required (Shopify sends no webhook without one);
    /// - `X-Shopify-Shop-Domain: example.myshopify.com`, `X-Shopify-API-Version: 2026-01`;
    /// - `X-Shopify-Webhook-Id` and `X-Shopify-Event-Id`: the id (made up when none is given);
    /// - `X-Shopify-Triggered-At`: the timestamp, RFC 3339 in UTC to the millisecond;
    /// - `Content-Type: application/json`.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let topic = message.event.ok_or(Error::Unsupported(
            "Shopify sends every webhook with a topic (`X-Shopify-Topic`): give an event, \
             e.g. `orders/create`",
        ))?;
        let triggered_at = rfc3339_millis(message.timestamp)
            .ok_or(Error::Unsupported("timestamp outside the years 0000-9999"))?;
        let id = message.id_or_derived("");
        let headers = [
            (HEADERS.signature, sign(key.expose_secret(), message.body)),
            (HEADERS.topic, topic.to_owned()),
            (HEADERS.shop_domain, SIGNED_SHOP_DOMAIN.to_owned()),
            (HEADERS.api_version, SIGNED_API_VERSION.to_owned()),
            (HEADERS.webhook_id, id.clone()),
            (HEADERS.event_id, id),
            (HEADERS.triggered_at, triggered_at),
            ("Content-Type", "application/json".to_owned()),
        ];
        Ok(Signed::headers(
            headers
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
        ))
    }
}

/// `at` as RFC 3339 in UTC to the millisecond (`2023-11-14T22:13:20.000Z`); `None` outside the
/// years 0000–9999. No date library: the proleptic Gregorian calendar from days since the epoch
/// (H. Hinnant's `civil_from_days`).
fn rfc3339_millis(at: UnixTime) -> Option<String> {
    const MS_PER_DAY: i64 = 86_400_000;
    let millis = at.as_millis();
    let days = millis.div_euclid(MS_PER_DAY);
    let ms_of_day = millis.rem_euclid(MS_PER_DAY);
    // Days since 0000-03-01, then 400-year eras of 146 097 days. `days` is at most ~1.1e11 in
    // size, so nothing here overflows an i64.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    if !(0..=9999).contains(&year) {
        return None;
    }
    let secs = ms_of_day / 1000;
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        ms_of_day % 1000
    ))
}

#[cfg(feature = "shopify")]
#[cfg_attr(docsrs, doc(cfg(feature = "shopify")))]
impl crate::provider::Parse for Shopify {
    type Event = crate::events::shopify::Event;

    fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::shopify::parse(delivery.event(), body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// shopify-api-js's test vector.
    const SECRET: &str = "test_secret_key";
    const BODY: &[u8] = br#"{"foo": "bar"}"#;
    const SIG: &str = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";

    fn verify(headers: &[(&str, &str)], body: &[u8]) -> Result<Delivery, Error> {
        let secrets = Secrets::new(Secret::from_text(SECRET));
        Shopify.verify(
            &WebhookRequest::new(&headers, body),
            &secrets,
            UnixTime::EPOCH,
            Tolerance::default(),
        )
    }

    fn malformed(header: &'static str, reason: &'static str) -> Error {
        Error::MalformedHeader { header, reason }
    }

    #[test]
    fn the_vector_verifies_in_either_family_and_both() {
        assert_eq!(sign(SECRET.as_bytes(), BODY), SIG);
        for headers in [
            &[(HEADERS.signature, SIG)][..],
            &[(EVENTS_HEADERS.signature, SIG)],
            &[(EVENTS_HEADERS.signature, SIG), (HEADERS.signature, SIG)],
            // Names in any case, values trimmed before they are compared.
            &[
                ("X-SHOPIFY-HMAC-SHA256", SIG),
                (
                    "Shopify-Hmac-Sha256",
                    " \tB23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=",
                ),
            ],
        ] {
            let d = verify(headers, BODY).unwrap();
            assert_eq!(d.provider(), "shopify");
            assert_eq!(
                (d.event(), d.unsigned_id(), d.signed_id()),
                (None, None, None)
            );
            // The tampered twin.
            assert_eq!(
                verify(headers, br#"{"foo": "baz"}"#),
                Err(Error::SignatureMismatch),
                "{headers:?}"
            );
        }
    }

    #[test]
    fn missing_and_undecodable_signatures() {
        assert_eq!(
            verify(&[(TOPIC_HEADER, "orders/create")], BODY),
            Err(Error::MissingHeader(SIGNATURE_HEADER))
        );
        assert_eq!(
            verify(&[(EVENTS_HEADERS.signature, "***")], BODY)
                .unwrap_err()
                .kind(),
            "malformed_header"
        );
        let err = verify(&[(HEADERS.signature, "***")], BODY).unwrap_err();
        assert!(
            matches!(err, Error::MalformedHeader { header, .. } if header == SIGNATURE_HEADER),
            "{err:?}"
        );
    }

    #[test]
    fn two_different_signatures_are_malformed_whichever_is_right() {
        let other = sign(b"another secret", BODY);
        let conflict = malformed(SIGNATURE_HEADER, SIGNATURE.conflict);
        for (events, classic) in [
            (SIG, other.as_str()),
            (other.as_str(), SIG),
            (SIG, ""),
            ("", SIG),
        ] {
            let headers = [
                (EVENTS_HEADERS.signature, events),
                (HEADERS.signature, classic),
            ];
            assert_eq!(verify(&headers, BODY), Err(conflict.clone()), "{headers:?}");
        }
        assert_eq!(conflict.status(), 400);
        assert!(!conflict.to_string().contains(SIG));
    }

    #[test]
    fn a_classic_webhook_reads_classic_names_only() {
        let d = verify(
            &[
                (HEADERS.signature, SIG),
                (HEADERS.topic, "orders/create"),
                (HEADERS.webhook_id, "b54557e4"),
                (HEADERS.event_id, "evt-1"),
                // Without `shopify-hmac-sha256` these are not Shopify's, as its library says:
                // ignored, even when they contradict.
                (EVENTS_HEADERS.topic, "orders/paid"),
                (EVENTS_HEADERS.webhook_id, "other"),
                (EVENTS_HEADERS.event_id, "evt-2"),
            ],
            BODY,
        )
        .unwrap();
        assert_eq!(
            (d.event(), d.unsigned_id()),
            (Some("orders/create"), Some("b54557e4"))
        );
        assert!(!d.event_is_signed());
        // No webhook id: the event id is the hint.
        let d = verify(
            &[(HEADERS.signature, SIG), (HEADERS.event_id, " evt-1 ")],
            BODY,
        )
        .unwrap();
        assert_eq!(d.unsigned_id(), Some("evt-1"));
        // A garbled id is no hint; a topic that is not text is malformed.
        let d = verify(
            &[(HEADERS.signature, SIG), (HEADERS.webhook_id, "caf\u{e9}")],
            BODY,
        )
        .unwrap();
        assert_eq!(d.unsigned_id(), None);
        let headers: [(&str, &[u8]); 2] = [
            (HEADERS.signature, SIG.as_bytes()),
            (HEADERS.topic, b"orders/\xff"),
        ];
        let err = Shopify
            .verify(
                &WebhookRequest::new(&headers, BODY),
                &Secrets::new(Secret::from_text(SECRET)),
                UnixTime::EPOCH,
                Tolerance::default(),
            )
            .unwrap_err();
        assert!(
            matches!(err, Error::MalformedHeader { header, .. } if header == TOPIC_HEADER),
            "{err:?}"
        );
    }

    #[test]
    fn an_events_delivery_reads_shopify_names_first_then_classic_ones() {
        // Only the new family.
        let d = verify(
            &[
                (EVENTS_HEADERS.signature, SIG),
                (EVENTS_HEADERS.topic, "orders/create"),
                (EVENTS_HEADERS.webhook_id, "wh-1"),
                (EVENTS_HEADERS.event_id, "evt-1"),
            ],
            BODY,
        )
        .unwrap();
        assert_eq!(
            (d.event(), d.unsigned_id()),
            (Some("orders/create"), Some("wh-1"))
        );
        // Both families agreeing, as Shopify sends them.
        let d = verify(
            &[
                (HEADERS.signature, SIG),
                (EVENTS_HEADERS.signature, SIG),
                (HEADERS.topic, "Product"),
                (EVENTS_HEADERS.topic, "Product"),
                (HEADERS.webhook_id, "evt-123"),
                (EVENTS_HEADERS.event_id, "evt-123"),
            ],
            BODY,
        )
        .unwrap();
        assert_eq!(
            (d.event(), d.unsigned_id()),
            (Some("Product"), Some("evt-123"))
        );
        // Classic names as the fallback; the event id when there is no webhook id.
        let d = verify(
            &[
                (EVENTS_HEADERS.signature, SIG),
                (HEADERS.topic, "orders/paid"),
                (HEADERS.event_id, "evt-9"),
            ],
            BODY,
        )
        .unwrap();
        assert_eq!(
            (d.event(), d.unsigned_id()),
            (Some("orders/paid"), Some("evt-9"))
        );
        let d = verify(
            &[
                (EVENTS_HEADERS.signature, SIG),
                (EVENTS_HEADERS.event_id, "evt-7"),
            ],
            BODY,
        )
        .unwrap();
        assert_eq!(d.unsigned_id(), Some("evt-7"));
    }

    #[test]
    fn an_events_delivery_with_contradicting_families_is_malformed() {
        for (pair, a, b) in [
            (TOPIC, "orders/create", "orders/paid"),
            (WEBHOOK_ID, "wh-1", "wh-2"),
            (EVENT_ID, "evt-1", "evt-2"),
            (TOPIC, "orders/create", ""),
        ] {
            let headers = [
                (EVENTS_HEADERS.signature, SIG),
                (pair.events, a),
                (pair.classic, b),
            ];
            let got = verify(&headers, BODY);
            assert_eq!(
                got,
                Err(malformed(pair.classic, pair.conflict)),
                "{headers:?}"
            );
        }
        // The event id is checked even when a webhook id stands in front of it.
        let headers = [
            (EVENTS_HEADERS.signature, SIG),
            (EVENTS_HEADERS.webhook_id, "wh-1"),
            (EVENTS_HEADERS.event_id, "evt-1"),
            (HEADERS.event_id, "evt-2"),
        ];
        assert_eq!(
            verify(&headers, BODY),
            Err(malformed(EVENT_ID.classic, EVENT_ID.conflict))
        );
        // Only after the signature holds: a bad signature is a mismatch first.
        let headers = [
            (EVENTS_HEADERS.signature, SIG),
            (EVENTS_HEADERS.topic, "a"),
            (HEADERS.topic, "b"),
        ];
        assert_eq!(verify(&headers, b"x"), Err(Error::SignatureMismatch));
    }

    /// Ready on first poll: the in-memory store never waits.
    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match std::pin::pin!(f).poll(&mut cx) {
            std::task::Poll::Ready(v) => v,
            std::task::Poll::Pending => panic!("not ready"),
        }
    }

    /// The attacker holds one captured, processed delivery and rewrites every unsigned header
    /// Shopify documents as a duplicate key or an id: none of it makes the copy fresh.
    #[test]
    fn a_captured_delivery_with_another_event_id_is_still_a_duplicate() {
        use crate::replay::MemoryStore;
        use crate::Verifier;
        let key = Secret::from_text("a shopify client secret, 32 bytes");
        let verifier = Verifier::builder(Shopify)
            .secret(key.clone())
            .replay_store(MemoryStore::new(100))
            .build()
            .unwrap();
        let body = br#"{"id":820982911946154508,"total_price":"403.00"}"#;
        let at = UnixTime::from_secs(1_700_000_000).unwrap();
        let signed = Shopify
            .sign(
                &key,
                &SignInput::new(body, at)
                    .with_id("98880550-7158-44d4-b7cd-2c97c8a091b5")
                    .with_event("orders/create"),
            )
            .unwrap();
        let captured = signed.headers;
        let reserve = |headers: &[(String, String)]| {
            block_on(verifier.verify_and_reserve(&WebhookRequest::new(&headers, body)))
        };
        let first = reserve(&captured).unwrap();
        let original_key = first.delivery.replay_key().unwrap().to_owned();
        assert!(
            original_key.starts_with("shopify:sha256:"),
            "{original_key}"
        );
        block_on(first.reservation.unwrap().commit()).unwrap();

        let set = |headers: &[(String, String)], name: &str, value: &str| {
            let mut headers: Vec<(String, String)> = headers
                .iter()
                .filter(|(n, _)| !n.eq_ignore_ascii_case(name))
                .cloned()
                .collect();
            headers.push((name.to_owned(), value.to_owned()));
            headers
        };
        let signature = sign(key.expose_secret(), body);
        let as_events = set(&captured, EVENTS_HEADERS.signature, &signature);
        let replays = [
            set(&captured, HEADERS.event_id, "fresh-looking-event-id"),
            set(&captured, HEADERS.webhook_id, "fresh-looking-webhook-id"),
            set(
                &set(&captured, HEADERS.event_id, "evt-2"),
                HEADERS.webhook_id,
                "wh-2",
            ),
            // Moved to the new family, with a new event id there and the classic ones dropped.
            set(
                &set(&as_events, EVENTS_HEADERS.event_id, "evt-3"),
                HEADERS.event_id,
                "evt-3",
            ),
            vec![
                (EVENTS_HEADERS.signature.to_owned(), signature.clone()),
                (EVENTS_HEADERS.event_id.to_owned(), "evt-4".to_owned()),
                (EVENTS_HEADERS.topic.to_owned(), "orders/paid".to_owned()),
            ],
            // Relabelled.
            set(&captured, HEADERS.topic, "orders/paid"),
        ];
        for replay in &replays {
            let err = reserve(replay).unwrap_err();
            assert_eq!(err.kind(), "replayed", "{replay:?}");
            // The key it was refused under is the original's.
            let d = Shopify
                .verify(
                    &WebhookRequest::new(replay, body),
                    &Secrets::new(key.clone()),
                    UnixTime::EPOCH,
                    Tolerance::default(),
                )
                .unwrap();
            assert_eq!(
                verifier.replay_key(&d, &WebhookRequest::new(replay, body)),
                original_key
            );
        }
        // A new event (another body) is fresh, whatever its ids.
        let other = br#"{"id":820982911946154509,"total_price":"403.00"}"#;
        let fresh = Shopify
            .sign(
                &key,
                &SignInput::new(other, at)
                    .with_id("98880550-7158-44d4-b7cd-2c97c8a091b5")
                    .with_event("orders/create"),
            )
            .unwrap();
        let accepted =
            block_on(verifier.verify_and_reserve(&WebhookRequest::new(&fresh.headers, other)))
                .unwrap();
        assert_ne!(accepted.delivery.replay_key(), Some(original_key.as_str()));
    }

    #[test]
    fn hints_read_every_field_from_either_family() {
        let classic = [
            (HEADERS.signature, SIG),
            (HEADERS.topic, "orders/create"),
            (HEADERS.webhook_id, "wh-1"),
            (HEADERS.event_id, "evt-1"),
            (HEADERS.triggered_at, "2023-03-29T18:00:27.877041743Z"),
            (HEADERS.shop_domain, "shop1.myshopify.com"),
            (HEADERS.api_version, "2026-01"),
            (EVENTS_HEADERS.shop_domain, "ignored.myshopify.com"),
        ];
        let expected = Hints {
            topic: Some("orders/create"),
            webhook_id: Some("wh-1"),
            event_id: Some("evt-1"),
            triggered_at: Some("2023-03-29T18:00:27.877041743Z"),
            shop_domain: Some("shop1.myshopify.com"),
            api_version: Some("2026-01"),
        };
        assert_eq!(hints(&classic[..]), Ok(expected));
        let events: Vec<(&str, &str)> = classic
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case(EVENTS_HEADERS.shop_domain))
            .map(|(name, value)| {
                (
                    name.to_ascii_lowercase().replace("x-shopify-", "shopify-"),
                    *value,
                )
            })
            .map(|(name, value)| (&*Box::leak(name.into_boxed_str()), value))
            .collect();
        assert_eq!(hints(&events[..]), Ok(expected));
        assert_eq!(hints(&[] as &[(&str, &str)]), Ok(Hints::default()));
        // Each pair contradicting itself in an Events delivery.
        for pair in [
            TOPIC,
            WEBHOOK_ID,
            EVENT_ID,
            TRIGGERED_AT,
            SHOP_DOMAIN,
            API_VERSION,
        ] {
            let headers = [
                (EVENTS_HEADERS.signature, SIG),
                (pair.events, "one"),
                (pair.classic, "two"),
            ];
            assert_eq!(hints(&headers), Err(malformed(pair.classic, pair.conflict)));
        }
        // Not text: no hint.
        let headers: [(&str, &[u8]); 1] = [(HEADERS.event_id, b"\xff\xfe")];
        assert_eq!(hints(&headers), Ok(Hints::default()));
    }

    #[test]
    fn signing_sends_what_shopify_api_validate_requires() {
        let key = Secret::from_text(SECRET);
        let at = UnixTime::from_secs(1_700_000_000).unwrap();
        let message = SignInput::new(BODY, at)
            .with_id("b54557e4")
            .with_event("orders/create");
        let signed = Shopify.sign(&key, &message).unwrap();
        let names: Vec<&str> = signed.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "X-Shopify-Hmac-Sha256",
                "X-Shopify-Topic",
                "X-Shopify-Shop-Domain",
                "X-Shopify-API-Version",
                "X-Shopify-Webhook-Id",
                "X-Shopify-Event-Id",
                "X-Shopify-Triggered-At",
                "Content-Type",
            ]
        );
        let value = |name: &str| {
            signed
                .headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(value(HEADERS.signature), Some(SIG));
        assert_eq!(
            value(HEADERS.triggered_at),
            Some("2023-11-14T22:13:20.000Z")
        );
        let d = Shopify
            .verify(
                &WebhookRequest::new(&signed.headers, BODY),
                &Secrets::new(key.clone()),
                UnixTime::EPOCH,
                Tolerance::default(),
            )
            .unwrap();
        assert_eq!(
            (d.event(), d.unsigned_id()),
            (Some("orders/create"), Some("b54557e4"))
        );
        let h = hints(&signed.headers).unwrap();
        assert_eq!(
            (h.event_id, h.shop_domain, h.api_version),
            (
                Some("b54557e4"),
                Some(SIGNED_SHOP_DOMAIN),
                Some(SIGNED_API_VERSION)
            )
        );
        // No topic: Shopify never sends that.
        let err = Shopify.sign(&key, &SignInput::new(BODY, at)).unwrap_err();
        assert_eq!(err.kind(), "unsupported");
        // A made-up id when none is given; a time that RFC 3339 cannot write is refused.
        let signed = Shopify
            .sign(&key, &SignInput::new(BODY, at).with_event("x"))
            .unwrap();
        assert!(signed
            .headers
            .iter()
            .any(|(n, v)| n == WEBHOOK_ID_HEADER && !v.is_empty()));
        let far = SignInput::new(BODY, UnixTime::from_millis(i64::MAX)).with_event("x");
        assert_eq!(Shopify.sign(&key, &far).unwrap_err().kind(), "unsupported");
    }

    #[test]
    fn rfc3339_without_a_date_library() {
        let at = |ms: i64| rfc3339_millis(UnixTime::from_millis(ms));
        for (ms, text) in [
            (0, "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (1_700_000_000_123, "2023-11-14T22:13:20.123Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
            (1_709_251_200_000, "2024-03-01T00:00:00.000Z"),
            (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),
            (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        ] {
            assert_eq!(at(ms).as_deref(), Some(text), "{ms}");
        }
        for ms in [-62_167_219_200_001, 253_402_300_800_000, i64::MIN, i64::MAX] {
            assert_eq!(at(ms), None, "{ms}");
        }
        // Agrees with a day-by-day count over four centuries and a bit.
        let mut days = 0i64;
        for year in 1970..2400i64 {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let lengths = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            for (month, length) in lengths.iter().enumerate() {
                for day in 1..=*length {
                    let expected = format!("{year:04}-{:02}-{day:02}T00:00:00.000Z", month + 1);
                    assert_eq!(at(days * 86_400_000).unwrap(), expected);
                    days += 1;
                }
            }
        }
    }

    #[test]
    fn garbage_in_any_header_never_panics() {
        let names = [
            HEADERS.signature,
            EVENTS_HEADERS.signature,
            HEADERS.topic,
            EVENTS_HEADERS.topic,
            HEADERS.webhook_id,
            EVENTS_HEADERS.webhook_id,
            HEADERS.event_id,
            EVENTS_HEADERS.event_id,
            HEADERS.triggered_at,
            EVENTS_HEADERS.shop_domain,
        ];
        let values: [&[u8]; 7] = [
            b"",
            b" ",
            b"\xff\xfe\x00",
            SIG.as_bytes(),
            b"B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g",
            b"====",
            &[b'A'; 4096],
        ];
        let secrets = Secrets::new(Secret::from_text(SECRET));
        for (i, a) in names.iter().enumerate() {
            for b in names.iter().skip(i) {
                for x in values {
                    for y in values {
                        let headers: [(&str, &[u8]); 3] =
                            [(a, x), (b, y), (EVENTS_HEADERS.signature, SIG.as_bytes())];
                        for n in 2..=3 {
                            let list = &headers.as_slice()[..n];
                            let req = WebhookRequest::new(&list, BODY);
                            let r = Shopify.verify(
                                &req,
                                &secrets,
                                UnixTime::EPOCH,
                                Tolerance::default(),
                            );
                            if let Err(e) = r {
                                assert!(matches!(e.status().as_u16(), 400 | 401), "{e:?}");
                            }
                            let _ = hints(list);
                        }
                    }
                }
            }
        }
    }
}
