/* Unit tests of storage.c: whole-file reads and crash-safe replacement. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "legitcheck/storage.h"
#include "tap.h"

static char dir[] = "/tmp/legitcheck-storage-XXXXXX";

static char *in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) == EOF || fclose(f) != 0)
		bail("cannot write %s", path);
}

static char *get(const char *path)
{
	struct error err;
	char *data = NULL;
	size_t len;

	error_init(&err);
	if (storage_read_file(path, &data, &len, &err))
		data = NULL;
	error_release(&err);
	return data;
}

static size_t count_temps(void)
{
	char *cmd = xasprintf("ls -a '%s' | grep -c '\\.tmp-' > '%s/.count'", dir, dir);
	char *out, *path = in_dir(".count");
	size_t n;

	if (system(cmd) < 0)
		bail("system");
	out = get(path);
	n = out ? (size_t)strtoul(out, NULL, 10) : 0;
	free(out);
	free(path);
	free(cmd);
	return n;
}

static void write_atomic_should_create_and_replace(void)
{
	char *p = in_dir("case.json"), *data;
	struct error err;

	error_init(&err);
	is_int(LC_OK, storage_write_atomic(p, "first\n", 6, &err), "a new file is written");
	data = get(p);
	is_string("first\n", data, "with the content given");
	free(data);
	is_int(LC_OK, storage_write_atomic(p, "second\n", 7, &err), "an existing file is replaced");
	data = get(p);
	is_string("second\n", data, "by the new content");
	free(data);
	is_int(0, (long long)count_temps(), "no temporary file is left behind");
	error_release(&err);
	free(p);
}

static void write_atomic_should_keep_the_mode(void)
{
	char *p = in_dir("private.json");
	struct error err;
	struct stat st;

	error_init(&err);
	put(p, "old\n");
	chmod(p, 0640);
	storage_write_atomic(p, "new\n", 4, &err);
	stat(p, &st);
	is_int(0640, st.st_mode & 07777, "the replacement keeps the old file's permission bits");
	chmod(p, 0600);
	storage_write_atomic(p, "newer\n", 6, &err);
	stat(p, &st);
	is_int(0600, st.st_mode & 07777, "whatever they are");
	error_release(&err);
	free(p);
}

static void write_atomic_should_write_through_a_symlink(void)
{
	char *real = in_dir("real.json"), *link = in_dir("link.json"), *data;
	char *dangling = in_dir("dangling.json"), *nowhere = in_dir("nowhere/x.json");
	struct error err;
	struct stat st;

	error_init(&err);
	put(real, "old\n");
	if (symlink("real.json", link) != 0)
		bail("symlink: %s", strerror(errno));
	is_int(LC_OK, storage_write_atomic(link, "new\n", 4, &err), "a symlinked file is saved");
	ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link survives");
	data = get(real);
	is_string("new\n", data, "and its target has the new content");
	free(data);
	if (symlink(nowhere, dangling) != 0)
		bail("symlink: %s", strerror(errno));
	is_int(LC_ERR_CANTCREAT, storage_write_atomic(dangling, "x\n", 2, &err),
	       "a dangling link is refused");
	contains(error_message(&err, 0), "cannot write through the link",
		 "and the message says why");
	ok(lstat(dangling, &st) == 0 && S_ISLNK(st.st_mode), "the dangling link is left alone");
	error_release(&err);
	free(real);
	free(link);
	free(dangling);
	free(nowhere);
}

static void write_atomic_should_refuse_a_directory(void)
{
	char *p = in_dir("adir");
	struct error err;

	error_init(&err);
	mkdir(p, 0700);
	is_int(LC_ERR_CANTCREAT, storage_write_atomic(p, "x", 1, &err),
	       "a directory is not replaced");
	contains(error_message(&err, 0), "is a directory", "and the message says so");
	error_release(&err);
	free(p);
}

static void write_atomic_should_fail_cleanly_in_a_missing_directory(void)
{
	char *p = in_dir("missing/case.json");
	struct error err;

	error_init(&err);
	is_int(LC_ERR_CANTCREAT, storage_write_atomic(p, "x", 1, &err),
	       "a save into a missing directory fails with 73");
	contains(error_message(&err, 0), "missing/case.json", "naming the file");
	error_release(&err);
	free(p);
}

static void a_stale_temp_file_should_not_block_a_save(void)
{
	char *p = in_dir("stale.json"), *mine, *data;
	struct error err;

	error_init(&err);
	put(p, "old\n");
	/* As if a killed process with this very pid had left its temporary file. */
	mine = xasprintf("%s.tmp-%ld", p, (long)getpid());
	put(mine, "half a sa");
	is_int(LC_OK, storage_write_atomic(p, "new\n", 4, &err),
	       "a save succeeds although a temporary file of our pid exists");
	data = get(p);
	is_string("new\n", data, "and writes the new content");
	free(data);
	is_int(1, (long long)storage_remove_stale_temps(p),
	       "the stale temporary file is then removed");
	ok(!storage_exists(mine), "it is gone");
	error_release(&err);
	free(mine);
	free(p);
}

