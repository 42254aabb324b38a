//! What progenitor's builders take: the type of each setter, read from the generated client
//! source, so that the request types and the fluent builders hold exactly what progenitor's
//! builders accept.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use quote::ToTokens;
use syn::{GenericArgument, Item, PathArguments, Type};

/// Each builder's fields: builder (PascalCase operationId) to (field, inner type text).
#[derive(Debug, Default)]
pub struct BuilderFields(BTreeMap<String, Vec<(String, String)>>);

impl BuilderFields {
    /// Reads the `builder` module of the generated client.
    pub fn from_client_source(source: &str) -> Result<Self> {
        let file = syn::parse_file(source).context("parsing the generated client")?;
        let items = file
            .items
            .iter()
            .find_map(|item| match item {
                Item::Mod(m) if m.ident == "builder" => m.content.as_ref().map(|(_, i)| i),
                _ => None,
            })
            .context("the generated client has no `builder` module")?;
        let mut out = BTreeMap::new();
        for item in items {
            let Item::Struct(s) = item else { continue };
            let fields = s
                .fields
                .iter()
                .filter_map(|f| {
                    let name = f.ident.as_ref()?.to_string();
                    let inner = unwrap_one(&f.ty, "Result")
                        .map(|t| unwrap_one(t, "Option").unwrap_or(t))?;
                    Some((name, inner.to_token_stream().to_string()))
                })
                .collect();
            out.insert(s.ident.to_string(), fields);
        }
        Ok(BuilderFields(out))
    }

    /// The type progenitor's builder for `operation_snake` takes for `param_snake`.
    pub fn param_type(&self, operation_snake: &str, param_snake: &str) -> Option<String> {
        let builder = crate::models::variant_name(operation_snake);
        self.0
            .get(&builder)?
            .iter()
            .find(|(name, _)| name == param_snake)
            .map(|(_, ty)| ty.clone())
    }
}

/// `T` of `Wrapper<T, ...>`.
fn unwrap_one<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

/// Each model struct's fields: struct name to (field, type text), from the generated models.
#[derive(Debug, Default)]
pub struct ModelFields(BTreeMap<String, Vec<(String, String)>>);

impl ModelFields {
    /// Reads the top-level structs of the generated models.
    pub fn from_models(file: &syn::File) -> Self {
        let mut out = BTreeMap::new();
        for item in &file.items {
            let Item::Struct(s) = item else { continue };
            let fields = s
                .fields
                .iter()
                .filter_map(|f| {
                    let name = f.ident.as_ref()?.to_string();
                    Some((name, f.ty.to_token_stream().to_string()))
                })
                .collect();
            out.insert(s.ident.to_string(), fields);
        }
        ModelFields(out)
    }

    /// The type of `field` of the model `model`.
    pub fn field_type(&self, model: &str, field: &str) -> Option<String> {
        self.0
            .get(model)?
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, ty)| ty.clone())
    }
}
