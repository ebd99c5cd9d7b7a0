# Textes de l'interface de groupdigest en français.

## Toutes les pages

skip-link = Aller au contenu
search-label = Rechercher des publications
footer = Fait avec groupdigest. Les chiffres sont ceux que Facebook indiquait lors de la dernière mise à jour de la semaine.
all-groups = Tous les groupes
breadcrumb = Fil d’Ariane
quote-open = «{"\u00A0"}
quote-close = {"\u00A0"}»
list-separator = {", "}

## Nombres

count-posts = { $count ->
    [one] { $count } publication
   *[other] { $count } publications
}
count-comments = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}
count-shares = { $count ->
    [one] { $count } partage
   *[other] { $count } partages
}
count-reactions = { $count ->
    [one] { $count } réaction
   *[other] { $count } réactions
}
count-weeks = { $count ->
    [one] { $count } semaine
   *[other] { $count } semaines
}
count-members = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
count-followers = { $count ->
    [one] { $count } abonné
   *[other] { $count } abonnés
}
weeks-in-archive = { $count ->
    [one] { $count } semaine archivée
   *[other] { $count } semaines archivées
}
no-engagement = Pas encore de commentaires ni de partages

## Publications sans texte

post-photo = Photo
post-link = Lien partagé
post-text = Publication

## Accueil et 404

home-no-groups = Aucun groupe n’est encore configuré : ajoutez une entrée [[groups]] à site.toml.
kind-page = Page
kind-group = Groupe
card-latest = Dernière semaine :
card-top-post = à la une :
card-no-popular = pas encore de publication populaire
not-found-title = Introuvable
not-found-heading = Page introuvable
not-found-text = Cette page ne fait pas partie de ce condensé. Les groupes sont :
site-description = Les publications les plus populaires de chaque semaine dans { $groups }.

## Page d'un groupe

on-facebook = Sur Facebook
bot-json = JSON pour bots
feed = Flux
this-week-heading = Cette semaine :
latest-week-heading = Dernière semaine :
no-popular-current = Pas encore de publication populaire cette semaine.
no-popular-past = Aucune publication populaire cette semaine-là.
archive = Archives
no-weeks = Aucune semaine enregistrée pour l’instant.
year-summary = { $weeks }, { $posts }
group-description = Les publications les plus populaires de chaque semaine dans { $group } : { $archive }, la dernière du { $week }.
group-description-empty = Les publications les plus populaires de chaque semaine dans { $group }.

## Page d'une semaine

week-heading = { $group } : { $week }
weeks-nav = Semaines
latest-week = Dernière semaine
totals-so-far = { $totals } (pour l’instant)
# Beside the current week's totals, shown one by one with icons.
so-far = (pour l’instant)
most-commented = La plus commentée :
most-shared = La plus partagée :
top-posts = À la une
other-posts = Les autres publications de la semaine
open-on-facebook = Voir sur Facebook
read-more = Lire toute la publication
picture-from = Image de { $group }
post-picture = Image partagée avec la publication { $rank }
last-updated = Mis à jour le { $time }
bot-files = JSON pour bots :
bot-data = données
week-description = Les publications les plus populaires de { $group } la semaine du { $week } : { $totals }.
week-description-top = À la une : « { $title } »

## Avis sur un groupe qui n'a pas pu être mis à jour

stale-since = Pas mis à jour depuis le { $time }
stale-never = Pas encore mis à jour
stale-notice-since = Pas mis à jour depuis le { $time } : les dernières publications n’ont pas pu être récupérées. Les archives sont affichées telles qu’elles étaient alors.
stale-notice-never = Pas encore mis à jour : les dernières publications n’ont pas pu être récupérées. Les archives sont affichées telles qu’elles étaient alors.

## Flux

feed-entry-title = { $group } : { $week }
feed-summary = { $posts }
feed-summary-top = { $posts } ; à la une : { $title }

## Recherche

search-short = Saisissez un mot d’au moins deux lettres.
search-none = Aucune publication ne correspond.
search-error = La recherche n’est pas disponible pour le moment.
search-matches = { $count ->
    [one] { $count } publication correspond.
   *[other] { $count } publications correspondent.
}
search-matches-some = { $count ->
    [one] { $count } publication correspond ; les { $shown } plus populaires sont affichées.
   *[other] { $count } publications correspondent ; les { $shown } plus populaires sont affichées.
}
search-more = Afficher { $count } de plus

## Bots (titres de bouton : 20 caractères au plus)

bot-open = Voir la publication
bot-all = Tout le top
bot-group = Semaines passées
bot-empty-current = Pas encore de publication populaire cette semaine dans { $group }.
bot-empty-past = Aucune publication populaire la semaine du { $date } dans { $group }.
bot-never-fetched = { $group } n’est pas encore dans le digest : ses publications n’ont pas encore été récupérées.
bot-intro-current = Les publications à la une cette semaine, pour l’instant, dans { $group }
bot-intro-past = Les publications à la une la semaine du { $date } dans { $group }

## Dates

date-style = medium
week-in-month = { $start-day }–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## Le graphique d’activité du groupe et la place d’une semaine

activity-heading = Activité
count-interactions = { $count ->
    [one] { $count } interaction
   *[other] { $count } interactions
}
activity-summary = { $weeks } (dernière : { $week }) : { $posts } et { $interactions } (commentaires, partages et réactions).
activity-usual = Une semaine habituelle : { $posts } et { $interactions }.
activity-busiest = La semaine la plus active :
activity-busiest-count = ({ $interactions }).
activity-chart-title = Publications (barres du haut) et interactions (barres du bas) par semaine, de { $first } à { $last }
activity-legend-posts = Publications
activity-legend-interactions = Interactions
activity-legend-note = par semaine, de la plus ancienne à la plus récente
activity-numbers = Les chiffres, semaine par semaine
activity-week = Semaine
activity-posts = Publications
activity-interactions = Interactions
week-above = Une semaine plus active que d’habitude : { $interactions } et { $posts } (d’habitude : { $usual_interactions } et { $usual_posts }).
week-below = Une semaine plus calme que d’habitude : { $interactions } et { $posts } (d’habitude : { $usual_interactions } et { $usual_posts }).
week-usual = Une semaine habituelle pour le groupe : { $interactions } et { $posts } (d’habitude : { $usual_interactions } et { $usual_posts }).
