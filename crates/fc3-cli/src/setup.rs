//! Stage two: parsed flags become real objects. The connection flags become a
//! [`fc3_client::Client`] (pointed at FC, at an explicit endpoint, or at an embedded
//! fc3-local), the event flags become bytes, `--outfile` becomes an open file.

use std::path::{Path, PathBuf};

use fc3_client::{Client, Credentials, ENDPOINT_VAR, REGION_VAR};
use tokio::io::AsyncReadExt;

use crate::embedded::{self, Embedded};
use crate::failure::Failure;
use crate::flags::GlobalArgs;

/// A client, and the embedded emulator behind it when `--local` was given (kept alive for as
/// long as the connection is).
#[derive(Debug)]
pub struct Connection {
    /// The client every command calls through.
    pub client: Client,
    /// The emulator started for this command, if any.
    pub local: Option<Embedded>,
}

impl Connection {
    /// Stops the embedded emulator, if any, waiting briefly for it to finish.
    pub async fn close(self) {
        if let Some(local) = self.local {
            local.stop().await;
        }
    }
}

/// Where requests go, from the flags, then the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An explicit endpoint URL.
    Endpoint(String),
    /// A region's FC endpoint.
    Region(String),
}

/// Picks the target: `--endpoint`, `--region`, then `FC3_ENDPOINT`, then
/// `ALIBABA_CLOUD_REGION_ID`; `var` reads the environment.
pub fn target(
    global: &GlobalArgs,
    var: impl Fn(&str) -> Option<String>,
) -> Result<Target, Failure> {
    let var = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    if let Some(endpoint) = &global.endpoint {
        return Ok(Target::Endpoint(endpoint.clone()));
    }
    if let Some(region) = &global.region {
        return Ok(Target::Region(region.clone()));
    }
    if let Some(endpoint) = var(ENDPOINT_VAR) {
        return Ok(Target::Endpoint(endpoint));
    }
    if let Some(region) = var(REGION_VAR) {
        return Ok(Target::Region(region));
    }
    Err(Failure::Client(fc3_client::Error::Config(format!(
        "no region or endpoint: pass --region (e.g. cn-hangzhou) or --endpoint, or set \
         {REGION_VAR} or {ENDPOINT_VAR}"
    ))))
}

/// Builds the client the global flags describe, starting an embedded fc3-local for `--local`.
pub async fn connect(global: &GlobalArgs) -> Result<Connection, Failure> {
    if global.local {
        let local = embedded::start(embedded::Options {
            region: global.region.clone(),
            ..embedded::Options::default()
        })
        .await?;
        let client = local.client()?;
        return Ok(Connection {
            client,
            local: Some(local),
        });
    }
    let builder = match target(global, |name| std::env::var(name).ok())? {
        Target::Endpoint(url) => Client::builder().endpoint(&url),
        Target::Region(region) => {
            let builder = Client::builder().region(&region).internal(global.internal);
            match &global.account_id {
                Some(account) => builder.account_id(account),
                None => builder,
            }
        }
    };
    let builder = builder.user_agent_suffix(concat!("fc3-cli/", env!("CARGO_PKG_VERSION")));
    let builder = match &global.profile {
        Some(profile) => builder.credentials(fc3_credentials::DefaultChain::with_env(
            fc3_credentials::Env::real().with_var(fc3_credentials::PROFILE_VAR, profile),
        )),
        None => builder,
    };
    Ok(Connection {
        client: builder.build()?,
        local: None,
    })
}

/// A client for an fc3-local at `endpoint` with the given key pair.
pub fn local_client(endpoint: &str, key_id: &str, key_secret: &str) -> Result<Client, Failure> {
    let credentials = Credentials::new(key_id, key_secret)
        .map_err(|e| Failure::Client(fc3_client::Error::Credentials(e)))?;
    Ok(Client::builder()
        .endpoint(endpoint)
        .credentials(credentials)
        .user_agent_suffix(concat!("fc3-cli/", env!("CARGO_PKG_VERSION")))
        .build()?)
}

