use std::sync::Arc;
use std::time::Duration;

use fc3_credentials::{CredentialsError, EcsRamRoleProvider, Env, ProvideCredentials};

use crate::common::{
    Counter, Reply, SECRET, TOKEN, TestClock, TestServer, assert_no_secrets, closed_port_url,
    creds_json, empty_env, t0,
};

const TOKEN_PATH: &str = "/latest/api/token";
const LIST_PATH: &str = "/latest/meta-data/ram/security-credentials/";
const ROLE_PATH: &str = "/latest/meta-data/ram/security-credentials/EcsRole";
const METADATA_TOKEN: &str = "imds-token-abc";

/// A metadata server with role `EcsRole`; `creds` answers the n-th (1-based)
/// credentials request.
async fn metadata_server(creds: impl Fn(usize) -> Reply + Send + Sync + 'static) -> TestServer {
    let calls = Counter::default();
    TestServer::start(move |req| match (req.method.as_str(), req.path.as_str()) {
        ("PUT", TOKEN_PATH) => Reply::ok(METADATA_TOKEN),
        ("GET", LIST_PATH) => Reply::ok("EcsRole\n"),
        ("GET", ROLE_PATH) => creds(calls.bump()),
        _ => Reply::status(404, "not found"),
    })
    .await
}

fn one_hour_creds(n: usize) -> Reply {
    Reply::ok(creds_json(
        &format!("STS.{n}"),
        t0() + Duration::from_secs(3600),
    ))
}

fn provider(server: &TestServer, clock: &TestClock) -> EcsRamRoleProvider {
    EcsRamRoleProvider::with_env(empty_env())
        .with_endpoint(&server.base)
        .with_clock(clock.as_fn())
}

#[tokio::test]
async fn fetches_token_then_role_then_credentials() {
    let server = metadata_server(one_hour_creds).await;
    let clock = TestClock::new(t0());
    let creds = provider(&server, &clock)
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "STS.1");
    assert_eq!(creds.access_key_secret(), SECRET);
    assert_eq!(creds.security_token(), Some(TOKEN));
    assert_eq!(creds.expiry(), Some(t0() + Duration::from_secs(3600)));

    let requests = server.requests();
    let seen: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        seen,
        [("PUT", TOKEN_PATH), ("GET", LIST_PATH), ("GET", ROLE_PATH)]
    );
    assert_eq!(
        requests[0].header("X-aliyun-ecs-metadata-token-ttl-seconds"),
        Some("21600")
    );
    assert_eq!(requests[0].header("X-aliyun-ecs-metadata-token"), None);
    for request in &requests[1..] {
        assert_eq!(
            request.header("X-aliyun-ecs-metadata-token"),
            Some(METADATA_TOKEN),
            "{request:?}"
        );
    }
}

#[tokio::test]
async fn cached_until_near_expiry_then_refreshed() {
    let server = metadata_server(one_hour_creds).await;
    let clock = TestClock::new(t0());
    let provider = provider(&server, &clock);
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.1"
    );
    assert_eq!(server.requests().len(), 3);

    // Second call, well before expiry: no request at all.
    clock.set(t0() + Duration::from_secs(30 * 60));
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.1"
    );
    assert_eq!(server.requests().len(), 3);

    // Just over 3 minutes left: still cached.
    clock.set(t0() + Duration::from_secs(3600 - 181));
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.1"
    );
    assert_eq!(server.requests().len(), 3);

    // Less than 3 minutes left: refreshed.
    clock.set(t0() + Duration::from_secs(3600 - 179));
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.2"
    );
    assert_eq!(server.count("GET", ROLE_PATH), 2);
}

#[tokio::test]
async fn refresh_margin_is_configurable() {
    let server = metadata_server(one_hour_creds).await;
    let clock = TestClock::new(t0());
    let provider = provider(&server, &clock).with_refresh_before(Duration::from_secs(600));
    provider.provide_credentials().await.unwrap();
    clock.set(t0() + Duration::from_secs(3600 - 599));
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.2"
    );
}

#[tokio::test]
async fn concurrent_callers_share_one_refresh() {
    let server = metadata_server(|n| one_hour_creds(n).delayed(Duration::from_millis(200))).await;
    let clock = TestClock::new(t0());
    let provider = Arc::new(provider(&server, &clock));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let provider = provider.clone();
            tokio::spawn(async move { provider.provide_credentials().await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().access_key_id(), "STS.1");
    }
    assert_eq!(server.count("PUT", TOKEN_PATH), 1);
    assert_eq!(server.count("GET", ROLE_PATH), 1);
}

#[tokio::test]
async fn server_error_is_an_error() {
    let server = metadata_server(|_| Reply::status(500, "metadata service failure")).await;
    let clock = TestClock::new(t0());
    let err = provider(&server, &clock)
        .provide_credentials()
        .await
        .unwrap_err();
    match &err {
        CredentialsError::Http { status, url, .. } => {
            assert_eq!(*status, 500);
            assert_eq!(url, &format!("{}{ROLE_PATH}", server.base));
        }
        other => panic!("expected Http, got {other:?}"),
    }
    assert!(err.to_string().contains("HTTP 500"), "{err}");
    assert!(
        err.to_string().contains("metadata service failure"),
        "{err}"
    );
}

