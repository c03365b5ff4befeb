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
/// `sqlite` with feature `inbox-sqlite`; `postgres` and `postgresql` with feature
/// `inbox-postgres`.
pub const SUPPORTED_SCHEMES: &[&str] = &[
    #[cfg(feature = "inbox-sqlite")]
    "sqlite",
    #[cfg(feature = "inbox-postgres")]
    "postgres",
    #[cfg(feature = "inbox-postgres")]
    "postgresql",
];

/// What a password in a URL is shown as.
const HIDDEN: &str = "***";

/// A database URL, parsed: which backend, and where its data lives.
///
/// | URL | backend | where |
/// |---|---|---|
/// | `sqlite:webhooks.db`, `sqlite://webhooks.db` | [`SqliteStore`](super::SqliteStore) | `webhooks.db`, relative to the working directory |
/// | `sqlite:/var/lib/app/webhooks.db`, `sqlite:///var/lib/app/webhooks.db` | [`SqliteStore`](super::SqliteStore) | `/var/lib/app/webhooks.db` |
/// | `postgres://user:password@host:5432/database`, `postgresql://…` | [`PostgresStore`](super::PostgresStore) | that database (which must exist), as [`tokio_postgres::Config`](https://docs.rs/tokio-postgres/0.7/tokio_postgres/config/struct.Config.html) reads the URL |
///
/// The SQLite path is taken literally (no percent-decoding). Query parameters (`?mode=ro`) and
/// in-memory databases (`sqlite::memory:`, which would lose every delivery on exit) are
/// refused rather than silently ignored. A PostgreSQL URL is kept as given (its scheme in
/// lower case) and read by the driver when connecting: a malformed one fails [`open`] as
/// [`OpenError::Store`].
///
/// A scheme whose backend this build was compiled without is refused by `parse` with
/// [`OpenError::NotCompiled`], which names the feature to enable (`inbox-sqlite`,
/// `inbox-postgres`).
///
/// # Passwords
///
/// [`Debug`](fmt::Debug) and [`Display`](fmt::Display) show a PostgreSQL URL with its password
/// as `***` (the userinfo password, and the value of a `password` or `sslpassword` parameter);
/// [`OpenError`] never repeats the URL. Only the variant's own field holds it in full, for
/// connecting.
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
///
/// With feature `inbox-postgres`:
///
/// ```
/// # #[cfg(feature = "inbox-postgres")]
/// # fn main() -> Result<(), webhook_guard::inbox::OpenError> {
/// use webhook_guard::inbox::DatabaseUrl;
///
/// let url: DatabaseUrl = "postgres://app:hunter2@db.internal:5432/webhooks".parse()?;
/// assert_eq!(url.scheme(), "postgres");
/// assert_eq!(url.to_string(), "postgres://app:***@db.internal:5432/webhooks");
/// assert!(!format!("{url:?}").contains("hunter2"));
/// # Ok(()) }
/// # #[cfg(not(feature = "inbox-postgres"))]
/// # fn main() {}
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DatabaseUrl {
    /// An SQLite database file (`sqlite:PATH`, `sqlite://PATH`, `sqlite:///ABSOLUTE/PATH`).
    Sqlite(PathBuf),
    /// A PostgreSQL database: the whole URL (`postgres://…` or `postgresql://…`, its scheme in
    /// lower case), password included, as
    /// [`PostgresStore::connect`](super::PostgresStore::connect) takes it.
    Postgres(String),
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written by hand so that a URL's password is left out.
        match self {
            DatabaseUrl::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            DatabaseUrl::Postgres(url) => f
                .debug_tuple("Postgres")
                .field(&redact_postgres(url))
                .finish(),
        }
    }
}

impl fmt::Display for DatabaseUrl {
    /// The URL, a PostgreSQL password shown as `***`: `sqlite:PATH`,
    /// `postgres://app:***@db:5432/webhooks`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            DatabaseUrl::Postgres(url) => f.write_str(&redact_postgres(url)),
        }
    }
}

