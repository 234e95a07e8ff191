"""mkdocs.yml read the way MkDocs reads it, reduced to what the checks need.

MkDocs' own loader is not used: it constructs `!!python/name:` and
`!!python/object/apply:` tags by importing (and calling) what they name, which a
linter must not do with a repository's configuration. This module follows it
instead:

* `INHERIT: parent.yml` loads the parent (relative to the file that names it,
  recursively) and deep-merges the child into it: mappings merge key by key,
  anything else (lists included) is replaced by the child's value
  (`mkdocs.utils.yaml_load` with mergedeep's default strategy);
* `!ENV VAR` and `!ENV [VAR1, VAR2, default]` take the first variable that is set
  (its value typed as YAML would type it), else the default, else null
  (pyyaml_env_tag, which MkDocs uses);
* `!!python/name:x` is kept as the name `x`; `!!python/object/apply:x {kwds: ...}`
  as `{"__name__": "x", "kwds": ...}`; any other tag as its plain value.

Relative paths in the result (hooks, scripts, parent files) are kept relative to
the folder of the mkdocs.yml that was read, as MkDocs resolves them; the caller
anchors them.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculint.index.emoji import index_name
from curriculint.index.slugs import pymdownx_style

if TYPE_CHECKING:
    import yaml


# yaml is imported only where a mkdocs.yml is read: a run on pages outside any
# MkDocs project (a one-file pre-commit run, often) never needs it.
@cache
def mkdocs_loader() -> type[yaml.SafeLoader]:
    """A loader for mkdocs.yml (see the module docstring for its tags). libyaml's
    parser when present: a large mkdocs.yml takes 0.7 s in pure Python."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader: type[yaml.SafeLoader] = type("MkDocsLoader", (base,), {})
    loader.add_multi_constructor("!", _any_tag)
    loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
    return loader


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV`, as pyyaml_env_tag's `construct_env_tag`."""
    import yaml

    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
        if len(children) > 1:
            default = loader.construct_object(children[-1])
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children
                 if isinstance(child, yaml.ScalarNode)]
    else:
        return None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    import yaml

    if suffix == "ENV":
        return _env_tag(loader, node)
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    import yaml

    # `!!python/name:pkg.func` names the function in the tag, not the value; keep
    # the name (and any `kwds:` of `!!python/object/apply:`) for the slug settings.
    name = suffix.partition(":")[2]
    if isinstance(node, yaml.MappingNode):
        return {"__name__": name, **loader.construct_mapping(node, deep=True)}
    return name


# -- nav ----------------------------------------------------------------------


def nav_entries(text: str, root: yaml.Node | None) -> tuple[tuple[str, int, int, int], ...]:
    """Every leaf of the last top-level `nav` of the document `root` composed
    from `text` (or of the navs of its languages), as (path, line, column,
    length), 1-based, in order."""
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return ()
    navs = [value for key, value in root.value
            if isinstance(key, yaml.ScalarNode) and key.value == "nav"]
    languages, every, folders = _language_navs(root)
    # Each language's own nav replaces the top-level one (mkdocs-static-i18n); with
    # a folder per language its paths start from the docs folder (`fr/index.md`).
    navs = ([] if every else [nav for nav in navs[-1:] if not isinstance(nav, yaml.ScalarNode)]
            ) + (languages if folders else [])
    if not navs:
        return ()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[tuple[str, int, int, int]] = []

    def leaf(node: yaml.ScalarNode) -> None:
        path = str(node.value).strip()
        if not path or (node.tag.startswith("!") and not node.tag.startswith("!!")):
            return  # a tag a plugin expands (mkdocs-monorepo's `!include`)
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if line > len(lines) or column > len(lines[line - 1]) + 1:
            return  # a line break PyYAML counts and Markdown does not
        end = (node.end_mark.column + 1 if node.end_mark.line == node.start_mark.line
               else len(lines[line - 1]) + 1)
        found.append((path, line, column, min(end, len(lines[line - 1]) + 1) - column))

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            leaf(node)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):  # {title: path or section}
            for _title, value in node.value:
                walk(value)

    for node in navs:
        walk(node)
    return tuple(found)


def _i18n_languages(options: object) -> list[object]:
    """mkdocs-static-i18n's `languages` list (empty for its older mapping form)."""
    languages = options.get("languages") if isinstance(options, dict) else None
    return languages if isinstance(languages, list) else []


def _language_navs(root: yaml.MappingNode) -> tuple[list[yaml.Node], bool, bool]:
    """mkdocs-static-i18n's languages' own navs: (the navs, whether every
    language has one, whether the docs are in a folder per language, whose nav
    paths start from the docs folder; with suffixes, `index.md` is localised)."""
    import yaml

    def value(node: yaml.Node, name: str) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            for key, item in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == name:
                    return item
        return None

    plugins = value(root, "plugins")
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else (
        [plugins] if isinstance(plugins, yaml.MappingNode) else [])
    options = next((found for entry in entries
                    if (found := value(entry, "i18n")) is not None), None)
    languages = value(options, "languages") if options is not None else None
    if not isinstance(languages, yaml.SequenceNode) or not languages.value:
        return [], False, False
    navs = [nav for language in languages.value if (nav := value(language, "nav")) is not None]
    structure = value(options, "docs_structure") if options is not None else None
    folders = isinstance(structure, yaml.ScalarNode) and structure.value == "folder"
    return navs, len(navs) == len(languages.value), folders


# -- extensions ---------------------------------------------------------------


def extension_options(extensions: list[Any], name: str) -> dict[str, Any] | None:
    """The options of extension `name` ({} when listed bare); None when absent."""
    for entry in extensions:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            options = entry[name]
            return options if isinstance(options, dict) else {}
    return None


def slug_style_of(slugify: Any) -> str:
    """The `curriculint.index.slugs.slugifier` style of a `slugify:` setting
    (a `!!python/name:` or `!!python/object/apply:` value); "toc" by default."""
    if isinstance(slugify, dict):  # !!python/object/apply:pymdownx.slugs.slugify {kwds: ...}
        keywords = slugify.get("kwds") or {}
        if not isinstance(keywords, dict):
            keywords = {}
        return pymdownx_style(str(keywords.get("case", "none")),
                              str(keywords.get("normalize", "NFC")),
                              bool(keywords.get("percent_encode", False)))
    name = str(slugify or "")
    if name.endswith("slugify_unicode"):
        return "toc-unicode"
    if name.endswith(("uslugify_cased", "uslugify_cased_encoded")):
        return pymdownx_style("none", "NFC", name.endswith("encoded"))
    if name.endswith(("uslugify", "uslugify_encoded")):
        return pymdownx_style("lower", "NFC", name.endswith("encoded"))
    if name.endswith(("gfm", "gfm_encoded")):
        return pymdownx_style("lower-ascii", "NFC", name.endswith("encoded"))
    return "toc"


def _emoji_index(extensions: list[Any]) -> str:
    options = extension_options(extensions, "pymdownx.emoji")
    if options is None:
        return index_name(None)
    return index_name(str(options.get("emoji_index") or "emojione"))


def _tabbed(extensions: list[Any]) -> dict[str, Any]:
    """pymdownx.tabbed's id settings: a slug style when `slugify` is set ("": tabs
    get `__tabbed_N_M`), `combine_header_slug`, `separator`."""
    options = extension_options(extensions, "pymdownx.tabbed") or {}
    slugify = options.get("slugify")
    return {"tab_slug_style": slug_style_of(slugify) if slugify else "",
            "tab_combine_header": bool(options.get("combine_header_slug", False)),
            "tab_separator": str(options.get("separator") or "-")}


def _baselevel(options: dict[str, Any] | None) -> int:
    """toc's `baselevel` (1 to 6): the level a `#` heading renders as."""
    try:
        level = int((options or {}).get("baselevel", 1))
    except (TypeError, ValueError):
        return 1
    return min(max(level, 1), 6)


