//! The `webhook-guard` binary: the CLI contract of DESIGN.md (output and exit codes).
#![cfg(feature = "cli")]

mod common;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_env(args, stdin, &[])
}

/// `run` with extra environment variables.
fn run_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_webhook-guard"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The child may exit (a usage error) before it reads stdin.
    let _ = child.stdin.take().unwrap().write_all(stdin);
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
            "an older secret, since rotated",
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
    for provider in webhook_guard::registry::names() {
        if common::CANNOT_SIGN_ARBITRARY_BODY
            .iter()
            .any(|(n, _)| *n == provider)
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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file in the temp dir holding `contents`, removed on drop.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!(
            "webhook-guard-cli-secrets-{}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `verify` of GitHub's documented delivery, with `secret_args` for the secret.
fn verify_github(
    secret_args: &[&str],
    body_file: &str,
    stdin: &[u8],
    env: &[(&str, &str)],
) -> Output {
    let mut args = vec!["verify", "--provider", "github"];
    args.extend_from_slice(secret_args);
    args.extend_from_slice(&["--header", GITHUB_SIG, body_file]);
    run_env(&args, stdin, env)
}

#[test]
fn secret_from_the_environment() {
    let env = [("WG_TEST_GITHUB_SECRET", GITHUB_SECRET)];
    let o = verify_github(
        &["--secret-env", "WG_TEST_GITHUB_SECRET"],
        "-",
        b"Hello, World!",
        &env,
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(stdout(&o).starts_with("ok\n"));
    // The wrong one is a rejection, not a usage error.
    let env = [("WG_TEST_GITHUB_SECRET", "not the secret, but long enough")];
    let o = verify_github(
        &["--secret-env", "WG_TEST_GITHUB_SECRET"],
        "-",
        b"Hello, World!",
        &env,
    );
    assert_eq!(o.status.code(), Some(1), "{o:?}");
}

#[test]
fn secret_from_a_file_with_or_without_its_line_break() {
    let body = TempFile::new("file-body", b"Hello, World!");
    for (name, contents) in [
        ("plain", GITHUB_SECRET.to_owned()),
        ("lf", format!("{GITHUB_SECRET}\n")),
        ("crlf", format!("{GITHUB_SECRET}\r\n")),
    ] {
        let secret = TempFile::new(&format!("file-{name}"), contents.as_bytes());
        let o = verify_github(&["--secret-file", secret.path()], body.path(), b"", &[]);
        assert_eq!(o.status.code(), Some(0), "{name}: {o:?}");
    }
    // A space is part of the secret: only line breaks are dropped.
    let secret = TempFile::new("file-space", format!("{GITHUB_SECRET} ").as_bytes());
    let o = verify_github(&["--secret-file", secret.path()], body.path(), b"", &[]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
}

#[test]
fn secret_from_stdin_when_the_body_is_a_file() {
    let body = TempFile::new("stdin-body", b"Hello, World!");
    let stdin = format!("{GITHUB_SECRET}\n");
    let o = verify_github(&["--secret-file", "-"], body.path(), stdin.as_bytes(), &[]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    // `sign` too: the same headers as with --secret.
    let signed = |secret_args: &[&str], stdin: &[u8]| {
        let mut args = vec!["sign", "--provider", "github", "--id", "delivery-1"];
        args.extend_from_slice(secret_args);
        args.push(body.path());
        let o = run(&args, stdin);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        stdout(&o)
    };
    let expected = signed(&["--secret", GITHUB_SECRET], b"");
    assert!(expected.contains(GITHUB_SIG), "{expected}");
    assert_eq!(signed(&["--secret-file", "-"], stdin.as_bytes()), expected);
}

#[test]
fn rotation_mixes_sources() {
    let old = TempFile::new("rotation-old", b"an older secret, since rotated\n");
    let env = [("WG_TEST_GITHUB_SECRET", GITHUB_SECRET)];
    let o = verify_github(
        &[
            "--secret-file",
            old.path(),
            "--secret",
            "another old secret, also rotated",
            "--secret-env",
            "WG_TEST_GITHUB_SECRET",
        ],
        "-",
        b"Hello, World!",
        &env,
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    // Each flag may be repeated.
    let o = verify_github(
        &[
            "--secret-env",
            "WG_TEST_OLD",
            "--secret-env",
            "WG_TEST_GITHUB_SECRET",
        ],
        "-",
        b"Hello, World!",
        &[
            ("WG_TEST_OLD", "an older secret, since rotated"),
            ("WG_TEST_GITHUB_SECRET", GITHUB_SECRET),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
}

#[test]
fn secret_usage_errors_exit_2_and_never_show_the_secret() {
    let body = TempFile::new("usage-body", b"Hello, World!");
    let empty = TempFile::new("usage-empty", b"\n");
    let env = [
        ("WG_TEST_GITHUB_SECRET", GITHUB_SECRET),
        ("WG_TEST_EMPTY", ""),
    ];
    let cases: &[(&[&str], &str, &str)] = &[
        // Both the secret and the body from stdin.
        (&["--secret-file", "-"], "-", "stdin"),
        // Two secrets from stdin.
        (
            &["--secret-file", "-", "--secret-file", "-"],
            body.path(),
            "stdin",
        ),
        (
            &["--secret-env", "WG_TEST_UNSET_VARIABLE"],
            body.path(),
            "WG_TEST_UNSET_VARIABLE",
        ),
        (&["--secret-env", "WG_TEST_EMPTY"], body.path(), "empty"),
        (
            &["--secret-file", "/nonexistent/secret"],
            body.path(),
            "/nonexistent/secret",
        ),
        (&["--secret-file", empty.path()], body.path(), "empty"),
        // No secret at all.
        (&[], body.path(), "--secret"),
    ];
    for (secret_args, body_file, says) in cases {
        let o = verify_github(secret_args, body_file, b"Hello, World!", &env);
        assert_eq!(o.status.code(), Some(2), "{secret_args:?}: {o:?}");
        assert!(stderr(&o).contains(says), "{secret_args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    // sign and send take exactly one secret, from one source.
    for command in ["sign", "send"] {
        let mut both = vec![
            command,
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--secret-env",
            "WG_TEST_GITHUB_SECRET",
        ];
        if command == "send" {
            both.extend_from_slice(&["--url", "http://127.0.0.1:9/"]);
        }
        both.push(body.path());
        let o = run_env(&both, b"", &env);
        assert_eq!(o.status.code(), Some(2), "{command}: {o:?}");
        assert!(!stderr(&o).contains(GITHUB_SECRET), "{}", stderr(&o));
        let o = run_env(
            &[
                command,
                "--provider",
                "github",
                "--secret",
                "a",
                "--secret",
                "b",
                body.path(),
            ],
            b"",
            &env,
        );
        assert_eq!(o.status.code(), Some(2), "{command}: {o:?}");
        let o = run_env(
            &[
                command,
                "--provider",
                "github",
                "--url",
                "http://127.0.0.1:9/",
                "--secret-file",
                "-",
                "-",
            ],
            b"",
            &env,
        );
        assert_eq!(o.status.code(), Some(2), "{command}: {o:?}");
        assert!(stderr(&o).contains("stdin"), "{command}: {}", stderr(&o));
    }
}

#[test]
fn help_says_arguments_are_visible() {
    for command in ["sign", "verify", "send", "listen"] {
        let o = run(&[command, "--help"], b"");
        assert_eq!(o.status.code(), Some(0));
        let help = stdout(&o);
        for flag in ["--secret-env", "--secret-file", "(`ps`)"] {
            assert!(help.contains(flag), "{command} --help lacks {flag}: {help}");
        }
    }
}

#[test]
fn weak_secrets_are_refused_by_verify_unless_allowed() {
    let body = b"Hello, World!";
    let signature = format!(
        "X-Hub-Signature-256: {}",
        webhook_guard::providers::github::sign(b"s3cret", body)
    );
    let args = |extra: &[&'static str]| {
        let mut args = vec![
            "verify",
            "--provider",
            "github",
            "--secret",
            "s3cret",
            "--header",
            &signature,
        ];
        args.extend_from_slice(extra);
        args.push("-");
        run(&args, body)
    };
    let o = args(&[]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let message = stderr(&o);
    assert!(message.contains("shorter than 16 bytes"), "{message}");
    assert!(message.contains("--allow-weak-secret"), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
    assert!(stdout(&o).is_empty());
    let o = args(&["--allow-weak-secret"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    // `sign` signs with it: its output is test traffic.
    let o = run(
        &["sign", "--provider", "github", "--secret", "s3cret", "-"],
        body,
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(stdout(&o).contains(&signature), "{}", stdout(&o));

    // A Stripe API key is no webhook secret, whatever its length.
    let o = run(
        &[
            "verify",
            "--provider",
            "stripe",
            "--secret",
            "sk_live_51Habcdefghijklmnopqrstuvwxyz",
            "-",
        ],
        b"{}",
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(stderr(&o).contains("Stripe API key"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("51Habc"), "{}", stderr(&o));
}

#[test]
fn listen_refuses_a_weak_secret() {
    let o = run(
        &[
            "listen",
            "--provider",
            "github",
            "--secret",
            "s3cret",
            "--addr",
            "127.0.0.1:0",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(stderr(&o).contains("--allow-weak-secret"), "{}", stderr(&o));
    // Twilio documents 32-character auth tokens: 31 is refused, whatever the source.
    let o = run_env(
        &[
            "listen",
            "--provider",
            "twilio",
            "--secret-env",
            "WG_TEST_TOKEN",
            "--addr",
            "127.0.0.1:0",
        ],
        b"",
        &[("WG_TEST_TOKEN", "0123456789abcdef0123456789abcde")],
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    assert!(stderr(&o).contains("weak secret"), "{}", stderr(&o));
}

#[test]
fn twilio_official_vector_needs_allow_weak_secret() {
    // twilio-python's vector: auth token `12345`.
    let args = |extra: &[&'static str]| {
        let mut args = vec![
            "verify",
            "--provider",
            "twilio",
            "--secret",
            "12345",
            "--url",
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            "--header",
            "X-Twilio-Signature: RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        ];
        args.extend_from_slice(extra);
        args.push("-");
        run(
            &args,
            b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212",
        )
    };
    assert_eq!(args(&[]).status.code(), Some(2));
    let o = args(&["--allow-weak-secret"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(
        stdout(&o).starts_with("ok\nprovider: twilio\n"),
        "{}",
        stdout(&o)
    );
}

/// `sign --provider shopify` prints every header `shopify.webhooks.validate`
/// (`@shopify/shopify-api`) requires of a webhook, in the classic family Shopify sends.
#[test]
fn sign_shopify_prints_what_shopify_api_validate_requires() {
    let o = run(
        &[
            "sign",
            "--provider",
            "shopify",
            "--secret",
            "test_secret_key",
            "--timestamp",
            "1700000000",
            "--id",
            "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
            "--event",
            "orders/create",
            "-",
        ],
        br#"{"foo": "bar"}"#,
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(
        stdout(&o),
        "X-Shopify-Hmac-Sha256: B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=\n\
         X-Shopify-Topic: orders/create\n\
         X-Shopify-Shop-Domain: example.myshopify.com\n\
         X-Shopify-API-Version: 2026-01\n\
         X-Shopify-Webhook-Id: b54557e4-bdd9-4b37-8a5f-bf7d70bcd043\n\
         X-Shopify-Event-Id: b54557e4-bdd9-4b37-8a5f-bf7d70bcd043\n\
         X-Shopify-Triggered-At: 2023-11-14T22:13:20.000Z\n\
         Content-Type: application/json\n"
    );
    // Shopify sends no webhook without a topic: say so rather than print headers its library
    // would refuse.
    let o = run(
        &[
            "sign",
            "--provider",
            "shopify",
            "--secret",
            "test_secret_key",
            "-",
        ],
        b"{}",
    );
    assert_ne!(o.status.code(), Some(0), "{o:?}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("X-Shopify-Topic"),
        "{o:?}"
    );
}

/// `sign`'s id without `--id` is a digest of the body alone: the same body gets the same id at
/// any timestamp, another body another id, and `--id` overrides it. Shaped as the provider's
/// ids are (`msg_…` for Standard Webhooks, a UUID for GitHub).
#[test]
fn sign_id_is_derived_from_the_body_unless_given() {
    use sha2::Digest as _;
    let id_of = |provider: &str, secret: &str, header: &str, extra: &[&str], body: &[u8]| {
        let mut args = vec!["sign", "--provider", provider, "--secret", secret];
        args.extend_from_slice(extra);
        args.push("-");
        let o = run(&args, body);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        stdout(&o)
            .lines()
            .find_map(|l| l.strip_prefix(header))
            .unwrap_or_else(|| panic!("no {header} in {o:?}"))
            .to_owned()
    };
    let body = br#"{"type":"invoice.paid"}"#;
    let digest = hex::encode(sha2::Sha256::digest(body));

    let standard = |extra: &[&str], body: &[u8]| {
        id_of(
            "standard",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "webhook-id: ",
            extra,
            body,
        )
    };
    let first = standard(&["--timestamp", "1700000000"], body);
    assert_eq!(first, format!("msg_{}", &digest[..32]));
    assert_eq!(standard(&["--timestamp", "1700000999"], body), first);
    assert_eq!(standard(&[], body), first);
    assert_ne!(standard(&[], br#"{"type":"invoice.paid" }"#), first);
    assert_eq!(standard(&["--id", "msg_given"], body), "msg_given");

    let github = |extra: &[&str]| {
        id_of(
            "github",
            GITHUB_SECRET,
            "X-GitHub-Delivery: ",
            &[&["--event", "ping"], extra].concat(),
            body,
        )
    };
    let uuid = github(&[]);
    // A version-8 UUID of the digest: version nibble 8, variant bits 10.
    assert_eq!(uuid.len(), 36, "{uuid}");
    assert_eq!(uuid.replace('-', "").get(..12), digest.get(..12), "{uuid}");
    assert_eq!(uuid.get(14..15), Some("8"), "{uuid}");
    assert!(
        matches!(uuid.get(19..20), Some("8" | "9" | "a" | "b")),
        "{uuid}"
    );
    assert_eq!(github(&["--timestamp", "1"]), uuid);
    assert_eq!(github(&["--id", "delivery-7"]), "delivery-7");
}

/// `parse` prints the variant, then the event name as the sender gives it; `--json` prints
/// both, the provider and whether it is typed, as one JSON object. Exit codes as without it.
#[test]
fn parse_prints_the_event_name_and_json() {
    let customer = webhook_guard::testing::fixtures::find("stripe", "customer.created").unwrap();
    let o = run(&["parse", "--provider", "stripe", "-"], customer.body());
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(
        stdout(&o),
        "stripe::Object::Customer\nevent: customer.created\n"
    );
    let o = run(
        &["parse", "--provider", "stripe", "--json", "-"],
        customer.body(),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let mut json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let parsed = json.as_object_mut().unwrap().remove("parsed").unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "provider": "stripe",
            "event": "customer.created",
            "variant": "stripe::Object::Customer",
            "typed": true,
        })
    );
    assert_eq!(parsed["data"]["object"]["id"], "cus_QXg1o8vcGmoR32");

    // Slack: the inner event's type for a callback.
    let mention = webhook_guard::testing::fixtures::find("slack", "app_mention").unwrap();
    let o = run(&["parse", "--provider", "slack", "-"], mention.body());
    assert_eq!(
        stdout(&o),
        "slack::Event::EventCallback\nevent: app_mention\n"
    );

    // An unknown GitHub event: named, untyped, exit 3.
    let o = run(
        &[
            "parse",
            "--provider",
            "github",
            "--event",
            "brand_new",
            "--json",
            "-",
        ],
        b"{}",
    );
    assert_eq!(o.status.code(), Some(3), "{o:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["event"], "brand_new");
    assert_eq!(json["typed"], false);
}

/// `parse --json` prints the parsed event as `parsed`, in the shape it was parsed from: the
/// typed fields (with Stripe's `object` tag put back), the raw document for an unknown event.
#[test]
fn parse_json_prints_the_parsed_event() {
    let push = webhook_guard::testing::fixtures::find("github", "push").unwrap();
    let o = run(
        &[
            "parse",
            "--provider",
            "github",
            "--event",
            "push",
            "--json",
            "-",
        ],
        push.body(),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["variant"], "github::Event::Push");
    let parsed = &json["parsed"];
    assert_eq!(parsed["ref"], "refs/tags/simple-tag");
    assert_eq!(parsed["after"], "0000000000000000000000000000000000000000");
    assert_eq!(parsed["repository"]["full_name"], "Codertocat/Hello-World");

    let paid =
        webhook_guard::testing::fixtures::find("stripe", "payment_intent.succeeded").unwrap();
    let sent: serde_json::Value = serde_json::from_slice(paid.body()).unwrap();
    let o = run(
        &["parse", "--provider", "stripe", "--json", "-"],
        paid.body(),
    );
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let parsed = &json["parsed"];
    assert_eq!(parsed["id"], sent["id"]);
    assert_eq!(parsed["type"], "payment_intent.succeeded");
    assert_eq!(parsed["data"]["object"]["object"], "payment_intent");
    assert_eq!(parsed["data"]["object"]["id"], sent["data"]["object"]["id"]);
    assert_eq!(
        parsed["data"]["object"]["amount"],
        sent["data"]["object"]["amount"]
    );

    // Untyped: the raw document, as sent.
    let o = run(
        &[
            "parse",
            "--provider",
            "github",
            "--event",
            "brand_new",
            "--json",
            "-",
        ],
        br#"{"zen": 1}"#,
    );
    assert_eq!(o.status.code(), Some(3), "{o:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["parsed"], serde_json::json!({"zen": 1}));
}

/// `webhook-guard sign … | head -1`: a reader that closed stdout ends the process quietly
/// (status 0, nothing on stderr) instead of a broken-pipe panic (status 101). The pipe is
/// closed before the body arrives on stdin, so the first write fails for certain.
#[test]
fn a_closed_stdout_ends_quietly_without_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_webhook-guard"))
        .args([
            "sign",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--event",
            "push",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(br#"{"zen":"closed pipe"}"#).unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(o.status.code(), Some(0), "{stderr}");
}
