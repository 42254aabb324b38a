use std::path::{Path, PathBuf};

use fc3_credentials::{CliConfigProvider, CredentialsError, Env, ProvideCredentials};
use tempfile::TempDir;

use crate::common::{SECRET, TOKEN, assert_no_secrets, invalid_config_message};

/// A home directory holding `.aliyun/config.json` with `content`.
fn home_with_config(content: &str) -> (TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".aliyun");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.json");
    std::fs::write(&path, content).unwrap();
    (home, path)
}

fn provider(home: &Path, vars: &[(&str, &str)]) -> CliConfigProvider {
    CliConfigProvider::with_env(Env::from_map(vars.iter().copied()).with_home_dir(home))
}

fn config() -> String {
    format!(
        r#"{{
  "current": "dev",
  "profiles": [
    {{"name": "dev", "mode": "AK", "access_key_id": "LTAIdev", "access_key_secret": "{SECRET}",
      "sts_token": "", "region_id": "cn-hangzhou", "output_format": "json", "language": "en"}},
    {{"name": "sts", "mode": "StsToken", "access_key_id": "STS.sts", "access_key_secret": "{SECRET}",
      "sts_token": "{TOKEN}", "region_id": "cn-shanghai"}},
    {{"name": "prod", "mode": "RamRoleArn", "access_key_id": "LTAIprod", "access_key_secret": "{SECRET}",
      "ram_role_arn": "acs:ram::123:role/x", "ram_session_name": "s"}},
    {{"name": "nosts", "mode": "StsToken", "access_key_id": "STS.x", "access_key_secret": "{SECRET}"}}
  ],
  "meta_path": ""
}}"#
    )
}

#[tokio::test]
async fn ak_mode_from_current() {
    let (home, _) = home_with_config(&config());
    let creds = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIdev");
    assert_eq!(creds.access_key_secret(), SECRET);
    assert_eq!(creds.security_token(), None);
}

#[tokio::test]
async fn sts_token_mode_selected_by_env_profile() {
    let (home, _) = home_with_config(&config());
    let creds = provider(home.path(), &[("ALIBABA_CLOUD_PROFILE", "sts")])
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "STS.sts");
    assert_eq!(creds.access_key_secret(), SECRET);
    assert_eq!(creds.security_token(), Some(TOKEN));
}

#[tokio::test]
async fn default_profile_when_current_is_absent() {
    let content = format!(
        r#"{{"profiles": [{{"name": "default", "mode": "AK", "access_key_id": "LTAIdefault", "access_key_secret": "{SECRET}"}}]}}"#
    );
    let (home, _) = home_with_config(&content);
    let creds = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIdefault");
}

#[tokio::test]
async fn unsupported_mode_is_a_clear_error() {
    let (home, path) = home_with_config(&config());
    let err = provider(home.path(), &[("ALIBABA_CLOUD_PROFILE", "prod")])
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(
        matches!(err, CredentialsError::Unsupported { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "unsupported mode RamRoleArn in profile prod of {}",
            path.display()
        )
    );
}

#[tokio::test]
async fn sts_token_mode_without_token_is_invalid() {
    let (home, path) = home_with_config(&config());
    let err = provider(home.path(), &[("ALIBABA_CLOUD_PROFILE", "nosts")])
        .provide_credentials()
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "invalid credentials configuration in profile nosts of {}: security_token is empty",
            path.display()
        )
    );
}

#[tokio::test]
async fn missing_profile_from_env_is_not_configured() {
    let (home, path) = home_with_config(&config());
    let err = provider(home.path(), &[("ALIBABA_CLOUD_PROFILE", "nope")])
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    assert!(
        err.to_string().contains(&format!(
            "profile nope (from ALIBABA_CLOUD_PROFILE) not found in {}",
            path.display()
        )),
        "{err}"
    );
}

#[tokio::test]
async fn missing_current_profile_is_invalid() {
    let content = config().replace(r#""current": "dev""#, r#""current": "gone""#);
    let (home, path) = home_with_config(&content);
    let err = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap_err();
    let shown = invalid_config_message(&err);
    assert_eq!(
        shown,
        format!(
            "invalid credentials configuration in {}: current profile gone not found",
            path.display()
        )
    );
}

#[tokio::test]
async fn malformed_json_is_invalid_and_does_not_echo_values() {
    // A truncated file, and a secret of the wrong type (serde_json would quote it).
    let truncated = config()[..200].to_owned();
    let wrong_type = r#"{"current":"dev","profiles":[{"name":"dev","mode":"AK","access_key_id":"x","access_key_secret":918273645546372819}]}"#;
    for content in [truncated.as_str(), wrong_type] {
        let (home, path) = home_with_config(content);
        let err = provider(home.path(), &[])
            .provide_credentials()
            .await
            .unwrap_err();
        let shown = invalid_config_message(&err);
        assert!(shown.contains(&path.display().to_string()), "{shown}");
        assert!(shown.contains("not valid JSON"), "{shown}");
        assert!(shown.contains("line"), "{shown}");
        assert_no_secrets(&shown);
        assert!(!shown.contains("918273645546372819"), "{shown}");
    }
}

#[tokio::test]
async fn config_file_variable_overrides_the_home_file() {
    let (home, _) = home_with_config(&config());
    let other = tempfile::tempdir().unwrap();
    let path = other.path().join("elsewhere.json");
    std::fs::write(
        &path,
        config().replace(r#""current": "dev""#, r#""current": "sts""#),
    )
    .unwrap();
    let creds = provider(
        home.path(),
        &[("ALIBABA_CLOUD_CONFIG_FILE", path.to_str().unwrap())],
    )
    .provide_credentials()
    .await
    .unwrap();
    assert_eq!(creds.access_key_id(), "STS.sts");

    // Naming a file that does not exist is a configuration error, not a skip.
    let missing = other.path().join("missing.json");
    let err = provider(
        home.path(),
        &[("ALIBABA_CLOUD_CONFIG_FILE", missing.to_str().unwrap())],
    )
    .provide_credentials()
    .await
    .unwrap_err();
    let shown = invalid_config_message(&err);
    assert!(shown.contains("ALIBABA_CLOUD_CONFIG_FILE"), "{shown}");
}

#[tokio::test]
async fn no_file_or_no_home_is_not_configured() {
    let home = tempfile::tempdir().unwrap();
    let err = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    assert!(err.to_string().contains("config.json not found"), "{err}");

    let err = CliConfigProvider::with_env(crate::common::empty_env())
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    assert!(err.to_string().contains("home directory unknown"), "{err}");

    let (home, _) = home_with_config(r#"{"current": "", "profiles": []}"#);
    let err = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
}

#[tokio::test]
async fn file_is_read_once() {
    let (home, path) = home_with_config(&config());
    let provider = provider(home.path(), &[]);
    let first = provider.provide_credentials().await.unwrap();
    std::fs::remove_file(&path).unwrap();
    let second = provider.provide_credentials().await.unwrap();
    assert_eq!(first, second);
}
