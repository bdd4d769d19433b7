-- The job search: applications, the documents sent with them, offers, and the user's offer
-- priorities. Same rules as the first schema: text and bigint only, times in milliseconds.

-- An application. The columns listings filter and sort on are columns; everything else (posting,
-- contacts, notes, status history, what was sent) is the JSON `body` the use-case layer owns, so
-- a new detail needs no migration. The posting's text and parsed job (kilobytes each) are
-- `posting`, apart from the body, so listings and analytics over thousands of applications do
-- not read them. `number` is the tenant's own running number (#1, #2, …),
-- what people type in a terminal; `version` works as the resume's does (optimistic updates).
-- Dates a person gives (`applied_on`, `follow_up_on`) are ISO dates (YYYY-MM-DD): text compares
-- them in calendar order on both backends.
create table if not exists application (
    id            text primary key,
    tenant_id     text not null references tenant (id),
    number        bigint not null,
    company       text not null,
    -- The company lowercased by vitae (Unicode rules), what the company filter matches: the
    -- backends' own lower() differ beyond ASCII.
    company_key   text not null,
    role          text not null,
    status        text not null,
    applied_on    text,
    follow_up_on  text,
    body          text not null,
    posting       text,
    version       bigint not null,
    created_at    bigint not null,
    updated_at    bigint not null
);
create unique index if not exists application_tenant_number on application (tenant_id, number);
create index if not exists application_tenant_id on application (tenant_id, id);

-- The exact bytes sent (a resume PDF, a letter), stored once per tenant under their SHA-256
-- (hex) however many applications sent them. Base64 text: one column type both backends read
-- the same way. A document no application uses any more is deleted with its last use.
create table if not exists document (
    tenant_id   text not null references tenant (id),
    hash        text not null,
    media_type  text not null,
    name        text not null,
    size        bigint not null,
    bytes       text not null,
    created_at  bigint not null,
    primary key (tenant_id, hash)
);

-- Which application sent which document: what keeps a document alive.
create table if not exists application_document (
    application_id  text not null references application (id) on delete cascade,
    tenant_id       text not null,
    hash            text not null,
    primary key (application_id, hash)
);
create index if not exists application_document_hash on application_document (tenant_id, hash);

-- An offer: the figures and scores are the JSON `body` (the use-case layer's shape).
create table if not exists offer (
    id          text primary key,
    tenant_id   text not null references tenant (id),
    number      bigint not null,
    company     text not null,
    body        text not null,
    version     bigint not null,
    created_at  bigint not null,
    updated_at  bigint not null
);
create unique index if not exists offer_tenant_number on offer (tenant_id, number);

-- The user's weights for comparing offers, JSON; empty: the defaults.
alter table tenant add column offer_weights text not null default '';
-- The last running number given to the tenant's applications and offers. A counter, not
-- `max(number) + 1`: a deleted #5 is never handed out again (an offer names its application by
-- number), and on PostgreSQL the counter's row lock orders concurrent inserts.
alter table tenant add column application_seq bigint not null default 0;
alter table tenant add column offer_seq bigint not null default 0;
