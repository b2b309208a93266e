/* Tab completion from the command table, on a session with the default checklist. */
#include <stdlib.h>
#include <string.h>

#include "legitcheck/complete.h"
#include "tap.h"

static struct session s;

/* The candidates for line, joined with ' ', and "[files]" when file names are wanted. */
static const char *complete(const char *line)
{
	static char out[4096];
	struct completion c;
	int i;

	completion_init(&c);
	complete_line(&s, line, &c);
	out[0] = '\0';
	for (i = 0; i < c.words.count; i++) {
		if (i)
			strncat(out, " ", sizeof(out) - strlen(out) - 1);
		strncat(out, c.words.words[i], sizeof(out) - strlen(out) - 1);
	}
	if (c.files)
		strncat(out, out[0] ? " [files]" : "[files]", sizeof(out) - strlen(out) - 1);
	completion_release(&c);
	return out;
}

static void first_word_is_a_command_or_a_choice(void)
{
	const char *all = complete("");

	ok(strstr(all, "answer") && strstr(all, "evidence") && strstr(all, "show") &&
		   strstr(all, "status"),
	   "an empty line offers the session's commands");
	ok(strstr(all, "before") && strstr(all, "unknown"),
	   "and the choices of the question at hand");
	ok(!strstr(all, " new ") && !strstr(all, "upgrade"),
	   "but not the commands of the command line only");
	is_string("show", complete("sh"), "sh completes to show");
	is_string("evidence", complete("ev"), "ev completes to evidence");
	is_string("before", complete("be"), "a choice keyword of the question at hand completes");
	is_string("next none note", complete("n"),
		  "every command and choice that fits is offered, sorted");
	is_string("", complete("frobnicate "), "nothing follows an unknown command");
}

static void positional_arguments_follow_the_usage_line(void)
{
	const char *qids = complete("goto ");

	ok(strstr(qids, "q1.timing") && strstr(qids, "q5.basis"), "goto offers the question ids");
	is_string("q5.basis q5.published q5.timing", complete("goto q5."),
		  "a question id prefix completes");
	is_string("q1.timing", complete("answer q1.ti"), "answer's QID completes");
	is_string("after before none unknown", complete("answer q1.timing "),
		  "after a QID, answer offers that question's choices");
	is_string("no not_applicable", complete("answer q3.organ n"),
		  "the choices are those of the question named");
	ok(strstr(complete("answer "), "q2.purpose") && strstr(complete("answer "), "before"),
	   "answer's first word may be a QID or a choice of the question at hand");
	is_string("", complete("answer before "), "nothing after the choice");
	is_string("", complete("show q1.timing "), "nothing after show's one argument");
	is_string("score", complete("help sc"), "help completes command names");
	is_string("autosave", complete("set "), "set offers its setting");
	is_string("off on", complete("set autosave "), "and then its values");
}

static void evidence_sub_verbs_options_and_values(void)
{
	is_string("add edit list rm", complete("evidence "), "evidence offers its sub-verbs");
	is_string("rm", complete("evidence r"), "a sub-verb completes");
	is_string("q1.timing", complete("evidence add q1.t"), "then a question id");
	is_string("--kind", complete("evidence add --k"), "an option completes from the table");
	ok(strstr(complete("evidence add --"), "--source") &&
		   strstr(complete("evidence add --"), "--event-date"),
	   "-- offers every option of the command");
	is_string("expert_analysis news_report official_document official_statement other",
		  complete("evidence add --kind "), "--kind offers the kinds of evidence");
	is_string("third_party", complete("evidence add q1.timing --origin th"),
		  "--origin completes the origins");
	is_string("--kind=news_report", complete("evidence add --kind=ne"),
		  "--kind=VALUE completes too");
	is_string("", complete("evidence add --date "), "a date option offers nothing");
	ok(strstr(complete("evidence add --source X "), "q1.timing") != NULL,
	   "an option's value is skipped when placing the positional arguments");
}

static void item_numbers_and_files(void)
{
	struct evidence ev;
	int i;

	for (i = 0; i < 2; i++) {
		evidence_init(&ev);
		ev.source = xstrdup("Le Monde");
		casefile_add_evidence(s.cf, 0, &ev);
	}
	is_string("1 2", complete("evidence rm q1.timing "), "evidence rm offers the item numbers");
	is_string("[files]", complete("open "), "open wants a file name");
	is_string("[files]", complete("save "), "save wants a file name");
	is_string("", complete("save x.json "), "save takes one file");
}

static void words_of_a_question(void)
{
	static const char *const yes_no[] = {"yes", "no", NULL};
	struct completion c;

	completion_init(&c);
	complete_words(yes_no, "y", &c);
	ok(c.words.count == 1 && strcmp(c.words.words[0], "yes") == 0,
	   "complete_words offers the words starting with the text");
	completion_release(&c);
	completion_init(&c);
	complete_words(NULL, "", &c);
	is_int(0, c.words.count, "complete_words with no words offers nothing");
	completion_release(&c);
}

int main(void)
{
	plan_lazy();
	setenv("LEGITCHECK_PATH", SOURCE_DIR "/checklists", 1);
	session_init(&s);
	if (session_new_unsaved(&s, "five-questions"))
		bail("cannot load the default checklist from %s/checklists", SOURCE_DIR);
	first_word_is_a_command_or_a_choice();
	positional_arguments_follow_the_usage_line();
	evidence_sub_verbs_options_and_values();
	item_numbers_and_files();
	words_of_a_question();
	session_release(&s);
	return 0;
}
