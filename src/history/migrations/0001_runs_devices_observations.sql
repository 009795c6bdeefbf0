-- camsweep history schema, version 1 (docs/history.md). Portable SQL: the same text runs on
-- SQLite 3.40 and PostgreSQL 15. Times are ISO 8601 UTC text (they sort as they compare), ids
-- are made by camsweep (no sequences), so several sensors can write at once.

-- One row per run of analyze, sniff, scan or survey with --db.
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    command TEXT NOT NULL,
    sensor TEXT NOT NULL,
    site TEXT,
    title TEXT,
    audit_date TEXT NOT NULL,
    camsweep_version TEXT NOT NULL,
    signatures_digest TEXT NOT NULL,
    vendors_as_of TEXT,
    listings_as_of TEXT,
    oui_as_of TEXT,
    devices BIGINT NOT NULL,
    covered BIGINT NOT NULL,
    likely_covered BIGINT NOT NULL,
    not_covered BIGINT NOT NULL,
    unknown BIGINT NOT NULL,
    complete INTEGER NOT NULL,
    report TEXT NOT NULL
);
CREATE INDEX runs_by_time ON runs (started_at);

-- What each run read: files with their digests, a live interface, a scan.
CREATE TABLE run_inputs (
    run_id TEXT NOT NULL REFERENCES runs (id),
    position INTEGER NOT NULL,
    path TEXT NOT NULL,
    format TEXT,
    sha256 TEXT,
    packets BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    first_packet TEXT,
    last_packet TEXT,
    complete INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (run_id, position)
);

-- Devices across runs and sensors, one row per identity (MAC, else serial, else UUID, else IP).
-- first_seen/last_seen are capture times; first_run/last_run the earliest and latest runs that
-- saw it, by the time each run started (whose view, verdict included, is the latest).
CREATE TABLE devices (
    uid TEXT PRIMARY KEY,
    identity TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    first_run TEXT NOT NULL,
    first_run_started TEXT NOT NULL,
    last_run TEXT NOT NULL,
    last_run_started TEXT NOT NULL,
    last_sensor TEXT NOT NULL,
    verdict TEXT NOT NULL,
    previous_verdict TEXT,
    maker TEXT,
    model TEXT,
    firmware TEXT,
    mac TEXT,
    ip TEXT
);

-- Every identifier of a device (mac:…, serial:…, uuid:…, ip:…) and the device it names. No
-- foreign key: a writer claims a key before it writes the device (docs/history.md "Identity").
CREATE TABLE device_keys (
    key TEXT PRIMARY KEY,
    uid TEXT NOT NULL
);

-- The devices of each run as that run judged them; `device` holds what the correlator made of
-- them (addresses, identifiers, times, NVR channel) as JSON, so that rejudge judges the same
-- devices again.
CREATE TABLE run_devices (
    run_id TEXT NOT NULL REFERENCES runs (id),
    device_id TEXT NOT NULL,
    uid TEXT NOT NULL,
    device TEXT NOT NULL,
    verdict TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    maker TEXT,
    model TEXT,
    firmware TEXT,
    PRIMARY KEY (run_id, device_id)
);
CREATE INDEX run_devices_by_uid ON run_devices (uid);

-- The observations each device was judged from (the distinct ones it kept), as JSON: what
-- camsweep rejudge reads again with a newer signature database.
CREATE TABLE observations (
    run_id TEXT NOT NULL REFERENCES runs (id),
    seq BIGINT NOT NULL,
    device_id TEXT NOT NULL,
    observation TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);
