//! Fixture files: a `# key: value` header (shell, expect, wire, env) followed by the pasted input.

use curl2code::{Dialect, Options};
use std::path::Path;

/// One tests/fixtures/*.sh file.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// File stem, e.g. `data_urlencode_name_at_file`.
    pub name: String,
    /// The pasted text, header removed.
    pub input: String,
    /// `# shell:`, when forced.
    pub shell: Option<Dialect>,
    /// `# expect: error`.
    pub expect_error: bool,
    /// `# wire: skip <reason>`.
    pub wire_skip: Option<String>,
    /// `# env: NAME=value` lines.
    pub env: Vec<(String, String)>,
}

const KEYS: [&str; 4] = ["shell", "expect", "wire", "env"];

impl Fixture {
    /// Reads and splits a fixture; panics with the file name on a malformed header.
    pub fn load(path: &Path) -> Fixture {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut fx = Fixture {
            name,
            input: String::new(),
            shell: None,
            expect_error: false,
            wire_skip: None,
            env: Vec::new(),
        };
        let mut rest = text.as_str();
        // Header lines are `# key: value` with a known key; anything else starts the input.
        while let Some((key, value, after)) = header_line(rest) {
            match key {
                "shell" => fx.shell = Some(value.parse().expect("shell header")),
                "expect" => fx.expect_error = value == "error",
                "wire" => fx.wire_skip = Some(value.trim_start_matches("skip").trim().to_string()),
                "env" => {
                    let (k, v) = value.split_once('=').expect("env header is NAME=value");
                    fx.env.push((k.to_string(), v.to_string()));
                }
                _ => unreachable!(),
            }
            rest = after;
        }
        fx.input = rest.to_string();
        fx
    }

    /// Conversion options for this fixture (the forced shell, default retry policy).
    pub fn options(&self) -> Options {
        Options {
            shell: self.shell,
            ..Options::default()
        }
    }
}

fn header_line(text: &str) -> Option<(&str, &str, &str)> {
    let line_end = text.find('\n')?;
    let (key, value) = text[..line_end].strip_prefix("# ")?.split_once(": ")?;
    KEYS.contains(&key)
        .then(|| (key, value.trim_end_matches('\r'), &text[line_end + 1..]))
}
