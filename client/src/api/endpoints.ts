import type { z } from 'zod'
import type {
  CityDetail,
  CityOption,
  DocumentSummary,
  InvitationView,
  LinkResponse,
  MentionableList,
  MeResponse,
  CycleList,
  CycleView,
  NetworkDashboard,
  NetworkOnboarding,
  CityOnboarding,
  CityLocalisation,
  NetworkDetail,
  NotificationList,
  SetupStatus,
  SubmissionCreated,
  WorkflowView,
  WorkshopList,
  WorkshopView,
  Comparison,
  ThreadList,
  ThreadView,
  VersionDetail,
  VersionList,
  VersionSummary,
  PracticeComment,
  PracticeList,
  PracticeSource,
  PracticeView,
  SearchResponse,
  OutboxList,
  MailPreferences,
  MailTopic,
} from '../../../shared/api'
import type {
  AcceptInvitationBody,
  AddCityBody,
  CreateDocumentBody,
  CreateInvitationBody,
  CreateThreadBody,
  EditCommentBody,
  grantRoleBody,
  LoginBody,
  updateDocumentBody,
  ReplyBody,
  cycleBody,
  onboardingItemBody,
  participantBody,
  workshopBody,
  localisationStepBody,
  supportActivityBody,
  resetPasswordBody,
  mailPreferencesBody,
  returnSubmissionBody,
  submitBody,
  validateSubmissionBody,
  SaveVersionBody,
  SetupBody,
  updateMeBody,
  updateMembershipBody,
  updateNetworkBody,
  PublishPracticeBody,
  updatePracticeBody,
  practiceStatusBody,
} from '../../../shared/schemas'
import { api, type RequestOptions } from './client'

/** The review API's answers (the server's contract for suggestion mode). */
export type SuggestionView = {
  id: string
  kind: 'insert' | 'delete' | 'replace'
  text: string
  replaced?: string
  author: { id: string; name: string; city: string | null }
  createdAt: string
}
export type SuggestionDecision = 'accept' | 'reject'

const id = (value: string) => encodeURIComponent(value)
const threads = (documentId: string) => `/api/documents/${id(documentId)}/comments`
const suggestionsPath = (documentId: string) => `/api/documents/${id(documentId)}/suggestions`
const versionsPath = (documentId: string) => `/api/documents/${id(documentId)}/versions`

