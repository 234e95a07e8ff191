"""Rule families. Each family package lists its rule modules in `MODULES`.

A rule module defines `CODE`, `NAME`, `SEVERITY`, a docstring (summary, Why,
Bad, Good) and `check(doc)`; a rule that needs the whole site instead defines
`summarize(doc)` (a small picklable value kept per page) and
`check_site(site, summaries)`. Optional: `Options` (a pydantic model; then
`check(doc, options)` / `check_site(site, summaries, options)`), `DEFAULT = False`
to make the rule opt-in.
"""

FAMILIES: tuple[str, ...] = (
    "curriculint.checks.encoding",
    "curriculint.checks.frontmatter",
    "curriculint.checks.structure",
    "curriculint.checks.duplicates",
    "curriculint.checks.links",
    "curriculint.checks.targets",
    "curriculint.checks.meta",
)
