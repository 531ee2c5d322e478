//! Tests of the option value parsers: -H, -F, -u, -b and --data-urlencode forms.

use super::*;

fn flat(s: &str) -> Flat {
    Flat::literal(s.as_bytes())
}

fn v(s: &str) -> Value {
    let mut v = Value::default();
    v.push_bytes(s.as_bytes());
    v
}

/// `$A` style value: literal text around one env reference.
fn env_flat(before: &str, name: &str, after: &str) -> Flat {
    let mut val = v(before);
    val.0.push(Piece::Env(name.into()));
    val.push_bytes(after.as_bytes());
    Flat::new(&val)
}

#[test]
fn flat_round_trips_env_and_nul() {
    let mut val = v("a\0b");
    val.0.push(Piece::Env("X".into()));
    val.push_bytes(b":c");
    let f = Flat::new(&val);
    assert!(f.has_env());
    assert_eq!(f.value(&f.bytes), val);
    // A split at the colon leaves the placeholder whole.
    let i = f.bytes.iter().position(|&c| c == b':').unwrap_or(0);
    assert_eq!(f.value(&f.bytes[..i]).display(), "a\u{0}b$X");
}

#[test]
fn flat_orphan_marker_is_literal() {
    let f = flat("x");
    assert_eq!(f.value(b"\x003"), v("\x003"));
    assert_eq!(f.value(b"\x007\x00"), v("\x007\x00"));
}

#[test]
fn header_line_forms() {
    let f = flat("X-A: 1 ");
    assert_eq!(
        header(&f),
        HeaderArg::Line {
            name: v("X-A"),
            value: v("1")
        }
    );
    assert_eq!(header(&flat("X;")), HeaderArg::Empty { name: v("X") });
    assert_eq!(header(&flat("X:")), HeaderArg::Remove { name: v("X") });
    assert_eq!(header(&flat("X:  \t")), HeaderArg::Remove { name: v("X") });
    assert_eq!(header(&flat("X; ")), HeaderArg::Remove { name: v("X") });
    assert_eq!(header(&flat("X; junk")), HeaderArg::Invalid);
    assert_eq!(header(&flat(": v")), HeaderArg::Invalid);
    assert_eq!(header(&flat("nothing")), HeaderArg::Invalid);
    assert_eq!(header(&flat("@h.txt")), HeaderArg::File(v("h.txt")));
}

#[test]
fn header_colon_wins_over_semicolon() {
    assert_eq!(
        header(&flat("A;b: c")),
        HeaderArg::Line {
            name: v("A;b"),
            value: v("c")
        }
    );
    assert_eq!(
        header(&flat("Cookie: a=1; b=2")),
        HeaderArg::Line {
            name: v("Cookie"),
            value: v("a=1; b=2")
        }
    );
}

#[test]
fn header_value_keeps_env() {
    let f = env_flat("Authorization: Bearer ", "TOKEN", "");
    let HeaderArg::Line { name, value } = header(&f) else {
        panic!("not a line");
    };
    assert_eq!(name, v("Authorization"));
    assert_eq!(value.display(), "Bearer $TOKEN");
}

#[test]
fn header_file_lines_split() {
    assert_eq!(
        header_file_lines(b"A: 1\r\nB: 2\n\nC;"),
        vec![&b"A: 1"[..], b"B: 2", b"", b"C;"]
    );
}

#[test]
fn token_check() {
    assert!(is_token(b"X-Request-Id"));
    assert!(is_token(b"a!#$%&'*+-.^_`|~9"));
    assert!(!is_token(b"Bad Name"));
    assert!(!is_token(b""));
    assert!(!is_token(b"a:b"));
}

#[test]
fn form_text_file_contents() {
    let a = form(&flat("a=1"), false).unwrap_or_default();
    assert_eq!(a.name, Some(v("a")));
    assert_eq!(a.content, Some(FormContent::Text(v("1"))));
    let a = form(&flat("f=@ dir/p.png "), false).unwrap_or_default();
    assert_eq!(a.content, Some(FormContent::File(v("dir/p.png"))));
    let a = form(&flat("f=<in.txt;type=text/x"), false).unwrap_or_default();
    assert_eq!(a.content, Some(FormContent::Contents(v("in.txt"))));
    assert_eq!(a.content_type, Some(v("text/x")));
}

