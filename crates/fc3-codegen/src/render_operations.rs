//! Renders `crates/fc3-models/src/operations.rs`: the spec's operations as data (one
//! [`fc3_models::operation::Operation`] each), one `...Request` type per operation holding its
//! parameters and body with the types progenitor's builders take, and the facts the spec
//! states once: header names, body limits, documented defaults and ranges, servers.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::api::{Api, ConstraintsDef, Op, Param, screaming};
use crate::builders::BuilderFields;

/// Renders the file's items.
pub fn render(
    api: &Api,
    builders: &BuilderFields,
    tolerant: &BTreeSet<String>,
) -> Result<TokenStream> {
    let mut patterns = Patterns::default();
    let mut items = Vec::new();

    let actions: Vec<_> = api
        .operations
        .iter()
        .map(|op| format_ident!("{}", op.action))
        .collect();
    let action_names: Vec<&str> = api.operations.iter().map(|op| op.action.as_str()).collect();
    let statics: Vec<_> = api
        .operations
        .iter()
        .map(|op| format_ident!("{}", screaming(&op.action)))
        .collect();
    let count = api.operations.len();
    items.push(quote! {
        /// An operation of the spec.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            #(
                #[doc = #action_names]
                #actions,
            )*
        }
        impl Action {
            /// Every operation, sorted by path.
            pub const ALL: [Action; #count] = [#(Action::#actions),*];

            /// The FC action name (the `x-acs-action` header's value).
            pub const fn name(self) -> &'static str {
                match self { #(Action::#actions => #action_names,)* }
            }

            /// What the spec says of the operation.
            pub fn operation(self) -> &'static Operation {
                match self { #(Action::#actions => &#statics,)* }
            }

            /// The action named `name`, if the spec has it.
            pub fn from_name(name: &str) -> Option<Action> {
                match name { #(#action_names => Some(Action::#actions),)* _ => None }
            }
        }
        /// Every operation, sorted by path.
        pub static OPERATIONS: [&Operation; #count] = [#(&#statics),*];
    });

    for op in &api.operations {
        items.push(operation_static(op, builders, &mut patterns)?);
        items.push(request_type(api, op, builders, tolerant)?);
    }
    items.push(schema_statics(api, &mut patterns)?);
    items.push(facts(api)?);
    items.push(servers(api));
    let patterns = patterns.render();
    Ok(quote! {
        use ::std::borrow::Cow;
        use crate::operation::*;
        #patterns
        #(#items)*
    })
}

#[derive(Default)]
struct Patterns(BTreeMap<String, String>);

impl Patterns {
    fn get(&mut self, source: &str) -> syn::Ident {
        let next = self.0.len();
        let name = self
            .0
            .entry(source.to_string())
            .or_insert_with(|| format!("PATTERN_{next}"));
        format_ident!("{}", name)
    }

    fn render(&self) -> TokenStream {
        let items = self.0.iter().map(|(source, name)| {
            let name = format_ident!("{}", name);
            quote!(static #name: Pattern = Pattern::new(#source);)
        });
        quote!(#(#items)*)
    }
}

fn wire_type(c: &ConstraintsDef) -> TokenStream {
    match c.wire_type.as_str() {
        "integer" => quote!(WireType::Integer),
        "boolean" => quote!(WireType::Boolean),
        _ => quote!(WireType::String),
    }
}

fn option<T: quote::ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn constraints(c: &ConstraintsDef, patterns: &mut Patterns) -> TokenStream {
    let wire = wire_type(c);
    let minimum = option(c.minimum);
    let maximum = option(c.maximum);
    let min_length = option(c.min_length.map(|n| n as usize));
    let max_length = option(c.max_length.map(|n| n as usize));
    let pattern = match &c.pattern {
        Some(p) => {
            let name = patterns.get(p);
            quote!(Some(&#name))
        }
        None => quote!(None),
    };
    let values = &c.values;
    let rule = match c.rule.as_deref() {
        Some("destination-arn") => quote!(Some(Rule::DestinationArn)),
        _ => quote!(None),
    };
    quote! {
        Constraints {
            wire_type: #wire,
            minimum: #minimum,
            maximum: #maximum,
            min_length: #min_length,
            max_length: #max_length,
            pattern: #pattern,
            values: &[#(#values),*],
            rule: #rule,
        }
    }
}

fn conditions(when: &[(String, Option<String>)]) -> TokenStream {
    let items = when.iter().map(|(parameter, value)| {
        let value = option(value.as_deref());
        quote!(Condition { parameter: #parameter, value: #value })
    });
    quote!(&[#(#items),*])
}

fn retry_class(class: &str) -> TokenStream {
    match class {
        "idempotent" => quote!(RetryClass::Idempotent),
        "unsent-or-refused" => quote!(RetryClass::UnsentOrRefused),
        _ => quote!(RetryClass::UnsentOnly),
    }
}

fn location(param: &Param) -> TokenStream {
    match param.location.as_str() {
        "path" => quote!(Location::Path),
        "header" => quote!(Location::Header),
        _ => quote!(Location::Query),
    }
}

fn body_kind(schema: &Option<String>) -> TokenStream {
    match schema {
        Some(name) => quote!(BodyKind::Json(#name)),
        None => quote!(BodyKind::Binary),
    }
}

fn operation_static(
    op: &Op,
    builders: &BuilderFields,
    patterns: &mut Patterns,
) -> Result<TokenStream> {
    let name = format_ident!("{}", screaming(&op.action));
    let action = format_ident!("{}", op.action);
    let action_name = &op.action;
    let method = format_ident!(
        "{}",
        crate::models::variant_name(&op.method.to_ascii_lowercase())
    );
    let path = &op.path;
    let summary = &op.summary;
    let doc = format!("{}: {} {}. {}", op.action, op.method, op.path, op.summary);
    let mut params = Vec::new();
    for p in &op.params {
        let (_, shown) = field_type(op, p, builders)?;
        let rust_type = if p.required {
            shown
        } else {
            format!("Option<{shown}>")
        };
        let wire = &p.wire;
        let setter = &p.setter;
        let location = location(p);
        let required = p.required;
        let schema = option(p.schema_ref.as_deref());
        let c = constraints(&p.constraints, patterns);
        let default = option(p.default.as_deref());
        let description = &p.description;
        let trace = option(p.trace.as_deref());
        let requires = conditions(&p.requires);
        params.push(quote! {
            Parameter {
                wire_name: #wire,
                setter: #setter,
                location: #location,
                required: #required,
                schema: #schema,
                rust_type: #rust_type,
                constraints: #c,
                default: #default,
                description: #description,
                trace: #trace,
                requires: #requires,
            }
        });
    }
    let body = match &op.body {
        None => quote!(None),
        Some(body) => {
            let kind = body_kind(&body.json_schema);
            let required = body.required;
            let setter = &body.setter;
            let limits = body.limits.iter().map(|l| {
                let name = &l.name;
                let when = conditions(&l.when);
                let bytes = l.bytes as usize;
                quote!(BodyLimit { name: #name, when: #when, bytes: #bytes })
            });
            quote!(Some(Body { kind: #kind, required: #required, setter: #setter, limits: &[#(#limits),*] }))
        }
    };
    let responses = op.responses.iter().map(|r| {
        let status = &r.status;
        let body = match &r.body {
            None => quote!(None),
            Some(schema) => {
                let kind = body_kind(schema);
                quote!(Some(#kind))
            }
        };
        let headers = &r.headers;
        quote!(Response { status: #status, body: #body, headers: &[#(#headers),*] })
    });
    let retry_default = retry_class(&op.retry.class);
    let cases = op.retry.cases.iter().map(|case| {
        let when = conditions(&case.when);
        let class = retry_class(&case.class);
        let conflict = case.conflict_is_accepted;
        quote!(RetryCase { when: #when, class: #class, conflict_after_retry_is_accepted: #conflict })
    });
    let retry_description = &op.retry.description;
    let pagination = match &op.pagination {
        None => quote!(None),
        Some((token, items)) => quote!(Some(Pagination { token: #token, items: #items })),
    };
    Ok(quote! {
        #[doc = #doc]
        pub static #name: Operation = Operation {
            action: Action::#action,
            name: #action_name,
            method: Method::#method,
            path: #path,
            summary: #summary,
            parameters: &[#(#params),*],
            body: #body,
            responses: &[#(#responses),*],
            retry: RetryRule {
                class: #retry_default,
                cases: &[#(#cases),*],
                description: #retry_description,
            },
            pagination: #pagination,
        };
    })
}

/// The Rust type of a parameter in the `...Request` type (progenitor's, with `crate::` for
/// the models), and whether it is held in an `Option`.
fn field_type(op: &Op, param: &Param, builders: &BuilderFields) -> Result<(syn::Type, String)> {
    let ty = builders
        .param_type(&op.snake, &param.snake)
        .ok_or_else(|| {
            anyhow!(
                "{}: progenitor's builder has no setter {} for parameter {}",
                op.action,
                param.snake,
                param.wire
            )
        })?;
    let text = ty
        .replace(":: fc3_models ::", "crate ::")
        .replace("::fc3_models::", "crate::");
    let parsed: syn::Type = syn::parse_str(&text).map_err(|e| {
        anyhow!(
            "{}: parameter {} has type {text}: {e}",
            op.action,
            param.wire
        )
    })?;
    let shown = quote!(#parsed)
        .to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace("crate::", "")
        .replace("std::num::", "")
        .replace("std::string::", "")
        .replace(" < ", "<")
        .replace(" >", ">");
    Ok((parsed, shown))
}

/// How a parameter's wire text is read from its field.
#[derive(Clone, Copy)]
enum TextOf {
    /// A string or a string newtype: borrowed.
    Str,
    /// A tolerant enum: borrowed through `as_str`.
    EnumStr,
    /// Anything else: through `Display`.
    Display,
}

fn text_of(param: &Param, api: &Api, tolerant: &BTreeSet<String>, ty: &str) -> TextOf {
    match &param.schema_ref {
        Some(name) if tolerant.contains(name) => TextOf::EnumStr,
        Some(name) => match api.schema(name) {
            Some(s) if s.constraints.wire_type == "string" && s.constraints.values.is_empty() => {
                TextOf::Str
            }
            _ => TextOf::Display,
        },
        None if ty.contains("String") => TextOf::Str,
        None => TextOf::Display,
    }
}

/// The name of an operation's request type.
pub fn request_name(op: &Op) -> String {
    format!("{}Request", op.action)
}

fn request_type(
    api: &Api,
    op: &Op,
    builders: &BuilderFields,
    tolerant: &BTreeSet<String>,
) -> Result<TokenStream> {
    let name = format_ident!("{}", request_name(op));
    let operation = format_ident!("{}", screaming(&op.action));
    let doc = format!(
        "A request of {}: its parameters and body, as a client sends them and the emulator \
         reads them.\n\nField names are the fluent client's setter names; serde reads the wire \
         names (path, query and header parameters side by side; the body is set apart).\n\n\
         Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added \
         to the spec does not compile there until it is read; build one with `new`.",
        op.action
    );
    let mut fields = Vec::new();
    let mut new_args = Vec::new();
    let mut new_fields = Vec::new();
    let mut text_arms = Vec::new();
    let mut consts = Vec::new();
    for param in &op.params {
        let (ty, shown) = field_type(op, param, builders)?;
        let field = format_ident!("{}", param.setter);
        let wire = &param.wire;
        let description = format!(
            "`{}` ({}): {}",
            param.wire, param.location, param.description
        );
        let how = text_of(param, api, tolerant, &shown);
        if param.required {
            fields.push(quote! {
                #[doc = #description]
                #[serde(rename = #wire)]
                pub #field: #ty,
            });
            new_args.push(quote!(#field: #ty));
            new_fields.push(quote!(#field));
            let read = match how {
                TextOf::Str => quote!(Some(Cow::Borrowed(self.#field.as_str()))),
                TextOf::EnumStr => quote!(Some(Cow::Borrowed(self.#field.as_str()))),
                TextOf::Display => quote!(Some(Cow::Owned(self.#field.to_string()))),
            };
            text_arms.push(quote!(#wire => #read,));
        } else {
            fields.push(quote! {
                #[doc = #description]
                #[serde(rename = #wire, default)]
                pub #field: ::std::option::Option<#ty>,
            });
            new_fields.push(quote!(#field: None));
            let read = match how {
                TextOf::Str | TextOf::EnumStr => {
                    quote!(self.#field.as_ref().map(|v| Cow::Borrowed(v.as_str())))
                }
                TextOf::Display => quote!(self.#field.as_ref().map(|v| Cow::Owned(v.to_string()))),
            };
            text_arms.push(quote!(#wire => #read,));
        }
        // A component schema's own constraints are its constants (`FunctionName::MAX_LENGTH`).
        let own = if param.schema_ref.is_some() {
            ConstraintsDef {
                wire_type: param.constraints.wire_type.clone(),
                ..ConstraintsDef::default()
            }
        } else {
            param.constraints.clone()
        };
        consts.extend(value_consts(
            &screaming(&param.setter),
            &own,
            param.default.as_deref(),
            false,
        )?);
    }
    let mut body_impl = quote!();
    let mut read_body = quote! {
        // The operation takes no body; one sent anyway is ignored, as FC does.
        fn read_body(&mut self, _body: ::bytes::Bytes) -> Result<(), Violation> {
            Ok(())
        }
    };
    if let Some(body) = &op.body {
        let field = format_ident!("{}", body.setter);
        let description = format!("The body: {}", body.description);
        match &body.json_schema {
            None => {
                fields.push(quote! {
                    #[doc = #description]
                    #[serde(skip)]
                    pub #field: ::bytes::Bytes,
                });
                new_fields.push(quote!(#field: ::bytes::Bytes::new()));
                body_impl = quote! {
                    fn body_len(&self) -> Option<usize> { Some(self.#field.len()) }
                };
                read_body = quote! {
                    fn read_body(&mut self, body: ::bytes::Bytes) -> Result<(), Violation> {
                        self.#field = body;
                        Ok(())
                    }
                };
            }
            Some(schema) => {
                let ty = format_ident!("{}", schema);
                fields.push(quote! {
                    #[doc = #description]
                    #[serde(skip)]
                    pub #field: crate::#ty,
                });
                new_fields.push(quote!(#field: ::std::default::Default::default()));
                body_impl = quote! {
                    fn body_json(&self) -> Option<::serde_json::Value> {
                        ::serde_json::to_value(&self.#field).ok()
                    }
                };
                let schema_table = format_ident!("{}_SCHEMA", screaming(schema));
                let required = body.required;
                read_body = quote! {
                    fn read_body(&mut self, body: ::bytes::Bytes) -> Result<(), Violation> {
                        if let Some(read) = read_json_body(&#schema_table, &body, #required)? {
                            self.#field = read;
                        }
                        Ok(())
                    }
                };
            }
        }
    }
    let new_doc = if new_args.is_empty() {
        "A request with every parameter absent.".to_string()
    } else {
        "A request with its required parameters, every other one absent.".to_string()
    };
    Ok(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
        }
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#new_args),*) -> Self {
                Self { #(#new_fields),* }
            }
            #(#consts)*
        }
        impl OperationRequest for #name {
            fn operation() -> &'static Operation {
                &#operation
            }
            fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
                match wire_name {
                    #(#text_arms)*
                    _ => None,
                }
            }
            #body_impl
        }
        impl ReadRequest for #name {
            #read_body
        }
    })
}

/// `NAME_RANGE` / `NAME_MIN` / `NAME_MAX`, `NAME_MIN_LENGTH` ..., `NAME_DEFAULT` for a value's
/// constraints and documented default. `bare` drops the name (for a string schema's own
/// constants: `MAX_LENGTH`).
fn value_consts(
    name: &str,
    c: &ConstraintsDef,
    default: Option<&str>,
    bare: bool,
) -> Result<Vec<TokenStream>> {
    let id = |suffix: &str| {
        if bare {
            format_ident!("{}", suffix)
        } else {
            format_ident!("{}_{}", name, suffix)
        }
    };
    let mut out = Vec::new();
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) => {
            let ident = id("RANGE");
            let doc = format!("The spec's range: {min} to {max}.");
            out.push(quote! {
                #[doc = #doc]
                pub const #ident: ::std::ops::RangeInclusive<i64> = #min..=#max;
            });
        }
        (Some(min), None) => {
            let ident = id("MIN");
            out.push(quote!(#[doc = "The spec's minimum."] pub const #ident: i64 = #min;));
        }
        (None, Some(max)) => {
            let ident = id("MAX");
            out.push(quote!(#[doc = "The spec's maximum."] pub const #ident: i64 = #max;));
        }
        (None, None) => {}
    }
    if let Some(n) = c.min_length {
        let ident = id("MIN_LENGTH");
        let n = n as usize;
        out.push(
            quote!(#[doc = "The spec's `minLength`, in characters."] pub const #ident: usize = #n;),
        );
    }
    if let Some(n) = c.max_length {
        let ident = id("MAX_LENGTH");
        let n = n as usize;
        out.push(
            quote!(#[doc = "The spec's `maxLength`, in characters."] pub const #ident: usize = #n;),
        );
    }
    if bare && let Some(p) = &c.pattern {
        let ident = id("PATTERN");
        out.push(quote!(#[doc = "The spec's `pattern`."] pub const #ident: &'static str = #p;));
    }
    if let Some(default) = default {
        let ident = id("DEFAULT");
        let doc = format!("The documented default when absent: {default}.");
        let value = match c.wire_type.as_str() {
            "integer" => {
                let n: i64 = default.parse().map_err(|_| {
                    anyhow!("{name}: the default {default:?} is not a whole number")
                })?;
                quote!(pub const #ident: i64 = #n;)
            }
            "boolean" => {
                let b: bool = default
                    .parse()
                    .map_err(|_| anyhow!("{name}: the default {default:?} is not true or false"))?;
                quote!(pub const #ident: bool = #b;)
            }
            _ => {
                let text = default.trim_matches('"');
                quote!(pub const #ident: &'static str = #text;)
            }
        };
        out.push(quote!(#[doc = #doc] #value));
    }
    Ok(out)
}

fn schema_statics(api: &Api, patterns: &mut Patterns) -> Result<TokenStream> {
    let mut items = Vec::new();
    let mut arms = Vec::new();
    for schema in &api.schemas {
        let ty = format_ident!("{}", schema.name);
        if schema.kind != "object" {
            let values = &schema.constraints.values;
            if !values.is_empty() {
                let count = values.len();
                items.push(quote! {
                    impl crate::#ty {
                        /// The values the spec lists, as they travel, in its order.
                        pub const VALUES: [&'static str; #count] = [#(#values),*];
                    }
                });
                continue;
            }
            let consts = value_consts("", &schema.constraints, None, true)?;
            if !consts.is_empty() {
                items.push(quote!(impl crate::#ty { #(#consts)* }));
            }
            continue;
        }
        let name = &schema.name;
        let ident = format_ident!("{}_SCHEMA", screaming(&schema.name));
        let mut consts = Vec::new();
        let properties: Vec<TokenStream> = schema
            .properties
            .iter()
            .map(|p| {
                let wire = &p.wire;
                let rust = &p.snake;
                let c = match &p.constraints {
                    Some(c) => {
                        let c = constraints(c, patterns);
                        quote!(Some(#c))
                    }
                    None => quote!(None),
                };
                let object = option(
                    p.schema_ref
                        .as_deref()
                        .filter(|r| api.schema(r).is_some_and(|s| s.kind == "object")),
                );
                let default = option(p.default.as_deref());
                if let Some(c) = &p.constraints {
                    consts.extend(value_consts(&screaming(&p.snake), c, p.default.as_deref(), false)?);
                }
                Ok(quote! {
                    Property { wire_name: #wire, rust_name: #rust, constraints: #c, object: #object, default: #default }
                })
            })
            .collect::<Result<_>>()?;
        let doc = format!("The properties of `{name}` and their constraints.");
        items.push(quote! {
            #[doc = #doc]
            pub static #ident: Schema = Schema { name: #name, properties: &[#(#properties),*] };
        });
        if !consts.is_empty() {
            items.push(quote!(impl crate::#ty { #(#consts)* }));
        }
        arms.push(quote!(#name => Some(&#ident),));
    }
    Ok(quote! {
        #(#items)*
        /// The property table of the object schema named `name`.
        pub fn schema(name: &str) -> Option<&'static Schema> {
            match name { #(#arms)* _ => None }
        }
    })
}

fn facts(api: &Api) -> Result<TokenStream> {
    let headers = api.headers.iter().map(|h| {
        let ident = format_ident!("{}", screaming(h));
        let doc = format!("`{h}`.");
        quote!(#[doc = #doc] pub const #ident: &str = #h;)
    });
    let mut limits = Vec::new();
    let mut seen = BTreeSet::new();
    for op in &api.operations {
        for limit in op.body.iter().flat_map(|b| &b.limits) {
            if !seen.insert(limit.name.clone()) {
                bail!("the body limit name {} is used twice", limit.name);
            }
            let ident = format_ident!("{}", limit.name);
            let bytes = limit.bytes as usize;
            let doc = format!(
                "The most bytes of {}'s body{}.",
                op.action,
                match limit.when.is_empty() {
                    true => String::new(),
                    false => format!(
                        " when {}",
                        limit
                            .when
                            .iter()
                            .map(|(p, v)| format!("{p} is {}", v.as_deref().unwrap_or("present")))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                }
            );
            limits.push(quote!(#[doc = #doc] pub const #ident: usize = #bytes;));
        }
    }
    Ok(quote! {
        /// The header names the spec documents, on requests and answers.
        pub mod headers {
            #(#headers)*
        }
        /// The body size limits the spec states.
        pub mod limits {
            #(#limits)*
        }
    })
}

fn servers(api: &Api) -> TokenStream {
    let count = api.servers.len();
    let servers = api.servers.iter().map(|s| {
        let url = &s.url;
        let kind = &s.kind;
        let description = &s.description;
        let variables = s.variables.iter().map(|(name, default, values)| {
            quote!(ServerVariable { name: #name, default: #default, values: &[#(#values),*] })
        });
        quote!(Server { url: #url, kind: #kind, variables: &[#(#variables),*], description: #description })
    });
    quote! {
        /// The spec's servers, in its order.
        pub static SERVERS: [Server; #count] = [#(#servers),*];
    }
}
