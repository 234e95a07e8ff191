"""Mangle clean text into mojibake, keeping track of where each character went.

Shared by the mojibake tests and `bench/mojibake.py`: every original character
becomes a segment of the mangled text, so a finding's span maps back to the
original it replaced.

Real mojibake is UTF-8 bytes read through a single-byte code page. The decoder
meets bytes its code page leaves undefined (cp1252: 81 8D 8F 90 9D) and, by
its error handling, raises (`strict`), drops them (`ignore`), writes U+FFFD
(`replace`) or passes them on as the C1 control of the same value (`sloppy`,
what browsers and WHATWG decoders do). Later tools may strip soft hyphens
(U+00AD, byte AD), and the result may be encoded and decoded once more.
Single-byte decoders keep no state, so mangling character by character gives
the text a whole-file decode gives.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CODE_PAGES = ("cp1252", "cp1254", "latin-1", "cp1250", "mac_roman", "cp1251")


def _sloppy(raw: bytes, page: str) -> str:
    # Undefined bytes pass through as the C1 control of the same value.
    return "".join(bytes([byte]).decode(page, errors="ignore") or chr(byte) for byte in raw)


MODES: dict[str, Callable[[bytes, str], str]] = {
    "strict": lambda raw, page: raw.decode(page),
    "ignore": lambda raw, page: raw.decode(page, errors="ignore"),
    "replace": lambda raw, page: raw.decode(page, errors="replace"),
    "sloppy": _sloppy,
    "ignore-shy": lambda raw, page: raw.decode(page, errors="ignore").replace("\xad", ""),
}


@dataclass(frozen=True)
class Mangled:
    original: str
    text: str
    bounds: tuple[int, ...]  # start of each original character's segment, plus the end
    lossy: bool = False  # some byte was dropped or replaced on the way


def mangle(original: str, page: str, mode: str) -> Mangled | None:
    """None when the strict mode cannot decode some byte."""
    pieces = []
    for char in original:
        if char.isascii():
            pieces.append(char)
            continue
        try:
            pieces.append(MODES[mode](char.encode("utf-8"), page))
        except UnicodeDecodeError:
            return None
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    return Mangled(original, "".join(pieces), tuple(bounds))


def original_of(mangled: Mangled, start: int, end: int) -> str | None:
    """The original text a span of the mangled text stands for, if the span
    covers whole characters."""
    if start not in mangled.bounds or end not in mangled.bounds:
        return None
    first, last = mangled.bounds.index(start), mangled.bounds.index(end)
    # Characters that mangled to nothing at the edges are ambiguous: take them in.
    return mangled.original[first:last]


# -- paths: how a page really travels -------------------------------------------


@dataclass(frozen=True)
class ManglingPath:
    """One way a page gets mangled: decode layers, then soft hyphens stripped,
    applied to a share of the page's non-ASCII runs."""

    name: str
    layers: tuple[tuple[str, str], ...]  # (code page, error handling), first applied first
    strip_soft_hyphens: bool = False
    share: float = 1.0  # fraction of non-ASCII runs mangled; the rest stay clean

    @property
    def lossless(self) -> bool:
        """No layer can lose a byte (each can only raise, for strict)."""
        return not self.strip_soft_hyphens and all(
            errors in ("strict", "sloppy") or page in ("latin-1", "mac_roman")
            for page, errors in self.layers)


def _decode_bytes(raw: bytes, page: str, errors: str) -> tuple[str, bool]:
    """`raw` through one code page, byte by byte; True when a byte was lost."""
    out: list[str] = []
    lost = False
    for byte in raw:
        try:
            out.append(bytes([byte]).decode(page))
        except UnicodeDecodeError:
            if errors == "strict":
                raise
            lost = lost or errors in ("ignore", "replace")
            out.append({"ignore": "", "replace": "\ufffd", "sloppy": chr(byte)}[errors])
    return "".join(out), lost


