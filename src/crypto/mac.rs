//! HMAC over several slices (no concatenation), keyed infallibly, and the crate's one
//! "each tag × each listed signature" loop, compared in constant time with `subtle`.

use std::sync::OnceLock;

use hmac::{Hmac, KeyInit, Mac};
use subtle::{Choice, ConstantTimeEq};
use zeroize::Zeroize;

use crate::crypto::encoding::{SignatureBuf, SignatureEncoding};
use crate::error::Error;
use crate::secret::Secret;

/// The most signatures one request may list. More is treated as a malformed header, so that a
/// hostile header cannot make us compute unbounded comparisons.
pub(crate) const MAX_SIGNATURES: usize = 16;

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
pub(crate) struct Tag {
    bytes: [u8; 64],
    len: usize,
}

impl Tag {
    /// The tag bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    /// Finishes a keyed state that was fed elsewhere.
    pub(crate) fn of<M: Mac>(mac: M) -> Self {
        let tag = mac.finalize().into_bytes();
        let mut out = Tag {
            bytes: [0; 64],
            len: tag.len().min(64),
        };
        // Every supported hash has at most 64 bytes of output.
        for (slot, byte) in out.bytes.iter_mut().zip(tag.iter()) {
            *slot = *byte;
        }
        out
    }
}

impl MacAlgorithm {
    /// HMAC of the concatenation of `parts` under `key`, without concatenating anything.
    pub(crate) fn compute(self, key: &[u8], parts: &[&[u8]]) -> Tag {
        match self {
            MacAlgorithm::Sha1 => finish(keyed::<sha1::Sha1>(key), parts),
            MacAlgorithm::Sha256 => finish(keyed::<sha2::Sha256>(key), parts),
            MacAlgorithm::Sha512 => finish(keyed::<sha2::Sha512>(key), parts),
        }
    }

    /// [`MacAlgorithm::compute`] under `secret`, starting from the state keyed with it once
    /// and kept with the secret: the key schedule (two hash blocks) is not redone per call.
    pub(crate) fn compute_with(self, secret: &Secret, parts: &[&[u8]]) -> Tag {
        let macs = secret.macs();
        let key = secret.expose_secret();
        match self {
            MacAlgorithm::Sha1 => finish(cached(&macs.sha1, key).clone(), parts),
            MacAlgorithm::Sha256 => finish(cached(&macs.sha256, key).clone(), parts),
            MacAlgorithm::Sha512 => finish(cached(&macs.sha512, key).clone(), parts),
        }
    }
}

/// A copy of the HMAC-SHA1 state keyed with `secret` (kept with it), for schemes that feed
/// the MAC themselves.
pub(crate) fn keyed_sha1(secret: &Secret) -> Hmac<sha1::Sha1> {
    cached(&secret.macs().sha1, secret.expose_secret()).clone()
}

/// A copy of the HMAC-SHA256 state keyed with `secret` (kept with it), for schemes that feed
/// the MAC themselves.
pub(crate) fn keyed_sha256(secret: &Secret) -> Hmac<sha2::Sha256> {
    cached(&secret.macs().sha256, secret.expose_secret()).clone()
}

/// A fresh HMAC state keyed with `key`, of any length: RFC 2104 keys are hashed when longer
/// than the hash's block and zero-padded into one block otherwise, so keying cannot fail.
pub(crate) fn keyed<D: hmac::EagerHash>(key: &[u8]) -> Hmac<D> {
    let mut block = hmac::digest::Key::<Hmac<D>>::default();
    if key.len() <= block.len() {
        for (slot, byte) in block.iter_mut().zip(key) {
            *slot = *byte;
        }
    } else {
        let mut hashed = D::digest(key);
        for (slot, byte) in block.iter_mut().zip(hashed.iter()) {
            *slot = *byte;
        }
        hashed.as_mut_slice().zeroize();
    }
    let state = <Hmac<D> as KeyInit>::new(&block);
    block.as_mut_slice().zeroize();
    state
}

