//! Data-driven signature vectors: every `tests/vectors/*.json` file is a list of cases.
//!
//! A case names a provider (by module name), a secret as the provider displays it, the headers
//! and body of a request, optionally a URL, a method and the verifier's `now`, and the expected
//! outcome (`"ok"` or an error kind). A case may name a `variant`: the provider configured
//! other than its registry default (see [`configured`]). For every `"ok"` case the runner also derives rejections:
//! each body byte position sampled and flipped, the signature altered, the key altered, each
//! `required` header removed, and — when the scheme signs a timestamp — a clock moved past the
//! window in each direction.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use webhook_guard::registry::{self, AnyProvider};
use webhook_guard::{Secret, Secrets, Tolerance, UnixTime, WebhookRequest};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    provider: String,
    /// A non-default configuration of the provider, by name (see [`configured`]).
    #[serde(default)]
    variant: Option<String>,
    #[serde(default)]
    official: bool,
    secret: String,
    headers: Vec<(String, String)>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    body_hex: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    method: Option<String>,
    /// The verifier's clock, in seconds (default: 0).
    #[serde(default)]
    now: Option<i64>,
    /// The verifier's clock, in milliseconds (for millisecond schemes).
    #[serde(default)]
    now_ms: Option<i64>,
    expect: String,
    /// Headers whose removal must give `missing_header`.
    #[serde(default)]
    required: Vec<String>,
    /// The signature text as it appears in a header; altered to check rejection.
    #[serde(default)]
    signature: Option<String>,
    /// Whether the scheme checks a timestamp (then the clock is moved out of the window).
    #[serde(default)]
    timestamped: bool,
}

impl Case {
    fn body(&self) -> Vec<u8> {
        match (&self.body, &self.body_hex) {
            (Some(text), None) => text.as_bytes().to_vec(),
            (None, Some(hex)) => hex::decode(hex).expect("body_hex"),
            _ => panic!("{}: exactly one of body / body_hex", self.name),
        }
    }

    fn now(&self) -> UnixTime {
        match (self.now, self.now_ms) {
            (_, Some(ms)) => UnixTime::from_millis(ms),
            (Some(s), None) => UnixTime::from_secs(s).unwrap(),
            (None, None) => UnixTime::from_millis(0),
        }
    }
}

fn run(
    provider: &dyn AnyProvider,
    secrets: &Secrets,
    case: &Case,
    headers: &[(String, String)],
    body: &[u8],
    now: UnixTime,
) -> Result<webhook_guard::Delivery, webhook_guard::Error> {
    let mut req = WebhookRequest::new(&headers, body);
    if let Some(url) = &case.url {
        req = req.with_url(url);
    }
    if let Some(method) = &case.method {
        req = req.with_method(method);
    }
    let tolerance = provider
        .default_tolerance()
        .unwrap_or(Tolerance::FIVE_MINUTES);
    provider.verify(&req, secrets, now, tolerance)
}

fn outcome<T>(r: &Result<T, webhook_guard::Error>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.kind(),
    }
}

/// Flips the middle character of `sig` to another character of the same class.
fn alter(sig: &str) -> String {
    let mut chars: Vec<char> = sig.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = match chars[mid] {
        '0'..='8' | 'a'..='y' | 'A'..='Y' => char::from(chars[mid] as u8 + 1),
        '9' => '0',
        'z' => 'a',
        'Z' => 'A',
        other => panic!("cannot alter {other:?}"),
    };
    chars.into_iter().collect()
}

/// The provider `name` as the case's `variant` configures it: `None` for the registry's
/// default, `twilio` `require_sha256`, `hubspot` `min_v1` / `min_v2` (v1/v2 accepted).
fn configured(name: &str, variant: Option<&str>) -> Option<Box<dyn AnyProvider>> {
    use webhook_guard::providers::{hubspot, twilio};
    match (name, variant) {
        (_, None) => registry::by_name(name),
        ("twilio", Some("require_sha256")) => {
            Some(Box::new(twilio::Twilio::new().require_sha256()))
        }
        ("hubspot", Some("min_v1")) => Some(Box::new(
            hubspot::HubSpot::new().min_version(hubspot::SignatureVersion::V1),
        )),
        ("hubspot", Some("min_v2")) => Some(Box::new(
            hubspot::HubSpot::new().min_version(hubspot::SignatureVersion::V2),
        )),
        _ => None,
    }
}

