# Frontline: `make serve` builds the index on first run and serves it; `make test` runs every test.
CARGO ?= cargo
INDEX ?= index
CORPUS ?= corpus
ADDR ?= 127.0.0.1:8080
SHARED ?= ../shared
# Where cargo builds (CARGO_TARGET_DIR when set, as for cargo itself) and its binaries.
TARGET ?= $(or $(CARGO_TARGET_DIR),target)
BIN ?= $(TARGET)/release

.PHONY: build index serve test lint audit soak gazetteer given-names uk-lemmas uk-function-words en-spellings en-derivations lexicon eval bench

build:
	$(CARGO) build --release --workspace --bins

index: build
	$(BIN)/frontline-index build --corpus $(CORPUS) --index $(INDEX)

serve: build
	@[ -e $(INDEX)/current ] || $(BIN)/frontline-index build --corpus $(CORPUS) --index $(INDEX)
	$(BIN)/frontline-serve --index $(INDEX) --addr $(ADDR)

test:
	$(CARGO) test --workspace

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# The soak battery, bounded and over loopback only: fuzzed requests, slow connections, an
# export flood, a build killed halfway, rebuilds under load and SIGTERM with requests in
# flight, a probe search timed meanwhile. Prints per scenario the requests, failures,
# probe latency and server memory; fails on any failure (a request's, the probe's or a
# scenario's own check). SOAK_CORPUS picks the
# corpus (a scaled one for load figures); SOAK_ARGS adds flags (`--short`,
# `--open-files 1024`, `--fuzz N`, `--reuse-index`; `frontline-soak --help`).
SOAK_CORPUS ?= $(CORPUS)
SOAK_ARGS ?=
soak: build
	$(BIN)/frontline-soak --bin $(BIN) --corpus $(SOAK_CORPUS) --index $(TARGET)/soak-index $(SOAK_ARGS)

# Checks the locked dependencies against the RustSec advisory database (ADVISORY_DB: its
# git address, or a folder holding a copy). Where it cannot be had, says so loudly and
# checks nothing: never a silent pass.
ADVISORY_DB ?= https://github.com/rustsec/advisory-db
audit:
	@if [ -d "$(ADVISORY_DB)" ]; then db="--db $(ADVISORY_DB) --no-fetch"; \
	elif timeout 30 git ls-remote "$(ADVISORY_DB)" HEAD > /dev/null 2>&1; then \
		db="--db $(TARGET)/advisory-db --url $(ADVISORY_DB)"; \
	else \
		echo "NOTICE: security advisories NOT checked: the advisory database ($(ADVISORY_DB)) cannot be fetched from this machine"; \
		exit 0; \
	fi; \
	command -v cargo-audit > /dev/null || $(CARGO) install --locked cargo-audit@0.22.2; \
	$(CARGO) audit $$db

# Recompile the shipped gazetteer from GeoNames and the KATOTTG codifier, and the map outlines from the oblast boundaries.
gazetteer:
	$(CARGO) run --release -p frontline-gazetteer-build -- build --geonames $(SHARED)/data/gazetteer/geonames --katottg $(SHARED)/data/gazetteer/katottg/kodifikator.tsv.gz --out crates/gazetteer/data/gazetteer.tsv.gz
	$(CARGO) run --release -p frontline-gazetteer-build -- outline --boundaries $(SHARED)/data/gazetteer/boundaries/ukraine_oblasts.geojson --out crates/gazetteer/data/oblasts.tsv

# Rewrite the given-name list the geoparser uses to tell people from places (needs PyPI).
given-names:
	python3 -m venv $(TARGET)/given-names-venv
	$(TARGET)/given-names-venv/bin/pip install -q names_translator==2.1.0 translitua==2.0 DAWG2-Python==0.9.0 stopwordsiso==0.7.1
	$(TARGET)/given-names-venv/bin/python crates/gazetteer/data/given-names.py crates/gazetteer/data/given-names.txt.gz

# Rewrite the Ukrainian lemma table the analyser uses, from the VESUM dictionary, for the
# words of the bundled corpus (needs PyPI). Relearn the lexicon after it.
uk-lemmas:
	python3 -m venv $(TARGET)/uk-lemmas-venv
	$(TARGET)/uk-lemmas-venv/bin/pip install -q pymorphy3==2.0.6 pymorphy3-dicts-uk==2.4.1.1.1663094765
	$(TARGET)/uk-lemmas-venv/bin/python crates/schema/data/uk-lemmas.py crates/schema/data/uk-lemmas.tsv.gz $(CORPUS)

