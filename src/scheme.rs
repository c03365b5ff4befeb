//! One declarative description of an HMAC webhook scheme, and the one engine that runs it.
//!
//! Most senders sign with an HMAC over some arrangement of the body, a timestamp and an id, and
//! put the result — hex or base64, perhaps behind a prefix such as `sha256=`, perhaps in a list
//! — into a header. A [`Scheme`] says exactly that, as `const` data: what is signed ([`Part`]s),
//! which header carries the signature, its encoding and prefix, and where the timestamp is and
//! in which unit. Every built-in HMAC provider is such a constant (`providers::github::SCHEME`,
//! `providers::stripe::SCHEME`, …), and [`crate::providers::custom::Custom`] runs a scheme you
//! describe (or a preset you adapt) through the same engine:
//!
//! ```
//! use webhook_guard::scheme::{Part, Scheme, SignatureEncoding};
//!
//! /// `X-Acme-Signature: t=<unix>;s=<base64>` over `{t}:{body}`.
//! const ACME: Scheme = Scheme::new("X-Acme-Signature")
//!     .name("acme")
//!     .separator(b';')
//!     .timestamp_in_signature("t=")
//!     .prefix("s=")
//!     .encoding(SignatureEncoding::Base64)
//!     .signed_content(&[Part::Timestamp, Part::Literal(":"), Part::Body]);
//! assert!(ACME.validate().is_ok());
//! ```
//!
//! How the engine verifies: the signature header's entries (at most 16) are decoded lazily and
//! compared in constant time (`subtle`) with the HMAC of each secret over the signed parts, fed
//! piece by piece (nothing is concatenated, nothing allocated); the timestamp, when the scheme
//! has one, is parsed once, before any HMAC. Headers are looked up and the answer put together
//! before the HMAC too, so that the CPU does that work while the hash runs; but a well-formed
//! request whose signature does not hold gets [`Error::SignatureMismatch`], never an error
//! about its window or its id and event names, which come only after the signature holds.

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::in_alphabet;
use crate::crypto::mac::{verify_encoded, Candidates, MAX_SIGNATURES};
use crate::delivery::{Delivery, IdSource};
use crate::error::Error;
use crate::provider::SignInput;
use crate::request::WebhookRequest;
use crate::secret::Secrets;

pub use crate::crypto::encoding::SignatureEncoding;
pub use crate::crypto::mac::MacAlgorithm;

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
    /// The delivery id header's value, as sent (needs [`Scheme::id_header`]).
    Id,
    /// The event header's value, as sent (needs [`Scheme::event_header`]).
    Event,
    /// The HTTP method (give it with [`WebhookRequest::with_method`]; `POST` when not given).
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
    /// An RFC 3339 date and time, read to the millisecond (Twitch).
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    Rfc3339,
}

/// Where the timestamp is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimestampSource {
    /// In a header of its own.
    Header(&'static str),
    /// As an entry of the signature header's list, after this key (e.g. `t=`).
    Field(&'static str),
}

/// A scheme description was inconsistent ([`Scheme::validate`],
/// [`crate::providers::custom::CustomBuilder::build`]).
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

/// An HMAC webhook scheme, described as data (see the [module docs](self)).
///
/// Built with `const fn` setters from [`Scheme::new`]; every setting is documented with its
/// default. [`Scheme::validate`] checks the description; the built-in presets pass it (a unit
/// test runs it on each), and [`crate::providers::custom::CustomBuilder::build`] refuses a
/// description that fails it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct Scheme {
    pub(crate) name: &'static str,
    pub(crate) signature_header: &'static str,
    prefix: &'static str,
    expected: &'static str,
    separator: Option<u8>,
    timestamp: Option<TimestampSource>,
    unit: TimestampUnit,
    pub(crate) id_header: Option<&'static str>,
    pub(crate) event_header: Option<&'static str>,
    parts: [Part; MAX_PARTS],
    /// How many parts were given (may exceed [`MAX_PARTS`]: then [`Scheme::validate`] fails).
    parts_len: usize,
    algorithm: MacAlgorithm,
    encoding: SignatureEncoding,
    tolerance: Tolerance,
}

impl Scheme {
    /// A scheme whose signature is sent in `signature_header`: by default an HMAC-SHA256 of the
    /// body, lower-case hex, no prefix, one signature, no timestamp, named `"custom"`.
    pub const fn new(signature_header: &'static str) -> Self {
        Self {
            name: "custom",
            signature_header,
            prefix: "",
            expected: "signature lacks the expected prefix",
            separator: None,
            timestamp: None,
            unit: TimestampUnit::Seconds,
            id_header: None,
            event_header: None,
            // `[Part::Body]`: the first part counts, the rest is filler.
            parts: [Part::Body; MAX_PARTS],
            parts_len: 1,
            algorithm: MacAlgorithm::Sha256,
            encoding: SignatureEncoding::Hex,
            tolerance: Tolerance::FIVE_MINUTES,
        }
    }

