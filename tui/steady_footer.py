"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys whenever the screen's bindings may have
changed (each focus move, each mount), and each rebuilt key restyles itself twice
on the way in (its compact look set, then bound to the footer's). On the study
screen that was three rebuilds before the first card settled: a third of the time
from the card chosen to the card painted. This one rebuilds once per real change
(what it would show differs from what it shows) and gives each key the footer's
look before it is mounted. What it shows is exactly Textual's Footer.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class SteadyFooter(Footer):
    """A Footer that keeps its keys while the bindings it shows stay the same."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._composed_for: tuple | None = None
        """What the keys on show were built from (None: nothing built yet)."""
        self._rebuild_pending = False

    def _shown(self) -> tuple:
        """Everything Footer.compose reads to build its keys, in order."""
        app = self.app
        shown = tuple(
            (
                binding.key,
                binding.action,
                binding.description,
                app.get_key_display(binding),
                binding.group,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (shown, self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._composed_for = self._shown()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or {}):
                # the look the footer binds it to, set before mounting: no restyle (the
                # command palette's key is not bound and keeps its own)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._shown() != self._composed_for:
            await self.recompose()
