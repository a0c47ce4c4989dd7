from .base import CaseStudyPage, CaseStudyStatus
from .pages import CaseLibraryPage, InitiativePage, SolutionPage
from .taxonomy import SustainableDevelopmentGoal, Theme

__all__ = [
    "CaseLibraryPage",
    "CaseStudyPage",
    "CaseStudyStatus",
    "InitiativePage",
    "SolutionPage",
    "SustainableDevelopmentGoal",
    "Theme",
]
