"""The fixed words of the data model (DATA_FORMAT.md) and their plain-English labels.

One place for every enumeration, so the store's CHECK constraints, the services'
validation, the data file and the UI's pick lists cannot drift apart. Labels are
British English source strings; the UI passes them through ``translate``.
"""

from __future__ import annotations

STAGES: dict[str, str] = {
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "no_response": "No response",
}
#: Stages in which the application is still going somewhere.
LIVE_STAGES: frozenset[str] = frozenset({"applied", "interviewing", "offer"})

CONTACT_KINDS: dict[str, str] = {
    "recruiter": "Recruiter",
    "hiring_manager": "Hiring manager",
    "interviewer": "Interviewer",
    "senior_hr": "Senior HR / management",
    "other": "Other",
}

INTERVIEW_FORMATS: dict[str, str] = {
    "phone": "Phone",
    "video": "Video",
    "in_person": "In person",
}

CHANNELS: dict[str, str] = {
    "phone": "Phone",
    "email": "Email",
    "linkedin": "LinkedIn",
    "in_person": "In person",
    "other": "Other",
}

DIRECTIONS: dict[str, str] = {
    "outgoing": "Outgoing",
    "incoming": "Incoming",
}

PURPOSES: dict[str, str] = {
    "thank_you": "Thank-you",
    "feedback_request": "Feedback request",
    "follow_up": "Follow-up",
    "last_say": "Last say",
    "senior_contact": "Senior contact",
    "re_approach": "Re-approach",
    "reference": "Reference",
    "other": "Other",
}

RELATIONSHIPS: dict[str, str] = {
    "direct_manager": "Direct manager",
    "senior_manager": "Senior manager",
    "colleague": "Colleague",
    "report": "Someone I managed",
    "academic": "Academic",
    "client": "Client",
    "personal": "Personal",
}

PREFERRED_CHANNELS: dict[str, str] = {
    "phone": "Phone",
    "email": "Email",
    "either": "Phone or email",
}

DOCUMENT_KINDS: dict[str, str] = {
    "transcript": "Transcript",
    "certificate": "Certificate",
    "reference_letter": "Reference letter",
    "cv": "CV",
    "cover_letter": "Cover letter",
    "other": "Other",
}


def label(vocabulary: dict[str, str], word: str | None) -> str:
    """The label of ``word``, or the word itself when it is unknown (never raises)."""
    if word is None:
        return ""
    return vocabulary.get(word, word)