    /// The header carrying the signature (to adapt a preset to a sender that renamed it).
    pub const fn header(mut self, signature_header: &'static str) -> Self {
        self.signature_header = signature_header;
        self
    }

    /// The provider name recorded in each [`Delivery`]. Default `"custom"`.
    pub const fn name(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }

    /// The hash inside the HMAC. Default [`MacAlgorithm::Sha256`].
    pub const fn algorithm(mut self, algorithm: MacAlgorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// How signatures are written. Default [`SignatureEncoding::Hex`].
    pub const fn encoding(mut self, encoding: SignatureEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// Text before each signature, e.g. `"sha256="` or `"v1,"`. Default none. A signature
    /// without it is a malformed header; in a list, entries without it are skipped.
    pub const fn prefix(mut self, prefix: &'static str) -> Self {
        self.prefix = prefix;
        self
    }

    /// What a well-formed signature header looks like, said in the error when a single
    /// signature lacks its prefix (e.g. ``"expected `sha256=<hex>`"``). Default: "signature
    /// lacks the expected prefix".
    pub const fn expected(mut self, shape: &'static str) -> Self {
        self.expected = shape;
        self
    }

    /// The signature header is a list separated by this byte (e.g. `b','` or `b' '`; spaces and
    /// tabs around entries are ignored). Any listed signature may match; more than 16 is a
    /// malformed header. Default: the header holds one signature.
    pub const fn separator(mut self, separator: u8) -> Self {
        self.separator = Some(separator);
        self
    }

    /// The timestamp is sent in this header of its own.
    pub const fn timestamp_header(mut self, header: &'static str) -> Self {
        self.timestamp = Some(TimestampSource::Header(header));
        self
    }

    /// The timestamp is an entry of the signature header's list, after `key` (e.g. `"t="`).
    /// Needs [`Scheme::separator`].
    pub const fn timestamp_in_signature(mut self, key: &'static str) -> Self {
        self.timestamp = Some(TimestampSource::Field(key));
        self
    }

    /// The unit of the timestamp. Default [`TimestampUnit::Seconds`].
    pub const fn timestamp_unit(mut self, unit: TimestampUnit) -> Self {
        self.unit = unit;
        self
    }

    /// How far the timestamp may lie in the past and the future. Default 300 s each way. Only
    /// meaningful with a timestamp; [`crate::VerifierBuilder::tolerance`] overrides it.
    pub const fn tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The header carrying a unique delivery id. It is the replay key only when the scheme
    /// signs it ([`Part::Id`]); otherwise it is an unsigned hint
    /// ([`crate::Delivery::unsigned_id`], ignored when it is not ASCII text) and the replay key
    /// is a digest of the signed parts.
    pub const fn id_header(mut self, header: &'static str) -> Self {
        self.id_header = Some(header);
        self
    }

    /// The header naming the event, recorded in the [`Delivery`] (and signable as
    /// [`Part::Event`]). A value that is not text is a malformed header.
    pub const fn event_header(mut self, header: &'static str) -> Self {
        self.event_header = Some(header);
        self
    }

    /// The signed content, in order. Default `[Part::Body]`. At most [`MAX_PARTS`] parts.
    #[allow(clippy::indexing_slicing)] // bounded by the loop condition; evaluated in `const`s
    pub const fn signed_content(mut self, parts: &[Part]) -> Self {
        let mut i = 0;
        while i < parts.len() && i < MAX_PARTS {
            self.parts[i] = parts[i];
            i += 1;
        }
        self.parts_len = parts.len();
        self
    }

    /// [`Scheme::signed_content`] from any list (for descriptions built at run time).
    pub(crate) fn with_parts(mut self, parts: impl IntoIterator<Item = Part>) -> Self {
        self.parts_len = 0;
        for part in parts {
            if let Some(slot) = self.parts.get_mut(self.parts_len) {
                *slot = part;
            }
            self.parts_len += 1;
        }
        self
    }

    /// The signed parts, in order.
    pub fn parts(&self) -> &[Part] {
        self.parts.get(..self.parts_len).unwrap_or(&self.parts)
    }

    /// The window this scheme's sender applies: `None` when it signs no timestamp.
    pub fn default_tolerance(&self) -> Option<Tolerance> {
        self.timestamp.map(|_| self.tolerance)
    }

    /// `true` when the signed content has a [`Part::Url`].
    pub fn signs_url(&self) -> bool {
        self.signs(Part::Url)
    }

    fn signs(&self, part: Part) -> bool {
        self.parts().contains(&part)
    }

    /// Checks that the description is consistent: header names and name non-empty, 1 to
    /// [`MAX_PARTS`] parts, a signed timestamp exactly when there is a timestamp source, id and
    /// event headers for the parts that sign them, a separator that cannot occur inside a
    /// signature or the prefix, and a timestamp key that cannot be mistaken for the prefix.
    pub fn validate(&self) -> Result<(), BuildError> {
        let named = |h: Option<&'static str>| h.is_none_or(|h| !h.trim().is_empty());
        if self.signature_header.trim().is_empty()
            || !named(self.id_header)
            || !named(self.event_header)
            || matches!(self.timestamp, Some(TimestampSource::Header(h)) if h.trim().is_empty())
        {
            return Err(invalid("a header name is empty"));
        }
        if self.name.is_empty() {
            return Err(invalid("the provider name is empty"));
        }
        if self.parts_len == 0 {
            return Err(invalid("the signed content is empty"));
        }
        if self.parts_len > MAX_PARTS {
            return Err(invalid("the signed content has more than 16 parts"));
        }
        if self.signs(Part::Timestamp) && self.timestamp.is_none() {
            return Err(invalid("Part::Timestamp needs a timestamp header or field"));
        }
        if self.timestamp.is_some() && !self.signs(Part::Timestamp) {
            return Err(invalid(
                "a timestamp that is not signed proves nothing: add Part::Timestamp",
            ));
        }
        if self.signs(Part::Id) && self.id_header.is_none() {
            return Err(invalid("Part::Id needs an id header"));
        }
        if self.signs(Part::Event) && self.event_header.is_none() {
            return Err(invalid("Part::Event needs an event header"));
        }
        if let Some(sep) = self.separator {
            if !(sep.is_ascii_graphic() || sep == b' ' || sep == b'\t') {
                return Err(invalid("the separator must be a printable ASCII character"));
            }
            if in_alphabet(self.encoding, sep) {
                return Err(invalid("the separator occurs in encoded signatures"));
            }
            if self.prefix.as_bytes().contains(&sep) {
                return Err(invalid("the separator occurs in the prefix"));
            }
        }
        if let Some(TimestampSource::Field(key)) = self.timestamp {
            let Some(sep) = self.separator else {
                return Err(invalid(
                    "a timestamp in the signature header needs a separator",
                ));
            };
            if key.is_empty() || key.as_bytes().contains(&sep) {
                return Err(invalid("the timestamp key is empty or holds the separator"));
            }
            if self.prefix.starts_with(key) || key.starts_with(self.prefix) {
                return Err(invalid(
                    "the timestamp key and the signature prefix cannot be told apart",
                ));
            }
        }
        Ok(())
    }
}

/// A signature header taken apart.
#[derive(Debug)]
pub(crate) struct Parsed<'a> {
    pub(crate) timestamp: Option<&'a [u8]>,
    pub(crate) candidates: Candidates<'a>,
}

/// What the signed parts are made of when signing (all text as it is sent).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Values<'a> {
    pub(crate) body: &'a [u8],
    pub(crate) timestamp: &'a [u8],
    pub(crate) id: &'a [u8],
    pub(crate) event: &'a [u8],
    pub(crate) method: &'a [u8],
    pub(crate) url: &'a [u8],
}

