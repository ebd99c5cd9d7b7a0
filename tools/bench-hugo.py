#!/usr/bin/env python3
"""Writes a Hugo site shaped like examples/bench_render's archive, to compare build speed.

20 sections x 520 week pages, each with 15 posts in its front matter; a week page shows its
top 5 posts (sorted by score in the template) and, with --json, also writes a gallery JSON.

    python3 tools/bench-hugo.py /dev/shm/hugo-site [--json]
    cd /dev/shm/hugo-site && /usr/bin/time -v hugo --quiet

Hugo is not a dependency of groupdigest; `apt-get install hugo` is enough for this.
"""
import json
import os
import random
import shutil
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "/dev/shm/hugo-site"
outputs = '["HTML", "JSON"]' if "--json" in sys.argv else '["HTML"]'
shutil.rmtree(root, ignore_errors=True)
os.makedirs(root + "/layouts/_default")
os.makedirs(root + "/layouts/partials")
open(root + "/config.toml", "w").write(f'''baseURL = "https://example.github.io/bench/"
title = "Bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[outputs]
page = {outputs}
section = ["HTML"]
home = ["HTML"]
''')
open(root + "/layouts/_default/baseof.html", "w").write('''<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<link rel="stylesheet" href="/style.css"></head><body><header><a href="/">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main><footer><p>Made with Hugo.</p></footer></body></html>''')
open(root + "/layouts/_default/single.html", "w").write('''{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $posts := .Params.posts }}
<p>{{ len $posts }} posts</p>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ range $i, $p := first 5 (sort $posts "score" "desc") }}{{ partial "post.html" (dict "p" $p "i" $i) }}{{ end }}
{{ end }}''')
open(root + "/layouts/partials/post.html", "w").write('''<article class="post">
{{ with .p.picture }}<img src="{{ . }}" alt="" loading="lazy">{{ end }}
<h3><span class="rank">{{ add .i 1 }}</span> {{ .p.message }}</h3>
<p>{{ .p.comments }} comments · {{ .p.shares }} shares · {{ .p.reactions }} reactions</p>
<p><a href="{{ .p.permalink }}" rel="nofollow noopener">Open on Facebook</a></p>
</article>''')
open(root + "/layouts/_default/single.json", "w").write('''{{ $posts := first 5 (sort .Params.posts "score" "desc") }}{"messages":[{"attachment":{"type":"template","payload":{"template_type":"generic","elements":[{{ range $i, $p := $posts }}{{ if $i }},{{ end }}{"title":{{ $p.message | truncate 80 | jsonify }},"subtitle":"{{ $p.comments }} comments","default_action":{"type":"web_url","url":{{ $p.permalink | jsonify }}}}{{ end }}]}}}]}''')
open(root + "/layouts/_default/list.html", "w").write('''{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}''')
rnd = random.Random(1)
for g in range(20):
    d = f"{root}/content/group-{g}"
    os.makedirs(d)
    open(d + "/_index.md", "w").write(f'---\ntitle: "Group {g}"\n---\n')
    for w in range(520):
        posts = []
        for i in range(15):
            c, s, r = rnd.randrange(40), rnd.randrange(10), rnd.randrange(200)
            posts.append({"message": f"Post {i} of week {w}: a meetup, slides, a question about <Rust> & async. Second line with more words to make it a realistic length for a group post.",
                          "permalink": f"https://www.facebook.com/groups/{g}/permalink/{i}/",
                          "picture": f"https://scontent.xx.fbcdn.net/{g}_{i}.jpg" if i % 3 == 0 else "",
                          "comments": c, "shares": s, "reactions": r, "score": c + s})
        fm = {"title": f"Week {w}", "date": f"2016-01-01", "weight": w, "posts": posts}
        open(f"{d}/w{w:04d}.md", "w").write(json.dumps(fm) + "\n")
print(f"wrote {root}: 20 sections x 520 pages")
