"""The hard rules: names and explanations are msgids that the Babel catalogue translates."""

from __future__ import annotations

from enum import StrEnum

from .text import _


class Rule(StrEnum):
    """A hard rule that a proposal never breaks."""

    PROGRAMME = "programme"
    PROGRAMME_AGE = "programme_age"
    POLICE_CERTIFICATE = "police_certificate"
    SHARED_LANGUAGE = "shared_language"
    TRAVEL = "travel"
    EXCLUDED = "excluded"
    CAPACITY = "capacity"

    @property
    def label(self) -> str:
        """Return the German msgid naming the rule."""
        return _LABELS[self]

    @property
    def explanation(self) -> str:
        """Return the German msgid explaining why nobody fits a mentee because of this rule."""
        return _EXPLANATIONS[self]

    @property
    def mentor_explanation(self) -> str:
        """Return the German msgid explaining why nobody fits a volunteer because of this rule."""
        return _MENTOR_EXPLANATIONS[self]


_LABELS = {
    Rule.PROGRAMME: _("Gleiches Programm"),
    Rule.PROGRAMME_AGE: _("Altersgrenzen des Programms"),
    Rule.POLICE_CERTIFICATE: _("Erweitertes Führungszeugnis bei Minderjährigen"),
    Rule.SHARED_LANGUAGE: _("Gemeinsame Sprache"),
    Rule.TRAVEL: _("Erreichbarkeit"),
    Rule.EXCLUDED: _("Ausschlüsse"),
    Rule.CAPACITY: _("Freie Kapazität"),
}
_EXPLANATIONS = {
    Rule.PROGRAMME: _("niemand Passendes ist für dieses Programm angemeldet"),
    Rule.PROGRAMME_AGE: _("das Alter liegt außerhalb der Altersgrenzen des Programms"),
    Rule.POLICE_CERTIFICATE: _("niemand hat ein gültiges erweitertes Führungszeugnis"),
    Rule.SHARED_LANGUAGE: _("niemand spricht eine gemeinsame Sprache"),
    Rule.TRAVEL: _("niemand kommt bis in diesen Stadtteil"),
    Rule.EXCLUDED: _("alle übrigen Personen sind ausgeschlossen"),
    Rule.CAPACITY: _("niemand hat noch freie Kapazität"),
}
_MENTOR_EXPLANATIONS = {
    Rule.PROGRAMME: _("niemand fragt in diesem Programm an"),
    Rule.PROGRAMME_AGE: _("niemand im Alter des Programms fragt an"),
    Rule.POLICE_CERTIFICATE: _(
        "ohne gültiges erweitertes Führungszeugnis keine Begleitung Minderjähriger"
    ),
    Rule.SHARED_LANGUAGE: _("niemand spricht eine gemeinsame Sprache"),
    Rule.TRAVEL: _("niemand wohnt im erreichbaren Gebiet"),
    Rule.EXCLUDED: _("alle übrigen Personen sind ausgeschlossen"),
    Rule.CAPACITY: _("keine freie Kapazität mehr"),
}