#[test]
fn form_params() {
    let a = form(
        &flat("f=@a.bin;type=image/png; q=1 ;filename=\"x;y.png\";headers=X-A: 1"),
        false,
    )
    .unwrap_or_default();
    assert_eq!(a.content_type, Some(v("image/png; q=1")));
    assert_eq!(a.filename, Some(v("x;y.png")));
    assert_eq!(a.headers, vec![FormHeader::Line(v("X-A: 1"))]);
}

#[test]
fn form_param_names_are_case_insensitive() {
    let a = form(&flat("f=@a;TYPE=a/b;FileName=n"), false).unwrap_or_default();
    assert_eq!(a.content_type, Some(v("a/b")));
    assert_eq!(a.filename, Some(v("n")));
}

#[test]
fn form_quotes_and_escapes() {
    let a = form(&flat(r#"q="a;b\"c\\d""#), false).unwrap_or_default();
    assert_eq!(a.content, Some(FormContent::Text(v(r#"a;b"c\d"#))));
    // No closing quote: a bare word, quote included.
    let a = form(&flat(r#"q="abc"#), false).unwrap_or_default();
    assert_eq!(a.content, Some(FormContent::Text(v("\"abc"))));
}

#[test]
fn form_headers_file_and_encoder_and_unknown() {
    let a = form(&flat("f=v;headers=@h.txt;encoder=base64;zap"), false).unwrap_or_default();
    assert_eq!(a.headers, vec![FormHeader::File(v("h.txt"))]);
    assert_eq!(a.encoder, Some(v("base64")));
    assert_eq!(a.unknown, vec![v("zap")]);
}

#[test]
fn form_several_files() {
    let a = form(&flat("f=@a.png;type=image/png,b.png,\"c,d\""), false).unwrap_or_default();
    assert_eq!(a.content, Some(FormContent::File(v("a.png"))));
    assert_eq!(a.content_type, Some(v("image/png")));
    assert_eq!(a.extra_files, vec![v("b.png"), v("c,d")]);
}

#[test]
fn form_contents_filename_is_ignored() {
    let a = form(&flat("f=<a.txt;filename=x"), false).unwrap_or_default();
    assert_eq!(a.filename, None);
    assert_eq!(a.ignored_filename, Some(v("x")));
}

#[test]
fn form_errors() {
    assert_eq!(form(&flat("nothing"), false), Err(FormError::NoEquals));
    assert_eq!(
        form(&flat("a=@f;type=bad"), false),
        Err(FormError::BadType(v("bad")))
    );
    assert!(form(&flat("a=@f;type=/x"), false).is_err());
}

#[test]
fn form_string_and_nested() {
    let a = form(&flat("a=@x;type=y"), true).unwrap_or_default();
    assert_eq!(a.content, Some(FormContent::Text(v("@x;type=y"))));
    let a = form(&flat("a=(;type=multipart/mixed"), false).unwrap_or_default();
    assert_eq!(a.content, Some(FormContent::NestedStart));
    let a = form(&flat("=)"), false).unwrap_or_default();
    assert_eq!(a.content, Some(FormContent::NestedEnd));
    let a = form(&flat("=x"), false).unwrap_or_default();
    assert_eq!(a.name, None);
}

#[test]
fn form_env_in_file_name() {
    let f = env_flat("doc=@", "DIR", "/r.pdf");
    let a = form(&f, false).unwrap_or_default();
    let Some(FormContent::File(path)) = a.content else {
        panic!("not a file");
    };
    assert_eq!(path.display(), "$DIR/r.pdf");
}

#[test]
fn user_password_split() {
    assert_eq!(user_password(&flat("a:b:c")), (v("a"), Some(v("b:c"))));
    assert_eq!(user_password(&flat("a")), (v("a"), None));
    assert_eq!(user_password(&flat(":")), (v(""), Some(v(""))));
    let (u, p) = user_password(&env_flat("", "U", ":x"));
    assert_eq!(
        (u.display(), p.map(|p| p.display())),
        ("$U".into(), Some("x".into()))
    );
}

#[test]
fn cert_split() {
    assert_eq!(cert(&flat("c.pem")), (v("c.pem"), None));
    assert_eq!(cert(&flat("c.pem:pw")), (v("c.pem"), Some(v("pw"))));
    assert_eq!(cert(&flat(r"a\:b.pem:pw")), (v("a:b.pem"), Some(v("pw"))));
    assert_eq!(cert(&flat("pkcs11:token=x")), (v("pkcs11:token=x"), None));
    assert_eq!(cert(&flat("c.pem:")), (v("c.pem"), None));
}

#[test]
fn cookie_kinds() {
    assert_eq!(cookie(&flat("a=1")), CookieArg::Cookies(v("a=1")));
    assert_eq!(cookie(&flat("jar.txt")), CookieArg::File(v("jar.txt")));
    assert!(matches!(
        cookie(&env_flat("", "C", "")),
        CookieArg::Unknown(_)
    ));
    assert!(matches!(
        cookie(&env_flat("s=", "C", "")),
        CookieArg::Cookies(_)
    ));
}

#[test]
fn data_urlencode_forms() {
    let t = |s: &str| data_urlencode(&flat(s));
    assert_eq!(
        t("x y"),
        UrlEncodeArg {
            name: None,
            content: UrlEncodeContent::Text(v("x y"))
        }
    );
    assert_eq!(t("=x").name, None);
    assert_eq!(t("n=x").name, Some(v("n")));
    assert_eq!(t("@f").content, UrlEncodeContent::File(v("f")));
    assert_eq!(t("n@f").name, Some(v("n")));
    assert_eq!(t("n@-").content, UrlEncodeContent::Stdin);
    // The first `=` wins over an earlier `@`.
    assert_eq!(t("a@b=c").name, Some(v("a@b")));
}

#[test]
fn url_query_plus_is_raw() {
    assert_eq!(url_query(&flat("+a b")), UrlQueryArg::Raw(v("a b")));
    assert!(matches!(url_query(&flat("a=b")), UrlQueryArg::Encoded(_)));
}

#[test]
fn urlencoding_matches_curl() {
    assert_eq!(
        urlencode_form(b"a b+c/~-._\xc3\xa9\n"),
        b"a+b%2Bc%2F~-._%C3%A9%0A"
    );
    assert_eq!(urlencode_escape(b"a b#"), b"a%20b%23");
}

#[test]
fn numbers() {
    assert_eq!(seconds(b"10"), Some(10.0));
    assert_eq!(seconds(b"2.5"), Some(2.5));
    assert_eq!(seconds(b".5"), Some(0.5));
    assert_eq!(seconds(b"5."), None);
    assert_eq!(seconds(b""), None);
    assert_eq!(seconds(b"1e3"), None);
    assert_eq!(seconds(b"-1"), None);
    assert_eq!(unsigned(b"42"), Some(42));
    assert_eq!(unsigned(b"4x"), None);
    assert_eq!(signed(b"-1"), Some(-1));
    assert_eq!(signed(b"--1"), None);
}

/// Each verified against curl 7.88's `-C` on loopback (the Range it sent, or its error).
#[test]
fn offsets_as_strtol_base_0_reads_them() {
    for (text, want) in [
        (&b"1048576"[..], Offset::At(1_048_576)),
        (b"0", Offset::At(0)),
        (b"007", Offset::At(7)),
        (b"010", Offset::At(8)),
        (b"0x10", Offset::At(16)),
        (b"+5", Offset::At(5)),
        (b" 5", Offset::At(5)),
        (b"9223372036854775807", Offset::At(i64::MAX as u64)),
        (b"-5", Offset::Negative),
        (b"-", Offset::Negative),
        (b"99999999999999999999", Offset::TooLarge),
        (b"", Offset::Bad),
        (b"5x", Offset::Bad),
        (b"5 ", Offset::Bad),
        (b"08", Offset::Bad),
        (b"0x", Offset::Bad),
        (b"+", Offset::Bad),
    ] {
        assert_eq!(byte_offset(text), want, "{}", String::from_utf8_lossy(text));
    }
}

#[test]
fn part_header_file_folds_and_comments() {
    assert_eq!(
        part_header_file(b"# c\r\nA: 1\n\tmore  \nB: 2"),
        vec![b"A: 1\tmore".to_vec(), b"B: 2".to_vec()]
    );
    assert!(part_header_file(b"").is_empty());
}
