-- Migration 2: user accounts and sessions for signing in.

CREATE TABLE user_account (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('social_worker', 'team_manager', 'head_of_service', 'iro',
                                     'partner_agency', 'analyst', 'admin')),
  worker_id INTEGER REFERENCES worker(id),
  team_id INTEGER REFERENCES team(id),
  agency TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE session (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES user_account(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended INTEGER NOT NULL DEFAULT 0 CHECK (ended IN (0, 1))
);
CREATE INDEX session_user ON session(user_id);
