"""The embedded default (SQLite, `make run`) holds several users and the mail worker at once.

The real thing, as `make run` starts it: the demo in a database file, the development server
and the background worker as processes, staff clicking in threads (pages that write the
access log, a contact logged on a company) while the periodic job queues reminder mails.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
USERS = ["konsulent", "jobkonsulent", "indslusning", "vk-herlev", "jk-gladsaxe", "sekretariat"]
ROUNDS = 4


def _manage(env: dict[str, str], *args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    return subprocess.Popen(command, env=env, **kwargs)  # type: ignore[call-overload]  # noqa: S603


@pytest.fixture
def running_demo(tmp_path: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(JOBBRO_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="jobbro.settings.dev")
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        assert _manage(env, *command, stdout=subprocess.DEVNULL).wait() == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = _manage(env, "runserver", f"127.0.0.1:{port}", "--noreload", stderr=out)
        worker = _manage(env, "db_worker", "--no-startup-delay", stderr=out, stdout=out)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    requests.get(f"{base}/login/", timeout=5)
                    break
                except requests.ConnectionError:
                    time.sleep(0.2)
            yield base, log, env
        finally:
            for process in (server, worker):
                process.terminate()
                process.wait(timeout=20)


def _log_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/login/", timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    answer = session.post(
        f"{base}/login/",
        data={"csrfmiddlewaretoken": token[1], "username": username, "password": "jobbro-demo"},
        headers={"Referer": f"{base}/login/"},
        timeout=30,
    )
    assert "/login/" not in answer.url
    return session


def _click_around(base: str, username: str, failures: list[str]) -> None:
    session = _log_in(base, username)
    orders = re.findall(r'href="/job-orders/(\d+)/"', session.get(f"{base}/job-orders/").text)
    companies = re.findall(r'href="/companies/(\d+)/"', session.get(f"{base}/companies/").text)
    for n in range(ROUNDS):
        order = orders[n % len(orders)]
        paths = ["/", f"/job-orders/{order}/", "/job-orders/follow-ups/", "/companies/"]
        if username in ("konsulent", "jobkonsulent", "vk-herlev", "jk-gladsaxe", "sekretariat"):
            paths.append(f"/job-orders/{order}/candidates/")
        for path in paths:
            response = session.get(f"{base}{path}", timeout=60)
            if response.status_code >= 500:
                failures.append(f"{username} GET {path}: {response.status_code}")
        if username.startswith(("konsulent", "vk-")) and companies:
            url = f"{base}/companies/{companies[n % len(companies)]}/interactions/new/"
            response = session.post(
                url,
                data={"csrfmiddlewaretoken": session.cookies["csrftoken"], "kind": "call"},
                headers={"Referer": url},
                timeout=60,
            )
            if response.status_code >= 500:
                failures.append(f"{username} POST {url}: {response.status_code}")


def test_users_and_the_worker_share_the_database_file(running_demo) -> None:  # type: ignore[no-untyped-def]
    base, log, env = running_demo
    failures: list[str] = []
    threads = [threading.Thread(target=_click_around, args=(base, u, failures)) for u in USERS]
    for thread in threads:
        thread.start()
    # Meanwhile cron's job queues reminder mails, which the worker sends.
    reminders = _manage(env, "send_reminders", stdout=subprocess.DEVNULL)
    for thread in threads:
        thread.join()
    assert reminders.wait() == 0
    assert failures == []
    assert "database is locked" not in log.read_text(errors="replace")
    assert list((Path(env["JOBBRO_VAR_DIR"]) / "mail").iterdir()), "the worker sent no mail"
