//! Asymmetric signatures: Ed25519 (Discord, Standard Webhooks `v1a`) and ECDSA P-256 with
//! SHA-256 (SendGrid), over a message given in several pieces.
//!
//! Nothing here concatenates the signed content: Ed25519 verification and signing hash the
//! pieces in turn (pure Ed25519 needs the whole message, but never in one buffer: the verifier
//! hashes `R ‖ A ‖ M` and the signer hashes `prefix ‖ M` then `R ‖ A ‖ M`, each incrementally),
//! and ECDSA hashes the pieces with SHA-256 and signs or verifies that prehash. Verification
//! does not allocate.
//!
//! The types wrap [`ed25519-dalek`](https://docs.rs/ed25519-dalek) and
//! [`p256`](https://docs.rs/p256) without exposing them, so the crate's public API carries no
//! third-party types. Key-parsing errors are [`Error::InvalidSecret`] (a configuration problem
//! on the receiving side); signature checks answer `true` / `false`, and callers turn `false`
//! into [`Error::SignatureMismatch`].
//!
//! ```
//! use webhook_guard::crypto::asymmetric::Ed25519SigningKey;
//! let seed = [7u8; 32];
//! let key = Ed25519SigningKey::from_bytes(&seed).unwrap();
//! let sig = key.sign(&[b"1700000000", b"{\"type\":1}"]);
//! let public = key.public_key();
//! assert!(public.verify(&[b"1700000000{\"type\":1}"], &sig));
//! assert!(!public.verify(&[b"1700000001{\"type\":1}"], &sig));
//! ```

use std::fmt;

use ed25519_dalek::ed25519::signature::{MultipartSigner, MultipartVerifier};
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use sha2::Digest as _;

use crate::error::Error;
use crate::secret::{KeyKind, Secret};

/// Length of an Ed25519 public key or private seed, in bytes.
pub const ED25519_KEY_LEN: usize = 32;
/// Length of an Ed25519 signature, in bytes.
pub const ED25519_SIGNATURE_LEN: usize = 64;

/// An Ed25519 public key, checked when parsed.
///
/// Verification is strict, as libsodium's `crypto_sign_verify_detached` (which Discord's and
/// Svix's own stacks build on): the key must be a canonical encoding of a point that is not of
/// small order; a signature's `R` must decode to a point not of small order and its `S` must be
/// reduced (below the group order). So no signature is malleable and no "weak key" accepts
/// forgeries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Ed25519PublicKey {
    key: ed25519_dalek::VerifyingKey,
}

impl Ed25519PublicKey {
    /// Parses 32 public-key bytes.
    ///
    /// Errors ([`Error::InvalidSecret`]): not 32 bytes, not a curve point, a non-canonical
    /// encoding, or a point of small order.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let bytes: &[u8; ED25519_KEY_LEN] = bytes
            .try_into()
            .map_err(|_| Error::InvalidSecret("Ed25519 public key must be 32 bytes"))?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map_err(|_| Error::InvalidSecret("not an Ed25519 public key (no such curve point)"))?;
        if key.to_edwards().compress().as_bytes() != bytes {
            return Err(Error::InvalidSecret(
                "Ed25519 public key is not canonically encoded",
            ));
        }
        if key.is_weak() {
            return Err(Error::InvalidSecret("Ed25519 public key of small order"));
        }
        Ok(Self { key })
    }

    /// The 32 key bytes.
    pub fn to_bytes(&self) -> [u8; ED25519_KEY_LEN] {
        self.key.to_bytes()
    }

    /// `true` when `signature` (64 bytes) is this key's signature of the concatenation of
    /// `parts`. Anything else — wrong length, non-canonical `S`, small-order or undecodable
    /// `R`, another message — is `false`. Does not allocate.
    ///
    /// Each call that gets past the checks of `R` and `S` hashes all of `parts` with SHA-512:
    /// the hash covers the signature's `R` and the key, so nothing carries over from one call
    /// to the next. Callers bound how many calls one request can cause (Standard Webhooks
    /// accepts at most two `v1a` entries per header).
    #[must_use]
    pub fn verify(&self, parts: &[&[u8]], signature: &[u8]) -> bool {
        let Ok(bytes) = <&[u8; ED25519_SIGNATURE_LEN]>::try_from(signature) else {
            return false;
        };
        // Reject a small-order (or undecodable) R as `verify_strict` does; the multipart
        // check below rejects a non-canonical S and compares R byte for byte.
        let (r, _) = bytes.split_at(32);
        let r_is_usable = <&[u8; 32]>::try_from(r)
            .ok()
            .and_then(|r| ed25519_dalek::VerifyingKey::from_bytes(r).ok())
            .is_some_and(|point| !point.is_weak());
        if !r_is_usable {
            return false;
        }
        let signature = ed25519_dalek::Signature::from_bytes(bytes);
        self.key.multipart_verify(parts, &signature).is_ok()
    }
}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ed25519PublicKey({})", hex::encode(self.key.as_bytes()))
    }
}

