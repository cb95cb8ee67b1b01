"""Free text accepted from users (pure): no control characters. PostgreSQL refuses NUL in
text columns, and the other C0 controls have no business in a name or a reason."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


PlainText = Annotated[str, AfterValidator(no_control)]
