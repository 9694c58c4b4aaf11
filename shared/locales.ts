/** The languages of the interface and of the templates. French first. Apart from templates.ts so the first page loads no template. */
export const LOCALES = ['fr', 'en', 'es'] as const
export type TemplateLocale = (typeof LOCALES)[number]
