-- Migration 1: the case record, the workforce, the audit trail and settings.
-- Dates are ISO 8601 text (YYYY-MM-DD); codes are the DfE's, checked by the domain before they get here.

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE household (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL
);

CREATE TABLE child (
  id INTEGER PRIMARY KEY,
  local_id TEXT NOT NULL UNIQUE,
  upn TEXT NOT NULL DEFAULT '',
  nhs_number TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  sex TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  household_id INTEGER REFERENCES household(id),
  unaccompanied_asylum_seeking INTEGER NOT NULL DEFAULT 0 CHECK (unaccompanied_asylum_seeking IN (0, 1)),
  date_of_death TEXT
);
CREATE INDEX child_household ON child(household_id);
CREATE INDEX child_name ON child(last_name, first_name);

CREATE TABLE contact (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  date TEXT NOT NULL,
  source TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT '',
  decision_date TEXT,
  summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contact_child ON contact(child_id, date);

CREATE TABLE referral (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  contact_id INTEGER REFERENCES contact(id),
  date TEXT NOT NULL,
  source TEXT NOT NULL,
  no_further_action INTEGER NOT NULL DEFAULT 0 CHECK (no_further_action IN (0, 1))
);
CREATE INDEX referral_child ON referral(child_id, date);

CREATE TABLE child_in_need_episode (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  referral_id INTEGER NOT NULL REFERENCES referral(id),
  start_date TEXT NOT NULL,
  primary_need TEXT NOT NULL,
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
  reason_for_closure TEXT NOT NULL DEFAULT ''
);
CREATE INDEX child_in_need_episode_child ON child_in_need_episode(child_id, start_date);
CREATE INDEX child_in_need_episode_dates ON child_in_need_episode(start_date, end_date);

CREATE TABLE assessment (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  episode_id INTEGER NOT NULL REFERENCES child_in_need_episode(id),
  start_date TEXT NOT NULL,
  authorised_date TEXT CHECK (authorised_date IS NULL OR authorised_date >= start_date),
  factors TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assessment_child ON assessment(child_id, start_date);

CREATE TABLE section47_enquiry (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  episode_id INTEGER NOT NULL REFERENCES child_in_need_episode(id),
  strategy_discussion_date TEXT NOT NULL,
  start_date TEXT NOT NULL,
  conference_not_required INTEGER NOT NULL DEFAULT 0 CHECK (conference_not_required IN (0, 1))
);
CREATE INDEX section47_enquiry_child ON section47_enquiry(child_id, start_date);

CREATE TABLE initial_child_protection_conference (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  episode_id INTEGER NOT NULL REFERENCES child_in_need_episode(id),
  enquiry_id INTEGER REFERENCES section47_enquiry(id),
  date TEXT NOT NULL,
  plan_made INTEGER NOT NULL DEFAULT 0 CHECK (plan_made IN (0, 1))
);
CREATE INDEX initial_child_protection_conference_child ON initial_child_protection_conference(child_id, date);

CREATE TABLE child_protection_plan (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  episode_id INTEGER NOT NULL REFERENCES child_in_need_episode(id),
  start_date TEXT NOT NULL,
  initial_category TEXT NOT NULL,
  latest_category TEXT NOT NULL DEFAULT '',
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX child_protection_plan_child ON child_protection_plan(child_id, start_date);
CREATE INDEX child_protection_plan_dates ON child_protection_plan(start_date, end_date);

CREATE TABLE child_protection_review (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES child_protection_plan(id),
  date TEXT NOT NULL
);
CREATE INDEX child_protection_review_plan ON child_protection_review(plan_id, date);

CREATE TABLE looked_after_episode (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  start_date TEXT NOT NULL,
  reason_for_new_episode TEXT NOT NULL,
  legal_status TEXT NOT NULL,
  category_of_need TEXT NOT NULL,
  placement_type TEXT NOT NULL,
  placement_provider TEXT NOT NULL DEFAULT '',
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
  reason_episode_ceased TEXT NOT NULL DEFAULT '',
  reason_place_change TEXT NOT NULL DEFAULT '',
  home_postcode TEXT NOT NULL DEFAULT '',
  placement_postcode TEXT NOT NULL DEFAULT '',
  urn TEXT NOT NULL DEFAULT ''
);
CREATE INDEX looked_after_episode_child ON looked_after_episode(child_id, start_date);
CREATE INDEX looked_after_episode_dates ON looked_after_episode(start_date, end_date);

CREATE TABLE looked_after_review (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  date TEXT NOT NULL,
  participation TEXT NOT NULL
);
CREATE INDEX looked_after_review_child ON looked_after_review(child_id, date);

CREATE TABLE missing_episode (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  kind TEXT NOT NULL CHECK (kind IN ('M', 'A')),
  start_date TEXT NOT NULL,
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
  return_interview_offered INTEGER NOT NULL DEFAULT 0 CHECK (return_interview_offered IN (0, 1))
);
CREATE INDEX missing_episode_child ON missing_episode(child_id, start_date);

CREATE TABLE legal_order (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  type TEXT NOT NULL,
  made_date TEXT NOT NULL,
  end_date TEXT CHECK (end_date IS NULL OR end_date >= made_date)
);
CREATE INDEX legal_order_child ON legal_order(child_id, made_date);

CREATE TABLE care_leaver_contact (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  date TEXT NOT NULL,
  in_touch TEXT NOT NULL,
  activity TEXT NOT NULL,
  accommodation TEXT NOT NULL
);
CREATE INDEX care_leaver_contact_child ON care_leaver_contact(child_id, date);

CREATE TABLE team (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  service TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE worker (
  id INTEGER PRIMARY KEY,
  staff_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  agency INTEGER NOT NULL DEFAULT 0 CHECK (agency IN (0, 1)),
  fte REAL NOT NULL CHECK (fte > 0 AND fte <= 1),
  team_id INTEGER REFERENCES team(id),
  start_date TEXT NOT NULL,
  leaving_date TEXT CHECK (leaving_date IS NULL OR leaving_date >= start_date)
);
CREATE INDEX worker_team ON worker(team_id);

CREATE TABLE allocation (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  worker_id INTEGER NOT NULL REFERENCES worker(id),
  team_id INTEGER NOT NULL REFERENCES team(id),
  start_date TEXT NOT NULL,
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX allocation_child ON allocation(child_id, start_date);
CREATE INDEX allocation_worker ON allocation(worker_id, start_date);

CREATE TABLE supervision_session (
  id INTEGER PRIMARY KEY,
  worker_id INTEGER NOT NULL REFERENCES worker(id),
  supervisor_id INTEGER NOT NULL REFERENCES worker(id),
  date TEXT NOT NULL,
  one_to_one INTEGER NOT NULL DEFAULT 1 CHECK (one_to_one IN (0, 1))
);
CREATE INDEX supervision_session_worker ON supervision_session(worker_id, date);

CREATE TABLE visit (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  worker_id INTEGER REFERENCES worker(id),
  date TEXT NOT NULL,
  child_seen INTEGER NOT NULL CHECK (child_seen IN (0, 1)),
  seen_alone INTEGER NOT NULL CHECK (seen_alone IN (0, 1)),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visit_child ON visit(child_id, date);

CREATE TABLE case_note (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  author_worker_id INTEGER REFERENCES worker(id),
  date TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL
);
CREATE INDEX case_note_child ON case_note(child_id, date);

-- The audit trail: append-only and hash-chained (see docs/audit.md). The triggers stop accidents and
-- ordinary SQL; the chain catches anyone who drops them.
CREATE TABLE audit_event (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  child_id INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  before TEXT NOT NULL DEFAULT '',
  after TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_event_child ON audit_event(child_id, seq);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
