# groupdigest के इंटरफ़ेस के पाठ, हिंदी में।

## हर पेज

skip-link = सामग्री पर जाएँ
search-label = पोस्ट खोजें
footer = groupdigest से बनाया गया। आँकड़े वही हैं जो सप्ताह के आख़िरी अपडेट के समय Facebook दिखा रहा था।
all-groups = सभी ग्रुप
breadcrumb = नेविगेशन पथ
quote-open = “
quote-close = ”
list-separator = {", "}

## गिनतियाँ

count-posts = { $count ->
    [one] { $count } पोस्ट
   *[other] { $count } पोस्ट
}
count-comments = { $count ->
    [one] { $count } टिप्पणी
   *[other] { $count } टिप्पणियाँ
}
count-shares = { $count ->
    [one] { $count } शेयर
   *[other] { $count } शेयर
}
count-reactions = { $count ->
    [one] { $count } प्रतिक्रिया
   *[other] { $count } प्रतिक्रियाएँ
}
count-weeks = { $count ->
    [one] { $count } सप्ताह
   *[other] { $count } सप्ताह
}
count-members = { $count ->
    [one] { $count } सदस्य
   *[other] { $count } सदस्य
}
count-followers = { $count ->
    [one] { $count } फ़ॉलोअर
   *[other] { $count } फ़ॉलोअर
}
weeks-in-archive = { $count ->
    [one] संग्रह में { $count } सप्ताह
   *[other] संग्रह में { $count } सप्ताह
}
no-engagement = अभी तक कोई टिप्पणी या शेयर नहीं

## बिना पाठ वाली पोस्ट

post-photo = फ़ोटो
post-link = शेयर किया गया लिंक
post-text = पोस्ट

## होम पेज और 404

home-no-groups = अभी कोई ग्रुप सेट नहीं है: site.toml में [[groups]] प्रविष्टि जोड़ें।
kind-page = पेज
kind-group = ग्रुप
card-latest = नवीनतम सप्ताह:
card-top-post = शीर्ष पोस्ट:
card-no-popular = अभी कोई लोकप्रिय पोस्ट नहीं
not-found-title = नहीं मिला
not-found-heading = पेज नहीं मिला
not-found-text = यह पेज इस डाइजेस्ट का हिस्सा नहीं है। ग्रुप ये हैं:
site-description = { $groups } की हर सप्ताह की शीर्ष पोस्ट।

## ग्रुप का पेज

on-facebook = Facebook पर
bot-json = बॉट के लिए JSON
feed = फ़ीड
this-week-heading = इस सप्ताह:
latest-week-heading = नवीनतम सप्ताह:
no-popular-current = इस सप्ताह अभी तक कोई लोकप्रिय पोस्ट नहीं।
no-popular-past = उस सप्ताह कोई लोकप्रिय पोस्ट नहीं थी।
archive = संग्रह
no-weeks = अभी तक कोई सप्ताह सहेजा नहीं गया।
year-summary = { $weeks }, { $posts }
group-description = { $group } की हर सप्ताह की शीर्ष पोस्ट: { $archive }, नवीनतम { $week }।
group-description-empty = { $group } की हर सप्ताह की शीर्ष पोस्ट।

## सप्ताह का पेज

week-heading = { $group }: { $week }
weeks-nav = सप्ताह
latest-week = नवीनतम सप्ताह
totals-so-far = { $totals } (अब तक)
# Beside the current week's totals, shown one by one with icons.
so-far = (अब तक)
most-commented = सबसे ज़्यादा टिप्पणियाँ:
most-shared = सबसे ज़्यादा शेयर:
top-posts = शीर्ष पोस्ट
other-posts = सप्ताह की अन्य पोस्ट
open-on-facebook = Facebook पर खोलें
read-more = पूरी पोस्ट पढ़ें
picture-from = { $group } से चित्र
post-picture = पोस्ट { $rank } के साथ साझा किया गया चित्र
last-updated = आख़िरी अपडेट { $time }
bot-files = बॉट के लिए JSON:
bot-data = डेटा
week-description = { $week } के सप्ताह में { $group } की शीर्ष पोस्ट: { $totals }।
week-description-top = शीर्ष पोस्ट: “{ $title }”

