//! The SQLite inbox backend: the shared backend suite, a real store outage (another connection
//! holds the write lock), and what survives closing and reopening the file.

mod inbox_suite;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use inbox_suite::{delivery, stored};
use webhook_guard::inbox::{InboxError, InboxStore, Insert, SqliteStore, Status};

/// A fresh directory under the system temp dir, unique per test run and call.
fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "wg-inbox-sqlite-{}-{name}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_passes_the_backend_suite() {
    inbox_suite::run_all(|| async {
        let path = temp_dir("suite").join("inbox.db");
        Arc::new(SqliteStore::open(path).unwrap()) as Arc<dyn InboxStore>
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_write_lock_is_an_outage_not_an_acknowledgement() {
    let path = temp_dir("outage").join("inbox.db");
    let store = SqliteStore::builder(&path)
        .busy_timeout(Duration::from_millis(100))
        .open()
        .unwrap();
    let before = stored(&store, delivery("github", "github:id:before", 0)).await;

    // Another process (here: another connection) takes the write lock and keeps it.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store
        .insert(delivery("github", "github:id:during", 1))
        .await
        .unwrap_err();
    assert!(matches!(err, InboxError::Unavailable(_)), "{err}");
    let as_http = webhook_guard::Error::from(err);
    assert_eq!(as_http.status(), 503);
    other.execute_batch("ROLLBACK").unwrap();

    // Nothing of the failed insert was kept; the store works again.
    assert!(store.get(before).await.unwrap().is_some());
    assert_eq!(store.stats().await.unwrap().pending, 1);
    assert!(matches!(
        store
            .insert(delivery("github", "github:id:during", 2))
            .await
            .unwrap(),
        Insert::Stored(_)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_was_acknowledged_is_there_after_reopening() {
    let path = temp_dir("reopen").join("inbox.db");
    let store = SqliteStore::open(&path).unwrap();
    let mut ids = Vec::new();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..200 {
        let store = store.clone();
        tasks.spawn(async move {
            store
                .insert(delivery("standard", &format!("standard:id:msg_{i}"), i))
                .await
                .unwrap()
        });
    }
    while let Some(result) = tasks.join_next().await {
        match result.unwrap() {
            Insert::Stored(id) => ids.push(id),
            Insert::Duplicate(_) => panic!("every key is new"),
        }
    }
    drop(store);
    let reopened = SqliteStore::open(&path).unwrap();
    assert_eq!(reopened.stats().await.unwrap().pending, 200);
    for id in ids {
        let row = reopened.get(id).await.unwrap().expect("acknowledged row");
        assert_eq!(row.status, Status::Pending);
    }
    // The schema is plain SQLite: any client reads it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (count, event): (i64, String) = conn
        .query_row(
            "SELECT count(*), max(event) FROM inbox_deliveries WHERE provider = 'standard'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, event.as_str()), (200, "push"));
}

/// A token scheme's proof is the shared secret itself: the inbox must not store it.
#[tokio::test]
async fn a_token_schemes_secret_header_is_stored_redacted() {
    use webhook_guard::inbox::{Inbox, Ingested};
    use webhook_guard::providers::gitlab::GitLab;
    use webhook_guard::{Secret, Verifier, WebhookRequest};
    let dir = std::env::temp_dir().join(format!("wg-inbox-redact-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let inbox = Inbox::new(SqliteStore::open(dir.join("inbox.db")).unwrap());
    let verifier = Verifier::builder(GitLab::default())
        .secret(Secret::from_text("gitlab-shared-token"))
        .build()
        .unwrap();
    let headers = [
        ("X-Gitlab-Token", "gitlab-shared-token"),
        ("X-Gitlab-Event", "Push Hook"),
        (
            "X-Gitlab-Event-UUID",
            "c0ffee00-0000-4000-8000-000000000001",
        ),
        ("Content-Type", "application/json"),
    ];
    let request = WebhookRequest::new(&headers, br#"{"object_kind":"push"}"#);
    let Ingested::Stored(id) = inbox.ingest(&verifier, &request).await.unwrap() else {
        panic!("not stored")
    };
    let row = inbox.store().get(id).await.unwrap().unwrap();
    assert_eq!(row.header("x-gitlab-token"), Some("[redacted]"));
    let file = std::fs::read(dir.join("inbox.db")).unwrap();
    let wal = std::fs::read(dir.join("inbox.db-wal")).unwrap_or_default();
    for bytes in [&file, &wal] {
        assert!(
            !bytes.windows(19).any(|w| w == b"gitlab-shared-token"),
            "the secret reached the database file"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
