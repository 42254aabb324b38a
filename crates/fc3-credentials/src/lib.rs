#![doc = include_str!("../README.md")]

mod chain;
mod cli_config;
mod credentials;
mod ecs;
mod env;
mod environment;
mod error;
mod files;
mod http;
mod profile_file;
mod provider;
mod uri;

pub use chain::{
    DefaultChain, OIDC_PROVIDER_ARN_VAR, OIDC_TOKEN_FILE_VAR, ROLE_ARN_VAR, default_chain,
};
pub use cli_config::{CONFIG_FILE_VAR, CliConfigProvider, PROFILE_VAR};
pub use credentials::Credentials;
pub use ecs::{
    DEFAULT_ECS_METADATA_ENDPOINT, ECS_METADATA_DISABLED_VAR, ECS_METADATA_VAR, EcsRamRoleProvider,
    IMDSV1_DISABLED_VAR,
};
pub use env::Env;
pub use environment::{
    ACCESS_KEY_ID_VAR, ACCESS_KEY_SECRET_VAR, EnvironmentProvider, SECURITY_TOKEN_VAR,
};
pub use error::{CredentialsError, SkippedSource};
pub use http::{DEFAULT_REFRESH_BEFORE, http_client_builder};
pub use profile_file::{CREDENTIALS_FILE_VAR, ProfileFileProvider};
pub use provider::{ProvideCredentials, ProvideCredentialsFuture};
pub use uri::{CREDENTIALS_URI_VAR, UriProvider};
