"""`make editor`: the browser editor working against this computer's repository.

Starts Decap's local proxy (`decap-server` from node_modules) in its git mode on
127.0.0.1:8081, and the live preview (`mkdocs serve`) on 127.0.0.1:8000 with `local_backend`
in the editor's configuration. Open http://127.0.0.1:8000/admin/ : no sign-in; "Save" makes a
draft as a local branch `cms/<collection>/<slug>` with one commit, exactly as it makes a branch
and pull request on GitHub; "Publish" merges it into the current branch.

The proxy commits with `git add .` after switching branches, so it would sweep any unsaved work
of yours into its commit: the editor refuses to start unless `git status` is clean (commit or
stash first), or point it at another clone with EDITOR_REPO=/path/to/clone.
Ctrl+C stops both.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROXY = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
PROXY_PORT = os.environ.get("EDITOR_PROXY_PORT", "8081")
SITE_ADDR = os.environ.get("EDITOR_ADDR", "127.0.0.1:8000")


def proxy_env(repo: Path, port: str = PROXY_PORT) -> dict[str, str]:
    return {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": port, "BIND_HOST": "127.0.0.1",
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "info")}


def wait_for(url: str, seconds: float = 20) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=1)   # noqa: S310 - our own local proxy
            return True
        except OSError as exc:
            if getattr(exc, "code", None):           # an HTTP error still means it is up
                return True
            time.sleep(0.2)
    return False


def main() -> int:
    if not PROXY.is_file() or shutil.which("node") is None:
        print("The editor needs Node.js 20 and the npm packages: install Node, then run `make editor` again.")
        return 1
    repo = Path(os.environ.get("EDITOR_REPO") or ROOT).resolve()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True).stdout
    if dirty.strip():
        print(f"{repo} has changes that are not committed:\n{dirty}\nThe editor's proxy commits everything in the "
              "folder (git add .), so commit or stash these first, or run with EDITOR_REPO=/path/to/another/clone.")
        return 1
    proxy = subprocess.Popen(["node", str(PROXY)], cwd=repo, env=proxy_env(repo))
    try:
        if not wait_for(f"http://127.0.0.1:{PROXY_PORT}/api/v1"):
            print(f"decap-server did not start on 127.0.0.1:{PROXY_PORT} (is the port in use?)")
            return 1
        print(f"Editor: http://{SITE_ADDR}/admin/  (drafts become branches in {repo}; Ctrl+C stops)")
        env = {**os.environ, "SPINE_CMS_LOCAL": "1"}
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", SITE_ADDR,
                                "-f", str(repo / "mkdocs.yml")], cwd=repo, env=env)
    except KeyboardInterrupt:
        return 0
    finally:
        proxy.send_signal(signal.SIGTERM)
        proxy.wait(timeout=10)


if __name__ == "__main__":
    raise SystemExit(main())
