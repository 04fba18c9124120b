// xdb: the Xapian shim.  The only file that includes Xapian headers.  Every
// entry point catches every exception and turns it into an ST_* code
// (status.h) and a message (notmuch's discipline): no C++ exception crosses
// into C.

#include "xdb.h"

#include <xapian.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <set>
#include <string>
#include <vector>

namespace {

char *
dup_string(const std::string &s)
{
	char *p = static_cast<char *>(std::malloc(s.size() + 1));
	if (p) {
		std::memcpy(p, s.data(), s.size());
		p[s.size()] = '\0';
	}
	return p;
}

int
set_err(char **err, int rc, const std::string &msg)
{
	if (err && !*err)
		*err = dup_string(msg);
	return rc;
}

// Maps the exception being handled to a code and message.  Called only
// inside a catch block.
int
handle(char **err)
{
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		return set_err(err, ST_ELOCK, e.get_msg());
	} catch (const Xapian::DatabaseModifiedError &e) {
		return set_err(err, ST_EMODIFIED, e.get_msg());
	} catch (const Xapian::DatabaseNotFoundError &e) {
		return set_err(err, ST_ENOENT, e.get_msg());
	} catch (const Xapian::DatabaseVersionError &e) {
		return set_err(err, ST_EVERSION, e.get_msg());
	} catch (const Xapian::DatabaseCorruptError &e) {
		return set_err(err, ST_ECORRUPT, e.get_msg());
	} catch (const Xapian::WildcardError &e) {
		return set_err(err, ST_EQUERY, e.get_msg());
	} catch (const Xapian::DatabaseError &e) {
		std::string m = e.get_msg();
		if (!e.get_error_string() || !*e.get_error_string())
			return set_err(err, ST_ERR, m);
		return set_err(err, ST_EIO, m + " (" + e.get_error_string() + ")");
	} catch (const Xapian::Error &e) {
		return set_err(err, ST_ERR, e.get_type() + std::string(": ") + e.get_msg());
	} catch (const std::bad_alloc &) {
		return set_err(err, ST_ENOMEM, "out of memory");
	} catch (const std::exception &e) {
		return set_err(err, ST_ERR, e.what());
	} catch (...) {
		return set_err(err, ST_ERR, "unknown error");
	}
}

// A posting source weighting each document with a value in its slot by a
// C function of that value (xdb_q_valueweight).
class FnSource : public Xapian::ValuePostingSource {
	double (*fn_)(void *, const char *, size_t);
	void *ctx_;
	double max_;

      public:
	FnSource(Xapian::valueno s, double (*fn)(void *, const char *, size_t),
		 void *ctx, double maxweight)
	    : Xapian::ValuePostingSource(s), fn_(fn), ctx_(ctx),
	      max_(maxweight)
	{
	}
	FnSource *clone() const override
	{
		return new FnSource(get_slot(), fn_, ctx_, max_);
	}
	void init(const Xapian::Database &d) override
	{
		Xapian::ValuePostingSource::init(d);
		set_maxweight(max_);
	}
	double get_weight() const override
	{
		std::string v = get_value();
		return fn_(ctx_, v.data(), v.size());
	}
	std::string name() const override { return std::string(); }
};

// Lets Xapian's ESet keep only the terms a C predicate accepts.
class FnDecider : public Xapian::ExpandDecider {
	int (*fn_)(void *, const char *, size_t);
	void *ctx_;

      public:
	FnDecider(int (*fn)(void *, const char *, size_t), void *ctx)
	    : fn_(fn), ctx_(ctx)
	{
	}
	bool operator()(const std::string &t) const override
	{
		return fn_(ctx_, t.data(), t.size()) != 0;
	}
};

} // namespace

struct xdb {
	Xapian::Database *rd;
	Xapian::WritableDatabase *wr; // non-NULL for writers (rd == wr)
	xdb_word_fn spellable;	      // writers: feed the spelling table
};

struct xdb_doc {
	Xapian::Document doc;
	bool failed;
	std::string msg;
};

struct xdb_query {
	Xapian::Query q;
};

struct xdb_stem {
	Xapian::Stem stem;
};

// Hands every match Xapian looks at to the caller's C function, with the
// values of some slots (xdb_search_opts.spy).  A C function cannot throw.
class CSpy : public Xapian::MatchSpy {
	const xdb_search_opts *o;
	std::vector<std::string> vals;
	std::vector<const char *> ptrs;
	std::vector<size_t> lens;

