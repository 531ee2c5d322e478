//! The shape of the JavaScript programs (issue 11): the everyday commands stay within their line
//! budgets, show the URL early, use no curl impersonation or private undici internals (`--exact`
//! included), and keep the request as data (JSON object, URLSearchParams, FormData).

mod support;

use curl2code::Target;
use support::fixture::Fixture;

/// The everyday commands and the most lines each default program may have.
const BUDGETS: [(&str, usize); 9] = [
    ("everyday_post_json_bearer", 70),
    ("real_github_api_bearer_env", 110),
    ("data_json_flag_adds_headers", 110),
    ("real_stripe_form_post", 110),
    ("form_file_upload", 110),
    ("everyday_get_urlencode_basic_auth", 110),
    ("upload_file_put", 110),
    ("everyday_cookies_agent_referer_follow", 110),
    ("chrome_copy_as_curl_post_json", 110),
];

fn program(name: &str, exact: bool) -> String {
    program_in(Target::JavaScript, name, exact)
}

/// The flavours and the name of their retry helper.
const FLAVOURS: [(Target, &str); 3] = [
    (Target::JavaScript, "async function fetchWithRetry("),
    (Target::JavaScriptAxios, "async function requestWithRetry("),
    (Target::TypeScript, "async function fetchWithRetry("),
];

fn program_in(target: Target, name: &str, exact: bool) -> String {
    Fixture::named(name).convert(target, exact)
}

#[test]
fn everyday_programs_are_short_and_show_the_url_early() {
    for ((name, budget), (target, helper)) in BUDGETS
        .iter()
        .flat_map(|b| FLAVOURS.iter().map(move |f| (*b, *f)))
    {
        let code = program_in(target, name, false);
        let lines = code.lines().count();
        // The flavours' budget is issue 14's: 110 lines for every everyday program.
        let budget = if target == Target::JavaScript {
            budget
        } else {
            110
        };
        let name = format!("{name} ({})", target.name());
        assert!(
            lines <= budget,
            "{name}: {lines} lines (budget {budget})\n{code}"
        );
        let url_line = code
            .lines()
            .position(|l| l.contains("const url = "))
            .unwrap_or(usize::MAX);
        assert!(url_line < 35, "{name}: the URL is on line {}", url_line + 1);
        let main = code.find("async function main()").expect("main");
        let helper = code.find(helper).expect("helper");
        assert!(main < helper, "{name}: main must come before the helper");
    }
}

/// `--exact` keeps the default's layout (main with the request first, then the helper) and
/// reaches curl's bytes through node:http's public API only.
#[test]
fn exact_output_keeps_the_layout_and_uses_public_apis() {
    for (name, _) in BUDGETS {
        let code = program(name, true);
        let main = code.find("async function main()").expect("main");
        let helper = code.find("async function fetchWithRetry(").expect("helper");
        assert!(main < helper, "{name}: main must come before the helper");
        assert!(code.contains("async function nodeFetch("), "{name}");
        for marker in ["undici", "Symbol.for(", "dispatcher", "process.exit("] {
            assert!(
                !code.contains(marker),
                "{name} --exact: contains {marker:?}"
            );
        }
    }
}

#[test]
fn default_output_impersonates_nothing() {
    for ((name, _), (target, _)) in BUDGETS
        .iter()
        .flat_map(|b| FLAVOURS.iter().map(move |f| (*b, *f)))
    {
        let code = program_in(target, name, false);
        for marker in [
            "curl/7.88.1",
            "SKIP_HEADER",
            "undici.globalDispatcher",
            "Symbol.for(",
            "dispatcher",
            "process.exit(",
        ] {
            assert!(!code.contains(marker), "{name}: contains {marker:?}");
        }
    }
}

#[test]
fn bodies_and_queries_are_data() {
    let json = program("everyday_post_json_bearer", false);
    assert!(
        json.contains(r#"body: JSON.stringify({ name: "widget", qty: 2 }),"#),
        "{json}"
    );
    let form = program("real_stripe_form_post", false);
    assert!(form.contains("new URLSearchParams("), "{form}");
    let query = program("everyday_get_urlencode_basic_auth", false);
    assert!(
        query.contains(
            r#"url.search = new URLSearchParams({ q: "blue shoes & socks", lang: "en" });"#
        ),
        "{query}"
    );
    let multipart = program("form_file_upload", false);
    assert!(
        multipart.contains("new FormData()") && multipart.contains("openAsBlob("),
        "{multipart}"
    );
}

/// The helper keeps fetch's contract: it returns the response, never prints a body, never exits.
#[test]
fn the_helper_is_lifted_as_is() {
    let code = program("everyday_post_json_bearer", false);
    let function = |name: &str| {
        let start = code.find(name).expect(name);
        let end = start + code[start..].find("\n}\n").expect("end of function");
        code[start..end].to_string()
    };
    let helper = function("async function fetchWithRetry(");
    // The helper's own lines and those of the one function only it uses.
    let code_lines = [helper.as_str(), &function("function transportFailure(")]
        .iter()
        .flat_map(|f| f.lines())
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .count();
    assert!(code_lines <= 45, "the helper has {code_lines} code lines");
    for forbidden in ["process.", "console.error", "console.log"] {
        assert!(!helper.contains(forbidden), "the helper uses {forbidden}");
    }
    assert!(helper.contains("console.warn(`retry "));
    assert!(helper.contains("AbortSignal.any("));
}

/// The axios helper keeps the same contract around `axios.request(config)`: every status reaches
/// the policy (validateStatus), the last response is returned, nothing is printed but the retry
/// lines.
#[test]
fn the_axios_helper_wraps_axios_request() {
    let code = program_in(Target::JavaScriptAxios, "everyday_post_json_bearer", false);
    let start = code
        .find("async function requestWithRetry(")
        .expect("helper");
    let end = start + code[start..].find("\n}\n").expect("end of function");
    let helper = &code[start..end];
    assert!(code.contains("import axios from \"axios\";"), "{code}");
    assert!(helper.contains("axios.request({ ...config"), "{helper}");
    assert!(helper.contains("validateStatus: () => true"), "{helper}");
    assert!(helper.contains("console.warn(`retry "));
    for forbidden in ["process.", "console.error", "console.log", "fetch("] {
        assert!(!helper.contains(forbidden), "the helper uses {forbidden}");
    }
    assert!(
        code.contains(r#"data: JSON.stringify({ name: "widget", qty: 2 }),"#),
        "{code}"
    );
}
