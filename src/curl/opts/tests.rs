//! The table's own invariants: order, unique names, argument kinds that agree with the class.

use super::*;
use std::collections::HashSet;

#[test]
fn table_is_sorted_without_duplicate_long_names() {
    for pair in OPTIONS.windows(2) {
        assert!(
            pair[0].long < pair[1].long,
            "{} before {}",
            pair[0].long,
            pair[1].long
        );
    }
}

#[test]
fn short_letters_are_unique_and_ascii() {
    let mut seen = HashSet::new();
    for o in OPTIONS {
        if let Some(c) = o.short {
            assert!(c.is_ascii_graphic(), "{}", o.long);
            assert!(seen.insert(c), "-{c} is used twice");
        }
    }
}

/// A value option is built from its value, a boolean from on/off, a switch from nothing: the
/// row's argument kind and its `Build` must agree, or the parser would drop a value.
#[test]
fn argument_kinds_agree_with_how_the_option_is_built() {
    for o in OPTIONS {
        if let Support::Applied(b) = o.support {
            let fits = match b {
                Build::Value(_) => o.arg == ArgKind::Value,
                Build::Flag(_) => o.negatable(),
                Build::Switch(_) => o.arg == ArgKind::Switch,
            };
            assert!(fits, "--{}: {:?} built by {b:?}", o.long, o.arg);
        }
        assert!(
            !o.long.starts_with("no-"),
            "{} must be stored without no-",
            o.long
        );
        assert!(!o.help.is_empty(), "--{} has no help line", o.long);
        assert!(o.limits.is_empty() || o.is_applied(), "--{}", o.long);
    }
}

/// Each applied row builds a distinct variant: two rows sharing one would lower alike by
/// accident.
#[test]
fn applied_rows_build_distinct_variants() {
    let mut seen = HashSet::new();
    for o in OPTIONS {
        let Some(opt) = o.build(Some(Text::default()), false) else {
            continue;
        };
        // `--tlsv1` is curl's old name of `--tlsv1.0`: the same variant on purpose.
        if matches!(opt, Opt::NoEffect(_) | Opt::Unsupported(_)) || o.long == "tlsv1" {
            continue;
        }
        let name = format!("{opt:?}");
        // A switch's value tells rows apart (`TlsMin(2)`); a Text argument's does not.
        let variant = match opt {
            Opt::TlsMin(_) => name,
            _ => name
                .split(['(', ' '])
                .next()
                .unwrap_or_default()
                .to_string(),
        };
        assert!(seen.insert(variant.clone()), "{variant} is built twice");
    }
    assert_eq!(seen.len(), 108);
}

#[test]
fn lookups_find_common_options() {
    assert_eq!(by_long("data").map(|o| o.short), Some(Some('d')));
    assert_eq!(by_short('X').map(|o| o.long), Some("request"));
    assert_eq!(
        by_short('N').map(|o| o.documented()),
        Some("--no-buffer".to_string())
    );
    assert!(by_long("nope").is_none());
    assert!(by_long("http1.1").is_some_and(|o| !o.negatable() && !o.takes_value()));
    assert!(OPTIONS.len() > 250);
}

#[test]
fn statuses_name_the_target_limits() {
    let digest = by_long("digest").expect("row");
    assert_eq!(digest.status("python"), Status::Applied);
    assert!(matches!(digest.status("rust"), Status::Refused(w) if w.contains("reqwest")));
    assert!(matches!(digest.status("rust-blocking"), Status::Refused(w) if w.contains("reqwest")));
    let socks = by_long("socks5").expect("row");
    assert_eq!(socks.status("rust"), Status::Applied);
    assert_eq!(socks.status("rust-blocking"), Status::Applied);
    assert!(matches!(socks.status("javascript"), Status::Refused(_)));
    let aws = by_long("aws-sigv4").expect("row");
    assert!(matches!(aws.status("python"), Status::Refused(_)));
    assert_eq!(
        by_long("silent").map(|o| o.status("rust")),
        Some(Status::NoEffect)
    );
    assert_eq!(
        by_long("ftp-pasv").map(|o| o.status("python")),
        Some(Status::Refused(reasons::FTP))
    );
}

/// A flavour has its own rows' limits, else its core language's.
#[cfg(feature = "javascript")]
#[test]
fn flavours_take_their_own_limits_then_their_core_languages() {
    let digest = by_long("digest").expect("row");
    assert!(matches!(digest.status("javascript-axios"), Status::Refused(w) if w.contains("axios")));
    assert!(matches!(digest.status("typescript"), Status::Refused(w) if w.contains("fetch")));
    let aws = by_long("aws-sigv4").expect("row");
    assert!(matches!(aws.status("typescript"), Status::Refused(_)));
    assert_eq!(
        by_long("user").map(|o| o.status("javascript-axios")),
        Some(Status::Applied)
    );
}

/// reqwest::blocking has every client and request call the async client has (the generated
/// programs differ only in `.await` and the sleep), so `rust-blocking` refuses what `rust` does.
#[test]
fn rust_blocking_refuses_what_rust_refuses() {
    for o in OPTIONS {
        assert_eq!(o.status("rust"), o.status("rust-blocking"), "--{}", o.long);
    }
}
