//! HubSpot (signature v3): `X-HubSpot-Signature-v3: <base64 HMAC-SHA256>` over
//! `{METHOD}{URI}{body}{X-HubSpot-Request-Timestamp}`; and, when enabled with
//! [`HubSpot::min_version`], the older v1 and v2 signatures.
//!
//! Headers read: `X-HubSpot-Signature-v3` and `X-HubSpot-Request-Timestamp` (milliseconds,
//! signed verbatim as the header text); both required. By default ([`HubSpot::new`], the
//! constant [`HubSpot`](constant@HubSpot)) that is all: the older v1/v2 headers are not read.
//!
//! # v1 and v2
//!
//! Older HubSpot requests (and the SDKs' `signatureVersion` `v1` / `v2`) carry
//! `X-HubSpot-Signature-Version: v1` or `v2` and `X-HubSpot-Signature: <hex>`, the lower-case hex
//! of a **plain SHA-256** (not an HMAC) of:
//!
//! | version | hashed |
//! |---|---|
//! | `v1` | `{client secret}{body}` |
//! | `v2` | `{client secret}{METHOD}{URI}{body}` (method and URI as for v3) |
//!
//! as in HubSpot's SDKs (hubspot-api-python `hubspot/utils/signature.py`, `@hubspot/api-client`
//! `src/utils/signature.ts`; their test vectors are this crate's). The SDKs compare the hex
//! text; this module decodes lower-case hex (what the SDKs compare equal) and compares the
//! bytes in constant time, each configured secret in turn.
//!
//! `HubSpot::new().min_version(SignatureVersion::V1)` accepts v1, v2 and v3;
//! `min_version(SignatureVersion::V2)` accepts v2 and v3. Which is checked:
//!
//! - **`X-HubSpot-Signature-v3` present: v3, and only v3.** The v1/v2 headers are then not
//!   read, and a failing v3 signature is a failure (no fallback). The SDKs check the version
//!   their caller names; this is the choice a caller should make, the strongest signature
//!   sent.
//! - Otherwise `X-HubSpot-Signature-Version` (required; `v1` or `v2`, ignoring ASCII case)
//!   picks the scheme, and `X-HubSpot-Signature` (required) is checked. A version below the
//!   configured minimum is refused (`signature_mismatch`), as is `v3` without the v3 header
//!   (`missing_header`).
//!
//! **What v1 and v2 lack — read before enabling them.**
//!
//! - *No timestamp.* A captured v1/v2 request verifies forever: only the replay store stops a
//!   replay (its key is a digest of the body), and only for as long as it remembers the key
//!   (its TTL; HubSpot retries over about a day). Neither the window of v3 nor anything else
//!   limits its age.
//! - *v1 does not sign the URL or the method*: a v1 request verifies at any endpoint that shares
//!   the client secret.
//! - *The headers are not signed, and the version is chosen by the request.* If HubSpot sends
//!   v1/v2 headers next to the v3 ones, anyone holding such a request can remove the v3 headers
//!   and be checked under v1/v2: enabling them opens exactly that downgrade, to a signature
//!   with no timestamp. Keep the default (v3 only) unless some of your requests come without
//!   v3.
//! - *Length extension.* `SHA-256(secret ‖ data)` is not a MAC: from a valid v1/v2 signature
//!   anyone can compute the signature of the same body followed by SHA-256 padding and any
//!   suffix, without the secret. The padding starts with the byte `0x80`, which cannot follow
//!   a complete UTF-8 text; HubSpot's bodies are UTF-8 JSON (the SDKs take them as strings). So
//!   this module accepts v1/v2 only over a **body that is valid UTF-8**, and refuses any other
//!   (`signature_mismatch`), which rules out every such extension of a UTF-8 body.
//!
//! Sign ([`Sign`]) produces v3; [`signature_v1`] and [`signature_v2`] compute the older ones.
//!
//! Method and URI come from the request: [`WebhookRequest::method`] (`POST` when not given, as
//! in HubSpot's SDKs) and [`WebhookRequest::url`] (required; without it verification fails
//! with [`Error::Unsupported`], status 400, kind `unsupported`: a receiver set-up error).
//!
//! **The URI must be the one HubSpot signed.** HubSpot's SDKs sign the URL exactly as the
//! caller passes it, and so does this module. HubSpot's docs add that the signed URI has these
//! percent-escapes decoded: `%3A` `:`, `%2F` `/`, `%3F` `?`, `%40` `@`, `%21` `!`, `%24` `$`,
//! `%27` `'`, `%28` `(`, `%29` `)`, `%2A` `*`, `%2C` `,`, `%3B` `;` — if your framework hands
//! you a URL still holding such escapes, pass it through [`signed_uri`] first. Behind a proxy,
//! pass the public `https://` URL, not the local one. The framework integrations build it from
//! [`VerifierBuilder::public_url`](crate::VerifierBuilder::public_url) followed by the
//! request's path and query as received, and refuse the request as misconfigured (500) when
//! no public URL (or trusted forwarding headers) is set, rather than trust the client's `Host`
//! header.
//!
//! Secret: the app's *client secret*, used as is.
//!
//! Timestamp window: **300 s each way**. HubSpot's SDKs reject timestamps more than 5 minutes
//! old (and check nothing ahead); we apply the same limit to clock skew into the future.
//! Replay key: a digest of the signed timestamp and body (HubSpot sends no delivery id header;
//! the events inside the body carry `eventId`s).
//!
//! ```
//! use webhook_guard::providers::hubspot;
//! // hubspot-api-python's test vector.
//! let sig = hubspot::sign(
//!     b"yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
//!     "POST",
//!     "https://www.example.com/webhook_uri",
//!     b"{'example_field':'example_value'}",
//!     15_000_000,
//! );
//! assert_eq!(sig, "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=");
//! assert_eq!(hubspot::signed_uri("https://x/a%3Ab?c=%2f%20"), "https://x/a:b?c=/%20");
//! ```

