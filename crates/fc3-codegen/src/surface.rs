//! A readable listing of the generated public surface, for review and snapshots.
//!
//! The listing is derived from the generated source text, so it shows exactly what users get:
//! each client operation with its builder setters (parameter types, required or optional) and
//! the type `send()` returns; each model struct with its fields, Rust types and JSON names; each
//! enum with its variants and JSON names; each newtype with what it wraps.

use std::fmt::Write as _;

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
                        writeln!(
                            out,
                            "    {}: {}  json \"{}\"",
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
    let mut text = raw
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
    for prefix in [
        "::std::string::",
        "::std::option::",
        "::std::vec::",
        "::std::num::",
        "::std::",
        "std::",
    ] {
        text = text.replace(prefix, "");
    }
    text.replace("::fc3_models::", "fc3_models::")
}
