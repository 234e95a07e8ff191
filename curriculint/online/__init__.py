"""The online link stage: external http(s) URLs checked over the network.

Not a pure rule. The LNK1xx rule modules collect every page's external URLs as
summaries; `stage.check_urls` then runs once per site on the de-duplicated URL
set (SQLite cache first, then an engine: httpx by default, the LinkChecker CLI
on request) and the rules map each verdict back to every file:line using it.
"""
