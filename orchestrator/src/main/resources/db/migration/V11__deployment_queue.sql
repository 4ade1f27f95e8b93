-- The per-app deployment queue: at most one deployment of an app is in flight, the others wait in
-- request order (request_number, given under a lock of the app's row). deploy_order says what a
-- new request does to the ones still waiting: QUEUE (it waits behind them) or SUPERSEDE (they are
-- cancelled, as Heroku does with builds).
alter table apps add column deploy_order varchar(10) not null default 'QUEUE'
    check (deploy_order in ('QUEUE', 'SUPERSEDE'));

alter table deployments add column request_number bigint;
update deployments d set request_number = n.number
    from (select id, row_number() over (partition by app order by created_at, id) as number from deployments) n
    where d.id = n.id;
alter table deployments alter column request_number set not null;
alter table deployments add constraint deployments_request_order unique (app, request_number);
