-- Signed-in browser sessions of the studio. Like API keys, only the SHA-256 of the cookie's
-- secret is stored (the secret is 256 random bits), so a leaked table opens no session. `csrf`
-- is the token the page sends back with every write (`X-CSRF-Token`); it is not a secret from
-- the page itself, only from other sites. Timestamps are milliseconds since the Unix epoch.
create table if not exists session (
    hash        text primary key,
    tenant_id   text not null references tenant (id),
    csrf        text not null,
    created_at  bigint not null,
    expires_at  bigint not null
);
create index if not exists session_expiry on session (expires_at);
