//! An emulator in the foreground, the way a command line runs one: settings from flags
//! ([`Launch`]: a config file, a data dir, ARN names, connection limits, the environment's
//! access key), then [`serve_until_signal`] (start, announce, wait for Ctrl-C or SIGTERM, stop
//! gracefully). The `fc3-local` binary and `fc3 local` (fc3-cli) both start this way, so
//! they read the same settings and stop the same way.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::config::{Config, ConfigError};
use crate::options::{Options, StartError};
use crate::server::Server;

/// What a command line sets of an emulator; every field is optional and a set one wins over
/// the configuration file's.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Launch {
    /// The TOML configuration file; the default configuration when `None`.
    pub config: Option<PathBuf>,
    /// Where state is kept durably; in memory when `None`.
    pub data_dir: Option<PathBuf>,
    /// The region of ARNs.
    pub region: Option<String>,
    /// The account id of ARNs.
    pub account_id: Option<String>,
    /// `server.header_read_timeout`, in seconds.
    pub header_read_timeout: Option<f64>,
    /// `server.body_read_timeout`, in seconds.
    pub body_read_timeout: Option<f64>,
    /// `server.max_connections`.
    pub max_connections: Option<usize>,
}

impl Launch {
    /// The options these settings make: the configuration file (or the default one) with
    /// the settings given here, and the key of `FC3_LOCAL_ACCESS_KEY_ID` /
    /// `FC3_LOCAL_ACCESS_KEY_SECRET` when both are set.
    ///
    /// # Errors
    /// The file cannot be read or is not a valid configuration, or only one of the two
    /// variables is set.
    pub fn options(&self) -> Result<Options, ConfigError> {
        let mut config = match &self.config {
            Some(path) => Config::load(path)?,
            None => Config::default(),
        };
        if let Some(secs) = self.header_read_timeout {
            config.server.header_read_timeout = secs;
        }
        if let Some(secs) = self.body_read_timeout {
            config.server.body_read_timeout = secs;
        }
        if let Some(n) = self.max_connections {
            config.server.max_connections = Some(n);
        }
        let mut options = Options::new(config).with_env_access_key()?;
        if let Some(dir) = &self.data_dir {
            options = options.with_data_dir(dir);
        }
        if let Some(region) = &self.region {
            options = options.with_region(region);
        }
        if let Some(account) = &self.account_id {
            options = options.with_account_id(account);
        }
        Ok(options)
    }
}

/// Why [`serve_until_signal`] ended early.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError<E> {
    /// The emulator did not start.
    #[error(transparent)]
    Start(#[from] StartError),
    /// The announcement failed (the emulator was stopped again).
    #[error("{0}")]
    Ready(E),
}

/// Starts an emulator on `addr`, hands it to `ready` (to announce where it listens), then
/// serves until SIGINT (Ctrl-C) or SIGTERM, and stops gracefully: no new connections,
/// requests in flight finish, the async engine stops and queued writes are flushed.
///
/// # Errors
/// [`ServeError::Start`] when it cannot start, [`ServeError::Ready`] when `ready` fails.
pub async fn serve_until_signal<E>(
    options: Options,
    addr: SocketAddr,
    ready: impl FnOnce(&Server) -> Result<(), E>,
) -> Result<(), ServeError<E>> {
    let server = Server::start(options, addr).await?;
    log_start(&server);
    if let Err(e) = ready(&server) {
        server.shutdown().await;
        return Err(ServeError::Ready(e));
    }
    wait_for_signal().await;
    tracing::info!("shutting down");
    server.shutdown().await;
    Ok(())
}

fn log_start(server: &Server) {
    let state = server.state();
    if state.is_durable() {
        tracing::info!(pending = state.pending_events(), "state is durable");
    } else {
        tracing::warn!("no data dir: state is in memory and is lost when fc3-local stops");
    }
    if !state.accepts_only_the_development_key() {
        tracing::info!(access_key_ids = ?state.access_key_ids(), "accepted access keys");
    }
    tracing::info!(
        endpoint = %server.endpoint(),
        region = state.region(),
        account_id = state.account_id(),
        functions = ?state.function_names(),
        "ready"
    );
}

/// Waits for SIGINT or SIGTERM (SIGINT alone where there is no SIGTERM).
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AppState;
    use crate::config::AccessKeyConfig;

    #[test]
    fn flags_win_over_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("fc3-local.toml");
        std::fs::write(
            &file,
            "region = \"cn-beijing\"\n[server]\nheader_read_timeout = 5\nbody_read_timeout = 6\n",
        )
        .unwrap();
        let launch = Launch {
            config: Some(file),
            region: Some("cn-shanghai".into()),
            body_read_timeout: Some(7.0),
            max_connections: Some(3),
            ..Launch::default()
        };
        let options = launch.options().unwrap();
        assert_eq!(options.region.as_deref(), Some("cn-shanghai"));
        assert_eq!(options.config.region.as_deref(), Some("cn-beijing"));
        assert_eq!(options.config.server.header_read_timeout, 5.0);
        assert_eq!(options.config.server.body_read_timeout, 7.0);
        assert_eq!(options.config.server.max_connections, Some(3));
        assert!(options.data_dir.is_none());
    }

    #[test]
    fn a_missing_file_is_an_error_naming_it() {
        let launch = Launch {
            config: Some("/nonexistent/fc3-local.toml".into()),
            ..Launch::default()
        };
        let error = launch.options().unwrap_err().to_string();
        assert!(error.contains("/nonexistent/fc3-local.toml"), "{error}");
    }

    #[tokio::test]
    async fn the_dev_key_is_told_apart() {
        let dev = AppState::start(Options::default()).await.unwrap();
        assert!(dev.accepts_only_the_development_key());
        dev.shutdown().await;
        let own = Options::default().with_access_key(AccessKeyConfig::new("mine", "secret"));
        let own = AppState::start(own).await.unwrap();
        assert!(!own.accepts_only_the_development_key());
        own.shutdown().await;
    }

    #[tokio::test]
    async fn a_failed_announcement_stops_the_emulator() {
        let result = serve_until_signal(
            Options::default(),
            "127.0.0.1:0".parse().unwrap(),
            |_: &Server| Err("stdout is closed"),
        )
        .await;
        assert!(matches!(result, Err(ServeError::Ready("stdout is closed"))));
    }

    #[tokio::test]
    async fn an_address_in_use_is_a_start_error() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = taken.local_addr().unwrap();
        let result =
            serve_until_signal(Options::default(), addr, |_: &Server| Ok::<(), String>(())).await;
        assert!(matches!(result, Err(ServeError::Start(StartError::Io(_)))));
    }
}
