"""The pre-commit hook, run by real pre-commit in a throwaway repository.

The hook repository is a commit made in a temporary copy of this working tree, so what is
tested is the code as it is now, uncommitted changes included. pre-commit installs darklint
from it into its own environment (PRE_COMMIT_HOME is shared by the tests of one session).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
if shutil.which("git") is None:  # pragma: no cover
    pytest.skip("git is needed to test the pre-commit hook", allow_module_level=True)

BAD_FLOW = EXAMPLES / "streaming-phone-cancel.yaml"
GOOD_FLOW = EXAMPLES / "good-subscription.yaml"
COPY_IGNORES = (".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis")


def git_env(home: Path) -> dict[str, str]:
    """Git isolated from the machine's configuration (no global hooksPath, no signing)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="darklint tests",
        GIT_AUTHOR_EMAIL="tests@darklint.invalid",
        GIT_COMMITTER_NAME="darklint tests",
        GIT_COMMITTER_EMAIL="tests@darklint.invalid",
        PRE_COMMIT_HOME=str(home),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    env.pop("CI", None)
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def working_tree_files() -> list[Path]:
    """Tracked and new files of this checkout, as git sees them (ignored files left out)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:  # not a git checkout (an unpacked sdist): take the tree
        return [
            p.relative_to(ROOT)
            for p in ROOT.rglob("*")
            if p.is_file() and not set(p.relative_to(ROOT).parts) & set(COPY_IGNORES)
        ]
    names = [n for n in listed.stdout.decode("utf-8").split("\0") if n]
    return [Path(n) for n in names if (ROOT / n).is_file()]


DOCS = ROOT / "docs" / "ci.md"
FULL_COMMIT = re.compile(r"^[0-9a-f]{40}$")


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def documented_config() -> dict:
    """The `.pre-commit-config.yaml` of docs/ci.md."""
    block = next(b for b in yaml_blocks(DOCS.read_text(encoding="utf-8")) if "repos:" in b)
    return yaml.safe_load(block)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> tuple[Path, str, Path]:
    """(a git repository holding this working tree, the commit to use as rev, PRE_COMMIT_HOME)."""
    base = tmp_path_factory.mktemp("precommit")
    home = base / "pre-commit-home"
    source = base / "darklint-src"
    for relative in working_tree_files():
        target = source / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, target)
    env = git_env(home)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "darklint under test")):
        result = git(source, env, *args)
        assert result.returncode == 0, result.stderr
    rev = git(source, env, "rev-parse", "HEAD").stdout.strip()
    return source, rev, home


@pytest.fixture
def project(tmp_path: Path, hook_repo) -> tuple[Path, dict[str, str]]:
    """A product team's repository with the darklint hook installed."""
    source, rev, home = hook_repo
    env = git_env(home)
    assert git(tmp_path, env, "init", "-q").returncode == 0
    # The configuration docs/ci.md shows, pointed at this working tree and its commit.
    config = documented_config()
    config["repos"][0].update(repo=source.as_posix(), rev=rev)
    (tmp_path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert git(tmp_path, env, "add", ".pre-commit-config.yaml").returncode == 0
    return tmp_path, env


def commit(
    repo: Path, env: dict[str, str], files: dict[str, Path | str]
) -> subprocess.CompletedProcess:
    """Stage the files (a source path to copy, or text) and try to commit them."""
    for name, content in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy(content, target)
        else:
            target.write_text(content, encoding="utf-8")
        assert git(repo, env, "add", name).returncode == 0
    return git(repo, env, "commit", "-m", f"add {', '.join(files)}")


def test_a_bad_flow_blocks_the_commit(project):
    repo, env = project
    result = commit(repo, env, {"flows/streaming.yaml": BAD_FLOW})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "darklint" in output and "Failed" in output
    assert "DL101 cancel-harder-than-signup" in output
    assert git(repo, env, "rev-parse", "--verify", "HEAD").returncode != 0, "nothing committed"


def test_a_good_flow_and_other_yaml_pass(project):
    repo, env = project
    result = commit(
        repo,
        env,
        {
            "flows/subscription.yaml": GOOD_FLOW,
            ".github/workflows/ci.yml": "on: push\njobs:\n  test: {runs-on: ubuntu-latest}\n",
        },
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "darklint" in output and "Passed" in output
    assert git(repo, env, "rev-parse", "--verify", "HEAD").returncode == 0


# -- the hook manifest and the GitHub Action --------------------------------------------------


def test_hook_manifest_matches_flow_files():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "darklint" and hook["language"] == "python"
    assert hook["entry"].startswith("darklint check") and hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("flows/a.yaml") and files.search("b.yml")
    assert not files.search("a.json") and not files.search("a.yaml.bak")


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_composite_and_uploads_sarif():
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert {"paths", "args", "sarif-file"} <= set(spec["inputs"])
    steps = spec["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    upload = next(
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    )
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash", "composite run steps name their shell"
            assert "${{" not in step["run"], "inputs reach scripts through env, never inline"


def test_action_run_step_writes_sarif_and_keeps_the_exit_code(tmp_path):
    """The action's own script, run with bash as the runner would (darklint on PATH)."""
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "check")
    outputs = tmp_path / "github-output"
    shutil.copy(BAD_FLOW, tmp_path / "bad.yaml")
    env = {
        **git_env(tmp_path / "unused"),
        "DARKLINT_PATHS": "bad.yaml",
        "DARKLINT_ARGS": "--select DL101",
        "SARIF_FILE": "out/darklint.sarif",
        "GITHUB_OUTPUT": str(outputs),
    }
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "DL101 cancel-harder-than-signup" in result.stdout
    assert outputs.read_text(encoding="utf-8").strip() == "exit-code=1"
    sarif = json.loads((tmp_path / "out" / "darklint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"DL101"}


# -- the documented examples work from this repository as it is -------------------------------


def released_tags() -> set[str]:
    listed = subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True, check=False)
    return set(listed.stdout.split())


def test_documented_hook_names_a_commit_not_a_release_that_does_not_exist():
    (repo,) = documented_config()["repos"]
    assert [h["id"] for h in repo["hooks"]] == ["darklint"]
    assert FULL_COMMIT.match(str(repo["rev"])) or repo["rev"] in released_tags(), repo["rev"]
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for rev in re.findall(r"rev: (\S+)", manifest):
        assert FULL_COMMIT.match(rev) or rev in released_tags(), rev


def test_documented_action_is_used_from_a_checkout_of_this_repository():
    workflow = next(
        yaml.safe_load(b)
        for b in yaml_blocks(DOCS.read_text(encoding="utf-8"))
        if "jobs:" in b and "uses: ./" in b
    )
    steps = workflow["jobs"]["darklint"]["steps"]
    local = next(s for s in steps if s.get("uses", "").startswith("./"))
    checkout = next(s for s in steps if s.get("with", {}).get("path"))
    assert local["uses"] == f"./{checkout['with']['path']}", "the action is the checkout's root"
    assert (ROOT / "action.yml").is_file()
    assert set(local["with"]) <= set(action()["inputs"])
    assert FULL_COMMIT.match(checkout["with"]["ref"]) or checkout["with"]["ref"] in released_tags()


def test_no_doc_installs_a_release_that_does_not_exist():
    tags = released_tags()
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"pip install darklint\b(?!`? release)", text), path
        for ref in re.findall(r"darklint[\w./-]*@(v[\w.]+)", text):
            assert ref in tags, f"{path.name}: {ref} is not a tag of this repository"