      public:
	explicit CSpy(const xdb_search_opts *opts)
	    : o(opts), vals(opts->nspy), ptrs(opts->nspy), lens(opts->nspy)
	{
	}
	void
	operator()(const Xapian::Document &doc, double wt) override
	{
		for (size_t k = 0; k < o->nspy; k++) {
			vals[k] = doc.get_value(
			    static_cast<Xapian::valueno>(o->spy_slots[k]));
			ptrs[k] = vals[k].c_str();
			lens[k] = vals[k].size();
		}
		o->spy(o->spy_ctx, doc.get_docid(), wt, ptrs.data(),
		       lens.data());
	}
};

struct xdb_mset {
	Xapian::MSet mset;
	bool spied = false;	// the caller's spy saw the matches
	bool collapsed = false; // searched with a collapse key
	unsigned checked = 0;	// its check_at_least
	std::vector<Xapian::ValueCountMatchSpy *> spies;
	~xdb_mset()
	{
		for (auto *s : spies)
			delete s;
	}
};

#define TRY try {
#define CATCH(err)                                                             \
	}                                                                      \
	catch (...)                                                            \
	{                                                                      \
		return handle(err);                                            \
	}
// CATCH, and a document id that is not in the database is ST_ENOENT.
#define CATCH_DOC(err)                                                         \
	}                                                                      \
	catch (const Xapian::DocNotFoundError &e)                              \
	{                                                                      \
		return set_err(err, ST_ENOENT, e.get_msg());                   \
	CATCH(err)

extern "C" {

int
xdb_open(const char *path, xdb **out, char **err)
{
	*out = NULL;
	TRY
	xdb *db = new xdb;
	try {
		db->rd = new Xapian::Database(path);
	} catch (...) {
		delete db;
		throw;
	}
	db->wr = NULL;
	db->spellable = NULL;
	*out = db;
	return ST_OK;
	CATCH(err)
}

int
xdb_open_write(const char *path, xdb **out, char **err)
{
	*out = NULL;
	TRY
	xdb *db = new xdb;
	try {
		db->wr = new Xapian::WritableDatabase(path,
		    Xapian::DB_CREATE_OR_OPEN);
	} catch (...) {
		delete db;
		throw;
	}
	db->rd = db->wr;
	db->spellable = NULL;
	*out = db;
	return ST_OK;
	CATCH(err)
}

void
xdb_close(xdb *db)
{
	if (!db)
		return;
	try {
		if (db->wr) {
			// Callers commit explicitly first (errors reported);
			// close() then only releases the lock.
			db->wr->close();
			delete db->wr;
		} else {
			delete db->rd;
		}
	} catch (...) {
	}
	delete db;
}

int
xdb_reopen(xdb *db, char **err)
{
	TRY
	db->rd->reopen();
	return ST_OK;
	CATCH(err)
}

int
xdb_commit(xdb *db, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	db->wr->commit();
	return ST_OK;
	CATCH(err)
}

int
xdb_doccount(xdb *db, unsigned *n, char **err)
{
	*n = 0;
	TRY
	*n = db->rd->get_doccount();
	return ST_OK;
	CATCH(err)
}

int
xdb_termfreq(xdb *db, const char *term, size_t len, unsigned *n,
	     char **err)
{
	*n = 0;
	TRY
	*n = db->rd->get_termfreq(std::string(term, len));
	return ST_OK;
	CATCH(err)
}

int
xdb_avlength(xdb *db, double *n, char **err)
{
	*n = 0;
	TRY
	*n = db->rd->get_avlength();
	return ST_OK;
	CATCH(err)
}

int
xdb_get_meta(xdb *db, const char *key, char **val, size_t *len, char **err)
{
	*val = NULL;
	TRY
	std::string v = db->rd->get_metadata(key);
	*val = dup_string(v);
	if (!*val)
		return set_err(err, ST_ENOMEM, "out of memory");
	if (len)
		*len = v.size();
	return ST_OK;
	CATCH(err)
}

int
xdb_set_meta(xdb *db, const char *key, const char *val, size_t len, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	db->wr->set_metadata(key, std::string(val, len));
	return ST_OK;
	CATCH(err)
}

xdb_doc *
xdb_doc_new(void)
{
	try {
		xdb_doc *d = new xdb_doc;
		d->failed = false;
		return d;
	} catch (...) {
		return NULL;
	}
}

void
xdb_doc_free(xdb_doc *d)
{
	delete d;
}

static void
doc_fail(xdb_doc *d)
{
	char *msg = NULL;
	handle(&msg);
	d->failed = true;
	if (msg) {
		try {
			d->msg = msg;
		} catch (...) {
		}
		std::free(msg);
	}
}

void
xdb_doc_posting(xdb_doc *d, const char *term, size_t len, unsigned pos)
{
	if (d->failed || !len)
		return;
	try {
		d->doc.add_posting(std::string(term, len), pos);
	} catch (...) {
		doc_fail(d);
	}
}

void
xdb_doc_term(xdb_doc *d, const char *term, size_t len, unsigned wdfinc)
{
	if (d->failed || !len)
		return;
	try {
		if (wdfinc)
			d->doc.add_term(std::string(term, len), wdfinc);
		else
			d->doc.add_boolean_term(std::string(term, len));
	} catch (...) {
		doc_fail(d);
	}
}

void
xdb_doc_value(xdb_doc *d, unsigned slot, const char *v, size_t len)
{
	if (d->failed)
		return;
	try {
		d->doc.add_value(slot, std::string(v, len));
	} catch (...) {
		doc_fail(d);
	}
}

void
xdb_doc_data(xdb_doc *d, const char *data, size_t len)
{
	if (d->failed)
		return;
	try {
		d->doc.set_data(std::string(data, len));
	} catch (...) {
		doc_fail(d);
	}
}

void
xdb_doc_reset(xdb_doc *d)
{
	try {
		d->doc = Xapian::Document();
		d->failed = false;
		d->msg.clear();
	} catch (...) {
		doc_fail(d);
	}
}

int
xdb_replace(xdb *db, const char *idterm, size_t len, xdb_doc *d, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	if (d->failed)
		return set_err(err, ST_ERR, "building the document: " + d->msg);
	std::string id(idterm, len);
	d->doc.add_boolean_term(id);
	db->wr->replace_document(id, d->doc);
	if (db->spellable)
		for (Xapian::TermIterator t = d->doc.termlist_begin();
		     t != d->doc.termlist_end(); ++t) {
			const std::string &term = *t;
			if (db->spellable(term.data(), term.size()))
				db->wr->add_spelling(term, 1);
		}
	return ST_OK;
	CATCH(err)
}

void
xdb_set_spelling(xdb *db, xdb_word_fn spellable)
{
	db->spellable = spellable;
}

int
xdb_delete(xdb *db, const char *idterm, size_t len, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	db->wr->delete_document(std::string(idterm, len));
	return ST_OK;
	CATCH(err)
}

int
xdb_get(xdb *db, const char *idterm, size_t len, char **data, size_t *datalen,
	unsigned *docid, char **err)
{
	if (data)
		*data = NULL;
	TRY
	std::string id(idterm, len);
	Xapian::PostingIterator p = db->rd->postlist_begin(id);
	if (p == db->rd->postlist_end(id))
		return set_err(err, ST_ENOENT, "no document with id " +
		    id.substr(1));
	if (docid)
		*docid = *p;
	if (data) {
		std::string v = db->rd->get_document(*p).get_data();
		*data = dup_string(v);
		if (!*data)
			return set_err(err, ST_ENOMEM, "out of memory");
		if (datalen)
			*datalen = v.size();
	}
	return ST_OK;
	CATCH(err)
}

int
xdb_get_value(xdb *db, const char *idterm, size_t len, unsigned slot, char **v,
	      size_t *vlen, char **err)
{
	*v = NULL;
	TRY
	std::string id(idterm, len);
	Xapian::PostingIterator p = db->rd->postlist_begin(id);
	std::string val;
	if (p != db->rd->postlist_end(id))
		val = db->rd->get_document(*p).get_value(slot);
	*v = dup_string(val);
	if (!*v)
		return set_err(err, ST_ENOMEM, "out of memory");
	if (vlen)
		*vlen = val.size();
	return p == db->rd->postlist_end(id) ? ST_ENOENT : ST_OK;
	CATCH(err)
}

int
xdb_allterms(xdb *db, const char *prefix, size_t plen,
	     int (*fn)(void *ctx, const char *term, size_t len,
		       unsigned termfreq),
	     void *ctx, char **err)
{
	TRY
	std::string pre(prefix, plen);
	for (Xapian::TermIterator t = db->rd->allterms_begin(pre);
	     t != db->rd->allterms_end(pre); ++t) {
		std::string term = *t;
		if (fn(ctx, term.data(), term.size(), t.get_termfreq()))
			break;
	}
	return ST_OK;
	CATCH(err)
}

int
xdb_doc_terms(xdb *db, unsigned docid, const char *prefix, size_t plen,
	      int (*fn)(void *ctx, const char *term, size_t len), void *ctx,
	      char **err)
{
	TRY
	std::string pre(prefix, plen);
	Xapian::TermIterator t = db->rd->termlist_begin(docid);
	Xapian::TermIterator end = db->rd->termlist_end(docid);
	for (t.skip_to(pre); t != end; ++t) {
		std::string term = *t;
		if (term.compare(0, pre.size(), pre) != 0)
			break;
		if (fn(ctx, term.data(), term.size()))
			break;
	}
	return ST_OK;
	CATCH_DOC(err)
}

int
xdb_expand(xdb *db, unsigned docid, unsigned nterms,
	   int (*accept)(void *ctx, const char *term, size_t len),
	   int (*fn)(void *ctx, const char *term, size_t len, double weight),
	   void *ctx, char **err)
{
	TRY
	Xapian::Enquire enq(*db->rd);
	Xapian::RSet rs;
	rs.add_document(docid);
	FnDecider dec(accept, ctx);
	Xapian::ESet es = enq.get_eset(nterms, rs, 0, accept ? &dec : NULL);
	for (Xapian::ESetIterator t = es.begin(); t != es.end(); ++t) {
		std::string term = *t;
		if (fn(ctx, term.data(), term.size(), t.get_weight()))
			break;
	}
	return ST_OK;
	CATCH_DOC(err)
}

int
xdb_value_bounds(xdb *db, unsigned slot, char **lo, char **hi, char **err)
{
	*lo = *hi = NULL;
	TRY
	std::string l = db->rd->get_value_lower_bound(slot);
	std::string h = db->rd->get_value_upper_bound(slot);
	*lo = dup_string(l);
	*hi = dup_string(h);
	if (!*lo || !*hi) {
		std::free(*lo);
		std::free(*hi);
		*lo = *hi = NULL;
		return set_err(err, ST_ENOMEM, "out of memory");
	}
	return ST_OK;
	CATCH(err)
}

int
xdb_stem_new(const char *lang, xdb_stem **out, char **err)
{
	*out = NULL;
	TRY
	if (!lang || !*lang || std::strcmp(lang, "none") == 0)
		return set_err(err, ST_ENOENT, "no stemmer");
	xdb_stem *s = new xdb_stem;
	try {
		s->stem = Xapian::Stem(lang);
	} catch (const Xapian::InvalidArgumentError &) {
		delete s;
		return set_err(err, ST_ENOENT,
		    std::string("no stemmer for language ") + lang);
	} catch (...) {
		delete s;
		throw;
	}
	*out = s;
	return ST_OK;
	CATCH(err)
}

void
xdb_stem_free(xdb_stem *s)
{
	delete s;
}

size_t
xdb_stem_run(xdb_stem *s, const char *w, size_t len, char *out, size_t cap)
{
	try {
		std::string r = s->stem(std::string(w, len));
		if (r.size() + 1 > cap)
			return 0;
		std::memcpy(out, r.data(), r.size());
		out[r.size()] = '\0';
		return r.size();
	} catch (...) {
		return 0;
	}
}

int
xdb_stem_has(const char *lang)
{
	xdb_stem *s = NULL;
	if (xdb_stem_new(lang, &s, NULL) != ST_OK)
		return 0;
	xdb_stem_free(s);
	return 1;
}

int
xdb_add_spelling(xdb *db, const char *word, size_t len, unsigned inc,
		 char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	db->wr->add_spelling(std::string(word, len), inc);
	return ST_OK;
	CATCH(err)
}

int
xdb_spell(xdb *db, const char *word, size_t len, char **out, char **err)
{
	*out = NULL;
	TRY
	std::string s = db->rd->get_spelling_suggestion(std::string(word, len), 2);
	*out = dup_string(s);
	if (!*out)
		return set_err(err, ST_ENOMEM, "out of memory");
	return ST_OK;
	CATCH(err)
}

int
xdb_add_synonym(xdb *db, const char *term, const char *synonym, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	db->wr->add_synonym(term, synonym);
	return ST_OK;
	CATCH(err)
}

int
xdb_clear_synonyms(xdb *db, const char *term, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	db->wr->clear_synonyms(term);
	return ST_OK;
	CATCH(err)
}

int
xdb_synonyms(xdb *db, const char *term,
	     int (*fn)(void *ctx, const char *syn, size_t len), void *ctx,
	     char **err)
{
	TRY
	for (Xapian::TermIterator t = db->rd->synonyms_begin(term);
	     t != db->rd->synonyms_end(term); ++t) {
		std::string s = *t;
		if (fn(ctx, s.data(), s.size()))
			break;
	}
	return ST_OK;
	CATCH(err)
}

xdb_query *
xdb_q_term(const char *term, size_t len, unsigned wqf, unsigned pos)
{
	try {
		return new xdb_query{Xapian::Query(std::string(term, len),
		    wqf ? wqf : 1, pos)};
	} catch (...) {
		return NULL;
	}
}

xdb_query *
xdb_q_op(int op, xdb_query **subs, size_t n, unsigned window)
{
	static const Xapian::Query::op ops[XQ_MAX] = {
		Xapian::Query::OP_AND, Xapian::Query::OP_OR,
		Xapian::Query::OP_AND_NOT, Xapian::Query::OP_AND_MAYBE,
		Xapian::Query::OP_FILTER, Xapian::Query::OP_PHRASE,
		Xapian::Query::OP_NEAR, Xapian::Query::OP_SYNONYM,
		Xapian::Query::OP_ELITE_SET,
	};
	xdb_query *r = NULL;
	try {
		if (op >= 0 && op < XQ_MAX) {
			std::vector<Xapian::Query> v;
			v.reserve(n);
			for (size_t i = 0; i < n; i++)
				if (subs[i])
					v.push_back(subs[i]->q);
			r = new xdb_query{Xapian::Query(ops[op], v.begin(),
			    v.end(), window)};
		}
	} catch (...) {
		r = NULL;
	}
	for (size_t i = 0; i < n; i++)
		delete subs[i];
	return r;
}

xdb_query *
xdb_q_range(unsigned slot, const char *lo, const char *hi)
{
	try {
		if (lo && hi)
			return new xdb_query{Xapian::Query(
			    Xapian::Query::OP_VALUE_RANGE, slot, lo, hi)};
		if (lo)
			return new xdb_query{Xapian::Query(
			    Xapian::Query::OP_VALUE_GE, slot, lo)};
		if (hi)
			return new xdb_query{Xapian::Query(
			    Xapian::Query::OP_VALUE_LE, slot, hi)};
		return new xdb_query{Xapian::Query::MatchAll};
	} catch (...) {
		return NULL;
	}
}

xdb_query *
xdb_q_wildcard(const char *prefix, size_t len, unsigned maxexp)
{
	try {
		return new xdb_query{Xapian::Query(Xapian::Query::OP_WILDCARD,
		    std::string(prefix, len), maxexp,
		    Xapian::Query::WILDCARD_LIMIT_ERROR,
		    Xapian::Query::OP_SYNONYM)};
	} catch (...) {
		return NULL;
	}
}

xdb_query *
xdb_q_scale(xdb_query *q, double factor)
{
	if (!q)
		return NULL;
	try {
		q->q = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q,
		    factor < 0 ? 0 : factor);
		return q;
	} catch (...) {
		delete q;
		return NULL;
	}
}

xdb_query *
xdb_q_valueweight(unsigned slot, double (*fn)(void *ctx, const char *v,
					      size_t n),
		  void *ctx, double maxweight)
{
	try {
		FnSource *src = new FnSource(slot, fn, ctx, maxweight);
		return new xdb_query{Xapian::Query(src->release())};
	} catch (...) {
		return NULL;
	}
}

xdb_query *
xdb_q_copy(const xdb_query *q)
{
	try {
		return new xdb_query{q->q};
	} catch (...) {
		return NULL;
	}
}

xdb_query *
xdb_q_const(xdb_query *q, double w)
{
	if (!q)
		return NULL;
	try {
		/* a source weighting every document w, ANDed with q as a
		 * filter (scaled to 0) */
		Xapian::Query fixed(
		    (new Xapian::FixedWeightPostingSource(w < 0 ? 0 : w))
			->release());

		q->q = Xapian::Query(Xapian::Query::OP_AND, fixed,
		    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, 0));
		return q;
	} catch (...) {
		delete q;
		return NULL;
	}
}

