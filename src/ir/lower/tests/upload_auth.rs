//! Lowering tests: -T uploads and authentication.

use super::*;

#[test]
fn upload_to_a_directory_url_appends_the_encoded_base_name() {
    // verified: `-T 'sp ace#.dat' http://h` sends `PUT /sp%20ace%23.dat`; `/dir/?q=1` with
    // `-T ./a.dat` sends `PUT /dir/a.dat?q=1`.
    let (r, _) = one(&["-T", "sp ace#.dat", "https://h.example"]);
    assert_eq!(url(&r), "https://h.example/sp%20ace%23.dat");
    let (r, _) = one(&["-T", "./a.dat", "https://h.example/dir/?q=1"]);
    assert_eq!(url(&r), "https://h.example/dir/a.dat?q=1");
}

#[test]
fn upload_to_a_file_url_keeps_it() {
    let (r, _) = one(&["-T", "a.dat", "https://h.example/target"]);
    assert_eq!(url(&r), "https://h.example/target");
}

#[test]
fn upload_from_stdin_adds_no_name() {
    // verified: `-T -` to `/d/` sends `PUT /d/`.
    let (r, _) = one(&["-T", "-", "https://h.example/d/"]);
    assert_eq!(url(&r), "https://h.example/d/");
    assert_eq!(r.body, Some(Body::Upload(Source::Stdin)));
    let (r, _) = one_with(
        &["-T", "-", "https://h.example/d/"],
        Some(Stdin::Bytes(b"hi".to_vec())),
    );
    assert_eq!(r.body, Some(Body::Data(vec![text("hi")])));
    assert_eq!(r.method, Method::Put);
    assert!(r.headers.is_empty());
}

#[test]
fn upload_files_go_to_urls_in_order() {
    let (r, _) = run_with(
        &[
            "-T",
            "a.txt",
            "https://h.example/1/",
            "https://h.example/2/",
        ],
        None,
    );
    let r = r.expect("ok");
    assert_eq!(url(&r[0]), "https://h.example/1/a.txt");
    assert_eq!(r[0].method, Method::Put);
    assert_eq!(url(&r[1]), "https://h.example/2/");
    assert_eq!(r[1].method, Method::Get);
}

#[test]
fn empty_upload_name_means_no_upload() {
    let (r, _) = one(&["-T", "", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
    assert_eq!(r.body, None);
}

// ---------------------------------------------------------------------------------------------
// auth

#[test]
fn user_splits_at_the_first_colon() {
    let (r, _) = one(&["-u", "me:pa:ss", "https://h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("me"),
            password: lit("pa:ss")
        })
    );
}

#[test]
fn user_without_password_warns_and_sends_empty() {
    // verified: `-u user` prompts; with an empty answer curl sends Basic dXNlcjo= ("user:").
    let argv = ["-u", "user", "https://h.example/"];
    let (r, w) = one(&argv);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("user"),
            password: lit("")
        })
    );
    assert!(has_warning(&w, "prompt"));
    assert_eq!(at(&argv, w[0].span), "user");
}

#[test]
fn user_with_env_pieces_splits_on_the_literal_colon() {
    let (r, _) = one(&["-u", "${USER}:${PASS}", "https://h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: Value::env("USER"),
            password: Value::env("PASS")
        })
    );
}

