-- A release's runtime log is its stage 'run' lines: which app they belong to, and which process
-- (web.1) printed each; process is null for what the host said about the processes, and for the
-- lines of every other stage. The app's stream reads them by app, in position order.
alter table log_lines add column app varchar(63);
alter table log_lines add column process varchar(80);
update log_lines l set app = d.app from deployments d where l.stage = 'run' and d.id = l.deployment_id;
create index log_lines_runtime_by_app on log_lines (app, position) where stage = 'run';
