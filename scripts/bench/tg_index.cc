/*
 * tg_index: the minimal Xapian TermGenerator indexer, a benchmark anchor.
 *
 * Usage: tg_index [--commit N] [--stemmer LANG] DBDIR FILE.jsonl
 *
 * Reads JSON Lines (id from "id" or "_id", "title", "text"), and for each
 * document: TermGenerator with the stemmer (default english, STEM_SOME) and
 * positions over the title then the text, the whole text stored as document
 * data, the id in value slot 0 and as a unique "Q" term
 * (replace_document, so re-indexing is idempotent, as in Omega).  Commits
 * every N documents (default 10000, Xapian's own default flush threshold)
 * and at the end.  Prints "docs N seconds S" on standard error.
 *
 * This is what we compare against, not part of the engine: it may use
 * TermGenerator.  Built by scripts/bench/run with
 *   g++ -O2 tg_index.cc $(pkg-config --cflags --libs xapian-core jansson)
 */
#include <xapian.h>
#include <jansson.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

static const char *
str_field(json_t *o, const char *k1, const char *k2, std::string &tmp)
{
	json_t *v = json_object_get(o, k1);
	if (!v && k2)
		v = json_object_get(o, k2);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		tmp = std::to_string(json_integer_value(v));
		return tmp.c_str();
	}
	return "";
}

int
main(int argc, char **argv)
{
	unsigned long commit_every = 10000;
	const char *stemmer = "english";
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (!strcmp(argv[i], "--commit") && i + 1 < argc)
			commit_every = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--stemmer") && i + 1 < argc)
			stemmer = argv[++i];
		else {
			fprintf(stderr, "tg_index: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: tg_index [--commit N] [--stemmer LANG] "
				"DBDIR FILE.jsonl\n");
		return 2;
	}
	if (commit_every == 0)
		commit_every = 10000;
	FILE *f = fopen(argv[i + 1], "r");
	if (!f) {
		perror(argv[i + 1]);
		return 1;
	}
	auto t0 = std::chrono::steady_clock::now();
	unsigned long n = 0, lineno = 0, bad = 0;
	try {
		Xapian::WritableDatabase db(argv[i], Xapian::DB_CREATE_OR_OVERWRITE);
		Xapian::TermGenerator tg;
		tg.set_stemmer(Xapian::Stem(stemmer));
		tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		while ((len = getline(&line, &cap, f)) > 0) {
			lineno++;
			json_error_t jerr;
			json_t *o = json_loadb(line, (size_t)len, 0, &jerr);
			if (!o || !json_is_object(o)) {
				if (o)
					json_decref(o);
				bad++;
				continue;
			}
			std::string idtmp, t1, t2;
			std::string id = str_field(o, "id", "_id", idtmp);
			if (id.empty())
				id = "line" + std::to_string(lineno);
			const char *title = str_field(o, "title", NULL, t1);
			const char *text = str_field(o, "text", NULL, t2);
			Xapian::Document doc;
			tg.set_document(doc);
			tg.index_text(title);
			tg.increase_termpos();
			tg.index_text(text);
			doc.set_data(text);
			doc.add_value(0, id);
			std::string q = "Q" + id;
			doc.add_boolean_term(q);
			db.replace_document(q, doc);
			json_decref(o);
			if (++n % commit_every == 0)
				db.commit();
		}
		free(line);
		db.commit();
	} catch (const Xapian::Error &e) {
		fprintf(stderr, "tg_index: %s\n", e.get_description().c_str());
		return 1;
	}
	fclose(f);
	double s = std::chrono::duration<double>(
			   std::chrono::steady_clock::now() - t0).count();
	fprintf(stderr, "docs %lu bad %lu seconds %.3f\n", n, bad, s);
	return 0;
}
