//! Time: an injectable [`Clock`], [`UnixTime`] and the timestamp [`Tolerance`].

use std::time::Duration;

use crate::error::Error;

/// A point in time as milliseconds since the Unix epoch (UTC).
///
/// Milliseconds, because a few senders (Linear, HubSpot) sign millisecond timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime {
    millis: i64,
}

impl UnixTime {
    /// 1970-01-01T00:00:00Z.
    pub const EPOCH: UnixTime = UnixTime { millis: 0 };

    /// From whole seconds since the epoch; `None` if it does not fit.
    pub fn from_secs(secs: i64) -> Option<Self> {
        secs.checked_mul(1000).map(|millis| Self { millis })
    }

    /// From milliseconds since the epoch.
    pub const fn from_millis(millis: i64) -> Self {
        Self { millis }
    }

    /// Whole seconds since the epoch (rounded towards negative infinity).
    pub const fn as_secs(self) -> i64 {
        self.millis.div_euclid(1000)
    }

    /// Milliseconds since the epoch.
    pub const fn as_millis(self) -> i64 {
        self.millis
    }

    /// Parses a decimal number of seconds as a scheme sends it (`1700000000`): ASCII digits only,
    /// no sign, no spaces, at most 15 digits, so that every accepted value converts to
    /// milliseconds without overflow.
    pub fn parse_secs(text: &[u8]) -> Option<Self> {
        parse_decimal(text, 15).and_then(Self::from_secs)
    }

    /// Parses a decimal number of milliseconds (Linear, HubSpot): digits only, at most 18.
    pub fn parse_millis(text: &[u8]) -> Option<Self> {
        parse_decimal(text, 18).map(Self::from_millis)
    }
}

/// Parses unsigned ASCII decimal digits into an `i64`; `None` for anything else.
fn parse_decimal(text: &[u8], max_digits: usize) -> Option<i64> {
    if text.is_empty() || text.len() > max_digits {
        return None;
    }
    text.iter().try_fold(0i64, |acc, &b| {
        let digit = i64::from(b.checked_sub(b'0').filter(|d| *d <= 9)?);
        acc.checked_mul(10)?.checked_add(digit)
    })
}

/// Where the current time comes from. Inject a [`FixedClock`] in tests.
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> UnixTime;
}

/// The system's wall clock.
///
/// With the `coarse-clock` feature, on Linux, it reads `CLOCK_REALTIME_COARSE`: the time of
/// the kernel's last tick (1 to 10 ms behind, 4 ms on most kernels), in about 6 ns instead of
/// about 30. Every sender's window is seconds wide, so a few milliseconds do not matter; what
/// does is that every verify of a timestamped scheme reads the clock once.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[cfg(all(
        feature = "coarse-clock",
        any(target_os = "linux", target_os = "android")
    ))]
    fn now(&self) -> UnixTime {
        let at = rustix::time::clock_gettime(rustix::time::ClockId::RealtimeCoarse);
        // The fields are `i64` on 64-bit targets and may be narrower elsewhere.
        #[allow(clippy::useless_conversion)]
        let (secs, nanos) = (i64::from(at.tv_sec), i64::from(at.tv_nsec));
        UnixTime::from_millis(secs.saturating_mul(1000).saturating_add(nanos / 1_000_000))
    }

    #[cfg(not(all(
        feature = "coarse-clock",
        any(target_os = "linux", target_os = "android")
    )))]
    fn now(&self) -> UnixTime {
        use std::time::{SystemTime, UNIX_EPOCH};
        let millis = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_millis()).unwrap_or(i64::MAX),
            Err(before) => i64::try_from(before.duration().as_millis())
                .map(|m| -m)
                .unwrap_or(i64::MIN),
        };
        UnixTime::from_millis(millis)
    }
}

/// A clock stopped at one instant, for tests and for checking old captures.
///
/// ```
/// use webhook_guard::{Clock, FixedClock};
/// let clock = FixedClock::from_secs(1_700_000_000);
/// assert_eq!(clock.now().as_secs(), 1_700_000_000);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub UnixTime);