impl<'a> Values<'a> {
    /// A body and nothing else (`POST` for the method).
    pub(crate) const fn body(body: &'a [u8]) -> Self {
        Self {
            body,
            timestamp: b"",
            id: b"",
            event: b"",
            method: b"POST",
            url: b"",
        }
    }
}

/// The values of a scheme's headers ([`Scheme::header_names`]), looked up before verifying.
#[derive(Clone, Copy)]
pub(crate) struct SchemeHeaders<'r> {
    signature: Option<&'r [u8]>,
    timestamp: Option<&'r [u8]>,
    id: Option<&'r [u8]>,
    event: Option<&'r [u8]>,
}

impl<'r> From<[Option<&'r [u8]>; 4]> for SchemeHeaders<'r> {
    fn from([signature, timestamp, id, event]: [Option<&'r [u8]>; 4]) -> Self {
        Self {
            signature,
            timestamp,
            id,
            event,
        }
    }
}

const URL_REQUIRED: Error = Error::Unsupported(
    "this scheme signs the request URL: pass it with `WebhookRequest::with_url`",
);

impl Scheme {
    /// Splits the signature header into its timestamp entry (if the scheme has one there) and
    /// its signatures. Without allocating; more than 16 signatures or 32 entries is malformed.
    pub(crate) fn parse_signature<'a>(&self, value: &'a [u8]) -> Result<Parsed<'a>, Error> {
        let mut candidates = Candidates::new();
        let timestamp = self.parse_signature_into(value, &mut candidates)?;
        Ok(Parsed {
            timestamp,
            candidates,
        })
    }

    /// [`Scheme::parse_signature`] into the caller's list (which the verify path keeps where
    /// it is rather than moving ~280 bytes out of a `Result`); returns the timestamp entry.
    fn parse_signature_into<'a>(
        &self,
        value: &'a [u8],
        candidates: &mut Candidates<'a>,
    ) -> Result<Option<&'a [u8]>, Error> {
        let header = self.signature_header;
        let Some(sep) = self.separator else {
            let sig = strip_prefix(value.trim_ascii(), self.prefix.as_bytes())
                .ok_or(Error::malformed(header, self.expected))?;
            candidates.push(sig, header)?;
            return Ok(None);
        };
        let ts_key = match self.timestamp {
            Some(TimestampSource::Field(key)) => Some(key.as_bytes()),
            _ => None,
        };
        let mut timestamp = None;
        for (n, item) in crate::providers::scan::split_on(value, sep).enumerate() {
            if n >= 2 * MAX_SIGNATURES {
                return Err(Error::malformed(header, "too many entries"));
            }
            let item = item.trim_ascii();
            if item.is_empty() {
                continue;
            }
            if let Some(ts) = ts_key.and_then(|key| strip_prefix(item, key)) {
                if timestamp.replace(ts).is_some() {
                    return Err(Error::malformed(header, "more than one timestamp"));
                }
            } else if let Some(sig) = strip_prefix(item, self.prefix.as_bytes()) {
                candidates.push(sig, header)?;
            }
        }
        if ts_key.is_some() && timestamp.is_none() {
            return Err(Error::malformed(header, "no timestamp entry"));
        }
        if candidates.is_empty() {
            return Err(Error::malformed(
                header,
                "no signature with the expected prefix",
            ));
        }
        Ok(timestamp)
    }

    /// Parses a sent timestamp in this scheme's unit.
    pub(crate) fn parse_time(&self, text: &[u8], header: &'static str) -> Result<UnixTime, Error> {
        let (parsed, reason) = match self.unit {
            TimestampUnit::Seconds => (
                UnixTime::parse_secs(text),
                "timestamp is not a non-negative integer",
            ),
            TimestampUnit::Milliseconds => (
                UnixTime::parse_millis(text),
                "timestamp is not a non-negative integer of milliseconds",
            ),
            #[cfg(feature = "time")]
            TimestampUnit::Rfc3339 => (parse_rfc3339(text), "not an RFC 3339 timestamp"),
        };
        parsed.ok_or(Error::malformed(header, reason))
    }

    /// A time as this scheme sends it.
    pub(crate) fn format_time(&self, at: UnixTime) -> Result<String, Error> {
        Ok(match self.unit {
            TimestampUnit::Seconds => at.as_secs().to_string(),
            TimestampUnit::Milliseconds => at.as_millis().to_string(),
            #[cfg(feature = "time")]
            TimestampUnit::Rfc3339 => format_rfc3339(at)?,
        })
    }

    /// Checks the signature of `req` under `secrets`, then the timestamp window, and returns
    /// what was proven: the timestamp, the id (signed or a hint) and the event name. Does not
    /// allocate.
    pub(crate) fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let values = match self.header_names() {
            // The signature alone (Stripe, …): one lookup.
            [Some(signature), None, None, None] => SchemeHeaders {
                signature: req.header(signature),
                timestamp: None,
                id: None,
                event: None,
            },
            names => SchemeHeaders::from(req.headers_of(names)),
        };
        self.verify_read(req, values, secrets, now, tolerance)
    }

    /// The headers this scheme reads, in the order of [`SchemeHeaders`]'s array: signature,
    /// timestamp, id and event (`None` where it reads none). A provider that reads headers
    /// of its own looks them up with these, in one walk, and calls [`Scheme::verify_read`].
    pub(crate) const fn header_names(&self) -> [Option<&'static str>; 4] {
        let timestamp = match self.timestamp {
            Some(TimestampSource::Header(name)) => Some(name),
            _ => None,
        };
        [
            Some(self.signature_header),
            timestamp,
            self.id_header,
            self.event_header,
        ]
    }

    /// This scheme's headers and two of the provider's own (`extra`), in one walk of the
    /// headers, for [`Scheme::verify_read`].
    pub(crate) fn read_with_two<'r>(
        &self,
        req: &WebhookRequest<'r>,
        extra: [&'static str; 2],
    ) -> (SchemeHeaders<'r>, [Option<&'r [u8]>; 2]) {
        let [signature, timestamp, id, event] = self.header_names();
        let [first, second] = extra;
        let [signature, timestamp, id, event, first, second] =
            req.headers_of([signature, timestamp, id, event, Some(first), Some(second)]);
        (
            SchemeHeaders::from([signature, timestamp, id, event]),
            [first, second],
        )
    }

    /// [`Scheme::verify`] with the values of [`Scheme::header_names`] already looked up.
    pub(crate) fn verify_read(
        &self,
        req: &WebhookRequest<'_>,
        values: SchemeHeaders<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        // Every header is looked up before the HMAC (by the caller, in one walk of the
        // headers): the lookups then run while the hash does, instead of after it. Unsigned
        // ones are only used once the signature holds.
        let SchemeHeaders {
            signature,
            timestamp: ts_value,
            id: id_value,
            event: event_value,
        } = values;
        let mut candidates = Candidates::new();
        let ts_entry = self.parse_signature_into(
            signature.ok_or(Error::MissingHeader(self.signature_header))?,
            &mut candidates,
        )?;
        let (ts_text, ts_header) = match (self.timestamp, ts_value) {
            (None, _) => (None, self.signature_header),
            (Some(TimestampSource::Header(name)), Some(value)) => (Some(value.trim_ascii()), name),
            (Some(TimestampSource::Header(name)), None) => return Err(Error::MissingHeader(name)),
            (Some(TimestampSource::Field(_)), _) => (ts_entry, self.signature_header),
        };
        // Parsed once, before any HMAC is spent on it; the window is checked after.
        let ts = match ts_text {
            Some(text) => Some(self.parse_time(text, ts_header)?),
            None => None,
        };
        let signs_id = self.signs(Part::Id);
        let signs_event = self.signs(Part::Event);
        let id_text = id_value.map(<[u8]>::trim_ascii);
        let event_text = event_value.map(<[u8]>::trim_ascii);
        let id = id_text.filter(|_| signs_id);
        let event = event_text.filter(|_| signs_event);

        let mut pieces: [&[u8]; MAX_PARTS] = [&[]; MAX_PARTS];
        for (slot, part) in pieces.iter_mut().zip(self.parts()) {
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
                Part::Method => req.method().unwrap_or("POST").as_bytes(),
                Part::Url => req.url().ok_or(URL_REQUIRED)?.as_bytes(),
            };
        }
        let signed = pieces.get(..self.parts_len).unwrap_or_default();
        // The answer is put together before the HMAC, so that the CPU does it while the hash
        // runs; it is returned, and its errors said (after the signature's), only once the
        // signature holds.
        let mut delivery = Delivery::new(self.name);
        let fresh = match ts {
            Some(ts) => {
                delivery.set_timestamp(ts);
                tolerance.check(ts, now)
            }
            None => Ok(()),
        };
        let named = self.name_delivery(&mut delivery, id_text, event_text, signs_id, signs_event);

        let algorithm = self.algorithm;
        verify_encoded(
            secrets.iter().map(|s| algorithm.compute_with(s, signed)),
            &candidates,
            self.encoding,
            self.signature_header,
        )?;
        fresh?;
        named?;
        Ok(delivery)
    }

    /// Records in `delivery` the id header's value `id_text` — as the signed id when the scheme
    /// signs it, else as an unsigned hint — and the event name `event_text`. An error when a
    /// signed id or the event name is not ASCII text.
    fn name_delivery(
        &self,
        delivery: &mut Delivery,
        id_text: Option<&[u8]>,
        event_text: Option<&[u8]>,
        signs_id: bool,
        signs_event: bool,
    ) -> Result<(), Error> {
        if let (Some(name), Some(id)) = (self.id_header, id_text) {
            if signs_id {
                let id = crate::providers::util::ascii(id, name)?;
                delivery.set_signed_id(id, IdSource::SignedHeader);
            } else if let Some(hint) = crate::providers::util::hint(Some(id)) {
                delivery.set_unsigned_id(hint);
            }
        }
        if let (Some(name), Some(event)) = (self.event_header, event_text) {
            let event = crate::providers::util::ascii(event, name)?;
            delivery.set_event(event, signs_event);
        }
        Ok(())
    }

    /// The prefixed, encoded signature over `values` under `key` (HMAC keying cannot fail).
    pub(crate) fn signature(&self, key: &[u8], values: &Values<'_>) -> String {
        let mut pieces: [&[u8]; MAX_PARTS] = [&[]; MAX_PARTS];
        for (slot, part) in pieces.iter_mut().zip(self.parts()) {
            *slot = match part {
                Part::Literal(text) => text.as_bytes(),
                Part::Body => values.body,
                Part::Timestamp => values.timestamp,
                Part::Id => values.id,
                Part::Event => values.event,
                Part::Method => values.method,
                Part::Url => values.url,
            };
        }
        let signed = pieces.get(..self.parts_len).unwrap_or_default();
        let tag = self.algorithm.compute(key, signed);
        format!("{}{}", self.prefix, self.encoding.encode(tag.as_bytes()))
    }

    /// The signature header's value for `values`: the signature, after the timestamp entry
    /// when the scheme sends its timestamp there (`t=…,v1=…`).
    pub(crate) fn header_value(&self, key: &[u8], values: &Values<'_>) -> String {
        let signature = self.signature(key, values);
        match self.timestamp {
            Some(TimestampSource::Field(field)) => {
                let sep = char::from(self.separator.unwrap_or(b','));
                let ts = String::from_utf8_lossy(values.timestamp);
                format!("{field}{ts}{sep}{signature}")
            }
            _ => signature,
        }
    }

    /// [`Scheme::header_value`] for a body signed at `timestamp` (seconds, as its decimal
    /// text): what the public `sign` helpers of the timestamped providers return.
    pub(crate) fn header_value_at(&self, key: &[u8], timestamp: i64, body: &[u8]) -> String {
        let ts = timestamp.to_string();
        let values = Values {
            timestamp: ts.as_bytes(),
            ..Values::body(body)
        };
        self.header_value(key, &values)
    }

    /// The headers a sender of this scheme sends for `message`: the signature header, the
    /// timestamp header, the id and event headers the scheme names, and a JSON content type.
    pub(crate) fn sign_headers(
        &self,
        key: &[u8],
        message: &SignInput<'_>,
    ) -> Result<Vec<(String, String)>, Error> {
        let ts = self.format_time(message.timestamp)?;
        let id = self.id_header.map(|_| message.id_or_derived(""));
        if self.signs(Part::Event) && message.event.is_none() {
            return Err(Error::Unsupported(
                "this scheme signs the event name: give one to sign",
            ));
        }
        let url = match message.url {
            Some(url) => url,
            None if self.signs_url() => {
                return Err(Error::Unsupported(
                    "this scheme signs the URL: give one to sign",
                ))
            }
            None => "",
        };
        let values = Values {
            body: message.body,
            timestamp: ts.as_bytes(),
            id: id.as_deref().unwrap_or_default().as_bytes(),
            event: message.event.unwrap_or_default().as_bytes(),
            method: message.method.unwrap_or("POST").as_bytes(),
            url: url.as_bytes(),
        };
        let mut headers = vec![(
            self.signature_header.to_owned(),
            self.header_value(key, &values),
        )];
        if let Some(TimestampSource::Header(name)) = self.timestamp {
            headers.push((name.to_owned(), ts.clone()));
        }
        if let (Some(name), Some(id)) = (self.id_header, id) {
            headers.push((name.to_owned(), id));
        }
        if let (Some(name), Some(event)) = (self.event_header, message.event) {
            headers.push((name.to_owned(), event.to_owned()));
        }
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        Ok(headers)
    }
}