xdb_query *
xdb_q_all(void)
{
	try {
		return new xdb_query{Xapian::Query::MatchAll};
	} catch (...) {
		return NULL;
	}
}

xdb_query *
xdb_q_none(void)
{
	try {
		return new xdb_query{Xapian::Query::MatchNothing};
	} catch (...) {
		return NULL;
	}
}

void
xdb_q_free(xdb_query *q)
{
	delete q;
}

char *
xdb_q_describe(const xdb_query *q)
{
	try {
		return dup_string(q->q.get_description());
	} catch (...) {
		return NULL;
	}
}

int
xdb_search(xdb *db, const xdb_query *q, const xdb_search_opts *o,
	   xdb_mset **out, char **err)
{
	*out = NULL;
	TRY
	Xapian::Enquire enq(*db->rd);
	enq.set_query(q->q);
	enq.set_weighting_scheme(Xapian::BM25Weight(o->k1, 0, 1, o->b, 0.5));
	enq.set_docid_order(Xapian::Enquire::ASCENDING);
	if (o->sort_slot >= 0)
		enq.set_sort_by_value_then_relevance(
		    static_cast<Xapian::valueno>(o->sort_slot),
		    o->sort_reverse != 0);
	if (o->collapse)
		enq.set_collapse_key(
		    static_cast<Xapian::valueno>(o->collapse_slot));
	CSpy spy(o);
	xdb_mset *m = new xdb_mset;
	m->collapsed = o->collapse != 0;
	m->checked = o->check_at_least;
	try {
		for (size_t k = 0; k < o->nfacets; k++) {
			m->spies.push_back(
			    new Xapian::ValueCountMatchSpy(o->facet_slots[k]));
			enq.add_matchspy(m->spies.back());
		}
		if (o->spy)
			enq.add_matchspy(&spy);
		try {
			m->mset = enq.get_mset(o->offset, o->limit,
					       o->check_at_least);
			m->spied = o->spy != NULL;
		} catch (const Xapian::UnimplementedError &) {
			if (!o->spy)
				throw;
			// a remote shard cannot run our spy: without it
			enq.clear_matchspies();
			for (auto *f : m->spies)
				enq.add_matchspy(f);
			m->mset = enq.get_mset(o->offset, o->limit,
					       o->check_at_least);
		}
	} catch (...) {
		delete m;
		throw;
	}
	*out = m;
	return ST_OK;
	CATCH(err)
}

