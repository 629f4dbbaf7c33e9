"""The Spine Health Library's own logic: plain Python, no MkDocs import.

The MkDocs adapter (`scripts/mkdocs_hooks.py`) and the command-line tools call these
modules; nothing here depends on the site generator, so it can be unit-tested alone and
would survive a change of generator.
"""