use std::borrow::Cow;

use sha2::Digest as _;

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::{decode_hex, encode_hex};
use crate::crypto::mac::any_equal;
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme, SignatureEncoding, TimestampUnit, Values};
use crate::secret::{Secret, Secrets};

use super::util;

/// `X-HubSpot-Signature-v3`.
pub const SIGNATURE_HEADER: &str = "X-HubSpot-Signature-v3";
/// `X-HubSpot-Request-Timestamp` (milliseconds).
pub const TIMESTAMP_HEADER: &str = "X-HubSpot-Request-Timestamp";
/// `X-HubSpot-Signature`: the hex SHA-256 of a v1 or v2 signature.
pub const LEGACY_SIGNATURE_HEADER: &str = "X-HubSpot-Signature";
/// `X-HubSpot-Signature-Version`: `v1` or `v2` (which [`LEGACY_SIGNATURE_HEADER`] holds).
pub const VERSION_HEADER: &str = "X-HubSpot-Signature-Version";

const URL_REQUIRED: Error =
    Error::Unsupported("HubSpot signs the request URI: pass it with WebhookRequest::with_url");

/// A HubSpot signature version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SignatureVersion {
    /// `v1`: hex SHA-256 of `{client secret}{body}`.
    V1,
    /// `v2`: hex SHA-256 of `{client secret}{METHOD}{URI}{body}`.
    V2,
    /// `v3`: base64 HMAC-SHA256 of `{METHOD}{URI}{body}{timestamp}`, timestamp checked.
    V3,
}

/// The HubSpot request-signing scheme: v3, and v1/v2 from [`HubSpot::min_version`] on (see
/// the [module docs](self)).
///
/// [`HubSpot::new`], [`HubSpot::default`] and the constant [`HubSpot`](constant@HubSpot) are
/// the same value: v3 only.
///
/// ```
/// use webhook_guard::providers::hubspot::{HubSpot, SignatureVersion};
/// assert_eq!(HubSpot.accepted_from(), SignatureVersion::V3);
/// let legacy = HubSpot::new().min_version(SignatureVersion::V1);
/// assert_eq!(legacy.accepted_from(), SignatureVersion::V1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HubSpot {
    min_version: SignatureVersion,
}

/// The default [`HubSpot`](struct@HubSpot) scheme ([`HubSpot::new`]: v3 only), so that
/// `HubSpot` can be written as a value, as before it had options.
#[allow(non_upper_case_globals)]
pub const HubSpot: HubSpot = HubSpot::new();

