//! Replay-store throughput.
//!
//! `cargo bench --features redis --bench replay` measures the in-memory store and the Redis
//! store against a `redis-server` it starts on a free loopback port (skipped
//! with a message when `redis-server` is not installed), or against `REPLAY_BENCH_REDIS_URL`.
//!
//! * `memory/reserve_fresh`: a new id into a full store (so every insert also evicts), the
//!   worst steady state; single-threaded, through the synchronous API.
//! * `memory/reserve_duplicate`: an id that is already there.
//! * `memory/reserve_commit_dyn`: reserve + commit through `dyn ReplayStore` (boxed futures),
//!   as the verifier calls it.
//! * `redis/reserve_fresh_sequential`: one reserve per round trip.
//! * `redis/reserve_fresh_64_in_flight`: 64 concurrent reservers sharing one connection.

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use webhook_guard::replay::{MemoryStore, ReplayStore, Reserve};

const TTL: Duration = Duration::from_secs(600);
/// Keys cycle through a pool four times larger than the store, so each is evicted before reuse.
const POOL: usize = 1 << 18;
const STORE: usize = POOL / 4;

fn keys() -> Vec<String> {
    (0..POOL)
        .map(|i| format!("tenant-a:stripe:evt_1NG8Du2eZvKYlo2C{i:08x}"))
        .collect()
}

/// Polls a future that never waits (the memory store's futures are ready at once).
fn now<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => unreachable!("memory store futures are ready at once"),
    }
}

fn memory(c: &mut Criterion) {
    let keys = keys();
    let mut group = c.benchmark_group("memory");
    group.throughput(Throughput::Elements(1));

    let store = MemoryStore::new(STORE);
    let mut i = 0usize;
    // Fill, so the measured inserts evict.
    for key in keys.iter().take(STORE) {
        store.reserve_now(key, TTL);
    }
    group.bench_function("reserve_fresh", |b| {
        b.iter(|| {
            i = (i + 1) % POOL;
            let r = store.reserve_now(&keys[i], TTL);
            debug_assert!(matches!(r, Reserve::Fresh(_)));
            r
        })
    });

    let store = MemoryStore::new(STORE);
    for key in keys.iter().take(STORE) {
        store.reserve_now(key, TTL);
    }
    group.bench_function("reserve_duplicate", |b| {
        b.iter(|| {
            i = (i + 1) % STORE;
            store.reserve_now(&keys[i], TTL)
        })
    });

    let store: Arc<dyn ReplayStore> = Arc::new(MemoryStore::new(STORE));
    group.bench_function("reserve_commit_dyn", |b| {
        b.iter(|| {
            i = (i + 1) % POOL;
            let key = keys[i].as_str();
            if let Ok(Reserve::Fresh(token)) = now(store.reserve(key, TTL)) {
                let _ = now(store.commit(key, token, TTL));
            }
        })
    });
    group.finish();
}

#[cfg(feature = "redis")]
fn redis(c: &mut Criterion) {
    use std::process::{Command, Stdio};
    use std::time::Instant;
    use webhook_guard::replay::RedisStore;

    let mut server = None;
    let url = match std::env::var("REPLAY_BENCH_REDIS_URL") {
        Ok(url) => url,
        Err(_) => {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .unwrap_or(0);
            let port_text = port.to_string();
            let child = Command::new("timeout")
                .args(["600", "redis-server", "--port", &port_text])
                .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            let Ok(child) = child else {
                eprintln!("SKIPPED: redis benches (redis-server or timeout not installed)");
                return;
            };
            server = Some(child);
            let start = Instant::now();
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                if start.elapsed() > Duration::from_secs(10) {
                    eprintln!("SKIPPED: redis benches (redis-server did not start)");
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            format!("redis://127.0.0.1:{port}/")
        }
    };

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let store = Arc::new(
        runtime
            .block_on(RedisStore::builder(&url).prefix("bench:").build())
            .unwrap(),
    );
    let counter = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut group = c.benchmark_group("redis");
    group.throughput(Throughput::Elements(1));
    group.bench_function("reserve_fresh_sequential", |b| {
        b.iter_custom(|iters| {
            runtime.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let key = format!("stripe:evt_{n}");
                    store.reserve(&key, TTL).await.unwrap();
                }
                start.elapsed()
            })
        })
    });
    group.bench_function("reserve_fresh_64_in_flight", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            runtime.block_on(async {
                let lanes = 64u64;
                let mut tasks = Vec::new();
                for _ in 0..lanes {
                    let (store, counter) = (Arc::clone(&store), Arc::clone(&counter));
                    tasks.push(tokio::spawn(async move {
                        for _ in 0..iters.div_ceil(lanes) {
                            let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let key = format!("stripe:evt_{n}");
                            store.reserve(&key, TTL).await.unwrap();
                        }
                    }));
                }
                for task in tasks {
                    task.await.unwrap();
                }
            });
            start.elapsed()
        })
    });
    group.finish();
    drop(store);
    if let Some(mut child) = server {
        // Our own server, by PID: SIGTERM (timeout passes it on), then SIGKILL.
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        std::thread::sleep(Duration::from_millis(200));
        let _ = child.kill();
        let _ = child.wait();
    }
}

#[cfg(not(feature = "redis"))]
fn redis(_: &mut Criterion) {
    eprintln!("redis benches need --features redis");
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    targets = memory, redis
}
criterion_main!(benches);
