import type { z } from 'zod'
import type { DocumentSummary, InvitationView, MeResponse, SetupStatus } from '../../../shared/api'
import type {
  AcceptInvitationBody,
  CreateDocumentBody,
  LoginBody,
  renameDocumentBody,
  resetPasswordBody,
  SetupBody,
  updateMeBody,
} from '../../../shared/schemas'
import { api, type RequestOptions } from './client'

const id = (value: string) => encodeURIComponent(value)

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
  renameDocument: (documentId: string, body: z.input<typeof renameDocumentBody>) =>
    api.patch<DocumentSummary>(`/api/documents/${id(documentId)}`, body),
  archiveDocument: (documentId: string) => api.post<void>(`/api/documents/${id(documentId)}/archive`),
  invitation: (token: string, o?: RequestOptions) => api.get<InvitationView>(`/api/invitations/${id(token)}`, o),
  acceptInvitation: (token: string, body: AcceptInvitationBody) =>
    api.post<MeResponse>(`/api/invitations/${id(token)}/accept`, body),
  resetPassword: (token: string, body: z.input<typeof resetPasswordBody>) =>
    api.post<void>(`/api/password-resets/${id(token)}`, body),
}
