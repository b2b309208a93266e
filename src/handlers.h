/* Command handlers, one per command of the table in commands.c. */
#ifndef LEGITCHECK_HANDLERS_H
#define LEGITCHECK_HANDLERS_H

#include "legitcheck/commands.h"

int cmd_new(struct session *s, struct args *a);
int cmd_validate(struct session *s, struct args *a);
int cmd_score(struct session *s, struct args *a);
int cmd_whatif(struct session *s, struct args *a);
int cmd_checklists(struct session *s, struct args *a);
int cmd_test(struct session *s, struct args *a);
int cmd_upgrade(struct session *s, struct args *a);
int cmd_help(struct session *s, struct args *a);
int cmd_version(struct session *s, struct args *a);
int cmd_report(struct session *s, struct args *a);
int cmd_compare(struct session *s, struct args *a);

int cmd_answer(struct session *s, struct args *a);
int cmd_note(struct session *s, struct args *a);
int cmd_title(struct session *s, struct args *a);
int cmd_save(struct session *s, struct args *a);
int cmd_quit(struct session *s, struct args *a);
int cmd_show(struct session *s, struct args *a);
int cmd_list(struct session *s, struct args *a);
int cmd_undo(struct session *s, struct args *a);
int cmd_open(struct session *s, struct args *a);
int cmd_status(struct session *s, struct args *a);
int cmd_next(struct session *s, struct args *a);
int cmd_prev(struct session *s, struct args *a);
int cmd_goto(struct session *s, struct args *a);
int cmd_set(struct session *s, struct args *a);
int cmd_evidence(struct session *s, struct args *a);

/* The guided entry of a new evidence item for question (at a terminal).
 * True when an item was added and saved; false when cancelled or failed. */
bool evidence_prompt_add(struct session *s, size_t question);

/* Loads the case at path for a one-off command (not the session's case). */
int load_case_for_command(struct session *s, const char *path, struct casefile **out);

#endif
