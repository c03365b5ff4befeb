//! Signing secrets and key rotation.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::crypto::mac::KeyedMacs;
use crate::error::Error;

/// A shared secret or key, zeroized when dropped.
///
/// `Debug` never shows the key material:
///
/// ```
/// use webhook_guard::Secret;
/// let s = Secret::from_text("It's a Secret to Everybody");
/// assert_eq!(format!("{s:?}"), "Secret(REDACTED)");
/// ```
///
/// Which constructor to use depends on how the provider *uses* the secret it shows you: GitHub,
/// Slack, Shopify and Stripe (even its `whsec_` secrets) use the text as is ([`Secret::from_text`]);
/// Standard Webhooks senders decode the base64 after `whsec_` ([`Secret::from_whsec`]). Each
/// provider documents which one it expects, and [`crate::Provider::secret_from_display`] picks it.
///
/// A secret also knows what kind of key it holds ([`KeyKind`]), for schemes that accept more
/// than one: Standard Webhooks checks `v1,` signatures with shared (`whsec_`) keys and `v1a,`
/// signatures with Ed25519 public (`whpk_`) keys. Every constructor that takes plain bytes or
/// text gives [`KeyKind::Unspecified`]: the provider decides what the bytes are.
///
/// An HMAC scheme keys its hash with the secret once, the first time the secret is used, and
/// keeps that keyed state with the secret (zeroized with it), so that a verification does not
/// spend two extra hash blocks on the key schedule every time.
#[derive(Clone)]
pub struct Secret {
    bytes: Vec<u8>,
    kind: KeyKind,
    macs: KeyedMacs,
}

impl Zeroize for Secret {
    fn zeroize(&mut self) {
        self.bytes.zeroize();
        // The keyed states zeroize themselves when dropped.
        self.macs = KeyedMacs::default();
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl ZeroizeOnDrop for Secret {}

/// What a [`Secret`]'s bytes are.
///
/// ```
/// use webhook_guard::secret::{KeyKind, Secret};
/// assert_eq!(Secret::from_text("k").kind(), KeyKind::Unspecified);
/// # #[cfg(feature = "ed25519")] {
/// let public = Secret::from_whpk("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").unwrap();
/// assert_eq!(public.kind(), KeyKind::Ed25519Public);
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum KeyKind {
    /// Bytes whose role the provider decides: the shared key of an HMAC scheme (GitHub,
    /// Stripe, Standard Webhooks `whsec_`…), Discord's public key when verifying and its seed
    /// when signing.
    #[default]
    Unspecified,
    /// An Ed25519 public key (32 bytes): verifies Standard Webhooks `v1a` and Discord.
    Ed25519Public,
    /// An Ed25519 private key (32-byte seed, or 64 bytes seed ‖ public key): signs only.
    Ed25519Private,
    /// An ECDSA P-256 public key as DER `SubjectPublicKeyInfo` (SendGrid's verification key).
    P256Public,
    /// An ECDSA P-256 private key as DER PKCS#8: signs only.
    P256Private,
}

impl Secret {
    /// A secret from raw key bytes.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            kind: KeyKind::Unspecified,
            macs: KeyedMacs::default(),
        }
    }

    /// The same bytes, tagged as `kind`. Prefer the checking constructors
    /// ([`Secret::ed25519_public`], [`Secret::from_whpk`], …), which refuse unusable keys.
    #[must_use]
    pub fn with_kind(mut self, kind: KeyKind) -> Self {
        self.kind = kind;
        self
    }

    /// What kind of key this is.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    /// An Ed25519 public key (32 bytes), checked: it must be a canonical encoding of a curve
    /// point not of small order.
    pub fn ed25519_public(bytes: &[u8]) -> Result<Self, Error> {
        crate::crypto::ed25519::Ed25519PublicKey::from_bytes(bytes)?;
        Ok(Self::from_bytes(bytes).with_kind(KeyKind::Ed25519Public))
    }

    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    /// An Ed25519 private key: the 32-byte seed, or 64 bytes seed ‖ public key (whose halves
    /// must match).
    pub fn ed25519_private(bytes: &[u8]) -> Result<Self, Error> {
        crate::crypto::ed25519::Ed25519SigningKey::from_bytes(bytes)?;
        Ok(Self::from_bytes(bytes).with_kind(KeyKind::Ed25519Private))
    }

    #[cfg(feature = "p256")]
    #[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
    /// An ECDSA P-256 public key as DER `SubjectPublicKeyInfo`, checked.
    pub fn p256_public(spki_der: &[u8]) -> Result<Self, Error> {
        crate::crypto::p256::P256PublicKey::from_spki_der(spki_der)?;
        Ok(Self::from_bytes(spki_der).with_kind(KeyKind::P256Public))
    }

