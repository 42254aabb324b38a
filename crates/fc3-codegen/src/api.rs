//! The spec read once into the facts the generators need: operations with their parameters,
//! bodies, answers, retry rules and paging; component schemas with their constraints; the
//! servers; and the header names. Everything the `x-fc3-*` vendor extensions say is read here,
//! and a malformed extension is an error naming its place in the spec.

use anyhow::{Context, Result, anyhow, bail};
use openapiv3::OpenAPI;
use serde_json::Value;

/// The whole API.
#[derive(Debug, Clone)]
pub struct Api {
    /// The operations, in the spec's order.
    pub operations: Vec<Op>,
    /// Every component schema, in the spec's order.
    pub schemas: Vec<SchemaDef>,
    /// The servers.
    pub servers: Vec<ServerDef>,
    /// Every header name that a parameter or a response documents, sorted.
    pub headers: Vec<String>,
}

/// One operation.
#[derive(Debug, Clone)]
pub struct Op {
    /// The FC action (operationId), PascalCase.
    pub action: String,
    /// The action in snake_case (progenitor's builder name and the fluent entry point).
    pub snake: String,
    /// The method, upper-case.
    pub method: String,
    /// The path template.
    pub path: String,
    /// The summary.
    pub summary: String,
    /// The description.
    pub description: String,
    /// Path parameters first, then the operation's own, in the spec's order.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<BodyDef>,
    /// Documented answers.
    pub responses: Vec<ResponseDef>,
    /// `x-fc3-retry`.
    pub retry: RetryDef,
    /// `x-fc3-pagination`: (token, items).
    pub pagination: Option<(String, String)>,
}

/// One parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Its wire name.
    pub wire: String,
    /// snake_case of the wire name (progenitor's builder method).
    pub snake: String,
    /// The fluent setter: `x-fc3-name`, or the snake name without the `x_fc_` prefix.
    pub setter: String,
    /// `path`, `query` or `header`.
    pub location: String,
    /// Whether it is required.
    pub required: bool,
    /// The component schema its value `$ref`s, if any.
    pub schema_ref: Option<String>,
    /// Its constraints (from the component schema or inline).
    pub constraints: ConstraintsDef,
    /// The documented default, as wire text.
    pub default: Option<String>,
    /// Its description.
    pub description: String,
    /// `x-fc3-trace`.
    pub trace: Option<String>,
    /// `x-fc3-requires`.
    pub requires: Vec<(String, Option<String>)>,
}