impl HubSpot {
    /// v3 only.
    pub const fn new() -> Self {
        Self {
            min_version: SignatureVersion::V3,
        }
    }

    /// Accepts `version` and the later ones. v1 and v2 have no timestamp and let a request
    /// be downgraded by removing its v3 headers: read the [module docs](self) first.
    pub const fn min_version(mut self, version: SignatureVersion) -> Self {
        self.min_version = version;
        self
    }

    /// The oldest version accepted.
    pub const fn accepted_from(&self) -> SignatureVersion {
        self.min_version
    }

    /// Checks a v1 or v2 signature (the request has no v3 header).
    fn verify_legacy(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
    ) -> Result<Delivery, Error> {
        let version = util::trim(req.require_header(VERSION_HEADER)?);
        let version = if version.eq_ignore_ascii_case(b"v1") {
            SignatureVersion::V1
        } else if version.eq_ignore_ascii_case(b"v2") {
            SignatureVersion::V2
        } else if version.eq_ignore_ascii_case(b"v3") {
            return Err(Error::MissingHeader(SIGNATURE_HEADER));
        } else {
            return Err(Error::malformed(
                VERSION_HEADER,
                "unknown signature version (known: v1, v2, v3)",
            ));
        };
        if version < self.min_version {
            return Err(Error::SignatureMismatch);
        }
        let text = util::trim(req.require_header(LEGACY_SIGNATURE_HEADER)?);
        let signature = decode_hex(text).ok_or(Error::malformed(
            LEGACY_SIGNATURE_HEADER,
            "signature is not lower-case hex",
        ))?;
        let signature = signature.as_bytes();
        if signature.len() != LEGACY_TAG_LEN {
            return Err(Error::SignatureMismatch);
        }
        let (method, url) = match version {
            SignatureVersion::V1 => (&b""[..], &b""[..]),
            _ => (
                req.method().unwrap_or("POST").as_bytes(),
                req.url().ok_or(URL_REQUIRED)?.as_bytes(),
            ),
        };
        let body = req.body();
        // A length extension of a UTF-8 body never is UTF-8 (its padding starts with 0x80).
        if std::str::from_utf8(body).is_err() {
            return Err(Error::SignatureMismatch);
        }
        let tags = secrets
            .iter()
            .map(|secret| legacy_digest(secret.expose_secret(), method, url, body));
        if any_equal(tags, std::iter::once(signature)) {
            Ok(Delivery::new("hubspot"))
        } else {
            Err(Error::SignatureMismatch)
        }
    }
}

impl Default for HubSpot {
    fn default() -> Self {
        Self::new()
    }
}

/// Length of a v1/v2 signature: a SHA-256 digest.
const LEGACY_TAG_LEN: usize = 32;

/// SHA-256 of `secret ‖ method ‖ url ‖ body` (v1: no method, no URL), fed in pieces.
fn legacy_digest(secret: &[u8], method: &[u8], url: &[u8], body: &[u8]) -> [u8; 32] {
    let mut hash = sha2::Sha256::new();
    hash.update(secret);
    hash.update(method);
    hash.update(url);
    hash.update(body);
    hash.finalize().into()
}

/// The `X-HubSpot-Signature` of a v1 request: hex SHA-256 of `{client secret}{body}`.
///
/// ```
/// use webhook_guard::providers::hubspot;
/// // hubspot-api-python's v1 test vector.
/// assert_eq!(
///     hubspot::signature_v1(b"yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy", b"{'example_field':'example_value'}"),
///     "69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750"
/// );
/// ```
pub fn signature_v1(client_secret: &[u8], body: &[u8]) -> String {
    encode_hex(&legacy_digest(client_secret, b"", b"", body))
}

