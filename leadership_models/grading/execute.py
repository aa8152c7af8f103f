"""Execute one learner notebook in a (sandboxed) kernel and score its test cells.

The grader drives the kernel with nbclient from outside the sandbox. Learner cells run as
written; instructor cells run and their names are kept by the in-kernel harness; test cells run
through the harness, which prints a verdict line with a one-time token. Scores come only from
those verdicts; outputs are capped and the verdict lines removed from the graded notebook.
"""

from __future__ import annotations

import ast
import asyncio
import atexit
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader import utils

from .errors import InfrastructureError
from .kernel_harness import MARKER
from .outcomes import Outcome, classify_error, scan_learner_code
from .restore import assemble, grade_id, is_instructor_code, is_test, read_submission, split_hidden
from .sandbox import Sandbox, process_count

HARNESS = "__leadkit_harness__"
GUARD = (
    "import leadership_models.grading.kernel_harness as _leadkit_module\n"
    f"{HARNESS} = _leadkit_module.Harness(get_ipython().user_ns)\n"
    "del _leadkit_module"
)


@dataclass(frozen=True)
class ExecutionLimits:
    """Time and output limits of one notebook's execution."""

    cell_timeout: float = 30.0
    notebook_timeout: float = 300.0
    output_limit_kb: int = 1024