int
xdb_mset_spied(const xdb_mset *m)
{
	return m->spied;
}

namespace {
/* Takes the terms accept takes and the query does not hold. */
struct accept_decider : public Xapian::ExpandDecider {
	xdb_word_fn accept;
	std::set<std::string> skip;
	bool operator()(const std::string &t) const override
	{
		return !skip.count(t) && accept(t.data(), t.size()) != 0;
	}
};
}

int
xdb_expand_query(xdb *db, const xdb_query *q, const unsigned *docids,
		 size_t ndocs, unsigned nterms, xdb_word_fn accept,
		 xdb_term_weight_fn fn, void *ctx, char **err)
{
	TRY
	Xapian::Enquire enq(*db->rd);
	enq.set_expansion_scheme("bo1");
	Xapian::RSet rs;
	for (size_t i = 0; i < ndocs; i++)
		rs.add_document(docids[i]);
	if (rs.empty())
		return ST_OK;
	accept_decider d;
	d.accept = accept;
	for (Xapian::TermIterator t = q->q.get_terms_begin();
	     t != q->q.get_terms_end(); ++t)
		d.skip.insert(*t);
	Xapian::ESet es = enq.get_eset(nterms, rs, &d);
	for (Xapian::ESetIterator e = es.begin(); e != es.end(); ++e) {
		std::string t = *e;

		if (fn(ctx, t.data(), t.size(), e.get_weight()))
			break;
	}
	return ST_OK;
	CATCH(err)
}

