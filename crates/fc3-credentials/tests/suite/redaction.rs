//! `Debug` of credentials and of every provider (after use, caches filled) never shows
//! the secret or the token.

use std::time::Duration;

use fc3_credentials::{
    CliConfigProvider, Credentials, DefaultChain, EcsRamRoleProvider, Env, EnvironmentProvider,
    ProfileFileProvider, ProvideCredentials, UriProvider,
};

use crate::common::{
    Reply, SECRET, TOKEN, TestClock, TestServer, assert_no_secrets, creds_json, t0,
};

#[tokio::test]
async fn credentials_debug() {
    let creds = Credentials::new("LTAIshown", SECRET)
        .unwrap()
        .with_security_token(TOKEN)
        .unwrap();
    for shown in [format!("{creds:?}"), format!("{creds:#?}")] {
        assert!(shown.contains("LTAIshown"));
        assert!(shown.contains("** redacted **"));
        assert_no_secrets(&shown);
    }
}

#[tokio::test]
async fn providers_debug() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".aliyun")).unwrap();
    std::fs::write(
        home.path().join(".aliyun/config.json"),
        format!(
            r#"{{"current":"s","profiles":[{{"name":"s","mode":"StsToken","access_key_id":"STS.cli","access_key_secret":"{SECRET}","sts_token":"{TOKEN}"}}]}}"#
        ),
    )
    .unwrap();
    std::fs::create_dir_all(home.path().join(".alibabacloud")).unwrap();
    std::fs::write(
        home.path().join(".alibabacloud/credentials"),
        format!(
            "[default]\ntype = access_key\naccess_key_id = LTAIini\naccess_key_secret = {SECRET}\n"
        ),
    )
    .unwrap();
    let server = TestServer::start(|req| match req.path.as_str() {
        "/latest/api/token" => Reply::ok("tok"),
        "/latest/meta-data/ram/security-credentials/" => Reply::ok("EcsRole"),
        _ => Reply::ok(creds_json("STS.http", t0() + Duration::from_secs(3600))),
    })
    .await;
    let env = Env::from_map([
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
        ("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN),
        (
            "ALIBABA_CLOUD_CREDENTIALS_URI",
            &format!("{}/creds?k=QuerySecret", server.base),
        ),
    ])
    .with_home_dir(home.path());
    let clock = TestClock::new(t0());

    let environment = EnvironmentProvider::with_env(env.clone());
    let cli = CliConfigProvider::with_env(env.clone());
    let ini = ProfileFileProvider::with_env(env.clone());
    let ecs = EcsRamRoleProvider::with_env(env.clone())
        .with_endpoint(&server.base)
        .with_clock(clock.as_fn());
    let uri = UriProvider::with_env(env.clone())
        .with_uri(format!("{}/creds?k=QuerySecret", server.base))
        .with_clock(clock.as_fn());
    let chain = DefaultChain::with_env(env.clone())
        .with_ecs_provider(EcsRamRoleProvider::with_env(env.clone()).with_endpoint(&server.base));
    let providers: [&dyn ProvideCredentials; 6] = [&environment, &cli, &ini, &ecs, &uri, &chain];
    for provider in providers {
        let creds = provider.provide_credentials().await.unwrap();
        assert_eq!(creds.access_key_secret(), SECRET);
        let shown = format!("{provider:?}");
        assert_no_secrets(&shown);
        assert!(!shown.contains("QuerySecret"), "{shown}");
        assert_no_secrets(&format!("{provider:#?}"));
    }
    assert_no_secrets(&format!("{env:?}"));
}