def _appended_snippets(extensions: list[Any]) -> tuple[str, ...]:
    """pymdownx.snippets' `auto_append` files (abbreviations, link lists)."""
    files = (extension_options(extensions, "pymdownx.snippets") or {}).get("auto_append")
    return tuple(str(name) for name in files) if isinstance(files, list) else ()


def _theme_dir(theme: Any) -> str:
    """`theme: custom_dir:` as written (relative to the config's folder), or ""."""
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    return str(folder) if isinstance(folder, str) and folder.strip() else ""


def _snippet_settings(extensions: list[Any]) -> dict[str, Any]:
    """Where pymdownx.snippets looks for files: `base_path` (one or a list, relative
    to the folder MkDocs runs in), and whether a path may leave it."""
    options = extension_options(extensions, "pymdownx.snippets") or {}
    bases = options.get("base_path", ["."])
    if isinstance(bases, str):
        bases = [bases]
    return {"snippet_bases": tuple(str(base) for base in bases)
            if isinstance(bases, list) else (".",),
            "snippet_restrict": options.get("restrict_base_path", True) is not False,
            "snippet_check_paths": options.get("check_paths") is True}


# -- plugins ------------------------------------------------------------------


def plugin_entries(value: Any) -> dict[str, dict[str, Any]]:
    """Enabled plugins by name (a `material/` prefix dropped), with their options."""
    if isinstance(value, dict):
        entries = list(value.items())
    elif isinstance(value, list):
        entries = [next(iter(entry.items())) if isinstance(entry, dict) and entry
                   else (entry, {}) for entry in value]
    else:
        return {}
    found: dict[str, dict[str, Any]] = {}
    for name, options in entries:
        if not isinstance(name, str):
            continue
        options = options if isinstance(options, dict) else {}
        enabled = options.get("enabled", True)
        if enabled is False or (isinstance(enabled, str) and enabled.lower() == "false"):
            continue
        found[name.removeprefix("material/")] = options
    return found