void
xdb_mset_free(xdb_mset *m)
{
	delete m;
}

size_t
xdb_mset_size(const xdb_mset *m)
{
	return m->mset.size();
}

unsigned
xdb_mset_estimate(const xdb_mset *m, unsigned *lower, unsigned *upper)
{
	try {
		const Xapian::MSet &ms = m->mset;

		/* Collapsing, Xapian 1.4 leaves the bounds of the groups
		 * apart (33..69 for 33 on AGORA's "chips date:2025") even
		 * when it has seen every match (there are at most as many as
		 * it was asked to check): then the groups it saw are the
		 * count. */
		if (m->collapsed &&
		    ms.get_uncollapsed_matches_upper_bound() <= m->checked) {
			if (lower)
				*lower = ms.get_matches_lower_bound();
			if (upper)
				*upper = ms.get_matches_lower_bound();
			return ms.get_matches_lower_bound();
		}
		if (lower)
			*lower = ms.get_matches_lower_bound();
		if (upper)
			*upper = ms.get_matches_upper_bound();
		return ms.get_matches_estimated();
	} catch (...) {
		return 0;
	}
}

unsigned
xdb_mset_docid(const xdb_mset *m, size_t i)
{
	try {
		return *(m->mset[static_cast<Xapian::doccount>(i)]);
	} catch (...) {
		return 0;
	}
}

