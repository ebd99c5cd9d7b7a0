# I testi dell'interfaccia di groupdigest in italiano.

## Tutte le pagine

skip-link = Vai al contenuto
search-label = Cerca nei post
footer = Realizzato con groupdigest. I numeri sono quelli indicati da Facebook all’ultimo aggiornamento della settimana.
all-groups = Tutti i gruppi
breadcrumb = Percorso di navigazione
quote-open = «
quote-close = »
list-separator = {", "}

## Conteggi

count-posts = { $count ->
    [one] { $count } post
   *[other] { $count } post
}
count-comments = { $count ->
    [one] { $count } commento
   *[other] { $count } commenti
}
count-shares = { $count ->
    [one] { $count } condivisione
   *[other] { $count } condivisioni
}
count-reactions = { $count ->
    [one] { $count } reazione
   *[other] { $count } reazioni
}
count-weeks = { $count ->
    [one] { $count } settimana
   *[other] { $count } settimane
}
count-members = { $count ->
    [one] { $count } membro
   *[other] { $count } membri
}
count-followers = { $count ->
    [one] { $count } follower
   *[other] { $count } follower
}
weeks-in-archive = { $count ->
    [one] { $count } settimana in archivio
   *[other] { $count } settimane in archivio
}
no-engagement = Ancora nessun commento o condivisione

## Post senza testo

post-photo = Foto
post-link = Link condiviso
post-text = Post

## Home page e 404

home-no-groups = Nessun gruppo ancora configurato: aggiungi una voce [[groups]] a site.toml.
kind-page = Pagina
kind-group = Gruppo
card-latest = Ultima settimana:
card-top-post = post in evidenza:
card-no-popular = ancora nessun post popolare
not-found-title = Non trovata
not-found-heading = Pagina non trovata
not-found-text = Questa pagina non fa parte di questo riepilogo. I gruppi sono:
site-description = I post più popolari di ogni settimana in { $groups }.

## Pagina di un gruppo

on-facebook = Su Facebook
bot-json = JSON per bot
feed = Feed
this-week-heading = Questa settimana:
latest-week-heading = Ultima settimana:
no-popular-current = Ancora nessun post popolare questa settimana.
no-popular-past = Nessun post popolare quella settimana.
archive = Archivio
no-weeks = Ancora nessuna settimana salvata.
year-summary = { $weeks }, { $posts }
group-description = I post più popolari di ogni settimana in { $group }: { $archive }, l’ultima { $week }.
group-description-empty = I post più popolari di ogni settimana in { $group }.

## Pagina di una settimana

week-heading = { $group }: { $week }
weeks-nav = Settimane
latest-week = Ultima settimana
totals-so-far = { $totals } (finora)
# Beside the current week's totals, shown one by one with icons.
so-far = (finora)
most-commented = Il più commentato:
most-shared = Il più condiviso:
top-posts = Post in evidenza
other-posts = Gli altri post della settimana
open-on-facebook = Apri su Facebook
read-more = Leggi tutto il post
picture-from = Immagine da { $group }
post-picture = Immagine condivisa con il post { $rank }
last-updated = Ultimo aggiornamento: { $time }
bot-files = JSON per bot:
bot-data = dati
week-description = I post in evidenza di { $group } nella settimana { $week }: { $totals }.
week-description-top = In evidenza: «{ $title }»

## Avviso per un gruppo che non è stato possibile aggiornare

stale-since = Non aggiornato dal { $time }
stale-never = Non ancora aggiornato
stale-notice-since = Non aggiornato dal { $time }: non è stato possibile scaricare i post più recenti. L’archivio è mostrato com’era allora.
stale-notice-never = Non ancora aggiornato: non è stato possibile scaricare i post più recenti. L’archivio è mostrato com’era allora.

## Feed

feed-entry-title = { $group }: { $week }
feed-summary = { $posts }
feed-summary-top = { $posts }; in evidenza: { $title }

## Ricerca

search-short = Scrivi una parola di almeno due lettere.
search-none = Nessun post corrisponde.
search-error = La ricerca non è disponibile al momento.
search-matches = { $count ->
    [one] { $count } post corrisponde.
   *[other] { $count } post corrispondono.
}
search-matches-some = { $count ->
    [one] { $count } post corrisponde; sono mostrati i { $shown } più popolari.
   *[other] { $count } post corrispondono; sono mostrati i { $shown } più popolari.
}
search-more = Mostra altri { $count }

## Bot (titoli dei pulsanti: al massimo 20 caratteri)

bot-open = Apri il post
bot-all = Tutti i post top
bot-group = Settimane passate
bot-empty-current = Ancora nessun post popolare questa settimana in { $group }.
bot-empty-past = Nessun post popolare nella settimana del { $date } in { $group }.
bot-never-fetched = { $group } non è ancora nel digest: i suoi post non sono ancora stati recuperati.
bot-intro-current = I post in evidenza di questa settimana finora in { $group }
bot-intro-past = I post in evidenza della settimana del { $date } in { $group }

## Date

date-style = medium
week-in-month = { $start-day }–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## Il grafico dell’attività del gruppo e come si colloca una settimana

activity-heading = Attività
count-interactions = { $count ->
    [one] { $count } interazione
   *[other] { $count } interazioni
}
activity-summary = { $weeks } fino a { $week }: { $posts } e { $interactions } (commenti, condivisioni e reazioni).
activity-usual = Una settimana tipica: { $posts } e { $interactions }.
activity-busiest = La settimana più attiva:
activity-busiest-count = ({ $interactions }).
activity-chart-title = Post (barre in alto) e interazioni (barre in basso) per settimana, da { $first } a { $last }
activity-legend-posts = Post
activity-legend-interactions = Interazioni
activity-legend-note = per settimana, dalla meno recente
activity-numbers = I numeri, settimana per settimana
activity-week = Settimana
activity-posts = Post
activity-interactions = Interazioni
week-above = Una settimana più attiva del solito: { $interactions } e { $posts } (di solito: { $usual_interactions } e { $usual_posts }).
week-below = Una settimana più tranquilla del solito: { $interactions } e { $posts } (di solito: { $usual_interactions } e { $usual_posts }).
week-usual = Una settimana nella norma per il gruppo: { $interactions } e { $posts } (di solito: { $usual_interactions } e { $usual_posts }).
