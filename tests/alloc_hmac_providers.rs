//! The verify path of the HMAC providers allocates nothing on success: a counting global
//! allocator watches each `verify` call, with realistic bodies (nested JSON with escaped
//! strings, dozens of form parameters).

// Helpers outside `#[test]` functions: clippy.toml's test allowances do not reach them.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::alloc::System;

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use webhook_guard::providers::mailgun;
use webhook_guard::registry;
use webhook_guard::{Secret, Secrets, SignInput, Tolerance, UnixTime, WebhookRequest};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

struct Case {
    provider: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    url: Option<String>,
    now: UnixTime,
}

fn signed(provider: &'static str, body: &[u8], url: Option<&str>, now: UnixTime) -> Case {
    let p = registry::by_name(provider).unwrap();
    let mut input = SignInput::new(body, now).with_event("channel.follow");
    if let Some(url) = url {
        input = input.with_url(url);
    }
    let signed = p.sign(&Secret::from_text("s3cret"), &input).unwrap();
    Case {
        provider,
        headers: signed.headers,
        body: body.to_vec(),
        url: signed.url.or(url.map(str::to_owned)),
        now,
    }
}

// No test harness (see Cargo.toml): the counter is global, and the harness's own threads would
// mix their allocations into the counts.
fn main() {
    verify_allocates_nothing_on_success();
    counter_sees_the_documented_heap_fallback();
    println!("1 passed, 0 failed");
}

fn verify_allocates_nothing_on_success() {
    let now = UnixTime::from_millis(1_700_000_000_000);
    let nested = br#"{"event_id":"evt_1","event_type":"a.b","type":"Issue","event":"meeting.started","webhookTimestamp":1700000000000,"data":{"title":"Fix \"it\"\n","labels":[{"id":"l1","parent":{"deep":[[{"x":"\u00e9"}]]}}]}}"#;
    let form: String = (0..60)
        .map(|i| format!("Param{}=%2Bvalue+{i}&", 60 - i))
        .collect();
    let mailgun_sig = mailgun::sign(b"s3cret", "1700000000", "tok123");
    let mailgun_json = format!(
        r#"{{"signature":{{"timestamp":"1700000000","token":"tok123","signature":"{mailgun_sig}"}},"event-data":{{"event":"delivered","x":{{"y":[{{"z":"a\"b"}}]}}}}}}"#
    );
    let mailgun_form =
        format!("event=opened&timestamp=1700000000&token=tok123&signature={mailgun_sig}");
    let url = "https://example.com/hooks/in?tenant=7";
    let cases = vec![
        signed("twilio", form.as_bytes(), Some(url), now),
        signed("twilio", nested, Some(url), now),
        signed("square", nested, Some(url), now),
        signed("twitch", nested, None, now),
        signed("zoom", nested, None, now),
        signed("linear", nested, None, now),
        signed("paddle", nested, None, now),
        signed("hubspot", nested, Some(url), now),
        Case {
            provider: "mailgun",
            headers: vec![],
            body: mailgun_json.into_bytes(),
            url: None,
            now,
        },
        Case {
            provider: "mailgun",
            headers: vec![],
            body: mailgun_form.into_bytes(),
            url: None,
            now,
        },
    ];
    let secrets = Secrets::new(Secret::from_text("old")).with(Secret::from_text("s3cret"));
    for case in &cases {
        let provider = registry::by_name(case.provider).unwrap();
        let tolerance = provider
            .default_tolerance()
            .unwrap_or(Tolerance::FIVE_MINUTES);
        let mut req = WebhookRequest::new(&case.headers, &case.body);
        if let Some(url) = &case.url {
            req = req.with_url(url);
        }
        let region = Region::new(GLOBAL);
        let result = provider.verify(&req, &secrets, case.now, tolerance);
        let stats = region.change();
        let delivery = result.unwrap_or_else(|e| panic!("{}: {e}", case.provider));
        assert_eq!(
            (stats.allocations, stats.reallocations),
            (0, 0),
            "{} allocated while verifying ({delivery:?})",
            case.provider
        );
    }
}

/// The counter works: a Twilio form beyond the stack array's 128 parameters sorts in a `Vec`,
/// as documented, and that allocation is seen.
fn counter_sees_the_documented_heap_fallback() {
    let now = UnixTime::from_millis(0);
    let form: String = (0..200).map(|i| format!("p{i}={i}&")).collect();
    let case = signed("twilio", form.as_bytes(), Some("https://example.com/"), now);
    let provider = registry::by_name("twilio").unwrap();
    let secrets = Secrets::new(Secret::from_text("s3cret"));
    let req = WebhookRequest::new(&case.headers, &case.body).with_url("https://example.com/");
    let region = Region::new(GLOBAL);
    let result = provider.verify(&req, &secrets, now, Tolerance::FIVE_MINUTES);
    let stats = region.change();
    assert!(result.is_ok());
    assert!(stats.allocations > 0);
}
