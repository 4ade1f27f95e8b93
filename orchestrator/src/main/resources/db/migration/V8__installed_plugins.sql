-- Plugins installed through the API (POST /api/plugins), delivered to every worker on the compacted
-- slipway.plugins topic. The row is its own outbox: published_at is null until Kafka acknowledged the
-- row as it is now (the file, or the tombstone of a removed plugin, whose row is then deleted).
-- The bytes are kept here, not in the orchestrator's home, so that every replica can publish them
-- and a database backup holds them.
create table installed_plugins (
    name         varchar(63)  primary key,
    kind         varchar(20)  not null check (kind in ('jar', 'dir', 'executable')),
    file_name    varchar(255) not null,
    sha256       char(64)     not null,
    -- What a worker that loaded it announces: a directory's checksum covers its jars, not the zip.
    announced_checksum char(64) not null,
    size_bytes   bigint       not null,
    content      bytea,
    installed_at timestamptz  not null,
    removed      boolean      not null default false,
    published_at timestamptz
);
create index installed_plugins_unpublished on installed_plugins (name) where published_at is null;