#[test]
fn digest_and_ntlm() {
    // verified: `--digest -u a:b` sends no Authorization on the first request (it waits for the
    // challenge): the IR says Digest and the target handles the handshake.
    let (r, _) = one(&["--digest", "-u", "a:b", "https://h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Digest {
            user: lit("a"),
            password: lit("b")
        })
    );
    let (r, w) = one(&["--ntlm", "-u", "a:b", "https://h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Ntlm { .. })));
    assert!(has_warning(&w, "NTLM"));
    let (r, _) = one(&["--digest", "--no-digest", "-u", "a:b", "https://h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Basic { .. })));
}

/// Verified against curl 7.88 on loopback: with several schemes the first request carries no
/// Authorization header (curl waits for the 401 to pick one); Digest, which also waits for the
/// challenge, stands in when it is one of them.
#[test]
fn several_schemes_send_no_credentials_first() {
    let (r, w) = one(&["--anyauth", "-u", "a:b", "https://h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Digest { .. })));
    assert!(has_warning(&w, "401"));
    let (r, w) = one(&[
        "--oauth2-bearer",
        "T",
        "--user",
        "user:pass",
        "--no-basic",
        "--digest",
        "https://h.example/",
    ]);
    assert!(matches!(r.auth, Some(Auth::Digest { .. })), "{:?}", r.auth);
    assert!(has_warning(&w, "401"));
    for args in [
        &[
            "--oauth2-bearer",
            "T",
            "--basic",
            "-u",
            "a:b",
            "https://h.example/",
        ][..],
        &["--basic", "--ntlm", "-u", "a:b", "https://h.example/"][..],
        &["--oauth2-bearer", "T", "--digest", "https://h.example/"][..],
    ] {
        let (r, w) = one(args);
        assert_eq!(r.auth, None, "{args:?}");
        assert!(has_warning(&w, "401"), "{args:?}");
    }
    // One scheme: used at once.
    let (r, _) = one(&["--oauth2-bearer", "T", "-u", "a:b", "https://h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Bearer { .. })));
}

#[test]
fn bearer_beats_user() {
    // verified: `--oauth2-bearer tok -u a:b` (either order) sends `Bearer tok`.
    let (r, _) = one(&["-u", "a:b", "--oauth2-bearer", "tok", "https://h.example/"]);
    assert_eq!(r.auth, Some(Auth::Bearer { token: lit("tok") }));
}

#[test]
fn authorization_header_beats_user() {
    // verified: `-H 'Authorization: Bearer t' -u a:b` sends only the header.
    let (r, w) = one(&[
        "-H",
        "Authorization: Bearer t",
        "-u",
        "a:b",
        "https://h.example/",
    ]);
    assert_eq!(r.auth, None);
    assert_eq!(hdrs(&r), vec![h("Authorization", "Bearer t")]);
    assert!(has_warning(&w, "-H Authorization"));
}

#[test]
fn aws_sigv4_is_kept_and_warned() {
    let (r, w) = one(&[
        "--aws-sigv4",
        "aws:amz:us-east-1:s3",
        "-u",
        "AK:SK",
        "https://h.example/",
    ]);
    assert_eq!(
        r.auth,
        Some(Auth::AwsSigV4 {
            provider: lit("aws:amz:us-east-1:s3"),
            user: lit("AK"),
            password: lit("SK")
        })
    );
    assert!(has_warning(&w, "aws-sigv4"));
}

#[test]
fn netrc_credentials_are_looked_up_for_the_host_at_run_time() {
    // verified with curl 7.88: --netrc-file alone enables the file; -n reads ~/.netrc (not $NETRC).
    let (r, _) = one(&["--netrc-file", "creds", "https://h.example:8443/x"]);
    assert_eq!(
        r.auth,
        Some(Auth::Netrc {
            file: Some(lit("creds")),
            host: lit("h.example"),
        })
    );
    let (r, _) = one(&["-n", "http://[::1]:80/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Netrc {
            file: None,
            host: lit("::1"),
        })
    );
    let (r, _) = one(&[
        "--netrc-optional",
        "--no-netrc-optional",
        "http://h.example/",
    ]);
    assert_eq!(r.auth, None);
}

#[test]
fn netrc_gives_way_to_user_and_header_credentials() {
    // verified with curl 7.88: `-u alice:pw` wins over a matching netrc entry; `-u nu` prompts.
    let (r, _) = one(&[
        "--netrc-file",
        "creds",
        "-u",
        "alice:pw",
        "https://h.example/",
    ]);
    assert!(matches!(r.auth, Some(Auth::Basic { .. })));
    let (r, _) = one(&["-n", "-H", "Authorization: Bearer t", "https://h.example/"]);
    assert_eq!(r.auth, None);
    let (r, w) = one(&["-n", "https://u:p@h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Basic { .. })));
    assert!(has_warning(&w, "netrc"));
    let (r, w) = one(&["-n", "--digest", "https://h.example/"]);
    assert_eq!(r.auth, None);
    assert!(has_warning(&w, "Basic authentication only"));
}
