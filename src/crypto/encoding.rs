//! Decoding of signatures into stack buffers (no heap allocation).

use base64::Engine as _;

/// The largest decoded signature any supported scheme sends (HMAC-SHA512, Ed25519: 64 bytes;
/// DER ECDSA P-256 signatures are at most 72).
pub const MAX_SIGNATURE_LEN: usize = 72;

/// A decoded signature held on the stack.
#[derive(Clone, Copy)]
pub struct SignatureBuf {
    bytes: [u8; MAX_SIGNATURE_LEN],
    len: usize,
}

impl SignatureBuf {
    /// The decoded bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// How a scheme writes its signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureEncoding {
    /// Lower-case hex.
    Hex,
    /// Standard base64 with padding (padding optional when decoding).
    Base64,
}

impl SignatureEncoding {
    /// Decodes `text`; `None` when it is not valid in this encoding or longer than any signature.
    pub fn decode(self, text: &[u8]) -> Option<SignatureBuf> {
        match self {
            SignatureEncoding::Hex => decode_hex(text),
            SignatureEncoding::Base64 => decode_base64(text),
        }
    }

    /// Encodes `bytes` as text (used by signers, which may allocate).
    pub fn encode(self, bytes: &[u8]) -> String {
        match self {
            SignatureEncoding::Hex => hex::encode(bytes),
            SignatureEncoding::Base64 => base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }
}

/// Decodes lower-case hex into a stack buffer.
///
/// Upper-case digits are refused: every supported sender writes lower case (and their own SDKs
/// compare the lower-case text), and one canonical spelling per signature means a signature
/// cannot be altered into another accepted form.
pub fn decode_hex(text: &[u8]) -> Option<SignatureBuf> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let mut buf = SignatureBuf {
        bytes: [0; MAX_SIGNATURE_LEN],
        len: text.len() / 2,
    };
    let out = buf.bytes.get_mut(..buf.len)?;
    // One table lookup per digit; an invalid digit sets the high bit, checked once at the end.
    let mut invalid = 0u8;
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        let (hi, lo) = match pair {
            [hi, lo] => (hex_digit(*hi), hex_digit(*lo)),
            _ => return None,
        };
        invalid |= hi | lo;
        *byte = (hi << 4) | (lo & 0x0f);
    }
    (invalid & 0x80 == 0).then_some(buf)
}

/// The value of a lower-case hex digit; `0x80` for every other byte.
fn hex_digit(byte: u8) -> u8 {
    HEX_DIGIT.get(usize::from(byte)).copied().unwrap_or(0x80)
}

/// The table behind [`hex_digit`].
// Indexing in a constant: an out-of-range index would fail the build, never a request.
#[allow(clippy::indexing_slicing)]
const HEX_DIGIT: [u8; 256] = {
    let mut table = [0x80u8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// Writes the lower-case hex of `bytes` into `out` (two bytes each) and returns it as text;
/// `None` when `out` is too short. Used where the verify path must not allocate.
pub fn encode_hex_into<'o>(bytes: &[u8], out: &'o mut [u8]) -> Option<&'o str> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let out = out.get_mut(..bytes.len().checked_mul(2)?)?;
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        if let [hi, lo] = pair {
            let digit = |nibble: u8| DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0');
            *hi = digit(byte >> 4);
            *lo = digit(byte & 0x0f);
        }
    }
    std::str::from_utf8(out).ok()
}

/// Decodes standard base64 (padding optional) into a stack buffer.
pub fn decode_base64(text: &[u8]) -> Option<SignatureBuf> {
    use base64::engine::{
        general_purpose::GeneralPurpose, DecodePaddingMode, GeneralPurposeConfig,
    };
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    // 4 characters carry 3 bytes; refuse anything that could not fit before decoding.
    if text.len() > MAX_SIGNATURE_LEN / 3 * 4 + 4 {
        return None;
    }
    let mut buf = SignatureBuf {
        bytes: [0; MAX_SIGNATURE_LEN],
        len: 0,
    };
    buf.len = LENIENT.decode_slice(text, &mut buf.bytes).ok()?;
    Some(buf)
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

    #[test]
    fn hex_round_trip_and_rejects() {
        assert_eq!(decode_hex(b"00ff").unwrap().as_bytes(), &[0, 255]);
        assert!(decode_hex(b"00fF").is_none(), "upper case is not canonical");
        assert!(decode_hex(b"0").is_none());
        assert!(decode_hex(b"zz").is_none());
        assert!(decode_hex(&[b'a'; 2 * MAX_SIGNATURE_LEN + 2]).is_none());
        assert_eq!(decode_hex(b"").unwrap().as_bytes(), b"");
        for bad in [b"g0", b"0g", b"/0", b":0", b"`0", b"0 ", b"\xff0"] {
            assert!(decode_hex(bad).is_none(), "{bad:?}");
        }
        let all: Vec<u8> = (0..=255).collect();
        let text = hex::encode(&all[..MAX_SIGNATURE_LEN]);
        assert_eq!(
            decode_hex(text.as_bytes()).unwrap().as_bytes(),
            &all[..MAX_SIGNATURE_LEN]
        );
    }

    #[test]
    fn hex_encoding_matches_the_hex_crate() {
        let all: Vec<u8> = (0..=255).collect();
        let mut out = [0u8; 512];
        assert_eq!(
            encode_hex_into(&all, &mut out),
            Some(hex::encode(&all).as_str())
        );
        assert_eq!(encode_hex_into(&all, &mut [0u8; 511]), None);
        assert_eq!(encode_hex_into(&[], &mut []), Some(""));
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
    }
}
