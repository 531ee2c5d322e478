//! `-z` time conditions, `-C` resume offsets, `--disallow-username-in-url`, `--cert-type` and
//! `--http1.1`: options applied in the IR alone (a header, a refusal, or nothing).

use super::*;

const U: &str = "https://h.example/f";

#[test]
fn time_cond_sends_the_header_curl_picks_by_prefix() {
    // verified: each prefix and the header curl 7.88 sent for it.
    for (arg, name) in [
        ("20231120", "If-Modified-Since"),
        ("+20231120", "If-Modified-Since"),
        ("-20231120", "If-Unmodified-Since"),
        ("=20231120", "Last-Modified"),
    ] {
        let (r, w) = one(&["-z", arg, U]);
        assert!(w.is_empty(), "{arg}: {w:?}");
        assert_eq!(
            hdrs(&r),
            vec![h(name, "Mon, 20 Nov 2023 00:00:00 GMT")],
            "{arg}"
        );
    }
}

#[test]
fn time_cond_reads_zones_and_goes_after_the_cookie() {
    // verified: curl sends Referer, Cookie, If-Modified-Since, then the -H headers; JST is nine
    // hours east of GMT and the military letter A one hour west (curl's sign).
    let (r, _) = one(&[
        "-H",
        "X-Trace: 1",
        "-z",
        "20 Nov 2023 10:11:12 JST",
        "-b",
        "a=1",
        U,
    ]);
    assert_eq!(
        hdrs(&r),
        vec![
            h("Cookie", "a=1"),
            h("If-Modified-Since", "Mon, 20 Nov 2023 01:11:12 GMT"),
            h("X-Trace", "1"),
        ]
    );
    let (r, _) = one(&["-z", "20 Nov 2023 10:11:12 A", U]);
    assert_eq!(
        hdrs(&r),
        vec![h("If-Modified-Since", "Mon, 20 Nov 2023 11:11:12 GMT")]
    );
}

#[test]
fn time_cond_gives_way_to_the_users_header() {
    let (r, _) = one(&["-z", "20231120", "-H", "If-Modified-Since: x", U]);
    assert_eq!(hdrs(&r), vec![h("If-Modified-Since", "x")]);
}

#[test]
fn time_cond_file_form_and_environment_are_refused_with_a_caret() {
    let argv = ["-z", "stamp.txt", U];
    let (r, w) = one(&argv);
    assert!(r.header("If-Modified-Since").is_none());
    let d = w
        .iter()
        .find(|d| d.message.contains("file form is not supported"));
    let d = d.expect("a warning about the file form");
    assert_eq!(at(&argv, d.span), "stamp.txt");
    let (r, w) = one(&["-z", "${STAMP}", U]);
    assert!(r.header("If-Modified-Since").is_none());
    assert!(has_warning(&w, "environment variable"));
}

#[test]
fn continue_at_sends_an_open_range() {
    // verified: `-C 1048576` sends `Range: bytes=1048576-`; `-C 010` sends `bytes=8-` (strtol
    // base 0) and `-C 0x10` `bytes=16-`.
    for (arg, sent) in [
        ("1048576", "bytes=1048576-"),
        ("010", "bytes=8-"),
        ("0x10", "bytes=16-"),
    ] {
        let (r, w) = one(&["-C", arg, U]);
        assert!(w.is_empty(), "{arg}: {w:?}");
        assert_eq!(hdrs(&r), vec![h("Range", sent)], "{arg}");
    }
}

#[test]
fn continue_at_zero_sends_nothing_and_lets_range_apply() {
    // verified: `-C 0` sends no Range; `-C 0 -r 1-2` sends `bytes=1-2`; `-C 5 -r 1-2` sends
    // `bytes=5-` (the resume offset wins).
    let (r, w) = one(&["-C", "0", U]);
    assert!(w.is_empty());
    assert!(r.header("Range").is_none());
    let (r, _) = one(&["-C", "0", "-r", "1-2", U]);
    assert_eq!(hdrs(&r), vec![h("Range", "bytes=1-2")]);
    let (r, _) = one(&["-r", "1-2", "-C", "5", U]);
    assert_eq!(hdrs(&r), vec![h("Range", "bytes=5-")]);
    // A later `-C 0` cancels an earlier offset, as curl keeps only the last.
    let (r, _) = one(&["-C", "5", "-C", "0", U]);
    assert!(r.header("Range").is_none());
}

#[test]
fn continue_at_refusals_point_at_the_argument() {
    for (arg, why) in [
        ("-5", "positive"),
        ("5x", "proper numerical"),
        ("99999999999999999999", "too large"),
    ] {
        let argv = ["-C", arg, U];
        let e = err(&argv);
        assert!(e.message.contains(why), "{arg}: {}", e.message);
        assert_eq!(at(&argv, e.span), arg);
    }
    // `-C -` needs the output file's size: a warning, and no Range (an earlier offset is gone).
    let argv = ["-C", "7", "-C", "-", "-o", "out.bin", U];
    let (r, w) = one(&argv);
    assert!(r.header("Range").is_none());
    let d = w.iter().find(|d| d.message.contains("`-C -`"));
    assert_eq!(at(&argv, d.expect("a warning for -C -").span), "-");
}

#[test]
fn continue_at_with_a_body_is_content_range_and_named() {
    let (r, w) = one(&["-C", "5", "-d", "x", U]);
    assert!(r.header("Range").is_none());
    assert!(has_warning(&w, "-C with a request body"));
}

#[test]
fn disallow_username_refuses_any_userinfo() {
    // verified: curl exits 67 for each of these, even an empty user name.
    for u in [
        "https://alice:secret@h.example/",
        "https://alice@h.example/",
        "https://:secret@h.example/",
        "https://@h.example/",
    ] {
        let argv = ["--disallow-username-in-url", u];
        let e = err(&argv);
        assert!(e.message.contains("(67)"), "{u}: {}", e.message);
        assert_eq!(at(&argv, e.span), u);
    }
    let (r, w) = one(&["--disallow-username-in-url", "-u", "a:b", U]);
    assert!(w.is_empty());
    assert!(r.auth.is_some());
    let (r, _) = one(&[
        "--disallow-username-in-url",
        "--no-disallow-username-in-url",
        "https://a@h.example/",
    ]);
    assert_eq!(url(&r), "https://h.example/");
}

#[test]
fn cert_type_pem_is_the_default_and_the_others_are_named() {
    let plain = one(&["--cert", "c.pem", U]).0;
    for t in ["PEM", "pem"] {
        let (mut r, w) = one(&["--cert-type", t, "--cert", "c.pem", U]);
        assert!(w.is_empty(), "{t}: {w:?}");
        r.span = plain.span;
        assert_eq!(r, plain);
    }
    for (t, why) in [
        ("DER", "DER"),
        ("der", "DER"),
        ("P12", "PKCS#12"),
        ("ENG", "engine"),
        ("XYZ", "no such certificate type"),
    ] {
        let argv = ["--cert-type", t, "--cert", "c.der", U];
        let (_, w) = one(&argv);
        let d = w.iter().find(|d| d.message.contains(why));
        let d = d.unwrap_or_else(|| panic!("{t}: {w:?}"));
        assert!(d.message.contains("not converted"), "{t}");
        assert_eq!(at(&argv, d.span), t);
    }
}

#[test]
fn http11_changes_nothing() {
    let (mut with, w) = one(&["--http1.1", "-d", "a=1", U]);
    assert!(w.is_empty());
    let without = one(&["-d", "a=1", U]).0;
    // Only the command's own span differs: it is longer by the option.
    with.span = without.span;
    assert_eq!(with, without);
}
