//! [`RedisStore`]: a replay store shared by a fleet of receivers (feature `redis`).

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::Script;

use super::{ttl_millis, BoxFuture, DuplicateState, ReplayStore, Reserve, StoreError, Token};

/// Claims the key unless it exists; reports what is there otherwise. One round trip, atomic.
/// Returns 0 = fresh, 1 = in flight, 2 = done.
const RESERVE: &str = r"
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, 1) == 'd' then return 2 end
return 1
";

/// Marks the key done if it still holds our in-flight value or nothing at all; leaves another
/// receiver's claim (or done mark) alone.
const COMMIT: &str = r"
local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
";

/// Deletes the key only if it still holds our in-flight value (compare and delete).
const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// A replay store in Redis, so that a fleet of receivers behind a load balancer processes each
/// delivery once.
///
/// Each claim is one key, `{prefix}{namespace:}provider:id`, whose value names the claim:
///
/// * reserve: `SET key i<token> NX PX <in-flight TTL>`; when the key exists, its value says
///   whether the first copy is in flight or done (a Lua script does both in one atomic round
///   trip);
/// * commit: `SET key d<token> PX <replay TTL>`, only if the key still holds our in-flight value
///   or nothing (a Lua compare-and-set), so a commit that arrives after our claim expired and
///   another receiver claimed the id does not clobber that receiver's claim;
/// * release: `DEL key`, only if it still holds our in-flight value (a Lua compare-and-delete).
///
/// Tokens are 128 bits: 64 random bits per store instance and a counter, so claims from
/// different receivers never look alike. Keys expire on their own (`PX`), so Redis needs no
/// clean-up job; with `maxmemory`, use an eviction policy that spares keys with a TTL ordering
/// (`volatile-ttl`) or none (`noeviction`, then a full Redis answers errors, hence 503s).
///
/// The connection is a `redis` connection manager: it reconnects after a Redis restart or a
/// network failure. While Redis cannot be reached, every operation fails within
/// [`RedisStoreBuilder::timeout`] with a [`StoreError`], so requests get a 503 and the sender
/// retries later; nothing is ever let through unchecked. A Redis that restarts *without*
/// persistence forgets every id: copies of deliveries processed before then can be processed
/// again (see the limits in the [module docs](super)).
///
/// Needs a Tokio runtime with timers (`tokio::main` has them).
///
/// ```no_run
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use webhook_guard::{providers::github::GitHub, replay::RedisStore, Secret, Verifier};
///
/// let store = RedisStore::builder("redis://127.0.0.1:6379/")
///     .prefix("acme:webhooks:")
///     .build()
///     .await?;
/// let verifier = Verifier::builder(GitHub)
///     .secret(Secret::from_text("It's a Secret to Everybody"))
///     .replay_store(store)
///     .build()?;
/// # let _ = verifier; Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    inner: Arc<Inner>,
}

struct Inner {
    conn: ConnectionManager,
    prefix: Box<str>,
    timeout: Duration,
    seed: u64,
    counter: AtomicU64,
    reserve: Script,
    commit: Script,
    release: Script,
}

/// Builds a [`RedisStore`]; see [`RedisStore::builder`].
#[must_use]
pub struct RedisStoreBuilder {
    url: String,
    prefix: String,
    timeout: Duration,
    connection_timeout: Duration,
}

impl RedisStoreBuilder {
    /// Prefixes every key with `prefix` (default [`RedisStore::DEFAULT_PREFIX`]), to share one
    /// Redis with other data or other applications.
    pub fn prefix(mut self, prefix: &str) -> Self {
        self.prefix = prefix.to_owned();
        self
    }

    /// How long one operation (reserve, commit or release) may take, reconnecting included,
    /// before it fails with a [`StoreError`]. Default [`RedisStore::DEFAULT_TIMEOUT`] (1 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long one attempt to connect may take. Default 1 s.
    pub fn connection_timeout(mut self, timeout: Duration) -> Self {
        self.connection_timeout = timeout;
        self
    }

