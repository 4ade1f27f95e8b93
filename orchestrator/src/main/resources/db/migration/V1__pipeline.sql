-- Apps, deployments and releases are projections: they can be rebuilt from event_log.

create table apps (
    name               varchar(63) primary key,
    created_at         timestamptz not null,
    current_deployment uuid
);

create table deployments (
    id           uuid primary key,
    app          varchar(63) not null references apps (name) on delete cascade,
    state        varchar(20) not null,
    attempt      int         not null,
    source       text        not null,
    config       text        not null,   -- AppConfig as JSON
    release_info text,                   -- DeploymentInfo as JSON, once deployed
    release      int,
    urls         text,                   -- JSON array
    error        text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index deployments_by_app on deployments (app, created_at desc);

create table deployment_stages (
    deployment_id uuid        not null references deployments (id) on delete cascade,
    stage         varchar(20) not null,
    attempt       int         not null,
    state         varchar(20) not null,
    strategy      text,
    reason        text,
    error         text,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    primary key (deployment_id, stage)
);

create table releases (
    app           varchar(63) not null references apps (name) on delete cascade,
    version       int         not null,
    deployment_id uuid        not null references deployments (id) on delete cascade,
    created_at    timestamptz not null,
    primary key (app, version)
);

-- Every fact, in order. position is the SSE event id.
create table event_log (
    position      bigserial primary key,
    event_id      uuid         not null unique,
    deployment_id uuid         not null,
    app           varchar(63)  not null,
    type          varchar(100) not null,
    payload       text         not null,
    recorded_at   timestamptz  not null
);
create index event_log_by_deployment on event_log (deployment_id, position);

-- Commands waiting to be published; written in the same transaction as the event they follow.
create table outbox (
    id           uuid primary key,
    position     bigserial    not null,
    topic        varchar(100) not null,
    message_key  varchar(63)  not null,
    type         varchar(100) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_pending on outbox (position) where published_at is null;

create table log_lines (
    position      bigserial primary key,
    deployment_id uuid        not null,
    stage         varchar(20) not null,
    logged_at     timestamptz not null,
    text          text        not null
);
create index log_lines_by_deployment on log_lines (deployment_id, position);
