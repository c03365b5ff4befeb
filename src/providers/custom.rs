//! Custom: an HMAC scheme you describe, for senders this crate does not list.
//!
//! Most webhook senders sign with an HMAC over some arrangement of the body, a timestamp and an
//! id, and put the result, hex or base64, perhaps behind a prefix such as `sha256=`, into a
//! header. [`Custom::builder`] describes such a scheme once, as typed values checked when the
//! scheme is built — nothing is parsed per request — and the resulting [`Custom`] is a
//! [`Provider`] like any other: it verifies (without allocating), signs for your tests, and plugs
//! into [`crate::Verifier`] and the framework integrations.
//!
//! What you choose, and the defaults:
//!
//! | setting | builder method | default |
//! |---|---|---|
//! | signature header | [`Custom::builder`] | (required) |
//! | provider name in [`Delivery`] | [`CustomBuilder::name`] | `"custom"` |
//! | signed content | [`CustomBuilder::signed_content`] with [`Part`]s | `[Part::Body]` |
//! | algorithm | [`CustomBuilder::algorithm`] | HMAC-SHA256 |
//! | encoding of the signature | [`CustomBuilder::encoding`] | hex |
//! | prefix before each signature | [`CustomBuilder::prefix`] | none |
//! | several signatures in one header | [`CustomBuilder::separator`] | one signature |
//! | timestamp | [`CustomBuilder::timestamp_header`] or [`CustomBuilder::timestamp_in_signature`] | none |
//! | timestamp unit | [`CustomBuilder::timestamp_unit`] | seconds |
//! | timestamp window | [`CustomBuilder::tolerance`] | 300 s each way |
//! | delivery id header | [`CustomBuilder::id_header`] | none (the replay key is a digest of the signed parts) |
//! | event name header | [`CustomBuilder::event_header`] | none |
//! | how the secret is shown | [`CustomBuilder::secret_format`] | text, used as is |
//!
//! Headers read: exactly the ones you name. Verification follows the rest of the crate: the
//! header's signatures (at most 16) are decoded and compared in constant time with the HMAC of
//! each secret; the timestamp, if any, is checked after the signature, both ways. A timestamp must
//! be part of the signed content — a window on an unsigned timestamp protects nothing, so
//! [`CustomBuilder::build`] refuses it.
//!
//! A custom scheme is not in [`crate::registry`]: there is no meaningful default to pick by name,
//! so the CLI cannot use one; build it in code.
//!
//! # Example: GitHub's scheme, rebuilt
//!
//! ```
//! use webhook_guard::providers::custom::Custom;
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! let github_like = Custom::builder("X-Hub-Signature-256")
//!     .name("github-like")
//!     .prefix("sha256=")
//!     .id_header("X-GitHub-Delivery")
//!     .event_header("X-GitHub-Event")
//!     .build()?;
//!
//! // GitHub's documentation vector.
//! let headers = [
//!     ("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
//!     ("X-GitHub-Event", "push"),
//!     ("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
//! ];
//! let req = WebhookRequest::new(&headers, b"Hello, World!");
//! let secrets = Secrets::new(Secret::from_text("It's a Secret to Everybody"));
//! let now = UnixTime::from_secs(1_700_000_000).unwrap();
//! let delivery = github_like.verify(&req, &secrets, now, Tolerance::FIVE_MINUTES)?;
//! assert_eq!(delivery.provider(), "github-like");
//! assert_eq!(delivery.event(), Some("push"));
//! // The id header is not among the signed parts: a hint, never the replay key.
//! assert_eq!(delivery.unsigned_id(), Some("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
//! assert_eq!(delivery.signed_id(), None);
//!
//! // A byte changed in the body is refused.
//! let req = WebhookRequest::new(&headers, b"Hello, World?");
//! assert!(github_like.verify(&req, &secrets, now, Tolerance::FIVE_MINUTES).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Example: a timestamped scheme in one header
//!
//! Stripe-style `t=<unix>,v1=<hex>[,v1=<hex>…]` over `{t}.{body}`:
//!
//! ```
//! use webhook_guard::providers::custom::{Custom, Part};
//! use webhook_guard::{Secret, Sign, SignInput, UnixTime};
//!
//! let scheme = Custom::builder("Acme-Signature")
//!     .name("acme")
//!     .timestamp_in_signature("t=")
//!     .separator(b',')
//!     .prefix("v1=")
//!     .signed_content([Part::Timestamp, Part::Literal("."), Part::Body])
//!     .build()?;
//! let now = UnixTime::from_secs(1_700_000_000).unwrap();
//! let signed = scheme.sign(&Secret::from_text("whsec_test_secret"), &SignInput::new(b"{}", now))?;
//! assert_eq!(signed.headers[0].0, "Acme-Signature");
//! assert!(signed.headers[0].1.starts_with("t=1700000000,v1="));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::SignatureEncoding;
use crate::crypto::mac::{verify_hmac, Candidates, MacAlgorithm, MAX_SIGNATURES};
use crate::delivery::{Delivery, IdSource};
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::replay::ContentDigest;
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::util;

