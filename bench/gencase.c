/*
 * gencase: writes a synthetic, valid legitcheck case file with N evidence
 * items, for the benchmark (bench/run.sh). The same seed always gives the same
 * bytes.
 *
 * The case answers every question of the checklist given and spreads the items
 * over them; every evidence field is filled, with French and Russian text of a
 * few hundred bytes per quote. Outlets, places and people are fictitious: the
 * text reads like a research file on an intervention but quotes nobody.
 *
 * The output is in the canonical form legitcheck itself writes (key order,
 * two-space indent, UTF-8 unescaped), so loading and saving it unchanged gives
 * the same bytes.
 *
 * usage: gencase --checklist FILE --items N [--seed S] [--digest sha256:...] [-o FILE]
 *        gencase ... --count K -o PREFIX   K files PREFIX-0001.json ..., seeds S to S+K-1
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#define MAX_QUESTIONS 256
#define MAX_CHOICES   16

struct question {
	char id[64];
	char choices[MAX_CHOICES][64];
	int nchoices;
};

static uint64_t rng_state;

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static unsigned pick(unsigned n)
{
	return (unsigned)(rng() % n);
}

#define PICK(array) (array)[pick(sizeof(array) / sizeof((array)[0]))]

static const char *const fr_sources[] = {
	"La Gazette du Levant",
	"Le Courrier de l’Est",
	"Agence de presse continentale (APC)",
	"L’Observateur diplomatique",
	"Ministère des Affaires étrangères de la République de Varsanie",
	"Bulletin officiel de l’Alliance de sécurité collective",
	"Revue française de droit international public",
	"Radio Horizon International",
};

static const char *const ru_sources[] = {
	"Вечерний вестник",
	"Информационное агентство «Восток-Пресс»",
	"Министерство иностранных дел Республики Арстания",
	"Секретариат Организации коллективной безопасности",
	"Журнал «Международное право и политика»",
	"Газета «Северная звезда»",
	"Пресс-служба Президента Республики Арстания",
	"Телеканал «Мир-24»",
};

static const char *const fr_titles[] = {
	"Varsanie : le président demande l’aide de l’Alliance face aux émeutes",
	"L’Alliance annonce l’envoi d’une « force de maintien de la paix » limitée",
	"Premiers contingents étrangers à l’aéroport de la capitale",
	"Le texte de la demande d’assistance n’a pas été publié",
	"Retrait des troupes : le calendrier annoncé est-il respecté ?",
	"Le Conseil de sécurité n’a reçu aucune notification au titre de l’article 51",
	"Intervention sur invitation : ce que dit le droit international",
	"Les juristes s’interrogent sur l’« agression extérieure » invoquée",
};

static const char *const ru_titles[] = {
	"Президент Арстании обратился к союзникам за помощью",
	"Совет коллективной безопасности принял решение о направлении миротворцев",
	"Первые подразделения прибыли на аэродром столицы",
	"Текст обращения о помощи так и не был опубликован",
	"Миротворцы начали отвод сил: сроки и порядок",
	"Эксперты: ссылка на статью 51 Устава ООН вызывает вопросы",
	"Вмешательство по приглашению: пределы согласия",
	"Заявление МИД о «внешней угрозе» и его правовые последствия",
};

static const char *const fr_sentences[] = {
	"Le président de la République a déclaré mercredi soir avoir sollicité l’aide des "
	"États membres de l’Alliance pour « surmonter la menace terroriste ».",
	"Selon le communiqué publié dans la nuit, les forces seront déployées « pour une durée "
	"limitée » afin de protéger les installations stratégiques.",
	"Aucun document écrit n’a été rendu public, et le ministère s’est refusé à tout "
	"commentaire sur la date exacte de la demande.",
	"Les premiers avions de transport ont atterri jeudi matin sur l’aéroport militaire, "
	"d’après des témoins interrogés par notre correspondant.",
	"Le porte-parole a affirmé que « des bandes armées formées à l’étranger » menaçaient "
	"l’intégrité de l’État, sans fournir d’éléments à l’appui.",
	"Le gouvernement avait démissionné la veille, et la question de l’autorité habilitée "
	"à formuler l’invitation reste discutée par les juristes.",
	"L’article 4 du traité prévoit une assistance en cas d’agression contre un État "
	"membre, ce que plusieurs commentateurs contestent en l’espèce.",
	"Le retrait a commencé le 13 du mois et s’est achevé six jours plus tard, conformément "
	"au calendrier annoncé par le secrétariat.",
	"Aucune lettre n’a été adressée au Conseil de sécurité, alors que la Charte impose de "
	"lui signaler immédiatement les mesures prises en légitime défense.",
	"Des observateurs indépendants ont relevé que les contingents étrangers ne sont pas "
	"intervenus directement contre les manifestants.",
	"Le texte cité par l’agence reprend mot pour mot la déclaration télévisée, diffusée à "
	"21 h 43 heure locale.",
	"« Nous n’avons pas demandé une occupation, mais une aide temporaire », a précisé un "
	"conseiller présidentiel sous couvert d’anonymat.",
};

static const char *const ru_sentences[] = {
	"Я сегодня обратился к главам государств — членов организации с просьбой оказать "
	"помощь в преодолении этой террористической угрозы.",
	"Совет коллективной безопасности принял решение направить коллективные миротворческие "
	"силы на ограниченный период времени.",
	"Основной задачей сил будет охрана важных государственных и военных объектов, а также "
	"содействие в стабилизации обстановки.",
	"Текст обращения не был опубликован, а в пресс-службе отказались уточнить, когда "
	"именно оно было направлено.",
	"По данным источника, первые самолёты военно-транспортной авиации приземлились на "
	"аэродроме столицы утром в четверг.",
	"Министр заявил, что страна подверглась «вооружённой агрессии извне», однако "
	"доказательства этого представлены не были.",
	"Правительство ушло в отставку накануне, и вопрос о полномочиях органа, направившего "
	"просьбу, остаётся предметом споров.",
	"Вывод контингента начался тринадцатого числа и завершился через шесть дней, как и "
	"было объявлено секретариатом.",
	"Уведомление в Совет Безопасности ООН, предусмотренное статьёй 51 Устава, так и не "
	"было направлено.",
	"Независимые наблюдатели отмечают, что иностранные подразделения не участвовали в "
	"разгоне демонстраций.",
	"«Речь идёт не об оккупации, а о временной помощи», — подчеркнул советник президента "
	"в интервью телеканалу.",
	"Юристы-международники указывают, что согласие должно быть дано до начала операции и "
	"исходить от законного правительства.",
};

static const char *const fr_notes[] = {
	"Vérifié sur la vidéo ; heure locale.",
	"Traduction du communiqué officiel.",
	"Source unique : à recouper.",
	"Évalué pour l’exactitude du compte rendu.",
};

static const char *const ru_notes[] = {
	"Сверено с видеозаписью; время местное.",
	"Перевод официального текста.",
	"Единственный источник: сверить.",
	"Оценена точность передачи слов.",
};

static const char *const kinds[] = {"official_document", "official_statement", "news_report",
				    "expert_analysis", "other"};
static const char *const origins[] = {"host", "intervening", "third_party"};

static FILE *out;

/* Writes s as a JSON string; the banks hold no control characters. */
static void put_string(const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void put_member(int indent, const char *key, const char *value, int last)
{
	fprintf(out, "%*s\"%s\": ", indent, "", key);
	put_string(value);
	fputs(last ? "\n" : ",\n", out);
}

/* One sentence, now and then two: a quote of a few hundred bytes. */
static void make_quote(int russian, char *buf, size_t size)
{
	unsigned n = pick(8) ? 1 : 2, i;
	size_t len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *s = russian ? PICK(ru_sentences) : PICK(fr_sentences);
		int w = snprintf(buf + len, size - len, "%s%s", i ? " " : "", s);

		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
}

static void make_date(char *buf, size_t size, int with_time)
{
	static const int mdays[] = {31, 28, 31};
	int month = 1 + (int)pick(3), day = 1 + (int)pick((unsigned)mdays[month - 1]);
	int year = 2022;

	if (with_time)
		snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d+06:00", year, month, day,
			 (int)pick(24), (int)pick(60));
	else
		snprintf(buf, size, "%04d-%02d-%02d", year, month, day);
}

