# Textos de la interfaz de groupdigest en español.

## Todas las páginas

skip-link = Saltar al contenido
search-label = Buscar publicaciones
footer = Hecho con groupdigest. Las cifras son las que Facebook daba la última vez que se actualizó la semana.
all-groups = Todos los grupos
breadcrumb = Ruta de navegación
quote-open = «
quote-close = »
list-separator = {", "}

## Cifras

count-posts = { $count ->
    [one] { $count } publicación
   *[other] { $count } publicaciones
}
count-comments = { $count ->
    [one] { $count } comentario
   *[other] { $count } comentarios
}
count-shares = { $count ->
    [one] compartido { $count } vez
   *[other] compartido { $count } veces
}
count-reactions = { $count ->
    [one] { $count } reacción
   *[other] { $count } reacciones
}
count-weeks = { $count ->
    [one] { $count } semana
   *[other] { $count } semanas
}
count-members = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}
count-followers = { $count ->
    [one] { $count } seguidor
   *[other] { $count } seguidores
}
weeks-in-archive = { $count ->
    [one] { $count } semana en el archivo
   *[other] { $count } semanas en el archivo
}
no-engagement = Aún sin comentarios ni compartidos

## Publicaciones sin texto

post-photo = Foto
post-link = Enlace compartido
post-text = Publicación

## Portada y 404

home-no-groups = Todavía no hay grupos configurados: añade una entrada [[groups]] a site.toml.
kind-page = Página
kind-group = Grupo
card-latest = Última semana:
card-top-post = lo más destacado:
card-no-popular = aún sin publicaciones destacadas
not-found-title = No encontrada
not-found-heading = No encontramos esta página
not-found-text = Esa página no forma parte de este resumen. Los grupos son:
site-description = Las publicaciones más destacadas de cada semana en { $groups }.

## Página de un grupo

on-facebook = En Facebook
bot-json = JSON para bots
feed = Feed
this-week-heading = Esta semana:
latest-week-heading = Última semana:
no-popular-current = Aún no hay publicaciones destacadas esta semana.
no-popular-past = No hubo publicaciones destacadas esa semana.
archive = Archivo
no-weeks = Todavía no hay semanas guardadas.
year-summary = { $weeks }, { $posts }
group-description = Las publicaciones más destacadas de cada semana en { $group }: { $archive }; la última, { $week }.
group-description-empty = Las publicaciones más destacadas de cada semana en { $group }.

## Página de una semana

week-heading = { $group }: { $week }
weeks-nav = Semanas
latest-week = Última semana
totals-so-far = { $totals } (hasta ahora)
# Beside the current week's totals, shown one by one with icons.
so-far = (hasta ahora)
most-commented = Lo más comentado:
most-shared = Lo más compartido:
top-posts = Lo más destacado
other-posts = Otras publicaciones de la semana
open-on-facebook = Ver en Facebook
read-more = Leer la publicación completa
picture-from = Imagen de { $group }
post-picture = Imagen compartida con la publicación { $rank }
last-updated = Actualizado el { $time }
bot-files = JSON para bots:
bot-data = datos
week-description = Las publicaciones más destacadas de { $group } en la semana del { $week }: { $totals }.
week-description-top = La más destacada: «{ $title }»

## Aviso de un grupo que no se pudo actualizar

stale-since = Sin actualizar desde el { $time }
stale-never = Aún sin actualizar
stale-notice-since = Sin actualizar desde el { $time }: no se pudieron obtener las últimas publicaciones. Se muestra el archivo tal como estaba entonces.
stale-notice-never = Aún sin actualizar: no se pudieron obtener las últimas publicaciones. Se muestra el archivo tal como estaba entonces.

## Feeds

feed-entry-title = { $group }: { $week }
feed-summary = { $posts }
feed-summary-top = { $posts }; la más destacada: { $title }

## Buscador

search-short = Escribe una palabra de dos letras o más.
search-none = Ninguna publicación coincide.
search-error = La búsqueda no está disponible en este momento.
search-matches = { $count ->
    [one] { $count } publicación coincide.
   *[other] { $count } publicaciones coinciden.
}
search-matches-some = { $count ->
    [one] { $count } publicación coincide; se muestran las { $shown } más populares.
   *[other] { $count } publicaciones coinciden; se muestran las { $shown } más populares.
}
search-more = Mostrar { $count } más

## Bots (títulos de botón: 20 caracteres como máximo)

bot-open = Ver publicación
bot-all = Lo más destacado
bot-group = Semanas anteriores
bot-empty-current = Aún no hay publicaciones destacadas esta semana en { $group }.
bot-empty-past = No hubo publicaciones destacadas la semana del { $date } en { $group }.
bot-never-fetched = { $group } aún no está en el resumen: sus publicaciones no se han obtenido todavía.
bot-intro-current = Lo más destacado de esta semana hasta ahora en { $group }
bot-intro-past = Lo más destacado de la semana del { $date } en { $group }

## Fechas

date-style = medium
week-in-month = { $start-day }–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## El gráfico de actividad del grupo y cómo se compara una semana

activity-heading = Actividad
count-interactions = { $count ->
    [one] { $count } interacción
   *[other] { $count } interacciones
}
activity-summary = { $weeks } hasta { $week }: { $posts } y { $interactions } (comentarios, compartidos y reacciones).
activity-usual = Una semana habitual: { $posts } y { $interactions }.
activity-busiest = La semana más activa:
activity-busiest-count = ({ $interactions }).
activity-chart-title = Publicaciones (barras de arriba) e interacciones (barras de abajo) por semana, de { $first } a { $last }
activity-legend-posts = Publicaciones
activity-legend-interactions = Interacciones
activity-legend-note = por semana, de la más antigua a la más reciente
activity-numbers = Las cifras, semana a semana
activity-week = Semana
activity-posts = Publicaciones
activity-interactions = Interacciones
week-above = Una semana más activa de lo habitual: { $interactions } y { $posts } (lo habitual: { $usual_interactions } y { $usual_posts }).
week-below = Una semana más tranquila de lo habitual: { $interactions } y { $posts } (lo habitual: { $usual_interactions } y { $usual_posts }).
week-usual = Una semana habitual para el grupo: { $interactions } y { $posts } (lo habitual: { $usual_interactions } y { $usual_posts }).
