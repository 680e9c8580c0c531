"""The web explorer: API tests with FastAPI's test client and browser tests in headless Chromium."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyads.web import create_app

SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

ARTICLES = {
    "aid.txt": "Russia sends rescue teams to Iran\n\nPublished on March 14, 2023\n\n"
               "Russia sent rescue teams to Iran after the earthquake on Monday.\n\n"
               "Iran thanked Russia for the rescue teams.\n",
    "talks.txt": "Moscow and Tehran hold talks\n\nPublished on June 2, 2023\n\n"
                 "Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Hossein Amir-Abdollahian "
                 "in Moscow on Thursday.\n\nThe United States imposed sanctions on Iran on Friday.\n",
    "hostile.txt": "Hostile <script>alert('x')</script> headline\n\nPublished on July 3, 2023\n\n"
                   "Iran condemned Israel on Monday <img src=x onerror=\"alert('pwned')\"> in a statement "
                   "<script>document.title='hacked'</script> read on state television.\n",
}


@pytest.fixture(scope="module")
def web_db(store_from_articles):
    return store_from_articles(ARTICLES)


@pytest.fixture(scope="module")
def client(web_db, loaded_pipeline):
    return TestClient(create_app(web_db, kb=loaded_pipeline._part("kb")))


def test_api_summary_dyad_events_actor_search(client):
    summary = client.get("/api/summary").json()
    assert summary["counts"]["documents"] == 3
    assert any({d["a"], d["b"]} == {"IRN", "RUS"} for d in summary["dyads"])
    dyad = client.get("/api/dyad", params={"a": "Russia", "b": "Iran", "by": "month"}).json()
    periods = {(r["period"], r["direction"]) for r in dyad["series"]}
    assert ("2023-03-01", "RUS -> IRN") in periods and ("2023-06-01", "RUS -> IRN") in periods
    events = client.get("/api/events", params={"source": "Russia", "target": "Iran", "either": "true"}).json()
    assert {e["cameo"][:2] for e in events["events"]} >= {"07", "05"}
    actor = client.get("/api/actor/Sergei Lavrov").json()
    assert actor["actor"]["name"] == "Sergei Lavrov" and actor["timeline"]
    found = client.get("/api/search", params={"q": "earthquake"}).json()["results"]
    assert {r["kind"] for r in found} == {"article", "event"}
    assert client.get("/api/actor/Nobody Atall").status_code == 404
    assert "/api/dyad" in client.get("/openapi.json").json()["paths"]


def test_pages_render_and_escape_article_text(client):
    for path in ("/", "/dyad?a=Russia&b=Iran", "/actor/Iran", "/search?q=sanctions"):
        response = client.get(path)
        assert response.status_code == 200, path
    event_id = next(e["event_id"] for e in client.get("/api/events", params={"source": "Iran"}).json()["events"]
                    if "condemned" in e["sentence"])
    page = client.get(f"/event/{event_id}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=" in page and '<mark id="evidence">' in page
    assert client.get("/static/plotly.min.js").status_code == 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_db):
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "dyads.cli", "serve", "--db", str(web_db), "--port", str(port)],
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it in CI)")
def test_browser_walk_dashboard_dyad_period_event(server):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(server + "/")
        page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
        page.click("a.dyad-link:has-text('IRN')")
        page.wait_for_selector("#chart .main-svg")
        page.screenshot(path=str(SCREENSHOTS / "dyad.png"), full_page=True)
        page.click("button.period[data-period='2023-03-01']")
        page.wait_for_selector("#period-events table a")
        assert "rescue teams" in page.inner_text("#period-events")
        page.screenshot(path=str(SCREENSHOTS / "dyad-period.png"), full_page=True)
        page.click("#period-events table a >> nth=0")
        page.wait_for_selector("mark#evidence")
        assert page.inner_text("mark#evidence").strip()
        page.screenshot(path=str(SCREENSHOTS / "event.png"), full_page=True)
        page.goto(server + "/actor/Russia")
        page.wait_for_selector("#network .main-svg")
        page.screenshot(path=str(SCREENSHOTS / "actor.png"), full_page=True)
        page.goto(server + "/search?q=condemned")
        page.click("ul.results a >> nth=0")
        page.wait_for_selector("mark#evidence")
        assert "<img src=x onerror=" in page.inner_text("article.article")  # shown as text
        assert page.title() != "hacked" and not dialogs
        page.screenshot(path=str(SCREENSHOTS / "hostile-event.png"), full_page=True)
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(server + "/")
        phone.screenshot(path=str(SCREENSHOTS / "dashboard-phone.png"), full_page=True)
        browser.close()
    assert not dialogs


def test_serves_while_a_run_adds_articles(tmp_path, web_db):
    """A run writing to the store does not stop the explorer, and new articles show without a restart."""
    import json
    import urllib.request

    db = tmp_path / "live.duckdb"
    db.write_bytes(web_db.read_bytes())
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "dyads.cli", "serve", "--db", str(db), "--port", str(port)])
    corpus = tmp_path / "more"
    corpus.mkdir()
    for i in range(24):
        (corpus / f"{i}.txt").write_text(f"Note {i}\n\nPublished on May {1 + i}, 2022\n\nTurkey sent aid to Syria "
                                         f"for the {i + 1}th time, officials said.\n", encoding="utf-8")
    try:
        url = f"http://127.0.0.1:{port}/api/summary"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                before = json.load(urllib.request.urlopen(url, timeout=30))["counts"]["documents"]
                break
            except OSError:
                time.sleep(0.3)
        run = subprocess.Popen([sys.executable, "-m", "dyads.cli", "run", str(corpus), "--db", str(db), "--quiet",
                                "--batch-size", "3", "--workers", "1"])
        answers = []
        while run.poll() is None:
            answers.append(json.load(urllib.request.urlopen(url, timeout=60))["counts"]["documents"])
            time.sleep(0.2)
        assert run.returncode == 0
        after = json.load(urllib.request.urlopen(url, timeout=60))["counts"]["documents"]
        assert before == 3 and after == 27
        assert answers and all(before <= n <= after for n in answers)
    finally:
        server.terminate()
        server.wait(timeout=30)
