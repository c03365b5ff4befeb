//! `webhook-guard listen --inbox` → `webhook-guard inbox …` with the built binary, against a
//! temporary SQLite file: real HTTP deliveries on 127.0.0.1 (signed and posted by
//! `webhook-guard send`), then `stats`, `list`, `show`, `retry`, `purge` and their error paths.
//! With feature `inbox-postgres`, the same against a throwaway PostgreSQL server
//! (`postgres_server`). Every wait is bounded; listeners are killed by their PID, the temp dir
//! removed, on drop.

mod cli_listener;
mod inbox_rows;
#[cfg(feature = "inbox-postgres")]
mod postgres_server;

use std::io::{BufRead, BufReader, Write as _};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use cli_listener::Listener;
use serde_json::Value;
use webhook_guard::inbox::{Claim, DeliveryId, Failure, InboxStore, SqliteStore, Status};
use webhook_guard::{Clock as _, SystemClock, UnixTime};

const BIN: &str = env!("CARGO_BIN_EXE_webhook-guard");
const GITHUB_SECRET: &str = "It's a Secret to Everybody";
const STANDARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const SLACK_SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";

/// A temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "wg-cli-inbox-{}-{name}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, contents: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `listen --inbox`, started by the tests of this file.
impl Listener {
    fn start(provider: &str, secret: &str, database: &str) -> Self {
        Self::start_with(provider, secret, database, &[])
    }

    /// `start` with more arguments for `listen`.
    fn start_with(provider: &str, secret: &str, database: &str, more: &[&str]) -> Self {
        let mut command = Command::new(BIN);
        command
            .args(["listen", "--provider", provider, "--secret", secret])
            .args(["--addr", "127.0.0.1:0", "--inbox", database])
            .args(more)
            .stdin(Stdio::null());
        Listener::spawn(command)
    }
}

/// Runs the binary with `args` (and extra environment); stdin closed.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("WEBHOOK_GUARD_DATABASE")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// `webhook-guard inbox --database DATABASE ARGS…`.
fn inbox(database: &str, args: &[&str]) -> Output {
    let mut all = vec!["inbox", "--database", database];
    all.extend_from_slice(args);
    run_env(&all, &[])
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts exit 0 and answers stdout.
fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    stdout(o)
}

/// `list --json` (with `args`): one parsed object per line.
fn list_json(database: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    ok(&inbox(database, &all))
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

fn show_json(database: &str, id: i64) -> Value {
    serde_json::from_str(&ok(&inbox(database, &["show", &id.to_string(), "--json"]))).unwrap()
}

fn stats_json(database: &str) -> Value {
    serde_json::from_str(&ok(&inbox(database, &["stats", "--json"]))).unwrap()
}

/// `webhook-guard send ARGS…`: (exit code, stdout).
fn send(args: &[&str]) -> (i32, String) {
    let mut all = vec!["send"];
    all.extend_from_slice(args);
    let o = run_env(&all, &[]);
    (o.status.code().unwrap_or(-1), stdout(&o))
}

/// Sends `body` as GitHub event `event` to `listener`, `repeat` times.
fn send_github(listener: &Listener, body: &str, event: &str, repeat: &str) -> (i32, String) {
    let url = format!("{}/webhooks/github", listener.url);
    send(&[
        "--provider",
        "github",
        "--secret",
        GITHUB_SECRET,
        "--event",
        event,
        "--repeat",
        repeat,
        "--url",
        &url,
        body,
    ])
}

/// The id in a `stored id=N …` / `duplicate id=N …` line.
fn line_id(line: &str) -> i64 {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix("id="))
        .unwrap_or_else(|| panic!("no id in {line}"))
        .parse()
        .unwrap()
}

fn now() -> UnixTime {
    SystemClock.now()
}

