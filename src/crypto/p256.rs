//! ECDSA P-256 with SHA-256 (SendGrid) over a message given in several pieces: the pieces are
//! hashed with SHA-256 and that prehash is signed or verified. Compiled with the `p256`
//! feature.
//!
//! The types wrap [`p256`](https://docs.rs/p256) without exposing it. Key parsing errors are
//! [`Error::InvalidSecret`]; signature checks answer `true` / `false`, and callers turn
//! `false` into [`Error::SignatureMismatch`].

use std::fmt;

use ::p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use ::p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey};
use sha2::Digest as _;

use crate::error::Error;
/// An ECDSA P-256 public key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct P256PublicKey {
    key: ::p256::ecdsa::VerifyingKey,
}

impl P256PublicKey {
    /// Parses a DER `SubjectPublicKeyInfo` (what SendGrid shows, base64-encoded, and what a
    /// PEM `PUBLIC KEY` block holds). The point must be on the curve.
    pub(crate) fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
        ::p256::ecdsa::VerifyingKey::from_public_key_der(der)
            .map(|key| Self { key })
            .map_err(|_| {
                Error::InvalidSecret("not a DER SubjectPublicKeyInfo of a P-256 public key")
            })
    }

    /// Parses a SEC1 point (65 bytes uncompressed `04 ‖ x ‖ y`, or 33 bytes compressed).
    #[cfg(test)]
    pub(crate) fn from_sec1(bytes: &[u8]) -> Result<Self, Error> {
        ::p256::ecdsa::VerifyingKey::from_sec1_bytes(bytes)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidSecret("not a SEC1 encoding of a P-256 point"))
    }

    /// The key as DER `SubjectPublicKeyInfo`.
    pub(crate) fn to_spki_der(self) -> Vec<u8> {
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
    #[cfg(test)]
    pub(crate) fn verify_sha256(&self, parts: &[&[u8]], signature: &P256Signature) -> bool {
        self.verify_sha256_prehash(&sha256(parts), signature)
    }

    /// As [`P256PublicKey::verify_sha256`], given the SHA-256 of the message ([`sha256`]), so
    /// that a body is hashed once however many keys are tried.
    #[must_use]
    pub(crate) fn verify_sha256_prehash(
        &self,
        prehash: &[u8; 32],
        signature: &P256Signature,
    ) -> bool {
        self.key.verify_prehash(prehash, &signature.sig).is_ok()
    }
}

impl fmt::Debug for P256PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P256PublicKey({})",
            crate::crypto::encoding::encode_hex(self.key.to_sec1_point(true).as_bytes())
        )
    }
}

/// An ECDSA P-256 signature, parsed from DER.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct P256Signature {
    sig: ::p256::ecdsa::Signature,
}

impl P256Signature {
    /// Parses an ASN.1 DER `SEQUENCE { r INTEGER, s INTEGER }`. `None` when it is not strict
    /// DER (long-form or wrong lengths, superfluous leading zeros, trailing bytes) or when `r`
    /// or `s` is zero or not below the group order.
    pub(crate) fn from_der(der: &[u8]) -> Option<Self> {
        ::p256::ecdsa::Signature::from_der(der)
            .ok()
            .map(|sig| Self { sig })
    }

    /// The signature as 64 bytes `r ‖ s` with `s` replaced by `n − s` when it is high. Both
    /// `(r, s)` and `(r, n − s)` verify, so this form (or `r` alone) is what identifies a
    /// delivery for replay protection.
    #[cfg(test)]
    pub(crate) fn normalized_bytes(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        let bytes = self.sig.normalize_s().to_bytes();
        for (o, b) in out.iter_mut().zip(bytes.iter()) {
            *o = *b;
        }
        out
    }

    /// The signature as DER.
    pub(crate) fn to_der(self) -> Vec<u8> {
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
pub(crate) struct P256SigningKey {
    key: ::p256::ecdsa::SigningKey,
}

impl P256SigningKey {
    /// Parses a DER PKCS#8 `PrivateKeyInfo` (a PEM `PRIVATE KEY` block without its armour).
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        ::p256::ecdsa::SigningKey::from_pkcs8_der(der)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidSecret("not a DER PKCS#8 P-256 private key"))
    }

    /// A key from its 32-byte big-endian scalar (must be non-zero and below the group order).
    pub(crate) fn from_scalar(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != 32 {
            return Err(Error::InvalidSecret(
                "P-256 private scalar must be 32 bytes",
            ));
        }
        ::p256::ecdsa::SigningKey::from_slice(bytes)
            .map(|key| Self { key })
            .map_err(|_| Error::InvalidSecret("not a P-256 private scalar"))
    }

    /// The key as DER PKCS#8, held in a zeroized [`Secret`] tagged [`KeyKind::P256Private`].
    #[cfg(test)]
    pub(crate) fn to_pkcs8_der(&self) -> Result<crate::secret::Secret, Error> {
        use crate::secret::{KeyKind, Secret};
        use ::p256::pkcs8::EncodePrivateKey as _;
        self.key
            .to_pkcs8_der()
            .map(|doc| Secret::from_bytes(doc.as_bytes()).with_kind(KeyKind::P256Private))
            .map_err(|_| Error::InvalidSecret("cannot encode the P-256 key as PKCS#8"))
    }

    /// The matching public key.
    pub(crate) fn public_key(&self) -> P256PublicKey {
        P256PublicKey {
            key: *self.key.verifying_key(),
        }
    }

    /// The DER signature (deterministic, RFC 6979) of SHA-256 over the concatenation of
    /// `parts`, hashed in pieces.
    pub(crate) fn sign_sha256(&self, parts: &[&[u8]]) -> Result<P256Signature, Error> {
        let prehash = sha256(parts);
        PrehashSigner::<::p256::ecdsa::Signature>::sign_prehash(&self.key, &prehash)
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
pub(crate) fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The SendGrid vector of sendgrid-nodejs's tests (see tests/vectors/sendgrid.json).
    const SG_KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    const SG_SIG: &str = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    const SG_BODY: &str = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

    fn bytes(h: &str) -> Vec<u8> {
        hex::decode(h).unwrap()
    }

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
            sig: ::p256::ecdsa::Signature::from_slice(&normalized).unwrap(),
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
        assert_eq!(pkcs8.kind(), crate::secret::KeyKind::P256Private);
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
        let p = P256SigningKey::from_scalar(&[0x11; 32]).unwrap();
        assert_eq!(format!("{p:?}"), "P256SigningKey(REDACTED)");
    }
}
