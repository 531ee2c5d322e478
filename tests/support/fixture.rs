//! Fixture files: a `# key: value` header (shell, expect, wire, env, known, options) followed by
//! the pasted input;
//! and, for the wire suite, URL rewriting to the loopback capture server.

use curl2code::{Dialect, Options};
use std::path::{Path, PathBuf};

/// The eight everyday commands of issue 11 (and its size-target command first): the shape tests
/// budget their programs, the snapshot suite pins them whole.
pub const EVERYDAY: [&str; 9] = [
    "everyday_post_json_bearer",
    "real_github_api_bearer_env",
    "data_json_flag_adds_headers",
    "real_stripe_form_post",
    "form_file_upload",
    "everyday_get_urlencode_basic_auth",
    "upload_file_put",
    "everyday_cookies_agent_referer_follow",
    "chrome_copy_as_curl_post_json",
];

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
    /// `# known: LANG reason`: a documented wire difference of one target (its library cannot
    /// do what curl does); the wire suite reports it as known instead of failing.
    pub known: Vec<(String, String)>,
    /// `# options: --env-secrets`: curl2code flags the fixture converts with.
    pub env_secrets: bool,
}

const KEYS: [&str; 6] = ["shell", "expect", "wire", "env", "known", "options"];

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
            known: Vec::new(),
            env_secrets: false,
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
                "known" => {
                    let (lang, why) = value.split_once(' ').expect("known header is LANG reason");
                    fx.known.push((lang.to_string(), why.to_string()));
                }
                "options" => {
                    for flag in value.split_whitespace() {
                        match flag {
                            "--env-secrets" => fx.env_secrets = true,
                            other => panic!("{}: unknown option {other}", path.display()),
                        }
                    }
                }
                _ => unreachable!(),
            }
            rest = after;
        }
        fx.input = rest.to_string();
        fx
    }

    /// The documented wire difference of `lang`, if any.
    pub fn known_difference(&self, lang: &str) -> Option<&str> {
        self.known
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, why)| why.as_str())
    }

    /// Conversion options: the fixture's shell, files read from tests/fixtures/files.
    /// The fixture tests/fixtures/NAME.sh.
    pub fn named(name: &str) -> Fixture {
        Fixture::load(&fixtures_dir().join(format!("{name}.sh")))
    }

    /// The program for `target` (`--exact` when `exact`); panics with the fixture's name on an
    /// error.
    pub fn convert(&self, target: curl2code::Target, exact: bool) -> String {
        let options = Options {
            exact,
            ..self.options()
        };
        curl2code::convert(&self.input, target, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", self.name))
            .code
    }

    /// What curl2code converts this fixture with: its shell, its files folder, its flags.
    pub fn options(&self) -> Options {
        Options {
            shell: self.shell,
            base_dir: Some(files_dir()),
            env_secrets: self.env_secrets,
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

impl Fixture {
    /// Where the fixture file is.
    pub fn path(&self) -> PathBuf {
        fixtures_dir().join(format!("{}.sh", self.name))
    }

    /// The shell its input is written for (bash unless `# shell:` says otherwise).
    pub fn dialect(&self) -> Dialect {
        self.shell.unwrap_or(Dialect::Bash)
    }
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
    let filter = env_list("CURL2CODE_FIXTURES");
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
        out.push(Fixture::load(&path));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Rewrites every `http(s)://host[:port]` in `input` to `origin` (e.g. `http://127.0.0.1:4567`),
/// keeping userinfo, path, query and fragment. The scheme becomes `http`: the capture server speaks
/// plain HTTP. Scheme-less URLs of the fixtures' fake hosts (`localhost[:port]`, `*example.com[:port]`,
/// at the start of a shell word) get the new host:port and stay scheme-less, so the converter's
/// default scheme is still exercised.
pub fn rewrite_urls(input: &str, origin: &str) -> String {
    let new_authority = origin
        .split_once("://")
        .map_or(origin, |(_, a)| a)
        .trim_end_matches('/');
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    loop {
        let lower = rest.to_ascii_lowercase();
        let with_scheme = [("http://", 7), ("https://", 8)]
            .iter()
            .filter_map(|(p, len)| lower.find(p).map(|i| (i, *len)))
            .min();
        let schemeless = find_schemeless(&out, &lower);
        let (at, scheme_len) = match (with_scheme, schemeless) {
            (Some(w), Some(s)) if s < w.0 => (s, 0),
            (Some(w), _) => w,
            (None, Some(s)) => (s, 0),
            (None, None) => {
                out.push_str(rest);
                return out;
            }
        };
        out.push_str(rest.get(..at).unwrap_or_default());
        if scheme_len > 0 {
            out.push_str("http://");
        }
        let after = rest.get(at + scheme_len..).unwrap_or_default();
        let end = authority_end(after);
        let authority = after.get(..end).unwrap_or_default();
        if let Some(i) = authority.rfind('@') {
            out.push_str(authority.get(..=i).unwrap_or_default());
        }
        out.push_str(new_authority);
        rest = after.get(end..).unwrap_or_default();
    }
}

/// Where the authority starting at `s` ends: at the path, query, fragment, or anything a shell
/// treats specially.
fn authority_end(s: &str) -> usize {
    s.find(|c: char| {
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
    .unwrap_or(s.len())
}

/// The first scheme-less fake host in `lower` that starts a shell word (after whitespace or an
/// opening quote, not after `Name: ` as in a Host header). `done` is the text already emitted.
fn find_schemeless(done: &str, lower: &str) -> Option<usize> {
    let bytes = lower.as_bytes();
    let mut best = None;
    for host in ["localhost", "example.com"] {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|s| s.find(host)) {
            let at = from + i;
            from = at + host.len();
            // Walk back over subdomain labels (`api.` in `api.example.com`).
            let mut start = at;
            while start > 0
                && bytes
                    .get(start - 1)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'-')
            {
                start -= 1;
            }
            let before = |k: usize| -> Option<u8> {
                if k <= start {
                    let idx = start - k;
                    bytes.get(idx).copied()
                } else {
                    (done.len() + start)
                        .checked_sub(k)
                        .and_then(|idx| done.as_bytes().get(idx).copied())
                }
            };
            let word_start = match before(1) {
                None => true,
                Some(b) => b.is_ascii_whitespace() || b == b'\'' || b == b'"',
            };
            // `Host: api.example.com` is a header value, not a URL.
            let header_value = matches!((before(1), before(2)), (Some(b' '), Some(b':')));
            let after = bytes.get(at + host.len());
            let host_end = matches!(
                after,
                None | Some(b':' | b'/' | b'?' | b'\'' | b'"' | b' ' | b'\n')
            );
            if word_start && !header_value && host_end {
                best = Some(best.map_or(start, |b: usize| b.min(start)));
                break;
            }
        }
    }
    best
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

/// The comma-separated names in environment variable `var` (a filter such as
/// `CURL2CODE_FIXTURES=a,b`); empty when it is unset.
pub fn env_list(var: &str) -> Vec<String> {
    std::env::var(var)
        .map(|f| {
            f.split(',')
                .map(str::to_string)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}
