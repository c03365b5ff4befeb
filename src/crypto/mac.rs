//! HMAC over several slices (no concatenation) and constant-time matching of candidates.

use std::sync::OnceLock;

use hmac::{Hmac, KeyInit, Mac};
use subtle::{Choice, ConstantTimeEq};

use crate::crypto::encoding::{SignatureBuf, SignatureEncoding};
use crate::error::Error;
use crate::secret::{Secret, Secrets};

/// The most signatures one request may list. More is treated as a malformed header, so that a
/// hostile header cannot make us compute unbounded comparisons.
pub const MAX_SIGNATURES: usize = 16;

/// The hash inside an HMAC scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MacAlgorithm {
    /// HMAC-SHA1 (Twilio, Intercom, legacy GitHub). 20-byte tags.
    Sha1,
    /// HMAC-SHA256 (almost everyone). 32-byte tags.
    Sha256,
    /// HMAC-SHA512. 64-byte tags.
    Sha512,
}

/// An HMAC tag held on the stack.
#[derive(Clone, Copy)]
pub struct Tag {
    bytes: [u8; 64],
    len: usize,
}

impl Tag {
    /// The tag bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

impl MacAlgorithm {
    /// HMAC of the concatenation of `parts` under `key`, without concatenating anything.
    pub fn compute(self, key: &[u8], parts: &[&[u8]]) -> Result<Tag, Error> {
        match self {
            MacAlgorithm::Sha1 => finish(keyed::<sha1::Sha1>(key)?, parts),
            MacAlgorithm::Sha256 => finish(keyed::<sha2::Sha256>(key)?, parts),
            MacAlgorithm::Sha512 => finish(keyed::<sha2::Sha512>(key)?, parts),
        }
    }

    /// [`MacAlgorithm::compute`] under `secret`, starting from the state keyed with it once
    /// and kept with the secret: the key schedule (two hash blocks) is not redone per call.
    pub fn compute_with(self, secret: &Secret, parts: &[&[u8]]) -> Result<Tag, Error> {
        let macs = secret.macs();
        let key = secret.expose_secret();
        match self {
            MacAlgorithm::Sha1 => finish(cached(&macs.sha1, key)?.clone(), parts),
            MacAlgorithm::Sha256 => finish(cached(&macs.sha256, key)?.clone(), parts),
            MacAlgorithm::Sha512 => finish(cached(&macs.sha512, key)?.clone(), parts),
        }
    }
}

/// A copy of the HMAC-SHA1 state keyed with `secret` (kept with it), for schemes that feed
/// the MAC themselves.
pub(crate) fn keyed_sha1(secret: &Secret) -> Result<Hmac<sha1::Sha1>, Error> {
    cached(&secret.macs().sha1, secret.expose_secret()).cloned()
}

/// A fresh HMAC state keyed with `key`.
pub(crate) fn keyed<D>(key: &[u8]) -> Result<Hmac<D>, Error>
where
    D: hmac::EagerHash,
    Hmac<D>: KeyInit,
{
    <Hmac<D> as KeyInit>::new_from_slice(key)
        .map_err(|_| Error::InvalidSecret("key length not accepted by HMAC"))
}

/// The state in `slot`, keyed with `key` on first use.
fn cached<'s, D>(slot: &'s OnceLock<Hmac<D>>, key: &[u8]) -> Result<&'s Hmac<D>, Error>
where
    D: hmac::EagerHash,
    Hmac<D>: KeyInit,
{
    if let Some(state) = slot.get() {
        return Ok(state);
    }
    let state = keyed::<D>(key)?;
    Ok(slot.get_or_init(|| state))
}

/// Feeds `parts` to a keyed state and copies the tag out.
fn finish<M: Mac>(mut mac: M, parts: &[&[u8]]) -> Result<Tag, Error> {
    for part in parts {
        mac.update(part);
    }
    let tag = mac.finalize().into_bytes();
    let mut out = Tag {
        bytes: [0; 64],
        len: tag.len(),
    };
    out.bytes
        .get_mut(..tag.len())
        .ok_or(Error::Unsupported("tag longer than 64 bytes"))?
        .copy_from_slice(&tag);
    Ok(out)
}

