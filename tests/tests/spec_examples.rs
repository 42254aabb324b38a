//! Every example in the spec deserializes into its generated model and serializes back to the
//! same JSON; the schema schemars derives from each model agrees with the spec. (That every
//! schema and operation has an example, and that each validates against its schema, is the
//! house rules' test in crates/fc3-codegen/tests/lint.rs; that every enforced limit is
//! declared, spec_constraints.rs.)

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn spec_json() -> Value {
    let root = fc3_codegen::workspace_root();
    let spec =
        fc3_codegen::load_spec(&root.join(fc3_codegen::SPEC_PATH)).expect("loading the spec");
    serde_json::to_value(spec).unwrap()
}

fn round_trip<T: DeserializeOwned + Serialize>(example: &Value) -> Result<(), String> {
    let typed: T =
        serde_json::from_value(example.clone()).map_err(|e| format!("deserialize: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("serialize: {e}"))?;
    if &back == example {
        Ok(())
    } else {
        Err(format!("serialized back as {back}, not {example}"))
    }
}

/// Runs `$body` with `T` bound to the generated model of each component schema name.
macro_rules! for_model {
    ($name:expr, $f:ident $(, $arg:expr)*) => {
        match $name {
            "AsyncConfig" => $f::<fc3_models::AsyncConfig>($($arg),*),
            "AsyncTask" => $f::<fc3_models::AsyncTask>($($arg),*),
            "AsyncTaskEvent" => $f::<fc3_models::AsyncTaskEvent>($($arg),*),
            "AsyncTaskId" => $f::<fc3_models::AsyncTaskId>($($arg),*),
            "AsyncTaskStatus" => $f::<fc3_models::AsyncTaskStatus>($($arg),*),
            "Destination" => $f::<fc3_models::Destination>($($arg),*),
            "DestinationArn" => $f::<fc3_models::DestinationArn>($($arg),*),
            "DestinationConfig" => $f::<fc3_models::DestinationConfig>($($arg),*),
            "DestinationRecord" => $f::<fc3_models::DestinationRecord>($($arg),*),
            "DestinationRequestContext" => $f::<fc3_models::DestinationRequestContext>($($arg),*),
            "DestinationResponseContext" => $f::<fc3_models::DestinationResponseContext>($($arg),*),
            "Error" => $f::<fc3_models::Error>($($arg),*),
            "FunctionName" => $f::<fc3_models::FunctionName>($($arg),*),
            "InvocationType" => $f::<fc3_models::InvocationType>($($arg),*),
            "ListAsyncInvokeConfigOutput" => $f::<fc3_models::ListAsyncInvokeConfigOutput>($($arg),*),
            "ListAsyncTaskOutput" => $f::<fc3_models::ListAsyncTaskOutput>($($arg),*),
            "LogType" => $f::<fc3_models::LogType>($($arg),*),
            "PutAsyncInvokeConfigInput" => $f::<fc3_models::PutAsyncInvokeConfigInput>($($arg),*),
            "Qualifier" => $f::<fc3_models::Qualifier>($($arg),*),
            "SortOrder" => $f::<fc3_models::SortOrder>($($arg),*),
            "TaskId" => $f::<fc3_models::TaskId>($($arg),*),
            other => Err(format!("no generated model is mapped for component schema {other}")),
        }
    };
}

fn ref_name(schema: &Value) -> Option<&str> {
    schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
}

/// Checks one example against the schema it illustrates: a `$ref` round-trips through the
/// model; an inline scalar must have the JSON type the schema says.
fn check_example(schema: &Value, example: &Value) -> Result<(), String> {
    if let Some(name) = ref_name(schema) {
        return for_model!(name, round_trip, example);
    }
    let ty = schema["type"].as_str().unwrap_or("");
    let ok = match ty {
        "string" => example.is_string(),
        "integer" => {
            let n = example.as_i64();
            let min = schema["minimum"].as_f64().unwrap_or(f64::MIN);
            let max = schema["maximum"].as_f64().unwrap_or(f64::MAX);
            n.is_some_and(|n| (n as f64) >= min && (n as f64) <= max)
        }
        "boolean" => example.is_boolean(),
        other => return Err(format!("inline schema of type {other:?} not expected")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{example} does not fit {schema}"))
    }
}

/// Every example in the spec (found by the house rules' walk) with a label saying where it
/// is and the schema it illustrates: a component schema's own example as a `$ref` to it, so
/// that it round-trips through its model.
fn examples(spec: &Value) -> Vec<(String, Value, Value)> {
    fc3_codegen::lint::examples::examples(spec)
        .into_iter()
        .filter_map(|example| {
            let pointer = example.schema?;
            let schema = match pointer.strip_prefix("#/components/schemas/") {
                Some(name) if !name.contains('/') => json!({ "$ref": pointer }),
                _ => fc3_codegen::spec::at(spec, &pointer)?.clone(),
            };
            Some((example.place, schema, example.value))
        })
        .collect()
}

#[test]
fn every_spec_example_round_trips_through_its_model() {
    let spec = spec_json();
    let examples = examples(&spec);
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|(label, schema, example)| {
            check_example(schema, example)
                .err()
                .map(|e| format!("{label}: {e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
    assert!(
        examples.len() >= 80,
        "only {} examples found: the walk over the spec is broken",
        examples.len()
    );
}

#[test]
fn a_broken_example_is_caught() {
    // The round trip must be able to fail: an unknown enum value, a mistyped field, an id
    // against the pattern, and a key the model does not know (it would be silently dropped).
    assert!(for_model!("LogType", round_trip, &json!("Verbose")).is_err());
    assert!(
        for_model!(
            "AsyncConfig",
            round_trip,
            &json!({"maxAsyncRetryAttempts": "3"})
        )
        .is_err()
    );
    assert!(for_model!("AsyncTaskId", round_trip, &json!("9-starts-with-a-digit")).is_err());
    assert!(for_model!("AsyncConfig", round_trip, &json!({"maxRetries": 3})).is_err());
    assert!(for_model!("NoSuchSchema", round_trip, &json!({})).is_err());
}

#[test]
fn zero_retry_attempts_survive_a_round_trip() {
    let mut input = fc3_models::PutAsyncInvokeConfigInput::default();
    input.max_async_retry_attempts = Some(0);
    let text = serde_json::to_string(&input).unwrap();
    assert_eq!(text, r#"{"maxAsyncRetryAttempts":0}"#);
    let back: fc3_models::PutAsyncInvokeConfigInput = serde_json::from_str(&text).unwrap();
    assert_eq!(back.max_async_retry_attempts, Some(0));
    let config: fc3_models::AsyncConfig =
        serde_json::from_str(r#"{"maxAsyncRetryAttempts":0}"#).unwrap();
    assert_eq!(config.max_async_retry_attempts, Some(0));
    assert_eq!(
        serde_json::to_value(&config).unwrap(),
        json!({"maxAsyncRetryAttempts": 0})
    );
    // And an unset value is not sent at all.
    assert_eq!(
        serde_json::to_string(&fc3_models::PutAsyncInvokeConfigInput::default()).unwrap(),
        "{}"
    );
}

/// The JSON type of a schema (`string`, `integer`, `object`, ...), following `$ref`s,
/// `allOf`/`anyOf` wrappers and nullable unions.
fn json_type(schema: &Value, definitions: &dyn Fn(&str) -> Value) -> String {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        return json_type(&definitions(name), definitions);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = schema[key].as_array() {
            let types: BTreeSet<String> = list
                .iter()
                .map(|s| json_type(s, definitions))
                .filter(|t| t != "null")
                .collect();
            return types.into_iter().collect::<Vec<_>>().join("|");
        }
    }
    match &schema["type"] {
        Value::String(t) => t.clone(),
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join("|"),
        _ if schema["enum"].is_array() => "string".to_string(),
        _ => "unknown".to_string(),
    }
}

/// Property names with their JSON types, the required set, the schema's own JSON type and its
/// enum values.
type Shape = (
    BTreeMap<String, String>,
    BTreeSet<String>,
    String,
    BTreeSet<String>,
);

fn shape(schema: &Value, definitions: &dyn Fn(&str) -> Value) -> Shape {
    let properties = schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, s)| (name.clone(), json_type(s, definitions)))
        .collect();
    let required = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let values = schema["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    (properties, required, json_type(schema, definitions), values)
}

fn schemars_of<T: schemars::JsonSchema>() -> Result<Value, String> {
    Ok(serde_json::to_value(schemars::schema_for!(T)).unwrap())
}

#[test]
fn schemars_schemas_agree_with_the_spec() {
    let spec = spec_json();
    let components = spec["components"]["schemas"].clone();
    let from_spec = |name: &str| components[name].clone();
    let mut compared = 0;
    for (name, spec_schema) in components.as_object().unwrap() {
        let derived = for_model!(name.as_str(), schemars_of).unwrap_or_else(|e| panic!("{e}"));
        let definitions = derived["definitions"].clone();
        let from_derived = |n: &str| definitions[n].clone();
        let ours = shape(&derived, &from_derived);
        let theirs = shape(spec_schema, &from_spec);
        assert_eq!(
            ours, theirs,
            "schema {name}: (properties, required, type) derived by schemars differ from the spec"
        );
        compared += 1;
    }
    assert_eq!(compared, 21);

    // The comparison must be able to fail: two different models do not agree.
    let derived = schemars_of::<fc3_models::AsyncConfig>().unwrap();
    let definitions = derived["definitions"].clone();
    assert_ne!(
        shape(&derived, &|n: &str| definitions[n].clone()),
        shape(&components["PutAsyncInvokeConfigInput"], &from_spec)
    );
}
