-- Which app holds which domain of [proxy] domains: one app per domain, so that no app can take
-- another's traffic. Claimed in the transaction that records the deployment asking for it;
-- released when the app is deleted.
create table domain_claims (
    domain     varchar(253) primary key,
    app        varchar(63)  not null references apps (name) on delete cascade,
    claimed_at timestamptz  not null
);
create index domain_claims_by_app on domain_claims (app);
