//! Where requests go: a region's FC endpoint, or an explicit URL (e.g. a local emulator).

use std::fmt;

use crate::Error;

/// Regions whose endpoint is `{region}.fc.aliyuncs.com` rather than `fcv3.{region}.aliyuncs.com`
/// (from the official SDKs' endpoint map).
const LEGACY_HOST_REGIONS: &[&str] = &[
    "me-central-1",
    "cn-shanghai-finance-1",
    "cn-heyuan-acdr-1",
    "cn-hangzhou-finance",
];

/// A validated base URL for FC requests: scheme, host and optional port, no path.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    url: String,
}

impl Endpoint {
    /// The HTTPS endpoint of a region, e.g. `cn-hangzhou` gives
    /// `https://fcv3.cn-hangzhou.aliyuncs.com`.
    ///
    /// # Errors
    /// [`Error::Config`] when the region is not lower-case letters, digits and hyphens.
    pub fn for_region(region: &str) -> Result<Self, Error> {
        let region = region.trim();
        let valid = !region.is_empty()
            && region.len() <= 64
            && region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !region.starts_with('-')
            && !region.ends_with('-');
        if !valid {
            return Err(Error::Config(format!(
                "region {region:?} is not a region id (lower-case letters, digits and hyphens, e.g. cn-hangzhou)"
            )));
        }
        let host = if LEGACY_HOST_REGIONS.contains(&region) {
            format!("{region}.fc.aliyuncs.com")
        } else {
            format!("fcv3.{region}.aliyuncs.com")
        };
        Ok(Endpoint {
            url: format!("https://{host}"),
        })
    }

    /// An explicit endpoint: `https://host[:port]` or `http://host[:port]` (plain HTTP is meant
    /// for a local server such as `http://127.0.0.1:9000`). A bare host gets `https://`.
    ///
    /// # Errors
    /// [`Error::Config`] naming the problem: whitespace, an unknown or doubled scheme, a missing
    /// host, a path, query or fragment, user info, or a bad port.
    pub fn url(url: &str) -> Result<Self, Error> {
        let bad = |why: &str| Error::Config(format!("endpoint {url:?}: {why}"));
        let text = url.trim();
        if text.is_empty() {
            return Err(bad("is empty"));
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("contains whitespace or control characters"));
        }
        let (scheme, rest) = match text.split_once("://") {
            Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
            None => ("https".to_string(), text),
        };
        if scheme != "http" && scheme != "https" {
            return Err(bad("the scheme must be http or https"));
        }
        if rest.contains("://") || rest.starts_with("http:") || rest.starts_with("https:") {
            return Err(bad("has two schemes"));
        }
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.contains(['/', '?', '#']) {
            return Err(bad("must not have a path, query or fragment"));
        }
        if authority.contains('@') {
            return Err(bad("must not carry user info"));
        }
        let (host, port) = split_host_port(authority).ok_or_else(|| bad("has a bad port"))?;
        if host.is_empty() {
            return Err(bad("has no host"));
        }
        let host_ok = if host.starts_with('[') {
            host.ends_with(']') && host.len() > 2
        } else {
            host.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        };
        if !host_ok {
            return Err(bad("the host may hold only letters, digits, '-' and '.'"));
        }
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        Ok(Endpoint {
            url: format!("{scheme}://{}{port}", host.to_ascii_lowercase()),
        })
    }

    /// The base URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// Whether requests go over plain HTTP.
    pub fn is_plain_http(&self) -> bool {
        self.url.starts_with("http://")
    }
}

fn split_host_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => {
                let rest = &authority[end + 1..];
                (&authority[..=end], rest.strip_prefix(':'))
            }
            None => (authority, None),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    match port {
        None => Some((host, None)),
        Some(port) => match port.parse::<u16>() {
            Ok(p) if p > 0 => Some((host, Some(p))),
            _ => None,
        },
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Endpoint").field(&self.url).finish()
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url)
    }
}

#[cfg(test)]
mod tests {
    use super::Endpoint;

    #[test]
    fn regions_resolve_to_their_hosts() {
        let check = |region: &str, url: &str| {
            assert_eq!(
                Endpoint::for_region(region).unwrap().as_str(),
                url,
                "{region}"
            )
        };
        check("cn-hangzhou", "https://fcv3.cn-hangzhou.aliyuncs.com");
        check("ap-southeast-1", "https://fcv3.ap-southeast-1.aliyuncs.com");
        check("me-central-1", "https://me-central-1.fc.aliyuncs.com");
        check(
            "cn-hangzhou-finance",
            "https://cn-hangzhou-finance.fc.aliyuncs.com",
        );
        // A stray tab, as one official map entry has, is trimmed.
        check(
            "cn-heyuan-acdr-1\t",
            "https://cn-heyuan-acdr-1.fc.aliyuncs.com",
        );
    }

    #[test]
    fn bad_regions_are_refused() {
        for region in [
            "",
            "CN-HANGZHOU",
            "cn hangzhou",
            "cn-hangzhou.evil.com",
            "-x",
            "cn/x",
        ] {
            let err = Endpoint::for_region(region).unwrap_err().to_string();
            assert!(err.contains("region"), "{region:?}: {err}");
        }
    }

    #[test]
    fn explicit_urls_are_validated() {
        let ok = |url: &str, expect: &str| assert_eq!(Endpoint::url(url).unwrap().as_str(), expect);
        ok("http://127.0.0.1:9000", "http://127.0.0.1:9000");
        ok("http://127.0.0.1:9000/", "http://127.0.0.1:9000");
        ok(
            "HTTPS://FCV3.cn-hangzhou.aliyuncs.com",
            "https://fcv3.cn-hangzhou.aliyuncs.com",
        );
        ok(
            "1234.cn-hangzhou.fc.aliyuncs.com",
            "https://1234.cn-hangzhou.fc.aliyuncs.com",
        );
        ok("http://[::1]:8080", "http://[::1]:8080");
        assert!(
            Endpoint::url("http://127.0.0.1:9000")
                .unwrap()
                .is_plain_http()
        );

        for (url, why) in [
            ("", "empty"),
            ("http://exa mple.com", "whitespace"),
            ("\thttps://x.com\tx", "whitespace"),
            ("ftp://x.com", "scheme"),
            ("https://http://x.com", "two schemes"),
            ("https://https:x.com", "two schemes"),
            ("https://x.com/path", "path"),
            ("https://x.com?a=1", "path"),
            ("https://user:pw@x.com", "user info"),
            ("https://x.com:0", "port"),
            ("https://x.com:99999", "port"),
            ("https://:80", "no host"),
            ("https://x_y.com", "host"),
        ] {
            let err = Endpoint::url(url).unwrap_err().to_string();
            assert!(err.contains(why), "{url:?}: {err}");
        }
    }
}
