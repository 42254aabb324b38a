//! Generates fc3's Rust code from the OpenAPI spec.
//!
//! The spec (`openapi/fc-2023-03-30.yaml`) is the source of truth. This crate turns it into two
//! committed files with [progenitor]: the model types of `fc3-models` and the operation
//! builders of `fc3-client`. It is used by `cargo xtask codegen` (which writes or checks the
//! files) and by the workspace tests (which check freshness and snapshot the public surface),
//! and it is never a dependency of a runtime crate: progenitor, typify, syn and openapiv3 stay
//! out of our users' builds because the generated code is committed.
//!
//! Two generator passes share one set of settings. The first renders every component schema
//! into `fc3-models`; the second renders the client with each component schema replaced by
//! its `fc3-models` type, so the client and the emulator use one set of models.

pub mod api;
mod builders;
pub mod lint;
pub mod models;
mod normalize;
pub mod operations;
mod render_fluent;
mod render_operations;
pub mod review;
pub mod spec;
pub mod surface;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use openapiv3::OpenAPI;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};

/// The spec, relative to the workspace root.
pub const SPEC_PATH: &str = "openapi/fc-2023-03-30.yaml";
/// The generated models, relative to the workspace root.
pub const MODELS_PATH: &str = "crates/fc3-models/src/generated.rs";
/// The generated client, relative to the workspace root.
pub const CLIENT_PATH: &str = "crates/fc3-client/src/generated.rs";
/// The generated operation table, relative to the workspace root.
pub const OPERATIONS_PATH: &str = "crates/fc3-models/src/operations.rs";
/// The generated fluent client (the client's public API), relative to the workspace root.
pub const FLUENT_PATH: &str = "crates/fc3-client/src/fluent.rs";
/// Every file [`generate`] writes.
pub const OUTPUT_PATHS: [&str; 4] = [MODELS_PATH, CLIENT_PATH, OPERATIONS_PATH, FLUENT_PATH];
/// fc3-local's copy of the spec (it serves it at `/openapi.yaml`), relative to the workspace
/// root: a published crate can only include files inside its own folder.
pub const SPEC_COPY_PATH: &str = "crates/fc3-local/openapi.yaml";

/// The type that the generated `Client` carries for the hand-written runtime (signing state).
const CLIENT_INNER_TYPE: &str = "crate::config::RuntimeState";
/// Derives added to every generated model type, beyond typify's own.
const MODEL_DERIVES: &[&str] = &["PartialEq", "schemars::JsonSchema"];

/// One file that the generator writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Where the file goes, relative to the workspace root.
    pub path: &'static str,
    /// The whole file, banner included.
    pub contents: String,
}

/// A committed generated file that differs from what the spec produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    /// The file, relative to the workspace root.
    pub path: &'static str,
    /// Why it is stale: missing, or the first line that differs.
    pub reason: String,
}

impl fmt::Display for StaleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} is stale: {}", self.path, self.reason)
    }
}

/// The workspace root, found from this crate's location (`crates/fc3-codegen`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("fc3-codegen lives two levels below the workspace root")
        .to_path_buf()
}

/// Reads and parses the spec at `path`.
pub fn load_spec(path: &Path) -> Result<OpenAPI> {
    Ok(read_spec(path)?.1)
}

/// The spec at `path`, as text and parsed.
fn read_spec(path: &Path) -> Result<(String, OpenAPI)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let spec =
        serde_yaml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    Ok((text, spec))
}

/// Every generated file from the spec under `root`: the generated code, then the spec copy.
fn generate_all(root: &Path) -> Result<Vec<GeneratedFile>> {
    let (text, spec) = read_spec(&root.join(SPEC_PATH))?;
    let mut files = generate(&spec)?;
    files.push(spec_copy(&text));
    Ok(files)
}

/// fc3-local's copy of the spec: the spec's text under a YAML comment banner.
pub fn spec_copy(spec_text: &str) -> GeneratedFile {
    GeneratedFile {
        path: SPEC_COPY_PATH,
        contents: format!(
            "# A copy of {SPEC_PATH}, written by `cargo xtask codegen`. Do not edit: change the \
             spec and regenerate.\n{spec_text}"
        ),
    }
}

