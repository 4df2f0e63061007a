"""The numbered schema migrations, run at every open; each adds to the schema and never loses a row.

A file from any earlier version opens by running the migrations it lacks, in order, inside the
open's one IMMEDIATE transaction (lib.store.db), so two first opens at once migrate only once.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("debrief")

# SQL for a fresh interview uid: "iv-" and 16 random hex digits (as `lib.store.interviews.new_uid` makes).
NEW_INTERVIEW_UID = "'iv-' || lower(hex(randomblob(8)))"


@migrations(name="001_initial_schema")
def _m001_initial_schema(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE interviews (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL,
            role TEXT NOT NULL,
            stage TEXT NOT NULL,
            format TEXT NOT NULL,
            interview_at TEXT NOT NULL,
            duration_min INTEGER NOT NULL,
            recruiter TEXT NOT NULL DEFAULT '',
            stated_timeframe TEXT NOT NULL DEFAULT '',
            questions TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            skills_match INTEGER CHECK (skills_match BETWEEN 1 AND 5),
            enthusiasm INTEGER CHECK (enthusiasm BETWEEN 1 AND 5),
            culture_fit INTEGER CHECK (culture_fit BETWEEN 1 AND 5),
            skills_evidence TEXT NOT NULL DEFAULT '',
            enthusiasm_evidence TEXT NOT NULL DEFAULT '',
            culture_evidence TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT 'pending',
            outcome_on TEXT,
            is_demo INTEGER NOT NULL DEFAULT 0,
            submit_token TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX interviews_by_date ON interviews (interview_at);
        CREATE INDEX interviews_by_company ON interviews (company);
        CREATE TABLE interviewers (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX interviewers_by_interview ON interviewers (interview_id);
        CREATE TABLE step_marks (
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
            on_date TEXT NOT NULL,
            marked_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, step_key)
        );
        CREATE TABLE form_drafts (
            form_key TEXT PRIMARY KEY,
            payload TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('data_version', '0');
        """
    )


@migrations(name="002_follow_up_actions")
def _m002_follow_up_actions(db: Database) -> None:
    """Snoozed steps, the user's email templates and settings, calendar event revisions."""
    db.executescript(
        """
        CREATE TABLE step_snoozes (
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            until TEXT NOT NULL,
            reason TEXT NOT NULL,
            snoozed_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, step_key)
        );
        CREATE TABLE draft_templates (
            kind TEXT PRIMARY KEY CHECK (kind IN ('recruiter_update', 'thank_you', 'soft_touch', 'check_in')),
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE calendar_events (
            uid TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
            changed_at TEXT NOT NULL
        );
        """
    )


@migrations(name="003_coaching")
def _m003_coaching(db: Database) -> None:
    """Sessions with a mentor, the mentor's read of each interview discussed, action items."""
    db.executescript(
        """
        CREATE TABLE coaching_sessions (
            id INTEGER PRIMARY KEY,
            mentor TEXT NOT NULL CHECK (length(trim(mentor)) > 0),
            held_on TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            finished_at TEXT,
            submit_token TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX coaching_sessions_by_mentor ON coaching_sessions (mentor COLLATE NOCASE, held_on);
        CREATE TABLE mentor_reviews (
            session_id INTEGER NOT NULL REFERENCES coaching_sessions (id) ON DELETE CASCADE,
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            skills_match INTEGER CHECK (skills_match BETWEEN 1 AND 5),
            enthusiasm INTEGER CHECK (enthusiasm BETWEEN 1 AND 5),
            culture_fit INTEGER CHECK (culture_fit BETWEEN 1 AND 5),
            comment TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (session_id, interview_id)
        );
        CREATE INDEX mentor_reviews_by_interview ON mentor_reviews (interview_id);
        CREATE TABLE action_items (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES coaching_sessions (id) ON DELETE CASCADE,
            interview_id INTEGER REFERENCES interviews (id) ON DELETE SET NULL,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            owner TEXT NOT NULL CHECK (owner IN ('candidate', 'mentor')),
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            closed_on TEXT,
            closed_in_session INTEGER REFERENCES coaching_sessions (id) ON DELETE SET NULL,
            submit_token TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX action_items_by_session ON action_items (session_id);
        CREATE INDEX action_items_open ON action_items (status, due_on);
        """
    )