/// The `X-HubSpot-Signature` of a v2 request: hex SHA-256 of
/// `{client secret}{METHOD}{URI}{body}`.
///
/// ```
/// use webhook_guard::providers::hubspot;
/// // hubspot-api-python's v2 test vectors.
/// let secret = b"yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
/// let uri = "https://www.example.com/webhook_uri";
/// assert_eq!(
///     hubspot::signature_v2(secret, "POST", uri, b"{'example_field':'example_value'}"),
///     "4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383"
/// );
/// assert_eq!(
///     hubspot::signature_v2(secret, "GET", uri, b""),
///     "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e"
/// );
/// ```
pub fn signature_v2(client_secret: &[u8], method: &str, uri: &str, body: &[u8]) -> String {
    encode_hex(&legacy_digest(
        client_secret,
        method.as_bytes(),
        uri.as_bytes(),
        body,
    ))
}

/// The `X-HubSpot-Signature-v3` value for a request, with `timestamp_ms` as sent in
/// `X-HubSpot-Request-Timestamp`.
pub fn sign(
    client_secret: &[u8],
    method: &str,
    uri: &str,
    body: &[u8],
    timestamp_ms: i64,
) -> String {
    let ts = timestamp_ms.to_string();
    let values = Values {
        method: method.as_bytes(),
        url: uri.as_bytes(),
        timestamp: ts.as_bytes(),
        ..Values::body(body)
    };
    SCHEME.header_value(client_secret, &values)
}

/// HubSpot's v3 scheme: base64 HMAC-SHA256 of `{METHOD}{URI}{body}{timestamp}`, the timestamp
/// (milliseconds) in a header of its own.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("hubspot")
    .encoding(SignatureEncoding::Base64)
    .timestamp_header(TIMESTAMP_HEADER)
    .timestamp_unit(TimestampUnit::Milliseconds)
    .signed_content(&[Part::Method, Part::Url, Part::Body, Part::Timestamp]);

/// `url` with the percent-escapes HubSpot's docs list as decoded in the signed URI (`%3A`,
/// `%2F`, `%3F`, `%40`, `%21`, `%24`, `%27`, `%28`, `%29`, `%2A`, `%2C`, `%3B`, either case)
/// replaced by their characters; every other escape is kept. Borrows when there is nothing to
/// replace.
pub fn signed_uri(url: &str) -> Cow<'_, str> {
    fn decoded(escape: &[u8]) -> Option<char> {
        let hex = escape.strip_prefix(b"%")?.get(..2)?;
        let byte = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        let c = char::from(byte);
        ":/?@!$'()*,;".contains(c).then_some(c)
    }
    let bytes = url.as_bytes();
    let first = (0..bytes.len()).find(|&i| bytes.get(i..).and_then(decoded).is_some());
    let Some(first) = first else {
        return Cow::Borrowed(url);
    };
    let mut out = String::with_capacity(url.len());
    out.push_str(url.get(..first).unwrap_or_default());
    let mut i = first;
    while let Some(rest) = bytes.get(i..).filter(|r| !r.is_empty()) {
        if let Some(c) = decoded(rest) {
            out.push(c);
            i += 3;
        } else {
            let ch = url
                .get(i..)
                .and_then(|s| s.chars().next())
                .unwrap_or('\u{fffd}');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    Cow::Owned(out)
}

impl Provider for HubSpot {
    fn name(&self) -> &'static str {
        "hubspot"
    }

    /// HubSpot retries up to ten times over 24 hours.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(2 * 24 * 3600)
    }

    fn signs_url(&self) -> bool {
        true
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        if self.min_version == SignatureVersion::V3 || req.header(SIGNATURE_HEADER).is_some() {
            return SCHEME.verify(req, secrets, now, tolerance);
        }
        if req.header(LEGACY_SIGNATURE_HEADER).is_none() && req.header(VERSION_HEADER).is_none() {
            return Err(Error::MissingHeader(SIGNATURE_HEADER));
        }
        self.verify_legacy(req, secrets)
    }
}

