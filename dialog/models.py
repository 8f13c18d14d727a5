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
from surveys.models import (
    Answer,
    AnswerTally,
    Question,
    Questionnaire,
    QuestionOption,
    Response,
    ResponseTally,
)
from surveys.tally import create_triggers  # the triggers come with `metadata.create_all`

metadata = Base.metadata

__all__ = [
    "Activity",
    "AnalysisRun",
    "AnalystDecision",
    "Answer",
    "AnswerTally",
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
    "ResponseTally",
    "Signatory",
    "StaffSession",
    "User",
    "create_triggers",
    "dialogue_organiser",
    "metadata",
]
