-- Migration 5: what the SSDA903 return states that the case record did not hold yet. Each row is the
-- return's statement about one child for one collection year (collection_year is the year's end:
-- 2025 is 2024/25), kept as the DfE's codes and ISO dates so an exported return matches the one
-- imported. Written by 'safeguard returns import-903'; read by 'export-903'.

-- Header MOTHER and MC_DOB, and UASC DUC.
CREATE TABLE looked_after_year (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  collection_year INTEGER NOT NULL,
  mother TEXT NOT NULL DEFAULT '',
  mother_child_date_of_birth TEXT,
  uasc_ceased_date TEXT,
  UNIQUE (child_id, collection_year)
);

-- OC2: outcomes for children looked after for 12 months at 31 March ('' where the return was blank).
CREATE TABLE health_outcome (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  collection_year INTEGER NOT NULL,
  sdq_score TEXT NOT NULL DEFAULT '',
  sdq_reason TEXT NOT NULL DEFAULT '',
  convicted TEXT NOT NULL DEFAULT '',
  health_check TEXT NOT NULL DEFAULT '',
  immunisations TEXT NOT NULL DEFAULT '',
  teeth_check TEXT NOT NULL DEFAULT '',
  health_assessment TEXT NOT NULL DEFAULT '',
  substance_misuse TEXT NOT NULL DEFAULT '',
  intervention_received TEXT NOT NULL DEFAULT '',
  intervention_offered TEXT NOT NULL DEFAULT '',
  UNIQUE (child_id, collection_year)
);

-- AD1: an adoption completed in the year.
CREATE TABLE adoption (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  collection_year INTEGER NOT NULL,
  decision_date TEXT NOT NULL,
  matched_date TEXT NOT NULL,
  foster_carer TEXT NOT NULL,
  number_of_adopters TEXT NOT NULL,
  adopter_sex TEXT NOT NULL,
  adopter_legal_status TEXT NOT NULL
);
CREATE INDEX adoption_child ON adoption(child_id, collection_year);

-- PlacedAdoption: a decision that the child should be placed for adoption.
CREATE TABLE placed_for_adoption (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  collection_year INTEGER NOT NULL,
  date_placed TEXT NOT NULL,
  date_ceased TEXT,
  reason_ceased TEXT NOT NULL DEFAULT ''
);
CREATE INDEX placed_for_adoption_child ON placed_for_adoption(child_id, collection_year);

-- PrevPerm: the permanence arrangement a child had before this period of care. DATE_PERM is kept
-- as given: returns may give a partly unknown date.
CREATE TABLE previous_permanence (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  collection_year INTEGER NOT NULL,
  prev_perm TEXT NOT NULL,
  la_perm TEXT NOT NULL DEFAULT '',
  date_perm TEXT NOT NULL DEFAULT ''
);
CREATE INDEX previous_permanence_child ON previous_permanence(child_id, collection_year);

-- DoLo: a deprivation of liberty order (the 903 from 2026/27).
CREATE TABLE deprivation_of_liberty (
  id INTEGER PRIMARY KEY,
  child_id INTEGER NOT NULL REFERENCES child(id),
  start_date TEXT NOT NULL,
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX deprivation_of_liberty_child ON deprivation_of_liberty(child_id, start_date);
