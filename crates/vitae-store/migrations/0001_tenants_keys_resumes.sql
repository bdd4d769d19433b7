-- vitae's first schema. One script serves SQLite and PostgreSQL: it uses only types both read
-- the same way (text, bigint) and no backend-specific syntax. Timestamps are milliseconds since
-- the Unix epoch (UTC), so both backends order and compare them identically.

-- A tenant owns API keys and resumes. Nothing is shared between tenants: every query on resume
-- filters on tenant_id.
create table if not exists tenant (
    id          text primary key,
    name        text not null unique,
    created_at  bigint not null
);

-- API keys. Only the SHA-256 of the secret is stored: secrets are 256 random bits, so a fast
-- hash is enough (slow hashes exist for guessable passwords), and a leaked table leaks no key.
-- `prefix` is the secret's first characters, shown in listings so a user can tell keys apart.
-- `source` is 'cli' (created by `vitae keys create`) or 'env' (the RESUME_API_KEY variable).
create table if not exists api_key (
    id          text primary key,
    tenant_id   text not null references tenant (id),
    name        text not null,
    prefix      text not null,
    hash        text not null unique,
    source      text not null,
    created_at  bigint not null,
    revoked_at  bigint
);

-- Resumes, stored as the canonical native document (JSON text), whatever format they came in.
-- `version` starts at 1 and grows by one on every update; the ETag is derived from it, and an
-- update names the version it read (optimistic concurrency: a stale writer matches no row).
-- `variants` is the JSON array of the resume's variant keys, kept for listings.
create table if not exists resume (
    id             text primary key,
    tenant_id      text not null references tenant (id),
    name           text not null,
    source_format  text not null,
    body           text not null,
    variants       text not null,
    version        bigint not null,
    created_at     bigint not null,
    updated_at     bigint not null
);

-- Listings page through one tenant's resumes in id order (ids are time-ordered).
create index if not exists resume_tenant_id on resume (tenant_id, id);
