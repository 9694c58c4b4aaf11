-- Mail leaves through an outbox: a row is written in the same transaction as what caused it (an
-- invitation, a reset, a mention), and a worker sends it with retries, so a mail server outage
-- loses nothing and a restart resends nothing already recorded as sent.
create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  recipient_id uuid references users (id) on delete set null,
  to_address text not null,
  subject text not null,
  body_text text not null,
  body_html text not null,
  -- The networks whose secretariat sees this mail in its outbox.
  network_ids uuid[] not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  -- When it may next be tried; a worker sending it holds it until then (a lease).
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'pending';
create index mail_outbox_recipient on mail_outbox (lower(to_address), kind, created_at);
create index mail_outbox_networks on mail_outbox using gin (network_ids);
