//! The committed generated code matches what the spec produces, and its public surface and the
//! spec's operation table match the reviewed snapshots.

use std::path::PathBuf;

fn root() -> PathBuf {
    fc3_codegen::workspace_root()
}

fn committed(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

#[test]
fn generated_code_is_fresh() {
    let stale = fc3_codegen::stale_files(&root()).expect("generating from the spec");
    let report: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(
        stale.is_empty(),
        "{}\nrun `cargo xtask codegen` and commit the result",
        report.join("\n")
    );
}

#[test]
fn stale_detection_names_the_file() {
    // Freshness must be able to fail: an edited copy of the committed tree is reported stale.
    let scratch = std::env::temp_dir().join(format!("fc3-codegen-stale-{}", std::process::id()));
    copy_committed_tree(&scratch);
    let client = scratch.join(fc3_codegen::CLIENT_PATH);
    let edited = committed(fc3_codegen::CLIENT_PATH).replacen("pub struct", "pub(crate) struct", 1);
    std::fs::write(&client, edited).unwrap();
    let stale = fc3_codegen::stale_files(&scratch).unwrap();
    std::fs::remove_dir_all(&scratch).ok();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0].path, fc3_codegen::CLIENT_PATH);
    assert!(
        stale[0].to_string().contains("pub(crate) struct"),
        "{}",
        stale[0]
    );
}

/// The client's whole public API (generated builders and hand-written runtime): what a spec
/// change does to users.
#[test]
fn client_api() {
    let surface = fc3_codegen::surface::client_api(&root(), None).expect("listing the client API");
    insta::assert_snapshot!(surface);
}

#[test]
fn a_spec_edit_without_regeneration_names_the_spec_copy() {
    // fc3-local serves its own copy of the spec; a spec edit that changes no code (a comment)
    // still makes that copy stale.
    let scratch = std::env::temp_dir().join(format!("fc3-codegen-copy-{}", std::process::id()));
    copy_committed_tree(&scratch);
    let spec = scratch.join(fc3_codegen::SPEC_PATH);
    let edited = format!("{}# a reviewer's note\n", committed(fc3_codegen::SPEC_PATH));
    std::fs::write(&spec, edited).unwrap();
    let stale = fc3_codegen::stale_files(&scratch).unwrap();
    std::fs::remove_dir_all(&scratch).ok();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0].path, fc3_codegen::SPEC_COPY_PATH);
}

/// Copies the spec and every committed generated file under `scratch`.
fn copy_committed_tree(scratch: &std::path::Path) {
    let paths = [fc3_codegen::SPEC_PATH, fc3_codegen::SPEC_COPY_PATH];
    for path in paths.into_iter().chain(fc3_codegen::OUTPUT_PATHS) {
        let target = scratch.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, committed(path)).unwrap();
    }
}

/// progenitor's request layer under the client (private; its shape decides what each
/// attempt sends).
#[test]
fn client_surface() {
    let surface = fc3_codegen::surface::client_surface(&committed(fc3_codegen::CLIENT_PATH))
        .expect("listing the client surface");
    insta::assert_snapshot!(surface);
}

#[test]
fn models_surface() {
    let surface = fc3_codegen::surface::models_surface(&committed(fc3_codegen::MODELS_PATH))
        .expect("listing the models surface");
    insta::assert_snapshot!(surface);
}

#[test]
fn operation_table() {
    let spec = fc3_codegen::load_spec(&root().join(fc3_codegen::SPEC_PATH)).unwrap();
    let table = fc3_codegen::operations::operation_table(&spec).unwrap();
    insta::assert_snapshot!(table);
}