/// Generates the model and client code from `spec` ([`write_all`] and [`stale_files`] add
/// the spec copy, [`spec_copy`], which needs the spec's text). A shape the generator cannot
/// render into the runtime crates (an inline enum or constrained string, see [`lint::shape`])
/// is refused first, with the place in the spec, instead of failing later in fc3-client's
/// compile.
pub fn generate(spec: &OpenAPI) -> Result<Vec<GeneratedFile>> {
    lint::check_shapes(&serde_json::to_value(spec).context("reading the spec as JSON")?)?;
    let schema_names: Vec<&String> = spec
        .components
        .as_ref()
        .map(|c| c.schemas.keys().collect())
        .unwrap_or_default();
    if schema_names.is_empty() {
        bail!("the spec declares no component schemas");
    }
    let api = api::Api::from_spec(spec)?;
    let tolerant = models::answer_enums(&api);
    let digestible = normalize::for_progenitor(spec)?;

    // Pass 1: the models. The client rendered in this pass is discarded.
    let mut model_pass = Generator::new(&settings());
    model_pass
        .generate_tokens(&digestible)
        .context("generating the models")?;
    let mut model_file: syn::File = syn::parse2(model_pass.get_type_space().to_stream())
        .context("the generated fc3-models code does not parse")?;
    models::rewrite(&mut model_file, &api)?;
    let model_fields = builders::ModelFields::from_models(&model_file);
    let models = render_file(&model_file);

    // Pass 2: the client, with every component schema taken from fc3-models.
    let mut client_settings = settings();
    for name in &schema_names {
        client_settings.with_replacement(
            name,
            format!("::fc3_models::{name}"),
            model_impls(spec, name).into_iter(),
        );
    }
    client_settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_hooks(HooksMode::Expected)
        .with_inner_type(
            CLIENT_INNER_TYPE
                .parse::<proc_macro2::TokenStream>()
                .map_err(|e| anyhow::anyhow!("inner type: {e}"))?,
        );
    let client_tokens = Generator::new(&client_settings)
        .generate_tokens(&digestible)
        .context("generating the client")?;
    let client = render(client_tokens, "fc3-client")?;

    // The operation table, with the types progenitor's builders take.
    let builders = builders::BuilderFields::from_client_source(&client)?;
    let operations = render(
        render_operations::render(&api, &builders, &tolerant)?,
        "fc3-models operations",
    )?;
    let fluent = render(
        render_fluent::render(&api, &builders, &model_fields)?,
        "fc3-client fluent",
    )?;

    Ok(vec![
        GeneratedFile {
            path: MODELS_PATH,
            contents: models,
        },
        GeneratedFile {
            path: CLIENT_PATH,
            contents: client,
        },
        GeneratedFile {
            path: OPERATIONS_PATH,
            contents: operations,
        },
        GeneratedFile {
            path: FLUENT_PATH,
            contents: fluent,
        },
    ])
}

/// Generates from the spec under `root` and writes every file that changed. Returns the
/// paths written.
pub fn write_all(root: &Path) -> Result<Vec<&'static str>> {
    let mut written = Vec::new();
    for file in generate_all(root)? {
        let path = root.join(file.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            std::fs::write(&path, &file.contents)
                .with_context(|| format!("writing {}", path.display()))?;
            written.push(file.path);
        }
    }
    Ok(written)
}

/// Generates from the spec under `root` in memory and lists the committed files that differ.
pub fn stale_files(root: &Path) -> Result<Vec<StaleFile>> {
    let mut stale = Vec::new();
    for file in generate_all(root)? {
        let reason = match std::fs::read_to_string(root.join(file.path)) {
            Err(e) => Some(format!("cannot read it ({e})")),
            Ok(committed) => first_difference(&committed, &file.contents),
        };
        if let Some(reason) = reason {
            stale.push(StaleFile {
                path: file.path,
                reason,
            });
        }
    }
    Ok(stale)
}

fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings.with_interface(InterfaceStyle::Builder);
    for derive in MODEL_DERIVES {
        settings.with_derive(*derive);
    }
    settings
}

/// The traits typify must know a replaced type implements, so the client can use it as it
/// would use its own generated type: string enums have `Display` and `FromStr`, objects whose
/// every property is optional have `Default`.
fn model_impls(spec: &OpenAPI, name: &str) -> Vec<TypeImpl> {
    use openapiv3::{ReferenceOr, SchemaKind, Type};
    let Some(ReferenceOr::Item(schema)) =
        spec.components.as_ref().and_then(|c| c.schemas.get(name))
    else {
        return Vec::new();
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
            vec![TypeImpl::Display, TypeImpl::FromStr]
        }
        SchemaKind::Type(Type::String(_)) => vec![TypeImpl::Display, TypeImpl::FromStr],
        SchemaKind::Type(Type::Object(o)) if o.required.is_empty() => vec![TypeImpl::Default],
        _ => Vec::new(),
    }
}

fn render(tokens: proc_macro2::TokenStream, crate_name: &str) -> Result<String> {
    let file: syn::File = syn::parse2(tokens)
        .with_context(|| format!("the generated {crate_name} code does not parse"))?;
    Ok(render_file(&file))
}

fn render_file(file: &syn::File) -> String {
    format!(
        "// Generated from {SPEC_PATH} by `cargo xtask codegen`. Do not edit: change the spec \
         or the generator and regenerate.\n\n{}",
        prettyplease::unparse(file)
    )
}

fn first_difference(committed: &str, fresh: &str) -> Option<String> {
    if committed == fresh {
        return None;
    }
    let mut fresh_lines = fresh.lines();
    for (n, line) in committed.lines().enumerate() {
        match fresh_lines.next() {
            Some(expected) if expected == line => continue,
            Some(expected) => {
                return Some(format!(
                    "line {} is `{}`, the spec gives `{}`",
                    n + 1,
                    line.trim(),
                    expected.trim()
                ));
            }
            None => return Some(format!("it has extra lines from line {}", n + 1)),
        }
    }
    Some("it ends early or differs in line endings".to_string())
}