static void stale_temps_of_dead_processes_should_be_removed(void)
{
	char *p = in_dir("dead.json"), *dead, *dead2, *alive, *other, *unrelated;
	pid_t child = fork();

	if (child < 0)
		bail("fork");
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	put(p, "case\n");
	dead = xasprintf("%s.tmp-%ld", p, (long)child);
	dead2 = xasprintf("%s.tmp-%ld-3", p, (long)child);
	alive = xasprintf("%s.tmp-%ld", p, (long)getppid());
	other = xasprintf("%s/other.json.tmp-%ld", dir, (long)child);
	unrelated = xasprintf("%s.tmp-12x", p);
	put(dead, "x");
	put(dead2, "x");
	put(alive, "x");
	put(other, "x");
	put(unrelated, "x");
	is_int(2, (long long)storage_remove_stale_temps(p),
	       "temporary files of a process that is gone are removed");
	ok(!storage_exists(dead) && !storage_exists(dead2), "both of them");
	ok(storage_exists(alive), "one of a live process is kept (its save may be in flight)");
	ok(storage_exists(other), "another file's are not touched");
	ok(storage_exists(unrelated), "names that are not temporary files are not touched");
	ok(storage_exists(p), "nor is the case itself");
	free(p);
	free(dead);
	free(dead2);
	free(alive);
	free(other);
	free(unrelated);
}

static void read_file_should_refuse_what_is_not_a_regular_file(void)
{
	char *fifo = in_dir("fifo"), *adir = in_dir("adir"), *missing = in_dir("missing.json");
	struct error err;
	char *data;
	size_t len;

	error_init(&err);
	if (mkfifo(fifo, 0600) != 0)
		bail("mkfifo: %s", strerror(errno));
	is_int(LC_ERR_NOINPUT, storage_read_file(fifo, &data, &len, &err),
	       "a FIFO is refused without hanging");
	contains(error_message(&err, 0), "not a regular file", "as not a regular file");
	is_int(LC_ERR_NOINPUT, storage_read_file(adir, &data, &len, &err),
	       "a directory is refused");
	is_int(LC_ERR_NOINPUT, storage_read_file(missing, &data, &len, &err),
	       "a missing file is refused with 66");
	contains(error_message(&err, 2), "cannot open", "saying it cannot be opened");
	error_release(&err);
	free(fifo);
	free(adir);
	free(missing);
}

static void sidecar_names_should_sit_beside_the_file(void)
{
	char *s;

	s = storage_sidecar("/a/b/case.json", ".lock");
	is_string("/a/b/.case.json.lock", s, "a sidecar is a hidden file in the same directory");
	free(s);
	s = storage_sidecar("case.json", ".journal");
	is_string(".case.json.journal", s, "also for a file in the current directory");
	free(s);
}

int main(void)
{
	char *cmd;

	plan_lazy();
	if (!mkdtemp(dir))
		bail("mkdtemp: %s", strerror(errno));
	write_atomic_should_create_and_replace();
	write_atomic_should_keep_the_mode();
	write_atomic_should_write_through_a_symlink();
	write_atomic_should_refuse_a_directory();
	write_atomic_should_fail_cleanly_in_a_missing_directory();
	a_stale_temp_file_should_not_block_a_save();
	stale_temps_of_dead_processes_should_be_removed();
	read_file_should_refuse_what_is_not_a_regular_file();
	sidecar_names_should_sit_beside_the_file();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	free(cmd);
	return 0;
}
