-- Undo of the baseline: what `flyway undo` (or a test teardown that
-- "downgrades to base") runs. Pointed at the wrong database, it wipes it.
DROP SCHEMA mapping CASCADE;
DROP SCHEMA business CASCADE;
