-- The secretariat's visit to a city has its report: a live document in the city's space, private
-- to the city's team and the secretariat. One report per visit, and a document reports one visit.

alter table city_visits add column report_id uuid unique references documents (id) on delete set null;
