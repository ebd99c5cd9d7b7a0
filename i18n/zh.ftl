# groupdigest 界面文字（简体中文）。

## 所有页面

skip-link = 跳到正文
search-label = 搜索帖子
footer = 由 groupdigest 生成。数字为该周最后一次更新时 Facebook 显示的数据。
all-groups = 全部小组
breadcrumb = 导航路径
quote-open = “
quote-close = ”
list-separator = 、

## 计数

count-posts = { $count } 条帖子
count-comments = { $count } 条评论
count-shares = { $count } 次分享
count-reactions = { $count } 个心情
count-weeks = { $count } 周
count-members = { $count } 位成员
count-followers = { $count } 位关注者
weeks-in-archive = 已存档 { $count } 周
no-engagement = 暂无评论或分享

## 没有文字的帖子

post-photo = 照片
post-link = 分享的链接
post-text = 帖子

## 首页和 404

home-no-groups = 尚未配置任何小组：请在 site.toml 中添加 [[groups]] 条目。
kind-page = 公共主页
kind-group = 小组
card-latest = 最新一周：
card-top-post = 热门帖子：
card-no-popular = 暂无热门帖子
not-found-title = 找不到页面
not-found-heading = 找不到该页面
not-found-text = 该页面不属于本摘要。小组如下：
site-description = { $groups }每周的热门帖子。

## 小组页面

on-facebook = 在 Facebook 上查看
bot-json = 机器人 JSON
feed = 订阅源
this-week-heading = 本周：
latest-week-heading = 最新一周：
no-popular-current = 本周暂无热门帖子。
no-popular-past = 那一周没有热门帖子。
archive = 存档
no-weeks = 尚未存储任何一周。
year-summary = { $weeks }，{ $posts }
group-description = { $group }每周的热门帖子：{ $archive }，最新一周为{ $week }。
group-description-empty = { $group }每周的热门帖子。

## 一周的页面

week-heading = { $group }：{ $week }
weeks-nav = 各周
latest-week = 最新一周
totals-so-far = { $totals }（截至目前）
# Beside the current week's totals, shown one by one with icons.
so-far = （截至目前）
most-commented = 评论最多：
most-shared = 分享最多：
top-posts = 热门帖子
other-posts = 本周其他帖子
open-on-facebook = 在 Facebook 上打开
read-more = 阅读全文
picture-from = 来自{ $group }的图片
post-picture = 帖子 { $rank } 附带的图片
last-updated = 最后更新于 { $time }
bot-files = 机器人 JSON：
bot-data = 数据
week-description = { $group }在 { $week } 这一周的热门帖子：{ $totals }。
week-description-top = 最热门：“{ $title }”

## 无法更新的小组的提示

stale-since = 自 { $time } 起未更新
stale-never = 尚未更新
stale-notice-since = 自 { $time } 起未更新：无法获取最新帖子，现显示当时的存档。
stale-notice-never = 尚未更新：无法获取最新帖子，现显示当时的存档。

## 订阅源

feed-entry-title = { $group }：{ $week }
feed-summary = { $posts }
feed-summary-top = { $posts }；最热门：{ $title }

## 搜索

search-short = 请输入至少两个字母的词。
search-none = 没有匹配的帖子。
search-error = 搜索暂时不可用。
search-matches = 找到 { $count } 条匹配的帖子。
search-matches-some = 找到 { $count } 条匹配的帖子，显示最热门的 { $shown } 条。
search-more = 再显示 { $count } 条

## 机器人（按钮标题最多 20 个字符）

bot-open = 打开帖子
bot-all = 全部热门帖子
bot-group = 往周回顾
bot-empty-current = { $group }本周暂无热门帖子。
bot-empty-past = { $group }在 { $date } 开始的那一周没有热门帖子。
bot-never-fetched = { $group }尚未收录：其帖子还没有被获取。
bot-intro-current = { $group }本周目前的热门帖子
bot-intro-past = { $group }在 { $date } 开始的那一周的热门帖子

## 日期

date-style = medium
week-in-month = { $start }至{ $end-day }
week-across-months = { $start }至{ $end-month-day }
week-across-years = { $start }至{ $end }

## 小组活跃度图表与一周的对比

activity-heading = 活跃度
count-interactions = { $count } 次互动
activity-summary = 截至 { $week } 的 { $weeks }：{ $posts }，{ $interactions }（评论、分享和心情合计）。
activity-usual = 普通的一周：{ $posts }，{ $interactions }。
activity-busiest = 最活跃的一周：
activity-busiest-count = （{ $interactions }）。
activity-chart-title = 每周帖子数（上方柱）和互动数（下方柱），从 { $first } 到 { $last }
activity-legend-posts = 帖子
activity-legend-interactions = 互动
activity-legend-note = 按周，从早到晚
activity-numbers = 每周数据
activity-week = 周
activity-posts = 帖子
activity-interactions = 互动
week-above = 比平时活跃的一周：{ $interactions }，{ $posts }（平时为 { $usual_interactions }，{ $usual_posts }）。
week-below = 比平时冷清的一周：{ $interactions }，{ $posts }（平时为 { $usual_interactions }，{ $usual_posts }）。
week-usual = 与平时相当的一周：{ $interactions }，{ $posts }（平时为 { $usual_interactions }，{ $usual_posts }）。
