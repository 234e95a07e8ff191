"""The MkDocs plugin: `plugins: [curriculint]` (docs/mkdocs-plugin.md)."""
