//! Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1>` (or HMAC-SHA256, see below) over the
//! request URL and, for form posts, the POST parameters.
//!
//! # What is signed
//!
//! - **Form posts** (`application/x-www-form-urlencoded`, what Twilio sends for calls and
//!   messages): the full URL as Twilio requested it (scheme, host, path, query), then, for each
//!   parameter name in sorted order, the name followed by its value. A name posted several times
//!   contributes the name followed by each *distinct* value, values sorted; posting the same
//!   name and value twice counts once, as in Twilio's own validators. Names and values are
//!   compared and signed percent-decoded (`+` is a space), in byte order of the decoded text
//!   (code-point order for UTF-8), and fed to the HMAC without being copied anywhere.
//! - **JSON bodies**: Twilio appends `bodySHA256=<hex SHA-256 of the body>` to the URL's query.
//!   The signature then covers the URL alone, and the body must hash to that value (compared in
//!   constant time). The mode is chosen by the URL, as in Twilio's SDKs: a URL with a
//!   `bodySHA256` query parameter is verified this way, any other as a form post.
//!
//! **Ports.** Twilio signs inconsistently about ports: depending on the kind of request, the
//! signed URL has its port left out or the scheme's default port written out, and for an
//! `https` URL on another port (`:8443`) some requests are signed without it. Twilio's own
//! validators (twilio-python `RequestValidator.validate`, twilio-node `validateRequest`)
//! therefore accept a signature over either of two URLs, and so does this module:
//!
//! | URL given | also accepted |
//! |---|---|
//! | no port: `https://h/x`, `http://h/x` | the default port added: `https://h:443/x`, `http://h:80/x` |
//! | a port: `https://h:443/x`, `https://h:8443/x` | the port removed: `https://h/x` |
//!
//! The URL as given is always accepted. As in those SDKs, a port is removed whatever it is, so
//! a signature made for `https://h/x` also passes at `https://h:8443/x`: give two receivers on
//! one host under one Twilio account different paths. Ports are only added or removed in the
//! URL's authority, for `http` and `https`; the rest of the URL is signed as given.
//!
//! # HMAC-SHA256 and `X-Twilio-Webhooks-Signature-Settings`
//!
//! By default Twilio signs with the account's auth token and HMAC-SHA1. When one of the
//! account's Webhook Rules (Webhooks configuration API) matches the URL, Twilio signs instead
//! with the Rule's Setting: a *SharedKey* secret and the Setting's algorithm, and says so in a
//! header: `X-Twilio-Webhooks-Signature-Settings: key=<SharedKey id>,algorithm=HMAC_SHA256`.
//! Only the hash changes: the signed string (URL and sorted parameters, or the URL with
//! `bodySHA256`), the encoding (base64) and the port variants stay as above. Twilio's SDKs
//! (twilio-node's `getSignatureAlgorithm` and `validateRequest`, twilio-python's
//! `get_signature_algorithm`) read that header and verify with the algorithm it names; without
//! it they verify HMAC-SHA1. [`Twilio`](struct@Twilio) (the default, [`Twilio::new`]) does the same:
//!
//! | `X-Twilio-Webhooks-Signature-Settings` | verified with |
//! |---|---|
//! | absent | HMAC-SHA1 |
//! | `algorithm=HMAC_SHA256` (other entries, such as `key=`, ignored; the algorithm's name in any ASCII case) | HMAC-SHA256 |
//! | `algorithm=HMAC_SHA1` | HMAC-SHA1 |
//! | no `algorithm=` entry with a value (empty, `key=…` alone, `Algorithm=…`) | HMAC-SHA1 |
//! | an unknown algorithm (`algorithm=HMAC_SHA512`) | refused before any MAC: malformed (400) |
//! | the header sent twice | refused before any MAC: malformed (400) |
//!
//! The header is read exactly as twilio-python 9.13 (`request_validator.get_signature_algorithm`)
//! and twilio-node 6.3.1 (`webhooks.getSignatureAlgorithm`) read it — both SDKs' source was
//! checked: comma-separated entries; in each, the text before the first `=`, trimmed, must be
//! exactly `algorithm`; the first such entry with a non-empty trimmed value names the algorithm,
//! compared ignoring case; anything else is skipped ([`signature_algorithm`]). The crate's
//! Twilio vectors (`tests/vectors/twilio.json`) are also run through both SDKs' own validators
//! (`tests/interop/twilio_python_sdk.py`, `tests/interop/twilio_node_sdk.js`): they accept and
//! refuse the same requests, but for the two that only [`Twilio::require_sha256`] refuses.
//! Where this crate differs, and why:
//!
//! - An unknown algorithm: the SDKs fail the validation (twilio-node's middleware answers 403);
//!   this crate answers 400 (`malformed_header`), its status for a header it cannot use.
//! - The header sent twice: refused (400). The SDKs see whatever their framework makes of two
//!   copies (Express joins them with `, `, so the first copy's algorithm wins); a genuine
//!   Twilio request carries one.
//! - Whitespace is trimmed and the algorithm's case folded in ASCII only. The SDKs trim Unicode
//!   whitespace and upper-case in Unicode (so `hmac_ſha256`, with a long s, passes as
//!   `HMAC_SHA256` there); no sender writes such a header, and here it is refused as unknown.
//!
//! **Keys.** The SDKs verify a request without the header with the auth token and a request with
//! it with the SharedKey secret. A [`Secrets`] list carries no such labels: every configured
//! secret is tried under the algorithm the request names. Configure the auth token and the
//! SharedKey secret(s) when both kinds of request reach the receiver. Either key then verifies
//! either algorithm, which gives nobody anything they did not have: whoever holds one of the
//! configured keys can sign for this receiver anyway. The `key=` entry is not used to pick a
//! secret (it is not signed, and secrets carry no ids).
//!
//! **The settings header is not signed.** Anyone can add, change or remove it. What that allows:
//!
//! - Taking a genuine HMAC-SHA1 request (auth token) and adding `algorithm=HMAC_SHA256`, or
//!   taking a genuine HMAC-SHA256 request and removing the header (or naming `HMAC_SHA1`), makes
//!   the receiver check the signature under the other hash. A 20-byte HMAC-SHA1 tag is never a
//!   32-byte HMAC-SHA256 tag, nor the reverse (the length alone refuses it, before the body is
//!   read), so such a request is refused. Tampering with the header can only make a genuine
//!   request fail, never make a forged one pass: both hashes need one of the configured keys.
//! - It cannot downgrade a receiver that wants HMAC-SHA256 only: [`Twilio::require_sha256`]
//!   refuses a request without the header (`missing_header`) and one naming another algorithm
//!   (`signature_mismatch`), and never computes an HMAC-SHA1. Use it once every Webhook Rule
//!   for the receiver's URL signs with HMAC-SHA256 and the auth token should no longer be
//!   accepted (then configure only the SharedKey secrets).
//!
//! Signing: [`Twilio::sign_with_shared_key`] makes the [`Sign`] impl produce HMAC-SHA256
//! deliveries carrying the settings header (for tests of a receiver); without it, HMAC-SHA1 as
//! Twilio signs with the auth token. [`signature_with`] and [`sign_form_with`] compute either.
//!
//! ```
//! use webhook_guard::providers::twilio::{self, SignatureAlgorithm, Twilio};
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
//! let sig = twilio::sign_form_with(SignatureAlgorithm::HmacSha256, b"12345", url, b"Digits=1234")?;
//! assert_eq!(sig, "yPgwkolb7Yxd+uerzGjpVNL8fEVjLOhVce7sIo4gvko=");
//! let headers = [
//!     (twilio::SIGNATURE_HEADER, sig.as_str()),
//!     (twilio::SIGNATURE_SETTINGS_HEADER, "key=demo,algorithm=HMAC_SHA256"),
//! ];
//! let req = WebhookRequest::new(&headers, b"Digits=1234").with_url(url);
//! let secrets = Secrets::new(Secret::from_text("12345"));
//! let (now, tolerance) = (UnixTime::from_millis(0), Tolerance::default());
//! assert!(Twilio.verify(&req, &secrets, now, tolerance).is_ok());
//! assert!(Twilio::new().require_sha256().verify(&req, &secrets, now, tolerance).is_ok());
//! // Without the header the same signature is checked as HMAC-SHA1, and fails.
//! let signature_only = &headers[..1];
//! let stripped = WebhookRequest::new(&signature_only, b"Digits=1234").with_url(url);
//! assert!(Twilio.verify(&stripped, &secrets, now, tolerance).is_err());
//! # Ok::<(), webhook_guard::Error>(())
//! ```
//!
//! # Inputs
//!
//! - Header `X-Twilio-Signature` (required).
//! - Header `X-Twilio-Webhooks-Signature-Settings`: which HMAC was used (see above); absent,
//!   HMAC-SHA1, unless [`Twilio::require_sha256`].
//! - Header `I-Twilio-Idempotency-Token`: not signed, so only a hint
//!   ([`Delivery::unsigned_id`]); the replay key is a digest of the signed request in canonical
//!   form (URL path and query, sorted distinct parameters), which Twilio's retries share.
//! - The request URL from [`WebhookRequest::url`] (required): the public URL Twilio posted to,
//!   exactly as configured in the console, query included. Without it, verification fails
//!   with [`Error::Unsupported`] (status 400, kind `unsupported`): a receiver set-up error
//!   that no retry by Twilio can fix. The framework integrations build it from
//!   [`VerifierBuilder::public_url`](crate::VerifierBuilder::public_url) (or a trusted
//!   proxy's forwarding headers) and refuse the request as misconfigured (500) when neither is
//!   set. They never take the host from the `Host` header: the client writes it, and since
//!   one auth token signs for every URL of the account, a request signed for your staging host
//!   would pass on production.
//!
//! Secret: the account's **auth token** (32 hexadecimal characters), used as is, and/or a
//! SharedKey secret (see above), used as is. [`crate::VerifierBuilder::build`] refuses a key
//! shorter than an auth token, a truncated copy say ([`Provider::min_secret_len`]; with
//! [`Twilio::require_sha256`], which never uses the auth token, only the crate-wide floor
//! applies), unless
//! [`dangerous_allow_weak_secrets`](crate::VerifierBuilder::dangerous_allow_weak_secrets): what a
//! test of twilio-python's vector (token `12345`) needs. Twilio signs no timestamp, so only a
//! replay store stops a captured request from being replayed.
//!
//! # Bounded work
//!
//! A form post may have at most [`MAX_FORM_FIELDS`] (256) `&`-separated fields, empty ones
//! included; a larger body is a malformed request (status 400, kind `malformed_header`, label
//! `form body`) and nothing else of it is read. Twilio's own requests carry a few dozen
//! parameters. Below that bound, a rejected form post costs about what a valid one does: the
//! parameters are percent-decoded once, sorted by comparing decoded bytes (`memcmp`), and
//! hashed once per URL form and secret: the URL as given first, its port variant only when
//! that does not match. With one secret and a URL that has a port variant, a rejected request
//! is two HMAC-SHA1 passes over the decoded parameters plus the sort (a genuine one signed
//! over the URL as given, one): on an x86-64 with SHA extensions, about 2 to 3 times a GitHub
//! verify (one HMAC-SHA256) of the same body size from 64 KiB up
//! (`benches/unauthenticated.rs`). A signature that is not 20 bytes (an HMAC-SHA1 tag; 32 for
//! HMAC-SHA256) is refused before the body is read. For JSON bodies the URL's signature is
//! checked first and the body is hashed only when it holds.
//!
//! # Allocation
//!
//! Verification does not allocate for form posts of up to [`MAX_STACK_FORM`] (8 KiB) with up
//! to [`MAX_STACK_PARAMS`] (128) parameters: parameters are borrowed into a fixed array on the
//! stack, those holding escapes decoded into a stack buffer, sorted there, and fed to the HMAC
//! without being copied again. Larger forms (Twilio sends a few dozen parameters, about 1 KB)
//! use one heap-allocated `Vec` for the parameters, one for the decoded text, or both.
//! JSON-body verification never allocates.
//!
//! ```
//! use webhook_guard::providers::twilio;
//! // twilio-python's test vector.
//! let sig = twilio::signature(
//!     b"12345",
//!     "https://mycompany.com/myapp.php?foo=1&bar=2",
//!     &[("CallSid", "CA1234567890ABCDE"), ("Caller", "+14158675309"), ("Digits", "1234"),
//!       ("From", "+14158675309"), ("To", "+18005551212")],
//! );
//! assert_eq!(sig, "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
//! ```

