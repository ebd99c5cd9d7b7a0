#!/usr/bin/env python3
"""Generate the offline demo data for groupdigest (the "snapshot" source format).

Usage:

    python3 tools/gen-demo.py

Writes to the `demo/` folder beside `tools/`. For every demo group it wipes and
rewrites `demo/<group id>/` (and only those folders):

    demo/<group id>/node.json       the Graph node (group or Page)
    demo/<group id>/feed-001.json   one Graph API feed response page each,
    demo/<group id>/feed-002.json   {"data": [...], "paging": {...}}, newest first,
    ...                             at most 100 posts per page; the last page
                                    has "data": [] and no "next".
    demo/<group id>/media/*.png     the pictures posts name by a relative path
                                    (`"full_picture": "media/photo.png"`)

Deterministic: fixed random seeds, no network, standard library only. Running it
twice gives byte-identical files.

Covers the 11 weeks (Monday 00:00 UTC starts) from 2026-09-14 through the week
starting 2026-11-23; the newest post is no later than 2026-11-24T20:00:00+0000.
Each group has exactly one week whose posts have no comments and no shares
(a "week with no qualifying post"); see NO_QUALIFYING_WEEK below.
"""

import base64
import hashlib
import json
import os
import random
import shutil
import sys
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

API = "https://graph.facebook.com/v23.0"
FIELDS = ",".join([
    "id", "message", "created_time", "updated_time", "permalink_url",
    "full_picture", "is_published", "shares",
    "comments.summary(true).limit(0)", "reactions.summary(true).limit(0)",
    "attachments{title,unshimmed_url,url}",
])

# Pages the groups' posts share (title, URL): a shared link is an attachment whose URL is
# outside Facebook. Chosen with their own random stream, so adding them left every other
# value of the demo as it was.
SHARED_LINKS = {
    "1234567890": [
        ("Guía de estilo de JavaScript moderno", "https://developer.mozilla.org/es/docs/Web/JavaScript/Guide"),
        ("Convocatoria: charlas para el meetup de diciembre", "https://forms.example.org/meetup-cdmx"),
        ("El estado de las APIs web en 2026", "https://web.dev/blog"),
        ("Cómo preparar una entrevista técnica sin morir en el intento", "https://blog.example.mx/entrevistas"),
    ],
    "2233445566": [
        ("The Rust Programming Language", "https://doc.rust-lang.org/book/"),
        ("This Week in Rust", "https://this-week-in-rust.org/"),
        ("Announcing Rust 1.95.0", "https://blog.rust-lang.org/"),
        ("Tokio: an asynchronous Rust runtime", "https://tokio.rs/"),
    ],
    "987654321": [
        ("Bogotá Open Data: datasets de movilidad", "https://datosabiertos.bogota.gov.co/"),
        ("Python en español", "https://docs.python.org/es/3/tutorial/"),
        ("", "https://github.com/"),
    ],
    "5566778899": [
        ("はじめての Rust 入門", "https://zenn.dev/"),
        ("東京の勉強会カレンダー", "https://connpass.com/"),
        ("", "https://qiita.com/"),
    ],
    "7788990011": [
        ("تعلم البرمجة بلغة بايثون", "https://docs.python.org/3/"),
        ("مجتمع المطورين العرب", "https://dev.to/"),
        ("", "https://github.com/"),
    ],
}
PAGE_SIZE = 100

FIRST_WEEK = datetime(2026, 9, 14, tzinfo=timezone.utc)
N_WEEKS = 11
LAST_POST = datetime(2026, 11, 24, 20, 0, 0, tzinfo=timezone.utc)


def week_start(i):
    return FIRST_WEEK + timedelta(weeks=i)


def gtime(dt):
    """Graph's time form: 2026-11-19T18:04:11+0000."""
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def utc(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)


# ---------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------

