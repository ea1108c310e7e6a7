# polgraph: build, test and run a local Neo4j without Docker.
# `make help` lists the targets.

GO        ?= go
BIN       ?= bin/polgraph
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
NEO4J_URI ?= bolt://127.0.0.1:7687
FUZZTIME  ?= 60s

export POLGRAPH_TEST_NEO4J_URI ?= $(NEO4J_URI)

.PHONY: help build test test-unit test-faults test-browser vet fmt fuzz bench bench-load memory eval neo4j-up neo4j-down neo4j-status neo4j-import train-parser clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## build bin/polgraph
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) ./cmd/polgraph

test: vet ## go vet and every test with the race detector (Neo4j tests use $(NEO4J_URI))
	$(GO) test -race -count=1 -timeout 30m ./...

test-unit: ## tests that need no Neo4j (integration tests skip unless CI is set)
	POLGRAPH_TEST_NEO4J_URI= $(GO) test -race -count=1 ./...

test-faults: ## fault-injection tests (stop Neo4j mid-load, SIGKILL the loader)
	POLGRAPH_FAULT_TESTS=1 $(GO) test -race -count=1 -timeout 30m -run 'Fault|Crash|Kill' ./...

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

eval: build ## score the extractor on the development gold set
	./$(BIN) eval --gold ../shared/eval/gold-dev.jsonl --per-type ../shared/corpus/

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

train-parser: ## retrain the dependency parser on UD English EWT (../shared/resources) into extract/depparse/model/
	$(GO) run ./internal/cmd/train-parser

clean: ## remove build output (not the Neo4j store: rm -rf .neo4j for that)
	rm -rf bin dist artifacts
