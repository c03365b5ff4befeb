//! Opening an inbox store from a database URL, as the CLI's `--inbox` / `--database` take it.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use super::{InboxError, InboxStore};

/// The most characters of an unknown scheme repeated in [`OpenError::UnsupportedScheme`].
const MAX_SCHEME_LEN: usize = 32;

/// The URL schemes this build can open ([`open`]), as written before the `:`.
///
/// `sqlite` with feature `inbox-sqlite`.
pub const SUPPORTED_SCHEMES: &[&str] = &[
    #[cfg(feature = "inbox-sqlite")]
    "sqlite",
];

/// A database URL, parsed: which backend, and where its data lives.
///
/// | URL | backend | where |
/// |---|---|---|
/// | `sqlite:webhooks.db`, `sqlite://webhooks.db` | [`SqliteStore`](super::SqliteStore) | `webhooks.db`, relative to the working directory |
/// | `sqlite:/var/lib/app/webhooks.db`, `sqlite:///var/lib/app/webhooks.db` | [`SqliteStore`](super::SqliteStore) | `/var/lib/app/webhooks.db` |
///
/// The path is taken literally (no percent-decoding). Query parameters (`?mode=ro`) and
/// in-memory databases (`sqlite::memory:`, which would lose every delivery on exit) are
/// refused rather than silently ignored.
///
/// ```
/// use webhook_guard::inbox::DatabaseUrl;
///
/// let url: DatabaseUrl = "sqlite:///var/lib/app/webhooks.db".parse()?;
/// assert_eq!(url, DatabaseUrl::Sqlite("/var/lib/app/webhooks.db".into()));
/// assert_eq!(url.scheme(), "sqlite");
/// assert!("mysql://db/app".parse::<DatabaseUrl>().is_err());
/// # Ok::<(), webhook_guard::inbox::OpenError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DatabaseUrl {
    /// An SQLite database file (`sqlite:PATH`, `sqlite://PATH`, `sqlite:///ABSOLUTE/PATH`).
    Sqlite(PathBuf),
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written by hand so that a backend whose URL carries a password can leave it out.
        match self {
            DatabaseUrl::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
        }
    }
}

impl DatabaseUrl {
    /// Parses `url`; see the [type docs](Self). Recognises a scheme even when its backend is
    /// not compiled in ([`DatabaseUrl::open`] then says which feature it needs).
    pub fn parse(url: &str) -> Result<Self, OpenError> {
        let url = url.trim();
        let (scheme, rest) = url.split_once(':').ok_or(OpenError::NotAUrl)?;
        let valid_scheme = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid_scheme {
            return Err(OpenError::NotAUrl);
        }
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => sqlite_path(rest).map(DatabaseUrl::Sqlite),
            // Further backends add an arm here (and a variant, and one in `open`).
            other => Err(OpenError::UnsupportedScheme {
                scheme: other.chars().take(MAX_SCHEME_LEN).collect(),
            }),
        }
    }

    /// The scheme, lower case: `sqlite`.
    pub fn scheme(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
        }
    }

    /// Opens (creating if needed) the store this URL names.
    ///
    /// For SQLite: [`SqliteStore::open`](super::SqliteStore::open) with its defaults, which
    /// creates the file and its schema when missing (not the directory). That work runs on
    /// Tokio's blocking pool when called inside a Tokio runtime, since it may wait up to the
    /// busy timeout for another process's write lock.
    pub async fn open(&self) -> Result<Arc<dyn InboxStore>, OpenError> {
        match self {
            #[cfg(feature = "inbox-sqlite")]
            DatabaseUrl::Sqlite(path) => {
                let path = path.clone();
                let open = move || super::SqliteStore::open(path);
                let store = match tokio::runtime::Handle::try_current() {
                    Ok(runtime) => runtime.spawn_blocking(open).await.map_err(|e| {
                        InboxError::Unavailable(format!("opening the SQLite file failed: {e}"))
                    })??,
                    Err(_) => open()?,
                };
                Ok(Arc::new(store))
            }
            #[cfg(not(feature = "inbox-sqlite"))]
            DatabaseUrl::Sqlite(_) => Err(OpenError::NotCompiled {
                scheme: "sqlite",
                feature: "inbox-sqlite",
            }),
        }
    }
}

