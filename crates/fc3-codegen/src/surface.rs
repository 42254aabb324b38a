//! A readable listing of the generated public surface, for review and snapshots.
//!
//! The listing is derived from the generated source text, so it shows exactly what users get:
//! each client operation with its builder setters (parameter types, required or optional) and
//! the type `send()` returns; each model struct with its fields, Rust types and JSON names; each
//! enum with its variants and JSON names; each newtype with what it wraps.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use quote::ToTokens;
use syn::{Fields, FnArg, ImplItem, Item, ItemImpl, ReturnType, Type};

/// Lists the public surface of the generated client source (`crates/fc3-client/src/generated.rs`).
pub fn client_surface(source: &str) -> Result<String> {
    let file = syn::parse_file(source).context("parsing the generated client")?;
    let mut out = String::new();
    let builder_items = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Mod(m) if m.ident == "builder" => m.content.as_ref().map(|(_, items)| items),
            _ => None,
        })
        .context("the generated client has no `builder` module")?;

    for item in &file.items {
        let Item::Impl(imp) = item else { continue };
        if self_type_name(imp).as_deref() != Some("Client") || imp.trait_.is_some() {
            continue;
        }
        for method in imp.items.iter().filter_map(|i| match i {
            ImplItem::Fn(f) => Some(f),
            _ => None,
        }) {
            let builder = type_text(match &method.sig.output {
                ReturnType::Type(_, ty) => ty,
                ReturnType::Default => continue,
            });
            // Only the operation entry points; constructors return `Self`.
            if !builder.starts_with("builder::") {
                continue;
            }
            let builder_name = builder
                .trim_start_matches("builder::")
                .split('<')
                .next()
                .unwrap_or_default()
                .to_string();
            writeln!(out, "Client::{}() -> {builder}", method.sig.ident)?;
            list_builder(&mut out, builder_items, &builder_name)?;
            out.push('\n');
        }
    }
    Ok(out)
}

fn list_builder(out: &mut String, items: &[Item], name: &str) -> Result<()> {
    let fields = items
        .iter()
        .find_map(|item| match item {
            Item::Struct(s) if s.ident == name => Some(&s.fields),
            _ => None,
        })
        .with_context(|| format!("builder struct {name} not found"))?;
    let Fields::Named(fields) = fields else {
        return Ok(());
    };
    for field in &fields.named {
        let Some(ident) = &field.ident else { continue };
        if ident == "client" {
            continue;
        }
        // Builder fields are `Result<T, String>`: T is what the setter stores.
        let stored = first_generic_arg(&field.ty).unwrap_or_else(|| type_text(&field.ty));
        let (kind, ty) = match stored
            .strip_prefix("Option<")
            .and_then(|s| s.strip_suffix('>'))
        {
            Some(inner) => ("optional", inner.to_string()),
            None => ("required", stored.clone()),
        };
        writeln!(out, "    .{ident}({ty})  {kind}")?;
    }
    let send = items.iter().find_map(|item| match item {
        Item::Impl(imp) if self_type_name(imp).as_deref() == Some(name) => {
            imp.items.iter().find_map(|i| match i {
                ImplItem::Fn(f) if f.sig.ident == "send" => Some(f),
                _ => None,
            })
        }
        _ => None,
    });
    if let Some(send) = send {
        let receiver = send
            .sig
            .inputs
            .iter()
            .any(|a| matches!(a, FnArg::Receiver(_)));
        let output = match &send.sig.output {
            ReturnType::Type(_, ty) => type_text(ty),
            ReturnType::Default => "()".to_string(),
        };
        let asyncness = if send.sig.asyncness.is_some() {
            "async "
        } else {
            ""
        };
        let this = if receiver { "self" } else { "" };
        writeln!(out, "    {asyncness}fn send({this}) -> {output}")?;
    }
    Ok(())
}

