//! tests/fixtures/*.sh: the `# key: value` header, the pasted input, and URL rewriting to the loopback server.

use curl2code::Dialect;
use std::path::{Path, PathBuf};

/// One fixture file.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// File stem, e.g. `data_urlencode_name_at_file`.
    pub name: String,
    /// Where it is.
    pub path: PathBuf,
    /// `# shell:` (default bash).
    pub shell: Dialect,
    /// `# expect: error`.
    pub expect_error: bool,
    /// `# wire: skip <reason>`.
    pub wire_skip: Option<String>,
    /// `# env: NAME=value`, in order.
    pub env: Vec<(String, String)>,
    /// Everything after the header: the pasted text.
    pub input: String,
}

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// tests/fixtures.
pub fn fixtures_dir() -> PathBuf {
    repo_root().join("tests").join("fixtures")
}

/// tests/fixtures/files: what fixtures refer to (`@body.json`, `-T up.bin`); copied to each run's cwd.
pub fn files_dir() -> PathBuf {
    fixtures_dir().join("files")
}

/// Every fixture, sorted by name. `CURL2CODE_FIXTURES=a,b` keeps only names containing a or b.
pub fn load_all() -> Vec<Fixture> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(fixtures_dir()) else {
        return out;
    };
    let filter: Vec<String> = std::env::var("CURL2CODE_FIXTURES")
        .map(|f| {
            f.split(',')
                .map(str::to_string)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("sh") {
            continue;
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        match load(&path) {
            Ok(f) => out.push(f),
            Err(e) => panic!("fixture {}: {e}", path.display()),
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Reads and parses one fixture file.
pub fn load(path: &Path) -> Result<Fixture, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse(&name, path, &text)
}

/// Splits `text` into the header and the input.
pub fn parse(name: &str, path: &Path, text: &str) -> Result<Fixture, String> {
    let mut f = Fixture {
        name: name.to_string(),
        path: path.to_path_buf(),
        shell: Dialect::Bash,
        expect_error: false,
        wire_skip: None,
        env: Vec::new(),
        input: String::new(),
    };
    let mut rest = text;
    while let Some(line_end) = rest.find('\n').or((!rest.is_empty()).then_some(rest.len())) {
        let line = rest.get(..line_end).unwrap_or_default();
        let Some(header) = line.strip_prefix("# ") else {
            break;
        };
        let Some((key, value)) = header.split_once(':') else {
            return Err(format!("header line without `key: value`: {line:?}"));
        };
        let value = value.trim();
        match key.trim() {
            "shell" => {
                f.shell = value
                    .parse()
                    .map_err(|e| format!("bad `# shell:` value: {e}"))?;
            }
            "expect" => f.expect_error = value == "error",
            "wire" => {
                let reason = value
                    .strip_prefix("skip")
                    .ok_or_else(|| format!("`# wire:` must be `skip <reason>`, got {value:?}"))?;
                f.wire_skip = Some(reason.trim().to_string());
            }
            "env" => {
                let (k, v) = value
                    .split_once('=')
                    .ok_or_else(|| format!("`# env:` must be NAME=value, got {value:?}"))?;
                f.env.push((k.trim().to_string(), v.to_string()));
            }
            // Other keys (notes for snapshot tests, etc.) do not concern the wire suite.
            _ => {}
        }
        rest = rest.get(line_end + 1..).unwrap_or_default();
    }
    f.input = rest.to_string();
    Ok(f)
}

/// Rewrites every `http(s)://host[:port]` in `input` to `origin` (e.g. `http://127.0.0.1:4567`),
/// keeping userinfo, path, query and fragment. The scheme becomes `http`: the capture server speaks
/// plain HTTP.
pub fn rewrite_urls(input: &str, origin: &str) -> String {
    let new_authority = origin
        .split_once("://")
        .map_or(origin, |(_, a)| a)
        .trim_end_matches('/');
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    loop {
        let lower = rest.to_ascii_lowercase();
        let found = [("http://", 7), ("https://", 8)]
            .iter()
            .filter_map(|(p, len)| lower.find(p).map(|i| (i, *len)))
            .min();
        let Some((at, scheme_len)) = found else {
            out.push_str(rest);
            return out;
        };
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str("http://");
        let after = rest.get(at + scheme_len..).unwrap_or_default();
        // The authority ends at the path, query, fragment, or anything a shell treats specially.
        let end = after
            .find(|c: char| {
                matches!(
                    c,
                    '/' | '?'
                        | '#'
                        | '\''
                        | '"'
                        | '\\'
                        | '^'
                        | '`'
                        | '<'
                        | '>'
                        | '('
                        | ')'
                        | ','
                        | ';'
                        | '|'
                        | '&'
                ) || c.is_whitespace()
            })
            .unwrap_or(after.len());
        let authority = after.get(..end).unwrap_or_default();
        if let Some(i) = authority.rfind('@') {
            out.push_str(authority.get(..=i).unwrap_or_default());
        }
        out.push_str(new_authority);
        rest = after.get(end..).unwrap_or_default();
    }
}

/// A Rust identifier for a fixture or scenario name (`f_` + lower-case alphanumerics and `_`).
pub fn ident(name: &str) -> String {
    let mut s = String::from("f_");
    for c in name.chars() {
        s.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        });
    }
    s
}
