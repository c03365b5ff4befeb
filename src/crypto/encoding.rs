//! The crate's one hex codec and one base64 engine: signatures decode into stack buffers (no
//! heap allocation), keys into `Vec`s, and signers encode with the same tables.

use base64::engine::{general_purpose::GeneralPurpose, DecodePaddingMode, GeneralPurposeConfig};
use base64::Engine as _;

/// The largest decoded signature any supported scheme sends (HMAC-SHA512, Ed25519: 64 bytes;
/// DER ECDSA P-256 signatures are at most 72).
pub(crate) const MAX_SIGNATURE_LEN: usize = 72;

/// Standard base64: encodes with padding, decodes with or without it. The only base64 engine
/// of the crate (signatures, `whsec_` / `whpk_` / `whsk_` keys, signers).
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A decoded signature held on the stack.
#[derive(Clone, Copy)]
pub(crate) struct SignatureBuf {
    bytes: [u8; MAX_SIGNATURE_LEN],
    len: usize,
}

impl SignatureBuf {
    const EMPTY: Self = Self {
        bytes: [0; MAX_SIGNATURE_LEN],
        len: 0,
    };

    /// The decoded bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// How a scheme writes its signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureEncoding {
    /// Lower-case hex (upper-case digits are refused: one canonical spelling per signature).
    Hex,
    /// Standard base64 with padding (padding optional when decoding).
    Base64,
}

impl SignatureEncoding {
    /// Decodes `text`; `None` when it is not valid in this encoding or longer than any signature.
    pub(crate) fn decode(self, text: &[u8]) -> Option<SignatureBuf> {
        match self {
            SignatureEncoding::Hex => decode_hex(text),
            SignatureEncoding::Base64 => decode_base64(text),
        }
    }

    /// Encodes `bytes` as text (used by signers, which may allocate).
    pub(crate) fn encode(self, bytes: &[u8]) -> String {
        match self {
            SignatureEncoding::Hex => encode_hex(bytes),
            SignatureEncoding::Base64 => encode_base64(bytes),
        }
    }

    /// The reason given when no listed signature decodes.
    pub(crate) const fn undecodable(self) -> &'static str {
        match self {
            SignatureEncoding::Hex => "signature is not lower-case hex",
            SignatureEncoding::Base64 => "signature is not base64",
        }
    }
}

/// `true` when `byte` can occur in a signature written in `encoding` (separators must not).
pub(crate) const fn in_alphabet(encoding: SignatureEncoding, byte: u8) -> bool {
    match encoding {
        SignatureEncoding::Hex => byte.is_ascii_hexdigit(),
        SignatureEncoding::Base64 => {
            byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=')
        }
    }
}

/// What [`LOWER_HEX`] and [`ANY_HEX`] hold for a byte that is not a digit of theirs.
const NOT_HEX: u8 = 0x80;

/// The value of each lower-case hex digit; [`NOT_HEX`] for every other byte.
const LOWER_HEX: [u8; 256] = hex_table(false);
/// The value of each hex digit, either case; [`NOT_HEX`] for every other byte.
const ANY_HEX: [u8; 256] = hex_table(true);

// Indexing in a constant: an out-of-range index would fail the build, never a request.
#[allow(clippy::indexing_slicing)]
const fn hex_table(upper: bool) -> [u8; 256] {
    let mut table = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        if upper {
            table[b'A' as usize + i] = 10 + i as u8;
        }
        i += 1;
    }
    table
}

/// The value of a hex digit of either case, or [`NOT_HEX`] (for percent-decoding).
pub(crate) fn hex_digit_any_case(byte: u8) -> u8 {
    ANY_HEX.get(usize::from(byte)).copied().unwrap_or(NOT_HEX)
}

/// Decodes the hex digits of `text` (per `table`) into the front of `out`; returns how many
/// bytes were written, or `None` for an odd length, a non-digit or too short an `out`.
fn decode_hex_with(table: &[u8; 256], text: &[u8], out: &mut [u8]) -> Option<usize> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let len = text.len() / 2;
    let out = out.get_mut(..len)?;
    // One table lookup per digit; an invalid digit sets the high bit, checked once at the end.
    let digit = |byte: &u8| table.get(usize::from(*byte)).copied().unwrap_or(NOT_HEX);
    let mut invalid = 0u8;
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        let (hi, lo) = match pair {
            [hi, lo] => (digit(hi), digit(lo)),
            _ => return None,
        };
        invalid |= hi | lo;
        *byte = (hi << 4) | (lo & 0x0f);
    }
    (invalid & NOT_HEX == 0).then_some(len)
}

/// Decodes lower-case hex into a stack buffer.
///
/// Upper-case digits are refused: every supported sender writes lower case (and their own SDKs
/// compare the lower-case text), and one canonical spelling per signature means a signature
/// cannot be altered into another accepted form.
pub(crate) fn decode_hex(text: &[u8]) -> Option<SignatureBuf> {
    let mut buf = SignatureBuf::EMPTY;
    buf.len = decode_hex_with(&LOWER_HEX, text, &mut buf.bytes)?;
    Some(buf)
}

/// Decodes hex of either case (keys, which people copy in both) into a new `Vec`.
pub(crate) fn decode_hex_any_case(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = vec![0u8; text.len() / 2];
    decode_hex_with(&ANY_HEX, text, &mut out)?;
    Some(out)
}