impl FromStr for DatabaseUrl {
    type Err = OpenError;

    fn from_str(url: &str) -> Result<Self, OpenError> {
        Self::parse(url)
    }
}

/// The file of an `sqlite:` URL: what follows `sqlite:`, or `sqlite://`.
fn sqlite_path(rest: &str) -> Result<PathBuf, OpenError> {
    let invalid = |reason| OpenError::Invalid {
        scheme: "sqlite",
        reason,
    };
    let path = rest.strip_prefix("//").unwrap_or(rest);
    if path.is_empty() {
        return Err(invalid("no file path (e.g. sqlite:webhooks.db)"));
    }
    if path == ":memory:" || path == "memory:" || path.starts_with("file::memory:") {
        return Err(invalid(
            "an in-memory database loses every delivery on exit; name a file",
        ));
    }
    if path.contains('?') {
        return Err(invalid("query parameters are not supported"));
    }
    Ok(PathBuf::from(path))
}

/// Opens the inbox store named by a database URL (see [`DatabaseUrl`] for the forms).
///
/// ```
/// # #[cfg(feature = "inbox-sqlite")]
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use webhook_guard::inbox::{self, Inbox, OpenError};
///
/// # let dir = std::env::temp_dir().join(format!("wg-open-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// let url = format!("sqlite:{}", dir.join("webhooks.db").display());
/// let inbox = Inbox::shared(inbox::open(&url).await?);
/// assert_eq!(inbox.store().stats().await?.pending, 0);
///
/// let Err(refused) = inbox::open("mysql://localhost/app").await else { panic!() };
/// assert!(matches!(refused, OpenError::UnsupportedScheme { .. }));
/// assert!(refused.to_string().contains("sqlite"), "{refused}"); // the schemes it supports
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok(()) }
/// # #[cfg(not(feature = "inbox-sqlite"))]
/// # fn main() {}
/// ```
pub async fn open(url: &str) -> Result<Arc<dyn InboxStore>, OpenError> {
    DatabaseUrl::parse(url)?.open().await
}

