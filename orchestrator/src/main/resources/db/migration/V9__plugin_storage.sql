-- Plugins' own key-value storage and the metadata stages of a deployment leave for the later ones.
-- The workers reach these two tables, and nothing else, as the role slipway_plugins.

create table plugin_storage (
    plugin     varchar(63)  not null,   -- bound by the worker to the plugin's name, never chosen by the plugin
    key        varchar(200) not null,
    value      jsonb        not null,
    updated_at timestamptz  not null default now(),
    primary key (plugin, key)
);

create table deployment_metadata (
    deployment_id uuid          not null references deployments (id) on delete cascade,
    plugin        varchar(63)   not null,
    key           varchar(200)  not null,
    value         text          not null,
    recorded_at   timestamptz   not null default now(),
    primary key (deployment_id, plugin, key)
);

-- bin/slipway makes the role (deploy/local/lib/postgres.sh) before the orchestrator migrates; a
-- database without it (docker-compose.dev.yml) gets the tables, and the workers no storage.
do $$
begin
    if exists (select from pg_roles where rolname = 'slipway_plugins') then
        grant select, insert, update, delete on plugin_storage, deployment_metadata to slipway_plugins;
    else
        raise notice 'role slipway_plugins does not exist: plugins get no storage until it is made and granted';
    end if;
end
$$;