/** Every endpoint the client calls, typed with the shared contract. */
export const endpoints = {
  setupStatus: (o?: RequestOptions) => api.get<SetupStatus>('/api/setup', o),
  setup: (body: SetupBody) => api.post<MeResponse>('/api/setup', body),
  login: (body: LoginBody) => api.post<MeResponse>('/api/auth/login', body),
  logout: () => api.post<void>('/api/auth/logout'),
  me: (o?: RequestOptions) => api.get<MeResponse>('/api/me', o),
  updateMe: (body: z.input<typeof updateMeBody>) => api.patch<MeResponse>('/api/me', body),
  documents: (o?: RequestOptions) => api.get<DocumentSummary[]>('/api/documents', o),
  document: (documentId: string, o?: RequestOptions) => api.get<DocumentSummary>(`/api/documents/${id(documentId)}`, o),
  createDocument: (body: CreateDocumentBody) => api.post<DocumentSummary>('/api/documents', body),
  updateDocument: (documentId: string, body: z.input<typeof updateDocumentBody>) => api.patch<DocumentSummary>(`/api/documents/${id(documentId)}`, body),
  archiveDocument: (documentId: string) => api.post<void>(`/api/documents/${id(documentId)}/archive`),
  network: (networkId: string, o?: RequestOptions) => api.get<NetworkDetail>(`/api/networks/${id(networkId)}`, o),
  updateNetwork: (networkId: string, body: z.input<typeof updateNetworkBody>) => api.patch<NetworkDetail>(`/api/networks/${id(networkId)}`, body),
  cityCandidates: (networkId: string, o?: RequestOptions) => api.get<CityOption[]>(`/api/networks/${id(networkId)}/city-candidates`, o),
  addCity: (networkId: string, body: AddCityBody) => api.post<NetworkDetail>(`/api/networks/${id(networkId)}/cities`, body),
  updateMembership: (networkId: string, cityId: string, body: z.input<typeof updateMembershipBody>) =>
    api.patch<NetworkDetail>(`/api/networks/${id(networkId)}/cities/${id(cityId)}`, body),
  removeCity: (networkId: string, cityId: string) => api.delete<void>(`/api/networks/${id(networkId)}/cities/${id(cityId)}`),
  city: (cityId: string, o?: RequestOptions) => api.get<CityDetail>(`/api/cities/${id(cityId)}`, o),
  grantRole: (body: z.input<typeof grantRoleBody>) => api.post<{ id: string }>('/api/grants', body),
  revokeGrant: (grantId: string) => api.delete<void>(`/api/grants/${id(grantId)}`),
  createInvitation: (body: CreateInvitationBody) => api.post<LinkResponse>('/api/invitations', body),
  passwordResetLink: (userId: string) => api.post<LinkResponse>(`/api/users/${id(userId)}/password-reset`),
  invitation: (token: string, o?: RequestOptions) => api.get<InvitationView>(`/api/invitations/${id(token)}`, o),
  acceptInvitation: (token: string, body: AcceptInvitationBody) => api.post<MeResponse>(`/api/invitations/${id(token)}/accept`, body),
  requestPasswordReset: (email: string) => api.post<void>('/api/password-resets', { email }),
  resetPassword: (token: string, body: z.input<typeof resetPasswordBody>) => api.post<void>(`/api/password-resets/${id(token)}`, body),
  comments: (documentId: string, o?: RequestOptions) => api.get<ThreadList>(threads(documentId), o),
  createThread: (documentId: string, body: CreateThreadBody) => api.post<ThreadView>(threads(documentId), body),
  reply: (documentId: string, threadId: string, body: ReplyBody) => api.post<ThreadView>(`${threads(documentId)}/${id(threadId)}/replies`, body),
  editComment: (documentId: string, threadId: string, commentId: string, body: EditCommentBody) =>
    api.patch<ThreadView>(`${threads(documentId)}/${id(threadId)}/comments/${id(commentId)}`, body),
  deleteComment: (documentId: string, threadId: string, commentId: string) =>
    api.delete<void>(`${threads(documentId)}/${id(threadId)}/comments/${id(commentId)}`),
  resolveThread: (documentId: string, threadId: string) => api.post<ThreadView>(`${threads(documentId)}/${id(threadId)}/resolve`),
  reopenThread: (documentId: string, threadId: string) => api.post<ThreadView>(`${threads(documentId)}/${id(threadId)}/reopen`),
  suggestions: (documentId: string, o?: RequestOptions) => api.get<{ suggestions: SuggestionView[] }>(suggestionsPath(documentId), o),
  settleSuggestion: (documentId: string, suggestionId: string, decision: SuggestionDecision) =>
    api.post<{ settled: number }>(`${suggestionsPath(documentId)}/${id(suggestionId)}/${decision}`),
  settleAllSuggestions: (documentId: string, decision: SuggestionDecision, authorId?: string) =>
    api.post<{ settled: number }>(`${suggestionsPath(documentId)}/${decision}-all`, authorId ? { authorId } : {}),
  mentionable: (documentId: string, o?: RequestOptions) => api.get<MentionableList>(`/api/documents/${id(documentId)}/mentionable`, o),
  search: (params: Record<string, string>, o?: RequestOptions) => api.get<SearchResponse>(`/api/search?${new URLSearchParams(params)}`, o),
  notifications: (o?: RequestOptions) => api.get<NotificationList>('/api/notifications', o),
  markNotificationRead: (notificationId: string) => api.post<void>(`/api/notifications/${id(notificationId)}/read`),
  markAllNotificationsRead: () => api.post<void>('/api/notifications/read-all'),
  versions: (documentId: string, o?: RequestOptions) => api.get<VersionList>(versionsPath(documentId), o),
  saveVersion: (documentId: string, body: SaveVersionBody) => api.post<VersionSummary>(versionsPath(documentId), body),
  version: (documentId: string, versionId: string, o?: RequestOptions) => api.get<VersionDetail>(`${versionsPath(documentId)}/${id(versionId)}`, o),
  renameVersion: (documentId: string, versionId: string, body: SaveVersionBody) =>
    api.patch<VersionSummary>(`${versionsPath(documentId)}/${id(versionId)}`, body),
  deleteVersion: (documentId: string, versionId: string) => api.delete<void>(`${versionsPath(documentId)}/${id(versionId)}`),
  lockVersion: (documentId: string, versionId: string) => api.post<VersionSummary>(`${versionsPath(documentId)}/${id(versionId)}/lock`),
  restoreVersion: (documentId: string, versionId: string) => api.post<VersionSummary>(`${versionsPath(documentId)}/${id(versionId)}/restore`),
  compare: (documentId: string, from: string, to: string, o?: RequestOptions) =>
    api.get<Comparison>(`/api/documents/${id(documentId)}/compare?${new URLSearchParams({ from, to })}`, o),
  onboarding: (networkId: string, o?: RequestOptions) => api.get<NetworkOnboarding>(`/api/networks/${id(networkId)}/onboarding`, o),
  tickOnboarding: (networkId: string, cityId: string, key: string, body: z.input<typeof onboardingItemBody>) =>
    api.patch<CityOnboarding>(`/api/networks/${id(networkId)}/cities/${id(cityId)}/onboarding/items/${id(key)}`, body),
  myWorkshops: (o?: RequestOptions) => api.get<WorkshopList>('/api/workshops', o),
  mailPreferences: (o?: RequestOptions) => api.get<MailPreferences>('/api/me/mail', o),
  saveMailPreferences: (body: z.input<typeof mailPreferencesBody>) => api.put<MailPreferences>('/api/me/mail', body),
  unsubscribe: (token: string, topic: MailTopic) => api.post<void>('/api/mail/unsubscribe', { token, topic }),
  outbox: (networkId: string, o?: RequestOptions) => api.get<OutboxList>(`/api/networks/${id(networkId)}/outbox`, o),
  networkWorkshops: (networkId: string, o?: RequestOptions) => api.get<WorkshopList>(`/api/networks/${id(networkId)}/workshops`, o),
  createWorkshop: (networkId: string, body: z.input<typeof workshopBody>) => api.post<WorkshopView>(`/api/networks/${id(networkId)}/workshops`, body),
  workshop: (workshopId: string, o?: RequestOptions) => api.get<WorkshopView>(`/api/workshops/${id(workshopId)}`, o),
  updateWorkshop: (workshopId: string, body: z.input<typeof workshopBody>) => api.patch<WorkshopView>(`/api/workshops/${id(workshopId)}`, body),
  addParticipant: (workshopId: string, body: z.input<typeof participantBody>) => api.post<WorkshopView>(`/api/workshops/${id(workshopId)}/participants`, body),
  removeParticipant: (workshopId: string, participantId: string) => api.delete<void>(`/api/workshops/${id(workshopId)}/participants/${id(participantId)}`),
  participantInvitation: (workshopId: string, participantId: string) =>
    api.post<LinkResponse>(`/api/workshops/${id(workshopId)}/participants/${id(participantId)}/invitation`),
  startVisitReport: (networkId: string, cityId: string) =>
    api.post<DocumentSummary>(`/api/networks/${id(networkId)}/cities/${id(cityId)}/onboarding/visit/report`),
  localisation: (cityId: string, o?: RequestOptions) => api.get<CityLocalisation>(`/api/cities/${id(cityId)}/localisation`, o),
  updateLocalisationStep: (cityId: string, key: string, body: z.input<typeof localisationStepBody>) =>
    api.patch<CityLocalisation>(`/api/cities/${id(cityId)}/localisation/steps/${id(key)}`, body),
  updateSupportActivity: (cityId: string, key: string, body: z.input<typeof supportActivityBody>) =>
    api.patch<CityLocalisation>(`/api/cities/${id(cityId)}/localisation/support/${id(key)}`, body),
  dashboard: (networkId: string, o?: RequestOptions) => api.get<NetworkDashboard>(`/api/networks/${id(networkId)}/dashboard`, o),
  cycles: (documentId: string, o?: RequestOptions) => api.get<CycleList>(`/api/documents/${id(documentId)}/cycles`, o),
  addCycle: (documentId: string, body: z.input<typeof cycleBody>) => api.post<CycleView>(`/api/documents/${id(documentId)}/cycles`, body),
  updateCycle: (documentId: string, cycleId: string, body: z.input<typeof cycleBody>) =>
    api.put<CycleView>(`/api/documents/${id(documentId)}/cycles/${id(cycleId)}`, body),
  deleteCycle: (documentId: string, cycleId: string) => api.delete<void>(`/api/documents/${id(documentId)}/cycles/${id(cycleId)}`),
  workflow: (documentId: string, o?: RequestOptions) => api.get<WorkflowView>(`/api/documents/${id(documentId)}/workflow`, o),
  submit: (documentId: string, body: z.input<typeof submitBody>) => api.post<SubmissionCreated>(`/api/documents/${id(documentId)}/submissions`, body),
  returnSubmission: (documentId: string, submissionId: string, body: z.input<typeof returnSubmissionBody>) =>
    api.post<WorkflowView>(`/api/documents/${id(documentId)}/submissions/${id(submissionId)}/return`, body),
  validateSubmission: (documentId: string, submissionId: string, body: z.input<typeof validateSubmissionBody>) =>
    api.post<WorkflowView>(`/api/documents/${id(documentId)}/submissions/${id(submissionId)}/validate`, body),
  // The good-practices observatory. `filters` are the list's query: q, theme, axis, city, network, region.
  practices: (filters: Record<string, string>, o?: RequestOptions) => api.get<PracticeList>(`/api/practices?${new URLSearchParams(filters)}`, o),
  practiceSource: (documentId: string, o?: RequestOptions) => api.get<PracticeSource>(`/api/practices/source?${new URLSearchParams({ documentId })}`, o),
  publishPractice: (body: PublishPracticeBody) => api.post<PracticeView>('/api/practices', body),
  practice: (practiceId: string, o?: RequestOptions) => api.get<PracticeView>(`/api/practices/${id(practiceId)}`, o),
  updatePractice: (practiceId: string, body: z.input<typeof updatePracticeBody>) => api.patch<PracticeView>(`/api/practices/${id(practiceId)}`, body),
  deletePractice: (practiceId: string) => api.delete<void>(`/api/practices/${id(practiceId)}`),
  republishPractice: (practiceId: string) => api.post<PracticeView>(`/api/practices/${id(practiceId)}/republish`),
  practiceStatus: (practiceId: string, body: z.input<typeof practiceStatusBody>) => api.patch<PracticeView>(`/api/practices/${id(practiceId)}/status`, body),
  commentPractice: (practiceId: string, body: string) => api.post<PracticeComment>(`/api/practices/${id(practiceId)}/comments`, { body }),
}
