"""Short invented news texts in seven languages, shared by the language tests.

Written for these tests (not copied from anywhere): two documents per language about an
invented town council, a bridge and a festival, so each language has words its two documents
share and words only one of them uses.
"""

import pandas as pd

TEXTS = {
    "en": [
        "The town council of Millbrook approved a new bridge over the river on Tuesday. "
        "The mayor said the bridge would open next spring and that the old ferry would stop "
        "running. Several residents were worried about the cost of the project.",
        "Thousands of visitors came to the lantern festival in Millbrook this weekend. "
        "The organisers said the festival had never been so busy, and the bakers on the "
        "market square sold out of bread before noon.",
    ],
    "fr": [
        "Le conseil municipal de Millbrook a approuvé mardi la construction d'un nouveau pont "
        "sur la rivière. Le maire a déclaré que le pont serait ouvert au printemps et que le "
        "vieux bac cesserait de circuler. Plusieurs habitants s'inquiètent du coût du projet.",
        "Des milliers de visiteurs sont venus à la fête des lanternes de Millbrook ce week-end. "
        "Les organisateurs ont affirmé que la fête n'avait jamais attiré autant de monde, et "
        "les boulangers de la place du marché ont vendu tout leur pain avant midi.",
    ],
    "de": [
        "Der Stadtrat von Millbrook hat am Dienstag den Bau einer neuen Brücke über den Fluss "
        "genehmigt. Die Bürgermeisterin sagte, die Brücke werde im Frühjahr eröffnet und die "
        "alte Fähre werde dann eingestellt. Viele Anwohner sorgen sich um die Kosten.",
        "Tausende Besucher kamen am Wochenende zum Laternenfest nach Millbrook. Die "
        "Veranstalter sagten, das Fest sei noch nie so voll gewesen, und die Bäcker auf dem "
        "Marktplatz hatten schon vor Mittag kein Brot mehr.",
    ],
    "es": [
        "El ayuntamiento de Millbrook aprobó el martes la construcción de un nuevo puente "
        "sobre el río. El alcalde dijo que el puente se abrirá en primavera y que el viejo "
        "transbordador dejará de funcionar. Muchos vecinos están preocupados por el coste.",
        "Miles de visitantes llegaron este fin de semana al festival de los faroles de "
        "Millbrook. Los organizadores dijeron que el festival nunca había tenido tanto público "
        "y los panaderos de la plaza del mercado vendieron todo su pan antes del mediodía.",
    ],
    "cs": [
        "Městská rada v Millbrooku v úterý schválila stavbu nového mostu přes řeku. Starosta "
        "řekl, že most bude otevřen na jaře a že starý přívoz přestane jezdit. Mnoho "
        "obyvatel se obává, kolik celý projekt bude stát.",
        "Tisíce návštěvníků přijely o víkendu na festival lampionů do Millbrooku. Pořadatelé "
        "uvedli, že festival ještě nikdy nebyl tak plný, a pekaři na náměstí prodali všechen "
        "chléb ještě před polednem.",
    ],
    "zh": [
        "米尔布鲁克市议会周二批准在河上修建一座新桥。市长表示，新桥将于明年春天通车，"
        "旧渡轮届时将停止运营。一些居民对工程的费用表示担忧。",
        "本周末有数千名游客来到米尔布鲁克参加灯笼节。主办方表示，灯笼节从未如此热闹，"
        "市场广场上的面包师在中午之前就卖完了所有面包。",
    ],
    "ja": [
        "ミルブルック市議会は火曜日、川に新しい橋を建設する計画を承認した。市長によると、"
        "橋は来年の春に開通し、古い渡し船の運航は終了する。住民の一部は費用を心配している。",
        "今週末、ミルブルックのランタン祭りに数千人の観光客が訪れた。主催者によると、"
        "祭りがこれほど混雑したことはなく、市場広場のパン屋は昼前にパンを売り切った。",
    ],
}
"""Language code -> two invented documents."""


def corpus() -> pd.DataFrame:
    """One row per document: ``doc_id, source, lang_true, body`` (source = language)."""
    rows = [{"doc_id": f"{lang}{i}", "source": lang, "lang_true": lang, "body": text}
            for lang, texts in TEXTS.items() for i, text in enumerate(texts)]
    return pd.DataFrame(rows)