    fn parts(self) -> Result<(redis::Client, ConnectionManagerConfig, Inner0), StoreError> {
        let client = redis::Client::open(self.url.as_str()).map_err(store_error)?;
        let config = ConnectionManagerConfig::new()
            .set_response_timeout(Some(self.timeout))
            .set_connection_timeout(Some(self.connection_timeout))
            .set_max_delay(Duration::from_secs(1));
        let rest = Inner0 {
            prefix: self.prefix.into_boxed_str(),
            timeout: self.timeout,
        };
        Ok((client, config, rest))
    }

    /// Connects, failing if Redis cannot be reached now.
    pub async fn build(self) -> Result<RedisStore, StoreError> {
        let (client, config, rest) = self.parts()?;
        let timeout = rest.timeout.max(Duration::from_millis(1));
        let conn = tokio::time::timeout(
            timeout.saturating_add(Duration::from_secs(2)),
            ConnectionManager::new_with_config(client, config),
        )
        .await
        .map_err(|_| StoreError("redis: timed out connecting".into()))?
        .map_err(store_error)?;
        Ok(RedisStore::from_parts(conn, rest))
    }

    /// Returns at once and connects on first use, so a receiver can start while Redis is down
    /// (its requests get 503s until Redis is up). Must be called within a Tokio runtime.
    pub fn build_lazy(self) -> Result<RedisStore, StoreError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(StoreError("redis: build_lazy needs a Tokio runtime".into()));
        }
        let (client, config, rest) = self.parts()?;
        let conn = ConnectionManager::new_lazy_with_config(client, config).map_err(store_error)?;
        Ok(RedisStore::from_parts(conn, rest))
    }
}

struct Inner0 {
    prefix: Box<str>,
    timeout: Duration,
}

impl RedisStore {
    /// The key prefix used unless [`RedisStoreBuilder::prefix`] sets another.
    pub const DEFAULT_PREFIX: &'static str = "webhook-guard:replay:";

    /// How long one store operation may take before it fails (and the request gets a 503),
    /// unless [`RedisStoreBuilder::timeout`] sets another.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);

    /// Starts configuring a store for the Redis at `url` (`redis://[:password@]host:port/db`,
    /// as the `redis` crate accepts it).
    pub fn builder(url: &str) -> RedisStoreBuilder {
        RedisStoreBuilder {
            url: url.to_owned(),
            prefix: Self::DEFAULT_PREFIX.to_owned(),
            timeout: Self::DEFAULT_TIMEOUT,
            connection_timeout: Duration::from_secs(1),
        }
    }

    /// Connects to the Redis at `url` with the default prefix and timeouts.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        Self::builder(url).build().await
    }

    fn from_parts(conn: ConnectionManager, rest: Inner0) -> Self {
        Self {
            inner: Arc::new(Inner {
                conn,
                prefix: rest.prefix,
                timeout: rest.timeout,
                seed: random_seed(),
                counter: AtomicU64::new(0),
                reserve: Script::new(RESERVE),
                commit: Script::new(COMMIT),
                release: Script::new(RELEASE),
            }),
        }
    }

    /// The key prefix.
    pub fn prefix(&self) -> &str {
        &self.inner.prefix
    }

    /// Checks that Redis answers (`PING`), for readiness probes.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.inner.conn.clone();
        self.inner
            .bounded(redis::cmd("PING").query_async::<()>(&mut conn))
            .await
    }
}

impl Inner {
    fn key(&self, key: &str) -> String {
        let mut full = String::with_capacity(self.prefix.len() + key.len());
        full.push_str(&self.prefix);
        full.push_str(key);
        full
    }

    fn next_token(&self) -> Token {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        Token::from_u128((u128::from(self.seed) << 64) | u128::from(n))
    }

