import type { GrantRole } from '../../shared/domain'
import type { MailTopic } from '../../shared/api'
import type { TemplateLocale } from '../../shared/templates'

/**
 * What each mail says, in its recipient's language: a subject, the lines of its body, and one link
 * to act on. Plain text and a simple HTML rendering of the same words (no images, no styles a
 * client could drop): mails never carry a document's content beyond the comment itself.
 */
export type Message = { subject: string; text: string; html: string }

/** The sender as people know them: a name, and their city when they speak for one. */
export type Sender = { name: string; city: string | null }

type Words = { subject: string; lines: string[]; action: string; footer: string }

/** A person's account language as a mail's: French unless English or Spanish. */
export const mailLocale = (l: string): TemplateLocale => (l === 'en' || l === 'es' ? l : 'fr')

const sender = (s: Sender) => (s.city ? `${s.name} (${s.city})` : s.name)

const dateIn = (locale: TemplateLocale, at: Date) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at)

export type MailInput =
  | { kind: 'invitation'; from: Sender; space: string; role: GrantRole | null; link: string; expiresAt: Date }
  | { kind: 'password_reset'; link: string; hours: number }
  | { kind: 'mention' | 'reply'; from: Sender; document: string; comment: string; link: string }
  | { kind: 'submitted' | 'returned' | 'validated'; from: Sender; document: string; space: string; message: string; link: string }
  | { kind: 'due'; when: 'week' | 'day' | 'passed'; document: string; space: string; dueOn: Date; link: string }
  | {
      kind: 'workshop'
      when: 'invited' | 'changed' | 'cancelled'
      workshop: string
      network: string
      startsOn: Date
      endsOn: Date
      place: string
      link: string
    }

/** The role an invitation gives, as the app names it (client/src/i18n); a workshop guest's gives none. */
const ROLES: Record<TemplateLocale, Record<GrantRole, string>> = {
  fr: { secretariat: 'Secrétariat général', city_team: 'Équipe de ville', expert: 'Expert·e', advisory: 'Groupe conseil', funder: 'Organisme de financement' },
  en: { secretariat: 'General secretariat', city_team: 'City team', expert: 'Expert', advisory: 'Advisory group', funder: 'Funder' },
  es: { secretariat: 'Secretaría General', city_team: 'Equipo de ciudad', expert: 'Persona experta', advisory: 'Grupo asesor', funder: 'Financiador' },
}

const FOOTER: Record<TemplateLocale, string> = {
  fr: 'Ce courriel vous est envoyé par Atelier. Si vous ne l’attendiez pas, vous pouvez l’ignorer.',
  en: 'This mail was sent to you by Atelier. If you did not expect it, you may ignore it.',
  es: 'Este correo se lo envía Atelier. Si no lo esperaba, puede ignorarlo.',
}

