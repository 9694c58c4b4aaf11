-- Suggestion mode and the submission cycle: a submission keeps the suggestions still pending
-- when it was sent (their text, author and time, as the review screen lists them), and a
-- network's secretariat may require that none is pending before a deliverable is submitted.

alter table networks add column require_settled_suggestions boolean not null default false;
alter table submissions add column pending_suggestions jsonb not null default '[]';
