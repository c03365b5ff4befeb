//! Standard Webhooks (and Svix): `webhook-signature: v1,<base64> v1a,<base64> …` over
//! `{webhook-id}.{webhook-timestamp}.{body}`.
//!
//! Headers read: `webhook-id`, `webhook-timestamp`, `webhook-signature`; when `webhook-id` is
//! absent, the Svix names `svix-id`, `svix-timestamp`, `svix-signature` (Clerk, Resend and other
//! Svix users). The signature header is a space-separated list; `v1,` (HMAC-SHA256) and `v1a,`
//! (Ed25519) entries are candidates, other versions are skipped; more than 16 entries, or
//! more than [`MAX_V1A_SIGNATURES`] (2) `v1a,` entries, is a malformed header.
//!
//! Keys, as [`Provider::secret_from_display`] reads them (the spec's serialisations):
//! - `whsec_` + base64 of a shared key — **decoded** ([`Secret::from_whsec`]), padding
//!   optional: verifies and signs `v1`. Keys of [`KeyKind::Unspecified`] are used this way. The
//!   spec asks for at least 24 random bytes ([`MIN_SHARED_KEY_LEN`]), and
//!   [`crate::VerifierBuilder::build`] refuses a shorter decoded key.
//! - `whpk_` + base64 of a 32-byte Ed25519 public key ([`Secret::from_whpk`]): verifies `v1a`.
//! - `whsk_` + base64 of an Ed25519 private key, the 32-byte seed or the 64 bytes seed ‖ public
//!   key that Svix's server stores ([`Secret::from_whsk`]): signs `v1a` (for your tests).
//!
//! A request passes when **any** configured key matches **any** listed signature of its kind:
//! shared keys are tried on `v1,` entries, public keys on `v1a,` entries, so an endpoint can hold
//! both while a sender moves from one to the other. Private keys never verify. When no configured
//! key can verify at all, the answer is [`Error::InvalidSecret`].
//!
//! `v1a` as implemented here (no public library ships it yet; this follows the spec's text): the
//! signature is pure Ed25519 (RFC 8032, no prehash, no context) over exactly the bytes `v1`
//! signs, `{id}.{timestamp}.{body}`, and is written `v1a,` + standard base64 (padded; unpadded
//! accepted) of the 64 signature bytes. Verification is strict: a non-canonical `S`, a
//! small-order `R` or a small-order key never verifies.
//!
//! # Bounded work
//!
//! Each `v1a` check is a full Ed25519 verification, and every one hashes the whole body with
//! SHA-512 (the hash binds the signature's `R` and the key, so nothing is shared between
//! checks). A sender lists one signature per key it signs with, and two while it rotates keys;
//! so a header may list at most [`MAX_V1A_SIGNATURES`] `v1a,` entries, and more is malformed
//! (status 400) before anything is verified. Every configured public key is tried on every
//! listed `v1a` entry (a match stops the search): a rejected request costs at most two
//! Ed25519 verifications per configured public key. `v1,` entries cost one HMAC per shared
//! key, however many are listed.
//!
//! Timestamp: 300 s each way, as the spec's libraries. Replay id: `webhook-id`.
//!
//! With the `ed25519` feature:
//!
//! ```
//! # #[cfg(feature = "ed25519")] {
//! use webhook_guard::providers::standard::{self, Standard};
//! use webhook_guard::{Provider, Secrets, Tolerance, UnixTime, WebhookRequest};
//! // RFC 8032 test key 1 as a Standard Webhooks key pair.
//! let signing = Standard.secret_from_display("whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=").unwrap();
//! let public = Standard.secret_from_display("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").unwrap();
//! let sig = standard::sign_v1a(signing.expose_secret(), "msg_1", 1_700_000_000, b"{}").unwrap();
//! assert!(sig.starts_with("v1a,"));
//! let headers = [("webhook-id", "msg_1"), ("webhook-timestamp", "1700000000"), ("webhook-signature", sig.as_str())];
//! let now = UnixTime::from_secs(1_700_000_000).unwrap();
//! let req = WebhookRequest::new(&headers, b"{}");
//! assert!(Standard.verify(&req, &Secrets::new(public), now, Tolerance::FIVE_MINUTES).is_ok());
//! # }
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider standard` lists them): `contact.created`. A handler test's delivery, signed as the
//! sender signs it, is one line of `TestDelivery`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "standard"))] {
//! use webhook_guard::providers::standard::Standard;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
//!
//! let request = TestDelivery::new(Standard, SECRET)?.fixture("contact.created")?.request()?;
//!
//! let verifier = Verifier::builder(Standard).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("contact.created"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
#[cfg(feature = "ed25519")]
use crate::crypto::ed25519::{Ed25519PublicKey, Ed25519SigningKey, ED25519_SIGNATURE_LEN};
#[cfg(not(feature = "ed25519"))]
const ED25519_SIGNATURE_LEN: usize = 64;
use crate::crypto::encoding::SignatureEncoding;
use crate::crypto::mac::{any_equal, decode_lazily, Candidates, MacAlgorithm, MAX_SIGNATURES};
use crate::delivery::{Delivery, IdSource};
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme, Values};
use crate::secret::{KeyKind, Secret, Secrets};

use super::util;

/// Header names of one flavour (`webhook-*` or `svix-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderNames {
    /// The message id header.
    pub id: &'static str,
    /// The timestamp header.
    pub timestamp: &'static str,
    /// The signature header.
    pub signature: &'static str,
}