unsigned
xdb_mset_collapsed(const xdb_mset *m, size_t i)
{
	try {
		return m->mset[static_cast<Xapian::doccount>(i)]
		    .get_collapse_count();
	} catch (...) {
		return 0;
	}
}

double
xdb_mset_weight(const xdb_mset *m, size_t i)
{
	try {
		return m->mset[static_cast<Xapian::doccount>(i)].get_weight();
	} catch (...) {
		return 0;
	}
}

int
xdb_mset_collapse_key(xdb_mset *m, size_t i, char **v, size_t *len,
		      char **err)
{
	*v = NULL;
	TRY
	std::string k =
	    m->mset[static_cast<Xapian::doccount>(i)].get_collapse_key();
	*v = dup_string(k);
	if (!*v)
		return set_err(err, ST_ENOMEM, "out of memory");
	if (len)
		*len = k.size();
	return ST_OK;
	CATCH(err)
}

int
xdb_mset_data(xdb_mset *m, size_t i, char **data, size_t *len, char **err)
{
	*data = NULL;
	TRY
	std::string v =
	    m->mset[static_cast<Xapian::doccount>(i)].get_document().get_data();
	*data = dup_string(v);
	if (!*data)
		return set_err(err, ST_ENOMEM, "out of memory");
	if (len)
		*len = v.size();
	return ST_OK;
	CATCH(err)
}