/// The most [`Part`]s signed content may have.
pub const MAX_PARTS: usize = 16;

/// One piece of the signed content; the HMAC runs over the pieces in order, with nothing added
/// between them (put separators in as [`Part::Literal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part {
    /// Fixed text, e.g. `"."` or `"v0:"`.
    Literal(&'static str),
    /// The exact body bytes received.
    Body,
    /// The timestamp exactly as sent (needs a timestamp source).
    Timestamp,
    /// The delivery id header's value, as sent (needs [`CustomBuilder::id_header`]).
    Id,
    /// The event header's value, as sent (needs [`CustomBuilder::event_header`]).
    Event,
    /// The HTTP method (give it with [`WebhookRequest::with_method`]).
    Method,
    /// The full URL the sender posted to (give it with [`WebhookRequest::with_url`]).
    Url,
}

/// The unit of a sent timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TimestampUnit {
    /// Seconds since the epoch (most senders).
    #[default]
    Seconds,
    /// Milliseconds since the epoch.
    Milliseconds,
}

/// How the sender shows the secret, i.e. how [`Provider::secret_from_display`] turns it into
/// key bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SecretFormat {
    /// The text's bytes are the key (most senders, even when the text looks encoded).
    #[default]
    Text,
    /// Standard base64 of the key, padding optional.
    Base64,
    /// Hex of the key.
    Hex,
    /// `whsec_` followed by base64 of the key, as Standard Webhooks.
    Whsec,
}