impl HeaderNames {
    /// The id, timestamp and signature headers, to look up together
    /// ([`WebhookRequest::headers_of`]).
    pub(crate) const fn lookup(&self) -> [Option<&'static str>; 3] {
        [Some(self.id), Some(self.timestamp), Some(self.signature)]
    }
}

/// `webhook-id`, `webhook-timestamp`, `webhook-signature`.
pub const STANDARD_HEADERS: HeaderNames = HeaderNames {
    id: "webhook-id",
    timestamp: "webhook-timestamp",
    signature: "webhook-signature",
};

/// `svix-id`, `svix-timestamp`, `svix-signature`.
pub const SVIX_HEADERS: HeaderNames = HeaderNames {
    id: "svix-id",
    timestamp: "svix-timestamp",
    signature: "svix-signature",
};

/// The fewest bytes a decoded `whsec_` key has: the spec's "at least 24 bytes (192 bits)"
/// ([`Provider::min_secret_len`]; Svix's keys are 24 bytes).
pub const MIN_SHARED_KEY_LEN: usize = 24;
/// The most `v1a,` (Ed25519) entries a signature header may list: 2, one per signing key while
/// a sender rotates. A header listing more is malformed, so that a rejected request costs at
/// most two Ed25519 verifications (two SHA-512 passes over the body) per configured public key.
pub const MAX_V1A_SIGNATURES: usize = 2;

/// The Standard Webhooks scheme: symmetric `v1` and asymmetric (Ed25519) `v1a`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Standard;

/// The symmetric `v1` scheme: a space-separated list of `v1,<base64 HMAC-SHA256>` of
/// `{webhook-id}.{webhook-timestamp}.{body}`. [`Standard`] runs it next to the `v1a` (Ed25519)
/// entries of the same list, and accepts the Svix header names too.
pub const SCHEME: Scheme = Scheme::new(STANDARD_HEADERS.signature)
    .name("standard")
    .separator(b' ')
    .prefix("v1,")
    .encoding(SignatureEncoding::Base64)
    .id_header(STANDARD_HEADERS.id)
    .timestamp_header(STANDARD_HEADERS.timestamp)
    .signed_content(&[
        Part::Id,
        Part::Literal("."),
        Part::Timestamp,
        Part::Literal("."),
        Part::Body,
    ]);

