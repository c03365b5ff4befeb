//! Not public API: what the fuzz targets (`fuzz/`) reach below the verify path. Hidden from the
//! docs and free to change in any release.

use crate::error::Error;
use crate::scheme::Scheme;

/// The most signatures one request may list.
pub const MAX_SIGNATURES: usize = crate::crypto::mac::MAX_SIGNATURES;

/// Takes a signature header apart as `scheme` does: the timestamp entry, if the scheme sends
/// one there, and how many signatures are listed.
pub fn parse_signature_header<'a>(
    scheme: &Scheme,
    value: &'a [u8],
) -> Result<(Option<&'a [u8]>, usize), Error> {
    scheme
        .parse_signature(value)
        .map(|parsed| (parsed.timestamp, parsed.candidates.len()))
}

/// Takes a Standard Webhooks signature list apart: how many `v1,` and `v1a,` entries it has.
pub fn parse_standard_signatures(value: &[u8]) -> Result<(usize, usize), Error> {
    crate::providers::standard::parse_signatures(value, "webhook-signature")
        .map(|list| (list.v1.len(), list.v1a.len()))
}

/// The signature decoders: lower-case hex, and base64 with optional padding (at most 72 bytes).
pub fn decode_signature(text: &[u8]) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    use crate::crypto::encoding::{decode_base64, decode_hex};
    (
        decode_hex(text).map(|sig| sig.as_bytes().to_vec()),
        decode_base64(text).map(|sig| sig.as_bytes().to_vec()),
    )
}

/// The form decoder.
pub fn form_decode(raw: &[u8]) -> Vec<u8> {
    crate::providers::scan::form_decode(raw)
}