/// Where the timestamp is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimestampSource {
    /// In a header of its own.
    Header(&'static str),
    /// As an entry of the signature header's list, after this key (e.g. `t=`).
    SignatureField(&'static str),
}

/// A scheme described by [`CustomBuilder`] was inconsistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid custom scheme: {reason}")]
pub struct BuildError {
    reason: &'static str,
}

impl BuildError {
    /// What is wrong.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

fn invalid(reason: &'static str) -> BuildError {
    BuildError { reason }
}

/// A webhook scheme you described (see the [module docs](self)).
#[derive(Debug, Clone)]
pub struct Custom {
    name: &'static str,
    signature_header: &'static str,
    prefix: &'static str,
    separator: Option<u8>,
    timestamp: Option<TimestampSource>,
    unit: TimestampUnit,
    id_header: Option<&'static str>,
    event_header: Option<&'static str>,
    parts: Vec<Part>,
    algorithm: MacAlgorithm,
    encoding: SignatureEncoding,
    tolerance: Tolerance,
    secret_format: SecretFormat,
}

/// Describes a [`Custom`] scheme; every setting is documented with its default.
#[derive(Debug, Clone)]
#[must_use]
pub struct CustomBuilder {
    scheme: Custom,
}

impl Custom {
    /// Starts describing a scheme whose signature is sent in `signature_header`.
    pub fn builder(signature_header: &'static str) -> CustomBuilder {
        CustomBuilder {
            scheme: Custom {
                name: "custom",
                signature_header,
                prefix: "",
                separator: None,
                timestamp: None,
                unit: TimestampUnit::Seconds,
                id_header: None,
                event_header: None,
                parts: vec![Part::Body],
                algorithm: MacAlgorithm::Sha256,
                encoding: SignatureEncoding::Hex,
                tolerance: Tolerance::FIVE_MINUTES,
                secret_format: SecretFormat::Text,
            },
        }
    }
}

impl CustomBuilder {
    /// The provider name recorded in each [`Delivery`] and returned by [`Provider::name`].
    /// Default `"custom"`.
    pub fn name(mut self, name: &'static str) -> Self {
        self.scheme.name = name;
        self
    }

    /// The hash inside the HMAC. Default [`MacAlgorithm::Sha256`].
    pub fn algorithm(mut self, algorithm: MacAlgorithm) -> Self {
        self.scheme.algorithm = algorithm;
        self
    }

    /// How signatures are written. Default [`SignatureEncoding::Hex`].
    pub fn encoding(mut self, encoding: SignatureEncoding) -> Self {
        self.scheme.encoding = encoding;
        self
    }

    /// Text before each signature, e.g. `"sha256="` or `"v1,"`. Default none. A signature
    /// without it is a malformed header; in a list, entries without it are skipped.
    pub fn prefix(mut self, prefix: &'static str) -> Self {
        self.scheme.prefix = prefix;
        self
    }

    /// The signature header is a list separated by this byte (e.g. `b','` or `b' '`; spaces and
    /// tabs around entries are ignored). Any listed signature may match; more than 16 is a
    /// malformed header. Default: the header holds one signature.
    pub fn separator(mut self, separator: u8) -> Self {
        self.scheme.separator = Some(separator);
        self
    }

    /// The timestamp is sent in this header of its own.
    pub fn timestamp_header(mut self, header: &'static str) -> Self {
        self.scheme.timestamp = Some(TimestampSource::Header(header));
        self
    }

    /// The timestamp is an entry of the signature header's list, after `key` (e.g. `"t="`).
    /// Needs [`CustomBuilder::separator`].
    pub fn timestamp_in_signature(mut self, key: &'static str) -> Self {
        self.scheme.timestamp = Some(TimestampSource::SignatureField(key));
        self
    }

    /// The unit of the timestamp. Default [`TimestampUnit::Seconds`].
    pub fn timestamp_unit(mut self, unit: TimestampUnit) -> Self {
        self.scheme.unit = unit;
        self
    }

    /// How far the timestamp may lie in the past and the future. Default 300 s each way. Only
    /// meaningful with a timestamp; [`crate::VerifierBuilder::tolerance`] overrides it.
    pub fn tolerance(mut self, tolerance: Tolerance) -> Self {
        self.scheme.tolerance = tolerance;
        self
    }

    /// The header carrying a unique delivery id. It is the replay key only when the scheme
    /// signs it ([`Part::Id`]); otherwise it is an unsigned hint
    /// ([`crate::Delivery::unsigned_id`]) and the replay key is a digest of the signed parts.
    pub fn id_header(mut self, header: &'static str) -> Self {
        self.scheme.id_header = Some(header);
        self
    }

    /// The header naming the event, recorded in the [`Delivery`] (and signable as
    /// [`Part::Event`]).
    pub fn event_header(mut self, header: &'static str) -> Self {
        self.scheme.event_header = Some(header);
        self
    }

    /// The signed content, in order. Default `[Part::Body]`. At most [`MAX_PARTS`] parts.
    pub fn signed_content(mut self, parts: impl IntoIterator<Item = Part>) -> Self {
        self.scheme.parts = parts.into_iter().collect();
        self
    }

    /// How the secret is shown by the sender. Default [`SecretFormat::Text`].
    pub fn secret_format(mut self, format: SecretFormat) -> Self {
        self.scheme.secret_format = format;
        self
    }

    /// Checks the description and finishes it.
    pub fn build(self) -> Result<Custom, BuildError> {
        let s = self.scheme;
        let named = |h: Option<&'static str>| h.is_none_or(|h| !h.trim().is_empty());
        if s.signature_header.trim().is_empty()
            || !named(s.id_header)
            || !named(s.event_header)
            || matches!(s.timestamp, Some(TimestampSource::Header(h)) if h.trim().is_empty())
        {
            return Err(invalid("a header name is empty"));
        }
        if s.name.is_empty() {
            return Err(invalid("the provider name is empty"));
        }
        if s.parts.is_empty() {
            return Err(invalid("the signed content is empty"));
        }
        if s.parts.len() > MAX_PARTS {
            return Err(invalid("the signed content has more than 16 parts"));
        }
        let signs = |part: Part| s.parts.contains(&part);
        if signs(Part::Timestamp) && s.timestamp.is_none() {
            return Err(invalid("Part::Timestamp needs a timestamp header or field"));
        }
        if s.timestamp.is_some() && !signs(Part::Timestamp) {
            return Err(invalid(
                "a timestamp that is not signed proves nothing: add Part::Timestamp",
            ));
        }
        if signs(Part::Id) && s.id_header.is_none() {
            return Err(invalid("Part::Id needs an id header"));
        }
        if signs(Part::Event) && s.event_header.is_none() {
            return Err(invalid("Part::Event needs an event header"));
        }
        if let Some(sep) = s.separator {
            if !(sep.is_ascii_graphic() || sep == b' ' || sep == b'\t') {
                return Err(invalid("the separator must be a printable ASCII character"));
            }
            let in_alphabet = match s.encoding {
                SignatureEncoding::Hex => sep.is_ascii_hexdigit(),
                _ => sep.is_ascii_alphanumeric() || matches!(sep, b'+' | b'/' | b'='),
            };
            if in_alphabet {
                return Err(invalid("the separator occurs in encoded signatures"));
            }
            if s.prefix.as_bytes().contains(&sep) {
                return Err(invalid("the separator occurs in the prefix"));
            }
        }
        if let Some(TimestampSource::SignatureField(key)) = s.timestamp {
            let Some(sep) = s.separator else {
                return Err(invalid(
                    "a timestamp in the signature header needs a separator",
                ));
            };
            if key.is_empty() || key.as_bytes().contains(&sep) {
                return Err(invalid("the timestamp key is empty or holds the separator"));
            }
            if s.prefix.starts_with(key) || key.starts_with(s.prefix) {
                return Err(invalid(
                    "the timestamp key and the signature prefix cannot be told apart",
                ));
            }
        }
        Ok(s)
    }
}

/// A signature header taken apart.
struct Parsed<'a> {
    timestamp: Option<&'a [u8]>,
    candidates: Candidates<'a>,
}

impl Custom {
    fn parse_signature<'a>(&self, value: &'a [u8]) -> Result<Parsed<'a>, Error> {
        let header = self.signature_header;
        let Some(sep) = self.separator else {
            let sig = util::trim(value)
                .strip_prefix(self.prefix.as_bytes())
                .ok_or(Error::malformed(
                    header,
                    "signature lacks the expected prefix",
                ))?;
            return Ok(Parsed {
                timestamp: None,
                candidates: Candidates::one(sig),
            });
        };
        let ts_key = match self.timestamp {
            Some(TimestampSource::SignatureField(key)) => Some(key.as_bytes()),
            _ => None,
        };
        let mut timestamp = None;
        let mut candidates = Candidates::new();
        for (n, item) in value.split(|b| *b == sep).enumerate() {
            if n >= 2 * MAX_SIGNATURES {
                return Err(Error::malformed(header, "too many entries"));
            }
            let item = util::trim(item);
            if item.is_empty() {
                continue;
            }
            if let Some(ts) = ts_key.and_then(|key| item.strip_prefix(key)) {
                if timestamp.replace(ts).is_some() {
                    return Err(Error::malformed(header, "more than one timestamp"));
                }
            } else if let Some(sig) = item.strip_prefix(self.prefix.as_bytes()) {
                candidates.push(sig, header)?;
            }
        }
        if candidates.is_empty() {
            return Err(Error::malformed(
                header,
                "no signature with the expected prefix",
            ));
        }
        if ts_key.is_some() && timestamp.is_none() {
            return Err(Error::malformed(header, "no timestamp entry"));
        }
        Ok(Parsed {
            timestamp,
            candidates,
        })
    }

    fn parse_time(&self, text: &[u8], header: &'static str) -> Result<UnixTime, Error> {
        match self.unit {
            TimestampUnit::Seconds => UnixTime::parse_secs(text),
            TimestampUnit::Milliseconds => UnixTime::parse_millis(text),
        }
        .ok_or(Error::malformed(
            header,
            "timestamp is not a non-negative integer",
        ))
    }

    fn format_time(&self, at: UnixTime) -> String {
        match self.unit {
            TimestampUnit::Seconds => at.as_secs().to_string(),
            TimestampUnit::Milliseconds => at.as_millis().to_string(),
        }
    }
}

