"""Executes every notebook given (default: the repository's notebooks/) end to end with
nbclient on the jparallel kernel; fails on any error output."""
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

import harness


def run(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=harness.KERNEL_NAME, timeout=300, startup_timeout=90,
                            allow_errors=False, resources={"metadata": {"path": str(path.parent)}})
    started = time.monotonic()
    client.execute()
    errors = [(i, o) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.get("output_type") == "error"
              or (o.get("output_type") == "stream" and o.get("name") == "stderr" and "Exception" in o.get("text", ""))]
    for i, o in errors:
        print(f"{path.name} cell {i}: {o.get('ename', 'stderr')}: {o.get('evalue', o.get('text', ''))}")
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"{path.name}: {code_cells} code cells in {time.monotonic() - started:.1f} s, {len(errors)} errors")
    return not errors


def main(argv):
    here = pathlib.Path(__file__).resolve()
    default_dir = here.parents[4] / "notebooks"
    paths = [pathlib.Path(a) for a in argv] or sorted(default_dir.glob("*.ipynb"))
    if not paths:
        print(f"no notebooks in {default_dir}")
        return 1
    ok = True
    for p in paths:
        try:
            ok &= run(p)
        except Exception as e:  # CellExecutionError names the failing cell
            print(f"{p.name}: {type(e).__name__}: {e}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
