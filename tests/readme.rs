//! README.md shows the default output for one command in full, per language: this keeps those
//! blocks equal to what the converter writes today (regenerate them with the program itself).

use curl2code::{Options, Target};

const COMMAND: &str = r#"curl -X POST https://api.example.com/v1/items -H 'Content-Type: application/json' -H 'Authorization: Bearer abc123' -d '{"name":"widget","qty":2}'"#;

/// The text of the first fenced block opened with "```LANG".
fn block<'a>(readme: &'a str, lang: &str) -> &'a str {
    let open = format!("```{lang}\n");
    let start = readme.find(&open).expect("the README has the block") + open.len();
    let len = readme[start..].find("\n```").expect("the block is closed");
    &readme[start..start + len]
}

#[test]
fn readme_examples_are_todays_output() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    assert!(readme.contains(COMMAND), "the README names the command");
    let mut counts = Vec::new();
    for (fence, target) in [
        ("python", Target::Python),
        ("javascript", Target::JavaScript),
        ("rust", Target::Rust),
    ] {
        let code = curl2code::convert(COMMAND, target, &Options::default())
            .expect("converts")
            .code;
        let code = code.trim_end_matches('\n');
        assert_eq!(
            block(&readme, fence),
            code,
            "README's {fence} example is stale: paste today's output"
        );
        counts.push(code.lines().count().to_string());
    }
    let said = format!("({} lines", counts.join(" / "));
    assert!(readme.contains(&said), "README should say {said}");
}