/// Constraints of a scalar.
#[derive(Debug, Clone, Default)]
pub struct ConstraintsDef {
    /// `string`, `integer` or `boolean`.
    pub wire_type: String,
    /// `format`, when given.
    pub format: Option<String>,
    /// `minimum`.
    pub minimum: Option<i64>,
    /// `maximum`.
    pub maximum: Option<i64>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern`.
    pub pattern: Option<String>,
    /// `enum`.
    pub values: Vec<String>,
    /// `x-fc3-rule`.
    pub rule: Option<String>,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct BodyDef {
    /// The component schema of a JSON body; `None` for raw bytes.
    pub json_schema: Option<String>,
    /// Whether it is required.
    pub required: bool,
    /// The fluent setter (`x-fc3-name`, default `body`).
    pub setter: String,
    /// `x-fc3-max-bytes`: (name, conditions, bytes).
    pub limits: Vec<LimitDef>,
    /// Its description.
    pub description: String,
}

/// A body size limit.
#[derive(Debug, Clone)]
pub struct LimitDef {
    /// Its constant name.
    pub name: String,
    /// Conditions: (parameter, value or present).
    pub when: Vec<(String, Option<String>)>,
    /// The most bytes.
    pub bytes: u64,
}

/// A documented answer.
#[derive(Debug, Clone)]
pub struct ResponseDef {
    /// `200`, `2XX`, `4XX`...
    pub status: String,
    /// `Some(None)`: raw bytes; `Some(Some(name))`: JSON of a component schema; `None`: no body.
    pub body: Option<Option<String>>,
    /// Header names.
    pub headers: Vec<String>,
}

impl ResponseDef {
    /// Whether the status is a success.
    pub fn is_success(&self) -> bool {
        self.status.starts_with('2')
    }
}

/// `x-fc3-retry`.
#[derive(Debug, Clone)]
pub struct RetryDef {
    /// The default class: `idempotent`, `unsent-or-refused` or `unsent-only`.
    pub class: String,
    /// Cases: conditions, class, and whether a 409 to a retry means accepted.
    pub cases: Vec<RetryCaseDef>,
    /// Why.
    pub description: String,
}

/// One case of `x-fc3-retry`.
#[derive(Debug, Clone)]
pub struct RetryCaseDef {
    /// Conditions.
    pub when: Vec<(String, Option<String>)>,
    /// The class.
    pub class: String,
    /// `conflict-after-retry: accepted`.
    pub conflict_is_accepted: bool,
}

/// A component schema.
#[derive(Debug, Clone)]
pub struct SchemaDef {
    /// Its name.
    pub name: String,
    /// `object`, `string`...
    pub kind: String,
    /// Properties of an object.
    pub properties: Vec<PropertyDef>,
    /// Constraints of a scalar schema.
    pub constraints: ConstraintsDef,
    /// `x-fc3-terminal` of an enum.
    pub terminal: Vec<String>,
    /// Its description.
    pub description: String,
}

/// A property of an object schema.
#[derive(Debug, Clone)]
pub struct PropertyDef {
    /// Its JSON name.
    pub wire: String,
    /// snake_case.
    pub snake: String,
    /// The component schema it `$ref`s, if any.
    pub schema_ref: Option<String>,
    /// `array` when it is a list.
    pub is_array: bool,
    /// Its constraints when scalar (inline, or of the referenced scalar schema).
    pub constraints: Option<ConstraintsDef>,
    /// `x-fc3-default`, as JSON text.
    pub default: Option<String>,
    /// Its description.
    pub description: String,
}

/// A server.
#[derive(Debug, Clone)]
pub struct ServerDef {
    /// The URL template.
    pub url: String,
    /// `x-fc3-endpoint`.
    pub kind: String,
    /// Variables: (name, default, allowed values).
    pub variables: Vec<(String, String, Vec<String>)>,
    /// Its description.
    pub description: String,
}

/// snake_case of a wire name: `x-fc-log-type` gives `x_fc_log_type`, `startedTimeBegin` gives
/// `started_time_begin`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c == '-' || c == '_' || c == ' ' {
            out.push('_');
            previous_lower = false;
        } else if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

/// SCREAMING_SNAKE_CASE of a name.
pub fn screaming(name: &str) -> String {
    snake_case(name).to_ascii_uppercase()
}

impl Api {
    /// Reads the API from a parsed spec.
    pub fn from_spec(spec: &OpenAPI) -> Result<Api> {
        let doc = serde_json::to_value(spec).context("the spec as JSON")?;
        let reader = Reader { doc: &doc };
        let schemas = reader.schemas()?;
        let operations = reader.operations()?;
        let servers = reader.servers()?;
        let mut headers: Vec<String> = operations
            .iter()
            .flat_map(|op| {
                op.params
                    .iter()
                    .filter(|p| p.location == "header")
                    .map(|p| p.wire.clone())
                    .chain(op.responses.iter().flat_map(|r| r.headers.clone()))
            })
            .collect();
        headers.sort();
        headers.dedup();
        Ok(Api {
            operations,
            schemas,
            servers,
            headers,
        })
    }

    /// The component schema named `name`.
    pub fn schema(&self, name: &str) -> Option<&SchemaDef> {
        self.schemas.iter().find(|s| s.name == name)
    }
}

struct Reader<'a> {
    doc: &'a Value,
}

fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().trim().to_string()
}

fn ref_name(value: &Value) -> Option<String> {
    value["$ref"]
        .as_str()
        .map(|r| r.rsplit('/').next().unwrap_or(r).to_string())
}

/// A map of `x-fc3-...` conditions: `{param: value}` or `{param: present}`.
fn conditions(value: &Value, place: &str) -> Result<Vec<(String, Option<String>)>> {
    let Some(map) = value.as_object() else {
        if value.is_null() {
            return Ok(Vec::new());
        }
        bail!("{place}: conditions must be a map of parameter to value (or `present`)");
    };
    map.iter()
        .map(|(name, v)| match v.as_str() {
            Some("present") => Ok((name.clone(), None)),
            Some(value) => Ok((name.clone(), Some(value.to_string()))),
            None => bail!("{place}.{name}: a condition's value must be text"),
        })
        .collect()
}

const RETRY_CLASSES: [&str; 3] = ["idempotent", "unsent-or-refused", "unsent-only"];

impl<'a> Reader<'a> {
    fn resolve(&self, value: &'a Value) -> &'a Value {
        match value["$ref"].as_str().and_then(|r| r.strip_prefix("#/")) {
            Some(path) => path.split('/').fold(self.doc, |v, key| &v[key]),
            None => value,
        }
    }

    fn constraints(&self, schema: &Value, place: &str) -> Result<ConstraintsDef> {
        let schema = self.resolve(schema);
        let int = |key: &str| schema[key].as_f64().map(|f| f as i64);
        let wire_type = match schema["type"].as_str() {
            Some(t @ ("string" | "integer" | "boolean")) => t.to_string(),
            Some(other) => {
                bail!("{place}: a scalar must be a string, integer or boolean, not {other}")
            }
            None if schema["enum"].is_array() => "string".to_string(),
            None => bail!("{place}: the schema has no type"),
        };
        let rule = schema["x-fc3-rule"].as_str().map(str::to_string);
        if let Some(rule) = &rule
            && rule != "destination-arn"
        {
            bail!("{place}: unknown x-fc3-rule {rule:?} (known: destination-arn)");
        }
        Ok(ConstraintsDef {
            wire_type,
            format: schema["format"].as_str().map(str::to_string),
            minimum: int("minimum"),
            maximum: int("maximum"),
            min_length: schema["minLength"].as_u64(),
            max_length: schema["maxLength"].as_u64(),
            pattern: schema["pattern"].as_str().map(str::to_string),
            values: schema["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            rule,
        })
    }

    fn schemas(&self) -> Result<Vec<SchemaDef>> {
        let Some(schemas) = self.doc["components"]["schemas"].as_object() else {
            bail!("the spec declares no component schemas");
        };
        let mut out = Vec::new();
        for (name, schema) in schemas {
            let place = format!("components.schemas.{name}");
            let kind = schema["type"].as_str().unwrap_or("object").to_string();
            let mut properties = Vec::new();
            for (wire, property) in schema["properties"].as_object().into_iter().flatten() {
                let place = format!("{place}.properties.{wire}");
                let schema_ref = ref_name(property);
                let target = self.resolve(property);
                let is_array = target["type"] == "array";
                let scalar = matches!(
                    target["type"].as_str(),
                    Some("string" | "integer" | "boolean")
                ) || target["enum"].is_array();
                let constraints = if scalar {
                    Some(self.constraints(property, &place)?)
                } else {
                    None
                };
                properties.push(PropertyDef {
                    wire: wire.clone(),
                    snake: snake_case(wire),
                    schema_ref: if is_array {
                        ref_name(&target["items"])
                    } else {
                        schema_ref
                    },
                    is_array,
                    constraints,
                    default: property.get("x-fc3-default").map(Value::to_string),
                    description: text(property, "description"),
                });
            }
            let constraints = if kind == "object" || kind == "array" {
                ConstraintsDef::default()
            } else {
                self.constraints(schema, &place)?
            };
            let terminal: Vec<String> = schema["x-fc3-terminal"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
            if let Some(unknown) = terminal.iter().find(|t| !constraints.values.contains(t)) {
                bail!("{place}.x-fc3-terminal: {unknown} is not one of the enum's values");
            }
            out.push(SchemaDef {
                name: name.clone(),
                kind,
                properties,
                constraints,
                terminal,
                description: text(schema, "description"),
            });
        }
        Ok(out)
    }

    fn servers(&self) -> Result<Vec<ServerDef>> {
        let mut out = Vec::new();
        for (i, server) in self.doc["servers"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let place = format!("servers[{i}]");
            let kind = server["x-fc3-endpoint"]
                .as_str()
                .ok_or_else(|| anyhow!("{place}: x-fc3-endpoint is missing"))?;
            if !["regional", "account", "account-internal"].contains(&kind) {
                bail!(
                    "{place}: x-fc3-endpoint {kind:?} is not regional, account or account-internal"
                );
            }
            let variables = server["variables"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(name, v)| {
                    (
                        name.clone(),
                        text(v, "default"),
                        v["enum"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect(),
                    )
                })
                .collect();
            out.push(ServerDef {
                url: text(server, "url"),
                kind: kind.to_string(),
                variables,
                description: text(server, "description"),
            });
        }
        Ok(out)
    }

    fn operations(&self) -> Result<Vec<Op>> {
        let mut out = Vec::new();
        let paths = self.doc["paths"]
            .as_object()
            .ok_or_else(|| anyhow!("the spec has no paths"))?;
        for (path, item) in paths {
            for method in ["get", "put", "post", "delete", "patch", "head", "options"] {
                let Some(op) = item.get(method) else { continue };
                out.push(self.operation(path, method, item, op)?);
            }
        }
        Ok(out)
    }

    fn operation(&self, path: &str, method: &str, item: &'a Value, op: &'a Value) -> Result<Op> {
        let action = op["operationId"]
            .as_str()
            .ok_or_else(|| anyhow!("{} {path} has no operationId", method.to_uppercase()))?
            .to_string();
        let place = format!("{action} ({} {path})", method.to_uppercase());
        let mut params = Vec::new();
        let listed = item["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(op["parameters"].as_array().into_iter().flatten());
        for param in listed {
            params.push(self.param(param, &place)?);
        }
        for param in &params {
            for (other, _) in &param.requires {
                if !params.iter().any(|p| &p.wire == other) {
                    bail!(
                        "{place}: parameter {} requires {other}, which the operation does not have",
                        param.wire
                    );
                }
            }
        }
        let body = match op.get("requestBody") {
            None => None,
            Some(body) => Some(self.body(self.resolve(body), &place, &params)?),
        };
        let mut responses = Vec::new();
        for (status, response) in op["responses"].as_object().into_iter().flatten() {
            let response = self.resolve(response);
            let content = response["content"].as_object();
            let body = match content {
                None => None,
                Some(content) if content.is_empty() => None,
                Some(content) => {
                    let (mime, media) = content.iter().next().unwrap_or_else(|| unreachable!());
                    if mime == "application/octet-stream" {
                        Some(None)
                    } else {
                        Some(Some(ref_name(&media["schema"]).ok_or_else(|| {
                            anyhow!("{place}: the {status} answer's JSON body must `$ref` a component schema")
                        })?))
                    }
                }
            };
            responses.push(ResponseDef {
                status: status.clone(),
                body,
                headers: response["headers"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, _)| name.clone())
                    .collect(),
            });
        }
        let retry = self.retry(&op["x-fc3-retry"], &place, &params)?;
        let pagination = match op.get("x-fc3-pagination") {
            None => None,
            Some(p) => {
                let token = text(p, "token");
                let items = text(p, "items");
                if !params.iter().any(|param| param.wire == token) {
                    bail!("{place}.x-fc3-pagination: the token {token:?} is not a parameter");
                }
                Some((token, items))
            }
        };
        Ok(Op {
            snake: snake_case(&action),
            action,
            method: method.to_uppercase(),
            path: path.to_string(),
            summary: text(op, "summary"),
            description: text(op, "description"),
            params,
            body,
            responses,
            retry,
            pagination,
        })
    }

    fn param(&self, param: &'a Value, place: &str) -> Result<Param> {
        let param = self.resolve(param);
        let wire = text(param, "name");
        let place = format!("{place} parameter {wire}");
        let location = text(param, "in");
        if !["path", "query", "header"].contains(&location.as_str()) {
            bail!("{place}: parameters travel in path, query or header, not {location:?}");
        }
        let schema = &param["schema"];
        let constraints = self.constraints(schema, &place)?;
        let snake = snake_case(&wire);
        let setter = param["x-fc3-name"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| snake.strip_prefix("x_fc_").unwrap_or(&snake).to_string());
        let default = param
            .get("x-fc3-default")
            .or_else(|| self.resolve(schema).get("default"))
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
        let trace = param["x-fc3-trace"].as_str().map(str::to_string);
        if let Some(t) = &trace
            && !["function", "qualifier", "task_id"].contains(&t.as_str())
        {
            bail!("{place}: x-fc3-trace {t:?} is not function, qualifier or task_id");
        }
        Ok(Param {
            required: param["required"].as_bool().unwrap_or(false) || location == "path",
            schema_ref: ref_name(schema),
            constraints,
            default,
            description: text(param, "description"),
            trace,
            requires: conditions(&param["x-fc3-requires"], &format!("{place}.x-fc3-requires"))?,
            wire,
            snake,
            setter,
            location,
        })
    }

    fn body(&self, body: &Value, place: &str, params: &[Param]) -> Result<BodyDef> {
        let content = body["content"]
            .as_object()
            .ok_or_else(|| anyhow!("{place}: the request body has no content"))?;
        if content.len() != 1 {
            bail!("{place}: the request body must have exactly one content type");
        }
        let (mime, media) = content.iter().next().unwrap_or_else(|| unreachable!());
        let json_schema = if mime == "application/octet-stream" {
            None
        } else {
            Some(ref_name(&media["schema"]).ok_or_else(|| {
                anyhow!("{place}: a JSON request body must `$ref` a component schema")
            })?)
        };
        let mut limits = Vec::new();
        for (i, limit) in body["x-fc3-max-bytes"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{place}.requestBody.x-fc3-max-bytes[{i}]");
            let when = conditions(&limit["when"], &at)?;
            for (p, _) in &when {
                if !params.iter().any(|param| &param.wire == p) {
                    bail!("{at}: {p} is not a parameter of the operation");
                }
            }
            limits.push(LimitDef {
                name: limit["name"]
                    .as_str()
                    .ok_or_else(|| anyhow!("{at}: a limit needs a name"))?
                    .to_string(),
                when,
                bytes: limit["bytes"]
                    .as_u64()
                    .ok_or_else(|| anyhow!("{at}: bytes must be a whole number"))?,
            });
        }
        Ok(BodyDef {
            json_schema,
            required: body["required"].as_bool().unwrap_or(false),
            setter: body["x-fc3-name"].as_str().unwrap_or("body").to_string(),
            limits,
            description: text(body, "description"),
        })
    }

    fn retry(&self, retry: &Value, place: &str, params: &[Param]) -> Result<RetryDef> {
        let at = format!("{place}.x-fc3-retry");
        if retry.is_null() {
            bail!("{at} is missing: every operation says when a failed attempt may be sent again");
        }
        let class = |v: &Value, where_: &str| -> Result<String> {
            let c = v.as_str().unwrap_or_default();
            if RETRY_CLASSES.contains(&c) {
                Ok(c.to_string())
            } else {
                bail!(
                    "{where_}: class {c:?} is not one of {}",
                    RETRY_CLASSES.join(", ")
                )
            }
        };
        let mut cases = Vec::new();
        for (i, case) in retry["cases"].as_array().into_iter().flatten().enumerate() {
            let where_ = format!("{at}.cases[{i}]");
            let when = conditions(&case["when"], &where_)?;
            for (p, _) in &when {
                if !params.iter().any(|param| &param.wire == p) {
                    bail!("{where_}: {p} is not a parameter of the operation");
                }
            }
            let conflict = match case["conflict-after-retry"].as_str() {
                None => false,
                Some("accepted") => true,
                Some(other) => bail!("{where_}: conflict-after-retry {other:?} is not `accepted`"),
            };
            cases.push(RetryCaseDef {
                when,
                class: class(&case["class"], &where_)?,
                conflict_is_accepted: conflict,
            });
        }
        Ok(RetryDef {
            class: class(&retry["class"], &at)?,
            cases,
            description: text(retry, "description"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_wire_names() {
        assert_eq!(snake_case("x-fc-log-type"), "x_fc_log_type");
        assert_eq!(snake_case("startedTimeBegin"), "started_time_begin");
        assert_eq!(snake_case("functionName"), "function_name");
        assert_eq!(snake_case("InvokeFunction"), "invoke_function");
        assert_eq!(
            snake_case("ListAsyncInvokeConfigs"),
            "list_async_invoke_configs"
        );
        assert_eq!(screaming("x-fc-request-id"), "X_FC_REQUEST_ID");
    }
}
