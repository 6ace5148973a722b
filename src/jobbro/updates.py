"""One way to change a stored row from an edit form's data (after HackSoft's `model_update`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

M = TypeVar("M", bound=Model)


def model_update(
    *,
    instance: M,
    fields: Collection[str],
    data: Mapping[str, Any],
    before_save: Callable[[M], None] | None = None,
) -> tuple[M, bool]:
    """Set `data` (only names in `fields`; strings stripped) on `instance`, as loaded from
    the database, and write what changed; return the instance and whether anything did.

    `before_save` runs once the data is set: it derives dependent fields and raises
    ValidationError for what the model's own validation does not check; its changes are
    written too. A changed row is validated (`full_clean`) and saved with only the changed
    fields (and `auto_now` ones); many-to-many fields are replaced after it, when changed.
    """
    unknown = set(data) - set(fields)
    if unknown:
        # A programming error: the caller passed what the edit is not allowed to change.
        raise TypeError(f"{type(instance).__name__} cannot have {sorted(unknown)} changed here")
    concrete = [field for field in instance._meta.concrete_fields if not field.primary_key]
    stored = {field.attname: getattr(instance, field.attname) for field in concrete}
    links: dict[str, list[Model]] = {}
    for name, value in data.items():
        if instance._meta.get_field(name).many_to_many:
            links[name] = list(value)
        else:
            setattr(instance, name, value.strip() if isinstance(value, str) else value)
    if before_save is not None:
        before_save(instance)
    changed = [
        field.name
        for field in concrete
        if getattr(instance, field.attname) != stored[field.attname]
    ]
    if changed:
        changed += [
            field.name
            for field in concrete
            if getattr(field, "auto_now", False) and field.name not in changed
        ]
        instance.full_clean()
        instance.save(update_fields=changed)
    for name, targets in links.items():
        manager = getattr(instance, name)
        if set(manager.values_list("pk", flat=True)) != {target.pk for target in targets}:
            manager.set(targets)
            changed.append(name)
    return instance, bool(changed)


def refuse_stale(stored: Model, expected_version: int | None, message: str) -> None:
    """Refuse an edit made on a version of `stored` (locked, as in the database) that someone
    else has changed since: `expected_version` is the version the form showed (None: the
    caller did not send one, as the API's partial updates may not)."""
    if expected_version is not None and stored.version != expected_version:  # type: ignore[attr-defined]
        raise ValidationError(message, code="stale_version")


def bump_version(stored: Model) -> None:
    """Mark a change of the locked row `stored`, so forms showing the older version are
    refused (`refuse_stale`)."""
    stored.version += 1  # type: ignore[attr-defined]
    stored.save(update_fields=["version"])
