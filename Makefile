# runlift: two commands on a fresh machine, `make report` and `make test`.
# One build profile (release, no LTO) for everything, so polars compiles once.

CARGO ?= cargo
# Respect CARGO_TARGET_DIR when it is set.
BIN := $(or $(CARGO_TARGET_DIR),target)/release/runlift

.PHONY: report test lint build data example bench heat-check check-fit-sdk check-html clean

## Build and write this week's report from the sample data in data/ to reports/.
report: build
	$(BIN) report --data data --out reports

# The binary is linked without its symbol table (124 MB -> 93 MB). Only the final
# link is told to strip, so the dependencies built for `make test` are reused;
# `strip = "symbols"` in the profile would build polars a second time.
build:
	$(CARGO) rustc --release --bin runlift -- -C strip=symbols

## Unit and integration tests (release profile), plus a formatting check.
test:
	$(CARGO) fmt --check
	$(CARGO) test --release

## Clippy with warnings as errors.
lint:
	$(CARGO) clippy --release --all-targets -- -D warnings

## Regenerate the committed sample season (strength scenario, 20 weeks, seed 7).
data: build
	rm -rf data
	$(BIN) simulate --scenario strength --weeks 20 --seed 7 --out data

## Measure three simulated years (cold, warm, incremental, both FIT decoders), then 1, 3 and 13 years with other sports (and both decoders on ../shared where present), then a 50-athlete roster (prints numbers; see BENCHMARKS.md).
bench:
	scripts/bench.sh
	scripts/bench_history.sh
	scripts/bench_roster.sh

## Measure the heat adjustment on 20 + 20 seasons with drawn heat models (prints numbers).
heat-check: build
	scripts/heat_check.sh $(BIN) smart 20

## Regenerate the example report under docs/example from data/.
example: build
	rm -rf target/example docs/example
	mkdir -p docs
	$(BIN) report --data data --out target/example
	cp -r target/example/latest/ docs/example

## Open reports/latest/index.html in headless Chromium: every image must render; saves a screenshot.
check-html: report
	scripts/check_html.sh reports/latest

## Check the simulator's FIT files with Garmin's own FIT SDK (pip install garmin-fit-sdk).
check-fit-sdk: build
	rm -rf target/sdk-check
	$(BIN) simulate --weeks 6 --seed 1 --out target/sdk-check
	python3 scripts/check_fit_sdk.py target/sdk-check

clean:
	$(CARGO) clean
	rm -rf reports