impl Provider for Custom {
    fn name(&self) -> &'static str {
        self.name
    }

    /// `true` when the signed content has a [`Part::Url`].
    fn signs_url(&self) -> bool {
        self.parts.contains(&Part::Url)
    }

    fn event_header(&self) -> Option<&'static str> {
        self.event_header
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        self.timestamp.map(|_| self.tolerance)
    }

    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        let secret = match self.secret_format {
            SecretFormat::Text => Secret::from_text(text),
            SecretFormat::Base64 => Secret::from_base64(text)?,
            SecretFormat::Hex => Secret::from_hex(text)?,
            SecretFormat::Whsec => Secret::from_whsec(text)?,
        };
        if secret.is_empty() {
            return Err(Error::InvalidSecret("empty secret"));
        }
        Ok(secret)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let parsed = self.parse_signature(req.require_header(self.signature_header)?)?;
        let (ts_text, ts_header) = match self.timestamp {
            None => (None, self.signature_header),
            Some(TimestampSource::Header(name)) => {
                (Some(util::trim(req.require_header(name)?)), name)
            }
            Some(TimestampSource::SignatureField(_)) => (parsed.timestamp, self.signature_header),
        };
        // Validate the number before spending an HMAC on it.
        let ts = ts_text
            .map(|text| self.parse_time(text, ts_header))
            .transpose()?;
        let id = self
            .id_header
            .and_then(|name| req.header(name))
            .map(util::trim);
        let event = self
            .event_header
            .and_then(|name| req.header(name))
            .map(util::trim);

        let mut pieces: [&[u8]; MAX_PARTS] = [&[]; MAX_PARTS];
        for (slot, part) in pieces.iter_mut().zip(&self.parts) {
            *slot = match part {
                Part::Literal(text) => text.as_bytes(),
                Part::Body => req.body(),
                Part::Timestamp => ts_text.unwrap_or_default(),
                Part::Id => match (id, self.id_header) {
                    (Some(id), _) => id,
                    (None, Some(name)) => return Err(Error::MissingHeader(name)),
                    (None, None) => &[],
                },
                Part::Event => match (event, self.event_header) {
                    (Some(event), _) => event,
                    (None, Some(name)) => return Err(Error::MissingHeader(name)),
                    (None, None) => &[],
                },
                Part::Method => req
                    .method()
                    .ok_or(Error::Unsupported(
                        "this scheme signs the HTTP method: give it with `with_method`",
                    ))?
                    .as_bytes(),
                Part::Url => req
                    .url()
                    .ok_or(Error::Unsupported(
                        "this scheme signs the URL: give it with `with_url`",
                    ))?
                    .as_bytes(),
            };
        }
        let signed = pieces.get(..self.parts.len()).unwrap_or_default();
        verify_hmac(
            self.algorithm,
            secrets,
            signed,
            &parsed.candidates,
            self.encoding,
            self.signature_header,
        )?;
        let mut delivery = Delivery::new(self.name);
        if let Some(ts) = ts {
            tolerance.check(ts, now)?;
            delivery = delivery.with_timestamp(ts);
        }
        if let (Some(id), Some(name)) = (id, self.id_header) {
            let id = util::ascii(id, name)?;
            delivery = if self.parts.contains(&Part::Id) {
                delivery.with_signed_id(id, IdSource::SignedHeader)
            } else {
                delivery.with_unsigned_id(id)
            };
        }
        if let (Some(event), Some(name)) = (event, self.event_header) {
            let event = util::ascii(event, name)?;
            delivery = if self.parts.contains(&Part::Event) {
                delivery.with_signed_event(event)
            } else {
                delivery.with_event(event)
            };
        }
        Ok(delivery)
    }

    /// Exactly the string this scheme signs, as one piece: its parts concatenated as the MAC
    /// sees them (a scheme that does not sign the body does not key on it). As one piece, so
    /// that bytes moved between adjacent parts without a separator — which still verify — do not
    /// make another key.
    fn replay_content(&self, req: &WebhookRequest<'_>, digest: &mut ContentDigest) {
        let header = |name: Option<&'static str>| {
            name.and_then(|name| req.header(name))
                .map(util::trim)
                .unwrap_or_default()
        };
        let mut signed = Vec::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => signed.extend_from_slice(text.as_bytes()),
                Part::Body => signed.extend_from_slice(req.body()),
                Part::Url => signed.extend_from_slice(req.url().unwrap_or_default().as_bytes()),
                Part::Method => signed.extend_from_slice(req.method().unwrap_or("POST").as_bytes()),
                Part::Id => signed.extend_from_slice(header(self.id_header)),
                Part::Event => signed.extend_from_slice(header(self.event_header)),
                // The signed timestamp is in the key already (the caller adds it).
                Part::Timestamp => {}
            }
        }
        digest.part(&signed);
    }
}

