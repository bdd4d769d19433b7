-- A tenant may switch language-model assistance off for all its requests (1: allowed, the
-- default; 0: off). bigint, not boolean: one column type both backends read the same way.
alter table tenant add column ai_enabled bigint not null default 1;
