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
    if !text.len().is_multiple_of(2) || !text.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return None;
    }
    let mut buf = SignatureBuf {
        bytes: [0; MAX_SIGNATURE_LEN],
        len: text.len() / 2,
    };
    let out = buf.bytes.get_mut(..buf.len)?;
    hex::decode_to_slice(text, out).ok()?;
    Some(buf)
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
