/*
 * The Lucene anchor: Debian's Lucene 8 (liblucene8-java), indexing a JSONL
 * corpus and running bulk BM25 queries, as tg_index, xq_bulk and fts5.py do
 * for Xapian and SQLite.  Compiled by scripts/bench/run with javac.
 *
 *   LuceneBench index DIR FILE.jsonl
 *   LuceneBench query [--and] [--no-snippets] [--warm] [--limit N] DIR QUERIES
 *   LuceneBench one [--and] DIR QUERY
 *
 * index: one IndexWriter, one indexing thread (Lucene merges segments in
 *   its background merge threads, as it does by default), EnglishAnalyzer
 *   (standard tokenizer, lower case, English stop words, Porter stemmer);
 *   fields id (stored, not analysed), title and text (stored, with
 *   positions and offsets: what the UnifiedHighlighter reads); 64 MB
 *   indexing buffer; commit, close.  Standard error: docs N seconds S.
 * query: QUERIES has "qid<TAB>query" lines.  Each query is analysed with
 *   the same analyzer; each word matches title or text (a disjunction),
 *   the words are joined by SHOULD (OR) or MUST (AND: --and); BM25 (Lucene's
 *   default similarity), top N (default 10) with IndexSearcher.search,
 *   whose block-max WAND skips what cannot enter the top N.  Snippets:
 *   UnifiedHighlighter on the text field, offsets from the postings, one
 *   passage of about 200 characters cut at word boundaries, <b>...</b>.
 *   Output: qid rank id score, then the snippet.  Standard error, one line:
 *     queries N seconds S qps Q median_ms M p90_ms P hits H [warm_qps W]
 *   seconds and qps cover the first pass over the queries (the JIT still
 *   compiling, as in a fresh process); --warm runs the set a second time in
 *   the same JVM without output and adds its rate as warm_qps.
 * one: opens the index, runs one query with snippets, prints it and exits:
 *   a per-process start-up figure, the JVM's start included.
 *
 * JSON reading is the minimum a JSONL corpus needs (objects, strings with
 * escapes, numbers, literals, arrays); only string fields are kept.
 */

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
	static final int SNIPPET_CHARS = 200;

	static void die(String msg) {
		System.err.println("LuceneBench: " + msg);
		System.exit(2);
	}

	// ---------------------------------------------------------- JSON

	static final class Json {
		final String s;
		int i;

		Json(String s) {
			this.s = s;
		}

		void ws() {
			while (i < s.length() && s.charAt(i) <= ' ')
				i++;
		}

		/* The string fields of one object. */
		Map<String, String> object() {
			Map<String, String> m = new HashMap<>();
			ws();
			expect('{');
			ws();
			if (peek() == '}') {
				i++;
				return m;
			}
			for (;;) {
				ws();
				String k = string();
				ws();
				expect(':');
				ws();
				Object v = value();
				if (v instanceof String)
					m.put(k, (String) v);
				ws();
				char c = next();
				if (c == '}')
					return m;
				if (c != ',')
					throw new IllegalArgumentException("',' expected at " + i);
			}
		}

		Object value() {
			char c = peek();
			if (c == '"')
				return string();
			if (c == '{') {
				object();
				return null;
			}
			if (c == '[') {
				i++;
				ws();
				if (peek() == ']') {
					i++;
					return null;
				}
				for (;;) {
					ws();
					value();
					ws();
					char d = next();
					if (d == ']')
						return null;
					if (d != ',')
						throw new IllegalArgumentException("bad array at " + i);
				}
			}
			int j = i;
			while (i < s.length() && ",}] \t\r\n".indexOf(s.charAt(i)) < 0)
				i++;
			if (i == j)
				throw new IllegalArgumentException("value expected at " + i);
			return null;
		}

		String string() {
			expect('"');
			StringBuilder b = new StringBuilder();
			for (;;) {
				char c = next();
				if (c == '"')
					return b.toString();
				if (c != '\\') {
					b.append(c);
					continue;
				}
				c = next();
				switch (c) {
				case 'n': b.append('\n'); break;
				case 't': b.append('\t'); break;
				case 'r': b.append('\r'); break;
				case 'b': b.append('\b'); break;
				case 'f': b.append('\f'); break;
				case 'u':
					b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
					i += 4;
					break;
				default: b.append(c);
				}
			}
		}

		char peek() {
			if (i >= s.length())
				throw new IllegalArgumentException("unexpected end");
			return s.charAt(i);
		}

		char next() {
			char c = peek();
			i++;
			return c;
		}

		void expect(char c) {
			if (next() != c)
				throw new IllegalArgumentException("'" + c + "' expected at " + (i - 1));
		}
	}

	// ---------------------------------------------------------- index

	static void index(String dir, String jsonl) throws IOException {
		long t0 = System.nanoTime();
		Analyzer an = new EnglishAnalyzer();
		IndexWriterConfig cfg = new IndexWriterConfig(an);
		cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
		cfg.setRAMBufferSizeMB(64);
		FieldType ft = new FieldType();
		ft.setTokenized(true);
		ft.setStored(true);
		ft.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
		ft.freeze();
		int n = 0;
		try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(dir)), cfg);
		     BufferedReader r = Files.newBufferedReader(Paths.get(jsonl),
								  StandardCharsets.UTF_8)) {
			String line;
			while ((line = r.readLine()) != null) {
				if (line.trim().isEmpty())
					continue;
				Map<String, String> o;
				try {
					o = new Json(line).object();
				} catch (RuntimeException e) {
					throw new IOException(jsonl + ": line " + (n + 1) + ": " + e.getMessage());
				}
				n++;
				String id = o.getOrDefault("id", o.getOrDefault("_id", Integer.toString(n)));
				Document d = new Document();
				d.add(new StringField("id", id, Field.Store.YES));
				d.add(new Field("title", o.getOrDefault("title", ""), ft));
				d.add(new Field("text", o.getOrDefault("text", ""), ft));
				w.addDocument(d);
			}
			w.commit();
		}
		System.err.printf("docs %d seconds %.3f%n", n, (System.nanoTime() - t0) / 1e9);
	}

	// ---------------------------------------------------------- query

	static final class Bench {
		final IndexSearcher searcher;
		final UnifiedHighlighter hl;
		final Analyzer an = new EnglishAnalyzer();
		final boolean and, snippets;
		final int limit;
		int hits;

		Bench(String dir, boolean and, boolean snippets, int limit) throws IOException {
			searcher = new IndexSearcher(DirectoryReader.open(FSDirectory.open(Paths.get(dir))));
			hl = new UnifiedHighlighter(searcher, an);
			// passages of about 200 characters cut at word boundaries
			// (Gutenberg's sentences run long; the default is sentences)
			hl.setBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
				BreakIterator.getWordInstance(Locale.ROOT), SNIPPET_CHARS));
			this.and = and;
			this.snippets = snippets;
			this.limit = limit;
		}

		Query parse(String q) throws IOException {
			List<String> words = new ArrayList<>();
			try (TokenStream ts = an.tokenStream("text", q)) {
				CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
				ts.reset();
				while (ts.incrementToken())
					words.add(t.toString());
				ts.end();
			}
			if (words.isEmpty())
				return null;
			BooleanQuery.Builder b = new BooleanQuery.Builder();
			for (String w : words) {
				BooleanQuery.Builder one = new BooleanQuery.Builder();
				one.add(new TermQuery(new Term("title", w)), BooleanClause.Occur.SHOULD);
				one.add(new TermQuery(new Term("text", w)), BooleanClause.Occur.SHOULD);
				b.add(one.build(), and ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
			}
			return b.build();
		}

		/* Runs one query; appends its results to out when out is not null. */
		void run(String qid, String q, StringBuilder out) throws IOException {
			Query query = parse(q);
			if (query == null)
				return;
			TopDocs td = searcher.search(query, limit);
			String[] snips = snippets && td.scoreDocs.length > 0
				? hl.highlight("text", query, td, 1) : null;
			int rank = 0;
			for (ScoreDoc sd : td.scoreDocs) {
				hits++;
				if (out == null)
					continue;
				String id = searcher.doc(sd.doc).get("id");
				out.append(qid).append(' ').append(++rank).append(' ').append(id)
					.append(' ').append(String.format("%.4f", sd.score)).append('\n');
				if (snips != null)
					out.append(snips[rank - 1] == null ? "" : snips[rank - 1].replace('\n', ' ')).append('\n');
			}
		}
	}

	static void query(String[] a) throws IOException {
		boolean and = false, snippets = true, warm = false;
		int limit = 10, k = 1;
		for (; k < a.length && a[k].startsWith("--"); k++) {
			switch (a[k]) {
			case "--and": and = true; break;
			case "--no-snippets": snippets = false; break;
			case "--warm": warm = true; break;
			case "--limit": limit = Integer.parseInt(a[++k]); break;
			default: die("unknown option " + a[k]);
			}
		}
		if (a.length - k != 2)
			die("usage: LuceneBench query [--and] [--no-snippets] [--warm] [--limit N] DIR QUERIES");
		List<String[]> qs = new ArrayList<>();
		for (String line : Files.readAllLines(Paths.get(a[k + 1]), StandardCharsets.UTF_8)) {
			if (line.isEmpty())
				continue;
			int tab = line.indexOf('\t');
			qs.add(tab < 0 ? new String[] {Integer.toString(qs.size() + 1), line}
				       : new String[] {line.substring(0, tab), line.substring(tab + 1)});
		}
		long t0 = System.nanoTime();
		Bench b = new Bench(a[k], and, snippets, limit);
		BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
		double[] lat = new double[qs.size()];
		StringBuilder buf = new StringBuilder();
		for (int i = 0; i < qs.size(); i++) {
			long t1 = System.nanoTime();
			buf.setLength(0);
			b.run(qs.get(i)[0], qs.get(i)[1], buf);
			out.write(buf.toString());
			lat[i] = (System.nanoTime() - t1) / 1e6;
		}
		out.flush();
		double secs = (System.nanoTime() - t0) / 1e9;
		int hits = b.hits;
		String warmq = "";
		if (warm) {
			long t2 = System.nanoTime();
			for (String[] q : qs)
				b.run(q[0], q[1], null);
			double ws = (System.nanoTime() - t2) / 1e9;
			warmq = String.format(" warm_qps %.1f", qs.size() / ws);
		}
		Arrays.sort(lat);
		int n = lat.length;
		System.err.printf("queries %d seconds %.3f qps %.1f median_ms %.3f p90_ms %.3f hits %d%s%n",
				  n, secs, n / secs, n > 0 ? lat[n / 2] : 0, n > 0 ? lat[n * 9 / 10] : 0,
				  hits, warmq);
	}

	static void one(String[] a) throws IOException {
		boolean and = a.length == 4 && a[1].equals("--and");
		if (a.length != (and ? 4 : 3))
			die("usage: LuceneBench one [--and] DIR QUERY");
		Bench b = new Bench(a[a.length - 2], and, true, 10);
		StringBuilder buf = new StringBuilder();
		b.run("1", a[a.length - 1], buf);
		PrintStream out = new PrintStream(System.out, false, "UTF-8");
		out.print(buf);
		out.flush();
	}

	public static void main(String[] a) throws IOException {
		if (a.length == 0)
			die("usage: LuceneBench index DIR FILE.jsonl | query [...] DIR QUERIES | one [--and] DIR QUERY");
		switch (a[0]) {
		case "index":
			if (a.length != 3)
				die("usage: LuceneBench index DIR FILE.jsonl");
			index(a[1], a[2]);
			break;
		case "query": query(a); break;
		case "one": one(a); break;
		default: die("unknown command " + a[0]);
		}
	}
}
