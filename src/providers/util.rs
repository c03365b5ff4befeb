//! Small helpers shared by provider modules.

use crate::clock::{Tolerance, UnixTime};
use crate::error::Error;

/// Trims ASCII spaces and tabs around a header piece.
pub(crate) fn trim(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

/// Parses a seconds timestamp from `header` and checks it against the window.
pub(crate) fn checked_timestamp(
    text: &[u8],
    header: &'static str,
    now: UnixTime,
    tolerance: Tolerance,
) -> Result<UnixTime, Error> {
    let ts = UnixTime::parse_secs(trim(text)).ok_or(Error::malformed(
        header,
        "timestamp is not a non-negative integer",
    ))?;
    tolerance.check(ts, now)?;
    Ok(ts)
}

/// The header value as ASCII text, or a malformed-header error (for ids and event names,
/// which senders send in ASCII; so are [`hint`]s).
pub(crate) fn ascii<'a>(bytes: &'a [u8], header: &'static str) -> Result<&'a str, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) if text.is_ascii() => Ok(text),
        _ => Err(Error::malformed(header, "not ASCII text")),
    }
}

/// An unsigned header value kept as a hint ([`crate::Delivery::with_unsigned_id`]): trimmed
/// ASCII text, or nothing. A garbled hint never fails a request whose signature holds.
pub(crate) fn hint(bytes: Option<&[u8]>) -> Option<&str> {
    let text = std::str::from_utf8(trim(bytes?)).ok()?;
    (!text.is_empty() && text.is_ascii()).then_some(text)
}

/// The longest challenge an endpoint check echoes (bytes, decoded). Senders' challenges are
/// short random strings; a longer one is refused rather than reflected.
pub(crate) const MAX_CHALLENGE_LEN: usize = 1024;

/// `challenge`, or a refusal when it is longer than [`MAX_CHALLENGE_LEN`]: the one bound on
/// what an endpoint check reflects.
pub(crate) fn bounded_challenge(challenge: &[u8]) -> Result<&[u8], Error> {
    if challenge.len() > MAX_CHALLENGE_LEN {
        return Err(Error::EndpointCheckRefused(
            "the challenge is longer than 1024 bytes",
        ));
    }
    Ok(challenge)
}

/// The answer to an unsigned endpoint check that echoes `challenge` as `text/plain`, or a
/// refusal when it is longer than [`MAX_CHALLENGE_LEN`].
pub(crate) fn echo_challenge(challenge: Vec<u8>) -> Result<crate::events::Handshake, Error> {
    bounded_challenge(&challenge)?;
    Ok(crate::events::Handshake {
        content_type: "text/plain; charset=utf-8",
        body: challenge,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_event_names_are_ascii_text() {
        assert_eq!(
            ascii(b"msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "h").ok(),
            Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
        );
        for odd in ["msg_é".as_bytes(), b"msg_\xff", b"\xe2\x80\x8b"] {
            let err = ascii(odd, "webhook-id").map_err(|e| e.kind());
            assert_eq!(err, Err("malformed_header"), "{odd:?}");
        }
    }
}