/// The whole life of a delivery from the command line.
#[test]
fn deliveries_received_by_listen_are_inspected_and_re_driven() {
    let dir = TempDir::new("life");
    let path = dir.0.join("webhooks.db");
    let database = format!("sqlite:{}", path.display());

    // Receive: three GitHub deliveries (the first twice), a non-UTF-8 one, a forgery.
    let github = Listener::start("github", GITHUB_SECRET, &database);
    let zen = dir.file("zen.json", br#"{"zen":"Design for failure.","hook_id":1}"#);
    let (code, out) = send_github(&github, &zen, "ping", "2");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "200 OK\nstored\n200 OK\nduplicate\n");
    let stored = github.next_line();
    assert!(stored.starts_with("stored id="), "{stored}");
    assert!(
        stored.contains(" provider=github event=ping key=github:sha256:"),
        "{stored}"
    );
    let duplicate = github.next_line();
    assert!(duplicate.starts_with("duplicate id="), "{duplicate}");
    let zen_id = line_id(&stored);
    assert_eq!(line_id(&duplicate), zen_id, "a copy is the same row");

    let push_body = br#"{"ref":"refs/heads/main","hook_id":2}"#;
    let push = dir.file("push.json", push_body);
    assert_eq!(send_github(&github, &push, "push", "1").0, 0);
    let push_id = line_id(&github.next_line());
    let binary_body = [0xff_u8, 0xfe, 0x00, 0x01, b'\n'];
    let binary = dir.file("binary.bin", &binary_body);
    assert_eq!(send_github(&github, &binary, "push", "1").0, 0);
    let binary_id = line_id(&github.next_line());

    let url = format!("{}/webhooks/github", github.url);
    let (code, out) = send(&[
        "--provider",
        "github",
        "--secret",
        "not the secret",
        "--event",
        "ping",
        "--url",
        &url,
        &push,
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("401"), "{out}");
    assert_eq!(
        github.next_line(),
        "rejected: signature_mismatch: no signature matched (401)"
    );

    // A second receiver process on the same file, another provider.
    let standard = Listener::start("standard", STANDARD_SECRET, &database);
    let url = format!("{}/hooks", standard.url);
    let (code, out) = send(&[
        "--provider",
        "standard",
        "--secret",
        STANDARD_SECRET,
        "--url",
        &url,
        "--fixture",
        "contact.created",
    ]);
    assert_eq!((code, out.as_str()), (0, "200 OK\nstored\n"));
    let standard_line = standard.next_line();
    assert!(
        standard_line.contains(" provider=standard event=- key=standard:id:msg_"),
        "{standard_line}"
    );
    let standard_id = line_id(&standard_line);

    // An endpoint check is answered and stores nothing.
    let slack = Listener::start("slack", SLACK_SECRET, &database);
    let url = format!("{}/slack/events", slack.url);
    let (code, out) = send(&[
        "--provider",
        "slack",
        "--secret",
        SLACK_SECRET,
        "--url",
        &url,
        "--fixture",
        "url_verification",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("200 OK\n"), "{out}");
    assert!(!out.contains("stored"), "{out}");
    assert_eq!(slack.next_line(), "handshake answered");

    // stats
    let stats = ok(&inbox(&database, &["stats"]));
    assert!(
        stats.starts_with("pending    4\nin_flight  0\ndone       0\ndead       0\n"),
        "{stats}"
    );
    assert!(stats.contains("oldest pending: 20"), "{stats}");
    let stats = stats_json(&database);
    assert_eq!(
        (&stats["pending"], &stats["done"], &stats["dead"]),
        (&Value::from(4), &Value::from(0), &Value::from(0))
    );
    assert!(stats["oldest_pending_at"].as_str().unwrap().ends_with('Z'));
    assert!(stats["oldest_pending_age_secs"].is_u64());

    // list: newest first, every field of the contract.
    let rows = list_json(&database, &[]);
    assert_eq!(ids(&rows), [standard_id, binary_id, push_id, zen_id]);
    let zen_row = rows.last().unwrap();
    assert_eq!(zen_row["provider"], "github");
    assert_eq!(zen_row["tenant"], Value::Null);
    assert_eq!(zen_row["event"], "ping");
    assert_eq!(zen_row["event_signed"], false);
    assert_eq!(zen_row["status"], "pending");
    assert_eq!(zen_row["attempts"], 0);
    assert_eq!(zen_row["last_error"], Value::Null);
    assert!(stored.ends_with(zen_row["replay_key"].as_str().unwrap()));
    for field in ["received_at", "next_attempt_at", "updated_at"] {
        let at = zen_row[field].as_str().unwrap();
        assert!(
            at.len() == 24 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
            "{at}"
        );
    }
    assert_eq!(rows[0]["provider"], "standard");
    assert_eq!(
        ids(&list_json(&database, &["--provider", "github"])),
        [binary_id, push_id, zen_id]
    );
    assert!(list_json(&database, &["--status", "dead"]).is_empty());
    let page = inbox(&database, &["list", "--json", "--limit", "2"]);
    assert_eq!(ok(&page).lines().count(), 2);
    assert_eq!(
        stderr(&page),
        format!("more may follow: --before {binary_id}\n")
    );
    assert_eq!(
        ids(&list_json(&database, &["--before", &binary_id.to_string()])),
        [push_id, zen_id]
    );
    let table = ok(&inbox(&database, &["list"]));
    let mut lines = table.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("ID  STATUS   ATTEMPTS  PROVIDER"));
    assert_eq!(lines.count(), 4, "{table}");
    assert_eq!(
        inbox(&database, &["list", "--status", "gone"])
            .status
            .code(),
        Some(2)
    );

    // show: text and JSON, a UTF-8 body and a binary one.
    let shown = ok(&inbox(&database, &["show", &push_id.to_string()]));
    assert!(shown.contains("\nevent: push (unsigned)\n"), "{shown}");
    assert!(shown.contains("\nstatus: pending\n"), "{shown}");
    assert!(
        shown.contains("\n  x-hub-signature-256: sha256="),
        "{shown}"
    );
    assert!(
        shown.ends_with(&format!(
            "body ({} bytes, UTF-8):\n{}\n",
            push_body.len(),
            std::str::from_utf8(push_body).unwrap()
        )),
        "{shown}"
    );
    let push_json = show_json(&database, push_id);
    assert_eq!(push_json["body_encoding"], "utf8");
    assert_eq!(push_json["body"].as_str().unwrap().as_bytes(), push_body);
    assert_eq!(push_json["lease_owner"], Value::Null);
    let headers = push_json["headers"].as_array().unwrap();
    assert!(headers
        .iter()
        .any(|h| h[0] == "x-github-event" && h[1] == "push"));
    let binary_json = show_json(&database, binary_id);
    assert_eq!(binary_json["body_encoding"], "base64");
    assert_eq!(binary_json["body"], "//4AAQo=");
    let shown = ok(&inbox(&database, &["show", &binary_id.to_string()]));
    assert!(
        shown.ends_with("body (5 bytes, not UTF-8; base64):\n//4AAQo=\n"),
        "{shown}"
    );

    // A worker (this test, through the library): the ping done ten days ago, the push dead,
    // the binary one given back.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let store = SqliteStore::open(&path).unwrap();
    runtime.block_on(async {
        let claim = Claim::new("cli-test-worker", now(), Duration::from_secs(600), 10)
            .providers(&["github"]);
        let claimed = store.claim(claim).await.unwrap();
        assert_eq!(claimed.len(), 3);
        let ten_days_ago = UnixTime::from_millis(now().as_millis() - 10 * 86_400_000);
        let owner = "cli-test-worker";
        assert!(store
            .complete(DeliveryId(zen_id), owner, ten_days_ago)
            .await
            .unwrap());
        let dead = Failure::Dead("handler exploded\u{1b}[2J");
        assert!(store
            .fail(DeliveryId(push_id), owner, dead, now())
            .await
            .unwrap());
        assert!(store
            .release(DeliveryId(binary_id), owner, now())
            .await
            .unwrap());
    });
    let stats = stats_json(&database);
    assert_eq!(
        (&stats["pending"], &stats["done"], &stats["dead"]),
        (&Value::from(2), &Value::from(1), &Value::from(1))
    );
    let dead = list_json(&database, &["--status", "dead"]);
    assert_eq!(ids(&dead), [push_id]);
    assert_eq!(dead[0]["attempts"], 1);
    assert_eq!(dead[0]["last_error"], "handler exploded\u{1b}[2J");
    let shown = ok(&inbox(&database, &["show", &push_id.to_string()]));
    assert!(shown.contains("\nstatus: dead\n"), "{shown}");
    assert!(shown.contains("\nattempts: 1\n"), "{shown}");
    // The terminal escape from the store is printed escaped.
    assert!(
        shown.contains("\nlast error: handler exploded\\u{1b}[2J\n"),
        "{shown}"
    );
    let table = ok(&inbox(&database, &["list", "--status", "dead"]));
    assert!(!table.contains('\u{1b}'), "{table}");

    // retry ID: only a dead delivery; then it is pending, due now, attempts back to 0.
    let done = inbox(&database, &["retry", &zen_id.to_string()]);
    assert_eq!(done.status.code(), Some(1));
    assert!(stderr(&done).contains("is done, not dead"), "{done:?}");
    assert_eq!(
        ok(&inbox(&database, &["retry", &push_id.to_string()])),
        format!("re-driven {push_id}: pending, due now\n")
    );
    let push_json = show_json(&database, push_id);
    assert_eq!(
        (&push_json["status"], &push_json["attempts"]),
        (&Value::from("pending"), &Value::from(0))
    );
    assert_eq!(
        inbox(&database, &["retry", &push_id.to_string()])
            .status
            .code(),
        Some(1)
    );

    // retry --dead: every dead one.
    runtime.block_on(async {
        let owner = "cli-test-worker-2";
        let claim = Claim::new(owner, now(), Duration::from_secs(600), 10);
        let claimed = store.claim(claim).await.unwrap();
        assert_eq!(claimed.len(), 3, "push, binary and standard are due");
        for d in claimed {
            assert!(store
                .fail(d.id, owner, Failure::Dead("no handler"), now())
                .await
                .unwrap());
        }
    });
    assert_eq!(
        ok(&inbox(&database, &["retry", "--dead"])),
        "re-driven 3 dead deliveries\n"
    );
    assert_eq!(stats_json(&database)["dead"], 0);
    assert_eq!(stats_json(&database)["pending"], 3);
    assert_eq!(
        inbox(&database, &["retry"]).status.code(),
        Some(2),
        "an id or --dead"
    );

    // purge: the done delivery changed ten days ago goes, with its replay key.
    assert_eq!(
        ok(&inbox(&database, &["purge", "--done-older-than", "30d"]))
            .split(" last")
            .next(),
        Some("purged 0 done deliveries")
    );
    let purged = ok(&inbox(&database, &["purge", "--done-older-than", "7d"]));
    assert!(
        purged.starts_with("purged 1 done delivery last changed before 20"),
        "{purged}"
    );
    let gone = inbox(&database, &["show", &zen_id.to_string()]);
    assert_eq!(gone.status.code(), Some(1));
    assert_eq!(
        stderr(&gone),
        format!("webhook-guard: no delivery with id {zen_id}\n")
    );
    let bad = inbox(&database, &["purge", "--done-older-than", "a while"]);
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
    assert_eq!(inbox(&database, &["purge"]).status.code(), Some(2));

    // The same file through the sqlite3 shell, when it is installed.
    match Command::new("sqlite3")
        .arg(&path)
        .arg("SELECT status, count(*) FROM inbox_deliveries GROUP BY status ORDER BY status")
        .output()
    {
        Ok(o) => assert_eq!(ok(&o), "pending|3\n"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("sqlite3 not installed: the file was not checked with it");
        }
        Err(e) => panic!("sqlite3: {e}"),
    }
    drop((github, standard, slack));
}

#[test]
fn errors_name_the_problem_and_exit_non_zero() {
    let dir = TempDir::new("errors");
    let path = dir.0.join("webhooks.db");
    let database = format!("sqlite://{}", path.display());

    // No file yet: the inbox commands never create one.
    let missing = inbox(&database, &["stats"]);
    assert_eq!(missing.status.code(), Some(4), "{missing:?}");
    assert!(
        stderr(&missing).contains("no inbox database at"),
        "{missing:?}"
    );
    assert!(!path.exists());

    // A scheme this build cannot open, without repeating the password; not a URL at all.
    let mysql = inbox("mysql://app:hunter2@db.internal/app", &["stats"]);
    assert_eq!(mysql.status.code(), Some(2));
    let message = stderr(&mysql);
    assert!(
        message.contains("unsupported database URL scheme `mysql`"),
        "{message}"
    );
    assert!(message.contains("sqlite:"), "{message}");
    assert!(!message.contains("hunter2"), "{message}");
    // listen refuses it with its own message, which does not repeat the URL either (clap's
    // would).
    let listen_mysql = run_env(
        &[
            "listen",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--addr",
            "127.0.0.1:0",
            "--inbox",
            "mysql://app:hunter2@db.internal/app",
        ],
        &[],
    );
    assert_eq!(listen_mysql.status.code(), Some(2), "{listen_mysql:?}");
    let message = stderr(&listen_mysql);
    assert!(
        message.contains("--inbox: unsupported database URL scheme `mysql`"),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");
    // PostgreSQL without the backend compiled in: which feature to enable.
    #[cfg(not(feature = "inbox-postgres"))]
    for postgres in [
        inbox("postgres://app:hunter2@127.0.0.1/app", &["stats"]),
        run_env(
            &[
                "listen",
                "--provider",
                "github",
                "--secret",
                GITHUB_SECRET,
                "--addr",
                "127.0.0.1:0",
                "--inbox",
                "postgresql://app:hunter2@127.0.0.1/app",
            ],
            &[],
        ),
    ] {
        assert_eq!(postgres.status.code(), Some(2), "{postgres:?}");
        let message = stderr(&postgres);
        assert!(message.contains("`inbox-postgres` feature"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }
    let bare = inbox(path.to_str().unwrap(), &["stats"]);
    assert_eq!(bare.status.code(), Some(2));
    assert!(stderr(&bare).contains("not a database URL"), "{bare:?}");
    assert_eq!(inbox("sqlite::memory:", &["stats"]).status.code(), Some(2));
    // Not an SQLite file.
    let garbage = dir.file("garbage.db", &[0x42; 8192]);
    let o = inbox(&format!("sqlite:{garbage}"), &["stats"]);
    assert_eq!(o.status.code(), Some(4), "{o:?}");
    assert!(stderr(&o).contains("cannot open the inbox"), "{o:?}");

    // listen: a bad URL is a usage error; a file it cannot create fails before listening.
    let o = run_env(
        &[
            "listen",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--addr",
            "127.0.0.1:0",
            "--inbox",
            "redis://localhost",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let unwritable = format!("sqlite:{}", dir.0.join("no/such/dir/x.db").display());
    let o = run_env(
        &[
            "listen",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--addr",
            "127.0.0.1:0",
            "--inbox",
            &unwritable,
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert!(stderr(&o).contains("cannot open the inbox"), "{o:?}");
    assert!(stdout(&o).is_empty(), "{o:?}");
    let o = run_env(
        &[
            "listen",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--inbox",
            &database,
            "--forward-to",
            "http://127.0.0.1:9",
        ],
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "--inbox and --forward-to together: {o:?}"
    );

    // Create it through listen, then: an unknown id, and the URL from the environment.
    {
        let github = Listener::start("github", GITHUB_SECRET, &database);
        let body = dir.file("b.json", br#"{"zen":"x"}"#);
        assert_eq!(send_github(&github, &body, "ping", "1").0, 0);
        assert!(github.next_line().starts_with("stored id=1 "));
    }
    let unknown = inbox(&database, &["show", "999"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(stderr(&unknown), "webhook-guard: no delivery with id 999\n");
    assert!(stdout(&unknown).is_empty());
    let unknown = inbox(&database, &["retry", "999"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(stderr(&unknown), "webhook-guard: no delivery with id 999\n");

    let from_env = run_env(
        &["inbox", "stats", "--json"],
        &[("WEBHOOK_GUARD_DATABASE", &database)],
    );
    let stats: Value = serde_json::from_str(&ok(&from_env)).unwrap();
    assert_eq!(stats["pending"], 1);
    // `--help` names the variable, never its value (a URL may carry a password).
    let help = run_env(
        &["inbox", "--help"],
        &[("WEBHOOK_GUARD_DATABASE", "sqlite:hunter2.db")],
    );
    let help = ok(&help);
    assert!(help.contains("WEBHOOK_GUARD_DATABASE"), "{help}");
    assert!(!help.contains("hunter2"), "{help}");
    assert_eq!(
        run_env(&["inbox", "stats"], &[]).status.code(),
        Some(2),
        "no database given"
    );
}

/// `listen --retain-done`: done deliveries older than the retention are purged when it starts
/// (then hourly); newer ones, pending and dead ones are kept. Too short a retention, or one
/// without `--inbox`, is a usage error.
#[test]
fn listen_retain_done_purges_old_done_deliveries() {
    let dir = TempDir::new("retain");
    let path = dir.0.join("webhooks.db");
    let database = format!("sqlite:{}", path.display());
    let days_ago = |days: i64| UnixTime::from_millis(now().as_millis() - days * 86_400_000);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let store = SqliteStore::open(&path).unwrap();
    let (old, recent, dead, pending) = runtime.block_on(async {
        (
            inbox_rows::row_at(&store, "old", days_ago(10), Some(Status::Done)).await,
            inbox_rows::row_at(&store, "recent", days_ago(6), Some(Status::Done)).await,
            inbox_rows::row_at(&store, "dead", days_ago(10), Some(Status::Dead)).await,
            inbox_rows::row_at(&store, "pending", days_ago(10), None).await,
        )
    });
    drop(store);

    let listener =
        Listener::start_with("github", GITHUB_SECRET, &database, &["--retain-done", "7d"]);
    let purged = listener.next_line();
    assert!(
        purged.starts_with("purged 1 done delivery last changed before 20"),
        "{purged}"
    );
    let rows = list_json(&database, &[]);
    assert_eq!(ids(&rows), [pending.0, dead.0, recent.0]);
    assert!(!ids(&rows).contains(&old.0));
    // Still receiving.
    let body = dir.file(
        "b.json",
        br#"{"zen":"Half measures are as bad as nothing at all."}"#,
    );
    assert_eq!(send_github(&listener, &body, "ping", "1").0, 0);
    assert!(listener.next_line().starts_with("stored id="));
    drop(listener);

    let listen = |more: &[&str]| {
        let mut args = vec![
            "listen",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--addr",
            "127.0.0.1:0",
        ];
        args.extend_from_slice(more);
        run_env(&args, &[])
    };
    let short = listen(&["--inbox", &database, "--retain-done", "30m"]);
    assert_eq!(short.status.code(), Some(2), "{short:?}");
    assert!(
        stderr(&short).contains("at least 1h: purging forgets the replay keys"),
        "{short:?}"
    );
    let alone = listen(&["--retain-done", "7d"]);
    assert_eq!(
        alone.status.code(),
        Some(2),
        "--retain-done without --inbox: {alone:?}"
    );
}

/// A store that cannot commit (another process holds SQLite's write lock past the busy
/// timeout) answers 503, so the sender retries; the delivery is stored once the lock is gone.
#[test]
fn a_locked_database_answers_503_and_the_retry_is_stored() {
    let dir = TempDir::new("locked");
    let path = dir.0.join("webhooks.db");
    let database = format!("sqlite:{}", path.display());
    let github = Listener::start("github", GITHUB_SECRET, &database);
    let Ok(mut shell) = Command::new("sqlite3")
        .arg(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        eprintln!("sqlite3 not installed: skipped");
        return;
    };
    let mut input = shell.stdin.take().unwrap();
    input
        .write_all(b"BEGIN IMMEDIATE;\nSELECT 'locked';\n")
        .unwrap();
    input.flush().unwrap();
    let mut output = BufReader::new(shell.stdout.take().unwrap());
    let mut locked = String::new();
    output.read_line(&mut locked).unwrap();
    assert_eq!(locked, "locked\n");

    let body = dir.file("b.json", br#"{"zen":"Retry later."}"#);
    let (code, out) = send_github(&github, &body, "ping", "1");
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("503"), "{out}");
    assert_eq!(
        github.next_line(),
        "rejected: replay_store_unavailable (503)"
    );

    drop(input); // ends the shell's transaction
    let _ = shell.wait();
    let (code, out) = send_github(&github, &body, "ping", "1");
    assert_eq!((code, out.as_str()), (0, "200 OK\nstored\n"));
    assert!(github.next_line().starts_with("stored id="));
    assert_eq!(stats_json(&database)["pending"], 1);
}

/// `listen --inbox postgres://…` stores a signed delivery received over HTTP, and
/// `inbox --database postgres://…` reads it back; the password in the URL is never printed.
#[cfg(feature = "inbox-postgres")]
#[test]
fn listen_and_inbox_work_on_a_postgres_url() {
    let server = postgres_server::PostgresServer::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let url = runtime.block_on(server.create_database("cli_inbox"));
    // The test server trusts loopback connections, so a password is accepted (and unused).
    let database = url.replacen("postgres://postgres@", "postgres://postgres:hunter2@", 1);
    assert_ne!(database, url);
    let dir = TempDir::new("postgres");

    let github = Listener::start("github", GITHUB_SECRET, &database);
    let zen = dir.file(
        "zen.json",
        br#"{"zen":"Keep it logically awesome.","hook_id":7}"#,
    );
    let (code, out) = send_github(&github, &zen, "ping", "2");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "200 OK\nstored\n200 OK\nduplicate\n");
    let stored = github.next_line();
    assert!(
        stored.starts_with("stored id=") && stored.contains(" provider=github event=ping key="),
        "{stored}"
    );
    let duplicate = github.next_line();
    assert!(duplicate.starts_with("duplicate id="), "{duplicate}");
    let id = line_id(&stored);
    assert_eq!(line_id(&duplicate), id);

    let rows = list_json(&database, &[]);
    assert_eq!(ids(&rows), [id]);
    assert_eq!(rows[0]["provider"], "github");
    assert_eq!(rows[0]["event"], "ping");
    assert_eq!(rows[0]["status"], "pending");
    assert!(stored.ends_with(rows[0]["replay_key"].as_str().unwrap()));
    // The other spelling of the scheme names the same database.
    let postgresql = database.replacen("postgres://", "postgresql://", 1);
    assert_eq!(ids(&list_json(&postgresql, &["--status", "pending"])), [id]);
    assert_eq!(stats_json(&database)["pending"], 1);
    let shown = show_json(&database, id);
    assert_eq!(
        shown["body"],
        r#"{"zen":"Keep it logically awesome.","hook_id":7}"#
    );
    for args in [&["stats"][..], &["list"], &["show", &id.to_string()]] {
        let o = inbox(&database, args);
        let printed = format!("{}{}", stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(0), "{printed}");
        assert!(!printed.contains("hunter2"), "{printed}");
    }
    drop(github);

    // A server that is not there: exit 4 (inbox) and 1 (listen), the password not printed.
    let closed = format!(
        "postgres://postgres:hunter2@127.0.0.1:{}/cli_inbox",
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    );
    let o = inbox(&closed, &["stats"]);
    assert_eq!(o.status.code(), Some(4), "{o:?}");
    assert!(stderr(&o).contains("cannot open the inbox"), "{o:?}");
    let o = run_env(
        &[
            "listen",
            "--provider",
            "github",
            "--secret",
            GITHUB_SECRET,
            "--addr",
            "127.0.0.1:0",
            "--inbox",
            &closed,
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let printed = format!("{}{}", stdout(&o), stderr(&o));
    assert!(printed.contains("cannot open the inbox"), "{printed}");
    assert!(!printed.contains("hunter2"), "{printed}");
}
