use std::path::{Path, PathBuf};

use fc3_credentials::{Env, ProfileFileProvider, ProvideCredentials};
use tempfile::TempDir;

use crate::common::{SECRET, assert_no_secrets, invalid_config_message};

/// A home directory with `~/.alibabacloud/{name}` holding `content`.
fn home_with(files: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".alibabacloud");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, content) in files {
        std::fs::write(dir.join(name), content).unwrap();
    }
    (home, dir)
}

fn provider(home: &Path, vars: &[(&str, &str)]) -> ProfileFileProvider {
    ProfileFileProvider::with_env(Env::from_map(vars.iter().copied()).with_home_dir(home))
}

fn ini(id: &str) -> String {
    format!(
        "# shared credentials\n\
         [default]\n\
         enable = true\n\
         type = access_key\n\
         access_key_id = {id}\n\
         access_key_secret = {SECRET}\n\
         \n\
         [project1]\n\
         type = access_key\n\
         access_key_id = LTAIproject1\n\
         access_key_secret = \"{SECRET}\"\n\
         \n\
         [role]\n\
         type = ecs_ram_role\n\
         role_name = EcsRole\n\
         \n\
         [nosecret]\n\
         type = access_key\n\
         access_key_id = LTAInosecret\n\
         \n\
         [notype]\n\
         access_key_id = LTAInotype\n\
         access_key_secret = {SECRET}\n"
    )
}

#[tokio::test]
async fn reads_credentials_file() {
    let (home, _) = home_with(&[("credentials", &ini("LTAIgo"))]);
    let creds = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIgo");
    assert_eq!(creds.access_key_secret(), SECRET);
    assert_eq!(creds.security_token(), None);
}

#[tokio::test]
async fn reads_credentials_ini_when_credentials_is_absent() {
    let (home, _) = home_with(&[("credentials.ini", &ini("LTAIpython"))]);
    let creds = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIpython");
}

#[tokio::test]
async fn credentials_wins_over_credentials_ini() {
    let (home, _) = home_with(&[
        ("credentials", &ini("LTAIgo")),
        ("credentials.ini", &ini("LTAIpython")),
    ]);
    let creds = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIgo");
}

#[tokio::test]
async fn env_override_of_the_file() {
    let (home, _) = home_with(&[("credentials", &ini("LTAIhome"))]);
    let other = tempfile::tempdir().unwrap();
    let path = other.path().join("creds.ini");
    std::fs::write(&path, ini("LTAIoverride")).unwrap();
    let creds = provider(
        home.path(),
        &[("ALIBABA_CLOUD_CREDENTIALS_FILE", path.to_str().unwrap())],
    )
    .provide_credentials()
    .await
    .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIoverride");

    let missing = other.path().join("missing.ini");
    let err = provider(
        home.path(),
        &[("ALIBABA_CLOUD_CREDENTIALS_FILE", missing.to_str().unwrap())],
    )
    .provide_credentials()
    .await
    .unwrap_err();
    let shown = invalid_config_message(&err);
    assert!(shown.contains("ALIBABA_CLOUD_CREDENTIALS_FILE"), "{shown}");
}

#[tokio::test]
async fn profile_selection_and_quoted_values() {
    let (home, _) = home_with(&[("credentials", &ini("LTAIdefault"))]);
    let creds = provider(home.path(), &[("ALIBABA_CLOUD_PROFILE", "project1")])
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIproject1");
    assert_eq!(creds.access_key_secret(), SECRET, "quotes are removed");
}

#[tokio::test]
async fn missing_section_is_not_configured() {
    let (home, dir) = home_with(&[("credentials", &ini("LTAIdefault"))]);
    let err = provider(home.path(), &[("ALIBABA_CLOUD_PROFILE", "absent")])
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    assert!(
        err.to_string().contains(&format!(
            "no [absent] section in {}",
            dir.join("credentials").display()
        )),
        "{err}"
    );
    // Section names are case-sensitive.
    let err = provider(home.path(), &[("ALIBABA_CLOUD_PROFILE", "DEFAULT")])
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
}

#[tokio::test]
async fn missing_keys_and_types_are_errors() {
    let (home, dir) = home_with(&[("credentials", &ini("LTAIdefault"))]);
    let file = dir.join("credentials").display().to_string();
    let cases = [
        (
            "nosecret",
            format!(
                "invalid credentials configuration in section [nosecret] of {file}: `access_key_secret` is missing"
            ),
        ),
        (
            "notype",
            format!(
                "invalid credentials configuration in section [notype] of {file}: `type` is missing (expected `type = access_key`)"
            ),
        ),
        (
            "role",
            format!("unsupported credential type ecs_ram_role in section [role] of {file}"),
        ),
    ];
    for (profile, expected) in cases {
        let err = provider(home.path(), &[("ALIBABA_CLOUD_PROFILE", profile)])
            .provide_credentials()
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), expected);
        assert_no_secrets(&err.to_string());
    }
}

#[tokio::test]
async fn hash_in_secret_and_keys_outside_sections() {
    let content = "type = ecs_ram_role\naccess_key_id = LTAIoutside\n\
                   [default]\ntype = access_key\naccess_key_id = LTAIhash\naccess_key_secret = ab#cd;ef\n";
    let (home, _) = home_with(&[("credentials", content)]);
    let creds = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIhash");
    assert_eq!(creds.access_key_secret(), "ab#cd;ef");
}

#[tokio::test]
async fn malformed_ini_is_invalid() {
    let content = format!("[default\ntype = access_key\naccess_key_secret = {SECRET}\n");
    let (home, dir) = home_with(&[("credentials", &content)]);
    let err = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap_err();
    let shown = invalid_config_message(&err);
    assert!(
        shown.contains(&dir.join("credentials").display().to_string()),
        "{shown}"
    );
    assert!(shown.contains("line 1"), "{shown}");
    assert_no_secrets(&shown);
}

#[tokio::test]
async fn no_file_is_not_configured() {
    let (home, _) = home_with(&[]);
    let err = provider(home.path(), &[])
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(err.is_not_configured(), "{err:?}");
    let shown = err.to_string();
    assert!(shown.contains("credentials.ini"), "{shown}");
}
