import { EXPERT_KINDS, type ExpertKind, type GrantRole } from '../../../../shared/domain'
import { useI18n } from '../../i18n/useI18n'
import type { FieldErrors } from '../../lib/forms'
import { scopeKey, type GrantScope } from '../../lib/grants'
import { roleHelpKey, roleLabelKey } from '../../lib/roles'
import { RadioGroup, SelectField } from '../ui'

export type RoleChoice = { scope: string; role: GrantRole; expertKind: ExpertKind }

/** The first choice a form offers: the first space, its first role. */
export function initialRoleChoice(scopes: readonly GrantScope[]): RoleChoice {
  const first = scopes[0]
  return { scope: first ? scopeKey(first.space) : '', role: first?.roles[0] ?? 'expert', expertKind: 'international' }
}

/** The chosen space and role as the API takes them; expert kind only for experts. */
export function roleRequest(choice: RoleChoice, scopes: readonly GrantScope[]) {
  const scope = scopes.find((s) => scopeKey(s.space) === choice.scope)
  return {
    space: scope ? { type: scope.space.type, id: scope.space.id } : undefined,
    role: choice.role,
    expertKind: choice.role === 'expert' ? choice.expertKind : undefined,
  }
}

/**
 * Where (the network or one of its cities) and which role, among those the policy lets this
 * person hand out there; the kind of expertise for an expert.
 */
export function RoleFields({
  scopes,
  value,
  onChange,
  errors,
}: {
  scopes: readonly GrantScope[]
  value: RoleChoice
  onChange: (value: RoleChoice) => void
  errors: FieldErrors
}) {
  const { t } = useI18n()
  const scope = scopes.find((s) => scopeKey(s.space) === value.scope) ?? scopes[0]
  const roles = scope?.roles ?? []

  function chooseScope(key: string) {
    const next = scopes.find((s) => scopeKey(s.space) === key)
    const role = next && !next.roles.includes(value.role) ? next.roles[0]! : value.role
    onChange({ ...value, scope: key, role })
  }

  return (
    <>
      {scopes.length > 1 && (
        <SelectField
          name="space"
          label={t('people.scope')}
          hint={t('people.scopeHint')}
          value={value.scope}
          onChange={chooseScope}
          error={errors.space ?? errors['space.id']}
          options={scopes.map((s) => ({ value: scopeKey(s.space), label: t(`people.scopeOption.${s.space.type}`, { name: s.space.name }) }))}
          data-autofocus=""
        />
      )}
      <RadioGroup
        legend={t('people.role')}
        name="role"
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        error={errors.role}
        autoFocus={scopes.length <= 1}
        options={roles.map((role) => ({
          value: role,
          label: t(roleLabelKey(role)),
          description: t(roleHelpKey(role, scope!.space.type)),
        }))}
      />
      {value.role === 'expert' && (
        <RadioGroup
          legend={t('people.expertKind')}
          name="expertKind"
          value={value.expertKind}
          onChange={(expertKind) => onChange({ ...value, expertKind })}
          error={errors.expertKind}
          options={EXPERT_KINDS.map((kind) => ({ value: kind, label: t(roleLabelKey('expert', kind)) }))}
        />
      )}
    </>
  )
}