/// An Ed25519 private key, for signers (tests, the CLI). Zeroized when dropped; `Debug` shows
/// nothing of it.
#[derive(Clone)]
pub struct Ed25519SigningKey {
    key: ed25519_dalek::SigningKey,
}

impl Ed25519SigningKey {
    /// A key from its 32-byte seed (RFC 8032's private key), or from 64 bytes `seed ‖ public
    /// key` (the layout of libsodium, Go's `crypto/ed25519` and Svix's `whsk_` keys), whose
    /// public half must then match the seed.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if let Ok(seed) = <&[u8; ED25519_KEY_LEN]>::try_from(bytes) {
            return Ok(Self {
                key: ed25519_dalek::SigningKey::from_bytes(seed),
            });
        }
        if let Ok(pair) = <&[u8; 2 * ED25519_KEY_LEN]>::try_from(bytes) {
            return ed25519_dalek::SigningKey::from_keypair_bytes(pair)
                .map(|key| Self { key })
                .map_err(|_| {
                    Error::InvalidSecret("Ed25519 key pair: public half does not match the seed")
                });
        }
        Err(Error::InvalidSecret(
            "Ed25519 private key must be a 32-byte seed or 64 bytes seed and public key",
        ))
    }

    /// The matching public key.
    pub fn public_key(&self) -> Ed25519PublicKey {
        Ed25519PublicKey {
            key: self.key.verifying_key(),
        }
    }

    /// The 64-byte signature of the concatenation of `parts` (pure Ed25519, RFC 8032), computed
    /// without concatenating them.
    pub fn sign(&self, parts: &[&[u8]]) -> [u8; ED25519_SIGNATURE_LEN] {
        // Ed25519 signing of in-memory slices cannot fail; a failure would be a bug in the
        // library, and the all-zero value it would give here never verifies.
        self.key
            .try_multipart_sign(parts)
            .map(|s| s.to_bytes())
            .unwrap_or([0; ED25519_SIGNATURE_LEN])
    }
}

impl fmt::Debug for Ed25519SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ed25519SigningKey(REDACTED)")
    }
}

/// An ECDSA P-256 public key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct P256PublicKey {
    key: p256::ecdsa::VerifyingKey,
}

impl P256PublicKey {
    /// Parses a DER `SubjectPublicKeyInfo` (what SendGrid shows, base64-encoded, and what a
    /// PEM `PUBLIC KEY` block holds). The point must be on the curve.
    pub fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
        p256::ecdsa::VerifyingKey::from_public_key_der(der)
            .map(|key| Self { key })
            .map_err(|_| {
                Error::InvalidSecret("not a DER SubjectPublicKeyInfo of a P-256 public key")
            })
    }

    /// Parses a SEC1 point (65 bytes uncompressed `04 ‖ x ‖ y`, or 33 bytes compressed).
    pub fn from_sec1(bytes: &[u8]) -> Result<Self, Error> {
        p256::ecdsa::VerifyingKey::from_sec1_bytes(bytes)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidSecret("not a SEC1 encoding of a P-256 point"))
    }

    /// The key as DER `SubjectPublicKeyInfo`.
    pub fn to_spki_der(&self) -> Vec<u8> {
        self.key
            .to_public_key_der()
            .map(|doc| doc.as_bytes().to_vec())
            .unwrap_or_default()
    }

    /// `true` when `signature` is this key's ECDSA signature of SHA-256 over the concatenation
    /// of `parts` (the pieces are hashed in turn). Signatures with a high `s` are accepted, as
    /// every ECDSA verifier outside Bitcoin does (SendGrid's signatures have them). Does not
    /// allocate.
    #[must_use]
    pub fn verify_sha256(&self, parts: &[&[u8]], signature: &P256Signature) -> bool {
        self.verify_sha256_prehash(&sha256(parts), signature)
    }

    /// As [`P256PublicKey::verify_sha256`], given the SHA-256 of the message ([`sha256`]), so
    /// that a body is hashed once however many keys are tried.
    #[must_use]
    pub fn verify_sha256_prehash(&self, prehash: &[u8; 32], signature: &P256Signature) -> bool {
        self.key.verify_prehash(prehash, &signature.sig).is_ok()
    }
}