use hmac::Mac;
use sha2::Digest as _;

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::{decode_base64, encode_base64, encode_hex, encode_hex_into};
use crate::crypto::mac::{any_equal, keyed, keyed_sha1, keyed_sha256, Tag};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::replay::ContentDigest;
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::scan::{form_decode, form_decode_into, form_fields};
use super::util;

/// `X-Twilio-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";
/// `X-Twilio-Webhooks-Signature-Settings`: `key=<SharedKey id>,algorithm=<algorithm>`, sent
/// when a Webhook Rule signs with a SharedKey (see the [module docs](self)). Not signed.
pub const SIGNATURE_SETTINGS_HEADER: &str = "X-Twilio-Webhooks-Signature-Settings";
/// `I-Twilio-Idempotency-Token`: a unique id per webhook, kept across retries.
pub const IDEMPOTENCY_HEADER: &str = "I-Twilio-Idempotency-Token";
/// The query parameter carrying the SHA-256 of a JSON body: `bodySHA256`.
pub const BODY_HASH_PARAM: &str = "bodySHA256";
/// Form posts with up to this many parameters (and at most [`MAX_STACK_FORM`] bytes) are
/// verified without heap allocation.
pub const MAX_STACK_PARAMS: usize = 128;
/// Length of an auth token: 32 hexadecimal characters ([`Provider::min_secret_len`]).
pub const AUTH_TOKEN_LEN: usize = 32;
/// Form posts of up to this many bytes (8 KiB, and at most [`MAX_STACK_PARAMS`] parameters)
/// are decoded on the stack; larger ones into one heap buffer.
pub const MAX_STACK_FORM: usize = 8 * 1024;
/// The most `&`-separated fields (empty ones included) a form post may have: 256. Twilio
/// sends a few dozen parameters (an SMS with ten media items, about 45); a larger form is
/// malformed (status 400) and is not read further. Sorting is what each field costs beyond
/// hashing, so the bound keeps a rejection of many small or long-alike fields near the cost of
/// hashing the body: at 1,000 fields sorting alone would cost about as much as hashing a
/// 64 KiB body twice.
pub const MAX_FORM_FIELDS: usize = 256;

/// The label of the error for a form beyond [`MAX_FORM_FIELDS`].
const FORM_BODY: &str = "form body";

const URL_REQUIRED: Error =
    Error::Unsupported("Twilio signs the request URL: pass it with WebhookRequest::with_url");

/// The HMAC a Twilio signature uses, as [`SIGNATURE_SETTINGS_HEADER`] names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// `HMAC_SHA1`: what Twilio signs with the auth token (20-byte tags). The default.
    #[default]
    HmacSha1,
    /// `HMAC_SHA256`: what a Webhook Setting may sign with a SharedKey (32-byte tags).
    HmacSha256,
}

impl SignatureAlgorithm {
    /// The name in [`SIGNATURE_SETTINGS_HEADER`]: `HMAC_SHA1` or `HMAC_SHA256`.
    ///
    /// ```
    /// use webhook_guard::providers::twilio::SignatureAlgorithm;
    /// assert_eq!(SignatureAlgorithm::HmacSha256.name(), "HMAC_SHA256");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            SignatureAlgorithm::HmacSha1 => "HMAC_SHA1",
            SignatureAlgorithm::HmacSha256 => "HMAC_SHA256",
        }
    }

    /// Length of a tag in bytes.
    const fn tag_len(self) -> usize {
        match self {
            SignatureAlgorithm::HmacSha1 => 20,
            SignatureAlgorithm::HmacSha256 => 32,
        }
    }
}

