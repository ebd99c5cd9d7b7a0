//! Private groups in a public repository, through the real binary: a private group's week
//! files and import files are age-encrypted (or the group fails naming both fixes), raw
//! exports in its folder are refused by name, reading needs the identity and says so, and
//! `forget` reaches sealed and import files and names every path in its history rewrite.

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";
const PUBLIC: (&str, &str) = ("GROUPDIGEST_REPOSITORY_VISIBILITY", "public");
const SECRET: &str = "Our secret plan for the meetup";

/// A key pair from `groupdigest keygen`: (the identity file's text, the public key).
fn keygen() -> (String, String) {
    let run = Site::new().run(&["keygen"]);
    run.success();
    let identity = run.stdout();
    let public = identity
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .expect("a public key line")
        .to_string();
    assert!(identity.contains("AGE-SECRET-KEY-1"), "{identity}");
    run.stderr_has(&format!("age_recipients = [\"{public}\"]"));
    (identity, public)
}

/// A snapshot site with one CLOSED group `g` (private by default) holding `SECRET`, and
/// `privacy` as its `[privacy]` table.
fn closed_group_site(privacy: &str) -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[site]\ntitle = \"D\"\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"snapshot\"\npath = \"snap\"\n[privacy]\n{privacy}\n\
             [[groups]]\nid = \"1\"\nslug = \"g\"\nname = \"G\"\nkind = \"group\"\n\
             [[groups]]\nid = \"2\"\nslug = \"p\"\nname = \"P\"\nkind = \"page\"\n"
        ),
    );
    site.write(
        "snap/1/node.json",
        r#"{"id":"1","name":"G","privacy":"CLOSED"}"#,
    );
    site.write("snap/2/node.json", r#"{"id":"2","name":"P"}"#);
    for (id, text) in [("1", SECRET), ("2", "A public post")] {
        site.write(
            &format!("snap/{id}/feed-001.json"),
            &format!(
                r#"{{"data":[{{"id":"{id}_7000","message":"{text}","created_time":"2026-11-24T10:00:00+0000",
                "comments":{{"data":[],"summary":{{"total_count":4}}}}}}],"paging":{{}}}}"#
            ),
        );
    }
    site
}

/// Every file under `data/`, `public/` and `imports/` whose bytes hold `needle`.
fn clear_copies(site: &Site, needle: &str) -> Vec<String> {
    let mut out = Vec::new();
    for top in ["data", "public", "imports"] {
        for f in site.files(top) {
            let bytes = std::fs::read(site.path(&format!("{top}/{f}"))).unwrap();
            if String::from_utf8_lossy(&bytes).contains(needle) {
                out.push(format!("{top}/{f}"));
            }
        }
    }
    out
}

#[test]
fn a_private_group_of_a_public_repository_without_recipients_fails_naming_both_fixes() {
    let site = closed_group_site("");
    let run = site.run_env(&["build", NOW], &[PUBLIC]);
    run.fails_with(1);
    run.stderr_has("group `g` is private and this repository is public")
        .stderr_has("make the repository private")
        .stderr_has("`[privacy] age_recipients`");
    assert_eq!(clear_copies(&site, SECRET), Vec::<String>::new());
    // The other group is built.
    assert!(site.exists("public/p/index.html"));
    // `check` says the same.
    let check = site.run_env(&["check", NOW], &[PUBLIC]);
    check.fails_with(1);
    assert!(
        check.stdout().contains("age_recipients"),
        "{}",
        check.stdout()
    );
    // In a private repository nothing changes.
    site.run(&["build", NOW]).success();
    assert!(site.exists("data/g/2026-11-23.json"));
}

