# نصوص واجهة groupdigest باللغة العربية.

## كل الصفحات

skip-link = انتقل إلى المحتوى
search-label = ابحث في المنشورات
footer = صُنع باستخدام groupdigest. الأرقام كما أظهرها فيسبوك عند آخر تحديث للأسبوع.
all-groups = كل المجموعات
breadcrumb = مسار التنقل
quote-open = «
quote-close = »
list-separator = {"، "}

## الأعداد

count-posts = { $count ->
    [zero] لا منشورات
    [one] منشور واحد
    [two] منشوران
    [few] { $count } منشورات
    [many] { $count } منشورًا
   *[other] { $count } منشور
}
count-comments = { $count ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقًا
   *[other] { $count } تعليق
}
count-shares = { $count ->
    [zero] لا مشاركات
    [one] مشاركة واحدة
    [two] مشاركتان
    [few] { $count } مشاركات
    [many] { $count } مشاركةً
   *[other] { $count } مشاركة
}
count-reactions = { $count ->
    [zero] لا تفاعلات
    [one] تفاعل واحد
    [two] تفاعلان
    [few] { $count } تفاعلات
    [many] { $count } تفاعلًا
   *[other] { $count } تفاعل
}
count-weeks = { $count ->
    [zero] لا أسابيع
    [one] أسبوع واحد
    [two] أسبوعان
    [few] { $count } أسابيع
    [many] { $count } أسبوعًا
   *[other] { $count } أسبوع
}
count-members = { $count ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $count } أعضاء
    [many] { $count } عضوًا
   *[other] { $count } عضو
}
count-followers = { $count ->
    [zero] لا متابعين
    [one] متابع واحد
    [two] متابعان
    [few] { $count } متابعين
    [many] { $count } متابعًا
   *[other] { $count } متابع
}
weeks-in-archive = { $count ->
    [zero] لا أسابيع في الأرشيف
    [one] أسبوع واحد في الأرشيف
    [two] أسبوعان في الأرشيف
    [few] { $count } أسابيع في الأرشيف
    [many] { $count } أسبوعًا في الأرشيف
   *[other] { $count } أسبوع في الأرشيف
}
no-engagement = لا تعليقات ولا مشاركات بعد

## المنشورات التي بلا نص

post-photo = صورة
post-link = رابط مُشارَك
post-text = منشور

## الصفحة الرئيسية وصفحة 404

home-no-groups = لم تُضبط أي مجموعة بعد: أضف إدخال [[groups]] إلى site.toml.
kind-page = صفحة
kind-group = مجموعة
card-latest = أحدث أسبوع:
card-top-post = المنشور الأبرز:
card-no-popular = لا منشورات رائجة بعد
not-found-title = غير موجودة
not-found-heading = الصفحة غير موجودة
not-found-text = هذه الصفحة ليست جزءًا من هذا الملخص. المجموعات هي:
site-description = أبرز منشورات كل أسبوع في { $groups }.

## صفحة المجموعة

on-facebook = على فيسبوك
bot-json = JSON للروبوتات
feed = خلاصة
this-week-heading = هذا الأسبوع:
latest-week-heading = أحدث أسبوع:
no-popular-current = لا منشورات رائجة هذا الأسبوع بعد.
no-popular-past = لم تكن هناك منشورات رائجة ذلك الأسبوع.
archive = الأرشيف
no-weeks = لم يُحفظ أي أسبوع بعد.
year-summary = { $weeks }، { $posts }
group-description = أبرز منشورات كل أسبوع في { $group }: { $archive }، وأحدثها { $week }.
group-description-empty = أبرز منشورات كل أسبوع في { $group }.

## صفحة الأسبوع

week-heading = { $group }: { $week }
weeks-nav = الأسابيع
latest-week = أحدث أسبوع
totals-so-far = { $totals } (حتى الآن)
# Beside the current week's totals, shown one by one with icons.
so-far = (حتى الآن)
most-commented = الأكثر تعليقًا:
most-shared = الأكثر مشاركة:
top-posts = أبرز المنشورات
other-posts = منشورات الأسبوع الأخرى
open-on-facebook = افتح على فيسبوك
read-more = اقرأ المنشور كاملًا
picture-from = صورة من { $group }
post-picture = صورة مرفقة بالمنشور { $rank }
last-updated = آخر تحديث { $time }
bot-files = JSON للروبوتات:
bot-data = البيانات
week-description = أبرز منشورات { $group } في أسبوع { $week }: { $totals }.
week-description-top = المنشور الأبرز: «{ $title }»

