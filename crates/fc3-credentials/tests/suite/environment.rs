use fc3_credentials::{Env, EnvironmentProvider, ProvideCredentials};

use crate::common::{SECRET, TOKEN, assert_no_secrets, invalid_config_message};

fn provider(vars: &[(&str, &str)]) -> EnvironmentProvider {
    EnvironmentProvider::with_env(Env::from_map(vars.iter().copied()))
}

#[tokio::test]
async fn present_with_token() {
    let creds = provider(&[
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
        ("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN),
    ])
    .provide_credentials()
    .await
    .unwrap();
    assert_eq!(creds.access_key_id(), "LTAIenv");
    assert_eq!(creds.access_key_secret(), SECRET);
    assert_eq!(creds.security_token(), Some(TOKEN));
    assert_eq!(creds.expiry(), None);
}

#[tokio::test]
async fn present_without_token() {
    let creds = provider(&[
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
        ("ALIBABA_CLOUD_SECURITY_TOKEN", ""),
    ])
    .provide_credentials()
    .await
    .unwrap();
    assert_eq!(creds.security_token(), None);
}

#[tokio::test]
async fn partial_names_the_missing_variable() {
    let cases: [(&[(&str, &str)], &str); 3] = [
        (
            &[("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv")],
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        ),
        (
            &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)],
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
        ),
        (
            &[("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN)],
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
        ),
    ];
    for (vars, missing) in cases {
        let err = provider(vars).provide_credentials().await.unwrap_err();
        let shown = invalid_config_message(&err);
        assert!(shown.contains(&format!("{missing} is not set")), "{shown}");
        assert_no_secrets(&shown);
    }
}

#[tokio::test]
async fn absent_or_empty_is_not_configured() {
    for vars in [
        &[][..],
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", ""),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ""),
        ][..],
    ] {
        let err = provider(vars).provide_credentials().await.unwrap_err();
        assert!(err.is_not_configured(), "{err:?}");
        assert_eq!(
            err.to_string(),
            "environment: not configured (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET not set)"
        );
    }
}

#[tokio::test]
async fn malformed_value_names_the_variable_not_the_value() {
    let bad_secret = format!("{SECRET} ");
    let err = provider(&[
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", &bad_secret),
    ])
    .provide_credentials()
    .await
    .unwrap_err();
    let shown = err.to_string();
    assert_eq!(
        shown,
        "invalid credentials configuration in ALIBABA_CLOUD_ACCESS_KEY_SECRET: value contains whitespace"
    );
}
