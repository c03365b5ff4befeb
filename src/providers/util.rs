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

/// The header value as text, or a malformed-header error.
pub(crate) fn ascii<'a>(bytes: &'a [u8], header: &'static str) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes).map_err(|_| Error::malformed(header, "not ASCII text"))
}

/// An unsigned header value kept as a hint ([`crate::Delivery::with_unsigned_id`]): trimmed
/// ASCII text, or nothing. A garbled hint never fails a request whose signature holds.
pub(crate) fn hint(bytes: Option<&[u8]>) -> Option<&str> {
    let text = std::str::from_utf8(trim(bytes?)).ok()?;
    (!text.is_empty() && text.is_ascii()).then_some(text)
}
