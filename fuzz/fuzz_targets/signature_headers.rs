//! Every signature-header parser on arbitrary bytes: never panics; whatever parses respects the
//! 16-signature bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webhook_guard::internals::{self, MAX_SIGNATURES};
use webhook_guard::providers::{calendly, github, meta, notion, paddle, pagerduty, stripe, vercel};
use webhook_guard::UnixTime;

fuzz_target!(|data: &[u8]| {
    if let Ok((timestamp, count)) = internals::parse_signature_header(&stripe::SCHEME, data) {
        assert!(timestamp.is_some());
        assert!((1..=MAX_SIGNATURES).contains(&count));
    }
    for scheme in [
        &calendly::SCHEME,
        &paddle::SCHEME,
        &pagerduty::SCHEME,
        &github::SCHEME,
        &notion::SCHEME,
        &vercel::SCHEME,
        &meta::SCHEME,
        &meta::LEGACY_SCHEME,
    ] {
        if let Ok((_, count)) = internals::parse_signature_header(scheme, data) {
            assert!((1..=MAX_SIGNATURES).contains(&count));
        }
    }
    if let Ok((v1, v1a)) = internals::parse_standard_signatures(data) {
        assert!(v1 + v1a <= MAX_SIGNATURES && v1 + v1a > 0);
    }
    if let Some(ts) = UnixTime::parse_secs(data) {
        assert!(ts.as_millis() >= 0);
    }
    let _ = UnixTime::parse_millis(data);
    let (hex, base64) = internals::decode_signature(data);
    assert!(hex.is_none_or(|bytes| bytes.len() * 2 == data.len()));
    assert!(base64.is_none_or(|bytes| bytes.len() <= 72));
    assert!(internals::form_decode(data).len() <= data.len());
});