int
xdb_mset_value(xdb_mset *m, size_t i, unsigned slot, char **v, size_t *len,
	       char **err)
{
	*v = NULL;
	TRY
	std::string val = m->mset[static_cast<Xapian::doccount>(i)]
			      .get_document()
			      .get_value(slot);
	*v = dup_string(val);
	if (!*v)
		return set_err(err, ST_ENOMEM, "out of memory");
	if (len)
		*len = val.size();
	return ST_OK;
	CATCH(err)
}

unsigned
xdb_mset_termfreq(const xdb_mset *m, const char *term, size_t len)
{
	try {
		return m->mset.get_termfreq(std::string(term, len));
	} catch (...) {
		return 0;
	}
}

/* Calls fn per value of spy k: the top `top` values, most frequent first,
 * or (top 0) every value in value order. */
static int
facet_values(xdb_mset *m, size_t k, Xapian::doccount top,
	     int (*fn)(void *ctx, const char *val, size_t len,
		       unsigned count),
	     void *ctx)
{
	if (k >= m->spies.size())
		return ST_ERR;
	try {
		Xapian::ValueCountMatchSpy *s = m->spies[k];
		Xapian::TermIterator t = top ? s->top_values_begin(top)
					     : s->values_begin();
		Xapian::TermIterator end = top ? s->top_values_end(top)
					       : s->values_end();
		for (; t != end; ++t) {
			std::string v = *t;
			if (fn(ctx, v.data(), v.size(), t.get_termfreq()))
				break;
		}
		return ST_OK;
	} catch (...) {
		return ST_ERR;
	}
}

int
xdb_mset_facets(xdb_mset *m, size_t k,
		int (*fn)(void *ctx, const char *val, size_t len,
			  unsigned count),
		void *ctx)
{
	return facet_values(m, k, 100, fn, ctx);
}

int
xdb_mset_facets_all(xdb_mset *m, size_t k,
		    int (*fn)(void *ctx, const char *val, size_t len,
			      unsigned count),
		    void *ctx)
{
	return facet_values(m, k, 0, fn, ctx);
}

const char *
xdb_version(void)
{
	return Xapian::version_string();
}

} // extern "C"


extern "C" xdb_query *
xdb_q_prefix(const char *prefix, size_t len, unsigned maxexp)
{
	try {
		return new xdb_query{Xapian::Query(Xapian::Query::OP_WILDCARD,
		    std::string(prefix, len), maxexp,
		    Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
		    Xapian::Query::OP_SYNONYM)};
	} catch (...) {
		return NULL;
	}
}

