"""Version 1 of the database, frozen: the exact SQL Afterview 0.1.0 wrote for a new file.

Migration 1 runs these statements, in this order (tables before the tables that refer
to them). They were dumped from ``sqlite_master`` of a database made by the released
code (``create_tables`` over the models, as they were then), so a database made today
is byte for byte the schema that every version-1 user already has.

Never edit this module, not even to fix a typo: changing it would make new databases
differ from released ones. A change to the schema is a new step in
:mod:`desktop_app.store.migrations`. It reads nothing else, on purpose: not the models,
not :mod:`desktop_app.vocab` (whose words the CHECK constraints spell out as they were).
"""

from __future__ import annotations

#: Each a single statement (run one at a time inside the migration's transaction:
#: ``executescript`` would commit first and break the all-or-nothing step).
STATEMENTS: tuple[str, ...] = (
    ('CREATE TABLE "organisation" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, '
     '"website" TEXT, "linkedin" TEXT, "notes" TEXT NOT NULL)'),
    'CREATE INDEX "organisation_name" ON "organisation" ("name")',
    ('CREATE TABLE "contact" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, '
     '"organisation_id" INTEGER, "title" TEXT NOT NULL, "kind" VARCHAR(255) NOT NULL CHECK (kind IN ('
     "'recruiter', 'hiring_manager', 'interviewer', 'senior_hr', 'other')), "
     '"email" TEXT, "phone" TEXT, "linkedin" TEXT, "notes" TEXT NOT NULL, '
     'FOREIGN KEY ("organisation_id") REFERENCES "organisation" ("id") ON DELETE SET NULL)'),
    'CREATE INDEX "contact_name" ON "contact" ("name")',
    'CREATE INDEX "contact_organisation_id" ON "contact" ("organisation_id")',
    ('CREATE TABLE "application" ("id" INTEGER NOT NULL PRIMARY KEY, "role" TEXT NOT NULL, '
     '"employer_id" INTEGER NOT NULL, "agency_id" INTEGER, "recruiter_id" INTEGER, '
     '"source" TEXT NOT NULL, "applied_on" DATE NOT NULL, '
     '"stage" VARCHAR(255) NOT NULL CHECK (stage IN ('
     "'applied', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn', 'no_response')), "
     '"feedback" TEXT, "feedback_on" DATE, "notes" TEXT NOT NULL, '
     'FOREIGN KEY ("employer_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("agency_id") REFERENCES "organisation" ("id") ON DELETE SET NULL, '
     'FOREIGN KEY ("recruiter_id") REFERENCES "contact" ("id") ON DELETE SET NULL)'),
    'CREATE INDEX "application_employer_id" ON "application" ("employer_id")',
    'CREATE INDEX "application_agency_id" ON "application" ("agency_id")',
    'CREATE INDEX "application_recruiter_id" ON "application" ("recruiter_id")',
    'CREATE INDEX "application_applied_on" ON "application" ("applied_on")',
    'CREATE INDEX "application_stage_applied_on" ON "application" ("stage", "applied_on")',
    ('CREATE TABLE "referee" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, '
     '"title" TEXT NOT NULL, "organisation" TEXT NOT NULL, '
     '"relationship" VARCHAR(255) NOT NULL CHECK (relationship IN ('
     "'direct_manager', 'senior_manager', 'colleague', 'report', 'academic', 'client', 'personal')), "
     '"worked_together" TEXT NOT NULL, "email" TEXT, "phone" TEXT, "country" VARCHAR(255), '
     '"time_zone" TEXT, "preferred_channel" VARCHAR(255) NOT NULL CHECK (preferred_channel IN ('
     "'phone', 'email', 'either')), "
     '"online_questionnaire" INTEGER NOT NULL, "consent_on" DATE, "active" INTEGER NOT NULL, '
     '"notes" TEXT NOT NULL)'),
    'CREATE INDEX "referee_name" ON "referee" ("name")',
    'CREATE INDEX "referee_active" ON "referee" ("active")',
    ('CREATE TABLE "briefing" ("id" INTEGER NOT NULL PRIMARY KEY, "referee_id" INTEGER NOT NULL, '
     '"application_id" INTEGER, "on" DATE NOT NULL, "channel" VARCHAR(255) NOT NULL CHECK (channel IN ('
     "'phone', 'email', 'linkedin', 'in_person', 'other')), "
     '"notes" TEXT NOT NULL, FOREIGN KEY ("referee_id") REFERENCES "referee" ("id") ON DELETE CASCADE, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE)'),
    'CREATE INDEX "briefing_referee_id" ON "briefing" ("referee_id")',
    'CREATE INDEX "briefing_application_id" ON "briefing" ("application_id")',
    'CREATE INDEX "briefing_referee_id_on" ON "briefing" ("referee_id", "on")',
    ('CREATE TABLE "qualification" ("id" INTEGER NOT NULL PRIMARY KEY, "title" TEXT NOT NULL, '
     '"institution" TEXT NOT NULL, "level" TEXT NOT NULL, "started_on" DATE, "awarded_on" DATE, '
     '"grade" TEXT NOT NULL, "verify" TEXT NOT NULL)'),
    ('CREATE TABLE "document" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"kind" VARCHAR(255) NOT NULL CHECK (kind IN ('
     "'transcript', 'certificate', 'reference_letter', 'cv', 'cover_letter', 'other')), "
     '"qualification_id" INTEGER, "application_id" INTEGER, "original_name" TEXT NOT NULL, '
     '"sha256" VARCHAR(255) NOT NULL CHECK (length(sha256) = 64), "pages" INTEGER NOT NULL, '
     '"size" INTEGER NOT NULL, "added_at" TEXT NOT NULL, '
     'FOREIGN KEY ("qualification_id") REFERENCES "qualification" ("id") ON DELETE SET NULL, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE SET NULL)'),
    'CREATE INDEX "document_qualification_id" ON "document" ("qualification_id")',
    'CREATE INDEX "document_application_id" ON "document" ("application_id")',
    'CREATE INDEX "document_sha256" ON "document" ("sha256")',
    ('CREATE TABLE "due_state" ("id" INTEGER NOT NULL PRIMARY KEY, "key" VARCHAR(255) NOT NULL, '
     '"dismissed" INTEGER NOT NULL, "snoozed_until" DATE)'),
    'CREATE UNIQUE INDEX "due_state_key" ON "due_state" ("key")',
    ('CREATE TABLE "interaction" ("id" INTEGER NOT NULL PRIMARY KEY, "application_id" INTEGER NOT NULL, '
     '"contact_id" INTEGER, "at" TEXT NOT NULL, "channel" VARCHAR(255) NOT NULL CHECK (channel IN ('
     "'phone', 'email', 'linkedin', 'in_person', 'other')), "
     '"direction" VARCHAR(255) NOT NULL CHECK (direction IN ('
     "'outgoing', 'incoming')), "
     '"purpose" VARCHAR(255) NOT NULL CHECK (purpose IN ('
     "'thank_you', 'feedback_request', 'follow_up', 'last_say', 'senior_contact', 're_approach', "
     "'reference', 'other')), "
     '"summary" TEXT NOT NULL, "reply_received" INTEGER NOT NULL, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE, '
     'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE SET NULL)'),
    'CREATE INDEX "interaction_application_id" ON "interaction" ("application_id")',
    'CREATE INDEX "interaction_contact_id" ON "interaction" ("contact_id")',
    'CREATE INDEX "interaction_application_id_at" ON "interaction" ("application_id", "at")',
    ('CREATE TABLE "interview" ("id" INTEGER NOT NULL PRIMARY KEY, "application_id" INTEGER NOT NULL, '
     '"at" TEXT NOT NULL, "round" INTEGER NOT NULL, "format" VARCHAR(255) NOT NULL CHECK (format IN ('
     "'phone', 'video', 'in_person')), "
     '"notes" TEXT NOT NULL, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE)'),
    'CREATE INDEX "interview_application_id" ON "interview" ("application_id")',
    'CREATE INDEX "interview_at" ON "interview" ("at")',
    ('CREATE TABLE "interview_interviewer" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"interview_id" INTEGER NOT NULL, "contact_id" INTEGER NOT NULL, '
     'FOREIGN KEY ("interview_id") REFERENCES "interview" ("id") ON DELETE CASCADE, '
     'FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)'),
    'CREATE INDEX "interview_interviewer_interview_id" ON "interview_interviewer" ("interview_id")',
    'CREATE INDEX "interview_interviewer_contact_id" ON "interview_interviewer" ("contact_id")',
    ('CREATE UNIQUE INDEX "interview_interviewer_interview_id_contact_id" ON "interview_interviewer" ("interview_id", '
     '"contact_id")'),
    ('CREATE TABLE "message_template" ("id" INTEGER NOT NULL PRIMARY KEY, "key" VARCHAR(255) NOT NULL, '
     '"subject" TEXT NOT NULL, "body" TEXT NOT NULL)'),
    'CREATE UNIQUE INDEX "message_template_key" ON "message_template" ("key")',
    ('CREATE TABLE "pack_export" ("id" INTEGER NOT NULL PRIMARY KEY, "application_id" INTEGER, '
     '"made_at" TEXT NOT NULL, "referees" TEXT NOT NULL, "documents" TEXT NOT NULL, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE)'),
    'CREATE INDEX "pack_export_application_id" ON "pack_export" ("application_id")',
    ('CREATE TABLE "profile" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "email" TEXT, '
     '"phone" TEXT, "linkedin" TEXT, "location" TEXT NOT NULL)'),
    ('CREATE TABLE "reference_given" ("id" INTEGER NOT NULL PRIMARY KEY, "referee_id" INTEGER NOT NULL, '
     '"application_id" INTEGER NOT NULL, "on" DATE NOT NULL, "employer_contacted_on" DATE, '
     '"questionnaire_done" INTEGER NOT NULL, '
     'FOREIGN KEY ("referee_id") REFERENCES "referee" ("id") ON DELETE CASCADE, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE)'),
    'CREATE INDEX "reference_given_referee_id" ON "reference_given" ("referee_id")',
    'CREATE INDEX "reference_given_application_id" ON "reference_given" ("application_id")',
    ('CREATE UNIQUE INDEX "reference_given_referee_id_application_id" ON "reference_given" ("referee_id", '
     '"application_id")'),
    'CREATE TABLE "schema_version" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL)',
    ('CREATE TABLE "setting" ("id" INTEGER NOT NULL PRIMARY KEY, "key" VARCHAR(255) NOT NULL, '
     '"value" TEXT NOT NULL)'),
    'CREATE UNIQUE INDEX "setting_key" ON "setting" ("key")',
    ('CREATE TABLE "stage_change" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"application_id" INTEGER NOT NULL, "stage" VARCHAR(255) NOT NULL CHECK (stage IN ('
     "'applied', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn', 'no_response')), "
     '"on" DATE NOT NULL, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE CASCADE)'),
    'CREATE INDEX "stage_change_application_id" ON "stage_change" ("application_id")',
    'CREATE INDEX "stage_change_application_id_on" ON "stage_change" ("application_id", "on")',
)
