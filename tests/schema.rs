//! The committed JSON Schemas (`schema/*.schema.json`) against the wire
//! types and against the committed dataset.
//!
//! The first test fails when a wire type of `src/record.rs` changed without
//! regenerating the schema (`claimscan schema claims >
//! schema/claim.schema.json`, likewise `manifest`); the others validate
//! every record of `extracted/claims.jsonl` and `extracted/manifest.json`
//! with the `jsonschema` crate, and check that the schemas reject what the
//! format forbids.

use claimscan::{SchemaKind, schema_json};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_claimscan");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed(name: &str) -> String {
    std::fs::read_to_string(root().join("schema").join(name)).unwrap()
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&committed(name)).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn committed_schemas_match_the_wire_types() {
    for (kind, name, arg) in [
        (SchemaKind::Claims, "claim.schema.json", "claims"),
        (SchemaKind::Manifest, "manifest.schema.json", "manifest"),
    ] {
        let generated = schema_json(kind);
        assert!(
            generated == committed(name),
            "schema/{name} is stale: the wire types changed. Regenerate it with \
             `cargo run -- schema {arg} > schema/{name}`, and bump SCHEMA_VERSION's major \
             version if a field was renamed or removed"
        );
        let o = Command::new(BIN).args(["schema", arg]).output().unwrap();
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(String::from_utf8(o.stdout).unwrap(), generated, "claimscan schema {arg}");
    }
    let o = Command::new(BIN).arg("schema").output().unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), schema_json(SchemaKind::Claims));
}

#[test]
fn every_record_of_the_dataset_is_valid() {
    let v = validator("claim.schema.json");
    let claims = std::fs::read_to_string(root().join("extracted/claims.jsonl")).unwrap();
    let mut n = 0;
    for (i, line) in claims.lines().enumerate() {
        let record: Value = serde_json::from_str(line).unwrap();
        let errs = errors(&v, &record);
        assert!(errs.is_empty(), "extracted/claims.jsonl:{}: {errs:?}", i + 1);
        n += 1;
    }
    assert!(n > 0, "extracted/claims.jsonl is empty");
}

#[test]
fn the_manifest_is_valid() {
    let v = validator("manifest.schema.json");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(root().join("extracted/manifest.json")).unwrap())
            .unwrap();
    let errs = errors(&v, &manifest);
    assert!(errs.is_empty(), "extracted/manifest.json: {errs:?}");
}

#[test]
fn the_schemas_reject_what_the_format_forbids() {
    let v = validator("claim.schema.json");
    let claims = std::fs::read_to_string(root().join("extracted/claims.jsonl")).unwrap();
    let good: Value = serde_json::from_str(claims.lines().next().unwrap()).unwrap();
    let cases: [(&str, &str, Value); 6] = [
        ("unknown bound", "bound", json!("roughly")),
        ("population not a name", "population", json!("")),
        ("negative offset", "start", json!(-1)),
        ("line 0", "line", json!(0)),
        ("subject without offsets", "subject", json!({"text": "x"})),
        ("unknown audit flag", "audit", json!("lost")),
    ];
    for (name, field, value) in cases {
        let mut bad = good.clone();
        bad[field] = value;
        assert!(!errors(&v, &bad).is_empty(), "case {name}: accepted");
    }
    let mut negative = good.clone();
    negative["value"] = json!(-0.1);
    assert!(errors(&v, &negative).is_empty(), "a negative value (\"-0.1%\") is valid");
    let mut flagged = good.clone();
    flagged["audit"] = json!("missing");
    assert!(errors(&v, &flagged).is_empty(), "a record flagged by audit --fix is valid");
    let mut missing = good;
    missing.as_object_mut().unwrap().remove("evidence");
    assert!(!errors(&v, &missing).is_empty(), "case missing field: accepted");

    let v = validator("manifest.schema.json");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(root().join("extracted/manifest.json")).unwrap())
            .unwrap();
    let mut bad = manifest;
    bad["articles"][0]["bytes"] = json!("many");
    assert!(!errors(&v, &bad).is_empty(), "case bytes as a string: accepted");
}
