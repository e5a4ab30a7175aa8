# Cross-module tests: browser, concurrency, load. Run by scripts/run_tests.py
# (phase "suite") against PostgreSQL; each test_*.py starts its own trytond
# through tests/server.py and talks to it through tests/rpc.py.
