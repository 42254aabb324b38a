//! What fc3-codegen changes in typify's model code so that answers tolerate what FC adds
//! later: every enum that an answer can carry gets an `Unknown` variant that keeps a value the
//! spec does not list (as aws-sdk-rust's enums do), and a list that arrives as `null` reads as
//! empty. Enums only ever sent (invocation type, log type, sort order) stay as typify makes
//! them: strict (and `#[non_exhaustive]`, since the spec may list more values later).

use std::collections::BTreeSet;

use anyhow::Result;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use crate::api::{Api, SchemaDef};

/// The enums an answer can carry: every enum schema reachable from a success response body.
pub fn answer_enums(api: &Api) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = api
        .operations
        .iter()
        .flat_map(|op| op.responses.iter())
        .filter(|r| r.is_success())
        .filter_map(|r| r.body.clone().flatten())
        .collect();
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = api.schema(&name) {
            stack.extend(
                schema
                    .properties
                    .iter()
                    .filter_map(|p| p.schema_ref.clone()),
            );
        }
    }
    seen.into_iter()
        .filter(|name| {
            api.schema(name)
                .is_some_and(|s| !s.constraints.values.is_empty())
        })
        .collect()
}

/// Rewrites typify's model file: drops its items for each tolerant enum, adds ours, and lets
/// every list field read `null` as empty.
pub fn rewrite(file: &mut syn::File, api: &Api) -> Result<()> {
    let tolerant = answer_enums(api);
    file.items.retain(|item| match item_type_name(item) {
        Some(name) => !tolerant.contains(&name),
        None => true,
    });
    for item in &mut file.items {
        // The spec may list more values later: users' `match`es must say what they do then.
        if let syn::Item::Enum(e) = item {
            e.attrs.push(syn::parse_quote!(#[non_exhaustive]));
        }
        if let syn::Item::Struct(s) = item {
            // FC may add fields: code outside fc3-models builds a model with `Default` (and
            // field assignment), `new` (the required fields) or its builder, never a literal.
            if matches!(s.fields, syn::Fields::Named(_)) {
                s.attrs.push(syn::parse_quote!(#[non_exhaustive]));
            }
            for field in s.fields.iter_mut() {
                if is_vec(&field.ty) {
                    field.attrs.push(syn::parse_quote!(
                        #[serde(deserialize_with = "crate::lenient::null_as_empty")]
                    ));
                }
            }
        }
    }
    let constructors: Vec<syn::Item> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => required_fields_constructor(s),
            _ => None,
        })
        .collect();
    file.items.extend(constructors);
    for name in &tolerant {
        let schema = api
            .schema(name)
            .unwrap_or_else(|| unreachable!("found above"));
        let tokens = tolerant_enum(schema);
        let parsed: syn::File = syn::parse2(tokens)?;
        file.items.extend(parsed.items);
    }
    Ok(())
}

/// `new(required...)` for a struct with required fields (one typify gives no `Default`): the
/// only way to build it outside fc3-models besides its builder, so a new required field in the
/// spec fails the build of every caller.
fn required_fields_constructor(s: &syn::ItemStruct) -> Option<syn::Item> {
    let syn::Fields::Named(fields) = &s.fields else {
        return None;
    };
    let derives_default = s.attrs.iter().any(|a| {
        a.path().is_ident("derive") && a.to_token_stream().to_string().contains("Default")
    });
    if derives_default {
        return None;
    }
    let name = &s.ident;
    let (required, optional): (Vec<_>, Vec<_>) =
        fields.named.iter().partition(|f| is_required_field(f));
    let params = required.iter().map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        quote!(#ident: #ty)
    });
    let required_idents = required.iter().map(|f| &f.ident);
    let optional_idents = optional.iter().map(|f| &f.ident);
    let doc = format!(" A `{name}` with its required fields; every optional field is absent.");
    // The spec decides how many fields are required; clippy's limit is not a reason to fail.
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Some(syn::parse_quote! {
        impl #name {
            #[doc = #doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#required_idents,)*
                    #(#optional_idents: ::std::default::Default::default(),)*
                }
            }
        }
    })
}

