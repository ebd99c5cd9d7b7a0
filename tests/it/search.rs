//! Search: the static index and its box on the built demo. Queries run search.js's engine
//! under Node (`tests/search/query.mjs`); `tests/browser/run.mjs` types into the real box.

use groupdigest::render::search::terms::{self, fold};

use crate::support::Site;

const NOW: &str = "--now=2026-11-25T12:00:00Z";

/// The number of posts stored in the weeks of `slug`, by their digests.
fn posts_of(site: &Site, slug: &str) -> u64 {
    site.files(&format!("public/{slug}"))
        .iter()
        .filter(|f| f.ends_with("/digest.json") && !f.starts_with("latest/"))
        .map(|f| {
            site.json(&format!("public/{slug}/{f}"))["totals"]["posts"]
                .as_u64()
                .unwrap()
        })
        .sum()
}

/// Runs search.js's engine under Node on the site's `public/` (tests/search/query.mjs).
fn node(site: &Site, args: &[&str]) -> Vec<serde_json::Value> {
    let out = std::process::Command::new("node")
        .arg(crate::support::repo().join("tests/search/query.mjs"))
        .arg(site.path("public"))
        .args(args)
        .output()
        .expect("the search tests run search.js under Node: install Node (18 or newer)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_post_of_every_group_and_week_is_in_one_search_index() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let meta = site.json("public/search/index.json");
    let all: u64 = ["cdmx", "rust-mx", "bogota", "tokyo", "cairo"]
        .iter()
        .map(|slug| posts_of(&site, slug))
        .sum();
    assert!(all > 500, "{all}");
    assert_eq!(meta["posts"], all, "{meta}");
    let slugs: Vec<_> = meta["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["bogota", "cairo", "cdmx", "rust-mx", "tokyo"]);
    // One folder, named by its content, beside index.json.
    let index = meta["index"].as_str().unwrap();
    let files = site.files("public/search");
    assert!(files
        .iter()
        .all(|f| f == "index.json" || f.starts_with(&format!("{index}/"))));
    assert!(files.iter().any(|f| f.ends_with("/t/0.bin")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("/d/0.json")), "{files:?}");
    assert!(site.exists("public/search.js"));
}

#[test]
fn a_query_finds_posts_in_every_language_and_links_to_their_anchors() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let answers = node(&site, &["rust async", "東京", "CAFE", "caf", "zzzqqq", "a"]);
    assert_eq!(answers.len(), 6);
    for answer in &answers[..4] {
        let hits = answer["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "{answer}");
        assert!(answer["total"].as_u64().unwrap() >= hits.len() as u64);
        for hit in hits {
            // The link is the week page's anchor for that post, and the page has it.
            let url = hit["url"].as_str().unwrap();
            let (page, anchor) = url.split_once('#').unwrap();
            let html = site.read(&format!("public/{page}index.html"));
            assert!(html.contains(&format!("id=\"{anchor}\"")), "{url}");
            assert!(html.contains(hit["week"].as_str().unwrap()), "{url}");
            // Its counts read as the page words them, in the group's language (the
            // compact list of a week's other posts leaves zeros out).
            for count in hit["counts"].as_str().unwrap().split(" · ") {
                let digits: String = count.chars().filter(char::is_ascii_digit).collect();
                assert!(html.contains(count) || digits == "0", "{url}: {count}");
            }
            let lang = hit["lang"].as_str().unwrap();
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{url}");
            // Every word of the query is on that page (accents and case folded).
            let page = fold(&html);
            for word in answer["query"].as_str().unwrap().split(' ') {
                assert!(page.contains(&fold(word)), "{url} has no {word}");
            }
        }
    }
    assert!(answers[0]["total"].as_u64() > Some(1), "{}", answers[0]);
    assert!(answers[1]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["slug"] == "tokyo"));
    // Accents and case are folded: CAFE finds "Café".
    let title = fold(answers[2]["hits"][0]["title"].as_str().unwrap());
    assert!(title.contains("cafe"), "{}", answers[2]);
    // An unfinished word stands for its completions too.
    assert!(answers[3]["total"].as_u64() >= answers[2]["total"].as_u64());
    // The last word stands for its completions whether or not a space follows it, so
    // typing the space never changes the answer; a one-letter word after it is no term.
    let more = node(&site, &["mee", "mee ", "mee x", "meetup", "kube", "kube "]);
    let total = |i: usize| more[i]["total"].as_u64().unwrap();
    assert_eq!(total(0), total(1), "mee and mee : {}", more[1]);
    assert_eq!(total(1), total(2), "mee x is mee");
    assert!(total(0) >= total(3));
    assert!(total(4) > 0);
    assert_eq!(total(4), total(5), "kube and kube ");
    assert_eq!(more[4]["hits"], more[5]["hits"]);
    assert_eq!(answers[4]["total"], 0);
    assert_eq!(answers[5]["empty"], true, "one letter is not a query");
    // A pasted paragraph looks up 12 terms at most: index.json, a shard and a long list
    // each, and the records of its ten best posts.
    let paragraph = "Hoy aprendí algo nuevo de machine learning y se los quiero compartir \
                     alguien tiene experiencia con TypeScript en producción busco consejos";
    let answer = &node(&site, &[paragraph])[0];
    let files = answer["files"].as_array().unwrap().len();
    assert!(files <= 1 + 12 * 2 + 10, "{files} files: {answer}");
    assert!(
        answer["total"].as_u64() >= Some(1),
        "the demo post is found: {answer}"
    );
}

#[test]
fn plurals_find_their_singular_and_results_show_the_match_in_marks() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let answers = node(&site, &["hackathons", "vacantes", "flutter"]);
    for (answer, word) in answers.iter().zip(["hackathon", "vacante", "flutter"]) {
        let hits = answer["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "{answer}");
        for hit in hits {
            // The word is in the title or the excerpt, in a <mark> (by its places).
            let mut marked = Vec::new();
            for (text, marks) in [("title", "titleMarks"), ("excerpt", "marks")] {
                let text: Vec<u16> = hit[text].as_str().unwrap().encode_utf16().collect();
                for m in hit[marks].as_array().unwrap() {
                    let (a, b) = (
                        m[0].as_u64().unwrap() as usize,
                        m[1].as_u64().unwrap() as usize,
                    );
                    marked.push(fold(&String::from_utf16(&text[a..b]).unwrap()));
                }
            }
            assert!(
                marked.iter().any(|m| m.starts_with(word)),
                "{word}: {marked:?} in {hit}"
            );
            // An excerpt is cut between words: it starts with a word or "…".
            let excerpt = hit["excerpt"].as_str().unwrap();
            assert!(excerpt.len() <= 4 * 200, "{excerpt}");
        }
    }
    // The post about the word comes first: its title holds it.
    let title = fold(answers[2]["hits"][0]["title"].as_str().unwrap());
    assert!(title.contains("flutter"), "{}", answers[2]["hits"][0]);
}

#[test]
fn every_bundled_language_stems_alike_in_rust_and_search_js() {
    use groupdigest::render::search::snowball;
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let texts = [
        (
            "en",
            "Meetups and hackathons: running, ran, generously, lifetime's",
        ),
        (
            "es",
            "Vacantes, vacante, canciones, canción, corriendo, programadores",
        ),
        ("pt", "Vagas, programação, programadores, corações, coração"),
        (
            "fr",
            "Développeurs, développement, réunions, châteaux, mangées",
        ),
        ("de", "Entwickler, Entwicklungen, Häuser, Straße, Mädchen"),
        ("it", "Sviluppatori, sviluppo, incontri, città, perché"),
        ("ru", "Разработчики, разработка, встречи, ёжик, йогурт"),
        ("ar", "المطورين المطور لقاءات الخميس مساءً"),
        ("hi", "डेवलपरों डेवलपर बैठकें किताबें लड़कियाँ"),
    ];
    let public = site.path("public");
    let codes: Vec<&str> = texts.iter().map(|(c, _)| *c).collect();
    assert_eq!(codes, snowball::LANGUAGES, "every language with a stemmer");
    for (code, text) in texts {
        let stemmer = snowball::for_language(code).unwrap();
        // search.js loads the stemmer from search-stem/; write it there for this test.
        let file = public.join(format!("search-stem/{}-stemmer.js", stemmer.name));
        std::fs::write(&file, stemmer.js()).unwrap();
        std::fs::write(
            public.join("search-stem/base-stemmer.js"),
            snowball::base_js(),
        )
        .unwrap();
        let js = node(&site, &["--stems", stemmer.name, code, text]);
        let mut rust = Vec::new();
        terms::each_word(text, |t, raw| {
            rust.push((t.to_string(), terms::stem_key(&stemmer, code, raw, t)))
        });
        assert_eq!(
            serde_json::to_value(&rust).unwrap(),
            js[0],
            "{code}: {text}"
        );
        // Hindi's suffixes are mostly vowel signs, which folding drops already: its stems
        // are then the terms themselves.
        assert!(
            code == "hi" || rust.iter().any(|(_, k)| k.is_some()),
            "{code}: some word of {text} has a stem"
        );
    }
    // Japanese, Korean and Chinese have none: their words are kept as they are.
    for code in ["ja", "ko", "zh"] {
        assert!(snowball::for_language(code).is_none());
    }
}

#[test]
fn search_js_and_the_index_key_text_alike() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let texts = [
        "Café CON Leche, ¡Qué RICO! Ñandú",
        "ＲＵＳＴ ﬁnal İstanbul ΣΊΣΥΦΟΣ straße",
        "don't <b>async</b>&amp; 2026-11-23 a I x86_64",
        "東京都で猫 と rust勉強会 ｶﾞｽ ガス 東京・大阪 ฿100 𰀀𰀁",
        "สวัสดีครับ 서울 모임 Привет, мир",
        "emoji 🦀🎉 tabs\tand\nnewlines — dashes – «quotes»",
        &"long".repeat(30),
    ];
    let js = node(&site, &[&["--terms"][..], &texts[..]].concat());
    let mut all = Vec::new();
    for (text, js) in texts.iter().zip(js) {
        let rust = terms::terms(text);
        assert_eq!(serde_json::to_value(&rust).unwrap(), js, "{text}");
        all.extend(rust);
    }
    // And pick the same shard for each term.
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let js = node(&site, &[&["--shards", "97"][..], &all[..]].concat());
    let rust: Vec<u32> = all.iter().map(|t| terms::shard_of(t, 97)).collect();
    assert_eq!(serde_json::to_value(&rust).unwrap(), js[0]);
}

