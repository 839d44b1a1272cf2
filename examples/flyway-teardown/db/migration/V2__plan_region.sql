ALTER TABLE business.annuity_performance ADD COLUMN region TEXT;

-- Backfill: the WHERE keeps this to the rows being fixed.
DELETE FROM business.annuity_performance WHERE report_month < DATE '2019-01-01';