impl fmt::Debug for P256PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P256PublicKey({})",
            hex::encode(self.key.to_sec1_point(true).as_bytes())
        )
    }
}

/// An ECDSA P-256 signature, parsed from DER.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct P256Signature {
    sig: p256::ecdsa::Signature,
}

impl P256Signature {
    /// Parses an ASN.1 DER `SEQUENCE { r INTEGER, s INTEGER }`. `None` when it is not strict
    /// DER (long-form or wrong lengths, superfluous leading zeros, trailing bytes) or when `r`
    /// or `s` is zero or not below the group order.
    pub fn from_der(der: &[u8]) -> Option<Self> {
        p256::ecdsa::Signature::from_der(der)
            .ok()
            .map(|sig| Self { sig })
    }

    /// The signature as 64 bytes `r ‖ s` with `s` replaced by `n − s` when it is high. Both
    /// `(r, s)` and `(r, n − s)` verify, so this form (or `r` alone) is what identifies a
    /// delivery for replay protection.
    pub fn normalized_bytes(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        let bytes = self.sig.normalize_s().to_bytes();
        for (o, b) in out.iter_mut().zip(bytes.iter()) {
            *o = *b;
        }
        out
    }

    /// The signature as DER.
    pub fn to_der(&self) -> Vec<u8> {
        self.sig.to_der().as_bytes().to_vec()
    }
}

impl fmt::Debug for P256Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P256Signature")
    }
}

/// An ECDSA P-256 private key, for signers (tests, the CLI). Zeroized when dropped; `Debug`
/// shows nothing of it.
#[derive(Clone)]
pub struct P256SigningKey {
    key: p256::ecdsa::SigningKey,
}

impl P256SigningKey {
    /// Parses a DER PKCS#8 `PrivateKeyInfo` (a PEM `PRIVATE KEY` block without its armour).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        p256::ecdsa::SigningKey::from_pkcs8_der(der)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidSecret("not a DER PKCS#8 P-256 private key"))
    }

    /// A key from its 32-byte big-endian scalar (must be non-zero and below the group order).
    pub fn from_scalar(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != 32 {
            return Err(Error::InvalidSecret(
                "P-256 private scalar must be 32 bytes",
            ));
        }
        p256::ecdsa::SigningKey::from_slice(bytes)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidSecret("not a P-256 private scalar"))
    }

    /// The key as DER PKCS#8, held in a zeroized [`Secret`] tagged [`KeyKind::P256Private`].
    pub fn to_pkcs8_der(&self) -> Result<Secret, Error> {
        self.key
            .to_pkcs8_der()
            .map(|doc| Secret::from_bytes(doc.as_bytes()).with_kind(KeyKind::P256Private))
            .map_err(|_| Error::InvalidSecret("cannot encode the P-256 key as PKCS#8"))
    }

    /// The matching public key.
    pub fn public_key(&self) -> P256PublicKey {
        P256PublicKey {
            key: *self.key.verifying_key(),
        }
    }

    /// The DER signature (deterministic, RFC 6979) of SHA-256 over the concatenation of
    /// `parts`, hashed in pieces.
    pub fn sign_sha256(&self, parts: &[&[u8]]) -> Result<P256Signature, Error> {
        let prehash = sha256(parts);
        PrehashSigner::<p256::ecdsa::Signature>::sign_prehash(&self.key, &prehash)
            .map(|sig| P256Signature { sig })
            .map_err(|_| Error::InvalidSecret("P-256 signing failed"))
    }
}

impl fmt::Debug for P256SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P256SigningKey(REDACTED)")
    }
}