/// The `webhook-signature` value (`v1,<base64>`) for a message, under the decoded key bytes.
pub fn sign(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> String {
    let ts = timestamp.to_string();
    let values = Values {
        id: id.as_bytes(),
        timestamp: ts.as_bytes(),
        ..Values::body(body)
    };
    SCHEME.header_value(key, &values)
}

#[cfg(feature = "ed25519")]
#[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
/// The `webhook-signature` value (`v1a,<base64>`) for a message, under an Ed25519 private key
/// (the 32-byte seed, or 64 bytes seed ‖ public key: the bytes after `whsk_`).
pub fn sign_v1a(
    private_key: &[u8],
    id: &str,
    timestamp: i64,
    body: &[u8],
) -> Result<String, Error> {
    let key = Ed25519SigningKey::from_bytes(private_key)?;
    let ts = timestamp.to_string();
    let signature = key.sign(&[id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    Ok(format!(
        "v1a,{}",
        crate::crypto::encoding::encode_base64(&signature)
    ))
}

/// The signatures a `webhook-signature` header lists, by kind (still encoded).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SignatureList<'a> {
    /// The `v1,` entries (HMAC-SHA256, base64).
    pub(crate) v1: Candidates<'a>,
    /// The `v1a,` entries (Ed25519, base64): at most [`MAX_V1A_SIGNATURES`].
    pub(crate) v1a: Candidates<'a>,
}

impl SignatureList<'_> {
    /// An empty list.
    const fn new() -> Self {
        Self {
            v1: Candidates::new(),
            v1a: Candidates::new(),
        }
    }

    /// Number of `v1,` and `v1a,` entries together (at most 16).
    pub(crate) fn len(&self) -> usize {
        self.v1.len() + self.v1a.len()
    }

    /// `true` when neither kind is listed (never for a list [`parse_signatures`] returned).
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Collects the `v1,` and `v1a,` entries of a signature header without allocating. Other
/// versions are skipped; more than 16 entries in all, more than [`MAX_V1A_SIGNATURES`] `v1a,`
/// entries, or none of either kind, is malformed.
pub(crate) fn parse_signatures<'a>(
    value: &'a [u8],
    header: &'static str,
) -> Result<SignatureList<'a>, Error> {
    let mut list = SignatureList::new();
    parse_signatures_into(value, header, &mut list)?;
    Ok(list)
}

/// [`parse_signatures`] into the caller's (empty) list, which the verify path keeps in place
/// rather than moving its ~530 bytes out of a `Result`.
fn parse_signatures_into<'a>(
    value: &'a [u8],
    header: &'static str,
    list: &mut SignatureList<'a>,
) -> Result<(), Error> {
    let mut entries = 0usize;
    for item in super::scan::split_on(value, b' ').filter(|s| !s.is_empty()) {
        entries += 1;
        if entries > MAX_SIGNATURES {
            return Err(Error::malformed(header, "lists more than 16 signatures"));
        }
        if let Some(sig) = item.strip_prefix(b"v1,") {
            list.v1.push(sig, header)?;
        } else if let Some(sig) = item.strip_prefix(b"v1a,") {
            if list.v1a.len() >= MAX_V1A_SIGNATURES {
                return Err(Error::malformed(
                    header,
                    "lists more than 2 `v1a` signatures (one per signing key)",
                ));
            }
            list.v1a.push(sig, header)?;
        }
    }
    if list.is_empty() {
        return Err(Error::malformed(header, "no `v1,` or `v1a,` signature"));
    }
    Ok(())
}