    #[cfg(feature = "p256")]
    #[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
    /// An ECDSA P-256 private key as DER PKCS#8, checked.
    pub fn p256_private(pkcs8_der: &[u8]) -> Result<Self, Error> {
        crate::crypto::p256::P256SigningKey::from_pkcs8_der(pkcs8_der)?;
        Ok(Self::from_bytes(pkcs8_der).with_kind(KeyKind::P256Private))
    }

    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    /// A Standard Webhooks public key: `whpk_` followed by base64 of the 32-byte Ed25519
    /// public key (padding optional; the prefix is optional too, as for `whsec_`).
    ///
    /// ```
    /// # use webhook_guard::Secret;
    /// assert!(Secret::from_whpk("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo").is_ok());
    /// assert_eq!(Secret::from_whpk("whpk_AAAA").unwrap_err().kind(), "invalid_secret");
    /// ```
    pub fn from_whpk(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        let body = text.strip_prefix("whpk_").unwrap_or(text);
        let bytes = zeroize::Zeroizing::new(
            decode_base64_lenient(body)
                .ok_or(Error::InvalidSecret("`whpk_` key is not valid base64"))?,
        );
        Self::ed25519_public(&bytes)
    }

    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    /// A Standard Webhooks secret key: `whsk_` followed by base64 of the Ed25519 private key,
    /// either the 32-byte seed or the 64 bytes seed ‖ public key that Svix's server and Go's
    /// `crypto/ed25519` store (padding and prefix optional).
    pub fn from_whsk(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        let body = text.strip_prefix("whsk_").unwrap_or(text);
        let bytes = zeroize::Zeroizing::new(
            decode_base64_lenient(body)
                .ok_or(Error::InvalidSecret("`whsk_` key is not valid base64"))?,
        );
        Self::ed25519_private(&bytes)
    }

    /// A secret whose key is the UTF-8 bytes of `text`, as most providers use it.
    pub fn from_text(text: &str) -> Self {
        Self::from_bytes(text.as_bytes())
    }

    /// A secret given as hex digits (upper or lower case).
    ///
    /// ```
    /// # use webhook_guard::Secret;
    /// assert_eq!(Secret::from_hex("00ff").unwrap().expose_secret(), &[0x00, 0xff]);
    /// assert!(Secret::from_hex("0g").is_err());
    /// ```
    pub fn from_hex(text: &str) -> Result<Self, Error> {
        crate::crypto::encoding::decode_hex_any_case(text.trim().as_bytes())
            .map(Self::from_bytes)
            .ok_or(Error::InvalidSecret("not valid hex"))
    }

    /// A secret given as standard base64, with or without `=` padding.
    pub fn from_base64(text: &str) -> Result<Self, Error> {
        decode_base64_lenient(text.trim())
            .map(Self::from_bytes)
            .ok_or(Error::InvalidSecret("not valid base64"))
    }

    /// A Standard Webhooks secret: `whsec_` followed by base64 of the key (padding optional).
    /// The prefix is optional too, as the spec's own libraries accept both.
    ///
    /// ```
    /// # use webhook_guard::Secret;
    /// let a = Secret::from_whsec("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    /// let b = Secret::from_base64("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    /// assert_eq!(a.expose_secret(), b.expose_secret());
    /// ```
    pub fn from_whsec(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        let body = text.strip_prefix("whsec_").unwrap_or(text);
        if body.is_empty() {
            return Err(Error::InvalidSecret("empty `whsec_` secret"));
        }
        Self::from_base64(body)
            .map_err(|_| Error::InvalidSecret("`whsec_` secret is not valid base64"))
    }

    /// The key material. Keep it out of logs and errors.
    pub fn expose_secret(&self) -> &[u8] {
        &self.bytes
    }

    /// The HMAC states keyed with this secret.
    pub(crate) fn macs(&self) -> &KeyedMacs {
        &self.macs
    }

    /// Number of key bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// `true` when the key is empty (which no provider accepts).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(REDACTED)")
    }
}

/// The fewest bytes a shared secret may have: 16 (128 bits).
///
/// [`crate::VerifierBuilder::build`] refuses a shorter shared secret ([`KeyKind::Unspecified`]),
/// and a provider may ask for more where it documents a longer secret
/// ([`crate::Provider::min_secret_len`]). Public keys are not secrets and are not measured.
/// [`crate::VerifierBuilder::dangerous_allow_weak_secrets`] lifts the rule, for tests only.
pub const MIN_SECRET_LEN: usize = 16;

