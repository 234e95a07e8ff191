"""`curriculint lsp`: a language server over stdio (docs/editors.md)."""