/// The state in `slot`, keyed with `key` on first use.
fn cached<'s, D: hmac::EagerHash>(slot: &'s OnceLock<Hmac<D>>, key: &[u8]) -> &'s Hmac<D> {
    slot.get_or_init(|| keyed::<D>(key))
}

/// Feeds `parts` to a keyed state and copies the tag out.
fn finish<M: Mac>(mut mac: M, parts: &[&[u8]]) -> Tag {
    for part in parts {
        mac.update(part);
    }
    Tag::of(mac)
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
pub(crate) struct Candidates<'a> {
    items: [&'a [u8]; MAX_SIGNATURES],
    len: usize,
}

impl<'a> Candidates<'a> {
    /// An empty list.
    pub(crate) const fn new() -> Self {
        Self {
            items: [&[]; MAX_SIGNATURES],
            len: 0,
        }
    }

    /// A list of one.
    pub(crate) fn one(signature: &'a [u8]) -> Self {
        let mut list = Self::new();
        list.items[0] = signature;
        list.len = 1;
        list
    }

    /// Adds a candidate; an error naming `header` once more than [`MAX_SIGNATURES`] are listed.
    pub(crate) fn push(&mut self, signature: &'a [u8], header: &'static str) -> Result<(), Error> {
        let slot = self
            .items
            .get_mut(self.len)
            .ok_or(Error::malformed(header, "lists more than 16 signatures"))?;
        *slot = signature;
        self.len += 1;
        Ok(())
    }

    /// Number of candidates.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// `true` when no candidate was listed.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The candidates in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a [u8]> + Clone + '_ {
        self.items.iter().take(self.len).copied()
    }
}

/// `a == b` in constant time: lengths (public) may differ at once; equal-length slices are
/// XOR-ed word by word into one accumulator with no early exit, and only that accumulator goes
/// through `subtle` (`ConstantTimeEq` on a `u64`, behind its optimisation barrier).
///
/// `subtle`'s own slice comparison passes every byte through the barrier, a store and reload
/// per byte: about 50 ns for a 32-byte tag, a fifth of a 256-byte HMAC. This is the same
/// comparison (every byte is read whatever the earlier ones were) at about 3 ns.
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> Choice {
    if a.len() != b.len() {
        return Choice::from(0);
    }
    let mut diff = 0u64;
    let (a_words, b_words) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in a_words.remainder().iter().zip(b_words.remainder()) {
        diff |= u64::from(x ^ y);
    }
    for (x, y) in a_words.zip(b_words) {
        let (mut wx, mut wy) = ([0u8; 8], [0u8; 8]);
        wx.copy_from_slice(x);
        wy.copy_from_slice(y);
        diff |= u64::from_ne_bytes(wx) ^ u64::from_ne_bytes(wy);
    }
    diff.ct_eq(&0)
}

/// The one "secrets × candidates" loop: `true` when any tag equals any candidate. Every pair is
/// compared, in constant time ([`ct_eq`]), whatever matched before; only lengths, which are
/// public, may end a comparison early. `tags` is lazy (typically one HMAC per secret), and
/// `candidates` is walked once per tag, so candidates decoded on the fly are decoded lazily.
pub(crate) fn any_equal<T, C>(
    tags: impl IntoIterator<Item = T>,
    candidates: impl Iterator<Item = C> + Clone,
) -> bool
where
    T: AsRef<[u8]>,
    C: AsRef<[u8]>,
{
    let mut matched = Choice::from(0);
    for tag in tags {
        for candidate in candidates.clone() {
            matched |= ct_eq(tag.as_ref(), candidate.as_ref());
        }
    }
    matched.into()
}

/// `true` when `token` — a shared token sent as is (GitLab's `X-Gitlab-Token`, Okta's
/// authorization header, Microsoft Graph's `clientState`, Meta's verify token) — equals one of
/// `secrets`. Compares SHA-256 digests, not the texts: a comparison of unequal lengths returns
/// at once, which would tell a prober how long the token is; digests are always 32 bytes.
pub(crate) fn token_matches(secrets: &crate::secret::Secrets, token: &[u8]) -> bool {
    token_matches_any(secrets.iter().map(|secret| secret.expose_secret()), token)
}

