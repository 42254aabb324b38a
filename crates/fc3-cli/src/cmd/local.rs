//! `fc3 local`: the fc3-local emulator in the foreground, until Ctrl-C or SIGTERM, started
//! the way the `fc3-local` binary starts it (`fc3_local::serve_until_signal`).

use fc3_local::{DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, Launch, ServeError, Server};
use serde_json::json;

use crate::failure::{Failure, Outcome};
use crate::flags::{GlobalArgs, LocalArgs};
use crate::output::Out;

/// Runs the emulator until a signal asks it to stop.
pub async fn run(global: &GlobalArgs, args: &LocalArgs, out: Out) -> Result<Outcome, Failure> {
    super::reject_connection_flags(global, "local")?;
    let mut launch = Launch::default();
    launch.config = args.config.clone();
    launch.data_dir = args.data_dir.clone();
    launch.region = global.region.clone();
    let options = launch
        .options()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    fc3_local::serve_until_signal(options, args.listen, |server| {
        announce(server, &launch, out)
    })
    .await
    .map_err(|e| match e {
        ServeError::Ready(failure) => failure,
        other => Failure::Local(format!("cannot start fc3-local: {other}")),
    })?;
    Ok(Outcome::Success)
}

/// Says where it listens: one JSON document, or a line on stdout and notes on stderr.
fn announce(server: &Server, launch: &Launch, out: Out) -> Result<(), Failure> {
    let state = server.state();
    let endpoint = server.endpoint();
    if out.is_json() {
        return out.json(&json!({
            "endpoint": endpoint,
            "region": state.region(),
            "accountId": state.account_id(),
            "accessKeyIds": state.access_key_ids(),
            "functions": state.function_names(),
            "durable": state.is_durable(),
            "inspector": server.inspector_url(),
        }));
    }
    out.line(&format!("fc3-local listening on {endpoint}"))?;
    let mut notes = format!(
        "functions: {}\nregion {}, account {}\n",
        state.function_names().join(", "),
        state.region(),
        state.account_id()
    );
    match &launch.data_dir {
        Some(dir) => notes.push_str(&format!("state is kept in {}\n", dir.display())),
        None => notes.push_str(
            "state is in memory: it ends when fc3-local stops (--data-dir DIR keeps it)\n",
        ),
    }
    if state.accepts_only_the_development_key() {
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
    Ok(())
}
