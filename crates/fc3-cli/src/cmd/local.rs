//! `fc3 local`: the fc3-local emulator in the foreground, until Ctrl-C or SIGTERM.

use fc3_local::{Config, DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, Options, Server};
use serde_json::json;

use crate::failure::{Failure, Outcome};
use crate::flags::{GlobalArgs, LocalArgs};
use crate::output::Out;

/// Runs the emulator until a signal asks it to stop.
pub async fn run(global: &GlobalArgs, args: &LocalArgs, out: Out) -> Result<Outcome, Failure> {
    super::reject_connection_flags(global, "local")?;
    let config = match &args.config {
        Some(path) => Config::load(path).map_err(|e| Failure::Usage(e.to_string()))?,
        None => Config::default(),
    };
    let mut options = Options::new(config)
        .with_env_access_key()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some(dir) = &args.data_dir {
        options = options.with_data_dir(dir);
    }
    if let Some(region) = &global.region {
        options = options.with_region(region);
    }
    let dev_keys = options
        .effective_access_keys()
        .iter()
        .any(|k| k.id == DEV_ACCESS_KEY_ID);
    let server = Server::start(options, args.listen)
        .await
        .map_err(|e| Failure::Local(format!("cannot start fc3-local: {e}")))?;
    let state = server.state();
    let endpoint = server.endpoint();

    if out.is_json() {
        out.json(&json!({
            "endpoint": endpoint,
            "region": state.region(),
            "accountId": state.account_id(),
            "accessKeyIds": state.access_key_ids(),
            "functions": state.function_names(),
            "durable": state.is_durable(),
            "inspector": server.inspector_url(),
        }))?;
    } else {
        out.line(&format!("fc3-local listening on {endpoint}"))?;
        let mut notes = format!(
            "functions: {}\nregion {}, account {}\n",
            state.function_names().join(", "),
            state.region(),
            state.account_id()
        );
        match &args.data_dir {
            Some(dir) => notes.push_str(&format!("state is kept in {}\n", dir.display())),
            None => notes.push_str(
                "state is in memory: it ends when fc3-local stops (--data-dir DIR keeps it)\n",
            ),
        }
        if dev_keys {
            notes.push_str(&format!(
                "accepting the development key pair (local use only). In another terminal:\n  \
                 export ALIBABA_CLOUD_ACCESS_KEY_ID={DEV_ACCESS_KEY_ID} \
                 ALIBABA_CLOUD_ACCESS_KEY_SECRET={DEV_ACCESS_KEY_SECRET}\n  \
                 fc3 --endpoint {endpoint} invoke echo --event '{{\"hello\":\"fc3\"}}'\n"
            ));
        } else {
            notes.push_str(&format!(
                "accepting the access keys {}\n",
                state.access_key_ids().join(", ")
            ));
        }
        notes.push_str(&format!("{}\n", server.inspector_notice()));
        notes.push_str("Ctrl-C stops it\n");
        out.err(&notes);
    }

    wait_for_signal().await;
    tracing::info!("shutting down");
    server.shutdown().await;
    Ok(Outcome::Success)
}

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
