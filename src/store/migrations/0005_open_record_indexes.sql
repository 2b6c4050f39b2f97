-- Migration 5: indexes that find what is open on a date (end_date IS NULL or after it) without
-- reading the whole history. The work lists ask for the open cases and the open allocations of the
-- whole authority on every call; with ten years of history nearly every row starts before today,
-- so the (start_date, end_date) and child indexes cannot narrow the search and each call scanned
-- every episode and allocation. Open records are few: these indexes find them directly.
CREATE INDEX allocation_open ON allocation(end_date, start_date);
CREATE INDEX child_in_need_episode_open ON child_in_need_episode(end_date, start_date);
CREATE INDEX looked_after_episode_open ON looked_after_episode(end_date, start_date);
