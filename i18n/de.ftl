# Die Texte der Oberfläche von groupdigest auf Deutsch.

## Jede Seite

skip-link = Zum Inhalt springen
search-label = Beiträge durchsuchen
footer = Erstellt mit groupdigest. Die Zahlen sind die, die Facebook bei der letzten Aktualisierung der Woche meldete.
all-groups = Alle Gruppen
breadcrumb = Brotkrümelnavigation
quote-open = „
quote-close = “
list-separator = {", "}

## Zahlen

count-posts = { $count ->
    [one] { $count } Beitrag
   *[other] { $count } Beiträge
}
count-comments = { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentare
}
count-shares = { $count ->
    [one] { $count }-mal geteilt
   *[other] { $count }-mal geteilt
}
count-reactions = { $count ->
    [one] { $count } Reaktion
   *[other] { $count } Reaktionen
}
count-weeks = { $count ->
    [one] { $count } Woche
   *[other] { $count } Wochen
}
count-members = { $count ->
    [one] { $count } Mitglied
   *[other] { $count } Mitglieder
}
count-followers = { $count ->
    [one] { $count } Follower
   *[other] { $count } Follower
}
weeks-in-archive = { $count ->
    [one] { $count } Woche im Archiv
   *[other] { $count } Wochen im Archiv
}
no-engagement = Noch keine Kommentare oder geteilten Inhalte

## Beiträge ohne Text

post-photo = Foto
post-link = Geteilter Link
post-text = Beitrag

## Startseite und 404

home-no-groups = Noch keine Gruppen eingerichtet: Füge in site.toml einen Eintrag [[groups]] hinzu.
kind-page = Seite
kind-group = Gruppe
card-latest = Neueste Woche:
card-top-post = Top-Beitrag:
card-no-popular = noch keine beliebten Beiträge
not-found-title = Nicht gefunden
not-found-heading = Seite nicht gefunden
not-found-text = Diese Seite gehört nicht zu diesem Wochenrückblick. Die Gruppen:
site-description = Die beliebtesten Beiträge jeder Woche aus { $groups }.

## Seite einer Gruppe

on-facebook = Auf Facebook
bot-json = JSON für Bots
feed = Feed
this-week-heading = Diese Woche:
latest-week-heading = Neueste Woche:
no-popular-current = Diese Woche noch keine beliebten Beiträge.
no-popular-past = In dieser Woche gab es keine beliebten Beiträge.
archive = Archiv
no-weeks = Noch keine Wochen gespeichert.
year-summary = { $weeks }, { $posts }
group-description = Die beliebtesten Beiträge jeder Woche aus { $group }: { $archive }, zuletzt { $week }.
group-description-empty = Die beliebtesten Beiträge jeder Woche aus { $group }.

## Seite einer Woche

week-heading = { $group }: { $week }
weeks-nav = Wochen
latest-week = Neueste Woche
totals-so-far = { $totals } (bisher)
# Beside the current week's totals, shown one by one with icons.
so-far = (bisher)
most-commented = Meistkommentiert:
most-shared = Meistgeteilt:
top-posts = Top-Beiträge
other-posts = Die weiteren Beiträge der Woche
open-on-facebook = Auf Facebook öffnen
read-more = Ganzen Beitrag lesen
picture-from = Bild aus { $group }
post-picture = Bild zum Beitrag { $rank }
last-updated = Zuletzt aktualisiert am { $time }
bot-files = JSON für Bots:
bot-data = Daten
week-description = Die Top-Beiträge aus { $group } in der Woche vom { $week }: { $totals }.
week-description-top = Top-Beitrag: „{ $title }“

## Hinweis bei einer Gruppe, die nicht aktualisiert werden konnte

stale-since = Nicht aktualisiert seit { $time }
stale-never = Noch nicht aktualisiert
stale-notice-since = Nicht aktualisiert seit { $time }: Die neuesten Beiträge konnten nicht abgerufen werden. Das Archiv wird so gezeigt, wie es damals war.
stale-notice-never = Noch nicht aktualisiert: Die neuesten Beiträge konnten nicht abgerufen werden. Das Archiv wird so gezeigt, wie es damals war.

## Feeds

feed-entry-title = { $group }: { $week }
feed-summary = { $posts }
feed-summary-top = { $posts }; Top-Beitrag: { $title }

## Suche

search-short = Gib ein Wort mit mindestens zwei Buchstaben ein.
search-none = Kein Beitrag gefunden.
search-error = Die Suche ist gerade nicht verfügbar.
search-matches = { $count ->
    [one] { $count } Beitrag gefunden.
   *[other] { $count } Beiträge gefunden.
}
search-matches-some = { $count ->
    [one] { $count } Beitrag gefunden; die { $shown } beliebtesten werden angezeigt.
   *[other] { $count } Beiträge gefunden; die { $shown } beliebtesten werden angezeigt.
}
search-more = { $count } weitere anzeigen

## Bots (Button-Titel: höchstens 20 Zeichen)

bot-open = Beitrag öffnen
bot-all = Alle Top-Beiträge
bot-group = Frühere Wochen
bot-empty-current = Diese Woche noch keine beliebten Beiträge in { $group }.
bot-empty-past = In der Woche vom { $date } gab es keine beliebten Beiträge in { $group }.
bot-never-fetched = { $group } ist noch nicht im Digest: Seine Beiträge wurden bisher nicht abgerufen.
bot-intro-current = Die bisherigen Top-Beiträge dieser Woche in { $group }
bot-intro-past = Die Top-Beiträge der Woche vom { $date } in { $group }

## Daten

date-style = long
week-in-month = { $start-day }.–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## Das Aktivitätsdiagramm der Gruppe und wo eine Woche steht

activity-heading = Aktivität
count-interactions = { $count ->
    [one] { $count } Interaktion
   *[other] { $count } Interaktionen
}
activity-summary = { $weeks } bis { $week }: { $posts } und { $interactions } (Kommentare, geteilte Beiträge und Reaktionen).
activity-usual = Eine übliche Woche: { $posts } und { $interactions }.
activity-busiest = Die aktivste Woche:
activity-busiest-count = ({ $interactions }).
activity-chart-title = Beiträge (obere Balken) und Interaktionen (untere Balken) pro Woche, von { $first } bis { $last }
activity-legend-posts = Beiträge
activity-legend-interactions = Interaktionen
activity-legend-note = pro Woche, die älteste zuerst
activity-numbers = Die Zahlen, Woche für Woche
activity-week = Woche
activity-posts = Beiträge
activity-interactions = Interaktionen
week-above = Eine aktivere Woche als üblich: { $interactions } und { $posts } (üblich: { $usual_interactions } und { $usual_posts }).
week-below = Eine ruhigere Woche als üblich: { $interactions } und { $posts } (üblich: { $usual_interactions } und { $usual_posts }).
week-usual = Eine übliche Woche für die Gruppe: { $interactions } und { $posts } (üblich: { $usual_interactions } und { $usual_posts }).
