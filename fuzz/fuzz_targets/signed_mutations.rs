//! What a replayer holding one validly signed request (and no secret) can change: requests
//! signed by each provider's own signer, then mutated — header values and names, duplicated,
//! dropped and added unsigned headers, body bytes, form parameter order and encoding, the URL's
//! port and host. Whatever `verify` still accepts must be the *same* delivery: the same signed
//! timestamp, the same replay key and (for schemes that sign the exact bytes) the same body.
//!
//! Input layout: byte 0 picks the provider, byte 1 the number of mutations (mod 8), then two
//! bytes per mutation (operation, argument), then the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webhook_guard::registry;
use webhook_guard::{Secrets, SignInput, Tolerance, UnixTime, WebhookRequest};

const NOW_SECS: i64 = 1_700_000_000;
const URL: &str = "https://example.com/hook?x=1";

/// Unsigned headers a replayer might add or change.
const EXTRA: &[&str] = &[
    "X-GitHub-Delivery",
    "X-GitHub-Event",
    "X-Shopify-Topic",
    "X-Shopify-Webhook-Id",
    "X-Shopify-Event-Id",
    "shopify-topic",
    "shopify-event-id",
    "shopify-hmac-sha256",
    "Twitch-Eventsub-Message-Type",
    "Twitch-Eventsub-Subscription-Type",
    "I-Twilio-Idempotency-Token",
    "X-Twilio-Webhooks-Signature-Settings",
    "X-HubSpot-Signature-Version",
    "Linear-Delivery",
    "X-Request-UUID",
    "X-Event-Name",
    "Idempotency-Key",
    "X-Forwarded-Proto",
];

/// Schemes whose signature does not cover the exact body bytes: Twilio signs the sorted,
/// decoded form parameters; Mailgun signs only its token and timestamp; GitLab's token mode
/// signs nothing.
const CANONICAL_BODY: &[&str] = &["twilio", "mailgun", "gitlab"];

fn keys(provider: &str) -> &'static str {
    match provider {
        "standard" | "clerk" | "resend" => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "gitlab" => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr",
        "discord" => "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "sendgrid" => "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxB//SJStR2Si0tabR6VxUz2+VPUchuw2adeG6S1pD3qhRANCAAQlCcQeWndHIU5vTFH4JUFK6yV5qK+CY6M0BhaN0iIwO9ykMO6Oq+eM6waFHtwsVzYdEnxcwyFxUukTgbLY6JZv",
        _ => "a fuzzing secret, 32 bytes long",
    }
}

struct Request {
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    url: String,
}