## تنبيه مجموعة تعذّر تحديثها

stale-since = لم تُحدَّث منذ { $time }
stale-never = لم تُحدَّث بعد
stale-notice-since = لم تُحدَّث منذ { $time }: تعذّر جلب أحدث المنشورات. يُعرض الأرشيف كما كان حينها.
stale-notice-never = لم تُحدَّث بعد: تعذّر جلب أحدث المنشورات. يُعرض الأرشيف كما كان حينها.

## الخلاصات

feed-entry-title = { $group }: { $week }
feed-summary = { $posts }
feed-summary-top = { $posts }؛ المنشور الأبرز: { $title }

## البحث

search-short = اكتب كلمة من حرفين أو أكثر.
search-none = لا منشورات مطابقة.
search-error = البحث غير متاح الآن.
search-matches = { $count ->
    [zero] لا منشورات مطابقة.
    [one] منشور واحد مطابق.
    [two] منشوران مطابقان.
    [few] { $count } منشورات مطابقة.
    [many] { $count } منشورًا مطابقًا.
   *[other] { $count } منشور مطابق.
}
search-matches-some = { $count ->
    [zero] لا منشورات مطابقة.
    [one] منشور واحد مطابق.
    [two] منشوران مطابقان.
    [few] { $count } منشورات مطابقة؛ يظهر منها الأكثر رواجًا ({ $shown }).
    [many] { $count } منشورًا مطابقًا؛ يظهر منها الأكثر رواجًا ({ $shown }).
   *[other] { $count } منشور مطابق؛ يظهر منها الأكثر رواجًا ({ $shown }).
}
search-more = { $count ->
    [one] اعرض منشورًا آخر
    [two] اعرض منشورين آخرين
    [few] اعرض { $count } منشورات أخرى
    [many] اعرض { $count } منشورًا آخر
   *[other] اعرض { $count } منشور آخر
}

## الروبوتات (عناوين الأزرار: 20 حرفًا على الأكثر)

bot-open = افتح المنشور
bot-all = كل أبرز المنشورات
bot-group = الأسابيع السابقة
bot-empty-current = لا منشورات رائجة هذا الأسبوع بعد في { $group }.
bot-empty-past = لم تكن هناك منشورات رائجة في أسبوع { $date } في { $group }.
bot-never-fetched = { $group } ليست في الملخص بعد: لم تُجلب منشوراتها حتى الآن.
bot-intro-current = أبرز منشورات هذا الأسبوع حتى الآن في { $group }
bot-intro-past = أبرز منشورات أسبوع { $date } في { $group }

## التواريخ

date-style = long
week-in-month = { $start-day }–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## مخطط نشاط المجموعة ومكانة الأسبوع منه

activity-heading = النشاط
count-interactions = { $count ->
    [zero] لا تفاعلات
    [one] تفاعل واحد
    [two] تفاعلان
    [few] { $count } تفاعلات
    [many] { $count } تفاعلًا
   *[other] { $count } تفاعل
}
activity-summary = { $weeks } حتى { $week }: { $posts } و{ $interactions } (التعليقات والمشاركات والتفاعلات معًا).
activity-usual = أسبوع معتاد: { $posts } و{ $interactions }.
activity-busiest = الأسبوع الأنشط:
activity-busiest-count = ({ $interactions }).
activity-chart-title = المنشورات (الأعمدة العليا) والتفاعلات (الأعمدة السفلى) في كل أسبوع، من { $first } إلى { $last }
activity-legend-posts = المنشورات
activity-legend-interactions = التفاعلات
activity-legend-note = في كل أسبوع، من الأقدم إلى الأحدث
activity-numbers = الأرقام أسبوعًا بأسبوع
activity-week = الأسبوع
activity-posts = المنشورات
activity-interactions = التفاعلات
week-above = أسبوع أنشط من المعتاد: { $interactions } و{ $posts } (المعتاد: { $usual_interactions } و{ $usual_posts }).
week-below = أسبوع أهدأ من المعتاد: { $interactions } و{ $posts } (المعتاد: { $usual_interactions } و{ $usual_posts }).
week-usual = أسبوع معتاد للمجموعة: { $interactions } و{ $posts } (المعتاد: { $usual_interactions } و{ $usual_posts }).