static void write_evidence(long serial, int last)
{
	int russian = (int)pick(2);
	char quote[2048], date[32], event_date[32], url[160], citation[160], grade[3];

	make_quote(russian, quote, sizeof(quote));
	make_date(date, sizeof(date), 0);
	make_date(event_date, sizeof(event_date), (int)pick(4) == 0);
	if (russian) {
		snprintf(url, sizeof(url),
			 "https://vestnik.example.ru/politika/2022/%ld-soobshchenie",
			 100000 + serial);
		snprintf(citation, sizeof(citation), "№ %ld, с. %u", 1 + serial % 300,
			 1 + pick(12));
	} else {
		snprintf(url, sizeof(url),
			 "https://gazette.example.fr/international/article/2022/%ld-varsanie.html",
			 100000 + serial);
		snprintf(citation, sizeof(citation), "n° %ld, p. %u", 1 + serial % 300,
			 1 + pick(12));
	}
	grade[0] = (char)('A' + pick(6));
	grade[1] = (char)('1' + pick(6));
	grade[2] = '\0';
	fputs("        {\n", out);
	put_member(10, "source", russian ? PICK(ru_sources) : PICK(fr_sources), 0);
	put_member(10, "title", russian ? PICK(ru_titles) : PICK(fr_titles), 0);
	put_member(10, "date", date, 0);
	put_member(10, "event_date", event_date, 0);
	put_member(10, "url", url, 0);
	put_member(10, "citation", citation, 0);
	put_member(10, "quote", quote, 0);
	put_member(10, "kind", PICK(kinds), 0);
	put_member(10, "grade", grade, 0);
	put_member(10, "origin", PICK(origins), 0);
	fprintf(out, "          \"disputed\": %s,\n", pick(10) == 0 ? "true" : "false");
	put_member(10, "note", russian ? PICK(ru_notes) : PICK(fr_notes), 1);
	fputs(last ? "        }\n" : "        },\n", out);
}