/// How Stripe API keys begin (secret, restricted and publishable, live and test). Such a key
/// is never a webhook secret (`whsec_…`), but is easily pasted in its place.
const STRIPE_API_KEY_PREFIXES: [&[u8]; 6] = [
    b"sk_live_",
    b"sk_test_",
    b"rk_live_",
    b"rk_test_",
    b"pk_live_",
    b"pk_test_",
];

/// What [`check_strength`] and Stripe's [`crate::Provider::secret_from_display`] say about a
/// Stripe API key; names the rule, never the key.
pub(crate) const STRIPE_API_KEY: &str =
    "this is a Stripe API key (`sk_…`, `rk_…` or `pk_…`), not a webhook signing secret (`whsec_…`)";

/// `true` when `key` begins like a Stripe API key.
fn is_stripe_api_key(key: &[u8]) -> bool {
    STRIPE_API_KEY_PREFIXES
        .iter()
        .any(|prefix| key.starts_with(prefix))
}

/// Refuses a shared secret that cannot be a real webhook secret: shorter than
/// [`MIN_SECRET_LEN`] bytes, shorter than `provider_min_len` (what the provider documents), or
/// a Stripe API key pasted instead of a webhook secret.
///
/// Only shared secrets ([`KeyKind::Unspecified`]) are measured: public keys are not secret, and
/// the key constructors already check their lengths. The error names the rule, never any part
/// of the secret.
pub(crate) fn check_strength(secret: &Secret, provider_min_len: usize) -> Result<(), Error> {
    if secret.kind() != KeyKind::Unspecified {
        return Ok(());
    }
    if is_stripe_api_key(secret.expose_secret()) {
        return Err(Error::InvalidSecret(STRIPE_API_KEY));
    }
    if secret.len() < MIN_SECRET_LEN {
        return Err(Error::InvalidSecret(
            "weak secret: shorter than 16 bytes (a webhook secret is long and random)",
        ));
    }
    if secret.len() < provider_min_len {
        return Err(Error::InvalidSecret(
            "weak secret: shorter than this provider's own secrets (a truncated copy?)",
        ));
    }
    Ok(())
}

/// Decodes standard base64 with or without padding; `None` when it is not base64.
/// (The crate's one base64 engine: [`crate::crypto::encoding`].)
pub(crate) fn decode_base64_lenient(text: &str) -> Option<Vec<u8>> {
    crate::crypto::encoding::decode_base64_vec(text.as_bytes())
}

/// One or more secrets for one endpoint, so keys can be rotated without downtime.
///
/// A request passes when **any** secret matches **any** signature the request lists.
///
/// ```
/// use webhook_guard::{Secret, Secrets};
/// let secrets = Secrets::new(Secret::from_text("new key")).with(Secret::from_text("old key"));
/// assert_eq!(secrets.len(), 2);
/// assert_eq!(format!("{secrets:?}"), "Secrets([Secret(REDACTED), Secret(REDACTED)])");
/// ```
#[derive(Clone)]
pub struct Secrets {
    keys: Vec<Secret>,
}

impl Secrets {
    /// A set holding one secret.
    pub fn new(first: Secret) -> Self {
        Self { keys: vec![first] }
    }

    /// Adds another accepted secret (for example the previous key during a rotation).
    #[must_use]
    pub fn with(mut self, another: Secret) -> Self {
        self.keys.push(another);
        self
    }

    /// Adds another accepted secret in place.
    pub fn push(&mut self, another: Secret) {
        self.keys.push(another);
    }

    /// A set from any number of secrets; `None` when `keys` is empty.
    pub fn from_iter_nonempty(keys: impl IntoIterator<Item = Secret>) -> Option<Self> {
        let keys: Vec<Secret> = keys.into_iter().collect();
        (!keys.is_empty()).then_some(Self { keys })
    }

    /// The secrets, newest first as they were added.
    pub fn iter(&self) -> std::slice::Iter<'_, Secret> {
        self.keys.iter()
    }

    /// Number of secrets (at least one).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Always `false`: a `Secrets` holds at least one key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl From<Secret> for Secrets {
    fn from(secret: Secret) -> Self {
        Self::new(secret)
    }
}

