use std::path::Path;
use std::time::Duration;

use fc3_credentials::{
    CredentialsError, DefaultChain, EcsRamRoleProvider, Env, ProvideCredentials, SkippedSource,
};
use tempfile::TempDir;

use crate::common::{
    Reply, SECRET, TestServer, closed_port_url, creds_json, invalid_config_message, t0,
};

/// Every chain built here points its ECS step at a loopback address: tests never
/// reach out to the real metadata server address.
fn chain(env: Env, ecs_base: &str) -> DefaultChain {
    let ecs = EcsRamRoleProvider::with_env(env.clone()).with_endpoint(ecs_base);
    DefaultChain::with_env(env).with_ecs_provider(ecs)
}

fn env(home: &Path, vars: &[(&str, &str)]) -> Env {
    Env::from_map(vars.iter().copied()).with_home_dir(home)
}

fn write_cli_config(home: &Path, id: &str) {
    let dir = home.join(".aliyun");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.json"),
        format!(
            r#"{{"current":"default","profiles":[{{"name":"default","mode":"AK","access_key_id":"{id}","access_key_secret":"{SECRET}"}}]}}"#
        ),
    )
    .unwrap();
}

fn write_ini(home: &Path, id: &str) {
    let dir = home.join(".alibabacloud");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("credentials"),
        format!(
            "[default]\ntype = access_key\naccess_key_id = {id}\naccess_key_secret = {SECRET}\n"
        ),
    )
    .unwrap();
}

fn home() -> TempDir {
    tempfile::tempdir().unwrap()
}

const ENV_VARS: [(&str, &str); 2] = [
    ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIfromenv"),
    ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
];

#[tokio::test]
async fn order_of_sources() {
    assert_eq!(
        DefaultChain::with_env(Env::from_map([(
            "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
            "true"
        )]))
        .source_names(),
        [
            "environment",
            "oidc-role",
            "cli-config",
            "profile-file",
            "ecs-ram-role",
            "credentials-uri"
        ]
    );
}

#[tokio::test]
async fn environment_wins_over_files() {
    let home = home();
    write_cli_config(home.path(), "LTAIfromcli");
    write_ini(home.path(), "LTAIfromini");
    let chain = chain(env(home.path(), &ENV_VARS), &closed_port_url().await);
    let creds = chain.provide_credentials().await.unwrap();
    assert_eq!(creds.access_key_id(), "LTAIfromenv");
    assert_eq!(chain.source_in_use(), Some("environment"));
}

#[tokio::test]
async fn cli_config_wins_over_ini_file() {
    let home = home();
    write_cli_config(home.path(), "LTAIfromcli");
    write_ini(home.path(), "LTAIfromini");
    let chain = chain(env(home.path(), &[]), &closed_port_url().await);
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "LTAIfromcli"
    );
    assert_eq!(chain.source_in_use(), Some("cli-config"));
}

#[tokio::test]
async fn ini_file_when_alone() {
    let home = home();
    write_ini(home.path(), "LTAIfromini");
    let chain = chain(env(home.path(), &[]), &closed_port_url().await);
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "LTAIfromini"
    );
    assert_eq!(chain.source_in_use(), Some("profile-file"));
}

#[tokio::test]
async fn ecs_role_before_credentials_uri() {
    let metadata = TestServer::start(|req| match (req.method.as_str(), req.path.as_str()) {
        ("PUT", "/latest/api/token") => Reply::ok("tok"),
        ("GET", "/latest/meta-data/ram/security-credentials/") => Reply::ok("EcsRole"),
        ("GET", "/latest/meta-data/ram/security-credentials/EcsRole") => {
            Reply::ok(creds_json("STS.ecs", t0() + Duration::from_secs(3600)))
        }
        _ => Reply::status(404, ""),
    })
    .await;
    let uri = TestServer::start(|_| Reply::ok(creds_json("STS.uri", t0()))).await;
    let home = home();
    let chain = chain(
        env(
            home.path(),
            &[(
                "ALIBABA_CLOUD_CREDENTIALS_URI",
                &format!("{}/creds", uri.base),
            )],
        ),
        &metadata.base,
    );
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "STS.ecs"
    );
    assert_eq!(chain.source_in_use(), Some("ecs-ram-role"));
    assert!(uri.requests().is_empty());
}

#[tokio::test]
async fn credentials_uri_when_metadata_server_is_unreachable() {
    let uri = TestServer::start(|_| {
        Reply::ok(creds_json(
            "STS.uri",
            std::time::SystemTime::now() + Duration::from_secs(3600),
        ))
    })
    .await;
    let home = home();
    let chain = chain(
        env(
            home.path(),
            &[(
                "ALIBABA_CLOUD_CREDENTIALS_URI",
                &format!("{}/creds", uri.base),
            )],
        ),
        &closed_port_url().await,
    );
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "STS.uri"
    );
    assert_eq!(chain.source_in_use(), Some("credentials-uri"));
}