/// The algorithm a [`SIGNATURE_SETTINGS_HEADER`] value names, read exactly as twilio-python
/// 9.13 (`get_signature_algorithm`) and twilio-node 6.3 (`getSignatureAlgorithm`) read it:
/// the value is split at commas; in each entry the text before its first `=`, whitespace
/// trimmed, must be exactly `algorithm` (case matters), and the first such entry whose value
/// (trimmed) is not empty names the algorithm; entries without `=`, other names (`key=`) and
/// empty values are skipped. No such entry (an empty header, `key=…` alone): HMAC-SHA1, the
/// auth-token signature. The algorithm's name is compared ignoring ASCII case; one other than
/// `HMAC_SHA1` or `HMAC_SHA256` is refused (the SDKs fail the validation) as a malformed
/// header (400). Never panics.
///
/// ```
/// use webhook_guard::providers::twilio::{signature_algorithm, SignatureAlgorithm};
/// assert_eq!(
///     signature_algorithm(b"key=KS123,algorithm=HMAC_SHA256"),
///     Ok(SignatureAlgorithm::HmacSha256)
/// );
/// assert_eq!(signature_algorithm(b"key=KS123"), Ok(SignatureAlgorithm::HmacSha1));
/// assert!(signature_algorithm(b"key=KS123,algorithm=HMAC_MD5").is_err());
/// ```
pub fn signature_algorithm(value: &[u8]) -> Result<SignatureAlgorithm, Error> {
    for entry in value.split(|b| *b == b',') {
        let Some(eq) = entry.iter().position(|b| *b == b'=') else {
            continue;
        };
        let (name, rest) = entry.split_at(eq);
        let algorithm = rest.get(1..).unwrap_or_default().trim_ascii();
        if name.trim_ascii() != b"algorithm" || algorithm.is_empty() {
            continue;
        }
        return if algorithm.eq_ignore_ascii_case(b"HMAC_SHA256") {
            Ok(SignatureAlgorithm::HmacSha256)
        } else if algorithm.eq_ignore_ascii_case(b"HMAC_SHA1") {
            Ok(SignatureAlgorithm::HmacSha1)
        } else {
            Err(Error::malformed(
                SIGNATURE_SETTINGS_HEADER,
                "unknown algorithm (known: HMAC_SHA1, HMAC_SHA256)",
            ))
        };
    }
    Ok(SignatureAlgorithm::HmacSha1)
}

/// The Twilio request-signing scheme, with HMAC-SHA1 or HMAC-SHA256 as the request's
/// [`SIGNATURE_SETTINGS_HEADER`] says (see the [module docs](self)).
///
/// [`Twilio::new`], [`Twilio::default`] and the constant [`Twilio`](constant@Twilio) are the
/// same value: verify as Twilio's SDKs do, sign HMAC-SHA1 with the auth token.
///
/// ```
/// use webhook_guard::providers::twilio::Twilio;
/// assert_eq!(Twilio, Twilio::new());
/// let strict = Twilio::new().require_sha256().sign_with_shared_key("KS0123");
/// assert!(strict.requires_sha256());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Twilio {
    require_sha256: bool,
    /// The SharedKey id `sign` names; `None`: sign HMAC-SHA1 without the settings header.
    shared_key: Option<&'static str>,
}

/// The default [`Twilio`](struct@Twilio) scheme ([`Twilio::new`]), so that `Twilio` can be
/// written as a value, as before it had options.
#[allow(non_upper_case_globals)]
pub const Twilio: Twilio = Twilio::new();

impl Twilio {
    /// Verifies as Twilio's SDKs do (HMAC-SHA1 without the settings header, the header's
    /// algorithm with it); signs HMAC-SHA1.
    pub const fn new() -> Self {
        Self {
            require_sha256: false,
            shared_key: None,
        }
    }

    /// Accepts HMAC-SHA256 only: a request without [`SIGNATURE_SETTINGS_HEADER`] is refused
    /// (`missing_header`), one naming another algorithm too (`signature_mismatch`), and no
    /// HMAC-SHA1 is ever computed, so removing or changing the unsigned header cannot
    /// downgrade the check.
    pub const fn require_sha256(mut self) -> Self {
        self.require_sha256 = true;
        self
    }

    /// Whether [`Twilio::require_sha256`] is set.
    pub const fn requires_sha256(&self) -> bool {
        self.require_sha256
    }

    /// Makes [`Sign::sign`] produce HMAC-SHA256 deliveries, as a Webhook Setting with the
    /// SharedKey `key_id` would: the signature under the key given to `sign`, and
    /// `X-Twilio-Webhooks-Signature-Settings: key=<key_id>,algorithm=HMAC_SHA256`.
    pub const fn sign_with_shared_key(mut self, key_id: &'static str) -> Self {
        self.shared_key = Some(key_id);
        self
    }

    /// The algorithm [`Sign::sign`] uses.
    pub const fn signing_algorithm(&self) -> SignatureAlgorithm {
        match self.shared_key {
            Some(_) => SignatureAlgorithm::HmacSha256,
            None => SignatureAlgorithm::HmacSha1,
        }
    }

    /// The algorithm to verify `req` with, per its settings header and this configuration.
    fn algorithm_of(&self, req: &WebhookRequest<'_>) -> Result<SignatureAlgorithm, Error> {
        // One walk gives the first copy and how many there are.
        let (mut first, mut count) = (None, 0usize);
        req.headers()
            .for_each_value(SIGNATURE_SETTINGS_HEADER, &mut |value| {
                count += 1;
                if count == 1 {
                    first = Some(signature_algorithm(value));
                }
            });
        if count > 1 {
            return Err(Error::malformed(
                SIGNATURE_SETTINGS_HEADER,
                "sent more than once",
            ));
        }
        let algorithm = match first {
            None if self.require_sha256 => {
                return Err(Error::MissingHeader(SIGNATURE_SETTINGS_HEADER))
            }
            None => SignatureAlgorithm::HmacSha1,
            Some(parsed) => parsed?,
        };
        if self.require_sha256 && algorithm != SignatureAlgorithm::HmacSha256 {
            return Err(Error::SignatureMismatch);
        }
        Ok(algorithm)
    }
}

type Pair<'a> = (&'a [u8], &'a [u8]);

/// The `X-Twilio-Signature` for a request to `url` carrying `params` (decoded names and
/// values), as Twilio's SDKs compute it with the auth token (HMAC-SHA1). For a JSON body pass
/// no params and the URL returned by [`url_with_body_hash`].
pub fn signature(auth_token: &[u8], url: &str, params: &[(&str, &str)]) -> String {
    signature_with(SignatureAlgorithm::HmacSha1, auth_token, url, params)
}

/// [`signature`] under `algorithm` (HMAC-SHA256 for a SharedKey Setting that names it).
pub fn signature_with(
    algorithm: SignatureAlgorithm,
    key: &[u8],
    url: &str,
    params: &[(&str, &str)],
) -> String {
    let mut sorted: Vec<(&[u8], &[u8])> = params
        .iter()
        .map(|(name, value)| (name.as_bytes(), value.as_bytes()))
        .collect();
    sorted.sort_unstable();
    sorted.dedup();
    let form = UrlForm::given(url.as_bytes());
    let tag = match algorithm {
        SignatureAlgorithm::HmacSha1 => form_tag(keyed::<sha1::Sha1>(key), form, &sorted),
        SignatureAlgorithm::HmacSha256 => form_tag(keyed::<sha2::Sha256>(key), form, &sorted),
    };
    encode_base64(tag.as_bytes())
}

/// The `X-Twilio-Signature` for a form post of the raw `body` to `url` (HMAC-SHA1, the auth
/// token's).
pub fn sign_form(auth_token: &[u8], url: &str, body: &[u8]) -> Result<String, Error> {
    sign_form_with(SignatureAlgorithm::HmacSha1, auth_token, url, body)
}

/// [`sign_form`] under `algorithm`.
pub fn sign_form_with(
    algorithm: SignatureAlgorithm,
    key: &[u8],
    url: &str,
    body: &[u8],
) -> Result<String, Error> {
    let form = UrlForm::given(url.as_bytes());
    let tag = with_sorted_params(body, |pairs| {
        Ok(match algorithm {
            SignatureAlgorithm::HmacSha1 => form_tag(keyed::<sha1::Sha1>(key), form, pairs),
            SignatureAlgorithm::HmacSha256 => form_tag(keyed::<sha2::Sha256>(key), form, pairs),
        })
    })?;
    Ok(encode_base64(tag.as_bytes()))
}

/// `url` with `bodySHA256=<hex SHA-256 of body>` added to its query, as Twilio posts JSON
/// bodies.
pub fn url_with_body_hash(url: &str, body: &[u8]) -> String {
    let hash = encode_hex(&sha2::Sha256::digest(body));
    let (base, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let sep = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    format!("{base}{sep}{BODY_HASH_PARAM}={hash}{fragment}")
}

/// One way of writing the signed URL: `head`, then `insert`, then `tail`.
#[derive(Clone, Copy)]
struct UrlForm<'a> {
    head: &'a [u8],
    insert: &'static [u8],
    tail: &'a [u8],
}

impl<'a> UrlForm<'a> {
    fn given(url: &'a [u8]) -> Self {
        Self {
            head: url,
            insert: b"",
            tail: b"",
        }
    }

    /// The URL as given, and the variant with its port removed or, without one, the scheme's
    /// default port added (twilio-python's `remove_port` / `add_port`).
    fn all(url: &'a [u8]) -> [Option<Self>; 2] {
        [Some(Self::given(url)), Self::port_variant(url)]
    }

