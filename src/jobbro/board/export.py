"""The board as a report to take out of Jobbro (.xlsx, PDF): the page's sections as tables.

Figures are numbers in the spreadsheet (`kpis.measures.export_count`, `export_cell`), but
what leaves the cooperation shows every count from 1 to 4 as the text "<5":
positions and hires alike, and a share or median built on such a count not at all. Days
(to a deadline, without a referral) and the counts of job orders, events and occupations
describe no person and stay exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.template.defaultfilters import date as date_format
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jobbro.joborders.models import JobOrder
from jobbro.kpis.measures import Durations, export_cell, export_count
from jobbro.reports import Cell, Report, Table, count_cell

from . import selectors
from .forms import week_value
from .selectors import Board, Ease


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _run_by(order: JobOrder) -> str:
    return _("The secretariat") if order.by_secretariat else order.job_centre.name


def _days(value: int | None) -> Cell:
    return "–" if value is None else count_cell(value)


def _orders(caption: str, orders: Sequence[JobOrder]) -> Table:
    return Table(
        caption,
        [_("Company"), _("Job order"), _("Occupation"), _("Kind"), _("Positions"),
         _("Hours a week"), _("Deadline"), _("Run by")],
        [
            [o.company.name, o.title, o.occupation.label, str(o.get_kind_display()).capitalize(),
             export_count(o.positions), count_cell(o.hours_per_week), _day(o.deadline), _run_by(o)]
            for o in orders
        ],
        numeric=frozenset({4, 5}),
    )  # fmt: skip


def _ease(caption: str, rows: Sequence[Ease]) -> Table:
    return Table(
        caption,
        [_("Occupation"), _("Job orders"), _("Positions"), _("Filled"), _("Share filled"),
         _("Days to a hire (median)")],
        [
            [r.occupation.label, export_count(r.orders), export_count(r.positions),
             export_count(r.filled), export_cell(r.share), _median(r)]
            for r in rows
        ],
        numeric=frozenset({1, 2, 3, 4, 5}),
    )  # fmt: skip


def _median(row: Ease) -> Cell:
    if row.median_days is None:
        return "–"
    return export_cell(Durations(row.median_days, None, row.hires))


def board_report(board: Board, scope_name: str) -> Report:
    number, year = board.week.start.isocalendar()[1], board.week.start.isocalendar()[0]
    title = _("Board meeting, week %(number)s %(year)s") % {"number": number, "year": year}
    subtitle = _("%(scope)s, %(start)s to %(end)s, as of %(moment)s") % {
        "scope": scope_name,
        "start": _day(board.week.start),
        "end": _day(board.week.end),
        "moment": date_format(timezone.localtime(board.as_of), "SHORT_DATETIME_FORMAT"),
    }
    figures = Table(
        _("The week in figures"),
        [_("Figure"), _("Count")],
        [
            [_("new positions"), export_count(board.new_positions_total)],
            [_("in wage subsidies and small jobs"), export_count(board.subsidised_total)],
            [_("hires recorded"), export_count(board.hires_total)],
            # Events, occupations and job orders are no people: their counts stay exact.
            [_("coming events"), count_cell(len(board.events))],
            [_("occupations hard to fill"), count_cell(len(board.hard))],
            [_("job orders stuck"), count_cell(board.stuck_count)],
        ],
        numeric=frozenset({1}),
    )
    filled = Table(
        _("Filled"),
        [_("Company"), _("Job order"), _("Occupation"), _("Hires in the week"),
         _("Filled"), _("Positions"), _("First working day")],
        [
            [f.job_order.company.name, f.job_order.title, f.job_order.occupation.label,
             export_count(f.hires), export_count(f.filled),
             export_count(f.job_order.positions), _day(f.first_day)]
            for f in board.filled
        ],
        numeric=frozenset({3, 4, 5}),
    )  # fmt: skip
    events = Table(
        _("Coming events"),
        [_("Event"), _("Starts"), _("Where"), _("Organiser")],
        [
            [
                e.title,
                date_format(timezone.localtime(e.starts_at), "SHORT_DATETIME_FORMAT"),
                e.location,
                e.job_centre.name,
            ]
            for e in board.events
        ],
    )  # fmt: skip
    teams = Table(
        _("New course teams"),
        [_("Course"), _("Provider"), _("Starts"), _("Where"), _("Seats"),
         _("Seats reserved"), _("Host")],
        [
            [c.team.course.title, c.team.course.provider.name, _day(c.team.starts_on),
             c.team.place, count_cell(c.team.seats), count_cell(c.reserved), c.team.host.name]
            for c in board.teams
        ],
        numeric=frozenset({4, 5}),
    )  # fmt: skip
    stuck = Table(
        _("Stuck job orders"),
        [_("Company"), _("Job order"), _("Open positions"), _("Deadline"),
         _("Days past the deadline"), _("Days without a referral"),
         _("Candidates waiting for the company"), _("Longest wait (days)"), _("Run by")],
        [
            [s.job_order.company.name, s.job_order.title, export_count(s.open_positions),
             _day(s.job_order.deadline), _days(s.overdue_days), _days(s.days_without_referral),
             export_count(s.waiting) if s.waiting else "–", _days(s.longest_wait_days),
             _run_by(s.job_order)]
            for s in board.stuck
        ],
        numeric=frozenset({2, 4, 5, 6, 7}),
    )  # fmt: skip
    return Report(
        title=title,
        subtitle=subtitle,
        tables=[
            figures,
            _orders(_("New positions"), board.new_positions),
            _orders(_("Wage subsidies and small jobs"), board.subsidised),
            filled,
            events,
            teams,
            _ease(_("Easy to fill"), board.easy),
            _ease(_("Hard to fill"), board.hard),
            stuck,
        ],
        notes=[
            _(
                "<5: a count from 1 to 4, hidden so no one can be recognised; so are the "
                "shares and medians built on such a count."
            ),
            _(
                "Wage subsidies and small jobs: those kinds, and ordinary jobs of at most "
                "%(hours)s hours a week. Easy and hard to fill: by occupation, the job orders "
                "whose deadline passed in the last %(weeks)s weeks; easy at least %(easy)s %% "
                "filled, hard under %(hard)s %%."
            )
            % {
                "hours": selectors.SMALL_JOB_HOURS,
                "weeks": selectors.EASE_WEEKS,
                "easy": round(100 * selectors.EASY_SHARE),
                "hard": round(100 * selectors.HARD_SHARE),
            },
            _(
                "Stuck: open job orders with positions unfilled whose deadline has passed, "
                "with no referral %(days)s days after they arrived, or with a candidate "
                "waiting %(wait)s days or more for the company's answer."
            )
            % {"days": selectors.NO_REFERRAL_DAYS, "wait": selectors.WAITING_DAYS},
            *_stuck_listed_note(board),
        ],
    )


def _stuck_listed_note(board: Board) -> list[str]:
    if board.stuck_count <= len(board.stuck):
        return []
    return [
        _(
            "The %(listed)s longest stuck of %(total)s are listed; a job centre's board lists "
            "its own."
        )
        % {
            "listed": len(board.stuck),
            "total": number_format(board.stuck_count, force_grouping=True),
        }
    ]


def filename(board: Board) -> str:
    name = pgettext("file name", "board-meeting")
    return f"{name}-{week_value(board.week)}"
