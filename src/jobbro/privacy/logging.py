"""Keep CPR numbers out of log lines and error reports."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.views.debug import SafeExceptionReporterFilter

# Ten digits, with or without the dash after the birth date; not part of a longer number.
CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")
REDACTED = "[CPR]"


def redact(text: str) -> str:
    return CPR_PATTERN.sub(REDACTED, text)


class RedactCprFilter(logging.Filter):
    """Replaces anything shaped like a CPR number in the message and its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix here
            return True
        if CPR_PATTERN.search(message) or (record.exc_text and CPR_PATTERN.search(record.exc_text)):
            record.msg = redact(message)
            record.args = None
            if record.exc_text:
                record.exc_text = redact(record.exc_text)
        return True


class CprSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's error pages and mails: CPR fields and CPR-shaped values are hidden too."""

    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|CPR", flags=re.IGNORECASE
    )

    def get_post_parameters(self, request: Any) -> Any:
        params = super().get_post_parameters(request)
        if request is None or not params:
            return params
        cleansed = params.copy()
        for name, value in params.items():
            if "cpr" in name.lower() or (isinstance(value, str) and CPR_PATTERN.search(value)):
                cleansed[name] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        """Every frame, not only views marked sensitive: a selector's `cpr` argument too."""
        cleansed = []
        for name, value in super().get_traceback_frame_variables(request, tb_frame):
            if "cpr" in name.lower() and name.lower() != "cpr_hash":
                value = self.cleansed_substitute
            else:
                try:
                    text = repr(value)
                except Exception:  # a broken repr is shown as Django shows it
                    text = ""
                if CPR_PATTERN.search(text):
                    value = redact(text)
            cleansed.append((name, value))
        return cleansed

    def cleanse_special_types(self, request: Any, value: Any) -> Any:
        value = super().cleanse_special_types(request, value)
        if isinstance(value, str) and CPR_PATTERN.search(value):
            return redact(value)
        return value
