//! [`RedisStore`]: a replay store shared by a fleet of receivers (feature `redis`).

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{Script, ScriptInvocation};

use super::{ttl_millis, BoxFuture, DuplicateState, ReplayStore, Reserve, StoreError, Token};

/// Claims the key unless a live claim or a done mark holds it; reports what is there otherwise.
/// One round trip, atomic. Returns 0 = fresh, 1 = in flight, 2 = done, 3 = this very attempt
/// was cancelled already (see [`CANCEL`]; its caller gave up on the answer, so it never sees 3).
///
/// A cancelled attempt's mark (`c<token>`) counts as free for every other attempt.
const RESERVE: &str = r"
local v = redis.call('GET', KEYS[1])
if v == ARGV[3] then return 3 end
if v == false or string.sub(v, 1, 1) == 'c' then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 0
end
if string.sub(v, 1, 1) == 'd' then return 2 end
return 1
";

/// Cancels a reserve attempt whose answer was lost: if the key holds that attempt's claim, or
/// nothing (its `SET` may not have run yet), it now holds the attempt's cancel mark, which
/// [`RESERVE`] treats as free for everyone else and as "cancelled" for that attempt, should it
/// still arrive. Anything else (another claim, a done mark) is left alone.
const CANCEL: &str = r"
local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
";

/// Marks the key done if it still holds our in-flight value, nothing, or a cancelled attempt's
/// mark; leaves another receiver's claim (or done mark) alone.
const COMMIT: &str = r"
local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] or string.sub(v, 1, 1) == 'c' then
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

/// When an operation's answer is lost, the follow-up tries again after each of these delays
/// (each try bounded by the store's timeout), and stops at the first answer.
const FOLLOW_UP_DELAYS: [Duration; 4] = [
    Duration::ZERO,
    Duration::from_millis(100),
    Duration::from_millis(500),
    Duration::from_secs(2),
];

/// At most this many follow-ups run at once per store; beyond that (a long outage), the
/// in-flight TTL frees the keys instead.
const MAX_FOLLOW_UPS: usize = 1024;