    async fn bounded<T>(
        &self,
        op: impl std::future::Future<Output = redis::RedisResult<T>>,
    ) -> Result<T, StoreError> {
        match tokio::time::timeout(self.timeout, op).await {
            Ok(result) => result.map_err(store_error),
            Err(_) => Err(StoreError(format!(
                "redis: no answer within {} ms",
                self.timeout.as_millis()
            ))),
        }
    }

    async fn reserve(&self, key: &str, ttl: Duration) -> Result<Reserve, StoreError> {
        let token = self.next_token();
        let mut conn = self.conn.clone();
        let answer: i64 = self
            .bounded(
                self.reserve
                    .key(self.key(key))
                    .arg(&value(b'i', token)[..])
                    .arg(ttl_millis(ttl))
                    .invoke_async(&mut conn),
            )
            .await?;
        match answer {
            0 => Ok(Reserve::Fresh(token)),
            2 => Ok(Reserve::Duplicate(DuplicateState::Done)),
            _ => Ok(Reserve::Duplicate(DuplicateState::InFlight)),
        }
    }

    async fn commit(&self, key: &str, token: Token, ttl: Duration) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        self.bounded(
            self.commit
                .key(self.key(key))
                .arg(&value(b'i', token)[..])
                .arg(&value(b'd', token)[..])
                .arg(ttl_millis(ttl))
                .invoke_async::<i64>(&mut conn),
        )
        .await
        .map(drop)
    }

    async fn release(&self, key: &str, token: Token) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        self.bounded(
            self.release
                .key(self.key(key))
                .arg(&value(b'i', token)[..])
                .invoke_async::<i64>(&mut conn),
        )
        .await
        .map(drop)
    }
}

/// The stored value: a state letter (`i` in flight, `d` done) and the token in hex.
fn value(state: u8, token: Token) -> [u8; 33] {
    let mut out = [0u8; 33];
    let (head, hex_part) = out.split_at_mut(1);
    if let Some(first) = head.first_mut() {
        *first = state;
    }
    // 16 bytes always encode into 32.
    let _ = hex::encode_to_slice(token.as_u128().to_be_bytes(), hex_part);
    out
}

/// 64 random bits for this store's tokens, from the standard library's randomly keyed hasher
/// (no extra dependency; the value needs to be unique, not secret).
fn random_seed() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    if let Ok(since) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(since.as_nanos());
    }
    h.finish()
}

fn store_error(e: redis::RedisError) -> StoreError {
    StoreError(format!("redis: {e}"))
}

impl ReplayStore for RedisStore {
    fn reserve<'a>(
        &'a self,
        key: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Reserve, StoreError>> {
        Box::pin(self.inner.reserve(key, ttl))
    }

    fn commit<'a>(
        &'a self,
        key: &'a str,
        token: Token,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(self.inner.commit(key, token, ttl))
    }

    fn release<'a>(&'a self, key: &'a str, token: Token) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(self.inner.release(key, token))
    }

    /// Spawns the release on the current Tokio runtime, if there is one; otherwise the
    /// in-flight TTL frees the key.
    fn release_on_drop(&self, key: &str, token: Token) {
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let inner = Arc::clone(&self.inner);
            let key = key.to_owned();
            runtime.spawn(async move {
                let _ = inner.release(&key, token).await;
            });
        }
    }
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: never print it.
        f.debug_struct("RedisStore")
            .field("prefix", &self.inner.prefix)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for RedisStoreBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStoreBuilder")
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .field("connection_timeout", &self.connection_timeout)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_name_state_and_token() {
        let v = value(b'i', Token::from_u128(0xab));
        assert_eq!(&v[..], format!("i{:032x}", 0xab).as_bytes());
        let v = value(b'd', Token::from_u128(u128::MAX));
        assert_eq!(&v[..], format!("d{}", "f".repeat(32)).as_bytes());
    }

    #[test]
    fn tokens_are_unique_per_store_and_differ_between_stores() {
        assert_ne!(random_seed(), random_seed());
    }
}
