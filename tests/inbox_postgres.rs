//! The PostgreSQL inbox backend against a real server the test starts (see `postgres_server`):
//! the shared backend suite, concurrent schema creation, version and row checks, what `psql`
//! sees, and an outage (the server stopped and started again).

mod inbox_suite;
mod postgres_server;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use inbox_suite::{delivery, stored};
use postgres_server::PostgresServer;
use webhook_guard::inbox::{
    InboxError, InboxStore, Insert, PostgresStore, Status, POSTGRES_SCHEMA_VERSION,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_passes_the_backend_suite() {
    let server = PostgresServer::start();
    let url = server.create_database("suite").await;
    // Each check on a fresh, empty store: its own PostgreSQL schema in one database.
    let n = AtomicUsize::new(0);
    inbox_suite::run_all(|| async {
        let schema = format!("suite_{}", n.fetch_add(1, Ordering::Relaxed));
        let store = PostgresStore::builder(&url)
            .schema(&schema)
            .connect()
            .await
            .unwrap();
        Arc::new(store) as Arc<dyn InboxStore>
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_suite_passes_on_the_default_schema_over_the_unix_socket() {
    // One check per fresh database, connecting with the key-value form over the socket.
    let server = PostgresServer::start();
    let n = AtomicUsize::new(0);
    inbox_suite::run_all(|| async {
        let db = format!("plain_{}", n.fetch_add(1, Ordering::Relaxed));
        server.create_database(&db).await;
        let store = PostgresStore::connect(&server.socket_conninfo(&db))
            .await
            .unwrap();
        assert_eq!(store.table(), "inbox_deliveries");
        Arc::new(store) as Arc<dyn InboxStore>
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receivers_starting_together_create_the_schema_once() {
    let server = PostgresServer::start();
    let url = server.create_database("fleet_start").await;
    let mut connecting = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let url = url.clone();
        connecting.spawn(async move { PostgresStore::connect(&url).await });
    }
    let mut stores = Vec::new();
    while let Some(joined) = connecting.join_next().await {
        stores.push(joined.unwrap().expect("every receiver connects"));
    }
    let client = server.client("fleet_start").await;
    let rows = client
        .query("SELECT version FROM webhook_guard_inbox_schema", &[])
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "one version row");
    assert_eq!(rows[0].get::<_, i32>(0), POSTGRES_SCHEMA_VERSION);
    // They all work on the one table.
    let first = stored(&stores[0], delivery("github", "github:id:1", 0)).await;
    assert_eq!(
        stores[7]
            .insert(delivery("github", "github:id:1", 1))
            .await
            .unwrap(),
        Insert::Duplicate(first)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_schema_and_unreadable_rows_are_corrupt_not_panics() {
    let server = PostgresServer::start();
    let url = server.create_database("corrupt").await;
    let store = PostgresStore::connect(&url).await.unwrap();
    let a = stored(&store, delivery("github", "github:id:a", 0)).await;
    let b = stored(&store, delivery("github", "github:id:b", 0)).await;
    let client = server.client("corrupt").await;
    client
        .batch_execute(&format!(
            "UPDATE inbox_deliveries SET headers = '{{\"not\": \"pairs\"}}' WHERE id = {a};
             UPDATE inbox_deliveries SET attempts = -1 WHERE id = {b};"
        ))
        .await
        .unwrap();
    for id in [a, b] {
        let err = store.get(id).await.unwrap_err();
        assert!(matches!(err, InboxError::Corrupt(_)), "{err}");
    }
    client
        .batch_execute("UPDATE webhook_guard_inbox_schema SET version = 99")
        .await
        .unwrap();
    let err = PostgresStore::connect(&url).await.unwrap_err();
    assert!(matches!(err, InboxError::Corrupt(_)), "{err}");
    assert!(err.to_string().contains("version 99"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn psql_reads_headers_and_the_exact_body() {
    let server = PostgresServer::start();
    let url = server.create_database("readable").await;
    let store = PostgresStore::connect(&url).await.unwrap();
    let mut d = delivery("stripe", "stripe:id:evt_1", 0);
    d.headers = vec![
        ("stripe-signature".into(), "t=1,v1=ab".into()),
        ("content-type".into(), "application/json".into()),
    ];
    d.body = vec![0, 159, 146, 150, b'{'];
    let id = stored(&store, d).await;
    let client = server.client("readable").await;
    let row = client
        .query_one(
            "SELECT headers->0->>0, headers->0->>1, headers->1->>1, body, status, \
             received_at FROM inbox_deliveries WHERE id = $1",
            &[&id.0],
        )
        .await
        .unwrap();
    assert_eq!(row.get::<_, &str>(0), "stripe-signature");
    assert_eq!(row.get::<_, &str>(1), "t=1,v1=ab");
    assert_eq!(row.get::<_, &str>(2), "application/json");
    assert_eq!(row.get::<_, Vec<u8>>(3), vec![0, 159, 146, 150, b'{']);
    assert_eq!(row.get::<_, &str>(4), "pending");
    assert_eq!(row.get::<_, i64>(5), inbox_suite::T0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_server_is_unavailable_and_the_store_recovers() {
    let server = PostgresServer::start();
    let url = server.create_database("outage").await;
    let store = PostgresStore::builder(&url)
        .timeout(Duration::from_secs(3))
        .connect()
        .await
        .unwrap();
    let before = stored(&store, delivery("github", "github:id:before", 0)).await;
    server.stop();
    for i in 0..3 {
        let err = store
            .insert(delivery("github", &format!("github:id:during{i}"), 1))
            .await
            .unwrap_err();
        assert!(matches!(err, InboxError::Unavailable(_)), "{err}");
        assert_eq!(webhook_guard::Error::from(err).status(), 503);
    }
    assert!(matches!(
        store.stats().await.unwrap_err(),
        InboxError::Unavailable(_)
    ));
    server.restart();
    // Pooled connections died with the server: the store reconnects on its own.
    let mut recovered = None;
    for _ in 0..50 {
        match store
            .insert(delivery("github", "github:id:during0", 2))
            .await
        {
            Ok(insert) => {
                recovered = Some(insert);
                break;
            }
            Err(InboxError::Unavailable(_)) => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(other) => panic!("{other}"),
        }
    }
    assert!(
        matches!(recovered, Some(Insert::Stored(_))),
        "{recovered:?}"
    );
    let row = store
        .get(before)
        .await
        .unwrap()
        .expect("kept across restart");
    assert_eq!(row.status, Status::Pending);
    assert_eq!(store.stats().await.unwrap().pending, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commits_are_synchronous_even_when_the_role_turned_them_off() {
    let server = PostgresServer::start();
    let url = server.create_database("sync").await;
    let admin = server.client("sync").await;
    admin
        .batch_execute("ALTER ROLE postgres SET synchronous_commit = off")
        .await
        .unwrap();
    let store = PostgresStore::connect(&url).await.unwrap();
    // A column whose default records the inserting session's setting.
    admin
        .batch_execute(
            "ALTER TABLE inbox_deliveries ADD COLUMN commit_mode TEXT \
             DEFAULT current_setting('synchronous_commit')",
        )
        .await
        .unwrap();
    let id = stored(&store, delivery("github", "github:id:sync", 0)).await;
    let mode: String = admin
        .query_one(
            "SELECT commit_mode FROM inbox_deliveries WHERE id = $1",
            &[&id.0],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(mode, "on");
    // A plain session of that role still has it off: the store changed only its own.
    let plain = server.client("sync").await;
    let theirs: String = plain
        .query_one("SHOW synchronous_commit", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(theirs, "off");
}