def mangle_char(char: str, path: ManglingPath) -> tuple[str, bool]:
    """One character through every layer of `path`: (text, lossy). Raises
    UnicodeDecodeError when a strict layer meets an undefined byte."""
    text, lossy = char, False
    for page, errors in path.layers:
        text, lost = _decode_bytes(text.encode("utf-8"), page, errors)
        lossy = lossy or lost
    if path.strip_soft_hyphens and "\xad" in text:
        text, lossy = text.replace("\xad", ""), True
    return text, lossy


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _chosen(salt: str, index: int, share: float) -> bool:
    if share >= 1.0:
        return True
    digest = hashlib.sha256(f"{salt}:{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def mangle_line(line: str, path: ManglingPath, salt: str = "") -> Mangled | None:
    """`line` mangled along `path` (a share of its non-ASCII runs, chosen by
    `salt`); None when a strict layer cannot decode it: such a line stays clean
    in a real file only when its page was never decoded at all."""
    pieces: list[str] = []
    lossy = False
    chosen: set[int] = set()
    for index, match in enumerate(_NON_ASCII_RUN.finditer(line)):
        if _chosen(salt, index, path.share):
            chosen.update(range(match.start(), match.end()))
    for position, char in enumerate(line):
        if position not in chosen:
            pieces.append(char)
            continue
        try:
            text, lost = mangle_char(char, path)
        except UnicodeDecodeError:
            return None
        pieces.append(text)
        lossy = lossy or lost
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    return Mangled(line, "".join(pieces), tuple(bounds), lossy)


def _single(page: str) -> list[ManglingPath]:
    errors = ("strict",) if page in ("latin-1", "mac_roman") else (
        "strict", "ignore", "replace", "sloppy")
    return [ManglingPath(f"{page}/{mode}", ((page, mode),)) for mode in errors]


# Every path the benchmark measures: the five code pages mojibake comes through,
# with each error handling that gives a different text, the seed's own path
# (cp1254, bytes dropped, soft hyphens stripped), double decodes and pages where
# only some runs were mangled (text pasted from a mangled source into a clean page).
PATHS: tuple[ManglingPath, ...] = (
    *_single("cp1252"), *_single("cp1254"), *_single("cp1250"), *_single("latin-1"),
    *_single("mac_roman"),
    ManglingPath("cp1252/ignore-shy", (("cp1252", "ignore"),), strip_soft_hyphens=True),
    ManglingPath("cp1254/ignore-shy", (("cp1254", "ignore"),), strip_soft_hyphens=True),
    ManglingPath("latin-1/strict-shy", (("latin-1", "strict"),), strip_soft_hyphens=True),
    ManglingPath("cp1252x2/strict", (("cp1252", "strict"), ("cp1252", "strict"))),
    ManglingPath("cp1252x2/ignore", (("cp1252", "ignore"), ("cp1252", "ignore"))),
    ManglingPath("cp1252x2/replace", (("cp1252", "replace"), ("cp1252", "replace"))),
    ManglingPath("latin-1+cp1252/strict", (("latin-1", "strict"), ("cp1252", "sloppy"))),
    ManglingPath("cp1252/strict/half", (("cp1252", "strict"),), share=0.5),
    ManglingPath("cp1254/ignore-shy/half", (("cp1254", "ignore"),), strip_soft_hyphens=True,
                 share=0.5),
    ManglingPath("latin-1/strict/half", (("latin-1", "strict"),), share=0.5),
    ManglingPath("mac_roman/strict/half", (("mac_roman", "strict"),), share=0.5),
)


# Invented sentences (not from any corpus), in the scripts and forms mojibake
# detection must leave alone, in prose, code spans, fences and tables.
CONTROL_SENTENCES = (
    "Günlük yedekleme işi başarısız olursa şifreli arşivi yeniden oluşturun.",
    "İzmir'deki sunucu ğ, ş, ı ve İ harflerini doğru gösteriyor mu? Çok güzel!",
    "Każdy węzeł klastra zapisuje dziennik zdarzeń, zanim prześle żądanie dalej.",
    "Źródło prawdy: główna gałąź; ćwiczenia, łączenie zmian i ŻÓŁTE flagi.",
    "Před nasazením ověřte, že každý uzel přečetl konfiguraci a čtení je rychlé.",
    "Šťastný vývojář píše čisté testy; žádná chyba neuteče, ani ďábelská.",
    "Η καθυστέρηση του δικτύου μετριέται σε χιλιοστά του δευτερολέπτου ή σε μs.",
    "Κάθε αίτημα επαναλαμβάνεται έως τρεις φορές πριν αποτύχει· ΑΠΟΤΥΧΙΑ.",
    "Каждый запрос повторяется не более трёх раз, затем сервис возвращает ошибку.",
    "Журнал событий хранится в отдельной базе — это ускоряет поиск. ЁЖИК, Объём.",
    "每个请求最多重试三次，然后返回错误。缓存命中率低于百分之九十时，请检查配置。",
    "各リクエストは最大三回まで再試行され、その後エラーを返します。設定を確認してください。",
    "키 값 저장소는 읽기 요청을 캐시합니다. 한국어 문장입니다.",
    "Árvíztűrő tükörfúrógép; Erdős–Rényi gráf, Élő adás, Őrség.",
    "Tiếng Việt: Nguyễn Thị Hà đang kiểm tra hệ thống ở Hà Nội.",
    "À bientôt : « déjà vu », créé, pâte à choux, Noël, cœur, ça, Âge, ÉTÉ.",
    "Português: a configuração não está pronta; NÃO, ÓRGÃO, ação, São Paulo.",
    "Deutsch: Die Straße über der Brücke ist größer als „früher“ — Äpfel, Übung.",
    "Emoji: 👩‍💻 dev, 👨‍👩‍👧‍👦 family, 🏳️‍🌈 🏴‍☠️ 🧑🏽‍🚀 👍🏿 ✌️ ❤️‍🩹 🇹🇷 🇵🇱 🇨🇿 🇬🇷 🇯🇵 #️⃣ 3️⃣",
    "Status: ✅ pass ❌ fail ⚠️ warn ⭐⭐⭐ 🔥 💡 📦 🐛 🔧 🧪 🎯 🚀 ⏱️ 🛠️ 🗺️",
    "Symbols: ±0.5 µs, ½ ¾ × ÷ 37 °C, x² y³, § ¶ © ® ™ € £ ¥, → ← ↔ ≤ ≥ ≠ ≈ ∞ √",
    "Box: ┌──┬──┐ │ a│ b│ └──┴──┘ ░▒▓█ ▲ ▼ ◆ ● ○ ■ □ ★ ☆ ✓ ✗",
    "Typography: “double” ‘single’ ‚low‘ „German“ ‹angle› — em – en … • † ‡ ‰",
    "Nordic: Åse, Ørsted, Þór, Ægir, Malmö; Hebrew: שלום עולם; Arabic: مرحبا.",
    "Hindi: नमस्ते दुनिया, को देखें; Thai: สวัสดีชาวโลก.",
    # Clean text that looks like mojibake to a careless reader: capitals and
    # symbols that are lead and continuation bytes of some code page.
    'Română: ȘTIINȚĂ, ÎNVĂȚĂMÂNT, ROMÂNĂ, ĂSTA, știință și învățământ.',
    'Polski: CZĘŚĆ, ŻÓŁW, ŹDŹBŁO, ŁÓDŹ, źdźbło, żółć, Źródło.',
    'Čeština: ŘÍJEN, ŽLUŤOUČKÝ KŮŇ, ĎÁBLE, Říčany, ďábel.',
    'Türkçe: İŞ, ĞÜÇ, ÇİÇEK, ŞİŞLİ, ığdır, Iğdır.',
    'Ελληνικά: ΑΘΗΝΑ, ΆΓΙΟΣ ΌΡΟΣ, Ψ, Ω, μΩ, kΩ, Δt, λ = 5, σ².',
    'Кириллица: Гёте, ЁЖ, ЪЕЛ, Ђорђе, Љубљана, ЮЖНЫЙ, Щётка.',
    'Português: NÃO… AMANHÃ… IRMÃ” e 10 Å² de área, 5 µm³.',
    'Math: √π ≈ 1.772, ¬p ∧ q, ∂²f/∂x², ∑ xᵢ, ±∞, ≤ε, ∆x, ÷2, ×3.',
    'Money: €5, £3, ¥7, ₹10, ₿1, 50¢, 1 000 €.',
    'Marks: © 2024 ACME™, Café®, §3 ¶2, °C, 3°, 1ª, Nº 5.',
    'Français : « Où ? » — Ça va ! Ô Canada, Œuvre, ŒIL, cœur, Ève.',
    'Nordic: Ærø, Øresund, Århus; Þingvellir, Ð, æð, ÅÄÖ åäö.',
    'Macrons: Hawaiʻi, Māori, Tōkyō, Kyōto, Rīga, Šiauliai, ąžuolas.',
    'Tiếng Việt: Đà Nẵng, Huế, Phở, Bánh mì, Ừ, đã, để, ở.',
    "Pīnyīn: Běijīng, nǚ, lǜ, Xī'ān.",
    "Emoji: 🇺🇳 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f 🫠 "
    "🧑🏿\u200d🦯 👁️\u200d🗨️ ⭐️ ✔️ ☑️ ▶️ ⏭️ #️⃣ 🔟.",
    'Fullwidth: ＡＢＣ\u3000１２３！ ｶﾀｶﾅ （注）「引用」。',
    'Scripts: x² y³ z¹ — ½ ¼ ¾ — a ≠ b, ╔══╦══╗ ║ ╚══╩══╝ ▲△▼▽ ◆◇ ●○ ★☆.',
    'Marks: كِتَاب, שָׁלוֹם, नमस्ते, को, สวัสดี, ภาษาไทย.',
    'Deutsch: MÜNCHEN, ÜBER, GRÜẞE, Straße, Maß.',
    'Español: ¡Olé! ¿Qué tal? Ñandú, AÑO, pingüino.',
    'Català: col·lecció, Lleida, Paÿs.',
    'Quotes: „Äpfel“, »Öl«, ‚Übel‘, “Ärger”, ‘Ödön’, ‹Éva›.',
    'Dashes: Erdős–Rényi, 1990–2000, São Paulo—Rio, ÉTÉ—HIVER.',
    'Ellipsis: Ça…, Öl…, Ñ…, Á…, Ü…, ÂÂ…',
    'Kana: ウェブサイト、ｳｪﾌﾞ、ヴ、ゔ、ぱ。',
    'Hangul: 한국어, 대한민국, 안녕하세요.',
)


def unlisted_runs(lines: list[str], path_name: str, folder: Path) -> tuple[int, list[object]]:
    """Mangle `lines` along the path named `path_name` into a page in `folder` and
    lint it: (the uncertain lossy runs ENC003 reports, those whose true text its
    message does not list, each with the first candidates it does)."""
    from curriculint.checks.encoding import mojibake
    from curriculint.load.document import load
    from tests.test_mojibake_seed import listed

    path = next(found for found in PATHS if found.name == path_name)
    mangled = [mangle_line(line, path, salt=str(number)) for number, line in enumerate(lines)]
    assert all(item is not None for item in mangled)
    page = folder / "page.md"
    page.write_text("\n".join(item.text for item in mangled if item is not None) + "\n",
                    encoding="utf-8")
    missed, lossy = [], 0
    for finding in mojibake.check(load(page)):
        if finding.fix is not None and finding.fix.safe:
            continue
        lossy += 1
        item = mangled[finding.span.line - 1]
        assert item is not None
        truth = original_of(item, finding.span.column - 1, finding.span.end_column - 1)
        if truth is None or truth not in listed(finding.message):
            missed.append((truth, listed(finding.message)[:3]))
    return lossy, missed

