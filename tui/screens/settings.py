"""Edit the learner's settings; quizgen.study.settings checks each value before it is kept."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from quizgen.study.settings import SettingsError, describe_settings, set_setting

SHOWN = (
    "new_per_day",
    "reviews_per_day",
    "desired_retention",
    "learning_steps",
    "relearning_steps",
    "answer_mode",
    "day_start_hour",
    "timezone",
)
"""fsrs_parameters is left to `quiz optimize` / `quiz config`: 21 numbers do not fit here."""

LABELS = {
    "new_per_day": "New cards a day",
    "reviews_per_day": "Reviews a day",
    "desired_retention": "Retention",
    "learning_steps": "Learning steps",
    "relearning_steps": "Relearning steps",
    "answer_mode": "Answer mode",
    "day_start_hour": "Day starts at",
    "timezone": "Time zone",
}
"""What each field is called on screen (and in its error, with the `quiz config` key)."""


class SettingsScreen(Screen):
    """Tab between fields; Enter saves them all, Escape leaves (asking first if edited)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "close", "Back"),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Previous", show=False),
    ]

    def compose(self) -> ComposeResult:
        current = {
            key: (value, description) for key, value, description in describe_settings(self.app.db)
        }
        yield Static(Text("Settings", style="bold"), id="settings-title")
        with VerticalScroll(id="settings-form"):
            for key in SHOWN:
                value, description = current[key]
                with Horizontal(classes="setting-row"):
                    yield Label(LABELS.get(key, key), classes="setting-name")
                    yield Input(value, id=f"setting-{key}", classes="setting-value")
                    yield Static(Text(description, style="dim"), classes="setting-help")
        yield Static(Text("Enter or Ctrl+S: save · Esc: back", style="dim"), id="settings-status")
        yield Footer()

    def on_mount(self) -> None:
        self._saved = self._values()
        self._leave_armed = False
        self.query_one(f"#setting-{SHOWN[0]}", Input).focus()

    def _values(self) -> dict[str, str]:
        return {key: self.query_one(f"#setting-{key}", Input).value for key in SHOWN}

    @on(Input.Changed)
    def _edited(self) -> None:
        self._leave_armed = False

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        errors = []
        for key in SHOWN:
            field = self.query_one(f"#setting-{key}", Input)
            try:
                set_setting(self.app.db, key, field.value)
                field.remove_class("invalid")
            except SettingsError as error:
                errors.append(f"{LABELS.get(key, key)} ({key}): {error}")
                field.add_class("invalid")
        status = self.query_one("#settings-status", Static)
        self.app.reload_settings()
        if errors:
            status.update(Text("\n".join(errors), style="red"))
            return
        self.app.notify("Settings saved", timeout=2)
        self.app.pop_screen()

    def action_close(self) -> None:
        if self._values() != self._saved and not self._leave_armed:
            self._leave_armed = True
            self.query_one("#settings-status", Static).update(
                Text("Unsaved changes: Esc again drops them · Enter saves", style="bold yellow")
            )
            return
        self.app.pop_screen()
