# Membership suite: `make demo` runs the demo, `make test` runs every test.
# Each setup step is guarded by a file it creates, so a second run is instant.

PYTHON ?= python3
CHROMIUM ?= /usr/bin/chromium
VENV := .venv
SAO := .sao
SAO_VERSION := 8.0

.PHONY: venv sao debs demo test bench

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml iot_box/pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	# the device service first: the suite depends on it, and it is on no index
	$(VENV)/bin/python -m pip install -e './iot_box[service,test]'
	$(VENV)/bin/python -m pip install -e '.[test]'
	touch $@

sao: $(SAO)/package/.installed $(SAO)/package/custom.js

$(SAO)/package/.installed:
	rm -rf $(SAO)
	mkdir -p $(SAO)
	cd $(SAO) && npm pack --silent tryton-sao@$(SAO_VERSION)
	cd $(SAO) && tar -xzf tryton-sao-*.tgz && rm tryton-sao-*.tgz
	cd $(SAO)/package && npm install --omit=dev --legacy-peer-deps --no-audit --no-fund
	test -f $(SAO)/package/index.html
	touch $@

# the suite's additions to the web client, served from sao's root
$(SAO)/package/custom.js: web/custom.js $(SAO)/package/.installed
	cp web/custom.js $@

debs:
	@if [ -x $(CHROMIUM) ]; then \
		echo "chromium already installed"; \
	else \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y --no-install-recommends chromium fonts-noto-cjk; \
	fi

demo: venv sao
	scripts/demo.sh

test: venv sao debs
	$(VENV)/bin/python scripts/run_tests.py

# swipe-debit throughput beside pgbench, then the long bank test
bench: venv sao
	$(VENV)/bin/python -m bench
	$(VENV)/bin/python -m bench.bank --kill-after 150
