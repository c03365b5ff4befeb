//! Measures the in-memory replay store: heap bytes per remembered id (with a counting
//! allocator), that memory stays flat under a flood of unique ids, and single-threaded reserve
//! throughput (wall clock and, on Linux, the thread's own CPU time, which stays meaningful on a
//! busy machine).
//!
//! ```text
//! cargo run --release --example replay_memory
//! ```

use std::alloc::System;
use std::time::{Duration, Instant};

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use webhook_guard::replay::{MemoryStore, Reserve};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const TTL: Duration = Duration::from_secs(600);
const MILLION: usize = 1_000_000;

/// Writes a realistic key (`tenant:stripe:evt_…`, 44 bytes) for `n` into `buf`, without
/// allocating.
fn key(buf: &mut String, n: usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    buf.clear();
    buf.push_str("tenant-a:stripe:evt_1NG8Du2eZvKYlo2C");
    for shift in (0..8).rev() {
        buf.push(char::from(HEX[(n >> (shift * 4)) & 15]));
    }
}

/// This thread's CPU time, from `/proc/thread-self/schedstat` (Linux); `None` elsewhere.
fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn main() {
    let mut buf = String::new();

    // 1. Heap per id: one million unique ids into a store that holds them all.
    let region = Region::new(GLOBAL);
    let store = MemoryStore::new(MILLION);
    for n in 0..MILLION {
        key(&mut buf, n);
        let _ = store.reserve_now(&buf, TTL);
    }
    let stats = region.change();
    let net = stats.bytes_allocated as isize - stats.bytes_deallocated as isize;
    println!(
        "memory: {} ids in {} shards: {:.1} MiB allocated net ({:.1} bytes/id); \
         heap_bytes() = {:.1} MiB; bound max_bytes() = {:.1} MiB",
        store.len(),
        store.shard_count(),
        net as f64 / (1 << 20) as f64,
        net as f64 / store.len() as f64,
        store.heap_bytes() as f64 / (1 << 20) as f64,
        store.max_bytes() as f64 / (1 << 20) as f64,
    );

    // 2. Flat under a flood: three million more unique ids, full store, every insert evicts.
    let before = store.heap_bytes();
    let region = Region::new(GLOBAL);
    let cpu0 = thread_cpu();
    let start = Instant::now();
    for n in MILLION..4 * MILLION {
        key(&mut buf, n);
        let fresh = store.reserve_now(&buf, TTL);
        debug_assert!(matches!(fresh, Reserve::Fresh(_)));
    }
    let wall = start.elapsed();
    let cpu = thread_cpu().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
    let stats = region.change();
    println!(
        "flood: 3 M more unique ids: len {} (capacity {}), heap_bytes {:.1} -> {:.1} MiB, \
         {} bytes allocated net during the flood",
        store.len(),
        store.capacity(),
        before as f64 / (1 << 20) as f64,
        store.heap_bytes() as f64 / (1 << 20) as f64,
        stats.bytes_allocated as isize - stats.bytes_deallocated as isize,
    );
    let per_op = |d: Duration| d.as_nanos() as f64 / (3 * MILLION) as f64;
    print!(
        "throughput (fresh id into a full 1 M store, single thread): {:.0} ns/op wall = {:.2} M/s",
        per_op(wall),
        1e3 / per_op(wall)
    );
    match cpu {
        Some(cpu) => println!(
            "; {:.0} ns/op CPU = {:.2} M/s",
            per_op(cpu),
            1e3 / per_op(cpu)
        ),
        None => println!(),
    }

    // 3. Duplicates: ids the store holds. Shards fill unevenly, so the fullest have already
    // evicted the oldest of the last million (and re-reserving one of those would evict the
    // next oldest, and so on); the newest half million are held in every shard, so the
    // million lookups go over them twice.
    let cpu0 = thread_cpu();
    let start = Instant::now();
    for i in 0..MILLION {
        key(&mut buf, 4 * MILLION - 1 - i % (MILLION / 2));
        let dup = store.reserve_now(&buf, TTL);
        debug_assert!(matches!(dup, Reserve::Duplicate(_)));
    }
    let wall = start.elapsed();
    let cpu = thread_cpu().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
    let per_op = |d: Duration| d.as_nanos() as f64 / MILLION as f64;
    print!(
        "duplicates: {:.0} ns/op wall = {:.2} M/s",
        per_op(wall),
        1e3 / per_op(wall)
    );
    match cpu {
        Some(cpu) => println!(
            "; {:.0} ns/op CPU = {:.2} M/s",
            per_op(cpu),
            1e3 / per_op(cpu)
        ),
        None => println!(),
    }

    // 4. The same with a 64 Ki-id store, whose tables stay in cache (as in `benches/replay.rs`).
    let small = MemoryStore::new(1 << 16);
    for n in 0..1 << 16 {
        key(&mut buf, n);
        let _ = small.reserve_now(&buf, TTL);
    }
    let cpu0 = thread_cpu();
    let start = Instant::now();
    for n in 1 << 16..(1 << 16) + 3 * MILLION {
        key(&mut buf, n);
        let _ = small.reserve_now(&buf, TTL);
    }
    let wall = start.elapsed();
    let cpu = thread_cpu().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
    let per_op = |d: Duration| d.as_nanos() as f64 / (3 * MILLION) as f64;
    print!(
        "throughput (fresh id into a full 64 Ki store): {:.0} ns/op wall = {:.2} M/s",
        per_op(wall),
        1e3 / per_op(wall)
    );
    match cpu {
        Some(cpu) => println!(
            "; {:.0} ns/op CPU = {:.2} M/s",
            per_op(cpu),
            1e3 / per_op(cpu)
        ),
        None => println!(),
    }
}