fn mutate(req: &mut Request, op: u8, arg: u8) {
    let a = usize::from(arg);
    let header = |req: &Request| (!req.headers.is_empty()).then(|| a % req.headers.len());
    match op % 12 {
        0 if !req.body.is_empty() => {
            let i = a % req.body.len();
            req.body[i] ^= 1 << (arg % 8);
        }
        1 => req.body.push(arg),
        2 => {
            let keep = req.body.len().saturating_sub(1 + a % 4);
            req.body.truncate(keep);
        }
        3 => {
            if let Some(k) = header(req) {
                let value = &mut req.headers[k].1;
                if !value.is_empty() {
                    let i = a % value.len();
                    value[i] ^= 1 << (arg % 7);
                }
            }
        }
        4 => {
            if let Some(k) = header(req) {
                req.headers.remove(k);
            }
        }
        5 => {
            if let Some(k) = header(req) {
                let name = &mut req.headers[k].0;
                *name = if arg % 2 == 0 {
                    name.to_ascii_uppercase()
                } else {
                    name.to_ascii_lowercase()
                };
            }
        }
        6 => {
            if let Some(k) = header(req) {
                let (name, mut value) = req.headers[k].clone();
                value.push(arg);
                if arg % 2 == 0 {
                    req.headers.insert(0, (name, value));
                } else {
                    req.headers.push((name, value));
                }
            }
        }
        7 => {
            let name = EXTRA[a % EXTRA.len()];
            let value = match arg % 4 {
                0 => b"revocation".to_vec(),
                1 => b"orders/paid".to_vec(),
                2 => vec![b'x'; 300],
                _ => format!("id-{arg}").into_bytes(),
            };
            req.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            req.headers.push((name.to_owned(), value));
        }
        8 => {
            req.url = match arg % 4 {
                0 => req.url.replacen("example.com/", "example.com:443/", 1),
                1 => req.url.replacen("example.com:443/", "example.com/", 1),
                2 => req.url.replacen("example.com", "staging.example.com", 1),
                _ => req.url.replacen("https://", "http://", 1),
            };
        }
        9 => {
            // Reorder form parameters.
            let mut parts: Vec<Vec<u8>> =
                req.body.split(|b| *b == b'&').map(<[u8]>::to_vec).collect();
            if parts.len() > 1 {
                let i = a % parts.len();
                parts.swap(0, i);
                req.body = parts.join(&b'&');
            }
        }
        10 if !req.body.is_empty() => {
            // Percent-encode one byte (`a` → `%61`): the same form parameter, other bytes.
            let i = a % req.body.len();
            let byte = req.body[i];
            if byte.is_ascii_alphanumeric() {
                let encoded = format!("%{byte:02X}").into_bytes();
                req.body.splice(i..=i, encoded);
            }
        }
        _ => {
            if let Some(k) = header(req) {
                let value = &mut req.headers[k].1;
                value.insert(0, b' ');
                value.push(b' ');
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let [pick, count, rest @ ..] = data else {
        return;
    };
    let name = registry::PROVIDERS[usize::from(*pick) % registry::PROVIDERS.len()].name;
    let Some(provider) = registry::by_name(name) else {
        return;
    };
    // Schemes that sign nothing (a shared token or credentials: `authenticates_body` false):
    // whoever holds one request may send any body, a new delivery. Their docs say so.
    if !provider.authenticates_body() {
        return;
    }
    let ops = usize::from(count % 8);
    let (mutations, body) = rest.split_at(rest.len().min(ops * 2));
    let body: Vec<u8> = if name == "linear" {
        // Linear signs a timestamp inside the body.
        format!(
            r#"{{"webhookTimestamp":{}000,"data":{:?}}}"#,
            NOW_SECS,
            String::from_utf8_lossy(body)
        )
        .into_bytes()
    } else if name == "zalo" {
        // Zalo hashes the body's `app_id` and `timestamp` with it.
        format!(
            r#"{{"app_id":"1","timestamp":"{}000","data":{:?}}}"#,
            NOW_SECS,
            String::from_utf8_lossy(body)
        )
        .into_bytes()
    } else {
        body.to_vec()
    };

    let Ok(signing_key) = provider.secret_from_display(keys(name)) else {
        return;
    };
    let Ok(verifying_key) = provider.verification_key(&signing_key) else {
        return;
    };
    let secrets = Secrets::new(verifying_key);
    let now = UnixTime::from_secs(NOW_SECS).expect("in range");
    let message = SignInput::new(&body, now)
        .with_id("msg_fuzz_1")
        .with_event("push")
        .with_url(URL)
        .with_method("POST");
    let Ok(signed) = provider.sign(&signing_key, &message) else {
        return;
    };
    let mut req = Request {
        headers: signed
            .headers
            .into_iter()
            .map(|(n, v)| (n, v.into_bytes()))
            .collect(),
        body: signed.body.unwrap_or(body),
        url: signed.url.unwrap_or_else(|| URL.to_owned()),
    };

    let check = |req: &Request| {
        let pairs: Vec<(&str, &[u8])> = req
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_slice()))
            .collect();
        let request = WebhookRequest::new(&pairs, &req.body)
            .with_url(&req.url)
            .with_method("POST");
        provider
            .verify(&request, &secrets, now, Tolerance::FIVE_MINUTES)
            .map(|d| (d.timestamp(), provider.replay_key(&d, &request)))
    };
    // A body the scheme cannot carry (e.g. Twilio's JSON mode, a Linear body that is no longer
    // JSON) is not interesting.
    let Ok(original) = check(&req) else { return };
    let original_body = req.body.clone();

    for pair in mutations.chunks_exact(2) {
        mutate(&mut req, pair[0], pair[1]);
    }
    if let Ok(mutated) = check(&req) {
        assert_eq!(
            mutated.0, original.0,
            "{name}: a mutated request changed the signed timestamp"
        );
        assert_eq!(
            mutated.1, original.1,
            "{name}: a mutated request changed the replay key"
        );
        if !CANONICAL_BODY.contains(&name) {
            assert_eq!(
                req.body, original_body,
                "{name}: a mutated body was accepted"
            );
        }
    }
});