/// Checks `parts` against the listed signatures: shared keys on `v1`, Ed25519 public keys on
/// `v1a`. Allocation-free.
fn verify_list(
    secrets: &Secrets,
    parts: &[&[u8]],
    list: &SignatureList<'_>,
    header: &'static str,
) -> Result<(), Error> {
    // Decoded lazily, each as it is compared; the first `v1` that decodes only once.
    let v1 = decode_lazily(&list.v1, SignatureEncoding::Base64);
    let v1a = list.v1a.iter().filter_map(|text| {
        SignatureEncoding::Base64
            .decode(text)
            .filter(|sig| sig.as_bytes().len() == ED25519_SIGNATURE_LEN)
    });
    if v1.is_none() && v1a.clone().next().is_none() {
        return Err(Error::malformed(
            header,
            "no signature decodes (base64; 64 bytes for `v1a`)",
        ));
    }
    let shared = secrets
        .iter()
        .filter(|secret| secret.kind() == KeyKind::Unspecified);
    let shared_usable = shared.clone().next().is_some();
    let v1_matched = match v1 {
        Some(v1) => any_equal(
            shared.map(|secret| MacAlgorithm::Sha256.compute_with(secret, parts)),
            v1,
        ),
        None => false,
    };
    let (public_usable, v1a_matched) = verify_v1a(secrets, parts, v1a, v1_matched);
    let (usable, matched) = (shared_usable || public_usable, v1_matched || v1a_matched);
    if !usable {
        return Err(Error::InvalidSecret(
            "no configured key can verify Standard Webhooks signatures: use `whsec_` or `whpk_` keys",
        ));
    }
    if matched {
        Ok(())
    } else {
        Err(Error::SignatureMismatch)
    }
}

/// Tries each configured Ed25519 public key on the decoded `v1a` entries, unless `v1` already
/// matched: whether any public key was configured, and whether one verified.
#[cfg(feature = "ed25519")]
fn verify_v1a(
    secrets: &Secrets,
    parts: &[&[u8]],
    v1a: impl Iterator<Item = crate::crypto::encoding::SignatureBuf> + Clone,
    matched: bool,
) -> (bool, bool) {
    let mut usable = false;
    let mut found = false;
    for secret in secrets {
        if secret.kind() != KeyKind::Ed25519Public {
            continue;
        }
        let Ok(key) = Ed25519PublicKey::from_bytes(secret.expose_secret()) else {
            continue;
        };
        usable = true;
        // Public-key checks leak nothing secret: stop at the first match.
        found = found
            || (!matched
                && v1a
                    .clone()
                    .any(|candidate| key.verify(parts, candidate.as_bytes())));
    }
    (usable, found)
}

/// Without the `ed25519` feature no key can check `v1a` entries.
#[cfg(not(feature = "ed25519"))]
fn verify_v1a(
    _secrets: &Secrets,
    _parts: &[&[u8]],
    _v1a: impl Iterator<Item = crate::crypto::encoding::SignatureBuf> + Clone,
    _matched: bool,
) -> (bool, bool) {
    (false, false)
}

impl Standard {
    /// Which header flavour `req` uses: `webhook-*` unless only `svix-id` is present.
    pub fn header_names(req: &WebhookRequest<'_>) -> HeaderNames {
        if req.header(STANDARD_HEADERS.id).is_none() && req.header(SVIX_HEADERS.id).is_some() {
            SVIX_HEADERS
        } else {
            STANDARD_HEADERS
        }
    }
}

impl Provider for Standard {
    fn name(&self) -> &'static str {
        "standard"
    }

    /// Standard Webhooks senders (Svix) retry for about 28 hours.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(2 * 24 * 3600)
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
    }

    /// [`MIN_SHARED_KEY_LEN`] (24): the spec's minimum for a `whsec_` key.
    fn min_secret_len(&self) -> usize {
        MIN_SHARED_KEY_LEN
    }

    /// `whsec_…` (shared key, prefix optional), `whpk_…` (Ed25519 public key) or `whsk_…`
    /// (Ed25519 private key).
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        let text = text.trim();
        if text.starts_with("whpk_") || text.starts_with("whsk_") {
            #[cfg(feature = "ed25519")]
            return if text.starts_with("whpk_") {
                Secret::from_whpk(text)
            } else {
                Secret::from_whsk(text)
            };
            #[cfg(not(feature = "ed25519"))]
            return Err(Error::InvalidSecret(
                "`whpk_` / `whsk_` (Ed25519, `v1a`) keys need the crate feature `ed25519`",
            ));
        }
        Secret::from_whsec(text)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        verify_flavours(
            "standard",
            [STANDARD_HEADERS, SVIX_HEADERS],
            req,
            secrets,
            now,
            tolerance,
        )
    }
}