static char checklist_id[64], checklist_version[64];

static int load_questions(const char *path, struct question *qs, int *nq)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	long size;
	cJSON *root, *q;
	int rc = -1;

	if (!f) {
		fprintf(stderr, "gencase: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		text = malloc((size_t)size + 1);
		if (text && fread(text, 1, (size_t)size, f) == (size_t)size)
			text[size] = '\0';
		else {
			free(text);
			text = NULL;
		}
	}
	fclose(f);
	if (!text) {
		fprintf(stderr, "gencase: cannot read '%s'\n", path);
		return -1;
	}
	root = cJSON_Parse(text);
	free(text);
	*nq = 0;
	q = cJSON_GetObjectItemCaseSensitive(root, "id");
	if (!cJSON_IsString(q))
		goto out;
	snprintf(checklist_id, sizeof(checklist_id), "%s", q->valuestring);
	q = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsString(q))
		goto out;
	snprintf(checklist_version, sizeof(checklist_version), "%s", q->valuestring);
	cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(root, "questions"))
	{
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(q, "id"), *c;

		if (*nq == MAX_QUESTIONS || !cJSON_IsString(id))
			goto out;
		snprintf(qs[*nq].id, sizeof(qs[*nq].id), "%s", id->valuestring);
		qs[*nq].nchoices = 0;
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(q, "choices"))
		{
			const cJSON *kw = cJSON_GetObjectItemCaseSensitive(c, "keyword");

			if (qs[*nq].nchoices == MAX_CHOICES || !cJSON_IsString(kw))
				goto out;
			snprintf(qs[*nq].choices[qs[*nq].nchoices++], 64, "%s", kw->valuestring);
		}
		if (!qs[*nq].nchoices)
			goto out;
		(*nq)++;
	}
	rc = *nq ? 0 : -1;
out:
	if (rc)
		fprintf(stderr, "gencase: '%s' is not a checklist this program can read\n", path);
	cJSON_Delete(root);
	return rc;
}

static void usage(void)
{
	fputs("usage: gencase --checklist FILE --items N [--seed S] [--digest sha256:...] "
	      "[--count K] [-o FILE|PREFIX]\n",
	      stderr);
	exit(64);
}