fn check_case(case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(format!("{}: {what}", case.name));
    let Some(provider) = configured(&case.provider, case.variant.as_deref()) else {
        fail(format!("unknown provider {}", case.provider));
        return failures;
    };
    let provider = &*provider;
    let secret = match provider.secret_from_display(&case.secret) {
        Ok(s) => s,
        Err(e) => {
            fail(format!("secret: {e}"));
            return failures;
        }
    };
    let secrets = Secrets::new(secret.clone());
    let body = case.body();
    let now = case.now();

    let got = run(provider, &secrets, case, &case.headers, &body, now);
    if outcome(&got) != case.expect {
        fail(format!("expected {}, got {:?}", case.expect, got));
        return failures;
    }
    if case.expect != "ok" {
        return failures;
    }

    // Flipped body bytes (a sample of positions across the body) and an appended byte.
    let positions: Vec<usize> = if body.len() <= 64 {
        (0..body.len()).collect()
    } else {
        (0..64)
            .map(|i| i * body.len() / 64)
            .chain([body.len() - 1])
            .collect()
    };
    // Schemes that check a shared token only (Okta, Microsoft Graph) do not authenticate the
    // body: a changed body is accepted by design, so only the token is tampered with below.
    let positions = if provider.authenticates_body() {
        positions
    } else {
        Vec::new()
    };
    for pos in positions {
        let mut tampered = body.clone();
        tampered[pos] ^= 0x01;
        let r = run(provider, &secrets, case, &case.headers, &tampered, now);
        if r.is_ok() {
            fail(format!("flipped body byte {pos} accepted"));
        }
    }
    let mut longer = body.clone();
    longer.push(b' ');
    if provider.authenticates_body()
        && run(provider, &secrets, case, &case.headers, &longer, now).is_ok()
    {
        fail("appended body byte accepted".into());
    }

    // Altered signature.
    if let Some(sig) = &case.signature {
        let altered = alter(sig);
        let headers: Vec<(String, String)> = case
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.replace(sig.as_str(), &altered)))
            .collect();
        assert_ne!(
            headers, case.headers,
            "{}: signature not found in headers",
            case.name
        );
        let r = run(provider, &secrets, case, &headers, &body, now);
        if outcome(&r) != "signature_mismatch" {
            fail(format!("altered signature gave {r:?}"));
        }
    }

    // Altered key, and a rotation list where the right key comes second.
    let mut wrong = secret.expose_secret().to_vec();
    if let Some(last) = wrong.last_mut() {
        *last ^= 0x01;
    }
    let wrong_secrets = Secrets::new(Secret::from_bytes(wrong.clone()));
    let r = run(provider, &wrong_secrets, case, &case.headers, &body, now);
    if !matches!(outcome(&r), "signature_mismatch" | "invalid_secret") {
        fail(format!("wrong key gave {r:?}"));
    }
    let rotated = Secrets::new(Secret::from_bytes(wrong)).with(secret.clone());
    let r = run(provider, &rotated, case, &case.headers, &body, now);
    if r.is_err() {
        fail(format!("right key in second place gave {r:?}"));
    }

    // Each required header removed.
    for name in &case.required {
        let headers: Vec<(String, String)> = case
            .headers
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case(name))
            .cloned()
            .collect();
        assert_ne!(
            headers.len(),
            case.headers.len(),
            "{}: {name} not in headers",
            case.name
        );
        let r = run(provider, &secrets, case, &headers, &body, now);
        if outcome(&r) != "missing_header" {
            fail(format!("without {name} gave {r:?}"));
        }
    }

    // Clock moved out of the window, both ways.
    if case.timestamped {
        let tol = provider
            .default_tolerance()
            .unwrap_or(Tolerance::FIVE_MINUTES);
        let ts = got
            .as_ref()
            .ok()
            .and_then(|d| d.timestamp())
            .expect("timestamped delivery");
        let ms = |d: Duration| i64::try_from(d.as_millis()).unwrap();
        let late = UnixTime::from_millis(ts.as_millis() + ms(tol.past) + 1000);
        let r = run(provider, &secrets, case, &case.headers, &body, late);
        if outcome(&r) != "timestamp_too_old" {
            fail(format!("stale gave {r:?}"));
        }
        let early = UnixTime::from_millis(ts.as_millis() - ms(tol.future) - 1000);
        let r = run(provider, &secrets, case, &case.headers, &body, early);
        if outcome(&r) != "timestamp_in_future" {
            fail(format!("future gave {r:?}"));
        }
    }
    failures
}

#[test]
fn all_vectors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let (mut cases, mut official) = (0, 0);
    let mut providers = std::collections::BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let list: Vec<Case> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in &list {
            cases += 1;
            official += usize::from(case.official);
            providers.insert(case.provider.clone());
            failures.extend(check_case(case));
        }
    }
    println!(
        "{cases} cases ({official} official) over {} providers",
        providers.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every provider the registry knows has at least one vector.
    for name in registry::names() {
        assert!(providers.contains(name), "no vector for {name}");
    }
}
