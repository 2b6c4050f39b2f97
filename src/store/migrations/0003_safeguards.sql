-- Migration 3: the safeguards (docs/safeguards.md).
--
-- Team trays: a case waiting for a worker sits in its team's tray, recorded as an allocation with a
-- team and no worker. SQLite cannot drop NOT NULL from a column in place, so the allocation table is
-- rebuilt (SQLite's documented twelve-step procedure, within this migration's transaction): the new
-- table is created, every row copied with its id, the old table dropped, the new one renamed and
-- its indexes created again. No table refers to allocation before this migration, so the drop
-- cannot break a foreign key.

CREATE TABLE allocation_rebuilt (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  worker_id INTEGER REFERENCES worker(id),
  team_id INTEGER NOT NULL REFERENCES team(id),
  start_date TEXT NOT NULL,
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
  reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO allocation_rebuilt (id, child_id, worker_id, team_id, start_date, end_date, reason)
  SELECT id, child_id, worker_id, team_id, start_date, end_date, reason FROM allocation;
DROP TABLE allocation;
ALTER TABLE allocation_rebuilt RENAME TO allocation;
CREATE INDEX allocation_child ON allocation(child_id, start_date);
CREATE INDEX allocation_worker ON allocation(worker_id, start_date);
CREATE INDEX allocation_team ON allocation(team_id, start_date);

-- A request to close a case, and the manager's decision on it.
CREATE TABLE closure_request (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  episode_id INTEGER NOT NULL REFERENCES child_in_need_episode(id),
  closure_date TEXT NOT NULL,
  reason_for_closure TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL,
  requested_on TEXT NOT NULL,
  visit_id INTEGER REFERENCES visit(id),
  status TEXT NOT NULL CHECK (status IN ('awaiting_approval', 'approved', 'declined')),
  decided_by TEXT NOT NULL DEFAULT '',
  decided_on TEXT,
  decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX closure_request_child ON closure_request(child_id, requested_on);
CREATE INDEX closure_request_status ON closure_request(status, requested_on);

-- The assessment recorded before a placement ends.
CREATE TABLE placement_end_assessment (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  episode_id INTEGER NOT NULL REFERENCES looked_after_episode(id),
  date TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  worker_id INTEGER REFERENCES worker(id),
  summary TEXT NOT NULL
);
CREATE INDEX placement_end_assessment_episode ON placement_end_assessment(episode_id, date);

-- A manager's override of a worker's caseload limit for one allocation.
CREATE TABLE caseload_override (
  id INTEGER PRIMARY KEY,
  worker_id INTEGER NOT NULL REFERENCES worker(id),
  child_id INTEGER NOT NULL REFERENCES child(id),
  allocation_id INTEGER REFERENCES allocation(id),
  date TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  weighted_caseload REAL NOT NULL,
  caseload_limit REAL NOT NULL
);
CREATE INDEX caseload_override_worker ON caseload_override(worker_id, date);