#[tokio::test]
async fn nothing_found_lists_every_source_and_why() {
    let home = home();
    let ecs_base = closed_port_url().await;
    let err = chain(env(home.path(), &[]), &ecs_base)
        .provide_credentials()
        .await
        .unwrap_err();
    let CredentialsError::NotFound { tried } = &err else {
        panic!("expected NotFound, got {err:?}");
    };
    let names: Vec<&str> = tried.iter().map(|s| s.provider).collect();
    assert_eq!(
        names,
        [
            "environment",
            "oidc-role",
            "cli-config",
            "profile-file",
            "ecs-ram-role",
            "credentials-uri"
        ]
    );
    let home_shown = home.path().display();
    let expected_reasons = [
        "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET not set".to_owned(),
        "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE not set".to_owned(),
        format!("{home_shown}/.aliyun/config.json not found"),
        format!(
            "neither {home_shown}/.alibabacloud/credentials nor {home_shown}/.alibabacloud/credentials.ini found"
        ),
        format!("metadata server {ecs_base} unreachable"),
        "ALIBABA_CLOUD_CREDENTIALS_URI not set".to_owned(),
    ];
    for (source, expected) in tried.iter().zip(&expected_reasons) {
        assert!(
            source.reason.starts_with(expected.as_str()),
            "{}: {:?} should start with {expected:?}",
            source.provider,
            source.reason
        );
    }
    let shown = err.to_string();
    assert!(
        shown.starts_with(
            "no Alibaba Cloud credentials found; tried: 1. environment (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET not set); 2. oidc-role ("
        ),
        "{shown}"
    );
    assert!(
        shown.contains("; 6. credentials-uri (ALIBABA_CLOUD_CREDENTIALS_URI not set)"),
        "{shown}"
    );
}

#[tokio::test]
async fn disabled_ecs_is_listed_as_disabled() {
    let home = home();
    let err = chain(
        env(
            home.path(),
            &[("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")],
        ),
        &closed_port_url().await,
    )
    .provide_credentials()
    .await
    .unwrap_err();
    let CredentialsError::NotFound { tried } = err else {
        panic!("expected NotFound, got {err:?}");
    };
    assert_eq!(
        tried[4],
        SkippedSource::new(
            "ecs-ram-role",
            "disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"
        )
    );
}

#[tokio::test]
async fn oidc_variables_explain_the_skip() {
    let home = home();
    write_ini(home.path(), "LTAIfromini");
    let vars = [
        ("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::123:role/r"),
        (
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            "acs:ram::123:oidc-provider/p",
        ),
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/secrets/token"),
    ];
    // Skipped: the chain goes on to the INI file.
    let chain_with_ini = chain(env(home.path(), &vars), &closed_port_url().await);
    assert_eq!(
        chain_with_ini
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "LTAIfromini"
    );

    // And the reason is in the "nothing found" list.
    let empty_home = self::home();
    let err = chain(env(empty_home.path(), &vars), &closed_port_url().await)
        .provide_credentials()
        .await
        .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains(
            "2. oidc-role (OIDC role (RRSA) credentials are not supported yet (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE set); skipped)"
        ),
        "{shown}"
    );
}

#[tokio::test]
async fn broken_source_stops_the_chain() {
    let home = home();
    write_ini(home.path(), "LTAIfromini");
    let dir = home.path().join(".aliyun");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.json"), "{ not json").unwrap();
    let chain = chain(env(home.path(), &[]), &closed_port_url().await);
    let err = chain.provide_credentials().await.unwrap_err();
    let shown = invalid_config_message(&err);
    assert!(shown.contains("config.json"), "{shown}");
    assert_eq!(chain.source_in_use(), None);

    // A partial environment also stops it, before any file.
    let chain = self::chain(
        env(home.path(), &[("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIonly")]),
        &closed_port_url().await,
    );
    let err = chain.provide_credentials().await.unwrap_err();
    assert!(
        err.to_string()
            .contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set"),
        "{err}"
    );
}

#[tokio::test]
async fn remembers_the_source_that_worked() {
    let home = home();
    write_ini(home.path(), "LTAIfromini");
    let chain = chain(env(home.path(), &[]), &closed_port_url().await);
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "LTAIfromini"
    );
    // A CLI config appearing later would win a fresh run, but the chain goes straight
    // to the source that worked.
    write_cli_config(home.path(), "LTAIfromcli");
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "LTAIfromini"
    );
    assert_eq!(chain.source_in_use(), Some("profile-file"));
    // A fresh chain sees the CLI config.
    let fresh = self::chain(env(home.path(), &[]), &closed_port_url().await);
    assert_eq!(
        fresh.provide_credentials().await.unwrap().access_key_id(),
        "LTAIfromcli"
    );
}
