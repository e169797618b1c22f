"""Done-when for the pages (issue 13): every page, at 1440×900 and 390×844, in every locale the
app offers, as a user of the demo company sees it.

One server on the demo data, one browser. The pages are found the way a user finds them: the
menu, then the links on those pages (record pages such as an invoice, a credit note, a payment
receipt, a customer, a bill, a purchase order, a Peppol transmission), one page per kind of
URL. Each page fails the test on:

- an answer of 400 or more (a link the app shows must lead somewhere), a console error or an
  uncaught exception;
- horizontal scrolling on the phone viewport;
- a raw code in the visible text (unit, emirate or method codes, snake_case identifiers,
  CamelCase event names), a number in ``1.5E+3`` notation, an amount without grouping
  (``8450.00``) or a date in ISO form (``2026-11-22``) rather than the reader's;
- in a language other than English, an English word in what the app itself names: buttons,
  table and field headings, labels, badges, card titles, chart labels (data such as names
  and descriptions sits elsewhere; acronyms and "Peppol" are the same in every language);
- an axe-core violation of serious or critical impact.

Screenshots of every page go to ``test-artifacts/walk/<locale>-<viewport>/`` (the super admin's
to ``superadmin-en-desktop/``; gitignored); the
path is printed. All problems are collected and reported together, page by page.

The walk takes a few minutes on a loaded 2-core machine: it carries the ``walk`` marker so
``make test`` can run it as its own step
(``.venv/bin/pytest -q -p no:cacheprovider -n 0 -m walk tests/browser/test_walk_pages.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import pytest

from core.i18n.selection import LOCALES
from tests.browser.server import ROOT, AppServer

pytestmark = [pytest.mark.browser, pytest.mark.walk]

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
PASSWORD = "ledgerline-demo"
ARTIFACTS = ROOT / "test-artifacts" / "walk"  # not test-results: pytest-playwright empties it
AXE = ROOT / "static" / "vendor" / "axe.min.js"
MAX_PAGES = 80

# Codes a user must never read as such (they may sit in a tooltip or a <code> element).
KNOWN_CODES = re.compile(
    r"\b(?:C62|HUR|H87|KGM|MON|DAY|AE-(?:AZ|DU|SH|AJ|UQ|RK|FU)|bank_transfer|credit_note"
    r"|FULL_MATCH|VARIANCE_DETECTED|PARTIAL_MATCH|NOT_MATCHED|PERMANENTLY_FAILED)\b"
)
SNAKE_CASE = re.compile(r"(?<![\w@./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
CAMEL_EVENT = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")  # InvoiceCreated
E_NOTATION = re.compile(r"\b\d+(?:[.,]\d+)?E[+-]?\d+\b")
UNGROUPED = re.compile(r"(?<![\d,.\w/-])\d{4,}\.\d{2}(?![\d\w])")  # 8450.00, not 8,450.00
ISO_DATE = re.compile(r"(?<![\w/-])20\d\d-[01]\d-[0-3]\d(?![\w-])")
# A word of the app's own English: three letters or more, not an acronym (TRN, AED, IBAN)
# nor a file extension (.xml).
ENGLISH_WORD = re.compile(r"(?<![.\w])(?!(?:Peppol|Ledgerline)\b)[A-Za-z]?[a-z]{2,}\b")

# Links that are not pages: downloads, exports, sign-out, the API, assets.
NOT_PAGES = re.compile(
    r"^/(?:api|static|logout|favicon)|\.(?:xml|pdf|csv|xlsx|zip|json|ndjson)$"
    r"|/(?:pdf|xml|ubl|export|download|receipt\.pdf)(?:/|$)"
)

# The visible text of the page, without code-like elements (hashes, ids shown as <code>)
# and without what the user typed (form values are not text nodes).
VISIBLE_TEXT_JS = """() => {
  const skip = "code, pre, kbd, samp, script, style, noscript, template, svg title";
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || el.closest(skip) || !node.textContent.trim()) continue;
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) continue;
    out.push(node.textContent.trim());
  }
  return out.join("\\n");
}"""

# What the app itself names (not the data it shows): each element's own text.
UI_TEXT_JS = """() => {
  const names = "button, th, dt, label, legend, summary, caption, mark, article > header,"
    + " a[role=button], svg text, [data-status], [data-payment-status]";
  const out = [];
  for (const el of document.querySelectorAll(names)) {
    if (el.closest("code, pre, select, template")) continue;
    if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3)
      .map(n => n.textContent).join(" ").trim();
    if (own) out.push(own);
  }
  return out;
}"""

# Each link with the status shown in its row, so one record page per state is walked (a
# draft, a sent, a void invoice, a credit note...), not only one per kind of URL.
LINKS_JS = """() => Array.from(document.querySelectorAll("main a[href], .ll-menu a[href]"))
  .filter(a => !a.hasAttribute("download"))
  .map(a => {
    const row = a.closest("tr");
    const badge = row && row.querySelector("[data-status]");
    return [a.getAttribute("href"), badge ? badge.getAttribute("data-status") : ""];
  })"""

AXE_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3)
      .map(n => n.target.join(" ")).join(" | ")})`);
}"""


@pytest.fixture(scope="module")
def demo_server(db_template, tmp_path_factory):
    """`flask demo` on a fresh database, then one server for the whole walk."""
    url = db_template()
    instance = tmp_path_factory.mktemp("walk")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "LEDGERLINE_INSTANCE_PATH": str(instance),
        "LEDGERLINE_JOBS_BACKEND": "immediate",
    }
    seeded = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr
    server = AppServer(url, instance)
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), "run scripts/build_assets.sh (axe-core from package.json)"
    return AXE.read_text()