/// The lower-case hex digit of `nibble` (0 to 15), computed without a table or a branch, so
/// that writing a secret (a signer's tag, a replay token) indexes no memory by it.
const fn hex_digit(nibble: u8) -> u8 {
    // `9 - nibble` wraps around (high bit set) exactly for 10 to 15, which move up by
    // `'a' - '0' - 10` = 39 to land on `a` to `f`.
    let letter = (9u8.wrapping_sub(nibble) >> 7) & 1;
    nibble + b'0' + letter * 39
}

/// Writes the lower-case hex of `bytes` into `out` (two bytes each) and returns it as text;
/// `None` when `out` is too short. Used where the verify path must not allocate.
pub(crate) fn encode_hex_into<'o>(bytes: &[u8], out: &'o mut [u8]) -> Option<&'o str> {
    let out = out.get_mut(..bytes.len().checked_mul(2)?)?;
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        if let [hi, lo] = pair {
            *hi = hex_digit(byte >> 4);
            *lo = hex_digit(byte & 0x0f);
        }
    }
    std::str::from_utf8(out).ok()
}

/// The lower-case hex of `bytes`.
pub(crate) fn encode_hex(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len() * 2];
    encode_hex_into(bytes, &mut out)
        .map(str::to_owned)
        .unwrap_or_default()
}

/// Decodes standard base64 (padding optional) into a stack buffer.
pub(crate) fn decode_base64(text: &[u8]) -> Option<SignatureBuf> {
    // 4 characters carry 3 bytes; refuse anything that could not fit before decoding.
    if text.len() > MAX_SIGNATURE_LEN / 3 * 4 + 4 {
        return None;
    }
    let mut buf = SignatureBuf::EMPTY;
    buf.len = BASE64.decode_slice(text, &mut buf.bytes).ok()?;
    Some(buf)
}

/// Decodes standard base64 with or without padding into a new `Vec` (keys).
pub(crate) fn decode_base64_vec(text: &[u8]) -> Option<Vec<u8>> {
    BASE64.decode(text).ok()
}

/// Standard base64 of `bytes`, padded.
pub(crate) fn encode_base64(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

impl std::fmt::Debug for SignatureBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A matched signature equals the expected one: never print its bytes.
        write!(f, "SignatureBuf({} bytes)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain reference encoder, to check ours against.
    fn reference_hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hex_round_trip_and_rejects() {
        assert_eq!(decode_hex(b"00ff").unwrap().as_bytes(), &[0, 255]);
        assert!(decode_hex(b"00fF").is_none(), "upper case is not canonical");
        assert!(decode_hex(b"0").is_none());
        assert!(decode_hex(b"zz").is_none());
        assert!(decode_hex(&[b'a'; 2 * MAX_SIGNATURE_LEN + 2]).is_none());
        assert_eq!(decode_hex(b"").unwrap().as_bytes(), b"");
        for bad in [
            b"g0", b"0g", b"/0", b":0", b"`0", b"0 ", b"\xff0", b"G0", b"@0",
        ] {
            assert!(decode_hex(bad).is_none(), "{bad:?}");
            assert!(decode_hex_any_case(bad).is_none(), "{bad:?}");
        }
        let all: Vec<u8> = (0..=255).collect();
        let text = reference_hex(&all[..MAX_SIGNATURE_LEN]);
        assert_eq!(
            decode_hex(text.as_bytes()).unwrap().as_bytes(),
            &all[..MAX_SIGNATURE_LEN]
        );
        let upper = reference_hex(&all).to_uppercase();
        assert_eq!(decode_hex_any_case(upper.as_bytes()).unwrap(), all);
        assert_eq!(decode_hex_any_case(b"0aF1").unwrap(), [0x0a, 0xf1]);
        assert!(decode_hex_any_case(b"abc").is_none());
        for byte in 0..=255u8 {
            let expected = char::from(byte).to_digit(16).map_or(NOT_HEX, |d| d as u8);
            assert_eq!(hex_digit_any_case(byte), expected, "{byte}");
        }
    }

    #[test]
    fn hex_encoding_matches_a_reference() {
        let all: Vec<u8> = (0..=255).collect();
        let mut out = [0u8; 512];
        assert_eq!(
            encode_hex_into(&all, &mut out),
            Some(reference_hex(&all).as_str())
        );
        assert_eq!(encode_hex_into(&all, &mut [0u8; 511]), None);
        assert_eq!(encode_hex_into(&[], &mut []), Some(""));
        assert_eq!(encode_hex(&all), reference_hex(&all));
        assert_eq!(encode_hex(&[]), "");
    }

    #[test]
    fn base64_with_and_without_padding() {
        assert_eq!(decode_base64(b"AAEC").unwrap().as_bytes(), &[0, 1, 2]);
        assert_eq!(decode_base64(b"AAE=").unwrap().as_bytes(), &[0, 1]);
        assert_eq!(decode_base64(b"AAE").unwrap().as_bytes(), &[0, 1]);
        assert!(decode_base64(b"A@==").is_none());
        assert!(decode_base64(&[b'A'; 200]).is_none());
        // 96 characters decode to exactly 72 bytes.
        assert_eq!(decode_base64(&[b'A'; 96]).unwrap().as_bytes().len(), 72);
        assert_eq!(encode_base64(&[0, 1]), "AAE=");
        assert_eq!(decode_base64_vec(b"AAE").unwrap(), [0, 1]);
        assert_eq!(decode_base64_vec(b"AAE=").unwrap(), [0, 1]);
        assert!(decode_base64_vec(b"A@==").is_none());
    }
}
