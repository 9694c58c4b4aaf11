import { LOCALES } from '../../../shared/locales'
import { useSession } from '../app/session'
import { useI18n } from '../i18n/useI18n'

/** FR / EN / ES. Each button names its language in that language, so it is findable by those who need it. */
export function LanguageSwitch() {
  const { t, locale } = useI18n()
  const { setLanguage } = useSession()
  return (
    // biome-ignore lint/a11y/useSemanticElements: three buttons in the header, not a form's fieldset
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          // The visible code first (WCAG 2.5.3: the name contains what is seen), then the language named in itself.
          aria-label={`${t(`language.${l}Short`)} — ${t(`language.${l}`)}`}
          // A language whose messages cannot come (offline) leaves the interface as it is.
          onClick={() => setLanguage(l).catch(() => {})}
        >
          {t(`language.${l}Short`)}
        </button>
      ))}
    </div>
  )
}
