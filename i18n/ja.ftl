# groupdigest の画面の文言（日本語）。

## すべてのページ

skip-link = 本文へスキップ
search-label = 投稿を検索
footer = groupdigest で作成。数値は、その週を最後に更新した時点で Facebook が示していたものです。
all-groups = すべてのグループ
breadcrumb = パンくずリスト
quote-open = 「
quote-close = 」
list-separator = 、

## 件数

count-posts = 投稿{ $count }件
count-comments = コメント{ $count }件
count-shares = シェア{ $count }件
count-reactions = リアクション{ $count }件
count-weeks = { $count }週
count-members = メンバー{ $count }人
count-followers = フォロワー{ $count }人
weeks-in-archive = アーカイブ{ $count }週分
no-engagement = コメントやシェアはまだありません

## 本文のない投稿

post-photo = 写真
post-link = シェアされたリンク
post-text = 投稿

## トップページと 404

home-no-groups = グループがまだ設定されていません。site.toml に [[groups]] を追加してください。
kind-page = ページ
kind-group = グループ
card-latest = 最新の週：
card-top-post = 注目の投稿：
card-no-popular = 人気の投稿はまだありません
not-found-title = ページが見つかりません
not-found-heading = ページが見つかりません
not-found-text = このページはこのダイジェストにはありません。グループの一覧：
site-description = { $groups }の毎週の人気投稿。

## グループのページ

on-facebook = Facebook で見る
bot-json = ボット用 JSON
feed = フィード
this-week-heading = 今週：
latest-week-heading = 最新の週：
no-popular-current = 今週の人気投稿はまだありません。
no-popular-past = その週の人気投稿はありませんでした。
archive = アーカイブ
no-weeks = 保存された週はまだありません。
year-summary = { $weeks }・{ $posts }
group-description = { $group }の毎週の人気投稿。{ $archive }、最新は{ $week }。
group-description-empty = { $group }の毎週の人気投稿。

## 週のページ

week-heading = { $group }：{ $week }
weeks-nav = 週
latest-week = 最新の週
totals-so-far = { $totals }（途中集計）
# Beside the current week's totals, shown one by one with icons.
so-far = （途中集計）
most-commented = コメント最多：
most-shared = シェア最多：
top-posts = 人気の投稿
other-posts = この週のその他の投稿
open-on-facebook = Facebook で開く
read-more = 投稿をすべて読む
picture-from = { $group }の画像
post-picture = 投稿 { $rank } に添えられた画像
last-updated = 最終更新：{ $time }
bot-files = ボット用 JSON：
bot-data = データ
week-description = { $week }の{ $group }の人気投稿：{ $totals }。
week-description-top = 1位：「{ $title }」

## 更新に失敗したグループのお知らせ

stale-since = { $time }以降 更新されていません
stale-never = まだ更新されていません
stale-notice-since = { $time }以降 更新されていません。最新の投稿を取得できなかったため、その時点のアーカイブを表示しています。
stale-notice-never = まだ更新されていません。最新の投稿を取得できなかったため、その時点のアーカイブを表示しています。

## フィード

feed-entry-title = { $group }：{ $week }
feed-summary = { $posts }
feed-summary-top = { $posts }。1位：{ $title }

## 検索

search-short = 2文字以上の言葉を入力してください。
search-none = 一致する投稿はありません。
search-error = 現在、検索を利用できません。
search-matches = { $count }件の投稿が見つかりました。
search-matches-some = { $count }件の投稿が見つかりました。人気の高い{ $shown }件を表示しています。
search-more = さらに{ $count }件を表示

## ボット（ボタンの文言は20文字まで）

bot-open = 投稿を開く
bot-all = 人気の投稿をすべて見る
bot-group = 過去の週
bot-empty-current = { $group }では、今週の人気投稿はまだありません。
bot-empty-past = { $group }では、{ $date }からの週に人気投稿はありませんでした。
bot-never-fetched = { $group }はまだダイジェストにありません。投稿はまだ取得されていません。
bot-intro-current = { $group }の今週これまでの人気投稿
bot-intro-past = { $group }の{ $date }からの週の人気投稿

## 日付

date-style = long
week-in-month = { $start }～{ $end-day }
week-across-months = { $start }～{ $end-month-day }
week-across-years = { $start }～{ $end }

## グループのアクティビティのグラフと、週の比較

activity-heading = アクティビティ
count-interactions = エンゲージメント{ $count }件
activity-summary = { $week }までの{ $weeks }：{ $posts }、{ $interactions }（コメント・シェア・リアクションの合計）。
activity-usual = ふだんの週：{ $posts }、{ $interactions }。
activity-busiest = 最も活発だった週：
activity-busiest-count = （{ $interactions }）。
activity-chart-title = 週ごとの投稿（上の棒）とエンゲージメント（下の棒）、{ $first }から{ $last }まで
activity-legend-posts = 投稿
activity-legend-interactions = エンゲージメント
activity-legend-note = 週ごと、古い順
activity-numbers = 週ごとの数値
activity-week = 週
activity-posts = 投稿
activity-interactions = エンゲージメント
week-above = いつもより活発な週です：{ $interactions }、{ $posts }（ふだんは{ $usual_interactions }、{ $usual_posts }）。
week-below = いつもより静かな週です：{ $interactions }、{ $posts }（ふだんは{ $usual_interactions }、{ $usual_posts }）。
week-usual = いつもどおりの週です：{ $interactions }、{ $posts }（ふだんは{ $usual_interactions }、{ $usual_posts }）。
