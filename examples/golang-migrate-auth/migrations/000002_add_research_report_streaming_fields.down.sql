ALTER TABLE research_reports DROP COLUMN streamed_at;
ALTER TABLE research_reports DROP COLUMN status;