/// Parses an RFC 3339 timestamp to the millisecond (sub-millisecond digits are dropped,
/// rounding towards the past). `None` for anything else.
#[cfg(feature = "time")]
pub(crate) fn parse_rfc3339(text: &[u8]) -> Option<UnixTime> {
    use time::format_description::well_known::Rfc3339;
    let text = std::str::from_utf8(text).ok()?;
    let parsed = time::OffsetDateTime::parse(text, &Rfc3339).ok()?;
    // Whole seconds and the milliseconds within: i64 arithmetic (`unix_timestamp_nanos` is an
    // i128, whose division is a call into a software routine).
    let millis = parsed
        .unix_timestamp()
        .checked_mul(1000)?
        .checked_add(i64::from(parsed.millisecond()))?;
    Some(UnixTime::from_millis(millis))
}

/// Formats `at` as RFC 3339 in UTC with nanoseconds (as Twitch sends it).
#[cfg(feature = "time")]
pub(crate) fn format_rfc3339(at: UnixTime) -> Result<String, Error> {
    let nanos = i128::from(at.as_millis()) * 1_000_000;
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .ok()
        .filter(|t| (0..=9999).contains(&t.year()))
        .ok_or(Error::Unsupported(
            "timestamps outside the years 0000-9999 are not supported",
        ))?;
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.nanosecond()
    ))
}