/// [`token_matches`] against any list of expected tokens (a provider's own setting, such as
/// Meta's verify token).
pub(crate) fn token_matches_any<'a>(
    expected: impl IntoIterator<Item = &'a [u8]>,
    token: &[u8],
) -> bool {
    use sha2::Digest as _;
    digest_matches_any(expected, sha2::Sha256::digest(token))
}

/// [`token_matches`] for a token whose SHA-256 digest the caller computed itself, while
/// decoding it (Postmark's basic-auth credentials, hashed as they are decoded).
pub(crate) fn token_digest_matches(
    secrets: &crate::secret::Secrets,
    token_digest: impl AsRef<[u8]> + Clone,
) -> bool {
    digest_matches_any(
        secrets.iter().map(|secret| secret.expose_secret()),
        token_digest,
    )
}

/// `true` when `token_digest` is the SHA-256 digest of one of `expected`, compared in
/// constant time ([`any_equal`]).
fn digest_matches_any<'a>(
    expected: impl IntoIterator<Item = &'a [u8]>,
    token_digest: impl AsRef<[u8]> + Clone,
) -> bool {
    use sha2::Digest as _;
    let expected_digests = expected.into_iter().map(sha2::Sha256::digest);
    any_equal(expected_digests, std::iter::once(token_digest))
}

/// The candidates that decode in `encoding`, decoded as they are walked (those that do not
/// decode cannot match and are skipped); `None` when none decodes. The first that decodes is
/// decoded once here, however often the list is walked.
pub(crate) fn decode_lazily<'c>(
    candidates: &'c Candidates<'_>,
    encoding: SignatureEncoding,
) -> Option<impl Iterator<Item = SignatureBuf> + Clone + 'c> {
    let mut rest = candidates.iter();
    let first = rest.by_ref().find_map(|text| encoding.decode(text))?;
    Some(std::iter::once(first).chain(rest.filter_map(move |text| encoding.decode(text))))
}

/// Checks encoded `candidates` against `tags` with [`any_equal`], decoding each candidate in
/// `encoding` as it is compared ([`decode_lazily`]). When none decodes the header is malformed,
/// said before the first tag is computed.
pub(crate) fn verify_encoded<T: AsRef<[u8]>>(
    tags: impl IntoIterator<Item = T>,
    candidates: &Candidates<'_>,
    encoding: SignatureEncoding,
    header: &'static str,
) -> Result<(), Error> {
    let Some(decoded) = decode_lazily(candidates, encoding) else {
        return Err(Error::malformed(header, undecodable(candidates, encoding)));
    };
    if any_equal(tags, decoded) {
        Ok(())
    } else {
        Err(Error::SignatureMismatch)
    }
}

