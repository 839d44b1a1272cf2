CREATE TABLE research_reports (
    id          BIGSERIAL PRIMARY KEY,
    ticker      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