GROUPS = [
    {
        "id": "1234567890",
        "kind": "group",
        "seed": 1001,
        "node": {
            "id": "1234567890",
            "name": "Developer Circle CDMX",
            "description": "Comunidad de developers en la Ciudad de México. "
                           "A community for developers in Mexico City: meetups, "
                           "talks, study groups y mucho café.",
            "member_count": 5120,
            "privacy": "CLOSED",
            "cover": {"source": "https://scontent.xx.fbcdn.net/v/t39.30808-6/"
                                "cdmx_cover_1234567890_n.jpg?stp=dst-jpg_s960x960"},
        },
        # week index (0 = 2026-09-14) with posts but no comment or share at all
        "no_qualifying_week": 3,          # 2026-10-05
        # posts placed exactly at / next to week boundaries (all qualifying)
        "boundary_times": ["2026-10-18T23:59:00", "2026-10-19T00:00:00"],
        "http_picture": True,             # was the one http:// full_picture; pictures are local now
    },
    {
        "id": "2233445566",
        "kind": "group",
        "seed": 2002,
        "node": {
            "id": "2233445566",
            "name": "Rust México",
            "description": "Grupo de la comunidad Rust en México: dudas, proyectos, "
                           "ofertas de trabajo y meetups. Sé amable: 🦀",
            "member_count": 1873,
            "privacy": "CLOSED",
            "cover": {"source": "https://scontent.xx.fbcdn.net/v/t39.30808-6/"
                                "rustmx_cover_2233445566_n.jpg?stp=dst-jpg_s960x960"},
        },
        "no_qualifying_week": 6,          # 2026-10-26
        "boundary_times": ["2026-11-08T23:59:59", "2026-11-09T00:00:00"],
    },
    {
        "id": "987654321",
        "kind": "page",
        "seed": 3003,
        "node": {
            "id": "987654321",
            "name": "Developer Circles Bogotá",
            "about": "Meetups, charlas y talleres para developers en Bogotá. "
                     "¡Bienvenidos todos los niveles!",
            "fan_count": 3406,
            "link": "https://www.facebook.com/devcircles.bogota",
            "cover": {"source": "https://scontent.xx.fbcdn.net/v/t39.30808-6/"
                                "bogota_cover_987654321_n.jpg?stp=dst-jpg_s960x960"},
        },
        "no_qualifying_week": 1,          # 2026-09-21
        "boundary_times": ["2026-10-11T23:59:00", "2026-10-12T00:00:00"],
        "one_unpublished": True,
    },
    {
        "id": "5566778899",
        "kind": "group",
        "seed": 4004,
        "node": {
            "id": "5566778899",
            "name": "東京 Dev Meetup",
            "description": "東京の開発者コミュニティ。毎週の勉強会、LT、もくもく会。"
                           "English, العربية, русский — everyone welcome.",
            "member_count": 2648,
            "privacy": "CLOSED",
            "cover": {"source": "https://scontent.xx.fbcdn.net/v/t39.30808-6/"
                                "tokyo_cover_5566778899_n.jpg?stp=dst-jpg_s960x960"},
        },
        "no_qualifying_week": 8,          # 2026-11-09
        "boundary_times": ["2026-11-22T23:59:30", "2026-11-23T00:00:00"],
    },
    {
        # The right-to-left group: its pages are in Arabic (`language = "ar"`).
        "id": "7788990011",
        "kind": "group",
        "seed": 5005,
        "node": {
            "id": "7788990011",
            "name": "مطورو القاهرة",
            "description": "مجتمع المطورين في القاهرة: لقاءات أسبوعية، ورش عمل، "
                           "وأسئلة عن البرمجة بالعربية. Developers in Cairo — everyone welcome.",
            "member_count": 4372,
            "privacy": "CLOSED",
            "cover": {"source": "https://scontent.xx.fbcdn.net/v/t39.30808-6/"
                                "cairo_cover_7788990011_n.jpg?stp=dst-jpg_s960x960"},
        },
        "no_qualifying_week": 4,          # 2026-10-12
        "boundary_times": ["2026-10-25T23:59:00", "2026-10-26T00:00:00"],
    },
]

# ---------------------------------------------------------------------------
# Texts
# ---------------------------------------------------------------------------

EMOJI = ["🎉", "🚀", "🔥", "👍🏽", "👏🏾", "🙌🏻", "💡", "☕", "🦀", "🐍", "✨",
         "👨‍👩‍👧‍👦", "👩🏽‍💻", "🧑🏿‍🔬", "🏳️‍🌈", "❤️", "😅", "🤔", "🇲🇽", "🇨🇴", "🇯🇵"]

