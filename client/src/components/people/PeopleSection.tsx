import { useState } from 'react'
import type { MeResponse, MembershipView, PersonView } from '../../../../shared/api'
import { canResetPassword } from '../../../../shared/policy'
import { endpoints } from '../../api'
import { useI18n } from '../../i18n/useI18n'
import type { GrantScope } from '../../lib/grants'
import { actorFromGrants, groupPeople, roleInNetworkKey, type PersonGroup } from '../../lib/people'
import { ConfirmDialog } from '../ConfirmDialog'
import { AssignRoleDialog } from './AssignRoleDialog'
import { InviteDialog } from './InviteDialog'
import { ResetLinkDialog } from './ResetLinkDialog'

type Open =
  | { kind: 'invite' }
  | { kind: 'assign'; user: PersonView['user'] }
  | { kind: 'reset'; user: PersonView['user'] }
  | { kind: 'revoke'; grant: PersonView; role: string }

/**
 * The people of a space and their roles. Invite, give a role, take one back and make a
 * password-reset link appear only where the policy allows them (the server checks again):
 * "take back" follows each role's `allowed.revoke` from the API. Never one's own role here:
 * stepping down is for someone else to do, so nobody locks themselves out.
 */
export function PeopleSection({
  me,
  people,
  memberships = [],
  scopes,
  assignScopes,
  emptyText,
  onChanged,
}: {
  me: MeResponse
  people: readonly PersonView[]
  /** On a network's screen: city teams read as the pilot or a member city's team. */
  memberships?: readonly MembershipView[]
  /** Where the signed-in person may invite someone, and with which roles. */
  scopes: readonly GrantScope[]
  /** Where the signed-in person may give a role to someone listed (the secretariat). */
  assignScopes: readonly GrantScope[]
  emptyText: { canInvite: string; cannot: string }
  onChanged: (notice: string) => void
}) {
  const { t, locale } = useI18n()
  // Kept after closing: the <dialog> stays mounted to close itself and give focus back to its button.
  const [dialog, setDialog] = useState<Open | null>(null)
  const [open, setOpen] = useState(false)
  const groups = groupPeople(people, locale)
  const canInvite = scopes.length > 0
  const canAssign = assignScopes.length > 0

  const show = (d: Open) => {
    setDialog(d)
    setOpen(true)
  }
  const close = () => setOpen(false)

  return (
    <section className="space-section" aria-labelledby="people-title">
      <div className="section-head">
        <h2 id="people-title">{t('people.title')}</h2>
        {canInvite && (
          <button type="button" className="button button-secondary" onClick={() => show({ kind: 'invite' })}>
            <span aria-hidden="true">+</span> {t('people.invite')}
          </button>
        )}
      </div>
      {groups.length === 0 ? (
        <p className="empty-line">{canInvite ? emptyText.canInvite : emptyText.cannot}</p>
      ) : (
        <ul className={canAssign ? 'people-list people-list-manage' : 'people-list'}>
          {groups.map((group) => (
            <Person key={group.user.id} me={me} group={group} memberships={memberships} canAssign={canAssign} onOpen={show} />
          ))}
        </ul>
      )}

      {dialog?.kind === 'invite' && <InviteDialog open={open} onClose={close} scopes={scopes} />}
      {dialog?.kind === 'assign' && (
        <AssignRoleDialog
          open={open}
          onClose={close}
          user={dialog.user}
          scopes={assignScopes}
          onDone={() => {
            close()
            onChanged(t('people.roleGiven', { name: dialog.user.name }))
          }}
        />
      )}
      {dialog?.kind === 'reset' && <ResetLinkDialog open={open} onClose={close} user={dialog.user} />}
      {dialog?.kind === 'revoke' && (
        <ConfirmDialog
          open={open}
          onClose={close}
          title={t('revoke.title')}
          text={t('revoke.text', { name: dialog.grant.user.name, role: dialog.role, space: dialog.grant.space.name })}
          confirmLabel={t('revoke.confirm')}
          busyLabel={t('revoke.busy')}
          onConfirm={async () => {
            await endpoints.revokeGrant(dialog.grant.grantId)
            close()
            onChanged(t('people.roleRevoked', { name: dialog.grant.user.name, role: dialog.role }))
          }}
        />
      )}
    </section>
  )
}

function Person({
  me,
  group,
  memberships,
  canAssign,
  onOpen,
}: {
  me: MeResponse
  group: PersonGroup
  memberships: readonly MembershipView[]
  canAssign: boolean
  onOpen: (dialog: Open) => void
}) {
  const { t } = useI18n()
  const { user, grants } = group
  const isMe = user.id === me.user.id
  const canReset = canResetPassword(me.actor, actorFromGrants(user.id, grants))

  return (
    <li className="person">
      <div className="person-id">
        <span className="person-name">
          {user.name}
          {isMe && <span className="muted"> {t('people.you')}</span>}
        </span>
        {user.email && <span className="person-email">{user.email}</span>}
      </div>
      <ul className="person-roles" aria-label={t('people.rolesOf', { name: user.name })}>
        {grants.map((grant) => {
          const role = t(roleInNetworkKey(grant, memberships))
          return (
            <li key={grant.grantId}>
              <span className="badge">{role}</span>
              {grant.space.type === 'city' && <span className="muted"> · {grant.space.name}</span>}
              {!isMe && grant.allowed.revoke && (
                <button
                  type="button"
                  className="link-button person-revoke"
                  onClick={() => onOpen({ kind: 'revoke', grant, role })}
                  aria-label={t('people.revokeLabel', { role, name: user.name })}
                >
                  {t('people.revoke')}
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {(canAssign || canReset) && (
        <div className="person-actions">
          {canAssign && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => onOpen({ kind: 'assign', user })}
              aria-label={t('people.assignLabel', { name: user.name })}
            >
              {t('people.assign')}
            </button>
          )}
          {canReset && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => onOpen({ kind: 'reset', user })}
              aria-label={t('people.resetLabel', { name: user.name })}
            >
              {t('people.reset')}
            </button>
          )}
        </div>
      )}
    </li>
  )
}
