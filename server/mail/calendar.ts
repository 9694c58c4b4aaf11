import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'

export type CalendarWorkshop = { id: string; title: string; startsOn: string; endsOn: string; place: string; sequence: number }

/**
 * A workshop as an all-day iCalendar event, sent with its invitation (REQUEST) and again when its
 * dates or place change (the same UID, a higher SEQUENCE: calendars update the event), or when
 * someone no longer takes part (CANCEL: calendars remove it).
 */
export function workshopCalendar(w: CalendarWorkshop, method: 'REQUEST' | 'CANCEL', link: string, organizer: { name: string; email: string }): string {
  const calendar = ical({
    prodId: { company: 'Atelier', product: 'Atelier', language: 'FR' },
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  })
  const end = new Date(`${w.endsOn}T00:00:00Z`)
  end.setUTCDate(end.getUTCDate() + 1)
  calendar.createEvent({
    id: `workshop-${w.id}@atelier`,
    sequence: w.sequence,
    start: new Date(`${w.startsOn}T00:00:00Z`),
    end,
    allDay: true,
    summary: w.title,
    location: w.place || null,
    url: link,
    description: link,
    organizer,
    status: method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
  })
  return calendar.toString()
}

/** The METHOD a calendar was written with, which the mail's calendar part repeats. */
export const calendarMethod = (calendar: string): string => /^METHOD:(\w+)/m.exec(calendar)?.[1] ?? 'PUBLISH'