/// [`Standard`]'s verification for `provider`, the header flavour picked by the first of
/// `flavours` whose id header is present: one walk of the headers when the sender uses the
/// first (the Svix-based senders, Clerk and Resend, send `svix-*`, so their presets try it
/// first).
pub(crate) fn verify_flavours(
    provider: &'static str,
    flavours: [HeaderNames; 2],
    req: &WebhookRequest<'_>,
    secrets: &Secrets,
    now: UnixTime,
    tolerance: Tolerance,
) -> Result<Delivery, Error> {
    let [first, _] = flavours;
    let first_values = req.headers_of(first.lookup());
    verify_flavours_read(
        provider,
        flavours,
        first_values,
        req,
        secrets,
        now,
        tolerance,
    )
}

/// [`verify_flavours`] with the values of the first flavour's headers
/// ([`HeaderNames::lookup`]) already looked up, in one walk of the headers with any others the
/// caller reads.
pub(crate) fn verify_flavours_read(
    provider: &'static str,
    flavours: [HeaderNames; 2],
    first_values: [Option<&[u8]>; 3],
    req: &WebhookRequest<'_>,
    secrets: &Secrets,
    now: UnixTime,
    tolerance: Tolerance,
) -> Result<Delivery, Error> {
    let [first, second] = flavours;
    let (names, values) = match first_values {
        [Some(_), ..] => (first, first_values),
        [None, ..] => (second, req.headers_of(second.lookup())),
    };
    let [Some(id), ts_text, signature] = values else {
        return Err(Error::MissingHeader(first.id));
    };
    let id = util::ascii(util::trim(id), names.id)?;
    let ts_text = util::trim(ts_text.ok_or(Error::MissingHeader(names.timestamp))?);
    let mut list = SignatureList::new();
    parse_signatures_into(
        signature.ok_or(Error::MissingHeader(names.signature))?,
        names.signature,
        &mut list,
    )?;
    // Parsed once, before any signature is checked. The window is judged and the delivery
    // put together before the HMAC too (the CPU does it while the hash runs), but the
    // window's answer is only given once the signature holds.
    let ts = SCHEME.parse_time(ts_text, names.timestamp)?;
    let fresh = tolerance.check(ts, now);
    let mut delivery = Delivery::new(provider);
    delivery.set_timestamp(ts);
    delivery.set_signed_id(id, IdSource::SignedHeader);
    verify_list(
        secrets,
        &[id.as_bytes(), b".", ts_text, b".", req.body()],
        &list,
        names.signature,
    )?;
    fresh?;
    Ok(delivery)
}

