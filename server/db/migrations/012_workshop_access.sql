-- Workshop access: those taking part in a workshop co-write its agenda and deliverables, and a
-- participant without an account gets an invitation link scoped to the workshop's documents.

-- Such an invitation points at the participant and gives no role; its space stays the
-- workshop's network (so a deleted network takes it along, and the space check still holds).
alter table invitations add column workshop_participant_id uuid references workshop_participants (id) on delete cascade;
alter table invitations alter column role drop not null;
alter table invitations add constraint invitations_role_or_participant check ((role is null) <> (workshop_participant_id is null));

-- The policy asks which workshop a document belongs to: one at most.
create unique index workshop_documents_document_idx on workshop_documents (document_id);
-- Who takes part, as loading someone's rights asks it.
create index workshop_participants_user_idx on workshop_participants (user_id) where user_id is not null;
create index workshop_participants_city_idx on workshop_participants (city_id) where kind = 'city_representative';