impl FixedClock {
    /// A clock stopped at `secs` seconds after the epoch (saturating for absurd values).
    pub fn from_secs(secs: i64) -> Self {
        Self(UnixTime::from_millis(secs.saturating_mul(1000)))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> UnixTime {
        self.0
    }
}

/// How far a signed timestamp may lie in the past and in the future.
///
/// Both directions are checked. Each provider has a default that follows its own SDK
/// ([`crate::Provider::default_tolerance`]); set one explicitly with the verifier builder.
///
/// ```
/// use std::time::Duration;
/// use webhook_guard::{Tolerance, UnixTime};
/// let tol = Tolerance::new(Duration::from_secs(300), Duration::from_secs(60));
/// let now = UnixTime::from_secs(1_000_000).unwrap();
/// assert!(tol.check(UnixTime::from_secs(1_000_000 - 300).unwrap(), now).is_ok());
/// assert_eq!(tol.check(UnixTime::from_secs(1_000_000 - 301).unwrap(), now).unwrap_err().kind(), "timestamp_too_old");
/// assert_eq!(tol.check(UnixTime::from_secs(1_000_000 + 61).unwrap(), now).unwrap_err().kind(), "timestamp_in_future");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    /// Largest accepted age of a timestamp.
    pub past: Duration,
    /// Largest accepted distance of a timestamp ahead of the local clock (clock skew).
    pub future: Duration,
}

impl Tolerance {
    /// Five minutes each way: the default of Stripe, Slack and Standard Webhooks SDKs.
    pub const FIVE_MINUTES: Tolerance = Tolerance::symmetric(Duration::from_secs(300));

    /// A tolerance with separate limits for the past and the future.
    pub const fn new(past: Duration, future: Duration) -> Self {
        Self { past, future }
    }

    /// The same limit in both directions.
    pub const fn symmetric(limit: Duration) -> Self {
        Self::new(limit, limit)
    }

    /// Checks `timestamp` against `now`. All arithmetic is checked: no input can overflow.
    pub fn check(&self, timestamp: UnixTime, now: UnixTime) -> Result<(), Error> {
        let past = duration_millis(self.past);
        let future = duration_millis(self.future);
        // i128 holds the difference of any two i64 values.
        let delta = i128::from(now.as_millis()) - i128::from(timestamp.as_millis());
        if delta > i128::from(past) {
            return Err(Error::TimestampTooOld {
                age_secs: u64::try_from(delta / 1000).unwrap_or(u64::MAX),
            });
        }
        if -delta > i128::from(future) {
            return Err(Error::TimestampInFuture {
                ahead_secs: u64::try_from(-delta / 1000).unwrap_or(u64::MAX),
            });
        }
        Ok(())
    }
}

impl Default for Tolerance {
    fn default() -> Self {
        Self::FIVE_MINUTES
    }
}

fn duration_millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_clock_reads_the_wall_clock() {
        use std::time::{SystemTime, UNIX_EPOCH};
        let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let wall = i64::try_from(since.as_millis()).unwrap();
        // The coarse clock lags by at most one kernel tick (10 ms at the slowest tick rate).
        let ours = SystemClock.now().as_millis();
        assert!((ours - wall).abs() < 1000, "{ours} vs {wall}");
    }

    #[test]
    fn parse_secs_rejects_everything_odd() {
        for bad in [
            &b""[..],
            b"-1",
            b"+1",
            b" 1",
            b"1 ",
            b"1.5",
            b"0x10",
            b"9999999999999999",
            b"\xff",
        ] {
            assert_eq!(UnixTime::parse_secs(bad), None, "{bad:?}");
        }
        assert_eq!(
            UnixTime::parse_secs(b"1700000000").unwrap().as_secs(),
            1_700_000_000
        );
        assert_eq!(
            UnixTime::parse_secs(b"999999999999999").unwrap().as_secs(),
            999_999_999_999_999
        );
        assert_eq!(
            UnixTime::parse_millis(b"999999999999999999")
                .unwrap()
                .as_millis(),
            999_999_999_999_999_999
        );
        assert_eq!(UnixTime::parse_millis(b"9999999999999999999"), None);
    }

    #[test]
    fn check_never_overflows() {
        let tol = Tolerance::new(Duration::MAX, Duration::MAX);
        for (ts, now) in [(0, i64::MAX), (i64::MAX, 0), (i64::MIN, i64::MIN), (0, 0)] {
            assert!(tol
                .check(UnixTime::from_millis(ts), UnixTime::from_millis(now))
                .is_ok());
        }
        let tight = Tolerance::symmetric(Duration::ZERO);
        assert!(matches!(
            tight.check(UnixTime::from_millis(i64::MIN), UnixTime::from_millis(i64::MAX)),
            Err(Error::TimestampTooOld { age_secs }) if age_secs > 0
        ));
        assert!(matches!(
            tight.check(
                UnixTime::from_millis(i64::MAX),
                UnixTime::from_millis(i64::MIN)
            ),
            Err(Error::TimestampInFuture { .. })
        ));
    }

    #[test]
    fn system_clock_is_after_2024() {
        assert!(SystemClock.now().as_secs() > 1_700_000_000);
    }
}