/// A replay store in Redis, so that a fleet of receivers behind a load balancer processes each
/// delivery once.
///
/// Each claim is one key, `{prefix}{namespace:}provider:id`, whose value names the claim:
///
/// * reserve: `SET key i<token> PX <in-flight TTL>` unless the key holds a claim (`i…`) or a
///   done mark (`d…`), in which case its value says whether the first copy is in flight or done
///   (a Lua script does both in one atomic round trip);
/// * commit: `SET key d<token> PX <replay TTL>`, only if the key still holds our in-flight value,
///   nothing, or a cancel mark (below; a Lua compare-and-set), so a commit that arrives after our
///   claim expired and another receiver claimed the id does not clobber that receiver's claim;
/// * release: `DEL key`, only if it still holds our in-flight value (a Lua compare-and-delete).
///
/// Tokens are 128 bits: 64 random bits per store instance and a counter, so claims from
/// different receivers never look alike. Keys expire on their own (`PX`), so Redis needs no
/// clean-up job; with `maxmemory`, use an eviction policy that spares keys with a TTL ordering
/// (`volatile-ttl`) or none (`noeviction`, then a full Redis answers errors, hence 503s).
///
/// # When an answer is lost
///
/// An operation whose answer does not come within [`RedisStoreBuilder::timeout`] fails with a
/// [`StoreError`], but Redis may have applied it (or may still apply it: a paused or slow
/// Redis runs the command later). The store finishes such an operation in the background, on
/// the current Tokio runtime: up to four tries spread over about three seconds, each bounded by
/// the timeout, stopping at the first one answered. The same happens when the caller drops the
/// future before the answer came, or when Redis answers something a reserve cannot act on.
///
/// * **reserve** (the caller answers 503, the sender retries): the attempt is *cancelled*. If
///   the key holds that attempt's claim, or nothing yet, it gets the attempt's cancel mark
///   `c<token>` for the in-flight TTL: every other reserve treats the mark as free, and the
///   attempt's own `SET`, should it still arrive, finds the mark and claims nothing. So the
///   sender's retry is processed instead of meeting a 409 for the whole in-flight TTL. This is
///   safe whether or not the `SET` landed, because only this attempt's token is touched.
/// * **commit** (the handler ran, the caller answers 2xx anyway): the commit is sent again, so
///   the id is recorded as done rather than freed when the in-flight TTL ends.
/// * **release** (the handler failed): the release is sent again, so the retry is processed
///   without waiting for the in-flight TTL.
///
/// While the connection lasts, a try travels behind the lost command, so Redis runs it after
/// that command however long Redis held both; after a reconnect, the cancel mark covers a
/// reserve that still arrives over the old connection. If no try is answered (Redis
/// unreachable for longer than the follow-up, or more than 1024 follow-ups pending), the
/// in-flight TTL frees the key.
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
    cancel: Script,
    commit: Script,
    release: Script,
    /// The runtime the store was built on, for follow-ups started outside any runtime.
    runtime: Option<tokio::runtime::Handle>,
    /// Follow-ups running now (at most [`MAX_FOLLOW_UPS`]).
    follow_ups: AtomicUsize,
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
    ///
    /// Redis may still apply an operation that timed out; the store then cancels the reserve
    /// or sends the commit or release again in the background (see "When an answer is lost"
    /// on [`RedisStore`]).
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
                cancel: Script::new(CANCEL),
                commit: Script::new(COMMIT),
                release: Script::new(RELEASE),
                runtime: tokio::runtime::Handle::try_current().ok(),
                follow_ups: AtomicUsize::new(0),
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

    /// The reserve script call for the attempt `token` on the full key `key`.
    fn reserve_call(&self, key: &str, token: Token, ttl: Duration) -> ScriptInvocation<'_> {
        let mut call = self.reserve.key(key);
        call.arg(&value(b'i', token)[..])
            .arg(ttl_millis(ttl))
            .arg(&value(b'c', token)[..]);
        call
    }

    /// The script call that carries out `job`.
    fn invocation(&self, job: &Job) -> ScriptInvocation<'_> {
        let claim = value(b'i', job.token);
        match job.op {
            Op::Cancel { ttl } => {
                let mut call = self.cancel.key(&job.key);
                call.arg(&claim[..])
                    .arg(&value(b'c', job.token)[..])
                    .arg(ttl_millis(ttl));
                call
            }
            Op::Commit { ttl } => {
                let mut call = self.commit.key(&job.key);
                call.arg(&claim[..])
                    .arg(&value(b'd', job.token)[..])
                    .arg(ttl_millis(ttl));
                call
            }
            Op::Release => {
                let mut call = self.release.key(&job.key);
                call.arg(&claim[..]);
                call
            }
        }
    }

    /// Carries out `job` once, bounded by the timeout.
    async fn run(&self, job: &Job) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        self.bounded(self.invocation(job).invoke_async::<i64>(&mut conn))
            .await
            .map(drop)
    }
}

/// A reserve, commit or release, named by what finishes it when its answer is lost.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// Cancel a reserve attempt (see [`CANCEL`]); the mark lives for the in-flight TTL.
    Cancel { ttl: Duration },
    /// Commit a claim for the replay TTL.
    Commit { ttl: Duration },
    /// Release a claim.
    Release,
}

/// One operation on one claim: the full key, the claim's token and what to do.
struct Job {
    key: String,
    token: Token,
    op: Op,
}

/// An operation on its way to Redis. Dropped before [`Pending::answered`] (an error, a
/// timeout, or the caller dropped the future), it starts the follow-up of its job.
struct Pending {
    inner: Arc<Inner>,
    job: Option<Job>,
}

impl Pending {
    fn answered(mut self) {
        self.job = None;
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(job) = self.job.take() {
            follow_up(Arc::clone(&self.inner), job);
        }
    }
}

