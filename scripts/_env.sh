# Shared by scripts/run and scripts/test: a project virtualenv kept in step with pyproject.toml.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
extras="${1:-}"
if [ ! -x "$PY" ]; then
  echo "==> 创建虚拟环境 .venv"
  python3 -m venv "$VENV"
fi
stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)${extras:+-$extras}"
if [ ! -f "$stamp" ]; then
  echo "==> 安装依赖${extras:+ ($extras)}"
  "$PY" -m pip install --quiet --disable-pip-version-check -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
