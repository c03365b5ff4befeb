//! `webhook-guard send` → `webhook-guard listen` round trips on 127.0.0.1, with the built
//! binary. Every wait is bounded; the listener is killed by its PID.

mod cli_listener;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use cli_listener::Listener;

const BIN: &str = env!("CARGO_BIN_EXE_webhook-guard");

/// `listen`, started by the tests of this file.
impl Listener {
    fn start(provider: &str, secrets: &[&str]) -> Self {
        let args: Vec<&str> = secrets.iter().flat_map(|s| ["--secret", s]).collect();
        Self::start_with(provider, &args)
    }

    /// `listen --provider PROVIDER` with `args`.
    fn start_with(provider: &str, args: &[&str]) -> Self {
        let mut command = Command::new(BIN);
        command.args(["listen", "--provider", provider, "--addr", "127.0.0.1:0"]);
        command.args(args);
        Listener::spawn(command)
    }
}

fn body_file(name: &str, body: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "webhook-guard-cli-{}-{name}.json",
        std::process::id()
    ));
    std::fs::write(&path, body).unwrap();
    path
}

/// Runs `send`, bounded by its own 30 s client timeout; returns (exit code, stdout).
fn send(args: &[&str]) -> (i32, String) {
    let output = Command::new(BIN)
        .arg("send")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn github_round_trip_and_bad_secret() {
    let listener = Listener::start("github", &["It's a Secret to Everybody"]);
    let body = body_file(
        "github",
        br#"{"zen":"Keep it logically awesome.","hook_id":1}"#,
    );
    let url = format!("{}/webhooks/github", listener.url);
    let body = body.to_str().unwrap();

    let (code, out) = send(&[
        "--provider",
        "github",
        "--secret",
        "It's a Secret to Everybody",
        "--event",
        "ping",
        "--url",
        &url,
        body,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("200"), "{out}");
    let line = listener.next_line();
    assert!(
        line.starts_with("ok provider=github event=ping id="),
        "{line}"
    );

    let (code, out) = send(&[
        "--provider",
        "github",
        "--secret",
        "wrong",
        "--event",
        "ping",
        "--url",
        &url,
        body,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("401"), "{out}");
    assert!(out.contains("signature_mismatch"), "{out}");
    let line = listener.next_line();
    assert_eq!(line, "rejected: signature_mismatch: no signature matched");
}

#[test]
fn timestamped_schemes_round_trip_with_rotation() {
    for (provider, secret) in [
        ("stripe", "whsec_test_secret_for_the_cli"),
        ("standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        ("slack", "8f742231b10e8888abcd99yyyzzz85a5"),
    ] {
        let listener = Listener::start(
            provider,
            &["whsec_b2xkLWtleS1vbGQta2V5LW9sZC1rZXkt", secret],
        );
        // Parses into every one of these providers' events (Standard Webhooks needs `type`,
        // `timestamp` and `data`).
        let body = body_file(
            provider,
            br#"{"id":"evt_1","object":"event","type":"ping","timestamp":"2024-01-01T00:00:00Z","created":1700000000,"livemode":false,"data":{"object":{"id":"x"}}}"#,
        );
        let url = format!("{}/hook", listener.url);
        let (code, out) = send(&[
            "--provider",
            provider,
            "--secret",
            secret,
            "--url",
            &url,
            body.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{provider}: {out}");
        let line = listener.next_line();
        assert!(
            line.starts_with(&format!("ok provider={provider} ")),
            "{line}"
        );
        assert!(
            !line.contains("timestamp=-"),
            "{provider} signs a timestamp: {line}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let (code, _) = send(&[
        "--provider",
        "nope",
        "--secret",
        "s",
        "--url",
        "http://127.0.0.1:9/",
        "-",
    ]);
    assert_eq!(code, 2);
    let (code, _) = send(&[
        "--provider",
        "github",
        "--secret",
        "s",
        "--url",
        "http://127.0.0.1:9/",
        "/nonexistent/body",
    ]);
    assert_eq!(code, 2);
    let (code, _) = send(&["--provider", "github"]);
    assert_eq!(code, 2);
}

#[test]
fn secrets_from_a_file_and_the_environment_and_a_weak_one_allowed() {
    let secret_file = body_file("weak-secret", b"s3cret\n");
    let listener = Listener::start_with(
        "github",
        &[
            "--secret-file",
            secret_file.to_str().unwrap(),
            "--allow-weak-secret",
        ],
    );
    let body = body_file(
        "weak-body",
        br#"{"zen":"Keep it logically awesome.","hook_id":1}"#,
    );
    let output = Command::new(BIN)
        .args([
            "send",
            "--provider",
            "github",
            "--secret-env",
            "WG_TEST_SEND_SECRET",
        ])
        .args([
            "--event",
            "ping",
            "--url",
            &format!("{}/hook", listener.url),
        ])
        .arg(&body)
        .env("WG_TEST_SEND_SECRET", "s3cret")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "{out}");
    let line = listener.next_line();
    assert!(line.starts_with("ok provider=github event=ping "), "{line}");
    let _ = std::fs::remove_file(secret_file);
}

#[test]
fn url_signing_schemes_verify_against_the_listening_address() {
    // Twilio and Square sign the URL: `listen` verifies them as posted to the address it
    // printed (its public URL), not to whatever `Host` the client sends.
    for (provider, secret, body) in [
        ("twilio", "12345", &b"CallSid=CA1234567890ABCDE&From=%2B14158675309"[..]),
        (
            "square",
            "Ibxx_5AKakO-3qeNVR61Dw",
            br#"{"merchant_id":"M","type":"webhooks.test_notification","event_id":"e1","data":{"type":"webhooks","id":"x"}}"#,
        ),
    ] {
        // Twilio's official vector token is short: allowed explicitly.
        let listener =
            Listener::start_with(provider, &["--secret", secret, "--allow-weak-secret"]);
        let body = body_file(provider, body);
        let url = format!("{}/hooks/{provider}?a=1", listener.url);
        let (code, out) = send(&[
            "--provider",
            provider,
            "--secret",
            secret,
            "--url",
            &url,
            body.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{provider}: {out}");
        let line = listener.next_line();
        assert!(
            line.starts_with(&format!("ok provider={provider} ")),
            "{line}"
        );
    }
}

/// `send`'s testing flags against a real `listen`: a retry of one delivery (`--repeat`), a
/// changed unsigned header (`--header`), a tampered body (`--tamper`), a stale timestamp
/// (`--timestamp`), and the refusal to send GitHub without `--event`.
#[test]
fn send_flags_make_duplicates_tampering_and_stale_deliveries() {
    let secret = "It's a Secret to Everybody";
    let listener = Listener::start("github", &[secret]);
    let body = body_file("flags", br#"{"zen":"Design for failure.","hook_id":2}"#);
    let body = body.to_str().unwrap();
    let url = format!("{}/webhooks/github", listener.url);
    let base = ["--provider", "github", "--secret", secret, "--url", &url];
    let run = |extra: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args.push(body);
        send(&args)
    };

    // The same signed delivery twice: processed once, then answered as a duplicate.
    let (code, out) = run(&["--event", "ping", "--id", "d-1", "--repeat", "2"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("200")).count(),
        2,
        "{out}"
    );
    assert!(listener
        .next_line()
        .starts_with("ok provider=github event=ping"));
    assert!(
        listener.next_line().starts_with("rejected: replayed"),
        "the second copy is a duplicate"
    );

    // Relabelling the captured delivery's unsigned event header does not make it fresh.
    let (code, out) = run(&[
        "--event",
        "ping",
        "--id",
        "d-2",
        "--header",
        "X-GitHub-Event: push",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(listener.next_line().starts_with("rejected: replayed"));

    // A byte changed after signing: 401, and the listener says why.
    let (code, out) = run(&["--event", "ping", "--tamper"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("401"), "{out}");
    assert_eq!(
        listener.next_line(),
        "rejected: signature_mismatch: no signature matched"
    );

    // GitHub without --event would reach the receiver untyped: refused before sending.
    let (code, _) = run(&[]);
    assert_eq!(code, 2);
}

#[test]
fn send_timestamp_makes_a_stale_delivery() {
    let secret = "whsec_cli_stale_0123456789abcdef";
    let listener = Listener::start("stripe", &[secret]);
    let body = body_file("stale", br#"{"id":"evt_stale","object":"event"}"#);
    let url = format!("{}/webhooks/stripe", listener.url);
    let (code, out) = send(&[
        "--provider",
        "stripe",
        "--secret",
        secret,
        "--timestamp",
        "1600000000",
        "--url",
        &url,
        body.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("401"), "{out}");
    assert!(
        listener
            .next_line()
            .starts_with("rejected: timestamp_too_old"),
        "stale"
    );
}

/// `fixtures` lists the bundled deliveries; `send --fixture` sends one, with its event name.
#[test]
fn fixtures_are_listed_and_sent() {
    let out = Command::new(BIN)
        .args(["fixtures", "--provider", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("github push event=push")),
        "{listing}"
    );
    let unknown = Command::new(BIN)
        .args(["fixtures", "--provider", "nobody"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));

    let secret = "It's a Secret to Everybody";
    let listener = Listener::start("github", &[secret]);
    let url = format!("{}/webhooks/github", listener.url);
    let (code, out) = send(&[
        "--provider",
        "github",
        "--secret",
        secret,
        "--fixture",
        "pull_request.opened",
        "--url",
        &url,
    ]);
    assert_eq!(code, 0, "{out}");
    let line = listener.next_line();
    assert!(
        line.starts_with("ok provider=github event=pull_request"),
        "{line}"
    );
    let (code, _) = send(&[
        "--provider",
        "github",
        "--secret",
        secret,
        "--fixture",
        "nope",
        "--url",
        &url,
    ]);
    assert_eq!(code, 2);
}

/// `listen --forward-to`: a verified delivery goes on, unchanged, to the application (here a
/// second `listen`, which verifies it again), and the sender gets the application's answer;
/// a rejected one is not forwarded.
#[test]
fn listen_forwards_verified_deliveries_unchanged() {
    let secret = "It's a Secret to Everybody";
    let app = Listener::start("github", &[secret]);
    let app_url = format!("{}/webhooks/github", app.url);
    let front = Listener::start_with("github", &["--secret", secret, "--forward-to", &app_url]);
    let body = body_file(
        "forward",
        br#"{"zen":"Approachable is better than simple.","hook_id":3}"#,
    );
    let url = format!("{}/webhooks/github", front.url);
    let args = |extra: &'static [&'static str]| {
        let mut args = vec![
            "--provider",
            "github",
            "--secret",
            secret,
            "--event",
            "ping",
            "--url",
            &url,
        ];
        args.extend_from_slice(extra);
        args.push(body.to_str().unwrap());
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |extra| {
        let owned = args(extra);
        let refs: Vec<&str> = owned.iter().map(String::as_str).collect();
        send(&refs)
    };

    let (code, out) = run(&[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("200"), "{out}");
    assert!(front
        .next_line()
        .starts_with("ok provider=github event=ping"));
    assert_eq!(front.next_line(), format!("forwarded to {app_url}: 200"));
    // The application verified the forwarded copy itself: signature and body unchanged.
    assert!(app.next_line().starts_with("ok provider=github event=ping"));

    let (code, out) = run(&["--tamper"]);
    assert_eq!(code, 1, "{out}");
    assert!(front
        .next_line()
        .starts_with("rejected: signature_mismatch"));
    assert!(
        app.line_within(Duration::from_millis(500)).is_none(),
        "a rejected delivery reached the application"
    );
}

/// `listen` answers a sender's unsigned endpoint check on the same URL it receives deliveries
/// on (Dropbox's `GET ?challenge=`), then verifies the `POST`s.
#[test]
fn listen_answers_an_endpoint_check_on_the_receiving_url() {
    let secret = "dropbox-app-secret-0123456789";
    let listener = Listener::start("dropbox", &[secret]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let (status, text) = runtime.block_on(async {
        let r = client
            .get(format!("{}/?challenge=abc%2B1", listener.url))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    });
    assert_eq!((status, text.as_str()), (200, "abc+1"));
    assert_eq!(listener.next_line(), "handshake answered");
    let status = runtime.block_on(async {
        let r = client.get(&listener.url).send().await.unwrap();
        r.status().as_u16()
    });
    assert_eq!(status, 400);
    assert!(listener.next_line().starts_with("rejected: missing_header"));
}

/// Every provider with typed events has bundled fixtures, listed by `fixtures --provider P`;
/// `send --fixture` sends them as their senders would: Shopify's with its topic header,
/// Linear's with its in-body timestamp set to now (a stale one would be refused).
#[test]
fn other_providers_fixtures_are_listed_and_sent() {
    for provider in [
        "shopify",
        "standard",
        "twitch",
        "zoom",
        "linear",
        "paddle",
        "mailgun",
        "pagerduty",
        "square",
        "discord",
        "sendgrid",
    ] {
        let out = Command::new(BIN)
            .args(["fixtures", "--provider", provider])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{provider}");
        let listing = String::from_utf8_lossy(&out.stdout);
        assert!(
            listing.lines().count() >= 1
                && listing
                    .lines()
                    .all(|l| l.starts_with(&format!("{provider} "))),
            "{provider}: {listing}"
        );
    }

    let secret = "a shared secret of thirty-two bytes+";
    for (provider, fixture, event) in [
        ("shopify", "orders/create", "orders/create"),
        ("linear", "Issue.create", "Issue"),
    ] {
        let listener = Listener::start(provider, &[secret]);
        let url = format!("{}/webhooks/{provider}", listener.url);
        let (code, out) = send(&[
            "--provider",
            provider,
            "--secret",
            secret,
            "--fixture",
            fixture,
            "--url",
            &url,
        ]);
        assert_eq!(code, 0, "{provider}: {out}");
        let line = listener.next_line();
        assert!(
            line.starts_with(&format!("ok provider={provider} event={event}")),
            "{line}"
        );
    }
}

/// `listen --provider meta --verify-token T` answers Meta's subscription `GET` with the
/// challenge when `hub.verify_token` is T, and refuses any other token with 403.
#[test]
fn listen_answers_metas_subscription_check_with_the_verify_token() {
    let listener = Listener::start_with(
        "meta",
        &[
            "--secret",
            "0123456789abcdef0123456789abcdef",
            "--verify-token",
            "meatyhamhock",
        ],
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    for (token, status, body) in [("meatyhamhock", 200, "8093"), ("guess", 403, "")] {
        let (got, text) = runtime.block_on(async {
            let r = client
                .get(format!(
                    "{}/?hub.mode=subscribe&hub.challenge=8093&hub.verify_token={token}",
                    listener.url
                ))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        });
        assert_eq!(got, status, "{token}: {text}");
        if status == 200 {
            assert_eq!(text, body);
            assert_eq!(listener.next_line(), "handshake answered");
        } else {
            assert!(listener
                .next_line()
                .starts_with("rejected: endpoint_check_refused"));
        }
    }
}
