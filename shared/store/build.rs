//! Writes the table's key schema from the SAM template's `Table` resource as Rust
//! (`$OUT_DIR/table_def.rs`, included by `TableDef::deployed`): the functions then neither
//! parse YAML at start nor link a YAML parser. A broken key schema fails the build.

#[path = "src/table/schema.rs"]
#[allow(dead_code)] // the library's accessors
mod schema;
#[path = "src/table/template.rs"]
mod template;

use std::fmt::Write;

const TEMPLATE: &str = "../../infra/template.yaml";

fn main() {
    println!("cargo::rerun-if-changed={TEMPLATE}");
    println!("cargo::rerun-if-changed=src/table/schema.rs");
    println!("cargo::rerun-if-changed=src/table/template.rs");
    let template = std::fs::read_to_string(TEMPLATE).expect("infra/template.yaml is readable");
    let table = template::resource_text(&template, "Table").expect("the template's Table");
    let def = schema::TableDef::from_template(&format!("Resources:\n{table}"))
        .unwrap_or_else(|e| panic!("infra/template.yaml, Table: {e}"));

    let s = |v: &str| format!("{v:?}.to_string()");
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map_or("None".into(), |v| format!("Some({})", s(v)))
    };
    let mut out = String::from("TableDef {\n    attributes: vec![\n");
    for (name, ty) in &def.attributes {
        writeln!(out, "        ({}, {}),", s(name), s(ty)).unwrap();
    }
    writeln!(out, "    ],\n    hash_key: {},", s(&def.hash_key)).unwrap();
    writeln!(
        out,
        "    range_key: {},\n    indexes: vec![",
        opt(&def.range_key)
    )
    .unwrap();
    for ix in &def.indexes {
        writeln!(
            out,
            "        IndexDef {{ name: {}, hash_key: {}, range_key: {} }},",
            s(&ix.name),
            s(&ix.hash_key),
            opt(&ix.range_key)
        )
        .unwrap();
    }
    out.push_str("    ],\n}\n");
    let path =
        std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("table_def.rs");
    std::fs::write(path, out).expect("write table_def.rs");
}