/// HMAC states keyed with one [`Secret`], made on first use and kept with it. Each state
/// zeroizes itself when dropped (the `zeroize` features of `hmac`, `sha1` and `sha2`). Held
/// inline (about 0.7 KB), so that keying on first use does not allocate on the verify path.
#[derive(Clone, Default)]
pub(crate) struct KeyedMacs {
    sha1: OnceLock<Hmac<sha1::Sha1>>,
    sha256: OnceLock<Hmac<sha2::Sha256>>,
    sha512: OnceLock<Hmac<sha2::Sha512>>,
}

/// Up to [`MAX_SIGNATURES`] encoded signatures borrowed from a header, gathered without
/// allocation.
#[derive(Clone, Copy)]
pub struct Candidates<'a> {
    items: [&'a [u8]; MAX_SIGNATURES],
    len: usize,
}

impl<'a> Default for Candidates<'a> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Candidates<'a> {
    /// An empty list.
    pub const fn new() -> Self {
        Self {
            items: [&[]; MAX_SIGNATURES],
            len: 0,
        }
    }

    /// A list of one.
    pub fn one(signature: &'a [u8]) -> Self {
        let mut list = Self::new();
        list.items[0] = signature;
        list.len = 1;
        list
    }

    /// Adds a candidate; an error naming `header` once more than [`MAX_SIGNATURES`] are listed.
    pub fn push(&mut self, signature: &'a [u8], header: &'static str) -> Result<(), Error> {
        let slot = self
            .items
            .get_mut(self.len)
            .ok_or(Error::malformed(header, "lists more than 16 signatures"))?;
        *slot = signature;
        self.len += 1;
        Ok(())
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` when no candidate was listed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The candidates in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        self.items.iter().take(self.len).copied()
    }
}

/// Checks that some secret's HMAC over `parts` equals some candidate, in constant time per
/// comparison. Returns the matching candidate's decoded bytes (useful as a replay id).
///
/// Candidates that do not decode in `encoding` cannot match and are skipped; if none decodes,
/// the header is malformed.
pub fn verify_hmac(
    algorithm: MacAlgorithm,
    secrets: &Secrets,
    parts: &[&[u8]],
    candidates: &Candidates<'_>,
    encoding: SignatureEncoding,
    header: &'static str,
) -> Result<SignatureBuf, Error> {
    let mut found: Option<SignatureBuf> = None;
    let mut any_decoded = false;
    for secret in secrets {
        let tag = algorithm.compute_with(secret, parts)?;
        // Decoding is cheap next to the MAC; redoing it per secret keeps the stack small.
        for candidate in candidates.iter().filter_map(|text| encoding.decode(text)) {
            any_decoded = true;
            if constant_time_eq(tag.as_bytes(), candidate.as_bytes()) {
                found = Some(candidate);
            }
        }
        if !any_decoded {
            // Nothing listed can ever match: say so instead of computing more MACs.
            return Err(Error::malformed(
                header,
                match encoding {
                    SignatureEncoding::Hex => "signature is not lower-case hex",
                    SignatureEncoding::Base64 => "signature is not base64",
                },
            ));
        }
    }
    found.ok_or(Error::SignatureMismatch)
}

/// Constant-time equality of two byte strings (lengths are not secret).
///
/// The bytes are compared eight at a time as words, each through `subtle`'s `ct_eq` and
/// combined as [`Choice`]s: the same guarantee as `subtle`'s byte-slice comparison with an
/// eighth of its optimisation barriers (which are most of its cost on a 32-byte tag).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    fn word(chunk: &[u8]) -> u64 {
        let mut bytes = [0u8; 8];
        for (slot, byte) in bytes.iter_mut().zip(chunk) {
            *slot = *byte;
        }
        u64::from_le_bytes(bytes)
    }
    if a.len() != b.len() {
        return false;
    }
    let mut equal = Choice::from(1);
    for (x, y) in a.chunks(8).zip(b.chunks(8)) {
        equal &= word(x).ct_eq(&word(y));
    }
    bool::from(equal)
}

impl std::fmt::Debug for Candidates<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Candidates({} signatures)", self.len)
    }
}

impl std::fmt::Debug for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tag({} bytes)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    #[test]
    fn keyed_states_give_the_same_tags_as_fresh_ones() {
        use zeroize::Zeroize;
        // Keys shorter than, equal to and longer than the SHA-256 block (longer keys are hashed).
        for key in [&b"k"[..], &[7u8; 64][..], &[9u8; 200][..]] {
            let mut secret = Secret::from_bytes(key);
            for algorithm in [
                MacAlgorithm::Sha1,
                MacAlgorithm::Sha256,
                MacAlgorithm::Sha512,
            ] {
                for parts in [&[][..], &[&b"a"[..], b".", b"body"][..]] {
                    let fresh = algorithm.compute(key, parts).unwrap();
                    // First use keys the cache, the second starts from it.
                    for _ in 0..2 {
                        let cached = algorithm.compute_with(&secret, parts).unwrap();
                        assert_eq!(cached.as_bytes(), fresh.as_bytes());
                    }
                    let clone = secret.clone();
                    let cloned = algorithm.compute_with(&clone, parts).unwrap();
                    assert_eq!(cloned.as_bytes(), fresh.as_bytes());
                }
            }
            // Zeroizing forgets the keyed states along with the key.
            secret.zeroize();
            let empty = MacAlgorithm::Sha256.compute(b"", &[b"x"]).unwrap();
            let after = MacAlgorithm::Sha256.compute_with(&secret, &[b"x"]).unwrap();
            assert_eq!(after.as_bytes(), empty.as_bytes());
        }
    }

    #[test]
    fn constant_time_eq_sees_every_byte_of_every_length() {
        for len in [0usize, 1, 7, 8, 9, 20, 32, 63, 64, 72] {
            let a: Vec<u8> = (0..len).map(|i| i as u8 ^ 0x5a).collect();
            assert!(constant_time_eq(&a, &a.clone()), "len {len}");
            for at in 0..len {
                for bit in 0..8 {
                    let mut b = a.clone();
                    b[at] ^= 1 << bit;
                    assert!(!constant_time_eq(&a, &b), "len {len}, byte {at}, bit {bit}");
                }
            }
            let mut longer = a.clone();
            longer.push(0);
            assert!(
                !constant_time_eq(&a, &longer),
                "a zero byte more is not equal"
            );
        }
    }

    #[test]
    fn pieces_equal_concatenation() {
        let whole = MacAlgorithm::Sha256
            .compute(b"k", &[b"hello world"])
            .unwrap();
        let parts = MacAlgorithm::Sha256
            .compute(b"k", &[b"hello", b" ", b"world"])
            .unwrap();
        assert_eq!(whole.as_bytes(), parts.as_bytes());
        assert_eq!(
            MacAlgorithm::Sha1
                .compute(b"k", &[])
                .unwrap()
                .as_bytes()
                .len(),
            20
        );
        assert_eq!(
            MacAlgorithm::Sha512
                .compute(b"k", &[])
                .unwrap()
                .as_bytes()
                .len(),
            64
        );
    }

    #[test]
    fn rfc4231_case_2() {
        let tag = MacAlgorithm::Sha256
            .compute(b"Jefe", &[b"what do ya want ", b"for nothing?"])
            .unwrap();
        assert_eq!(
            hex::encode(tag.as_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn seventeen_candidates_are_malformed() {
        let mut list = Candidates::new();
        for _ in 0..MAX_SIGNATURES {
            list.push(b"00", "h").unwrap();
        }
        assert_eq!(
            list.push(b"00", "h").unwrap_err().kind(),
            "malformed_header"
        );
    }

    #[test]
    fn any_secret_any_candidate() {
        let good = MacAlgorithm::Sha256.compute(b"new", &[b"body"]).unwrap();
        let good_hex = hex::encode(good.as_bytes());
        let secrets = Secrets::new(Secret::from_text("old")).with(Secret::from_text("new"));
        let mut list = Candidates::new();
        list.push(b"zz", "h").unwrap();
        list.push(b"00", "h").unwrap();
        list.push(good_hex.as_bytes(), "h").unwrap();
        let ok = verify_hmac(
            MacAlgorithm::Sha256,
            &secrets,
            &[b"body"],
            &list,
            SignatureEncoding::Hex,
            "h",
        );
        assert_eq!(ok.unwrap().as_bytes(), good.as_bytes());
        let bad = verify_hmac(
            MacAlgorithm::Sha256,
            &secrets,
            &[b"bodz"],
            &list,
            SignatureEncoding::Hex,
            "h",
        );
        assert_eq!(bad.unwrap_err(), Error::SignatureMismatch);
        let junk = verify_hmac(
            MacAlgorithm::Sha256,
            &secrets,
            &[b"body"],
            &Candidates::one(b"xyz"),
            SignatureEncoding::Hex,
            "h",
        );
        assert_eq!(junk.unwrap_err().kind(), "malformed_header");
    }
}
