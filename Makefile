# Frontline: `make serve` builds the index on first run and serves it; `make test` runs every test.
CARGO ?= cargo
INDEX ?= index
CORPUS ?= corpus
ADDR ?= 127.0.0.1:8080
SHARED ?= ../shared

.PHONY: build index serve test lint gazetteer eval bench

build:
	$(CARGO) build --release --workspace --bins

index: build
	./target/release/frontline-index build --corpus $(CORPUS) --index $(INDEX)

serve: build
	@[ -e $(INDEX)/current ] || ./target/release/frontline-index build --corpus $(CORPUS) --index $(INDEX)
	./target/release/frontline-serve --index $(INDEX) --addr $(ADDR)

test:
	$(CARGO) test --workspace

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Recompile the shipped gazetteer from GeoNames and the KATOTTG codifier, and the map outlines from the oblast boundaries.
gazetteer:
	$(CARGO) run --release -p frontline-gazetteer -- build --geonames $(SHARED)/data/gazetteer/geonames --katottg $(SHARED)/data/gazetteer/katottg/kodifikator.tsv.gz --out crates/gazetteer/data/gazetteer.tsv.gz
	$(CARGO) run --release -p frontline-gazetteer -- outline --boundaries $(SHARED)/data/gazetteer/boundaries/ukraine_oblasts.geojson --out crates/gazetteer/data/oblasts.tsv

# Geoparsing scores on the hand-labelled set.
eval: build
	./target/release/frontline-index enrich $(SHARED)/data/corpus/articles.jsonl.gz $(SHARED)/seeds > target/enrich-eval.jsonl
	python3 $(SHARED)/eval/score-places target/enrich-eval.jsonl

# Frontline beside its peers on the real corpus and scaled copies; writes bench/RESULTS.md.
# Needs ../shared and, once, root for the peer harness's setup (apt, cargo, pip).
BENCH_ARGS ?=
bench: build
	python3 bench/run.py $(BENCH_ARGS)
