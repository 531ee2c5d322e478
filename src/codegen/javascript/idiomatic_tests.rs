//! Tests of the default JavaScript program's shape.

use super::*;
use crate::codegen::javascript::data::{json_literal, key};
use crate::ir::Request;
use crate::policy::RetryPolicy;

fn render_one(requests: &[Request], policy: &RetryPolicy) -> String {
    let program = Program {
        requests,
        retry_policy: policy,
        mode: Default::default(),
    };
    render(&program, false, &mut Vec::new())
}

#[test]
fn json_keys_are_quoted_only_when_needed() {
    assert_eq!(key("name"), "name");
    assert_eq!(key("content-type"), "\"content-type\"");
    assert_eq!(key("__proto__"), "[\"__proto__\"]");
    assert_eq!(key("1a"), "\"1a\"");
    let j = crate::codegen::plan::json::parse(r#"{"a":[1,true,null],"b":{"c":"d"}}"#).unwrap();
    assert_eq!(
        json_literal(&j, ""),
        r#"{ a: [1, true, null], b: { c: "d" } }"#
    );
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

/// Every feature sample of the `--exact` tests, in the default mode: a valid ES module
/// (`node --check`, skipped without node), with no private undici internals.
#[test]
fn every_sample_passes_node_check() {
    if !crate::testing::have("node") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("curl2code-js-idiomatic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, requests, policy) in super::super::exact_tests::samples("https://api.example.com") {
        let code = render_one(&requests, &policy);
        assert!(!code.contains("{%") && !code.contains("{{"), "{name}");
        assert!(
            !code.contains("undici") && !code.contains("Symbol.for("),
            "{name}"
        );
        super::super::exact_tests::node_check(&dir, name, &code);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The 502 playbook is opt-in: without its flags no `Upstreams`; with a breaker and a health check
/// main makes one object and hands it to every call, and the helper has no module-global breaker.
#[test]
fn the_playbook_object_is_made_in_main_and_passed_to_each_call() {
    let requests = [
        Request::get("https://a.example.com/1"),
        Request::get("https://a.example.com/2"),
    ];
    let plain = render_one(&requests, &RetryPolicy::default());
    assert!(!plain.contains("Upstreams") && !plain.contains("HEALTH_CHECK"));
    let policy = RetryPolicy {
        circuit_breaker: true,
        health_check: Some("/health".into()),
        health_ttl: Some(0.0),
        ..RetryPolicy::default()
    };
    let code = render_one(&requests, &policy);
    assert_eq!(code.matches("new Upstreams()").count(), 2, "{code}"); // main's, the default
    assert_eq!(code.matches("}, upstreams);").count(), 2, "{code}");
    assert!(code.contains("const HEALTH_TTL = 0"), "{code}");
    assert!(!code.contains("const breaker"), "{code}");
}