FILLER = {
    "1234567890": {
        "openers": [
            "¡Hola comunidad!", "Hi everyone!", "Buenas tardes, devs.", "Recordatorio:",
            "Pregunta rápida:", "Quick question:", "¡Gracias a todos los que vinieron!",
            "Sharing this here:", "Les comparto:", "Heads up:",
        ],
        "bodies": [
            "El meetup de {topic} es este {day} a las 19:00 en el WeWork de Reforma.",
            "Slides from the {topic} talk are up, thanks for the great questions.",
            "¿Alguien tiene experiencia con {topic} en producción? Busco consejos.",
            "We're looking for speakers for next month: {topic}, or anything you love.",
            "Abrimos registro para el taller de {topic}, cupo limitado a 30 personas.",
            "Study group for {topic} starts {day}, online and free.",
            "Vacante: buscamos dev con experiencia en {topic}, remoto desde CDMX.",
            "Hoy aprendí algo nuevo de {topic} y se los quiero compartir.",
            "Does anyone have a spare HDMI adapter for {day}'s {topic} session?",
            "Nos vemos el {day} para hablar de {topic}, traigan laptop.",
        ],
        "closers": ["", "", "¡Los esperamos!", "See you there!", "Gracias 🙏",
                    "Dudas en los comentarios.", "RSVP below 👇"],
        "topics": ["React", "Kubernetes", "GraphQL", "Python", "accesibilidad web",
                   "machine learning", "Flutter", "Go", "seguridad", "Docker",
                   "TypeScript", "PostgreSQL"],
        "days": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
                 "Monday", "Thursday", "Saturday"],
    },
    "2233445566": {
        "openers": [
            "¡Hola rustáceos! 🦀", "Pregunta de novato:", "Les comparto:", "Buenas,",
            "Ayuda por favor:", "Dato curioso:", "Aviso:", "¡Qué tal, banda!",
        ],
        "bodies": [
            "¿Cómo le hacen con {topic}? El compilador me sigue regañando.",
            "Escribí un post sobre {topic}, se aceptan críticas.",
            "El meetup de este {day} es sobre {topic}, en Guadalajara y en línea.",
            "Estoy migrando un servicio de Go a Rust y {topic} me trae de cabeza.",
            "Recomiendan algún libro o curso de {topic} en español?",
            "Ya salió la nueva versión estable, ¿qué opinan de los cambios en {topic}?",
            "Busco gente para un proyecto open source con {topic}.",
            "Sesión de pair programming el {day}: {topic}, nivel principiante.",
        ],
        "closers": ["", "", "Gracias de antemano.", "Saludos desde Monterrey.",
                    "¡Nos vemos!", "🦀🦀🦀"],
        "topics": ["lifetimes", "async/await", "tokio", "serde", "traits", "macros",
                   "el borrow checker", "WebAssembly", "embedded", "unsafe", "axum",
                   "cargo workspaces"],
        "days": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    },
    "987654321": {
        "openers": [
            "¡Hola, parceros!", "📣 Anuncio:", "¡Qué chévere!", "Buenas noches, comunidad.",
            "Atención:", "¡Gracias, Bogotá!", "Les contamos:",
        ],
        "bodies": [
            "Este {day} tenemos charla de {topic} en el auditorio de la Universidad Nacional.",
            "Ya están las fotos y las diapositivas del taller de {topic}.",
            "Abrimos convocatoria de charlas: {topic}, diseño, datos y comunidad.",
            "Hackathon de {topic} el {day}: equipos de 3 a 5 personas, premios y comida.",
            "Nuevo grupo de estudio de {topic} los {day} en la noche, virtual.",
            "Gracias a todos por llegar al meetup de {topic}, fuimos más de 120.",
            "¿Qué temas de {topic} quieren ver en el próximo evento?",
        ],
        "closers": ["", "", "¡Los esperamos!", "Inscripciones en el link de la bio.",
                    "¡Nos vemos pronto!", "#DevCBogota"],
        "topics": ["inteligencia artificial", "Android", "Firebase", "React Native",
                   "datos abiertos", "ciberseguridad", "Node.js", "DevOps", "Kotlin",
                   "diseño UX"],
        "days": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    },
    "5566778899": {
        "openers": [
            "こんにちは！", "お知らせ:", "質問です。", "Hi all!", "Привет всем!",
            "مرحبا بالجميع!", "お疲れさまです。", "ご報告:",
        ],
        "bodies": [
            "今週{day}の勉強会は{topic}がテーマです。渋谷のオフィスで19時から。",
            "{topic}のLT資料を公開しました。フィードバックお待ちしています。",
            "{topic}を本番で使っている方いますか？ 運用のコツを教えてください。",
            "もくもく会を{day}に開催します。{topic}でも何でもOKです。",
            "Next {day} we have a lightning talk night about {topic} (English/日本語).",
            "Кто-нибудь пробовал {topic} в продакшене? Поделитесь опытом.",
            "Встреча в {day}: говорим про {topic}, Сибуя, 19:00.",
            "لقاء المطورين القادم يوم {day} عن {topic} في شيبويا، الساعة السابعة مساءً.",
            "شكرا لكل من حضر ورشة {topic} أمس!",
        ],
        "closers": ["", "", "よろしくお願いします！", "お気軽にどうぞ 🙌🏻",
                    "See you!", "До встречи!", "نراكم قريبا"],
        "topics": ["Rust", "Kubernetes", "TypeScript", "Elixir", "LLM", "Go",
                   "SRE", "Flutter", "WebGPU", "Haskell"],
        "days": ["月曜日", "水曜日", "金曜日", "土曜日", "Thursday", "четверг",
                 "الخميس"],
    },
}