/// Where the event comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventSource {
    /// No event flag: an empty event.
    Empty,
    /// `--event TEXT`.
    Inline(String),
    /// `--event-file -`.
    Stdin,
    /// `--event-file PATH`.
    File(PathBuf),
}

impl EventSource {
    /// The source the event flags name.
    pub fn from_flags(event: Option<&str>, event_file: Option<&Path>) -> Self {
        match (event, event_file) {
            (Some(text), _) => EventSource::Inline(text.to_string()),
            (None, Some(path)) if path == Path::new("-") => EventSource::Stdin,
            (None, Some(path)) => EventSource::File(path.to_owned()),
            (None, None) => EventSource::Empty,
        }
    }

    /// Reads the event. A file or stdin that cannot be read is a usage error naming it,
    /// never an empty event.
    pub async fn read(&self) -> Result<Vec<u8>, Failure> {
        match self {
            EventSource::Empty => Ok(Vec::new()),
            EventSource::Inline(text) => Ok(text.as_bytes().to_vec()),
            EventSource::Stdin => {
                if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                    eprintln!("reading the event from stdin (end it with Ctrl-D)");
                }
                let mut bytes = Vec::new();
                tokio::io::stdin()
                    .read_to_end(&mut bytes)
                    .await
                    .map_err(|e| {
                        Failure::Usage(format!("cannot read the event from stdin: {e}"))
                    })?;
                Ok(bytes)
            }
            EventSource::File(path) => tokio::fs::read(path).await.map_err(|e| {
                Failure::Usage(format!(
                    "cannot read the event file {}: {e}",
                    path.display()
                ))
            }),
        }
    }
}

/// Creates (or truncates) `--outfile` before the call, so a path that cannot be written is
/// reported before the function runs.
pub fn create_outfile(path: &Path) -> Result<std::fs::File, Failure> {
    std::fs::File::create(path)
        .map_err(|e| Failure::Usage(format!("cannot write the outfile {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::OutputFormat;

    fn global(endpoint: Option<&str>, region: Option<&str>) -> GlobalArgs {
        GlobalArgs {
            region: region.map(str::to_string),
            endpoint: endpoint.map(str::to_string),
            account_id: None,
            internal: false,
            profile: None,
            local: false,
            output: OutputFormat::Text,
            verbose: 0,
        }
    }

    #[test]
    fn flags_beat_the_environment() {
        let env = |name: &str| match name {
            ENDPOINT_VAR => Some("http://env:1".to_string()),
            REGION_VAR => Some("cn-beijing".to_string()),
            _ => None,
        };
        let none = |_: &str| None;
        assert_eq!(
            target(&global(None, Some("cn-shanghai")), env).unwrap(),
            Target::Region("cn-shanghai".into())
        );
        assert_eq!(
            target(&global(Some("http://x:1"), Some("cn-shanghai")), env).unwrap(),
            Target::Endpoint("http://x:1".into())
        );
        assert_eq!(
            target(&global(None, None), env).unwrap(),
            Target::Endpoint("http://env:1".into())
        );
        let blank = |name: &str| (name == ENDPOINT_VAR).then(|| " ".to_string());
        assert!(target(&global(None, None), blank).is_err());
        assert!(target(&global(None, None), none).is_err());
    }

    #[test]
    fn event_sources() {
        assert_eq!(EventSource::from_flags(None, None), EventSource::Empty);
        assert_eq!(
            EventSource::from_flags(None, Some(Path::new("-"))),
            EventSource::Stdin
        );
        assert_eq!(
            EventSource::from_flags(Some("{}"), None),
            EventSource::Inline("{}".into())
        );
    }

    #[tokio::test]
    async fn an_unreadable_event_file_is_an_error() {
        let missing = EventSource::File("/nonexistent/event.json".into());
        let err = missing.read().await.unwrap_err();
        assert!(err.to_string().contains("/nonexistent/event.json"));
        let dir = EventSource::File(std::env::temp_dir());
        assert!(dir.read().await.is_err());
    }
}