## उस ग्रुप की सूचना जिसे अपडेट नहीं किया जा सका

stale-since = { $time } से अपडेट नहीं हुआ
stale-never = अभी तक अपडेट नहीं हुआ
stale-notice-since = { $time } से अपडेट नहीं हुआ: नई पोस्ट नहीं लाई जा सकीं। संग्रह वैसा ही दिखाया जा रहा है जैसा तब था।
stale-notice-never = अभी तक अपडेट नहीं हुआ: नई पोस्ट नहीं लाई जा सकीं। संग्रह वैसा ही दिखाया जा रहा है जैसा तब था।

## फ़ीड

feed-entry-title = { $group }: { $week }
feed-summary = { $posts }
feed-summary-top = { $posts }; शीर्ष पोस्ट: { $title }

## खोज

search-short = कम से कम दो अक्षरों का शब्द लिखें।
search-none = कोई पोस्ट मेल नहीं खाती।
search-error = खोज अभी उपलब्ध नहीं है।
search-matches = { $count ->
    [one] { $count } पोस्ट मेल खाती है।
   *[other] { $count } पोस्ट मेल खाती हैं।
}
search-matches-some = { $count ->
    [one] { $count } पोस्ट मेल खाती है; सबसे लोकप्रिय { $shown } दिखाई गई हैं।
   *[other] { $count } पोस्ट मेल खाती हैं; सबसे लोकप्रिय { $shown } दिखाई गई हैं।
}
search-more = { $count } और दिखाएँ

## बॉट (बटन के शीर्षक: अधिकतम 20 अक्षर)

bot-open = पोस्ट खोलें
bot-all = सभी शीर्ष पोस्ट
bot-group = पिछले सप्ताह
bot-empty-current = { $group } में इस सप्ताह अभी तक कोई लोकप्रिय पोस्ट नहीं।
bot-empty-past = { $group } में { $date } वाले सप्ताह में कोई लोकप्रिय पोस्ट नहीं थी।
bot-never-fetched = { $group } अभी डाइजेस्ट में नहीं है: इसकी पोस्ट अब तक नहीं लाई गई हैं।
bot-intro-current = { $group } में इस सप्ताह अब तक की शीर्ष पोस्ट
bot-intro-past = { $group } में { $date } वाले सप्ताह की शीर्ष पोस्ट

## तारीख़ें

date-style = medium
week-in-month = { $start-day }–{ $end }
week-across-months = { $start-month-day } – { $end }
week-across-years = { $start } – { $end }

## समूह की गतिविधि का चार्ट और सप्ताह की तुलना

activity-heading = गतिविधि
count-interactions = { $count ->
    [one] { $count } इंटरैक्शन
   *[other] { $count } इंटरैक्शन
}
activity-summary = { $week } तक { $weeks }: { $posts } और { $interactions } (टिप्पणियाँ, शेयर और प्रतिक्रियाएँ)।
activity-usual = एक सामान्य सप्ताह: { $posts } और { $interactions }।
activity-busiest = सबसे सक्रिय सप्ताह:
activity-busiest-count = ({ $interactions })।
activity-chart-title = हर सप्ताह की पोस्ट (ऊपर के बार) और इंटरैक्शन (नीचे के बार), { $first } से { $last } तक
activity-legend-posts = पोस्ट
activity-legend-interactions = इंटरैक्शन
activity-legend-note = हर सप्ताह, सबसे पुराने से
activity-numbers = सप्ताह-दर-सप्ताह आँकड़े
activity-week = सप्ताह
activity-posts = पोस्ट
activity-interactions = इंटरैक्शन
week-above = सामान्य से ज़्यादा सक्रिय सप्ताह: { $interactions } और { $posts } (आम तौर पर { $usual_interactions } और { $usual_posts })।
week-below = सामान्य से शांत सप्ताह: { $interactions } और { $posts } (आम तौर पर { $usual_interactions } और { $usual_posts })।
week-usual = समूह के लिए एक सामान्य सप्ताह: { $interactions } और { $posts } (आम तौर पर { $usual_interactions } और { $usual_posts })।