FILLER["7788990011"] = {
    "openers": [
        "مرحبا بالجميع!", "سؤال سريع:", "تذكير:", "شكرا لكل من حضر!", "إعلان:",
        "صباح الخير يا مطورين،", "Hi everyone!", "للمشاركة:",
    ],
    "bodies": [
        "لقاؤنا القادم يوم {day} عن {topic} في مقر الجامعة الأمريكية، الساعة السابعة مساءً.",
        "نشرنا شرائح محاضرة {topic}، شكرا على الأسئلة الرائعة.",
        "هل لدى أحدكم خبرة في استخدام {topic} في بيئة الإنتاج؟ أبحث عن نصائح.",
        "نبحث عن متحدثين للشهر القادم: {topic} أو أي موضوع تحبونه.",
        "فتحنا التسجيل في ورشة {topic}، العدد محدود بثلاثين شخصا.",
        "مجموعة دراسة {topic} تبدأ يوم {day}، عبر الإنترنت ومجانا.",
        "وظيفة: شركة ناشئة في المعادي تبحث عن مطور {topic}.",
        "Slides from the {topic} talk are up, thanks for coming on {day}!",
    ],
    "closers": ["", "", "نراكم هناك!", "بالتوفيق للجميع 🙏🏽", "See you!",
                "الأسئلة في التعليقات 👇", "شكرا لكم"],
    "topics": ["React", "Python", "Kubernetes", "Flutter", "الذكاء الاصطناعي",
               "أمن المعلومات", "Rust", "قواعد البيانات", "Go", "تطوير الويب"],
    "days": ["الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "السبت", "Thursday"],
}

LONG_LINE = {
    "1234567890": (
        "Resumen del meetup de ayer / Summary of yesterday's meetup:\n\n"
        "Primero que nada, gracias a todas y todos los que llegaron a pesar de la lluvia "
        "y del tráfico en Insurgentes. Fuimos casi 90 personas, récord para un martes. "
        "La primera charla fue sobre observabilidad con OpenTelemetry: cómo instrumentar "
        "un servicio en Node y uno en Go, mandar trazas a un colector y no morir en el "
        "intento con el muestreo. La segunda fue sobre accesibilidad: lectores de pantalla, "
        "contraste, navegación con teclado y por qué los div clickeables son mala idea.\n\n"
        "For our English-speaking friends: the recordings will be on our channel next week, "
        "with subtitles in both languages. We are also looking for volunteers to help with "
        "check-in, audio and the livestream for the next events, so if you can spare a couple "
        "of hours a month, please comment below or send us a message.\n\n"
        "Próximo meetup: tercer jueves del mes. ¡Traigan a sus amigos! 🎉👍🏽"
    ),
    "2233445566": (
        "Les comparto mi experiencia después de seis meses usando Rust en producción en una "
        "fintech de la CDMX. Empezamos con un servicio pequeño de conciliación que antes "
        "estaba en Python y tardaba casi una hora en procesar los archivos del banco. La "
        "versión en Rust tarda menos de tres minutos y usa una décima parte de la memoria. "
        "Lo más difícil no fue el borrow checker, fue convencer al equipo de que valía la pena "
        "la curva de aprendizaje y armar un buen pipeline de CI con clippy, rustfmt y cargo "
        "deny. Lo que más nos ayudó: tipos para todo (nada de Strings sueltos para montos), "
        "errores con thiserror en las bibliotecas y anyhow en los binarios, y pruebas con "
        "proptest para los casos raros de redondeo. Lo que cambiaríamos: no meter async "
        "desde el día uno si no lo necesitas. Si alguien quiere platicar del tema, con gusto "
        "armo una charla para el meetup de diciembre. ¡Saludos! 🦀"
    ),
    "987654321": (
        "¡Qué año, parceros! Queremos contarles todo lo que hicimos juntos este semestre. "
        "Organizamos 14 meetups presenciales en Chapinero, Usaquén y el centro, tres talleres "
        "virtuales que llegaron a personas de Medellín, Cali, Barranquilla y hasta de Quito, "
        "y nuestro primer hackathon con más de 200 inscritos. Tuvimos charlas de Android, "
        "Firebase, inteligencia artificial, diseño UX y ciberseguridad, y lo mejor: más de la "
        "mitad de los speakers dieron su primera charla con nosotros. Gracias a las "
        "universidades y empresas que nos prestaron espacios, a los voluntarios que llegaron "
        "temprano a cargar sillas y a todos los que se quedaron hasta el final a recoger. "
        "Para el próximo año queremos hacer mentorías, un programa para mujeres en tecnología "
        "y más eventos fuera de Bogotá. Cuéntennos en los comentarios qué les gustaría ver. 💛💙❤️"
    ),
    "5566778899": (
        "先週の東京 Dev Meetup のまとめです。今回は参加者が約80名で、初参加の方が半分近くいました。"
        "最初のセッションではRustによるWebAssemblyの実践について、ブラウザ上で画像処理を高速化する"
        "事例が紹介されました。二つ目はKubernetesのコスト最適化で、ノードプールの分け方やスポット"
        "インスタンスの使い方について具体的な数字とともに説明がありました。LTでは、個人開発のアプリを"
        "リリースするまでの話、OSSへの初めてのコントリビュート、そして地方からリモートで働く話など、"
        "バラエティ豊かな発表が続きました。懇親会ではピザと飲み物を用意しましたが、予想以上に盛り上がり"
        "すぐになくなってしまいました。次回はもう少し多めに用意します。会場を提供してくださった"
        "スポンサー企業の皆さま、受付や配信を手伝ってくれたボランティアの皆さん、本当にありがとうございました。"
        "次回は12月の第二木曜日を予定しています。登壇希望の方はコメント欄かメッセージでご連絡ください。\n\n"
        "English summary: about 80 people, talks on Rust+WebAssembly and Kubernetes cost tuning, "
        "six lightning talks, and pizza that vanished in ten minutes. Slides are linked in the "
        "comments. Спасибо всем! شكرا لكم جميعا 🙏🏼"
    ),
}

LONG_LINE_AR = (
    "ملخص لقاء الأسبوع الماضي: حضر أكثر من مئة مطور ومطورة، نصفهم تقريبا للمرة الأولى. "
    "بدأنا بمحاضرة عن بناء واجهات برمجة التطبيقات بلغة Go، وكيف نصمم الأخطاء والرسائل بحيث "
    "يفهمها من يستخدمها، ثم محاضرة ثانية عن إمكانية الوصول في تطبيقات الويب: قارئات الشاشة، "
    "والتباين، والتنقل بلوحة المفاتيح، ولماذا يجب أن تكتب الواجهات العربية من اليمين إلى "
    "اليسار بشكل صحيح. في الجزء الأخير قدّم خمسة أعضاء عروضا سريعة عن مشاريعهم الشخصية، "
    "من تطبيق لتعلم الخط العربي إلى أداة مفتوحة المصدر لترجمة الوثائق التقنية. شكرا للجهة "
    "المستضيفة وللمتطوعين الذين ساعدوا في التسجيل والبث المباشر، ونلتقي في اللقاء القادم "
    "يوم الخميس الثاني من ديسمبر. من يرغب في تقديم محاضرة فليكتب لنا في التعليقات.\n\n"
    "English summary: about 100 people, talks on API design in Go and web accessibility "
    "(including right-to-left layouts), and five lightning talks. شكرا لكم جميعا 🙏🏼"
)
LONG_LINE["7788990011"] = LONG_LINE_AR

SPECIALS = {
    "1234567890": [
        # HTML-looking text
        'Tip: Facebook no renderiza HTML, así que <b>hola</b> se ve tal cual.\n'
        'Y esto tampoco se ejecuta: <script>alert("x")</script>\n'
        'Tom & Jerry "quotes" & <i>más</i> 😅',
        # blank / whitespace lines before the text
        "\n   \n\t\n¡Buenos días! Hoy hay café de olla en el meetup ☕",
        # URLs
        "Registro para el próximo evento: https://www.meetup.com/es/dev-circle-cdmx/events/301234567/"
        "?utm_source=fb&utm_medium=group#rsvp\nRepo del taller: https://github.com/devcdmx/taller-graphql",
        # emoji with skin tones and ZWJ sequences
        "Gracias a las familias que vinieron al Family Hack Day 👨‍👩‍👧‍👦👩🏽‍💻👍🏽👏🏾 ¡Fue increíble!",
        # combining accents (decomposed é and ñ)
        "Cafe\u0301 y charla: disen\u0303o de APIs con Jose\u0301 Pe\u0301rez este jueves.",
        # non-Latin text
        "Welcome to our visitors from Tokyo! ようこそメキシコへ 🇯🇵🇲🇽",
        # multi-line
        "Agenda del jueves:\n19:00 Registro\n19:30 Charla 1: Rust para devs de JS\n"
        "20:15 Charla 2: Testing en React\n21:00 Networking 🍕",
    ],
    "2233445566": [
        "Mi primer programa en Rust que compila a la primera 🥲\n\n"
        "fn main() {\n"
        "    let pares: Vec<u32> = (1..=10).filter(|x| x % 2 == 0).collect();\n"
        "    println!(\"{:?}\", pares);\n"
        "}\n\n"
        "¿Se puede hacer más idiomático?",
        "¿Por qué esto no compila?\n\n"
        "fn mas_largo(a: &str, b: &str) -> &str {\n"
        "    if a.len() > b.len() { a } else { b }\n"
        "}\n\n"
        "error[E0106]: missing lifetime specifier\n"
        "Ya leí el libro pero no me queda claro 🤔",
        "Patrón que uso mucho para errores:\n\n"
        "#[derive(Debug, thiserror::Error)]\n"
        "enum Error {\n"
        "    #[error(\"no se pudo leer {0}\")]\n"
        "    Io(#[from] std::io::Error),\n"
        "    #[error(\"json inválido\")]\n"
        "    Json(#[from] serde_json::Error),\n"
        "}\n\n"
        "Con eso `?` hace todo el trabajo.",
        "Ojo con esto: Vec<Box<dyn Fn() -> bool>> funciona, pero <b>no</b> es gratis.\n"
        "Y no, Rust no te protege de <script>alert(\"x\")</script> en tus plantillas 😅\n"
        "Tom & Jerry \"quotes\" & más.",
        "\n\n    \nPerdón por el formato, escribo desde el cel. ¿Alguien va a RustConf?",
        "Docs oficiales en español: https://rust-lang-es.org/ y el libro "
        "https://doc.rust-lang.org/book/ (en inglés). Playground: https://play.rust-lang.org/?version=stable&mode=debug",
        "Felicidades a Jose\u0301 y Mari\u0301a por su primer PR a tokio 🎉👍🏽👨‍👩‍👧‍👦",
        "Ferris dice こんにちは 🦀 y Привет",
    ],
    "987654321": [
        "Recuerden: en la charla de seguridad vimos por qué <script>alert(\"x\")</script> "
        "nunca debe llegar sin escapar al navegador, ni siquiera un inocente <b>hola</b>.\n"
        "Tom & Jerry \"quotes\" también cuentan 😉",
        "\n \n\n¡Feliz día del programador! 🎉👩🏽‍💻🧑🏿‍💻👍🏽",
        "Inscripciones abiertas: https://forms.gle/ABCdef123XYZ y toda la info en "
        "https://devcbogota.example.org/eventos?year=2026&month=10",
        "Equipo organizador 👨‍👩‍👧‍👦 de Devc Bogota\u0301: gracias, Andre\u0301s y Mo\u0301nica.",
        "Agenda del hackathon:\n\n"
        "Sábado\n  8:00 Registro y desayuno\n  9:00 Kickoff\n  12:30 Almuerzo\n\n"
        "Domingo\n  10:00 Demos\n  13:00 Premiación 🏆",
        "Saludos a nuestros amigos de 東京 Dev Meetup 🇯🇵🇨🇴",
    ],
    "5566778899": [
        "HTMLのエスケープ確認用: <b>太字</b> <b>hola</b>\n"
        "<script>alert(\"x\")</script>\nTom & Jerry \"quotes\" ＆ 全角＆",
        "\n\u3000\n  \n今日のもくもく会、まだ席あります！ 🙌🏻",
        "Язык программирования — это инструмент. Встреча Go-разработчиков в четверг, "
        "регистрация: https://connpass.com/event/312345/ 🇷🇺",
        "نبحث عن متحدثين لفعالية الشهر القادم. للتسجيل: https://forms.gle/TokyoDevAr2026 "
        "— المواضيع: الذكاء الاصطناعي، الويب، الأمن.",
        "家族で参加OKのハッカソン 👨‍👩‍👧‍👦👩🏽‍💻👍🏽 お子さん連れ歓迎です！",
        "Caf\u0065\u0301 meetup at Shibuya: cre\u0300me bru\u0302le\u0301e and code ☕",
        "スライド: https://speakerdeck.com/tokyodev/rust-wasm-2026\n"
        "録画: https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s\n"
        "質問はこちらへ👇",
        "مرحبا بالجميع!\nاجتماعنا القادم:\nالمكان: شيبويا\nالوقت: ٧ مساءً\nنراكم هناك 🙏🏽",
    ],
    "7788990011": [
        # HTML-looking text in a right-to-left post
        "تذكير: فيسبوك لا يعرض HTML، لذلك يظهر <b>مرحبا</b> كما هو.\n"
        "وهذا لا يُنفَّذ أيضا: <script>alert(\"x\")</script>\nTom & Jerry \"quotes\" 😅",
        # mixed directions: Arabic with English terms and numbers
        "أطلقنا الإصدار 2.0 من مكتبة parse-ar على GitHub مع دعم Unicode 15 بالكامل 🎉",
        # Arabic-Indic digits and a link
        "التسجيل في الهاكاثون: https://forms.gle/CairoDevHack2026 — الموعد ١٢ ديسمبر، الساعة ٩ صباحا.",
        # multi-line agenda
        "جدول يوم الخميس:\n٧:٠٠ التسجيل\n٧:٣٠ المحاضرة الأولى: Rust للمبتدئين\n"
        "٨:١٥ المحاضرة الثانية: اختبار تطبيقات React\n٩:٠٠ تعارف 🍕",
        # emoji with skin tones and ZWJ sequences
        "شكرا للعائلات التي حضرت يوم البرمجة العائلي 👨‍👩‍👧‍👦👩🏽‍💻👍🏽 كان يوما رائعا!",
        # blank lines before the text
        "\n \n\nصباح الخير! القهوة جاهزة في مساحة العمل ☕",
        # other scripts
        "أهلا بضيوفنا من طوكيو! ようこそカイロへ 🇯🇵🇪🇬",
    ],
}


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------

def longtail(rng, scale, cap, alpha=1.3):
    """Mostly small, sometimes large: a shifted Pareto."""
    return min(cap, int((rng.paretovariate(alpha) - 1.0) * scale))


def make_message(rng, gid):
    f = FILLER[gid]
    body = rng.choice(f["bodies"]).format(topic=rng.choice(f["topics"]),
                                          day=rng.choice(f["days"]))
    opener = rng.choice(f["openers"])
    closer = rng.choice(f["closers"])
    if rng.random() < 0.3:
        closer = (closer + " " + rng.choice(EMOJI)).strip()
    if rng.random() < 0.35:  # multi-line
        parts = [opener, "", body]
        if rng.random() < 0.5:
            extra = rng.choice(f["bodies"]).format(topic=rng.choice(f["topics"]),
                                                   day=rng.choice(f["days"]))
            parts += [extra]
        if closer:
            parts += ["", closer]
        return "\n".join(parts)
    return " ".join(p for p in (opener, body, closer) if p)


# The demo's pictures: small PNGs written below into `demo/<group id>/media/`, named by
# `full_picture` as a path relative to the group folder (a snapshot may do that), so the
# demo shows real pictures offline. Varied sizes and orientations; larger than
# `[media] max_width` some of them, to be scaled down.
PICTURES = [
    ("landscape", 960, 540),
    ("portrait", 480, 800),
    ("square", 600, 600),
    ("banner", 1200, 400),
    ("small", 320, 240),
    ("photo", 800, 600),
]


def picture_url(rng, gid):
    # Same draws from `rng` as before the pictures were local, so the rest of the demo
    # is unchanged.
    n = rng.randrange(10**8, 10**9)
    rng.choice(["s720x720", "s960x960", "p526x296", "s640x640"])
    return "media/%s.png" % PICTURES[n % len(PICTURES)][0]


def png(width, height, seed):
    """A PNG (8-bit RGB) with bands and a disc, written with zlib and struct only."""
    import struct
    import zlib
    r = random.Random(seed)
    c1 = [r.randrange(40, 220) for _ in range(3)]
    c2 = [r.randrange(40, 220) for _ in range(3)]
    cx, cy, rad = width * r.uniform(0.3, 0.7), height * r.uniform(0.3, 0.7), min(width, height) * 0.28
    rows = []
    for y in range(height):
        t = y / max(1, height - 1)
        band = bytes(int(c1[i] * (1 - t) + c2[i] * t) for i in range(3))
        row = bytearray(band * width)
        dy = y - cy
        if abs(dy) < rad:
            half = int((rad * rad - dy * dy) ** 0.5)
            x0, x1 = max(0, int(cx) - half), min(width, int(cx) + half)
            row[3 * x0:3 * x1] = bytes((250, 250, 245)) * (x1 - x0)
        rows.append(b"\x00" + bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def write_pictures(d, gid):
    os.makedirs(os.path.join(d, "media"))
    for i, (name, w, h) in enumerate(PICTURES):
        with open(os.path.join(d, "media", name + ".png"), "wb") as f:
            f.write(png(w, h, "%s/%d" % (gid, i)))


def cursor(gid, n):
    raw = hashlib.sha256(("%s/%d" % (gid, n)).encode()).digest()[:9]
    return "QVFIU" + base64.b64encode(raw).decode().replace("+", "Z").replace("/", "A")


def gen_group(g):
    rng = random.Random(g["seed"])
    gid = g["id"]
    nq = g["no_qualifying_week"]
    boundary = [utc(t) for t in g["boundary_times"]]
    # boundary posts must qualify, so they must not fall in the quiet week
    assert all((t - FIRST_WEEK).days // 7 != nq for t in boundary), gid

    # 1. timestamps per week
    weeks = []
    used = set()
    for w in range(N_WEEKS):
        start = week_start(w)
        end = min(start + timedelta(weeks=1), LAST_POST + timedelta(seconds=1))
        span = int((end - start).total_seconds())
        fixed = [t for t in boundary if start <= t < end]
        n = rng.randint(6, 25) - len(fixed)
        if w == N_WEEKS - 1:
            n = min(n, rng.randint(6, 10) - len(fixed))  # a week in progress: fewer posts so far
        times = list(fixed)
        while len(times) < n + len(fixed):
            # posts cluster in the day and evening (Mexico/Bogotá/Tokyo mix)
            t = start + timedelta(seconds=rng.randrange(span))
            if t not in used and t not in boundary:
                used.add(t)
                times.append(t)
        if w == N_WEEKS - 1 and LAST_POST not in times:
            times[-1] = LAST_POST  # the newest post is exactly at the cut-off
        weeks.append(sorted(times))

    # 2. posts (oldest first while building)
    posts = []
    pid_used = set()
    for w, times in enumerate(weeks):
        for t in times:
            while True:
                pid = str(rng.randrange(10**14, 10**15))
                if pid not in pid_used:
                    pid_used.add(pid)
                    break
            posts.append({"week": w, "t": t, "pid": pid,
                          "message": make_message(rng, gid),
                          "picture": picture_url(rng, gid) if rng.random() < 0.45 else None})

    # 3. special texts, long post, photo-only posts: spread over the weeks
    specials = list(SPECIALS[gid]) + [LONG_LINE[gid]]
    assert len(LONG_LINE[gid]) >= 600, (gid, len(LONG_LINE[gid]))
    boundary_idx = {i for i, p in enumerate(posts) if p["t"] in boundary}
    candidates = [i for i in range(len(posts)) if i not in boundary_idx]
    chosen = rng.sample(candidates, len(specials) + 14)
    for i, text in zip(chosen, specials):
        posts[i]["message"] = text
    for i in chosen[len(specials):]:       # photo-only posts
        posts[i]["message"] = None
        posts[i]["picture"] = picture_url(rng, gid)

    # 4. engagement
    for p in posts:
        c = 0 if rng.random() < 0.4 else longtail(rng, 4, 300)
        s = 0 if rng.random() < 0.55 else longtail(rng, 2, 120, 1.5)
        r = 0 if rng.random() < 0.1 else min(900, longtail(rng, 12, 900, 1.2) + rng.randint(0, 6))
        if p["message"] is None:  # photo-only posts: a few reactions, some comments
            c = c // 2
        p["comments"], p["shares"], p["reactions"] = c, s, r
    # a few big hits outside the quiet week
    hot = [i for i, p in enumerate(posts) if p["week"] != nq]
    for i, (c, s, r) in zip(rng.sample(hot, 3),
                            [(rng.randint(240, 300), rng.randint(90, 120), rng.randint(700, 900)),
                             (rng.randint(120, 200), rng.randint(30, 70), rng.randint(350, 600)),
                             (rng.randint(60, 110), rng.randint(0, 5), rng.randint(150, 300))]):
        posts[i].update(comments=c, shares=s, reactions=r)
    for p in posts:
        if p["week"] == nq:               # the week with no qualifying post
            p["comments"] = 0
            p["shares"] = 0
        elif p["t"] in boundary:          # boundary posts always qualify
            p["comments"] = max(p["comments"], rng.randint(2, 15))
            p["shares"] = max(p["shares"], rng.randint(1, 6))
    for w in range(N_WEEKS):              # every other week has a qualifying post
        if w == nq:
            continue
        wp = [p for p in posts if p["week"] == w]
        if not any(p["comments"] or p["shares"] for p in wp):
            rng.choice(wp)["comments"] = rng.randint(1, 8)

    # 5. the http:// picture and the unpublished Page post
    if g.get("http_picture"):
        p = rng.choice([p for p in posts if p["picture"] and p["week"] != nq
                        and p["comments"] > 0])
        p["picture"] = p["picture"].replace("https://", "http://", 1)
    unpublished = None
    if g.get("one_unpublished"):
        unpublished = rng.choice([p for p in posts if p["week"] not in (nq, N_WEEKS - 1)
                                  and p["comments"] > 0 and p["t"] not in boundary])["pid"]

    # 6. shared links (their own random stream: the values above stay as they were): about
    # one text post in eight shares a page, and a third of the photo-only posts are link
    # previews; every other picture is a photo, whose attachment is Facebook's own page.
    lrng = random.Random("links/%s" % gid)
    for p in posts:
        shares_page = lrng.random() < (0.33 if p["message"] is None else 0.12)
        if shares_page:
            title, url = lrng.choice(SHARED_LINKS[gid])
            p["attachment"] = {"title": title, "unshimmed_url": url,
                               "url": "https://l.facebook.com/l.php?u=%s&h=AT0x" % quote(url, safe="")}
            if not title:
                del p["attachment"]["title"]
        elif p["picture"]:
            p["attachment"] = {"unshimmed_url": "https://www.facebook.com/photo.php?fbid=%s" % p["pid"],
                               "url": "https://www.facebook.com/photo.php?fbid=%s" % p["pid"]}

    # 7. Graph-shaped objects, newest first
    out = []
    for p in sorted(posts, key=lambda p: p["t"], reverse=True):
        t = p["t"]
        u = t
        if p["comments"] or rng.random() < 0.15:
            u = t + timedelta(seconds=rng.randrange(60, 3 * 86400))
        u = min(u, LAST_POST) if t <= LAST_POST else t
        if g["kind"] == "page":
            link = "https://www.facebook.com/%s/posts/%s/" % (gid, p["pid"])
        else:
            link = "https://www.facebook.com/groups/%s/permalink/%s/" % (gid, p["pid"])
        o = {"id": "%s_%s" % (gid, p["pid"])}
        if p["message"] is not None:
            o["message"] = p["message"]
        o["created_time"] = gtime(t)
        o["updated_time"] = gtime(u)
        o["permalink_url"] = link
        if p["picture"]:
            o["full_picture"] = p["picture"]
        o["is_published"] = p["pid"] != unpublished
        if p["shares"]:
            o["shares"] = {"count": p["shares"]}
        o["comments"] = {"data": [], "summary": {"order": "ranked",
                                                 "total_count": p["comments"],
                                                 "can_comment": True}}
        o["reactions"] = {"data": [], "summary": {"total_count": p["reactions"],
                                                  "viewer_reaction": "NONE"}}
        if p.get("attachment"):
            o["attachments"] = {"data": [p["attachment"]]}
        out.append(o)
    return out


def pages_of(gid, posts):
    chunks = [posts[i:i + PAGE_SIZE] for i in range(0, len(posts), PAGE_SIZE)]
    pages = []
    for n, chunk in enumerate(chunks):
        before, after = cursor(gid, 2 * n), cursor(gid, 2 * n + 1)
        nxt = "%s/%s/feed?fields=%s&limit=%d&after=%s" % (
            API, gid, quote(FIELDS, safe=""), PAGE_SIZE, after)
        pages.append({"data": chunk,
                      "paging": {"cursors": {"before": before, "after": after}, "next": nxt}})
    last = pages[-1]["paging"]["cursors"]["after"] if pages else cursor(gid, 0)
    pages.append({"data": [], "paging": {"cursors": {"before": last, "after": last}}})
    return pages


def dump(path, obj):
    text = json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    root = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "demo")
    os.makedirs(root, exist_ok=True)
    for g in GROUPS:
        d = os.path.join(root, g["id"])
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
        posts = gen_group(g)
        dump(os.path.join(d, "node.json"), g["node"])
        write_pictures(d, g["id"])
        pages = pages_of(g["id"], posts)
        for n, page in enumerate(pages, 1):
            dump(os.path.join(d, "feed-%03d.json" % n), page)
        print("%s  %-28s %4d posts  %d feed pages  (no qualifying post: week of %s)"
              % (g["id"], g["node"]["name"], len(posts), len(pages),
                 week_start(g["no_qualifying_week"]).strftime("%Y-%m-%d")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
