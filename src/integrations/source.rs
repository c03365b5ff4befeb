//! An optional allowlist of source addresses, for providers that publish the ranges they send
//! from (GitHub's `hooks` ranges from its `/meta` API, Stripe's webhook IPs, …).
//!
//! Off unless you add it: [`SourceAllowlist`] is a tower layer (features `tower`/`axum`) and an
//! actix-web middleware (feature `actix-web`). A request from outside the list is refused with
//! 403 ([`crate::Error::SourceNotAllowed`]) before its body is read.
//!
//! The client address is the TCP peer, unless the peer is a *trusted proxy*: then it is taken
//! from `X-Forwarded-For` (or `Forwarded`), walking from the right past trusted proxies, so a
//! client cannot pick its own address by sending the header itself. Without trusted proxies the
//! headers are ignored. An address that cannot be determined is refused.
//!
//! ```
//! use std::net::IpAddr;
//! use webhook_guard::integrations::{ForwardedHeader, SourceAllowlist};
//!
//! let github_hooks = SourceAllowlist::new(["192.30.252.0/22", "185.199.108.0/22", "2606:50c0::/32"])?
//!     .trust_proxies(["10.0.0.0/8"], ForwardedHeader::XForwardedFor)?;
//! let peer: IpAddr = "10.1.2.3".parse().unwrap(); // the load balancer
//! let headers = [("X-Forwarded-For", "6.6.6.6, 192.30.252.10")];
//! assert_eq!(github_hooks.check(Some(peer), &headers)?, "192.30.252.10".parse::<IpAddr>().unwrap());
//! let spoofed = [("X-Forwarded-For", "192.30.252.10, 6.6.6.6")];
//! assert!(github_hooks.check(Some(peer), &spoofed).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

use ipnet::IpNet;

use crate::error::Error;
use crate::headers::Headers;

/// At most this many addresses are read from forwarding headers.
const MAX_HOPS: usize = 32;

