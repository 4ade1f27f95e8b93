-- Webhook deliveries that started a deployment, by the git host's delivery id
-- (X-GitHub-Delivery, X-Gitea-Delivery, X-Gitlab-Event-UUID): a replay is answered, not deployed.
-- Kept with no app key: a delivery id stays used after its app is deleted.
create table webhook_deliveries (
    host        varchar(20)  not null,
    delivery_id varchar(100) not null,
    app         varchar(63)  not null,
    received_at timestamptz  not null,
    primary key (host, delivery_id)
);
create index webhook_deliveries_by_time on webhook_deliveries (received_at);

-- An app's own webhook secret, sealed with the config vars' key ring (re-sealed by a rotation); when an app has
-- none, slipway.webhooks.secret verifies its webhooks.
create table webhook_secrets (
    app        varchar(63) primary key references apps (name) on delete cascade,
    sealed     text        not null,
    updated_at timestamptz not null
);