/// Why [`open`] could not open an inbox. Never repeats the URL (it may hold a password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// The text is not `SCHEME:…`.
    #[error(
        "not a database URL: expected SCHEME:…, e.g. sqlite:webhooks.db (supported schemes: {})",
        supported()
    )]
    NotAUrl,
    /// A scheme no backend of this crate reads.
    #[error(
        "unsupported database URL scheme `{scheme}` (supported schemes: {})",
        supported()
    )]
    UnsupportedScheme {
        /// The scheme, lower case (at most 32 characters of it).
        scheme: String,
    },
    /// A backend this build was compiled without.
    #[error("`{scheme}:` URLs need webhook-guard's `{feature}` feature, not enabled in this build (supported schemes: {})", supported())]
    NotCompiled {
        /// The scheme.
        scheme: &'static str,
        /// The crate feature that adds its backend.
        feature: &'static str,
    },
    /// A known scheme with something wrong after it.
    #[error("invalid `{scheme}:` URL: {reason}")]
    Invalid {
        /// The scheme.
        scheme: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// The backend could not open the database (file, permissions, schema version, …).
    #[error("cannot open the inbox: {0}")]
    Store(#[from] InboxError),
}

/// [`SUPPORTED_SCHEMES`] for messages.
fn supported() -> String {
    if SUPPORTED_SCHEMES.is_empty() {
        "none: enable a backend feature such as inbox-sqlite".to_owned()
    } else {
        SUPPORTED_SCHEMES
            .iter()
            .map(|s| format!("{s}:"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(path: &str) -> DatabaseUrl {
        DatabaseUrl::Sqlite(PathBuf::from(path))
    }

    #[test]
    fn sqlite_urls_name_relative_and_absolute_files() {
        let cases = [
            ("sqlite:webhooks.db", "webhooks.db"),
            ("sqlite://webhooks.db", "webhooks.db"),
            ("sqlite://data/webhooks.db", "data/webhooks.db"),
            ("sqlite:./data/webhooks.db", "./data/webhooks.db"),
            (
                "sqlite:/var/lib/app/webhooks.db",
                "/var/lib/app/webhooks.db",
            ),
            (
                "sqlite:///var/lib/app/webhooks.db",
                "/var/lib/app/webhooks.db",
            ),
            ("SQLite:webhooks.db", "webhooks.db"),
            ("  sqlite:webhooks.db\n", "webhooks.db"),
            ("sqlite:with space.db", "with space.db"),
        ];
        for (url, path) in cases {
            assert_eq!(DatabaseUrl::parse(url), Ok(sqlite(path)), "{url}");
            assert_eq!(url.parse::<DatabaseUrl>(), Ok(sqlite(path)), "{url}");
        }
        assert_eq!(sqlite("x").scheme(), "sqlite");
    }

    #[test]
    fn sqlite_urls_without_a_durable_file_are_refused() {
        for url in [
            "sqlite:",
            "sqlite://",
            "sqlite::memory:",
            "sqlite://:memory:",
            "sqlite:file::memory:?cache=shared",
            "sqlite://webhooks.db?mode=ro",
        ] {
            let e = DatabaseUrl::parse(url).unwrap_err();
            assert!(
                matches!(
                    e,
                    OpenError::Invalid {
                        scheme: "sqlite",
                        ..
                    }
                ),
                "{url}: {e:?}"
            );
        }
    }

    #[test]
    fn other_schemes_and_non_urls_name_the_supported_schemes() {
        let e = DatabaseUrl::parse("mysql://user:hunter2@db/app").unwrap_err();
        assert_eq!(
            e,
            OpenError::UnsupportedScheme {
                scheme: "mysql".into()
            }
        );
        let message = e.to_string();
        assert!(!message.contains("hunter2"), "{message}");
        assert!(message.contains("supported schemes"), "{message}");
        #[cfg(feature = "inbox-sqlite")]
        assert!(message.contains("sqlite:"), "{message}");

        for not_a_url in ["", "webhooks.db", "/var/lib/webhooks.db", "://x", "1db:x"] {
            assert_eq!(
                DatabaseUrl::parse(not_a_url),
                Err(OpenError::NotAUrl),
                "{not_a_url}"
            );
        }
        let long = format!("{}:x", "a".repeat(100));
        let Err(OpenError::UnsupportedScheme { scheme }) = DatabaseUrl::parse(&long) else {
            panic!("unsupported");
        };
        assert_eq!(scheme.len(), MAX_SCHEME_LEN);
    }

    #[cfg(feature = "inbox-sqlite")]
    #[tokio::test(flavor = "current_thread")]
    async fn open_creates_the_file_inside_and_outside_a_runtime() {
        let dir = std::env::temp_dir().join(format!("wg-open-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("inbox.db");
        let url = format!("sqlite://{}", path.display());
        let store = open(&url).await.unwrap();
        assert_eq!(store.stats().await.unwrap(), crate::inbox::Stats::default());
        assert!(path.exists());
        // Outside a runtime (no blocking pool): opened inline.
        use std::future::Future as _;
        let url2 = format!("sqlite:{}", dir.join("other.db").display());
        let opened = std::thread::spawn(move || {
            let waker = std::task::Waker::noop();
            let mut cx = std::task::Context::from_waker(waker);
            let mut future = std::pin::pin!(open(&url2));
            match future.as_mut().poll(&mut cx) {
                std::task::Poll::Ready(result) => result.map(|_| ()),
                std::task::Poll::Pending => panic!("opening without a runtime is synchronous"),
            }
        })
        .join()
        .unwrap();
        assert_eq!(opened, Ok(()));
        // A directory that does not exist: the store's error, without the URL.
        let missing = format!("sqlite:{}", dir.join("no/such/dir/inbox.db").display());
        assert!(matches!(
            open(&missing).await,
            Err(OpenError::Store(InboxError::Unavailable(_)))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