@migrations(name="004_applications_and_booked_rounds")
def _m004_applications_and_booked_rounds(db: Database) -> None:
    """Applications over rounds, interviews logged ahead with their preparation, the second check-in's template.

    Every existing interview becomes a round: the rounds of one company (any case) and role form one
    application, the same rule an import of a file without applications follows.
    """
    db.executescript(
        """
        CREATE TABLE applications (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 1 AND 64),
            created_at TEXT NOT NULL
        );
        ALTER TABLE interviews ADD COLUMN application_id INTEGER REFERENCES applications (id);
        ALTER TABLE interviews ADD COLUMN booked INTEGER NOT NULL DEFAULT 0 CHECK (booked IN (0, 1));
        ALTER TABLE interviews ADD COLUMN prep_questions TEXT NOT NULL DEFAULT '';
        ALTER TABLE interviews ADD COLUMN prep_stories TEXT NOT NULL DEFAULT '';
        ALTER TABLE interviews ADD COLUMN prep_pitch TEXT NOT NULL DEFAULT '';
        CREATE INDEX interviews_by_application ON interviews (application_id, interview_at);
        CREATE INDEX interviews_booked ON interviews (interview_at) WHERE booked = 1;
        CREATE TRIGGER applications_without_rounds_go AFTER DELETE ON interviews
        WHEN OLD.application_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM interviews WHERE application_id = OLD.application_id)
        BEGIN
            DELETE FROM applications WHERE id = OLD.application_id;
        END;
        CREATE TRIGGER applications_left_empty_go AFTER UPDATE OF application_id ON interviews
        WHEN OLD.application_id IS NOT NULL AND OLD.application_id IS NOT NEW.application_id
            AND NOT EXISTS (SELECT 1 FROM interviews WHERE application_id = OLD.application_id)
        BEGIN
            DELETE FROM applications WHERE id = OLD.application_id;
        END;
        CREATE TABLE draft_templates_with_second_check_in (
            kind TEXT PRIMARY KEY CHECK (
                kind IN ('recruiter_update', 'thank_you', 'soft_touch', 'check_in', 'second_check_in')
            ),
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        INSERT INTO draft_templates_with_second_check_in SELECT kind, subject, body, updated_at FROM draft_templates;
        DROP TABLE draft_templates;
        ALTER TABLE draft_templates_with_second_check_in RENAME TO draft_templates;
        """
    )
    file_rounds_by_company_and_role(db)
    db.execute(  # logged ahead in an earlier version: no follow-up until it ends, then "score it"
        "UPDATE interviews SET booked = 1 WHERE outcome = 'pending' "
        "AND skills_match IS NULL AND enthusiasm IS NULL AND culture_fit IS NULL "
        "AND trim(skills_evidence) = '' AND trim(enthusiasm_evidence) = '' AND trim(culture_evidence) = '' "
        "AND datetime(interview_at, '+' || duration_min || ' minutes') > datetime('now', 'localtime')"
    )


def file_rounds_by_company_and_role(db: Database) -> None:
    """Give every interview without an application the one of its company (any case) and role.

    The latest application of that company and role is joined, or one is started; oldest rounds
    first, so a database's history groups the same way however often this runs.
    """
    import secrets

    from lib.domain.applications import application_match_key

    known: dict[tuple[str, str, bool], int] = {}
    grouped = db.execute(
        "SELECT company, role, is_demo, application_id FROM interviews WHERE application_id IS NOT NULL "
        "GROUP BY company, role, is_demo, application_id ORDER BY MAX(interview_at)"
    )
    for company, role, demo, application_id in grouped:
        known[(*application_match_key(company, role), bool(demo))] = application_id
    loose = db.execute(
        "SELECT id, company, role, is_demo FROM interviews WHERE application_id IS NULL ORDER BY interview_at, id"
    ).fetchall()
    filed = []
    for interview_id, company, role, demo in loose:
        key = (*application_match_key(company, role), bool(demo))  # demo rounds never join the user's own
        if key not in known:
            known[key] = int(db.execute(
                "INSERT INTO applications (uid, created_at) "
                "VALUES (?, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))",  # as lib.store.db.stamp writes
                [f"app-{secrets.token_hex(8)}"],
            ).lastrowid or 0)
        filed.append((interview_id, known[key]))
    # One UPDATE from a temporary table: 100,000 single-row UPDATEs, each through the index and the
    # triggers, took minutes on a loaded machine.
    db.execute("CREATE TEMP TABLE filed_rounds (interview_id INTEGER PRIMARY KEY, application_id INTEGER NOT NULL)")
    db.conn.executemany("INSERT INTO filed_rounds VALUES (?, ?)", filed)
    db.execute(
        "UPDATE interviews SET application_id = (SELECT application_id FROM filed_rounds "
        "WHERE filed_rounds.interview_id = interviews.id) WHERE id IN (SELECT interview_id FROM filed_rounds)"
    )
    db.execute("DROP TABLE temp.filed_rounds")


@migrations(name="005_interview_uids_and_private_notes")
def _m005_interview_uids_and_private_notes(db: Database) -> None:
    """Every interview gets a stable uid (what exports, review packets and replies name it by, since
    row ids differ between databases), and a list of the fields the candidate keeps private.

    A trigger gives a uid to any row inserted without one, so no path into the table leaves a round
    that a mentor's reply could not name.
    """
    db.executescript(
        f"""
        ALTER TABLE interviews ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) BETWEEN 1 AND 64);
        ALTER TABLE interviews ADD COLUMN private_fields TEXT NOT NULL DEFAULT '';
        UPDATE interviews SET uid = {NEW_INTERVIEW_UID};
        CREATE UNIQUE INDEX interviews_by_uid ON interviews (uid);
        CREATE TRIGGER interviews_get_a_uid AFTER INSERT ON interviews WHEN NEW.uid IS NULL
        BEGIN
            UPDATE interviews SET uid = {NEW_INTERVIEW_UID} WHERE id = NEW.id;
        END;
        """
    )


@migrations(name="006_review_replies")
def _m006_review_replies(db: Database) -> None:
    """A session imported from a mentor's reply records the reply's packet, its digest (one session
    per reply, however often it is imported) and when it was imported."""
    db.executescript(
        """
        ALTER TABLE coaching_sessions ADD COLUMN reply_packet TEXT;
        ALTER TABLE coaching_sessions ADD COLUMN reply_digest TEXT;
        ALTER TABLE coaching_sessions ADD COLUMN reply_imported_at TEXT;
        CREATE UNIQUE INDEX coaching_sessions_by_reply ON coaching_sessions (reply_digest);
        CREATE INDEX coaching_sessions_by_packet ON coaching_sessions (reply_packet);
        """
    )


SCHEMA_VERSION = len(migrations._migrations)
