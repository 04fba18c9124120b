# Sourced by the indexer's end-to-end tests: a generated collection.
#
# gen_articles DIR VERSION N [WORDS]: N articles DIR/dKK/docNNNNN.txt in 20
# folders (K = N mod 20), each a title and WORDS (default 60) words drawn
# from a small vocabulary of the engine's topics, reproducibly.  VERSION 1
# is an update of version 0: every 7th article changed, every 11th
# removed, 300 articles added (docNNNNNa.txt).
gen_articles() {
	for k in 00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19; do
		mkdir -p "$1/d$k"
	done
	awk -v dir="$1" -v ver="$2" -v n="$3" -v nwords="${4:-60}" 'BEGIN {
		nw = split("export control chip wafer lithography tariff license " \
			"foundry subsidy memory packaging semiconductor huawei nvidia " \
			"model release regulation policy sanction embargo supply chain " \
			"factory design node yield cost price market china europe japan " \
			"korea taiwan america law court ruling agency rule draft comment " \
			"data center power grid energy cooling water talent visa student " \
			"research paper benchmark training inference cluster network " \
			"optical photonic quantum battery vehicle drone satellite launch", w, " ")
		for (i = 1; i <= n; i++) {
			v = (ver == 1 && i % 7 == 3) ? 1 : 0
			if (ver == 1 && i % 11 == 5)
				continue
			f = sprintf("%s/d%02d/doc%05d.txt", dir, i % 20, i)
			printf "Title: %s %s report %d\n\n", w[(i * 13) % nw + 1],
				w[(i * 7) % nw + 1], i > f
			s = i * 7919 + v * 104729
			for (j = 0; j < nwords + i % 40; j++) {
				s = (s * 1103515245 + 12345) % 2147483648
				printf "%s ", w[int(s / 65536) % nw + 1] > f
			}
			printf "\nversion%d\n", v > f
			close(f)
		}
		if (ver == 1)
			for (i = 1; i <= 300; i++) {
				f = sprintf("%s/d%02d/doc%05da.txt", dir, i % 20, i * 5)
				printf "Title: added %d %s\n\n", i, w[(i * 3) % nw + 1] > f
				s = i * 31337
				for (j = 0; j < 50; j++) {
					s = (s * 1103515245 + 12345) % 2147483648
					printf "%s ", w[int(s / 65536) % nw + 1] > f
				}
				printf "\n" > f
				close(f)
			}
	}'
}