/// Retries `job` in the background (see "When an answer is lost" on [`RedisStore`]): after
/// each of [`FOLLOW_UP_DELAYS`], until one try is answered. Every job is idempotent and touches
/// only its own token's claim, so a try that repeats an applied command changes nothing.
fn follow_up(inner: Arc<Inner>, job: Job) {
    let runtime = match tokio::runtime::Handle::try_current() {
        Ok(runtime) => runtime,
        Err(_) => match &inner.runtime {
            Some(runtime) => runtime.clone(),
            None => return,
        },
    };
    let Some(slot) = FollowUpSlot::take(inner) else {
        return;
    };
    runtime.spawn(async move {
        for delay in FOLLOW_UP_DELAYS {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if slot.inner.run(&job).await.is_ok() {
                return;
            }
        }
    });
}

/// One of the [`MAX_FOLLOW_UPS`] follow-up slots of a store, given back on drop.
struct FollowUpSlot {
    inner: Arc<Inner>,
}

impl FollowUpSlot {
    fn take(inner: Arc<Inner>) -> Option<Self> {
        let taken = inner
            .follow_ups
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < MAX_FOLLOW_UPS).then_some(n + 1)
            });
        taken.is_ok().then_some(Self { inner })
    }
}

impl Drop for FollowUpSlot {
    fn drop(&mut self) {
        self.inner.follow_ups.fetch_sub(1, Ordering::AcqRel);
    }
}

impl RedisStore {
    async fn reserve_key(&self, key: &str, ttl: Duration) -> Result<Reserve, StoreError> {
        let inner = &self.inner;
        let token = inner.next_token();
        let key = inner.key(key);
        let call = inner.reserve_call(&key, token, ttl);
        // From here until the answer, the claim may exist in Redis without anyone holding
        // its token: if the answer is lost, the follow-up cancels it.
        let pending = Pending {
            inner: Arc::clone(inner),
            job: Some(Job {
                key,
                token,
                op: Op::Cancel { ttl },
            }),
        };
        let mut conn = inner.conn.clone();
        let answer = inner.bounded(call.invoke_async::<i64>(&mut conn)).await?;
        let reserve = match answer {
            0 => Reserve::Fresh(token),
            1 => Reserve::Duplicate(DuplicateState::InFlight),
            2 => Reserve::Duplicate(DuplicateState::Done),
            // Anything else is not an answer we can act on: an error (503), never a pass,
            // and the follow-up cancels whatever this attempt may have left.
            _ => return Err(StoreError("redis: unexpected answer to reserve".into())),
        };
        pending.answered();
        Ok(reserve)
    }

    /// Commits or releases: `job` once, with a follow-up if its answer is lost.
    async fn decide(&self, job: Job) -> Result<(), StoreError> {
        let inner = &self.inner;
        let call = inner.invocation(&job);
        let pending = Pending {
            inner: Arc::clone(inner),
            job: Some(job),
        };
        let mut conn = inner.conn.clone();
        inner.bounded(call.invoke_async::<i64>(&mut conn)).await?;
        pending.answered();
        Ok(())
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
    let _ = crate::crypto::encoding::encode_hex_into(&token.as_u128().to_be_bytes(), hex_part);
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
        Box::pin(self.reserve_key(key, ttl))
    }

