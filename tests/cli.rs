//! The `webhook-guard` binary: the CLI contract of DESIGN.md (output and exit codes).
#![cfg(feature = "cli")]

mod common;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_webhook-guard"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const GITHUB_SECRET: &str = "It's a Secret to Everybody";
const GITHUB_SIG: &str =
    "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

#[test]
fn verify_ok_prints_what_was_proven() {
    let o = run(
        &[
            "verify",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--header",
            GITHUB_SIG,
            "--header",
            "X-GitHub-Event: push",
            "--header",
            "X-GitHub-Delivery: abc",
            "-",
        ],
        b"Hello, World!",
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let out = stdout(&o);
    let (proven, key) = out.split_once("replay key: ").unwrap();
    assert_eq!(
        proven,
        "ok\nprovider: github\nevent: push (unsigned)\nid: abc (unsigned)\n"
    );
    // GitHub signs no id: the key is a digest of the signed body, never the unsigned id.
    let hex = key.trim_end().strip_prefix("github:sha256:").unwrap();
    assert_eq!(hex.len(), 64, "{key}");
}

#[test]
fn verify_rejection_exits_1_with_kind() {
    let o = run(
        &[
            "verify",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--header",
            GITHUB_SIG,
            "-",
        ],
        b"Hello, World?",
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "rejected: signature_mismatch: no signature matched\n"
    );
    // Rotation: the right secret second.
    let o = run(
        &[
            "verify",
            "--provider",
            "github",
            "--secret",
            "old",
            "--secret",
            GITHUB_SECRET,
            "--header",
            GITHUB_SIG,
            "-",
        ],
        b"Hello, World!",
    );
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        run(&["verify", "--provider", "nope", "--secret", "x", "-"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["verify", "--provider", "github", "-"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(
        run(
            &[
                "verify",
                "--provider",
                "github",
                "--secret",
                "x",
                "/nonexistent/file"
            ],
            b""
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        run(
            &[
                "verify",
                "--provider",
                "github",
                "--secret",
                "x",
                "--header",
                "novalue",
                "-"
            ],
            b""
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn sign_then_verify_every_provider() {
    for provider in webhook_guard::registry::NAMES {
        if common::CANNOT_SIGN_ARBITRARY_BODY
            .iter()
            .any(|(n, _)| n == provider)
        {
            continue;
        }
        let (signing, verifying) = common::cli_keys(provider);
        let body = b"{\"hello\": \"world\"}";
        let o = run(
            &[
                "sign",
                "--provider",
                provider,
                "--secret",
                &signing,
                "--timestamp",
                "1700000000",
                "--id",
                "msg_1",
                "--event",
                "ping",
                "--url",
                "https://example.com/h",
                "-",
            ],
            body,
        );
        assert_eq!(o.status.code(), Some(0), "{provider}: {o:?}");
        let mut args: Vec<String> = [
            "verify",
            "--provider",
            provider,
            "--secret",
            &verifying,
            "--now",
            "1700000002",
            "--url",
            "https://example.com/h",
            "--method",
            "POST",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Schemes that put something into the URL (Twilio's bodySHA256) say where to post.
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        if let Some(url) = stderr.lines().find_map(|l| l.strip_prefix("post to: ")) {
            args[8] = url.to_owned();
        }
        for line in stdout(&o).lines() {
            args.push("--header".into());
            args.push(line.to_owned());
        }
        args.push("-".into());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = run(&refs, body);
        assert_eq!(v.status.code(), Some(0), "{provider}: {}", stdout(&v));
        assert!(stdout(&v).starts_with("ok\n"));
        // Stale for timestamped schemes, still ok for the others.
        let mut stale = refs.clone();
        stale[6] = "1800000000";
        let v = run(&stale, body);
        let expected = if stdout(&v).contains("timestamp_too_old") {
            1
        } else {
            0
        };
        assert_eq!(v.status.code(), Some(expected), "{provider}");
    }
}

#[test]
fn parse_exit_codes() {
    let o = run(
        &[
            "parse",
            "--provider",
            "github",
            "--event",
            "zen_and_more",
            "-",
        ],
        b"{}",
    );
    assert!(matches!(o.status.code(), Some(0 | 3)), "{o:?}");
    let o = run(
        &["parse", "--provider", "github", "--event", "push", "-"],
        b"{\"a\":",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("rejected: invalid_payload: "));
}

#[test]
fn mailgun_signs_inside_the_body() {
    let key = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    let o = run(
        &[
            "sign",
            "--provider",
            "mailgun",
            "--secret",
            key,
            "--timestamp",
            "1700000000",
            "--id",
            "tok123",
            "-",
        ],
        b"event=opened&recipient=a%40b.c",
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let body = stderr
        .lines()
        .find_map(|l| l.strip_prefix("body to send: "))
        .expect("the signed body")
        .to_owned();
    assert!(body.starts_with(
        "event=opened&recipient=a%40b.c&timestamp=1700000000&token=tok123&signature="
    ));
    let v = run(
        &[
            "verify",
            "--provider",
            "mailgun",
            "--secret",
            key,
            "--now",
            "1700000001",
            "-",
        ],
        body.as_bytes(),
    );
    assert_eq!(
        stdout(&v),
        "ok\nprovider: mailgun\nevent: opened (unsigned)\nid: tok123\ntimestamp: 1700000000\nreplay key: mailgun:id:tok123\n"
    );
    let tampered = body.replace("token=tok123", "token=tok124");
    let v = run(
        &[
            "verify",
            "--provider",
            "mailgun",
            "--secret",
            key,
            "--now",
            "1700000001",
            "-",
        ],
        tampered.as_bytes(),
    );
    assert_eq!(v.status.code(), Some(1));
}