/// Lists the public surface of the generated models source (`crates/fc3-models/src/generated.rs`).
pub fn models_surface(source: &str) -> Result<String> {
    let file = syn::parse_file(source).context("parsing the generated models")?;
    let mut out = String::new();
    let mut items: Vec<&Item> = file.items.iter().collect();
    items.sort_by_key(|item| item_name(item));
    for item in items {
        match item {
            Item::Struct(s) if is_public(&s.vis) => match &s.fields {
                Fields::Named(fields) => {
                    writeln!(out, "struct {}", s.ident)?;
                    for field in &fields.named {
                        let ident = field.ident.as_ref().map(ToString::to_string);
                        let json = serde_rename(&field.attrs).or(ident.clone());
                        let required = if crate::models::is_required_field(field) {
                            "  required"
                        } else {
                            ""
                        };
                        writeln!(
                            out,
                            "    {}: {}  json \"{}\"{required}",
                            ident.unwrap_or_default(),
                            type_text(&field.ty),
                            json.unwrap_or_default()
                        )?;
                    }
                    out.push('\n');
                }
                Fields::Unnamed(fields) => {
                    let inner: Vec<String> =
                        fields.unnamed.iter().map(|f| type_text(&f.ty)).collect();
                    writeln!(out, "newtype {}({})\n", s.ident, inner.join(", "))?;
                }
                Fields::Unit => writeln!(out, "struct {}\n", s.ident)?,
            },
            Item::Enum(e) if is_public(&e.vis) => {
                writeln!(out, "enum {}", e.ident)?;
                for variant in &e.variants {
                    if let Fields::Unnamed(fields) = &variant.fields {
                        let inner: Vec<String> =
                            fields.unnamed.iter().map(|f| type_text(&f.ty)).collect();
                        writeln!(
                            out,
                            "    {}({})  any other value",
                            variant.ident,
                            inner.join(", ")
                        )?;
                        continue;
                    }
                    let json = serde_rename(&variant.attrs).unwrap_or(variant.ident.to_string());
                    writeln!(out, "    {}  json \"{json}\"", variant.ident)?;
                }
                out.push('\n');
            }
            _ => {}
        }
    }
    Ok(out)
}

fn item_name(item: &Item) -> String {
    match item {
        Item::Struct(s) => s.ident.to_string(),
        Item::Enum(e) => e.ident.to_string(),
        _ => String::new(),
    }
}

fn is_public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn self_type_name(imp: &ItemImpl) -> Option<String> {
    match &*imp.self_ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn first_generic_arg(ty: &Type) -> Option<String> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(t) => Some(type_text(t)),
        _ => None,
    })
}

/// The `rename` of a `#[serde(...)]` attribute, if any.
fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: syn::LitStr = meta.value()?.parse()?;
                rename = Some(value.value());
            } else if meta.input.peek(syn::Token![=]) {
                // Skip other `key = value` entries.
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    rename
}

/// A type as a person writes it: no spaces inside paths, and std paths shortened.
fn type_text(ty: &Type) -> String {
    let raw = ty.to_token_stream().to_string();
    let text = raw
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace(",>", ">")
        .replace("& '", "&'")
        .replace("& ", "&");
    readable_paths(text)
}

/// Paths shortened as a person writes them: std's and fc3-models' own modules dropped.
fn readable_paths(mut text: String) -> String {
    for prefix in [
        "::std::string::",
        "::std::option::",
        "::std::result::",
        "::std::convert::",
        "::std::vec::",
        "::std::num::",
        "::std::time::",
        "::std::",
        "std::",
        "::fc3_models::operations::",
    ] {
        text = text.replace(prefix, "");
    }
    text.replace("::fc3_models::", "fc3_models::")
}

/// fc3-client's public API, as [`crate_surface`] lists it, from its sources under `root`
/// (progenitor's private `generated.rs` left out). `fluent` replaces the committed
/// `fluent.rs` when given: the spec review lists the API that each side's spec generates.
pub fn client_api(root: &Path, fluent: Option<&str>) -> Result<String> {
    let src = root.join("crates/fc3-client/src");
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&src)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if !relative.ends_with(".rs") || relative == "generated.rs" {
                continue;
            }
            let source = match (relative.as_str(), fluent) {
                ("fluent.rs", Some(fluent)) => fluent.to_string(),
                _ => std::fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?,
            };
            files.push((relative, source));
        }
    }
    files.sort();
    crate_surface(&files)
}

