//! `verify` of every registered provider on arbitrary requests: never panics, never accepts.
//!
//! Input layout: byte 0 picks the provider (and whether its own header names or every
//! provider's are used, from `registry::PROVIDERS`), then up to 12 header values separated by
//! `\n`, each assigned to one of those names, then `\0` and the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webhook_guard::registry;
use webhook_guard::{Secret, Secrets, Tolerance, UnixTime, WebhookRequest};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let entry = &registry::PROVIDERS[usize::from(pick) % registry::PROVIDERS.len()];
    let (name, provider) = (entry.name, entry.provider());
    // Half the time the picked provider's own headers, else any provider's (from the one list).
    let all: Vec<&str> = registry::PROVIDERS
        .iter()
        .flat_map(|e| e.headers.iter().copied())
        .collect();
    // A provider that reads no header (Microsoft Graph) gets any provider's.
    let names: &[&str] = if pick & 0x80 == 0 && !entry.headers.is_empty() {
        entry.headers
    } else {
        &all
    };
    let (head, body) = match rest.iter().position(|b| *b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let headers: Vec<(&str, &[u8])> = head
        .split(|b| *b == b'\n')
        .zip(names.iter().cycle().skip(usize::from(pick) % names.len()))
        .map(|(v, n)| (*n, v))
        .take(12)
        .collect();
    let req = WebhookRequest::new(&headers, body)
        .with_url("https://example.com/h")
        .with_method("POST");
    let secrets = Secrets::new(Secret::from_text("fuzz secret"));
    let r = provider.verify(
        &req,
        &secrets,
        UnixTime::from_millis(1_700_000_000_000),
        Tolerance::FIVE_MINUTES,
    );
    // GitLab's token mode and the token-only schemes (Telegram, Postmark, Okta, Microsoft
    // Graph) accept whoever knows the token (or the credentials): a fuzzer may spell it out.
    assert!(
        r.is_err() || name == "gitlab" || !provider.authenticates_body(),
        "{name} accepted a fuzzed request"
    );
});
