-- Full-text search: one text-search configuration per language the documents are written in,
-- accent-insensitive (unaccent before the stemmer), and maintained tsvectors for what is large
-- (documents' titles and live text). Names (people, cities, networks) use trigram similarity.

-- Extensions are database-wide, and every schema (each test run has one) shares them: they
-- live in public, are referred to as public.*, and are created under a lock so that two schemas
-- migrating at once do not collide.
select pg_advisory_xact_lock(hashtext('atelier:extensions'));
create extension if not exists unaccent schema public;
create extension if not exists pg_trgm schema public;

create text search configuration atelier_fr (copy = french);
alter text search configuration atelier_fr alter mapping for hword, hword_part, word with public.unaccent, french_stem;
create text search configuration atelier_en (copy = english);
alter text search configuration atelier_en alter mapping for hword, hword_part, word with public.unaccent, english_stem;
create text search configuration atelier_es (copy = spanish);
alter text search configuration atelier_es alter mapping for hword, hword_part, word with public.unaccent, spanish_stem;

-- A document's language (documents.locale) picks its configuration; French is the default.
create function search_config(locale text) returns regconfig language sql immutable parallel safe as $$
  select case locale when 'en' then 'atelier_en'::regconfig when 'es' then 'atelier_es'::regconfig else 'atelier_fr'::regconfig end
$$;

-- unaccent() is only stable (its dictionary could change); names are compared through it, and
-- an immutable wrapper lets that comparison be indexed.
create function search_fold(value text) returns text language sql immutable parallel safe as $$
  select lower(public.unaccent('public.unaccent'::regdictionary, value))
$$;

alter table documents add column search_title tsvector generated always as (to_tsvector(search_config(locale), title)) stored;
create index documents_search_title_idx on documents using gin (search_title);

-- The live text's index, refreshed in the same write as the derived copy (whichever instance
-- holds the room writes it). Only the first 100,000 characters (some 40 pages) are indexed: a
-- tsvector holds at most 1 MB, and this bounds one write's work (~100 ms on PGlite, whose thread
-- it holds meanwhile).
alter table doc_content add column search tsvector;

create function doc_content_search() returns trigger language plpgsql as $$
begin
  new.search := to_tsvector(search_config((select locale from documents where id = new.document_id)), left(new.text, 100000));
  return new;
end
$$;

create trigger doc_content_search before insert or update of text on doc_content
  for each row execute function doc_content_search();

update doc_content c set search = to_tsvector(search_config(d.locale), left(c.text, 100000)) from documents d where d.id = c.document_id;
create index doc_content_search_idx on doc_content using gin (search);

create index users_name_trgm_idx on users using gin (search_fold(name) public.gin_trgm_ops);
create index cities_name_trgm_idx on cities using gin (search_fold(name) public.gin_trgm_ops);
create index networks_name_trgm_idx on networks using gin (search_fold(name) public.gin_trgm_ops);
