"""Write the browser editor's configuration (Decap CMS config.yml) from the content schema.

The build does this by itself (scripts/mkdocs_hooks.py, on_post_build -> site/admin/). Run it by
hand to look at the result:

    .venv/bin/python scripts/cms_config.py            # prints config.yml
    .venv/bin/python scripts/cms_config.py --local    # as `make editor` serves it (local proxy)
    .venv/bin/python scripts/cms_config.py --admin site/   # writes site/admin/ (needs a built site)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from spinelib import cms, cms_admin  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--local", action="store_true", help="work against this computer's repository (decap-server)")
    parser.add_argument("--admin", type=Path, metavar="SITE_DIR", help="write SITE_DIR/admin/ instead of printing")
    args = parser.parse_args(argv)
    lists = cms.site_lists(ROOT)
    if args.admin:
        installed = cms_admin.write_admin(ROOT, args.admin, lists, local=args.local)
        print(f"wrote {args.admin / 'admin'}" + ("" if installed else f" (without the editor: {cms_admin.INSTALL_HINT})"))
    else:
        sys.stdout.write(cms.config_yaml(lists, local=args.local))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