    fn port_variant(url: &'a [u8]) -> Option<Self> {
        let sep = url.windows(3).position(|w| w == b"://")?;
        let scheme = url.get(..sep)?;
        let default_port: &'static [u8] = if scheme.eq_ignore_ascii_case(b"https") {
            b":443"
        } else if scheme.eq_ignore_ascii_case(b"http") {
            b":80"
        } else {
            return None;
        };
        let auth_start = sep + 3;
        let rest = url.get(auth_start..)?;
        let auth_end = auth_start
            + rest
                .iter()
                .position(|b| matches!(b, b'/' | b'?' | b'#'))
                .unwrap_or(rest.len());
        let authority = url.get(auth_start..auth_end)?;
        let host_start = authority
            .iter()
            .rposition(|b| *b == b'@')
            .map_or(0, |i| i + 1);
        let host_port = authority.get(host_start..)?;
        let colon = if host_port.first() == Some(&b'[') {
            let close = host_port.iter().position(|b| *b == b']')?;
            (host_port.get(close + 1) == Some(&b':')).then_some(close + 1)
        } else {
            host_port.iter().rposition(|b| *b == b':')
        };
        let tail = url.get(auth_end..)?;
        match colon {
            None => Some(Self {
                head: url.get(..auth_end)?,
                insert: default_port,
                tail,
            }),
            Some(c) => {
                let colon_at = auth_start + host_start + c;
                let port = url.get(colon_at + 1..auth_end)?;
                let is_port = !port.is_empty() && port.iter().all(u8::is_ascii_digit);
                is_port.then_some(Self {
                    head: url.get(..colon_at)?,
                    insert: b"",
                    tail,
                })
            }
        }
    }
}

/// The value of the first `bodySHA256` parameter of `url`'s query, if any.
fn body_hash_param(url: &[u8]) -> Option<&[u8]> {
    let start = memchr::memchr(b'?', url)? + 1;
    let query = url.get(start..)?;
    let query = query.get(..memchr::memchr(b'#', query).unwrap_or(query.len()))?;
    form_fields(query)
        .find(|(name, _)| *name == BODY_HASH_PARAM.as_bytes())
        .map(|(_, value)| value)
}

/// `true` when the body is JSON rather than a form (its first non-blank byte is `{` or `[`).
fn looks_like_json(body: &[u8]) -> bool {
    matches!(body.trim_ascii_start().first(), Some(b'{' | b'['))
}

/// `raw` decoded: `raw` itself when it holds no escape (`%` or `+`); otherwise its decoded
/// bytes, written at the front of `scratch`, which then moves past them.
fn decoded<'a>(raw: &'a [u8], scratch: &mut &'a mut [u8]) -> Result<&'a [u8], Error> {
    let Some(first) = memchr::memchr2(b'%', b'+', raw) else {
        return Ok(raw);
    };
    const SHORT: Error = Error::Unsupported("internal: form decoding buffer too short");
    let buf = std::mem::take(scratch);
    let (plain, encoded) = raw.split_at_checked(first).ok_or(SHORT)?;
    buf.get_mut(..first).ok_or(SHORT)?.copy_from_slice(plain);
    let tail = buf.get_mut(first..).ok_or(SHORT)?;
    let len = first + form_decode_into(encoded, tail).ok_or(SHORT)?;
    let (done, rest) = buf.split_at_mut_checked(len).ok_or(SHORT)?;
    *scratch = rest;
    Ok(done)
}

/// How many `&` bytes `body` holds, or some number of at least `limit` when that many are
/// found (counting stops there). Counts 128 bytes per step in a loop the compiler vectorises.
fn count_separators(body: &[u8], limit: usize) -> usize {
    let mut count = 0usize;
    let mut chunks = body.chunks_exact(128);
    for chunk in &mut chunks {
        let in_chunk = chunk
            .iter()
            .fold(0u8, |n, byte| n.wrapping_add(u8::from(*byte == b'&')));
        // 128 bytes hold at most 128 separators: the u8 sum cannot wrap.
        count += usize::from(in_chunk);
        if count >= limit {
            return count;
        }
    }
    count + chunks.remainder().iter().filter(|b| **b == b'&').count()
}