function words(locale: TemplateLocale, m: MailInput): Words {
  const footer = FOOTER[locale]
  switch (m.kind) {
    case 'invitation': {
      const until = dateIn(locale, m.expiresAt)
      const role = m.role ? ROLES[locale][m.role] : null
      return {
        fr: {
          subject: `${sender(m.from)} vous invite dans « ${m.space} »`,
          lines: [`${sender(m.from)} vous invite à rejoindre « ${m.space} » sur Atelier${role ? ` (${role})` : ''}.`, `Le lien est valable jusqu’au ${until}.`],
          action: 'Accepter l’invitation',
          footer,
        },
        en: {
          subject: `${sender(m.from)} invites you to “${m.space}”`,
          lines: [`${sender(m.from)} invites you to join “${m.space}” on Atelier${role ? ` (${role})` : ''}.`, `The link works until ${until}.`],
          action: 'Accept the invitation',
          footer,
        },
        es: {
          subject: `${sender(m.from)} le invita a «${m.space}»`,
          lines: [`${sender(m.from)} le invita a unirse a «${m.space}» en Atelier${role ? ` (${role})` : ''}.`, `El enlace es válido hasta el ${until}.`],
          action: 'Aceptar la invitación',
          footer,
        },
      }[locale]
    }
    case 'password_reset':
      return {
        fr: {
          subject: 'Réinitialiser votre mot de passe Atelier',
          lines: [
            'Vous avez demandé à réinitialiser votre mot de passe.',
            `Le lien ci-dessous est valable ${m.hours} heures et ne sert qu’une fois.`,
            'Si vous n’avez rien demandé, ignorez ce courriel : votre mot de passe ne change pas.',
          ],
          action: 'Choisir un nouveau mot de passe',
          footer,
        },
        en: {
          subject: 'Reset your Atelier password',
          lines: [
            'You asked to reset your password.',
            `The link below works for ${m.hours} hours, once.`,
            'If you did not ask, ignore this mail: your password does not change.',
          ],
          action: 'Choose a new password',
          footer,
        },
        es: {
          subject: 'Restablecer su contraseña de Atelier',
          lines: [
            'Ha pedido restablecer su contraseña.',
            `El enlace de abajo es válido ${m.hours} horas y sirve una sola vez.`,
            'Si no lo ha pedido, ignore este correo: su contraseña no cambia.',
          ],
          action: 'Elegir una nueva contraseña',
          footer,
        },
      }[locale]
    case 'submitted':
    case 'returned':
    case 'validated':
      return { ...stepWords(locale, m), footer }
    case 'due':
      return { ...dueWords(locale, m), footer }
    case 'workshop':
      return { ...workshopWords(locale, m), footer }
    case 'mention':
    case 'reply': {
      const mention = m.kind === 'mention'
      return {
        fr: {
          subject: mention ? `${sender(m.from)} vous a mentionné·e dans « ${m.document} »` : `${sender(m.from)} a répondu dans « ${m.document} »`,
          lines: [mention ? `${sender(m.from)} vous a mentionné·e :` : `${sender(m.from)} a répondu à une discussion que vous suivez :`, `« ${m.comment} »`],
          action: 'Voir le commentaire',
          footer,
        },
        en: {
          subject: mention ? `${sender(m.from)} mentioned you in “${m.document}”` : `${sender(m.from)} replied in “${m.document}”`,
          lines: [mention ? `${sender(m.from)} mentioned you:` : `${sender(m.from)} replied to a thread you follow:`, `“${m.comment}”`],
          action: 'See the comment',
          footer,
        },
        es: {
          subject: mention ? `${sender(m.from)} le mencionó en «${m.document}»` : `${sender(m.from)} respondió en «${m.document}»`,
          lines: [mention ? `${sender(m.from)} le mencionó:` : `${sender(m.from)} respondió a una conversación que usted sigue:`, `«${m.comment}»`],
          action: 'Ver el comentario',
          footer,
        },
      }[locale]
    }
  }
}

type Step = Extract<MailInput, { kind: 'submitted' | 'returned' | 'validated' }>

/** A step of the submission cycle: to the secretariat when submitted, to the city's writers when returned or validated. */
function stepWords(locale: TemplateLocale, m: Step): Omit<Words, 'footer'> {
  const who = sender(m.from)
  const quoted = (open: string, close: string) => (m.message ? [`${open}${m.message}${close}`] : [])
  switch (locale) {
    case 'fr':
      return {
        subject: {
          submitted: `« ${m.document} » est soumis`,
          returned: `« ${m.document} » vous est renvoyé avec des remarques`,
          validated: `« ${m.document} » est validé`,
        }[m.kind],
        lines: [
          {
            submitted: `${who} a soumis « ${m.document} » (${m.space}) : il attend votre relecture.`,
            returned: `${who} a renvoyé « ${m.document} » avec des remarques : il est de nouveau modifiable.`,
            validated: `${who} a validé « ${m.document} » : la version soumise est verrouillée.`,
          }[m.kind],
          ...quoted('« ', ' »'),
        ],
        action: 'Ouvrir le document',
      }
    case 'en':
      return {
        subject: {
          submitted: `“${m.document}” was submitted`,
          returned: `“${m.document}” was returned with remarks`,
          validated: `“${m.document}” was validated`,
        }[m.kind],
        lines: [
          {
            submitted: `${who} submitted “${m.document}” (${m.space}): it awaits your review.`,
            returned: `${who} returned “${m.document}” with remarks: it can be edited again.`,
            validated: `${who} validated “${m.document}”: the submitted version is locked.`,
          }[m.kind],
          ...quoted('“', '”'),
        ],
        action: 'Open the document',
      }
    case 'es':
      return {
        subject: {
          submitted: `«${m.document}» fue enviado`,
          returned: `«${m.document}» le fue devuelto con observaciones`,
          validated: `«${m.document}» fue validado`,
        }[m.kind],
        lines: [
          {
            submitted: `${who} envió «${m.document}» (${m.space}): espera su revisión.`,
            returned: `${who} devolvió «${m.document}» con observaciones: se puede volver a editar.`,
            validated: `${who} validó «${m.document}»: la versión enviada queda bloqueada.`,
          }[m.kind],
          ...quoted('«', '»'),
        ],
        action: 'Abrir el documento',
      }
  }
}

