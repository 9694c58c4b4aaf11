-- Search finds practices and comment threads through stored, indexed tsvectors (as documents'
-- live text), rather than computing every row's tsvector on every query.

-- A practice is matched in its source document's language, kept on the row because the copy
-- outlives its source; publishing and republishing set it from the source.
alter table practices add column locale text not null default 'fr';
update practices p set locale = d.locale from documents d where d.id = p.document_id;

-- Title A; summary, themes and the copy's text B (the copy's first 100,000 characters, as for documents).
alter table practices add column search tsvector;

create function practices_search() returns trigger language plpgsql as $$
begin
  new.search := setweight(to_tsvector(search_config(new.locale), new.title), 'A')
    || setweight(to_tsvector(search_config(new.locale), new.summary || ' ' || array_to_string(new.themes, ' ') || ' ' || left(new.body, 100000)), 'B');
  return new;
end
$$;

create trigger practices_search before insert or update of title, summary, themes, body, locale on practices
  for each row execute function practices_search();

update practices set search = setweight(to_tsvector(search_config(locale), title), 'A')
  || setweight(to_tsvector(search_config(locale), summary || ' ' || array_to_string(themes, ' ') || ' ' || left(body, 100000)), 'B');
create index practices_search_idx on practices using gin (search);

-- A thread: its quote and its comments not deleted, in its document's language (a document's
-- language does not change). Kept by the triggers below on both tables.
alter table comment_threads add column search tsvector;

create function comment_thread_search(thread uuid, thread_quote text) returns tsvector language sql stable as $$
  select to_tsvector(search_config((select d.locale from comment_threads t join documents d on d.id = t.document_id where t.id = thread)),
    thread_quote || ' ' || coalesce((select string_agg(c.body, ' ' order by c.created_at) from comments c where c.thread_id = thread and c.deleted_at is null), ''))
$$;

-- On insert the row is not there yet: its document's language is read from new.document_id.
create function comment_threads_search() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    new.search := to_tsvector(search_config((select locale from documents where id = new.document_id)), new.quote);
  else
    new.search := comment_thread_search(new.id, new.quote);
  end if;
  return new;
end
$$;

create trigger comment_threads_search before insert or update of quote on comment_threads
  for each row execute function comment_threads_search();

-- A comment added, edited, deleted (its body emptied) or removed refreshes its thread's vector.
create function comments_thread_search() returns trigger language plpgsql as $$
declare
  thread uuid := case when tg_op = 'DELETE' then old.thread_id else new.thread_id end;
begin
  update comment_threads t set search = comment_thread_search(t.id, t.quote) where t.id = thread;
  return null;
end
$$;

create trigger comments_thread_search after insert or update of body, deleted_at or delete on comments
  for each row execute function comments_thread_search();

update comment_threads t set search = comment_thread_search(t.id, t.quote);
create index comment_threads_search_idx on comment_threads using gin (search);