#[test]
fn a_private_group_is_archived_encrypted_and_read_back_with_the_identity() {
    let (identity, public) = keygen();
    let site = closed_group_site(&format!("age_recipients = [\"{public}\"]"));
    let id = ("GROUPDIGEST_AGE_IDENTITY", identity.as_str());
    site.run_env(&["build", NOW], &[PUBLIC]).success();
    assert!(site.exists("data/g/2026-11-23.json.age"));
    assert!(!site.exists("data/g/2026-11-23.json"));
    assert!(
        site.exists("data/p/2026-11-23.json"),
        "a public group stays readable"
    );
    assert_eq!(clear_copies(&site, SECRET), Vec::<String>::new());
    assert_eq!(clear_copies(&site, "1_7000"), Vec::<String>::new());

    // Updating the archive reads it: without the identity the group fails, plainly.
    let run = site.run_env(&["build", NOW], &[PUBLIC]);
    run.fails_with(1);
    run.stderr_has("data/g/2026-11-23.json.age` is age-encrypted")
        .stderr_has("GROUPDIGEST_AGE_IDENTITY");
    let check = site.run_env(&["check", NOW], &[PUBLIC]);
    check.fails_with(1);
    let out = check.stdout();
    assert!(
        out.contains("its archive is age-encrypted")
            && out.contains("GROUPDIGEST_AGE_IDENTITY` is not set"),
        "{out}"
    );

    // With it, a run that changes nothing leaves the sealed file byte-identical.
    let before = std::fs::read(site.path("data/g/2026-11-23.json.age")).unwrap();
    site.run_env(&["build", NOW], &[PUBLIC, id]).success();
    assert_eq!(
        std::fs::read(site.path("data/g/2026-11-23.json.age")).unwrap(),
        before
    );
    let out = site.run_env(&["check", NOW], &[PUBLIC, id]).stdout();
    assert!(out.contains("opens its 1 encrypted week file"), "{out}");

    // A group made public later is rendered from its sealed weeks, with the identity only.
    let toml = site.read("site.toml").replace(
        "kind = \"group\"",
        "kind = \"group\"\nvisibility = \"public\"",
    );
    site.write("site.toml", &toml);
    let render = site.run(&["render", NOW]);
    render.fails_with(1);
    render
        .stderr_has("is age-encrypted")
        .stderr_has("GROUPDIGEST_AGE_IDENTITY");
    site.run_env(&["render", NOW], &[id]).success();
    assert!(site.read("public/g/2026-11-23/index.html").contains(SECRET));
}

#[test]
fn a_closed_group_archived_in_the_clear_is_sealed_by_the_first_run_with_recipients() {
    let site = closed_group_site("");
    site.run(&["build", NOW]).success();
    assert!(site.exists("data/g/2026-11-23.json"));
    let (identity, public) = keygen();
    let toml = site.read("site.toml").replace(
        "[privacy]\n",
        &format!("[privacy]\nage_recipients = [\"{public}\"]\n"),
    );
    site.write("site.toml", &toml);
    site.run_env(
        &["build", NOW],
        &[PUBLIC, ("GROUPDIGEST_AGE_IDENTITY", &identity)],
    )
    .success();
    assert!(!site.exists("data/g/2026-11-23.json"));
    assert_eq!(clear_copies(&site, SECRET), Vec::<String>::new());
}

/// An import group `g` (private, as imports are by default) with `[privacy]` `privacy`.
fn import_site(privacy: &str) -> Site {
    let site = Site::new();
    site.write(
        "site.toml",
        &format!(
            "[site]\nbase_url = \"https://x.github.io/d/\"\n[privacy]\n{privacy}\n\
             [[groups]]\nid = \"111\"\nslug = \"g\"\nkind = \"import\"\npath = \"imports/g\"\n"
        ),
    );
    site.write(
        "export.csv",
        &format!("id,created_time,text,comments,author\n111_7000,2026-11-24T10:00:00Z,{SECRET},5,Ana Secreta\n111_7001,2026-11-24T11:00:00Z,Keep me,3,Bo\n"),
    );
    site
}

#[test]
fn import_writes_a_sealed_file_for_a_private_group_and_build_reads_it_with_the_identity() {
    let (identity, public) = keygen();
    let id = ("GROUPDIGEST_AGE_IDENTITY", identity.as_str());
    let site = import_site(&format!("age_recipients = [\"{public}\"]"));
    let run = site.run_env(&["import", "export.csv", "--group", "g", NOW], &[PUBLIC]);
    run.success();
    run.stderr_has("age-encrypted");
    let files = site.files("imports/g");
    assert_eq!(files.len(), 1);
    assert!(files[0].ends_with(".posts.jsonl.age"), "{files:?}");
    assert_eq!(clear_copies(&site, SECRET), Vec::<String>::new());
    // Reading it needs the identity, and then gives the posts.
    let run = site.run_env(&["build", NOW], &[PUBLIC]);
    run.fails_with(1);
    run.stderr_has("GROUPDIGEST_AGE_IDENTITY");
    site.run_env(&["build", NOW], &[PUBLIC, id]).success();
    assert!(site.exists("data/g/2026-11-23.json.age"));
    assert_eq!(clear_copies(&site, SECRET), Vec::<String>::new());
    // A second import reads the sealed file: nothing new to write.
    site.run_env(
        &["import", "export.csv", "--group", "g", NOW],
        &[PUBLIC, id],
    )
    .success()
    .stderr_has("nothing to write");

    // `forget` removes the post from the sealed import file and the sealed week, which stay sealed.
    let run = site.run_env(&["forget", "111_7000", NOW], &[PUBLIC, id]);
    run.success();
    run.stderr_has(&format!("removed it from `imports/g/{}`", files[0]))
        .stderr_has(&format!("imports/g/{}", files[0]))
        .stderr_has("data/g/2026-11-23.json.age");
    site.run_env(&["build", NOW], &[PUBLIC, id]).success();
    let out = site.run_env(&["check", NOW], &[PUBLIC, id]).stdout();
    assert!(out.contains("the import reads 1 post from 1 file"), "{out}");
}

