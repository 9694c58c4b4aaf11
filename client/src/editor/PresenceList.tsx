import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { colorFor } from '../../../shared/collab'
import type { SpaceRole } from '../../../shared/domain'
import { useI18n } from '../i18n/useI18n'
import { roleLabelKey } from '../lib/roles'
import { initials, participantsFrom, type Participant } from './presence'

function useParticipants(awareness: Awareness): Participant[] {
  const read = () => participantsFrom(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID)
  const [participants, setParticipants] = useState(read)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` closes over `awareness` only
  useEffect(() => {
    const onChange = () => setParticipants(read())
    awareness.on('change', onChange)
    onChange()
    return () => awareness.off('change', onChange)
  }, [awareness])
  return participants
}

/** Who is here: me first, then the others; clicking someone scrolls to their caret. */
export function PresenceList({ awareness, me }: { awareness: Awareness; me: { id: string; name: string } }) {
  const { t } = useI18n()
  const participants = useParticipants(awareness)

  function goTo(person: Participant) {
    const caret = document.querySelector<HTMLElement>(`.collaboration-carets__caret[data-user-id="${CSS.escape(person.id)}"]`)
    caret?.scrollIntoView({ behavior: 'smooth', block: 'center' })
    caret?.classList.add('collaboration-carets__caret--flash')
    setTimeout(() => caret?.classList.remove('collaboration-carets__caret--flash'), 1200)
  }

  const roleLabel = (role: string) => (role === 'reader' ? '' : role === 'participant' ? t('workshopAccess.participant') : t(roleLabelKey(role as SpaceRole)))

  return (
    <section className="presence" aria-label={t('editor.presence.label')}>
      <ul className="presence-list">
        <li>
          <span className="avatar avatar-me" style={{ backgroundColor: colorFor(me.id) }} title={`${me.name} (${t('editor.presence.you')})`} aria-hidden="true">
            {initials(me.name)}
          </span>
          <span className="visually-hidden">{`${me.name} (${t('editor.presence.you')})`}</span>
        </li>
        {participants.map((p) => {
          const details = [p.city, roleLabel(p.role)].filter(Boolean).join(' · ')
          return (
            <li key={p.id}>
              <button
                type="button"
                className="avatar"
                style={{ backgroundColor: p.color }}
                title={details ? `${p.name} — ${details}` : p.name}
                aria-label={`${t('editor.presence.goTo', { name: p.name })}${details ? ` (${details})` : ''}`}
                data-user-id={p.id}
                // Drawn by CSS, out of the accessible name: the label says the whole name (axe: label-content-name-mismatch).
                data-initials={initials(p.name)}
                onClick={() => goTo(p)}
              />
            </li>
          )
        })}
      </ul>
      {participants.length === 0 && <p className="presence-alone muted">{t('editor.presence.alone')}</p>}
    </section>
  )
}
