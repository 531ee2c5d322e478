//! Lowering tests: Methods: -X, -I, -G, and what a body implies.

use super::*;

#[test]
fn data_makes_a_post() {
    let (r, _) = one(&["-d", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
}

#[test]
fn form_makes_a_post() {
    let (r, _) = one(&["-F", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
}

#[test]
fn upload_makes_a_put() {
    let (r, _) = one(&["-T", "up.bin", "https://h.example/x"]);
    assert_eq!(r.method, Method::Put);
    assert_eq!(r.body, Some(Body::Upload(Source::File(lit("up.bin")))));
}

#[test]
fn head_makes_a_head() {
    let (r, _) = one(&["-I", "https://h.example/"]);
    assert_eq!(r.method, Method::Head);
    let (r, _) = one(&["-I", "--no-head", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
}

#[test]
fn request_overrides_the_method_on_the_wire() {
    // verified: `-T file -X POST` sends `POST`.
    let (r, w) = one(&["-X", "PATCH", "-d", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Patch);
    assert_eq!(data(&r), vec![text("a=1")]);
    assert!(w.is_empty());
    let (r, _) = one(&["-T", "f.bin", "-X", "POST", "https://h.example/x"]);
    assert_eq!(r.method, Method::Post);
}

#[test]
fn custom_methods_are_kept_verbatim() {
    let (r, _) = one(&["-X", "purge", "https://h.example/"]);
    assert_eq!(r.method, Method::Custom("purge".into()));
    let (r, _) = one(&["-X", "PROPFIND", "https://h.example/"]);
    assert_eq!(r.method.as_str(), "PROPFIND");
}

#[test]
fn get_with_a_body_is_faithful_and_warned() {
    let (r, w) = one(&["-X", "GET", "-d", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
    assert_eq!(data(&r), vec![text("a=1")]);
    assert!(has_warning(&w, "with a body"));
}

#[test]
fn request_head_without_head_option_warns() {
    let argv = ["-X", "HEAD", "https://h.example/"];
    let (r, w) = one(&argv);
    assert_eq!(r.method, Method::Head);
    assert!(has_warning(&w, "never comes"));
    assert_eq!(at(&argv, w[0].span), "HEAD");
}

#[test]
fn head_with_other_request_method_warns() {
    let (r, w) = one(&["-I", "-X", "GET", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
    assert!(has_warning(&w, "does not read a response body"));
}

#[test]
fn post_without_data_has_no_body() {
    let (r, _) = one(&["-X", "POST", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.body, None);
    assert!(r.headers.is_empty());
}

#[test]
fn data_and_form_conflict() {
    // verified: "You can only select one HTTP request method! You asked for both POST (-d,
    // --data) and multipart formpost (-F, --form)." in either order.
    let argv = ["-d", "a=1", "-F", "b=2", "https://h.example/"];
    let e = err(&argv);
    assert!(
        e.message
            .starts_with("You can only select one HTTP request method!")
    );
    assert!(e.message.contains("POST (-d, --data)"));
    assert_eq!(at(&argv, e.span), "-F");
}

#[test]
fn head_and_data_conflict() {
    // verified: `-I -d a=1` is refused.
    let argv = ["-I", "-d", "a=1", "https://h.example/"];
    let e = err(&argv);
    assert!(e.message.contains("HEAD (-I, --head)"));
    assert_eq!(at(&argv, e.span), "a=1");
}

#[test]
fn upload_and_data_conflict() {
    // verified: `-T file -d a=1` is refused (PUT and POST).
    let e = err(&["-T", "f", "-d", "a=1", "https://h.example/"]);
    assert!(e.message.contains("PUT (-T, --upload-file)"));
}

#[test]
fn get_data_and_form_conflict() {
    // verified: `-G -d a=1 -F b=2` is refused.
    let e = err(&["-G", "-d", "a=1", "-F", "b=2", "https://h.example/"]);
    assert!(e.message.contains("GET (-G, --get)"));
}

#[test]
fn get_with_form_only_is_a_multipart_post() {
    // verified: `-G -F b=2` sends a multipart POST.
    let (r, _) = one(&["-G", "-F", "b=2", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
    assert_eq!(parts(&r).len(), 1);
}