/// `value` without `prefix`, or `None` when it does not start with it, comparing a byte at a
/// time. Scheme prefixes are a few bytes (`v1=`, `t=`, `sha256=`), and `<[u8]>::strip_prefix`
/// calls `memcmp` for a length only known at run time: a call that costs more than these
/// compares, and for the empty prefix of most schemes a length-0 `memcmp` on the dangling
/// pointer of an empty literal, where glibc's AVX-512 `memcmp` does a masked load whose fault
/// suppression costs a microcode assist, about 100 ns per verify on the dev machine (measured
/// with `perf annotate`).
fn strip_prefix<'a>(value: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    let (head, rest) = value.split_at_checked(prefix.len())?;
    let mut differ = 0u8;
    for (a, b) in head.iter().zip(prefix) {
        differ |= a ^ b;
    }
    (differ == 0).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::{
        bitbucket, calendly, coinbase_commerce, github, hubspot, intercom, lemonsqueezy, linear,
        paddle, pagerduty, razorpay, sentry, shopify, slack, square, standard, stripe, typeform,
        zoom,
    };
    use crate::providers::{notion, vercel};
    use crate::registry;
    use crate::secret::Secret;

    /// Every built-in preset, by provider name.
    fn presets() -> Vec<Scheme> {
        #[allow(unused_mut)] // pushed to with the `time` feature
        let mut all = vec![
            github::SCHEME,
            shopify::SCHEME,
            intercom::SCHEME,
            lemonsqueezy::SCHEME,
            typeform::SCHEME,
            bitbucket::SCHEME,
            pagerduty::SCHEME,
            linear::SCHEME,
            square::SCHEME,
            stripe::SCHEME,
            calendly::SCHEME,
            paddle::SCHEME,
            slack::SCHEME,
            zoom::SCHEME,
            hubspot::SCHEME,
            standard::SCHEME,
            notion::SCHEME,
            vercel::SCHEME,
            sentry::SCHEME,
            razorpay::SCHEME,
            coinbase_commerce::SCHEME,
        ];
        #[cfg(feature = "time")]
        all.push(crate::providers::twitch::SCHEME);
        #[cfg(feature = "time")]
        all.push(crate::providers::r#box::SCHEME);
        all
    }

    #[test]
    fn every_preset_passes_the_checks_custom_schemes_get() {
        for scheme in presets() {
            assert_eq!(scheme.validate(), Ok(()), "{}", scheme.name);
            // The same checks, through the public builder.
            let custom = crate::providers::custom::Custom::new(scheme).unwrap();
            assert_eq!(custom.scheme(), &scheme);
            // Named after its provider, with the same window and URL needs.
            let provider = registry::by_name(scheme.name).unwrap();
            assert_eq!(provider.signs_url(), scheme.signs_url(), "{}", scheme.name);
            if scheme.name != "linear" {
                // Linear's timestamp is in the body, outside the scheme.
                assert_eq!(
                    provider.default_tolerance(),
                    scheme.default_tolerance(),
                    "{}",
                    scheme.name
                );
            }
        }
    }

    #[test]
    fn every_preset_verifies_what_it_signs_and_nothing_else() {
        let now = UnixTime::from_secs(1_700_000_000).unwrap();
        let key = Secret::from_text("a preset test secret of some length");
        for scheme in presets() {
            let message = SignInput::new(br#"{"webhookTimestamp":1}"#, now)
                .with_id("msg_1")
                .with_event("ping")
                .with_url("https://example.com/hook");
            let headers = scheme.sign_headers(key.expose_secret(), &message).unwrap();
            let verify = |body: &[u8], url: &str| {
                let req = WebhookRequest::new(&headers, body)
                    .with_url(url)
                    .with_method("POST");
                scheme.verify(
                    &req,
                    &Secrets::new(key.clone()),
                    now,
                    Tolerance::FIVE_MINUTES,
                )
            };
            let d = verify(message.body, "https://example.com/hook").unwrap();
            assert_eq!(d.provider(), scheme.name);
            assert_eq!(
                d.timestamp().is_some(),
                scheme.default_tolerance().is_some()
            );
            assert_eq!(
                verify(br#"{"webhookTimestamp":2}"#, "https://example.com/hook"),
                Err(Error::SignatureMismatch),
                "{}",
                scheme.name
            );
            if scheme.signs_url() {
                assert_eq!(
                    verify(message.body, "https://example.com/other"),
                    Err(Error::SignatureMismatch)
                );
            }
        }
    }

    #[test]
    fn descriptions_that_cannot_work_are_refused() {
        const LONG: [Part; 17] = [Part::Body; 17];
        for (scheme, reason) in [
            (Scheme::new(""), "a header name is empty"),
            (Scheme::new("X").name(""), "the provider name is empty"),
            (
                Scheme::new("X").signed_content(&[]),
                "the signed content is empty",
            ),
            (
                Scheme::new("X").signed_content(&LONG),
                "the signed content has more than 16 parts",
            ),
            (
                Scheme::new("X").timestamp_header("T"),
                "a timestamp that is not signed proves nothing: add Part::Timestamp",
            ),
        ] {
            assert_eq!(scheme.validate().unwrap_err().reason(), reason);
        }
        // More parts than fit are remembered as too many, never truncated silently.
        assert_eq!(Scheme::new("X").signed_content(&LONG).parts().len(), 16);
    }

    #[test]
    fn the_signature_is_judged_first_then_the_window_then_the_names() {
        // Signs the id; the event header is an unsigned one.
        const SCHEME: Scheme = Scheme::new("X-Sig")
            .name("order")
            .timestamp_header("X-Ts")
            .id_header("X-Id")
            .event_header("X-Ev")
            .signed_content(&[Part::Id, Part::Literal("."), Part::Timestamp, Part::Body]);
        let key = Secret::from_text("an order test secret");
        let secrets = Secrets::new(key.clone());
        let signed_at = UnixTime::from_secs(1_700_000_000).unwrap();
        let stale = UnixTime::from_secs(1_700_000_000 + 3600).unwrap();
        let run = |id: &[u8], event: &[u8], body: &[u8], now: UnixTime| {
            let ts = signed_at.as_secs().to_string();
            let values = Values {
                timestamp: ts.as_bytes(),
                id,
                ..Values::body(b"{}")
            };
            let signature = SCHEME.header_value(key.expose_secret(), &values);
            let headers: [(&str, &[u8]); 4] = [
                ("X-Sig", signature.as_bytes()),
                ("X-Ts", ts.as_bytes()),
                ("X-Id", id),
                ("X-Ev", event),
            ];
            SCHEME.verify(
                &WebhookRequest::new(&headers, body),
                &secrets,
                now,
                Tolerance::FIVE_MINUTES,
            )
        };
        let malformed = |r: Result<Delivery, Error>, name: &str| {
            assert!(
                matches!(&r, Err(Error::MalformedHeader { header, .. }) if *header == name),
                "{name}: {r:?}"
            );
        };
        // A forged body: the mismatch, whatever else is wrong.
        assert_eq!(
            run(b"\xff", b"\xff", b"{ }", stale),
            Err(Error::SignatureMismatch)
        );
        // A genuine but stale request: the window, before the names.
        assert!(matches!(
            run(b"\xff", b"\xff", b"{}", stale),
            Err(Error::TimestampTooOld { .. })
        ));
        // Fresh: the signed id, then the event name.
        malformed(run(b"\xff", b"\xff", b"{}", signed_at), "X-Id");
        malformed(run(b"msg_1", b"\xff", b"{}", signed_at), "X-Ev");
        let d = run(b"msg_1", b" ping ", b"{}", signed_at).unwrap();
        assert_eq!(d.signed_id(), Some("msg_1"));
        assert_eq!(d.event(), Some("ping"));
        assert_eq!(d.timestamp(), Some(signed_at));
    }

    #[test]
    fn odd_headers_are_malformed_or_mismatched() {
        let scheme = stripe::SCHEME;
        let secrets = Secrets::new(Secret::from_text("k"));
        let now = UnixTime::from_secs(0).unwrap();
        for value in [
            &b""[..],
            b",,,,",
            b"t=",
            b"t=1",
            b"v1=",
            b"t=1,v1=",
            b"t=1,v1=zz",
            b"t=1,v1=\xff",
            b"t=\xff,v1=00",
            b"\xff\xfe",
        ] {
            let headers: [(&str, &[u8]); 1] = [("Stripe-Signature", value)];
            let r = scheme.verify(
                &WebhookRequest::new(&headers, b"{}"),
                &secrets,
                now,
                Tolerance::FIVE_MINUTES,
            );
            assert!(
                matches!(
                    r,
                    Err(Error::MalformedHeader { .. } | Error::SignatureMismatch)
                ),
                "{value:?}: {r:?}"
            );
        }
    }
}