#[tokio::test]
async fn failed_refresh_keeps_valid_credentials_until_expiry() {
    let server = metadata_server(|n| {
        if n == 1 {
            one_hour_creds(n)
        } else {
            Reply::status(503, "busy")
        }
    })
    .await;
    let clock = TestClock::new(t0());
    let provider = provider(&server, &clock);
    provider.provide_credentials().await.unwrap();

    clock.set(t0() + Duration::from_secs(3600 - 60));
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.1"
    );
    assert_eq!(server.count("GET", ROLE_PATH), 2, "a refresh was attempted");

    clock.set(t0() + Duration::from_secs(3600));
    let err = provider.provide_credentials().await.unwrap_err();
    assert!(
        matches!(err, CredentialsError::Http { status: 503, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn code_other_than_success_is_invalid() {
    let server = metadata_server(|_| {
        Reply::ok(format!(
            r#"{{"Code":"Failed","AccessKeyId":"a","AccessKeySecret":"{SECRET}"}}"#
        ))
    })
    .await;
    let err = provider(&server, &TestClock::new(t0()))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        matches!(err, CredentialsError::InvalidResponse { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("Code is \"Failed\""), "{err}");
    assert_no_secrets(&err.to_string());
}

#[tokio::test]
async fn configured_role_skips_discovery() {
    let server = TestServer::start(|req| match (req.method.as_str(), req.path.as_str()) {
        ("PUT", TOKEN_PATH) => Reply::ok(METADATA_TOKEN),
        ("GET", "/latest/meta-data/ram/security-credentials/NamedRole") => {
            Reply::ok(creds_json("STS.named", t0() + Duration::from_secs(3600)))
        }
        _ => Reply::status(404, "not found"),
    })
    .await;
    let clock = TestClock::new(t0());
    let from_env =
        EcsRamRoleProvider::with_env(Env::from_map([("ALIBABA_CLOUD_ECS_METADATA", "NamedRole")]))
            .with_endpoint(&server.base)
            .with_clock(clock.as_fn());
    assert_eq!(
        from_env
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.named"
    );

    let from_builder = provider(&server, &clock).with_role_name("NamedRole");
    assert_eq!(
        from_builder
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.named"
    );
    assert_eq!(server.count("GET", LIST_PATH), 0);
}

#[tokio::test]
async fn falls_back_to_imdsv1_unless_disabled() {
    let server = TestServer::start(|req| match (req.method.as_str(), req.path.as_str()) {
        ("PUT", TOKEN_PATH) => Reply::status(403, "forbidden"),
        ("GET", LIST_PATH) => Reply::ok("EcsRole"),
        ("GET", ROLE_PATH) => Reply::ok(creds_json("STS.v1", t0() + Duration::from_secs(3600))),
        _ => Reply::status(404, "not found"),
    })
    .await;
    let clock = TestClock::new(t0());
    let creds = provider(&server, &clock)
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "STS.v1");
    for request in server.requests() {
        assert_eq!(request.header("X-aliyun-ecs-metadata-token"), None);
    }

    let strict =
        EcsRamRoleProvider::with_env(Env::from_map([("ALIBABA_CLOUD_IMDSV1_DISABLED", "true")]))
            .with_endpoint(&server.base)
            .with_clock(clock.as_fn());
    let err = strict.provide_credentials().await.unwrap_err();
    assert!(
        matches!(err, CredentialsError::Http { status: 403, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn unreachable_server_is_not_configured_unless_a_role_is_named() {
    let base = closed_port_url().await;
    let err = EcsRamRoleProvider::with_env(empty_env())
        .with_endpoint(&base)
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    assert!(
        err.to_string()
            .contains(&format!("metadata server {base} unreachable")),
        "{err}"
    );

    let err = EcsRamRoleProvider::with_env(empty_env())
        .with_endpoint(&base)
        .with_role_name("EcsRole")
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialsError::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn disabled_makes_no_request() {
    let server = metadata_server(one_hour_creds).await;
    let err = EcsRamRoleProvider::with_env(Env::from_map([(
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
        "TRUE",
    )]))
    .with_endpoint(&server.base)
    .provide_credentials()
    .await
    .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    assert!(
        err.to_string()
            .contains("disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"),
        "{err}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn no_role_attached_is_not_configured() {
    let server = TestServer::start(|req| match req.method.as_str() {
        "PUT" => Reply::ok(METADATA_TOKEN),
        _ => Reply::status(404, "not found"),
    })
    .await;
    let err = EcsRamRoleProvider::with_env(empty_env())
        .with_endpoint(&server.base)
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    assert!(err.to_string().contains("no RAM role attached"), "{err}");
}

#[tokio::test]
async fn silent_server_is_skipped_after_the_connect_timeout() {
    // A listener with a full accept queue: further connection attempts hang, as they
    // do towards the metadata address outside ECS.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let _filler = std::net::TcpStream::connect(addr).unwrap();

    let started = std::time::Instant::now();
    let err = EcsRamRoleProvider::with_env(empty_env())
        .with_endpoint(format!("http://{addr}"))
        .with_connect_timeout(Duration::from_millis(300))
        .provide_credentials()
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(err.is_not_configured(), "{err:?}");
    assert!(
        err.to_string()
            .contains("unreachable: no connection within 300ms"),
        "{err}"
    );
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    drop(listener);
}
