"""Every model, imported in one place so the metadata is complete for migrations and tests."""

from dialog.accounts.models import Organisation, StaffSession, User
from dialog.audit import AuditEvent
from dialog.concerns.models import AnalysisRun, AnalystDecision, ConcernCluster, ConcernMembership
from dialog.db import Base
from dialog.dialogues.models import Dialogue, InviteBatch, InviteCode, dialogue_organiser
from dialog.pagecache import PublicContent
from dialog.promises.models import (
    Activity,
    EffectGoal,
    FeedbackUpdate,
    FocusArea,
    Promise,
    PromisePlan,
    Signatory,
)
from surveys.models import Answer, Question, Questionnaire, QuestionOption, Response

metadata = Base.metadata

__all__ = [
    "Activity",
    "AnalysisRun",
    "AnalystDecision",
    "Answer",
    "AuditEvent",
    "ConcernCluster",
    "ConcernMembership",
    "Dialogue",
    "EffectGoal",
    "FeedbackUpdate",
    "FocusArea",
    "InviteBatch",
    "InviteCode",
    "Organisation",
    "Promise",
    "PromisePlan",
    "PublicContent",
    "Question",
    "QuestionOption",
    "Questionnaire",
    "Response",
    "Signatory",
    "StaffSession",
    "User",
    "dialogue_organiser",
    "metadata",
]