# Rewrite the list of Ukrainian function words a query's minimum leaves out (needs PyPI).
uk-function-words:
	python3 -m venv $(TARGET)/uk-lemmas-venv
	$(TARGET)/uk-lemmas-venv/bin/pip install -q pymorphy3==2.0.6 pymorphy3-dicts-uk==2.4.1.1.1663094765
	$(TARGET)/uk-lemmas-venv/bin/python crates/engine/data/uk-function-words.py crates/engine/data/uk-function-words.txt

# Rewrite the British-to-American spelling table the analyser uses (needs PyPI). A changed
# table is a changed analyser: raise SCHEMA_VERSION and relearn the lexicon after it.
en-spellings:
	python3 -m venv $(TARGET)/en-spellings-venv
	$(TARGET)/en-spellings-venv/bin/pip install -q breame==0.1.2
	$(TARGET)/en-spellings-venv/bin/python crates/schema/data/en-spellings.py crates/schema/data/en-spellings.tsv

# Rewrite the English derivation table the engine seeks a word's family through (needs
# Debian's package archive).
en-derivations:
	rm -rf $(TARGET)/wordnet && mkdir -p $(TARGET)/wordnet
	cd $(TARGET)/wordnet && apt-get download wordnet-base=1:3.0-37 && dpkg -x wordnet-base_*.deb root
	python3 crates/engine/data/en-derivations.py $(TARGET)/wordnet/root crates/engine/data/en-derivations.tsv

# Relearn the Ukrainian-English term table from the bundled addresses published in both
# languages; needed whenever the analyser changes.
lexicon:
	$(CARGO) run --release -p frontline-lexicon-build -- learn --corpus $(CORPUS) --out crates/lexicon/data/lexicon.tsv.gz

# Geoparsing and event-date scores on the hand-labelled sets, the settlements tagged most often, and search
# relevance on the dev queries (the real server over the shared corpus).
EVAL_ADDR ?= 127.0.0.1:8099
eval: build
	$(BIN)/frontline-index enrich --top-settlements 30 $(SHARED)/data/corpus/articles.jsonl.gz $(SHARED)/seeds > $(TARGET)/enrich-eval.jsonl
	python3 $(SHARED)/eval/score-places $(TARGET)/enrich-eval.jsonl
	@echo "event dates:"
	python3 $(SHARED)/eval/score-dates $(TARGET)/enrich-eval.jsonl
	$(BIN)/frontline-index build --corpus $(SHARED)/data/corpus --index $(TARGET)/eval-index
	$(BIN)/frontline-serve --index $(TARGET)/eval-index --addr $(EVAL_ADDR) & server=$$!; \
	for _ in $$(seq 100); do curl -sf http://$(EVAL_ADDR)/healthz > /dev/null && break; sleep 0.1; done; \
	python3 $(SHARED)/eval/search-run http://$(EVAL_ADDR) --param collapse=false > $(TARGET)/search-run.jsonl; status=$$?; \
	python3 $(SHARED)/eval/search-run http://$(EVAL_ADDR) > $(TARGET)/search-run-collapsed.jsonl; collapsed=$$?; \
	kill $$server; [ $$status = 0 ] && [ $$collapsed = 0 ]
	@echo "search relevance, every article ranked (the set judges each near-duplicate apart):"
	python3 $(SHARED)/eval/search-score $(TARGET)/search-run.jsonl
	@echo "search relevance as served by default, near-duplicates collapsed:"
	@python3 $(SHARED)/eval/search-score $(TARGET)/search-run-collapsed.jsonl | tail -2
	@{ cat $(SHARED)/eval/search-dev-qrels.tsv; grep -v '^#' tests/search-pool-judgments.tsv | cut -f1-3; } > $(TARGET)/search-qrels-pooled.tsv
	@echo "the same two, with the hits the set's pool missed judged by its rules (tests/search-pool-judgments.tsv):"
	@python3 $(SHARED)/eval/search-score --qrels $(TARGET)/search-qrels-pooled.tsv $(TARGET)/search-run.jsonl | tail -2
	@python3 $(SHARED)/eval/search-score --qrels $(TARGET)/search-qrels-pooled.tsv $(TARGET)/search-run-collapsed.jsonl | tail -2

# Frontline beside its peers on the real corpus and scaled copies; writes bench/RESULTS.md.
# Needs ../shared and, once, root for the peer harness's setup (apt, cargo, pip).
BENCH_ARGS ?=
bench: build
	python3 bench/run.py --bin $(BIN) $(BENCH_ARGS)
