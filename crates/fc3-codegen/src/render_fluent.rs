//! Renders `crates/fc3-client/src/fluent.rs`: the client's public API, one builder per
//! operation, from the spec.
//!
//! `client.list_async_tasks("f")` starts a builder that owns a clone of the client; required
//! path parameters are its arguments, every other parameter has a setter and a `set_*` twin
//! taking an `Option`, and the properties of a JSON body are set one by one as if they were
//! parameters. Each setter checks its value against the spec as it is given (so an error names
//! the setter the caller used), and `send()` hands the finished request to the hand-written
//! pipeline (`crate::pipeline`), which every operation shares. Each request type also gets the
//! glue that turns it into progenitor's builder calls for one attempt.

use anyhow::{Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::api::{Api, Op, screaming};
use crate::builders::{BuilderFields, ModelFields};
use crate::render_operations::request_name;

/// How a setter takes its value, given the field's type.
struct SetterInput {
    /// The argument type of the setter (`impl Into<String>`, `u32`, `bool`...).
    arg: TokenStream,
    /// The type of the `set_*` twin's `Option` (`String`, `u32`...).
    twin: TokenStream,
    /// How the argument becomes the twin's value (`value.into()`).
    into: TokenStream,
    /// Whether the value goes through `crate::call::param`/`property` (a check and a
    /// conversion), or is stored as it is.
    checked: bool,
    /// The check of a parameter's value: `param_text` for text (checked without a copy),
    /// `param` for the rest.
    check: TokenStream,
}

fn setter_input(field_type: &str) -> SetterInput {
    let ty: TokenStream = field_type
        .parse()
        .unwrap_or_else(|_| quote!(::std::string::String));
    let compact = field_type.replace(' ', "");
    if compact.contains("NonZeroU32") {
        SetterInput {
            arg: quote!(u32),
            twin: quote!(u32),
            into: quote!(value),
            checked: true,
            check: quote!(param),
        }
    } else if compact.contains("NonZeroU64") {
        SetterInput {
            arg: quote!(u64),
            twin: quote!(u64),
            into: quote!(value),
            checked: true,
            check: quote!(param),
        }
    } else if compact.ends_with("String")
        || compact.ends_with("FunctionName")
        || compact.ends_with("Qualifier")
        || compact.ends_with("TaskId")
        || compact.ends_with("AsyncTaskId")
        || compact.ends_with("DestinationArn")
    {
        SetterInput {
            arg: quote!(impl ::std::convert::Into<::std::string::String>),
            twin: quote!(::std::string::String),
            into: quote!(value.into()),
            checked: true,
            check: quote!(param_text),
        }
    } else if compact.ends_with("::Destination") || compact.ends_with("DestinationConfig") {
        SetterInput {
            arg: ty.clone(),
            twin: ty,
            into: quote!(value),
            checked: false,
            check: quote!(param),
        }
    } else {
        SetterInput {
            arg: ty.clone(),
            twin: ty,
            into: quote!(value),
            checked: true,
            check: quote!(param),
        }
    }
}

/// The answer type of an operation's `send()`, its kind, and the model it carries (the `T`
/// of `Output<T>`; the body's bytes for InvokeFunction).
fn output_type(op: &Op) -> Result<(TokenStream, TokenStream, TokenStream)> {
    let success: Vec<_> = op.responses.iter().filter(|r| r.is_success()).collect();
    let bodies: Vec<_> = success.iter().filter_map(|r| r.body.clone()).collect();
    match bodies.first() {
        Some(None) => Ok((
            quote!(crate::InvokeOutput),
            quote!(binary),
            quote!(::bytes::Bytes),
        )),
        Some(Some(schema)) => {
            let ty = format_ident!("{}", schema);
            Ok((
                quote!(crate::Output<::fc3_models::#ty>),
                quote!(json),
                quote!(::fc3_models::#ty),
            ))
        }
        None if !success.is_empty() => Ok((quote!(crate::Output<()>), quote!(empty), quote!(()))),
        None => bail!("{} documents no success answer", op.action),
    }
}

/// Renders the file's items.
pub fn render(api: &Api, builders: &BuilderFields, models: &ModelFields) -> Result<TokenStream> {
    let mut items = Vec::new();
    for op in &api.operations {
        items.push(operation(api, op, builders, models)?);
    }
    Ok(quote! {
        use crate::call::{param, param_text, property, Invalid};
        #(#items)*
    })
}

fn doc_of(op: &Op) -> String {
    format!(
        "{}\n\n{}\n\nFC action `{}`: `{} {}`. Nothing is sent until `send` is awaited.",
        op.summary, op.description, op.action, op.method, op.path
    )
}

fn operation(
    api: &Api,
    op: &Op,
    builders: &BuilderFields,
    models: &ModelFields,
) -> Result<TokenStream> {
    let builder = format_ident!("{}", op.action);
    let entry = format_ident!("{}", op.snake);
    let request = format_ident!("{}", request_name(op));
    let table = format_ident!("{}", screaming(&op.action));
    let doc = doc_of(op);
    let entry_doc = format!("{}\n\nSee [`{}`] for the options.", op.summary, op.action);
    let (output, output_kind, output_model) = output_type(op)?;

    // Required parameters are the entry point's arguments, in order.
    let mut entry_args = Vec::new();
    let mut entry_checks = Vec::new();
    let mut entry_names = Vec::new();
    let mut setters = Vec::new();
    let mut glue = Vec::new();
    let mut used = std::collections::BTreeSet::new();
    for (index, param) in op.params.iter().enumerate() {
        let field = format_ident!("{}", param.setter);
        if !used.insert(param.setter.clone()) {
            bail!(
                "{}: two parameters are both set by `{}`",
                op.action,
                param.setter
            );
        }
        let ty = builders
            .param_type(&op.snake, &param.snake)
            .ok_or_else(|| anyhow!("{}: progenitor has no setter for {}", op.action, param.wire))?;
        let input = setter_input(&ty);
        let progenitor = format_ident!("{}", param.snake);
        let arg_ty = &input.arg;
        let into = &input.into;
        let check = &input.check;
        if param.required {
            entry_args.push(quote!(#field: #arg_ty));
            entry_checks.push(quote! {
                let #field = { let value = #field; #check(&::fc3_models::operations::#table.parameters[#index], #into) };
            });
            entry_names.push(field.clone());
            glue.push(quote!(builder = builder.#progenitor(self.#field.clone());));
            continue;
        }
        let twin = format_ident!("set_{}", param.setter);
        let twin_ty = &input.twin;
        let description = format!(
            "{} (`{}`, {}).",
            param.description.trim_end_matches('.'),
            param.wire,
            param.location
        );
        let twin_doc = format!(
            "Sets or clears [`{}`](Self::{}).",
            param.setter, param.setter
        );
        let store = if input.checked {
            quote!(value.map(|value| #check(&::fc3_models::operations::#table.parameters[#index], value)).transpose()?)
        } else {
            quote!(value)
        };
        setters.push(quote! {
            #[doc = #description]
            pub fn #field(self, value: #arg_ty) -> Self {
                self.#twin(Some(#into))
            }
            #[doc = #twin_doc]
            pub fn #twin(mut self, value: ::std::option::Option<#twin_ty>) -> Self {
                self.request = self.request.and_then(|mut request| {
                    request.#field = #store;
                    Ok(request)
                });
                self
            }
        });
        glue.push(quote! {
            if let Some(value) = &self.#field {
                builder = builder.#progenitor(value.clone());
            }
        });
    }

    if let Some(body) = &op.body {
        let field = format_ident!("{}", body.setter);
        match &body.json_schema {
            None => {
                let twin = format_ident!("set_{}", body.setter);
                let description = format!("{} Empty when not set.", body.description.trim());
                let twin_doc =
                    format!("Sets or clears [`{}`](Self::{}).", body.setter, body.setter);
                setters.push(quote! {
                    #[doc = #description]
                    pub fn #field(self, value: impl ::std::convert::Into<crate::Payload>) -> Self {
                        self.#twin(Some(value.into()))
                    }
                    #[doc = #twin_doc]
                    pub fn #twin(mut self, value: ::std::option::Option<crate::Payload>) -> Self {
                        if let Ok(request) = &mut self.request {
                            request.#field = value.map(crate::Payload::into_bytes).unwrap_or_default();
                        }
                        self
                    }
                });
                glue.push(quote!(builder = builder.body(self.#field.clone());));
            }
            Some(schema_name) => {
                let schema = api.schema(schema_name).ok_or_else(|| {
                    anyhow!("{}: body schema {schema_name} is missing", op.action)
                })?;
                let schema_table = format_ident!("{}_SCHEMA", screaming(schema_name));
                for (index, property) in schema.properties.iter().enumerate() {
                    let name = format_ident!("{}", property.snake);
                    if !used.insert(property.snake.clone()) {
                        bail!(
                            "{}: a parameter and a body property are both set by `{}`",
                            op.action,
                            property.snake
                        );
                    }
                    let ty = models
                        .field_type(schema_name, &property.snake)
                        .ok_or_else(|| anyhow!("{schema_name} has no field {}", property.snake))?;
                    let inner = ty
                        .trim()
                        .strip_prefix(":: std :: option :: Option <")
                        .and_then(|t| t.strip_suffix('>'))
                        .unwrap_or(&ty)
                        .replace("super ::", "::fc3_models ::");
                    let primitive = inner.trim().starts_with(|c: char| c.is_ascii_lowercase());
                    let inner = if inner.contains("::") || primitive {
                        inner
                    } else {
                        format!(":: fc3_models :: {}", inner.trim())
                    };
                    let input = setter_input(&inner);
                    let arg_ty = &input.arg;
                    let into = &input.into;
                    let twin = format_ident!("set_{}", property.snake);
                    let twin_ty = &input.twin;
                    let description = format!(
                        "{} (`{}` of the body).",
                        property.description.trim_end_matches('.'),
                        property.wire
                    );
                    let twin_doc = format!(
                        "Sets or clears [`{}`](Self::{}).",
                        property.snake, property.snake
                    );
                    let store = if input.checked && property.constraints.is_some() {
                        quote!(value.map(|value| property(&::fc3_models::operations::#schema_table.properties[#index], value)).transpose()?)
                    } else {
                        quote!(value)
                    };
                    setters.push(quote! {
                        #[doc = #description]
                        pub fn #name(self, value: #arg_ty) -> Self {
                            self.#twin(Some(#into))
                        }
                        #[doc = #twin_doc]
                        pub fn #twin(mut self, value: ::std::option::Option<#twin_ty>) -> Self {
                            self.request = self.request.and_then(|mut request| {
                                request.#field.#name = #store;
                                Ok(request)
                            });
                            self
                        }
                    });
                }
                glue.push(quote!(builder = builder.body(self.#field.clone());));
            }
        }
    }

    let pages = match &op.pagination {
        None => quote!(),
        Some((token, _items)) => {
            let token_param = op
                .params
                .iter()
                .find(|p| &p.wire == token)
                .ok_or_else(|| anyhow!("{}: no token parameter", op.action))?;
            let token_setter = format_ident!("{}", token_param.setter);
            let token_field = format_ident!("{}", crate::api::snake_case(token));
            quote! {
                /// Every page, from this one on, as a stream: it ends after a page without a
                /// token (or with the token it was asked with), or after the first error.
                pub fn pages(self) -> impl ::futures_core::Stream<Item = ::std::result::Result<#output, crate::Error>> + Send + 'static {
                    let first_token = self.request.as_ref().ok().and_then(|r| r.#token_setter.clone());
                    crate::call::pages(
                        self,
                        first_token,
                        |page: &#output| page.#token_field.clone(),
                        |builder, token| builder.#token_setter(token),
                        Self::send,
                    )
                }
            }
        }
    };

    let answer = match output_kind.to_string().as_str() {
        "binary" => quote! {
            let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
            crate::InvokeOutput::read(answer).await
        },
        "json" => quote! {
            let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
            Ok(crate::pipeline::json_output(answer))
        },
        _ => quote! {
            let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
            Ok(crate::pipeline::empty_output(answer))
        },
    };
    // What a mock rule answers this operation with (fc3-client's `test-util` feature): the
    // model of its `Output<T>`, or InvokeFunction's `InvokeAnswer`.
    let mock_model = match output_kind.to_string().as_str() {
        "binary" => quote!(crate::mock::InvokeAnswer),
        _ => output_model,
    };
    let binary_hooks = if output_kind.to_string() == "binary" {
        quote! {
            fn limits(&self, timeouts: &crate::Timeouts) -> crate::pipeline::Limits {
                crate::invoke::limits(self, timeouts)
            }
            fn accepted_earlier(conflict: &crate::pipeline::Conflict) -> Option<Self::Output> {
                Some(crate::InvokeOutput::accepted_earlier(conflict))
            }
        }
    } else {
        quote!()
    };
    let binary_body = match &op.body {
        Some(body) if body.json_schema.is_none() => {
            let field = format_ident!("{}", body.setter);
            quote! {
                fn set_binary_body(&mut self, body: ::bytes::Bytes) {
                    self.#field = body;
                }
            }
        }
        _ => quote!(),
    };

    Ok(quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        #[must_use = "nothing is sent until `send` is awaited"]
        pub struct #builder {
            pub(crate) client: crate::Client,
            pub(crate) request: ::std::result::Result<::fc3_models::operations::#request, Invalid>,
            pub(crate) settings: crate::call::CallSettings,
        }
        impl crate::Client {
            #[doc = #entry_doc]
            pub fn #entry(&self, #(#entry_args),*) -> #builder {
                #(#entry_checks)*
                let request = (|| -> ::std::result::Result<_, Invalid> {
                    Ok(::fc3_models::operations::#request::new(#(#entry_names?),*))
                })();
                #builder {
                    client: self.clone(),
                    request,
                    settings: ::std::default::Default::default(),
                }
            }
        }
        impl #builder {
            #(#setters)*

            crate::call::call_setters!();

            /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
            /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
            /// so it can be spawned.
            ///
            /// # Errors
            /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
            /// rules (naming the setter); otherwise credentials, service, transport and
            /// timeout errors.
            pub fn send(self) -> impl ::std::future::Future<Output = ::std::result::Result<#output, crate::Error>> + Send + 'static {
                crate::pipeline::send(self.client, self.request, self.settings)
            }

            #pages
        }
        impl crate::pipeline::Call for ::fc3_models::operations::#request {
            type Output = #output;

            async fn attempt(
                &self,
                raw: &crate::generated::Client,
            ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
                let mut builder = raw.#entry();
                #(#glue)*
                #answer
            }

            #binary_hooks
            #binary_body
        }
        #[cfg(feature = "test-util")]
        impl crate::mock::sealed::Sealed for ::fc3_models::operations::#request {}
        #[cfg(feature = "test-util")]
        impl crate::mock::MockOperation for ::fc3_models::operations::#request {
            type Model = #mock_model;

            fn encode(model: Self::Model) -> crate::mock::MockResponse {
                <#output as crate::mock::Answer>::encode(model, <Self as ::fc3_models::operation::OperationRequest>::operation())
            }
        }
    })
}