impl Sign for Custom {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let ts = self.format_time(message.timestamp);
        let id = self.id_header.map(|_| message.id_or_derived(""));
        let mut pieces: Vec<&[u8]> = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            pieces.push(match part {
                Part::Literal(text) => text.as_bytes(),
                Part::Body => message.body,
                Part::Timestamp => ts.as_bytes(),
                Part::Id => id.as_deref().unwrap_or_default().as_bytes(),
                Part::Event => message
                    .event
                    .ok_or(Error::Unsupported(
                        "this scheme signs the event name: give one to sign",
                    ))?
                    .as_bytes(),
                Part::Method => message.method.unwrap_or("POST").as_bytes(),
                Part::Url => message
                    .url
                    .ok_or(Error::Unsupported(
                        "this scheme signs the URL: give one to sign",
                    ))?
                    .as_bytes(),
            });
        }
        let tag = self.algorithm.compute_with(key, &pieces)?;
        let signature = format!("{}{}", self.prefix, self.encoding.encode(tag.as_bytes()));
        let mut headers = Vec::new();
        match self.timestamp {
            Some(TimestampSource::SignatureField(field)) => {
                let sep = char::from(self.separator.unwrap_or(b','));
                headers.push((
                    self.signature_header.to_owned(),
                    format!("{field}{ts}{sep}{signature}"),
                ));
            }
            Some(TimestampSource::Header(name)) => {
                headers.push((self.signature_header.to_owned(), signature));
                headers.push((name.to_owned(), ts.clone()));
            }
            None => headers.push((self.signature_header.to_owned(), signature)),
        }
        if let (Some(name), Some(id)) = (self.id_header, id) {
            headers.push((name.to_owned(), id));
        }
        if let (Some(name), Some(event)) = (self.event_header, message.event) {
            headers.push((name.to_owned(), event.to_owned()));
        }
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        Ok(Signed::headers(headers))
    }
}