/// Whether a generated model's field is one `new(...)` takes: neither an `Option` nor a field
/// serde defaults. The models listing marks these, so the spec review knows which new field
/// breaks a constructor call.
pub(crate) fn is_required_field(field: &syn::Field) -> bool {
    !is_option(&field.ty) && !has_serde_default(field)
}

fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

fn has_serde_default(field: &syn::Field) -> bool {
    field
        .attrs
        .iter()
        .any(|a| a.path().is_ident("serde") && a.to_token_stream().to_string().contains("default"))
}

/// The type an item defines or implements for, by its last path segment.
fn item_type_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Impl(imp) => match &*imp.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn is_vec(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Vec"))
}

/// `Enqueued` stays, `asc` gives `Asc`, `in-progress` gives `InProgress`.
pub fn variant_name(value: &str) -> String {
    value
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn tolerant_enum(schema: &SchemaDef) -> TokenStream {
    let name = format_ident!("{}", schema.name);
    let doc = format!(
        "{}\n\nA value the spec does not list reads as [`{}::Unknown`], kept as FC sent it.",
        schema.description, schema.name
    );
    let values = &schema.constraints.values;
    let variants: Vec<_> = values
        .iter()
        .map(|v| format_ident!("{}", variant_name(v)))
        .collect();
    let count = values.len();
    let known_list = values.join(", ");
    let strict_error = format!("must be one of {known_list}");
    let terminal = if schema.terminal.is_empty() {
        quote!()
    } else {
        let terminal: Vec<_> = schema
            .terminal
            .iter()
            .map(|v| format_ident!("{}", variant_name(v)))
            .collect();
        let terminal_doc = format!(
            "Whether this is a final state ({}, as the spec's `x-fc3-terminal` says); an \
             unknown value is not.",
            schema.terminal.join(", ")
        );
        quote! {
            #[doc = #terminal_doc]
            pub fn is_terminal(&self) -> bool {
                matches!(self, #(Self::#terminal)|*)
            }
        }
    };
    let name_text = schema.name.clone();
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #[doc = #values]
                #variants,
            )*
            /// A value this version of fc3 does not know (FC added it later), as FC sent it.
            Unknown(crate::lenient::UnknownValue),
        }
        impl #name {
            /// Every value the spec lists, in its order.
            pub const KNOWN: [#name; #count] = [#(Self::#variants),*];

            /// The value as it travels.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Whether the spec lists this value.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }

            /// Reads a value as an answer carries it: one the spec does not list is kept as
            /// [`Self::Unknown`]. (`FromStr` and `TryFrom` are strict.)
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Unknown(crate::lenient::UnknownValue::new(other)),
                }
            }

            #terminal
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = self::error::ConversionError;
            fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
                match Self::from_wire(value) {
                    Self::Unknown(_) => Err(#strict_error.into()),
                    known => Ok(known),
                }
            }
        }
        impl ::std::convert::TryFrom<&str> for #name {
            type Error = self::error::ConversionError;
            fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
                value.parse()
            }
        }
        impl ::std::convert::TryFrom<::std::string::String> for #name {
            type Error = self::error::ConversionError;
            fn try_from(value: ::std::string::String) -> ::std::result::Result<Self, self::error::ConversionError> {
                value.parse()
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from_wire(&value))
            }
        }
        impl schemars::JsonSchema for #name {
            fn schema_name() -> ::std::string::String {
                #name_text.to_string()
            }
            fn json_schema(_: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
                schemars::schema::SchemaObject {
                    instance_type: Some(schemars::schema::InstanceType::String.into()),
                    enum_values: Some(vec![#(::serde_json::Value::from(#values)),*]),
                    ..Default::default()
                }
                .into()
            }
        }
    }
}
