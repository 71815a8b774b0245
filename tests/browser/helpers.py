"""Accessibility assertions for Playwright pages (used through tests/browser/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bassins.config import PROJECT_DIR

AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
A11Y_JS = (Path(__file__).parent / "a11y.js").read_text(encoding="utf-8")


def basic_problems(page) -> list[str]:
    """The accessibility basics a screen reader needs that the page misses (see a11y.js)."""
    return list(page.evaluate(A11Y_JS))


def assert_accessible(page, *, axe: bool = True, axe_disable: tuple[str, ...] = ()) -> None:
    """Fails with the list of problems (each naming the element) when the page misses an
    accessibility basic or breaks an axe-core WCAG 2.1 A/AA rule."""
    problems = basic_problems(page)
    if axe:
        problems += axe_violations(page, disable=axe_disable)
    assert not problems, f"{page.url}: {len(problems)} accessibility problem(s):\n  " + "\n  ".join(
        problems
    )


def axe_violations(page, *, disable: tuple[str, ...] = ()) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the page, one line per rule and element."""
    if not AXE_JS.is_file():
        pytest.fail(
            f"axe-core not found at {AXE_JS}: run `make vendor` (npm ci installs the "
            "axe-core version pinned in package.json)"
        )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in disable},
    }
    violations = page.evaluate(
        "async (options) => (await axe.run(document, options)).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " targets: v.nodes.map(n => n.target.join(' '))}))",
        options,
    )
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']}: {target}"
        for v in violations
        for target in v["targets"]
    ]