impl Parse for Custom {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        scheme: &Custom,
        secret: &str,
        headers: &[(&str, &str)],
        body: &[u8],
        now_ms: i64,
    ) -> Result<Delivery, Error> {
        let key = scheme.secret_from_display(secret).unwrap();
        scheme.verify(
            &WebhookRequest::new(&headers, body)
                .with_method("POST")
                .with_url("https://www.example.com/webhook_uri"),
            &Secrets::new(key),
            UnixTime::from_millis(now_ms),
            scheme.default_tolerance().unwrap_or_default(),
        )
    }

    #[test]
    fn reproduces_stripe_computed_vector() {
        let stripe = Custom::builder("Stripe-Signature")
            .name("stripe-like")
            .timestamp_in_signature("t=")
            .separator(b',')
            .prefix("v1=")
            .signed_content([Part::Timestamp, Part::Literal("."), Part::Body])
            .build()
            .unwrap();
        let body = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\",\n  \"data\": { \"object\": { \"id\": \"rdr_123\", \"object\": \"terminal.reader\" } }\n}";
        let header =
            "t=1700000000,v1=3bfab77baf5f7b6991a46c9b53b6547d7afc56148b10468fcad9f35c1992ffbd";
        let d = check(
            &stripe,
            "whsec_test_secret",
            &[("Stripe-Signature", header)],
            body.as_bytes(),
            1_700_000_000_000,
        )
        .unwrap();
        assert_eq!(d.timestamp().map(UnixTime::as_secs), Some(1_700_000_000));
        assert_eq!(d.id_source(), IdSource::None);
        assert_eq!(
            check(
                &stripe,
                "whsec_test_secret",
                &[("Stripe-Signature", header)],
                body.as_bytes(),
                1_700_000_301_000,
            )
            .unwrap_err()
            .kind(),
            "timestamp_too_old"
        );
        let signed = stripe
            .sign(
                &Secret::from_text("whsec_test_secret"),
                &SignInput::new(body.as_bytes(), UnixTime::from_secs(1_700_000_000).unwrap()),
            )
            .unwrap();
        assert_eq!(
            signed.headers[0],
            ("Stripe-Signature".to_owned(), header.to_owned())
        );
        for bad in [
            "v1=3bfab77b",
            "t=1700000000",
            "t=1,t=2,v1=00",
            "t=-1,v1=00",
            "t=99999999999999999999,v1=00",
            "",
        ] {
            let e = check(
                &stripe,
                "whsec_test_secret",
                &[("Stripe-Signature", bad)],
                body.as_bytes(),
                0,
            )
            .unwrap_err();
            assert_eq!(e.kind(), "malformed_header", "{bad}");
        }
    }

    #[test]
    fn reproduces_standard_webhooks_spec_vector() {
        let standard = Custom::builder("webhook-signature")
            .id_header("webhook-id")
            .timestamp_header("webhook-timestamp")
            .separator(b' ')
            .prefix("v1,")
            .encoding(SignatureEncoding::Base64)
            .secret_format(SecretFormat::Whsec)
            .signed_content([
                Part::Id,
                Part::Literal("."),
                Part::Timestamp,
                Part::Literal("."),
                Part::Body,
            ])
            .build()
            .unwrap();
        let headers = [
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("webhook-timestamp", "1614265330"),
            (
                "webhook-signature",
                "v1a,xyz v1,AAAA v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            ),
        ];
        let body = br#"{"test": 2432232314}"#;
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let d = check(&standard, secret, &headers, body, 1_614_265_330_000).unwrap();
        assert_eq!(d.signed_id(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
        assert_eq!(d.provider(), "custom");
        for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
            let without: Vec<_> = headers
                .iter()
                .filter(|(n, _)| *n != name)
                .copied()
                .collect();
            assert_eq!(
                check(&standard, secret, &without, body, 1_614_265_330_000).unwrap_err(),
                Error::MissingHeader(name)
            );
        }
        let mut other_id = headers;
        other_id[0].1 = "msg_other";
        assert_eq!(
            check(&standard, secret, &other_id, body, 1_614_265_330_000).unwrap_err(),
            Error::SignatureMismatch
        );
    }

    #[test]
    fn reproduces_hubspot_v3_official_vector() {
        // Method, URL, body and a millisecond timestamp, base64.
        let hubspot = Custom::builder("X-HubSpot-Signature-v3")
            .name("hubspot")
            .timestamp_header("X-HubSpot-Request-Timestamp")
            .timestamp_unit(TimestampUnit::Milliseconds)
            .encoding(SignatureEncoding::Base64)
            .signed_content([Part::Method, Part::Url, Part::Body, Part::Timestamp])
            .build()
            .unwrap();
        let headers = [
            (
                "X-HubSpot-Signature-v3",
                "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=",
            ),
            ("X-HubSpot-Request-Timestamp", "15000000"),
        ];
        let body = b"{'example_field':'example_value'}";
        let secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
        let d = check(&hubspot, secret, &headers, body, 15_000_000).unwrap();
        assert_eq!(d.timestamp(), Some(UnixTime::from_millis(15_000_000)));
        // Without the URL the scheme cannot be checked.
        let key = hubspot.secret_from_display(secret).unwrap();
        let e = hubspot
            .verify(
                &WebhookRequest::new(&headers, body).with_method("POST"),
                &Secrets::new(key.clone()),
                UnixTime::from_millis(15_000_000),
                Tolerance::FIVE_MINUTES,
            )
            .unwrap_err();
        assert_eq!(e.kind(), "unsupported");
        // Signing reproduces the header.
        let msg = SignInput::new(body, UnixTime::from_millis(15_000_000))
            .with_url("https://www.example.com/webhook_uri");
        let signed = hubspot.sign(&key, &msg).unwrap();
        assert_eq!(signed.headers[0].1, headers[0].1);
        assert_eq!(signed.headers[1].1, "15000000");
    }

    #[test]
    fn sha1_sha512_and_event_parts_round_trip() {
        for (algorithm, encoding) in [
            (MacAlgorithm::Sha1, SignatureEncoding::Base64),
            (MacAlgorithm::Sha512, SignatureEncoding::Hex),
        ] {
            let scheme = Custom::builder("X-Sig")
                .algorithm(algorithm)
                .encoding(encoding)
                .event_header("X-Event")
                .id_header("X-Id")
                .signed_content([Part::Event, Part::Literal("\n"), Part::Id, Part::Body])
                .secret_format(SecretFormat::Hex)
                .build()
                .unwrap();
            let key = scheme.secret_from_display("00ff10").unwrap();
            let msg = SignInput::new(b"\xff\x00body", UnixTime::from_millis(0))
                .with_event("thing.done")
                .with_id("d-1");
            let signed = scheme.sign(&key, &msg).unwrap();
            let d = scheme
                .verify(
                    &WebhookRequest::new(&signed.headers, msg.body),
                    &Secrets::new(key.clone()),
                    UnixTime::from_millis(0),
                    Tolerance::FIVE_MINUTES,
                )
                .unwrap();
            assert_eq!(
                (d.event(), d.signed_id()),
                (Some("thing.done"), Some("d-1"))
            );
            assert!(d.event_is_signed());
            assert_eq!(scheme.default_tolerance(), None);
            // The event header is signed: changing it breaks the signature.
            let mut changed = signed.headers.clone();
            for (name, value) in &mut changed {
                if name == "X-Event" {
                    *value = "thing.undone".to_owned();
                }
            }
            let e = scheme
                .verify(
                    &WebhookRequest::new(&changed, msg.body),
                    &Secrets::new(key.clone()),
                    UnixTime::from_millis(0),
                    Tolerance::FIVE_MINUTES,
                )
                .unwrap_err();
            assert_eq!(e, Error::SignatureMismatch);
            assert!(scheme
                .sign(&key, &SignInput::new(b"", UnixTime::from_millis(0)))
                .is_err());
        }
    }

    #[test]
    fn odd_headers_never_panic() {
        let scheme = Custom::builder("X-Sig")
            .prefix("sha256=")
            .separator(b',')
            .build()
            .unwrap();
        let long = "sha256=00,".repeat(40);
        for value in [
            "",
            ",,,,",
            "sha256=",
            "sha256=zz",
            "SHA256=00",
            "\u{feff}",
            long.as_str(),
            &"sha256=00,".repeat(17),
        ] {
            let r = check(&scheme, "k", &[("X-Sig", value)], b"{}", 0);
            assert!(r.is_err(), "{value:?}");
        }
        let headers: [(&str, &[u8]); 1] = [("X-Sig", b"sha256=\xff\xfe")];
        let r = scheme.verify(
            &WebhookRequest::new(&headers, b""),
            &Secrets::new(Secret::from_text("k")),
            UnixTime::from_millis(0),
            Tolerance::FIVE_MINUTES,
        );
        assert_eq!(r.unwrap_err().kind(), "malformed_header");
        // Seconds timestamps that overflow are malformed.
        let ts = Custom::builder("X-Sig")
            .timestamp_header("X-Ts")
            .signed_content([Part::Timestamp, Part::Body])
            .build()
            .unwrap();
        for t in ["9999999999999999", "-5", "1.5", "", "١٢"] {
            let r = check(&ts, "k", &[("X-Sig", "00"), ("X-Ts", t)], b"{}", 0);
            assert_eq!(r.unwrap_err().kind(), "malformed_header", "{t:?}");
        }
    }

    #[test]
    fn inconsistent_descriptions_are_refused() {
        let cases = [
            Custom::builder(""),
            Custom::builder("X").name(""),
            Custom::builder("X").signed_content([]),
            Custom::builder("X").signed_content([Part::Body; 17]),
            Custom::builder("X").signed_content([Part::Timestamp, Part::Body]),
            Custom::builder("X").timestamp_header("X-Ts"),
            Custom::builder("X").timestamp_header(" "),
            Custom::builder("X").signed_content([Part::Id]),
            Custom::builder("X").signed_content([Part::Event]),
            Custom::builder("X").id_header(""),
            Custom::builder("X")
                .timestamp_in_signature("t=")
                .signed_content([Part::Timestamp]),
            Custom::builder("X")
                .separator(b',')
                .timestamp_in_signature("")
                .signed_content([Part::Timestamp]),
            Custom::builder("X")
                .separator(b',')
                .prefix("v1=")
                .timestamp_in_signature("v")
                .signed_content([Part::Timestamp]),
            Custom::builder("X").separator(b',').prefix("v1,"),
            Custom::builder("X").separator(b'\n'),
            Custom::builder("X").separator(0xff),
            Custom::builder("X").separator(b'a'),
            Custom::builder("X")
                .encoding(SignatureEncoding::Base64)
                .separator(b'='),
        ];
        for builder in cases {
            let described = format!("{builder:?}");
            assert!(builder.build().is_err(), "{described}");
        }
        let e = Custom::builder("X").signed_content([]).build().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid custom scheme: the signed content is empty"
        );
    }

    #[test]
    fn secret_formats() {
        let with = |f| Custom::builder("X").secret_format(f).build().unwrap();
        assert_eq!(
            with(SecretFormat::Text)
                .secret_from_display("abc")
                .unwrap()
                .expose_secret(),
            b"abc"
        );
        assert_eq!(
            with(SecretFormat::Base64)
                .secret_from_display("AAEC")
                .unwrap()
                .expose_secret(),
            &[0, 1, 2]
        );
        assert!(with(SecretFormat::Hex).secret_from_display("zz").is_err());
        assert!(with(SecretFormat::Text).secret_from_display("").is_err());
        assert!(with(SecretFormat::Base64).secret_from_display("").is_err());
        assert!(with(SecretFormat::Whsec)
            .secret_from_display("whsec_")
            .is_err());
    }
}