/// Sorts `pairs` by name then value (byte order of the decoded text) and moves the distinct
/// pairs to the front; returns how many there are. Does not allocate.
fn sort_dedup(pairs: &mut [Pair<'_>]) -> usize {
    pairs.sort_unstable();
    let mut kept = 0usize;
    for i in 0..pairs.len() {
        let Some(&current) = pairs.get(i) else { break };
        let duplicate = kept
            .checked_sub(1)
            .and_then(|k| pairs.get(k))
            .is_some_and(|previous| *previous == current);
        if !duplicate {
            if let Some(slot) = pairs.get_mut(kept) {
                *slot = current;
            }
            kept += 1;
        }
    }
    kept
}

/// Runs `f` over the body's distinct parameters, decoded and sorted: on the stack for bodies
/// of up to [`MAX_STACK_FORM`] bytes and [`MAX_STACK_PARAMS`] parameters. A body of more than
/// [`MAX_FORM_FIELDS`] fields is malformed, and only counted.
fn with_sorted_params<R>(
    body: &[u8],
    f: impl FnOnce(&[Pair<'_>]) -> Result<R, Error>,
) -> Result<R, Error> {
    // Counting `&` bounds the fields before any of them is looked at.
    let separators = count_separators(body, MAX_FORM_FIELDS);
    if separators >= MAX_FORM_FIELDS {
        return Err(Error::malformed(
            FORM_BODY,
            "more than 256 `&`-separated fields",
        ));
    }
    // Decoded text is never longer than the body; nor are there more fields than segments.
    let mut stack_text = [0u8; MAX_STACK_FORM];
    let mut heap_text: Vec<u8>;
    let text: &mut [u8] = match stack_text.get_mut(..body.len()) {
        Some(text) => text,
        None => {
            heap_text = vec![0u8; body.len()];
            &mut heap_text
        }
    };
    let mut stack_pairs: [Pair<'_>; MAX_STACK_PARAMS] = [(&[], &[]); MAX_STACK_PARAMS];
    let mut heap_pairs: Vec<Pair<'_>>;
    let pairs: &mut [Pair<'_>] = match stack_pairs.get_mut(..separators + 1) {
        Some(pairs) => pairs,
        None => {
            heap_pairs = vec![(&[][..], &[][..]); separators + 1];
            &mut heap_pairs
        }
    };
    let mut scratch = text;
    let mut used = 0usize;
    for (slot, (name, value)) in pairs.iter_mut().zip(form_fields(body)) {
        *slot = (decoded(name, &mut scratch)?, decoded(value, &mut scratch)?);
        used += 1;
    }
    let used = pairs.get_mut(..used).unwrap_or_default();
    let distinct = sort_dedup(used);
    f(used.get(..distinct).unwrap_or_default())
}

/// The path and query of `url` (everything from the first `/` after the authority).
fn path_and_query(url: &str) -> &str {
    let rest = url
        .find("://")
        .and_then(|i| url.get(i + 3..))
        .unwrap_or(url);
    rest.find('/')
        .and_then(|i| rest.get(i..))
        .unwrap_or_default()
}

/// The HMAC (`keyed`, a keyed state) over the URL form and the sorted, distinct, decoded
/// parameters (none for a JSON body).
fn form_tag<M: Mac>(keyed: M, url: UrlForm<'_>, pairs: &[Pair<'_>]) -> Tag {
    let mut mac = keyed;
    mac.update(url.head);
    mac.update(url.insert);
    mac.update(url.tail);
    for (name, value) in pairs {
        mac.update(name);
        mac.update(value);
    }
    Tag::of(mac)
}

/// Whether `signature` is the HMAC of one secret under one URL form. The URL as given is tried
/// first, against every secret in constant time ([`any_equal`]); the port variant only when
/// that fails. So a genuine request signed over the URL as given (the usual case) costs one
/// HMAC per secret, not two; what the order tells a timer (which form a valid signature was
/// made for) is not secret, and a forged request always costs both.
fn signed_by_any<M: Mac>(
    keyed: fn(&Secret) -> M,
    secrets: &Secrets,
    forms: &[Option<UrlForm<'_>>; 2],
    pairs: &[Pair<'_>],
    signature: &[u8],
) -> bool {
    forms.iter().flatten().any(|form| {
        let tags = secrets
            .iter()
            .map(|secret| form_tag(keyed(secret), *form, pairs));
        any_equal(tags, std::iter::once(signature))
    })
}

/// [`signed_by_any`] under `algorithm`, from the keyed states kept with each secret.
fn signed_with(
    algorithm: SignatureAlgorithm,
    secrets: &Secrets,
    forms: &[Option<UrlForm<'_>>; 2],
    pairs: &[Pair<'_>],
    signature: &[u8],
) -> bool {
    match algorithm {
        SignatureAlgorithm::HmacSha1 => signed_by_any(keyed_sha1, secrets, forms, pairs, signature),
        SignatureAlgorithm::HmacSha256 => {
            signed_by_any(keyed_sha256, secrets, forms, pairs, signature)
        }
    }
}

impl Provider for Twilio {
    fn name(&self) -> &'static str {
        "twilio"
    }

    /// 32: an auth token is 32 hexadecimal characters. With [`Twilio::require_sha256`] the
    /// auth token is never used: 0 (the crate-wide floor applies).
    fn min_secret_len(&self) -> usize {
        if self.require_sha256 {
            0
        } else {
            AUTH_TOKEN_LEN
        }
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
        _now: UnixTime,
        _tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let text = util::trim(req.require_header(SIGNATURE_HEADER)?);
        let signature = decode_base64(text).ok_or(Error::malformed(
            SIGNATURE_HEADER,
            "signature is not base64",
        ))?;
        let algorithm = self.algorithm_of(req)?;
        let url = req.url().ok_or(URL_REQUIRED)?.as_bytes();
        let forms = UrlForm::all(url);
        // No tag is of another length: refuse before reading the body.
        let signature = signature.as_bytes();
        if signature.len() != algorithm.tag_len() {
            return Err(Error::SignatureMismatch);
        }
        // Each secret under each form of the URL, against the one signature.
        let matched = match body_hash_param(url) {
            Some(hash_hex) => {
                // The body is hashed only under a valid signature. Skipping it tells a caller
                // nothing the answer does not: both are the same public mismatch.
                signed_with(algorithm, secrets, &forms, &[], signature) && {
                    // Compared as text: a parameter that is not lower-case hex cannot
                    // equal the digest written in it, and nothing is decoded.
                    let mut buf = [0u8; 64];
                    let actual = encode_hex_into(&sha2::Sha256::digest(req.body()), &mut buf);
                    actual.is_some_and(|hex| any_equal([hex], std::iter::once(hash_hex)))
                }
            }
            None => with_sorted_params(req.body(), |pairs| {
                Ok(signed_with(algorithm, secrets, &forms, pairs, signature))
            })?,
        };
        if !matched {
            return Err(Error::SignatureMismatch);
        }
        let delivery = Delivery::new("twilio");
        Ok(match util::hint(req.header(IDEMPOTENCY_HEADER)) {
            Some(id) => delivery.with_unsigned_id(id),
            None => delivery,
        })
    }

    /// Exactly the string Twilio signs, minus the URL's scheme and authority (fixed per
    /// receiver; dropping them makes the URL with and without its port one key): the path and
    /// query, then the sorted, distinct, decoded parameters, concatenated **without separators,
    /// as Twilio concatenates them** — so a replay with its parameters reordered or re-encoded,
    /// or with bytes moved between names, values and the query (all of which still verify),
    /// gets the same replay key.
    fn replay_content(&self, req: &WebhookRequest<'_>, digest: &mut ContentDigest) {
        let url = req.url().unwrap_or_default();
        let mut signed = path_and_query(url).as_bytes().to_vec();
        if body_hash_param(url.as_bytes()).is_none() {
            // A form beyond the field bound never verified; nothing to add then.
            let _ = with_sorted_params(req.body(), |pairs| {
                for (name, value) in pairs {
                    signed.extend_from_slice(name);
                    signed.extend_from_slice(value);
                }
                Ok(())
            });
        }
        // JSON posts: the query's `bodySHA256` fixes the body.
        digest.part(&signed);
    }
}

impl Sign for Twilio {
    /// Needs [`SignInput::url`]. A body whose first non-blank byte is `{` or `[` is signed as
    /// a JSON body: the returned [`Signed::url`] carries `bodySHA256`, and is the URL to post
    /// to. Any other body is signed as a form post. HMAC-SHA1 (the auth token's), or, after
    /// [`Twilio::sign_with_shared_key`], HMAC-SHA256 with the settings header naming the key.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let url = message.url.ok_or(URL_REQUIRED)?;
        let key_bytes = key.expose_secret();
        let algorithm = self.signing_algorithm();
        let id = message.id_or_derived("");
        let (signature_value, content_type, signed_url) = if looks_like_json(message.body) {
            let signed_url = url_with_body_hash(url, message.body);
            let sig = signature_with(algorithm, key_bytes, &signed_url, &[]);
            (sig, "application/json", Some(signed_url))
        } else {
            let sig = sign_form_with(algorithm, key_bytes, url, message.body)?;
            (sig, "application/x-www-form-urlencoded", None)
        };
        let mut headers = vec![(SIGNATURE_HEADER.to_owned(), signature_value)];
        if let Some(key_id) = self.shared_key {
            headers.push((
                SIGNATURE_SETTINGS_HEADER.to_owned(),
                format!("key={key_id},algorithm={}", algorithm.name()),
            ));
        }
        headers.push((IDEMPOTENCY_HEADER.to_owned(), id));
        headers.push(("Content-Type".to_owned(), content_type.to_owned()));
        let signed = Signed::headers(headers);
        Ok(match signed_url {
            Some(url) => signed.with_url(url),
            None => signed,
        })
    }
}

impl Parse for Twilio {
    type Event = serde_json::Value;

    /// JSON bodies parse as JSON; form posts become an object of decoded parameters (a name
    /// posted several times maps to an array of its values).
    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        if looks_like_json(body) {
            return crate::payload::from_json(body);
        }
        let mut map = serde_json::Map::new();
        for (name, value) in form_fields(body) {
            let name = String::from_utf8_lossy(&form_decode(name)).into_owned();
            let value = serde_json::Value::String(
                String::from_utf8_lossy(&form_decode(value)).into_owned(),
            );
            match map.get_mut(&name) {
                Some(serde_json::Value::Array(values)) => values.push(value),
                Some(first) => *first = serde_json::Value::Array(vec![first.take(), value]),
                None => {
                    map.insert(name, value);
                }
            }
        }
        Ok(serde_json::Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The replay key of a form post of `body` to `url` (what the verifier derives).
    fn key(url: &str, body: &[u8]) -> String {
        let headers: [(&str, &str); 0] = [];
        let req = WebhookRequest::new(&headers, body).with_url(url);
        crate::verify::replay_key_of(&Twilio, None, &Delivery::new("twilio"), &req)
    }

    #[test]
    fn replay_keys_follow_the_signed_string_not_its_spelling() {
        let url = "https://example.com/hook?x=1";
        let base = key(url, b"From=%2B1415&Body=hi+there");
        // Reordered, re-encoded, the default port added: the same signed string.
        for (u, body) in [
            (url, &b"Body=hi%20there&From=%2B1415"[..]),
            (
                "https://example.com:443/hook?x=1",
                b"From=%2B1415&Body=hi+there",
            ),
            (url, b"From=%2B1415&Body=hi+there&From=%2B1415"),
        ] {
            assert_eq!(key(u, body), base, "{u} {body:?}");
        }
        // Bytes moved between names, values and the query sign the same string, so they are the
        // same key (the fuzz target `signed_mutations` found `` vs `=`).
        assert_eq!(key(url, b""), key(url, b"="));
        assert_eq!(key(url, b"ab=c"), key(url, b"a=bc"));
        assert_eq!(
            key(url, b"b=2"),
            key("https://example.com/hook?x=1b", b"2=")
        );
        // Another signed string is another key.
        assert_ne!(key(url, b"From=%2B1415&Body=hi"), base);
    }

    const TOKEN: &str = "12345";
    const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const BODY: &str = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
    const SIG: &str = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    fn verify(headers: &[(&str, &str)], url: Option<&str>, body: &[u8]) -> Result<Delivery, Error> {
        let mut req = WebhookRequest::new(&headers, body);
        if let Some(url) = url {
            req = req.with_url(url);
        }
        Twilio.verify(
            &req,
            &Secrets::new(Secret::from_text(TOKEN)),
            UnixTime::from_millis(0),
            Tolerance::default(),
        )
    }

    #[test]
    fn official_vector_in_any_order_and_with_default_port() {
        let headers = [(SIGNATURE_HEADER, SIG)];
        assert!(verify(&headers, Some(URL), BODY.as_bytes()).is_ok());
        let shuffled = "To=%2b18005551212&Digits=1234&Caller=%2B14158675309&CallSid=CA1234567890ABCDE&From=%2B14158675309";
        assert!(verify(&headers, Some(URL), shuffled.as_bytes()).is_ok());
        let with_port = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        assert!(verify(&headers, Some(with_port), BODY.as_bytes()).is_ok());
        // As in Twilio's SDKs, any port is removed (Twilio signs some requests to other ports
        // without it); a port is never invented.
        let other_port = "https://mycompany.com:8443/myapp.php?foo=1&bar=2";
        assert!(verify(&headers, Some(other_port), BODY.as_bytes()).is_ok());
        let other_host = "https://mycompany.co/myapp.php?foo=1&bar=2";
        assert_eq!(
            verify(&headers, Some(other_host), BODY.as_bytes()).unwrap_err(),
            Error::SignatureMismatch
        );
        let http = "http://mycompany.com:443/myapp.php?foo=1&bar=2";
        assert_eq!(
            verify(&headers, Some(http), BODY.as_bytes()).unwrap_err(),
            Error::SignatureMismatch
        );
        assert_eq!(
            sign_form(TOKEN.as_bytes(), URL, BODY.as_bytes()).unwrap(),
            SIG
        );
        // A pair posted twice counts once; a new value for a name does not.
        let doubled = format!("{BODY}&Digits=1234");
        assert!(verify(&headers, Some(URL), doubled.as_bytes()).is_ok());
        let extra = format!("{BODY}&Digits=1235");
        assert!(verify(&headers, Some(URL), extra.as_bytes()).is_err());
    }

    #[test]
    fn repeated_names_sign_each_distinct_value_sorted() {
        let params = [("b", "2"), ("a", "z"), ("a", "y"), ("a", "z")];
        let expected = signature(b"k", "https://x/", &params);
        let by_hand = {
            let mut mac = keyed::<sha1::Sha1>(b"k");
            mac.update(b"https://x/ayazb2");
            encode_base64(&mac.finalize().into_bytes())
        };
        assert_eq!(expected, by_hand);
        assert_eq!(
            sign_form(b"k", "https://x/", b"a=z&b=2&a=y&a=z").unwrap(),
            expected
        );
    }

    #[test]
    fn port_variants() {
        let forms = |url: &str| -> Vec<Vec<u8>> {
            UrlForm::all(url.as_bytes())
                .iter()
                .flatten()
                .map(|f| [f.head, f.insert, f.tail].concat())
                .collect()
        };
        let s = |list: &[&str]| -> Vec<Vec<u8>> {
            list.iter().map(|u| u.as_bytes().to_vec()).collect()
        };
        assert_eq!(forms("https://h/x"), s(&["https://h/x", "https://h:443/x"]));
        assert_eq!(
            forms("http://h?q=1"),
            s(&["http://h?q=1", "http://h:80?q=1"])
        );
        assert_eq!(
            forms("HTTPS://u:p@h:443"),
            s(&["HTTPS://u:p@h:443", "HTTPS://u:p@h"])
        );
        assert_eq!(
            forms("https://[::1]:443/a"),
            s(&["https://[::1]:443/a", "https://[::1]/a"])
        );
        assert_eq!(
            forms("https://[::1]/a"),
            s(&["https://[::1]/a", "https://[::1]:443/a"])
        );
        assert_eq!(
            forms("https://h:80/x"),
            s(&["https://h:80/x", "https://h/x"])
        );
        assert_eq!(
            forms("http://u@h:8080?q"),
            s(&["http://u@h:8080?q", "http://u@h?q"])
        );
        assert_eq!(
            forms("https://[::1]:8443"),
            s(&["https://[::1]:8443", "https://[::1]"])
        );
        assert_eq!(forms("https://h:/x"), s(&["https://h:/x"]));
        assert_eq!(forms("https://h:4a/x"), s(&["https://h:4a/x"]));
        assert_eq!(forms("ftp://h/x"), s(&["ftp://h/x"]));
        for odd in ["", "://", "https://", "https://[", "https://h:", "\u{ff}"] {
            let _ = forms(odd);
        }
    }

    #[test]
    fn json_bodies_are_checked_by_hash() {
        let body = br#"{"ServiceSid":"IS123","EventType":"onMessageAdded"}"#;
        let url = url_with_body_hash("https://example.com/hook?x=1", body);
        assert!(url.starts_with("https://example.com/hook?x=1&bodySHA256="));
        let sig = signature(TOKEN.as_bytes(), &url, &[]);
        let headers = [(SIGNATURE_HEADER, sig.as_str())];
        assert!(verify(&headers, Some(&url), body).is_ok());
        assert_eq!(
            verify(&headers, Some(&url), b"{}").unwrap_err(),
            Error::SignatureMismatch
        );
        assert_eq!(
            url_with_body_hash("https://e/h#f", b""),
            format!(
                "https://e/h?bodySHA256={}#f",
                encode_hex(&sha2::Sha256::digest(b""))
            )
        );
        // sign() picks the JSON mode and returns the URL to post to.
        let signed = Twilio
            .sign(
                &Secret::from_text(TOKEN),
                &SignInput::new(body, UnixTime::from_millis(0))
                    .with_url("https://example.com/hook?x=1"),
            )
            .unwrap();
        assert_eq!(signed.url.as_deref(), Some(url.as_str()));
        assert!(signed.headers.contains(&(SIGNATURE_HEADER.to_owned(), sig)));
    }

    #[test]
    fn missing_url_and_odd_input() {
        let headers = [(SIGNATURE_HEADER, SIG)];
        assert_eq!(
            verify(&headers, None, BODY.as_bytes()).unwrap_err().kind(),
            "unsupported"
        );
        assert_eq!(
            verify(&[], Some(URL), b"").unwrap_err(),
            Error::MissingHeader(SIGNATURE_HEADER)
        );
        assert_eq!(
            verify(&[(SIGNATURE_HEADER, "***")], Some(URL), b"")
                .unwrap_err()
                .kind(),
            "malformed_header"
        );
        for body in [&b""[..], b"&&&", b"\xff\xfe=%", b"=", b"a=%zz%"] {
            assert_eq!(
                verify(&headers, Some(URL), body).unwrap_err(),
                Error::SignatureMismatch
            );
        }
        // More parameters than fit on the stack still verify.
        let many: String = (0..200).map(|i| format!("p{i}={i}&")).collect();
        let sig = sign_form(TOKEN.as_bytes(), URL, many.as_bytes()).unwrap();
        assert!(verify(&[(SIGNATURE_HEADER, &sig)], Some(URL), many.as_bytes()).is_ok());
        // Counting stops at the limit; below it, every separator counts.
        assert_eq!(count_separators(&[b'&'; 5000], 1000), 1024);
        assert_eq!(count_separators(&[b'&'; 5000], 10_000), 5000);
        assert_eq!(count_separators(b"a=1&b=2&", 1000), 2);
        assert_eq!(count_separators(&b"a&".repeat(300), 1000), 300);
        // A signature that is not 20 bytes never matches, whatever the body.
        for short in ["AAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
            assert_eq!(
                verify(&[(SIGNATURE_HEADER, short)], Some(URL), BODY.as_bytes()).unwrap_err(),
                Error::SignatureMismatch
            );
        }
    }

    /// The decoded text and order the fast path signs are those of the reference
    /// [`signature`] over decoded parameters, on the stack and on the heap alike.
    #[test]
    fn decoding_and_sorting_match_the_reference() {
        let decode = |raw: &str| String::from_utf8_lossy(&form_decode(raw.as_bytes())).into_owned();
        // The plainest reading of the rules, a byte at a time.
        let reference = |raw: &[u8]| {
            let (mut out, mut i) = (Vec::new(), 0);
            while i < raw.len() {
                let hex = |at: usize| raw.get(at).and_then(|b| char::from(*b).to_digit(16));
                match (raw[i], hex(i + 1), hex(i + 2)) {
                    (b'+', _, _) => out.push(b' '),
                    (b'%', Some(hi), Some(lo)) => {
                        out.push((hi * 16 + lo) as u8);
                        i += 2;
                    }
                    (other, _, _) => out.push(other),
                }
                i += 1;
            }
            out
        };
        let long_plain = "x".repeat(5000);
        let long_encoded = "%41+b".repeat(2000);
        let bodies: Vec<String> = vec![
            "a=%41&a=A&b=%zz%4&c=%&d=%4g+&e=%%41%2".to_owned(),
            "=&=x&y&y=&%3D=%26&+=+&%2B=%2b".to_owned(),
            format!("k={long_plain}&j={long_encoded}&k={long_plain}1&j={long_encoded}"),
            (0..200)
                .map(|i| format!("n%{:02X}={}&", 0x41 + i % 26, "%20".repeat(i % 7)))
                .collect(),
            "\u{ff}%C3%BF=%C3%A9&%c3%a9=\u{ff}&%C3%BF=x&\u{ff}=y".to_owned(),
        ];
        for body in &bodies {
            let decoded: Vec<(String, String)> = form_fields(body.as_bytes())
                .map(|(n, v)| {
                    (
                        decode(std::str::from_utf8(n).unwrap()),
                        decode(std::str::from_utf8(v).unwrap()),
                    )
                })
                .collect();
            let params: Vec<(&str, &str)> = decoded
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            assert_eq!(
                sign_form(b"k", URL, body.as_bytes()).unwrap(),
                signature(b"k", URL, &params),
                "{body:.80}"
            );
        }
        // Byte-level: the decoder agrees with the reference on every short mix of tricky bytes.
        let alphabet = [b'%', b'+', b'4', b'1', b'g', b'F', b'&', 0xff];
        for n in 0..=5u32 {
            for code in 0..alphabet.len().pow(n) {
                let mut raw = Vec::new();
                let mut c = code;
                for _ in 0..n {
                    raw.push(alphabet[c % alphabet.len()]);
                    c /= alphabet.len();
                }
                let mut out = vec![0u8; raw.len()];
                let len = form_decode_into(&raw, &mut out).unwrap();
                assert_eq!(out[..len], reference(&raw), "{raw:?}");
            }
        }
        // Too short an output is an answer, not a panic.
        assert_eq!(form_decode_into(b"abc", &mut [0u8; 2]), None);
        assert_eq!(form_decode_into(b"%41%41", &mut [0u8; 1]), None);
    }

    #[test]
    fn form_field_cap() {
        let headers = [(SIGNATURE_HEADER, SIG)];
        // 256 fields, the most accepted: signed and verified, on the heap.
        let most: String = (0..MAX_FORM_FIELDS)
            .map(|i| format!("p{i}=%2B{i}"))
            .collect::<Vec<_>>()
            .join("&");
        let sig = sign_form(TOKEN.as_bytes(), URL, most.as_bytes()).unwrap();
        assert!(verify(&[(SIGNATURE_HEADER, &sig)], Some(URL), most.as_bytes()).is_ok());
        // One more, or 256 separators around nothing: malformed (400), before any MAC.
        let over = format!("{most}&x=1");
        let tiny = "a=&".repeat(100_000);
        let empty = "&".repeat(MAX_FORM_FIELDS);
        for body in [over.as_str(), &tiny, &empty] {
            let err = verify(&headers, Some(URL), body.as_bytes()).unwrap_err();
            assert_eq!(err.kind(), "malformed_header", "{body:.40}");
            assert_eq!(err.status(), 400);
            assert_eq!(
                err,
                Error::malformed(FORM_BODY, "more than 256 `&`-separated fields")
            );
        }
        assert!(sign_form(TOKEN.as_bytes(), URL, over.as_bytes()).is_err());
        // Twilio-sized forms (the official vector) are far below it.
        assert!(verify(&headers, Some(URL), BODY.as_bytes()).is_ok());
    }

    /// The work a rejection costs does not depend on how the values compare: long values
    /// sharing all but their last bytes, percent-encoded, sort as decoded text.
    #[test]
    fn long_shared_prefixes_sort_as_decoded_text() {
        let prefix = "%41".repeat(3000);
        let body: String = (0..40)
            .map(|i| format!("a={prefix}{:02}&a=A{}{:02}&", 39 - i, "A".repeat(2999), i))
            .collect();
        let sig = sign_form(TOKEN.as_bytes(), URL, body.as_bytes()).unwrap();
        // Each encoded value equals a plain one: 40 distinct values, not 80.
        let values: Vec<String> = (0..40)
            .map(|i| format!("{}{i:02}", "A".repeat(3000)))
            .collect();
        let params: Vec<(&str, &str)> = values.iter().map(|v| ("a", v.as_str())).collect();
        assert_eq!(sig, signature(TOKEN.as_bytes(), URL, &params));
        assert!(verify(&[(SIGNATURE_HEADER, &sig)], Some(URL), body.as_bytes()).is_ok());
        assert_eq!(
            verify(&[(SIGNATURE_HEADER, SIG)], Some(URL), body.as_bytes()).unwrap_err(),
            Error::SignatureMismatch
        );
    }

    /// HMAC-SHA256 over twilio-python's signed string (URL and the five parameters), computed
    /// with Python's `hmac`/`hashlib` (Twilio publishes no HMAC-SHA256 vector).
    const SIG_256: &str = "033hgUJA9M/hXIZsYjwkerEP/DBm35nEri5FhCYjA5s=";
    const SHA256_SETTINGS: &str = "key=KS0123,algorithm=HMAC_SHA256";

    fn verify_as(twilio: Twilio, headers: &[(&str, &str)], body: &[u8]) -> Result<Delivery, Error> {
        let req = WebhookRequest::new(&headers, body).with_url(URL);
        twilio.verify(
            &req,
            &Secrets::new(Secret::from_text(TOKEN)),
            UnixTime::from_millis(0),
            Tolerance::default(),
        )
    }

    #[test]
    fn sha256_vector_follows_the_settings_header() {
        let body = BODY.as_bytes();
        let with = [
            (SIGNATURE_HEADER, SIG_256),
            (SIGNATURE_SETTINGS_HEADER, SHA256_SETTINGS),
        ];
        assert_eq!(
            sign_form_with(SignatureAlgorithm::HmacSha256, TOKEN.as_bytes(), URL, body).unwrap(),
            SIG_256
        );
        let params = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+14158675309"),
            ("Digits", "1234"),
            ("From", "+14158675309"),
            ("To", "+18005551212"),
        ];
        assert_eq!(
            signature_with(
                SignatureAlgorithm::HmacSha256,
                TOKEN.as_bytes(),
                URL,
                &params
            ),
            SIG_256
        );
        assert!(verify_as(Twilio, &with, body).is_ok());
        assert!(verify_as(Twilio::new().require_sha256(), &with, body).is_ok());
        // The default port, as for HMAC-SHA1.
        let req = WebhookRequest::new(&with, body)
            .with_url("https://mycompany.com:443/myapp.php?foo=1&bar=2");
        let secrets = Secrets::new(Secret::from_text(TOKEN));
        let now = UnixTime::from_millis(0);
        assert!(Twilio
            .verify(&req, &secrets, now, Tolerance::default())
            .is_ok());
        // Tampered twins: a changed body, an altered signature.
        let tampered = BODY.replace("1234&", "1235&");
        assert_eq!(
            verify_as(Twilio, &with, tampered.as_bytes()).unwrap_err(),
            Error::SignatureMismatch
        );
        let altered = [
            (
                SIGNATURE_HEADER,
                "033hgUJA9M/hXIZsYjwkerEQ/DBm35nEri5FhCYjA5s=",
            ),
            (SIGNATURE_SETTINGS_HEADER, SHA256_SETTINGS),
        ];
        assert_eq!(
            verify_as(Twilio, &altered, body).unwrap_err(),
            Error::SignatureMismatch
        );
        // Header removed or naming HMAC-SHA1: checked as HMAC-SHA1, which a 32-byte tag never is.
        let stripped = [(SIGNATURE_HEADER, SIG_256)];
        assert_eq!(
            verify_as(Twilio, &stripped, body).unwrap_err(),
            Error::SignatureMismatch
        );
        let named_sha1 = [
            (SIGNATURE_HEADER, SIG_256),
            (SIGNATURE_SETTINGS_HEADER, "key=KS0123,algorithm=HMAC_SHA1"),
        ];
        assert_eq!(
            verify_as(Twilio, &named_sha1, body).unwrap_err(),
            Error::SignatureMismatch
        );
        // The JSON mode under HMAC-SHA256.
        let json = br#"{"a":1}"#;
        let url = url_with_body_hash(URL, json);
        let sig = signature_with(SignatureAlgorithm::HmacSha256, TOKEN.as_bytes(), &url, &[]);
        let headers = [
            (SIGNATURE_HEADER, sig.as_str()),
            (SIGNATURE_SETTINGS_HEADER, SHA256_SETTINGS),
        ];
        let req = WebhookRequest::new(&headers, json).with_url(&url);
        assert!(Twilio
            .verify(&req, &secrets, now, Tolerance::default())
            .is_ok());
        let req = WebhookRequest::new(&headers, b"{}").with_url(&url);
        assert_eq!(
            Twilio
                .verify(&req, &secrets, now, Tolerance::default())
                .unwrap_err(),
            Error::SignatureMismatch
        );
    }

    /// Adding, removing or changing the unsigned settings header never makes a request pass
    /// that did not, and `require_sha256` never accepts HMAC-SHA1.
    #[test]
    fn the_settings_header_cannot_downgrade() {
        let body = BODY.as_bytes();
        let strict = Twilio::new().require_sha256();
        // A genuine HMAC-SHA1 request (auth token) with the header added: refused either way.
        let upgraded = [
            (SIGNATURE_HEADER, SIG),
            (SIGNATURE_SETTINGS_HEADER, SHA256_SETTINGS),
        ];
        assert_eq!(
            verify_as(Twilio, &upgraded, body).unwrap_err(),
            Error::SignatureMismatch
        );
        assert_eq!(
            verify_as(strict, &upgraded, body).unwrap_err(),
            Error::SignatureMismatch
        );
        // The strict receiver refuses every HMAC-SHA1 request, however it is labelled.
        assert_eq!(
            verify_as(strict, &[(SIGNATURE_HEADER, SIG)], body).unwrap_err(),
            Error::MissingHeader(SIGNATURE_SETTINGS_HEADER)
        );
        for label in ["algorithm=HMAC_SHA1", "key=KS0123,algorithm=hmac_sha1"] {
            let headers = [(SIGNATURE_HEADER, SIG), (SIGNATURE_SETTINGS_HEADER, label)];
            assert_eq!(
                verify_as(strict, &headers, body).unwrap_err(),
                Error::SignatureMismatch
            );
            // The default receiver, as Twilio's SDKs, verifies it as HMAC-SHA1.
            assert!(verify_as(Twilio, &headers, body).is_ok());
        }
        // A strict receiver asks for a longer key than the auth-token floor no more.
        assert_eq!(strict.min_secret_len(), 0);
        assert_eq!(Twilio.min_secret_len(), AUTH_TOKEN_LEN);
        // The header sent twice: refused, whatever the copies say.
        let twice = [
            (SIGNATURE_HEADER, SIG_256),
            (SIGNATURE_SETTINGS_HEADER, SHA256_SETTINGS),
            (SIGNATURE_SETTINGS_HEADER, SHA256_SETTINGS),
        ];
        assert_eq!(
            verify_as(Twilio, &twice, body).unwrap_err().kind(),
            "malformed_header"
        );
    }

    #[test]
    fn settings_header_oddities() {
        use SignatureAlgorithm::{HmacSha1, HmacSha256};
        // The cases of twilio-python 9.13's `get_signature_algorithm` and twilio-node 6.3.1's
        // `getSignatureAlgorithm` (the same rules), as this function must answer them.
        for (value, expected) in [
            (&b"key=KS1,algorithm=HMAC_SHA256"[..], Ok(HmacSha256)),
            (b"algorithm=HMAC_SHA256,key=KS1", Ok(HmacSha256)),
            (b" key = KS1 ,\talgorithm = hmac_sha256 ", Ok(HmacSha256)),
            (b",,algorithm=HMAC_SHA256,,", Ok(HmacSha256)),
            (b"key=a=b,algorithm=HMAC_SHA256,future=x", Ok(HmacSha256)),
            (b"key=KS1,HMAC_SHA256,algorithm=HMAC_SHA256", Ok(HmacSha256)),
            // No `algorithm=` entry with a value: the auth-token signature, HMAC-SHA1.
            (b"", Ok(HmacSha1)),
            (b"   ", Ok(HmacSha1)),
            (b",,,", Ok(HmacSha1)),
            (b"key=KS1", Ok(HmacSha1)),
            (b"algorithm", Ok(HmacSha1)),
            (b"algorithm=", Ok(HmacSha1)),
            (b"algorithms=HMAC_SHA256", Ok(HmacSha1)),
            // The entry's name is compared exactly, as the SDKs do.
            (b"ALGORITHM=HMAC_SHA256", Ok(HmacSha1)),
            (b"Algorithm=HMAC_SHA256", Ok(HmacSha1)),
            // The first named algorithm wins; an empty value is skipped.
            (b"algorithm=,algorithm=HMAC_SHA256", Ok(HmacSha256)),
            (b"algorithm=HMAC_SHA1,algorithm=HMAC_SHA256", Ok(HmacSha1)),
            (b"algorithm=HMAC_SHA256,algorithm=HMAC_MD5", Ok(HmacSha256)),
            (
                b"algorithm=HMAC_SHA512",
                Err("unknown algorithm (known: HMAC_SHA1, HMAC_SHA256)"),
            ),
            (
                b"algorithm=HMAC-SHA256",
                Err("unknown algorithm (known: HMAC_SHA1, HMAC_SHA256)"),
            ),
            (
                b"algorithm=\xffHMAC_SHA256",
                Err("unknown algorithm (known: HMAC_SHA1, HMAC_SHA256)"),
            ),
            (
                b"algorithm=HMAC_MD5,algorithm=HMAC_SHA256",
                Err("unknown algorithm (known: HMAC_SHA1, HMAC_SHA256)"),
            ),
        ] {
            let got = signature_algorithm(value);
            let expected =
                expected.map_err(|reason| Error::malformed(SIGNATURE_SETTINGS_HEADER, reason));
            assert_eq!(got, expected, "{:?}", String::from_utf8_lossy(value));
        }
        // A long hostile header: an answer, without panicking.
        assert_eq!(signature_algorithm(&b",".repeat(100_000)), Ok(HmacSha1));
        assert_eq!(signature_algorithm(&b"=".repeat(100_000)), Ok(HmacSha1));
        // Every short mix of tricky bytes: an answer, never a panic; as a header, never accepted
        // for a signature it did not make.
        let alphabet: &[&[u8]] = &[
            b",",
            b"=",
            b" ",
            b"\t",
            b"algorithm",
            b"HMAC_SHA256",
            b"\xff",
            b"key",
        ];
        for n in 0..=4u32 {
            for code in 0..alphabet.len().pow(n) {
                let mut value = Vec::new();
                let mut c = code;
                for _ in 0..n {
                    value.extend_from_slice(alphabet[c % alphabet.len()]);
                    c /= alphabet.len();
                }
                let parsed = signature_algorithm(&value);
                let text = String::from_utf8_lossy(&value).into_owned();
                if std::str::from_utf8(&value).is_ok() {
                    let headers = [
                        (SIGNATURE_HEADER, SIG),
                        (SIGNATURE_SETTINGS_HEADER, text.as_str()),
                    ];
                    let r = verify_as(Twilio, &headers, BODY.as_bytes());
                    assert_eq!(r.is_ok(), parsed == Ok(HmacSha1), "{text:?}: {r:?}");
                }
            }
        }
    }

    #[test]
    fn sign_produces_sha256_deliveries_on_request() {
        let key = Secret::from_text("a shared key secret of some length");
        let secrets = Secrets::new(key.clone());
        let now = UnixTime::from_millis(0);
        let sha256 = Twilio::new().sign_with_shared_key("KS0123");
        assert_eq!(sha256.signing_algorithm(), SignatureAlgorithm::HmacSha256);
        assert_eq!(Twilio.signing_algorithm(), SignatureAlgorithm::HmacSha1);
        for body in [BODY.as_bytes(), br#"{"a":"b"}"#] {
            let signed = sha256
                .sign(&key, &SignInput::new(body, now).with_url(URL))
                .unwrap();
            assert!(signed.headers.contains(&(
                SIGNATURE_SETTINGS_HEADER.to_owned(),
                "key=KS0123,algorithm=HMAC_SHA256".to_owned()
            )));
            let url = signed.url.clone().unwrap_or_else(|| URL.to_owned());
            let req = WebhookRequest::new(&signed.headers, body).with_url(&url);
            for verifier in [Twilio, Twilio::new().require_sha256()] {
                assert!(verifier
                    .verify(&req, &secrets, now, Tolerance::default())
                    .is_ok());
            }
            // The default signer sends no settings header and HMAC-SHA1.
            let plain = Twilio
                .sign(&key, &SignInput::new(body, now).with_url(URL))
                .unwrap();
            assert!(!plain
                .headers
                .iter()
                .any(|(n, _)| n == SIGNATURE_SETTINGS_HEADER));
            let url = plain.url.clone().unwrap_or_else(|| URL.to_owned());
            let req = WebhookRequest::new(&plain.headers, body).with_url(&url);
            assert!(Twilio
                .verify(&req, &secrets, now, Tolerance::default())
                .is_ok());
            assert_eq!(
                Twilio::new()
                    .require_sha256()
                    .verify(&req, &secrets, now, Tolerance::default())
                    .unwrap_err(),
                Error::MissingHeader(SIGNATURE_SETTINGS_HEADER)
            );
        }
    }

    #[test]
    fn parse_forms_and_json() {
        let d = Delivery::new("twilio");
        let v = Twilio.parse(&d, b"a=1&b=x+y&a=2").unwrap();
        assert_eq!(v, serde_json::json!({"a": ["1", "2"], "b": "x y"}));
        let v = Twilio.parse(&d, br#" {"a":1}"#).unwrap();
        assert_eq!(v, serde_json::json!({"a": 1}));
    }
}
