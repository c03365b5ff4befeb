//! Every signature-header parser on arbitrary bytes: never panics; whatever parses respects the
//! 16-signature bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webhook_guard::crypto::mac::MAX_SIGNATURES;
use webhook_guard::providers::{standard, stripe};
use webhook_guard::UnixTime;

fuzz_target!(|data: &[u8]| {
    if let Ok(header) = stripe::parse_header(data) {
        assert!(header.signatures.len() <= MAX_SIGNATURES);
        assert!(!header.signatures.is_empty());
    }
    if let Ok(list) = standard::parse_signatures(data, "webhook-signature") {
        assert!(list.len() <= MAX_SIGNATURES);
    }
    if let Some(ts) = UnixTime::parse_secs(data) {
        assert!(ts.as_millis() >= 0);
    }
    let _ = UnixTime::parse_millis(data);
    let _ = webhook_guard::crypto::encoding::decode_hex(data);
    let _ = webhook_guard::crypto::encoding::decode_base64(data);
});
