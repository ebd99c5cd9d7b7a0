//! Languages: every interface text in the group's language, right-to-left pages, marks on
//! mixed-language pages, and a site's `i18n/` overrides (render and `check`).

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";

#[test]
fn an_arabic_group_is_right_to_left_and_in_arabic_everywhere() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let week = site.read("public/cairo/2026-11-16/index.html");
    assert!(week.contains("<html lang=\"ar\" dir=\"rtl\">"), "{week}");
    assert!(week.contains("<h2>أبرز المنشورات</h2>"), "{week}");
    assert!(week.contains("افتح على فيسبوك"), "{week}");
    // The week's label in Arabic (CLDR's month names), numbers and plurals too.
    assert!(week.contains("16–22 نوفمبر 2026"), "{week}");
    // Post text keeps its own direction.
    assert!(week.contains("class=\"post-text\" dir=\"auto\""), "{week}");
    assert!(week.contains("class=\"post-title\" dir=\"auto\""), "{week}");
    // The search box speaks the page's language.
    assert!(week.contains("placeholder=\"ابحث في المنشورات\""), "{week}");
    assert!(
        week.contains("data-error=\"البحث غير متاح الآن.\""),
        "{week}"
    );

    // The home page (English) marks the Arabic card, the feed its entries.
    let home = site.read("public/index.html");
    assert!(home.contains("<html lang=\"en\" dir=\"ltr\">"), "{home}");
    assert!(
        home.contains("<li class=\"group-card\" lang=\"ar\" dir=\"rtl\">"),
        "{home}"
    );
    assert!(
        home.contains("<li class=\"group-card\" lang=\"ja\" dir=\"ltr\">"),
        "{home}"
    );
    let feed = site.read("public/cairo/feed.xml");
    assert!(feed.contains("xml:lang=\"ar\""), "{feed}");
    let site_feed = site.read("public/feed.xml");
    assert!(site_feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"));
    assert!(site_feed.contains("<entry xml:lang=\"ar\">"), "{site_feed}");
    assert!(site_feed.contains("<entry xml:lang=\"es\">"), "{site_feed}");

    // Bot files: Arabic subtitles and buttons within Messenger's limits.
    let m = site.json("public/cairo/2026-11-16/messenger.json");
    let el = &m["attachment"]["payload"]["elements"][0];
    let subtitle = el["subtitle"].as_str().unwrap();
    assert!(
        subtitle.contains("تعليق") || subtitle.contains("مشارك"),
        "{subtitle}"
    );
    assert_eq!(el["buttons"][0]["title"], "افتح المنشور");
    assert_eq!(el["buttons"][1]["title"], "كل أبرز المنشورات");
    // The search index says each group's language and direction.
    let meta = site.json("public/search/index.json");
    let cairo = meta["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["slug"] == "cairo")
        .unwrap();
    assert_eq!(
        (&cairo["lang"], &cairo["dir"]),
        (&"ar".into(), &"rtl".into())
    );
    assert_eq!(
        meta["langs"]["ar"]["comments"].as_object().unwrap().len(),
        6
    );
    // The box's texts for a page in each language (the home page's English too).
    assert_eq!(meta["langs"]["ar"]["box"]["none"], "لا منشورات مطابقة.");
    assert_eq!(
        meta["langs"]["en"]["box"]["matches"]["one"],
        "{n} post matches."
    );
}

#[test]
fn spanish_and_japanese_groups_read_in_their_language() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let es = site.read("public/cdmx/2026-11-16/index.html");
    for text in [
        "Lo más destacado",
        "Ver en Facebook",
        "16–22 nov 2026",
        "comentarios",
    ] {
        assert!(es.contains(text), "{text}");
    }
    assert!(!es.contains("Open on Facebook"));
    let ja = site.read("public/tokyo/2026-11-16/index.html");
    for text in ["人気の投稿", "Facebook で開く", "2026年11月16日～22日"] {
        assert!(ja.contains(text), "{text}");
    }
    let bot = site.json("public/tokyo/2026-11-09/chatfuel.json");
    assert!(
        bot["messages"][0]["text"]
            .as_str()
            .unwrap()
            .contains("人気投稿はありませんでした"),
        "{bot}"
    );
}

#[test]
fn an_override_changes_a_message_and_check_names_bad_ones_with_file_and_line() {
    let site = Site::demo();
    site.write("i18n/es.ftl", "top-posts = Lo mejor de la semana\n");
    site.run(&["build", NOW]).success();
    let page = site.read("public/cdmx/2026-11-16/index.html");
    assert!(page.contains("<h2>Lo mejor de la semana</h2>"), "{page}");
    // Every other message is still the bundled Spanish one.
    assert!(page.contains("Ver en Facebook"));
    let run = site.run(&["check", NOW]);
    run.success();
    assert!(
        run.stdout().contains("translations: en, es, ja, ar"),
        "{}",
        run.stdout()
    );

    site.write(
        "i18n/es.ftl",
        "top-posts = Lo mejor\n\ntop-postz = typo\nlast-updated = Actualizado { $cuando }\n",
    );
    let run = site.run(&["check", NOW]);
    let out = run.stdout();
    assert_eq!(run.code(), 1, "{out}");
    assert!(
        out.contains("i18n/es.ftl:3: unknown message `top-postz`"),
        "{out}"
    );
    assert!(
        out.contains("i18n/es.ftl:4: message `last-updated` uses `$cuando`, which it is not given"),
        "{out}"
    );
    // A render refuses it too, and leaves the published site as it was.
    let before = site.read("public/cdmx/2026-11-16/index.html");
    site.run(&["render", NOW])
        .fails_with(1)
        .stderr_has("es.ftl:3: unknown message");
    assert_eq!(site.read("public/cdmx/2026-11-16/index.html"), before);
}

#[test]
fn check_names_a_language_without_translation() {
    let site = Site::demo();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        &toml.replace("language = \"ja\"", "language = \"nl\""),
    );
    let run = site.run(&["check", NOW]);
    run.success();
    assert!(
        run.stdout().contains(
            "note: language `nl` (group `tokyo`) has no translation: its pages use English"
        ),
        "{}",
        run.stdout()
    );
    site.run(&["build", NOW]).success();
    let page = site.read("public/tokyo/2026-11-16/index.html");
    assert!(page.contains("<html lang=\"nl\" dir=\"ltr\">"));
    assert!(page.contains("Open on Facebook"));
}