impl Sign for HubSpot {
    /// Signs v3 (what HubSpot sends today). Needs [`SignInput::url`]; the method defaults to
    /// `POST`.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let url = message.url.ok_or(URL_REQUIRED)?;
        let method = message.method.unwrap_or("POST");
        let ts = message.timestamp.as_millis();
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), method, url, message.body, ts),
            ),
            (TIMESTAMP_HEADER.to_owned(), ts.to_string()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

impl Parse for HubSpot {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    const URI: &str = "https://www.example.com/webhook_uri";
    const BODY: &[u8] = b"{'example_field':'example_value'}";
    const SIG: &str = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";

    fn verify(method: Option<&str>, url: Option<&str>, ts: &str) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, SIG), (TIMESTAMP_HEADER, ts)];
        let mut req = WebhookRequest::new(&headers, BODY);
        if let Some(m) = method {
            req = req.with_method(m);
        }
        if let Some(u) = url {
            req = req.with_url(u);
        }
        HubSpot.verify(
            &req,
            &Secrets::new(Secret::from_text(SECRET)),
            UnixTime::from_millis(15_000_000),
            Tolerance::FIVE_MINUTES,
        )
    }

    #[test]
    fn official_vector_method_and_url() {
        let d = verify(Some("POST"), Some(URI), "15000000").unwrap();
        assert_eq!(d.timestamp(), Some(UnixTime::from_millis(15_000_000)));
        assert!(verify(None, Some(URI), "15000000").is_ok());
        assert_eq!(
            verify(Some("GET"), Some(URI), "15000000").unwrap_err(),
            Error::SignatureMismatch
        );
        assert_eq!(
            verify(Some("POST"), None, "15000000").unwrap_err().kind(),
            "unsupported"
        );
        for bad in ["", "-1", "1.5", "1e6", "9999999999999999999"] {
            assert_eq!(
                verify(Some("POST"), Some(URI), bad).unwrap_err().kind(),
                "malformed_header",
                "{bad}"
            );
        }
    }

    /// hubspot-api-python's v1 and v2 vectors (`tests/spec/utils/test_signature.py`).
    const SIG_V1: &str = "69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750";
    const SIG_V2: &str = "4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383";
    const SIG_V2_GET: &str = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e";

    fn legacy(
        hubspot: HubSpot,
        headers: &[(&str, &str)],
        method: &str,
        url: Option<&str>,
        body: &[u8],
        secrets: &Secrets,
    ) -> Result<Delivery, Error> {
        let mut req = WebhookRequest::new(&headers, body).with_method(method);
        if let Some(url) = url {
            req = req.with_url(url);
        }
        hubspot.verify(
            &req,
            secrets,
            UnixTime::from_millis(15_000_000),
            Tolerance::FIVE_MINUTES,
        )
    }

    fn secrets() -> Secrets {
        Secrets::new(Secret::from_text(SECRET))
    }

    #[test]
    fn official_v1_and_v2_vectors() {
        let v1 = HubSpot::new().min_version(SignatureVersion::V1);
        assert_eq!(signature_v1(SECRET.as_bytes(), BODY), SIG_V1);
        assert_eq!(signature_v2(SECRET.as_bytes(), "POST", URI, BODY), SIG_V2);
        assert_eq!(signature_v2(SECRET.as_bytes(), "GET", URI, b""), SIG_V2_GET);
        let h1 = [(VERSION_HEADER, "v1"), (LEGACY_SIGNATURE_HEADER, SIG_V1)];
        let h2 = [(VERSION_HEADER, "v2"), (LEGACY_SIGNATURE_HEADER, SIG_V2)];
        let h2_get = [
            (VERSION_HEADER, "v2"),
            (LEGACY_SIGNATURE_HEADER, SIG_V2_GET),
        ];
        let d = legacy(v1, &h1, "POST", None, BODY, &secrets()).unwrap();
        assert_eq!(d.timestamp(), None);
        // v1 signs neither method nor URL.
        assert!(legacy(v1, &h1, "PUT", Some("https://other/"), BODY, &secrets()).is_ok());
        assert!(legacy(v1, &h2, "POST", Some(URI), BODY, &secrets()).is_ok());
        assert!(legacy(v1, &h2_get, "GET", Some(URI), b"", &secrets()).is_ok());
        let v2 = HubSpot::new().min_version(SignatureVersion::V2);
        assert!(legacy(v2, &h2, "POST", Some(URI), BODY, &secrets()).is_ok());
        // Tampered twins: body, method, URI, signature, key.
        let mismatch = Err(Error::SignatureMismatch);
        assert_eq!(
            legacy(
                v1,
                &h1,
                "POST",
                None,
                b"{'example_field':'example_valuf'}",
                &secrets()
            ),
            mismatch
        );
        assert_eq!(
            legacy(v1, &h2, "PUT", Some(URI), BODY, &secrets()),
            mismatch
        );
        assert_eq!(
            legacy(
                v1,
                &h2,
                "POST",
                Some("https://www.example.com/webhook_urj"),
                BODY,
                &secrets()
            ),
            mismatch
        );
        assert_eq!(
            legacy(v1, &h2_get, "GET", Some(URI), b" ", &secrets()),
            mismatch
        );
        let altered = [(VERSION_HEADER, "v1"), (LEGACY_SIGNATURE_HEADER, SIG_V2)];
        assert_eq!(
            legacy(v1, &altered, "POST", None, BODY, &secrets()),
            mismatch
        );
        // The v1 signature presented as v2, and the reverse.
        let swapped = [(VERSION_HEADER, "v2"), (LEGACY_SIGNATURE_HEADER, SIG_V1)];
        assert_eq!(
            legacy(v1, &swapped, "POST", Some(URI), BODY, &secrets()),
            mismatch
        );
        let wrong = Secrets::new(Secret::from_text("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyz"));
        assert_eq!(legacy(v1, &h1, "POST", None, BODY, &wrong), mismatch);
        // Rotation: the right key second.
        let rotated = wrong.with(Secret::from_text(SECRET));
        assert!(legacy(v1, &h1, "POST", None, BODY, &rotated).is_ok());
        // v2 needs the URL.
        assert_eq!(
            legacy(v1, &h2, "POST", None, BODY, &secrets())
                .unwrap_err()
                .kind(),
            "unsupported"
        );
    }

    #[test]
    fn versions_accepted_and_precedence() {
        let h1 = [(VERSION_HEADER, "v1"), (LEGACY_SIGNATURE_HEADER, SIG_V1)];
        // The default is v3 only: a v1 request lacks the v3 header.
        assert_eq!(
            legacy(HubSpot, &h1, "POST", Some(URI), BODY, &secrets()),
            Err(Error::MissingHeader(SIGNATURE_HEADER))
        );
        // A minimum of v2 refuses v1.
        let v2 = HubSpot::new().min_version(SignatureVersion::V2);
        assert_eq!(
            legacy(v2, &h1, "POST", Some(URI), BODY, &secrets()),
            Err(Error::SignatureMismatch)
        );
        let v1 = HubSpot::new().min_version(SignatureVersion::V1);
        // v3 present: checked alone. A bad v3 does not fall back to a good v1...
        let bad_v3 = [
            (
                SIGNATURE_HEADER,
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            ),
            (TIMESTAMP_HEADER, "15000000"),
            (VERSION_HEADER, "v1"),
            (LEGACY_SIGNATURE_HEADER, SIG_V1),
        ];
        assert_eq!(
            legacy(v1, &bad_v3, "POST", Some(URI), BODY, &secrets()),
            Err(Error::SignatureMismatch)
        );
        // ...a v3 without its timestamp is missing it...
        let no_ts = [
            (SIGNATURE_HEADER, SIG),
            (VERSION_HEADER, "v1"),
            (LEGACY_SIGNATURE_HEADER, SIG_V1),
        ];
        assert_eq!(
            legacy(v1, &no_ts, "POST", Some(URI), BODY, &secrets()),
            Err(Error::MissingHeader(TIMESTAMP_HEADER))
        );
        // ...and a good v3 passes whatever the v1/v2 headers hold.
        let good_v3 = [
            (SIGNATURE_HEADER, SIG),
            (TIMESTAMP_HEADER, "15000000"),
            (VERSION_HEADER, "v9"),
            (LEGACY_SIGNATURE_HEADER, "zz"),
        ];
        let d = legacy(v1, &good_v3, "POST", Some(URI), BODY, &secrets()).unwrap();
        assert_eq!(d.timestamp(), Some(UnixTime::from_millis(15_000_000)));
        // Nothing at all: the v3 header is what is missing.
        assert_eq!(
            legacy(v1, &[], "POST", Some(URI), BODY, &secrets()),
            Err(Error::MissingHeader(SIGNATURE_HEADER))
        );
    }

    #[test]
    fn legacy_header_oddities() {
        let v1 = HubSpot::new().min_version(SignatureVersion::V1);
        let run = |version: &str, sig: &str| {
            let headers = [(VERSION_HEADER, version), (LEGACY_SIGNATURE_HEADER, sig)];
            legacy(v1, &headers, "POST", Some(URI), BODY, &secrets())
        };
        assert!(run(" V1 ", SIG_V1).is_ok());
        assert!(run("v1", &format!(" {SIG_V1}\t")).is_ok());
        assert_eq!(
            run("v3", SIG_V1),
            Err(Error::MissingHeader(SIGNATURE_HEADER))
        );
        for version in ["", "v4", "1", "v1,v2", "v\u{0}1"] {
            assert_eq!(
                run(version, SIG_V1).unwrap_err().kind(),
                "malformed_header",
                "{version:?}"
            );
        }
        // Upper-case hex is not what the SDKs compare equal; odd lengths and non-hex neither.
        for sig in [SIG_V1.to_uppercase().as_str(), "abc", "zz"] {
            assert_eq!(
                run("v1", sig),
                Err(Error::malformed(
                    LEGACY_SIGNATURE_HEADER,
                    "signature is not lower-case hex"
                )),
                "{sig:?}"
            );
        }
        // Hex of another length cannot match.
        assert_eq!(run("v1", ""), Err(Error::SignatureMismatch));
        assert_eq!(run("v1", "00"), Err(Error::SignatureMismatch));
        assert_eq!(run("v1", &"0".repeat(128)), Err(Error::SignatureMismatch));
        let only_version = [(VERSION_HEADER, "v1")];
        assert_eq!(
            legacy(v1, &only_version, "POST", Some(URI), BODY, &secrets()),
            Err(Error::MissingHeader(LEGACY_SIGNATURE_HEADER))
        );
        let only_sig = [(LEGACY_SIGNATURE_HEADER, SIG_V1)];
        assert_eq!(
            legacy(v1, &only_sig, "POST", Some(URI), BODY, &secrets()),
            Err(Error::MissingHeader(VERSION_HEADER))
        );
    }

    /// A body that is not UTF-8 is refused under v1/v2 even with a signature its secret's holder
    /// made: that is the shape of every length extension of a UTF-8 body.
    #[test]
    fn legacy_bodies_must_be_utf8() {
        let v1 = HubSpot::new().min_version(SignatureVersion::V1);
        // What an extension of BODY looks like: BODY, 0x80, zeros, the bit length, a suffix.
        let mut extended = BODY.to_vec();
        extended.push(0x80);
        extended.extend_from_slice(&[0; 30]);
        extended.extend_from_slice(&(((SECRET.len() + BODY.len()) * 8) as u64).to_be_bytes());
        extended.extend_from_slice(b",'admin':true}");
        let sig = signature_v1(SECRET.as_bytes(), &extended);
        let headers = [
            (VERSION_HEADER, "v1"),
            (LEGACY_SIGNATURE_HEADER, sig.as_str()),
        ];
        assert_eq!(
            legacy(v1, &headers, "POST", Some(URI), &extended, &secrets()),
            Err(Error::SignatureMismatch)
        );
        // The same check lets valid UTF-8 through, multi-byte characters included.
        let text = "{\"name\":\"h\u{e9}llo \u{1F600}\"}".as_bytes();
        let sig = signature_v2(SECRET.as_bytes(), "POST", URI, text);
        let headers = [
            (VERSION_HEADER, "v2"),
            (LEGACY_SIGNATURE_HEADER, sig.as_str()),
        ];
        assert!(legacy(v1, &headers, "POST", Some(URI), text, &secrets()).is_ok());
    }

    #[test]
    fn signed_uri_decodes_only_the_listed_escapes() {
        assert!(matches!(signed_uri("https://x/a?b=1"), Cow::Borrowed(_)));
        assert_eq!(
            signed_uri("https://x/%3a%2F%3F%40%21%24%27%28%29%2A%2C%3B%20%25%"),
            "https://x/:/?@!$'()*,;%20%25%"
        );
        assert_eq!(signed_uri("é%3A€%"), "é:€%");
        assert_eq!(signed_uri("%3"), "%3");
    }
}