#[test]
fn a_rebuild_replaces_the_index_folder_whole() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let first = site.json("public/search/index.json")["index"].clone();
    site.run(&["render", NOW]).success();
    assert_eq!(
        site.json("public/search/index.json")["index"],
        first,
        "same data, same index"
    );
    // A week fewer in the archive: a new folder, and the old one is gone.
    let week = site
        .files("data/cdmx")
        .into_iter()
        .find(|f| f.ends_with(".json") && f != "group.json")
        .unwrap();
    std::fs::remove_file(site.path(&format!("data/cdmx/{week}"))).unwrap();
    site.run(&["render", NOW]).success();
    let second = site.json("public/search/index.json")["index"].clone();
    assert_ne!(second, first);
    let folders: std::collections::BTreeSet<_> = site
        .files("public/search")
        .iter()
        .filter_map(|f| f.split_once('/').map(|(d, _)| d.to_string()))
        .collect();
    assert_eq!(
        folders.into_iter().collect::<Vec<_>>(),
        [second.as_str().unwrap()]
    );
}

#[test]
fn every_page_carries_one_search_box_loaded_relative_to_the_page() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    for (page, script) in [
        ("index.html", "search.js"),
        ("cdmx/index.html", "../search.js"),
        ("cdmx/2026-11-16/index.html", "../../search.js"),
        ("cdmx/latest/index.html", "../../search.js"),
    ] {
        let html = site.read(&format!("public/{page}"));
        assert_eq!(html.matches("<input type=\"search\"").count(), 1, "{page}");
        assert!(
            html.contains(&format!("<script type=\"module\" src=\"{script}\">")),
            "{page} loads {script}"
        );
    }
    // The 404 page is served at any depth: it names the site's own address.
    let html = site.read("public/404.html");
    assert!(html.contains("<input type=\"search\""));
    assert!(html.contains("src=\"https://example.github.io/circles-digest/search.js\""));
}