/* Writes one case to path (standard output when NULL). Returns an exit status. */
static int write_case(const struct question *qs, int nq, long items, unsigned long long seed,
		      const char *digest, const char *outpath)
{
	long *per_question, serial;
	int i, choice[MAX_QUESTIONS];

	rng_state = seed;
	per_question = calloc((size_t)nq, sizeof(*per_question));
	if (!per_question)
		return 70;
	for (serial = 0; serial < items; serial++)
		per_question[pick((unsigned)nq)]++;
	for (i = 0; i < nq; i++) {
		/* Any choice but the last (unknown, in the checklists we ship). */
		choice[i] = qs[i].nchoices > 1 ? (int)pick((unsigned)qs[i].nchoices - 1) : 0;
	}
	out = outpath ? fopen(outpath, "wb") : stdout;
	if (!out) {
		fprintf(stderr, "gencase: cannot create '%s': %s\n", outpath, strerror(errno));
		free(per_question);
		return 73;
	}
	fputs("{\n  \"format\": \"legitcheck-case\",\n  \"format_version\": 1,\n", out);
	fputs("  \"checklist\": {\n", out);
	put_member(4, "id", checklist_id, 0);
	put_member(4, "version", checklist_version, !digest);
	if (digest)
		put_member(4, "digest", digest, 1);
	fputs("  },\n", out);
	fprintf(out, "  \"title\": \"Synthetic case: %ld evidence items (seed %llu)\",\n", items,
		seed);
	put_member(2, "description",
		   "Cas synthétique pour le banc d’essai : une intervention « sur invitation » en "
		   "République de Varsanie. Синтетическое дело для измерения производительности.",
		   0);
	put_member(2, "created", "2026-11-27T08:00:00Z", 0);
	put_member(2, "modified", "2026-11-27T18:30:00Z", 0);
	fputs("  \"answers\": {\n", out);
	serial = 0;
	for (i = 0; i < nq; i++) {
		long j;

		fprintf(out, "    \"%s\": {\n", qs[i].id);
		put_member(6, "choice", qs[i].choices[choice[i]], 0);
		put_member(
			6, "note",
			i % 2 ? "Réponse fondée sur les éléments réunis ci-dessous ; à revoir si "
				"le texte de la demande est publié."
			      : "Ответ основан на собранных ниже материалах; пересмотреть после "
				"публикации текста обращения.",
			0);
		fprintf(out, "      \"answered\": \"2026-11-27T%02d:%02d:00Z\",\n", 9 + i / 6,
			(i * 7) % 60);
		if (!per_question[i]) {
			fputs("      \"evidence\": []\n    }", out);
		} else {
			fputs("      \"evidence\": [\n", out);
			for (j = 0; j < per_question[i]; j++)
				write_evidence(serial++, j + 1 == per_question[i]);
			fputs("      ]\n    }", out);
		}
		fputs(i + 1 < nq ? ",\n" : "\n", out);
	}
	fputs("  },\n  \"history\": [\n", out);
	for (i = 0; i < nq; i++) {
		fputs("    {\n", out);
		fprintf(out, "      \"time\": \"2026-11-27T%02d:%02d:00Z\",\n", 9 + i / 6,
			(i * 7) % 60);
		put_member(6, "question", qs[i].id, 0);
		fputs("      \"from\": null,\n", out);
		put_member(6, "to", qs[i].choices[choice[i]], 1);
		fputs(i + 1 < nq ? "    },\n" : "    }\n", out);
	}
	fputs("  ]\n}\n", out);
	free(per_question);
	if (fflush(out) != 0 || ferror(out) || (outpath && fclose(out) != 0)) {
		fprintf(stderr, "gencase: write error: %s\n", strerror(errno));
		return 74;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct question qs[MAX_QUESTIONS];
	const char *checklist = NULL, *digest = NULL, *outpath = NULL;
	long items = -1, count = 0, k;
	unsigned long long seed = 1;
	int nq, i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--checklist") == 0)
			checklist = argv[++i];
		else if (strcmp(argv[i], "--items") == 0)
			items = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--digest") == 0)
			digest = argv[++i];
		else if (strcmp(argv[i], "--count") == 0)
			count = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-o") == 0)
			outpath = argv[++i];
		else
			usage();
	}
	if (!checklist || items < 0 || count < 0 || (count && !outpath))
		usage();
	if (load_questions(checklist, qs, &nq))
		return 65;
	if (!count)
		return write_case(qs, nq, items, seed, digest, outpath);
	for (k = 0; k < count && !rc; k++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s-%04ld.json", outpath, k + 1);
		rc = write_case(qs, nq, items, seed + (unsigned long long)k, digest, path);
	}
	return rc;
}
