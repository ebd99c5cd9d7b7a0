use std::path::Path;

use super::check::{check_source, messages, reference};
use super::*;

fn all() -> Catalog {
    let tags: Vec<&str> = BUNDLED.iter().map(|(t, _)| *t).collect();
    Catalog::bundled_only(&tags)
}

#[test]
fn every_bundled_catalogue_has_every_message_with_only_its_variables() {
    let reference = reference();
    assert!(reference.len() > 80, "{}", reference.len());
    for (tag, source) in BUNDLED {
        let file = format!("{tag}.ftl");
        let problems = check_source(Path::new(&file), source);
        assert!(problems.is_empty(), "{problems:?}");
        let own = messages(source);
        let missing: Vec<&String> = reference
            .keys()
            .filter(|id| !own.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{file} lacks {missing:?}");
        // A translation that never shows the number would hide it: every count shows it
        // somewhere (Arabic's "one" and "two" may say it in words).
        for (id, (_, vars)) in &own {
            if id.starts_with("count-") || id == "weeks-in-archive" {
                assert!(vars.contains("count"), "{file}: {id} never shows $count");
            }
        }
    }
}

#[test]
fn no_bundled_translation_is_the_english_one() {
    let en = messages(bundled("en").unwrap());
    let en_text = |id: &str| Catalog::bundled_only(&["en"]).get("en").text(id);
    let catalog = all();
    for (tag, _) in BUNDLED.iter().filter(|(t, _)| *t != "en") {
        let lang = catalog.get(tag);
        let same: Vec<&String> = en
            .iter()
            .filter(|(_, (_, vars))| vars.is_empty())
            .map(|(id, _)| id)
            .filter(|id| {
                !matches!(
                    id.as_str(),
                    "date-style" | "list-separator" | "quote-open" | "quote-close" | "feed"
                )
            })
            .filter(|id| lang.text(id) == en_text(id))
            .collect();
        // A few words are the same in both ("Photo", "Page", "Interactions" in French).
        assert!(same.len() <= 4, "{tag} leaves {same:?} in English");
    }
}

#[test]
fn button_titles_fit_messenger_in_every_language() {
    let catalog = all();
    for (tag, _) in BUNDLED {
        let lang = catalog.get(tag);
        for id in ["bot-open", "bot-all", "bot-group"] {
            let t = lang.text(id);
            assert!(
                (1..=20).contains(&t.chars().count()),
                "{tag} {id}: {t:?} ({} characters)",
                t.chars().count()
            );
        }
    }
}

#[test]
fn plural_forms_follow_cldr_in_every_language() {
    let catalog = all();
    // How many forms whole numbers take, by CLDR's rules.
    let expected = [
        ("en", 2),
        ("es", 3), // "many" (1000000) exists in CLDR 42+ for es, pt, fr, it
        ("pt", 3),
        ("fr", 3),
        ("de", 2),
        ("it", 3),
        ("ja", 1),
        ("ko", 1),
        ("zh", 1),
        ("ru", 3),
        ("ar", 6),
        ("hi", 2),
    ];
    for (tag, forms) in expected {
        let lang = catalog.get(tag);
        let samples = template::category_samples(&lang);
        assert!(
            samples.len() == forms || (samples.len() + 1 == forms && forms == 3),
            "{tag}: {samples:?}"
        );
        // Each category reads differently (except where the language uses one word).
        let texts = template::plural_templates(&lang, "count-comments", &[]);
        assert_eq!(texts.len(), samples.len(), "{tag}");
        for (_, n) in &samples {
            let text = lang.count(Count::Comments, *n);
            assert!(
                !text.is_empty() && !text.contains("{$"),
                "{tag} {n}: {text}"
            );
        }
    }
    let ar = catalog.get("ar");
    let six: BTreeSet<String> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|&n| ar.count(Count::Comments, n).into_owned())
        .collect();
    assert_eq!(six.len(), 6, "{six:?}");
    assert_eq!(ar.count(Count::Comments, 3), "3 تعليقات");
    assert_eq!(ar.count(Count::Comments, 11), "11 تعليقًا");
    assert_eq!(ar.count(Count::Comments, 2), "تعليقان");
    // CLDR: "few" and "many" go by the last two digits (Fluent's own rules get it wrong).
    assert_eq!(ar.count(Count::Comments, 103), "103 تعليقات");
    assert_eq!(ar.count(Count::Comments, 159), "159 تعليقًا");
    assert_eq!(ar.count(Count::Comments, 1200), "1,200 تعليق");
    assert_eq!(ar.count(Count::Comments, 4372), "4,372 تعليقًا");
    let ja = catalog.get("ja");
    assert_eq!(template::category_samples(&ja).len(), 1);
    assert_eq!(ja.count(Count::Comments, 1), "コメント1件");
    assert_eq!(ja.count(Count::Comments, 1254), "コメント1,254件");
    let ru = catalog.get("ru");
    assert_eq!(ru.count(Count::Comments, 1), "1 комментарий");
    assert_eq!(ru.count(Count::Comments, 3), "3 комментария");
    assert_eq!(ru.count(Count::Comments, 5), "5 комментариев");
    assert_eq!(ru.count(Count::Comments, 21), "21 комментарий");
    assert_eq!(catalog.get("hi").number(1234567), "12,34,567");
    assert_eq!(catalog.get("fr").number(1234), "1\u{202f}234");
}

