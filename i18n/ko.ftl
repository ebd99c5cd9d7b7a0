# groupdigest 화면 문구(한국어).

## 모든 페이지

skip-link = 본문으로 건너뛰기
search-label = 게시물 검색
footer = groupdigest로 만들었습니다. 숫자는 해당 주를 마지막으로 업데이트할 때 Facebook에 표시된 값입니다.
all-groups = 전체 그룹
breadcrumb = 이동 경로
quote-open = ‘
quote-close = ’
list-separator = {", "}

## 개수

count-posts = 게시물 { $count }개
count-comments = 댓글 { $count }개
count-shares = 공유 { $count }회
count-reactions = 반응 { $count }개
count-weeks = { $count }주
count-members = 멤버 { $count }명
count-followers = 팔로워 { $count }명
weeks-in-archive = 보관된 주 { $count }개
no-engagement = 아직 댓글이나 공유가 없습니다

## 글이 없는 게시물

post-photo = 사진
post-link = 공유된 링크
post-text = 게시물

## 홈과 404

home-no-groups = 아직 설정된 그룹이 없습니다. site.toml에 [[groups]] 항목을 추가하세요.
kind-page = 페이지
kind-group = 그룹
card-latest = 최신 주:
card-top-post = 인기 게시물:
card-no-popular = 아직 인기 게시물이 없습니다
not-found-title = 찾을 수 없음
not-found-heading = 페이지를 찾을 수 없습니다
not-found-text = 이 페이지는 이 다이제스트에 없습니다. 그룹 목록:
site-description = { $groups }의 매주 인기 게시물.

## 그룹 페이지

on-facebook = Facebook에서 보기
bot-json = 봇용 JSON
feed = 피드
this-week-heading = 이번 주:
latest-week-heading = 최신 주:
no-popular-current = 이번 주에는 아직 인기 게시물이 없습니다.
no-popular-past = 그 주에는 인기 게시물이 없었습니다.
archive = 보관함
no-weeks = 아직 저장된 주가 없습니다.
year-summary = { $weeks }, { $posts }
group-description = { $group }의 매주 인기 게시물: { $archive }, 최신 주는 { $week }.
group-description-empty = { $group }의 매주 인기 게시물.

## 주별 페이지

week-heading = { $group }: { $week }
weeks-nav = 주 이동
latest-week = 최신 주
totals-so-far = { $totals } (현재까지)
# Beside the current week's totals, shown one by one with icons.
so-far = (현재까지)
most-commented = 댓글이 가장 많은 글:
most-shared = 공유가 가장 많은 글:
top-posts = 인기 게시물
other-posts = 이번 주의 다른 게시물
open-on-facebook = Facebook에서 열기
read-more = 게시물 전체 읽기
picture-from = { $group }의 이미지
post-picture = 게시물 { $rank }에 첨부된 이미지
last-updated = 마지막 업데이트: { $time }
bot-files = 봇용 JSON:
bot-data = 데이터
week-description = { $week } 주의 { $group } 인기 게시물: { $totals }.
week-description-top = 1위: ‘{ $title }’

## 업데이트하지 못한 그룹 안내

stale-since = { $time } 이후 업데이트되지 않음
stale-never = 아직 업데이트되지 않음
stale-notice-since = { $time } 이후 업데이트되지 않았습니다. 최신 게시물을 가져오지 못해 그때의 보관함을 보여 드립니다.
stale-notice-never = 아직 업데이트되지 않았습니다. 최신 게시물을 가져오지 못해 그때의 보관함을 보여 드립니다.

## 피드

feed-entry-title = { $group }: { $week }
feed-summary = { $posts }
feed-summary-top = { $posts }; 1위: { $title }

## 검색

search-short = 두 글자 이상의 단어를 입력하세요.
search-none = 일치하는 게시물이 없습니다.
search-error = 지금은 검색을 사용할 수 없습니다.
search-matches = 게시물 { $count }개가 일치합니다.
search-matches-some = 게시물 { $count }개가 일치합니다. 가장 인기 있는 { $shown }개를 보여 드립니다.
search-more = { $count }개 더 보기

## 봇(버튼 제목은 20자 이내)

bot-open = 게시물 열기
bot-all = 인기 게시물 전체
bot-group = 지난 주
bot-empty-current = { $group }에는 이번 주 인기 게시물이 아직 없습니다.
bot-empty-past = { $group }에는 { $date }부터 시작한 주에 인기 게시물이 없었습니다.
bot-never-fetched = { $group }은(는) 아직 다이제스트에 없습니다. 게시물을 아직 가져오지 않았습니다.
bot-intro-current = { $group }의 이번 주 현재까지 인기 게시물
bot-intro-past = { $group }의 { $date }부터 시작한 주 인기 게시물

## 날짜

date-style = long
week-in-month = { $start }~{ $end-day }
week-across-months = { $start }~{ $end-month-day }
week-across-years = { $start }~{ $end }

## 그룹 활동 그래프와 한 주의 비교

activity-heading = 활동
count-interactions = 상호작용 { $count }회
activity-summary = { $week }까지 { $weeks }: { $posts }, { $interactions } (댓글·공유·반응 합계).
activity-usual = 보통의 한 주: { $posts }, { $interactions }.
activity-busiest = 가장 활발했던 주:
activity-busiest-count = ({ $interactions }).
activity-chart-title = 주별 게시물(위쪽 막대)과 상호작용(아래쪽 막대), { $first }부터 { $last }까지
activity-legend-posts = 게시물
activity-legend-interactions = 상호작용
activity-legend-note = 주별, 오래된 순
activity-numbers = 주별 수치
activity-week = 주
activity-posts = 게시물
activity-interactions = 상호작용
week-above = 평소보다 활발한 주입니다: { $interactions }, { $posts } (평소 { $usual_interactions }, { $usual_posts }).
week-below = 평소보다 조용한 주입니다: { $interactions }, { $posts } (평소 { $usual_interactions }, { $usual_posts }).
week-usual = 평소와 비슷한 주입니다: { $interactions }, { $posts } (평소 { $usual_interactions }, { $usual_posts }).
