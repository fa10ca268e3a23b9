//! `docs/policies.md` is generated from `policies/`; it must not fall behind.

#[test]
fn policy_catalogue_is_up_to_date() {
    let expected = yibao::describe::catalogue(yibao::baked::policies().expect("baked"));
    let actual = std::fs::read_to_string("docs/policies.md").unwrap_or_default();
    assert!(
        actual == expected,
        "docs/policies.md is out of date with policies/: regenerate it with\n  \
         cargo run -- describe --all --markdown > docs/policies.md"
    );
}
