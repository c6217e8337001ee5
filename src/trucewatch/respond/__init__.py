"""trucewatch.respond: response policies, the stage engine and webhook alerts."""

from trucewatch.errors import PolicyFileError
from trucewatch.respond.alerts import (
    AlertEvent,
    AlertResult,
    DeliveryLog,
    WebhookNotifier,
    diff_events,
    transition_events,
)
from trucewatch.respond.engine import Episode, Response, Transition, replay, respond
from trucewatch.respond.policy import (
    DEFAULT_POLICY_ID,
    Policy,
    Stage,
    Threshold,
    bundled_policies,
    format_duration,
    load_policy,
    parse_policy,
)
from trucewatch.times import parse_duration

__all__ = [
    "DEFAULT_POLICY_ID",
    "AlertEvent",
    "AlertResult",
    "DeliveryLog",
    "Episode",
    "Policy",
    "PolicyFileError",
    "Response",
    "Stage",
    "Threshold",
    "Transition",
    "WebhookNotifier",
    "bundled_policies",
    "diff_events",
    "format_duration",
    "load_policy",
    "parse_duration",
    "parse_policy",
    "replay",
    "respond",
    "transition_events",
]