impl<'a> IntoIterator for &'a Secrets {
    type Item = &'a Secret;
    type IntoIter = std::slice::Iter<'a, Secret>;
    fn into_iter(self) -> Self::IntoIter {
        self.keys.iter()
    }
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Secrets").field(&self.keys).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whsec_with_and_without_padding() {
        let padded = Secret::from_whsec("whsec_AAEC").unwrap();
        assert_eq!(padded.expose_secret(), &[0, 1, 2]);
        let unpadded = Secret::from_whsec("whsec_AAE").unwrap();
        assert_eq!(unpadded.expose_secret(), &[0, 1]);
        let padded2 = Secret::from_whsec("whsec_AAE=").unwrap();
        assert_eq!(padded2.expose_secret(), &[0, 1]);
    }

    #[test]
    fn bad_encodings_are_invalid_secret() {
        assert_eq!(
            Secret::from_whsec("whsec_").unwrap_err().kind(),
            "invalid_secret"
        );
        assert_eq!(
            Secret::from_whsec("whsec_***").unwrap_err().kind(),
            "invalid_secret"
        );
        assert_eq!(
            Secret::from_hex("abc").unwrap_err().kind(),
            "invalid_secret"
        );
        assert_eq!(
            Secret::from_base64("@@").unwrap_err().kind(),
            "invalid_secret"
        );
    }

    #[test]
    #[cfg(all(feature = "ed25519", feature = "p256"))]
    fn key_kinds() {
        let pk = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
        let sk = "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
        assert_eq!(
            Secret::from_whpk(pk).unwrap().kind(),
            KeyKind::Ed25519Public
        );
        assert_eq!(Secret::from_whpk(pk).unwrap().len(), 32);
        assert_eq!(
            Secret::from_whsk(sk).unwrap().kind(),
            KeyKind::Ed25519Private
        );
        assert_eq!(
            Secret::from_whsec("whsec_AAEC").unwrap().kind(),
            KeyKind::Unspecified
        );
        assert_eq!(
            Secret::from_bytes(vec![1])
                .with_kind(KeyKind::P256Public)
                .kind(),
            KeyKind::P256Public
        );
        for bad in [
            "whpk_",
            "whpk_***",
            "whpk_AAAA",
            "whpk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ] {
            assert_eq!(
                Secret::from_whpk(bad).unwrap_err().kind(),
                "invalid_secret",
                "{bad}"
            );
        }
        for bad in ["whsk_", "whsk_!!", "whsk_AAAA"] {
            assert_eq!(
                Secret::from_whsk(bad).unwrap_err().kind(),
                "invalid_secret",
                "{bad}"
            );
        }
        assert!(Secret::p256_public(b"x").is_err());
        assert!(Secret::p256_private(b"x").is_err());
    }

    #[test]
    fn strength_rules() {
        let ok = |text: &str, min| check_strength(&Secret::from_text(text), min);
        assert!(ok("0123456789abcdef", MIN_SECRET_LEN).is_ok());
        assert!(ok("whsec_test_secret", MIN_SECRET_LEN).is_ok());
        for weak in ["", "s3cret", "12345", "0123456789abcde"] {
            let e = ok(weak, MIN_SECRET_LEN).unwrap_err();
            assert_eq!(e.kind(), "invalid_secret", "{weak}");
            assert!(e.to_string().contains("shorter than 16 bytes"), "{e}");
        }
        // A provider's own minimum.
        let e = ok("0123456789abcdef0123456789abcde", 32).unwrap_err();
        assert!(e.to_string().contains("provider's own secrets"), "{e}");
        assert!(ok("0123456789abcdef0123456789abcdef", 32).is_ok());
        // Stripe API keys, however long, are not webhook secrets.
        for key in [
            "sk_live_51HxxxxxxxxxxxxxxxxxxxxxxxxSECRETPART",
            "sk_test_51HxxxxxxxxxxxxxxxxxxxxxxxxSECRETPART",
            "rk_live_51HxxxxxxxxxxxxxxxxxxxxxxxxSECRETPART",
            "rk_test_51HxxxxxxxxxxxxxxxxxxxxxxxxSECRETPART",
            "pk_live_51HxxxxxxxxxxxxxxxxxxxxxxxxSECRETPART",
            "pk_test_51HxxxxxxxxxxxxxxxxxxxxxxxxSECRETPART",
        ] {
            let e = ok(key, MIN_SECRET_LEN).unwrap_err();
            assert_eq!(e, Error::InvalidSecret(STRIPE_API_KEY));
            assert!(!e.to_string().contains("SECRETPART"));
        }
        // Public keys are not secrets: never measured.
        for kind in [KeyKind::Ed25519Public, KeyKind::P256Public] {
            let short = Secret::from_bytes(vec![7; 4]).with_kind(kind);
            assert!(check_strength(&short, 64).is_ok(), "{kind:?}");
        }
        #[cfg(feature = "ed25519")]
        {
            let pk = Secret::from_whpk("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
            assert!(check_strength(&pk.unwrap(), 64).is_ok());
        }
    }

    #[test]
    fn debug_never_shows_bytes() {
        let s = Secret::from_text("hunter2");
        let shown = format!("{s:?} {:?}", Secrets::new(s.clone()));
        assert!(!shown.contains("hunter2"));
        assert!(!shown.contains("104")); // 'h' as a byte
    }
}