#[test]
fn plural_templates_leave_the_number_to_search_js() {
    let catalog = all();
    let en = catalog.get("en");
    let t = template::plural_templates(&en, "count-comments", &[]);
    assert_eq!(t.get("one").map(String::as_str), Some("{n} comment"));
    assert_eq!(t.get("other").map(String::as_str), Some("{n} comments"));
    // Formatting as usual again afterwards.
    assert_eq!(en.count(Count::Comments, 200), "200 comments");
    let ar = template::plural_templates(&catalog.get("ar"), "count-comments", &[]);
    assert_eq!(ar.len(), 6, "{ar:?}");
}

#[test]
fn right_to_left_languages_are_marked() {
    for tag in ["ar", "he", "fa", "ur", "ar-EG"] {
        assert_eq!(direction(tag), "rtl", "{tag}");
    }
    for tag in ["en", "es", "ja", "zh-Hans", "ru"] {
        assert_eq!(direction(tag), "ltr", "{tag}");
    }
}

#[test]
fn an_override_replaces_messages_and_the_rest_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    std::fs::write(
        dir.path().join("i18n/es.ftl"),
        "top-posts = Lo mejor de la semana\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("i18n/nl.ftl"), "top-posts = Topberichten\n").unwrap();
    let tags = ["es".to_string(), "nl".to_string(), "pt-BR".to_string()];
    let catalog = Catalog::load(dir.path(), &tags).unwrap();
    let es = catalog.get("es");
    assert_eq!(es.text("top-posts"), "Lo mejor de la semana");
    assert_eq!(es.text("archive"), "Archivo");
    let nl = catalog.get("nl");
    assert_eq!(nl.text("top-posts"), "Topberichten");
    assert_eq!(nl.text("archive"), "Archive");
    // A regional tag gets its language's bundled catalogue.
    assert_eq!(catalog.get("pt-BR").text("archive"), "Arquivo");
}

#[test]
fn a_bad_override_is_refused_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    let file = dir.path().join("i18n/es.ftl");
    std::fs::write(
        &file,
        "# comment\ntop-posts = Lo mejor\ntop-postz = typo\nlast-updated = Actualizado { $tiempo }\n",
    )
    .unwrap();
    let problems = check::check_overrides(dir.path());
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{text:?}");
    assert!(
        text[0].starts_with(&format!(
            "{}:3: unknown message `top-postz`",
            file.display()
        )),
        "{text:?}"
    );
    assert!(
        text[1].starts_with(&format!(
            "{}:4: message `last-updated` uses `$tiempo`, which it is not given (it is given $time)",
            file.display()
        )),
        "{text:?}"
    );
    let e = Catalog::load(dir.path(), &["es".to_string()]).unwrap_err();
    assert!(e.to_string().contains("es.ftl:3: unknown message"), "{e}");

    std::fs::write(&file, "top-posts = { $count ->\n  [one] x\n}\n").unwrap();
    let problems = check::check_overrides(dir.path());
    assert!(
        problems
            .iter()
            .any(|p| p.line == 3 && p.message.contains("not Fluent syntax")),
        "{problems:?}"
    );
}
