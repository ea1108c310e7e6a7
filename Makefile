# polgraph: build, test and run a local Neo4j without Docker.
# `make help` lists the targets. On a fresh clone: `make demo`, then `make test`.

GO        ?= go
BIN       ?= bin/polgraph
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
NEO4J_URI ?= bolt://127.0.0.1:7687
FUZZTIME  ?= 60s
SHARED    ?= $(or $(POLGRAPH_SHARED),../shared)

export POLGRAPH_TEST_NEO4J_URI ?= $(NEO4J_URI)

.PHONY: help demo build test test-unit test-faults test-browser vet fmt fuzz bench bench-load memory eval eval-shared gen-cameo gen-phoenix train-relations neo4j-up neo4j-down neo4j-status neo4j-import train-parser clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

demo: build ## start the local Neo4j (or use the one answering), load examples/sample, print where to look (scripts/demo.sh)
	BIN=$(BIN) bash scripts/demo.sh

build: ## build bin/polgraph
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) ./cmd/polgraph

test: vet ## go vet, gofmt and every test with the race detector against Neo4j at $(NEO4J_URI), started and stopped if none answers (scripts/test.sh)
	GO=$(GO) bash scripts/test.sh -timeout 30m ./...

test-unit: ## tests that need no Neo4j (integration tests skip unless CI is set)
	POLGRAPH_TEST_NEO4J_URI= $(GO) test -race -count=1 ./...

test-faults: ## fault-injection tests (stop Neo4j mid-load, SIGKILL the loader)
	POLGRAPH_FAULT_TESTS=1 GO=$(GO) bash scripts/test.sh -timeout 30m -run 'Fault|Crash|Kill' ./...

test-browser: ## drive Neo4j Browser in headless Chromium: style, cookbook query, screenshot in artifacts/browser/
	POLGRAPH_BROWSER_TEST=1 $(GO) test -count=1 -v -run TestBrowser ./test/browser

vet: ## go vet and gofmt
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

fmt: ## format the code
	gofmt -w $$(git ls-files -co --exclude-standard '*.go')

fuzz: ## run every fuzz target for $(FUZZTIME)
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

bench: ## extraction and reader benchmarks (figures in the README)
	$(GO) test -run '^$$' -bench . -benchtime 3x ./extract ./corpus

bench-load: ## load benchmark: polgraph load, the naive loader and the bulk path on >= 100,000 real evidence relations (private Neo4j)
	bash scripts/bench-load.sh

memory: build ## peak RSS of reading and extracting ~1 GB inputs (scripts/memory-1gb.sh)
	bash scripts/memory-1gb.sh

eval: build ## score the extractor on the sample's small gold file (a smoke test, not a quality measure)
	./$(BIN) eval --gold examples/sample-gold.jsonl --per-type examples/sample/

eval-shared: build ## score on the development and training gold sets (needs ../shared, or SHARED=folder)
	@test -f $(SHARED)/eval/gold-dev.jsonl || { echo "eval-shared needs $(SHARED)/eval and $(SHARED)/corpus (set SHARED=folder or POLGRAPH_SHARED)" >&2; exit 2; }
	@echo "== development set ($(SHARED)/eval/gold-dev.jsonl)"
	./$(BIN) eval --gold $(SHARED)/eval/gold-dev.jsonl --per-type $(SHARED)/corpus/
	@echo "== training set ($(SHARED)/eval/gold-train.jsonl)"
	./$(BIN) eval --gold $(SHARED)/eval/gold-train.jsonl $(SHARED)/corpus/

gen-cameo: ## regenerate extract/lexicon/cameo/cameo.tsv from ../shared CAMEO.2.0.txt and CAMEO2PLOVER
	$(GO) run ./internal/cmd/gen-cameo

neo4j-up: ## start Neo4j 5.26 Community from Maven Central (bolt 7687, http 7474, auth off)
	bash scripts/neo4j-up.sh

neo4j-down: ## stop the local Neo4j
	bash scripts/neo4j-down.sh

neo4j-status: ## is the local Neo4j running?
	bash scripts/neo4j-status.sh

neo4j-import: build ## bulk-load an export: make neo4j-import DIR=export/ [REPLACE=1] (neo4j-admin import, then start and schema)
	@test -n "$(DIR)" || { echo "usage: make neo4j-import DIR=folder-of-polgraph-export [REPLACE=1]" >&2; exit 2; }
	bash scripts/neo4j-import.sh $(if $(REPLACE),--replace) "$(DIR)"
	$(BIN) schema

gen-phoenix: ## regenerate extract/kb/phoenix from the Phoenix dictionaries in ../shared/resources/phoenix
	$(GO) run ./internal/cmd/gen-phoenix -in $(or $(POLGRAPH_SHARED),../shared)/resources/phoenix -out extract/kb/phoenix

train-relations: ## train the relation model on ../shared gold-train and print its cross-validated figures (go run ./internal/cmd/train-relations)
	$(GO) run ./internal/cmd/train-relations

train-parser: ## retrain the dependency parser on UD English EWT (../shared/resources) into extract/depparse/model/
	$(GO) run ./internal/cmd/train-parser

clean: ## remove build output (not the Neo4j store: rm -rf .neo4j for that)
	rm -rf bin dist artifacts
