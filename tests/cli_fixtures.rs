//! Every fixture in `tests/fixtures/` parses into its typed variant through the CLI:
//! `webhook-guard parse` exits 0 (typed) for each, and prints the variant and the event name.
#![cfg(feature = "cli")]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn parse(args: &[&str], body: &[u8]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_webhook-guard"))
        .arg("parse")
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(body).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).trim().to_owned(),
    )
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json")
                // Stripe's example objects, not an event (tests/events_stripe.rs).
                && !path.ends_with("stripe/fixtures3.json")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn github_fixtures_parse_typed() {
    let files = fixtures("github");
    assert!(files.len() >= 100);
    for file in files {
        let event = file
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        let (code, out) = parse(
            &["--provider", "github", "--event", event],
            &std::fs::read(&file).unwrap(),
        );
        assert_eq!(code, Some(0), "{}: {out}", file.display());
        assert!(out.starts_with("github::Event::"), "{out}");
        assert!(out.ends_with(&format!("\nevent: {event}")), "{out}");
    }
}

#[test]
fn github_event_from_header_and_unknown_event() {
    let body = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github/ping/payload.json"),
    )
    .unwrap();
    let (code, out) = parse(
        &["--provider", "github", "--header", "X-GitHub-Event: ping"],
        &body,
    );
    assert_eq!(
        (code, out.as_str()),
        (Some(0), "github::Event::Ping\nevent: ping")
    );
    let (code, out) = parse(
        &["--provider", "github", "--event", "brand_new_event"],
        &body,
    );
    assert_eq!(
        (code, out.as_str()),
        (Some(3), "github::Event::Unknown\nevent: brand_new_event")
    );
}

#[test]
fn stripe_fixtures_parse_typed() {
    let files = fixtures("stripe");
    assert!(!files.is_empty());
    for file in files {
        let body = std::fs::read(&file).unwrap();
        let (code, out) = parse(&["--provider", "stripe"], &body);
        assert_eq!(code, Some(0), "{}: {out}", file.display());
        assert!(out.starts_with("stripe::Object::"), "{out}");
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let event_type = value["type"].as_str().unwrap();
        assert!(out.ends_with(&format!("\nevent: {event_type}")), "{out}");
    }
}

#[test]
fn slack_fixtures_parse_typed_in_the_format_slack_posts_them() {
    let files = fixtures("slack");
    assert!(!files.is_empty());
    for file in files {
        let json = std::fs::read(&file).unwrap();
        let name = file.file_name().unwrap().to_str().unwrap();
        let body = match name {
            "BlockActionPayload.json" | "ViewSubmissionPayload.json" => {
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("payload", std::str::from_utf8(&json).unwrap())
                    .finish()
                    .into_bytes()
            }
            "SlashCommandPayload.json" => {
                let fields: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_slice(&json).unwrap();
                let mut form = form_urlencoded::Serializer::new(String::new());
                for (k, v) in &fields {
                    match v {
                        serde_json::Value::String(s) => form.append_pair(k, s),
                        other => form.append_pair(k, &other.to_string()),
                    };
                }
                form.finish().into_bytes()
            }
            // python-slack-sdk's samples are bare inner events: Slack posts them in an envelope.
            _ if file.parent().and_then(|d| d.file_name()) == Some("python-slack-sdk".as_ref()) => {
                let inner: serde_json::Value = serde_json::from_slice(&json).unwrap();
                serde_json::to_vec(&serde_json::json!({
                    "type": "event_callback",
                    "team_id": "T1",
                    "event_id": "Ev1",
                    "event_time": 1,
                    "event": inner,
                }))
                .unwrap()
            }
            _ => json,
        };
        let (code, out) = parse(&["--provider", "slack"], &body);
        assert_eq!(code, Some(0), "{name}: {out}");
        assert!(out.starts_with("slack::"), "{out}");
    }
}

#[test]
fn payload_errors_exit_1_for_every_provider() {
    for provider in webhook_guard::registry::names() {
        let (code, out) = parse(
            &["--provider", provider, "--event", "push"],
            b"{\"unterminated",
        );
        assert_eq!(code, Some(1), "{provider}: {out}");
        assert!(
            out.starts_with("rejected: invalid_payload: "),
            "{provider}: {out}"
        );
    }
}

#[test]
fn meta_fixtures_parse_typed_by_their_object() {
    let files = fixtures("meta");
    assert!(files.len() >= 25, "{}", files.len());
    for file in files {
        let (code, out) = parse(&["--provider", "meta"], &std::fs::read(&file).unwrap());
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        if name.starts_with("permissions") {
            // An `object` the crate does not type: the untyped fallback, exit 3.
            assert_eq!(
                (code, out.as_str()),
                (Some(3), "meta::Event::Unknown\nevent: permissions"),
                "{name}"
            );
        } else {
            assert_eq!(code, Some(0), "{name}: {out}");
            assert!(out.starts_with("meta::Event::"), "{name}: {out}");
        }
    }
}