/// Why no candidate decodes, as precisely as the text allows (the error path only).
fn undecodable(candidates: &Candidates<'_>, encoding: SignatureEncoding) -> &'static str {
    let any = |test: fn(&u8) -> bool| candidates.iter().any(|c| c.iter().any(test));
    if candidates.iter().any(<[u8]>::is_empty) {
        "the signature is empty"
    } else if any(u8::is_ascii_whitespace) {
        "the signature contains whitespace (a stray space after the prefix?)"
    } else if encoding == SignatureEncoding::Hex
        && candidates
            .iter()
            .any(|c| c.iter().all(u8::is_ascii_hexdigit) && c.iter().any(u8::is_ascii_uppercase))
    {
        "the signature is upper-case hex; senders write lower case"
    } else {
        encoding.undecodable()
    }
}

impl AsRef<[u8]> for Tag {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsRef<[u8]> for SignatureBuf {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
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
    use crate::crypto::encoding::{decode_hex_any_case, encode_hex};
    use crate::secret::{Secret, Secrets};

    fn one(signature: &[u8]) -> Candidates<'_> {
        let mut list = Candidates::new();
        list.push(signature, "h").unwrap();
        list
    }

    #[test]
    fn undecodable_signatures_say_why() {
        let reason = |text: &[u8], encoding| match verify_encoded(
            [Tag::of(keyed::<sha2::Sha256>(b"k"))],
            &one(text),
            encoding,
            "h",
        ) {
            Err(Error::MalformedHeader { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        let hex = SignatureEncoding::Hex;
        assert!(reason(b" 00ff", hex).contains("whitespace"));
        assert!(reason(b"00FF", hex).contains("upper-case"));
        assert_eq!(reason(b"zz", hex), hex.undecodable());
        let b64 = SignatureEncoding::Base64;
        assert!(reason(b"AA AA", b64).contains("whitespace"));
        assert_eq!(reason(b"!!!!", b64), b64.undecodable());
    }

    #[test]
    fn ct_eq_agrees_with_eq_for_every_length_and_position() {
        for len in 0..=70usize {
            let a: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            assert!(bool::from(ct_eq(&a, &a.clone())), "{len}");
            for pos in 0..len {
                for bit in [0x01u8, 0x80] {
                    let mut b = a.clone();
                    if let Some(byte) = b.get_mut(pos) {
                        *byte ^= bit;
                    }
                    assert!(!bool::from(ct_eq(&a, &b)), "{len} {pos} {bit}");
                }
            }
            let longer = [a.as_slice(), &[0]].concat();
            assert!(!bool::from(ct_eq(&a, &longer)));
        }
    }

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
                    let fresh = algorithm.compute(key, parts);
                    // First use keys the cache, the second starts from it.
                    for _ in 0..2 {
                        let cached = algorithm.compute_with(&secret, parts);
                        assert_eq!(cached.as_bytes(), fresh.as_bytes());
                    }
                    let clone = secret.clone();
                    let cloned = algorithm.compute_with(&clone, parts);
                    assert_eq!(cloned.as_bytes(), fresh.as_bytes());
                }
            }
            // Zeroizing forgets the keyed states along with the key.
            secret.zeroize();
            let empty = MacAlgorithm::Sha256.compute(b"", &[b"x"]);
            let after = MacAlgorithm::Sha256.compute_with(&secret, &[b"x"]);
            assert_eq!(after.as_bytes(), empty.as_bytes());
        }
    }

    #[test]
    fn keying_agrees_with_the_hmac_crate_for_every_length() {
        for len in [0usize, 1, 20, 63, 64, 65, 127, 128, 129, 300] {
            let key: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let theirs = |tag: &[u8], ours: Tag| assert_eq!(ours.as_bytes(), tag, "len {len}");
            let mut m = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(&key).unwrap();
            m.update(b"msg");
            theirs(
                &m.finalize().into_bytes(),
                MacAlgorithm::Sha1.compute(&key, &[b"msg"]),
            );
            let mut m = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&key).unwrap();
            m.update(b"msg");
            theirs(
                &m.finalize().into_bytes(),
                MacAlgorithm::Sha256.compute(&key, &[b"msg"]),
            );
            let mut m = <Hmac<sha2::Sha512> as KeyInit>::new_from_slice(&key).unwrap();
            m.update(b"msg");
            theirs(
                &m.finalize().into_bytes(),
                MacAlgorithm::Sha512.compute(&key, &[b"msg"]),
            );
        }
    }

    /// RFC 4231 test cases 1, 2, 6 and 7 (6 and 7 key with 131 bytes, longer than the block of
    /// SHA-256 and of SHA-512, so the key is hashed first).
    #[test]
    fn rfc4231_vectors() {
        let hex = |text: &str| decode_hex_any_case(text.as_bytes()).unwrap();
        let long_key = [0xaau8; 131];
        let cases: [(&[u8], &[u8], &str, &str); 4] = [
            (
                &[0x0b; 20],
                b"Hi There",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde\
                 daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
            ),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
                 9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
            ),
            (
                &long_key,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352\
                 6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
            ),
            (
                &long_key,
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944\
                 b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
            ),
        ];
        for (key, data, sha256, sha512) in cases {
            let (head, tail) = data.split_at(data.len() / 2);
            assert_eq!(
                MacAlgorithm::Sha256.compute(key, &[head, tail]).as_bytes(),
                hex(sha256)
            );
            let secret = Secret::from_bytes(key);
            assert_eq!(
                MacAlgorithm::Sha256
                    .compute_with(&secret, &[data])
                    .as_bytes(),
                hex(sha256)
            );
            let sha512: String = sha512.split_whitespace().collect();
            assert_eq!(
                MacAlgorithm::Sha512.compute(key, &[data]).as_bytes(),
                hex(&sha512)
            );
        }
    }

    #[test]
    fn pieces_equal_concatenation() {
        let whole = MacAlgorithm::Sha256.compute(b"k", &[b"hello world"]);
        let parts = MacAlgorithm::Sha256.compute(b"k", &[b"hello", b" ", b"world"]);
        assert_eq!(whole.as_bytes(), parts.as_bytes());
        assert_eq!(MacAlgorithm::Sha1.compute(b"k", &[]).as_bytes().len(), 20);
        assert_eq!(MacAlgorithm::Sha512.compute(b"k", &[]).as_bytes().len(), 64);
    }

    #[test]
    fn any_equal_sees_every_byte_of_every_length() {
        for len in [0usize, 1, 7, 8, 9, 20, 32, 63, 64, 72] {
            let a: Vec<u8> = (0..len).map(|i| i as u8 ^ 0x5a).collect();
            assert!(any_equal([&a], [&a.clone()].into_iter()), "len {len}");
            for at in 0..len {
                for bit in 0..8 {
                    let mut b = a.clone();
                    b[at] ^= 1 << bit;
                    assert!(!any_equal([&a], [&b].into_iter()), "{len} {at} {bit}");
                }
            }
            let mut longer = a.clone();
            longer.push(0);
            assert!(!any_equal([&a], [&longer].into_iter()));
            // Any tag, any candidate, in any position.
            let other = vec![0xffu8; len];
            assert!(any_equal([&other, &a], [&longer, &other].into_iter()));
            assert!(any_equal([&other, &a], [&longer, &a].into_iter()));
            assert!(!any_equal(Vec::<Vec<u8>>::new(), [&a].into_iter()));
        }
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
        let good = MacAlgorithm::Sha256.compute(b"new", &[b"body"]);
        let good_hex = encode_hex(good.as_bytes());
        let secrets = Secrets::new(Secret::from_text("old")).with(Secret::from_text("new"));
        let tags = |body: &'static [u8]| {
            secrets
                .iter()
                .map(move |s| MacAlgorithm::Sha256.compute_with(s, &[body]))
        };
        let mut list = Candidates::new();
        list.push(b"zz", "h").unwrap();
        list.push(b"00", "h").unwrap();
        list.push(good_hex.as_bytes(), "h").unwrap();
        assert_eq!(
            verify_encoded(tags(b"body"), &list, SignatureEncoding::Hex, "h"),
            Ok(())
        );
        assert_eq!(
            verify_encoded(tags(b"bodz"), &list, SignatureEncoding::Hex, "h"),
            Err(Error::SignatureMismatch)
        );
        let junk = verify_encoded(tags(b"body"), &one(b"xyz"), SignatureEncoding::Hex, "h");
        assert_eq!(junk.unwrap_err().kind(), "malformed_header");
        // Nothing decodes: malformed before any tag is computed.
        let mut computed = 0;
        let counting = secrets.iter().map(|s| {
            computed += 1;
            MacAlgorithm::Sha256.compute_with(s, &[b"body"])
        });
        let e = verify_encoded(counting, &one(b"A="), SignatureEncoding::Hex, "h");
        assert_eq!(e.unwrap_err().kind(), "malformed_header");
        assert_eq!(computed, 0);
    }
}
