# Тексты интерфейса groupdigest на русском.

## Все страницы

skip-link = Перейти к содержанию
search-label = Поиск по публикациям
footer = Сделано с помощью groupdigest. Цифры — те, что показывал Facebook при последнем обновлении недели.
all-groups = Все группы
breadcrumb = Навигационная цепочка
quote-open = «
quote-close = »
list-separator = {", "}

## Счётчики

count-posts = { $count ->
    [one] { $count } публикация
    [few] { $count } публикации
    [many] { $count } публикаций
   *[other] { $count } публикации
}
count-comments = { $count ->
    [one] { $count } комментарий
    [few] { $count } комментария
    [many] { $count } комментариев
   *[other] { $count } комментария
}
count-shares = { $count ->
    [one] { $count } репост
    [few] { $count } репоста
    [many] { $count } репостов
   *[other] { $count } репоста
}
count-reactions = { $count ->
    [one] { $count } реакция
    [few] { $count } реакции
    [many] { $count } реакций
   *[other] { $count } реакции
}
count-weeks = { $count ->
    [one] { $count } неделя
    [few] { $count } недели
    [many] { $count } недель
   *[other] { $count } недели
}
count-members = { $count ->
    [one] { $count } участник
    [few] { $count } участника
    [many] { $count } участников
   *[other] { $count } участника
}
count-followers = { $count ->
    [one] { $count } подписчик
    [few] { $count } подписчика
    [many] { $count } подписчиков
   *[other] { $count } подписчика
}
weeks-in-archive = { $count ->
    [one] { $count } неделя в архиве
    [few] { $count } недели в архиве
    [many] { $count } недель в архиве
   *[other] { $count } недели в архиве
}
no-engagement = Пока нет комментариев и репостов

## Публикации без текста

post-photo = Фото
post-link = Ссылка
post-text = Публикация

## Главная и 404

home-no-groups = Группы ещё не настроены: добавьте запись [[groups]] в site.toml.
kind-page = Страница
kind-group = Группа
card-latest = Последняя неделя:
card-top-post = лучшая публикация:
card-no-popular = популярных публикаций пока нет
not-found-title = Не найдено
not-found-heading = Страница не найдена
not-found-text = Этой страницы нет в дайджесте. Группы:
site-description = Самые популярные публикации каждой недели: { $groups }.

## Страница группы

on-facebook = На Facebook
bot-json = JSON для ботов
feed = Лента
this-week-heading = Эта неделя:
latest-week-heading = Последняя неделя:
no-popular-current = На этой неделе популярных публикаций пока нет.
no-popular-past = На той неделе популярных публикаций не было.
archive = Архив
no-weeks = Сохранённых недель пока нет.
year-summary = { $weeks }, { $posts }
group-description = Самые популярные публикации каждой недели в группе «{ $group }»: { $archive }, последняя — { $week }.
group-description-empty = Самые популярные публикации каждой недели в группе «{ $group }».

## Страница недели

week-heading = { $group }: { $week }
weeks-nav = Недели
latest-week = Последняя неделя
totals-so-far = { $totals } (пока)
# Beside the current week's totals, shown one by one with icons.
so-far = (пока)
most-commented = Больше всего комментариев:
most-shared = Больше всего репостов:
top-posts = Популярные публикации
other-posts = Другие публикации недели
open-on-facebook = Открыть в Facebook
read-more = Читать полностью
picture-from = Изображение из группы «{ $group }»
post-picture = Изображение к публикации { $rank }
last-updated = Обновлено { $time }
bot-files = JSON для ботов:
bot-data = данные
week-description = Популярные публикации группы «{ $group }» за неделю { $week }: { $totals }.
week-description-top = Лучшая: «{ $title }»

## Уведомление о группе, которую не удалось обновить

stale-since = Не обновлялось с { $time }
stale-never = Ещё не обновлялось
stale-notice-since = Не обновлялось с { $time }: не удалось получить новые публикации. Архив показан в том виде, в каком он был тогда.
stale-notice-never = Ещё не обновлялось: не удалось получить новые публикации. Архив показан в том виде, в каком он был тогда.

## Ленты

feed-entry-title = { $group }: { $week }
feed-summary = { $posts }
feed-summary-top = { $posts }; лучшая: { $title }

## Поиск

search-short = Введите слово хотя бы из двух букв.
search-none = Ничего не найдено.
search-error = Поиск сейчас недоступен.
search-matches = { $count ->
    [one] Найдена { $count } публикация.
    [few] Найдено { $count } публикации.
    [many] Найдено { $count } публикаций.
   *[other] Найдено { $count } публикации.
}
search-matches-some = { $count ->
    [one] Найдена { $count } публикация; показаны { $shown } самых популярных.
    [few] Найдено { $count } публикации; показаны { $shown } самых популярных.
    [many] Найдено { $count } публикаций; показаны { $shown } самых популярных.
   *[other] Найдено { $count } публикации; показаны { $shown } самых популярных.
}
search-more = Показать ещё { $count }

## Боты (названия кнопок — не длиннее 20 символов)

bot-open = Открыть публикацию
bot-all = Все лучшие
bot-group = Прошлые недели
bot-empty-current = На этой неделе в группе «{ $group }» популярных публикаций пока нет.
bot-empty-past = На неделе с { $date } в группе «{ $group }» популярных публикаций не было.
bot-never-fetched = Группы «{ $group }» пока нет в дайджесте: её публикации ещё не загружались.
bot-intro-current = Популярные публикации этой недели в группе «{ $group }» на данный момент
bot-intro-past = Популярные публикации недели с { $date } в группе «{ $group }»

## Даты

date-style = medium
week-in-month = { $start-day }–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## График активности группы и сравнение недели с обычной

activity-heading = Активность
count-interactions = { $count ->
    [one] { $count } взаимодействие
    [few] { $count } взаимодействия
    [many] { $count } взаимодействий
   *[other] { $count } взаимодействия
}
activity-summary = { $weeks } (по { $week }): { $posts } и { $interactions } (комментарии, репосты и реакции).
activity-usual = Обычная неделя: { $posts } и { $interactions }.
activity-busiest = Самая активная неделя:
activity-busiest-count = ({ $interactions }).
activity-chart-title = Публикации (верхние столбцы) и взаимодействия (нижние столбцы) по неделям, с { $first } по { $last }
activity-legend-posts = Публикации
activity-legend-interactions = Взаимодействия
activity-legend-note = по неделям, от старых к новым
activity-numbers = Цифры по неделям
activity-week = Неделя
activity-posts = Публикации
activity-interactions = Взаимодействия
week-above = Неделя активнее обычного: { $interactions } и { $posts } (обычно { $usual_interactions } и { $usual_posts }).
week-below = Неделя спокойнее обычного: { $interactions } и { $posts } (обычно { $usual_interactions } и { $usual_posts }).
week-usual = Обычная для группы неделя: { $interactions } и { $posts } (обычно { $usual_interactions } и { $usual_posts }).
