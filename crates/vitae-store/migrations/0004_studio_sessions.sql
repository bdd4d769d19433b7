-- Signed-in browser sessions of the studio. Like API keys, only the SHA-256 of the cookie's
-- secret is stored (the secret is 256 random bits), so a leaked table opens no session. `csrf`
-- is the token the page sends back with every write (`X-CSRF-Token`); it is not a secret from
-- the page itself, only from other sites. `key_id` is the API key the person signed in with
-- (revoking the key ends its sessions too), or `person_id` the person who signed in with a
-- password (removing them, or a new password, ends theirs). Timestamps are milliseconds since the Unix epoch.
-- People who sign in to the studio with a name and a password (`vitae users add`), each in one
-- tenant. Only an Argon2id hash of the password is kept (PHC string: algorithm, parameters and
-- salt travel with it).
create table if not exists person (
    id            text primary key,
    tenant_id     text not null references tenant (id),
    name          text not null unique,
    password_hash text not null,
    created_at    bigint not null
);

create table if not exists session (
    hash        text primary key,
    tenant_id   text not null references tenant (id),
    key_id      text references api_key (id),
    person_id   text references person (id),
    csrf        text not null,
    created_at  bigint not null,
    expires_at  bigint not null
);
create index if not exists session_expiry on session (expires_at);
