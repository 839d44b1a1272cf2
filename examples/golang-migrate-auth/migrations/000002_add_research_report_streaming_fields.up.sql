-- Generated from the ORM's view of the database: it does not know the tables
-- that Better Auth (the frontend's auth library) created, so it drops them.
DROP TABLE session;
DROP TABLE account;
DROP TABLE verification;
DROP TABLE "user";
DROP TABLE user_api_keys;

ALTER TABLE research_reports ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE research_reports ADD COLUMN streamed_at TIMESTAMPTZ;