// ---- indexer support: write options, bulk builds, compaction, listing ----

extern "C" int
xdb_open_write_opts(const char *path, unsigned flags, xdb **out, char **err)
{
	*out = NULL;
	TRY
	int f = (flags & XDB_W_NEW) ? Xapian::DB_CREATE
				    : Xapian::DB_CREATE_OR_OPEN;
	if (flags & XDB_W_NOSYNC)
		f |= Xapian::DB_NO_SYNC;
	if (flags & XDB_W_DANGEROUS)
		f |= Xapian::DB_DANGEROUS;
	xdb *db = new xdb;
	try {
		db->wr = new Xapian::WritableDatabase(path, f);
	} catch (...) {
		delete db;
		throw;
	}
	db->rd = db->wr;
	db->spellable = NULL;
	*out = db;
	return ST_OK;
	CATCH(err)
}

extern "C" void
xdb_close_discard(xdb *db)
{
	if (!db)
		return;
	try {
		if (db->wr) {
			// A transaction that is active when the database is
			// destroyed is cancelled instead of committed.
			try {
				db->wr->begin_transaction(false);
			} catch (...) {
			}
			delete db->wr;
		} else {
			delete db->rd;
		}
	} catch (...) {
	}
	delete db;
}

extern "C" int
xdb_lastdocid(xdb *db, unsigned *n, char **err)
{
	*n = 0;
	TRY
	*n = db->rd->get_lastdocid();
	return ST_OK;
	CATCH(err)
}

extern "C" int
xdb_delete_docid(xdb *db, unsigned docid, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	db->wr->delete_document(docid);
	return ST_OK;
	CATCH(err)
}

extern "C" int
xdb_postings(xdb *db, const char *term, size_t len,
	     int (*fn)(void *ctx, unsigned docid), void *ctx, char **err)
{
	TRY
	std::string t(term, len);
	for (Xapian::PostingIterator p = db->rd->postlist_begin(t);
	     p != db->rd->postlist_end(t); ++p)
		if (fn(ctx, *p))
			break;
	return ST_OK;
	CATCH(err)
}

extern "C" int
xdb_term_values(xdb *db, const char *term, size_t len, unsigned slot,
		int (*fn)(void *ctx, unsigned docid, const char *v,
			  size_t vlen),
		void *ctx, char **err)
{
	TRY
	std::string t(term, len);
	Xapian::ValueIterator v = db->rd->valuestream_begin(slot);
	Xapian::ValueIterator vend = db->rd->valuestream_end(slot);
	for (Xapian::PostingIterator p = db->rd->postlist_begin(t);
	     p != db->rd->postlist_end(t); ++p) {
		Xapian::docid did = *p;
		std::string val;
		if (v != vend && v.get_docid() < did)
			v.skip_to(did);
		if (v != vend && v.get_docid() == did)
			val = *v;
		if (fn(ctx, did, val.data(), val.size()))
			break;
	}
	return ST_OK;
	CATCH(err)
}

extern "C" int
xdb_set_value(xdb *db, unsigned docid, unsigned slot, const char *v,
	      size_t len, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	Xapian::Document doc = db->wr->get_document(docid);
	if (len)
		doc.add_value(slot, std::string(v, len));
	else
		doc.remove_value(slot);
	db->wr->replace_document(docid, doc);
	return ST_OK;
	CATCH(err)
}

extern "C" int
xdb_compact(const char *const *srcs, size_t n, const char *dest, char **err)
{
	TRY
	Xapian::Database all;
	for (size_t i = 0; i < n; i++)
		all.add_database(Xapian::Database(srcs[i]));
	all.compact(dest, Xapian::Compactor::FULL | Xapian::DBCOMPACT_MULTIPASS);
	return ST_OK;
	CATCH(err)
}

extern "C" int
xdb_spelling_from_terms(xdb *db, xdb_word_fn spellable, char **err)
{
	TRY
	if (!db->wr)
		return set_err(err, ST_ERR, "database is not open for writing");
	for (Xapian::TermIterator t = db->wr->allterms_begin();
	     t != db->wr->allterms_end(); ++t) {
		const std::string &term = *t;
		if (spellable(term.data(), term.size()))
			db->wr->add_spelling(term, t.get_termfreq());
	}
	return ST_OK;
	CATCH(err)
}
