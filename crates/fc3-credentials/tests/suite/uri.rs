use std::time::Duration;

use fc3_credentials::{CredentialsError, Env, ProvideCredentials, UriProvider};

use crate::common::{
    Counter, Reply, SECRET, TOKEN, TestClock, TestServer, assert_no_secrets, closed_port_url,
    creds_json, empty_env, invalid_config_message, t0,
};

const PATH: &str = "/creds?access=QueryTokenValue";

async fn uri_server(reply: impl Fn(usize) -> Reply + Send + Sync + 'static) -> TestServer {
    let calls = Counter::default();
    TestServer::start(move |req| {
        if req.method == "GET" && req.path == PATH {
            reply(calls.bump())
        } else {
            Reply::status(404, "not found")
        }
    })
    .await
}

fn one_hour_creds(n: usize) -> Reply {
    Reply::ok(creds_json(
        &format!("STS.uri{n}"),
        t0() + Duration::from_secs(3600),
    ))
}

fn provider(server: &TestServer, clock: &TestClock) -> UriProvider {
    let uri = format!("{}{PATH}", server.base);
    UriProvider::with_env(Env::from_map([("ALIBABA_CLOUD_CREDENTIALS_URI", uri)]))
        .with_clock(clock.as_fn())
}

#[tokio::test]
async fn fetches_and_parses() {
    let server = uri_server(one_hour_creds).await;
    let creds = provider(&server, &TestClock::new(t0()))
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "STS.uri1");
    assert_eq!(creds.access_key_secret(), SECRET);
    assert_eq!(creds.security_token(), Some(TOKEN));
    assert_eq!(creds.expiry(), Some(t0() + Duration::from_secs(3600)));
    assert_eq!(server.count("GET", PATH), 1);
}

#[tokio::test]
async fn cached_then_refreshed_near_expiry() {
    let server = uri_server(one_hour_creds).await;
    let clock = TestClock::new(t0());
    let provider = provider(&server, &clock);
    provider.provide_credentials().await.unwrap();

    clock.set(t0() + Duration::from_secs(3000));
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.uri1"
    );
    assert_eq!(server.count("GET", PATH), 1, "second call made no request");

    clock.set(t0() + Duration::from_secs(3500));
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.uri2"
    );
    assert_eq!(server.count("GET", PATH), 2);
}

#[tokio::test]
async fn without_expiration_fetched_every_time() {
    let server = uri_server(|n| {
        Reply::ok(format!(
            r#"{{"AccessKeyId":"LTAI{n}","AccessKeySecret":"{SECRET}"}}"#
        ))
    })
    .await;
    let provider = provider(&server, &TestClock::new(t0()));
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "LTAI1"
    );
    let second = provider.provide_credentials().await.unwrap();
    assert_eq!(second.access_key_id(), "LTAI2");
    assert_eq!(second.security_token(), None);
}

#[tokio::test]
async fn explicit_uri_wins_over_env() {
    let server = uri_server(one_hour_creds).await;
    let creds = UriProvider::with_env(Env::from_map([(
        "ALIBABA_CLOUD_CREDENTIALS_URI",
        "http://127.0.0.1:9/never",
    )]))
    .with_uri(format!("{}{PATH}", server.base))
    .provide_credentials()
    .await
    .unwrap();
    assert_eq!(creds.access_key_id(), "STS.uri1");
}

#[tokio::test]
async fn not_set_is_not_configured() {
    let err = UriProvider::with_env(empty_env())
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "credentials-uri: not configured (ALIBABA_CLOUD_CREDENTIALS_URI not set)"
    );
}

#[tokio::test]
async fn server_error_is_an_error_without_the_query() {
    let server = uri_server(|_| Reply::status(502, "bad gateway")).await;
    let err = provider(&server, &TestClock::new(t0()))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        matches!(err, CredentialsError::Http { status: 502, .. }),
        "{err:?}"
    );
    let shown = err.to_string();
    assert_eq!(
        shown,
        format!(
            "credentials-uri: HTTP 502 from {}/creds?<redacted>: bad gateway",
            server.base
        )
    );
    assert!(!shown.contains("QueryTokenValue"));
}

#[tokio::test]
async fn unreachable_configured_uri_is_an_error() {
    let base = closed_port_url().await;
    let err = UriProvider::with_env(empty_env())
        .with_uri(format!("{base}/creds?access=QueryTokenValue"))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialsError::Transport { .. }), "{err:?}");
    let debug = format!("{err:?}");
    assert!(!err.to_string().contains("QueryTokenValue"), "{err}");
    assert!(!debug.contains("QueryTokenValue"), "{debug}");
}

#[tokio::test]
async fn malformed_body_is_invalid_response() {
    let server = uri_server(|_| Reply::ok(format!("<html>{SECRET}</html>"))).await;
    let err = provider(&server, &TestClock::new(t0()))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        matches!(err, CredentialsError::InvalidResponse { .. }),
        "{err:?}"
    );
    assert_no_secrets(&err.to_string());
}

#[tokio::test]
async fn https_uris_are_tried_and_bad_uris_rejected_before_any_request() {
    // https is supported (rustls): nothing listens on port 1, so the attempt fails in transport.
    let err = UriProvider::with_env(empty_env())
        .with_uri("https://127.0.0.1:1/creds")
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialsError::Transport { .. }), "{err:?}");

    for bad in ["not a url", "ftp://127.0.0.1/creds"] {
        let err = UriProvider::with_env(Env::from_map([("ALIBABA_CLOUD_CREDENTIALS_URI", bad)]))
            .provide_credentials()
            .await
            .unwrap_err();
        let shown = invalid_config_message(&err);
        assert!(shown.contains("ALIBABA_CLOUD_CREDENTIALS_URI"), "{shown}");
    }
}
