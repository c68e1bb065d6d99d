//! The address a request came from, for the per-address limits (sign-in,
//! activation, join codes, live streams). Never stored.
//!
//! Behind a reverse proxy every request arrives from the proxy's address, so
//! the proxy's own record of who it forwarded for is read instead, but only
//! when the request really came from a proxy named in
//! `VOICE_TRUSTED_PROXIES`: anyone else could write any `X-Forwarded-For`
//! they like. Each proxy appends the address it heard from, so the list is
//! read from the right, past the trusted proxies, to the first address that
//! is not one of them: that is the client (everything further left was
//! written by the client and proves nothing).

use http::HeaderMap;
use std::net::IpAddr;

/// Put into each request by the server's middleware.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// An address, or a range of them written as `address/prefix length`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    network: IpAddr,
    prefix: u8,
}

impl Range {
    fn parse(text: &str) -> Option<Range> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let network: IpAddr = address.trim().parse().ok()?;
        let most = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(prefix) => prefix.trim().parse().ok().filter(|&p| p <= most)?,
            None => most,
        };
        Some(Range {
            network: network.to_canonical(),
            prefix,
        })
    }

    fn contains(&self, address: IpAddr) -> bool {
        let (network, address) = match (self.network, address.to_canonical()) {
            (IpAddr::V4(n), IpAddr::V4(a)) => (u128::from(n.to_bits()), u128::from(a.to_bits())),
            (IpAddr::V6(n), IpAddr::V6(a)) => (n.to_bits(), a.to_bits()),
            _ => return false,
        };
        let width = if self.network.is_ipv4() { 32 } else { 128 };
        let host_bits = width - u32::from(self.prefix);
        host_bits >= width || (network >> host_bits) == (address >> host_bits)
    }
}

/// The proxies whose forwarding headers are believed (none by default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Range>);

impl TrustedProxies {
    /// A comma-separated list of addresses and ranges, like
    /// `127.0.0.1, 10.0.0.0/8, ::1`.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        list.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| Range::parse(item).ok_or_else(|| format!("{item:?}")))
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    fn trust(&self, address: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(address))
    }

    /// Who sent the request that arrived from `peer` with `headers`.
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trust(client) {
            return client;
        }
        for hop in forwarded_for(headers).into_iter().rev() {
            // A hop that cannot be read ends the trail: the last address
            // known for certain stands.
            let Some(hop) = hop else { break };
            client = hop.to_canonical();
            if !self.trust(client) {
                break;
            }
        }
        client
    }
}

/// The addresses the proxies recorded, oldest first: from the standard
/// `Forwarded` header if there is one, else from `X-Forwarded-For`. `None`
/// marks an entry that is not an address (like `unknown`).
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name| {
        headers
            .get_all(name)
            .iter()
            .flat_map(|value| value.to_str().ok().unwrap_or("?").split(','))
            .map(str::trim)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| name.eq_ignore_ascii_case("for"))
                    .and_then(|(_, node)| node_address(node.trim_matches('"')))
            })
            .collect();
    }
    values("x-forwarded-for")
        .iter()
        .map(|hop| node_address(hop))
        .collect()
}

/// An address written with or without a port: `192.0.2.7`, `192.0.2.7:4711`,
/// `2001:db8::1`, `[2001:db8::1]:4711`.
fn node_address(node: &str) -> Option<IpAddr> {
    if let Ok(address) = node.parse() {
        return Some(address);
    }
    if let Some(bracketed) = node.strip_prefix('[') {
        return bracketed.split_once(']')?.0.parse().ok();
    }
    node.rsplit_once(':')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn ranges_hold_the_addresses_under_their_prefix() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.0.2.7, 2001:db8::/32").unwrap();
        assert!(proxies.trust(ip("10.200.3.4")));
        assert!(!proxies.trust(ip("11.0.0.1")));
        assert!(proxies.trust(ip("192.0.2.7")));
        assert!(!proxies.trust(ip("192.0.2.8")));
        assert!(proxies.trust(ip("2001:db8:ffff::1")));
        assert!(!proxies.trust(ip("2001:db9::1")));
        // An IPv4 peer seen on an IPv6 socket.
        assert!(proxies.trust(ip("::ffff:10.1.1.1")));
        assert!(TrustedProxies::parse("0.0.0.0/0")
            .unwrap()
            .trust(ip("203.0.113.9")));
    }

    #[test]
    fn a_list_with_something_that_is_not_an_address_is_refused() {
        assert_eq!(
            TrustedProxies::parse("10.0.0.1, proxy.local"),
            Err("\"proxy.local\"".to_string())
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert_eq!(TrustedProxies::parse(""), Ok(TrustedProxies::default()));
    }

    #[test]
    fn forwarding_headers_from_an_untrusted_peer_are_ignored() {
        let proxies = TrustedProxies::parse("10.0.0.1").unwrap();
        let sent = headers(&[("x-forwarded-for", "198.51.100.1")]);
        assert_eq!(
            proxies.client_address(ip("203.0.113.9"), &sent),
            ip("203.0.113.9")
        );
        assert_eq!(
            TrustedProxies::default().client_address(ip("10.0.0.1"), &sent),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn the_client_is_the_rightmost_hop_that_is_not_a_trusted_proxy() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // The client wrote the first entry itself; the proxies added the rest.
        let sent = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.1, 10.0.0.2")]);
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &sent),
            ip("198.51.100.1")
        );
        let split = headers(&[
            ("x-forwarded-for", "1.2.3.4"),
            ("x-forwarded-for", "198.51.100.1"),
        ]);
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &split),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn the_forwarded_header_is_read_with_ports_and_brackets() {
        let proxies = TrustedProxies::parse("10.0.0.1").unwrap();
        let sent = headers(&[(
            "forwarded",
            r#"for=1.2.3.4, for="[2001:db8:cafe::17]:4711";proto=https, For=198.51.100.1:80;by=10.0.0.1"#,
        )]);
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &sent),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn an_unreadable_hop_leaves_the_last_address_known_for_certain() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let sent = headers(&[("x-forwarded-for", "198.51.100.1, unknown, 10.0.0.2")]);
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &sent),
            ip("10.0.0.2")
        );
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
    }
}