impl DatabaseUrl {
    /// Parses `url`; see the [type docs](Self). A known scheme whose backend is not compiled
    /// in is [`OpenError::NotCompiled`], naming the feature it needs.
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
            "sqlite" => {
                let path = sqlite_path(rest)?;
                compiled("sqlite", "inbox-sqlite", cfg!(feature = "inbox-sqlite"))?;
                Ok(DatabaseUrl::Sqlite(path))
            }
            "postgres" => postgres_url("postgres", rest),
            "postgresql" => postgres_url("postgresql", rest),
            // Further backends add an arm here (and a variant, and one in `open`).
            other => Err(OpenError::UnsupportedScheme {
                scheme: other.chars().take(MAX_SCHEME_LEN).collect(),
            }),
        }
    }

    /// The scheme, lower case: `sqlite`, `postgres` or `postgresql` (as written).
    pub fn scheme(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(url) if url.starts_with("postgresql:") => "postgresql",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }

    /// Opens (creating if needed) the store this URL names.
    ///
    /// For SQLite: [`SqliteStore::open`](super::SqliteStore::open) with its defaults, which
    /// creates the file and its schema when missing (not the directory). That work runs on
    /// Tokio's blocking pool when called inside a Tokio runtime, since it may wait up to the
    /// busy timeout for another process's write lock.
    ///
    /// For PostgreSQL: [`PostgresStore::connect`](super::PostgresStore::connect) with its
    /// defaults, which creates the tables in the database when missing (not the database).
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
            #[cfg(feature = "inbox-postgres")]
            DatabaseUrl::Postgres(url) => Ok(Arc::new(super::PostgresStore::connect(url).await?)),
            #[cfg(not(feature = "inbox-postgres"))]
            DatabaseUrl::Postgres(_) => Err(OpenError::NotCompiled {
                scheme: self.scheme(),
                feature: "inbox-postgres",
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

/// `Err(NotCompiled)` when the backend of `scheme` is not in this build.
fn compiled(scheme: &'static str, feature: &'static str, yes: bool) -> Result<(), OpenError> {
    if yes {
        Ok(())
    } else {
        Err(OpenError::NotCompiled { scheme, feature })
    }
}

/// A `postgres:` / `postgresql:` URL (`rest` follows the `:`), its scheme in lower case.
fn postgres_url(scheme: &'static str, rest: &str) -> Result<DatabaseUrl, OpenError> {
    let Some(after) = rest.strip_prefix("//") else {
        return Err(OpenError::Invalid {
            scheme,
            reason: "expected postgres://[user[:password]@]host[:port]/database",
        });
    };
    compiled(scheme, "inbox-postgres", cfg!(feature = "inbox-postgres"))?;
    Ok(DatabaseUrl::Postgres(format!("{scheme}://{after}")))
}

/// `url` (`SCHEME://…`) with every place a password can be written replaced by `***`: the
/// userinfo password (between the first `:` after `//` and the last `@`, so that a password
/// holding an unencoded `@`, `/` or `?` is hidden whole), and everything from the value of a
/// `password` / `sslpassword` parameter on. Hiding more than the password is fine; showing any
/// of it is not.
fn redact_postgres(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return HIDDEN.to_owned();
    };
    let mut out = format!("{scheme}://");
    let after_userinfo = match rest.rfind('@') {
        Some(at) => {
            let (userinfo, after) = rest.split_at(at);
            match userinfo.split_once(':') {
                Some((user, _password)) => {
                    out.push_str(user);
                    out.push(':');
                    out.push_str(HIDDEN);
                }
                None => out.push_str(userinfo),
            }
            after
        }
        None => rest,
    };
    // Parameters: pieces between `?` and `&`; from a password's value on, nothing is shown.
    let mut piece_start = 0;
    for (i, c) in after_userinfo
        .char_indices()
        .chain([(after_userinfo.len(), '&')])
    {
        if c != '?' && c != '&' {
            continue;
        }
        let piece = after_userinfo.get(piece_start..i).unwrap_or_default();
        if let Some((key, _value)) = piece.split_once('=') {
            if percent_decoded_lower(key).contains("password") {
                out.push_str(after_userinfo.get(..piece_start).unwrap_or_default());
                out.push_str(key);
                out.push('=');
                out.push_str(HIDDEN);
                return out;
            }
        }
        piece_start = i + 1;
    }
    out.push_str(after_userinfo);
    out
}

/// `text` percent-decoded (invalid escapes kept as written), ASCII lower case.
fn percent_decoded_lower(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|&h| char::from(h).to_digit(16));
        let escaped = match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => u8::try_from(high * 16 + low).ok(),
            _ => None,
        };
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).to_ascii_lowercase()
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

    #[cfg(feature = "inbox-sqlite")]
    fn sqlite(path: &str) -> DatabaseUrl {
        DatabaseUrl::Sqlite(PathBuf::from(path))
    }

    #[cfg(feature = "inbox-sqlite")]
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

    #[cfg(not(feature = "inbox-sqlite"))]
    #[test]
    fn sqlite_urls_without_the_backend_name_its_feature() {
        let e = DatabaseUrl::parse("sqlite:webhooks.db").unwrap_err();
        assert_eq!(
            e,
            OpenError::NotCompiled {
                scheme: "sqlite",
                feature: "inbox-sqlite"
            }
        );
        assert!(e.to_string().contains("`inbox-sqlite` feature"), "{e}");
    }

    /// URLs with a password somewhere, and what `Display` / `Debug` show of them.
    const REDACTED_URLS: &[(&str, &str)] = &[
        (
            "postgres://app:hunter2@db.internal:5432/webhooks",
            "postgres://app:***@db.internal:5432/webhooks",
        ),
        (
            "postgresql://app:hunter2@127.0.0.1/webhooks?sslmode=disable",
            "postgresql://app:***@127.0.0.1/webhooks?sslmode=disable",
        ),
        // An empty user; a password holding unencoded `@`, `/`, `?` and `:`.
        ("postgres://:hunter2@db/app", "postgres://:***@db/app"),
        (
            "postgres://app:hun@ter/2?x:y@db/app",
            "postgres://app:***@db/app",
        ),
        // Passwords as parameters: everything from the value on is hidden.
        (
            "postgres://app@db/app?sslmode=disable&password=hunter2&connect_timeout=5",
            "postgres://app@db/app?sslmode=disable&password=***",
        ),
        (
            "postgres://db/app?password=hunter2",
            "postgres://db/app?password=***",
        ),
        (
            "postgres://db/app?sslpassword=hunter2",
            "postgres://db/app?sslpassword=***",
        ),
        (
            "postgres://db/app?pass%77ord=hunter2",
            "postgres://db/app?pass%77ord=***",
        ),
        // An `@` in a parameter after the host: more is hidden, never the password.
        (
            "postgres://db:5432/app?application_name=a@b&password=hunter2",
            "postgres://db:***@b&password=***",
        ),
        // No password at all: shown as written.
        (
            "postgres://app@127.0.0.1:5432/webhooks",
            "postgres://app@127.0.0.1:5432/webhooks",
        ),
        ("postgres://db/app", "postgres://db/app"),
    ];

    #[test]
    fn postgres_urls_never_show_their_password() {
        for (url, shown) in REDACTED_URLS {
            assert_eq!(redact_postgres(url), *shown, "{url}");
            let value = DatabaseUrl::Postgres((*url).to_owned());
            assert_eq!(value.to_string(), *shown);
            let debug = format!("{value:?} {value:#?}");
            assert!(!debug.contains("hunter2"), "{debug}");
            assert!(!debug.contains("ter/2"), "{debug}");
            assert!(debug.starts_with("Postgres(\""), "{debug}");
        }
        assert_eq!(redact_postgres("no scheme"), "***");
        assert_eq!(percent_decoded_lower("PASS%77ORD%zz%4"), "password%zz%4");
    }

    #[cfg(feature = "inbox-postgres")]
    #[test]
    fn postgres_urls_are_kept_whole_with_a_lower_case_scheme() {
        let cases = [
            (
                "postgres://app:hunter2@db:5432/webhooks",
                "postgres://app:hunter2@db:5432/webhooks",
                "postgres",
            ),
            (
                " PostgreSQL://app@db/webhooks?sslmode=disable\n",
                "postgresql://app@db/webhooks?sslmode=disable",
                "postgresql",
            ),
            ("POSTGRES://db/app", "postgres://db/app", "postgres"),
        ];
        for (input, kept, scheme) in cases {
            let url = DatabaseUrl::parse(input).unwrap();
            assert_eq!(url, DatabaseUrl::Postgres(kept.to_owned()), "{input}");
            assert_eq!(url.scheme(), scheme);
        }
        assert!(SUPPORTED_SCHEMES.contains(&"postgres"));
        assert!(SUPPORTED_SCHEMES.contains(&"postgresql"));
        // Not `scheme://`: an error that never repeats the URL.
        let e = DatabaseUrl::parse("postgres:app:hunter2@db/app").unwrap_err();
        assert!(
            matches!(
                e,
                OpenError::Invalid {
                    scheme: "postgres",
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(!format!("{e} {e:?}").contains("hunter2"));
    }

    #[cfg(not(feature = "inbox-postgres"))]
    #[test]
    fn postgres_urls_without_the_backend_name_its_feature() {
        for (url, scheme) in [
            ("postgres://app:hunter2@db/app", "postgres"),
            ("postgresql://app:hunter2@db/app", "postgresql"),
        ] {
            let e = DatabaseUrl::parse(url).unwrap_err();
            assert_eq!(
                e,
                OpenError::NotCompiled {
                    scheme,
                    feature: "inbox-postgres"
                }
            );
            let message = e.to_string();
            assert!(
                message.contains("need webhook-guard's `inbox-postgres` feature"),
                "{message}"
            );
            assert!(!message.contains("hunter2"), "{message}");
        }
        assert!(!SUPPORTED_SCHEMES.contains(&"postgres"));
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