#[test]
fn a_raw_export_in_a_private_groups_folder_of_a_public_repository_is_an_error_naming_it() {
    let (_, public) = keygen();
    let site = import_site(&format!("age_recipients = [\"{public}\"]"));
    site.write("imports/g/2026-11-24.csv", &site.read("export.csv"));
    let run = site.run_env(&["build", NOW], &[PUBLIC]);
    run.fails_with(1);
    run.stderr_has("`imports/g/2026-11-24.csv` is a raw export")
        .stderr_has("public repository");
    assert_eq!(
        clear_copies(&site, SECRET),
        vec!["imports/g/2026-11-24.csv".to_string()]
    );
    let out = site.run_env(&["check", NOW], &[PUBLIC]).stdout();
    assert!(
        out.contains("`imports/g/2026-11-24.csv` is a raw export"),
        "{out}"
    );
    // Without recipients, `import` refuses to write in the clear.
    let site = import_site("");
    site.run_env(&["import", "export.csv", "--group", "g", NOW], &[PUBLIC])
        .fails_with(1)
        .stderr_has("make the repository private")
        .stderr_has("age_recipients");
    assert!(!site.exists("imports/g"));
}

#[test]
fn forget_removes_the_post_from_import_files_and_names_every_path_that_held_it() {
    let site = import_site("");
    site.run(&["import", "export.csv", "--group", "g", NOW])
        .success();
    let file = format!("imports/g/{}", site.files("imports/g")[0]);
    site.run(&["build", NOW]).success();
    let run = site.run(&["forget", "7000", NOW]);
    run.success();
    run.stderr_has(&format!("removed it from `{file}`"))
        .stderr_has(&format!("--path {file}"))
        .stderr_has("--path data/g/2026-11-23.json");
    assert_eq!(clear_copies(&site, SECRET), Vec::<String>::new());
    assert!(site.read(&file).contains("Keep me"));
}

#[test]
fn forget_refuses_an_id_whose_owner_part_names_another_group() {
    let site = Site::new();
    site.write(
        "site.toml",
        "[site]\nbase_url = \"https://x.github.io/d/\"\n[source]\nkind = \"snapshot\"\npath = \"snap\"\n\
         [[groups]]\nid = \"111\"\nslug = \"a\"\nkind = \"page\"\n[[groups]]\nid = \"222\"\nslug = \"b\"\nkind = \"page\"\n",
    );
    for id in ["111", "222"] {
        site.write(
            &format!("snap/{id}/node.json"),
            &format!(r#"{{"id":"{id}","name":"N{id}"}}"#),
        );
        site.write(
            &format!("snap/{id}/feed-001.json"),
            &format!(r#"{{"data":[{{"id":"{id}_7000","message":"post of {id}","created_time":"2026-11-24T10:00:00+0000","comments":{{"data":[],"summary":{{"total_count":4}}}}}}],"paging":{{}}}}"#),
        );
    }
    site.run(&["build", NOW]).success();
    site.run(&["forget", "111_7000", "--group", "b", NOW])
        .fails_with(2)
        .stderr_has("names a post of `111`, and group `b` has the id `222`");
    assert!(site.read("data/b/2026-11-23.json").contains("222_7000"));
    // Without `--group`, only group a's post goes.
    site.run(&["forget", "111_7000", NOW]).success();
    assert!(site.read("data/b/2026-11-23.json").contains("222_7000"));
    assert!(!site.exists("data/a/2026-11-23.json"));
}

#[test]
fn keygen_writes_a_new_identity_file_only_its_owner_reads_and_never_overwrites_one() {
    let site = Site::new();
    site.run(&["keygen", "--output", "key.txt"])
        .success()
        .stderr_has("public key: age1");
    assert!(site.read("key.txt").contains("AGE-SECRET-KEY-1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(site.path("key.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    let before = site.read("key.txt");
    site.run(&["keygen", "--output", "key.txt"]).fails_with(1);
    assert_eq!(site.read("key.txt"), before);
}

#[test]
fn the_scaffolded_publish_workflow_is_serialized_and_passes_the_identity() {
    let site = Site::new();
    site.run(&["init", "s"]).success();
    let wf = site.read("s/.github/workflows/publish.yml");
    // Runs never overlap, so two never conflict on the archive's bookkeeping.
    assert!(
        wf.contains("concurrency:\n  group: publish\n  cancel-in-progress: false"),
        "{wf}"
    );
    assert!(wf.contains("GROUPDIGEST_AGE_IDENTITY: ${{ secrets.GROUPDIGEST_AGE_IDENTITY }}"));
    let action = std::fs::read_to_string(crate::support::repo().join("action.yml")).unwrap();
    assert!(action.contains("default: ${{ github.event.repository.visibility }}"));
    assert!(
        action.contains("GROUPDIGEST_REPOSITORY_VISIBILITY: ${{ inputs.repository-visibility }}")
    );
}