/** A deliverable's due date: a week before, the day before, and once passed while still not submitted. */
function dueWords(locale: TemplateLocale, m: Extract<MailInput, { kind: 'due' }>): Omit<Words, 'footer'> {
  const on = dateIn(locale, m.dueOn)
  switch (locale) {
    case 'fr':
      return {
        subject: {
          week: `« ${m.document} » est attendu dans 7 jours`,
          day: `« ${m.document} » est attendu demain`,
          passed: `« ${m.document} » était attendu le ${on}`,
        }[m.when],
        lines: [
          m.when === 'passed'
            ? `« ${m.document} » (${m.space}) était attendu le ${on} et n’a pas encore été soumis.`
            : `« ${m.document} » (${m.space}) est attendu pour le ${on}. Il n’a pas encore été soumis.`,
        ],
        action: 'Ouvrir le document',
      }
    case 'en':
      return {
        subject: { week: `“${m.document}” is due in 7 days`, day: `“${m.document}” is due tomorrow`, passed: `“${m.document}” was due on ${on}` }[m.when],
        lines: [
          m.when === 'passed'
            ? `“${m.document}” (${m.space}) was due on ${on} and has not been submitted yet.`
            : `“${m.document}” (${m.space}) is due on ${on}. It has not been submitted yet.`,
        ],
        action: 'Open the document',
      }
    case 'es':
      return {
        subject: {
          week: `«${m.document}» se espera dentro de 7 días`,
          day: `«${m.document}» se espera mañana`,
          passed: `«${m.document}» se esperaba el ${on}`,
        }[m.when],
        lines: [
          m.when === 'passed'
            ? `«${m.document}» (${m.space}) se esperaba el ${on} y todavía no se ha enviado.`
            : `«${m.document}» (${m.space}) se espera para el ${on}. Todavía no se ha enviado.`,
        ],
        action: 'Abrir el documento',
      }
  }
}