    fn commit<'a>(
        &'a self,
        key: &'a str,
        token: Token,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(self.decide(Job {
            key: self.inner.key(key),
            token,
            op: Op::Commit { ttl },
        }))
    }

    fn release<'a>(&'a self, key: &'a str, token: Token) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(self.decide(Job {
            key: self.inner.key(key),
            token,
            op: Op::Release,
        }))
    }

    /// Releases in the background, with the retries of a lost release (see "When an answer
    /// is lost" on [`RedisStore`]); without a Tokio runtime, the in-flight TTL frees the key.
    fn release_on_drop(&self, key: &str, token: Token) {
        let job = Job {
            key: self.inner.key(key),
            token,
            op: Op::Release,
        };
        follow_up(Arc::clone(&self.inner), job);
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

    /// A throwaway `redis-server` on a free loopback port, killed by PID on drop. `None` when
    /// it is not installed (`tests/replay_redis.rs` insists on it under `CI`).
    struct Server {
        port: u16,
        child: std::process::Child,
    }

    impl Server {
        fn start() -> Option<Self> {
            use std::process::{Command, Stdio};
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .ok()?
                .local_addr()
                .ok()?
                .port();
            let child = Command::new("redis-server")
                .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
                .args(["--save", "", "--appendonly", "no"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            let Ok(child) = child else {
                eprintln!("SKIPPED: redis-server is not installed");
                return None;
            };
            let server = Self { port, child };
            let start = std::time::Instant::now();
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(start.elapsed() < Duration::from_secs(10), "no redis-server");
                std::thread::sleep(Duration::from_millis(20));
            }
            Some(server)
        }
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// After a reconnect, the cancel of a lost reserve can reach Redis *before* that
    /// reserve's own script (still in flight on the old connection). The cancel mark makes
    /// the late script claim nothing, and frees the key for everyone else.
    #[tokio::test(flavor = "current_thread")]
    async fn cancel_mark_stops_a_late_reserve_and_frees_the_key() {
        let Some(server) = Server::start() else {
            return;
        };
        let url = format!("redis://127.0.0.1:{}/", server.port);
        let store = RedisStore::builder(&url).build().await.unwrap();
        let inner = &store.inner;
        let mut conn = inner.conn.clone();
        let ttl = Duration::from_secs(60);
        let cancel = |key: &str, token| Job {
            key: inner.key(key),
            token,
            op: Op::Cancel { ttl },
        };

        // Cancel first, then the attempt's late script: it answers "cancelled", claims nothing.
        let lost = inner.next_token();
        inner.run(&cancel("late", lost)).await.unwrap();
        let late: i64 = inner
            .reserve_call(&inner.key("late"), lost, ttl)
            .invoke_async(&mut conn)
            .await
            .unwrap();
        assert_eq!(late, 3);
        // The mark is free for every other attempt.
        let Ok(Reserve::Fresh(retry)) = store.reserve("late", ttl).await else {
            panic!("the retry is not fresh")
        };
        // A cancel for the lost attempt, repeated now, leaves the retry's claim alone.
        inner.run(&cancel("late", lost)).await.unwrap();
        assert_eq!(
            store.reserve("late", ttl).await.unwrap(),
            Reserve::Duplicate(DuplicateState::InFlight)
        );
        store.commit("late", retry, ttl).await.unwrap();
        assert_eq!(
            store.reserve("late", ttl).await.unwrap(),
            Reserve::Duplicate(DuplicateState::Done)
        );

        // The usual order: the attempt's claim landed, then the cancel replaces it.
        let landed = inner.next_token();
        let first: i64 = inner
            .reserve_call(&inner.key("landed"), landed, ttl)
            .invoke_async(&mut conn)
            .await
            .unwrap();
        assert_eq!(first, 0);
        inner.run(&cancel("landed", landed)).await.unwrap();
        let again: i64 = inner
            .reserve_call(&inner.key("landed"), landed, ttl)
            .invoke_async(&mut conn)
            .await
            .unwrap();
        assert_eq!(again, 3, "a repeat of the cancelled attempt claims nothing");
        let Ok(Reserve::Fresh(_)) = store.reserve("landed", ttl).await else {
            panic!("the retry after a cancelled claim is not fresh")
        };
        // A commit whose claim expired and was followed by a cancel mark still records it.
        let Ok(Reserve::Fresh(slow)) = store.reserve("expired", Duration::from_millis(50)).await
        else {
            panic!()
        };
        tokio::time::sleep(Duration::from_millis(120)).await;
        inner
            .run(&cancel("expired", inner.next_token()))
            .await
            .unwrap();
        store.commit("expired", slow, ttl).await.unwrap();
        assert_eq!(
            store.reserve("expired", ttl).await.unwrap(),
            Reserve::Duplicate(DuplicateState::Done)
        );
        drop(server);
    }
}