@dataclass
class NotebookResult:
    """What grading one notebook produced: outcome, scores and the graded notebook."""

    name: str
    outcome: Outcome
    details: list[str] = field(default_factory=list)
    scores: dict[str, float | None] = field(default_factory=dict)
    unanswered: list[str] = field(default_factory=list)
    notebook: dict | None = None


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel inside the job's sandbox."""

    def __init__(self, sandbox: Sandbox, scratch: Path, uid: int | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._sandbox, self._scratch, self._uid = sandbox, scratch, uid

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """Return the kernel command line wrapped in bubblewrap."""
        argv = super().format_kernel_cmd(extra_arguments)
        return self._sandbox.wrap(argv, self._scratch, self._uid)


class GradingClient(NotebookClient):
    """nbclient with a cap on kept output and verdict lines read as they arrive."""

    def __init__(self, nb: NotebookNode, output_limit: int, **kwargs) -> None:
        super().__init__(nb, **kwargs)
        self.output_left = output_limit
        self.truncated = False
        self.verdicts: dict[str, tuple[str, str]] = {}

    def output(self, outs, msg, display_id, cell_index):  # type: ignore[override]
        """Read verdict lines out of stream output, then keep output while under the cap."""
        content = msg["content"]
        if msg["msg_type"] == "stream" and MARKER in content.get("text", ""):
            kept = []
            for line in content["text"].splitlines(keepends=True):
                words = line.split()
                if len(words) >= 3 and words[0] == MARKER:
                    self.verdicts.setdefault(words[1], (words[2], " ".join(words[3:])))
                else:
                    kept.append(line)
            content["text"] = "".join(kept)
            if not content["text"]:
                return None
        size = len(json.dumps(content, default=str))
        if size > self.output_left:
            self.output_left = 0
            self.truncated = True
            return None
        self.output_left -= size
        return super().output(outs, msg, display_id, cell_index)


def grade_notebook(
    name: str,
    text: str,
    skeleton: NotebookNode,
    files: dict[str, bytes],
    sandbox: Sandbox | None,
    limits: ExecutionLimits,
) -> NotebookResult:
    """Grade one submitted notebook (its raw text) against the assignment's skeleton."""
    try:
        submitted = read_submission(text)
    except Exception as error:  # nbformat raises several unrelated types for bad input
        return _zero(name, skeleton, Outcome.INVALID_NOTEBOOK, f"not a valid notebook: {error}")
    assembly = assemble(skeleton, submitted)
    if assembly.wrong_assignment:
        return _zero(name, skeleton, Outcome.WRONG_ASSIGNMENT, "no cell of this assignment found")
    nb = assembly.notebook
    result = NotebookResult(name=name, outcome=Outcome.GRADED, details=list(assembly.repairs))
    if assembly.repairs:
        result.outcome = Outcome.REPAIRED
    suspicious = scan_learner_code(c.source for c in nb.cells if _is_learner_code(c))
    helpers = {n for c in nb.cells if is_instructor_code(c) for n in _bound_names(c.source)}
    learner = {n for c in nb.cells if _is_learner_code(c) for n in _bound_names(c.source)}
    suspicious += sorted(helpers & learner)
    if suspicious:
        result.details.append(f"uses test machinery: {', '.join(suspicious)}")
        result.outcome = result.outcome.worst(Outcome.TAMPERING_SUSPECTED)
    scratch = Path(tempfile.mkdtemp(prefix="leadkit-job-"))
    try:
        verdicts, stop = _execute(nb, files, scratch, sandbox, limits)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if stop is not None:
        result.outcome = result.outcome.worst(stop[0])
        result.details.append(stop[1])
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            found = classify_error(output, str(scratch))
            if found and not is_test(cell):
                result.outcome = result.outcome.worst(found[0])
                if found[1] not in result.details:
                    result.details.append(found[1])
    _score(nb, verdicts, result)
    result.notebook = json.loads(nbformat.writes(nb))
    return result


def _is_learner_code(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and not is_test(cell) and not is_instructor_code(cell)


def _execute(
    nb: NotebookNode,
    files: dict[str, bytes],
    scratch: Path,
    sandbox: Sandbox | None,
    limits: ExecutionLimits,
) -> tuple[dict[str, tuple[str, str]], tuple[Outcome, str] | None]:
    """Run the notebook; return per test cell (verdict, failed part) and why it stopped early."""
    uid = sandbox.scratch_owner() if sandbox else None
    for relative, content in files.items():
        target = scratch / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if sandbox:
        km = SandboxedKernelManager(sandbox, scratch, uid, transport="ipc")
    else:
        km = AsyncKernelManager(transport="ipc")
    # Sockets in the job's own folder: parallel jobs never race for the same TCP port.
    km.ip = str(scratch / "kernel")
    km.connection_file = str(scratch / "kernel.json")
    km.write_connection_file()
    if uid is not None:
        for path in [scratch, *scratch.rglob("*")]:
            os.chown(path, uid, uid)
    client = GradingClient(
        nb,
        output_limit=limits.output_limit_kb * 1024,
        km=km,
        timeout=int(limits.cell_timeout),
        allow_errors=True,
        resources={"metadata": {"path": str(scratch)}},
        shutdown_kernel="immediate",
    )
    tokens: dict[int, str] = {}

    def crowded() -> bool:
        """Is the kernel's throwaway user near its process limit (a fork bomb)?"""
        return uid is not None and process_count(uid) >= sandbox.limits.processes // 2

    stop = asyncio.run(_drive(client, nb, tokens, limits, crowded))
    atexit.unregister(client._cleanup_kernel)
    if client.truncated:
        stop = stop or (Outcome.OUTPUT_LIMIT, "output over the limit was dropped")
    verdicts = {
        grade_id(nb.cells[index]): client.verdicts.get(token, ("missing", ""))
        for index, token in tokens.items()
    }
    return verdicts, stop


async def _drive(
    client: GradingClient,
    nb: NotebookNode,
    tokens: dict[int, str],
    limits: ExecutionLimits,
    crowded: Callable[[], bool],
) -> tuple[Outcome, str] | None:
    ready = False
    try:
        async with client.async_setup_kernel(cleanup_kc=True):
            guard = nbformat.v4.new_code_cell(GUARD)
            nb.cells.append(guard)  # nbclient stores a cell back at its index
            try:
                await client.async_execute_cell(guard, len(nb.cells) - 1)
            finally:
                nb.cells.pop()
            if any(o.get("output_type") == "error" for o in guard.outputs):
                raise InfrastructureError(f"the grading harness failed to load: {guard.outputs}")
            ready = True
            try:
                stop = await asyncio.wait_for(
                    _run_cells(client, nb, tokens), limits.notebook_timeout
                )
            except TimeoutError:
                limit = limits.notebook_timeout
                stop = Outcome.TIMEOUT, f"the notebook ran longer than {limit:.0f} s"
            if stop and stop[0] is Outcome.TIMEOUT and crowded():
                stop = Outcome.PROCESS_LIMIT, f"hit the process limit ({stop[1]})"
            return stop
    except InfrastructureError:
        raise
    except Exception as error:  # kernel start fails in many ways, none the learner's doing
        if not ready:
            raise InfrastructureError(f"the kernel did not start: {error!r}") from error
        raise


async def _run_cells(
    client: GradingClient, nb: NotebookNode, tokens: dict[int, str]
) -> tuple[Outcome, str] | None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        original = cell.source
        if is_test(cell):
            tokens[index] = secrets.token_hex(16)
            visible, hidden = split_hidden(original)
            cell.source = f"{HARNESS}.run_test({tokens[index]!r}, {visible!r}, {hidden!r})"
        elif is_instructor_code(cell):
            cell.source = f"{original}\n{HARNESS}.remember({_bound_names(original)!r})"
        try:
            await client.async_execute_cell(cell, index)
        except CellTimeoutError:
            return Outcome.TIMEOUT, f"cell {index + 1} ran longer than {client.timeout} s"
        except DeadKernelError:
            return Outcome.KERNEL_DIED, f"the kernel died in cell {index + 1}"
        finally:
            cell.source = original
    return None


def _bound_names(source: str) -> list[str]:
    """Return the top-level names an instructor cell binds."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names += [(a.asname or a.name).split(".")[0] for a in node.names]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return names


def _score(nb: NotebookNode, verdicts: dict[str, tuple[str, str]], result: NotebookResult) -> None:
    """Score test cells from verdicts; mark failures so nbgrader's own tools agree."""
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid is None:
            continue
        unchanged = utils.compute_checksum(cell) == cell.metadata.nbgrader.get("checksum")
        if utils.is_solution(cell) and unchanged:
            result.unanswered.append(gid)
        if not utils.is_grade(cell):
            continue
        if not is_test(cell):
            result.scores[gid] = None
            continue
        verdict, part = verdicts.get(gid, ("not run", ""))
        points = float(cell.metadata.nbgrader.get("points", 0))
        passed = verdict == "pass"
        result.scores[gid] = points if passed else 0.0
        cell.metadata["leadkit"] = {"verdict": verdict, "failed_part": part}
        if verdict == "tampered" or (verdict == "missing" and cell.get("execution_count")):
            result.outcome = result.outcome.worst(Outcome.TAMPERING_SUSPECTED)
            note = f"test {gid}: the learner's code interfered with the test"
            if note not in result.details:
                result.details.append(note)
        if not passed and not any(o.output_type == "error" for o in cell.outputs):
            cell.outputs.append(
                nbformat.v4.new_output(
                    "error", ename="TestFailed", evalue=f"test {verdict}", traceback=[]
                )
            )


def _zero(name: str, skeleton: NotebookNode, outcome: Outcome, detail: str) -> NotebookResult:
    """Return a result scoring every question of the skeleton zero (manual ones left open)."""
    result = NotebookResult(name=name, outcome=outcome, details=[detail])
    for cell in skeleton.cells:
        if utils.is_grade(cell):
            result.scores[grade_id(cell)] = 0.0 if is_test(cell) else None
    return result