def _i18n(options: dict[str, Any]) -> tuple[str, str, tuple[str, ...], bool] | None:
    """mkdocs-static-i18n: (docs structure, default locale, locales, fallback)."""
    languages = options.get("languages")
    default = str(options.get("default_language") or "")
    locales: list[str] = []
    if isinstance(languages, list):  # 1.x: [{locale: en, default: true}, ...]
        for language in languages:
            if isinstance(language, dict) and language.get("locale"):
                locale = str(language["locale"])
                if locale == "null":
                    continue
                locales.append(locale)
                if language.get("default") and not default:
                    default = locale
            elif isinstance(language, str):
                locales.append(language)
    elif isinstance(languages, dict):  # 0.x: {fr: français} or {fr: {name: ...}}
        locales = [str(locale) for locale in languages]
    if not default and locales:
        default = locales[0]
    if default and default not in locales:
        locales.insert(0, default)
    if not locales:
        return None
    structure = str(options.get("docs_structure") or "suffix")
    return (structure if structure in ("suffix", "folder") else "suffix", default,
            tuple(locales), options.get("fallback_to_default", True) is not False)


def _blog_indexes(plugins: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """Docs-relative index pages of Material blogs (`blog_dir`/index.md), which
    the blog plugin writes when they are missing."""
    found = []
    for name, options in plugins.items():
        if name == "blog" or name.startswith("blog "):
            blog = os.path.normpath(str(options.get("blog_dir") or "blog")).replace(os.sep, "/")
            found.append("index.md" if blog.strip("/.") == "" else f"{blog.strip('/')}/index.md")
    return tuple(found)


def _gallery_dirs(plugins: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """mkdocs-gallery's `gallery_dirs` (relative to the config's folder): the pages
    and the index it writes from the examples at build time."""
    folders = (plugins.get("gallery") or {}).get("gallery_dirs")
    if isinstance(folders, str):
        folders = [folders]
    return tuple(str(folder) for folder in folders) if isinstance(folders, list) else ()


def _blog_dirs(plugins: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """Docs-relative folders holding Material blog posts (`blog_dir`/posts)."""
    found = []
    for name, options in plugins.items():
        if name != "blog" and not name.startswith("blog "):
            continue
        blog = str(options.get("blog_dir") or "blog").strip("/")
        post_dir = str(options.get("post_dir") or "{blog}/posts").replace("{blog}", blog)
        found.append(os.path.normpath(post_dir).replace(os.sep, "/").strip("/"))
    return tuple(found)


# U+200B as a search separator may be written as itself or escaped.
_ZWSP_FORMS = ("\u200b", "\\u200b", "\\u200B", "\\x{200b}", "\\x{200B}")


def _search_splits_zwsp(plugins: dict[str, dict[str, Any]]) -> bool:
    """Whether the search plugin separates words at U+200B (`separator:`): a site
    that does writes it on purpose, as a word break in text without spaces
    (Chinese, Japanese, Thai)."""
    separator = (plugins.get("search") or {}).get("separator")
    return isinstance(separator, str) and any(form in separator for form in _ZWSP_FORMS)


def _macros_opt_in(plugins: dict[str, dict[str, Any]]) -> bool:
    """mkdocs-macros with `render_by_default: false`: a page is a template only
    where its frontmatter asks (`render_macros: true`)."""
    value = (plugins.get("macros") or {}).get("render_by_default", True)
    return value is False or (isinstance(value, str) and value.lower() == "false")


def _absolute_links(data: dict[str, Any]) -> str:
    """`validation: links: absolute_links:` (MkDocs 1.6): `relative_to_docs` makes
    MkDocs rewrite `/x.md` as it rewrites `x.md`; otherwise it leaves it as written."""
    validation = data.get("validation")
    links = validation.get("links") if isinstance(validation, dict) else None
    value = links.get("absolute_links") if isinstance(links, dict) else None
    return str(value) if isinstance(value, str) else "info"


def _literate_nav_file(plugins: dict[str, dict[str, Any]]) -> str:
    """The file name mkdocs-literate-nav reads a folder's nav from ("" without it)."""
    options = plugins.get("literate-nav")
    if options is None:
        return ""
    return str(options.get("nav_file") or "SUMMARY.md")


def _hooks(data: dict[str, Any], plugins: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """Hook files, as written: `hooks:` and mkdocs-simple-hooks' `module:function`."""
    hooks = data.get("hooks") or []
    found = [str(hook) for hook in hooks if isinstance(hook, str)] if isinstance(
        hooks, list) else []
    found.extend(file for file, _event, _function in _simple_hooks(plugins))
    return tuple(dict.fromkeys(found))


def _simple_hooks(plugins: dict[str, dict[str, Any]]) -> tuple[tuple[str, str, str], ...]:
    """mkdocs-simple-hooks' `event: "module:function"` as (file, event, function):
    the function handles the event whatever its name."""
    simple = plugins.get("mkdocs-simple-hooks", {}).get("hooks")
    if not isinstance(simple, dict):
        return ()
    found = []
    for event, target in simple.items():
        module, _, function = str(target).partition(":")
        if module:
            found.append((module.replace(".", "/") + ".py", str(event), function or str(event)))
    return tuple(found)


def _redirect_sources(plugins: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """Pages mkdocs-redirects serves as redirects (its `redirect_maps` keys)."""
    maps = plugins.get("redirects", {}).get("redirect_maps")
    return tuple(str(source).lstrip("/") for source in maps) if isinstance(maps, dict) else ()


def _generator_scripts(plugins: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    scripts = plugins.get("gen-files", {}).get("scripts") or []
    return tuple(str(script) for script in scripts if isinstance(script, str)) if isinstance(
        scripts, list) else ()


# -- the file and its parents -------------------------------------------------


def _merge(parent: Any, child: Any) -> Any:
    """mergedeep's REPLACE strategy: mappings merged key by key, the rest replaced."""
    if isinstance(parent, dict) and isinstance(child, dict):
        merged = dict(parent)
        for key, value in child.items():
            merged[key] = _merge(parent[key], value) if key in parent else value
        return merged
    return child


class _Loaded:
    def __init__(self, data: dict[str, Any], nav: tuple[tuple[str, int, int, int], ...],
                 nav_file: Path | None, parents: list[tuple[Path, dict[str, Any]]]) -> None:
        self.data = data
        self.nav = nav
        self.nav_file = nav_file  # None: the file itself
        self.parents = parents  # (parent file, its own merged data), farthest first
        self.whole = True  # every INHERIT parent was read


def _load(raw: bytes, config_file: Path | None, seen: tuple[Path, ...]) -> _Loaded | None:
    import yaml

    try:
        # As read_text would: universal newlines.
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        # Composed once: the data, and the node marks that place nav entries.
        loader = mkdocs_loader()(text)
        try:
            root = loader.get_single_node()
            # Before constructing: merge keys (`<<`) are flattened into the nodes.
            nav = nav_entries(text, root)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None
    loaded = _Loaded(data, nav, None, [])
    inherit = data.pop("INHERIT", None)
    if isinstance(inherit, str) and inherit and config_file is not None:
        parent_file = Path(os.path.normpath(config_file.parent / inherit))
        if parent_file not in seen and parent_file != config_file:
            try:
                parent_raw = parent_file.read_bytes()
            except OSError:
                loaded.whole = False
                return loaded
            parent = _load(parent_raw, parent_file, (*seen, config_file))
            loaded.whole = parent is not None and parent.whole
            if parent is not None:
                if "nav" not in data:
                    loaded.nav = parent.nav
                    loaded.nav_file = parent.nav_file or parent_file
                loaded.data = _merge(parent.data, data)
                loaded.parents = [*parent.parents, (parent_file, parent.data)]
    return loaded


def _versioned(data: dict[str, Any], plugins: dict[str, dict[str, Any]]) -> bool:
    """mike publishes the site in a folder per version: Material's version selector
    (`extra: version: provider: mike`) or the mike plugin."""
    extra = data.get("extra")
    version = extra.get("version") if isinstance(extra, dict) else None
    return "mike" in plugins or (isinstance(version, dict) and version.get("provider") == "mike")


def _site_path(site_url: Any) -> str:
    """The folder `site_url` serves the site under ("/ml" for
    https://host.io/ml/), "" at the root of its host."""
    if not isinstance(site_url, str):
        return ""
    from urllib.parse import urlsplit

    return urlsplit(site_url.strip()).path.rstrip("/")


# Markdown extensions a plugin adds in its on_config (Backstage's techdocs-core,
# without its `use_pymdownx_blocks` option).
_PLUGIN_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "techdocs-core": (
        "toc", "admonition", "pymdownx.details", "pymdownx.tabbed", "pymdownx.caret",
        "pymdownx.critic", "pymdownx.emoji", "pymdownx.inlinehilite", "pymdownx.magiclink",
        "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.snippets", "pymdownx.highlight",
        "pymdownx.extra", "pymdownx.tasklist", "pymdownx.tilde", "markdown_inline_graphviz",
        "plantuml_markdown", "mdx_truly_sane_lists"),
}


def settings_of(raw: bytes, config_file: Path | None = None) -> dict[str, Any] | None:
    """MkDocsProject's fields, but the file and the resolved paths, from the bytes
    of a mkdocs.yml (`config_file` locates INHERIT parents); None when they are
    not a YAML mapping. Paths stay relative to the folder of `config_file`."""
    loaded = _load(raw, config_file, ())
    if loaded is None:
        return None
    data = loaded.data
    extensions = data.get("markdown_extensions") or []
    if isinstance(extensions, dict):  # MkDocs takes a mapping too: `admonition: {}`
        extensions = [{name: options} for name, options in extensions.items()]
    if not isinstance(extensions, list):
        extensions = []
    names = tuple(next(iter(entry)) if isinstance(entry, dict) and entry else str(entry)
                  for entry in extensions)
    plugins = plugin_entries(data.get("plugins", ["search"]))
    for plugin, added in _PLUGIN_EXTENSIONS.items():
        if plugin in plugins:
            names += tuple(name for name in added if name not in names)
    here = config_file.parent if config_file is not None else Path(".")

    def relative(path: Path) -> str:
        return os.path.relpath(path, here).replace(os.sep, "/")

    inherited_docs = []
    for parent_file, parent_data in loaded.parents:
        docs = parent_data.get("docs_dir") or "docs"
        inherited_docs.append(relative(parent_file.parent / str(docs)))
    i18n_options = plugins.get("i18n")
    return {
        "docs_dir": str(data.get("docs_dir") or "docs"),
        "theme_dir": _theme_dir(data.get("theme")),
        "use_directory_urls": bool(data.get("use_directory_urls", True)),
        "site_path": _site_path(data.get("site_url")),
        "versioned": _versioned(data, plugins),
        "slug_style": slug_style_of((extension_options(extensions, "toc") or {}).get(
            "slugify")),
        "toc_baselevel": _baselevel(extension_options(extensions, "toc")),
        "extensions": names,
        # an INHERIT parent that could not be read may enable more of them
        "extensions_known": loaded.whole,
        "nav": data.get("nav"),
        "emoji_index": _emoji_index(extensions),
        "nav_entries": loaded.nav if data.get("nav") is not None or any(
            isinstance(language, dict) and language.get("nav")
            for language in _i18n_languages(i18n_options)) else (),
        "not_in_nav": tuple(line.strip() for line in str(data.get("not_in_nav") or "").splitlines()
                            if line.strip() and not line.strip().startswith("#")),
        "nav_file": relative(loaded.nav_file) if loaded.nav_file is not None else "",
        "config_files": tuple(relative(parent) for parent, _data in loaded.parents),
        "inherited_docs_dirs": tuple(inherited_docs),
        **_tabbed(extensions),
        "plugins": tuple(plugins),
        "hooks": _hooks(data, plugins),
        "hook_functions": _simple_hooks(plugins),
        "generator_scripts": _generator_scripts(plugins),
        "i18n": _i18n(i18n_options) if i18n_options is not None else None,
        "blog_dirs": _blog_dirs(plugins),
        "literate_nav_file": _literate_nav_file(plugins),
        "search_splits_zwsp": _search_splits_zwsp(plugins),
        "macros_opt_in": _macros_opt_in(plugins),
        "absolute_links": _absolute_links(data),
        "blog_indexes": _blog_indexes(plugins),
        "generated_dirs": _gallery_dirs(plugins),
        "appended_snippets": _appended_snippets(extensions),
        "exclude_docs": tuple(line for line in str(data.get("exclude_docs") or "").splitlines()
                              if line.strip() and not line.strip().startswith("#")),
        **_snippet_settings(extensions),
        "redirect_sources": _redirect_sources(plugins),
    }
