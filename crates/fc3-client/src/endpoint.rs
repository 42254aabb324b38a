//! Where requests go: one of the spec's servers (a region's endpoint, an account's endpoint,
//! an account's VPC endpoint), or an explicit URL (e.g. a local emulator).

use std::fmt;

use fc3_models::operation::Server;
use fc3_models::operations::SERVERS;

use crate::Error;

/// A validated base URL for FC requests: scheme, host and optional port, no path.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    url: String,
}

/// What a region id may be: lower-case letters, digits and inner hyphens.
fn check_region(region: &str) -> Result<&str, Error> {
    let region = region.trim();
    let valid = !region.is_empty()
        && region.len() <= 64
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if valid {
        Ok(region)
    } else {
        Err(Error::Config(format!(
            "region {region:?} is not a region id (lower-case letters, digits and hyphens, e.g. cn-hangzhou)"
        )))
    }
}

/// The spec's servers of one kind (`x-fc3-endpoint`).
fn servers(kind: &'static str) -> impl Iterator<Item = &'static Server> {
    SERVERS.iter().filter(move |s| s.kind == kind)
}

/// The server of `kind` whose `region` variable takes `region`: one that lists it, else one
/// that lists no values.
fn server_for(kind: &'static str, region: &str) -> Option<&'static Server> {
    let takes = |server: &&Server, listed: bool| {
        server.variables.iter().any(|v| {
            v.name == "region"
                && if listed {
                    v.values.contains(&region)
                } else {
                    v.values.is_empty()
                }
        })
    };
    servers(kind)
        .find(|s| takes(s, true))
        .or_else(|| servers(kind).find(|s| takes(s, false)))
}

impl Endpoint {
    /// The HTTPS endpoint of a region, from the spec's regional servers: `cn-hangzhou` gives
    /// `https://fcv3.cn-hangzhou.aliyuncs.com`, the few regions the spec lists apart get
    /// `https://{region}.fc.aliyuncs.com`.
    ///
    /// # Errors
    /// [`Error::Config`] when the region is not lower-case letters, digits and hyphens.
    pub fn for_region(region: &str) -> Result<Self, Error> {
        let region = check_region(region)?;
        Self::from_server(server_for("regional", region), region, None)
    }

    /// The endpoint of an account in a region (`https://{accountId}.{region}.fc.aliyuncs.com`),
    /// or with `internal` its endpoint inside the region's VPC
    /// (`https://{accountId}.{region}-internal.fc.aliyuncs.com`).
    ///
    /// # Errors
    /// [`Error::Config`] for a bad region, or an account id that is not 1 to 32 digits.
    pub fn for_account(account_id: &str, region: &str, internal: bool) -> Result<Self, Error> {
        let region = check_region(region)?;
        let account_id = account_id.trim();
        if account_id.is_empty()
            || account_id.len() > 32
            || !account_id.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(Error::Config(format!(
                "account id {account_id:?} is not an Alibaba Cloud account id (1 to 32 digits)"
            )));
        }
        let kind = if internal {
            "account-internal"
        } else {
            "account"
        };
        Self::from_server(server_for(kind, region), region, Some(account_id))
    }

    fn from_server(
        server: Option<&'static Server>,
        region: &str,
        account_id: Option<&str>,
    ) -> Result<Self, Error> {
        let server = server.ok_or_else(|| {
            Error::Config(format!("the spec has no server for region {region:?}"))
        })?;
        let url = server
            .url_with(|name| match name {
                "region" => Some(region.to_string()),
                "accountId" => account_id.map(str::to_string),
                _ => None,
            })
            .ok_or_else(|| Error::Config(format!("cannot fill in the server {}", server.url)))?;
        Endpoint::url(&url)
    }

    /// An explicit endpoint: `https://host[:port]` or `http://host[:port]` (plain HTTP is meant
    /// for a local server such as `http://127.0.0.1:9000`). A bare host gets `https://`.
    ///
    /// # Errors
    /// [`Error::Config`] naming the problem: whitespace, an unknown scheme, a missing host, a
    /// path, query or fragment, user info, or a bad port.
    pub fn url(url: &str) -> Result<Self, Error> {
        let bad = |why: &str| Error::Config(format!("endpoint {url:?}: {why}"));
        let text = url.trim();
        if text.is_empty() {
            return Err(bad("is empty"));
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad("contains whitespace or control characters"));
        }
        if let Some((_, rest)) = text.split_once("://")
            && (rest.contains("://") || rest.starts_with("http:") || rest.starts_with("https:"))
        {
            return Err(bad("has two schemes"));
        }
        let with_scheme = if text.contains("://") {
            text.to_string()
        } else {
            format!("https://{text}")
        };
        let parsed = reqwest::Url::parse(&with_scheme).map_err(|e| bad(&e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(bad("the scheme must be http or https"));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(bad("must not carry user info"));
        }
        if parsed.path() != "/" || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(bad("must not have a path, query or fragment"));
        }
        let host = match parsed.host() {
            Some(url::Host::Domain(domain)) => {
                if domain.is_empty()
                    || !domain
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
                {
                    return Err(bad("the host may hold only letters, digits, '-' and '.'"));
                }
                domain.to_string()
            }
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => format!("[{ip}]"),
            None => return Err(bad("has no host")),
        };
        if parsed.port() == Some(0) {
            return Err(bad("has a bad port"));
        }
        let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
        Ok(Endpoint {
            url: format!("{}://{host}{port}", parsed.scheme()),
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
    fn regions_resolve_to_the_spec_servers() {
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
    fn accounts_have_their_own_and_their_vpc_endpoints() {
        assert_eq!(
            Endpoint::for_account("1234567890123456", "cn-hangzhou", false)
                .unwrap()
                .as_str(),
            "https://1234567890123456.cn-hangzhou.fc.aliyuncs.com"
        );
        assert_eq!(
            Endpoint::for_account("1234567890123456", "cn-shanghai", true)
                .unwrap()
                .as_str(),
            "https://1234567890123456.cn-shanghai-internal.fc.aliyuncs.com"
        );
        for bad in ["", "12ab", "1.2", &"1".repeat(33)] {
            let err = Endpoint::for_account(bad, "cn-hangzhou", false)
                .unwrap_err()
                .to_string();
            assert!(err.contains("account id"), "{bad:?}: {err}");
        }
        let err = Endpoint::for_account("123", "CN", true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("region"), "{err}");
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
        ok("https://x.com:443", "https://x.com");
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
            ("https://:80", "host"),
            ("https://x_y.com", "host"),
        ] {
            let err = Endpoint::url(url).unwrap_err().to_string();
            assert!(err.contains(why), "{url:?}: {err}");
        }
    }
}