impl Sign for Standard {
    /// Signs `v1` with a shared key (`whsec_`, or any [`KeyKind::Unspecified`] bytes) and
    /// `v1a` with an Ed25519 private key (`whsk_`).
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let id = message.id_or_derived("msg_");
        let ts = message.timestamp.as_secs();
        let signature = match key.kind() {
            KeyKind::Unspecified => sign(key.expose_secret(), &id, ts, message.body),
            #[cfg(feature = "ed25519")]
            KeyKind::Ed25519Private => sign_v1a(key.expose_secret(), &id, ts, message.body)?,
            KeyKind::Ed25519Public => {
                return Err(Error::InvalidSecret(
                    "a `whpk_` public key cannot sign: use the `whsk_` key",
                ))
            }
            _ => return Err(Error::InvalidSecret("not a Standard Webhooks key")),
        };
        Ok(Signed::headers(vec![
            (STANDARD_HEADERS.signature.to_owned(), signature),
            (STANDARD_HEADERS.id.to_owned(), id),
            (STANDARD_HEADERS.timestamp.to_owned(), ts.to_string()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }

    /// The key itself for shared keys and public keys; the public key (tagged
    /// [`KeyKind::Ed25519Public`]) for an Ed25519 private key.
    fn verification_key(&self, signing_key: &Secret) -> Result<Secret, Error> {
        match signing_key.kind() {
            #[cfg(feature = "ed25519")]
            KeyKind::Ed25519Private => {
                let key = Ed25519SigningKey::from_bytes(signing_key.expose_secret())?;
                Secret::ed25519_public(&key.public_key().to_bytes())
            }
            KeyKind::Unspecified | KeyKind::Ed25519Public => Ok(signing_key.clone()),
            _ => Err(Error::InvalidSecret("not a Standard Webhooks key")),
        }
    }
}

#[cfg(feature = "standard")]
#[cfg_attr(docsrs, doc(cfg(feature = "standard")))]
impl crate::provider::Parse for Standard {
    type Event = crate::events::standard::Envelope;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::standard::Envelope::parse(body)
    }
}

#[cfg(all(test, feature = "ed25519"))]
mod tests {
    use super::*;

    const WHPK: &str = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    const WHSK: &str = "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    const WHSK_PAIR: &str = "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2DXWpgBgrEKt9VL/tPJZAc6DuFy89qmIyWvAhpo9wdRGg==";
    const WHSEC: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const V1: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    const V1A: &str = "v1a,fldxM4gAKugP6nnt1hdz3sgGfZ6d99nzrMFnZOELIxbzEHoVmAb2ADpkJK7zgPePmPsle0zV9jSeGlHFG2NVAw==";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TS: i64 = 1_614_265_330;
    const BODY: &[u8] = b"{\"test\": 2432232314}";

    fn key(display: &str) -> Secret {
        Standard.secret_from_display(display).unwrap()
    }

    fn run(secrets: &Secrets, signature: &str, ts: &str) -> Result<Delivery, Error> {
        let headers = [
            ("webhook-id", ID),
            ("webhook-timestamp", ts),
            ("webhook-signature", signature),
        ];
        Standard.verify(
            &WebhookRequest::new(&headers, BODY),
            secrets,
            UnixTime::from_secs(TS).unwrap(),
            Tolerance::FIVE_MINUTES,
        )
    }

    #[test]
    fn v1a_vector_matches_both_whsk_layouts() {
        for whsk in [WHSK, WHSK_PAIR] {
            let signing = key(whsk);
            assert_eq!(signing.kind(), KeyKind::Ed25519Private);
            let sig = sign_v1a(signing.expose_secret(), ID, TS, BODY).unwrap();
            assert_eq!(sig, V1A);
            let public = Standard.verification_key(&signing).unwrap();
            assert_eq!(public.expose_secret(), key(WHPK).expose_secret());
        }
    }

    #[test]
    fn provider_sign_picks_the_scheme_from_the_key() {
        let ts = UnixTime::from_secs(TS).unwrap();
        let msg = SignInput::new(BODY, ts).with_id(ID);
        let v1a = Standard.sign(&key(WHSK), &msg).unwrap();
        assert_eq!(v1a.headers[0].1, V1A);
        let v1 = Standard.sign(&key(WHSEC), &msg).unwrap();
        assert_eq!(v1.headers[0].1, V1);
        assert_eq!(
            Standard.sign(&key(WHPK), &msg).unwrap_err().kind(),
            "invalid_secret"
        );
        // Round trip through verification_key, as tests and the CLI do.
        let public = Standard.verification_key(&key(WHSK)).unwrap();
        let req = WebhookRequest::new(&v1a.headers, BODY);
        let d = Standard
            .verify(&req, &Secrets::new(public), ts, Tolerance::FIVE_MINUTES)
            .unwrap();
        assert_eq!(d.signed_id(), Some(ID));
    }

    #[test]
    fn any_key_any_signature_of_its_kind() {
        let both = format!("{V1} {V1A}");
        let mixed = Secrets::new(key(WHSEC)).with(key(WHPK));
        assert!(run(&mixed, &both, "1614265330").is_ok());
        assert!(run(&mixed, V1, "1614265330").is_ok());
        assert!(run(&mixed, V1A, "1614265330").is_ok());
        // Keys of the wrong kind for what is listed: no match.
        let shared = Secrets::new(key(WHSEC));
        assert_eq!(
            run(&shared, V1A, "1614265330").unwrap_err().kind(),
            "signature_mismatch"
        );
        let public = Secrets::new(key(WHPK));
        assert_eq!(
            run(&public, V1, "1614265330").unwrap_err().kind(),
            "signature_mismatch"
        );
        // A rotation list: a public key that does not match, then the right one.
        let other = key("whpk_PUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=");
        let rotated = Secrets::new(other).with(key(WHPK));
        assert!(run(&rotated, V1A, "1614265330").is_ok());
        // Two v1a entries (a sender rotating), the good one last; junk ones skipped.
        let list = format!("v1a,{} {V1A}", "A".repeat(86));
        assert!(run(&public, &list, "1614265330").is_ok());
        assert!(run(&public, &format!("v1a,AAAA {V1A}"), "1614265330").is_ok());
        // Only private keys: nothing can verify.
        let private = Secrets::new(key(WHSK));
        assert_eq!(
            run(&private, V1A, "1614265330").unwrap_err().kind(),
            "invalid_secret"
        );
        // A tagged public key that is not a point is skipped like any unusable key.
        let broken = Secrets::new(Secret::from_bytes([0u8; 32]).with_kind(KeyKind::Ed25519Public));
        assert_eq!(
            run(&broken, V1A, "1614265330").unwrap_err().kind(),
            "invalid_secret"
        );
    }

    #[test]
    fn odd_keys_are_invalid_secrets() {
        use base64::Engine as _;
        let b64 = |n: usize| base64::engine::general_purpose::STANDARD.encode(vec![7u8; n]);
        for bad in [
            "whpk_".to_owned(),
            "whpk_!!!!".to_owned(),
            format!("whpk_{}", b64(31)),
            format!("whpk_{}", b64(33)),
            // 32 bytes that are not a curve point (y = 2).
            "whpk_AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_owned(),
            // The identity point (y = 1): of small order.
            "whpk_AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_owned(),
            "whsk_".to_owned(),
            format!("whsk_{}", b64(31)),
            format!("whsk_{}", b64(48)),
            // 64 bytes whose halves do not match.
            format!("whsk_{}", b64(64)),
            "whsec_".to_owned(),
            "whsec_%%%".to_owned(),
        ] {
            assert_eq!(
                Standard.secret_from_display(&bad).unwrap_err().kind(),
                "invalid_secret",
                "{bad}"
            );
        }
    }

    #[test]
    fn odd_signatures_and_timestamps() {
        let public = Secrets::new(key(WHPK));
        let sig = V1A.strip_prefix("v1a,").unwrap();
        let raw = crate::secret::decode_base64_lenient(sig).unwrap();
        // Non-canonical S (S + L): refused.
        let l = hex::decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
            .unwrap();
        let mut malleated = raw.clone();
        let mut carry = 0u16;
        for i in 0..32 {
            let sum = u16::from(malleated[32 + i]) + u16::from(l[i]) + carry;
            malleated[32 + i] = (sum & 0xff) as u8;
            carry = sum >> 8;
        }
        let malleated = format!("v1a,{}", SignatureEncoding::Base64.encode(&malleated));
        assert_eq!(
            run(&public, &malleated, "1614265330").unwrap_err().kind(),
            "signature_mismatch"
        );
        // Wrong lengths and encodings only: malformed.
        for bad in [
            "v1a,",
            "v1a,AAAA",
            "v1a,***",
            &format!("v1a,{}", SignatureEncoding::Base64.encode(&raw[..63])),
            &format!("v1a,{}AA", sig.trim_end_matches('=')),
            "v2a,xyz",
            "",
        ] {
            assert_eq!(
                run(&public, bad, "1614265330").unwrap_err().kind(),
                "malformed_header",
                "{bad:?}"
            );
        }
        let many = vec![V1A; 17].join(" ");
        assert_eq!(
            run(&public, &many, "1614265330").unwrap_err().kind(),
            "malformed_header"
        );
        for bad in ["", "-1", "1.5", "99999999999999999999", "0x60361772"] {
            assert_eq!(
                run(&public, V1A, bad).unwrap_err().kind(),
                "malformed_header",
                "{bad:?}"
            );
        }
        // Huge but parseable: the signature is checked first.
        assert_eq!(
            run(&public, V1A, "999999999999999").unwrap_err().kind(),
            "signature_mismatch"
        );
    }

    /// At most two `v1a` entries: the right signature after two wrong ones is a malformed
    /// header, checked before any verification; after one wrong one it verifies.
    #[test]
    fn v1a_entries_are_capped() {
        let signing = key(WHSK);
        let wrong: Vec<String> = (0..16)
            .map(|i| {
                let body = format!("other {i}");
                sign_v1a(signing.expose_secret(), ID, TS, body.as_bytes()).unwrap()
            })
            .collect();
        let public = Secrets::new(key(WHPK));
        let mixed = Secrets::new(key(WHSEC)).with(key(WHPK));
        assert!(run(&public, &format!("{} {V1A}", wrong[0]), "1614265330").is_ok());
        assert!(run(&public, &format!("{V1A} {}", wrong[0]), "1614265330").is_ok());
        for n in [2, 5, 15] {
            let list = format!("{} {V1A}", wrong[..n].join(" "));
            for secrets in [&public, &mixed] {
                let err = run(secrets, &list, "1614265330").unwrap_err();
                assert_eq!(err.kind(), "malformed_header", "{n}");
                assert_eq!(err.status(), 400);
            }
        }
        // Right first, then more than allowed: still malformed, whatever would match.
        let list = format!("{V1A} {} {}", wrong[0], wrong[1]);
        assert_eq!(
            run(&public, &list, "1614265330").unwrap_err().kind(),
            "malformed_header"
        );
        // Sixteen wrong ones: refused before verifying (malformed, not a mismatch).
        assert_eq!(
            run(&public, &wrong.join(" "), "1614265330")
                .unwrap_err()
                .kind(),
            "malformed_header"
        );
        // `v1` entries stay bounded by the overall 16, and mix with up to two `v1a`.
        let v1s = vec!["v1,AAAA"; 13].join(" ");
        let list = format!("{v1s} {} {V1A} {V1}", wrong[0]);
        assert!(run(&mixed, &list, "1614265330").is_ok());
        assert!(run(&public, &list, "1614265330").is_ok());
        // Rotation on both sides: two keys, two entries, in either order.
        let other_signing = Ed25519SigningKey::from_bytes(&[7u8; 32]).unwrap();
        let other_public = Secret::ed25519_public(&other_signing.public_key().to_bytes()).unwrap();
        let other_sig = format!(
            "v1a,{}",
            SignatureEncoding::Base64.encode(&other_signing.sign(&[
                ID.as_bytes(),
                b".",
                b"1614265330",
                b".",
                BODY
            ]))
        );
        for keys in [
            Secrets::new(key(WHPK)).with(other_public.clone()),
            Secrets::new(other_public.clone()).with(key(WHPK)),
            Secrets::new(other_public.clone()),
        ] {
            for list in [
                format!("{V1A} {other_sig}"),
                format!("{other_sig} {V1A}"),
                other_sig.clone(),
            ] {
                assert!(run(&keys, &list, "1614265330").is_ok(), "{list}");
            }
        }
    }

    #[test]
    fn parse_counts_both_kinds() {
        let list = parse_signatures(b"v1,a v1a,b v2,c v1a,d", "h").unwrap();
        assert_eq!((list.v1.len(), list.v1a.len(), list.len()), (1, 2, 3));
        assert_eq!(
            parse_signatures(b"v2,a v1b,c", "h").unwrap_err().kind(),
            "malformed_header"
        );
        assert_eq!(
            parse_signatures(b"v1a,a v1,b v1a,c v1a,d", "h")
                .unwrap_err()
                .kind(),
            "malformed_header"
        );
    }
}
