# groupdigest's interface texts in English: the reference catalogue. Every bundled
# translation has every message here, with the same variables (a test checks it); a site's
# `i18n/<language>.ftl` overrides any of them. Numbers given as `$count` are formatted in
# the language's own digits and separators; select on them with CLDR plural categories.
# Dates ($date, $time, $week) come formatted from CLDR data.

## Every page

skip-link = Skip to content
search-label = Search posts
footer = Made with groupdigest. Counts are as Facebook reported them when the week was last updated.
all-groups = All groups
breadcrumb = Breadcrumb
# Opening and closing quotation marks around a post's title.
quote-open = “
quote-close = ”
# Between the items of a list of names.
list-separator = {", "}

## Counts, as "254 comments" (on pages, in feeds, search results and bot subtitles)

count-posts = { $count ->
    [one] { $count } post
   *[other] { $count } posts
}
count-comments = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
count-shares = { $count ->
    [one] { $count } share
   *[other] { $count } shares
}
count-reactions = { $count ->
    [one] { $count } reaction
   *[other] { $count } reactions
}
count-weeks = { $count ->
    [one] { $count } week
   *[other] { $count } weeks
}
count-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
count-followers = { $count ->
    [one] { $count } follower
   *[other] { $count } followers
}
weeks-in-archive = { $count ->
    [one] { $count } week in the archive
   *[other] { $count } weeks in the archive
}
no-engagement = No comments or shares yet

## What a post without text is called

post-photo = Photo
post-link = Shared link
post-text = Post

## Home page and 404

home-no-groups = No groups are configured yet: add a [[groups]] entry to site.toml.
kind-page = Page
kind-group = Group
card-latest = Latest:
card-top-post = top post:
card-no-popular = no popular posts yet
not-found-title = Not found
not-found-heading = Page not found
not-found-text = That page is not part of this digest. The groups are:
# The home page's description when the site has none; $groups is a list of names.
site-description = The weekly top posts of { $groups }.

## A group's page

on-facebook = On Facebook
bot-json = Bot JSON
feed = Feed
# Before the latest week's label, as a heading.
this-week-heading = This week:
latest-week-heading = Latest week:
no-popular-current = No popular posts yet this week.
no-popular-past = No popular posts that week.
archive = Archive
no-weeks = No weeks stored yet.
# $weeks and $posts are counts already in words ("5 weeks", "60 posts").
year-summary = { $weeks }, { $posts }
group-description = The weekly top posts of { $group }: { $archive }, latest { $week }.
group-description-empty = The weekly top posts of { $group }.

## A week's page

week-heading = { $group }: { $week }
weeks-nav = Weeks
latest-week = Latest week
# $totals is the week's counts in words.
totals-so-far = { $totals } (so far)
# Beside the current week's totals, shown one by one with icons.
so-far = (so far)
most-commented = Most commented:
most-shared = Most shared:
top-posts = Top posts
other-posts = The week's other posts
open-on-facebook = Open on Facebook
read-more = Read the whole post
picture-from = Picture from { $group }
# The alt text of a post's picture: what it is to the post (the title is read next to it). $rank is the post's place on the page.
post-picture = Picture shared with post { $rank }
last-updated = Last updated { $time }
bot-files = Bot JSON:
bot-data = data
week-description = The top posts of { $group } in the week of { $week }: { $totals }.
week-description-top = Top post: “{ $title }”

## Notice on a group whose last fetch failed

stale-since = Not updated since { $time }
stale-never = Not updated yet
stale-notice-since = Not updated since { $time }: the latest posts could not be fetched. Showing the archive as it was then.
stale-notice-never = Not updated yet: the latest posts could not be fetched. Showing the archive as it was then.

## Feeds

feed-entry-title = { $group }: { $week }
# $posts is a count in words.
feed-summary = { $posts }
feed-summary-top = { $posts }; top post: { $title }

## The search box (search.js)

search-short = Type a word of two letters or more.
search-none = No post matches.
search-error = Search is not available right now.
search-matches = { $count ->
    [one] { $count } post matches.
   *[other] { $count } posts match.
}
# $shown is how many results are listed (a number, do not select on it).
search-matches-some = { $count ->
    [one] { $count } post matches; the { $shown } most popular are shown.
   *[other] { $count } posts match; the { $shown } most popular are shown.
}
search-more = Show { $count } more

## Bot files (button titles: 20 characters at most)

bot-open = Open post
bot-all = All top posts
bot-group = Past weeks
bot-empty-current = No popular posts yet this week in { $group }.
bot-empty-past = No popular posts in the week of { $date } in { $group }.
bot-never-fetched = { $group } is not in the digest yet: its posts have not been fetched so far.
bot-intro-current = Top posts of this week so far in { $group }
bot-intro-past = Top posts of the week of { $date } in { $group }

## Dates: CLDR writes each date; these say how a week's first and last day combine.
## $start, $end: "16 Nov 2026"; $start-month-day, $end-month-day: "16 Nov";
## $start-day, $end-day: "16".

# "medium" ("24 Nov 2026") or "long" ("24 November 2026") CLDR date forms.
date-style = medium
week-in-month = { $start-day }–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## The group page's activity chart and a week's standing
## $weeks: "11 weeks"; $week, $first, $last: week labels; $posts, $interactions and the
## $usual_ ones: counts in words ("12 posts", "513 interactions").

activity-heading = Activity
count-interactions = { $count ->
    [one] { $count } interaction
   *[other] { $count } interactions
}
activity-summary = { $weeks } up to { $week }: { $posts } and { $interactions } (comments, shares and reactions).
activity-usual = A usual week: { $posts } and { $interactions }.
activity-busiest = The busiest week:
activity-busiest-count = ({ $interactions }).
activity-chart-title = Posts (upper bars) and interactions (lower bars) per week, from { $first } to { $last }
activity-legend-posts = Posts
activity-legend-interactions = Interactions
activity-legend-note = per week, oldest first
activity-numbers = The numbers, week by week
activity-week = Week
activity-posts = Posts
activity-interactions = Interactions
week-above = A busier week than usual: { $interactions } and { $posts } (usually { $usual_interactions } and { $usual_posts }).
week-below = A quieter week than usual: { $interactions } and { $posts } (usually { $usual_interactions } and { $usual_posts }).
week-usual = A usual week for the group: { $interactions } and { $posts } (usually { $usual_interactions } and { $usual_posts }).
