#!/usr/bin/env bash
# kaml against PyTorch on the engine's reference model, side by side (scripts/torch_side_by_side.py says
# what each side runs). PyTorch goes into a virtual environment of its own, only when this runs: it is no
# part of the build or the tests. Options go to the Python script; --help lists them.
#   PYTHON            the Python that makes the environment (default python3)
#   KAML_TORCH_VENV   where the environment lives (default runs/torch-venv)
#   TORCH_PIP_ARGS    extra arguments for 'pip install torch', e.g. another index with CPU-only wheels
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
script="$root/scripts/torch_side_by_side.py"
python="${PYTHON:-python3}"
venv="${KAML_TORCH_VENV:-$root/runs/torch-venv}"
say() { echo "torch-side-by-side: $*" >&2; }

command -v "$python" >/dev/null || { say "no $python: set PYTHON to a Python 3"; exit 1; }
# arguments and --help first: a typo should not wait for PyTorch's download
for arg in "$@"; do
  case "$arg" in -h | --help) exec "$python" "$script" --help ;; esac
done
"$python" "$script" --check-args "$@"

if [ ! -x "$venv/bin/python" ]; then
  say "creating $venv (python -m venv --system-site-packages)"
  "$python" -m venv --system-site-packages "$venv"
fi
vpython="$venv/bin/python"
say "pip install torch into $venv"
# shellcheck disable=SC2086 # TORCH_PIP_ARGS is a list of arguments
if ! "$vpython" -m pip install --disable-pip-version-check --quiet --retries 1 --timeout 30 ${TORCH_PIP_ARGS:-} torch; then
  say "pip could not install torch (is PyPI reachable from here?)"
  if ! "$vpython" -c 'import torch' 2>/dev/null; then
    say "and no torch is importable, from the environment or the system's packages: nothing to compare with"
    exit 1
  fi
  say "using the torch it can import (the system's, or one installed before)"
fi
say "torch $("$vpython" -c 'import torch; print(torch.__version__, "from", torch.__file__)')"
exec "$vpython" "$script" "$@"