/// Which header trusted proxies use to pass on the client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2`.
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client, for=proxy1`.
    Forwarded,
}

/// A CIDR or address that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid CIDR or IP address `{0}`")]
pub struct InvalidCidr(pub String);

/// The addresses allowed to deliver webhooks; see the [module docs](self).
#[derive(Debug, Clone)]
pub struct SourceAllowlist {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    allowed: Vec<IpNet>,
    proxies: Vec<IpNet>,
    header: ForwardedHeader,
}

fn parse_nets<I, S>(items: I) -> Result<Vec<IpNet>, InvalidCidr>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    items
        .into_iter()
        .map(|item| {
            let text = item.as_ref().trim();
            IpNet::from_str(text)
                .or_else(|_| IpAddr::from_str(text).map(IpNet::from))
                .map_err(|_| InvalidCidr(text.to_owned()))
        })
        .collect()
}

impl SourceAllowlist {
    /// Allows the given CIDRs (`192.30.252.0/22`) and single addresses (`203.0.113.7`).
    pub fn new<I, S>(allowed: I) -> Result<Self, InvalidCidr>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Ok(Self {
            inner: Arc::new(Inner {
                allowed: parse_nets(allowed)?,
                proxies: Vec::new(),
                header: ForwardedHeader::XForwardedFor,
            }),
        })
    }

    /// Trusts the given proxies (your load balancers) to report the client address in
    /// `header`. Only the addresses your own proxies append are read; anything a client put
    /// to the left of them is ignored.
    pub fn trust_proxies<I, S>(
        self,
        proxies: I,
        header: ForwardedHeader,
    ) -> Result<Self, InvalidCidr>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let proxies = parse_nets(proxies)?;
        Ok(Self {
            inner: Arc::new(Inner {
                allowed: self.inner.allowed.clone(),
                proxies,
                header,
            }),
        })
    }

    /// `true` when `ip` is inside an allowed range (IPv4-mapped IPv6 addresses count as IPv4).
    pub fn allows(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.inner.allowed.iter().any(|net| net.contains(&ip))
    }

    fn trusted(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.inner.proxies.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the peer, or — when the peer is a trusted proxy — the right-most
    /// untrusted address in the forwarding header. `None` when a forwarded entry does not parse
    /// (`unknown`, an obfuscated name) or the chain is longer than 32 hops.
    pub fn client_ip(&self, peer: IpAddr, headers: &dyn Headers) -> Option<IpAddr> {
        let mut client = peer.to_canonical();
        if !self.trusted(client) {
            return Some(client);
        }
        let mut hops: Vec<Option<IpAddr>> = Vec::new();
        let mut too_many = false;
        let (name, parse): (&str, fn(&str) -> Vec<&str>) = match self.inner.header {
            ForwardedHeader::XForwardedFor => ("x-forwarded-for", split_commas),
            ForwardedHeader::Forwarded => ("forwarded", forwarded_for_values),
        };
        headers.for_each_value(name, &mut |value| {
            let Ok(value) = std::str::from_utf8(value) else {
                hops.push(None);
                return;
            };
            for item in parse(value) {
                if hops.len() >= MAX_HOPS {
                    too_many = true;
                    return;
                }
                hops.push(parse_node(item));
            }
        });
        if too_many {
            return None;
        }
        for hop in hops.iter().rev() {
            client = (*hop)?.to_canonical();
            if !self.trusted(client) {
                return Some(client);
            }
        }
        Some(client)
    }

    /// The client's address when it is allowed; [`Error::SourceNotAllowed`] when it is not or
    /// cannot be determined (`peer` unknown).
    pub fn check(&self, peer: Option<IpAddr>, headers: &dyn Headers) -> Result<IpAddr, Error> {
        peer.and_then(|peer| self.client_ip(peer, headers))
            .filter(|ip| self.allows(*ip))
            .ok_or(Error::SourceNotAllowed)
    }

    pub(crate) fn check_logged(
        &self,
        peer: Option<SocketAddr>,
        headers: &dyn Headers,
    ) -> Result<IpAddr, Error> {
        let result = self.check(peer.map(|p| p.ip()), headers);
        if result.is_err() {
            tracing::info!(
                peer = ?peer.map(|p| p.ip()),
                "webhook refused: source address not allowed"
            );
        }
        result
    }
}

/// The entries of an `X-Forwarded-For` header, in order.
fn split_commas(value: &str) -> Vec<&str> {
    value.split(',').collect()
}

/// The `for=` values of a `Forwarded` header, in order.
fn forwarded_for_values(value: &str) -> Vec<&str> {
    value
        .split(',')
        .map(|element| {
            element
                .split(';')
                .find_map(|pair| {
                    let (key, val) = pair.trim().split_once('=')?;
                    key.trim().eq_ignore_ascii_case("for").then_some(val.trim())
                })
                // An element without `for=` cannot be attributed: keep it as unparseable.
                .unwrap_or("")
        })
        .collect()
}

/// An address as forwarding headers write it: `1.2.3.4`, `1.2.3.4:80`, `2001:db8::1`,
/// `[2001:db8::1]:80`, optionally in quotes.
fn parse_node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(ip) = IpAddr::from_str(text) {
        return Some(ip);
    }
    if let Ok(addr) = SocketAddr::from_str(text) {
        return Some(addr.ip());
    }
    let inner = text.strip_prefix('[')?.split(']').next()?;
    IpAddr::from_str(inner).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn direct_peers_are_checked_and_headers_ignored() {
        let list =
            SourceAllowlist::new(["192.30.252.0/22", "2001:db8::/32", "203.0.113.7"]).unwrap();
        let spoof = [("X-Forwarded-For", "192.30.252.1")];
        assert!(list.check(Some(ip("192.30.253.4")), &spoof).is_ok());
        assert!(list.check(Some(ip("::ffff:192.30.253.4")), &spoof).is_ok());
        assert!(list.check(Some(ip("203.0.113.7")), &spoof).is_ok());
        assert!(list.check(Some(ip("2001:db8::9")), &spoof).is_ok());
        assert_eq!(
            list.check(Some(ip("6.6.6.6")), &spoof),
            Err(Error::SourceNotAllowed)
        );
        assert_eq!(list.check(None, &spoof), Err(Error::SourceNotAllowed));
        assert!(SourceAllowlist::new(["nope"]).is_err());
        assert!(SourceAllowlist::new(["10.0.0.0/33"]).is_err());
    }

    #[test]
    fn trusted_proxies_are_walked_from_the_right() {
        let list = SourceAllowlist::new(["192.30.252.0/22"])
            .unwrap()
            .trust_proxies(["10.0.0.0/8"], ForwardedHeader::XForwardedFor)
            .unwrap();
        let peer = Some(ip("10.0.0.1"));
        let ok = [("X-Forwarded-For", "6.6.6.6, 192.30.252.9, 10.0.0.2")];
        assert_eq!(list.check(peer, &ok), Ok(ip("192.30.252.9")));
        let spoofed = [("X-Forwarded-For", "192.30.252.9, 6.6.6.6")];
        assert!(list.check(peer, &spoofed).is_err());
        let garbage = [("X-Forwarded-For", "192.30.252.9, unknown")];
        assert!(list.check(peer, &garbage).is_err());
        let two_lines = [
            ("X-Forwarded-For", "192.30.252.9"),
            ("X-Forwarded-For", "10.0.0.3"),
        ];
        assert_eq!(list.check(peer, &two_lines), Ok(ip("192.30.252.9")));
        let none: [(&str, &str); 0] = [];
        assert!(
            list.check(peer, &none).is_err(),
            "the proxy itself is not allowed"
        );
        let long = [("X-Forwarded-For", "10.0.0.1,".repeat(40) + "192.30.252.9")];
        assert!(list.check(peer, &long).is_err());
    }

    #[test]
    fn forwarded_header_forms() {
        let list = SourceAllowlist::new(["2001:db8:cafe::/48", "192.0.2.0/24"])
            .unwrap()
            .trust_proxies(["10.0.0.0/8"], ForwardedHeader::Forwarded)
            .unwrap();
        let peer = Some(ip("10.9.9.9"));
        let v6 = [(
            "Forwarded",
            r#"for=192.0.2.43, for="[2001:db8:cafe::17]:4711";proto=https"#,
        )];
        assert_eq!(list.check(peer, &v6), Ok(ip("2001:db8:cafe::17")));
        let v4 = [("Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43")];
        assert_eq!(list.check(peer, &v4), Ok(ip("192.0.2.60")));
        let hidden = [("Forwarded", "for=_hidden")];
        assert!(list.check(peer, &hidden).is_err());
        let no_for = [("Forwarded", "proto=https")];
        assert!(list.check(peer, &no_for).is_err());
    }
}
