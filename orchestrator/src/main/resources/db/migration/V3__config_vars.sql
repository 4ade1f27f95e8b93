-- An app's config vars, set through the API. Values are sealed (AES-GCM, slipway.secrets.key):
-- the database never holds them in clear.
create table app_config (
    app        varchar(63)  not null references apps (name) on delete cascade,
    key        varchar(255) not null,
    sealed     text         not null,
    updated_at timestamptz  not null,
    primary key (app, key)
);
