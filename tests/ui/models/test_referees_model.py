"""The Referees tab's item models follow Qt's rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.services.referees import referees as referee_service


def test_referee_models_pass_the_model_tester(qtmodeltester: Any, demo_store: Path) -> None:
    from desktop_app.ui.models.referees_model import RefereesModel

    model = RefereesModel()
    model.set_rows(referee_service.list_referee_rows())
    qtmodeltester.check(model)
