//! Tests of the default JavaScript program's shape.

use super::*;
use crate::policy::RetryPolicy;

fn render_one(requests: &[Request], policy: &RetryPolicy) -> String {
    let program = Program {
        requests,
        retry_policy: policy,
        mode: Default::default(),
    };
    render(&program, &mut Vec::new())
}

#[test]
fn json_keys_are_quoted_only_when_needed() {
    assert_eq!(key("name"), "name");
    assert_eq!(key("content-type"), "\"content-type\"");
    assert_eq!(key("__proto__"), "[\"__proto__\"]");
    assert_eq!(key("1a"), "\"1a\"");
    let j = crate::codegen::plan::json::parse(r#"{"a":[1,true,null],"b":{"c":"d"}}"#).unwrap();
    assert_eq!(json_literal(&j, ""), r#"{ a: [1, true, null], b: { c: "d" } }"#);
}

#[test]
fn a_plain_get_uses_fetch_and_no_node_modules() {
    let code = render_one(
        &[Request::get("https://api.example.com/x")],
        &RetryPolicy::default(),
    );
    assert!(code.contains("async function main() {"), "{code}");
    assert!(code.contains("async function fetchWithRetry(input, init = {}) {"));
    assert!(!code.contains("node:http") && !code.contains("undici"));
}
