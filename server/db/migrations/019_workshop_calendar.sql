-- A workshop invitation carries an iCalendar event; a mail may have one (its text, METHOD included).
-- Each change of a workshop's dates or place is a new revision of the event (its SEQUENCE), so
-- calendars replace the one they hold instead of adding another.
alter table mail_outbox add column calendar text;
alter table workshops add column calendar_sequence integer not null default 0;
