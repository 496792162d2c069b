use serde_json::{Value, json};

use crate::oidc::*;

fn jwt(payload: &Value) -> String {
    let header = base64url(br#"{"alg":"RS256"}"#);
    format!("{header}.{}.sig", base64url(payload.to_string().as_bytes()))
}

#[test]
fn site_config_reads_both_modes_with_defaults_and_refuses_a_half_provider() {
    let dev: SiteConfig = serde_json::from_str(r#"{"auth":{"mode":"dev"}}"#).unwrap();
    assert_eq!(dev.auth, AuthConfig::Dev);
    // The deployment's Cognito config.json (infra/template.yaml, SiteConfigJson).
    let cognito: SiteConfig = serde_json::from_str(
        r#"{"auth":{"mode":"oidc","issuer":"https://cognito-idp.eu-central-1.amazonaws.com/p","client_id":"c","scope":"openid phone profile","iin_claim":"custom:iin","name_claim":"name","logout_url":"https://d.auth.eu-central-1.amazoncognito.com/logout"}}"#,
    )
    .unwrap();
    let AuthConfig::Oidc(c) = cognito.auth else {
        panic!("oidc expected")
    };
    assert_eq!(c.scope, "openid phone profile");
    assert_eq!(
        c.logout_url.as_deref(),
        Some("https://d.auth.eu-central-1.amazoncognito.com/logout")
    );
    let bare: SiteConfig =
        serde_json::from_str(r#"{"auth":{"mode":"oidc","issuer":"https://id","client_id":"c"}}"#)
            .unwrap();
    assert_eq!(
        bare.auth,
        AuthConfig::Oidc(OidcConfig {
            issuer: "https://id".into(),
            client_id: "c".into(),
            scope: "openid".into(),
            iin_claim: "custom:iin".into(),
            logout_url: None,
        })
    );
    for half in [
        r#"{"auth":{"mode":"oidc"}}"#,
        r#"{"auth":{"mode":"oidc","client_id":"c"}}"#,
        r#"{"auth":{"mode":"oidc","issuer":"","client_id":"c"}}"#,
        r#"{"auth":{"mode":"saml"}}"#,
    ] {
        assert!(serde_json::from_str::<SiteConfig>(half).is_err(), "{half}");
    }
}

#[test]
fn base64url_matches_rfc_4648_and_rfc_7636() {
    // RFC 4648's test vectors, URL-safe alphabet, no padding.
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url(plain.as_bytes()), encoded);
        assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
    }
    assert_eq!(base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
    assert_eq!(base64url_decode("-_-_").unwrap(), [0xfb, 0xff, 0xbf]);
    assert_eq!(base64url_decode("Zm8=").unwrap(), b"fo");
    assert_eq!(base64url_decode("Zm+8"), None);
    // RFC 7636, appendix B: the verifier's 32 octets and the challenge's SHA-256 octets.
    let verifier = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37,
        77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    assert_eq!(
        base64url(&verifier),
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    );
    let digest = [
        19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173,
        109, 241, 68, 86, 110, 225, 137, 74, 203, 112, 249, 195,
    ];
    assert_eq!(
        base64url(&digest),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[test]
fn the_authorize_address_carries_pkce_state_and_nonce_encoded() {
    let url = AuthorizeRequest {
        endpoint: "https://id.example/oauth2/authorize",
        client_id: "client 1",
        redirect_uri: "http://127.0.0.1:8080/signin/",
        scope: "openid phone profile",
        state: "st",
        nonce: "no",
        challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    }
    .url();
    assert_eq!(
        url,
        "https://id.example/oauth2/authorize?response_type=code&client_id=client%201\
         &redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fsignin%2F&scope=openid%20phone%20profile\
         &state=st&nonce=no&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\
         &code_challenge_method=S256"
    );
    // An endpoint with a query of its own keeps it.
    let with_query = AuthorizeRequest {
        endpoint: "https://id/authorize?p=1",
        ..AuthorizeRequest {
            endpoint: "",
            client_id: "c",
            redirect_uri: "r",
            scope: "openid",
            state: "s",
            nonce: "n",
            challenge: "x",
        }
    };
    assert!(
        with_query
            .url()
            .starts_with("https://id/authorize?p=1&response_type=code")
    );
}

#[test]
fn token_forms_are_form_encoded_without_a_secret() {
    assert_eq!(
        code_form("a/b", "v~1", &redirect_uri("http://h"), "c"),
        "grant_type=authorization_code&code=a%2Fb&code_verifier=v~1\
         &redirect_uri=http%3A%2F%2Fh%2Fsignin%2F&client_id=c"
    );
    assert_eq!(enc("Ақ ш"), "%D0%90%D2%9B%20%D1%88");
}

#[test]
fn query_parameters_are_found_by_whole_name_and_decoded() {
    let q = "?xcode=no&code=a%2Fb+c&state=s1&next=%2Fpreschool%2Fedu";
    assert_eq!(query_param(q, "code").as_deref(), Some("a/b c"));
    assert_eq!(query_param(q, "state").as_deref(), Some("s1"));
    assert_eq!(query_param(q, "next").as_deref(), Some("/preschool/edu"));
    assert_eq!(query_param(q, "error"), None);
    assert_eq!(query_param("?codes=1", "code"), None);
    assert_eq!(query_param("?next=%D0%90", "next").as_deref(), Some("А"));
}

#[test]
fn discovery_and_token_answers_are_read_and_required_parts_checked() {
    let d = endpoints(
        r#"{"issuer":"https://id","authorization_endpoint":"https://id/a","token_endpoint":"https://id/t","jwks_uri":"https://id/k"}"#,
    )
    .unwrap();
    assert_eq!(d.authorization, "https://id/a");
    assert_eq!(d.token, "https://id/t");
    assert_eq!(d.end_session, None);
    assert_eq!(
        endpoints(r#"{"authorization_endpoint":"https://id/a"}"#),
        None
    );
    assert_eq!(
        discovery_url("https://id/p/"),
        "https://id/p/.well-known/openid-configuration"
    );

    let t = tokens(r#"{"id_token":"i","access_token":"a","refresh_token":"r","expires_in":60}"#)
        .unwrap();
    assert_eq!(
        t,
        Tokens {
            id: "i".into(),
            refresh: Some("r".into())
        }
    );
    // A refresh answer may leave the refresh token out; an answer without an id token is
    // of no use to the site (its API takes id tokens).
    assert_eq!(tokens(r#"{"id_token":"i"}"#).unwrap().refresh, None);
    assert_eq!(tokens(r#"{"access_token":"a"}"#), None);
    assert_eq!(tokens(r#"{"id_token":7}"#), None);
    assert_eq!(tokens("not json"), None);
}

#[test]
fn the_id_token_must_answer_this_sign_in() {
    let good = json!({"iss": "https://id/", "aud": "c", "nonce": "n1", "exp": 10,
        "custom:iin": "880808300004", "name": "Нурланов Асхат"});
    let c = claims(&jwt(&good)).unwrap();
    assert_eq!(check_id_token(&c, "n1", "c", "https://id"), Ok(()));
    // An issuer with or without its trailing slash is the same.
    assert_eq!(check_id_token(&c, "n1", "c", "https://id/"), Ok(()));
    assert_eq!(claim(&c, "custom:iin").as_deref(), Some("880808300004"));
    assert_eq!(claim(&c, "name").as_deref(), Some("Нурланов Асхат"));
    assert_eq!(claim(&c, "exp").as_deref(), Some("10"));
    assert_eq!(claim(&c, "missing"), None);
    let refused = Err(Refusal::IdToken);
    assert_eq!(check_id_token(&c, "n2", "c", "https://id"), refused);
    assert_eq!(check_id_token(&c, "n1", "other", "https://id"), refused);
    assert_eq!(check_id_token(&c, "n1", "c", "https://evil"), refused);
    let listed = json!({"iss": "https://id", "aud": ["x", "c"], "nonce": "n1"});
    assert_eq!(check_id_token(&listed, "n1", "c", "https://id"), Ok(()));
    let no_nonce = json!({"iss": "https://id", "aud": "c"});
    assert_eq!(check_id_token(&no_nonce, "n1", "c", "https://id"), refused);
    assert_eq!(claims("no-dots"), None);
    assert_eq!(claims("a.%%%.b"), None);
}

#[test]
fn signing_out_goes_to_cognito_or_the_end_session_endpoint() {
    assert_eq!(
        logout_target(
            Some("https://d.auth.amazoncognito.com/logout"),
            Some("https://ignored/end"),
            "c",
            "https://site.kz",
            "t"
        )
        .as_deref(),
        Some(
            "https://d.auth.amazoncognito.com/logout?client_id=c&logout_uri=https%3A%2F%2Fsite.kz%2F"
        )
    );
    assert_eq!(
        logout_target(
            None,
            Some("https://id/end"),
            "c",
            "https://site.kz",
            "a.b.c"
        )
        .as_deref(),
        Some(
            "https://id/end?id_token_hint=a.b.c&client_id=c\
             &post_logout_redirect_uri=https%3A%2F%2Fsite.kz%2F"
        )
    );
    assert_eq!(logout_target(None, None, "c", "https://site.kz", "t"), None);
}

#[test]
fn the_id_token_must_carry_a_valid_iin_in_the_configured_claim() {
    let c = json!({"custom:iin": "880808300004", "iin_num": 880808300004_u64,
        "bad": "880808300005", "short": "8808"});
    assert_eq!(check_iin(&c, "custom:iin"), Ok(()));
    // Some providers keep it as a number.
    assert_eq!(check_iin(&c, "iin_num"), Ok(()));
    for name in ["bad", "short", "missing"] {
        assert_eq!(check_iin(&c, name), Err(Refusal::NoIin), "{name}");
    }
}

#[test]
fn the_sign_in_returns_only_to_a_page_of_this_site() {
    for (wanted, got) in [
        (
            Some("/preschool/applications/x?tab=1"),
            "/preschool/applications/x?tab=1",
        ),
        (Some("/my"), "/my"),
        (Some("/"), "/"),
        (None, "/"),
        (Some(""), "/"),
        (Some("https://evil.example/"), "/"),
        (Some("//evil.example/x"), "/"),
        (Some("/\\evil.example"), "/"),
        (Some("javascript:alert(1)"), "/"),
        (Some("/x\n/y"), "/"),
        (Some("/signin/"), "/"),
        (Some("/signin?code=1"), "/"),
        (Some("/signing"), "/signing"),
    ] {
        assert_eq!(return_path(wanted), got, "{wanted:?}");
    }
}

#[test]
fn the_pending_sign_in_reads_back_what_was_kept_and_nothing_half() {
    let p = Pending {
        state: "s".into(),
        nonce: "n".into(),
        verifier: "v".into(),
        return_to: "/college/my".into(),
    };
    assert_eq!(Pending::decode(&p.encode()), Some(p.clone()));
    // A return path that is not the site's is not trusted on the way back either.
    let foreign = Pending {
        return_to: "//evil".into(),
        ..p.clone()
    };
    assert_eq!(Pending::decode(&foreign.encode()).unwrap().return_to, "/");
    assert_eq!(Pending::decode("s\nn\nv").unwrap().return_to, "/");
    assert_eq!(Pending::decode("s\nn"), None);
    assert_eq!(Pending::decode("s\n\nv\n/"), None);
    assert_eq!(Pending::decode(""), None);
}

#[test]
fn the_session_left_for_the_apps_holds_the_id_token_and_what_refresh_and_logout_need() {
    let config = OidcConfig {
        issuer: "https://id".into(),
        client_id: "c".into(),
        scope: "openid".into(),
        iin_claim: "custom:iin".into(),
        logout_url: None,
    };
    let ends = Endpoints {
        authorization: "https://id/a".into(),
        token: "https://id/t".into(),
        end_session: Some("https://id/end".into()),
    };
    let t = Tokens {
        id: "h.p.s".into(),
        refresh: Some("r".into()),
    };
    let entries = session_entries(&t, &json!({"exp": 1700000000}), &ends, &config, "https://s");
    let get = |k: &str| {
        entries
            .iter()
            .find(|(key, _)| *key == k)
            .unwrap_or_else(|| panic!("{k}"))
            .1
            .clone()
    };
    // The keys the site's apps read (frontend/src/session.rs).
    assert_eq!(get("qabyldau.token").as_deref(), Some("h.p.s"));
    assert_eq!(get("qabyldau.oidc.refresh").as_deref(), Some("r"));
    assert_eq!(
        get("qabyldau.oidc.token_endpoint").as_deref(),
        Some("https://id/t")
    );
    assert_eq!(get("qabyldau.oidc.client_id").as_deref(), Some("c"));
    assert_eq!(get("qabyldau.oidc.expires").as_deref(), Some("1700000000"));
    assert_eq!(
        get("qabyldau.oidc.logout").as_deref(),
        Some(
            "https://id/end?id_token_hint=h.p.s&client_id=c\
             &post_logout_redirect_uri=https%3A%2F%2Fs%2F"
        )
    );
    // Without a refresh token, an expiry or a logout, the keys are removed (no older
    // session's values stay).
    let bare = session_entries(
        &Tokens {
            id: "i".into(),
            refresh: None,
        },
        &json!({}),
        &Endpoints {
            end_session: None,
            ..ends
        },
        &config,
        "https://s",
    );
    let none: Vec<_> = bare
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| *k)
        .collect();
    assert_eq!(
        none,
        [
            "qabyldau.oidc.refresh",
            "qabyldau.oidc.expires",
            "qabyldau.oidc.logout"
        ]
    );
}

/// The page's words are the site's `common` texts: every key it shows is in both languages.
#[test]
fn every_text_the_page_shows_is_in_both_catalogues() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../i18n");
    for lang in ["ru", "kk"] {
        let catalogue = std::fs::read_to_string(dir.join(format!("common.{lang}"))).unwrap();
        let shown = Refusal::ALL.map(Refusal::key).into_iter().chain([
            "login_title",
            "login_oidc",
            "to_home",
        ]);
        for key in shown {
            let text = crate::text(&catalogue, key);
            assert!(text.is_some_and(|t| !t.is_empty()), "common.{lang}: {key}");
        }
    }
    assert_eq!(crate::text("a = 1\nab = 2\n", "ab"), Some("2"));
    assert_eq!(crate::text("ab = 2\n", "a"), None);
}
