// SPDX-License-Identifier: GPL-2.0
/*
 * Runs the portable core's test suites in user space and prints TAP.
 * ENT_INJECT_FAIL containing "unit" adds one failing test, to prove that
 * the harness notices failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "ent_test.h"

static void **allocs;
static size_t nallocs;

void *ent_test_alloc(size_t n)
{
	void **grown = realloc(allocs, (nallocs + 1) * sizeof(*allocs));
	void *p;

	if (!grown)
		return NULL;
	allocs = grown;
	p = calloc(1, n);
	if (p)
		allocs[nallocs++] = p;
	return p;
}

static void free_allocs(void)
{
	while (nallocs)
		free(allocs[--nallocs]);
	free(allocs);
	allocs = NULL;
}

/* Static: a longjmp out of a failed ENT_ASSERT must not clobber it. */
static int run_case(const struct ent_case *c)
{
	static struct ent_tctx t;

	memset(&t, 0, sizeof(t));
	if (!setjmp(t.abort))
		c->fn(&t);
	free_allocs();
	return t.failed;
}

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;
	const char *inject = getenv("ENT_INJECT_FAIL");
	int n = 0, failed = 0;
	const struct ent_suite *const *s;

	if (sodium_init() < 0) {
		fprintf(stderr, "libsodium failed to initialise\n");
		return 2;
	}
	printf("TAP version 13\n");
	for (s = __start_ent_suites; s < __stop_ent_suites; s++) {
		const struct ent_case *c;

		for (c = (*s)->cases; c->name; c++) {
			int bad;

			/* T= matches the suite's name or the case's */
			if (only && !strstr(c->name, only) &&
			    !strstr((*s)->name, only))
				continue;
			bad = run_case(c);
			n++;
			failed += bad != 0;
			printf("%s %d %s.%s\n", bad ? "not ok" : "ok", n,
			       (*s)->name, c->name);
		}
	}
	if (inject && strstr(inject, "unit")) {
		n++;
		failed++;
		printf("not ok %d unit.injected_failure\n", n);
	}
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