def pattern(path: str) -> str:
    """One page per kind of URL: /invoicing/invoices/12 and /invoicing/invoices/7 are one."""
    return re.sub(r"\d+", "N", path.rstrip("/") or "/")


def text_problems(text: str) -> list[str]:
    found = []
    for name, regex in (
        ("raw code", KNOWN_CODES),
        ("identifier", SNAKE_CASE),
        ("event name", CAMEL_EVENT),
        ("E notation", E_NOTATION),
        ("ungrouped amount", UNGROUPED),
        ("ISO date", ISO_DATE),
    ):
        hits = sorted(set(regex.findall(text)))
        if hits:
            found.append(f"{name} in the text: {', '.join(hits[:8])}")
    return found


class Walk:
    """One signed-in browser context at one viewport and locale, collecting problems."""

    def __init__(self, browser, base: str, locale: str, viewport: str, axe: str):
        width, height = VIEWPORTS[viewport]
        self.base, self.axe, self.viewport, self.locale = base, axe, viewport, locale
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, locale=locale
        )
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.console.append(f"uncaught: {e}"))
        self.shots = ARTIFACTS / f"{locale}-{viewport}"
        self.shots.mkdir(parents=True, exist_ok=True)
        self.problems: dict[str, list[str]] = {}

    def sign_in(self, email: str) -> None:
        if email.startswith("root@"):
            self.shots = self.shots.with_name(f"superadmin-{self.shots.name}")
            self.shots.mkdir(parents=True, exist_ok=True)
        page = self.page
        page.goto(self.base + "/login")
        page.locator('input[name="email"]').fill(email)
        page.locator('input[name="password"]').fill(PASSWORD)
        page.locator('button[type="submit"]').click()
        page.wait_for_url(self.base + "/")

    def visit(self, path: str) -> list[tuple[str, str]]:
        """Check one page; return the same-origin links it shows, with their row's status."""
        self.console.clear()
        head = self.context.request.get(self.base + path, max_redirects=5)
        if head.status >= 400:
            self._note(path, f"answered {head.status}")
            return []
        if "text/html" not in head.headers.get("content-type", ""):
            return []
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        self._check(path)
        return self._links(path)

    def _check(self, path: str) -> None:
        page = self.page
        for message in self.console:
            self._note(path, f"console: {message[:200]}")
        if self.viewport == "phone":
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > page.viewport_size["width"]:
                self._note(path, f"scrolls sideways: {wide}px wide")
        for problem in text_problems(page.evaluate(VISIBLE_TEXT_JS)):
            self._note(path, problem)
        if self.locale != "en":
            english = sorted({t for t in page.evaluate(UI_TEXT_JS) if ENGLISH_WORD.search(t)})
            if english:
                self._note(path, f"English in the {self.locale} page: {' | '.join(english[:8])}")
        page.evaluate(self.axe)
        for violation in page.evaluate(AXE_JS):
            self._note(path, f"axe {violation}")
        name = re.sub(r"[^a-zA-Z0-9]+", "_", path).strip("_") or "dashboard"
        page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)

    def _links(self, path: str) -> list[tuple[str, str]]:
        found = []
        for href, status in self.page.evaluate(LINKS_JS):
            url = urlsplit(urljoin(self.base + path, href))
            if url.netloc != urlsplit(self.base).netloc or NOT_PAGES.search(url.path):
                continue
            found.append((url.path + (f"?{url.query}" if url.query else ""), status))
        return found

    def _note(self, path: str, problem: str) -> None:
        self.problems.setdefault(path, []).append(problem)

    def walk(self) -> None:
        """The menu first, then the pages they link to, one page per kind of URL and state."""
        queue = [("/", "")]
        seen: set[str] = set()
        while queue and len(seen) < MAX_PAGES:
            path, status = queue.pop(0)
            key = f"{pattern(urlsplit(path).path)}|{status}"
            if key in seen:
                continue
            seen.add(key)
            queue.extend(self.visit(path))
        self.context.close()


def _report(problems: dict[str, list[str]]) -> str:
    lines = []
    for path, found in sorted(problems.items()):
        lines.append(path)
        lines.extend(f"    {p}" for p in dict.fromkeys(found))
    return "\n".join(lines)


def _walk(browser, base, axe, locale, viewports, email) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for viewport in viewports:
        walk = Walk(browser, base, locale, viewport, axe)
        walk.sign_in(email)
        walk.walk()
        for path, found in walk.problems.items():
            problems.setdefault(f"[{viewport}] {path}", []).extend(found)
    return problems


@pytest.mark.parametrize("locale", list(LOCALES))
def test_every_page_reads_cleanly_at_both_sizes(browser, demo_server, axe_source, locale):
    problems = _walk(browser, demo_server, axe_source, locale, VIEWPORTS, "admin@acme.ae")
    print(f"\nscreenshots: {ARTIFACTS}/{locale}-*/")
    assert not problems, "\n" + _report(problems)


def test_super_admin_pages_read_cleanly(browser, demo_server, axe_source):
    """The super admin's menu (Company was a 404) and what it reads of every company."""
    problems = _walk(browser, demo_server, axe_source, "en", ["desktop"], "root@ledgerline.local")
    assert not problems, "\n" + _report(problems)
