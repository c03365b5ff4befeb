//! A clock the test moves by hand, for inboxes and workers under test.
#![allow(dead_code, unreachable_pub)]

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use webhook_guard::{Clock, UnixTime};

/// Milliseconds since the epoch, shared by every clone.
#[derive(Clone)]
pub struct ManualClock(pub Arc<AtomicI64>);

impl ManualClock {
    /// Sets the time.
    pub fn set(&self, at: UnixTime) {
        self.0.store(at.as_millis(), Ordering::SeqCst);
    }

    /// Moves the time on by `by`.
    pub fn advance(&self, by: Duration) {
        self.0
            .fetch_add(i64::try_from(by.as_millis()).unwrap(), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> UnixTime {
        UnixTime::from_millis(self.0.load(Ordering::SeqCst))
    }
}
