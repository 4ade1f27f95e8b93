-- The apps' processes as the deploy workers last reported them (ProcessStarted, ProcessCrashed,
-- ProcessStopped): a projection of the event log, like the others.
create table processes (
    deployment_id uuid        not null references deployments (id) on delete cascade,
    app           varchar(63) not null,
    process       varchar(63) not null,
    instance      int         not null,
    state         varchar(20) not null,   -- UP, RESTARTING, CRASHED, STOPPED
    pid           bigint,
    port          int,
    started_at    timestamptz,
    restarts      int         not null,
    exit_code     int,
    worker        text,
    updated_at    timestamptz not null,
    primary key (deployment_id, process, instance)
);
create index processes_by_app on processes (app);

-- Releases that gave up (ReleaseCrashed): a process crashed too often and is not started again.
create table release_crashes (
    deployment_id uuid        primary key references deployments (id) on delete cascade,
    app           varchar(63) not null,
    reason        text        not null,
    crashed_at    timestamptz not null
);