/** A workshop in someone's calendar: the invitation, a change of dates or place, or no longer taking part. */
function workshopWords(locale: TemplateLocale, m: Extract<MailInput, { kind: 'workshop' }>): Omit<Words, 'footer'> {
  const from = dateIn(locale, m.startsOn)
  const to = dateIn(locale, m.endsOn)
  switch (locale) {
    case 'fr': {
      const when = `du ${from} au ${to}${m.place ? ` à ${m.place}` : ''}`
      return {
        subject: { invited: `Invitation : ${m.workshop}`, changed: `Modifié : ${m.workshop}`, cancelled: `Annulé pour vous : ${m.workshop}` }[m.when].replace(
          ' :',
          '\u00a0:',
        ),
        lines: [
          {
            invited: `Vous participez à l’atelier « ${m.workshop} » du réseau « ${m.network} », ${when}.`,
            changed: `L’atelier « ${m.workshop} » a changé : il a lieu ${when}.`,
            cancelled: `Vous ne participez plus à l’atelier « ${m.workshop} » (${when}).`,
          }[m.when],
          m.when === 'cancelled' ? 'L’événement est retiré de votre agenda.' : 'L’événement joint s’ajoute à votre agenda.',
        ],
        action: 'Ouvrir l’atelier',
      }
    }
    case 'en': {
      const when = `from ${from} to ${to}${m.place ? ` in ${m.place}` : ''}`
      return {
        subject: { invited: `Invitation: ${m.workshop}`, changed: `Updated: ${m.workshop}`, cancelled: `Cancelled for you: ${m.workshop}` }[m.when],
        lines: [
          {
            invited: `You take part in the workshop “${m.workshop}” of the network “${m.network}”, ${when}.`,
            changed: `The workshop “${m.workshop}” has changed: it takes place ${when}.`,
            cancelled: `You no longer take part in the workshop “${m.workshop}” (${when}).`,
          }[m.when],
          m.when === 'cancelled' ? 'The event is removed from your calendar.' : 'The attached event adds it to your calendar.',
        ],
        action: 'Open the workshop',
      }
    }
    case 'es': {
      const when = `del ${from} al ${to}${m.place ? ` en ${m.place}` : ''}`
      return {
        subject: { invited: `Invitación: ${m.workshop}`, changed: `Modificado: ${m.workshop}`, cancelled: `Cancelado para usted: ${m.workshop}` }[m.when],
        lines: [
          {
            invited: `Participa en el taller «${m.workshop}» de la red «${m.network}», ${when}.`,
            changed: `El taller «${m.workshop}» ha cambiado: tiene lugar ${when}.`,
            cancelled: `Ya no participa en el taller «${m.workshop}» (${when}).`,
          }[m.when],
          m.when === 'cancelled' ? 'El evento se retira de su agenda.' : 'El evento adjunto se añade a su agenda.',
        ],
        action: 'Abrir el taller',
      }
    }
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** French sets a no-break space inside « » and before : ; ? ! (and within « 8 h »), so a line never breaks there. */
export function frenchSpacing(text: string): string {
  return text
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»')
    .replace(/ ([:;?!])/g, '\u00a0$1')
}

/** Header lines cannot carry a line break (it would start another header). */
const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ').trim()

const colon = (locale: TemplateLocale) => (locale === 'fr' ? '\u00a0:' : ':')

/** How the unsubscribe line names each topic a person may stop. */
const TOPIC_NAMES: Record<TemplateLocale, Record<MailTopic, string>> = {
  fr: { mention: 'les mentions', reply: 'les réponses', workflow: 'les étapes de validation', due: 'les rappels d’échéance', workshop: 'les ateliers' },
  en: { mention: 'mentions', reply: 'replies', workflow: 'review steps', due: 'due-date reminders', workshop: 'workshops' },
  es: { mention: 'las menciones', reply: 'las respuestas', workflow: 'las etapas de validación', due: 'los recordatorios de plazo', workshop: 'los talleres' },
}

const STOP: Record<TemplateLocale, (topic: string) => string> = {
  fr: (topic) => `Ne plus recevoir de courriels pour ${topic}`,
  en: (topic) => `Stop mail about ${topic}`,
  es: (topic) => `No recibir más correos sobre ${topic}`,
}

/** The body's own sentences, for a digest that gathers several mails into one. */
export type Rendered = Message & { summary: string }

/** A mail in its recipient's language; `unsubscribe` (topic and link) adds the line that stops its kind. */
export function renderMail(locale: TemplateLocale, m: MailInput, unsubscribe: { topic: MailTopic; link: string } | null = null): Rendered {
  const written = words(locale, m)
  const w = locale === 'fr' ? { ...written, subject: frenchSpacing(written.subject), lines: written.lines.map(frenchSpacing) } : written
  const stop = unsubscribe && STOP[locale](TOPIC_NAMES[locale][unsubscribe.topic])
  const text = [
    ...w.lines,
    '',
    `${w.action}${colon(locale)} ${m.link}`,
    '',
    '—',
    w.footer,
    ...(stop ? [`${stop}${colon(locale)} ${unsubscribe.link}`] : []),
  ].join('\n')
  const html = page(
    locale,
    `${w.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
<p><a href="${escapeHtml(m.link)}">${escapeHtml(w.action)}</a></p>`,
    `${escapeHtml(w.footer)}${stop ? `<br><a href="${escapeHtml(unsubscribe.link)}">${escapeHtml(stop)}</a>` : ''}`,
  )
  return { subject: oneLine(w.subject), text, html, summary: w.lines.join(' ') }
}

const page = (
  locale: TemplateLocale,
  body: string,
  footer: string,
) => `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.5">
${body}
<p style="color:#555;font-size:smaller">${footer}</p>
</body></html>`

const DIGEST: Record<TemplateLocale, { subject: (n: number) => string; intro: string; settings: string }> = {
  fr: {
    subject: (n) => (n === 1 ? 'Atelier\u00a0: une nouveauté' : `Atelier\u00a0: ${n} nouveautés`),
    intro: 'Ce qui s’est passé depuis votre dernier récapitulatif\u00a0:',
    settings: 'Choisir ce que vous recevez, et quand',
  },
  en: {
    subject: (n) => (n === 1 ? 'Atelier: one update' : `Atelier: ${n} updates`),
    intro: 'What happened since your last digest:',
    settings: 'Choose what you receive, and when',
  },
  es: {
    subject: (n) => (n === 1 ? 'Atelier: una novedad' : `Atelier: ${n} novedades`),
    intro: 'Lo que ha pasado desde su último resumen:',
    settings: 'Elegir qué recibe y cuándo',
  },
}

/** The daily digest: every notice a person chose to receive once a day, oldest first, each with its link. */
export function renderDigest(locale: TemplateLocale, items: { subject: string; detail: string; link: string }[], settingsLink: string): Message {
  const d = DIGEST[locale]
  const text = [
    d.intro,
    '',
    ...items.flatMap((i) => [`• ${i.subject}`, ...(i.detail ? [`  ${i.detail}`] : []), `  ${i.link}`, '']),
    '—',
    FOOTER[locale],
    `${d.settings}${colon(locale)} ${settingsLink}`,
  ].join('\n')
  const list = items
    .map((i) => `<li><a href="${escapeHtml(i.link)}">${escapeHtml(i.subject)}</a>${i.detail ? `<br>${escapeHtml(i.detail)}` : ''}</li>`)
    .join('\n')
  const html = page(
    locale,
    `<p>${escapeHtml(d.intro)}</p>\n<ul>\n${list}\n</ul>`,
    `${escapeHtml(FOOTER[locale])}<br><a href="${escapeHtml(settingsLink)}">${escapeHtml(d.settings)}</a>`,
  )
  return { subject: oneLine(d.subject(items.length)), text, html }
}
