//! Lowering tests: -F: multipart parts, files, types, headers.

use super::*;

fn part(name: &str, content: PartContent) -> Part {
    Part {
        name: lit(name),
        content,
        filename: None,
        content_type: None,
        headers: vec![],
    }
}

#[test]
fn form_text_part_has_no_content_type() {
    // verified: `-F k= spaced ` sends `spaced` (blanks trimmed), no Content-Type.
    let (r, _) = one(&["-F", "a=1", "-F", "k= spaced ", "https://h.example/"]);
    assert_eq!(
        parts(&r),
        vec![
            part("a", PartContent::Text(lit("1"))),
            part("k", PartContent::Text(lit("spaced")))
        ]
    );
    assert!(r.headers.is_empty());
}

#[test]
fn form_file_part_gets_base_name_and_guessed_type() {
    // verified: `-F g=@p.png` sends filename="p.png", Content-Type: image/png.
    let (r, _) = one(&["-F", "g=@dir/p.png", "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::File(Source::File(lit("dir/p.png"))));
    assert_eq!(p.filename, Some(lit("p.png")));
    assert_eq!(p.content_type, Some(lit("image/png")));
}

#[test]
fn form_file_with_unknown_extension_is_octet_stream() {
    // verified: `-F g=@a.dat` sends application/octet-stream.
    let (r, _) = one(&["-F", "g=@a.dat", "https://h.example/"]);
    assert_eq!(
        parts(&r)[0].content_type,
        Some(lit("application/octet-stream"))
    );
}

#[test]
fn form_type_guess_uses_filename_then_path_case_insensitive() {
    // verified: `@a.txt;filename=x.dat` → text/plain (from the path); `@a.dat;filename=X.JPG`
    // → image/jpeg.
    let (r, _) = one(&[
        "-F",
        "h=@a.txt;filename=x.dat",
        "-F",
        "i=@a.dat;filename=X.JPG",
        "https://h.example/",
    ]);
    let p = parts(&r);
    assert_eq!(p[0].filename, Some(lit("x.dat")));
    assert_eq!(p[0].content_type, Some(lit("text/plain")));
    assert_eq!(p[1].content_type, Some(lit("image/jpeg")));
}

#[test]
fn form_text_part_with_filename_gets_a_type() {
    // verified: `-F 'h=hi;filename=x.txt'` sends filename="x.txt", Content-Type: text/plain.
    let (r, _) = one(&["-F", "h=hi;filename=x.txt", "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::Text(lit("hi")));
    assert_eq!(p.filename, Some(lit("x.txt")));
    assert_eq!(p.content_type, Some(lit("text/plain")));
}

#[test]
fn form_contents_part_has_no_filename_and_drops_text_plain() {
    // verified: `-F 'f=<a.txt'` sends no filename and no Content-Type; `-F 'f=<p.png'` sends
    // Content-Type: image/png.
    let (r, _) = one(&["-F", "f=<a.txt", "-F", "g=<p.png", "https://h.example/"]);
    let p = parts(&r);
    assert_eq!(
        p[0],
        part("f", PartContent::FileContents(Source::File(lit("a.txt"))))
    );
    assert_eq!(p[1].filename, None);
    assert_eq!(p[1].content_type, Some(lit("image/png")));
}

#[test]
fn form_explicit_type_keeps_its_parameters() {
    // verified: sends `Content-Type: text/plain; charset=utf-8` and filename="m.txt".
    let (r, _) = one(&[
        "-F",
        "m=@a.bin;type=text/plain; charset=utf-8;filename=m.txt",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(p.content_type, Some(lit("text/plain; charset=utf-8")));
    assert_eq!(p.filename, Some(lit("m.txt")));
}

#[test]
fn form_quoted_value_keeps_semicolons_and_escaped_quotes() {
    // verified: `-F 'q="a;b\"c";type=text/x'` sends `a;b"c` with Content-Type: text/x.
    let (r, _) = one(&["-F", "q=\"a;b\\\"c\";type=text/x", "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::Text(lit("a;b\"c")));
    assert_eq!(p.content_type, Some(lit("text/x")));
}

#[test]
fn form_quoted_file_name_may_hold_separators() {
    // verified: `-F 'k=@"a.dat";filename="q;r"'` sends filename="q;r".
    let (r, _) = one(&[
        "-F",
        "k=@\"a,b.dat\";filename=\"q;r\"",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::File(Source::File(lit("a,b.dat"))));
    assert_eq!(p.filename, Some(lit("q;r")));
}

#[test]
fn form_string_is_literal() {
    let (r, _) = one(&["--form-string", "a=@x;type=y", "https://h.example/"]);
    assert_eq!(
        parts(&r),
        vec![part("a", PartContent::Text(lit("@x;type=y")))]
    );
}

#[test]
fn form_part_headers_inline() {
    // verified: `-F 'm=v;headers="X-A: 1";headers=X-B: 2'` sends both part headers.
    let (r, _) = one(&[
        "-F",
        "m=v;headers=\"X-A: 1\";headers=X-B: 2",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(
        p.headers,
        vec![header("X-A", lit("1")), header("X-B", lit("2"))]
    );
}

#[test]
fn form_part_header_content_type_becomes_the_type() {
    // verified: the part carries one `Content-Type: text/q`; with `;type=text/z` too, only text/z.
    let (r, _) = one(&[
        "-F",
        "m=v;headers=Content-Type: text/q",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(p.content_type, Some(lit("text/q")));
    assert!(p.headers.is_empty());
}

#[test]
fn form_part_headers_from_file_fold_and_skip_comments() {
    let f = tmp("ph.txt", b"# comment\nX-A: 1\n  continued\r\nX-B: 2\n");
    let (r, _) = one(&["-F", &format!("m=v;headers=@{f}"), "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(
        p.headers,
        vec![header("X-A", lit("1  continued")), header("X-B", lit("2"))]
    );
}

#[test]
fn form_part_headers_file_missing_warns() {
    let (r, w) = one(&["-F", "m=v;headers=@/nonexistent/ph", "https://h.example/"]);
    assert!(parts(&r)[0].headers.is_empty());
    assert!(has_warning(&w, "cannot read"));
}

#[test]
fn form_without_equals_is_an_error() {
    let argv = ["-F", "novalue", "https://h.example/"];
    let e = err(&argv);
    assert!(e.message.contains("Illegally formatted input field"));
    assert_eq!(at(&argv, e.span), "novalue");
}

#[test]
fn form_bad_type_is_an_error() {
    let e = err(&["-F", "a=@f;type=nonsense", "https://h.example/"]);
    assert!(e.message.contains("content-type"));
}

#[test]
fn form_several_files_keep_the_first_and_warn() {
    let (r, w) = one(&["-F", "f=@a.png,b.png", "https://h.example/"]);
    assert_eq!(
        parts(&r)[0].content,
        PartContent::File(Source::File(lit("a.png")))
    );
    assert!(has_warning(&w, "several files"));
}

#[test]
fn form_encoder_and_unknown_parameters_warn() {
    let (r, w) = one(&[
        "-F",
        "a=1;encoder=base64",
        "-F",
        "msg=hello; world",
        "https://h.example/",
    ]);
    assert_eq!(parts(&r)[1].content, PartContent::Text(lit("hello")));
    assert!(has_warning(&w, "encoder=base64"));
    assert!(has_warning(&w, "unknown form parameter `world`"));
}

#[test]
fn form_without_name_sends_none() {
    // verified: `-F =noname` sends `Content-Disposition: form-data` with no name.
    let (r, _) = one(&["-F", "=noname", "https://h.example/"]);
    assert_eq!(parts(&r)[0].name, Value::default());
}

#[test]
fn form_file_from_stdin() {
    let (r, _) = one(&["-F", "f=@-", "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::File(Source::Stdin));
    assert_eq!(p.filename, Some(lit("-")));
    let (r, _) = one_with(
        &["-F", "f=<-", "https://h.example/"],
        Some(Stdin::Bytes(b"xyz".to_vec())),
    );
    assert_eq!(parts(&r)[0].content, PartContent::Text(lit("xyz")));
}

#[test]
fn form_nested_multipart_is_skipped_with_a_warning() {
    let (r, w) = one(&[
        "-F",
        "a=1",
        "-F",
        "b=(;type=multipart/mixed",
        "https://h.example/",
    ]);
    assert_eq!(parts(&r).len(), 1);
    assert!(has_warning(&w, "nested"));
}

#[test]
fn form_with_user_multipart_content_type_keeps_it() {
    // verified: curl appends `; boundary=…` to the user's Content-Type (left to codegen).
    let (r, _) = one(&[
        "-H",
        "Content-Type: multipart/mixed",
        "-F",
        "a=1",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("Content-Type", "multipart/mixed")]);
}
