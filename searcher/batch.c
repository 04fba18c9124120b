/*
 * Bulk mode: one query per line in, one result per query out, in input
 * order, streaming.  Each worker thread has its own searcher (its own
 * Xapian database handle, tokenizer and caches); the reader hands out
 * queries in chunks and the writer prints results strictly in input order,
 * so output is identical whatever --threads is.  Memory is bounded: at most
 * RING lines are in flight.
 */
#include <err.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "searcher.h"
#include "xdb.h"

#define RING 256	   /* queries in flight */
#define MAXLINE (1u << 20) /* longer lines are an error object */

typedef struct slot {
	unsigned long seq; /* line sequence number this slot holds */
	int state;	   /* 0 empty, 1 queued, 2 running, 3 done */
	char *qid, *query;
	buf out;
	int failed;
} slot;

typedef struct job {
	const char *dbpath;
	const search_opts *so;
	const out_opts *oo;
	const out_printer *p;
	FILE *in;
	slot ring[RING];
	unsigned long next_read;  /* next sequence number to read */
	unsigned long next_run;	  /* next to hand to a worker */
	unsigned long next_write; /* next to print */
	int eof;
	int reading; /* a worker is reading the input */
	int failures;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned long lineno;
} job;

/* Splits "qid<TAB>query" or a bare query (qid = line number). */
static void
split_line(job *j, char *line, size_t n, slot *s)
{
	char *tab = memchr(line, '\t', n);
	char num[32];

	if (tab) {
		s->qid = str_ndup(line, (size_t)(tab - line));
		s->query = str_ndup(tab + 1, n - (size_t)(tab - line) - 1);
	} else {
		snprintf(num, sizeof num, "%lu", j->lineno);
		s->qid = str_dup(num);
		s->query = str_ndup(line, n);
	}
}

/* Stores a line read from the input into the next slot (lock held; the
 * caller made sure that slot is free). */
static void
store(job *j, char *line, ssize_t n)
{
	slot *s = &j->ring[j->next_read % RING];

	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	if (n == 0)
		return; /* blank lines are not queries */
	memset(s, 0, sizeof *s);
	s->seq = j->next_read++;
	if ((size_t)n > MAXLINE) {
		s->qid = str_printf("%lu", j->lineno);
		s->query = str_dup("");
		s->failed = 1;
	} else {
		split_line(j, line, (size_t)n, s);
	}
	s->state = 1;
}

static void
run_one(job *j, searcher *se, slot *s)
{
	out_ctx oc = {&s->out, j->oo, s->qid ? s->qid : "", "", NULL, NULL,
		      NULL};
	search_result res;
	char *e = NULL;
	int rc;

	if (s->failed || !s->qid || !s->query) {
		/* not a query: a JSON error object, whatever the format */
		out_fail(out_find("json"), &oc,
			 "query line too long (over 1 MB) or out of memory");
		s->failed = 1;
		return;
	}
	oc.query = s->query;
	rc = search_run(se, s->query, strlen(s->query), j->so, &res, &e);
	if (rc != ST_OK) {
		s->failed = 1;
		if (out_fail(j->p, &oc, e ? e : "search failed") < 0)
			warnx("query %s: %s", s->qid, e ? e : "search failed");
		free(e);
		search_result_clear(&res);
		return;
	}
	oc.res = &res;
	out_run(j->p, &oc);
	search_result_clear(&res);
}

/* Prints finished slots in order (lock held). */
static void
drain(job *j)
{
	while (j->next_write < j->next_read) {
		slot *s = &j->ring[j->next_write % RING];

		if (s->state != 3)
			break;
		if (s->out.p)
			fwrite(s->out.p, 1, s->out.n, stdout);
		if (s->failed)
			j->failures++;
		buf_free(&s->out);
		free(s->qid);
		free(s->query);
		s->state = 0;
		j->next_write++;
	}
	fflush(stdout);
}

typedef struct worker {
	job *j;
	searcher *se;
	char *line;
	size_t cap;
} worker;

/* A worker: takes the next query, or reads one more line when none is
 * waiting (outside the lock, so that a slow input never keeps finished
 * results from being printed), runs it, and prints what is done in order. */
static void *
work(void *arg)
{
	worker *w = arg;
	job *j = w->j;

	pthread_mutex_lock(&j->mu);
	for (;;) {
		slot *s;

		if (j->next_run < j->next_read) {
			s = &j->ring[j->next_run++ % RING];
			s->state = 2;
			pthread_mutex_unlock(&j->mu);
			run_one(j, w->se, s);
			pthread_mutex_lock(&j->mu);
			s->state = 3;
			drain(j);
			pthread_cond_broadcast(&j->cv);
			continue;
		}
		if (j->eof)
			break;
		if (j->reading || j->next_read - j->next_write >= RING) {
			/* another worker is reading, or the ring is full of
			 * results waiting to be printed in order */
			pthread_cond_wait(&j->cv, &j->mu);
			continue;
		}
		j->reading = 1;
		pthread_mutex_unlock(&j->mu);
		{
			ssize_t n = getline(&w->line, &w->cap, j->in);

			pthread_mutex_lock(&j->mu);
			j->reading = 0;
			if (n < 0) {
				j->eof = 1;
			} else {
				j->lineno++;
				store(j, w->line, n);
			}
		}
		pthread_cond_broadcast(&j->cv);
	}
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

int
batch_main(const char *dbpath, const char *path, const search_opts *so,
	   const out_opts *oo, const out_printer *p, int threads)
{
	job j;
	worker w[64];
	pthread_t tid[64];
	int n = threads < 1 ? 1 : threads > 64 ? 64 : threads, started = 0;

	memset(&j, 0, sizeof j);
	j.dbpath = dbpath;
	j.so = so;
	j.oo = oo;
	j.p = p;
	if (!path || strcmp(path, "-") == 0) {
		j.in = stdin;
	} else if (!(j.in = fopen(path, "r"))) {
		warn("%s", path);
		return 1;
	}
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.cv, NULL);
	for (int i = 0; i < n; i++) {
		memset(&w[i], 0, sizeof w[i]);
		w[i].j = &j;
		w[i].se = searcher_open(dbpath);
		if (!w[i].se)
			break;
		started++;
	}
	if (started == n) {
		buf h = BUF_INIT;
		out_ctx hc = {&h, oo, "", "", NULL, NULL, NULL};

		out_head(p, &hc);
		if (h.n)
			fwrite(h.p, 1, h.n, stdout);
		buf_free(&h);
		for (int i = 1; i < n; i++)
			if (pthread_create(&tid[i], NULL, work, &w[i]) != 0) {
				warnx("cannot start thread %d", i);
				w[i].se = NULL;
			}
		work(&w[0]);
		for (int i = 1; i < n; i++)
			if (w[i].se)
				pthread_join(tid[i], NULL);
		pthread_mutex_lock(&j.mu);
		drain(&j);
		pthread_mutex_unlock(&j.mu);
	}
	for (int i = 0; i < started; i++) {
		search_close(w[i].se);
		free(w[i].line);
	}
	if (j.in != stdin)
		fclose(j.in);
	pthread_mutex_destroy(&j.mu);
	pthread_cond_destroy(&j.cv);
	if (started < n)
		return 1;
	if (ferror(stdout)) {
		warnx("writing results: %s", strerror(errno));
		return 1;
	}
	return j.failures ? 1 : 0;
}
