//! Ed25519 signatures (Discord, Standard Webhooks `v1a`) over a message given in several
//! pieces. Compiled with the `ed25519` feature.
//!
//! Nothing here concatenates the signed content: verification and signing hash the pieces in
//! turn (pure Ed25519 needs the whole message, but never in one buffer: the verifier hashes
//! `R ‖ A ‖ M` and the signer hashes `prefix ‖ M` then `R ‖ A ‖ M`, each incrementally).
//! Verification does not allocate.
//!
//! The types wrap [`ed25519-dalek`](https://docs.rs/ed25519-dalek) without exposing it. Key
//! parsing errors are [`Error::InvalidSecret`]; signature checks answer `true` / `false`, and
//! callers turn `false` into [`Error::SignatureMismatch`].

use std::fmt;

use ed25519_dalek::ed25519::signature::{MultipartSigner, MultipartVerifier};

use crate::error::Error;
/// Length of an Ed25519 public key or private seed, in bytes.
pub(crate) const ED25519_KEY_LEN: usize = 32;
/// Length of an Ed25519 signature, in bytes.
pub(crate) const ED25519_SIGNATURE_LEN: usize = 64;

/// An Ed25519 public key, checked when parsed.
///
/// Verification is strict, as libsodium's `crypto_sign_verify_detached` (which Discord's and
/// Svix's own stacks build on): the key must be a canonical encoding of a point that is not of
/// small order; a signature's `R` must decode to a point not of small order and its `S` must be
/// reduced (below the group order). So no signature is malleable and no "weak key" accepts
/// forgeries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ed25519PublicKey {
    key: ed25519_dalek::VerifyingKey,
}

impl Ed25519PublicKey {
    /// Parses 32 public-key bytes.
    ///
    /// Errors ([`Error::InvalidSecret`]): not 32 bytes, not a curve point, a non-canonical
    /// encoding, or a point of small order.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
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
    pub(crate) fn to_bytes(self) -> [u8; ED25519_KEY_LEN] {
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
    pub(crate) fn verify(&self, parts: &[&[u8]], signature: &[u8]) -> bool {
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
        write!(
            f,
            "Ed25519PublicKey({})",
            crate::crypto::encoding::encode_hex(self.key.as_bytes())
        )
    }
}

/// An Ed25519 private key, for signers (tests, the CLI). Zeroized when dropped; `Debug` shows
/// nothing of it.
#[derive(Clone)]
pub(crate) struct Ed25519SigningKey {
    key: ed25519_dalek::SigningKey,
}

impl Ed25519SigningKey {
    /// A key from its 32-byte seed (RFC 8032's private key), or from 64 bytes `seed ‖ public
    /// key` (the layout of libsodium, Go's `crypto/ed25519` and Svix's `whsk_` keys), whose
    /// public half must then match the seed.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
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
    pub(crate) fn public_key(&self) -> Ed25519PublicKey {
        Ed25519PublicKey {
            key: self.key.verifying_key(),
        }
    }

    /// The 64-byte signature of the concatenation of `parts` (pure Ed25519, RFC 8032), computed
    /// without concatenating them.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> [u8; ED25519_SIGNATURE_LEN] {
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
    #[test]
    fn debug_hides_private_keys() {
        let key = Ed25519SigningKey::from_bytes(&bytes(SEED1)).unwrap();
        assert_eq!(format!("{key:?}"), "Ed25519SigningKey(REDACTED)");
    }
}