/// Lists a crate's public API from its source files: every type, trait, constant and function
/// the crate root exports (by `pub use`, or as the public items of a `pub mod`, listed by
/// their path: `mock::Mock`) with its public fields or variants and the public methods of its
/// inherent `impl` blocks (in any file, generated or hand-written), then the items re-exported
/// from other crates. An item only some builds have ends with its `#[cfg(...)]`. `files` are
/// (path relative to `src`, source) pairs; `lib.rs` must be among them.
///
/// It reads source rather than rustdoc's JSON, so it runs on the stable toolchain (and in CI)
/// without nightly; it relies on fc3's layout: private modules re-exported by `pub use` in
/// `lib.rs`, and public modules declared there.
pub fn crate_surface(files: &[(String, String)]) -> Result<String> {
    let mut parsed = Vec::new();
    for (path, source) in files {
        let file = syn::parse_file(source).with_context(|| format!("parsing {path}"))?;
        parsed.push((path.clone(), file));
    }
    let lib = parsed
        .iter()
        .find(|(path, _)| path == "lib.rs")
        .map(|(_, f)| f)
        .context("lib.rs is not among the files")?;
    // What lib.rs exports: (module, name or `*`), and re-exports of other crates.
    let mut exported: Vec<(String, String)> = Vec::new();
    let mut external: Vec<String> = Vec::new();
    // Public modules (`pub mod mock;`): their own public items and re-exports are the API
    // too, listed by their path (`mock::Mock`), with the module's `cfg` on each.
    let mut public_modules: Vec<(String, String)> = Vec::new();
    for item in &lib.items {
        match item {
            Item::Use(u) if is_public(&u.vis) => {
                collect_uses(&u.tree, &mut Vec::new(), &mut exported, &mut external);
            }
            Item::Mod(m) if is_public(&m.vis) && m.content.is_none() => {
                let name = m.ident.to_string();
                exported.push((name.clone(), "*".to_string()));
                public_modules.push((name, cfg_note(&m.attrs)));
            }
            _ => {}
        }
    }
    let module_of = |path: &str| {
        path.trim_end_matches(".rs")
            .trim_end_matches("/mod")
            .replace('/', "::")
    };
    for (path, file) in &parsed {
        let module = module_of(path);
        if !public_modules.iter().any(|(m, _)| *m == module) {
            continue;
        }
        for item in &file.items {
            if let Item::Use(u) = item
                && is_public(&u.vis)
            {
                collect_uses(
                    &u.tree,
                    &mut vec![module.clone()],
                    &mut exported,
                    &mut external,
                );
            }
        }
    }
    // The public module an item of `module` is listed under, and that module's `cfg`.
    let public_module = |module: &str| {
        public_modules
            .iter()
            .find(|(m, _)| module == m || module.starts_with(&format!("{m}::")))
            .cloned()
    };
    let listed_name = |module: &str, ident: &syn::Ident| match public_module(module) {
        Some((m, _)) => format!("{m}::{ident}"),
        None => ident.to_string(),
    };
    let header_note = |module: &str, attrs: &[syn::Attribute]| {
        let module_cfg = public_module(module)
            .map(|(_, cfg)| cfg)
            .unwrap_or_default();
        module_cfg + &cfg_note(attrs)
    };
    let is_exported = |module: &str, name: &str| {
        exported
            .iter()
            .any(|(m, n)| m == module && (n == name || n == "*"))
    };
    // Listed name (`Client`, `mock::Mock`) to (its ident, its lines).
    let mut types: std::collections::BTreeMap<String, (String, Vec<String>)> = Default::default();
    let mut methods: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (path, file) in &parsed {
        let module = module_of(path);
        for item in &file.items {
            match item {
                Item::Struct(s)
                    if is_public(&s.vis) && is_exported(&module, &s.ident.to_string()) =>
                {
                    let listed = listed_name(&module, &s.ident);
                    let mut lines =
                        vec![format!("struct {listed}{}", header_note(&module, &s.attrs))];
                    if let Fields::Named(fields) = &s.fields {
                        for field in fields.named.iter().filter(|f| is_public(&f.vis)) {
                            let name = field
                                .ident
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default();
                            lines.push(format!(
                                "    pub {name}: {}{}",
                                type_text(&field.ty),
                                cfg_note(&field.attrs)
                            ));
                        }
                    }
                    types.insert(listed, (s.ident.to_string(), lines));
                }
                Item::Enum(e)
                    if is_public(&e.vis) && is_exported(&module, &e.ident.to_string()) =>
                {
                    let listed = listed_name(&module, &e.ident);
                    let mut lines =
                        vec![format!("enum {listed}{}", header_note(&module, &e.attrs))];
                    for variant in &e.variants {
                        let fields = match &variant.fields {
                            Fields::Named(f) => format!(
                                " {{ {} }}",
                                f.named
                                    .iter()
                                    .map(|f| format!(
                                        "{}: {}",
                                        f.ident
                                            .as_ref()
                                            .map(ToString::to_string)
                                            .unwrap_or_default(),
                                        type_text(&f.ty)
                                    ))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            Fields::Unnamed(f) => format!(
                                "({})",
                                f.unnamed
                                    .iter()
                                    .map(|f| type_text(&f.ty))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            Fields::Unit => String::new(),
                        };
                        lines.push(format!(
                            "    {}{fields}{}",
                            variant.ident,
                            cfg_note(&variant.attrs)
                        ));
                    }
                    types.insert(listed, (e.ident.to_string(), lines));
                }
                Item::Const(c)
                    if is_public(&c.vis) && is_exported(&module, &c.ident.to_string()) =>
                {
                    let listed = listed_name(&module, &c.ident);
                    let line = format!(
                        "const {listed}: {}{}",
                        type_text(&c.ty),
                        header_note(&module, &c.attrs)
                    );
                    types.insert(listed, (c.ident.to_string(), vec![line]));
                }
                Item::Trait(t)
                    if is_public(&t.vis) && is_exported(&module, &t.ident.to_string()) =>
                {
                    let listed = listed_name(&module, &t.ident);
                    let mut lines =
                        vec![format!("trait {listed}{}", header_note(&module, &t.attrs))];
                    let mut fns: Vec<String> = t
                        .items
                        .iter()
                        .filter_map(|i| match i {
                            syn::TraitItem::Fn(f) => Some(format!(
                                "    {}{}",
                                signature_text(&f.sig),
                                cfg_note(&f.attrs)
                            )),
                            _ => None,
                        })
                        .collect();
                    fns.sort();
                    lines.extend(fns);
                    types.insert(listed, (t.ident.to_string(), lines));
                }
                Item::Fn(f)
                    if is_public(&f.vis) && is_exported(&module, &f.sig.ident.to_string()) =>
                {
                    let listed = listed_name(&module, &f.sig.ident);
                    let signature = signature_text(&f.sig);
                    let line = match public_module(&module) {
                        Some((m, _)) => signature.replacen("fn ", &format!("fn {m}::"), 1),
                        None => signature,
                    };
                    let line = line + &header_note(&module, &f.attrs);
                    types.insert(listed, (f.sig.ident.to_string(), vec![line]));
                }
                Item::Impl(imp) if imp.trait_.is_none() => {
                    let Some(name) = self_type_name(imp) else {
                        continue;
                    };
                    let list = methods.entry(name).or_default();
                    let impl_cfg = cfg_note(&imp.attrs);
                    for f in imp.items.iter().filter_map(|i| match i {
                        ImplItem::Fn(f) if is_public(&f.vis) => Some(f),
                        _ => None,
                    }) {
                        list.push(format!(
                            "    {}{impl_cfg}{}",
                            signature_text(&f.sig),
                            cfg_note(&f.attrs)
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for (ident, lines) in types.values() {
        for line in lines {
            writeln!(out, "{line}")?;
        }
        if let Some(list) = methods.get(ident) {
            let mut list = list.clone();
            list.sort();
            for line in list {
                writeln!(out, "{line}")?;
            }
        }
        out.push('\n');
    }
    external.sort();
    for item in external {
        writeln!(out, "pub use {item}")?;
    }
    Ok(out)
}

fn collect_uses(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    exported: &mut Vec<(String, String)>,
    external: &mut Vec<String>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            collect_uses(&p.tree, prefix, exported, external);
            prefix.pop();
        }
        syn::UseTree::Name(n) => record_use(prefix, &n.ident.to_string(), exported, external),
        syn::UseTree::Rename(r) => record_use(prefix, &r.ident.to_string(), exported, external),
        syn::UseTree::Glob(_) => record_use(prefix, "*", exported, external),
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                collect_uses(tree, prefix, exported, external);
            }
        }
    }
}

fn record_use(
    prefix: &[String],
    name: &str,
    exported: &mut Vec<(String, String)>,
    external: &mut Vec<String>,
) {
    let local = prefix
        .first()
        .is_some_and(|first| first != "crate" && !first.starts_with("fc3_") && first != "acs3")
        || prefix.first().is_some_and(|first| first == "crate");
    let path: Vec<&str> = prefix
        .iter()
        .map(String::as_str)
        .filter(|p| *p != "crate")
        .collect();
    if local {
        exported.push((path.join("::"), name.to_string()));
    } else {
        external.push(format!("{}::{name}", path.join("::")));
    }
}

/// `  #[cfg(...)]` after an item only some builds have (a feature's); empty for the others.
fn cfg_note(attrs: &[syn::Attribute]) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .map(|a| {
            let meta = a.meta.to_token_stream().to_string();
            format!("  #[{}]", meta.replacen("cfg (", "cfg(", 1))
        })
        .collect()
}

/// A method's signature on one line, as a person writes it.
fn signature_text(sig: &syn::Signature) -> String {
    let tokens = quote::quote!(#sig {});
    let text = match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => sig.to_token_stream().to_string(),
    };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat
        .trim_end_matches("{}")
        .trim()
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(", )", ")")
        .replace(",)", ")");
    let flat = flat
        .replace("(mut self", "(self")
        .replace("< ", "<")
        .replace(", >", ">")
        .replace(" >", ">")
        .replace(",>", ">");
    readable_paths(flat).replace("crate::", "")
}
