.PHONY: run test ci bench
run:
	scripts/run
test:
	scripts/test
ci:
	.ci/run
bench:
	bash scripts/_env.sh test && .venv/bin/python bench/run.py
