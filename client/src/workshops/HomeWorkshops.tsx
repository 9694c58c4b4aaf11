import type { WorkshopList } from '../../../shared/api'
import { useI18n } from '../i18n/useI18n'
import { WorkshopItem } from './WorkshopItem'
import { localToday, sortWorkshops } from './workshops-logic'

/**
 * On the home screen, the workshops under way and to come that the person takes part in or
 * follows: for a guest invited to one workshop, the only way in.
 */
export function HomeWorkshops({ workshops }: { workshops: WorkshopList }) {
  const { t } = useI18n()
  const coming = sortWorkshops(workshops.workshops, localToday()).filter((w) => w.phase !== 'past')
  if (coming.length === 0) return null
  return (
    <section className="home-section" aria-labelledby="home-workshops-title">
      <h2 id="home-workshops-title">{t('home.workshops')}</h2>
      <ul className="workshop-list">
        {coming.map(({ workshop, phase }) => (
          <WorkshopItem key={workshop.id} workshop={workshop} phase={phase} />
        ))}
      </ul>
    </section>
  )
}