#[test]
fn every_ranked_post_has_its_anchor_on_its_week_page() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let mut anchors = 0;
    for slug in ["cdmx", "rust-mx", "bogota", "tokyo", "cairo"] {
        for week in site.files(&format!("public/{slug}")) {
            let Some(key) = week.strip_suffix("/digest.json") else {
                continue;
            };
            let digest = site.json(&format!("public/{slug}/{week}"));
            let html = site.read(&format!("public/{slug}/{key}/index.html"));
            for post in digest["posts"].as_array().unwrap() {
                let id = post["id"].as_str().unwrap();
                assert!(
                    html.contains(&format!("id=\"post-{id}\"")),
                    "{slug}/{key}: {id}"
                );
                anchors += 1;
            }
        }
    }
    assert!(anchors > 100, "only {anchors} ranked posts checked");
}

#[test]
fn an_unlisted_groups_weeks_are_not_in_the_site_search() {
    let posts_in_index = |site: &Site| {
        site.json("public/search/index.json")["posts"]
            .as_u64()
            .unwrap()
    };
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    let all = posts_in_index(&site);
    let cdmx = posts_of(&site, "cdmx");
    assert!(cdmx > 0);
    let toml = site.read("site.toml").replacen(
        "slug = \"cdmx\"\n",
        "slug = \"cdmx\"\nvisibility = \"unlisted\"\n",
        1,
    );
    let toml = toml.replacen("visibility = \"public\"\n", "", 1);
    site.write("site.toml", &toml);
    site.run(&["build", NOW]).success();
    assert_eq!(
        posts_in_index(&site),
        all - cdmx,
        "cdmx's posts left the index"
    );
    // Its own pages and bot files still work.
    assert!(site.exists("public/cdmx/2026-11-16/index.html"));
    assert!(site.exists("public/cdmx/latest.json"));
}

#[test]
fn a_post_without_text_is_found_by_the_title_of_the_page_it_shares() {
    let site = Site::demo();
    site.run(&["build", NOW]).success();
    // A photo-only CDMX post sharing web.dev: its only words are its link's title.
    let answer = &node(&site, &["estado apis web"])[0];
    let hits = answer["hits"].as_array().unwrap();
    assert!(
        hits.iter()
            .any(|h| h["title"] == "El estado de las APIs web en 2026" && h["slug"] == "cdmx"),
        "{answer}"
    );
}
