-- Baseline: the two schemas the reporting service owns.
CREATE SCHEMA IF NOT EXISTS business;
CREATE SCHEMA IF NOT EXISTS mapping;

CREATE TABLE business.annuity_performance (
    id            BIGSERIAL PRIMARY KEY,
    plan_code     VARCHAR(32)    NOT NULL,
    report_month  DATE           NOT NULL,
    net_asset     NUMERIC(18, 2) NOT NULL DEFAULT 0
);

CREATE TABLE mapping.company_alias (
    alias       TEXT PRIMARY KEY,
    company_id  TEXT NOT NULL
);

COMMENT ON TABLE mapping.company_alias IS 'Never DROP TABLE this: aliases are curated by hand.';