/// SHA-256 of the concatenation of `parts`, hashed in pieces (no concatenation).
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 8032 section 7.1, test 1 and test 2.
    const SEED1: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const PUB1: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const SIG1: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    const SEED2: &str = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    const PUB2: &str = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    const SIG2: &str = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    fn bytes(h: &str) -> Vec<u8> {
        hex::decode(h).unwrap()
    }

    #[test]
    fn rfc8032_vectors() {
        let key = Ed25519SigningKey::from_bytes(&bytes(SEED1)).unwrap();
        assert_eq!(key.public_key().to_bytes().to_vec(), bytes(PUB1));
        assert_eq!(key.sign(&[]).to_vec(), bytes(SIG1));
        let public = Ed25519PublicKey::from_bytes(&bytes(PUB1)).unwrap();
        assert!(public.verify(&[], &bytes(SIG1)));
        assert!(public.verify(&[b""], &bytes(SIG1)));
        assert!(!public.verify(&[b"x"], &bytes(SIG1)));

        let key2 = Ed25519SigningKey::from_bytes(&bytes(SEED2)).unwrap();
        assert_eq!(key2.sign(&[&[0x72]]).to_vec(), bytes(SIG2));
        let public2 = Ed25519PublicKey::from_bytes(&bytes(PUB2)).unwrap();
        assert!(public2.verify(&[&[0x72]], &bytes(SIG2)));
        assert!(!public.verify(&[&[0x72]], &bytes(SIG2)));
    }

    #[test]
    fn pieces_are_the_concatenation() {
        let key = Ed25519SigningKey::from_bytes(&bytes(SEED2)).unwrap();
        let whole = key.sign(&[b"hello world"]);
        assert_eq!(key.sign(&[b"hello", b" ", b"world"]), whole);
        assert!(key.public_key().verify(&[b"hel", b"lo wor", b"ld"], &whole));
    }

    #[test]
    fn keypair_layout_must_match() {
        let mut pair = bytes(SEED1);
        pair.extend(bytes(PUB1));
        let key = Ed25519SigningKey::from_bytes(&pair).unwrap();
        assert_eq!(key.public_key().to_bytes().to_vec(), bytes(PUB1));
        pair.extend(b"");
        let mut wrong = bytes(SEED1);
        wrong.extend(bytes(PUB2));
        assert_eq!(
            Ed25519SigningKey::from_bytes(&wrong).unwrap_err().kind(),
            "invalid_secret"
        );
        for len in [0, 31, 33, 63, 65] {
            assert_eq!(
                Ed25519SigningKey::from_bytes(&vec![1; len])
                    .unwrap_err()
                    .kind(),
                "invalid_secret"
            );
        }
    }

    #[test]
    fn odd_public_keys_are_invalid_secrets() {
        for len in [0, 31, 33, 64] {
            assert_eq!(
                Ed25519PublicKey::from_bytes(&vec![9; len])
                    .unwrap_err()
                    .kind(),
                "invalid_secret"
            );
        }
        // The identity point (y = 1) and other small-order points are weak keys.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(Ed25519PublicKey::from_bytes(&identity).is_err());
        assert!(Ed25519PublicKey::from_bytes(&[0; 32]).is_err());
        // y = p + 1 (a non-canonical encoding of y = 1) is refused too.
        let mut non_canonical = [0xff; 32];
        non_canonical[0] = 0xee;
        non_canonical[31] = 0x7f;
        assert!(Ed25519PublicKey::from_bytes(&non_canonical).is_err());
        // y = 2 is not on the curve.
        let mut off_curve = [0u8; 32];
        off_curve[0] = 2;
        assert!(Ed25519PublicKey::from_bytes(&off_curve).is_err());
    }

    #[test]
    fn non_canonical_and_odd_signatures_fail() {
        let public = Ed25519PublicKey::from_bytes(&bytes(PUB1)).unwrap();
        let good = bytes(SIG1);
        // S + L (the group order) verifies under lax checks; strict ones refuse it.
        const L: [u8; 32] = [
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9,
            0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
        ];
        let mut malleated = good.clone();
        let mut carry = 0u16;
        for (i, l) in L.iter().enumerate() {
            let sum = u16::from(malleated[32 + i]) + u16::from(*l) + carry;
            malleated[32 + i] = (sum & 0xff) as u8;
            carry = sum >> 8;
        }
        assert!(!public.verify(&[], &malleated));
        // Small-order R (the identity) with S = 0.
        let mut weak = [0u8; 64];
        weak[0] = 1;
        assert!(!public.verify(&[], &weak));
        assert!(!public.verify(&[], &[0xff; 64]));
        assert!(!public.verify(&[], &good[..63]));
        assert!(!public.verify(&[], &[good.clone(), vec![0]].concat()));
        assert!(!public.verify(&[], &[]));
    }

    // The SendGrid vector of sendgrid-nodejs's tests (see tests/vectors/sendgrid.json).
    const SG_KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    const SG_SIG: &str = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    const SG_BODY: &str = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

    fn b64(text: &str) -> Vec<u8> {
        crate::secret::decode_base64_lenient(text).unwrap()
    }

    #[test]
    fn sendgrid_vector_with_high_s() {
        assert_eq!(SG_BODY.len(), 327);
        let key = P256PublicKey::from_spki_der(&b64(SG_KEY)).unwrap();
        let sig = P256Signature::from_der(&b64(SG_SIG)).unwrap();
        assert!(key.verify_sha256(&[b"1600112502", SG_BODY.as_bytes()], &sig));
        assert!(key.verify_sha256(&[b"16001", b"12502", SG_BODY.as_bytes()], &sig));
        assert!(!key.verify_sha256(&[b"1600112503", SG_BODY.as_bytes()], &sig));
        // Its s is high; the normalized (low-s) twin verifies too and has the same r.
        let normalized = sig.normalized_bytes();
        let der = b64(SG_SIG);
        assert_eq!(&normalized[..32], &der[4..36]);
        assert_ne!(&normalized[32..], &der[39..71]);
        let twin = P256Signature {
            sig: p256::ecdsa::Signature::from_slice(&normalized).unwrap(),
        };
        assert!(key.verify_sha256(&[b"1600112502", SG_BODY.as_bytes()], &twin));
        assert_eq!(twin.normalized_bytes(), normalized);
        assert_eq!(key.to_spki_der(), b64(SG_KEY));
    }

    #[test]
    fn der_must_be_strict() {
        let der = b64(SG_SIG);
        assert!(P256Signature::from_der(&der).is_some());
        // Trailing byte.
        assert!(P256Signature::from_der(&[der.clone(), vec![0]].concat()).is_none());
        // r with a superfluous leading zero (r is 0x61…, positive without it).
        let mut padded = vec![0x30, der[1] + 1, 0x02, 0x21, 0x00];
        padded.extend(&der[4..]);
        assert!(P256Signature::from_der(&padded).is_none());
        // Long-form length for the sequence.
        let mut long = vec![0x30, 0x81, der[1]];
        long.extend(&der[2..]);
        assert!(P256Signature::from_der(&long).is_none());
        // r = 0 and garbage.
        assert!(P256Signature::from_der(&[0x30, 6, 2, 1, 0, 2, 1, 1]).is_none());
        assert!(P256Signature::from_der(&[]).is_none());
        assert!(P256Signature::from_der(&[0x30; 72]).is_none());
        // s = n (the group order) is out of range.
        let n = bytes("00ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        let mut s_is_n = vec![0x30, 0x45, 0x02, 0x20];
        s_is_n.extend(&der[4..36]);
        s_is_n.extend([0x02, 0x21]);
        s_is_n.extend(&n);
        assert!(P256Signature::from_der(&s_is_n).is_none());
    }

    #[test]
    fn p256_round_trip_and_bad_keys() {
        let key = P256SigningKey::from_scalar(&[0x11; 32]).unwrap();
        let pkcs8 = key.to_pkcs8_der().unwrap();
        assert_eq!(pkcs8.kind(), KeyKind::P256Private);
        let again = P256SigningKey::from_pkcs8_der(pkcs8.expose_secret()).unwrap();
        let sig = again.sign_sha256(&[b"12", b"body"]).unwrap();
        let public = P256PublicKey::from_spki_der(&key.public_key().to_spki_der()).unwrap();
        assert!(public.verify_sha256(&[b"12body"], &sig));
        let reparsed = P256Signature::from_der(&sig.to_der()).unwrap();
        assert!(public.verify_sha256(&[b"1", b"2body"], &reparsed));
        assert!(!public.verify_sha256(&[b"12bodz"], &sig));

        assert!(P256SigningKey::from_scalar(&[0; 32]).is_err());
        assert!(P256SigningKey::from_scalar(&[0xff; 32]).is_err());
        assert!(P256SigningKey::from_scalar(&[1; 31]).is_err());
        assert!(P256SigningKey::from_pkcs8_der(b"nope").is_err());
        let mut spki = b64(SG_KEY);
        *spki.last_mut().unwrap() ^= 1; // y no longer on the curve
        assert_eq!(
            P256PublicKey::from_spki_der(&spki).unwrap_err().kind(),
            "invalid_secret"
        );
        assert!(P256PublicKey::from_spki_der(&b64(SG_KEY)[..40]).is_err());
        assert!(P256PublicKey::from_spki_der(&[]).is_err());
        assert!(P256PublicKey::from_sec1(&b64(SG_KEY)[26..]).is_ok());
        assert!(P256PublicKey::from_sec1(&[4; 65]).is_err());
    }

    #[test]
    fn debug_hides_private_keys() {
        let key = Ed25519SigningKey::from_bytes(&bytes(SEED1)).unwrap();
        assert_eq!(format!("{key:?}"), "Ed25519SigningKey(REDACTED)");
        let p = P256SigningKey::from_scalar(&[0x11; 32]).unwrap();
        assert_eq!(format!("{p:?}"), "P256SigningKey(REDACTED)");
    }
}
