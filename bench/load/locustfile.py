"""A working day's users of a national cooperation, for locust (run by bench/load_test.py).

Each simulated user logs in once as one of the national logins (password and the second
factor, as production asks), through the HTTPS proxy's headers, from an address of its own,
then clicks through its role's pages with a pause between clicks. The plan (logins, their
TOTP keys, the ids of open job orders, each centre's candidates, the companies) is written
by bench/load_test.py to the file in JOBBRO_LOAD_PLAN.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from typing import Any

from django_otp.oath import TOTP
from locust import HttpUser, between, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["JOBBRO_LOAD_PLAN"]).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Caseworker(HttpUser):
    abstract = True
    role = ""
    wait_time = between(PLAN["think_seconds"][0], PLAN["think_seconds"][1])

    def on_start(self) -> None:
        account = PLAN["accounts"][self.role].pop()
        self.centre = account["centre"]
        self.client.headers.update(
            {
                "Host": PLAN["host"],
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": account["ip"],
                "Referer": f"https://{PLAN['host']}/",
                "Accept-Language": "da",
            }
        )
        self._post_form("/login/", {"username": account["username"], "password": PLAN["password"]})
        token = TOTP(bytes.fromhex(account["key"])).token()
        self._post_form("/login/two-factor/", {"token": f"{token:06d}"})

    def _cookies(self) -> dict[str, str]:
        """The session's cookies as the browser sends them. They are Secure (__Host-), and
        requests keeps those from plain HTTP; behind the proxy gunicorn speaks plain HTTP."""
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())}

    def _post_form(self, url: str, data: dict[str, str]) -> None:
        with self.client.get(
            url, name="login", headers=self._cookies(), catch_response=True
        ) as page:
            found = CSRF.search(page.text)
            if not found:
                page.failure(f"no form at {url}")
                return
        data = {"csrfmiddlewaretoken": found.group(1), **data}
        with self.client.post(
            url, data=data, name="login", headers=self._cookies(), catch_response=True
        ) as answer:
            if answer.url and answer.url.rstrip("/").endswith(url.rstrip("/")):
                answer.failure(f"{url} refused the login")

    def _get(self, url: str, name: str) -> None:
        with self.client.get(
            url, name=name, headers=self._cookies(), catch_response=True
        ) as response:
            if "/login" in (response.url or ""):
                response.failure("logged out")

    @task(1)
    def start_page(self) -> None:
        self._get("/", "start page")


class JobConsultant(_Caseworker):
    """Finds candidates for the cooperation's job orders and reads their CVs."""

    role = "job_consultant"
    fixed_count = PLAN["users"][role]

    @task(4)
    def ranked_list(self) -> None:
        job_order = random.choice(PLAN["open_job_orders"])
        self._get(f"/job-orders/{job_order}/candidates/", "ranked list")

    @task(2)
    def job_order(self) -> None:
        job_order = random.choice(PLAN["open_job_orders"])
        self._get(f"/job-orders/{job_order}/", "job order")

    @task(2)
    def candidate(self) -> None:
        candidate = random.choice(PLAN["candidates"][str(self.centre)])
        self._get(f"/candidates/{candidate}/", "candidate")

    @task(1)
    def candidates(self) -> None:
        self._get("/candidates/", "candidate list")

    @task(1)
    def job_orders(self) -> None:
        self._get("/job-orders/", "job order list")


class BusinessConsultant(_Caseworker):
    """Keeps the companies, their contact and their job orders."""

    role = "business_consultant"
    fixed_count = PLAN["users"][role]

    @task(3)
    def company(self) -> None:
        company = random.choice(PLAN["companies"])
        self._get(f"/companies/{company}/", "company")

    @task(1)
    def companies(self) -> None:
        self._get("/companies/", "company list")

    @task(1)
    def agenda(self) -> None:
        self._get("/companies/agenda/", "agenda")

    @task(2)
    def job_order(self) -> None:
        job_order = random.choice(PLAN["open_job_orders"])
        self._get(f"/job-orders/{job_order}/", "job order")

    @task(1)
    def job_orders(self) -> None:
        self._get("/job-orders/", "job order list")


class SteeringMember(_Caseworker):
    """Reads the key figures."""

    role = "steering_group"
    fixed_count = PLAN["users"][role]

    @task(2)
    def key_figures(self) -> None:
        self._get("/kpis/", "key figures")


class Manager(SteeringMember):
    """Reads the key figures and prepares the week's board meeting."""

    role = "manager"
    fixed_count = PLAN["users"][role]

    @task(1)
    def board(self) -> None:
        self._get("/board/", "board meeting")
