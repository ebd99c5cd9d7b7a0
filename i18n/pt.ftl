# Textos da interface do groupdigest em português.

## Todas as páginas

skip-link = Ir para o conteúdo
search-label = Pesquisar publicações
footer = Feito com groupdigest. Os números são os que o Facebook informava na última atualização da semana.
all-groups = Todos os grupos
breadcrumb = Trilha de navegação
quote-open = “
quote-close = ”
list-separator = {", "}

## Contagens

count-posts = { $count ->
    [one] { $count } publicação
   *[other] { $count } publicações
}
count-comments = { $count ->
    [one] { $count } comentário
   *[other] { $count } comentários
}
count-shares = { $count ->
    [one] { $count } compartilhamento
   *[other] { $count } compartilhamentos
}
count-reactions = { $count ->
    [one] { $count } reação
   *[other] { $count } reações
}
count-weeks = { $count ->
    [one] { $count } semana
   *[other] { $count } semanas
}
count-members = { $count ->
    [one] { $count } membro
   *[other] { $count } membros
}
count-followers = { $count ->
    [one] { $count } seguidor
   *[other] { $count } seguidores
}
weeks-in-archive = { $count ->
    [one] { $count } semana no arquivo
   *[other] { $count } semanas no arquivo
}
no-engagement = Ainda sem comentários nem compartilhamentos

## Publicações sem texto

post-photo = Foto
post-link = Link compartilhado
post-text = Publicação

## Página inicial e 404

home-no-groups = Ainda não há grupos configurados: adicione uma entrada [[groups]] ao site.toml.
kind-page = Página
kind-group = Grupo
card-latest = Última semana:
card-top-post = destaque:
card-no-popular = ainda sem publicações em destaque
not-found-title = Não encontrada
not-found-heading = Página não encontrada
not-found-text = Essa página não faz parte deste resumo. Os grupos são:
site-description = As publicações em destaque de cada semana em { $groups }.

## Página de um grupo

on-facebook = No Facebook
bot-json = JSON para bots
feed = Feed
this-week-heading = Esta semana:
latest-week-heading = Última semana:
no-popular-current = Ainda não há publicações em destaque nesta semana.
no-popular-past = Não houve publicações em destaque nessa semana.
archive = Arquivo
no-weeks = Ainda não há semanas guardadas.
year-summary = { $weeks }, { $posts }
group-description = As publicações em destaque de cada semana em { $group }: { $archive }; a mais recente, { $week }.
group-description-empty = As publicações em destaque de cada semana em { $group }.

## Página de uma semana

week-heading = { $group }: { $week }
weeks-nav = Semanas
latest-week = Última semana
totals-so-far = { $totals } (até agora)
# Beside the current week's totals, shown one by one with icons.
so-far = (até agora)
most-commented = Mais comentada:
most-shared = Mais compartilhada:
top-posts = Destaques
other-posts = Outras publicações da semana
open-on-facebook = Abrir no Facebook
read-more = Ler a publicação inteira
picture-from = Imagem de { $group }
post-picture = Imagem compartilhada com a publicação { $rank }
last-updated = Atualizado em { $time }
bot-files = JSON para bots:
bot-data = dados
week-description = As publicações em destaque de { $group } na semana de { $week }: { $totals }.
week-description-top = Destaque: “{ $title }”

## Aviso de um grupo que não pôde ser atualizado

stale-since = Sem atualização desde { $time }
stale-never = Ainda sem atualização
stale-notice-since = Sem atualização desde { $time }: não foi possível obter as publicações mais recentes. O arquivo é mostrado como estava então.
stale-notice-never = Ainda sem atualização: não foi possível obter as publicações mais recentes. O arquivo é mostrado como estava então.

## Feeds

feed-entry-title = { $group }: { $week }
feed-summary = { $posts }
feed-summary-top = { $posts }; destaque: { $title }

## Pesquisa

search-short = Digite uma palavra de duas letras ou mais.
search-none = Nenhuma publicação encontrada.
search-error = A pesquisa não está disponível no momento.
search-matches = { $count ->
    [one] { $count } publicação encontrada.
   *[other] { $count } publicações encontradas.
}
search-matches-some = { $count ->
    [one] { $count } publicação encontrada; as { $shown } mais populares são mostradas.
   *[other] { $count } publicações encontradas; as { $shown } mais populares são mostradas.
}
search-more = Mostrar mais { $count }

## Bots (títulos de botão: no máximo 20 caracteres)

bot-open = Abrir publicação
bot-all = Todos os destaques
bot-group = Semanas anteriores
bot-empty-current = Ainda não há publicações em destaque nesta semana em { $group }.
bot-empty-past = Não houve publicações em destaque na semana de { $date } em { $group }.
bot-never-fetched = { $group } ainda não está no resumo: as suas publicações ainda não foram obtidas.
bot-intro-current = Destaques desta semana até agora em { $group }
bot-intro-past = Destaques da semana de { $date } em { $group }

## Datas

date-style = medium
week-in-month = { $start-day }–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## O gráfico de atividade do grupo e como uma semana se compara

activity-heading = Atividade
count-interactions = { $count ->
    [one] { $count } interação
   *[other] { $count } interações
}
activity-summary = { $weeks } até { $week }: { $posts } e { $interactions } (comentários, compartilhamentos e reações).
activity-usual = Uma semana típica: { $posts } e { $interactions }.
activity-busiest = A semana mais movimentada:
activity-busiest-count = ({ $interactions }).
activity-chart-title = Publicações (barras de cima) e interações (barras de baixo) por semana, de { $first } a { $last }
activity-legend-posts = Publicações
activity-legend-interactions = Interações
activity-legend-note = por semana, da mais antiga para a mais recente
activity-numbers = Os números, semana a semana
activity-week = Semana
activity-posts = Publicações
activity-interactions = Interações
week-above = Uma semana mais movimentada que o normal: { $interactions } e { $posts } (o normal: { $usual_interactions } e { $usual_posts }).
week-below = Uma semana mais calma que o normal: { $interactions } e { $posts } (o normal: { $usual_interactions } e { $usual_posts }).
week-usual = Uma semana típica do grupo: { $interactions } e { $posts } (o normal: { $usual_interactions } e { $usual_posts }).
