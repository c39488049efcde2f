-- The node's store: one schema for H2 (embedded default) and PostgreSQL (production).
-- Writes are idempotent: every row has a natural key, so a replay after failover rewrites nothing.

-- Every verdict change (DESIGN §4), the verdict history; a change is identified by (kind, id, seq).
CREATE TABLE verdict_changes (
  kind         VARCHAR(16)      NOT NULL,
  id           VARCHAR(512)     NOT NULL,
  seq          BIGINT           NOT NULL,
  from_verdict VARCHAR(16)      NOT NULL,
  to_verdict   VARCHAR(16)      NOT NULL,
  score        DOUBLE PRECISION NOT NULL,
  at_ms        BIGINT           NOT NULL,
  signals      TEXT             NOT NULL,
  recorded_ms  BIGINT           NOT NULL,
  PRIMARY KEY (kind, id, seq)
);
CREATE INDEX verdict_changes_at ON verdict_changes (at_ms);

-- Alerts: changes into a verdict that asks for review or action.
CREATE VIEW alerts AS
  SELECT kind, id, seq, from_verdict, to_verdict, score, at_ms, signals, recorded_ms
  FROM verdict_changes
  WHERE to_verdict IN ('suspicious', 'distillation');

-- The current verdict of each account (and, later, cluster): the change with the highest seq.
CREATE TABLE verdicts (
  kind       VARCHAR(16)      NOT NULL,
  id         VARCHAR(512)     NOT NULL,
  verdict    VARCHAR(16)      NOT NULL,
  score      DOUBLE PRECISION NOT NULL,
  seq        BIGINT           NOT NULL,
  at_ms      BIGINT           NOT NULL,
  PRIMARY KEY (kind, id)
);

-- The evidence behind the current verdict: one row per non-zero signal.
CREATE TABLE evidence (
  kind         VARCHAR(16)      NOT NULL,
  id           VARCHAR(512)     NOT NULL,
  signal_id    VARCHAR(128)     NOT NULL,
  seq          BIGINT           NOT NULL,
  signal_value DOUBLE PRECISION NOT NULL,
  contribution DOUBLE PRECISION NOT NULL,
  evidence     TEXT,
  PRIMARY KEY (kind, id, signal_id)
);

-- Input records that could not be read as events (origin: kafka:TOPIC/PARTITION or dir:NAME).
CREATE TABLE rejections (
  record_key  CHAR(64)      NOT NULL PRIMARY KEY,
  origin      VARCHAR(512)  NOT NULL,
  position    BIGINT        NOT NULL,
  reason      VARCHAR(64)   NOT NULL,
  detail      TEXT,
  excerpt     TEXT,
  recorded_ms BIGINT        NOT NULL
);

-- Events that arrived after the allowed lateness and were not applied.
CREATE TABLE late_events (
  record_key  CHAR(64)      NOT NULL PRIMARY KEY,
  account     VARCHAR(512)  NOT NULL,
  ts_ms       BIGINT        NOT NULL,
  request_id  VARCHAR(512),
  recorded_ms BIGINT        NOT NULL
);
