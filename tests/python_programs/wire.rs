//! Wire fidelity: the Python program sends what curl sends (`--exact`, byte for byte).

use super::*;

#[test]
pub(super) fn get_with_odd_url_bytes() {
    if !tools_present() {
        return;
    }
    let path = "/a%2fb/x{}|y/%7e'[]?q=%e2%82%ac&b=|&c=%zz";
    same_as_curl(
        "odd-url",
        vec![get(path)],
        &["-g", &format!("ORIGIN{path}")],
        b"",
    );
}

#[test]
pub(super) fn post_form_and_json_with_env_token() {
    if !tools_present() {
        return;
    }
    let mut form = with_method(get("/form"), Method::Post);
    header(
        &mut form,
        "Content-Type",
        "application/x-www-form-urlencoded",
    );
    form.body = Some(Body::Data(vec![text("a=1&b=two words&c=%41")]));

    let mut json = with_method(get("/json"), Method::Post);
    header(&mut json, "Content-Type", "application/json");
    header(&mut json, "Accept", "application/json");
    json.headers.push(Header {
        name: HeaderName::new("Authorization"),
        value: Value(vec![
            Piece::Bytes(b"Bearer ".to_vec()),
            Piece::Env("TOKEN".into()),
        ]),
    });
    json.body = Some(Body::Data(vec![text(r#"{"name": "José", "q": "\"x\""}"#)]));
    same_as_curl(
        "form-json",
        vec![form, json],
        &[
            "ORIGIN/form",
            "-d",
            "a=1&b=two words&c=%41",
            "--next",
            "ORIGIN/json",
            "--json",
            r#"{"name": "José", "q": "\"x\""}"#,
            "-H",
            "Authorization: Bearer s3cret",
        ],
        b"",
    );
}

#[test]
pub(super) fn data_from_files_and_stdin() {
    if !tools_present() {
        return;
    }
    let mut r = with_method(get("/data"), Method::Post);
    header(&mut r, "Content-Type", "application/x-www-form-urlencoded");
    r.body = Some(Body::Data(vec![
        Segment::Read {
            source: file("f.txt"),
            transform: Transform::StripNewlines,
        },
        text("&"),
        Segment::Read {
            source: file("s.txt"),
            transform: Transform::UrlEncode,
        },
        text("&n="),
        Segment::Read {
            source: file("f.txt"),
            transform: Transform::UrlEncode,
        },
        text("&"),
        Segment::Read {
            source: file("p.png"),
            transform: Transform::Raw,
        },
        text("&"),
        Segment::Read {
            source: Source::Stdin,
            transform: Transform::Raw,
        },
    ]));
    same_as_curl(
        "data-files",
        vec![r],
        &[
            "ORIGIN/data",
            "-d",
            "@f.txt",
            "--data-urlencode",
            "@s.txt",
            "--data-urlencode",
            "n@f.txt",
            "--data-binary",
            "@p.png",
            "--data-binary",
            "@-",
        ],
        b"from stdin\n",
    );
}

#[test]
pub(super) fn multipart_text_file_and_contents() {
    if !tools_present() {
        return;
    }
    let part = |name: &str, content: PartContent, filename: Option<&str>, ct: Option<&str>| Part {
        name: Value::bytes(name),
        content,
        filename: filename.map(Value::bytes),
        content_type: ct.map(Value::bytes),
        headers: Vec::new(),
    };
    let mut headed = part("h", PartContent::Text(Value::bytes("v")), None, None);
    headed.headers.push(Header {
        name: HeaderName::new("X-P"),
        value: Value::bytes("1"),
    });
    let mut r = with_method(get("/upload"), Method::Post);
    r.body = Some(Body::Multipart(vec![
        part("a", PartContent::Text(Value::bytes("b")), None, None),
        part(
            "file",
            PartContent::File(file("p.png")),
            Some("p.png"),
            Some("image/png"),
        ),
        part("txt", PartContent::FileContents(file("f.txt")), None, None),
        part("q\"x", PartContent::Text(Value::bytes("y")), None, None),
        part(
            "n",
            PartContent::File(file("f.txt")),
            Some("o\"t.txt"),
            Some("text/x"),
        ),
        headed,
        part("é", PartContent::Text(Value::bytes("ü")), None, None),
    ]));
    same_as_curl(
        "multipart",
        vec![r],
        &[
            "ORIGIN/upload",
            "-F",
            "a=b",
            "-F",
            "file=@p.png",
            "-F",
            "txt=<f.txt",
            "-F",
            "q\"x=y",
            "-F",
            "n=@f.txt;type=text/x;filename=o\"t.txt",
            "-F",
            "h=v;headers=\"X-P: 1\"",
            "-F",
            "é=ü",
        ],
        b"",
    );
}

#[test]
pub(super) fn upload_file_and_stdin() {
    if !tools_present() {
        return;
    }
    let mut up = with_method(get("/put/p.png"), Method::Put);
    up.body = Some(Body::Upload(file("p.png")));
    let mut stdin = with_method(get("/put/stdin"), Method::Put);
    stdin.body = Some(Body::Upload(Source::Stdin));
    same_as_curl(
        "upload",
        vec![up, stdin],
        &[
            "-T",
            "p.png",
            "ORIGIN/put/p.png",
            "--next",
            "-T",
            "-",
            "ORIGIN/put/stdin",
        ],
        b"streamed \x00 bytes",
    );
}

#[test]
pub(super) fn custom_method_headers_and_basic_auth() {
    if !tools_present() {
        return;
    }
    let mut r = with_method(get("/purge"), Method::Custom("purge".into()));
    header(&mut r, "X-A", "1");
    header(&mut r, "X-A", "2");
    header(&mut r, "X-Empty", "");
    header(&mut r, "X-Bin", "caf\u{e9} \u{fffd}");
    r.removed_headers.push(HeaderName::new("Accept"));
    r.auth = Some(Auth::Basic {
        user: Value::bytes("user"),
        password: Value::bytes("pässword:x"),
    });
    let mut no_ua = get("/no-ua");
    no_ua.removed_headers.push(HeaderName::new("User-Agent"));
    same_as_curl(
        "custom",
        vec![r, no_ua],
        &[
            "-X",
            "purge",
            "ORIGIN/purge",
            "-H",
            "X-A: 1",
            "-H",
            "X-A: 2",
            "-H",
            "X-Empty;",
            "-H",
            "X-Bin: caf\u{e9} \u{fffd}",
            "-H",
            "Accept:",
            "-u",
            "user:pässword:x",
            "--next",
            "ORIGIN/no-ua",
            "-H",
            "User-Agent:",
        ],
        b"",
    );
}

#[test]
pub(super) fn cookie_file_and_jar() {
    if !tools_present() {
        return;
    }
    let mut r = get("/cookies");
    r.transfer.cookie_files.push(Value::bytes("jar.txt"));
    r.transfer.cookie_jar = Some(Value::bytes("out.txt"));
    same_as_curl(
        "cookies",
        vec![r],
        &["ORIGIN/cookies", "-b", "jar.txt", "-c", "curl-out.txt"],
        b"",
    );
}

#[test]
pub(super) fn compressed_output_file_and_head() {
    if !tools_present() {
        return;
    }
    let mut r = get("/gz");
    r.transfer.compressed = true;
    r.transfer.output = Output::File(Value::bytes("out.bin"));
    let head = with_method(get("/head"), Method::Head);
    let dir_run = same_as_curl(
        "compressed",
        vec![r, head],
        &[
            "--compressed",
            "ORIGIN/gz",
            "-o",
            "curl.bin",
            "--next",
            "-I",
            "ORIGIN/head",
        ],
        b"",
    );
    assert!(dir_run.stdout.is_empty(), "HEAD and -o print nothing");
    let dir = workdir("compressed-out");
    let server = server(vec![reply(200)]);
    let mut r = get("/gz");
    r.url = retarget(&r.url, &server.origin());
    r.transfer.output = Output::File(Value::bytes("out.bin"));
    let run = run_python(dir.path(), &[r], &RetryPolicy::default(), b"", &[]);
    assert_eq!(run.code, 0);
    assert_eq!(
        std::fs::read(dir.path().join("out.bin")).unwrap_or_default(),
        b"status 200\n"
    );
}

#[test]
pub(super) fn proxy_with_credentials_and_noproxy() {
    if !tools_present() {
        return;
    }
    // The capture server plays the proxy: requests arrive in absolute form.
    let mut r = Request::get("http://api.example.org/via-proxy?q=1");
    r.transfer.proxy = Some(Proxy {
        url: Value::bytes("PROXY"),
        user: Some(Value::bytes("bob")),
        password: Some(Value::bytes("p@ss:w")),
    });
    same_as_curl(
        "proxy",
        vec![r],
        &[
            "-x",
            "ORIGIN",
            "-U",
            "bob:p@ss:w",
            "http://api.example.org/via-proxy?q=1",
        ],
        b"",
    );

    // --noproxy naming the host: curl and the program go straight to the server.
    let mut direct = get("/direct");
    direct.transfer.proxy = Some(Proxy {
        url: Value::bytes("http://127.0.0.1:9"),
        user: None,
        password: None,
    });
    direct.transfer.noproxy = Some(Value::bytes("example.com,127.0.0.1"));
    let mut bare = get("/no-proxy-flag-alone");
    bare.transfer.noproxy = Some(Value::bytes("*"));
    same_as_curl(
        "noproxy",
        vec![direct, bare],
        &[
            "-x",
            "http://127.0.0.1:9",
            "--noproxy",
            "example.com,127.0.0.1",
            "ORIGIN/direct",
            "--next",
            "--noproxy",
            "*",
            "ORIGIN/no-proxy-flag-alone",
        ],
        b"",
    );
}

#[test]
pub(super) fn redirects_followed_with_location_only() {
    if !tools_present() {
        return;
    }
    let moved = |status: u16, to: &str| reply(status).header("Location", to);
    let script = vec![
        moved(302, "/after-302"),
        reply(200),
        moved(307, "/after-307"),
        reply(200),
        moved(302, "/not-followed"),
    ];
    let mut post = with_method(get("/form"), Method::Post);
    header(
        &mut post,
        "Content-Type",
        "application/x-www-form-urlencoded",
    );
    post.body = Some(Body::Data(vec![text("a=1")]));
    post.transfer.follow_redirects = true;
    let mut put = with_method(get("/put"), Method::Put);
    put.body = Some(Body::Data(vec![text("b=2")]));
    put.transfer.follow_redirects = true;
    put.transfer.max_redirects = Some(3);
    let not_followed = get("/stay");
    let run = same_as_curl_with(
        "redirects",
        script,
        vec![post, put, not_followed],
        &[
            "-L",
            "-d",
            "a=1",
            "ORIGIN/form",
            "--next",
            "-L",
            "--max-redirs",
            "3",
            "-X",
            "PUT",
            "-d",
            "b=2",
            "-H",
            "Content-Type:",
            "ORIGIN/put",
            "--next",
            "ORIGIN/stay",
        ],
        b"",
    );
    assert_eq!(run.stdout, b"status 200\nstatus 200\nstatus 302\n");
}

// ---------------------------------------------------------------------------------------------

/// Issue 13: a cookie file's cookies for a dotless host (`localhost`) and an IP reach the server
/// as curl sends them, secure ones over plain http to the local host included; http.cookiejar
/// alone would know `localhost` as `localhost.local` and send none. Both output modes.
#[test]
pub(super) fn cookie_file_for_localhost_and_ips() {
    if !tools_present() {
        return;
    }
    let dir = workdir("localhost-cookies");
    let lines = [
        "# Netscape HTTP Cookie File",
        "localhost\tFALSE\t/\tFALSE\t0\tsid\tabc",
        "localhost\tFALSE\t/\tTRUE\t0\tsecure_sid\tsec",
        "localhost\tFALSE\t/cookies\tFALSE\t0\tnarrow\tn1",
        "localhost\tFALSE\t/other\tFALSE\t0\telsewhere\tno",
        "localhost\tFALSE\t/\tFALSE\t1000\texpired\tno",
        "127.0.0.1\tFALSE\t/\tFALSE\t0\tip_only\tno",
        "api.example.com\tTRUE\t/\tFALSE\t0\tremote\tno",
    ];
    std::fs::write(dir.path().join("local.txt"), lines.join("\n") + "\n").expect("cookie file");
    let cookies = |server: &Server| {
        let got = server.requests();
        assert_eq!(got.len(), 1, "one request");
        got[0].header("cookie").unwrap_or_default()
    };
    let curl_server = server(vec![reply(200)]);
    let port = curl_server
        .origin()
        .rsplit(':')
        .next()
        .unwrap_or("")
        .to_string();
    let url = format!("http://localhost:{port}/cookies");
    let curl = run_curl(dir.path(), &[&url, "-b", "local.txt"], b"");
    assert_eq!(curl.code, 0, "curl: {}", curl.stderr);
    let want = cookies(&curl_server);
    assert!(want.contains("sid=abc"), "curl sent {want:?}");
    for mode in [Mode::Idiomatic, Mode::Exact] {
        let py_server = server(vec![reply(200)]);
        let port = py_server
            .origin()
            .rsplit(':')
            .next()
            .unwrap_or("")
            .to_string();
        let mut r = Request::get(format!("http://localhost:{port}/cookies"));
        r.transfer.cookie_files.push(Value::bytes("local.txt"));
        let py = run_python_in(mode, dir.path(), &[r], &RetryPolicy::default(), b"", &[]);
        assert_eq!(py.code, 0, "{mode:?}: {}", py.stderr);
        assert_eq!(cookies(&py_server), want, "{mode:?}: the Cookie header");
    }
}
